# kmemleak, for the debug suite's tests: scan as netdev's CI does, and
# judge what it found. Sourced by the .bats files here.

KMEMLEAK=/sys/kernel/debug/kmemleak

# kmemleak_scan: two scans, the minimum object age (5 s) apart, so that
# what the first saw as new is judged by the second; then the reports.
kmemleak_scan() {
	echo scan > "$KMEMLEAK"
	sleep 5
	echo scan > "$KMEMLEAK"
	cat "$KMEMLEAK"
}

# kmemleak_judge REPORTS: fail on any report whose backtrace passes through
# hellonl; print the others, each with its trace, unless known-leaks names
# a function of its trace, with the reason it is not hellonl's to fix.
kmemleak_judge() {
	python3 - "$1" "$BATS_TEST_DIRNAME/known-leaks" <<'JUDGE'
import re, sys
reports = re.split(r"(?m)^(?=unreferenced object )", open(sys.argv[1]).read())
reports = [r for r in reports if r.startswith("unreferenced object ")]
known = {}
for line in open(sys.argv[2]):
    line = line.strip()
    if line and not line.startswith("#"):
        function, _, why = line.partition(" ")
        known[function] = why.strip()
def reason(report):
    """Why a report is accepted, from known-leaks; None if it is not."""
    for function, why in known.items():
        if re.search(r"\b%s\+" % re.escape(function), report):
            return why
    return None

# Through hellonl: a frame of the module in the backtrace (the process
# name, "comm", may be hellonl's CLI without the module being at fault).
ours = [r for r in reports if re.search(r"\[hellonl\]|\bhellonl_\w+\+", r)]
unknown = [r for r in reports if r not in ours and reason(r) is None]
for r in reports:
    if r in ours:
        print("HELLONL LEAKS:\n" + r)
    elif r in unknown:
        print("the base kernel leaks, and known-leaks does not say why:\n" + r)
    else:
        print("known, not hellonl's: %s\n%s" % (reason(r), r))
print("%d reports: %d through hellonl, %d unexplained" % (len(reports), len(ours), len(unknown)))
sys.exit(1 if ours or unknown else 0)
JUDGE
}
