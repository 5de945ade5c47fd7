// SPDX-License-Identifier: GPL-2.0
/*
 * nlholder: a test module that holds a netlink protocol number in the
 * initial network namespace, as some other module might, so that a test
 * can see what hellonl does when its legacy_proto is taken.
 *
 *   insmod nlholder.ko proto=23
 */
#include <linux/module.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

static unsigned int proto = 23;
module_param(proto, uint, 0444);
MODULE_PARM_DESC(proto, "the netlink protocol number to hold");

static struct sock *nlholder_sk;

static void nlholder_input(struct sk_buff *skb)
{
}

static int __init nlholder_init(void)
{
	struct netlink_kernel_cfg cfg = { .input = nlholder_input };

	nlholder_sk = netlink_kernel_create(&init_net, proto, &cfg);
	return nlholder_sk ? 0 : -EBUSY;
}

static void __exit nlholder_exit(void)
{
	netlink_kernel_release(nlholder_sk);
}

module_init(nlholder_init);
module_exit(nlholder_exit);
MODULE_DESCRIPTION("hellonl's tests: hold a netlink protocol number");
MODULE_LICENSE("GPL");
