#!/usr/bin/env bats
# `make new-family NAME=greet`: the tree it writes stands on its own. Run
# by ./run, on the host, in order: each test after the first works in the
# tree the first one wrote, $NEW_FAMILY_TREE.

bats_load_library bats-support
bats_load_library bats-assert

setup_file() {
	[ -n "${NEW_FAMILY_TREE:-}" ] || {
		echo "run by tests/scenarios/new-family/run, which sets NEW_FAMILY_TREE" >&2
		return 1
	}
}

setup() {
	top=$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)
	tree=$NEW_FAMILY_TREE
	out=$BATS_FILE_TMPDIR
}

# without_bats_fds CMD...: CMD without the descriptors bats holds open.
# mmdebstrap, which builds the image, hands apt a hook that writes to its
# pipe as `cat >&N`, N its lowest free descriptor: above bats's, that is
# past 9, which dash cannot redirect.
without_bats_fds() {
	# shellcheck disable=SC2016 # for the inner shell
	bash -c 'for fd in /proc/$$/fd/*; do
		fd=${fd##*/}
		[ "$fd" -le 2 ] || eval "exec $fd>&-" 2> /dev/null
	done
	exec "$@"' - "$@"
}

# tap_all_ok FILE N: FILE is TAP that planned N tests, and all N passed.
tap_all_ok() {
	assert [ -s "$1" ]
	run cat "$1"
	assert_line "1..$2"
	refute_line --regexp '^not ok'
	assert_equal "$(grep -c '^ok' "$1")" "$2"
}

@test "make new-family writes greet's tree, which names hellonl only in its README's line of origin" {
	run make -s -C "$top" new-family NAME=greet DEST="$tree"
	assert_success
	assert_output --partial "new-family: greet is in $tree"
	assert [ -d "$tree/.git" ]
	# Every file and path, whatever its kind; not the fresh repository's
	# own files.
	run grep -r -i -n hellonl "$tree"
	assert_output --regexp "^$tree/README.md:3:greet was made from hellonl [^ ]+ by \`make new-family\`.$"
	assert_equal "${#lines[@]}" 1
	run find "$tree" -path "$tree/.git" -prune -o -iname '*hellonl*' -print
	assert_output ''
	# And no part of the tutorial's protocol, which stays behind.
	run grep -r -i -I -l -E 'legacy|tutorial' --exclude-dir=.git "$tree"
	assert_output ''
	# Its own names, where hellonl has its own.
	assert [ -f "$tree/src/uapi/greet.h" ]
	assert [ -f "$tree/debian/greet-dkms.postinst" ]
	run grep -h '^PACKAGE_NAME=' "$tree/dkms.conf"
	assert_output 'PACKAGE_NAME="greet"'
	run head -n 1 "$tree/debian/changelog"
	assert_output 'greet (0.1.0) unstable; urgency=medium'
}

@test "greet's static checks pass: W=1, sparse, checkpatch, the CLI's -Werror, shellcheck, no archive hosts" {
	cd "$tree"
	run tests/tools/static-checks "$out/static"
	assert_success
	# All of them ran: the copy keeps the six that are not hellonl's own.
	tap_all_ok "$out/static/static.tap" 6
}

@test "greet's unit tests pass" {
	cd "$tree"
	. tests/tools/tap.sh
	run make -s check-unit RESULTS="$out"
	assert_success
	local planned
	planned=$(count_cmocka tests/unit/test_*.c)
	assert [ "$planned" -gt 0 ]
	run sh -c 'cat "$1"/unit/*.tap' - "$out"
	refute_line --regexp '^not ok'
	assert_equal "$(grep -c '^ok' <<<"$output")" "$planned"
}

@test "greet's packages build: greet, greet-dkms, the source package, and a signed apt repository" {
	cd "$tree"
	run make -s repo
	assert_success
	assert [ -e build/deb/greet_0.1.0_amd64.deb ]
	assert [ -e build/deb/greet-dkms_0.1.0_all.deb ]
	assert [ -e build/deb/greet_0.1.0.dsc ]
	assert [ -s build/repo/InRelease ]
	run dpkg-deb -f build/deb/greet-dkms_0.1.0_all.deb Package Depends
	assert_line 'Package: greet-dkms'
	assert_line --regexp '^Depends: .*greet \(>= 0\.1\.0\), greet \(<< 0\.1\.0\.1~\)'
}

@test "lintian finds nothing in greet's packages, pedantic tags included" {
	cd "$tree"
	command -v lintian
	run lintian --allow-root --fail-on error,warning,info,pedantic \
		--display-level '>=pedantic' --display-info \
		build/deb/greet_0.1.0.dsc build/deb/greet_0.1.0_amd64.deb \
		build/deb/greet-dkms_0.1.0_all.deb
	assert_success
	assert_output ''
}

@test "greet's RPMs build, and rpmlint finds nothing but what rpm/greet.rpmlintrc explains" {
	cd "$tree"
	run make -s rpm
	assert_success
	assert [ -e build/rpm/greet-0.1.0-1.x86_64.rpm ]
	assert [ -e build/rpm/greet-dkms-0.1.0-1.noarch.rpm ]
	command -v rpmlint
	run rpmlint -r rpm/greet.rpmlintrc build/rpm/greet-0.1.0-1.x86_64.rpm \
		build/rpm/greet-dkms-0.1.0-1.noarch.rpm
	assert_success
	assert_output --regexp '2 packages and 0 specfiles checked; 0 errors, 0 warnings, 0 badness'
}

@test "in a guest that greet's harness boots, greet-dkms installed with apt loads at boot, and greet get answers" {
	cd "$tree"
	# Greet's fuzzer and fault injector go with it, for the next test.
	run make -s -C tests/fuzz
	assert_success
	mkdir -p "$out/in"
	cp tests/fuzz/greet-fuzz tests/fuzz/greet-faults "$out/in/"
	# The disk the run boots is the one in which apt installed
	# greet-dkms, one boot earlier (tests/vm/installed).
	# shellcheck disable=SC2016 # for the guest's shell
	run without_bats_fds tests/vm/run --in "$out/in" --out "$out/guest" -- sh -c '
		grep "^Commandline: apt-get .* install greet-dkms$" /var/log/apt/history.log
		journalctl -b -o short | grep -o "systemd-modules-load\[[0-9]*\]: Inserted module .greet."
		cat /sys/module/greet/initstate
		greet get
		./greet-fuzz --requests 20000 2>&1 | grep -v "^    " | tail -n 20
		./greet-faults --check-ops 2>&1 | tail -n 20'
	printf '%s\n' "$output" > "$out/guest.txt"
	# 125 would be a kernel oops, warning, hang or panic in the guest.
	assert_success
	assert_line --regexp '^Commandline: apt-get .* install greet-dkms$'
	assert_line --regexp "^systemd-modules-load\[[0-9]+\]: Inserted module 'greet'$"
	assert_line live
	assert_line 'I know you!'
}

@test "greet's fuzzer and fault injector work on greet's module: every answer as the model says, every operation as expected" {
	# In the guest above, on Debian 12's kernel, which has no fault
	# injection: the fault injector runs each operation once, unfaulted.
	run cat "$out/guest.txt"
	assert_success
	assert_line --regexp '^greet-fuzz: seed [0-9]+: 20000 requests, [1-9][0-9]* model checks, 0 violations, [0-9]+ reloads, passed in '
	assert_line --regexp '^greet-fuzz: worker userns: [1-9]'
	# Its 13 operations: hellonl's 16 but the tutorial protocol's 3.
	assert_line --regexp "^greet-faults: 0 faults injected in 13 operations, 0 failures, 0 leaks of greet's"
	refute_line --partial VIOLATION
}
