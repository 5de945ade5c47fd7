#!/usr/bin/env bats
# The history: the namespace's last messages, read as a netlink dump.

load helpers

teardown() {
	[ -z "${SETTER_PID:-}" ] || kill "$SETTER_PID" 2>/dev/null || true
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
	reload_module history_len=1000
	nlprobe set-many 999 --prefix "$(printf 'long %.0s' {1..40})"
	# Messages keep coming while the history is read, again and again.
	(while :; do /usr/bin/hellonl set "meanwhile"; sleep 0.2; done) &
	SETTER_PID=$!
	local tries=0
	until grep -q "reading it again" "$BATS_TEST_TMPDIR/err" 2>/dev/null; do
		tries=$((tries + 1))
		[ "$tries" -le 200 ]
		hellonl -j history > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err"
		# What it printed is one consistent history: 1000 numbers in a row.
		python3 -c '
import json, sys
seqs = [e["seq"] for e in json.load(open(sys.argv[1]))]
assert len(seqs) == 1000 and seqs == list(range(seqs[0], seqs[0] + 1000)), seqs[:3]
' "$BATS_TEST_TMPDIR/out"
	done
	run cat "$BATS_TEST_TMPDIR/err"
	assert_line "hellonl: history changed while it was read; reading it again"
}
