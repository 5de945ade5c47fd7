// SPDX-License-Identifier: GPL-2.0
/*
 * The services of a namespace: the work hellonl does there without being
 * asked through the family. The heartbeat sends events, and the legacy
 * socket stores messages, which sends events too.
 *
 * Events go out through the genetlink family, so the services must never
 * run while it is unregistered: a multicast through an unregistered family
 * could reach another family's listeners. They are therefore pernet
 * operations of their own, registered after the family and unregistered
 * before it (main.c), while the state they use is registered before the
 * family and unregistered after it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netlink.h>

#include "internal.h"

static int __net_init hellonl_services_init(struct net *net)
{
	struct hellonl_net *hn = hellonl_pernet(net);

	if (hellonl_legacy_proto) {
		hn->legacy_sk = hellonl_legacy_open(net);
		/*
		 * netlink_kernel_create() says only that it failed: either
		 * another kernel socket has the number in this namespace, or
		 * memory ran out. hellonl takes no number the kernel defines
		 * (main.c), so the first means another module.
		 */
		if (!hn->legacy_sk)
			pr_warn_ratelimited("no legacy protocol in a network namespace: netlink protocol %u is held there by another module, or memory ran out (see legacy_proto)\n",
					    hellonl_legacy_proto);
	}

	mutex_lock(&hn->lock);
	hn->services_up = true;
	hellonl_heartbeat_set(hn, hn->heartbeat_ms);
	mutex_unlock(&hn->lock);
	return 0;
}

static void __net_exit hellonl_services_exit(struct net *net)
{
	struct hellonl_net *hn = hellonl_pernet(net);

	/* Once services_up is false, nothing arms the heartbeat again. */
	mutex_lock(&hn->lock);
	hn->services_up = false;
	mutex_unlock(&hn->lock);
	cancel_delayed_work_sync(&hn->heartbeat);

	if (hn->legacy_sk) {
		netlink_kernel_release(hn->legacy_sk);
		hn->legacy_sk = NULL;
	}
}

struct pernet_operations hellonl_services_ops = {
	.init = hellonl_services_init,
	.exit = hellonl_services_exit,
};
