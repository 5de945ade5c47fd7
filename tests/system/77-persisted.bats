#!/usr/bin/env bats
# After the reboot that 76-reboot asked for: the settings that 75-persist
# wrote are back.

load helpers

@test "after a reboot, the persisted message and heartbeat are back" {
	run hellonl get
	assert_output 'kept: "quoted" \ and é'
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":250'
	run hellonl monitor --count 1 --timeout 60
	assert_output --partial "heartbeat beat="
}

@test "putting the packaged /etc/hellonl.conf back restores the greeting" {
	cp /var/lib/hellonl-tests/hellonl.conf /etc/hellonl.conf
	reload_module
	run hellonl get
	assert_output "I know you!"
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":0'
}
