// SPDX-License-Identifier: GPL-2.0
/*
 * The Generic Netlink commands, one function each. The policies that their
 * requests have passed before they get here are in family.c.
 */
#include <net/genetlink.h>
#include <net/sock.h>

#include "internal.h"

/*
 * A reply of @size bytes of attributes to the request in @info; NULL, with
 * the reason in the extended ack, when memory is short.
 */
static struct sk_buff *hellonl_reply_new(struct genl_info *info, size_t size,
					 void **hdr)
{
	struct sk_buff *reply;

	reply = genlmsg_new(size, GFP_KERNEL);
	if (!reply)
		goto no_memory;
	*hdr = genlmsg_put_reply(reply, info, &hellonl_family, 0,
				 info->genlhdr->cmd);
	if (!*hdr) {
		nlmsg_free(reply);
		goto no_memory;
	}
	return reply;

no_memory:
	NL_SET_ERR_MSG(info->extack, "out of memory for the reply");
	return NULL;
}

int hellonl_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct hellonl_net *hn = hellonl_pernet(genl_info_net(info));
	struct sk_buff *reply;
	void *hdr;
	int err;

	reply = hellonl_reply_new(info, HELLONL_ENTRY_SIZE +
				  nla_total_size(sizeof(u32)), &hdr);
	if (!reply)
		return -ENOMEM;

	mutex_lock(&hn->lock);
	err = hellonl_put_entry(reply, hellonl_entry_at(hn, hn->seq),
				task_active_pid_ns(current)) ?:
	      nla_put_u32(reply, HELLONL_A_HEARTBEAT_MS, hn->heartbeat_ms);
	mutex_unlock(&hn->lock);
	if (err) {
		nlmsg_free(reply);
		return err;
	}

	genlmsg_end(reply, hdr);
	atomic64_inc(&hn->stats.gets);
	return genlmsg_reply(reply, info);
}

int hellonl_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hellonl_net *hn = hellonl_pernet(net);
	struct nlattr *message = info->attrs[HELLONL_A_MESSAGE];
	struct nlattr *period = info->attrs[HELLONL_A_HEARTBEAT_MS];
	u32 period_ms = period ? nla_get_u32(period) : 0;
	int err = 0;

	if (!message && !period) {
		NL_SET_ERR_MSG(info->extack,
			       "nothing to set: give a message, a heartbeat period or both");
		atomic64_inc(&hn->stats.refused);
		return -EINVAL;
	}

	if (period && !hellonl_heartbeat_ok(period_ms)) {
		NL_SET_ERR_MSG_ATTR(info->extack, period,
				    "heartbeat period must be 0 (off) or "
				    __stringify(HELLONL_HEARTBEAT_MIN_MS) " to "
				    __stringify(HELLONL_HEARTBEAT_MAX_MS) " ms");
		atomic64_inc(&hn->stats.refused);
		return -ERANGE;
	}
	if (period_ms && period_ms < hellonl_heartbeat_min_ms(net)) {
		NL_SET_ERR_MSG_ATTR(info->extack, period,
				    "in a namespace of a user namespace the heartbeat period must be 0 (off) or at least "
				    __stringify(HELLONL_HEARTBEAT_USERNS_MIN_MS) " ms");
		atomic64_inc(&hn->stats.refused);
		return -ERANGE;
	}

	/* Both changes or neither: everything is checked by now. */
	mutex_lock(&hn->lock);
	if (message) {
		err = hellonl_store(hn, nla_data(message),
				    strlen(nla_data(message)));
		if (err)
			NL_SET_ERR_MSG(info->extack,
				       "out of memory for the history");
		else
			hellonl_notify_changed(hn, info);
	}
	if (period && !err)
		hellonl_heartbeat_set(hn, period_ms);
	mutex_unlock(&hn->lock);
	return err;
}

