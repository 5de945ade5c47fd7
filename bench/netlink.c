// SPDX-License-Identifier: GPL-2.0
/* The benchmark's netlink: see netlink.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/genetlink.h>

#include "netlink.h"

#define ALIGN4(len) (((len) + 3) & ~(size_t)3)

_Noreturn void bench_die(const char *what, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("hellonl-bench: ", stderr);
	va_start(ap, what);
	vfprintf(stderr, what, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void bench_open(struct bench_sock *s, int protocol)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	struct timeval timeout = { .tv_sec = 60 };
	int one = 1;

	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
	if (s->fd < 0)
		bench_die("netlink socket of protocol %d: %s", protocol, strerror(errno));
	if (bind(s->fd, (struct sockaddr *)&local, sizeof(local)))
		bench_die("bind: %s", strerror(errno));
	/* As the CLI asks: errors say why, and do not echo the request. */
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* An answer that never comes ends the run, rather than hanging it. */
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)))
		bench_die("SO_RCVTIMEO: %s", strerror(errno));
	s->seq = 0;
}

void bench_close(struct bench_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

void bench_rcvbuf(struct bench_sock *s, int bytes)
{
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)))
		bench_die("SO_RCVBUFFORCE: %s", strerror(errno));
}

void bench_join(struct bench_sock *s, unsigned int group)
{
	if (setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)))
		bench_die("joining group %u: %s", group, strerror(errno));
}

static void *room(struct bench_msg *m, size_t len)
{
	void *at = m->buf + m->len;

	if (m->len + ALIGN4(len) > m->cap)
		bench_die("a request outgrew its buffer of %zu bytes", m->cap);
	memset(at, 0, ALIGN4(len));
	m->len += ALIGN4(len);
	return at;
}

void bench_msg_start(struct bench_msg *m, struct bench_sock *s, uint16_t type,
		     uint16_t flags, int genl, uint8_t cmd)
{
	struct nlmsghdr *nlh;

	m->start = m->len;
	nlh = room(m, sizeof(*nlh));
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++s->seq;
	if (genl) {
		struct genlmsghdr *g = room(m, GENL_HDRLEN);

		g->cmd = cmd;
		g->version = 1;
	}
}

void bench_msg_attr(struct bench_msg *m, uint16_t type, const void *data,
		    size_t len)
{
	struct nlattr *nla = room(m, NLA_HDRLEN + len);

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy((uint8_t *)nla + NLA_HDRLEN, data, len);
}

void bench_msg_raw(struct bench_msg *m, const void *data, size_t len)
{
	memcpy(room(m, len), data, len);
}

void bench_msg_end(struct bench_msg *m)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(m->buf + m->start);

	nlh->nlmsg_len = m->len - m->start;
}

void bench_send(struct bench_sock *s, const struct bench_msg *m)
{
	if (send(s->fd, m->buf, m->len, 0) != (ssize_t)m->len)
		bench_die("send: %s", strerror(errno));
}

size_t bench_recv(struct bench_sock *s, void *buf, size_t cap)
{
	ssize_t n = recv(s->fd, buf, cap, 0);

	if (n < 0)
		bench_die("recv: %s", errno == EAGAIN ? "no answer in a minute" : strerror(errno));
	return (size_t)n;
}

int bench_error_of(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);

	if (nlh->nlmsg_type != NLMSG_ERROR)
		return 1;
	return e->error;
}

/* The attribute @type among the attributes at @at, @len bytes, or NULL. */
static const struct nlattr *attr(const void *at, size_t len, uint16_t type)
{
	const struct nlattr *nla = at;

	while (len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN && nla->nla_len <= len) {
		if ((nla->nla_type & NLA_TYPE_MASK) == type)
			return nla;
		len -= ALIGN4(nla->nla_len) < len ? ALIGN4(nla->nla_len) : len;
		nla = (const struct nlattr *)((const uint8_t *)nla + ALIGN4(nla->nla_len));
	}
	return NULL;
}

#define ATTR_DATA(nla) ((const uint8_t *)(nla) + NLA_HDRLEN)
#define ATTR_LEN(nla) ((size_t)(nla)->nla_len - NLA_HDRLEN)

uint16_t bench_family(const char *name, const char *group, unsigned int *group_id)
{
	static uint8_t buf[BENCH_BUF_SIZE];
	const struct nlattr *id, *groups, *g;
	struct bench_msg m = { .buf = buf, .cap = sizeof(buf) };
	struct bench_sock s;
	const struct nlmsghdr *nlh;
	const uint8_t *at;
	size_t len, left;

	bench_open(&s, NETLINK_GENERIC);
	bench_msg_start(&m, &s, GENL_ID_CTRL, 0, 1, CTRL_CMD_GETFAMILY);
	bench_msg_attr(&m, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	bench_msg_end(&m);
	bench_send(&s, &m);
	len = bench_recv(&s, buf, sizeof(buf));
	bench_close(&s);
	nlh = (const struct nlmsghdr *)buf;
	if (len < NLMSG_HDRLEN || bench_error_of(nlh) != 1)
		bench_die("the family %s is not registered: is its module loaded?", name);
	at = (const uint8_t *)NLMSG_DATA(nlh) + GENL_HDRLEN;
	left = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	id = attr(at, left, CTRL_ATTR_FAMILY_ID);
	if (!id)
		bench_die("nlctrl gave no id for %s", name);
	if (!group)
		return *(const uint16_t *)ATTR_DATA(id);
	groups = attr(at, left, CTRL_ATTR_MCAST_GROUPS);
	/* An array of nests, each with a name and an id. */
	for (g = groups ? (const struct nlattr *)ATTR_DATA(groups) : NULL,
	     left = groups ? ATTR_LEN(groups) : 0;
	     left >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN && g->nla_len <= left;
	     left -= ALIGN4(g->nla_len) < left ? ALIGN4(g->nla_len) : left,
	     g = (const struct nlattr *)((const uint8_t *)g + ALIGN4(g->nla_len))) {
		const struct nlattr *n = attr(ATTR_DATA(g), ATTR_LEN(g), CTRL_ATTR_MCAST_GRP_NAME);
		const struct nlattr *i = attr(ATTR_DATA(g), ATTR_LEN(g), CTRL_ATTR_MCAST_GRP_ID);

		if (n && i && !strcmp((const char *)ATTR_DATA(n), group)) {
			*group_id = *(const uint32_t *)ATTR_DATA(i);
			return *(const uint16_t *)ATTR_DATA(id);
		}
	}
	bench_die("the family %s has no group %s", name, group);
}
