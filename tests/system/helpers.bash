# Loaded by every guest test: bats-assert, and the few helpers below.
# Each test runs as root on a booted guest where apt installed hellonl.

# Their files sourced directly: their load.bash runs dirname for each
# file, a process each, in every test, which costs seconds under TCG.
for file in /usr/lib/bats/bats-support/src/*.bash /usr/lib/bats/bats-assert/src/*.bash; do
	# shellcheck disable=SC1090 # Debian's bats-support and bats-assert
	source "$file"
done

TOOLS=$BATS_TEST_DIRNAME/tools

# No command may hang a test: each gets this long.
HELLONL_TIMEOUT=${HELLONL_TIMEOUT:-60}

# The installed CLI, with the timeout.
hellonl() {
	timeout "$HELLONL_TIMEOUT" /usr/bin/hellonl "$@"
}

# as_user CMD...: run CMD as the unprivileged user "tester".
AS_TESTER=(setpriv --reuid=tester --regid=tester --init-groups --)
as_user() {
	"${AS_TESTER[@]}" "$@"
}

# The running kernel's release, as a regular expression ("+" and "." escaped).
running_release_regex() {
	uname -r | sed 's/[.+]/\\&/g'
}

# A counter of `hellonl stats`.
stat_of() {
	hellonl stats | awk -v name="$1" '$1 == name { print $2 }'
}

# gets_above N [NETNS]: has the GET counter gone past N?
gets_above() {
	local gets
	gets=$(${2:+ip netns exec "$2"} /usr/bin/hellonl stats | awk '$1 == "gets" { print $2 }')
	[ "$gets" -gt "$1" ]
}

# wait_until CMD...: run CMD again and again, for up to $HELLONL_TIMEOUT
# seconds, until it succeeds. Its arguments are expanded once: a check of
# something that changes goes in a function, such as gets_above.
wait_until() {
	local tries=$((HELLONL_TIMEOUT * 10))
	until "$@"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || { echo "gave up waiting for: $*" >&2; return 1; }
		sleep 0.1
	done
}

# start_monitor OUT [ARGS...]: start `hellonl monitor ARGS` in the
# background, its output in OUT and its pid in MONITOR_PID, and return once
# it listens. A monitor asks for the current message after joining the
# events group, so that moment shows in the GET counter. Set AS_USER to run
# it as the unprivileged user, JSON for -j.
start_monitor() {
	local out=$1 gets
	shift
	gets=$(stat_of gets)
	local runner=() options=()
	[ -z "${AS_USER:-}" ] || runner=("${AS_TESTER[@]}")
	[ -z "${JSON:-}" ] || options=(-j)
	# setpriv execs the monitor, so $! is the monitor's own pid.
	"${runner[@]}" /usr/bin/hellonl "${options[@]}" monitor "$@" > "$out" 2>&1 &
	MONITOR_PID=$!
	wait_until gets_above "$gets"
}

# apt_install PACKAGE...: what a user types, without the questions.
apt_install() {
	DEBIAN_FRONTEND=noninteractive timeout 900 \
		apt-get -q -y -o Dpkg::Progress-Fancy=0 install "$@"
}

# add_repo DIR: trust the signed apt repository in DIR (tests/tools/
# build-repo made it) and read its index.
add_repo() {
	cp "$1/hellonl-archive-keyring.gpg" /usr/share/keyrings/
	printf '%s\n' 'Types: deb' "URIs: file:$1" 'Suites: ./' \
		'Signed-By: /usr/share/keyrings/hellonl-archive-keyring.gpg' \
		> "/etc/apt/sources.list.d/$(basename "$1").sources"
	apt-get -q update
}

# What dkms says of hellonl, without the complaints of the tools it runs
# (readelf, a closed pipe), which vary with its version.
dkms_status() {
	dkms status hellonl 2> /dev/null
}

# assert_dkms_installed VERSION KERNEL: dkms status lists hellonl VERSION
# as installed for KERNEL, as dkms 2 ("hellonl, VERSION, KERNEL") or dkms 3
# ("hellonl/VERSION, KERNEL") words it. Plain strings, not regular
# expressions: releases such as 6.12.95+deb12-amd64 hold a "+".
assert_dkms_installed() {
	local status
	status=$(dkms_status)
	if ! grep -Fq -e "hellonl/$1, $2, x86_64: installed" \
		-e "hellonl, $1, $2, x86_64: installed" <<< "$status"; then
		printf 'dkms status does not list hellonl %s as installed for %s:\n%s\n' \
			"$1" "$2" "$status" >&2
		return 1
	fi
}

# The module is neither loaded nor built for any kernel, and DKMS has
# forgotten it.
assert_module_gone() {
	run grep -c '^hellonl ' /proc/modules
	assert_output 0
	run find /lib/modules -name 'hellonl.ko*'
	assert_output ""
	run dkms status
	refute_output --partial hellonl
}

# cc ARGS: the C compiler the kernel's headers came with. Some suites
# have only a versioned one, and sid only its host-triplet form, such as
# x86_64-linux-gnu-gcc-16.
cc() {
	local compiler
	compiler=$(command -v gcc ||
		find /usr/bin -regextype egrep -regex '.*/(x86_64-linux-gnu-)?gcc-[0-9]+' |
		sort -V | tail -n 1)
	[ -n "$compiler" ] || { echo "no C compiler in /usr/bin" >&2; return 1; }
	"$compiler" "$@"
}

