# TAP for host-side checks. Source it, then:
#   tap_open FILE N           start a TAP file whose plan is N checks (and
#                             print it as it grows): a script that dies
#                             before its Nth check leaves the rest failed
#   tap_check DESC CMD...     run CMD: "ok" if it succeeds, else "not ok"
#                             with its output as comments
#   installed TOOL...         fail, saying "TOOL is not installed", unless
#                             every TOOL is on PATH: for the checks, whose
#                             tool must not pass by being absent
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
