// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel must answer, and what the namespace's state becomes: see
 * model.h. The rules come from the kernel's own walk of a datagram
 * (net/netlink/af_netlink.c: netlink_rcv_skb()), the generic netlink core
 * (net/netlink/genetlink.c: genl_family_rcv_msg()), attribute validation
 * (lib/nlattr.c: strict mode, as for every family that does not opt out),
 * and hellonl's handlers (src/commands.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define NLM_F_DUMP_BOTH	(NLM_F_ROOT | NLM_F_MATCH)

bool utf8_ok(const uint8_t *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t need, k;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			need = 1, cp = s[i] & 0x1f;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			need = 2, cp = s[i] & 0x0f;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			need = 3, cp = s[i] & 0x07;
		else
			return false;	/* a continuation byte, C0, C1 or F5..FF */
		if (i + need >= len)
			return false;	/* cut short */
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += need + 1;
	}
	return true;
}

void model_init(struct model *m, const struct family *f)
{
	memset(m, 0, sizeof(*m));
	m->fam = f;
	m->known = true;
	m->history_len = 16;
	m->hb_floor = HELLONL_HEARTBEAT_MIN_MS;
	m->ring = calloc(MODEL_RING, sizeof(*m->ring));
	m->ring_seq = calloc(MODEL_RING, sizeof(*m->ring_seq));
	if (!m->ring || !m->ring_seq) {
		perror("calloc");
		exit(2);
	}
	model_forget(m);
}

void model_forget(struct model *m)
{
	memset(m->ring_seq, 0xff, MODEL_RING * sizeof(*m->ring_seq));
	m->own = false;
	m->ev_epoch_valid = false;
}

static void ring_put(struct model *m, uint64_t seq, const char *text)
{
	strcpy(m->ring[seq % MODEL_RING], text);
	m->ring_seq[seq % MODEL_RING] = seq;
}

static const char *ring_get(const struct model *m, uint64_t seq)
{
	if (seq == m->first_seq)
		return HELLONL_GREETING;
	if (m->ring_seq[seq % MODEL_RING] != seq)
		return NULL;
	return m->ring[seq % MODEL_RING];
}

static bool stats_of(const struct nl_msg *msg, struct hn_stats *st)
{
	const struct nlattr *tb[HELLONL_A_MAX + 1], *s[HELLONL_STAT_MAX + 1];

	if (msg->plen < NL_GENL_HDR)
		return false;
	nla_index(msg->payload + NL_GENL_HDR, msg->plen - NL_GENL_HDR, tb, HELLONL_A_MAX);
	if (!tb[HELLONL_A_STATS])
		return false;
	nla_index(nla_payload(tb[HELLONL_A_STATS]), nla_plen(tb[HELLONL_A_STATS]),
		  s, HELLONL_STAT_MAX);
	if (!s[HELLONL_STAT_GETS] || !s[HELLONL_STAT_SETS] || !s[HELLONL_STAT_ECHOES] ||
	    !s[HELLONL_STAT_EVENTS] || !s[HELLONL_STAT_REFUSED])
		return false;
	st->gets = nla_u64_of(s[HELLONL_STAT_GETS]);
	st->sets = nla_u64_of(s[HELLONL_STAT_SETS]);
	st->echoes = nla_u64_of(s[HELLONL_STAT_ECHOES]);
	st->events = nla_u64_of(s[HELLONL_STAT_EVENTS]);
	st->refused = nla_u64_of(s[HELLONL_STAT_REFUSED]);
	return true;
}

