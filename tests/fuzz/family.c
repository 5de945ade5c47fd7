// SPDX-License-Identifier: GPL-2.0
/*
 * A family as nlctrl describes it: CTRL_CMD_GETFAMILY for the id, the
 * groups and the ops, CTRL_CMD_GETPOLICY for the policies. See family.h.
 */
#include <errno.h>
#include <string.h>

#include "family.h"

#define CTRL_BUF	(64 * 1024)

/* Per thread: the chaos's threads look families up at once. */
static __thread uint32_t ctrl_seq;

static int ctrl_request(struct nl_sock *s, uint8_t cmd, uint16_t flags,
			uint16_t attr, const void *data, size_t len)
{
	uint8_t mem[256];
	struct nl_buf b;
	size_t off;

	nb_init(&b, mem, sizeof(mem));
	off = nb_msg_start(&b, GENL_ID_CTRL, NLM_F_REQUEST | flags, ++ctrl_seq);
	nb_genl(&b, cmd, 1, 0);
	if (data)
		nb_attr(&b, attr, data, len);
	nb_msg_end(&b, off);
	return nl_send(s, b.data, b.len);
}

static void parse_groups(struct family *f, const struct nlattr *groups)
{
	const uint8_t *p = nla_payload(groups);
	size_t len = nla_plen(groups), off = 0;

	while (len - off >= NLA_HDRLEN) {
		const struct nlattr *g = (const void *)(p + off);
		const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];

		if (g->nla_len < NLA_HDRLEN || g->nla_len > len - off)
			break;
		nla_index(nla_payload(g), nla_plen(g), tb, CTRL_ATTR_MCAST_GRP_MAX);
		if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(nla_payload(tb[CTRL_ATTR_MCAST_GRP_NAME]), "events"))
			f->events_group = nla_u32_of(tb[CTRL_ATTR_MCAST_GRP_ID]);
		off += NL_ALIGN4(g->nla_len);
	}
}

static void parse_ops(struct family *f, const struct nlattr *ops)
{
	const uint8_t *p = nla_payload(ops);
	size_t len = nla_plen(ops), off = 0;

	while (len - off >= NLA_HDRLEN) {
		const struct nlattr *o = (const void *)(p + off);
		const struct nlattr *tb[CTRL_ATTR_OP_MAX + 1];
		uint32_t cmd;

		if (o->nla_len < NLA_HDRLEN || o->nla_len > len - off)
			break;
		nla_index(nla_payload(o), nla_plen(o), tb, CTRL_ATTR_OP_MAX);
		cmd = nla_u32_of(tb[CTRL_ATTR_OP_ID]);
		if (tb[CTRL_ATTR_OP_ID] && cmd < FAM_MAX_CMD) {
			f->ops[cmd].present = true;
			f->ops[cmd].flags = nla_u32_of(tb[CTRL_ATTR_OP_FLAGS]);
		}
		off += NL_ALIGN4(o->nla_len);
	}
}

/* Each attribute @a nested in @nest; @off is the walk's position. */
#define for_each_nested(a, nest, off)					\
	for ((off) = 0;							\
	     nla_plen(nest) - (off) >= NLA_HDRLEN &&			\
	     ((a) = (const void *)((const uint8_t *)nla_payload(nest) + (off)), \
	      (a)->nla_len >= NLA_HDRLEN &&				\
	      (a)->nla_len <= nla_plen(nest) - (off));			\
	     (off) += NL_ALIGN4((a)->nla_len))

static void parse_attr_policy(struct fam_attr *fa, const struct nlattr *desc)
{
	const struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];

	nla_index(nla_payload(desc), nla_plen(desc), tb, NL_POLICY_TYPE_ATTR_MAX);
	memset(fa, 0, sizeof(*fa));
	fa->present = true;
	fa->type = nla_u32_of(tb[NL_POLICY_TYPE_ATTR_TYPE]);
	fa->min_len = nla_u32_of(tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH]);
	fa->max_len = nla_u32_of(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]);
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U] || tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]) {
		fa->has_urange = true;
		fa->min_u = nla_u64_of(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]);
		fa->max_u = nla_u64_of(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]);
	}
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S] || tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]) {
		fa->has_srange = true;
		fa->min_s = (int64_t)nla_u64_of(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S]);
		fa->max_s = (int64_t)nla_u64_of(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]);
	}
}

