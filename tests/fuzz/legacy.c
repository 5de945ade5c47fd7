// SPDX-License-Identifier: GPL-2.0
/*
 * The tutorial's raw netlink protocol, which hellonl serves beside its
 * family (src/legacy.c; the format is in uapi/hellonl.h), as the fuzzer
 * speaks it: its requests, the model of its answers as src/legacy.c's
 * receiver gives them, and their check. protos[] (gen.c) lists it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gen.h"
#include "hellonl.h"
#include "legacy.h"
#include "model.h"

/* Its kinds follow the family's. */
enum legacy_kind {
	K_LEGACY_GET = N_GENL_KINDS, K_LEGACY_SET, K_LEGACY_OTHER,
	K_LEGACY_FRAMING, K_LEGACY_LYING_LEN,
	K_LEGACY_END
};

static const char *const legacy_kind_names[] = {
	[K_LEGACY_GET - K_LEGACY_GET] = "legacy-get",
	[K_LEGACY_SET - K_LEGACY_GET] = "legacy-set",
	[K_LEGACY_OTHER - K_LEGACY_GET] = "legacy-other-type",
	[K_LEGACY_FRAMING - K_LEGACY_GET] = "legacy-framing",
	[K_LEGACY_LYING_LEN - K_LEGACY_GET] = "legacy-lying-len",
};

_Static_assert(K_LEGACY_END <= N_KINDS, "N_KINDS has no room for the legacy kinds");

/* One request; returns its kind. Its answers take 1 KiB at most. */
static int legacy_request(struct gen *g, struct nl_buf *b, uint32_t *cost)
{
	char text[512];
	uint32_t r = rng_below(&g->rng, 20), len;
	uint16_t type, flags = (uint16_t)(rng_one_in(&g->rng, 3) ? NLM_F_ACK : 0);
	int kind;
	size_t off;

	*cost += 1024;
	if (rng_one_in(&g->rng, 2))
		flags |= NLM_F_REQUEST;
	if (r < 8) {
		type = HELLONL_LEGACY_GET;
		kind = K_LEGACY_GET;
	} else if (r < 18) {
		type = HELLONL_LEGACY_SET;
		kind = K_LEGACY_SET;
	} else {
		type = (uint16_t)(2 + rng_below(&g->rng, rng_one_in(&g->rng, 2) ? 30 : 0xfffd));
		kind = K_LEGACY_OTHER;
	}
	len = rng_one_in(&g->rng, 4) ? rng_below(&g->rng, 301) :
				      1 + rng_below(&g->rng, 40);
	gen_text(g, text, len, rng_one_in(&g->rng, 20));
	if (rng_one_in(&g->rng, 40) && len > 2)
		text[rng_below(&g->rng, len)] = 0;

	off = nb_msg_start(b, type, flags, ++g->seq);
	if (rng_one_in(&g->rng, 10))
		nb_msg(b, off)->nlmsg_pid = (uint32_t)rng_next(&g->rng);
	nb_put(b, text, len);
	switch (rng_below(&g->rng, 4)) {
	case 0:	/* the tutorial's framing: no NUL, garbage to NLMSG_SPACE */
		nb_msg_end(b, off);
		nb_align(b, (uint8_t)rng_next(&g->rng));
		nb_msg_end(b, off);
		if (kind == K_LEGACY_SET)
			kind = K_LEGACY_FRAMING;
		return kind;
	case 1:	/* with its NUL, then garbage counted in nlmsg_len */
		nb_zero(b, 1);
		for (uint32_t n = rng_below(&g->rng, 9); n; n--) {
			uint8_t c = (uint8_t)rng_next(&g->rng);

			nb_put(b, &c, 1);
		}
		nb_msg_end(b, off);
		if (kind == K_LEGACY_SET)
			kind = K_LEGACY_FRAMING;
		break;
	default:
		nb_zero(b, 1);
		nb_msg_end(b, off);
	}
	nb_align(b, 0);
	return kind;
}

/*
 * A reply: the message and its NUL, padded with NULs to a multiple of 4
 * as nlmsg_end() pads every message.
 */
static void check_reply(const struct exp *x, const struct nl_msg *g,
			struct verdict *v)
{
	size_t len = x->known ? strlen(x->message) : strnlen((const char *)g->payload, g->plen);