void model_adopt(struct model *m, const struct nl_msg *get,
		 const struct nl_msg *stats)
{
	const struct nlattr *tb[HELLONL_A_MAX + 1];

	nla_index(get->payload + NL_GENL_HDR, get->plen - NL_GENL_HDR, tb, HELLONL_A_MAX);
	snprintf(m->message, sizeof(m->message), "%.*s",
		 tb[HELLONL_A_MESSAGE] ? (int)nla_plen(tb[HELLONL_A_MESSAGE]) : 0,
		 tb[HELLONL_A_MESSAGE] ? (const char *)nla_payload(tb[HELLONL_A_MESSAGE]) : "");
	m->seq = nla_u64_of(tb[HELLONL_A_SEQ]);
	m->heartbeat_ms = nla_u32_of(tb[HELLONL_A_HEARTBEAT_MS]);
	model_forget(m);
	stats_of(stats, &m->st);
	m->sets_since = 0;
	m->hb_since = m->heartbeat_ms != 0;
}

/* ---- attribute validation, strict, as lib/nlattr.c does it ---- */

/*
 * What the policy dump cannot say: hellonl's validation functions (see
 * src/family.c), whose limits are the UAPI header's.
 */
static int validate_fn(unsigned int type, const uint8_t *data, uint32_t len)
{
	size_t n;

	switch (type) {
	case HELLONL_A_MESSAGE:
		n = strnlen((const char *)data, len);
		if (n == len)
			return -EINVAL;
		for (size_t i = n; i < len; i++)
			if (data[i])
				return -EINVAL;
		if (!n || n > HELLONL_MESSAGE_MAX || !utf8_ok(data, n))
			return -EINVAL;
		return 0;
	case HELLONL_A_PAYLOAD:
		return len > HELLONL_ECHO_MAX ? -ERANGE : 0;
	}
	return 0;
}

static int validate_attr(const struct fam_attr *fa, const struct nlattr *a)
{
	const uint8_t *d = nla_payload(a);
	uint32_t len = nla_plen(a), want = 0;
	uint64_t u = 0;
	int64_t s = 0;

	switch (fa->type) {
	case NL_ATTR_TYPE_U8: case NL_ATTR_TYPE_S8: want = 1; break;
	case NL_ATTR_TYPE_U16: case NL_ATTR_TYPE_S16: want = 2; break;
	case NL_ATTR_TYPE_U32: case NL_ATTR_TYPE_S32: want = 4; break;
	case NL_ATTR_TYPE_U64: case NL_ATTR_TYPE_S64: want = 8; break;
	}
	if (want && len != want)
		return -EINVAL;		/* "invalid attribute length" */
	if ((a->nla_type & NLA_F_NESTED) && fa->type != NL_ATTR_TYPE_NESTED &&
	    fa->type != NL_ATTR_TYPE_NESTED_ARRAY)
		return -EINVAL;		/* "NLA_F_NESTED not expected" */

	switch (fa->type) {
	case NL_ATTR_TYPE_FLAG:
		return len ? -ERANGE : 0;
	case NL_ATTR_TYPE_NUL_STRING:
		if (!len || !memchr(d, 0, fa->max_len && len > fa->max_len + 1 ?
				    fa->max_len + 1 : len))
			return -EINVAL;
		/* fall through */
	case NL_ATTR_TYPE_STRING:
		if (!len)
			return -ERANGE;
		if (d[len - 1] == 0)
			len--;
		if ((fa->max_len && len > fa->max_len) || len < fa->min_len)
			return -ERANGE;
		break;
	case NL_ATTR_TYPE_BINARY:
		if ((fa->max_len && len > fa->max_len) || len < fa->min_len)
			return -ERANGE;
		break;
	case NL_ATTR_TYPE_U8: u = d[0]; break;
	case NL_ATTR_TYPE_U16: { uint16_t v; memcpy(&v, d, 2); u = v; break; }
	case NL_ATTR_TYPE_U32: { uint32_t v; memcpy(&v, d, 4); u = v; break; }
	case NL_ATTR_TYPE_U64: memcpy(&u, d, 8); break;
	case NL_ATTR_TYPE_S8: s = (int8_t)d[0]; break;
	case NL_ATTR_TYPE_S16: { int16_t v; memcpy(&v, d, 2); s = v; break; }
	case NL_ATTR_TYPE_S32: { int32_t v; memcpy(&v, d, 4); s = v; break; }
	case NL_ATTR_TYPE_S64: memcpy(&s, d, 8); break;
	}
	if (fa->has_urange && want && fa->type <= NL_ATTR_TYPE_U64 &&
	    (u < fa->min_u || u > fa->max_u))
		return -ERANGE;
	if (fa->has_srange && want && fa->type >= NL_ATTR_TYPE_S8 &&
	    (s < fa->min_s || s > fa->max_s))
		return -ERANGE;
	return validate_fn(a->nla_type & NLA_TYPE_MASK, nla_payload(a), nla_plen(a));
}

