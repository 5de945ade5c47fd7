#!/usr/bin/env bats
# Last, because it takes hellonl away: removing the package removes the
# module.

load helpers

@test "apt remove hellonl-dkms unloads the module and deletes it" {
	run apt-get remove -y hellonl-dkms
	assert_success
	assert_module_gone
	run modinfo hellonl
	assert_failure
}
