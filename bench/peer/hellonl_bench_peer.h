/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* The benchmark's ioctl peer (hellonl_bench_peer.c): its one request. */
#ifndef HELLONL_BENCH_PEER_H
#define HELLONL_BENCH_PEER_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define HELLONL_BENCH_PEER_MESSAGE_MAX 255

/* What HELLONL_CMD_GET answers, as one struct. */
struct hellonl_bench_peer_entry {
	__u64 seq;
	__u64 time_ns;
	__u32 pid;
	__u32 uid;
	__u32 heartbeat_ms;
	char message[HELLONL_BENCH_PEER_MESSAGE_MAX + 1];
};

#define HELLONL_BENCH_PEER_GET _IOR('h', 1, struct hellonl_bench_peer_entry)

#endif