static void parse_policy_msg(struct family *f, const struct nl_msg *m)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1], *a, *b;
	size_t o1, o2;

	if (m->plen < NL_GENL_HDR)
		return;
	nla_index(m->payload + NL_GENL_HDR, m->plen - NL_GENL_HDR, tb, CTRL_ATTR_MAX);
	if (tb[CTRL_ATTR_OP_POLICY]) {
		for_each_nested(a, tb[CTRL_ATTR_OP_POLICY], o1) {
			unsigned int cmd = a->nla_type & NLA_TYPE_MASK;
			const struct nlattr *pt[CTRL_ATTR_POLICY_DUMP_MAX + 1];

			if (cmd >= FAM_MAX_CMD)
				continue;
			nla_index(nla_payload(a), nla_plen(a), pt,
				  CTRL_ATTR_POLICY_DUMP_MAX);
			if (pt[CTRL_ATTR_POLICY_DO])
				f->ops[cmd].do_policy = (int)nla_u32_of(pt[CTRL_ATTR_POLICY_DO]);
			if (pt[CTRL_ATTR_POLICY_DUMP])
				f->ops[cmd].dump_policy = (int)nla_u32_of(pt[CTRL_ATTR_POLICY_DUMP]);
		}
	}
	if (tb[CTRL_ATTR_POLICY]) {
		for_each_nested(a, tb[CTRL_ATTR_POLICY], o1) {
			unsigned int idx = a->nla_type & NLA_TYPE_MASK;

			if (idx >= FAM_MAX_POLICY)
				continue;
			if ((int)idx >= f->npolicies)
				f->npolicies = (int)idx + 1;
			for_each_nested(b, a, o2) {
				unsigned int type = b->nla_type & NLA_TYPE_MASK;

				if (type < FAM_MAX_ATTR)
					parse_attr_policy(&f->policy[idx][type], b);
			}
		}
	}
}

/* Read a dump's messages into @fn until NLMSG_DONE: 0 or -errno. */
static int ctrl_read(struct nl_sock *s, struct family *f, bool dump,
		     void (*fn)(struct family *, const struct nl_msg *, void *),
		     void *arg)
{
	static __thread uint8_t buf[CTRL_BUF];
	struct nl_msg msgs[256];
	int n, i, err;

	for (;;) {
		n = nl_recv(s, buf, sizeof(buf), 5000);
		if (n < 0)
			return n;
		n = nl_split(buf, (size_t)n, msgs, 256);
		for (i = 0; i < n; i++) {
			const struct nl_msg *m = &msgs[i];

			if (m->nlh->nlmsg_seq != ctrl_seq)
				continue;
			if (m->nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			err = nl_error_of(m);
			if (err != 1)
				return err;
			fn(f, m, arg);
			if (!dump)
				return 0;
		}
	}
}

static void take_family(struct family *f, const struct nl_msg *m, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];

	(void)arg;
	if (m->nlh->nlmsg_type != GENL_ID_CTRL || m->plen < NL_GENL_HDR)
		return;
	nla_index(m->payload + NL_GENL_HDR, m->plen - NL_GENL_HDR, tb, CTRL_ATTR_MAX);
	f->id = (uint16_t)nla_u32_of(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_FAMILY_ID] && nla_plen(tb[CTRL_ATTR_FAMILY_ID]) == 2)
		memcpy(&f->id, nla_payload(tb[CTRL_ATTR_FAMILY_ID]), 2);
	f->version = (uint8_t)nla_u32_of(tb[CTRL_ATTR_VERSION]);
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		parse_groups(f, tb[CTRL_ATTR_MCAST_GROUPS]);
	if (tb[CTRL_ATTR_OPS])
		parse_ops(f, tb[CTRL_ATTR_OPS]);
}

static void take_policy(struct family *f, const struct nl_msg *m, void *arg)
{
	(void)arg;
	parse_policy_msg(f, m);
}

int family_resolve(struct nl_sock *s, const char *name, struct family *f,
		   bool policies)
{
	unsigned int i;
	int err;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < FAM_MAX_CMD; i++)
		f->ops[i].do_policy = f->ops[i].dump_policy = -1;
	err = ctrl_request(s, CTRL_CMD_GETFAMILY, 0, CTRL_ATTR_FAMILY_NAME,
			   name, strlen(name) + 1);
	if (!err)
		err = ctrl_read(s, f, false, take_family, NULL);
	if (err || !f->id)
		return err ? err : -ENOENT;
	if (!policies)
		return 0;
	err = ctrl_request(s, CTRL_CMD_GETPOLICY, NLM_F_DUMP, CTRL_ATTR_FAMILY_ID,
			   &f->id, sizeof(f->id));
	if (!err)
		err = ctrl_read(s, f, true, take_policy, NULL);
	return err;
}

static void find_name(struct family *f, const struct nl_msg *m, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const char *name = arg;

	if (m->nlh->nlmsg_type != GENL_ID_CTRL || m->plen < NL_GENL_HDR)
		return;
	nla_index(m->payload + NL_GENL_HDR, m->plen - NL_GENL_HDR, tb, CTRL_ATTR_MAX);
	if (tb[CTRL_ATTR_FAMILY_NAME] &&
	    !strncmp(nla_payload(tb[CTRL_ATTR_FAMILY_NAME]), name,
		     nla_plen(tb[CTRL_ATTR_FAMILY_NAME])))
		f->id = 1;
}

int family_listed(struct nl_sock *s, const char *name)
{
	struct family f = { 0 };
	int err;

	err = ctrl_request(s, CTRL_CMD_GETFAMILY, NLM_F_DUMP, 0, NULL, 0);
	if (!err)
		err = ctrl_read(s, &f, true, find_name, (void *)name);
	return err ? err : f.id;
}

const struct fam_attr *family_policy(const struct family *f, unsigned int cmd,
				     bool dump)
{
	int idx;

	if (cmd >= FAM_MAX_CMD || !f->ops[cmd].present)
		return NULL;
	idx = dump ? f->ops[cmd].dump_policy : f->ops[cmd].do_policy;
	if (idx < 0 || idx >= FAM_MAX_POLICY)
		return NULL;
	return f->policy[idx];
}