/* The attributes after the genetlink header: 0 or the error, and @tb. */
static int validate_attrs(const struct fam_attr *pol, const uint8_t *p,
			  int len, const struct nlattr **tb)
{
	int rem = len;

	memset(tb, 0, sizeof(*tb) * FAM_MAX_ATTR);
	while (rem >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;
		unsigned int type = a->nla_type & NLA_TYPE_MASK;
		int err;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > rem)
			break;
		if (!type || type >= FAM_MAX_ATTR || !pol[type].present)
			return -EINVAL;	/* unknown, rejected or unspecified */
		err = validate_attr(&pol[type], a);
		if (err)
			return err;
		tb[type] = a;
		p += NL_ALIGN4(a->nla_len);
		rem -= (int)NL_ALIGN4(a->nla_len);
	}
	return rem > 0 ? -EINVAL : 0;	/* "bytes leftover" */
}

/* ---- the handlers ---- */

struct exp *exp_add(struct exp *e, int *n, int max, int kind,
		    const struct nlmsghdr *h, int req)
{
	struct exp *x;

	if (*n >= max) {
		fprintf(stderr, "hellonl-fuzz: too many answers expected\n");
		exit(2);
	}
	x = &e[(*n)++];
	memset(x, 0, sizeof(*x));
	x->kind = (uint8_t)kind;
	x->req = req;
	x->hdr = *h;
	x->seq = h->nlmsg_seq;
	return x;
}

void model_snapshot(const struct model *m, struct exp *x)
{
	x->known = m->known;
	x->own = m->own;
	strcpy(x->message, m->message);
	x->msg_seq = m->seq;
	x->hb = m->heartbeat_ms;
	x->st = m->st;
}

void model_store(struct model *m, const char *text, size_t len)
{
	memcpy(m->message, text, len);
	m->message[len] = 0;
	m->seq++;
	m->st.sets++;
	m->sets_since++;
	m->own = true;
	ring_put(m, m->seq, m->message);
}

static bool heartbeat_ok(uint32_t ms)
{
	return !ms || (ms >= HELLONL_HEARTBEAT_MIN_MS && ms <= HELLONL_HEARTBEAT_MAX_MS);
}

/* hellonl_cmd_set(): 0 or the error. */
static int do_set(struct model *m, const struct nlmsghdr *h,
		  const struct nlattr **tb, struct exp *e, int *n, int max, int req)
{
	const struct nlattr *msg = tb[HELLONL_A_MESSAGE];
	const struct nlattr *hb = tb[HELLONL_A_HEARTBEAT_MS];
	uint32_t ms = hb ? nla_u32_of(hb) : 0;

	if ((!msg && !hb) || (hb && !heartbeat_ok(ms)) ||
	    (ms && ms < m->hb_floor)) {
		m->st.refused++;
		return msg || hb ? -ERANGE : -EINVAL;
	}
	if (msg) {
		const char *text = nla_payload(msg);

		model_store(m, text, strlen(text));
		if (h->nlmsg_flags & NLM_F_ECHO)
			model_snapshot(m, exp_add(e, n, max, EXP_ECHOED, h, req));
	}
	if (hb) {
		m->heartbeat_ms = ms;
		if (ms)
			m->hb_since = true;
	}
	return 0;
}

/*
 * One message of the family: 0, the error, or 1 for a dump started.
 * *@dumping is set once it goes the way of a dump, which a dump already
 * running on the socket refuses with EBUSY before anything else.
 */
