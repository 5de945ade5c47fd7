// SPDX-License-Identifier: GPL-2.0
/*
 * The state of each network namespace: its message, the history of earlier
 * ones, its heartbeat setting and its counters. Nothing here talks to
 * userspace; commands.c, legacy.c and events.c do.
 */
#include <linux/cred.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "internal.h"

static unsigned int hellonl_net_id __read_mostly;

struct hellonl_net *hellonl_pernet(const struct net *net)
{
	return net_generic(net, hellonl_net_id);
}

/* Where message @seq is, or was, kept in the ring. */
static struct hellonl_entry *hellonl_slot(const struct hellonl_net *hn, u64 seq)
{
	u32 slot;

	div_u64_rem(seq, hn->history_len, &slot);
	return &hn->history[slot];
}

/* Message @seq, which must still be in the history. Caller holds hn->lock. */
const struct hellonl_entry *hellonl_history_at(const struct hellonl_net *hn,
					       u64 seq)
{
	return hellonl_slot(hn, seq);
}

/* The current message. Caller holds hn->lock. */
const struct hellonl_entry *hellonl_current(const struct hellonl_net *hn)
{
	return hellonl_history_at(hn, hn->seq);
}

/* The oldest message still in the history. Caller holds hn->lock. */
u64 hellonl_history_oldest(const struct hellonl_net *hn)
{
	return hn->seq < hn->history_len ? 0 : hn->seq - hn->history_len + 1;
}

/**
 * hellonl_set_message - make @message the namespace's message
 * @hn: the namespace
 * @message: a message that passed hellonl_check_message()
 *
 * Records who set it and when, pushing the oldest entry out of the history
 * when it is full, and tells the listeners. Caller holds hn->lock.
 */
void hellonl_set_message(struct hellonl_net *hn, const char *message)
{
	struct hellonl_entry *entry;

	lockdep_assert_held(&hn->lock);

	hn->seq++;
	entry = hellonl_slot(hn, hn->seq);
	entry->seq = hn->seq;
	entry->time_ns = ktime_get_real_ns();
	entry->pid = task_tgid_vnr(current);
	entry->uid = from_kuid_munged(hn->net->user_ns, current_uid());
	strscpy(entry->message, message, sizeof(entry->message));
	atomic64_inc(&hn->stats.sets);

	hellonl_notify_changed(hn);
}

static int __net_init hellonl_state_init(struct net *net)
{
	struct hellonl_net *hn = hellonl_pernet(net);
	struct hellonl_entry *greeting;

	hn->history_len = hellonl_history_len;
	hn->history = kvcalloc(hn->history_len, sizeof(*hn->history),
			       GFP_KERNEL);
	if (!hn->history)
		return -ENOMEM;

	hn->net = net;
	mutex_init(&hn->lock);
	hn->heartbeat_ms = hellonl_heartbeat_ms;
	INIT_DELAYED_WORK(&hn->heartbeat, hellonl_heartbeat_work);

	/* Message 0, set by nobody when the namespace met hellonl. */
	greeting = &hn->history[0];
	strscpy(greeting->message, HELLONL_GREETING, sizeof(greeting->message));
	greeting->time_ns = ktime_get_real_ns();
	return 0;
}

static void __net_exit hellonl_state_exit(struct net *net)
{
	struct hellonl_net *hn = hellonl_pernet(net);

	mutex_destroy(&hn->lock);
	kvfree(hn->history);
}

struct pernet_operations hellonl_state_ops = {
	.init = hellonl_state_init,
	.exit = hellonl_state_exit,
	.id = &hellonl_net_id,
	.size = sizeof(struct hellonl_net),
};
