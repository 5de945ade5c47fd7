/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building the requests the CLI sends and reading the answers it gets, as
 * bytes in a buffer: no sockets here, so that the unit tests can check it.
 */
#ifndef HELLONL_MESSAGE_H
#define HELLONL_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "uapi/hellonl.h"

/* What the CLI knows of a resolved family. */
struct family {
	uint16_t id;
	uint32_t version;
	uint32_t events_group;	/* 0 when the family has no such group */
};

/* A message and who set it, when; plus the heartbeat for GET. */
struct entry {
	char message[HELLONL_MESSAGE_MAX + 1];
	uint64_t seq;
	uint32_t pid;
	uint32_t uid;
	uint64_t time_ns;
	bool has_heartbeat;
	uint32_t heartbeat_ms;
};

struct heartbeat {
	uint64_t beat;
	uint64_t seq;
	uint64_t time_ns;
	uint32_t heartbeat_ms;
};

struct stats {
	uint64_t gets;
	uint64_t sets;
	uint64_t echoes;
	uint64_t events;
	uint64_t refused;
};

/*
 * What the kernel said when it refused a request: the errno, and what the
 * extended ack added. The policy fields describe the rejected attribute.
 */
struct kernel_error {
	int error;			/* a positive errno, 0 for an ack */
	char message[256];		/* "" when the kernel gave none */
	bool has_offset;
	uint32_t offset;		/* of the bad attribute in the request */
	uint32_t policy_type;		/* NL_ATTR_TYPE_*, 0 when unknown */
	bool has_max_length;
	uint32_t max_length;
	bool has_min_value, has_max_value;
	uint64_t min_value, max_value;
};

/* Requests. Each writes one message at buf and returns it. */
struct nlmsghdr *msg_getfamily_dump(void *buf, uint32_t seq);
struct nlmsghdr *msg_get(void *buf, const struct family *f, uint32_t seq);
struct nlmsghdr *msg_set(void *buf, size_t size, const struct family *f,
			 uint32_t seq, const char *message,
			 const uint32_t *heartbeat_ms);
struct nlmsghdr *msg_history(void *buf, const struct family *f, uint32_t seq);
struct nlmsghdr *msg_stats(void *buf, const struct family *f, uint32_t seq);
struct nlmsghdr *msg_echo(void *buf, size_t size, const struct family *f,
			  uint32_t seq, const void *payload, size_t len);

/* BEGIN hellonl-only: the tutorial's protocol */
/*
 * Legacy requests: a bare struct nlmsghdr, then @text. msg_legacy() sends
 * the text with its NUL, and nlmsg_len counts no padding. The tutorial's
 * program sent it without the NUL, with nlmsg_len = NLMSG_SPACE(strlen),
 * so that its 0 to 3 bytes of alignment padding, never written, were sent
 * as whatever its buffer held: msg_legacy_tutorial() does the same, with
 * @pad in each of them.
 */
struct nlmsghdr *msg_legacy(void *buf, size_t size, uint16_t type,
			    uint32_t seq, const char *text);
struct nlmsghdr *msg_legacy_tutorial(void *buf, size_t size, uint16_t type,
				     uint32_t seq, const char *text,
				     uint8_t pad);
/* END hellonl-only */

/*
 * Answers. Each returns 0, or -1 when the message is not what it should
 * be. The genetlink command of a hellonl message is msg_cmd()'s.
 */
int msg_cmd(const struct nlmsghdr *nlh);
int msg_parse_family(const struct nlmsghdr *nlh, const char *name,
		     struct family *f, bool *match);
int msg_parse_entry(const struct nlmsghdr *nlh, struct entry *e);
int msg_parse_heartbeat(const struct nlmsghdr *nlh, struct heartbeat *hb);
int msg_parse_stats(const struct nlmsghdr *nlh, struct stats *s);
int msg_parse_payload(const struct nlmsghdr *nlh, const void **payload,
		      size_t *len);
int msg_parse_error(const struct nlmsghdr *nlh, struct kernel_error *err);
/* BEGIN hellonl-only: the tutorial's protocol */
int msg_parse_legacy(const struct nlmsghdr *nlh, const char **text);
/* END hellonl-only */

/*
 * Does the datagram at @buf hold a message of request @seq that the kernel
 * flagged NLM_F_DUMP_INTR: did the state change while it was dumped? Only
 * whole messages count.
 */
bool msg_dump_interrupted(const void *buf, size_t len, uint32_t seq);

/* The attribute type at @offset in @request, or -1. */
int msg_attr_at(const struct nlmsghdr *request, uint32_t offset);

/*
 * Describe in words what the policy in @err says about attribute @name,
 * e.g. "message longer than 255 bytes". Returns false when the ack has no
 * policy to describe.
 */
bool msg_describe_policy(const struct kernel_error *err, const char *name,
			 char *out, size_t size);

#endif
