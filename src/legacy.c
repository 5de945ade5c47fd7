// SPDX-License-Identifier: GPL-2.0
/*
 * The tutorial's raw netlink protocol (see the end of uapi/hellonl.h), for
 * the programs written against it. It shares the state, the message rules
 * and the events with the genetlink family, and mends what the tutorial got
 * wrong:
 *  - a reply goes to the port the request came from, as the socket layer
 *    recorded it, never to the nlmsg_pid the sender wrote in its header,
 *    and through the socket the request arrived on;
 *  - a reply is a well-formed netlink message with a true nlmsg_len;
 *  - a malformed request is refused with NLMSG_ERROR and an extended ack,
 *    and changes nothing but the refused counter.
 * It accepts the tutorial's own framing, though: a text without its NUL,
 * followed by whatever padding the sender's buffer held.
 *
 * Its message types, 0 and 1, are below NLMSG_MIN_TYPE, where
 * netlink_rcv_skb() expects control messages, so this file walks the
 * datagram itself.
 */
#include <linux/capability.h>
#include <linux/netlink.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "internal.h"

/*
 * A reply with room for a text of @len bytes and its NUL; NULL, with the
 * reason in @extack, when memory is short.
 */
static struct sk_buff *hellonl_legacy_reply_new(size_t len,
						struct netlink_ext_ack *extack)
{
	struct sk_buff *skb = nlmsg_new(len + 1, GFP_KERNEL);

	if (!skb)
		NL_SET_ERR_MSG(extack, "out of memory for the reply");
	return skb;
}

/* Put @text, of @len bytes, and its NUL into @skb as the reply to @req. */
static void hellonl_legacy_reply_put(struct sk_buff *skb,
				     const struct nlmsghdr *req,
				     const char *text, size_t len)
{
	struct nlmsghdr *nlh;
	char *payload;

	/* Cannot fail: hellonl_legacy_reply_new() made room for it. */
	nlh = nlmsg_put(skb, 0, req->nlmsg_seq, req->nlmsg_type, len + 1, 0);
	payload = nlmsg_data(nlh);
	memcpy(payload, text, len);
	payload[len] = '\0';
	nlmsg_end(skb, nlh);
}

/* Send @reply through the socket @in_skb arrived on, to its sender's port. */
static int hellonl_legacy_reply_send(struct sk_buff *in_skb,
				     struct sk_buff *reply)
{
	return nlmsg_unicast(in_skb->sk, reply, NETLINK_CB(in_skb).portid);
}

static int hellonl_legacy_get(struct hellonl_net *hn, struct sk_buff *skb,
			      const struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack)
{
	const struct hellonl_entry *current_entry;
	struct sk_buff *reply;

	reply = hellonl_legacy_reply_new(HELLONL_MESSAGE_MAX, extack);
	if (!reply)
		return -ENOMEM;

	mutex_lock(&hn->lock);
	current_entry = hellonl_entry_at(hn, hn->seq);
	hellonl_legacy_reply_put(reply, nlh, current_entry->message,
				 strlen(current_entry->message));
	mutex_unlock(&hn->lock);

	atomic64_inc(&hn->stats.gets);
	return hellonl_legacy_reply_send(skb, reply);
}

