// SPDX-License-Identifier: GPL-2.0
/*
 * Entries as attributes, and what the kernel says without being asked: an
 * event on the "events" multicast group for every new message, and a
 * heartbeat every heartbeat_ms. Each stays inside its network namespace.
 *
 * Events are built and sent with hn->lock held, so listeners receive them
 * in sequence-number order and can tell a gap from a reordering. An event
 * that cannot be allocated is not retried: its listeners get ENOBUFS, as
 * when their socket overflows, and catch up with a GET. A gap in the
 * sequence numbers alone would not do: the last event of a burst has no
 * later one to show that it is missing.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/workqueue.h>

#include "internal.h"

/**
 * hellonl_put_entry - put an entry as attributes
 * @skb: the message being built
 * @entry: the entry
 * @pid_ns: the pid namespace that numbers the setter's PID for the reader
 *
 * What GET, HISTORY and the CHANGED event carry. A setter that @pid_ns
 * cannot see, and nobody (the greeting), have PID 0.
 *
 * Return: 0, or -EMSGSIZE when @skb has no room.
 */
int hellonl_put_entry(struct sk_buff *skb, const struct hellonl_entry *entry,
		      struct pid_namespace *pid_ns)
{
	if (nla_put_string(skb, HELLONL_A_MESSAGE, entry->message) ||
	    nla_put_u64_64bit(skb, HELLONL_A_SEQ, entry->seq, HELLONL_A_PAD) ||
	    nla_put_u32(skb, HELLONL_A_PID, pid_nr_ns(entry->pid, pid_ns)) ||
	    nla_put_u32(skb, HELLONL_A_UID, entry->uid) ||
	    nla_put_u64_64bit(skb, HELLONL_A_TIME_NS, entry->time_ns,
			      HELLONL_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/*
 * Might anyone hear an event? The netlink core keeps one table of group
 * members for every namespace together, so this says only whether some
 * namespace has a listener: it spares building events nobody anywhere
 * would get. Whether this namespace had one, the multicast says.
 */
static bool hellonl_maybe_listened(const struct hellonl_net *hn)
{
	return genl_has_listeners(&hellonl_family, hn->net,
				  HELLONL_GROUP_EVENTS);
}

/*
 * Start an event of @size bytes of attributes, with the port and sequence
 * number of the request in @info that caused it, if any (as rtnetlink's
 * notifications do: a requester can match the event it asked for with
 * NLM_F_ECHO); NULL when memory is short.
 */
static struct sk_buff *hellonl_event_new(u8 cmd, size_t size,
					 const struct genl_info *info,
					 void **hdr)
{
	struct sk_buff *skb;

	skb = genlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, info ? info->snd_portid : 0,
			   info ? info->snd_seq : 0, &hellonl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

/*
 * Tell the namespace's listeners that they lost an event that could not be
 * built, as rtnetlink does when its notifications cannot be allocated.
 */
static void hellonl_event_lost(struct hellonl_net *hn)
{
	genl_set_err(&hellonl_family, hn->net, 0, HELLONL_GROUP_EVENTS,
		     -ENOBUFS);
}

/*
 * Send an event to the namespace's group, and to the requester in @info as
 * well when its request asked with NLM_F_ECHO, as genl_notify() does; by
 * hand, because only the multicast's own result tells whether a listener
 * of this namespace got it, which is what the events counter counts. The
 * requester gets its copy as a reply, not twice.
 */
static void hellonl_event_send(struct hellonl_net *hn, struct sk_buff *skb,
			       void *hdr, struct genl_info *info)
{
	u32 requester = info && nlmsg_report(info->nlhdr) ? info->snd_portid : 0;
	int err;

	genlmsg_end(skb, hdr);
	if (requester)
		skb_get(skb);
	/* -ESRCH: nobody listened here; -ENOBUFS: a listener overflowed. */
	err = genlmsg_multicast_netns(&hellonl_family, hn->net, skb, requester,
				      HELLONL_GROUP_EVENTS, GFP_KERNEL);
	if (err != -ESRCH)
		atomic64_inc(&hn->stats.events);
	if (requester)
		genlmsg_unicast(hn->net, skb, requester);
}

/**
 * hellonl_notify_changed - tell the listeners about the message just set
 * @hn: the namespace
 * @info: the Generic Netlink request that set it, or NULL
 *
 * A request with NLM_F_ECHO gets the event too. Caller holds hn->lock.
 */
void hellonl_notify_changed(struct hellonl_net *hn, struct genl_info *info)
{
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&hn->lock);

	if (!hellonl_maybe_listened(hn) && !(info && nlmsg_report(info->nlhdr)))
		return;
	skb = hellonl_event_new(HELLONL_CMD_CHANGED, HELLONL_ENTRY_SIZE, info,
				&hdr);
	if (!skb)
		goto lost;
	if (hellonl_put_entry(skb, hellonl_entry_at(hn, hn->seq), hn->pid_ns)) {
		nlmsg_free(skb);
		goto lost;
	}
	hellonl_event_send(hn, skb, hdr, info);
	return;

lost:
	hellonl_event_lost(hn);
}

static void hellonl_notify_heartbeat(struct hellonl_net *hn)
{
	struct sk_buff *skb;
	void *hdr;

	if (!hellonl_maybe_listened(hn))
		return;
	skb = hellonl_event_new(HELLONL_CMD_HEARTBEAT,
				3 * nla_total_size_64bit(sizeof(u64)) +
				nla_total_size(sizeof(u32)), NULL, &hdr);
	if (!skb)
		goto lost;
	if (nla_put_u64_64bit(skb, HELLONL_A_BEAT, hn->beats, HELLONL_A_PAD) ||
	    nla_put_u64_64bit(skb, HELLONL_A_SEQ, hn->seq, HELLONL_A_PAD) ||
	    nla_put_u64_64bit(skb, HELLONL_A_TIME_NS, ktime_get_real_ns(),
			      HELLONL_A_PAD) ||
	    nla_put_u32(skb, HELLONL_A_HEARTBEAT_MS, hn->heartbeat_ms)) {
		nlmsg_free(skb);
		goto lost;
	}
	hellonl_event_send(hn, skb, hdr, NULL);
	return;

lost:
	hellonl_event_lost(hn);
}

void hellonl_heartbeat_work(struct work_struct *work)
{
	struct hellonl_net *hn = container_of(to_delayed_work(work),
					      struct hellonl_net, heartbeat);

	mutex_lock(&hn->lock);
	if (hn->services_up && hn->heartbeat_ms) {
		hn->beats++;
		hellonl_notify_heartbeat(hn);
		queue_delayed_work(hellonl_wq, &hn->heartbeat,
				   msecs_to_jiffies(hn->heartbeat_ms));
	}
	mutex_unlock(&hn->lock);
}

/**
 * hellonl_heartbeat_set - beat every @period_ms, or stop when it is 0
 * @hn: the namespace
 * @period_ms: a period that passed hellonl_heartbeat_ok() and is at least
 *	hellonl_heartbeat_min_ms() of the namespace, or 0
 *
 * The period is kept even while the services are down (see services.c),
 * which start the heartbeat when they come up. Caller holds hn->lock.
 */
void hellonl_heartbeat_set(struct hellonl_net *hn, u32 period_ms)
{
	lockdep_assert_held(&hn->lock);

	hn->heartbeat_ms = period_ms;
	if (!hn->services_up)
		return;
	if (period_ms)
		mod_delayed_work(hellonl_wq, &hn->heartbeat,
				 msecs_to_jiffies(period_ms));
	else
		cancel_delayed_work(&hn->heartbeat);
}