static int genl_msg(struct model *m, const struct nlmsghdr *h,
		    struct exp *e, int *n, int max, int req, bool *dumping)
{
	const struct family *f = m->fam;
	const struct genlmsghdr *g = (const void *)(h + 1);
	const struct nlattr *tb[FAM_MAX_ATTR];
	const struct fam_op *op;
	const struct fam_attr *pol;
	uint16_t flags = h->nlmsg_flags;
	bool dump;
	int err;

	if (h->nlmsg_type != f->id)
		return -ENOENT;
	if (h->nlmsg_len < NL_HDR + NL_GENL_HDR)
		return -EINVAL;
	if (m->hdr_check) {
		if (g->reserved)
			return -EINVAL;
		if ((flags & NLM_F_DUMP_BOTH) == NLM_F_DUMP_BOTH)
			flags &= ~NLM_F_DUMP_BOTH;
		if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO))
			return -EINVAL;
	}
	op = g->cmd < FAM_MAX_CMD ? &f->ops[g->cmd] : NULL;
	if (!op || !op->present)
		return -EOPNOTSUPP;
	dump = (h->nlmsg_flags & NLM_F_DUMP_BOTH) == NLM_F_DUMP_BOTH;
	if (m->cap_first && !(op->flags & (dump ? GENL_CMD_CAP_DUMP : GENL_CMD_CAP_DO)))
		return -EOPNOTSUPP;
	if ((op->flags & GENL_ADMIN_PERM) && !m->init_admin)
		return -EPERM;
	if ((op->flags & GENL_UNS_ADMIN_PERM) && !m->admin)
		return -EPERM;
	if (!(op->flags & (dump ? GENL_CMD_CAP_DUMP : GENL_CMD_CAP_DO)))
		return -EOPNOTSUPP;
	*dumping = dump;
	pol = family_policy(f, g->cmd, dump);
	memset(tb, 0, sizeof(tb));
	if (pol) {
		err = validate_attrs(pol, (const uint8_t *)(g + 1),
				     (int)(h->nlmsg_len - NL_HDR - NL_GENL_HDR), tb);
		if (err)
			return err;
	}

	if (dump) {
		struct exp *x = exp_add(e, n, max, EXP_DUMP, h, req);

		model_snapshot(m, x);
		x->cmd = g->cmd;
		x->last = m->seq;
		x->first = m->seq - m->first_seq < m->history_len ?
			   m->first_seq : m->seq - m->history_len + 1;
		return 1;
	}

	switch (g->cmd) {
	case HELLONL_CMD_GET: {
		struct exp *x = exp_add(e, n, max, EXP_REPLY, h, req);

		model_snapshot(m, x);
		x->cmd = g->cmd;
		m->st.gets++;
		return 0;
	}
	case HELLONL_CMD_SET:
		return do_set(m, h, tb, e, n, max, req);
	case HELLONL_CMD_STATS: {
		struct exp *x = exp_add(e, n, max, EXP_REPLY, h, req);

		model_snapshot(m, x);
		x->cmd = g->cmd;
		x->sets_since = m->sets_since;
		x->hb_since = m->hb_since;
		m->sets_since = 0;
		m->hb_since = m->heartbeat_ms != 0;
		return 0;
	}
	case HELLONL_CMD_ECHO: {
		struct exp *x;

		if (!tb[HELLONL_A_PAYLOAD]) {
			m->st.refused++;
			return -EINVAL;
		}
		x = exp_add(e, n, max, EXP_REPLY, h, req);
		model_snapshot(m, x);
		x->cmd = g->cmd;
		x->payload = nla_payload(tb[HELLONL_A_PAYLOAD]);
		x->plen = nla_plen(tb[HELLONL_A_PAYLOAD]);
		m->st.echoes++;
		return 0;
	}
	}
	fprintf(stderr, "hellonl-fuzz: the family has a command %u the model does not know\n",
		g->cmd);
	exit(2);
}

