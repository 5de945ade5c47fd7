/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The request generator: datagrams of the family's requests, built from the
 * policy nlctrl gave, well-formed or broken on purpose, and of each other
 * protocol the module serves (struct proto). What it makes depends on its
 * seed alone.
 */
#ifndef FUZZ_GEN_H
#define FUZZ_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "family.h"
#include "nl.h"
#include "rng.h"

/*
 * What a request was made to test; each request counts as one kind. These
 * are the family's, and trailing bytes after any datagram's last request;
 * another protocol's kinds follow them, numbered in its own file.
 */
enum gen_kind {
	K_GET, K_SET, K_HISTORY, K_STATS, K_ECHO,
	K_WRONG_TYPE, K_WRONG_LEN, K_DUPLICATE, K_UNKNOWN_ATTR, K_FOREIGN_ATTR,
	K_ATTR_FLAGS, K_LEFTOVER, K_UNKNOWN_CMD, K_FLAGS, K_GENL_HDR,
	K_NOT_REQUEST, K_OTHER_FAMILY, K_LYING_LEN, K_TRAILING,
	N_GENL_KINDS
};

#define N_KINDS		32	/* room for every protocol's kinds */
#define MAX_PROTOS	4	/* room in protos[] */

struct gen;
struct model;
struct exp;

/*
 * A protocol the fuzzer speaks to the module: the family's own, first in
 * protos[], and each other that the module serves on a netlink protocol
 * of its own. A datagram holds requests of one protocol. Each other
 * protocol has --NAME-percent P, its share of the datagrams; the family
 * has the rest.
 */
struct proto {
	const char *name;		/* in the summary and a violation's report */
	unsigned int percent;		/* --NAME-percent's default */
	/* Its kinds of request, first_kind to first_kind + n_kinds - 1, named. */
	unsigned int first_kind, n_kinds;
	const char *const *kind_names;
	uint8_t lying_kind;		/* a request made to lie in nlmsg_len */
	/* One request into @b: its kind. *@cost grows by its answers' room. */
	int (*request)(struct gen *g, struct nl_buf *b, uint32_t *cost);
	/* What the kernel must answer to a datagram of it: see model.h. */
	int (*model)(struct model *m, const uint8_t *dg, size_t len,
		     struct exp *e, int max);
	/*
	 * Of a protocol the module serves beside the family: the module
	 * parameter that says its netlink protocol (0: off), and that
	 * protocol when the parameter cannot be read. NULL for the family,
	 * whose requests go on the worker's genetlink sockets.
	 */
	const char *param;
	uint32_t number;
	/* The chaos's use of it, once in a namespace that lives a moment. */
	void (*chaos)(void);
};

#define PROTO_GENL	0	/* protos[PROTO_GENL]: the family's */

/* The protocols, the family's first, then NULL. */
extern const struct proto *const protos[MAX_PROTOS + 1];

struct gen {
	struct rng rng;
	const struct family *fam;
	uint32_t seq;
	const unsigned int *percent;	/* each protocol's share, by protos[] */
};

/* @percent: each protocol's share of the datagrams, by protos[]; kept. */
void gen_init(struct gen *g, const struct family *f, uint64_t seed,
	      uint64_t stream, const unsigned int *percent);
/*
 * The next datagram into @b, of at most @max_requests requests of one
 * protocol, *@proto its index in protos[]: how many it holds. @kinds gets
 * each one's kind.
 */
int gen_datagram(struct gen *g, struct nl_buf *b, int max_requests,
		 uint8_t *kinds, unsigned int *proto);

/* A text of about @len bytes into @out (room for 512): valid UTF-8 unless @bad. */
size_t gen_text(struct gen *g, char *out, size_t len, bool bad);

#endif /* FUZZ_GEN_H */
