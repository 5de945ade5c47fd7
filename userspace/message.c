// SPDX-License-Identifier: GPL-2.0
/* Requests and answers of the hellonl family, as bytes: see message.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "message.h"

static struct nlmsghdr *genl_header(void *buf, uint16_t type, uint16_t flags,
				    uint32_t seq, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *msg_getfamily_dump(void *buf, uint32_t seq)
{
	return genl_header(buf, GENL_ID_CTRL, NLM_F_DUMP, seq,
			   CTRL_CMD_GETFAMILY, 1);
}

struct nlmsghdr *msg_get(void *buf, const struct family *f, uint32_t seq)
{
	return genl_header(buf, f->id, 0, seq, HELLONL_CMD_GET,
			   HELLONL_FAMILY_VERSION);
}

/* Ask for an ack, so that success is confirmed rather than assumed. */
struct nlmsghdr *msg_set(void *buf, size_t size, const struct family *f,
			 uint32_t seq, const char *message,
			 const uint32_t *heartbeat_ms)
{
	struct nlmsghdr *nlh = genl_header(buf, f->id, NLM_F_ACK, seq,
					   HELLONL_CMD_SET,
					   HELLONL_FAMILY_VERSION);

	if (message && !mnl_attr_put_strz_check(nlh, size, HELLONL_A_MESSAGE,
						message))
		return NULL;
	if (heartbeat_ms && !mnl_attr_put_u32_check(nlh, size,
						    HELLONL_A_HEARTBEAT_MS,
						    *heartbeat_ms))
		return NULL;
	return nlh;
}

struct nlmsghdr *msg_history(void *buf, const struct family *f, uint32_t seq)
{
	return genl_header(buf, f->id, NLM_F_DUMP, seq, HELLONL_CMD_HISTORY,
			   HELLONL_FAMILY_VERSION);
}

struct nlmsghdr *msg_stats(void *buf, const struct family *f, uint32_t seq)
{
	return genl_header(buf, f->id, 0, seq, HELLONL_CMD_STATS,
			   HELLONL_FAMILY_VERSION);
}

struct nlmsghdr *msg_echo(void *buf, size_t size, const struct family *f,
			  uint32_t seq, const void *payload, size_t len)
{
	struct nlmsghdr *nlh = genl_header(buf, f->id, 0, seq, HELLONL_CMD_ECHO,
					   HELLONL_FAMILY_VERSION);

	if (len > UINT16_MAX ||
	    !mnl_attr_put_check(nlh, size, HELLONL_A_PAYLOAD, len, payload))
		return NULL;
	return nlh;
}

/* BEGIN hellonl-only: the tutorial's protocol */
static struct nlmsghdr *legacy_header(void *buf, uint16_t type, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = seq;
	return nlh;
}

/* A bare header, then the text with its NUL; nlmsg_len counts no padding. */
struct nlmsghdr *msg_legacy(void *buf, size_t size, uint16_t type,
			    uint32_t seq, const char *text)
{
	size_t len = strlen(text) + 1;
	struct nlmsghdr *nlh;

	if (NLMSG_SPACE(len) > size)
		return NULL;
	nlh = legacy_header(buf, type, seq);
	memcpy(NLMSG_DATA(nlh), text, len);
	nlh->nlmsg_len = NLMSG_LENGTH(len);
	return nlh;
}

struct nlmsghdr *msg_legacy_tutorial(void *buf, size_t size, uint16_t type,
				     uint32_t seq, const char *text,
				     uint8_t pad)
{
	size_t len = strlen(text);
	struct nlmsghdr *nlh;
	char *payload;

	if (NLMSG_SPACE(len) > size)
		return NULL;
	nlh = legacy_header(buf, type, seq);
	payload = NLMSG_DATA(nlh);
	memcpy(payload, text, len);
	memset(payload + len, pad, NLMSG_ALIGN(len) - len);
	nlh->nlmsg_len = NLMSG_SPACE(len);
	return nlh;
}
/* END hellonl-only */

int msg_cmd(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl))
		return -1;
	return genl->cmd;
}

/* The attributes of a message, or of a nest, by type up to max. */
struct attrs {
	const struct nlattr *tb[32];
	int max;
};

