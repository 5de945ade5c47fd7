// SPDX-License-Identifier: GPL-2.0
/*
 * Requests made from the policy: for each command nlctrl lists, its
 * attributes with values of their type and bounds, then broken in one way
 * or another: the wrong type, the wrong length, twice, unknown, another
 * command's, flags, headers, lying lengths, batches. The bounds that only
 * hellonl's validation functions know (the message's and the payload's
 * longest) come from the UAPI header. Then the datagrams, each of one
 * protocol: the family's, or another that protos[] lists. See gen.h.
 */
#include <string.h>

#include "gen.h"
#include "hellonl.h"
/* BEGIN hellonl-only: the tutorial's protocol */
#include "legacy.h"
/* END hellonl-only */
#include "model.h"

static const char *const genl_kind_names[N_GENL_KINDS] = {
	[K_GET] = "get", [K_SET] = "set", [K_HISTORY] = "history",
	[K_STATS] = "stats", [K_ECHO] = "echo",
	[K_WRONG_TYPE] = "wrong-type", [K_WRONG_LEN] = "wrong-length",
	[K_DUPLICATE] = "duplicate", [K_UNKNOWN_ATTR] = "unknown-attr",
	[K_FOREIGN_ATTR] = "foreign-attr", [K_ATTR_FLAGS] = "attr-flags",
	[K_LEFTOVER] = "leftover", [K_UNKNOWN_CMD] = "unknown-cmd",
	[K_FLAGS] = "flags", [K_GENL_HDR] = "genl-header",
	[K_NOT_REQUEST] = "not-request", [K_OTHER_FAMILY] = "other-family",
	[K_LYING_LEN] = "lying-len", [K_TRAILING] = "trailing",
};

/* What the receive buffer may be asked to hold for one datagram's answers. */
#define REPLY_BUDGET	(192 * 1024)
#define DUMP_COST	(70 * 1024)

void gen_init(struct gen *g, const struct family *f, uint64_t seed,
	      uint64_t stream, const unsigned int *percent)
{
	memset(g, 0, sizeof(*g));
	rng_seed(&g->rng, seed, stream);
	g->fam = f;
	g->percent = percent;
}

/* ---- texts ---- */

static const char *const utf8_pieces[] = {
	"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x90\xa7", "\xd0\x96", "\xe4\xb8\xad",
};

static const char *const bad_utf8[] = {
	"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff",
	"\x80", "\xc3", "\xe2\x82", "\xf8\x88\x80\x80\x80",
};

size_t gen_text(struct gen *g, char *out, size_t len, bool bad)
{
	size_t n = 0;

	while (n < len) {
		uint32_t r = rng_below(&g->rng, 16);
		const char *piece;
		size_t plen;

		if (r == 0) {
			piece = utf8_pieces[rng_below(&g->rng, 5)];
		} else {
			out[n++] = (char)(' ' + rng_below(&g->rng, 95));
			continue;
		}
		plen = strlen(piece);
		if (n + plen > len)
			break;
		memcpy(out + n, piece, plen);
		n += plen;
	}
	while (n < len)
		out[n++] = 'x';
	if (bad && len) {
		const char *b = bad_utf8[rng_below(&g->rng, 9)];
		size_t blen = strlen(b), at = rng_below(&g->rng, (uint32_t)len);

		if (at + blen > len)
			at = len > blen ? len - blen : 0;
		memcpy(out + at, b, blen <= len ? blen : len);
	}
	return len;
}

/* A length for a text or binary of at most @max bytes, edges included. */
static uint32_t pick_len(struct gen *g, uint32_t max)
{
	switch (rng_below(&g->rng, 12)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return max;
	case 3: return max + 1;
	case 4: return max ? max - 1 : 0;
	case 5: case 6: return rng_below(&g->rng, max + 1);
	}
	return 1 + rng_below(&g->rng, max < 40 ? max : 40);
}

