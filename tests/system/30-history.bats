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

@test "history_len 1 keeps the one message, 255 bytes whole" {
	reload_module history_len=1
	run nlprobe set-many 3 --prefix "full " --length 255
	assert_output "set 3"
	run hellonl -j history
	run python3 -c '
import json, sys
entries = json.loads(sys.argv[1])
assert [e["seq"] for e in entries] == [3], entries
print(entries[0]["message"])' "$output"
	assert_output "full 2$(printf 'x%.0s' {1..249})"
}

@test "history_len 4096 keeps 4096 messages of 255 bytes, dumped whole" {
	reload_module history_len=4096
	run nlprobe set-many 4096 --prefix "full " --length 255
	assert_output "set 4096"
	hellonl -j history > "$BATS_TEST_TMPDIR/history.json"
	run python3 -c '
import json, sys
entries = json.load(open(sys.argv[1]))
assert [e["seq"] for e in entries] == list(range(1, 4097)), "seqs"
assert all(len(e["message"]) == 255 for e in entries), "lengths"
assert entries[-1]["message"].startswith("full 4095x"), entries[-1]["message"]
print(len(entries))' "$BATS_TEST_TMPDIR/history.json"
	assert_output 4096
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

@test "a dump whose unread entries were pushed out while it paused is flagged, and resumes at the oldest left" {
	# More full messages than the first datagram of a dump holds.
	reload_module history_len=600
	nlprobe set-many 599 --prefix "full " --length 255
	nlprobe dump-pause "$BATS_TEST_TMPDIR" > "$BATS_TEST_TMPDIR/dump" &
	local pid=$!
	wait_until test -e "$BATS_TEST_TMPDIR/paused"
	# 700 more: every entry the dump has not sent yet is overwritten.
	nlprobe set-many 700 --prefix "after "
	touch "$BATS_TEST_TMPDIR/go"
	wait "$pid"
	run cat "$BATS_TEST_TMPDIR/dump"
	# The first datagram's entries, then the 600 kept now: 700 to 1299.
	assert_output --regexp '^[0-9]+ entries in [2-9] datagrams, seq 0 to 1299, 1 gap, interrupted$'
	local entries
	entries=$(sed 's/ entries.*//' "$BATS_TEST_TMPDIR/dump")
	assert [ "$entries" -gt 600 ]
	assert [ "$entries" -lt 1200 ]
}

@test "modprobe -r while a dump is paused is refused as in use, and the dump then completes" {
	reload_module history_len=200
	nlprobe set-many 199 --prefix "$(printf 'long %.0s' {1..40})"
	nlprobe dump-pause "$BATS_TEST_TMPDIR" > "$BATS_TEST_TMPDIR/dump" &
	local pid=$!
	wait_until test -e "$BATS_TEST_TMPDIR/paused"
	run modprobe -r hellonl
	assert_failure
	assert_output --partial "Module hellonl is in use"
	touch "$BATS_TEST_TMPDIR/go"
	wait "$pid"
	run cat "$BATS_TEST_TMPDIR/dump"
	assert_output --regexp '^200 entries in [2-9] datagrams, seq 0 to 199, consecutive, not interrupted$'
	modprobe -r hellonl
	modprobe hellonl
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
