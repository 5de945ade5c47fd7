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
	run hellonl set --heartbeat 5
	assert_failure 1
	assert_output --partial "heartbeat period must be 0 (off) or 10 to 3600000 ms"
	run hellonl set --heartbeat 3600001 "not stored either"
	assert_failure 1
	assert_unchanged
}