/* The longest a string or binary attribute may be, when the policy says none. */
static uint32_t attr_max(const struct fam_attr *fa, unsigned int type)
{
	if (fa->max_len)
		return fa->max_len;
	if (type == HELLONL_A_PAYLOAD)
		return HELLONL_ECHO_MAX;
	return HELLONL_MESSAGE_MAX;
}

/* A value of an integer type: the range's edges, beyond them, and between. */
static uint64_t pick_uint(struct gen *g, const struct fam_attr *fa, uint64_t type_max)
{
	static const uint64_t special[] = { 0, 1, 9, 10, 11, 999, 1000, 1001, 60000 };
	uint64_t lo = fa->has_urange ? fa->min_u : 0;
	uint64_t hi = fa->has_urange ? fa->max_u : type_max;
	uint64_t v;

	switch (rng_below(&g->rng, 8)) {
	case 0: v = lo; break;
	case 1: v = hi; break;
	case 2: v = hi + 1; break;
	case 3: v = rng_next(&g->rng); break;
	case 4: case 5: v = special[rng_below(&g->rng, 9)]; break;
	default: v = lo + rng_next(&g->rng) % (hi - lo + 1 ? hi - lo + 1 : 1);
	}
	return type_max == UINT64_MAX ? v : v & type_max;
}

static unsigned int int_size(uint32_t type)
{
	switch (type) {
	case NL_ATTR_TYPE_U8: case NL_ATTR_TYPE_S8: return 1;
	case NL_ATTR_TYPE_U16: case NL_ATTR_TYPE_S16: return 2;
	case NL_ATTR_TYPE_U32: case NL_ATTR_TYPE_S32: return 4;
	case NL_ATTR_TYPE_U64: case NL_ATTR_TYPE_S64: return 8;
	}
	return 0;
}

/* An attribute of @type as @fa describes it, mostly within its bounds. */
static void put_attr(struct gen *g, struct nl_buf *b, unsigned int type,
		     const struct fam_attr *fa, uint32_t *cost)
{
	uint8_t data[HELLONL_ECHO_MAX + 64];
	unsigned int size = int_size(fa->type);
	uint32_t len, max;

	if (size) {
		uint64_t tmax = size == 8 ? UINT64_MAX : (1ULL << (8 * size)) - 1;
		uint64_t v = pick_uint(g, fa, tmax);

		nb_attr(b, (uint16_t)type, &v, size);	/* little-endian */
		return;
	}
	max = attr_max(fa, type);
	switch (fa->type) {
	case NL_ATTR_TYPE_FLAG:
		nb_attr(b, (uint16_t)type, NULL, 0);
		return;
	case NL_ATTR_TYPE_NUL_STRING:
	case NL_ATTR_TYPE_STRING:
		len = pick_len(g, max);
		if (len > 400)
			len = 400;
		gen_text(g, (char *)data, len, rng_one_in(&g->rng, 25));
		data[len] = 0;
		if (rng_one_in(&g->rng, 30) && len > 2)
			data[rng_below(&g->rng, len - 1)] = 0;	/* a NUL inside */
		if (fa->type == NL_ATTR_TYPE_NUL_STRING && rng_one_in(&g->rng, 30)) {
			nb_attr(b, (uint16_t)type, data, len);	/* no NUL */
			return;
		}
		/* Sometimes more NULs after the first, which hellonl allows. */
		nb_attr(b, (uint16_t)type, data,
			len + 1 + (rng_one_in(&g->rng, 10) ? rng_below(&g->rng, 4) : 0));
		return;
	default:	/* binary, and what the model cannot value */
		len = pick_len(g, max);
		if (len > sizeof(data))
			len = sizeof(data);
		for (uint32_t i = 0; i < len; i++)
			data[i] = (uint8_t)rng_next(&g->rng);
		nb_attr(b, (uint16_t)type, data, len);
		*cost += len;
	}
}

