#!/usr/bin/env bats
# Last, because it takes hellonl away: removing the package removes the
# module.

load helpers

@test "apt remove hellonl-dkms unloads the module and deletes it" {
	run apt-get remove -y hellonl-dkms
	assert_success
	run grep -c '^hellonl ' /proc/modules
	assert_output 0
	run find /lib/modules -name 'hellonl.ko*'
	assert_output ""
	run dkms status
	refute_output --partial hellonl
	run modinfo hellonl
	assert_failure
}