#define FITS_ATTRS(max) _Static_assert((max) < 32, #max " outgrew struct attrs")
FITS_ATTRS(CTRL_ATTR_MAX);
FITS_ATTRS(CTRL_ATTR_MCAST_GRP_MAX);
FITS_ATTRS(HELLONL_A_MAX);
FITS_ATTRS(HELLONL_STAT_MAX);
FITS_ATTRS(NLMSGERR_ATTR_MAX);
FITS_ATTRS(NL_POLICY_TYPE_ATTR_MAX);

static int collect(const struct nlattr *attr, void *data)
{
	struct attrs *a = data;
	int type = mnl_attr_get_type(attr);

	if (type <= a->max)
		a->tb[type] = attr;
	return MNL_CB_OK;
}

static void attrs_init(struct attrs *a, int max)
{
	memset(a, 0, sizeof(*a));
	a->max = max;
}

static int collect_genl(const struct nlmsghdr *nlh, struct attrs *a, int max)
{
	attrs_init(a, max);
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return -1;
	return mnl_attr_parse(nlh, GENL_HDRLEN, collect, a) < 0 ? -1 : 0;
}

static int collect_nest(const struct nlattr *nest, struct attrs *a, int max)
{
	attrs_init(a, max);
	return mnl_attr_parse_nested(nest, collect, a) < 0 ? -1 : 0;
}

static bool is_u16(const struct nlattr *attr)
{
	return attr && !mnl_attr_validate(attr, MNL_TYPE_U16);
}

static bool is_u32(const struct nlattr *attr)
{
	return attr && !mnl_attr_validate(attr, MNL_TYPE_U32);
}

static bool is_u64(const struct nlattr *attr)
{
	return attr && !mnl_attr_validate(attr, MNL_TYPE_U64);
}

static bool is_string(const struct nlattr *attr)
{
	return attr && !mnl_attr_validate(attr, MNL_TYPE_NUL_STRING);
}

