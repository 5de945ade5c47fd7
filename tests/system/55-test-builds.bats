#!/usr/bin/env bats
# What only a test build reaches: hellonl built again from its packaged
# source with its test hooks, to start the sequence numbers near 2^32.
# BEGIN hellonl-only: the tutorial's protocol
# With it, a module of the tests' own that holds a netlink protocol
# number, to see hellonl's legacy protocol find its number taken.
# END hellonl-only

load helpers

setup_file() {
	export MODULES=$BATS_FILE_TMPDIR/modules
	mkdir -p "$MODULES"
	build_test_modules "$MODULES"
}

teardown() {
	# BEGIN hellonl-only: the tutorial's protocol
	rmmod legacy_holder 2>/dev/null || true
	ip netns del held 2>/dev/null || true
	# END hellonl-only
	reload_module
	hellonl_teardown
}

# load_test_build PARAM=VALUE...: the test build in place of the packaged
# module.
load_test_build() {
	modprobe -r hellonl
	insmod "$MODULES/hellonl.ko" "$@"
	udevadm settle
}

# The sequence numbers of `hellonl -j history`, on one line.
history_seqs() {
	hellonl -j history | python3 -c '
import json, sys
print(" ".join(str(e["seq"]) for e in json.load(sys.stdin)))'
}

@test "sequence numbers go past 2^32 in get, events and the history" {
	load_test_build first_seq=4294967294 history_len=8
	run hellonl -j get
	assert_output --partial '"seq":4294967294,'
	start_monitor "$BATS_TEST_TMPDIR/events" --count 4 --timeout 60
	for i in 1 2 3 4; do hellonl set "past 2^32, $i"; done
	wait "$MONITOR_PID"
	run cat "$BATS_TEST_TMPDIR/events"
	assert_line --index 0 --regexp ' changed +seq=4294967295 .*message=past 2\^32, 1$'
	assert_line --index 3 --regexp ' changed +seq=4294967298 .*message=past 2\^32, 4$'
	run history_seqs
	assert_output "4294967294 4294967295 4294967296 4294967297 4294967298"
}

@test "a history dump paused where the sequence number crosses 2^32 is flagged as interrupted" {
	# 150 long messages take the sequence number to 2^32 - 1, and the
	# dump more than one datagram; a SET while it is paused makes it 2^32.
	load_test_build first_seq=$((4294967295 - 150)) history_len=200
	run nlprobe set-many 150 --prefix "$(printf 'long %.0s' {1..40})"
	assert_output "set 150"
	run hellonl -j get
	assert_output --partial '"seq":4294967295,'
	nlprobe dump-pause "$BATS_TEST_TMPDIR" > "$BATS_TEST_TMPDIR/dump" &
	local pid=$!
	wait_until test -e "$BATS_TEST_TMPDIR/paused"
	hellonl set "the 2^32nd"
	touch "$BATS_TEST_TMPDIR/go"
	wait "$pid"
	run cat "$BATS_TEST_TMPDIR/dump"
	assert_output --regexp '^152 entries in [2-9] datagrams, seq 4294967145 to 4294967296, consecutive, interrupted$'
}

# BEGIN hellonl-only: the tutorial's protocol
@test "a legacy_proto that another module holds leaves the rest working, and says why" {
	expect_kernel_log 'hellonl: no legacy protocol in a network namespace: netlink protocol 23 is held there by another module, or memory ran out \(see legacy_proto\)'
	insmod "$MODULES/legacy_holder.ko" proto=23
	reload_module legacy_proto=23
	run dmesg
	assert_line --regexp 'hellonl: no legacy protocol in a network namespace: netlink protocol 23 is held there'
	run hellonl get
	assert_success
	assert_output "I know you!"
	# The holder has the number in the initial namespace only.
	ip netns add held
	run ip netns exec held hellonl --legacy get
	assert_success
	assert_output "I know you!"
}
# END hellonl-only
