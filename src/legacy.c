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
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "internal.h"

/*
 * The protocol number, a module parameter: read-only once loaded, since
 * every namespace's socket is opened on it.
 */
static unsigned int hellonl_legacy_proto = HELLONL_LEGACY_PROTO;

/*
 * The protocol numbers that linux/netlink.h gives the kernel's own
 * protocols. Serving one of them would take it from its owner in every
 * namespace where hellonl comes first, or stop the owner's module from
 * loading later.
 */
static const char *const hellonl_kernel_protocols[] = {
	[NETLINK_ROUTE] = "NETLINK_ROUTE",
	[NETLINK_UNUSED] = "NETLINK_UNUSED",
	[NETLINK_USERSOCK] = "NETLINK_USERSOCK",
	[NETLINK_FIREWALL] = "NETLINK_FIREWALL",
	[NETLINK_SOCK_DIAG] = "NETLINK_SOCK_DIAG",
	[NETLINK_NFLOG] = "NETLINK_NFLOG",
	[NETLINK_XFRM] = "NETLINK_XFRM",
	[NETLINK_SELINUX] = "NETLINK_SELINUX",
	[NETLINK_ISCSI] = "NETLINK_ISCSI",
	[NETLINK_AUDIT] = "NETLINK_AUDIT",
	[NETLINK_FIB_LOOKUP] = "NETLINK_FIB_LOOKUP",
	[NETLINK_CONNECTOR] = "NETLINK_CONNECTOR",
	[NETLINK_NETFILTER] = "NETLINK_NETFILTER",
	[NETLINK_IP6_FW] = "NETLINK_IP6_FW",
	[NETLINK_DNRTMSG] = "NETLINK_DNRTMSG",
	[NETLINK_KOBJECT_UEVENT] = "NETLINK_KOBJECT_UEVENT",
	[NETLINK_GENERIC] = "NETLINK_GENERIC",
	[NETLINK_SCSITRANSPORT] = "NETLINK_SCSITRANSPORT",
	[NETLINK_ECRYPTFS] = "NETLINK_ECRYPTFS",
	[NETLINK_RDMA] = "NETLINK_RDMA",
	[NETLINK_CRYPTO] = "NETLINK_CRYPTO",
	[NETLINK_SMC] = "NETLINK_SMC",
};

/* 0 turns the protocol off; any other number must be free (see above). */
static int hellonl_param_legacy_proto(const char *val,
				      const struct kernel_param *kp)
{
	unsigned int proto;
	int err;

	err = kstrtouint(val, 0, &proto);
	if (err)
		return err;
	if (proto >= MAX_LINKS) {
		pr_err("legacy_proto %u is not a netlink protocol number: they end at %d\n",
		       proto, MAX_LINKS - 1);
		return -EINVAL;
	}
	if (proto && proto < ARRAY_SIZE(hellonl_kernel_protocols) &&
	    hellonl_kernel_protocols[proto]) {
		pr_err("legacy_proto %u is %s, the kernel's own: choose 0 (off) or a number linux/netlink.h leaves free, such as %d\n",
		       proto, hellonl_kernel_protocols[proto],
		       HELLONL_LEGACY_PROTO);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = proto;
	return 0;
}

static const struct kernel_param_ops hellonl_legacy_proto_ops = {
	.set = hellonl_param_legacy_proto,
	.get = param_get_uint,
};

module_param_cb(legacy_proto, &hellonl_legacy_proto_ops,
		&hellonl_legacy_proto, 0444);
MODULE_PARM_DESC(legacy_proto,
		 "netlink protocol number of the tutorial's raw protocol: 0 = off, or one that no kernel protocol uses (default "
		 __stringify(HELLONL_LEGACY_PROTO) ")");

/* socket(AF_NETLINK, SOCK_RAW, 25), as the tutorial's program opens it. */
MODULE_ALIAS_NET_PF_PROTO(PF_NETLINK, HELLONL_LEGACY_PROTO);

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
 * Open the namespace's legacy socket, when the protocol is on. Its input may
 * run as soon as it is created, before hn->legacy_sk is set.
 */
void hellonl_legacy_start(struct hellonl_net *hn, struct net *net)
{
	struct netlink_kernel_cfg cfg = {
		.input = hellonl_legacy_rcv,
	};

	if (!hellonl_legacy_proto)
		return;
	hn->legacy_sk = netlink_kernel_create(net, hellonl_legacy_proto, &cfg);
	/*
	 * netlink_kernel_create() says only that it failed: either another
	 * kernel socket has the number in this namespace, or memory ran out.
	 * hellonl takes no number the kernel defines (see above), so the
	 * first means another module.
	 */
	if (!hn->legacy_sk)
		pr_warn_ratelimited("no legacy protocol in a network namespace: netlink protocol %u is held there by another module, or memory ran out (see legacy_proto)\n",
				    hellonl_legacy_proto);
}

void hellonl_legacy_stop(struct hellonl_net *hn)
{
	if (hn->legacy_sk) {
		netlink_kernel_release(hn->legacy_sk);
		hn->legacy_sk = NULL;
	}
}
