#!/usr/bin/env bats
# The history: the namespace's last messages, read as a netlink dump.

load helpers

teardown() {
	reload_module
	hellonl_teardown
}

# The sequence numbers of `hellonl -j history`, on one line.
history_seqs() {
	hellonl -j history | python3 -c '
import json, sys
print(" ".join(str(e["seq"]) for e in json.load(sys.stdin)))'
}

@test "history lists the messages oldest first, with who set them and when" {
	reload_module
	hellonl set "one"
	hellonl set "two words"
	run hellonl history
	assert_success
	assert_line --index 0 --regexp '^SEQ +TIME +PID +UID +MESSAGE$'
	assert_line --index 1 --regexp "^  0 +$(date +%Y-%m-%d) [0-9:.]+ +0 +0  I know you!\$"
	assert_line --index 2 --regexp "^  1 +$(date +%Y-%m-%d) [0-9:.]+ +[0-9]+ +0  one\$"
	assert_line --index 3 --regexp "^  2 +.* +0  two words\$"
	assert_equal "${#lines[@]}" 4
}

@test "history keeps the last history_len messages" {
	reload_module history_len=4
	for i in 1 2 3 4 5 6; do hellonl set "message $i"; done
	run history_seqs
	assert_output "3 4 5 6"
	run hellonl history
	assert_line --index 4 --regexp '  message 6$'
}

@test "a history of many datagrams is dumped whole and in order" {
	reload_module history_len=600
	nlprobe set-many 599 --prefix "$(printf 'long %.0s' {1..40})"
	run history_seqs
	assert_output "$(seq -s ' ' 0 599)"
	# A SET after the first of the dump's datagrams: the dump goes on to
	# the new message, 601 entries in all, and is flagged as interrupted.
	run nlprobe dump-interrupted
	assert_output --regexp '^601 entries in ([2-9]|[1-9][0-9]+) datagrams, interrupted$'
}

@test "a dump that nothing interrupts is not flagged" {
	reload_module history_len=600
	nlprobe set-many 599 --prefix "$(printf 'long %.0s' {1..40})"
	run hellonl history
	assert_success
	assert_equal "${#lines[@]}" 601
	refute_output --partial "reading it again"
}

@test "the CLI reads a history that changed during the dump again" {
	reload_module history_len=300
	nlprobe set-many 299 --prefix "$(printf 'long %.0s' {1..40})"
	# Hold the CLI still after the dump's first datagram, set a message,
	# and let it go on: the kernel flags the rest of the dump.
	cc -shared -fPIC -o "$BATS_TEST_TMPDIR/pause-dump.so" "$TOOLS/pause-dump.c" -ldl
	PAUSE_DIR=$BATS_TEST_TMPDIR LD_PRELOAD=$BATS_TEST_TMPDIR/pause-dump.so \
		/usr/bin/hellonl -j history > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	local pid=$!
	wait_until test -e "$BATS_TEST_TMPDIR/paused"
	hellonl set "during the dump"
	touch "$BATS_TEST_TMPDIR/go"
	wait "$pid"

	run cat "$BATS_TEST_TMPDIR/err"
	assert_output "hellonl: history changed while it was read; reading it again"
	# What it printed is the history after the change, whole.
	run python3 -c '
import json, sys
entries = json.load(open(sys.argv[1]))
seqs = [e["seq"] for e in entries]
assert seqs == list(range(1, 301)), seqs[:3]
print(entries[-1]["message"])' "$BATS_TEST_TMPDIR/out"
	assert_output "during the dump"
}
