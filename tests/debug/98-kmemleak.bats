#!/usr/bin/env bats
# kmemleak after the whole suite, with the module loaded: nothing that
# hellonl allocated is unreferenced, and the base kernel's reports are
# each known, with a reason (known-leaks).

load helpers
load kmemleak

@test "kmemleak finds nothing of hellonl's after the suite, and nothing unexplained" {
	kmemleak_scan > "$BATS_TEST_TMPDIR/reports"
	run kmemleak_judge "$BATS_TEST_TMPDIR/reports"
	echo "$output" >&3
	assert_success
}
