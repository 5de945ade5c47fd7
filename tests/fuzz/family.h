/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What nlctrl says of a Generic Netlink family: its id, version and
 * multicast groups (CTRL_CMD_GETFAMILY), its commands with their flags, and
 * each command's attribute policy (CTRL_CMD_GETPOLICY). The fuzzer builds
 * its requests from this, not from a table of its own.
 */
#ifndef FUZZ_FAMILY_H
#define FUZZ_FAMILY_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"

#define FAM_MAX_CMD	32
#define FAM_MAX_ATTR	64
#define FAM_MAX_POLICY	8

/* One attribute of a policy, as NL_POLICY_TYPE_ATTR_* describe it. */
struct fam_attr {
	bool present;
	uint32_t type;			/* NL_ATTR_TYPE_* */
	uint32_t min_len, max_len;	/* max_len 0: unbounded */
	bool has_urange, has_srange;
	uint64_t min_u, max_u;
	int64_t min_s, max_s;
};

struct fam_op {
	bool present;
	uint32_t flags;			/* GENL_* and GENL_CMD_CAP_* */
	int do_policy, dump_policy;	/* -1: none */
};

struct family {
	uint16_t id;
	uint8_t version;
	uint32_t events_group;		/* 0: none */
	struct fam_op ops[FAM_MAX_CMD];
	int npolicies;
	struct fam_attr policy[FAM_MAX_POLICY][FAM_MAX_ATTR];
};

/*
 * Look @name up through @s: 0, -ENOENT when the family is not there, or
 * another -errno. With @policies, read the policies too. A lookup by name
 * makes the kernel load the family's module when it can.
 */
int family_resolve(struct nl_sock *s, const char *name, struct family *f,
		   bool policies);
/*
 * Is a family of this name registered? A dump, which loads no module:
 * 1, 0, or -errno.
 */
int family_listed(struct nl_sock *s, const char *name);

/* The policy of @cmd's doit (or dumpit), or NULL. */
const struct fam_attr *family_policy(const struct family *f, unsigned int cmd,
				     bool dump);

#endif /* FUZZ_FAMILY_H */