int model_genl(struct model *m, const uint8_t *dg, size_t len,
	       struct exp *e, int max)
{
	size_t off = 0;
	int n = 0, req = 0;

	while (len - off >= NL_HDR) {
		const struct nlmsghdr *h = (const void *)(dg + off);
		bool dumping = false;
		size_t step;
		int err = 0;

		if (h->nlmsg_len < NL_HDR || h->nlmsg_len > len - off)
			break;	/* the rest of the datagram is dropped */
		if ((h->nlmsg_flags & NLM_F_REQUEST) && h->nlmsg_type >= NLMSG_MIN_TYPE)
			err = genl_msg(m, h, e, &n, max, req, &dumping);
		if (err != 1 && ((h->nlmsg_flags & NLM_F_ACK) || err)) {
			struct exp *x = exp_add(e, &n, max, EXP_ACK, h, req);

			x->err = err;
			x->busy_ok = dumping && err;
		}
		step = NL_ALIGN4(h->nlmsg_len);
		off += step < len - off ? step : len - off;
		req++;
	}
	return n;
}

/* ---- matching the answers ---- */

void fail(struct verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (!v->violations++) {
		va_start(ap, fmt);
		vsnprintf(v->why, sizeof(v->why), fmt, ap);
		va_end(ap);
	}
}

/* The attributes of a family message, or false when it is not one. */
static bool genl_attrs(const struct model *m, const struct nl_msg *g,
		       uint8_t cmd, const struct nlattr **tb)
{
	const struct genlmsghdr *gh = (const void *)g->payload;

	if (g->nlh->nlmsg_type != m->fam->id || g->plen < NL_GENL_HDR ||
	    gh->cmd != cmd || gh->version != m->fam->version || gh->reserved)
		return false;
	nla_index(g->payload + NL_GENL_HDR, g->plen - NL_GENL_HDR, tb, HELLONL_A_MAX);
	return true;
}

static bool text_is(const struct nlattr *a, const char *text)
{
	return a && nla_plen(a) == strlen(text) + 1 &&
	       !memcmp(nla_payload(a), text, nla_plen(a));
}

/* An entry as GET, HISTORY and CHANGED carry it. */
static const char *entry_wrong(const struct model *m, const struct nlattr **tb,
			       const char *text, uint64_t seq, bool own)
{
	if (!tb[HELLONL_A_MESSAGE] || !tb[HELLONL_A_SEQ] || !tb[HELLONL_A_PID] ||
	    !tb[HELLONL_A_UID] || !tb[HELLONL_A_TIME_NS])
		return "an attribute of the entry is missing";
	if (nla_u64_of(tb[HELLONL_A_SEQ]) != seq)
		return "wrong SEQ";
	if (text && !text_is(tb[HELLONL_A_MESSAGE], text))
		return "wrong MESSAGE";
	if (seq == m->first_seq &&
	    (nla_u32_of(tb[HELLONL_A_PID]) || nla_u32_of(tb[HELLONL_A_UID])))
		return "the greeting has a PID or UID";
	if (own && seq != m->first_seq &&
	    (nla_u32_of(tb[HELLONL_A_PID]) != m->pid || nla_u32_of(tb[HELLONL_A_UID])))
		return "wrong PID or UID of the setter";
	return NULL;
}

static bool listen_stable(const struct listen_view *a, const struct listen_view *b)
{
	return a->epoch == b->epoch;
}

