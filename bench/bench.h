/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the cases share: the family under test, a request and its answers
 * timed as one operation, and the groups of cases, one file each.
 */
#ifndef HELLONL_BENCH_H
#define HELLONL_BENCH_H

#include <stdint.h>

#include "netlink.h"

/* hellonl's family id and its events group, resolved at start. */
extern uint16_t hellonl_family;
extern unsigned int hellonl_events;

/* A datagram of requests, sent, and its @answers datagrams read. */
struct roundtrip {
	struct bench_sock sock;
	struct bench_msg req;
	unsigned int answers;
	int mmsg;		/* read them with one recvmmsg(2), not one recv(2) each */
	uint8_t reqbuf[16384];
};

/* Open @rt's socket of @protocol, with an empty request. */
void roundtrip_open(struct roundtrip *rt, int protocol, unsigned int answers);
void roundtrip_close(struct roundtrip *rt);

/* Make @rt's request a request of hellonl's, @cmd with @flags, and no attribute. */
void roundtrip_request(struct roundtrip *rt, uint8_t cmd, uint16_t flags);

/* Make @rt's request a SET of @text, with NLM_F_ACK. */
void roundtrip_set(struct roundtrip *rt, const char *text);

/* One round trip: a time_op() operation. */
void roundtrip_once(void *rt);

/*
 * One round trip, checked: its first answer is of @type (NLMSG_ERROR
 * with @error, when @type is NLMSG_ERROR); exits saying @what otherwise.
 */
void roundtrip_check(struct roundtrip *rt, uint16_t type, int error, const char *what);

/* The cases, by what they measure (requests.c, events.c, state.c, clients.c). */
void bench_requests(void);
void bench_events(void);
void bench_state(void);
void bench_clients(void);
void bench_concurrency(double seconds);

#endif
