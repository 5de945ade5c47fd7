// SPDX-License-Identifier: GPL-2.0
/*
 * The state of each network namespace: its message, the history of earlier
 * ones, its heartbeat setting and its counters. Nothing here talks to
 * userspace or sends anything: the callers do, once the state has changed.
 */
#include <linux/cred.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "internal.h"

static unsigned int hellonl_net_id __read_mostly;

struct hellonl_net *hellonl_pernet(const struct net *net)
{
	return net_generic(net, hellonl_net_id);
}

/*
 * Message @seq, which must still be in the history: between
 * hellonl_history_oldest() and hn->seq. Caller holds hn->lock.
 */
const struct hellonl_entry *hellonl_entry_at(const struct hellonl_net *hn,
					     u64 seq)
{
	u32 slot;

	if (seq == hn->first_seq)
		return &hn->greeting;
	div_u64_rem(seq, hn->history_len, &slot);
	return &hn->history[slot];
}

/* The oldest message still in the history. Caller holds hn->lock. */
u64 hellonl_history_oldest(const struct hellonl_net *hn)
{
	if (hn->seq - hn->first_seq < hn->history_len)
		return hn->first_seq;
	return hn->seq - hn->history_len + 1;
}

/**
 * hellonl_store - make a text the namespace's message
 * @hn: the namespace
 * @text: the text, not NUL-terminated, that passed hellonl_check_text()
 * @len: its length
 *
 * Records who set it and when, pushing the oldest entry out of the history
 * when it is full. The history is allocated on the first call, and charged
 * to the caller's memory cgroup. Caller holds hn->lock, and tells the
 * listeners.
 *
 * Return: 0, or -ENOMEM with nothing changed.
 */
int hellonl_store(struct hellonl_net *hn, const char *text, size_t len)
{
	struct hellonl_entry *entry;
	u32 slot;

	lockdep_assert_held(&hn->lock);

	if (!hn->history) {
		hn->history = kvcalloc(hn->history_len, sizeof(*hn->history),
				       GFP_KERNEL_ACCOUNT);
		if (!hn->history)
			return -ENOMEM;
	}

	hn->seq++;
	div_u64_rem(hn->seq, hn->history_len, &slot);
	entry = &hn->history[slot];
	put_pid(entry->pid);
	entry->pid = get_task_pid(current, PIDTYPE_TGID);
	entry->seq = hn->seq;
	entry->time_ns = ktime_get_real_ns();
	entry->uid = from_kuid_munged(hn->net->user_ns, current_uid());
	memcpy(entry->message, text, len);
	entry->message[len] = '\0';
	atomic64_inc(&hn->stats.sets);
	return 0;
}

static int __net_init hellonl_state_init(struct net *net)
{
	struct hellonl_net *hn = hellonl_pernet(net);
	struct hellonl_entry *greeting = &hn->greeting;

	hn->net = net;
	/* Whoever creates the namespace; modprobe, for those that exist. */
	hn->pid_ns = get_pid_ns(task_active_pid_ns(current));
	mutex_init(&hn->lock);
	hn->history_len = hellonl_history_len;
	hn->first_seq = hellonl_first_seq;
	hn->seq = hn->first_seq;
	hn->heartbeat_ms = hellonl_heartbeat_ms;
	if (hn->heartbeat_ms)
		hn->heartbeat_ms = max(hn->heartbeat_ms,
				       hellonl_heartbeat_min_ms(net));
	INIT_DELAYED_WORK(&hn->heartbeat, hellonl_heartbeat_work);

	/* Set by nobody, when the namespace met hellonl. */
	greeting->seq = hn->first_seq;
	greeting->time_ns = ktime_get_real_ns();
	strscpy(greeting->message, HELLONL_GREETING, sizeof(greeting->message));
	return 0;
}

static void __net_exit hellonl_state_exit(struct net *net)
{
	struct hellonl_net *hn = hellonl_pernet(net);
	unsigned int i;

	if (hn->history) {
		for (i = 0; i < hn->history_len; i++)
			put_pid(hn->history[i].pid);
		kvfree(hn->history);
	}
	mutex_destroy(&hn->lock);
	put_pid_ns(hn->pid_ns);
}

struct pernet_operations hellonl_state_ops = {
	.init = hellonl_state_init,
	.exit = hellonl_state_exit,
	.id = &hellonl_net_id,
	.size = sizeof(struct hellonl_net),
};
