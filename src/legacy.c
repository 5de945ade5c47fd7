// SPDX-License-Identifier: GPL-2.0
/*
 * The tutorial's raw netlink protocol (see the end of uapi/hellonl.h), for
 * the programs written against it. It shares the state, the message rules
 * and the events with the genetlink family, and mends what the tutorial got
 * wrong:
 *  - a reply goes to the port the request came from, as the socket layer
 *    recorded it, never to the nlmsg_pid the sender wrote in its header;
 *  - a reply is a well-formed netlink message with a true nlmsg_len;
 *  - a malformed request is refused with NLMSG_ERROR and an extended ack,
 *    and changes nothing but the refused counter.
 *
 * Its message types, 0 and 1, are below NLMSG_MIN_TYPE, where
 * netlink_rcv_skb() expects control messages, so this file walks the
 * datagram itself.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/netlink.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "internal.h"

/* Answer @req with a message of its own type carrying @text. */
static void hellonl_legacy_reply(struct hellonl_net *hn, struct sk_buff *in_skb,
				 const struct nlmsghdr *req, const char *text)
{
	size_t size = strlen(text) + 1;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	skb = nlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return;
	nlh = nlmsg_put(skb, 0, req->nlmsg_seq, req->nlmsg_type, size, 0);
	if (!nlh) {
		nlmsg_free(skb);
		return;
	}
	memcpy(nlmsg_data(nlh), text, size);
	nlmsg_end(skb, nlh);
	nlmsg_unicast(hn->legacy_sk, skb, NETLINK_CB(in_skb).portid);
}

static int hellonl_legacy_get(struct hellonl_net *hn, struct sk_buff *skb,
			      const struct nlmsghdr *nlh)
{
	char message[HELLONL_MESSAGE_MAX + 1];

	mutex_lock(&hn->lock);
	strscpy(message, hellonl_current(hn)->message, sizeof(message));
	mutex_unlock(&hn->lock);

	atomic64_inc(&hn->stats.gets);
	hellonl_legacy_reply(hn, skb, nlh, message);
	return 0;
}

static int hellonl_legacy_set(struct hellonl_net *hn, struct sk_buff *skb,
			      const struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack)
{
	const char *text = nlmsg_data(nlh);
	int err;

	if (!netlink_ns_capable(skb, hn->net->user_ns, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(extack, "HELLO_SET needs CAP_NET_ADMIN");
		return -EPERM;
	}
	err = hellonl_check_message(text, nlmsg_len(nlh), extack);
	if (err)
		return err;

	mutex_lock(&hn->lock);
	hellonl_set_message(hn, text);
	mutex_unlock(&hn->lock);

	hellonl_legacy_reply(hn, skb, nlh, text);
	return 0;
}

static int hellonl_legacy_msg(struct hellonl_net *hn, struct sk_buff *skb,
			      const struct nlmsghdr *nlh,
			      struct netlink_ext_ack *extack)
{
	switch (nlh->nlmsg_type) {
	case HELLONL_LEGACY_GET:
		return hellonl_legacy_get(hn, skb, nlh);
	case HELLONL_LEGACY_SET:
		return hellonl_legacy_set(hn, skb, nlh, extack);
	}
	NL_SET_ERR_MSG(extack,
		       "unknown message type: expected HELLO_SET (0) or HELLO_GET (1)");
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
		if (err) {
			atomic64_inc(&hn->stats.refused);
			netlink_ack(skb, nlh, err, &extack);
		} else if (nlh->nlmsg_flags & NLM_F_ACK) {
			netlink_ack(skb, nlh, 0, &extack);
		}
		skb_pull(skb, min_t(u32, NLMSG_ALIGN(nlh->nlmsg_len), skb->len));
	}
}

/* The namespace's legacy socket, or NULL when the protocol number is taken. */
struct sock *hellonl_legacy_open(struct net *net)
{
	struct netlink_kernel_cfg cfg = {
		.input = hellonl_legacy_rcv,
	};
	struct sock *sk;

	sk = netlink_kernel_create(net, hellonl_legacy_proto, &cfg);
	if (!sk)
		pr_warn_once("netlink protocol %u is taken: the legacy protocol is off (see legacy_proto)\n",
			     hellonl_legacy_proto);
	return sk;
}

void hellonl_legacy_close(struct sock *sk)
{
	netlink_kernel_release(sk);
}
