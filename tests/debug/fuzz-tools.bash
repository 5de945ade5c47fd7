# The fuzzer and the fault injector (tests/fuzz/), built by tests/check
# into the debug stage, for the debug suite's tests. Sourced by the .bats
# files here.

FUZZ_DIR=${HELLONL_FUZZ_DIR:-/in/fuzz}
# How much to run, as tests/check chose (HELLONL_FUZZ_REQUESTS and
# HELLONL_FAULTS_ARGS): the host's environment does not reach the guest.
# shellcheck source=/dev/null
[ ! -f "$FUZZ_DIR/settings" ] || . "$FUZZ_DIR/settings"

teardown() {
	# Whatever a run left, the module is loaded as the system loads it.
	modprobe hellonl
	hellonl_teardown
}
