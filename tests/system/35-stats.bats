#!/usr/bin/env bats
# The counters of a namespace.

load helpers

@test "stats counts gets, sets, echoes, events and refusals" {
	reload_module
	hellonl get
	hellonl get
	hellonl set "counted"
	hellonl ping -c 3
	run hellonl set --heartbeat 5	# refused by hellonl itself
	assert_failure 1
	run hellonl stats
	assert_success
	assert_output "$(printf '%s\n' 'gets     2' 'sets     1' 'echoes   3' 'events   0' 'refused  1')"
}

@test "stats -j is one JSON object" {
	reload_module
	hellonl set "counted"
	run hellonl -j stats
	assert_output '{"gets":0,"sets":1,"echoes":0,"events":0,"refused":0}'
}

@test "events counts the events sent to listeners, and only those" {
	reload_module
	hellonl set "nobody listens"
	assert_equal "$(stat_of events)" 0
	start_monitor "$BATS_TEST_TMPDIR/out" --count 2 --timeout 60
	hellonl set "one listener"
	hellonl set "still one"
	wait "$MONITOR_PID"
	hellonl set "nobody again"
	assert_equal "$(stat_of events)" 2
}

@test "a listener in another namespace does not count as this one's" {
	reload_module
	ip netns add elsewhere
	ip netns exec elsewhere /usr/bin/hellonl monitor --timeout 60 > /dev/null &
	local pid=$!
	wait_until gets_above 0 elsewhere
	hellonl set "heard nowhere here"
	kill "$pid"
	wait "$pid" || true
	ip netns del elsewhere
	assert_equal "$(stat_of events)" 0
}

@test "requests the policy refuses are not counted as refused" {
	reload_module
	run hellonl set ""
	assert_failure 1
	run hellonl -j stats
	assert_output '{"gets":0,"sets":0,"echoes":0,"events":0,"refused":0}'
}