/* Raw bytes as an attribute of @type: the wrong type or the wrong length. */
static void put_bytes(struct gen *g, struct nl_buf *b, unsigned int type,
		      uint32_t len)
{
	uint8_t data[8192];

	if (len > sizeof(data))
		len = sizeof(data);
	for (uint32_t i = 0; i < len; i++)
		data[i] = rng_one_in(&g->rng, 4) ? 0 : (uint8_t)(' ' + rng_below(&g->rng, 95));
	nb_attr(b, (uint16_t)type, data, len);
}

/* The commands the family has, and the present attributes of a policy. */
static int list_cmds(const struct family *f, uint8_t *cmds)
{
	int n = 0;

	for (unsigned int c = 0; c < FAM_MAX_CMD; c++)
		if (f->ops[c].present)
			cmds[n++] = (uint8_t)c;
	return n;
}

static int list_attrs(const struct fam_attr *pol, uint8_t *types)
{
	int n = 0;

	for (unsigned int t = 0; pol && t < FAM_MAX_ATTR; t++)
		if (pol[t].present)
			types[n++] = (uint8_t)t;
	return n;
}

static uint16_t pick_flags(struct gen *g)
{
	static const uint16_t bits[] = {
		NLM_F_REQUEST, NLM_F_ACK, NLM_F_ECHO, NLM_F_ROOT, NLM_F_MATCH,
		NLM_F_ATOMIC, NLM_F_MULTI, NLM_F_DUMP_INTR,
	};
	uint16_t flags = NLM_F_REQUEST;

	if (rng_one_in(&g->rng, 16))
		return (uint16_t)rng_next(&g->rng);
	for (unsigned int i = 1; i < 6; i++)
		if (rng_one_in(&g->rng, 3))
			flags |= bits[i];
	if (rng_one_in(&g->rng, 10))
		flags |= bits[6 + rng_below(&g->rng, 2)];
	return flags;
}

