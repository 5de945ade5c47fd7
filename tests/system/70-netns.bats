#!/usr/bin/env bats
# Each network namespace has a state of its own: message, history, events
# and counters.

load helpers

setup() {
	hellonl_setup
	hellonl set "in the init namespace"
	ip netns add a
}

teardown() {
	[ -z "${MONITOR_PID:-}" ] || kill "$MONITOR_PID" 2>/dev/null || true
	ip netns del a 2>/dev/null || true
	hellonl_teardown
}

@test "a new namespace starts with the greeting; setting it leaves the others alone" {
	run ip netns exec a hellonl get
	assert_output "I know you!"
	ip netns exec a hellonl set "only in a"
	run ip netns exec a hellonl get
	assert_output "only in a"
	run hellonl get
	assert_output "in the init namespace"
}

@test "root in a user namespace may set its own namespace's message" {
	run as_user unshare -Urn sh -c 'hellonl set "mine" && hellonl get'
	assert_success
	assert_output "mine"
}

@test "root in a user namespace may not set the init namespace's message" {
	run as_user unshare -Ur hellonl set "not yours"
	assert_failure 1
	assert_output "hellonl: set: Operation not permitted"
	run hellonl get
	assert_output "in the init namespace"
}

@test "history stays in its namespace" {
	ip netns exec a hellonl set "a's first"
	run ip netns exec a hellonl -j history
	assert_output --partial '"message":"a'"'"'s first"'
	refute_output --partial "in the init namespace"
	run hellonl history
	refute_output --partial "a's first"
}

@test "events stay in their namespace" {
	ip netns exec a /usr/bin/hellonl monitor --timeout 60 > "$BATS_TEST_TMPDIR/a" &
	MONITOR_PID=$!
	wait_until gets_above 0 a
	hellonl set "heard in init only"
	ip netns exec a hellonl set "heard in a"
	wait_until grep -q "message=heard in a" "$BATS_TEST_TMPDIR/a"
	kill "$MONITOR_PID"
	run cat "$BATS_TEST_TMPDIR/a"
	refute_output --partial "heard in init only"
	assert_equal "${#lines[@]}" 1
}

@test "counters are per namespace" {
	ip netns exec a hellonl set "counted in a"
	run ip netns exec a hellonl -j stats
	assert_output '{"gets":0,"sets":1,"echoes":0,"events":1,"refused":0}'
}

@test "deleting a namespace with a heartbeat running leaves nothing behind" {
	ip netns exec a hellonl set --heartbeat 10
	sleep 1
	ip netns del a
	ip netns add a
	run ip netns exec a hellonl -j get
	assert_output --partial '"heartbeat_ms":0'
}

@test "the module unloads while namespaces hold state and heartbeats" {
	ip netns exec a hellonl set --heartbeat 10 "a"
	ip netns add b
	ip netns exec b hellonl set --heartbeat 20 "b"
	reload_module
	ip netns del b
	run ip netns exec a hellonl get
	assert_output "I know you!"
}
