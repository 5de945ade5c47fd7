#!/usr/bin/env bats
# ECHO: round trips through the kernel, each payload checked byte for byte.

load helpers

@test "ping prints each round trip and the min, avg and max" {
	run hellonl ping -c 3 -s 1000
	assert_success
	assert_line --index 0 "PING hellonl: 1000 bytes of payload"
	assert_line --index 1 --regexp '^1000 bytes echoed: seq=1 time=[0-9]+\.[0-9]{3} ms$'
	assert_line --index 3 --regexp '^1000 bytes echoed: seq=3 time='
	assert_line "--- hellonl ping: 3 sent, 3 echoed intact ---"
	assert_line --regexp '^rtt min/avg/max = [0-9.]+/[0-9.]+/[0-9.]+ ms$'
}

@test "ping -j reports the counts and the times" {
	run hellonl -j ping -c 2 -s 0
	assert_success
	assert_output --regexp '^\{"size":0,"sent":2,"intact":2,"rtt_ms":\{"min":[0-9.]+,"avg":[0-9.]+,"max":[0-9.]+\}\}$'
}

@test "the largest payload, 3072 bytes, echoes; one byte more is refused, naming the limit" {
	run hellonl ping -c 1 -s 3072
	assert_success
	assert_line "--- hellonl ping: 1 sent, 1 echoed intact ---"
	run hellonl ping -c 1 -s 3073
	assert_failure 1
	assert_line "hellonl: ping: payload longer than 3072 bytes (Numerical result out of range)"
	run hellonl ping -c 1 -s 32768
	assert_failure 1
	assert_line "hellonl: ping: payload longer than 3072 bytes (Numerical result out of range)"
}

@test "an unprivileged user may ping" {
	run as_user hellonl ping -c 2
	assert_success
	assert_line "--- hellonl ping: 2 sent, 2 echoed intact ---"
}
