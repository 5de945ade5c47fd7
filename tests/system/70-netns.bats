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
	ip netns del b 2>/dev/null || true
	rmdir /sys/fs/cgroup/hellonl-test 2>/dev/null || true
	# Back to the packaged parameters, for the tests after this one.
	[ "$(cat /sys/module/hellonl/parameters/heartbeat_ms)" = 0 ] &&
		[ "$(cat /sys/module/hellonl/parameters/history_len)" = 16 ] ||
		reload_module
	hellonl_teardown
}

# The PID `hellonl -j get` shows.
get_pid() {
	"$@" -j get | python3 -c 'import json, sys; print(json.load(sys.stdin)["pid"])'
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
	ip netns exec a hellonl ping -c 2
	run ip netns exec a hellonl -j stats
	assert_output '{"gets":0,"sets":1,"echoes":2,"events":0,"refused":0}'
	run hellonl -j stats
	refute_output --partial '"echoes":2,'
}

@test "deleting a namespace with a heartbeat running stops its heartbeat" {
	ip netns exec a hellonl set --heartbeat 10
	run heartbeat_runs 1
	assert [ "$output" -gt 20 ]
	ip netns del a
	# The kernel frees a namespace in the background, soon after.
	wait_until heartbeats_stopped
}

@test "a namespace deleted while a monitor listens in it lives on until the monitor goes" {
	ip netns exec a hellonl set --heartbeat 100
	ip netns exec a /usr/bin/hellonl monitor --timeout 120 > "$BATS_TEST_TMPDIR/a" &
	MONITOR_PID=$!
	wait_until grep -q heartbeat "$BATS_TEST_TMPDIR/a"
	ip netns del a
	# Its name is gone, but the monitor's socket keeps the namespace.
	local beats
	beats=$(grep -c heartbeat "$BATS_TEST_TMPDIR/a")
	wait_until lines_above $((beats + 3)) heartbeat "$BATS_TEST_TMPDIR/a"
	kill "$MONITOR_PID"
	wait "$MONITOR_PID" || true
	MONITOR_PID=
	wait_until heartbeats_stopped
	# Nothing of it holds the module.
	reload_module
	run hellonl get
	assert_output "I know you!"
}

@test "a namespace of a user namespace beats no faster than once a second" {
	run as_user unshare -Urn hellonl set --heartbeat 10
	assert_failure 1
	assert_output "hellonl: set: in a namespace of a user namespace the heartbeat period must be 0 (off) or at least 1000 ms (Numerical result out of range)"
	run as_user unshare -Urn sh -c 'hellonl set --heartbeat 1000 && hellonl -j get'
	assert_success
	assert_output --partial '"heartbeat_ms":1000'
	# The module's default for new namespaces is raised to the floor there.
	reload_module heartbeat_ms=10
	run as_user unshare -Urn hellonl -j get
	assert_output --partial '"heartbeat_ms":1000'
	run ip netns exec a hellonl -j get
	assert_output --partial '"heartbeat_ms":10'
}

@test "a namespace that never stores a message costs no history; the first message charges it to the setter" {
	# 4096 entries are more than a MiB: far above what running the CLI
	# costs, or what the memory cgroup's per-CPU charge batches hide.
	reload_module history_len=4096
	local cgroup=/sys/fs/cgroup/hellonl-test
	grep -qw memory /sys/fs/cgroup/cgroup.subtree_control
	mkdir "$cgroup"
	# In the cgroup and a new network namespace: what a second GET, then
	# the first SET, charge to the cgroup.
	cat > "$BATS_TEST_TMPDIR/charges" <<'SCRIPT'
#!/bin/sh
set -e
used() { cat "$1/memory.current"; }
hellonl get > /dev/null
a=$(used "$1")
hellonl get > /dev/null
b=$(used "$1")
hellonl set "the first"
c=$(used "$1")
echo $((b - a)) $((c - b))
SCRIPT
	chmod +x "$BATS_TEST_TMPDIR/charges"
	run sh -c 'echo $$ > "$1/cgroup.procs" && exec unshare -n "$2" "$1"' - "$cgroup" "$BATS_TEST_TMPDIR/charges"
	echo "$output"
	assert_success
	local get set
	read -r get set <<<"$output"
	echo "a GET charged $get bytes, the first SET $set" >&3
	assert [ "$get" -lt $((512 * 1024)) ]
	assert [ "$set" -gt $((1024 * 1024)) ]
}

@test "a PID is numbered by the reader's pid namespace, and 0 where the setter is not seen" {
	run unshare -pf --mount-proc sh -c 'hellonl set "from a pid namespace"; hellonl -j get'
	assert_success
	# In its own pid namespace the setter, sh's first child, is 2.
	assert_output --partial '"pid":2,'
	local outside
	outside=$(get_pid hellonl)
	assert [ "$outside" -gt 2 ]
	run unshare -pf --mount-proc hellonl -j get
	assert_output --partial '"pid":0,'
	# The history numbers it the same way.
	run hellonl -j history
	assert_output --partial '"pid":'"$outside"','
	# Events number it as the pid namespace that made the network
	# namespace: the initial one, here.
	start_monitor "$BATS_TEST_TMPDIR/out" --count 1 --timeout 60
	unshare -pf --mount-proc sh -c 'hellonl set "seen from outside"; sleep 1'
	wait "$MONITOR_PID"
	MONITOR_PID=
	run cat "$BATS_TEST_TMPDIR/out"
	refute_output --regexp ' pid=(0|2) '
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
