#!/usr/bin/env bats
# The module's source, as DKMS has it, builds without a warning under W=1
# against this guest's kernel headers and compiler.

load helpers

@test "the module builds with W=1 and no warnings against the running kernel" {
	local src
	src=$(ls -d /usr/src/hellonl-*/ | head -n 1)
	cp -r "$src" "$BATS_TEST_TMPDIR/src"
	run timeout 900 make -C "/lib/modules/$(uname -r)/build" M="$BATS_TEST_TMPDIR/src" W=1 modules
	assert_success
	refute_output --partial "warning:"
	refute_output --partial "error:"
	assert [ -e "$BATS_TEST_TMPDIR/src/hellonl.ko" ]
}
