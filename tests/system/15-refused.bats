#!/usr/bin/env bats
# Requests the kernel refuses get a clear error, exit status 1, and change
# nothing.

load helpers

setup() {
	hellonl_setup
	hellonl set "before"
	SETS_BEFORE=$(hellonl stats | awk '$1 == "sets" { print $2 }')
}

# The message is still "before", and no SET was counted.
assert_unchanged() {
	run hellonl get
	assert_output "before"
	run hellonl stats
	assert_line --regexp "^sets +$SETS_BEFORE\$"
}

@test "an unprivileged user cannot set: Operation not permitted" {
	run as_user hellonl set "from a user"
	assert_failure 1
	assert_output "hellonl: set: Operation not permitted"
	assert_unchanged
}

@test "an unprivileged user can get" {
	run as_user hellonl get
	assert_success
	assert_output "before"
}

@test "a message over 255 bytes is refused, naming the limit" {
	run hellonl set "$(printf 'x%.0s' {1..256})"
	assert_failure 1
	assert_output --partial "message longer than 255 bytes"
	assert_unchanged
}

@test "an empty message is refused" {
	run hellonl set ""
	assert_failure 1
	assert_output "hellonl: set: message is empty (Invalid argument)"
	assert_unchanged
}

@test "a message that is not UTF-8 is refused" {
	run hellonl set $'latin-1 \xe9t\xe9'
	assert_failure 1
	assert_output "hellonl: set: message is not valid UTF-8 (Invalid argument)"
	assert_unchanged
}

@test "a heartbeat period out of range is refused, naming the range" {
	for period in 1 5 9; do
		run hellonl set --heartbeat "$period"
		assert_failure 1
		assert_output "hellonl: set: heartbeat period must be 0 (off) or 10 to 3600000 ms (Numerical result out of range)"
	done
	run hellonl set --heartbeat 3600001 "not stored either"
	assert_failure 1
	assert_unchanged
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":0'
}

@test "the longest heartbeat period, an hour, is accepted" {
	run hellonl set --heartbeat 3600000
	assert_success
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":3600000'
	hellonl set --heartbeat 0
}

@test "a SET with nothing to set, and an ECHO without a payload, are refused, saying so" {
	local refused
	refused=$(stat_of refused)
	run nlprobe bad set-nothing
	assert_output "error EINVAL: nothing to set: give a message, a heartbeat period or both"
	run nlprobe bad echo-without-payload
	assert_output "error EINVAL: ECHO needs a payload"
	assert_unchanged
	assert_equal "$(stat_of refused)" "$((refused + 2))"
}
