# TAP for host-side checks, and the counts that tests/tally holds the
# other results to. Source it, then:
#   tap_open FILE N           start a TAP file whose plan is N checks (and
#                             print it as it grows): a script that dies
#                             before its Nth check leaves the rest failed
#   tap_check DESC CMD...     run CMD: "ok" if it succeeds, else "not ok"
#                             with its output as comments
#   installed TOOL...         fail, saying "TOOL is not installed", unless
#                             every TOOL is on PATH: for the checks, whose
#                             tool must not pass by being absent
#   tap_expect RESULTS NAME N the job NAME will leave N results in
#                             RESULTS/NAME/: tally fails what falls short
#   tap_job RESULTS NAME LOG CMD...
#                             run the job NAME, CMD, which writes its TAP
#                             in RESULTS/NAME/, with its output in LOG; then
#                             print its failures. A job that left no TAP
#                             stopped before its first test: that is a
#                             "not ok" of its own, which names it and LOG
#   count_bats FILE...        the number of tests in the bats FILEs
#   count_cmocka FILE...      the number of cmocka tests in the C FILEs
#
# CMD runs with errexit off, as the left of a ||: a check function must
# test every step itself, and return non-zero when any fails.
tap_file=/dev/null
tap_n=0

tap_open() {
	tap_file=$1
	tap_n=0
	mkdir -p "$(dirname "$tap_file")"
	echo "1..$2" > "$tap_file"
}

tap_check() {
	local desc=$1 log status=0
	shift
	tap_n=$((tap_n + 1))
	log=$("$@" 2>&1) || status=$?
	{
		if [ "$status" = 0 ]; then
			echo "ok $tap_n - $desc"
		else
			echo "not ok $tap_n - $desc"
			printf '%s\n' "$log" | tail -n 40 | sed 's/^/# /'
		fi
	} | tee -a "$tap_file"
	return 0
}

installed() {
	local tool missing=0
	for tool; do
		command -v "$tool" > /dev/null || { echo "$tool is not installed"; missing=1; }
	done
	return "$missing"
}

tap_expect() {
	mkdir -p "$1"
	echo "$3" > "$1/$2.expected"
}

tap_job() {
	local results=$1 name=$2 log=$3 began=$SECONDS status=0
	shift 3
	"$@" > "$log" 2>&1 || status=$?
	printf '\n-- %s: status %d after %d s; its log:\n' "$name" "$status" $((SECONDS - began))
	if [ -z "$(find "$results/$name" -name '*.tap' 2>/dev/null)" ]; then
		mkdir -p "$results/$name"
		printf '1..1\nnot ok 1 - %s: stopped (status %d) before any of its tests ran: see %s\n' \
			"$name" "$status" "$log" | tee "$results/$name/host.tap"
		tail -n 40 "$log" | sed 's/^/# /'
		return 0
	fi
	grep -E '^(not ok|ok|#|vm:)' "$log" | grep -v '^ok' | tail -n 60
	return 0
}

# bats's own patterns for a test: "@test NAME {", and "f() { # @test".
count_bats() {
	cat -- "$@" | grep -c -E \
		-e '^[[:blank:]]*@test[[:blank:]]+(.*[^[:blank:]])[[:blank:]]+\{' \
		-e '^[[:blank:]]*([^[:blank:]()]+)[[:blank:]]*\(?\)?[[:blank:]]+\{[[:blank:]]+#[[:blank:]]*@test[[:blank:]]*$'
}

# cmocka_unit_test(f), and its _setup, _teardown and _prestate forms.
count_cmocka() {
	cat -- "$@" | grep -o -E '\bcmocka_unit_test[a-z_]*\(' | grep -c .
}