static int events_group(const struct nlattr *groups, uint32_t *id)
{
	const struct nlattr *group;

	mnl_attr_for_each_nested(group, groups) {
		struct attrs g;

		if (collect_nest(group, &g, CTRL_ATTR_MCAST_GRP_MAX))
			return -1;
		if (is_string(g.tb[CTRL_ATTR_MCAST_GRP_NAME]) &&
		    is_u32(g.tb[CTRL_ATTR_MCAST_GRP_ID]) &&
		    !strcmp(mnl_attr_get_str(g.tb[CTRL_ATTR_MCAST_GRP_NAME]),
			    HELLONL_MCGRP_EVENTS))
			*id = mnl_attr_get_u32(g.tb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return 0;
}

/* One family of a CTRL_CMD_GETFAMILY dump: is it @name, and what is it? */
int msg_parse_family(const struct nlmsghdr *nlh, const char *name,
		     struct family *f, bool *match)
{
	struct attrs a;

	*match = false;
	if (collect_genl(nlh, &a, CTRL_ATTR_MAX) ||
	    !is_string(a.tb[CTRL_ATTR_FAMILY_NAME]) ||
	    !is_u16(a.tb[CTRL_ATTR_FAMILY_ID]))
		return -1;
	if (strcmp(mnl_attr_get_str(a.tb[CTRL_ATTR_FAMILY_NAME]), name))
		return 0;

	memset(f, 0, sizeof(*f));
	f->id = mnl_attr_get_u16(a.tb[CTRL_ATTR_FAMILY_ID]);
	if (is_u32(a.tb[CTRL_ATTR_VERSION]))
		f->version = mnl_attr_get_u32(a.tb[CTRL_ATTR_VERSION]);
	if (a.tb[CTRL_ATTR_MCAST_GROUPS] &&
	    events_group(a.tb[CTRL_ATTR_MCAST_GROUPS], &f->events_group))
		return -1;
	*match = true;
	return 0;
}

int msg_parse_entry(const struct nlmsghdr *nlh, struct entry *e)
{
	struct attrs a;
	const char *message;

	memset(e, 0, sizeof(*e));
	if (collect_genl(nlh, &a, HELLONL_A_MAX) ||
	    !is_string(a.tb[HELLONL_A_MESSAGE]) || !is_u64(a.tb[HELLONL_A_SEQ]) ||
	    !is_u32(a.tb[HELLONL_A_PID]) || !is_u32(a.tb[HELLONL_A_UID]) ||
	    !is_u64(a.tb[HELLONL_A_TIME_NS]))
		return -1;

	message = mnl_attr_get_str(a.tb[HELLONL_A_MESSAGE]);
	if (strlen(message) >= sizeof(e->message))
		return -1;
	strcpy(e->message, message);
	e->seq = mnl_attr_get_u64(a.tb[HELLONL_A_SEQ]);
	e->pid = mnl_attr_get_u32(a.tb[HELLONL_A_PID]);
	e->uid = mnl_attr_get_u32(a.tb[HELLONL_A_UID]);
	e->time_ns = mnl_attr_get_u64(a.tb[HELLONL_A_TIME_NS]);
	if (is_u32(a.tb[HELLONL_A_HEARTBEAT_MS])) {
		e->has_heartbeat = true;
		e->heartbeat_ms = mnl_attr_get_u32(a.tb[HELLONL_A_HEARTBEAT_MS]);
	}
	return 0;
}

int msg_parse_heartbeat(const struct nlmsghdr *nlh, struct heartbeat *hb)
{
	struct attrs a;

	if (collect_genl(nlh, &a, HELLONL_A_MAX) ||
	    !is_u64(a.tb[HELLONL_A_BEAT]) || !is_u64(a.tb[HELLONL_A_SEQ]) ||
	    !is_u64(a.tb[HELLONL_A_TIME_NS]) ||
	    !is_u32(a.tb[HELLONL_A_HEARTBEAT_MS]))
		return -1;
	hb->beat = mnl_attr_get_u64(a.tb[HELLONL_A_BEAT]);
	hb->seq = mnl_attr_get_u64(a.tb[HELLONL_A_SEQ]);
	hb->time_ns = mnl_attr_get_u64(a.tb[HELLONL_A_TIME_NS]);
	hb->heartbeat_ms = mnl_attr_get_u32(a.tb[HELLONL_A_HEARTBEAT_MS]);
	return 0;
}

int msg_parse_stats(const struct nlmsghdr *nlh, struct stats *s)
{
	struct attrs a, n;

	if (collect_genl(nlh, &a, HELLONL_A_MAX) || !a.tb[HELLONL_A_STATS] ||
	    collect_nest(a.tb[HELLONL_A_STATS], &n, HELLONL_STAT_MAX) ||
	    !is_u64(n.tb[HELLONL_STAT_GETS]) || !is_u64(n.tb[HELLONL_STAT_SETS]) ||
	    !is_u64(n.tb[HELLONL_STAT_ECHOES]) ||
	    !is_u64(n.tb[HELLONL_STAT_EVENTS]) ||
	    !is_u64(n.tb[HELLONL_STAT_REFUSED]))
		return -1;
	s->gets = mnl_attr_get_u64(n.tb[HELLONL_STAT_GETS]);
	s->sets = mnl_attr_get_u64(n.tb[HELLONL_STAT_SETS]);
	s->echoes = mnl_attr_get_u64(n.tb[HELLONL_STAT_ECHOES]);
	s->events = mnl_attr_get_u64(n.tb[HELLONL_STAT_EVENTS]);
	s->refused = mnl_attr_get_u64(n.tb[HELLONL_STAT_REFUSED]);
	return 0;
}

int msg_parse_payload(const struct nlmsghdr *nlh, const void **payload,
		      size_t *len)
{
	struct attrs a;

	if (collect_genl(nlh, &a, HELLONL_A_MAX) || !a.tb[HELLONL_A_PAYLOAD])
		return -1;
	*payload = mnl_attr_get_payload(a.tb[HELLONL_A_PAYLOAD]);
	*len = mnl_attr_get_payload_len(a.tb[HELLONL_A_PAYLOAD]);
	return 0;
}

static void parse_policy(const struct nlattr *nest, struct kernel_error *err)
{
	struct attrs p;

	if (collect_nest(nest, &p, NL_POLICY_TYPE_ATTR_MAX))
		return;
	if (is_u32(p.tb[NL_POLICY_TYPE_ATTR_TYPE]))
		err->policy_type = mnl_attr_get_u32(p.tb[NL_POLICY_TYPE_ATTR_TYPE]);
	if (is_u32(p.tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH])) {
		err->has_max_length = true;
		err->max_length =
			mnl_attr_get_u32(p.tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]);
	}
	if (is_u64(p.tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U])) {
		err->has_min_value = true;
		err->min_value =
			mnl_attr_get_u64(p.tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]);
	}
	if (is_u64(p.tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U])) {
		err->has_max_value = true;
		err->max_value =
			mnl_attr_get_u64(p.tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]);
	}
}

