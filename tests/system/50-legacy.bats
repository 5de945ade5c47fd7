#!/usr/bin/env bats
# The tutorial's raw netlink protocol, served for old programs without the
# tutorial's bugs.

load helpers

setup() {
	hellonl_setup
	hellonl set "shared state"
}

teardown() {
	[ "$(cat /sys/module/hellonl/parameters/legacy_proto)" = 25 ] || reload_module
	hellonl_teardown
}

@test "--legacy -G gets the message that Generic Netlink set" {
	run hellonl --legacy -G whatever
	assert_success
	assert_output "shared state"
}

@test "--legacy -S sets the message, for both protocols, with an event" {
	start_monitor "$BATS_TEST_TMPDIR/out" --count 1 --timeout 60
	run hellonl --legacy -S "set the old way"
	assert_success
	wait "$MONITOR_PID"
	run hellonl get
	assert_output "set the old way"
	run cat "$BATS_TEST_TMPDIR/out"
	assert_output --regexp "changed +seq=[0-9]+ pid=[0-9]+ uid=0 message=set the old way\$"
}

@test "HELLO_SET needs CAP_NET_ADMIN" {
	run as_user hellonl --legacy -S "from a user"
	assert_failure 1
	assert_output "hellonl: legacy set: HELLO_SET needs CAP_NET_ADMIN (Operation not permitted)"
	run hellonl get
	assert_output "shared state"
}

@test "a reply goes to the sender's port, whatever its header claims" {
	run nlprobe legacy get --claim-pid 4242
	# 16 bytes of header and 13 of "shared state\0", padded to 32, which
	# nlmsg_len counts, as in every message the kernel sends
	assert_line --index 0 "nlmsg_len 32 in a datagram of 32 bytes"
	assert_line --index 1 "legacy GET shared state"
	assert_line --index 2 "decoy got nothing"
}

@test "a reply is one well-formed message, and an ack follows when asked" {
	run nlprobe legacy set "acked" --ack
	assert_output "$(printf '%s\n' 'nlmsg_len 24 in a datagram of 24 bytes' 'legacy SET acked' 'ack')"
}

@test "malformed legacy requests are refused with a reason, and change nothing but the refusal count" {
	local refused sets
	refused=$(stat_of refused)
	sets=$(stat_of sets)
	run nlprobe legacy-bad truncated-header
	assert_output "error EINVAL: datagram too short for a netlink header"
	run nlprobe legacy-bad length-beyond-datagram
	assert_output "error EINVAL: nlmsg_len is longer than the datagram"
	run nlprobe legacy-bad length-below-header
	assert_output "error EINVAL: nlmsg_len is shorter than a netlink header"
	run nlprobe legacy-bad unknown-type
	assert_output "error EOPNOTSUPP: unknown message type: expected HELLO_SET (0) or HELLO_GET (1)"
	run nlprobe legacy-bad no-nul
	assert_output "error EINVAL: message is not NUL-terminated"
	run nlprobe legacy-bad empty
	assert_output "error EINVAL: message is empty"
	run nlprobe legacy-bad over-limit
	assert_output "error EINVAL: message longer than 255 bytes"
	run nlprobe legacy-bad not-utf8
	assert_output "error EINVAL: message is not valid UTF-8"
	run hellonl get
	assert_output "shared state"
	assert_equal "$(stat_of sets)" "$sets"
	assert_equal "$(stat_of refused)" "$((refused + 8))"
}

@test "a batch of legacy requests gets one reply each" {
	run nlprobe legacy-bad batch-of-gets
	assert_equal "${#lines[@]}" 30
	refute_output --regexp '^(error|no answer)'
}

@test "legacy_proto=0 turns the protocol off" {
	reload_module legacy_proto=0
	run hellonl --legacy -G x
	assert_failure 3
	assert_output --partial "netlink protocol 25 is not served"
	run hellonl get
	assert_success
}

@test "a legacy_proto that is taken leaves Generic Netlink working, and says so once" {
	expect_kernel_log 'hellonl: netlink protocol 16 is taken: the legacy protocol is off \(see legacy_proto\)'
	reload_module legacy_proto=16
	run hellonl get
	assert_success
	run dmesg
	assert_equal "$(grep -c 'protocol 16 is taken' <<<"$output")" 1
	ip netns add taken-proto
	ip netns exec taken-proto hellonl get
	ip netns del taken-proto
	run dmesg
	assert_equal "$(grep -c 'protocol 16 is taken' <<<"$output")" 1
}

@test "a legacy_proto out of range stops the module from loading, naming it" {
	expect_kernel_log "hellonl: .99. invalid for parameter .legacy_proto."
	modprobe -r hellonl
	run modprobe hellonl legacy_proto=99
	assert_failure
	assert_output --partial "Invalid argument"
	modprobe hellonl
}
