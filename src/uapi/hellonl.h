/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The hellonl wire protocol: the one definition of every name, number and
 * limit that the kernel module and its users share. The module, the
 * hellonl CLI and the YNL spec (hellonl.yaml) all follow this file.
 */
#ifndef _UAPI_LINUX_HELLONL_H
#define _UAPI_LINUX_HELLONL_H

/* Generic Netlink: resolve these names with the "nlctrl" family. */
#define HELLONL_FAMILY_NAME		"hellonl"
#define HELLONL_FAMILY_VERSION		1
#define HELLONL_MCGRP_EVENTS		"events"

/* The message every network namespace starts with. */
#define HELLONL_GREETING		"I know you!"

/* Longest message, in bytes of UTF-8 without the terminating NUL. */
#define HELLONL_MESSAGE_MAX		255

/*
 * Largest HELLONL_CMD_ECHO payload, in bytes. The reply, with its headers,
 * then fits in one page: an ECHO never makes the kernel find contiguous
 * pages, however often it is sent.
 */
#define HELLONL_ECHO_MAX		3072

/* The heartbeat period: 0 turns it off, otherwise MIN..MAX milliseconds. */
#define HELLONL_HEARTBEAT_MIN_MS	10
#define HELLONL_HEARTBEAT_MAX_MS	3600000

/*
 * The shortest heartbeat period of a network namespace owned by a user
 * namespace other than the initial one. Anyone may create such namespaces
 * (unshare -Urn), and each heartbeat runs in a kernel worker, outside the
 * creator's cgroup: this bounds what every one of them can cost.
 */
#define HELLONL_HEARTBEAT_USERNS_MIN_MS	1000

/*
 * Commands. A request carries the attributes listed for it; a reply or an
 * event carries those listed after "->".
 */
enum hellonl_cmd {
	HELLONL_CMD_UNSPEC,
	/* -> MESSAGE SEQ PID UID TIME_NS HEARTBEAT_MS */
	HELLONL_CMD_GET,
	/*
	 * MESSAGE and/or HEARTBEAT_MS. Needs CAP_NET_ADMIN over the
	 * namespace. A new message is also sent as HELLONL_CMD_CHANGED.
	 */
	HELLONL_CMD_SET,
	/* dump: -> one message per entry, oldest first: SEQ MESSAGE PID UID TIME_NS */
	HELLONL_CMD_HISTORY,
	/* -> STATS, a nest of enum hellonl_stat */
	HELLONL_CMD_STATS,
	/* PAYLOAD -> PAYLOAD, unchanged */
	HELLONL_CMD_ECHO,
	/* event on HELLONL_MCGRP_EVENTS: SEQ MESSAGE PID UID TIME_NS */
	HELLONL_CMD_CHANGED,
	/* event on HELLONL_MCGRP_EVENTS, every HEARTBEAT_MS: BEAT SEQ TIME_NS */
	HELLONL_CMD_HEARTBEAT,

	__HELLONL_CMD_MAX,
};

#define HELLONL_CMD_MAX (__HELLONL_CMD_MAX - 1)

enum hellonl_attr {
	HELLONL_A_UNSPEC,
	HELLONL_A_PAD,
	/* string: NUL-terminated UTF-8, 1..HELLONL_MESSAGE_MAX bytes */
	HELLONL_A_MESSAGE,
	/* u64: the message's number in its namespace; the greeting is 0 */
	HELLONL_A_SEQ,
	/*
	 * u32: who set the message, 0 for the greeting. PID is its thread
	 * group id as the reader's pid namespace numbers it, or 0 when the
	 * setter is not visible there; an event, which has many readers,
	 * numbers it as the pid namespace that created the network namespace
	 * does. UID is its uid in the user namespace that owns the network
	 * namespace.
	 */
	HELLONL_A_PID,
	HELLONL_A_UID,
	/* u64: when, in nanoseconds since the Unix epoch */
	HELLONL_A_TIME_NS,
	/* u32: the heartbeat period in milliseconds, 0 when off */
	HELLONL_A_HEARTBEAT_MS,
	/* u64: the heartbeat's number since the namespace began */
	HELLONL_A_BEAT,
	/* binary: 0..HELLONL_ECHO_MAX bytes */
	HELLONL_A_PAYLOAD,
	/* nest of enum hellonl_stat */
	HELLONL_A_STATS,

	__HELLONL_A_MAX,
};

#define HELLONL_A_MAX (__HELLONL_A_MAX - 1)

/* Counters of a namespace, each a u64, in HELLONL_A_STATS. */
enum hellonl_stat {
	HELLONL_STAT_UNSPEC,
	HELLONL_STAT_PAD,
	HELLONL_STAT_GETS,	/* GET requests answered */
	HELLONL_STAT_SETS,	/* messages stored */
	HELLONL_STAT_ECHOES,	/* ECHO requests answered */
	HELLONL_STAT_EVENTS,	/* CHANGED and HEARTBEAT events sent to listeners */
	HELLONL_STAT_REFUSED,	/* requests hellonl itself refused */

	__HELLONL_STAT_MAX,
};

#define HELLONL_STAT_MAX (__HELLONL_STAT_MAX - 1)

/* BEGIN hellonl-only: the tutorial's protocol */
/*
 * The raw netlink protocol of the tutorial hellonl grew from, served for
 * old programs on protocol number legacy_proto (a module parameter; 0 turns
 * it off). A request is a bare struct nlmsghdr followed by a text: the
 * payload up to its first NUL, or up to nlmsg_len when it has none. Bytes
 * after the first NUL are ignored, so the tutorial's own framing works: it
 * sends the string without its NUL, with nlmsg_len = NLMSG_SPACE(strlen),
 * and whatever its buffer held as the padding. The reply has the request's
 * type, and the message with its NUL as payload.
 *   HELLONL_LEGACY_SET: store the text as the message (CAP_NET_ADMIN); the
 *                       reply carries the stored message.
 *   HELLONL_LEGACY_GET: the text is ignored; the reply carries the message.
 * A refused request is answered with NLMSG_ERROR, with an extended ack.
 * Its GETs and SETs count in HELLONL_STAT_GETS and HELLONL_STAT_SETS.
 */
#define HELLONL_LEGACY_PROTO		25
#define HELLONL_LEGACY_SET		0
#define HELLONL_LEGACY_GET		1
/* END hellonl-only */

#endif /* _UAPI_LINUX_HELLONL_H */
