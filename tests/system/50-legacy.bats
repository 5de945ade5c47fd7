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

@test "HELLONL_LEGACY_SET needs CAP_NET_ADMIN" {
	run as_user hellonl --legacy -S "from a user"
	assert_failure 1
	assert_output "hellonl: legacy set: HELLONL_LEGACY_SET needs CAP_NET_ADMIN (Operation not permitted)"
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

# legacy_framed TEXT PAD: set TEXT framed as the tutorial's program frames
# it, the padding filled from the hex pattern PAD, and say what came back
# and what the message is now.
legacy_framed() {
	nlprobe legacy-framed set "$1" --pad "$2"
	hellonl get
}

@test "the tutorial's framing is understood: no NUL, zero padding" {
	# strlen % 4 = 0 (no padding at all), 1, 2 and 3
	for text in four five5 sixsix seven77; do
		run legacy_framed "$text" 00
		assert_output "$(printf 'legacy SET %s\n%s' "$text" "$text")"
	done
}

@test "the tutorial's framing is understood: garbage after a NUL in the padding is ignored" {
	for text in four five5 sixsix; do
		run legacy_framed "$text" 00a5ff
		assert_output "$(printf 'legacy SET %s\n%s' "$text" "$text")"
	done
	# The tutorial's older form: strcpy()'s NUL, then a whole buffer of
	# garbage, all of it counted by nlmsg_len.
	run nlprobe legacy-framed set "big buffer" --pad 00a5 --payload 1024
	assert_output "legacy SET big buffer"
	run hellonl get
	assert_output "big buffer"
}

@test "the tutorial's framing with garbage padding and no NUL: the garbage is the text's end" {
	local refused
	refused=$(stat_of refused)
	hellonl set "before"
	# No padding: nothing but the text.
	run legacy_framed four a5
	assert_output "$(printf 'legacy SET four\nfour')"
	hellonl set "before"
	# Padding that is not UTF-8 makes the text invalid, and says so.
	for text in five5 sixsix seven77; do
		run legacy_framed "$text" a5
		assert_output "$(printf 'error EINVAL: message is not valid UTF-8\nbefore')"
	done
	# Printable garbage cannot be told from the text: it is stored.
	run legacy_framed five5 41
	assert_output "$(printf 'legacy SET five5AAA\nfive5AAA')"
	assert_equal "$(stat_of refused)" "$((refused + 3))"
}

@test "the text is checked to its first NUL only: its length, its UTF-8" {
	run nlprobe legacy-framed set "$(printf 'L%.0s' {1..255})" --pad 00ff --payload 300
	assert_output "legacy SET $(printf 'L%.0s' {1..255})"
	run nlprobe legacy-framed set "$(printf 'L%.0s' {1..256})" --pad 00 --payload 300
	assert_output "error EINVAL: message longer than 255 bytes"
	run nlprobe legacy-framed set "é" --pad 00e9e9 --payload 4
	assert_output "legacy SET é"
}

@test "--tutorial-pad frames as the tutorial does" {
	run hellonl --tutorial-pad 0xa5 -S four
	assert_success
	run hellonl get
	assert_output "four"
	run hellonl --tutorial-pad 0 set "five5"
	assert_success
	run hellonl --tutorial-pad 0 -G x
	assert_output "five5"
	run hellonl --tutorial-pad 0xa5 set "sixsix"
	assert_failure 1
	assert_output "hellonl: legacy set: message is not valid UTF-8 (Invalid argument)"
	run hellonl get
	assert_output "five5"
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
	assert_output "error EOPNOTSUPP: unknown message type: expected HELLONL_LEGACY_SET (0) or HELLONL_LEGACY_GET (1)"
	run nlprobe legacy-bad empty
	assert_output "error EINVAL: message is empty"
	run nlprobe legacy-bad over-limit
	assert_output "error EINVAL: message longer than 255 bytes"
	run nlprobe legacy-bad not-utf8
	assert_output "error EINVAL: message is not valid UTF-8"
	run hellonl get
	assert_output "shared state"
	assert_equal "$(stat_of sets)" "$sets"
	assert_equal "$(stat_of refused)" "$((refused + 7))"
}

@test "--legacy refuses every command but get and set, and changes nothing" {
	hellonl set "before the refusals"
	local command
	for command in monitor history stats ping apply-config; do
		run hellonl --legacy "$command"
		assert_failure 2
		assert_output --partial "hellonl: the legacy protocol has get and set only, not $command"
	done
	run hellonl get
	assert_output "before the refusals"
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

@test "a legacy_proto of the kernel's own protocols stops the module from loading, naming it" {
	expect_kernel_log "hellonl: legacy_proto (16 is NETLINK_GENERIC|2 is NETLINK_USERSOCK), the kernel's own|invalid for parameter .legacy_proto."
	modprobe -r hellonl
	run modprobe hellonl legacy_proto=16
	assert_failure
	run modprobe hellonl legacy_proto=2
	assert_failure
	run dmesg
	assert_line --partial "hellonl: legacy_proto 16 is NETLINK_GENERIC, the kernel's own: choose 0 (off) or a number linux/netlink.h leaves free, such as 25"
	assert_line --partial "hellonl: legacy_proto 2 is NETLINK_USERSOCK, the kernel's own"
	modprobe hellonl
}

@test "a legacy_proto out of range stops the module from loading, naming it" {
	expect_kernel_log "hellonl: legacy_proto 99 is not a netlink protocol number|invalid for parameter .legacy_proto."
	modprobe -r hellonl
	run modprobe hellonl legacy_proto=99
	assert_failure
	assert_output --partial "Invalid argument"
	run dmesg
	assert_line --partial "hellonl: legacy_proto 99 is not a netlink protocol number: they end at 31"
	modprobe hellonl
}

@test "a free legacy_proto is served: 17 and 31" {
	for proto in 17 31; do
		reload_module legacy_proto="$proto"
		hellonl set "on $proto"
		run hellonl --legacy get
		assert_success
		assert_output "on $proto"
	done
}

@test "a user opening the tutorial's socket loads the module" {
	modprobe -r hellonl
	run as_user python3 -c 'import socket; socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 25); print("opened")'
	assert_output "opened"
	run cat /sys/module/hellonl/initstate
	assert_output live
	udevadm settle
	run nlprobe legacy get
	assert_line "legacy GET I know you!"
}
