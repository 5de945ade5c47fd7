#!/usr/bin/env bats
# The kernel's own ynl tool, driven by the YNL spec that the package
# installs: if the spec and the module disagree, these fail. The ynl tool
# and the spec schemas come from Debian's linux-source-6.12 (see
# tests/tools/fetch-ynl).

load helpers

SPEC=/usr/share/hellonl/hellonl.yaml

# The first test validates the spec against the schema; the others skip
# that, which takes seconds of python under emulation each time.
ynl() {
	timeout "$HELLONL_TIMEOUT" python3 "$BATS_TEST_DIRNAME/ynl/cli.py" \
		--spec "$SPEC" --no-schema --output-json "$@"
}

# Has the subscribing ynl joined a multicast group? /proc/net/netlink
# shows, for each socket, its protocol, the first 32 groups it joined and
# its inode; the events group, allocated when the module loads, is among
# those 32 on a test guest. pgrep finds timeout as well as ynl itself.
ynl_subscribed() {
	local pid fd socket
	for pid in $(pgrep -f 'ynl/cli\.py .*--subscribe'); do
		for fd in /proc/"$pid"/fd/*; do
			socket=$(readlink "$fd") || continue
			[[ $socket =~ ^socket:\[([0-9]+)\]$ ]] || continue
			awk -v inode="${BASH_REMATCH[1]}" '
				$2 == 16 && $10 == inode && $4 != "00000000" { joined = 1 }
				END { exit !joined }' /proc/net/netlink && return 0
		done
	done
	return 1
}

# json EXPR: evaluate a Python expression on the JSON in $output, as v.
json() {
	python3 -c 'import json, sys; v = json.loads(sys.argv[2]); print(eval(sys.argv[1]))' "$1" "$output"
}

@test "the spec passes the kernel's genetlink schema" {
	run timeout "$HELLONL_TIMEOUT" python3 "$BATS_TEST_DIRNAME/ynl/cli.py" --spec "$SPEC" \
		--schema "$BATS_TEST_DIRNAME/schemas/genetlink.yaml" --list-ops
	assert_success
	assert_line --partial "get"
	assert_line --partial "history"
}

@test "ynl get gives what hellonl get gives" {
	hellonl set "seen by ynl"
	run ynl --do get
	assert_success
	assert_equal "$(json 'v["message"]')" "seen by ynl"
	assert_equal "$(json 'v["seq"] > 0 and v["uid"] == 0 and v["heartbeat-ms"] == 0')" True
}

@test "ynl set changes what hellonl get gives" {
	run ynl --do set --json '{"message": "set by ynl", "heartbeat-ms": 0}'
	assert_success
	run hellonl get
	assert_output "set by ynl"
}

@test "ynl set of an empty message gets the kernel's reason" {
	run ynl --do set --json '{"message": ""}'
	assert_failure
	assert_output --partial "message is empty"
}

@test "ynl dumps the history" {
	hellonl set "last in the history"
	run ynl --dump history
	assert_success
	assert_equal "$(json 'v[-1]["message"]')" "last in the history"
	assert_equal "$(json 'len(v) == len({e["seq"] for e in v})')" True
}

@test "ynl stats and echo decode" {
	run ynl --do echo --json '{"payload": "00ff10"}'
	assert_success
	assert_equal "$(json 'v["payload"]')" "00ff10"
	run ynl --do stats
	assert_equal "$(json 'v["stats"]["echoes"] >= 1')" True
}

@test "a ynl subscription to the events group sees the new messages" {
	# ynl joins the group, then sleeps before it reads what came, once:
	# the messages are set in between, once the kernel shows that it
	# joined. ynl is stopped meanwhile, since no sleep is long enough on a
	# loaded debug kernel: there one process setting them took longer
	# than 6 s. Continued, it sleeps what is left, and reads them all.
	ynl --subscribe events --sleep 6 > "$BATS_TEST_TMPDIR/events" &
	local pid=$!
	wait_until ynl_subscribed
	pkill -STOP -f 'ynl/cli\.py .*--subscribe'
	nlprobe set-many 10 --prefix "announced "
	pkill -CONT -f 'ynl/cli\.py .*--subscribe'
	wait "$pid"
	output=$(cat "$BATS_TEST_TMPDIR/events")
	run json '" | ".join(e["msg"]["message"] for e in v if e["name"] == "changed")'
	assert_output "announced 0 | announced 1 | announced 2 | announced 3 | announced 4 | announced 5 | announced 6 | announced 7 | announced 8 | announced 9"
}
