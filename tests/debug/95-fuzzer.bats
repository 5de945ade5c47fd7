#!/usr/bin/env bats
# The fuzzer (tests/fuzz/), in the guest of the debug kernel (KASAN,
# lockdep, kmemleak, failslab), beside the system tests, whose helpers
# check the kernel log around each test. The guest boots with
# panic_on_warn, so a kernel warning ends the run at once.

load helpers
load fuzz-tools
load gcov

FUZZ=$FUZZ_DIR/hellonl-fuzz
REQUESTS=${HELLONL_FUZZ_REQUESTS:-1000000}
# A reload costs seconds on this kernel: at the fuzzer's own rate (one
# every 0.9 s) a third of the run is reloads, and 10^6 requests take
# three times as long.
RELOAD_EVERY=${HELLONL_FUZZ_RELOAD_EVERY:-20}
# More options for the fuzzer, such as --seed N to replay a run.
read -r -a FUZZ_ARGS <<< "${HELLONL_FUZZ_ARGS:-}"

# What the netlink core says, rate-limited, of the fuzzer's malformed
# attributes; and its note of the lines it held back.
FUZZ_KERNEL_LOG="netlink: 'hellonl-fuzz': attribute type [0-9]+ has an invalid length|netlink: [0-9]+ bytes leftover after parsing attributes in process .hellonl-fuzz.|callbacks suppressed"

@test "requests made from the policy, by root, a user and a user namespace's root, while the module reloads: every answer and the state as the model says" {
	# Checks: the fuzzer sent all $REQUESTS requests (well-formed and
	# broken: wrong types and lengths, duplicates, unknown attributes and
	# commands, flags, header fields, lying nlmsg_len, batches) in three
	# namespaces it models, while namespaces come and go, listeners join
	# and leave, a 10 ms heartbeat runs, dumps are held half-read and the
	# module is unloaded and loaded again; no answer, counter or message
	# differed from the model; and the kernel logged nothing but the
	# netlink core's notes on malformed attributes.
	expect_kernel_log "$FUZZ_KERNEL_LOG"
	# What the fuzzer alone reaches: the counters from zero.
	gcov_reset
	run "$FUZZ" --requests "$REQUESTS" --reload-every "$RELOAD_EVERY" "${FUZZ_ARGS[@]}"
	printf '%s\n' "$output" | grep -v '^    ' | tail -n 40 >&3
	local alone=$BATS_TEST_TMPDIR/fuzzer-alone
	gcov_keep "$alone"
	gcov_report "$HELLONL_VM_OUT/coverage-fuzzer" "$alone"
	sed 's/^/coverage by the fuzzer alone: /' "$HELLONL_VM_OUT/coverage-fuzzer/summary.txt" >&3
	assert_success
	# All the requests, then those of each protocol but the family's.
	local requests="$REQUESTS requests"
	# BEGIN hellonl-only: the tutorial's protocol
	requests+=' \([0-9]+ legacy\)'
	# END hellonl-only
	assert_line --regexp "^hellonl-fuzz: seed [0-9]+: $requests, [1-9][0-9]* model checks, 0 violations, [0-9]+ reloads, passed in "
	# All three senders ran, and the chaos did its part.
	assert_line --regexp '^hellonl-fuzz: worker root: [1-9]'
	assert_line --regexp '^hellonl-fuzz: worker user: [1-9]'
	assert_line --regexp '^hellonl-fuzz: worker userns: [1-9]'
	assert_line --regexp '^hellonl-fuzz: chaos: [1-9][0-9]* reloads, [0-9]+ refused in use, [1-9][0-9]* namespaces, [1-9][0-9]* listens, [1-9][0-9]* dumps held'
}
