#!/usr/bin/env bats
# A minute or more of clients at once, while another loop unloads and
# loads the module again and again: every answer is right or a clean
# error, and the kernel neither oopses nor hangs.

load helpers

DURATION=${HELLONL_STRESS_SECONDS:-60}

teardown() {
	local i
	for i in $(seq 1 8); do ip netns del "race$i" 2>/dev/null || true; done
	modprobe hellonl
	reload_module
	hellonl_teardown
}

# A file the clients stop at: the loop that reloads the module makes it
# when it has done enough.
STOP=$BATS_TEST_TMPDIR/stop

# client NAME CMD...: run CMD until $STOP exists; log each outcome. The
# timeout catches a hang: nine clients and the reloads share a guest CPU,
# and the guest may have a third of a host core, so a python3 client has
# taken over 30 s.
client() {
	local name=$1
	shift
	while [ ! -e "$STOP" ]; do
		local out status=0
		out=$(timeout 120 "$@" 2>&1) || status=$?
		printf '%s\t%s\t%s\n' "$status" "$name" "$(tr '\n' '|' <<<"$out")"
	done > "$BATS_TEST_TMPDIR/$name.log"
}

# Is the module unused: does no socket or dump hold it?
module_unused() {
	[ "$(cat /sys/module/hellonl/refcnt)" = 0 ]
}

@test "8 clients, a paused dump and a 10 ms heartbeat, while the module reloads for a minute: right answers or clean errors" {
	modprobe -r hellonl
	modprobe hellonl heartbeat_ms=10
	hellonl set "start"
	local pids=() i
	for i in 1 2; do
		client "set$i" /usr/bin/hellonl set "message $i" & pids+=($!)
		client "get$i" /usr/bin/hellonl get & pids+=($!)
		client "history$i" /usr/bin/hellonl history & pids+=($!)
		client "monitor$i" /usr/bin/hellonl monitor --timeout 3 & pids+=($!)
	done
	# A history dump that stops for 1.5 s after its first datagram, holding
	# the module: an unload then is refused as in use.
	client dump python3 -S "$TOOLS/nlprobe.py" dump-pause --hold 1.5 & pids+=($!)
	# A minute and at least six reloads: a debug kernel reloads slowly.
	local end=$((SECONDS + DURATION)) limit=$((SECONDS + 4 * DURATION))
	local reloads=0 in_use=0 out
	: > "$BATS_TEST_TMPDIR/unloads"
	while [ "$SECONDS" -lt "$limit" ] && { [ "$SECONDS" -lt "$end" ] || [ "$reloads" -le 5 ]; }; do
		if out=$(modprobe -r hellonl 2>&1); then
			reloads=$((reloads + 1))
		else
			in_use=$((in_use + 1))
			echo "$out" >> "$BATS_TEST_TMPDIR/unloads"
		fi
		sleep 0.5
		modprobe hellonl heartbeat_ms=10
		sleep 0.5
	done
	touch "$STOP"
	wait "${pids[@]}"

	cat "$BATS_TEST_TMPDIR"/*.log > "$BATS_TEST_TMPDIR/all"
	echo "$reloads reloads, $in_use unloads refused, $(wc -l < "$BATS_TEST_TMPDIR/all") requests" >&3
	cut -f1,3 "$BATS_TEST_TMPDIR/dump.log" | sed 's/[0-9]\+ entries/N entries/; s/seq [0-9]* to [0-9]*/seq A to B/' |
		sort | uniq -c | sed 's/^/  dumps: /' >&3
	# A refused unload must say why: a paused dump holds the module. kmod
	# says so when it sees the count; the kernel says EAGAIN when the dump
	# began after kmod looked.
	run grep -vE "^modprobe: (FATAL: Module hellonl is in use\.|ERROR: could not remove 'hellonl': Resource temporarily unavailable)\$" \
		"$BATS_TEST_TMPDIR/unloads"
	assert_output ""
	assert [ "$reloads" -gt 5 ]
	# Right answers: 0 with the expected output. Clean errors: 1, 3 or 4,
	# with what came before right, and one "hellonl:" line naming why.
	run python3 - "$BATS_TEST_TMPDIR/all" <<'CHECK'
import re, sys
# What each client prints when it succeeds, line by line.
message = r"(start|message [12]|I know you!)"
when = r"[\d-]+ [\d:.]+ "
right = {
    "set": r"",
    "get": message,
    "history": r"SEQ +TIME +PID +UID +MESSAGE|\s*\d+ +[\d-]+ [\d:.]+ +\d+ +\d+  " + message
               + r"|hellonl: history changed while it was read; reading it again",
    "monitor": when + r"(changed|current) +seq=\d+ pid=\d+ uid=0 message=" + message
               + r"|" + when + r"heartbeat +beat=\d+ seq=\d+"
               + r"|lost \d+ events: seq \d+ to \d+",
    "dump": r"\d+ entries in \d+ datagrams, seq \d+ to \d+, consecutive, (not )?interrupted",
}
bad, counts = [], {}
for line in open(sys.argv[1]):
    status, name, out = line.rstrip("\n").split("\t")
    kind = name.rstrip("12")
    lines = [l for l in out.split("|") if l]
    counts[status] = counts.get(status, 0) + 1
    must_say = kind in ("get", "history", "dump")
    if status == "0" and (lines or not must_say) and \
            all(re.fullmatch(right[kind], l) for l in lines):
        continue
    if status in ("1", "3", "4") and lines and \
            re.fullmatch(r"(hellonl|nlprobe): .+", lines[-1]) and \
            all(re.fullmatch(right[kind], l) for l in lines[:-1]):
        continue
    bad.append(line)
print("outcomes by exit status:", sorted(counts.items()))
print("".join(bad[:10]) or "all clean")
CHECK
	echo "$output" >&3
	assert_line "all clean"
	# It raced: requests were answered, and some found the module gone.
	assert_line --regexp "\('0', [1-9][0-9]*\)"
	assert_line --regexp "\('3', [1-9][0-9]*\)"

	# The module still unloads and loads cleanly.
	modprobe -r hellonl
	modprobe hellonl
	run hellonl get
	assert_output "I know you!"
}

