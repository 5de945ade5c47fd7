#!/usr/bin/env bats
# Output for programs (-j) and for people.

load helpers

# A message with everything JSON must escape: quotes, backslashes, control
# characters, and text beyond ASCII.
TRICKY=$'say "hi" \\ back\\slash\ttab\nnewline \x01 \x1f del\x7f é ✓ 🐧'

# Does the JSON value at PATH (a Python expression on `v`) equal TRICKY?
json_has_tricky() {
	python3 -c '
import json, sys
v = json.load(sys.stdin)
got = eval(sys.argv[1])
assert got == sys.argv[2], repr(got)
print("same")' "$1" "$TRICKY"
}

@test "get -j escapes quotes, backslashes, control characters and keeps UTF-8" {
	hellonl set "$TRICKY"
	run bash -c 'hellonl -j get | python3 -c "import sys; print(sys.stdin.read().count(chr(10)))"'
	assert_output 1	# one line: the newline inside is escaped
	hellonl -j get > "$BATS_TEST_TMPDIR/get.json"
	run json_has_tricky 'v["message"]' < "$BATS_TEST_TMPDIR/get.json"
	assert_output same
	run cat "$BATS_TEST_TMPDIR/get.json"
	assert_output --partial '"message":"say \"hi\" \\ back\\slash\ttab\nnewline \u0001 \u001f del\u007f é ✓ 🐧"'
}

@test "history -j and monitor -j escape the same way" {
	JSON=1 start_monitor "$BATS_TEST_TMPDIR/monitor.json" --count 1 --timeout 60
	hellonl set "$TRICKY"
	wait "$MONITOR_PID"
	run json_has_tricky 'v["message"]' < "$BATS_TEST_TMPDIR/monitor.json"
	assert_output same
	hellonl -j history > "$BATS_TEST_TMPDIR/history.json"
	run json_has_tricky 'v[-1]["message"]' < "$BATS_TEST_TMPDIR/history.json"
	assert_output same
}

@test "every command's -j output is valid JSON" {
	hellonl set "plain"
	local commands=("-j get" "-j history" "-j stats" "-j ping -c 1")
	# BEGIN hellonl-only: the tutorial's protocol
	commands+=("--legacy -j get")
	# END hellonl-only
	for command in "${commands[@]}"; do
		read -ra words <<<"$command"
		hellonl "${words[@]}" > "$BATS_TEST_TMPDIR/out"
		run python3 -c 'import json, sys; json.load(open(sys.argv[1])); print("valid")' "$BATS_TEST_TMPDIR/out"
		assert_output valid
	done
}

@test "human output keeps one message to one line, its columns aligned" {
	hellonl set "$TRICKY"
	hellonl set "short"
	run hellonl history
	assert_line --regexp 'say "hi" \\\\ back\\\\slash\\ttab\\nnewline \\x01 \\x1f del\\x7f é ✓ 🐧$'
	# Every column ends where its heading does; MESSAGE starts after two spaces.
	run python3 -c '
import sys
lines = sys.stdin.read().splitlines()
head = lines[0]
for name in ("SEQ", "PID", "UID"):
    end = head.index(name) + len(name)
    assert all(l[end - 1] != " " and l[end] == " " for l in lines), name
col = head.index("MESSAGE")
assert all(l[col - 2:col] == "  " and l[col] != " " for l in lines), lines
print("aligned")' < <(hellonl history)
	assert_output aligned
}
