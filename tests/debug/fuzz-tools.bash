# The fuzzer and the fault injector (tests/fuzz/), built by tests/check
# into the debug stage, for the debug suite's tests. Sourced by the .bats
# files here.

FUZZ_DIR=${HELLONL_FUZZ_DIR:-/in/fuzz}

teardown() {
	# Whatever a run left, the module is loaded as the system loads it.
	modprobe hellonl
	hellonl_teardown
}
