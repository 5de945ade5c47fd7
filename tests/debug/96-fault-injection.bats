#!/usr/bin/env bats
# Systematic fault injection (tests/fuzz/), in the guest of the debug
# kernel: every allocation of every operation fails in turn.

load helpers
load fuzz-tools

FAULTS=$FUZZ_DIR/hellonl-faults
# More options, such as --whole-kernel, which `make check-debug` gives.
read -r -a FAULTS_ARGS <<< "${HELLONL_FAULTS_ARGS:-}"

@test "every allocation of every operation failed in turn: each fails cleanly or succeeds, the state follows, nothing logged, nothing leaked" {
	# Checks: for each operation of hellonl-faults, as tests/fuzz/README.md
	# lists them (GET, SET, STATS, ECHO, a HISTORY dump, joining the events
	# group, making a namespace, loading the module...), the Nth allocation
	# was made to fail for N = 1, 2, ... until the operation completed
	# without a fault (of a namespace's making and a load, only those with
	# the module's code on the stack count, unless --whole-kernel); each
	# run ended in a clean error or a success, with the state as that
	# outcome says; a failed load left no trace of the module and the next
	# load worked; the log gained nothing that hellonl-faults does not
	# allow, the kernel's own reports of the injected failures above all
	# (it judges every line itself, between two marks it writes to the
	# log, and the harness leaves only those reports to it:
	# tests/vm/lib.sh); kmemleak found no leak of hellonl's.
	expect_kernel_log "callbacks suppressed"
	run "$FAULTS" "${FAULTS_ARGS[@]}"
	printf '%s\n' "$output" | grep -E '^hellonl-faults: [a-z_-]+: [0-9]+ faults|^hellonl-faults: [0-9]+ faults' >&3 || true
	if [ "$status" = 77 ]; then
		[ -n "${HELLONL_FAULTS_ALLOW_UNSUPPORTED:-}" ] && skip "$output"
		fail "this kernel has no fault injection: $output"
	fi
	assert_success
	local ops=(get set-first set set-listened history-datagram-1 history-datagram-2
		stats echo join-events netns load load-history_len load-heartbeat_ms)
	# BEGIN hellonl-only: the tutorial's protocol
	ops+=(legacy-get legacy-set load-legacy_proto)
	# END hellonl-only
	local op
	for op in "${ops[@]}"; do
		assert_line --regexp "^hellonl-faults: $op: [1-9][0-9]* faults injected before it completed"
	done
	assert_line --regexp "^hellonl-faults: [1-9][0-9]* faults injected in ${#ops[@]} operations, 0 failures, 0 leaks of hellonl's"
}