/* STATS: exact counters, and events as the listeners allow. */
static void check_stats(struct model *m, const struct exp *x,
			const struct hn_stats *got, const struct listen_view *before,
			const struct listen_view *after, struct verdict *v)
{
	uint64_t delta;

	if (got->gets != x->st.gets || got->sets != x->st.sets ||
	    got->echoes != x->st.echoes || got->refused != x->st.refused) {
		fail(v, "counters: gets %llu sets %llu echoes %llu refused %llu, expected %llu %llu %llu %llu",
		     (unsigned long long)got->gets, (unsigned long long)got->sets,
		     (unsigned long long)got->echoes, (unsigned long long)got->refused,
		     (unsigned long long)x->st.gets, (unsigned long long)x->st.sets,
		     (unsigned long long)x->st.echoes, (unsigned long long)x->st.refused);
		return;
	}
	if (got->events < m->st.events) {
		fail(v, "events went back from %llu to %llu",
		     (unsigned long long)m->st.events, (unsigned long long)got->events);
		return;
	}
	delta = got->events - m->st.events;
	/* The listeners were the same from before the last STATS to now. */
	if (m->ev_epoch_valid && m->ev_epoch == after->epoch &&
	    listen_stable(before, after)) {
		if (!after->maybe && delta)
			fail(v, "events rose by %llu with no listener in the namespace",
			     (unsigned long long)delta);
		else if (after->sure && !x->hb_since && delta != x->sets_since)
			fail(v, "events rose by %llu for %llu messages set, a listener there all along",
			     (unsigned long long)delta, (unsigned long long)x->sets_since);
	}
	m->st.events = got->events;
	m->ev_epoch = before->epoch;
	m->ev_epoch_valid = true;
	v->checks++;
}

static void check_reply(struct model *m, const struct exp *x,
			const struct nl_msg *g, const struct listen_view *before,
			const struct listen_view *after, struct verdict *v)
{
	const struct nlattr *tb[HELLONL_A_MAX + 1];
	const char *wrong;
	struct hn_stats st;

	if (g->nlh->nlmsg_flags || !genl_attrs(m, g, x->cmd, tb)) {
		fail(v, "not a reply of command %u", x->cmd);
		return;
	}
	v->checks++;
	switch (x->cmd) {
	case HELLONL_CMD_GET:
		if (!x->known)
			return;
		wrong = entry_wrong(m, tb, x->message, x->msg_seq, x->own);
		if (!wrong && nla_u32_of(tb[HELLONL_A_HEARTBEAT_MS]) != x->hb)
			wrong = "wrong HEARTBEAT_MS";
		if (wrong)
			fail(v, "GET: %s", wrong);
		return;
	case HELLONL_CMD_STATS:
		if (!stats_of(g, &st))
			fail(v, "STATS: a counter is missing");
		else if (x->known)
			check_stats(m, x, &st, before, after, v);
		return;
	case HELLONL_CMD_ECHO:
		if (!tb[HELLONL_A_PAYLOAD] || nla_plen(tb[HELLONL_A_PAYLOAD]) != x->plen ||
		    memcmp(nla_payload(tb[HELLONL_A_PAYLOAD]), x->payload, x->plen))
			fail(v, "ECHO: the payload came back changed");
		return;
	}
}

static void check_ack(const struct exp *x, const struct nl_msg *g, struct verdict *v)
{
	const struct nlmsgerr *err = (const void *)g->payload;

	if (g->nlh->nlmsg_type != NLMSG_ERROR || g->plen < sizeof(*err)) {
		fail(v, "expected %s %d", x->err ? "an error" : "an ack", x->err);
		return;
	}
	if (err->error != x->err) {
		fail(v, "error %d (%s), expected %d", err->error, nl_ext_msg(g), x->err);
		return;
	}
	if (memcmp(&err->msg, &x->hdr, sizeof(x->hdr))) {
		fail(v, "the ack quotes another header");
		return;
	}
	v->checks++;
}

/* Where a dump is: the entry it gives next, and whether it went on late. */
struct dump_walk {
	uint64_t next;
	bool late;
	bool done;
};

/*
 * A HISTORY dump's messages from @got on, as far as they go: how many it
 * took. The first datagram of a dump is made while its request runs; the
 * rest, if it did not fit, as the socket is read, after the whole datagram
 * of requests ran (@m is the model by then). When those requests set
 * messages, the rest starts with NLM_F_DUMP_INTR, where it stopped or at
 * the oldest entry left, and goes on to the newest message.
 */