/*
 * An NLMSG_ERROR: the errno, then the request (unless the kernel capped
 * it), then the extended ack attributes when NLM_F_ACK_TLVS says so.
 */
int msg_parse_error(const struct nlmsghdr *nlh, struct kernel_error *err)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	size_t offset = sizeof(*e);
	struct attrs a;

	memset(err, 0, sizeof(*err));
	if (nlh->nlmsg_type != NLMSG_ERROR || len < sizeof(*e))
		return -1;
	err->error = -e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < sizeof(e->msg))
			return -1;
		offset += MNL_ALIGN(e->msg.nlmsg_len - sizeof(e->msg));
	}
	if (offset > len)
		return -1;

	attrs_init(&a, NLMSGERR_ATTR_MAX);
	if (mnl_attr_parse_payload((const char *)e + offset, len - offset,
				   collect, &a) < 0)
		return -1;
	if (is_string(a.tb[NLMSGERR_ATTR_MSG]))
		snprintf(err->message, sizeof(err->message), "%s",
			 mnl_attr_get_str(a.tb[NLMSGERR_ATTR_MSG]));
	if (is_u32(a.tb[NLMSGERR_ATTR_OFFS])) {
		err->has_offset = true;
		err->offset = mnl_attr_get_u32(a.tb[NLMSGERR_ATTR_OFFS]);
	}
	if (a.tb[NLMSGERR_ATTR_POLICY])
		parse_policy(a.tb[NLMSGERR_ATTR_POLICY], err);
	return 0;
}

/* BEGIN hellonl-only: the tutorial's protocol */
/* A legacy reply: a header and a NUL-terminated string filling the payload. */
int msg_parse_legacy(const struct nlmsghdr *nlh, const char **text)
{
	const char *payload = mnl_nlmsg_get_payload(nlh);
	size_t len = mnl_nlmsg_get_payload_len(nlh);

	if (!len || !memchr(payload, '\0', len))
		return -1;
	*text = payload;
	return 0;
}
/* END hellonl-only */

bool msg_dump_interrupted(const void *buf, size_t len, uint32_t seq)
{
	const struct nlmsghdr *nlh;
	int left = len > INT_MAX ? INT_MAX : (int)len;

	for (nlh = buf; mnl_nlmsg_ok(nlh, left);
	     nlh = mnl_nlmsg_next(nlh, &left))
		if (nlh->nlmsg_seq == seq && nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			return true;
	return false;
}

int msg_attr_at(const struct nlmsghdr *request, uint32_t offset)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, request, GENL_HDRLEN)
		if ((const char *)attr - (const char *)request == offset)
			return mnl_attr_get_type(attr);
	return -1;
}

bool msg_describe_policy(const struct kernel_error *err, const char *name,
			 char *out, size_t size)
{
	if (err->error == ERANGE && err->has_max_length)
		snprintf(out, size, "%s longer than %u bytes", name,
			 err->max_length);
	else if (err->error == EINVAL &&
		 err->policy_type == NL_ATTR_TYPE_NUL_STRING)
		snprintf(out, size, "%s is not a NUL-terminated string", name);
	else if (err->has_min_value && err->has_max_value)
		snprintf(out, size, "%s out of range (%llu to %llu)", name,
			 (unsigned long long)err->min_value,
			 (unsigned long long)err->max_value);
	else
		return false;
	return true;
}
