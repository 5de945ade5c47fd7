/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model of one network namespace's hellonl state, and what the kernel
 * must answer to a datagram. model_genl() walks the bytes of a datagram as
 * the kernel does (netlink_rcv_skb() and genetlink), validates attributes
 * against the policy nlctrl gave, applies what hellonl's handlers would do
 * to the model, and lists the answers that must come; another protocol the
 * module serves has a model of its own, in its own file, built of the
 * parts below. model_check() then holds what came against that list.
 */
#ifndef FUZZ_MODEL_H
#define FUZZ_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "family.h"
#include "hellonl.h"
#include "nl.h"

#define MODEL_RING	HELLONL_HISTORY_MAX_KNOWN
#define HELLONL_HISTORY_MAX_KNOWN	4096	/* the module's HELLONL_HISTORY_MAX */
#define MODEL_MAX_EXP	128

struct hn_stats {
	uint64_t gets, sets, echoes, events, refused;
};

/* Who may be listening to the events group while requests run. */
struct listen_view {
	uint64_t epoch;		/* changes whenever a listener comes or goes */
	int maybe;		/* listeners that may be there */
	int sure;		/* listeners that surely are */
};

struct model {
	const struct family *fam;
	bool known;		/* false: another namespace's, whose state nobody models */
	bool admin;		/* CAP_NET_ADMIN over the namespace */
	bool init_admin;	/* CAP_NET_ADMIN over the initial user namespace */
	bool hdr_check;		/* the core checks genlmsghdr.reserved and flags (6.1+) */
	/*
	 * The core looks for the command's do or dump before it checks the
	 * sender's permission (split ops, 6.2+): a dump of SET by a user is
	 * EOPNOTSUPP there, and EPERM before.
	 */
	bool cap_first;
	uint32_t hb_floor;	/* the namespace's shortest heartbeat period */
	uint32_t pid;		/* the sender's thread group id */

	char message[HELLONL_MESSAGE_MAX + 1];
	uint64_t seq;
	uint64_t first_seq;
	uint32_t history_len;
	uint32_t heartbeat_ms;
	bool own;		/* the current message is the sender's own */
	struct hn_stats st;

	/* Messages set since the last resync: entry n at ring[n % MODEL_RING]. */
	char (*ring)[HELLONL_MESSAGE_MAX + 1];
	uint64_t *ring_seq;

	/* The events counter, between two STATS answers (see model.c). */
	uint64_t sets_since;	/* sets simulated since the last STATS */
	bool hb_since;		/* the heartbeat ran at some time since */
	uint64_t ev_epoch;	/* listener epoch before the last STATS */
	bool ev_epoch_valid;
};

enum exp_kind {
	EXP_ACK,	/* NLMSG_ERROR: err 0 (an ack) or -errno */
	EXP_REPLY,	/* a doit's reply of cmd */
	EXP_ECHOED,	/* the CHANGED event that a SET with NLM_F_ECHO gets */
	EXP_DUMP,	/* a HISTORY dump; -EBUSY while another one runs */
	EXP_OTHER,	/* a reply of another protocol: its check says */
};

struct verdict;

struct exp {
	uint8_t kind;
	uint8_t cmd;
	int err;
	bool busy_ok;			/* a dump's error: EBUSY while another one runs */
	int req;			/* the request's index in its datagram */
	uint32_t seq;			/* nlmsg_seq of the answer */
	struct nlmsghdr hdr;		/* the request's header, as an ack quotes it */
	/* What the answer must say, as the model was at that point. */
	bool known;
	bool own;
	char message[HELLONL_MESSAGE_MAX + 1];
	uint64_t msg_seq;
	uint32_t hb;
	struct hn_stats st;
	uint64_t sets_since;		/* STATS: messages set in its interval */
	bool hb_since;
	const uint8_t *payload;		/* ECHO */
	uint32_t plen;
	uint64_t first, last;		/* HISTORY */
	/* EXP_OTHER: the check of the answer @g, and the description of @x */
	void (*check)(const struct exp *x, const struct nl_msg *g,
		      struct verdict *v);
	void (*describe)(const struct exp *x, char *buf, size_t len);
};

/* One exchange's answers and what matching them found. */
struct verdict {
	int checks;
	int violations;
	bool dump_open;		/* a dump was left unfinished */
	char why[512];
};

void model_init(struct model *m, const struct family *f);
/* Forget the history's contents: after a resync nothing is known of them. */
void model_forget(struct model *m);
/* Adopt a GET reply's and a STATS reply's view of the state. */
void model_adopt(struct model *m, const struct nl_msg *get,
		 const struct nl_msg *stats);

/* The answers a datagram of the family's requests must get, into @e: how many. */
int model_genl(struct model *m, const uint8_t *dg, size_t len,
	       struct exp *e, int max);

/*
 * Match @got, the answers in the order they came, against @e. @before and
 * @after are the listeners as seen before sending and after the answers.
 */
void model_check(struct model *m, const struct exp *e, int ne,
		 const struct nl_msg *got, int ngot,
		 const struct listen_view *before,
		 const struct listen_view *after, struct verdict *v);

/* Describe an expected answer, for a report. */
void exp_describe(const struct model *m, const struct exp *e, char *buf,
		  size_t len);
/* Describe a received message, for a report. */
void msg_describe(const struct nl_msg *msg, char *buf, size_t len);

/* Is @s[0..len) well-formed UTF-8 (no overlong forms, surrogates, > U+10FFFF)? */
bool utf8_ok(const uint8_t *s, size_t len);

/* The parts of a model, for another protocol's (see the top). */

/* One more answer expected, the @req'th request's, whose header is @h. */
struct exp *exp_add(struct exp *e, int *n, int max, int kind,
		    const struct nlmsghdr *h, int req);
/* What the answer @x must say, as the model is now. */
void model_snapshot(const struct model *m, struct exp *x);
/* A message stored, as a SET does: @len bytes of @text. */
void model_store(struct model *m, const char *text, size_t len);
/* A violation; the first one's reason is the verdict's. */
void fail(struct verdict *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* FUZZ_MODEL_H */