static int check_dump(struct model *m, const struct exp *x, struct dump_walk *w,
		      const struct nl_msg *got, int ngot, struct verdict *v)
{
	int i;

	for (i = 0; i < ngot && got[i].nlh->nlmsg_seq == x->seq; i++) {
		const struct nl_msg *g = &got[i];
		const struct nlattr *tb[HELLONL_A_MAX + 1];
		uint64_t last = w->late ? m->seq : x->last;
		const char *wrong;
		int status = -1;

		if (x->known && (g->nlh->nlmsg_flags & NLM_F_DUMP_INTR) && !w->late) {
			uint64_t oldest = m->seq - m->first_seq < m->history_len ?
					  m->first_seq : m->seq - m->history_len + 1;

			if (m->seq == x->last) {
				fail(v, "HISTORY: marked interrupted, with nobody setting meanwhile");
				return i + 1;
			}
			w->late = true;
			last = m->seq;
			if (w->next < oldest)
				w->next = oldest;
		}
		if (g->nlh->nlmsg_type == NLMSG_DONE) {
			if (g->plen >= sizeof(status))
				memcpy(&status, g->payload, sizeof(status));
			if (status)
				fail(v, "HISTORY: NLMSG_DONE with %d", status);
			else if (x->known && w->next != last + 1)
				fail(v, "HISTORY: ended at %llu, expected %llu",
				     (unsigned long long)w->next - 1,
				     (unsigned long long)last);
			w->done = true;
			v->checks++;
			return i + 1;
		}
		if (!(g->nlh->nlmsg_flags & NLM_F_MULTI) ||
		    !genl_attrs(m, g, HELLONL_CMD_HISTORY, tb)) {
			fail(v, "HISTORY: not an entry of the dump");
			return i + 1;
		}
		if (!x->known) {
			if (!tb[HELLONL_A_SEQ])
				fail(v, "HISTORY: an entry without SEQ");
			continue;
		}
		/* What the ring knows, this sender set. */
		wrong = entry_wrong(m, tb, ring_get(m, w->next), w->next,
				    ring_get(m, w->next) != NULL);
		if (!wrong && w->next > last)
			wrong = "past the newest message";
		if (wrong) {
			fail(v, "HISTORY: entry %llu: %s", (unsigned long long)w->next, wrong);
			return i + 1;
		}
		w->next++;
	}
	return i;
}

void model_check(struct model *m, const struct exp *e, int ne,
		 const struct nl_msg *got, int ngot,
		 const struct listen_view *before,
		 const struct listen_view *after, struct verdict *v)
{
	const struct exp *open = NULL;
	struct dump_walk open_walk = { 0 };
	int gi = 0, i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < ne && !v->violations; i++) {
		const struct exp *x = &e[i];
		const struct nl_msg *g = gi < ngot ? &got[gi] : NULL;

		if (!g) {
			fail(v, "answer %d of %d is missing", i + 1, ne);
			break;
		}
		if (x->kind == EXP_DUMP) {
			struct dump_walk w = { .next = x->first };

			if (open) {
				/* A dump runs on the socket: this one is refused. */
				if (nl_error_of(g) == -EBUSY && g->nlh->nlmsg_seq == x->seq) {
					gi++;
					v->checks++;
					continue;
				}
				fail(v, "a second dump while one runs, not refused with EBUSY");
				break;
			}
			if (g->nlh->nlmsg_seq != x->seq || nl_error_of(g) != 1) {
				fail(v, "HISTORY: no dump");
				break;
			}
			gi += check_dump(m, x, &w, g, ngot - gi, v);
			if (!w.done) {
				open = x;
				open_walk = w;
			}
			continue;
		}
		if (x->kind == EXP_ECHOED) {
			const struct nlattr *tb[HELLONL_A_MAX + 1];
			const char *wrong;

			/* It carries the request's sequence number. */
			if (g->nlh->nlmsg_seq != x->seq || g->nlh->nlmsg_flags ||
			    !genl_attrs(m, g, HELLONL_CMD_CHANGED, tb)) {
				fail(v, "no CHANGED event with the request's nlmsg_seq for NLM_F_ECHO");
				break;
			}
			wrong = entry_wrong(m, tb, x->message, x->msg_seq, x->own);
			if (wrong && x->known)
				fail(v, "CHANGED: %s", wrong);
			gi++;
			v->checks++;
			continue;
		}
		if (g->nlh->nlmsg_seq != x->seq) {
			fail(v, "answer %d has nlmsg_seq %u, expected %u", i + 1,
			     g->nlh->nlmsg_seq, x->seq);
			break;
		}
		gi++;
		if (x->kind == EXP_ACK && x->busy_ok && open && nl_error_of(g) == -EBUSY)
			v->checks++;	/* a dump runs on the socket */
		else if (x->kind == EXP_ACK)
			check_ack(x, g, v);
		else if (x->kind == EXP_REPLY)
			check_reply(m, x, g, before, after, v);
		else
			x->check(x, g, v);
	}
	if (open && !v->violations) {
		gi += check_dump(m, open, &open_walk, &got[gi], ngot - gi, v);
		if (!open_walk.done && !v->violations)
			fail(v, "HISTORY: the dump did not end");
	}
	if (gi < ngot && !v->violations)
		fail(v, "%d answer(s) more than expected", ngot - gi);
	v->dump_open = open != NULL;
}

