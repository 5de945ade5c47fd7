// SPDX-License-Identifier: GPL-2.0
/*
 * The services of a namespace: the work hellonl does there without being
 * asked through the family, such as the heartbeat, which sends events.
 *
 * Events go out through the genetlink family, so the services must never
 * run while it is unregistered: a multicast through an unregistered family
 * could reach another family's listeners. They are therefore pernet
 * operations of their own, registered after the family and unregistered
 * before it (main.c), while the state they use is registered before the
 * family and unregistered after it.
 */
#include "internal.h"

static int __net_init hellonl_services_init(struct net *net)
{
	struct hellonl_net *hn = hellonl_pernet(net);

	/* BEGIN hellonl-only: the tutorial's protocol */
	hellonl_legacy_start(hn, net);
	/* END hellonl-only */

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
	/* BEGIN hellonl-only: the tutorial's protocol */
	hellonl_legacy_stop(hn);
	/* END hellonl-only */
}

struct pernet_operations hellonl_services_ops = {
	.init = hellonl_services_init,
	.exit = hellonl_services_exit,
};
