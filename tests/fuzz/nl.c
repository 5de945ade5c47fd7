// SPDX-License-Identifier: GPL-2.0
/*
 * Raw netlink sockets, datagrams built byte by byte, and the walk over
 * what comes back. See nl.h.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nl.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

int nl_open(struct nl_sock *s, int proto, int rcvbuf)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK };
	socklen_t alen = sizeof(addr);
	int one = 1;

	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (s->fd < 0)
		return -errno;
	s->proto = proto;
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (rcvbuf &&
	    setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(s->fd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    getsockname(s->fd, (struct sockaddr *)&addr, &alen)) {
		int err = -errno;

		close(s->fd);
		s->fd = -1;
		return err;
	}
	s->portid = addr.nl_pid;
	return 0;
}

void nl_close(struct nl_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

int nl_send(const struct nl_sock *s, const void *buf, size_t len)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	ssize_t n;

	do {
		n = sendto(s->fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to));
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : 0;
}

int nl_recv(const struct nl_sock *s, void *buf, size_t len, int timeout_ms)
{
	ssize_t n;

	for (;;) {
		n = recv(s->fd, buf, len, MSG_DONTWAIT);
		if (n >= 0)
			return (int)n;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN || !timeout_ms)
			return -errno;

		struct pollfd p = { .fd = s->fd, .events = POLLIN };
		int r = poll(&p, 1, timeout_ms);

		if (r == 0)
			return -EAGAIN;
		if (r < 0 && errno != EINTR)
			return -errno;
		timeout_ms = timeout_ms > 0 ? timeout_ms : -1;
	}
}

void nb_init(struct nl_buf *b, void *mem, size_t cap)
{
	b->data = mem;
	b->len = 0;
	b->cap = cap;
	b->overflow = false;
}

void *nb_put(struct nl_buf *b, const void *data, size_t len)
{
	void *at;

	if (b->len + len > b->cap) {
		b->overflow = true;
		return NULL;
	}
	at = b->data + b->len;
	if (data)
		memcpy(at, data, len);
	else
		memset(at, 0, len);
	b->len += len;
	return at;
}

void nb_zero(struct nl_buf *b, size_t len)
{
	nb_put(b, NULL, len);
}

void nb_align(struct nl_buf *b, uint8_t byte)
{
	while (b->len % 4 && !b->overflow)
		nb_put(b, &byte, 1);
}

size_t nb_msg_start(struct nl_buf *b, uint16_t type, uint16_t flags,
		    uint32_t seq)
{
	struct nlmsghdr h = {
		.nlmsg_len = NL_HDR,
		.nlmsg_type = type,
		.nlmsg_flags = flags,
		.nlmsg_seq = seq,
	};
	size_t off = b->len;

	nb_put(b, &h, sizeof(h));
	return off;
}

void nb_genl(struct nl_buf *b, uint8_t cmd, uint8_t version, uint16_t reserved)
{
	struct genlmsghdr g = {
		.cmd = cmd,
		.version = version,
		.reserved = reserved,
	};

	nb_put(b, &g, sizeof(g));
}

void nb_attr(struct nl_buf *b, uint16_t type, const void *data, size_t len)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + len), .nla_type = type };

	nb_put(b, &a, sizeof(a));
	nb_put(b, data, len);
	nb_align(b, 0);
}

void nb_attr_u32(struct nl_buf *b, uint16_t type, uint32_t v)
{
	nb_attr(b, type, &v, sizeof(v));
}

void nb_attr_str(struct nl_buf *b, uint16_t type, const char *s)
{
	nb_attr(b, type, s, strlen(s) + 1);
}

struct nlmsghdr *nb_msg(struct nl_buf *b, size_t off)
{
	return (struct nlmsghdr *)(b->data + off);
}

void nb_msg_end(struct nl_buf *b, size_t off)
{
	if (off + NL_HDR <= b->len)
		nb_msg(b, off)->nlmsg_len = (uint32_t)(b->len - off);
}

int nl_split(const uint8_t *buf, size_t len, struct nl_msg *out, int max)
{
	size_t off = 0;
	int n = 0;

	while (len - off >= NL_HDR && n < max) {
		const struct nlmsghdr *h = (const void *)(buf + off);

		if (h->nlmsg_len < NL_HDR || h->nlmsg_len > len - off)
			break;
		out[n].nlh = h;
		out[n].payload = buf + off + NL_HDR;
		out[n].plen = h->nlmsg_len - NL_HDR;
		n++;
		off += NL_ALIGN4(h->nlmsg_len);
		if (off > len)
			break;
	}
	return n;
}

void nla_index(const uint8_t *data, size_t len, const struct nlattr **tb,
	       int maxtype)
{
	size_t off = 0;

	memset(tb, 0, sizeof(*tb) * (maxtype + 1));
	while (len - off >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)(data + off);
		int type = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len - off)
			break;
		if (type <= maxtype)
			tb[type] = a;
		off += NL_ALIGN4(a->nla_len);
		if (off > len)
			break;
	}
}

uint32_t nla_u32_of(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a && nla_plen(a) == sizeof(v))
		memcpy(&v, nla_payload(a), sizeof(v));
	return v;
}

uint64_t nla_u64_of(const struct nlattr *a)
{
	uint64_t v = 0;

	if (a && nla_plen(a) == sizeof(v))
		memcpy(&v, nla_payload(a), sizeof(v));
	return v;
}

int nl_error_of(const struct nl_msg *m)
{
	int err;

	if (!m || m->nlh->nlmsg_type != NLMSG_ERROR || m->plen < sizeof(err))
		return 1;
	memcpy(&err, m->payload, sizeof(err));
	return err;
}

const char *nl_ext_msg(const struct nl_msg *m)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(struct nlmsgerr);

	if (nl_error_of(m) == 1 || !(m->nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return "";
	if (!(m->nlh->nlmsg_flags & NLM_F_CAPPED)) {
		const struct nlmsgerr *e = (const void *)m->payload;

		off = sizeof(int) + NL_ALIGN4(e->msg.nlmsg_len);
	}
	if (off > m->plen)
		return "";
	nla_index(m->payload + off, m->plen - off, tb, NLMSGERR_ATTR_MAX);
	if (!tb[NLMSGERR_ATTR_MSG] || !nla_plen(tb[NLMSGERR_ATTR_MSG]) ||
	    ((const char *)nla_payload(tb[NLMSGERR_ATTR_MSG]))
		    [nla_plen(tb[NLMSGERR_ATTR_MSG]) - 1])
		return "";
	return nla_payload(tb[NLMSGERR_ATTR_MSG]);
}

void hexdump(const char *prefix, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		if (i % 32 == 0)
			fprintf(stderr, "%s%s%04zx:", i ? "\n" : "", prefix, i);
		fprintf(stderr, " %02x", p[i]);
	}
	if (len)
		fputc('\n', stderr);
	else
		fprintf(stderr, "%s(empty)\n", prefix);
}
