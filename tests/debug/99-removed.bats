#!/usr/bin/env bats
# After 99-remove took the module away: kmemleak again, for what unloading
# should have freed.

load helpers
load kmemleak

@test "kmemleak finds nothing of hellonl's once the module is unloaded" {
	run grep -c '^hellonl ' /proc/modules
	assert_output 0
	kmemleak_scan > "$BATS_TEST_TMPDIR/reports"
	run kmemleak_judge "$BATS_TEST_TMPDIR/reports"
	echo "$output" >&3
	assert_success
}
