#!/usr/bin/env bats
# Boot 1, on Debian 12's kernel 6.1.0-55, whose headers are not installed.

load helpers

OLD=6.1.0-55-amd64
NEW=6.1.0-56-amd64
. /in/versions

@test "apt install hellonl-dkms without headers finishes, and names the headers to install" {
	# The guest runs 6.1.0-55, without its headers.
	assert_equal "$(uname -r)" "$OLD"
	run dpkg-query -W "linux-headers-$OLD"
	assert_failure
	add_repo /in/repo
	run apt_install "hellonl-dkms=$CURRENT" "hellonl=$CURRENT"
	assert_success
	assert_output --partial "install linux-headers-$OLD, and DKMS builds it"
	# Nothing is left half-configured.
	run dpkg --audit
	assert_output ""
	run dpkg-query -W -f '${Package} ${Status}\n' hellonl-dkms hellonl
	assert_line "hellonl-dkms install ok installed"
	assert_line "hellonl install ok installed"
}

@test "without its module, hellonl says what to install" {
	run hellonl get
	assert_failure 3
	assert_output "hellonl: kernel module not built for Linux $OLD: install linux-headers-$OLD, and DKMS builds it"
}

@test "installing the headers builds the module, and it works" {
	run apt_install "linux-headers-$OLD"
	assert_success
	assert_dkms_installed "$CURRENT" "$OLD"
	modprobe hellonl
	run hellonl get
	assert_output "I know you!"
}

@test "a newer kernel of the series, with its headers, gets its module" {
	# First the admin edits the configuration: the next boot must apply
	# it, and the upgrade after must keep it.
	sed -i 's/^#greeting = .*/greeting = "edited by the admin"/' /etc/hellonl.conf
	sed -i 's/^#options hellonl history_len=16/options hellonl history_len=7/' /etc/modprobe.d/hellonl.conf
	run apt_install "linux-image-$NEW" "linux-headers-$NEW"
	assert_success
	assert_dkms_installed "$CURRENT" "$NEW"
	run find "/lib/modules/$NEW" -name 'hellonl.ko*'
	assert_output --regexp "/lib/modules/$NEW/updates/dkms/hellonl\.ko"
}
