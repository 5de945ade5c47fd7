#!/usr/bin/env bats
# The judge of a guest's kernel log (tests/vm/lib.sh, check_kernel_log),
# tested: what fails a boot, and the one thing the fault injector's
# window excuses.

bats_load_library bats-support
bats_load_library bats-assert

setup() {
	. "$BATS_TEST_DIRNAME/../vm/lib.sh"
	log=$BATS_TEST_TMPDIR/console.log
}

# An allocation failure's report, as warn_alloc() prints it.
alloc_report() {
	cat <<'REPORT'
hellonl-faults: vmalloc error: size 40960, failed to allocate pages, mode:0xdc0(GFP_KERNEL|__GFP_ZERO), nodemask=(null)
CPU: 0 UID: 0 PID: 7933 Comm: hellonl-faults Tainted: G           O       6.12.117-hellonl-debug #hellonl1
Call Trace:
 <TASK>
 dump_stack_lvl+0x8e/0xa0
 warn_alloc+0x215/0x360
 </TASK>
REPORT
}

@test "a clean log passes" {
	printf 'Linux version 6.12\nhellonl: loading out-of-tree module taints kernel.\n' > "$log"
	run check_kernel_log "$log"
	assert_success
	assert_output ""
}

@test "a stack trace outside the fault injector's window fails, with the file and the line" {
	alloc_report > "$log"
	run check_kernel_log "$log"
	assert_failure
	assert_output "$log:Call Trace:"
}

@test "an allocation failure's stack trace inside a closed window passes" {
	{ echo "$faults_begin"; alloc_report; alloc_report; echo "$faults_end"; } > "$log"
	run check_kernel_log "$log"
	assert_success
}

@test "a window the injector never closed excuses nothing" {
	{ echo "$faults_begin"; alloc_report; } > "$log"
	run check_kernel_log "$log"
	assert_failure
	assert_output "$log:Call Trace:"
}

@test "inside a closed window, a warning, KASAN or lockdep still fails" {
	{
		echo "$faults_begin"
		alloc_report
		echo "WARNING: CPU: 0 PID: 1 at net/netlink/genetlink.c:1 x"
		echo "BUG: KASAN: slab-use-after-free in hellonl_get"
		echo "WARNING: possible circular locking dependency detected"
		echo "$faults_end"
	} > "$log"
	run check_kernel_log "$log"
	assert_failure
	assert_line "$log:WARNING: CPU: 0 PID: 1 at net/netlink/genetlink.c:1 x"
	assert_line "$log:BUG: KASAN: slab-use-after-free in hellonl_get"
	assert_line "$log:WARNING: possible circular locking dependency detected"
}

@test "a trace after the window closed fails" {
	{ echo "$faults_begin"; echo "$faults_end"; alloc_report; } > "$log"
	run check_kernel_log "$log"
	assert_failure
}

@test "each file is judged, and a missing one fails" {
	alloc_report > "$log"
	printf 'fine\n' > "$BATS_TEST_TMPDIR/dmesg.txt"
	run check_kernel_log "$BATS_TEST_TMPDIR/dmesg.txt" "$log"
	assert_failure
	assert_output "$log:Call Trace:"
	run check_kernel_log "$BATS_TEST_TMPDIR/absent"
	assert_failure
}

# guest_judge LINE...: what the guest tests' assert_kernel_log_clean
# (tests/system/helpers.bash) says of a test during which the kernel
# logged LINEs at warning level or worse.
guest_judge() {
	. "$BATS_TEST_DIRNAME/../system/helpers.bash"
	# Not the helpers' teardown, which judges this machine's own log.
	teardown() { :; }
	local given=("$@")
	read_kernel_log() { KERNEL_LOG=("${given[@]}"); }
	KERNEL_LOG_START=0 EXPECTED_KERNEL_LOG=
	assert_kernel_log_clean
}

@test "the guest tests' judge: a closed window excuses its lines, an open one nothing" {
	run guest_judge "$faults_begin" "sysctl could not get directory: /net -12" "$faults_end"
	assert_success
	run guest_judge "$faults_begin" "sysctl could not get directory: /net -12"
	assert_failure
	assert_line "sysctl could not get directory: /net -12"
	run guest_judge "$faults_begin" "$faults_end" "kobject: kobject_add_internal failed for lo (error: -12 parent: net)"
	assert_failure
	run guest_judge "hellonl: loading out-of-tree module taints kernel."
	assert_success
}

@test "the fault injector, the host's judge and the guest tests' agree on the marks" {
	run grep -F "#define KMSG_FAULTS_BEGIN \"$faults_begin\"" "$BATS_TEST_DIRNAME/../fuzz/kmsg.h"
	assert_success
	run grep -F "#define KMSG_FAULTS_END \"$faults_end\"" "$BATS_TEST_DIRNAME/../fuzz/kmsg.h"
	assert_success
	run grep -Fx "FAULTS_BEGIN='$faults_begin'" "$BATS_TEST_DIRNAME/../system/helpers.bash"
	assert_success
	run grep -Fx "FAULTS_END='$faults_end'" "$BATS_TEST_DIRNAME/../system/helpers.bash"
	assert_success
}