# BEGIN hellonl-only: the tutorial's protocol
@test "legacy requests in 8 namespaces while the module loads again and again: answers or clean errors" {
	# The legacy socket of each namespace takes requests as soon as it
	# exists, while the module is still loading: its replies must not
	# depend on anything set after that.
	local i pids=() loads=0 seconds=$((DURATION / 2))
	for i in $(seq 1 8); do
		ip netns add "race$i"
	done
	for i in $(seq 1 8); do
		# They stop at $STOP: their own limit is only a backstop, well
		# after the loop's, whose last round may run long.
		ip netns exec "race$i" timeout $((8 * seconds + 60)) python3 -S "$TOOLS/nlprobe.py" \
			legacy-hammer $((8 * seconds)) --hold "$BATS_TEST_TMPDIR/hold" --stop "$STOP" \
			> "$BATS_TEST_TMPDIR/race$i.log" &
		pids+=($!)
	done
	# Half a minute and at least six loads.
	local end=$((SECONDS + seconds)) limit=$((SECONDS + 4 * seconds))
	while [ "$SECONDS" -lt "$limit" ] && { [ "$SECONDS" -lt "$end" ] || [ "$loads" -le 5 ]; }; do
		# Let the clients close their sockets, which hold the module.
		touch "$BATS_TEST_TMPDIR/hold"
		wait_until module_unused
		modprobe -r hellonl && loads=$((loads + 1))
		rm "$BATS_TEST_TMPDIR/hold"
		sleep 0.2
		modprobe hellonl
		sleep 0.5
	done
	touch "$STOP"
	wait "${pids[@]}"
	echo "$loads loads; $(cat "$BATS_TEST_TMPDIR"/race*.log | tr '\n' ';')" >&3
	assert [ "$loads" -gt 5 ]
	# The outcomes: legacy answers, sockets refused while the module was
	# away (it also loads on demand), requests refused before their
	# namespace's socket existed, and nothing else.
	run sh -c 'cat "$1"/race*.log | tr " " "\n" | sed "s/=.*//" | sort -u' sh "$BATS_TEST_TMPDIR"
	assert_line legacy
	run grep -vxE 'legacy|socket-EPROTONOSUPPORT|send-ECONNREFUSED' <<<"$output"
	assert_output ""
}
# END hellonl-only
