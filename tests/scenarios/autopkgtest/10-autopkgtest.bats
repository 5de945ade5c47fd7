#!/usr/bin/env bats
# debian/tests, Debian's CI test of the packages, run by autopkgtest
# against the installed packages.

load helpers

@test "apt install hellonl-dkms builds the module and loads it" {
	add_repo /in/repo
	run apt_install hellonl-dkms
	assert_success
	run grep -c '^hellonl ' /proc/modules
	assert_output 1
}

@test "autopkgtest runs debian/tests on the installed packages, and both tests pass" {
	apt_install autopkgtest
	# -B: test the packages apt has, this tree's, without building them
	# again. The null runner cannot revert what a test breaks, nor tell
	# that it runs on a machine of its own, so it would skip both tests:
	# this guest is a machine, and is thrown away after.
	run timeout 1800 autopkgtest -B \
		--ignore-restrictions=breaks-testbed,isolation-machine \
		/in/source/hellonl_*.dsc -- null
	assert_success
	assert_line --regexp '^dkms-autopkgtest +PASS'
	assert_line --regexp '^module-answers +PASS$'
	refute_line --regexp ' (SKIP|FAIL|FLAKY)'
	# Debian's test built and installed the module for the running kernel.
	assert_line --regexp "^ *I: PASS $(uname -r)\$"
}

@test "after the tests, the module is loaded, with the message module-answers set" {
	run grep -c '^hellonl ' /proc/modules
	assert_output 1
	run hellonl get
	assert_success
	assert_output "Hello from autopkgtest"
}
