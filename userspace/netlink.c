// SPDX-License-Identifier: GPL-2.0
/* The CLI's netlink transport: see netlink.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "netlink.h"

int nl_open(struct nl *nl, int protocol)
{
	struct timeval timeout = { .tv_sec = NL_ANSWER_TIMEOUT_S };
	int on = 1;

	memset(nl, 0, sizeof(*nl));
	nl->req = calloc(1, NL_REQUEST_SIZE);
	nl->buf = malloc(NL_ANSWER_SIZE);
	if (!nl->req || !nl->buf)
		goto fail;
	nl->sock = mnl_socket_open(protocol);
	if (!nl->sock)
		goto fail;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &on, sizeof(on)) ||
	    mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &on, sizeof(on)) ||
	    setsockopt(nl_fd(nl), SOL_SOCKET, SO_RCVTIMEO, &timeout,
		       sizeof(timeout)))
		goto fail;
	nl->portid = mnl_socket_get_portid(nl->sock);
	return NL_OK;

fail:
	nl_close(nl);
	return NL_FAILED;
}

void nl_close(struct nl *nl)
{
	int saved = errno;

	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->req);
	free(nl->buf);
	memset(nl, 0, sizeof(*nl));
	errno = saved;
}

int nl_fd(const struct nl *nl)
{
	return mnl_socket_get_fd(nl->sock);
}

uint32_t nl_next_seq(struct nl *nl)
{
	return ++nl->seq;
}

int nl_send(struct nl *nl, const struct nlmsghdr *nlh)
{
	nl->dump_interrupted = false;
	memset(&nl->error, 0, sizeof(nl->error));
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return NL_FAILED;
	return NL_OK;
}

struct waiting {
	struct nl *nl;
	nl_answer_cb cb;
	void *data;
	unsigned int answers;
	bool refused;
};

static int on_answer(const struct nlmsghdr *nlh, void *arg)
{
	struct waiting *w = arg;

	w->answers++;
	return w->cb ? w->cb(nlh, w->data) : MNL_CB_OK;
}

/* An ack ends the wait; an error ends it with what the kernel said. */
static int on_error(const struct nlmsghdr *nlh, void *arg)
{
	struct waiting *w = arg;

	if (msg_parse_error(nlh, &w->nl->error)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!w->nl->error.error)
		return MNL_CB_STOP;
	w->refused = true;
	errno = w->nl->error.error;
	return MNL_CB_ERROR;
}

/* The end of a dump carries the dump's own error, if it failed part way. */
static int on_done(const struct nlmsghdr *nlh, void *arg)
{
	struct waiting *w = arg;
	int error;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(error))
		return MNL_CB_STOP;
	memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	if (!error)
		return MNL_CB_STOP;
	w->refused = true;
	w->nl->error.error = -error;
	errno = -error;
	return MNL_CB_ERROR;
}

static int on_ignored(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	return MNL_CB_OK;
}

/*
 * The rest of an interrupted dump is of no use: read up to its end, which
 * may already be in the datagram at @buf.
 */
static int skip_dump(struct nl *nl, const void *buf, int len)
{
	for (;;) {
		const struct nlmsghdr *nlh;

		for (nlh = buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len))
			if (nlh->nlmsg_seq == nl->seq &&
			    (nlh->nlmsg_type == NLMSG_DONE ||
			     nlh->nlmsg_type == NLMSG_ERROR))
				return NL_OK;
		len = mnl_socket_recvfrom(nl->sock, nl->buf, NL_ANSWER_SIZE);
		if (len < 0)
			return NL_FAILED;
		buf = nl->buf;
	}
}

int nl_wait(struct nl *nl, nl_answer_cb cb, void *data, bool single)
{
	mnl_cb_t control[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = on_ignored,
		[NLMSG_ERROR] = on_error,
		[NLMSG_DONE] = on_done,
	};
	struct waiting w = { .nl = nl, .cb = cb, .data = data };

	for (;;) {
		ssize_t len = mnl_socket_recvfrom(nl->sock, nl->buf,
						  NL_ANSWER_SIZE);
		int ret;

		if (len < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				errno = ETIMEDOUT;
			return NL_FAILED;
		}
		/*
		 * libmnl would stop at the flagged message and say EINTR, but
		 * so might anything else a callback calls: the flag is the
		 * one sure sign.
		 */
		if (msg_dump_interrupted(nl->buf, len, nl->seq)) {
			nl->dump_interrupted = true;
			return skip_dump(nl, nl->buf, len);
		}
		ret = mnl_cb_run2(nl->buf, len, nl->seq, nl->portid, on_answer,
				  &w, control, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_ERROR)
			return w.refused ? NL_REFUSED : NL_FAILED;
		if (ret == MNL_CB_STOP || (single && w.answers))
			return NL_OK;
	}
}

int nl_request(struct nl *nl, const struct nlmsghdr *nlh, nl_answer_cb cb,
	       void *data, bool single)
{
	if (nl_send(nl, nlh))
		return NL_FAILED;
	return nl_wait(nl, cb, data, single);
}

struct lookup {
	struct family *family;
	bool found;
};

static int on_family(const struct nlmsghdr *nlh, void *data)
{
	struct lookup *l = data;
	struct family f;
	bool match;

	if (msg_parse_family(nlh, HELLONL_FAMILY_NAME, &f, &match)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (match) {
		*l->family = f;
		l->found = true;
	}
	return MNL_CB_OK;
}

int nl_resolve(struct nl *nl)
{
	struct lookup l = { .family = &nl->family };
	int ret;

	ret = nl_request(nl, msg_getfamily_dump(nl->req, nl_next_seq(nl)),
			 on_family, &l, false);
	if (ret)
		return ret;
	if (!l.found) {
		errno = ENOENT;
		return NL_FAILED;
	}
	return NL_OK;
}

int nl_find_family(struct family *f)
{
	struct nl nl;
	int ret;

	if (nl_open(&nl, NETLINK_GENERIC))
		return NL_FAILED;
	ret = nl_resolve(&nl);
	if (!ret)
		*f = nl.family;
	nl_close(&nl);
	return ret;
}

static int join(struct nl *nl, unsigned int group)
{
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)))
		return NL_FAILED;
	return NL_OK;
}

int nl_subscribe(struct nl *nl)
{
	if (!nl->family.events_group) {
		errno = ENOENT;
		return NL_FAILED;
	}
	return join(nl, nl->family.events_group);
}

/*
 * nlctrl's one group has no need to be looked up, which would take a dump
 * on this socket: the kernel gives it the family's own fixed id,
 * GENL_ID_CTRL (see genl_validate_assign_mc_groups()).
 */
int nl_watch_families(struct nl *nl)
{
	return join(nl, GENL_ID_CTRL);
}
