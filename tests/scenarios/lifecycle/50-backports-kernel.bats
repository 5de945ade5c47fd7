#!/usr/bin/env bats
# Boot 3, on bookworm-backports' 6.12, with hellonl's next version.

load helpers

OLD=6.1.0-55-amd64
. /in/versions

@test "the guest booted 6.12, and the boot loaded the new version" {
	run uname -r
	assert_output --regexp '^6\.12\.'
	run journalctl -b -o short
	assert_line --regexp "systemd-modules-load\\[[0-9]+\\]: Inserted module 'hellonl'"
	assert_equal "$(modinfo -F version hellonl)" "$NEXT"
	assert_equal "$(cat /sys/module/hellonl/version)" "$NEXT"
	run hellonl --version
	assert_output "hellonl $NEXT"
	run hellonl get
	assert_output "edited by the admin"
}

@test "removing an old kernel removes its module" {
	run env DEBIAN_FRONTEND=noninteractive apt-get -q -y remove "linux-image-$OLD" "linux-headers-$OLD"
	assert_success
	run find /lib/modules -path "*/$OLD/*" -name 'hellonl.ko*'
	assert_output ""
	run dkms_status
	refute_output --partial "$OLD"
}

@test "apt remove hellonl-dkms leaves no module for any kernel" {
	run env DEBIAN_FRONTEND=noninteractive apt-get -q -y remove hellonl-dkms
	assert_success
	assert_module_gone
}
