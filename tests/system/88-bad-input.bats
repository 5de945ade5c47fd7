#!/usr/bin/env bats
# Bad input from a raw netlink socket: each gets a clear error, with an
# extended ack wherever the family answers; nothing changes, and the
# kernel logs no warning of its own. (The netlink core notes some malformed
# input in the log at warning level; those tests expect its line.)

load helpers

setup() {
	hellonl_setup
	hellonl set "untouched"
	STATS_BEFORE=$(hellonl -j stats)
}

# Every counter and the message are as they were (the counters first: the
# GET that checks the message counts).
assert_unchanged() {
	run hellonl -j stats
	assert_output "$STATS_BEFORE"
	run hellonl get
	assert_output "untouched"
}

@test "a datagram shorter than a netlink header is ignored" {
	run nlprobe bad truncated-header
	assert_output "no answer"
	assert_unchanged
}

@test "a message too short for its generic netlink header is refused" {
	run nlprobe bad truncated-genl-header
	assert_output "error EINVAL: (no message)"
	assert_unchanged
}

@test "an nlmsg_len beyond the datagram or below a header is ignored" {
	run nlprobe bad length-beyond-datagram
	assert_output "no answer"
	run nlprobe bad length-below-header
	assert_output "no answer"
	assert_unchanged
}

@test "an nlmsg_len that ends inside an attribute is refused" {
	expect_kernel_log "netlink: [0-9]+ bytes leftover after parsing attributes in process .python3."
	run nlprobe bad length-inside-attribute
	assert_output "error EINVAL: bytes leftover after parsing attributes"
	assert_unchanged
}

@test "an unknown command is refused" {
	run nlprobe bad unknown-command
	assert_output "error EOPNOTSUPP: (no message)"
	assert_unchanged
}

@test "an unknown attribute is refused, pointing at it" {
	run nlprobe bad unknown-attribute
	assert_output "error EINVAL: Unknown attribute type (offset 28)"
	run nlprobe bad attribute-of-another-command
	assert_output "error EINVAL: Unknown attribute type (offset 20)"
	run nlprobe bad attribute-on-get
	assert_output "error EINVAL: this command takes no attributes (offset 20)"
	assert_unchanged
}

@test "an attribute of the wrong type is refused, with its policy" {
	run nlprobe bad wrong-type
	assert_output "error EINVAL: Attribute failed policy validation (offset 20) (policy nul-string)"
	assert_unchanged
}

@test "an attribute of the wrong length is refused, with its policy" {
	expect_kernel_log "netlink: 'python3': attribute type 7 has an invalid length."
	run nlprobe bad wrong-length
	assert_output "error EINVAL: invalid attribute length (offset 20) (policy u32)"
	assert_unchanged
}

@test "a string without its NUL, or with one inside, is refused" {
	run nlprobe bad no-nul
	assert_output "error EINVAL: Attribute failed policy validation (offset 20) (policy nul-string)"
	run nlprobe bad nul-inside
	assert_output "error EINVAL: message has a NUL byte inside it (offset 20)"
	assert_unchanged
}

@test "a message of exactly 255 bytes is stored; 256 bytes are refused" {
	run nlprobe bad over-limit
	assert_output "error EINVAL: message longer than 255 bytes (offset 20)"
	assert_unchanged
	run nlprobe bad at-limit
	assert_output "ack"
	run hellonl get
	assert_output "$(printf 'L%.0s' {1..255})"
}

@test "a non-zero reserved field in the genetlink header is refused, since 6.1" {
	run nlprobe bad reserved-set
	if printf '%s\n' 6.1 "$(uname -r)" | sort -V -C; then
		assert_output "error EINVAL: genlmsghdr.reserved field is not 0"
		assert_unchanged
	else
		# Before 6.1 the generic netlink core did not look at it.
		assert_output "answer GET"
	fi
}

@test "many requests in one datagram each get their answer" {
	run nlprobe bad batch-of-bad-sets
	assert_equal "${#lines[@]}" 20
	assert_equal "$(grep -c '^error EINVAL: message is empty' <<<"$output")" 20
	assert_unchanged
	run nlprobe bad batch-of-gets
	assert_equal "$(grep -c '^answer GET$' <<<"$output")" 50
}

@test "dumping the family's policies is safe for anyone" {
	run as_user python3 "$TOOLS/nlprobe.py" policy-dump
	assert_success
	assert_output --regexp '^[0-9]+ policy messages$'
}
