// SPDX-License-Identifier: GPL-2.0
/*
 * The shape of the hellonl Generic Netlink family: which attributes each
 * command accepts, who may send it, and which multicast groups exist. The
 * handlers are in commands.c; the numbers are in uapi/hellonl.h.
 *
 * Every command is validated strictly: an attribute that is unknown, not in
 * the command's policy, or of the wrong type or size is refused with an
 * extended ack pointing at it, before any handler runs. The words of that
 * ack are the netlink core's own ("Unknown attribute type", "Attribute
 * failed policy validation"), but where a validation function below or a
 * handler refuses: those say what rule was broken.
 */
#include <net/genetlink.h>

#include "internal.h"

static int hellonl_validate_message(const struct nlattr *attr,
				    struct netlink_ext_ack *extack)
{
	int err = hellonl_check_message(nla_data(attr), nla_len(attr), extack);

	if (err)
		NL_SET_BAD_ATTR(extack, attr);
	return err;
}

static int hellonl_validate_payload(const struct nlattr *attr,
				    struct netlink_ext_ack *extack)
{
	if (nla_len(attr) <= HELLONL_ECHO_MAX)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr, "payload longer than "
			    __stringify(HELLONL_ECHO_MAX) " bytes");
	return -ERANGE;
}

/*
 * The heartbeat period's upper bound; 1 to HELLONL_HEARTBEAT_MIN_MS - 1,
 * which one range cannot exclude, is refused by the SET handler. Not const:
 * before 6.2 the policy points to it through a pointer to non-const.
 */
static struct netlink_range_validation hellonl_heartbeat_range __ro_after_init = {
	.max = HELLONL_HEARTBEAT_MAX_MS,
};

/*
 * The string bounds are checked by the validation functions above, so that
 * each refusal names its reason: the policy's own length check says only
 * "Attribute failed policy validation", and for a NUL string it looks for
 * the NUL within the allowed length, so it would call an over-long message
 * "not NUL-terminated". A message without any NUL is still the core's to
 * refuse, with its own words: NLA_NUL_STRING looks for the NUL before the
 * validation function runs.
 *
 * Integers must not get a validation function: the policy dump, which
 * also describes a rejected attribute in the extended ack, reads such a
 * policy's range from the function pointer, and warns.
 */
static const struct nla_policy hellonl_set_policy[HELLONL_A_HEARTBEAT_MS + 1] = {
	[HELLONL_A_MESSAGE] = NLA_POLICY_VALIDATE_FN(NLA_NUL_STRING,
						     hellonl_validate_message),
	[HELLONL_A_HEARTBEAT_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &hellonl_heartbeat_range),
};

static const struct nla_policy hellonl_echo_policy[HELLONL_A_PAYLOAD + 1] = {
	[HELLONL_A_PAYLOAD] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						     hellonl_validate_payload),
};

/*
 * GET, HISTORY and STATS take no attributes: each one is refused. Type 0
 * needs no entry: the core refuses it as unknown without looking.
 */
static const struct nla_policy hellonl_no_attrs_policy[HELLONL_A_MAX + 1] = {
	[1 ... HELLONL_A_MAX] = {
		.type = NLA_REJECT,
		.reject_message = "this command takes no attributes",
	},
};

static const struct genl_ops hellonl_ops[] = {
	{
		.cmd = HELLONL_CMD_GET,
		.doit = hellonl_cmd_get,
		.policy = hellonl_no_attrs_policy,
		.maxattr = ARRAY_SIZE(hellonl_no_attrs_policy) - 1,
	},
	{
		.cmd = HELLONL_CMD_SET,
		.doit = hellonl_cmd_set,
		.policy = hellonl_set_policy,
		.maxattr = ARRAY_SIZE(hellonl_set_policy) - 1,
		/* CAP_NET_ADMIN in the user namespace that owns the netns */
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = HELLONL_CMD_HISTORY,
		.dumpit = hellonl_dump_history,
		.policy = hellonl_no_attrs_policy,
		.maxattr = ARRAY_SIZE(hellonl_no_attrs_policy) - 1,
	},
	{
		.cmd = HELLONL_CMD_STATS,
		.doit = hellonl_cmd_stats,
		.policy = hellonl_no_attrs_policy,
		.maxattr = ARRAY_SIZE(hellonl_no_attrs_policy) - 1,
	},
	{
		.cmd = HELLONL_CMD_ECHO,
		.doit = hellonl_cmd_echo,
		.policy = hellonl_echo_policy,
		.maxattr = ARRAY_SIZE(hellonl_echo_policy) - 1,
	},
};

static const struct genl_multicast_group hellonl_mcgrps[] = {
	[HELLONL_GROUP_EVENTS] = { .name = HELLONL_MCGRP_EVENTS },
};

/*
 * Locking: parallel_ops, so requests do not queue behind genl_mutex, which
 * every Generic Netlink family without parallel_ops shares. The state they
 * touch is per namespace and guarded by that namespace's own hn->lock, so a
 * busy namespace never makes another one wait.
 */
struct genl_family hellonl_family __ro_after_init = {
	.name = HELLONL_FAMILY_NAME,
	.version = HELLONL_FAMILY_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = hellonl_ops,
	.n_ops = ARRAY_SIZE(hellonl_ops),
	.mcgrps = hellonl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(hellonl_mcgrps),
};
