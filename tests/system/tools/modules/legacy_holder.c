// SPDX-License-Identifier: GPL-2.0
/*
 * legacy_holder: a test module that holds a netlink protocol number in the
 * initial network namespace, as some other module might, so that a test
 * can see what hellonl does when its legacy_proto is taken.
 *
 *   insmod legacy_holder.ko proto=23
 */
#include <linux/module.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

static unsigned int proto = 23;
module_param(proto, uint, 0444);
MODULE_PARM_DESC(proto, "the netlink protocol number to hold");

static struct sock *legacy_holder_sk;

static void legacy_holder_input(struct sk_buff *skb)
{
}

static int __init legacy_holder_init(void)
{
	struct netlink_kernel_cfg cfg = { .input = legacy_holder_input };

	legacy_holder_sk = netlink_kernel_create(&init_net, proto, &cfg);
	return legacy_holder_sk ? 0 : -EBUSY;
}

static void __exit legacy_holder_exit(void)
{
	netlink_kernel_release(legacy_holder_sk);
}

module_init(legacy_holder_init);
module_exit(legacy_holder_exit);
MODULE_DESCRIPTION("hellonl's tests: hold a netlink protocol number");
MODULE_LICENSE("GPL");