/* One request of the family; returns its kind. */
static int genl_request(struct gen *g, struct nl_buf *b, uint32_t *cost)
{
	const struct family *f = g->fam;
	uint8_t cmds[FAM_MAX_CMD], types[FAM_MAX_ATTR], cmd;
	const struct fam_attr *pol, *other;
	uint16_t flags = NLM_F_REQUEST, type = f->id;
	uint8_t version = f->version;
	uint16_t reserved = 0;
	int ncmds = list_cmds(f, cmds), ntypes, kind = -1;
	uint32_t mutate = rng_below(&g->rng, 40);
	bool dump;
	size_t off;

	cmd = cmds[rng_below(&g->rng, (uint32_t)ncmds)];
	dump = !(f->ops[cmd].flags & GENL_CMD_CAP_DO) ||
	       ((f->ops[cmd].flags & GENL_CMD_CAP_DUMP) && rng_one_in(&g->rng, 4));
	if (dump)
		flags |= NLM_F_DUMP;
	if (rng_one_in(&g->rng, 2))
		flags |= NLM_F_ACK;
	if (rng_one_in(&g->rng, 4))
		flags |= NLM_F_ECHO;

	if (mutate == 0) {
		do {
			cmd = (uint8_t)rng_below(&g->rng, rng_one_in(&g->rng, 4) ? 256 : 12);
		} while (cmd < FAM_MAX_CMD && f->ops[cmd].present);
		kind = K_UNKNOWN_CMD;
	} else if (mutate == 1 || mutate == 2) {
		flags = pick_flags(g);
		kind = K_FLAGS;
	} else if (mutate == 3) {
		if (rng_one_in(&g->rng, 2))
			version = (uint8_t)rng_next(&g->rng);
		else
			reserved = (uint16_t)(1 + rng_below(&g->rng, 0xffff));
		kind = K_GENL_HDR;
	} else if (mutate == 4) {
		flags &= (uint16_t)~NLM_F_REQUEST;
		if (rng_one_in(&g->rng, 2)) {
			flags |= NLM_F_REQUEST;
			type = (uint16_t)rng_below(&g->rng, NLMSG_MIN_TYPE);
		}
		kind = K_NOT_REQUEST;
	} else if (mutate == 5) {
		type = (uint16_t)(GENL_MAX_ID + 1 + rng_below(&g->rng, 0xffff - GENL_MAX_ID));
		kind = K_OTHER_FAMILY;
	}
	dump = (flags & NLM_F_DUMP) == NLM_F_DUMP;
	*cost += dump ? DUMP_COST : 1500;

	off = nb_msg_start(b, type, flags, ++g->seq);
	if (rng_one_in(&g->rng, 20))
		nb_msg(b, off)->nlmsg_pid = (uint32_t)rng_next(&g->rng);
	nb_genl(b, cmd, version, reserved);

	pol = family_policy(f, cmd, dump);
	ntypes = list_attrs(pol, types);
	for (int i = 0; i < ntypes; i++) {
		/* ECHO needs its payload, SET a message or a heartbeat. */
		if (rng_below(&g->rng, 10) < (ntypes == 1 ? 9U : 6U))
			put_attr(g, b, types[i], &pol[types[i]], cost);
	}

	if (kind < 0 && mutate >= 6 && mutate < 16) {
		unsigned int t = ntypes ? types[rng_below(&g->rng, (uint32_t)ntypes)] :
					 1 + rng_below(&g->rng, 12);
		const struct fam_attr *fa = pol && pol[t].present ? &pol[t] : NULL;
		static const uint32_t lens[] = { 0, 1, 2, 3, 5, 8, 256, 257, 3073 };

		switch (mutate) {
		case 6:	/* a string where a number goes, or the other way */
			if (fa && int_size(fa->type))
				put_bytes(g, b, t, 2 + rng_below(&g->rng, 30));
			else
				nb_attr_u32(b, (uint16_t)t, (uint32_t)rng_next(&g->rng));
			kind = K_WRONG_TYPE;
			break;
		case 7:
			put_bytes(g, b, t, rng_one_in(&g->rng, 8) ?
				  4000 + rng_below(&g->rng, 4000) :
				  lens[rng_below(&g->rng, 9)]);
			kind = K_WRONG_LEN;
			break;
		case 8:
			if (fa) {
				put_attr(g, b, t, fa, cost);
				put_attr(g, b, t, fa, cost);
			}
			kind = K_DUPLICATE;
			break;
		case 9: {
			static const uint16_t unknown[] = { 0, HELLONL_A_MAX + 1, 63, 0x3fff };

			put_bytes(g, b, unknown[rng_below(&g->rng, 4)], rng_below(&g->rng, 9));
			kind = K_UNKNOWN_ATTR;
			break;
		}
		case 10: {
			uint8_t c2 = cmds[rng_below(&g->rng, (uint32_t)ncmds)];
			int n2;

			other = family_policy(f, c2, !(f->ops[c2].flags & GENL_CMD_CAP_DO));
			n2 = list_attrs(other, types);
			if (n2) {
				unsigned int t2 = types[rng_below(&g->rng, (uint32_t)n2)];

				put_attr(g, b, t2, &other[t2], cost);
			}
			kind = K_FOREIGN_ATTR;
			break;
		}
		case 11:
			if (fa) {
				size_t at = b->len;

				put_attr(g, b, t, fa, cost);
				if (at + NLA_HDRLEN <= b->len)
					((struct nlattr *)(b->data + at))->nla_type |=
						rng_one_in(&g->rng, 2) ? NLA_F_NESTED :
									NLA_F_NET_BYTEORDER;
			}
			kind = K_ATTR_FLAGS;
			break;
		case 12: {
			/* Bytes that are no whole attribute after the last one. */
			struct nlattr a = {
				.nla_len = (uint16_t)rng_below(&g->rng, 64),
				.nla_type = (uint16_t)t,
			};
			uint32_t n = 1 + rng_below(&g->rng, 7);

			nb_put(b, &a, n < sizeof(a) ? n : sizeof(a));
			if (n > sizeof(a))
				nb_zero(b, n - sizeof(a));
			kind = K_LEFTOVER;
			break;
		}
		}
	}
	nb_msg_end(b, off);
	nb_align(b, (uint8_t)(rng_one_in(&g->rng, 4) ? rng_next(&g->rng) : 0));
	if (kind >= 0)
		return kind;
	switch (cmd) {
	case HELLONL_CMD_GET: return K_GET;
	case HELLONL_CMD_SET: return K_SET;
	case HELLONL_CMD_HISTORY: return K_HISTORY;
	case HELLONL_CMD_STATS: return K_STATS;
	}
	return K_ECHO;
}

