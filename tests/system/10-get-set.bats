#!/usr/bin/env bats
# Reading and changing the message, the way the README shows it.

load helpers

@test "get prints the greeting" {
	run hellonl get
	assert_success
	assert_output "I know you!"
}

@test "set then get round-trips a message with spaces" {
	run hellonl set "hello there, kernel"
	assert_success
	assert_output ""
	run hellonl get
	assert_output "hello there, kernel"
}

@test "set then get round-trips non-ASCII UTF-8" {
	hellonl set "grüße, ядро, 核心 ✓ 🐧"
	run hellonl get
	assert_output "grüße, ядро, 核心 ✓ 🐧"
}

@test "a message of exactly 255 bytes is accepted whole" {
	local message
	message=$(printf 'é%.0s' {1..127})x	# 127 two-byte letters and one
	[ "${#message}" -eq 128 ]
	run hellonl set "$message"
	assert_success
	run hellonl get
	assert_output "$message"
}

# BEGIN hellonl-only: the tutorial's protocol
@test "-S and -G are the tutorial's set and get" {
	run hellonl -S "set the old way"
	assert_success
	run hellonl -G anything
	assert_success
	assert_output "set the old way"
}
# END hellonl-only

@test "get -v says who set the message and when" {
	hellonl set "verbose"
	run hellonl get -v
	assert_line --regexp '^message +verbose$'
	assert_line --regexp '^seq +[0-9]+$'
	assert_line --regexp '^set by +pid [0-9]+, uid 0$'
	assert_line --regexp "^set at +$(date +%Y-%m-%d) "
	assert_line --regexp '^heartbeat +off$'
}

@test "--version and --help answer without the module" {
	run hellonl --version
	assert_success
	assert_output --regexp '^hellonl [0-9]+\.[0-9]+\.[0-9]+$'
	run hellonl --help
	assert_success
	assert_line --partial "Exit status"
}

# stdout_closed CMD...: run CMD with a stdout whose reader has gone, and
# print its exit status and what it said on stderr.
stdout_closed() {
	python3 -c '
import os, subprocess, sys
read, write = os.pipe()
os.close(read)
done = subprocess.run(sys.argv[1:], stdout=write, stderr=subprocess.PIPE)
print(done.returncode, done.stderr.decode(), end="")' "$@"
}

@test "a failed write is an error, exit 4 with the reason; a reader that left is not" {
	local commands=("--version" "--help" "get" "get -v" "history" "stats")
	# BEGIN hellonl-only: the tutorial's protocol
	commands+=("--legacy get")
	# END hellonl-only
	for command in "${commands[@]}"; do
		read -ra words <<<"$command"
		run sh -c '/usr/bin/hellonl "$@" > /dev/full' sh "${words[@]}"
		assert_failure 4
		assert_output "hellonl: write error: No space left on device"
		run stdout_closed /usr/bin/hellonl "${words[@]}"
		assert_output "0 "
	done
}

@test "a wrong command line exits 2 and says how to get help" {
	run hellonl frobnicate
	assert_failure 2
	assert_output --partial "unknown command 'frobnicate'"
	assert_output --partial "Try 'hellonl --help'."
	run hellonl set one two
	assert_failure 2
	assert_output --partial "quote it"
	run hellonl get --bogus
	assert_failure 2
}
