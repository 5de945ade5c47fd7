#!/usr/bin/env bats
# A minute of 8 clients at once, while another loop unloads and loads the
# module again and again: every answer is right or a clean error, and the
# kernel neither oopses nor hangs.

load helpers

DURATION=${HELLONL_STRESS_SECONDS:-60}

teardown() {
	modprobe hellonl
	hellonl_teardown
}

# client NAME CMD...: run CMD until the time is up; log each outcome.
client() {
	local name=$1
	shift
	local end=$((SECONDS + DURATION))
	while [ "$SECONDS" -lt "$end" ]; do
		local out status=0
		out=$(timeout 30 "$@" 2>&1) || status=$?
		printf '%s\t%s\t%s\n' "$status" "$name" "$(tr '\n' '|' <<<"$out")"
	done > "$BATS_TEST_TMPDIR/$name.log"
}

@test "8 clients and a reload loop for a minute: right answers or clean errors" {
	hellonl set "start"
	local pids=() i
	for i in 1 2; do
		client "set$i" /usr/bin/hellonl set "message $i" & pids+=($!)
		client "get$i" /usr/bin/hellonl get & pids+=($!)
		client "history$i" /usr/bin/hellonl history & pids+=($!)
		client "monitor$i" /usr/bin/hellonl monitor --timeout 3 & pids+=($!)
	done
	local end=$((SECONDS + DURATION)) reloads=0
	while [ "$SECONDS" -lt "$end" ]; do
		modprobe -r hellonl 2>/dev/null && reloads=$((reloads + 1))
		sleep 0.5
		modprobe hellonl
		sleep 0.5
	done
	wait "${pids[@]}"

	cat "$BATS_TEST_TMPDIR"/*.log > "$BATS_TEST_TMPDIR/all"
	echo "$reloads reloads, $(wc -l < "$BATS_TEST_TMPDIR/all") requests" >&3
	# Right answers: 0 with the expected output. Clean errors: 3 when the
	# module is away, or 1 and 4 with one "hellonl:" line naming why.
	run python3 - "$BATS_TEST_TMPDIR/all" <<'CHECK'
import re, sys
# What each client prints when it succeeds, line by line.
message = r"(start|message [12]|I know you!)"
right = {
    "set": r"",
    "get": message,
    "history": r"SEQ +TIME +PID +UID +MESSAGE|\s*\d+ +[\d-]+ [\d:.]+ +\d+ +\d+  " + message
               + r"|hellonl: history changed while it was read; reading it again",
    "monitor": r"[\d-]+ [\d:.]+ (changed|current) +seq=\d+ pid=\d+ uid=0 message=" + message
               + r"|lost \d+ events: seq \d+ to \d+",
}
bad, counts = [], {}
for line in open(sys.argv[1]):
    status, name, out = line.rstrip("\n").split("\t")
    kind = name.rstrip("12")
    out = out.rstrip("|")
    counts[status] = counts.get(status, 0) + 1
    lines = [l for l in out.split("|") if l]
    must_say = kind in ("get", "history")
    if status == "0" and (lines or not must_say) and \
            all(re.fullmatch(right[kind], l) for l in lines):
        continue
    if status in ("1", "3", "4") and re.fullmatch(r"hellonl: [^|]+", out):
        continue
    bad.append(line)
print("outcomes by exit status:", sorted(counts.items()))
print("".join(bad[:10]) or "all clean")
CHECK
	assert_line "all clean"
	assert [ "$reloads" -gt 5 ]

	# The module still unloads and loads cleanly.
	modprobe -r hellonl
	modprobe hellonl
	run hellonl get
	assert_output "I know you!"
}
