#!/usr/bin/env bats
# /etc/hellonl.conf: what set --persist writes and the udev rule applies
# whenever the module loads. 76-reboot and 77-persisted.bats go on from here.

load helpers

setup_file() {
	# The packaged file, to put back once the reboot has been checked.
	mkdir -p /var/lib/hellonl-tests
	[ -e /var/lib/hellonl-tests/hellonl.conf ] ||
		cp /etc/hellonl.conf /var/lib/hellonl-tests/hellonl.conf
}

@test "set --persist writes the message and the heartbeat to /etc/hellonl.conf" {
	run hellonl set --persist --heartbeat 250 'kept: "quoted" \ and é'
	assert_success
	run grep -E '^(greeting|heartbeat_ms) =' /etc/hellonl.conf
	assert_output "$(printf '%s\n' 'greeting = "kept: \"quoted\" \\ and é"' 'heartbeat_ms = 250')"
	# The packaged comments are still there.
	run grep -c '^#' /etc/hellonl.conf
	assert [ "$output" -gt 3 ]
}

@test "a refused set --persist writes nothing" {
	cp /etc/hellonl.conf "$BATS_TEST_TMPDIR/before"
	run hellonl set --persist ""
	assert_failure 1
	run cmp /etc/hellonl.conf "$BATS_TEST_TMPDIR/before"
	assert_success
}

@test "the persisted settings come back when the module is reloaded" {
	hellonl set --heartbeat 0 "not persisted"
	reload_module
	run hellonl get
	assert_output 'kept: "quoted" \ and é'
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":250'
	# The udev rule ran apply-config as soon as the module was live.
	run journalctl -b -u systemd-udevd.service
	refute_output --partial "hellonl: apply-config"
}

@test "apply-config names a broken line, and changes nothing" {
	printf 'greeting = "unfinished\n' > "$BATS_TEST_TMPDIR/broken.conf"
	run hellonl apply-config --file "$BATS_TEST_TMPDIR/broken.conf"
	assert_failure 4
	assert_output "hellonl: apply-config: $BATS_TEST_TMPDIR/broken.conf: line 1: missing closing quote"
	run hellonl get
	assert_output 'kept: "quoted" \ and é'
}
