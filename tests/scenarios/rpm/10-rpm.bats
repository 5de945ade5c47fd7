#!/usr/bin/env bats
# The .rpms, on a Debian 12 guest with dkms: their scriptlets do the work.

load helpers

@test "rpm -i --nodeps runs the scriptlets: DKMS builds the module, and it is loaded" {
	# The guest has dkms; rpm itself comes from the scenario's repository.
	add_repo /in/repo
	apt_install rpm
	run timeout 900 rpm -i --nodeps /in/rpms/hellonl-*.rpm
	assert_success
	run rpm -q hellonl hellonl-dkms
	assert_line --regexp '^hellonl-[0-9.]+-1\.x86_64$'
	assert_line --regexp '^hellonl-dkms-[0-9.]+-1\.noarch$'
	run dkms status hellonl
	assert_output --regexp "hellonl/[0-9.]+, $(running_release_regex), x86_64: installed"
	run grep -c '^hellonl ' /proc/modules
	assert_output 1
	run hellonl get
	assert_output "I know you!"
}

@test "the RPM's configuration files are in place" {
	assert [ -e /etc/hellonl.conf ]
	assert [ -e /etc/modprobe.d/hellonl.conf ]
	assert [ -e /usr/lib/modules-load.d/hellonl.conf ]
	run env MANPAGER=cat man hellonl
	assert_output --partial "EXIT STATUS"
}

@test "rpm -e takes it all away" {
	local version
	version=$(rpm -q --qf '%{VERSION}' hellonl-dkms)
	assert [ -d "/usr/src/hellonl-$version" ]
	run rpm -e --nodeps hellonl-dkms hellonl
	assert_success
	assert_module_gone
	assert [ ! -e /usr/bin/hellonl ]
	assert [ ! -d "/usr/src/hellonl-$version" ]
}
