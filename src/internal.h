/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of the module share. The wire format is in uapi/hellonl.h;
 * this is the inside: the state of a network namespace and the functions
 * that act on it, grouped by the file that defines them. The files call
 * each other in one direction only, from the top of this list down:
 *   main.c      parameters, and the order of bringing it all up and down
 *   services.c  per-namespace work done unasked, such as the heartbeat
 * BEGIN hellonl-only: the tutorial's protocol
 *   legacy.c    the tutorial's raw protocol, a service of each namespace
 * END hellonl-only
 *   family.c    the genetlink family: policies, ops and groups, as data
 *   commands.c  the handlers of its commands
 *   events.c    entries as attributes, and events, sent through the family
 *   state.c     the state of each namespace; it talks to no one
 *   message.c   what makes a message acceptable
 */
#ifndef _HELLONL_INTERNAL_H
#define _HELLONL_INTERNAL_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/types.h>
#include <linux/user_namespace.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "compat.h"
#include "uapi/hellonl.h"

/*
 * The workqueue of the heartbeat: the system's unbound one, whichever name
 * the target kernel gives it (see probes/system_dfl_wq.c).
 */
#ifdef HELLONL_HAVE_SYSTEM_DFL_WQ
#define hellonl_wq system_dfl_wq
#else
#define hellonl_wq system_unbound_wq
#endif

/* The longest history a namespace may keep: about 1 MiB of entries. */
#define HELLONL_HISTORY_MAX	4096

/* main.c: the module parameters, read-only once the module is loaded */
extern unsigned int hellonl_history_len;
extern unsigned int hellonl_heartbeat_ms;
extern u64 hellonl_first_seq;

/* One message and who set it, when: an entry of the history. */
struct hellonl_entry {
	u64 seq;
	u64 time_ns;
	struct pid *pid;	/* a reference; NULL for the greeting */
	u32 uid;		/* in the user namespace owning the netns */
	char message[HELLONL_MESSAGE_MAX + 1];
};

/* The room an entry takes as attributes (see hellonl_put_entry()). */
#define HELLONL_ENTRY_SIZE						\
	(nla_total_size(HELLONL_MESSAGE_MAX + 1) +			\
	 2 * nla_total_size_64bit(sizeof(u64)) +			\
	 2 * nla_total_size(sizeof(u32)))

/* The counters of enum hellonl_stat. Atomic: no lock guards them. */
struct hellonl_stats {
	atomic64_t gets;
	atomic64_t sets;
	atomic64_t echoes;
	atomic64_t events;
	atomic64_t refused;
};

/* Everything hellonl knows about one network namespace. */
struct hellonl_net {
	struct net *net;
	/* Numbers the setters' PIDs in events; see HELLONL_A_PID. */
	struct pid_namespace *pid_ns;

	/*
	 * lock guards everything from here to services_up: the messages,
	 * the heartbeat's period and count, and whether the services run.
	 * Events are sent with it held, so that listeners get them in the
	 * order of their sequence numbers.
	 */
	struct mutex lock;
	/* Message first_seq, which every namespace starts with. */
	struct hellonl_entry greeting;
	/*
	 * The ring of the messages set since: message n is at
	 * history[n % history_len]. NULL until the first is set, so that a
	 * namespace that never stores one pays nothing for it.
	 */
	struct hellonl_entry *history;
	unsigned int history_len;
	u64 first_seq;		/* the greeting's: 0 but in test builds */
	u64 seq;		/* the current message's */
	u32 heartbeat_ms;	/* 0 when off */
	u64 beats;		/* heartbeats sent so far */
	bool services_up;	/* see services.c */

	struct delayed_work heartbeat;
	/* BEGIN hellonl-only: the tutorial's protocol */
	/* Set by hellonl_legacy_start() alone, before the services are up. */
	struct sock *legacy_sk;	/* NULL when the legacy protocol is off */
	/* END hellonl-only */

	struct hellonl_stats stats;
};

/* The index of each multicast group in hellonl_family.mcgrps. */
enum hellonl_group {
	HELLONL_GROUP_EVENTS,
};

/* message.c: what makes a message acceptable */
int hellonl_check_text(const char *text, size_t len,
		       struct netlink_ext_ack *extack);
int hellonl_check_message(const char *text, size_t size,
			  struct netlink_ext_ack *extack);

/* Is @period_ms a heartbeat period at all: 0 (off), or MIN to MAX ms? */
static inline bool hellonl_heartbeat_ok(u32 period_ms)
{
	return !period_ms || (period_ms >= HELLONL_HEARTBEAT_MIN_MS &&
			      period_ms <= HELLONL_HEARTBEAT_MAX_MS);
}

/*
 * The shortest period @net may beat at: anyone can create namespaces
 * owned by a user namespace of their own, so those get a floor (see
 * HELLONL_HEARTBEAT_USERNS_MIN_MS).
 */
static inline u32 hellonl_heartbeat_min_ms(const struct net *net)
{
	return net->user_ns == &init_user_ns ? HELLONL_HEARTBEAT_MIN_MS :
					       HELLONL_HEARTBEAT_USERNS_MIN_MS;
}

/* state.c: the per-namespace state */
extern struct pernet_operations hellonl_state_ops;
struct hellonl_net *hellonl_pernet(const struct net *net);
const struct hellonl_entry *hellonl_entry_at(const struct hellonl_net *hn,
					     u64 seq);
u64 hellonl_history_oldest(const struct hellonl_net *hn);
int hellonl_store(struct hellonl_net *hn, const char *text, size_t len);

/* events.c: entries as attributes, and what the kernel sends unasked */
int hellonl_put_entry(struct sk_buff *skb, const struct hellonl_entry *entry,
		      struct pid_namespace *pid_ns);
void hellonl_notify_changed(struct hellonl_net *hn, struct genl_info *info);
void hellonl_heartbeat_work(struct work_struct *work);
void hellonl_heartbeat_set(struct hellonl_net *hn, u32 period_ms);

/* commands.c: the handlers of the family's commands */
int hellonl_cmd_get(struct sk_buff *skb, struct genl_info *info);
int hellonl_cmd_set(struct sk_buff *skb, struct genl_info *info);
int hellonl_cmd_stats(struct sk_buff *skb, struct genl_info *info);
int hellonl_cmd_echo(struct sk_buff *skb, struct genl_info *info);
int hellonl_dump_history(struct sk_buff *skb, struct netlink_callback *cb);

/* family.c: the genetlink family */
extern struct genl_family hellonl_family;

/* BEGIN hellonl-only: the tutorial's protocol */
/* legacy.c: the tutorial's raw netlink protocol, a service */
void hellonl_legacy_start(struct hellonl_net *hn, struct net *net);
void hellonl_legacy_stop(struct hellonl_net *hn);
/* END hellonl-only */

/* services.c: per-namespace work that needs the family */
extern struct pernet_operations hellonl_services_ops;

#endif /* _HELLONL_INTERNAL_H */
