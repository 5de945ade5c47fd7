#!/usr/bin/env bats
# Events: the kernel tells listeners of every new message over multicast,
# and, with a heartbeat, starts the conversation on its own.

load helpers

teardown() {
	[ -z "${MONITOR_PID:-}" ] || kill "$MONITOR_PID" 2>/dev/null || true
	hellonl set --heartbeat 0
	hellonl_teardown
}

@test "monitor prints each new message with its seq, setter and time" {
	start_monitor "$BATS_TEST_TMPDIR/out" --count 2 --timeout 60
	hellonl set "first event"
	hellonl set "second event"
	wait "$MONITOR_PID"
	run cat "$BATS_TEST_TMPDIR/out"
	assert_line --index 0 --regexp "^$(date +%Y-%m-%d) [0-9:.]+ changed +seq=[0-9]+ pid=[0-9]+ uid=0 message=first event\$"
	assert_line --index 1 --regexp " changed +seq=[0-9]+ pid=[0-9]+ uid=0 message=second event\$"
	local first second
	first=$(sed -n '1s/.*seq=\([0-9]*\).*/\1/p' "$BATS_TEST_TMPDIR/out")
	second=$(sed -n '2s/.*seq=\([0-9]*\).*/\1/p' "$BATS_TEST_TMPDIR/out")
	assert_equal "$second" "$((first + 1))"
}

@test "monitor -j prints one JSON object per event" {
	JSON=1 start_monitor "$BATS_TEST_TMPDIR/json" --count 1 --timeout 60
	hellonl set "as json"
	wait "$MONITOR_PID"
	run python3 -c '
import json, sys
event = json.loads(open(sys.argv[1]).read())
assert event["event"] == "changed", event
assert event["message"] == "as json", event
assert event["uid"] == 0 and event["pid"] > 0 and event["seq"] > 0, event
assert event["time"].endswith("Z") and event["time_ns"] > 1.7e18, event
print("ok")' "$BATS_TEST_TMPDIR/json"
	assert_output ok
}

@test "a SET with NLM_F_ECHO gets its own event, then its ack" {
	run nlprobe bad set-with-echo
	assert_output "$(printf '%s\n' 'answer CHANGED' 'ack')"
	run hellonl get
	assert_output "echoed"
}

@test "monitor | head -1 ends when head does, quietly" {
	local gets
	gets=$(stat_of gets)
	bash -o pipefail -c '/usr/bin/hellonl monitor | head -n 1' \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	local pid=$!
	wait_until gets_above "$gets"
	hellonl set "one for head"
	# No second event comes: the monitor sees head go.
	run timeout 30 tail --pid="$pid" -f /dev/null
	assert_success
	wait "$pid"
	run cat "$BATS_TEST_TMPDIR/out"
	assert_output --regexp " changed +seq=[0-9]+ pid=[0-9]+ uid=0 message=one for head\$"
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output ""
}

@test "an unprivileged user may listen" {
	AS_USER=1 start_monitor "$BATS_TEST_TMPDIR/out" --count 1 --timeout 60
	hellonl set "for everyone"
	wait "$MONITOR_PID"
	run cat "$BATS_TEST_TMPDIR/out"
	assert_output --regexp "changed +seq=[0-9]+ pid=[0-9]+ uid=0 message=for everyone\$"
}

@test "with a heartbeat, the kernel starts the conversation" {
	hellonl set --heartbeat 200
	run hellonl get -v
	assert_line --regexp '^heartbeat +every 200 ms$'
	start_monitor "$BATS_TEST_TMPDIR/out" --count 3 --timeout 60
	wait "$MONITOR_PID"
	run cat "$BATS_TEST_TMPDIR/out"
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 --regexp ' heartbeat +beat=[0-9]+ seq=[0-9]+$'
	local beats
	beats=$(sed 's/.*beat=\([0-9]*\).*/\1/' "$BATS_TEST_TMPDIR/out" | tr '\n' ' ')
	read -r a b c <<<"$beats"
	assert_equal "$b $c" "$((a + 1)) $((a + 2))"
}

@test "a heartbeat period of 0 stops the heartbeat" {
	hellonl set --heartbeat 100
	hellonl set --heartbeat 0
	run hellonl monitor --timeout 2
	assert_success
	assert_output ""
}

@test "the module parameter heartbeat_ms sets the heartbeat of every namespace" {
	reload_module heartbeat_ms=150
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":150'
	run hellonl monitor --count 2 --timeout 60
	assert_success
	assert_line --index 1 --partial "heartbeat beat="
	reload_module
	run hellonl -j get
	assert_output --partial '"heartbeat_ms":0'
}

@test "--timeout ends a quiet monitor, with status 0" {
	SECONDS=0
	run hellonl monitor --timeout 2
	assert_success
	assert_output ""
	[ "$SECONDS" -ge 2 ] && [ "$SECONDS" -lt 20 ]
}

@test "when its socket overflows, the monitor says how many events it lost and resyncs" {
	# A tiny receive buffer, and a monitor stopped while 200 messages go by.
	start_monitor "$BATS_TEST_TMPDIR/out" --rcvbuf 4096 --timeout 120
	kill -STOP "$MONITOR_PID"
	run nlprobe set-many 200 --prefix "burst "
	assert_output "set 200"
	kill -CONT "$MONITOR_PID"
	wait_until grep -q "message=burst 199\$" "$BATS_TEST_TMPDIR/out"
	kill "$MONITOR_PID"

	run cat "$BATS_TEST_TMPDIR/out"
	assert_line --regexp '^lost [0-9]+ events: seq [0-9]+ to [0-9]+$'
	assert_line --index $((${#lines[@]} - 1)) --regexp ' (changed|current) +seq=[0-9]+ .*message=burst 199$'
	# Every one of the 200 is either printed or counted as lost, once.
	run python3 -c '
import re, sys
seen, lost = [], 0
for line in open(sys.argv[1]):
    m = re.search(r" changed +seq=(\d+) .*message=burst (\d+)$", line)
    if m:
        seen.append(int(m.group(2)))
    m = re.match(r"lost (\d+) events", line)
    if m:
        lost += int(m.group(1))
assert seen == sorted(set(seen)), "out of order or twice"
print(len(seen) + lost)' "$BATS_TEST_TMPDIR/out"
	assert_output 200
}
