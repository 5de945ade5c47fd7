#!/usr/bin/env bats
# The fuzzer and the fault injector (tests/fuzz), run in the guest of the
# debug kernel (KASAN, lockdep, kmemleak, failslab), beside tests/system's
# files, whose helpers check the kernel log around each test. The guest
# boots with panic_on_warn, so a kernel warning ends the run at once.

load helpers

FUZZ_DIR=${HELLONL_FUZZ_DIR:-/in/fuzz}
FUZZ=$FUZZ_DIR/hellonl-fuzz
FAULTS=$FUZZ_DIR/hellonl-faults
REQUESTS=${HELLONL_FUZZ_REQUESTS:-1000000}
# More options for the fuzzer, such as --seed N to replay a run.
read -r -a FUZZ_ARGS <<< "${HELLONL_FUZZ_ARGS:-}"

# What the netlink core says, rate-limited, of the fuzzer's malformed
# attributes; and its note of the lines it held back.
FUZZ_KERNEL_LOG="netlink: 'hellonl-fuzz': attribute type [0-9]+ has an invalid length|netlink: [0-9]+ bytes leftover after parsing attributes in process .hellonl-fuzz.|callbacks suppressed"

teardown() {
	# Whatever a run left, the module is loaded as the system loads it.
	modprobe hellonl
	hellonl_teardown
}

@test "requests made from the policy, by root, a user and a user namespace's root, while the module reloads: every answer and the state as the model says" {
	# Checks: the fuzzer sent all $REQUESTS requests (genetlink and legacy,
	# well-formed and broken: wrong types and lengths, duplicates, unknown
	# attributes and commands, flags, header fields, lying nlmsg_len,
	# batches) in three namespaces it models, while namespaces come and
	# go, listeners join and leave, a 10 ms heartbeat runs, dumps are held
	# half-read and the module is unloaded and loaded again; no answer,
	# counter or message differed from the model; and the kernel logged
	# nothing but the netlink core's notes on malformed attributes.
	expect_kernel_log "$FUZZ_KERNEL_LOG"
	run "$FUZZ" --requests "$REQUESTS" "${FUZZ_ARGS[@]}"
	printf '%s\n' "$output" | grep -v '^    ' | tail -n 40 >&3
	assert_success
	assert_line --regexp "^hellonl-fuzz: seed [0-9]+: $REQUESTS requests \([0-9]+ legacy\), [1-9][0-9]* model checks, 0 violations, [0-9]+ reloads, passed in "
	# All three senders ran, and the chaos did its part.
	assert_line --regexp '^hellonl-fuzz: worker root: [1-9]'
	assert_line --regexp '^hellonl-fuzz: worker user: [1-9]'
	assert_line --regexp '^hellonl-fuzz: worker userns: [1-9]'
	assert_line --regexp '^hellonl-fuzz: chaos: [1-9][0-9]* reloads, [0-9]+ refused in use, [1-9][0-9]* namespaces, [1-9][0-9]* listens, [1-9][0-9]* dumps held'
}

@test "every allocation of every operation failed in turn: each fails cleanly or succeeds, the state follows, nothing logged, nothing leaked" {
	# Checks: for GET, SET (the first of a namespace, a later one, one with
	# a listener), each datagram of a HISTORY dump, STATS, ECHO, the legacy
	# GET and SET, joining the events group, making a namespace and loading
	# the module (with no parameter, history_len, heartbeat_ms,
	# legacy_proto), the Nth allocation was made to fail for N = 1, 2, ...
	# until the operation completed without a fault; each run ended in a
	# clean error or a success, with the state as that outcome says; a
	# failed load left no trace of the module and the next load worked;
	# the log gained nothing but hellonl's note of a namespace left
	# without its legacy socket (netlink_kernel_create() failed there);
	# kmemleak found no leak of hellonl's. An injected failure returns
	# NULL without a report; a caller that reports its own (vmalloc) would
	# show here with its trace, to be looked at.
	expect_kernel_log "hellonl: no legacy protocol in a network namespace|callbacks suppressed"
	run "$FAULTS"
	printf '%s\n' "$output" | grep -E '^hellonl-faults: [a-z_-]+: [0-9]+ faults|^hellonl-faults: [0-9]+ faults' >&3 || true
	if [ "$status" = 77 ]; then
		[ -n "${HELLONL_FAULTS_ALLOW_UNSUPPORTED:-}" ] && skip "$output"
		fail "this kernel has no fault injection: $output"
	fi
	assert_success
	local op
	for op in get set-first set set-listened history-datagram-1 history-datagram-2 \
		stats echo legacy-get legacy-set join-events netns \
		load load-history_len load-heartbeat_ms load-legacy_proto; do
		assert_line --regexp "^hellonl-faults: $op: [1-9][0-9]* faults injected before it completed"
	done
	assert_line --regexp "^hellonl-faults: [1-9][0-9]* faults injected in 16 operations, 0 failures, 0 leaks of hellonl's"
}