	if (g->nlh->nlmsg_type != x->hdr.nlmsg_type || g->nlh->nlmsg_flags) {
		fail(v, "not a legacy reply of type %u", x->hdr.nlmsg_type);
		return;
	}
	if (g->plen != NL_ALIGN4(len + 1) || !len ||
	    (x->known && memcmp(g->payload, x->message, len))) {
		fail(v, "the legacy reply is not the message \"%s\"", x->message);
		return;
	}
	for (size_t i = len; i < g->plen; i++)
		if (g->payload[i]) {
			fail(v, "the legacy reply's padding is not NULs");
			return;
		}
	v->checks++;
}

static void describe_reply(const struct exp *x, char *buf, size_t len)
{
	snprintf(buf, len, "request %d: legacy reply type %u, seq %u, \"%s\"",
		 x->req, x->hdr.nlmsg_type, x->seq, x->message);
}

/* A reply of the message, as the model has it now. */
static void expect_reply(struct model *m, struct exp *e, int *n, int max,
			 const struct nlmsghdr *h, int req)
{
	struct exp *x = exp_add(e, n, max, EXP_OTHER, h, req);

	x->check = check_reply;
	x->describe = describe_reply;
	model_snapshot(m, x);
}

/*
 * A datagram as src/legacy.c's receiver walks it: each message in turn,
 * until one whose length does not fit, which is refused with EINVAL and
 * ends the walk.
 */
static int model_legacy(struct model *m, const uint8_t *dg, size_t len,
			struct exp *e, int max)
{
	size_t off = 0;
	int n = 0, req = 0;

	while (off < len) {
		const struct nlmsghdr *h = (const void *)(dg + off);
		size_t rest = len - off, step;
		int err = 0;

		if (rest < NL_HDR || h->nlmsg_len < NL_HDR || h->nlmsg_len > rest) {
			struct nlmsghdr quoted = { 0 };

			memcpy(&quoted, dg + off, rest < NL_HDR ? rest : NL_HDR);
			quoted.nlmsg_len = NL_HDR;
			m->st.refused++;
			exp_add(e, &n, max, EXP_ACK, &quoted, req)->err = -EINVAL;
			break;
		}
		if (h->nlmsg_type == HELLONL_LEGACY_GET) {
			expect_reply(m, e, &n, max, h, req);
			m->st.gets++;
		} else if (h->nlmsg_type == HELLONL_LEGACY_SET) {
			const char *text = (const char *)(h + 1);
			size_t tlen = strnlen(text, h->nlmsg_len - NL_HDR);

			if (!m->admin) {
				err = -EPERM;
			} else if (!tlen || tlen > HELLONL_MESSAGE_MAX ||
				   !utf8_ok((const uint8_t *)text, tlen)) {
				err = -EINVAL;
			} else {
				model_store(m, text, tlen);
				expect_reply(m, e, &n, max, h, req);
			}
			if (err)
				m->st.refused++;
		} else {
			err = -EOPNOTSUPP;
			m->st.refused++;
		}
		if (err || (h->nlmsg_flags & NLM_F_ACK))
			exp_add(e, &n, max, EXP_ACK, h, req)->err = err;
		step = NL_ALIGN4(h->nlmsg_len);
		off += step < rest ? step : rest;
		req++;
	}
	return n;
}

/*
 * A GET in a namespace that lives a moment: the namespace's socket of the
 * protocol is made with it, used, and dropped with it.
 */
static void legacy_chaos(void)
{
	static const char get[] = "\x14\0\0\0\x01\0\x01\0\0\0\0\0\0\0\0\0?\0\0\0";
	struct nl_sock l;
	uint8_t rx[1024];

	if (nl_open(&l, HELLONL_LEGACY_PROTO, 0))
		return;
	nl_send(&l, get, 20);
	nl_recv(&l, rx, sizeof(rx), 200);
	nl_close(&l);
}

const struct proto legacy_proto = {
	.name = "legacy",
	.percent = 25,
	.first_kind = K_LEGACY_GET,
	.n_kinds = K_LEGACY_END - K_LEGACY_GET,
	.kind_names = legacy_kind_names,
	.lying_kind = K_LEGACY_LYING_LEN,
	.request = legacy_request,
	.model = model_legacy,
	.param = "legacy_proto",
	.number = HELLONL_LEGACY_PROTO,
	.chaos = legacy_chaos,
};
