#!/usr/bin/env bats
# tools/new-family's refusals: a NAME that cannot be a C identifier, a
# Generic Netlink family name and a Debian package name at once, or that
# the kernel already has, is refused with the reason, and nothing is
# written.

bats_load_library bats-support
bats_load_library bats-assert

setup() {
	top=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	cd "$top" || return 1
	dest=$BATS_TEST_TMPDIR/family
}

# refused NAME WHY: tools/new-family refuses NAME, saying WHY, and writes
# nothing.
refused() {
	run tools/new-family "$1" "$dest"
	assert_failure
	assert_output --partial "new-family: '$1' cannot be the name: $2"
	assert [ ! -e "$dest" ]
}

@test "a name that is not a lower-case letter and 1 to 14 letters or digits is refused" {
	local why="it must be a C identifier, a Generic Netlink family name and a Debian package name at once"
	refused Greet "$why"
	refused g "$why"
	refused greet_x "$why"
	refused greet-x "$why"
	refused 9greet "$why"
	refused abcdefghijklmnop "$why"
	refused "" "$why"
}

@test "a name with hellonl's in it is refused" {
	refused myhellonl "it contains hellonl's own"
}

@test "a Generic Netlink family the kernel has is refused" {
	refused nlctrl "the kernel already has a Generic Netlink family of that name"
	refused devlink "the kernel already has a Generic Netlink family of that name"
}

@test "a module the kernel has is refused" {
	refused dummy "the kernel already has a module of that name"
	refused vxlan "the kernel already has a module of that name"
}

@test "a missing list of the kernel's modules fails, and says so" {
	run env HELLONL_CACHE="$BATS_TEST_TMPDIR/cache" unshare --mount --propagation private \
		bash -c 'mount -t tmpfs tmpfs /usr/src && exec "$@"' - tools/new-family greet "$dest"
	assert_failure
	assert_output --partial "cannot tell which modules the kernel has"
	assert [ ! -e "$dest" ]
}

@test "a DEST that is not empty is refused" {
	mkdir -p "$dest"
	touch "$dest/something"
	run tools/new-family greet "$dest"
	assert_failure
	assert_output --partial "is not empty"
}