static const char *const cmd_names[] = {
	"UNSPEC", "GET", "SET", "HISTORY", "STATS", "ECHO", "CHANGED", "HEARTBEAT",
};

static const char *cmd_name(unsigned int cmd)
{
	return cmd < sizeof(cmd_names) / sizeof(cmd_names[0]) ? cmd_names[cmd] : "?";
}

void exp_describe(const struct model *m, const struct exp *e, char *buf,
		  size_t len)
{
	(void)m;
	switch (e->kind) {
	case EXP_ACK:
		snprintf(buf, len, "request %d: %s %d (%s), seq %u", e->req,
			 e->err ? "error" : "ack", e->err,
			 e->err ? strerror(-e->err) : "ok", e->seq);
		break;
	case EXP_REPLY:
		snprintf(buf, len, "request %d: reply %s, seq %u%s%s%s", e->req,
			 cmd_name(e->cmd), e->seq, e->cmd == HELLONL_CMD_GET ? ", \"" : "",
			 e->cmd == HELLONL_CMD_GET ? e->message : "",
			 e->cmd == HELLONL_CMD_GET ? "\"" : "");
		break;
	case EXP_ECHOED:
		snprintf(buf, len, "request %d: CHANGED event, message %llu \"%s\"",
			 e->req, (unsigned long long)e->msg_seq, e->message);
		break;
	case EXP_DUMP:
		snprintf(buf, len, "request %d: HISTORY dump, entries %llu to %llu, seq %u (or EBUSY)",
			 e->req, (unsigned long long)e->first,
			 (unsigned long long)e->last, e->seq);
		break;
	case EXP_OTHER:
		e->describe(e, buf, len);
		break;
	}
}

void msg_describe(const struct nl_msg *g, char *buf, size_t len)
{
	const struct nlmsghdr *h = g->nlh;
	int err = nl_error_of(g);

	if (err != 1)
		snprintf(buf, len, "NLMSG_ERROR %d (%s) seq %u flags %#x \"%s\"", err,
			 err ? strerror(-err) : "ack", h->nlmsg_seq, h->nlmsg_flags,
			 nl_ext_msg(g));
	else if (h->nlmsg_type == NLMSG_DONE)
		snprintf(buf, len, "NLMSG_DONE seq %u", h->nlmsg_seq);
	else
		snprintf(buf, len, "type %u flags %#x seq %u len %u cmd %u",
			 h->nlmsg_type, h->nlmsg_flags, h->nlmsg_seq, h->nlmsg_len,
			 g->plen ? g->payload[0] : 0);
}