# nlprobe ARGS: the raw netlink test client in tools/. It needs only
# Python's standard library, so -S skips the site packages, a good part
# of Python's start-up under emulation.
nlprobe() {
	timeout "$HELLONL_TIMEOUT" python3 -S "$TOOLS/nlprobe.py" "$@"
}

# reload_module [PARAM=VALUE...]: unload the module, load it with the
# parameters given, and wait until udev has applied /etc/hellonl.conf.
reload_module() {
	modprobe -r hellonl
	modprobe hellonl "$@"
	udevadm settle
}

# The kernel log at warning level or worse, a line each in KERNEL_LOG,
# read with one process: tests start and end with it.
read_kernel_log() {
	mapfile -t KERNEL_LOG < <(dmesg --level=emerg,alert,crit,err,warn)
}

expect_kernel_log() {
	EXPECTED_KERNEL_LOG=$1
}

# The marks the fault injector (tests/fuzz/, kmsg.h) writes around its
# run; tests/vm/lib.sh knows them too. It judges every line between them
# itself.
FAULTS_BEGIN='hellonl-faults: injecting allocation failures'
FAULTS_END='hellonl-faults: no more injected failures'

# kernel_log_expected LINE: is LINE one the kernel may log during a test:
# what the test expects (expect_kernel_log), the taint notice of an
# unsigned out-of-tree module, or what the kernel says when the emulator's
# host thread was not scheduled for a while: the hrtimer's one-off note of
# how long the timer interrupt took, and the clocksource watchdog's of a
# readout too slow to judge by?
kernel_log_expected() {
	local allowed='loading out-of-tree module taints kernel|module verification failed|hrtimer: interrupt took [0-9]+ ns|clocksource: Long readout interval, skipping watchdog check'
	[[ $1 =~ $allowed ]] && return 0
	[ -n "${EXPECTED_KERNEL_LOG:-}" ] && [[ $1 =~ $EXPECTED_KERNEL_LOG ]]
}

# The kernel log must gain nothing at warning level or worse during a
# test but what kernel_log_expected allows, and the fault injector's
# closed windows, which it judged line by line. A window it never closed
# excuses nothing.
assert_kernel_log_clean() {
	local line new=() window=() inside=''
	read_kernel_log
	for line in "${KERNEL_LOG[@]:KERNEL_LOG_START}"; do
		if [[ $line == *"$FAULTS_BEGIN"* ]]; then
			inside=1 window=()
		elif [ -n "$inside" ] && [[ $line == *"$FAULTS_END"* ]]; then
			inside='' window=()
		elif [ -n "$inside" ]; then
			window+=("$line")
		elif ! kernel_log_expected "$line"; then
			new+=("$line")
		fi
	done
	for line in "${window[@]}"; do
		kernel_log_expected "$line" || new+=("$line")
	done
	if [ "${#new[@]}" != 0 ]; then
		echo "the kernel logged:" >&2
		printf '%s\n' "${new[@]}" >&2
		return 1
	fi
}

hellonl_setup() {
	read_kernel_log
	KERNEL_LOG_START=${#KERNEL_LOG[@]}
	EXPECTED_KERNEL_LOG=
}

hellonl_teardown() {
	assert_kernel_log_clean
}

setup() {
	hellonl_setup
}

teardown() {
	hellonl_teardown
}

# heartbeat_runs SECONDS: how many times the kernel ran hellonl's
# heartbeat work, in all namespaces, over SECONDS: a workqueue tracepoint,
# read in a tracing instance of the test's own.
heartbeat_runs() {
	local tracing=/sys/kernel/tracing instance
	mountpoint -q "$tracing" || mount -t tracefs nodev "$tracing" || return 1
	instance=$tracing/instances/hellonl-test-$$
	mkdir "$instance" || return 1
	echo 1 > "$instance/events/workqueue/workqueue_execute_start/enable"
	sleep "$1"
	echo 0 > "$instance/events/workqueue/workqueue_execute_start/enable"
	# %ps names a module's function with its module: "f [hellonl]".
	grep -c 'function hellonl_heartbeat_work\( \[hellonl\]\)\{0,1\}$' "$instance/trace"
	rmdir "$instance"
}

# Has the heartbeat work stopped running, in every namespace?
heartbeats_stopped() {
	[ "$(heartbeat_runs 0.5)" = 0 ]
}

# lines_above N PATTERN FILE: has FILE more than N lines matching PATTERN?
lines_above() {
	[ "$(grep -c "$2" "$3")" -gt "$1" ]
}

# build_test_modules DIR: hellonl as packaged, built again in DIR with its
# test hooks (HELLONL_TEST_HOOKS=y, see src/main.c), beside the modules in
# tools/modules/. Kbuild builds them all at once, the way DKMS builds the
# package. Prints nothing; the modules are DIR/*.ko.
build_test_modules() {
	local dir=$1 source
	source=$(echo /usr/src/hellonl-*/)
	cp -r "$source." "$dir/"
	local module extra=''
	for module in "$TOOLS"/modules/*.c; do
		[ -e "$module" ] || continue
		cp "$module" "$dir/"
		extra+=" $(basename "$module" .c).o"
	done
	[ -z "$extra" ] || echo "obj-m +=$extra" >> "$dir/Kbuild"
	make -s -C "/lib/modules/$(uname -r)/build" M="$dir" HELLONL_TEST_HOOKS=y modules \
		> "$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; return 1; }
}