/* Make one message's nlmsg_len lie; returns whether it did. */
static bool lie(struct gen *g, struct nl_buf *b, size_t off)
{
	struct nlmsghdr *h = nb_msg(b, off);
	uint32_t real = h->nlmsg_len;

	switch (rng_below(&g->rng, 4)) {
	case 0:	/* shorter than a header */
		h->nlmsg_len = rng_below(&g->rng, NL_HDR);
		break;
	case 1:	/* ends inside the payload */
		if (real <= NL_HDR + 1)
			return false;
		h->nlmsg_len = NL_HDR + 1 + rng_below(&g->rng, real - NL_HDR - 1);
		break;
	case 2:	/* beyond the datagram */
		h->nlmsg_len = (uint32_t)(b->len - off) + 1 + rng_below(&g->rng, 4096);
		break;
	default:	/* longer: it swallows what follows */
		h->nlmsg_len = (uint32_t)(b->len - off) - rng_below(&g->rng, 8);
		if (h->nlmsg_len < real)
			h->nlmsg_len = real;
	}
	return true;
}

static const struct proto genl_proto = {
	.name = "genl",
	.first_kind = 0,
	.n_kinds = N_GENL_KINDS,
	.kind_names = genl_kind_names,
	.lying_kind = K_LYING_LEN,
	.request = genl_request,
	.model = model_genl,
};

const struct proto *const protos[MAX_PROTOS + 1] = {
	&genl_proto,
	/* BEGIN hellonl-only: the tutorial's protocol */
	&legacy_proto,
	/* END hellonl-only */
};

/*
 * Which protocol the next datagram is of: one draw of 0 to 99, of which
 * each protocol after the family's takes its share in turn, and the family
 * the rest.
 */
static unsigned int pick_proto(struct gen *g)
{
	uint32_t draw = rng_below(&g->rng, 100), share = 0;

	for (unsigned int i = PROTO_GENL + 1; protos[i]; i++) {
		share += g->percent[i];
		if (draw < share)
			return i;
	}
	return PROTO_GENL;
}

int gen_datagram(struct gen *g, struct nl_buf *b, int max_requests,
		 uint8_t *kinds, unsigned int *proto)
{
	uint32_t cost = 0, dumps = 0;
	const struct proto *p;
	size_t offs[64];
	int n = 0, want;

	*proto = pick_proto(g);
	p = protos[*proto];
	want = rng_one_in(&g->rng, 4) ? 1 : 1 + (int)rng_below(&g->rng, 24);
	if (want > max_requests)
		want = max_requests;
	if (want > 64)
		want = 64;
	while (n < want && b->cap - b->len > 12 * 1024 && cost < REPLY_BUDGET - DUMP_COST) {
		uint32_t before = cost;

		offs[n] = b->len;
		kinds[n] = (uint8_t)p->request(g, b, &cost);
		if (cost - before >= DUMP_COST && ++dumps > 2) {
			b->len = offs[n];	/* enough dumps for one datagram */
			continue;
		}
		n++;
	}
	if (n && rng_one_in(&g->rng, 12)) {
		int i = (int)rng_below(&g->rng, (uint32_t)n);

		if (lie(g, b, offs[i]))
			kinds[i] = p->lying_kind;
	}
	if (n && rng_one_in(&g->rng, 25)) {
		uint32_t extra = 1 + rng_below(&g->rng, NL_HDR - 1);

		while (extra--) {
			uint8_t c = (uint8_t)rng_next(&g->rng);

			nb_put(b, &c, 1);
		}
		kinds[n - 1] = K_TRAILING;
	}
	return n;
}
