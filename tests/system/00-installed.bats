#!/usr/bin/env bats
# After `apt install hellonl-dkms` and a reboot: is everything in place?

load helpers

@test "the boot loaded the module, through modules-load.d" {
	# Before journald runs, systemd-modules-load logs to the kernel's log,
	# where its unit is not recorded: look for its name.
	run journalctl -b -o short
	assert_line --regexp "systemd-modules-load\[[0-9]+\]: Inserted module 'hellonl'"
	run cat /sys/module/hellonl/initstate
	assert_output live
}

@test "dkms lists the module as installed for the running kernel" {
	run dkms status hellonl
	assert_success
	assert_output --regexp "hellonl[/,] ?[0-9.]+, $(running_release_regex), x86_64: installed"
}

@test "the installed module is the packaged version" {
	run modinfo -F version hellonl
	assert_output "$(dpkg-query -W -f '${Version}' hellonl-dkms)"
	run hellonl --version
	assert_output "hellonl $(modinfo -F version hellonl)"
}

@test "the packaged files are where the system looks for them" {
	assert [ -x /usr/bin/hellonl ]
	assert [ -e /usr/lib/modules-load.d/hellonl.conf ]
	assert [ -e /usr/lib/udev/rules.d/60-hellonl.rules ]
	assert [ -e /etc/modprobe.d/hellonl.conf ]
	assert [ -e /etc/hellonl.conf ]
	assert [ -e "/usr/src/hellonl-$(modinfo -F version hellonl)/dkms.conf" ]
}