static int hellonl_legacy_set(struct hellonl_net *hn, struct sk_buff *skb,
			      const struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack)
{
	const char *text = nlmsg_data(nlh);
	size_t len = strnlen(text, nlmsg_len(nlh));
	struct sk_buff *reply;
	int err;

	if (!netlink_ns_capable(skb, hn->net->user_ns, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(extack,
			       "HELLONL_LEGACY_SET needs CAP_NET_ADMIN");
		atomic64_inc(&hn->stats.refused);
		return -EPERM;
	}
	/* The text ends at its first NUL, or with the message. */
	err = hellonl_check_text(text, len, extack);
	if (err) {
		atomic64_inc(&hn->stats.refused);
		return err;
	}

	/* Built first, so that a stored message is always answered. */
	reply = hellonl_legacy_reply_new(len, extack);
	if (!reply)
		return -ENOMEM;
	hellonl_legacy_reply_put(reply, nlh, text, len);

	mutex_lock(&hn->lock);
	err = hellonl_store(hn, text, len);
	if (!err)
		hellonl_notify_changed(hn, NULL);
	mutex_unlock(&hn->lock);
	if (err) {
		NL_SET_ERR_MSG(extack, "out of memory for the history");
		nlmsg_free(reply);
		return err;
	}

	/* The message is stored: a reply that cannot be queued changes that not. */
	hellonl_legacy_reply_send(skb, reply);
	return 0;
}

static int hellonl_legacy_msg(struct hellonl_net *hn, struct sk_buff *skb,
			      const struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack)
{
	switch (nlh->nlmsg_type) {
	case HELLONL_LEGACY_GET:
		return hellonl_legacy_get(hn, skb, nlh, extack);
	case HELLONL_LEGACY_SET:
		return hellonl_legacy_set(hn, skb, nlh, extack);
	}
	NL_SET_ERR_MSG(extack,
		       "unknown message type: expected HELLONL_LEGACY_SET (0) or HELLONL_LEGACY_GET (1)");
	atomic64_inc(&hn->stats.refused);
	return -EOPNOTSUPP;
}

/*
 * Refuse the rest of a datagram that does not hold a whole message. The
 * ack quotes only the header, cut to its own length: the nlmsg_len in it
 * cannot be trusted to say how much follows.
 */
static void hellonl_legacy_refuse_rest(struct hellonl_net *hn,
				       struct sk_buff *skb,
				       struct netlink_ext_ack *extack)
{
	struct nlmsghdr quoted = { .nlmsg_len = NLMSG_HDRLEN };

	memcpy(&quoted, skb->data, min_t(size_t, skb->len, sizeof(quoted)));
	quoted.nlmsg_len = NLMSG_HDRLEN;
	atomic64_inc(&hn->stats.refused);
	netlink_ack(skb, &quoted, -EINVAL, extack);
}

/* Called in the sender's context, once per datagram. */
static void hellonl_legacy_rcv(struct sk_buff *skb)
{
	struct hellonl_net *hn = hellonl_pernet(sock_net(skb->sk));

	while (skb->len) {
		struct netlink_ext_ack extack = {};
		struct nlmsghdr *nlh = nlmsg_hdr(skb);
		int err;

		if (skb->len < NLMSG_HDRLEN) {
			NL_SET_ERR_MSG(&extack,
				       "datagram too short for a netlink header");
			hellonl_legacy_refuse_rest(hn, skb, &extack);
			return;
		}
		if (nlh->nlmsg_len < NLMSG_HDRLEN) {
			NL_SET_ERR_MSG(&extack,
				       "nlmsg_len is shorter than a netlink header");
			hellonl_legacy_refuse_rest(hn, skb, &extack);
			return;
		}
		if (nlh->nlmsg_len > skb->len) {
			NL_SET_ERR_MSG(&extack,
				       "nlmsg_len is longer than the datagram");
			hellonl_legacy_refuse_rest(hn, skb, &extack);
			return;
		}

		err = hellonl_legacy_msg(hn, skb, nlh, &extack);
		if (err)
			netlink_ack(skb, nlh, err, &extack);
		else if (nlh->nlmsg_flags & NLM_F_ACK)
			netlink_ack(skb, nlh, 0, &extack);
		skb_pull(skb, min_t(u32, NLMSG_ALIGN(nlh->nlmsg_len), skb->len));
	}
}

/*
 * The namespace's legacy socket, or NULL when it cannot be created. Its
 * input may run as soon as it is created, before the caller has it.
 */
struct sock *hellonl_legacy_open(struct net *net)
{
	struct netlink_kernel_cfg cfg = {
		.input = hellonl_legacy_rcv,
	};

	return netlink_kernel_create(net, hellonl_legacy_proto, &cfg);
}
