#!/usr/bin/env bats
# Without the module loaded the CLI says so; asking for the family by name
# loads it again.

load helpers

@test "after modprobe -r, hellonl says the module is not loaded" {
	modprobe -r hellonl
	run hellonl get
	assert_failure 3
	assert_output "hellonl: kernel module not loaded (try: modprobe hellonl)"
	# The CLI looked without loading it.
	run grep -c '^hellonl ' /proc/modules
	assert_output 0
}

@test "a family lookup by name loads the module on demand" {
	modprobe -r hellonl
	run genl ctrl get name hellonl
	assert_success
	assert_output --partial "Name: hellonl"
	run hellonl get
	assert_success
	assert_output "I know you!"
}

@test "a monitor sees the module unloaded, says so and exits 3" {
	AS_USER=1 start_monitor "$BATS_TEST_TMPDIR/out" --timeout 60
	modprobe -r hellonl
	local status=0
	wait "$MONITOR_PID" || status=$?
	assert_equal "$status" 3
	run cat "$BATS_TEST_TMPDIR/out"
	assert_output "hellonl: monitor: the hellonl module was unloaded"
	modprobe hellonl
}

@test "monitor --follow waits for the module to come back, and resyncs" {
	JSON=1 start_monitor "$BATS_TEST_TMPDIR/out" --follow --count 1 --timeout 120
	modprobe -r hellonl
	wait_until grep -q '"unloaded"' "$BATS_TEST_TMPDIR/out"
	modprobe hellonl
	udevadm settle
	wait_until grep -q '"current"' "$BATS_TEST_TMPDIR/out"
	hellonl set "after the reload"
	wait "$MONITOR_PID"
	run cat "$BATS_TEST_TMPDIR/out"
	assert_line --index 0 '{"event":"unloaded"}'
	assert_line --index 1 '{"event":"resync"}'
	assert_line --index 2 --regexp '^\{"event":"current","seq":0,"pid":0,"uid":0,.*"message":"I know you!"\}$'
	assert_line --index 3 --regexp '^\{"event":"changed","seq":1,.*"message":"after the reload"\}$'
	assert_equal "${#lines[@]}" 4
}

@test "parameters out of range stop the module from loading, naming the parameter" {
	expect_kernel_log "hellonl: .(0|4097|5). invalid for parameter .(history_len|heartbeat_ms)."
	modprobe -r hellonl
	for param in history_len=0 history_len=4097 heartbeat_ms=5; do
		run modprobe hellonl "$param"
		assert_failure
		assert_output --partial "Invalid argument"
		run grep -c '^hellonl ' /proc/modules
		assert_output 0
	done
	run dmesg
	assert_line --partial "hellonl: \`0' invalid for parameter \`history_len'"
	assert_line --partial "hellonl: \`4097' invalid for parameter \`history_len'"
	assert_line --partial "hellonl: \`5' invalid for parameter \`heartbeat_ms'"
	modprobe hellonl history_len=4096 heartbeat_ms=3600000
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":3600000'
	reload_module
}
