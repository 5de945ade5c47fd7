# hellonl's coverage on the debug kernel, for end-of-boot and the tests
# here: gcov's counters of the module, kept and reported. Sourced.
#
# The counters are in /sys/kernel/debug/gcov/, under the directory DKMS
# built the module in; they outlive an unload of the module. The notes
# files gcov needs with them, and the sources, are what src/keep-gcov-notes
# kept, since DKMS cleans its build directory up. Kept counters go under
# $HELLONL_VM_STATE/gcov/, which outlives a reboot: one directory for each
# stretch of counting, boot-N for what boot N counted, boot-N-a for what it
# counted before a reset (see gcov_reset).

GCOV_NOTES=/var/lib/hellonl/gcov/$(uname -r)
GCOV_KEPT=$HELLONL_VM_STATE/gcov

# gcov_build_dir: where DKMS built the module, and so where its counters are.
gcov_build_dir() {
	[ -s "$GCOV_NOTES/build-dir" ] || { echo "no gcov notes in $GCOV_NOTES" >&2; return 1; }
	cat "$GCOV_NOTES/build-dir"
}

# gcov_keep DIR: copy the module's counters as they are now into DIR.
gcov_keep() {
	local build file
	build=$(gcov_build_dir) || return 1
	mkdir -p "$1"
	for file in "/sys/kernel/debug/gcov$build"/*.gcda; do
		[ -e "$file" ] || { echo "no gcov counters in /sys/kernel/debug/gcov$build" >&2; return 1; }
		# Not cp: the kernel's files have no size until they are read.
		cat "$file" > "$1/${file##*/}"
	done
}

# gcov_reset: keep what this boot counted so far, as boot-N-a, then set
# every counter to zero, so that what follows can be told apart.
gcov_reset() {
	gcov_keep "$GCOV_KEPT/boot-$HELLONL_VM_BOOT-a" &&
		echo 1 > /sys/kernel/debug/gcov/reset
}

# gcov_report OUT DIR...: add up the counters kept in DIRs, and write
# gcovr's report of src/*.c to OUT: HTML, files.txt, and summary.txt with
# its two lines, "lines: NN.N%" and "branches: NN.N%".
gcov_report() {
	local out=$1 build merged dir
	shift
	build=$(gcov_build_dir) || return 1
	merged=$(mktemp -d)
	cp "$1"/*.gcda "$merged/" || return 1
	shift
	for dir in "$@"; do
		gcov-tool merge "$merged" "$dir" -o "$merged.next" || return 1
		rm -rf "$merged"
		mv "$merged.next" "$merged"
	done
	# gcov reads them with the notes, where the build was.
	mkdir -p "$build" "$out"
	cp "$GCOV_NOTES"/*.gcno "$GCOV_NOTES"/*.c "$GCOV_NOTES"/*.h "$merged"/*.gcda "$build/"
	rm -rf "$merged"
	# The module's code inlines the kernel's headers, which gcov names by
	# paths in the kernel's tree (include/..., arch/...); gcovr leaves out
	# every file whose sources it cannot all find, so the headers' tree
	# goes where gcov looks.
	local tree=/lib/modules/$(uname -r)/build
	ln -sfn "$tree/include" "$build/include"
	ln -sfn "$tree/arch" "$build/arch"
	(cd "$build" && gcovr --root "$build" --filter "$build/[^/]*\.c$" \
		--exclude-unreachable-branches \
		--html-details "$out/index.html" --txt "$out/files.txt" \
		--print-summary > "$out/gcovr.log" 2>&1) || { cat "$out/gcovr.log" >&2; return 1; }
	sed -n 's/^\(lines\|branches\): \([0-9.]*%\).*/\1: \2/p' "$out/gcovr.log" > "$out/summary.txt"
	[ "$(wc -l < "$out/summary.txt")" = 2 ] || { cat "$out/gcovr.log" >&2; return 1; }
}