int hellonl_cmd_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct hellonl_net *hn = hellonl_pernet(genl_info_net(info));
	const struct {
		int type;
		atomic64_t *counter;
	} stats[] = {
		{ HELLONL_STAT_GETS, &hn->stats.gets },
		{ HELLONL_STAT_SETS, &hn->stats.sets },
		{ HELLONL_STAT_ECHOES, &hn->stats.echoes },
		{ HELLONL_STAT_EVENTS, &hn->stats.events },
		{ HELLONL_STAT_REFUSED, &hn->stats.refused },
	};
	struct sk_buff *reply;
	struct nlattr *nest;
	void *hdr;
	int i;

	reply = hellonl_reply_new(info, nla_total_size(0) + ARRAY_SIZE(stats) *
				  nla_total_size_64bit(sizeof(u64)), &hdr);
	if (!reply)
		return -ENOMEM;

	nest = nla_nest_start(reply, HELLONL_A_STATS);
	if (!nest)
		goto too_big;
	for (i = 0; i < ARRAY_SIZE(stats); i++)
		if (nla_put_u64_64bit(reply, stats[i].type,
				      atomic64_read(stats[i].counter),
				      HELLONL_STAT_PAD))
			goto too_big;
	nla_nest_end(reply, nest);

	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

too_big:
	nlmsg_free(reply);
	return -EMSGSIZE;
}

int hellonl_cmd_echo(struct sk_buff *skb, struct genl_info *info)
{
	struct hellonl_net *hn = hellonl_pernet(genl_info_net(info));
	struct nlattr *payload = info->attrs[HELLONL_A_PAYLOAD];
	struct sk_buff *reply;
	void *hdr;

	if (!payload) {
		NL_SET_ERR_MSG(info->extack, "ECHO needs a payload");
		atomic64_inc(&hn->stats.refused);
		return -EINVAL;
	}

	reply = hellonl_reply_new(info, nla_total_size(nla_len(payload)), &hdr);
	if (!reply)
		return -ENOMEM;
	if (nla_put(reply, HELLONL_A_PAYLOAD, nla_len(payload),
		    nla_data(payload))) {
		nlmsg_free(reply);
		return -EMSGSIZE;
	}

	genlmsg_end(reply, hdr);
	atomic64_inc(&hn->stats.echoes);
	return genlmsg_reply(reply, info);
}

/*
 * HISTORY is a dump, answered over as many datagrams as it takes. Between
 * them the lock is dropped, so the history can change. Whenever it has,
 * cb->seq changes, and genl_dump_check_consistent() marks the dump
 * NLM_F_DUMP_INTR, which tells the requester to start again. The
 * sequence numbers themselves are 64-bit, so they are compared here, in
 * the dump's own context, and not through the 32-bit cb->seq.
 */
struct hellonl_dump_ctx {
	u64 next;	/* the sequence number to dump next */
	u64 seen;	/* hn->seq when the last datagram was filled */
};

int hellonl_dump_history(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct hellonl_net *hn = hellonl_pernet(sock_net(skb->sk));
	struct hellonl_dump_ctx *ctx = (void *)cb->args;
	u64 next;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->args));

	mutex_lock(&hn->lock);
	if (!cb->seq) {
		/* The first datagram; cb->seq is never 0 after it. */
		cb->seq = 1;
		ctx->next = hellonl_history_oldest(hn);
	} else if (ctx->seen != hn->seq) {
		cb->seq = cb->seq + 1 ?: 1;
	}
	ctx->seen = hn->seq;
	/* What was not sent yet may have been pushed out since. */
	next = max(ctx->next, hellonl_history_oldest(hn));

	for (; next <= hn->seq; next++) {
		void *hdr;

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &hellonl_family,
				  NLM_F_MULTI, HELLONL_CMD_HISTORY);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (hellonl_put_entry(skb, hellonl_entry_at(hn, next),
				      task_active_pid_ns(current))) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	mutex_unlock(&hn->lock);

	ctx->next = next;
	return skb->len;
}
