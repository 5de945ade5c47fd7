#!/usr/bin/env bats
# The count that `make check` ends with, tested: no suite, stage or test
# may drop out of it without being counted as failed. Each test makes a
# RESULTS tree the way tests/check does (tests/tools/tap.sh), with TAP as
# bats and cmocka really write it, and reads what tests/tally says of it.

bats_load_library bats-support
bats_load_library bats-assert

setup() {
	top=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	cd "$top" || return 1
	. tests/tools/tap.sh
	r=$BATS_TEST_TMPDIR/results
	suite_tests=$(count_bats tests/system/*.bats)
}

# tally: tests/tally on the tree, its status last.
tally() {
	local status=0
	tests/tally "$r" || status=$?
	echo "status $status"
}

# guest_verdict NAME: the line tests/vm/check writes for a guest that ran.
guest_verdict() {
	mkdir -p "$r/$1"
	echo "ok 1 - $1: the guest ran the suite" > "$r/$1/guest.tap"
}

@test "a suite whose TAP is empty counts each of its tests as failed" {
	tap_expect "$r" bookworm $((suite_tests + 1))
	guest_verdict bookworm
	: > "$r/bookworm/00-installed..75-persist.tap"
	run tally
	assert_line "FAILED: bookworm/00-installed..75-persist.tap: no plan and no results"
	assert_line --partial "bookworm: $((suite_tests - 1)) of its $((suite_tests + 1)) tests did not run"
	assert_line --index $((${#lines[@]} - 2)) "1 passed, $suite_tests failed, 0 skipped"
	assert_line "status 1"
}

@test "a scenario whose host-side setup fails says so, and counts its tests as failed" {
	local tests
	tests=$(($(count_bats tests/scenarios/rpm/*.bats) + 1))
	tap_expect "$r" rpm "$tests"
	run tap_job "$r" rpm "$BATS_TEST_TMPDIR/rpm.log" sh -c 'echo "E: cannot fetch rpm"; exit 100'
	assert_line "not ok 1 - rpm: stopped (status 100) before any of its tests ran: see $BATS_TEST_TMPDIR/rpm.log"
	assert_line "# E: cannot fetch rpm"
	run tally
	assert_line --index $((${#lines[@]} - 2)) "0 passed, $tests failed, 0 skipped"
}

@test "a TAP whose plan is 10 and has 6 results counts 4 failures, once, alone or in a job" {
	mkdir -p "$r"
	{ echo 1..10; for i in 1 2 3 4 5 6; do echo "ok $i - check $i"; done; } > "$r/packages.tap"
	run tally
	assert_line "FAILED: packages.tap: 4 of its 10 tests did not run"
	assert_line --index $((${#lines[@]} - 2)) "6 passed, 4 failed, 0 skipped"
	rm "$r/packages.tap"
	tap_expect "$r" bookworm 11
	guest_verdict bookworm
	{ echo 1..10; for i in 1 2 3 4 5 6; do echo "ok $i test $i in 5ms"; done; } > "$r/bookworm/00-a..99-z.tap"
	run tally
	assert_line --index $((${#lines[@]} - 2)) "7 passed, 4 failed, 0 skipped"
}

@test "a results directory that is missing, and a TAP cut short, lose nothing" {
	tap_expect "$r" trixie $((suite_tests + 1))
	tap_expect "$r" sid $((suite_tests + 1))
	guest_verdict sid
	{ echo "1..$suite_tests"; echo "ok 1 the module is loaded in 5ms"; printf 'not ok 2 dkms '; } \
		> "$r/sid/00-installed..75-persist.tap"
	run tally
	assert_line --partial "trixie: $((suite_tests + 1)) of its $((suite_tests + 1)) tests did not run"
	assert_line --index $((${#lines[@]} - 2)) "2 passed, $((2 * suite_tests)) failed, 0 skipped"
}

@test "a skip is counted as skipped, from cmocka and from bats, and named" {
	mkdir -p "$BATS_TEST_TMPDIR/src" "$r/unit"
	cat > "$BATS_TEST_TMPDIR/src/test_skip.c" <<'C'
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

static void runs(void **state) { (void)state; }
static void skips(void **state) { (void)state; skip(); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(runs),
		cmocka_unit_test(skips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
C
	tap_expect "$r" unit "$(count_cmocka "$BATS_TEST_TMPDIR/src/test_skip.c")"
	read -ra cmocka < <(pkg-config --cflags --libs cmocka)
	gcc -o "$BATS_TEST_TMPDIR/src/test_skip" "$BATS_TEST_TMPDIR/src/test_skip.c" "${cmocka[@]}"
	CMOCKA_MESSAGE_OUTPUT=TAP "$BATS_TEST_TMPDIR/src/test_skip" > "$r/unit/test_skip.tap" 2>&1 || true
	# Written with printf: this file's own bats would take a heredoc's
	# lines that begin with @test for tests of its own.
	printf '%s\n' '@test "the module is signed" {' '	skip "dkms here has no signing key"' '}' \
		'@test "modinfo names the signer" {' '	true' '}' > "$BATS_TEST_TMPDIR/src/05-signing.bats"
	tap_expect "$r" bullseye 3
	guest_verdict bullseye
	# A bats of its own: /usr/bin's, not the one this bats puts first on
	# PATH, and without this one's environment and output descriptor.
	env -i PATH=/usr/bin:/bin /usr/bin/bats --tap --timing "$BATS_TEST_TMPDIR/src/05-signing.bats" \
		> "$r/bullseye/05-signing.tap" 3>&- || true
	run tally
	assert_line --regexp '^skipped: unit/test_skip.tap: .*# SKIP.*skips'
	assert_line --regexp '^skipped: bullseye/05-signing.tap: .*# skip dkms here has no signing key'
	assert_line --index $((${#lines[@]} - 2)) "3 passed, 0 failed, 2 skipped"
	assert_line "status 0"
}

@test "checkpatch fails when checkpatch.pl is missing, and says so" {
	# A private mount namespace whose /usr/src lacks the kernel source
	# that checkpatch.pl comes from, and an empty cache.
	mkdir -p "$BATS_TEST_TMPDIR/usr-src" "$BATS_TEST_TMPDIR/cache"
	run unshare --mount --propagation private bash -c '
		set -e
		mount --bind /usr/src "$1/usr-src"
		mount -t tmpfs tmpfs /usr/src
		for entry in "$1"/usr-src/*; do
			name=${entry##*/}
			[ "$name" != linux-source-6.1.tar.xz ] || continue
			if [ -L "$entry" ]; then cp -P "$entry" /usr/src/; continue; fi
			if [ -d "$entry" ]; then mkdir "/usr/src/$name"; else touch "/usr/src/$name"; fi
			mount --bind "$entry" "/usr/src/$name"
		done
		HELLONL_CACHE=$1/cache tests/tools/static-checks "$2" checkpatch' - "$BATS_TEST_TMPDIR" "$r"
	assert_line "not ok 1 - checkpatch --strict finds nothing in the kernel C"
	assert_line --partial "# checkpatch.pl is not installed"
	run tally
	assert_line --index $((${#lines[@]} - 2)) "0 passed, 1 failed, 0 skipped"
}

@test "sparse, shellcheck, mscgen and gnuplot fail when they are missing, and say so" {
	local dir tool
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
		for tool in "$dir"/*; do
			case ${tool##*/} in sparse | shellcheck | mscgen | gnuplot) continue ;; esac
			[ -e "$BATS_TEST_TMPDIR/bin/${tool##*/}" ] || ln -s "$tool" "$BATS_TEST_TMPDIR/bin/${tool##*/}"
		done
	done
	run env PATH="$BATS_TEST_TMPDIR/bin" tests/tools/static-checks "$r" \
		module_sparse shell_scripts docs_design
	assert_line "# sparse is not installed"
	assert_line "# shellcheck is not installed"
	assert_line "# mscgen is not installed"
	assert_line "# gnuplot is not installed"
	run tally
	assert_line --index $((${#lines[@]} - 2)) "0 passed, 3 failed, 0 skipped"
}
