# Shared by the host-side scripts of the VM harness. Source it; it sets
# $top, $cache and $build and defines the helpers below.
# shellcheck disable=SC2034 # the variables are for the scripts that source this

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${HELLONL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hellonl}
build=$top/build
vm_dir=$top/tests/vm

say() { printf 'vm: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# hash_files FILE...: one short hash of the names and contents of FILEs.
hash_files() {
	local file
	for file; do
		printf '%s\n' "${file#"$top"/}"
		cat "$file"
	done | sha256sum | cut -c1-16
}

# remove_older DIR NAME: remove what an earlier build of NAME left in DIR,
# the entries named NAME-HASH..., one hash_files hash or more. Exactly
# NAME: bookworm's older images are not bookworm-rt's.
remove_older() {
	find "$1" -mindepth 1 -maxdepth 1 -regextype egrep \
		-regex ".*/$2(-[0-9a-f]{16})+" -exec rm -rf {} +
}

# suite_file SUITE: the path of SUITE's definition, or die naming the known ones.
suite_file() {
	local file=$vm_dir/suites/$1
	[ -f "$file" ] && { echo "$file"; return; }
	die "unknown suite '$1' (known: $(cd "$vm_dir/suites" && echo *))"
}

# suite_setting SUITE NAME DEFAULT: suite_NAME as SUITE's file sets it,
# or DEFAULT where it does not.
suite_setting() {
	(
		name=suite_$2
		unset "$name"
		# shellcheck source=suites/bookworm
		. "$(suite_file "$1")"
		echo "${!name-$3}"
	)
}

# suite_cpus SUITE: how many CPUs SUITE's guests get: its suite_cpus, or
# one. TCG runs the tests a quarter faster on one CPU than on two, when
# two guests share the machine's two cores; a suite with two is there for
# the concurrency test to race on real SMP.
suite_cpus() { suite_setting "$1" cpus 1; }

# suite_kernel_args SUITE: what SUITE's guests add to the kernel's command
# line: its suite_kernel_args, or nothing.
suite_kernel_args() { suite_setting "$1" kernel_args ''; }

# suite_timeout SUITE: how long a boot of SUITE's guests may take, in
# seconds: its suite_timeout, or 2400: a boot takes 2 to 15 minutes, and
# up to twice as long while the debug suite's guest shares the machine's
# cores with two others (tests/check). The debug kernel is several times
# slower than Debian's, and its suite runs the fuzzer too.
suite_timeout() { suite_setting "$1" timeout 2400; }

# suite_repo SUITE: the apt repository of hellonl for SUITE, built if need
# be: the packages built here, or in the chroot the suite's file names.
suite_repo() {
	local suite_build=''
	# shellcheck source=suites/bookworm
	. "$(suite_file "$1")"
	make -s -C "$top" repo BUILD_SUITE="$suite_build" >&2 || return 1
	echo "$build/repo${suite_build:+-$suite_build}"
}

# Lines of a kernel log that fail a run: an oops, a warning, a panic, a hung
# or stalled task; and what the debug kernel's checkers report: KASAN and
# UBSAN, lockdep's circular locking, inconsistent lock state and
# suspicious RCU usage, sleeping in atomic context, DEBUG_OBJECTS and the
# netns reference tracker. The taint notice for an unsigned out-of-tree
# module is expected and matches none of these. (kmemleak's reports are
# read and judged by the debug suite's own tests.)
kernel_failures='BUG:|Oops|WARNING:|Call Trace|Kernel panic|general protection fault|kernel BUG at|blocked for more than [0-9]+ seconds|soft lockup|hard LOCKUP|rcu: INFO|self-detected stall|UBSAN:|KASAN:|possible circular locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|ODEBUG:|ref_tracker:'

# The marks that the fault injector (tests/fuzz/faults.c, kmsg.h) writes
# around its run. The allocation failures it injects make the kernel
# report some of them with a stack trace, as it should; the injector judges
# every line between its marks itself, and fails on anything but such a
# report. So in a window with both marks, and there only, a "Call Trace"
# is not a failure here; every other pattern still is.
faults_begin='hellonl-faults: injecting allocation failures'
faults_end='hellonl-faults: no more injected failures'

# check_kernel_log FILE...: print the failure lines in FILEs; false if any,
# or if a FILE is missing.
check_kernel_log() {
	local file status=0
	for file in "$@"; do
		if [ ! -r "$file" ]; then
			echo "$file: no such log" >&2
			status=1
			continue
		fi
		tr -d '\000' < "$file" | awk -v file="$file" -v failures="$kernel_failures" \
			-v begin="$faults_begin" -v end="$faults_end" '
			{ line[NR] = $0 }
			index($0, begin) { opened = NR }
			index($0, end) && opened {
				for (i = opened; i <= NR; i++)
					in_window[i] = 1
				opened = 0
			}
			END {
				for (i = 1; i <= NR; i++) {
					if (line[i] !~ failures)
						continue
					if (in_window[i] && line[i] ~ /Call Trace/)
						continue
					print file ":" line[i]
					bad = 1
				}
				exit bad
			}' >&2 || status=1
	done
	return "$status"
}

# disk_kernel DISK: the directory that holds the kernel a disk boots. Each
# disk keeps one beside it, DISK.kernel/, because the guest can install a
# new kernel and the host cannot read a qcow2 image to find it.
disk_kernel() { echo "$1.kernel"; }

# new_overlay BASE NEW: a copy-on-write disk NEW over BASE, with BASE's kernel.
new_overlay() {
	local format=qcow2
	[ "${1##*.}" = img ] && format=raw
	qemu-img create -q -f qcow2 -b "$1" -F "$format" "$2"
	rm -rf "$(disk_kernel "$2")"
	cp -r "$(disk_kernel "$1")" "$(disk_kernel "$2")"
}

# How the guests' clock runs: empty for the host's time; "icount" for one
# nanosecond per instruction executed (qemu -icount shift=0), on one CPU,
# so that what the guest times repeats exactly, whatever else the host is
# doing (tests/vm/run --icount, for bench/).
vm_clock=''

# boot_job DISK JOB RUNDIR TIMEOUT SUITE: boot DISK, with SUITE's CPUs and
# kernel arguments (see suite_cpus), and run the job directory JOB in it
# (see guest/start),
# booting again for as long as the job asks for a reboot. Prints the job's
# output as it comes, keeps each boot's console log and results in
# RUNDIR/boot-N/, and returns the job's exit status; 124 on a timeout, 125
# when the guest gave no result or its kernel logged a failure.
boot_job() {
	local disk=$1 job=$2 rundir=$3 timeout=$4 boot=0 status
	local kernel cpus args
	kernel=$(disk_kernel "$disk")
	cpus=$(suite_cpus "$5")
	[ "$vm_clock" != icount ] || cpus=1
	args=$(suite_kernel_args "$5")
	cp "$vm_dir/guest/start" "$vm_dir/guest/next-kernel" "$job/"
	tar -cf "$rundir/job.tar" -C "$job" .
	while :; do
		boot=$((boot + 1))
		local dir=$rundir/boot-$boot
		mkdir -p "$dir"
		truncate -s 0 "$dir/results.img"
		truncate -s 256M "$dir/results.img"
		: > "$dir/output.log"
		qemu_boot "$disk" "$kernel" "$rundir/job.tar" "$dir" "$timeout" "$cpus" "$args"
		status=$?
		mkdir -p "$dir/results"
		tar -xf "$dir/results.img" -C "$dir/results" 2>/dev/null
		rm -f "$dir/results.img"
		local logs=("$dir/console.log")
		[ -e "$dir/results/dmesg.txt" ] && logs+=("$dir/results/dmesg.txt")
		if ! check_kernel_log "${logs[@]}"; then
			say "the guest kernel logged a failure (boot $boot): see $dir/console.log"
			return 125
		fi
		if [ "$status" = 124 ]; then
			say "the guest timed out after $timeout s (boot $boot): see $dir/console.log"
			return 124
		fi
		if [ ! -s "$dir/results/status" ]; then
			say "the guest gave no result (boot $boot): see $dir/console.log"
			return 125
		fi
		if [ -s "$dir/results/kernel/release" ]; then
			rm -rf "$kernel" && cp -r "$dir/results/kernel" "$kernel"
		fi
		status=$(cat "$dir/results/status")
		[ "$status" = reboot ] || return "$status"
		say "the guest asked for a reboot"
	done
}

# qemu_boot DISK KERNELDIR JOBTAR DIR TIMEOUT CPUS ARGS: one boot under
# TCG, with ARGS and $HELLONL_VM_APPEND on the kernel's command line. The
# console goes to DIR/console.log, the job's output to DIR/output.log, which
# is also printed as it grows.
qemu_boot() {
	local disk=$1 kernel=$2 jobtar=$3 dir=$4 timeout=$5 cpus=$6 args=$7 qemu tail status
	local clock=()
	[ "$vm_clock" != icount ] || clock=(-icount shift=0)
	local cmdline="root=LABEL=hellonl-root rw console=ttyS0,115200 panic_on_warn=1 oops=panic panic=-1 hellonl_vm_job $args ${HELLONL_VM_APPEND:-}"
	timeout --kill-after=10 "$timeout" \
	qemu-system-x86_64 -machine q35 -accel tcg -cpu max -smp "$cpus" -m 2048 "${clock[@]}" \
		-nodefaults -no-user-config -display none -vga none -no-reboot -nic none \
		-kernel "$kernel/vmlinuz" -initrd "$kernel/initrd.img" -append "$cmdline" \
		-drive "file=$disk,if=none,id=root,cache=unsafe,discard=unmap" \
		-device virtio-blk-pci,drive=root \
		-drive "file=$jobtar,if=none,id=job,format=raw,readonly=on" \
		-device virtio-blk-pci,drive=job,serial=hellonl-job \
		-drive "file=$dir/results.img,if=none,id=results,format=raw" \
		-device virtio-blk-pci,drive=results,serial=hellonl-results \
		-serial "file:$dir/console.log" -serial "file:$dir/output.log" \
		-device virtio-rng-pci &
	qemu=$!
	tail -n +1 -F --pid="$qemu" "$dir/output.log" 2>/dev/null &
	tail=$!
	wait "$qemu"
	status=$?
	wait "$tail"
	return "$status"
}
