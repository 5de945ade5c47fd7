/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark's netlink: raw sockets and requests built once, so that
 * what a case times is the kernel's work and two system calls, not a
 * library's. Every request is checked for the answer it must get before
 * it is timed (see check_* in the cases), never while.
 */
#ifndef HELLONL_BENCH_NETLINK_H
#define HELLONL_BENCH_NETLINK_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

/* Room for any request or answer of the cases, a dump's datagram included. */
#define BENCH_BUF_SIZE (256 * 1024)

struct bench_sock {
	int fd;
	uint32_t seq;
};

/* A request being built, in a caller's buffer. */
struct bench_msg {
	uint8_t *buf;
	size_t cap;
	size_t len;		/* of everything built so far */
	size_t start;		/* of the message being built */
};

/* Open a netlink socket of @protocol; exits on failure, as every setup does. */
void bench_open(struct bench_sock *s, int protocol);
void bench_close(struct bench_sock *s);

/* Set the socket's receive buffer, past rmem_max (the benchmark runs as root). */
void bench_rcvbuf(struct bench_sock *s, int bytes);

/* Join multicast group @group. */
void bench_join(struct bench_sock *s, unsigned int group);

/*
 * Start a message of @type with @flags (NLM_F_REQUEST added) and the
 * socket's next sequence number; for a genetlink family, @cmd and its
 * version follow in a genl header, unless @type is a raw protocol's
 * (@genl false).
 */
void bench_msg_start(struct bench_msg *m, struct bench_sock *s, uint16_t type,
		     uint16_t flags, int genl, uint8_t cmd);
void bench_msg_attr(struct bench_msg *m, uint16_t type, const void *data,
		    size_t len);
void bench_msg_raw(struct bench_msg *m, const void *data, size_t len);
void bench_msg_end(struct bench_msg *m);

/* Send the datagram built in @m; exits on failure. */
void bench_send(struct bench_sock *s, const struct bench_msg *m);

/* Receive one datagram into @buf; its length, or exits on failure. */
size_t bench_recv(struct bench_sock *s, void *buf, size_t cap);

/*
 * The error an NLMSG_ERROR answer carries (0 for an ack), or 1 when
 * @nlh is no error message.
 */
int bench_error_of(const struct nlmsghdr *nlh);

/* The id of genetlink family @name, and the id of its multicast group @group. */
uint16_t bench_family(const char *name, const char *group, unsigned int *group_id);

/* Print @what and exit with status 2: the benchmark cannot go on. */
_Noreturn void bench_die(const char *what, ...)
	__attribute__((format(printf, 1, 2)));

#endif
