/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CLI's transport: a netlink socket, the hellonl family resolved on it,
 * and requests sent and answered. What a message holds is message.h's.
 */
#ifndef HELLONL_NETLINK_H
#define HELLONL_NETLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "message.h"

struct nl {
	struct mnl_socket *sock;
	unsigned int portid;
	uint32_t seq;			/* of the last request sent */
	struct family family;
	bool dump_interrupted;		/* the kernel flagged the dump NLM_F_DUMP_INTR */
	struct kernel_error error;	/* what the kernel said, on NL_REFUSED */
	void *req;			/* where requests are built */
	void *buf;			/* where answers are read */
};

/* Room for the largest request (an ECHO) and the largest answer. */
#define NL_REQUEST_SIZE	(64 * 1024 + 4096)
#define NL_ANSWER_SIZE	(128 * 1024)

/* What the functions below return. */
enum nl_result {
	NL_OK = 0,
	NL_FAILED = -1,		/* a system call failed: see errno */
	NL_REFUSED = -2,	/* the kernel refused: see nl->error */
};

/* Called for each answer that is not an ack, an error or the end of a dump. */
typedef int (*nl_answer_cb)(const struct nlmsghdr *nlh, void *data);

/* How long to wait for an answer before calling the kernel silent. */
#define NL_ANSWER_TIMEOUT_S 10

/*
 * Open a socket of @protocol, asking the kernel for extended acks and for
 * acks without the request copied into them.
 */
int nl_open(struct nl *nl, int protocol);
void nl_close(struct nl *nl);

/*
 * Find the hellonl family by listing all families, which, unlike asking
 * for it by name, never loads the module: if an administrator unloaded
 * it, the CLI says so instead of quietly loading it again.
 * NL_FAILED with errno ENOENT: the family is not registered.
 */
int nl_resolve(struct nl *nl);

/* The next sequence number, for the request about to be built. */
uint32_t nl_next_seq(struct nl *nl);

int nl_send(struct nl *nl, const struct nlmsghdr *nlh);

/*
 * Read answers to request nl->seq until an ack, the end of a dump, or an
 * error, passing each answer to @cb. Answers of a request sent without
 * NLM_F_ACK end with the first one: @single. A dump that the kernel flags
 * as interrupted is read to its end without @cb, and nl->dump_interrupted
 * says so: what @cb got mixes two states, and the caller should ask again.
 */
int nl_wait(struct nl *nl, nl_answer_cb cb, void *data, bool single);

/* nl_send() then nl_wait(). */
int nl_request(struct nl *nl, const struct nlmsghdr *nlh, nl_answer_cb cb,
	       void *data, bool single);

/*
 * nl_resolve() on a socket of its own, opened and closed here. The
 * monitor's socket holds notifications that must wait, in order, for the
 * monitor to read them: a dump read there would take them.
 */
int nl_find_family(struct family *f);

/* Join the family's events group. */
int nl_subscribe(struct nl *nl);

/*
 * Join nlctrl's "notify" group, where the kernel announces each family
 * registered (CTRL_CMD_NEWFAMILY) and unregistered (CTRL_CMD_DELFAMILY), in
 * every network namespace, to anyone who listens.
 */
int nl_watch_families(struct nl *nl);

int nl_fd(const struct nl *nl);

#endif
