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
