#!/usr/bin/env bats
# The module's source, as DKMS has it, builds without a warning under W=1
# against this guest's kernel headers and compiler. The build checked is
# the one DKMS ran when apt installed hellonl: tests/vm/guest/install-hellonl
# asks Kbuild for W=1 and V=1 through its environment for that install.

load helpers

@test "DKMS built the running kernel's module with W=1, and without a warning" {
	local log
	log=/var/lib/dkms/hellonl/$(modinfo -F version hellonl)/$(uname -r)/x86_64/log/make.log
	assert [ -s "$log" ]
	run cat "$log"
	# V=1 shows the compiler's command lines: W=1's -Wextra is in them.
	assert_output --regexp "gcc.* -Wextra .*hellonl"
	refute_output --partial "warning:"
	refute_output --partial "error:"
}
