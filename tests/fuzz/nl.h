/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw netlink for the fuzzer and the fault injector: sockets, a builder
 * that writes whatever bytes it is told (lying lengths included), and
 * readers that walk what came back the way the kernel walks a datagram.
 * No library: the tools must be able to send what no library would.
 */
#ifndef FUZZ_NL_H
#define FUZZ_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#define NL_ALIGN4(n)	(((n) + 3U) & ~3U)
#define NL_HDR		16U	/* sizeof(struct nlmsghdr) */
#define NL_GENL_HDR	4U	/* GENL_HDRLEN */

struct nl_sock {
	int fd;
	int proto;
	uint32_t portid;
};

/*
 * Open a netlink socket of @proto in the caller's network namespace, with
 * extended acks and capped acks, bound to a port the kernel picks. @rcvbuf,
 * when not 0, is asked for (forced where the caller may). 0 or -errno.
 */
int nl_open(struct nl_sock *s, int proto, int rcvbuf);
void nl_close(struct nl_sock *s);
/* Send @len bytes to the kernel: 0 or -errno. */
int nl_send(const struct nl_sock *s, const void *buf, size_t len);
/*
 * One datagram into @buf: its length, -EAGAIN when nothing came within
 * @timeout_ms (0: do not wait), or -errno (-ENOBUFS after an overrun).
 */
int nl_recv(const struct nl_sock *s, void *buf, size_t len, int timeout_ms);

/* A datagram being built in a caller's buffer. */
struct nl_buf {
	uint8_t *data;
	size_t len;
	size_t cap;
	bool overflow;
};

void nb_init(struct nl_buf *b, void *mem, size_t cap);
void *nb_put(struct nl_buf *b, const void *data, size_t len);
void nb_zero(struct nl_buf *b, size_t len);
/* Pad with @byte to a multiple of 4. */
void nb_align(struct nl_buf *b, uint8_t byte);
/* A netlink header; its nlmsg_len is set by nb_msg_end(). Returns its offset. */
size_t nb_msg_start(struct nl_buf *b, uint16_t type, uint16_t flags,
		    uint32_t seq);
void nb_genl(struct nl_buf *b, uint8_t cmd, uint8_t version, uint16_t reserved);
/* An attribute whose nla_len is the true 4 + @len, padded with zeroes. */
void nb_attr(struct nl_buf *b, uint16_t type, const void *data, size_t len);
void nb_attr_u32(struct nl_buf *b, uint16_t type, uint32_t v);
void nb_attr_str(struct nl_buf *b, uint16_t type, const char *s);
/* Set the message's nlmsg_len to what was put since nb_msg_start(). */
void nb_msg_end(struct nl_buf *b, size_t off);
struct nlmsghdr *nb_msg(struct nl_buf *b, size_t off);

/* One message of a received datagram. */
struct nl_msg {
	const struct nlmsghdr *nlh;
	const uint8_t *payload;
	uint32_t plen;
};

/*
 * The messages of a datagram, up to @max, as the kernel's receivers walk
 * one: it stops at a header that does not fit. Returns how many.
 */
int nl_split(const uint8_t *buf, size_t len, struct nl_msg *out, int max);

/* Attributes of a flat region, the last of each type wins; unknown ignored. */
void nla_index(const uint8_t *data, size_t len, const struct nlattr **tb,
	       int maxtype);
static inline const void *nla_payload(const struct nlattr *a)
{
	return (const uint8_t *)a + NLA_HDRLEN;
}
static inline uint32_t nla_plen(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}
uint32_t nla_u32_of(const struct nlattr *a);
uint64_t nla_u64_of(const struct nlattr *a);

/* An NLMSG_ERROR's error code (0: an ack), or 1 when @m is none. */
int nl_error_of(const struct nl_msg *m);
/* The extended ack's message of an NLMSG_ERROR, or "". */
const char *nl_ext_msg(const struct nl_msg *m);

/* Print @len bytes as hex, 32 a line, to stderr with @prefix. */
void hexdump(const char *prefix, const void *buf, size_t len);

#endif /* FUZZ_NL_H */
