# TAP for host-side checks. Source it, then:
#   tap_open FILE             start a TAP file (and print it as it grows)
#   tap_check DESC CMD...     run CMD: "ok" if it succeeds, else "not ok"
#                             with its output as comments
tap_file=/dev/null
tap_n=0

tap_open() {
	tap_file=$1
	tap_n=0
	mkdir -p "$(dirname "$tap_file")"
	: > "$tap_file"
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
