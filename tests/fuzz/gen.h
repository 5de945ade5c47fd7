/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The request generator: datagrams of the family's requests, built from the
 * policy nlctrl gave, well-formed or broken on purpose, and of the legacy
 * protocol. What it makes depends on its seed alone.
 */
#ifndef FUZZ_GEN_H
#define FUZZ_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "family.h"
#include "nl.h"
#include "rng.h"

/* What a request was made to test; each request counts as one kind. */
enum gen_kind {
	K_GET, K_SET, K_HISTORY, K_STATS, K_ECHO,
	K_WRONG_TYPE, K_WRONG_LEN, K_DUPLICATE, K_UNKNOWN_ATTR, K_FOREIGN_ATTR,
	K_ATTR_FLAGS, K_LEFTOVER, K_UNKNOWN_CMD, K_FLAGS, K_GENL_HDR,
	K_NOT_REQUEST, K_OTHER_FAMILY, K_LYING_LEN, K_TRAILING,
	K_LEGACY_GET, K_LEGACY_SET, K_LEGACY_OTHER, K_LEGACY_FRAMING,
	K_LEGACY_LYING_LEN,
	N_KINDS
};

extern const char *const gen_kind_names[N_KINDS];

struct gen {
	struct rng rng;
	const struct family *fam;
	uint32_t seq;
	bool legacy;		/* make legacy datagrams too */
	unsigned int legacy_percent;
};

void gen_init(struct gen *g, const struct family *f, uint64_t seed,
	      uint64_t stream);
/*
 * The next datagram into @b, of at most @max_requests requests: how many
 * it holds. @kinds gets each one's kind; *@legacy says which protocol.
 */
int gen_datagram(struct gen *g, struct nl_buf *b, int max_requests,
		 uint8_t *kinds, bool *legacy);

#endif /* FUZZ_GEN_H */
