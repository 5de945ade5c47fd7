// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl: a kernel module that says hello over Generic Netlink.
 *
 * Its parameters, and the order in which it comes up and goes down. Each
 * layer uses the ones registered before it, so unloading undoes them in
 * reverse:
 *  1. the state of every network namespace (state.c);
 *  2. the genetlink family, whose handlers use that state (family.c);
 *  3. the services of every namespace, which send through the family
 *     (services.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "internal.h"
#include "version.h"

/*
 * Parameters are read-only once loaded: each namespace copies them when it
 * is created. Change the heartbeat at run time with the SET command.
 * Values out of range make the load fail, with the kernel naming the
 * parameter.
 */
unsigned int hellonl_history_len = 16;
unsigned int hellonl_heartbeat_ms;
/* Where each namespace's sequence numbers start: see first_seq below. */
u64 hellonl_first_seq;

static int hellonl_param_uint(const char *val, const struct kernel_param *kp,
			      unsigned int min, unsigned int max)
{
	unsigned int n;
	int err;

	err = kstrtouint(val, 0, &n);
	if (err)
		return err;
	if (n < min || n > max)
		return -EINVAL;
	*(unsigned int *)kp->arg = n;
	return 0;
}

static int hellonl_param_history_len(const char *val,
				     const struct kernel_param *kp)
{
	return hellonl_param_uint(val, kp, 1, HELLONL_HISTORY_MAX);
}

static int hellonl_param_heartbeat_ms(const char *val,
				      const struct kernel_param *kp)
{
	unsigned int period = 0;
	int err;

	err = kstrtouint(val, 0, &period);
	if (err)
		return err;
	if (!hellonl_heartbeat_ok(period))
		return -EINVAL;
	*(unsigned int *)kp->arg = period;
	return 0;
}

static const struct kernel_param_ops hellonl_history_len_ops = {
	.set = hellonl_param_history_len,
	.get = param_get_uint,
};

static const struct kernel_param_ops hellonl_heartbeat_ms_ops = {
	.set = hellonl_param_heartbeat_ms,
	.get = param_get_uint,
};

module_param_cb(history_len, &hellonl_history_len_ops, &hellonl_history_len,
		0444);
MODULE_PARM_DESC(history_len,
		 "messages kept in each namespace's history (1-"
		 __stringify(HELLONL_HISTORY_MAX) ", default 16)");
module_param_cb(heartbeat_ms, &hellonl_heartbeat_ms_ops, &hellonl_heartbeat_ms,
		0444);
MODULE_PARM_DESC(heartbeat_ms,
		 "heartbeat period of new namespaces in ms (0 = off, the default, or "
		 __stringify(HELLONL_HEARTBEAT_MIN_MS) "-"
		 __stringify(HELLONL_HEARTBEAT_MAX_MS) "; at least "
		 __stringify(HELLONL_HEARTBEAT_USERNS_MIN_MS)
		 " in namespaces of other user namespaces)");

#ifdef HELLONL_TEST_HOOKS
/*
 * Test builds only (make HELLONL_TEST_HOOKS=y): start every namespace's
 * sequence numbers at first_seq, so that tests reach 2^32 messages and
 * beyond without setting them all.
 */
module_param_named(first_seq, hellonl_first_seq, ullong, 0444);
MODULE_PARM_DESC(first_seq, "test builds: the greeting's sequence number");
#endif

static int __init hellonl_init(void)
{
	int err;

	err = register_pernet_subsys(&hellonl_state_ops);
	if (err)
		return err;
	err = genl_register_family(&hellonl_family);
	if (err)
		goto err_unregister_state;
	err = register_pernet_subsys(&hellonl_services_ops);
	if (err)
		goto err_unregister_family;
	return 0;

err_unregister_family:
	genl_unregister_family(&hellonl_family);
err_unregister_state:
	unregister_pernet_subsys(&hellonl_state_ops);
	return err;
}

static void __exit hellonl_exit(void)
{
	unregister_pernet_subsys(&hellonl_services_ops);
	genl_unregister_family(&hellonl_family);
	unregister_pernet_subsys(&hellonl_state_ops);
}

module_init(hellonl_init);
module_exit(hellonl_exit);

MODULE_DESCRIPTION("hellonl: hello over Generic Netlink");
MODULE_AUTHOR("The hellonl developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(HELLONL_VERSION);
MODULE_ALIAS_GENL_FAMILY(HELLONL_FAMILY_NAME);
