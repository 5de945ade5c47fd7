#!/usr/bin/env bats
# Boot 2, on 6.1.0-56, which was installed after hellonl.

load helpers

OLD=6.1.0-55-amd64
NEW=6.1.0-56-amd64
. /in/versions

@test "the guest booted the new kernel, and the boot loaded the module" {
	assert_equal "$(uname -r)" "$NEW"
	run journalctl -b -o short
	assert_line --regexp "systemd-modules-load\\[[0-9]+\\]: Inserted module 'hellonl'"
	run hellonl get
	assert_output "edited by the admin"
	assert_equal "$(cat /sys/module/hellonl/parameters/history_len)" 7
}

@test "upgrading hellonl replaces the module for every kernel" {
	run apt_install hellonl-dkms
	assert_success
	run dpkg-query -W -f '${Package} ${Version}\n' hellonl-dkms hellonl
	assert_line "hellonl-dkms $NEXT"
	assert_line "hellonl $NEXT"
	assert_dkms_installed "$NEXT" "$OLD"
	assert_dkms_installed "$NEXT" "$NEW"
	run dkms_status
	refute_output --partial "$CURRENT"
	assert_equal "$(modinfo -k "$OLD" -F version hellonl)" "$NEXT"
	assert_equal "$(modinfo -k "$NEW" -F version hellonl)" "$NEXT"
}

@test "the upgrade kept the edited configuration files" {
	run grep '^greeting' /etc/hellonl.conf
	assert_output 'greeting = "edited by the admin"'
	run grep '^options' /etc/modprobe.d/hellonl.conf
	assert_output 'options hellonl history_len=7'
}

@test "the backports kernel, 6.12, gets its module too" {
	run apt_install linux-image-amd64 linux-headers-amd64
	assert_success
	local bpo
	bpo=$(ls /lib/modules | grep '^6\.12\.')
	assert_dkms_installed "$NEXT" "$bpo"
}
