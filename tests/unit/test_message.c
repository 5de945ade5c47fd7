// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI's netlink messages, built and read without a kernel: requests are
 * checked byte for byte, and answers are forged the way the kernel writes
 * them, malformed ones included.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "message.h"

static const struct family family = { .id = 0x1d, .version = 1,
				      .events_group = 7 };
static char buf[8192] __attribute__((aligned(4)));
static char answer[8192] __attribute__((aligned(4)));

static const struct genlmsghdr *genl_of(const struct nlmsghdr *nlh)
{
	return mnl_nlmsg_get_payload(nlh);
}

/* Start an answer as the kernel writes one: header, genl header, attributes. */
static struct nlmsghdr *answer_begin(uint16_t type, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(answer);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = 1;
	return nlh;
}

static struct nlmsghdr *entry_answer(const char *message)
{
	struct nlmsghdr *nlh = answer_begin(family.id, HELLONL_CMD_GET);

	mnl_attr_put_strz(nlh, HELLONL_A_MESSAGE, message);
	mnl_attr_put_u64(nlh, HELLONL_A_SEQ, 42);
	mnl_attr_put_u32(nlh, HELLONL_A_PID, 1234);
	mnl_attr_put_u32(nlh, HELLONL_A_UID, 1000);
	mnl_attr_put_u64(nlh, HELLONL_A_TIME_NS, 1700000000123456789ULL);
	return nlh;
}

static void get_is_a_bare_genl_request(void **state)
{
	struct nlmsghdr *nlh = msg_get(buf, &family, 9);

	(void)state;
	assert_int_equal(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN);
	assert_int_equal(nlh->nlmsg_type, family.id);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST);
	assert_int_equal(nlh->nlmsg_seq, 9);
	assert_int_equal(genl_of(nlh)->cmd, HELLONL_CMD_GET);
	assert_int_equal(genl_of(nlh)->version, HELLONL_FAMILY_VERSION);
}

static void set_carries_message_and_heartbeat_and_asks_for_ack(void **state)
{
	uint32_t period = 250;
	struct nlmsghdr *nlh = msg_set(buf, sizeof(buf), &family, 3, "hé llo",
				       &period);
	const struct nlattr *attr;
	int seen = 0;

	(void)state;
	assert_non_null(nlh);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	assert_int_equal(genl_of(nlh)->cmd, HELLONL_CMD_SET);
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) == HELLONL_A_MESSAGE) {
			/* NUL-terminated, as NLA_NUL_STRING wants */
			assert_int_equal(mnl_attr_get_payload_len(attr),
					 strlen("hé llo") + 1);
			assert_string_equal(mnl_attr_get_str(attr), "hé llo");
			seen |= 1;
		} else if (mnl_attr_get_type(attr) == HELLONL_A_HEARTBEAT_MS) {
			assert_int_equal(mnl_attr_get_u32(attr), 250);
			seen |= 2;
		} else {
			fail_msg("unexpected attribute %d", mnl_attr_get_type(attr));
		}
	}
	assert_int_equal(seen, 3);
}

static void set_leaves_out_what_is_not_given(void **state)
{
	struct nlmsghdr *nlh = msg_set(buf, sizeof(buf), &family, 3, "x", NULL);
	const struct nlattr *attr;
	int count = 0;

	(void)state;
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		assert_int_equal(mnl_attr_get_type(attr), HELLONL_A_MESSAGE);
		count++;
	}
	assert_int_equal(count, 1);
}

static void set_fails_when_the_buffer_is_too_small(void **state)
{
	char message[200];

	(void)state;
	memset(message, 'a', sizeof(message) - 1);
	message[sizeof(message) - 1] = '\0';
	assert_null(msg_set(buf, 100, &family, 1, message, NULL));
}

static void echo_carries_the_payload_unchanged(void **state)
{
	unsigned char payload[300];
	struct nlmsghdr *nlh;
	const void *got;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(payload); i++)
		payload[i] = i * 7;
	nlh = msg_echo(buf, sizeof(buf), &family, 5, payload, sizeof(payload));
	assert_non_null(nlh);
	assert_int_equal(genl_of(nlh)->cmd, HELLONL_CMD_ECHO);
	/* The kernel answers in the same form: read it back as an answer. */
	assert_int_equal(msg_parse_payload(nlh, &got, &len), 0);
	assert_int_equal(len, sizeof(payload));
	assert_memory_equal(got, payload, sizeof(payload));
}

static void echo_refuses_a_payload_no_attribute_can_hold(void **state)
{
	static char big[70000];

	(void)state;
	assert_null(msg_echo(big, sizeof(big), &family, 5, big, 65536));
}

static void dumps_ask_for_a_dump(void **state)
{
	(void)state;
	assert_int_equal(msg_history(buf, &family, 1)->nlmsg_flags,
			 NLM_F_REQUEST | NLM_F_DUMP);
	assert_int_equal(genl_of(msg_history(buf, &family, 1))->cmd,
			 HELLONL_CMD_HISTORY);
	assert_int_equal(msg_getfamily_dump(buf, 1)->nlmsg_type, GENL_ID_CTRL);
	assert_int_equal(msg_getfamily_dump(buf, 1)->nlmsg_flags,
			 NLM_F_REQUEST | NLM_F_DUMP);
}

/* Append to the datagram in answer, at @at, an entry of a history dump. */
static size_t put_dump_entry(size_t at, uint32_t seq, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(answer + at);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = family.id;
	nlh->nlmsg_flags = NLM_F_MULTI | flags;
	nlh->nlmsg_seq = seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = HELLONL_CMD_HISTORY;
	mnl_attr_put_u64(nlh, HELLONL_A_SEQ, 1);
	return at + nlh->nlmsg_len;
}

static void dump_interrupted_by_the_flag_on_our_request(void **state)
{
	size_t len = put_dump_entry(0, 7, 0);

	(void)state;
	len = put_dump_entry(len, 7, NLM_F_DUMP_INTR);
	assert_true(msg_dump_interrupted(answer, len, 7));
}

static void dump_flag_on_another_request_is_not_ours(void **state)
{
	size_t len = put_dump_entry(0, 7, 0);

	(void)state;
	len = put_dump_entry(len, 6, NLM_F_DUMP_INTR);
	assert_false(msg_dump_interrupted(answer, len, 7));
}

static void dump_without_the_flag_is_whole(void **state)
{
	size_t len = put_dump_entry(0, 7, 0);

	(void)state;
	len = put_dump_entry(len, 7, 0);
	assert_false(msg_dump_interrupted(answer, len, 7));
}

static void dump_flag_in_a_truncated_message_is_not_read(void **state)
{
	size_t first = put_dump_entry(0, 7, 0);
	size_t len = put_dump_entry(first, 7, NLM_F_DUMP_INTR);

	(void)state;
	/* The flagged message's header is there, but not all it announces. */
	assert_false(msg_dump_interrupted(answer, len - 1, 7));
	assert_false(msg_dump_interrupted(answer, first + NLMSG_HDRLEN - 1, 7));
	assert_true(msg_dump_interrupted(answer + first, len - first, 7));
}

static void entry_is_read_whole(void **state)
{
	struct nlmsghdr *nlh = entry_answer("I know you!");
	struct entry e;

	(void)state;
	mnl_attr_put_u32(nlh, HELLONL_A_HEARTBEAT_MS, 500);
	assert_int_equal(msg_parse_entry(nlh, &e), 0);
	assert_string_equal(e.message, "I know you!");
	assert_int_equal(e.seq, 42);
	assert_int_equal(e.pid, 1234);
	assert_int_equal(e.uid, 1000);
	assert_true(e.time_ns == 1700000000123456789ULL);
	assert_true(e.has_heartbeat);
	assert_int_equal(e.heartbeat_ms, 500);
	assert_int_equal(msg_cmd(nlh), HELLONL_CMD_GET);
}

static void entry_missing_an_attribute_is_malformed(void **state)
{
	struct nlmsghdr *nlh = answer_begin(family.id, HELLONL_CMD_GET);
	struct entry e;

	(void)state;
	mnl_attr_put_strz(nlh, HELLONL_A_MESSAGE, "x");
	mnl_attr_put_u64(nlh, HELLONL_A_SEQ, 1);
	assert_int_equal(msg_parse_entry(nlh, &e), -1);
}

static void entry_with_a_wrong_size_is_malformed(void **state)
{
	struct nlmsghdr *nlh = answer_begin(family.id, HELLONL_CMD_GET);
	struct entry e;

	(void)state;
	mnl_attr_put_strz(nlh, HELLONL_A_MESSAGE, "x");
	mnl_attr_put_u32(nlh, HELLONL_A_SEQ, 1);	/* a u64 in the protocol */
	mnl_attr_put_u32(nlh, HELLONL_A_PID, 1);
	mnl_attr_put_u32(nlh, HELLONL_A_UID, 1);
	mnl_attr_put_u64(nlh, HELLONL_A_TIME_NS, 1);
	assert_int_equal(msg_parse_entry(nlh, &e), -1);
}

static void entry_longer_than_the_limit_is_malformed(void **state)
{
	char message[HELLONL_MESSAGE_MAX + 2];
	struct entry e;

	(void)state;
	memset(message, 'm', sizeof(message) - 1);
	message[sizeof(message) - 1] = '\0';
	assert_int_equal(msg_parse_entry(entry_answer(message), &e), -1);
	message[HELLONL_MESSAGE_MAX] = '\0';
	assert_int_equal(msg_parse_entry(entry_answer(message), &e), 0);
	assert_int_equal(strlen(e.message), HELLONL_MESSAGE_MAX);
}

static void heartbeat_is_read(void **state)
{
	struct nlmsghdr *nlh = answer_begin(family.id, HELLONL_CMD_HEARTBEAT);
	struct heartbeat hb;

	(void)state;
	mnl_attr_put_u64(nlh, HELLONL_A_BEAT, 3);
	mnl_attr_put_u64(nlh, HELLONL_A_SEQ, 8);
	mnl_attr_put_u64(nlh, HELLONL_A_TIME_NS, 99);
	mnl_attr_put_u32(nlh, HELLONL_A_HEARTBEAT_MS, 100);
	assert_int_equal(msg_parse_heartbeat(nlh, &hb), 0);
	assert_int_equal(hb.beat, 3);
	assert_int_equal(hb.seq, 8);
	assert_int_equal(hb.heartbeat_ms, 100);
}

static void stats_are_read_from_their_nest(void **state)
{
	struct nlmsghdr *nlh = answer_begin(family.id, HELLONL_CMD_STATS);
	struct nlattr *nest = mnl_attr_nest_start(nlh, HELLONL_A_STATS);
	struct stats s;

	(void)state;
	mnl_attr_put_u64(nlh, HELLONL_STAT_GETS, 1);
	mnl_attr_put_u64(nlh, HELLONL_STAT_SETS, 2);
	mnl_attr_put_u64(nlh, HELLONL_STAT_ECHOES, 3);
	mnl_attr_put_u64(nlh, HELLONL_STAT_EVENTS, 4);
	mnl_attr_put_u64(nlh, HELLONL_STAT_REFUSED, 5);
	mnl_attr_nest_end(nlh, nest);
	assert_int_equal(msg_parse_stats(nlh, &s), 0);
	assert_int_equal(s.gets, 1);
	assert_int_equal(s.sets, 2);
	assert_int_equal(s.echoes, 3);
	assert_int_equal(s.events, 4);
	assert_int_equal(s.refused, 5);
}

static void stats_without_their_nest_are_malformed(void **state)
{
	struct nlmsghdr *nlh = answer_begin(family.id, HELLONL_CMD_STATS);
	struct stats s;

	(void)state;
	mnl_attr_put_u64(nlh, HELLONL_STAT_GETS, 1);
	assert_int_equal(msg_parse_stats(nlh, &s), -1);
}

static struct nlmsghdr *family_answer(const char *name, const char *group)
{
	struct nlmsghdr *nlh = answer_begin(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	struct nlattr *groups, *one;

	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x22);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, 1);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	one = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, group);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 11);
	mnl_attr_nest_end(nlh, one);
	mnl_attr_nest_end(nlh, groups);
	return nlh;
}

static void family_is_found_with_its_events_group(void **state)
{
	struct family f;
	bool match;

	(void)state;
	assert_int_equal(msg_parse_family(family_answer("hellonl", "events"),
					  "hellonl", &f, &match), 0);
	assert_true(match);
	assert_int_equal(f.id, 0x22);
	assert_int_equal(f.version, 1);
	assert_int_equal(f.events_group, 11);
}

static void other_families_do_not_match(void **state)
{
	struct family f;
	bool match = true;

	(void)state;
	assert_int_equal(msg_parse_family(family_answer("nl80211", "events"),
					  "hellonl", &f, &match), 0);
	assert_false(match);
}

/* An NLMSG_ERROR as the kernel writes it, with or without the request. */
static struct nlmsghdr *error_answer(int error, const struct nlmsghdr *request,
				     bool capped)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(answer);
	struct nlmsgerr *e;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = -error;
	e->msg = *request;
	if (!capped) {
		size_t len = request->nlmsg_len - NLMSG_HDRLEN;

		memcpy(mnl_nlmsg_put_extra_header(nlh, MNL_ALIGN(len)),
		       mnl_nlmsg_get_payload(request), len);
	}
	return nlh;
}

static void extack_message_offset_and_policy_are_read(void **state)
{
	struct nlmsghdr *request = msg_set(buf, sizeof(buf), &family, 2,
					   "too long", NULL);
	struct nlmsghdr *nlh = error_answer(ERANGE, request, true);
	struct kernel_error err;
	struct nlattr *policy;

	(void)state;
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG,
			  "Attribute failed policy validation");
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, NLMSG_HDRLEN + GENL_HDRLEN);
	policy = mnl_attr_nest_start(nlh, NLMSGERR_ATTR_POLICY);
	mnl_attr_put_u32(nlh, NL_POLICY_TYPE_ATTR_TYPE, NL_ATTR_TYPE_NUL_STRING);
	mnl_attr_put_u32(nlh, NL_POLICY_TYPE_ATTR_MAX_LENGTH, 255);
	mnl_attr_nest_end(nlh, policy);

	assert_int_equal(msg_parse_error(nlh, &err), 0);
	assert_int_equal(err.error, ERANGE);
	assert_string_equal(err.message, "Attribute failed policy validation");
	assert_true(err.has_offset);
	assert_int_equal(msg_attr_at(request, err.offset), HELLONL_A_MESSAGE);
	assert_int_equal(err.policy_type, NL_ATTR_TYPE_NUL_STRING);
	assert_true(err.has_max_length);
	assert_int_equal(err.max_length, 255);
}

static void extack_after_an_uncapped_request_is_read(void **state)
{
	struct nlmsghdr *request = msg_set(buf, sizeof(buf), &family, 2, "",
					   NULL);
	struct nlmsghdr *nlh = error_answer(EINVAL, request, false);
	struct kernel_error err;

	(void)state;
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "message is empty");
	assert_int_equal(msg_parse_error(nlh, &err), 0);
	assert_int_equal(err.error, EINVAL);
	assert_string_equal(err.message, "message is empty");
	assert_false(err.has_offset);
}

static void error_without_extack_has_only_the_errno(void **state)
{
	struct nlmsghdr *nlh = error_answer(EPERM, msg_get(buf, &family, 1),
					    true);
	struct kernel_error err;

	(void)state;
	assert_int_equal(msg_parse_error(nlh, &err), 0);
	assert_int_equal(err.error, EPERM);
	assert_string_equal(err.message, "");
}

static void ack_is_an_error_of_zero(void **state)
{
	struct kernel_error err;

	(void)state;
	assert_int_equal(msg_parse_error(error_answer(0, msg_get(buf, &family,
								  1), true),
					 &err), 0);
	assert_int_equal(err.error, 0);
}

static void truncated_error_is_malformed(void **state)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(answer);
	struct kernel_error err;

	(void)state;
	nlh->nlmsg_type = NLMSG_ERROR;
	mnl_nlmsg_put_extra_header(nlh, 4);
	assert_int_equal(msg_parse_error(nlh, &err), -1);
}

static void attr_at_an_offset_that_starts_none_is_unknown(void **state)
{
	struct nlmsghdr *request = msg_set(buf, sizeof(buf), &family, 2, "abc",
					   NULL);

	(void)state;
	assert_int_equal(msg_attr_at(request, NLMSG_HDRLEN + GENL_HDRLEN + 1),
			 -1);
	assert_int_equal(msg_attr_at(request, 4096), -1);
}

static void policy_is_described_in_words(void **state)
{
	struct kernel_error err = { .error = ERANGE, .has_max_length = true,
				    .max_length = 255 };
	char out[128];

	(void)state;
	assert_true(msg_describe_policy(&err, "message", out, sizeof(out)));
	assert_string_equal(out, "message longer than 255 bytes");

	err = (struct kernel_error){ .error = EINVAL,
				     .policy_type = NL_ATTR_TYPE_NUL_STRING };
	assert_true(msg_describe_policy(&err, "message", out, sizeof(out)));
	assert_string_equal(out, "message is not a NUL-terminated string");

	err = (struct kernel_error){ .error = ERANGE, .has_min_value = true,
				     .has_max_value = true, .max_value = 9 };
	assert_true(msg_describe_policy(&err, "period", out, sizeof(out)));
	assert_string_equal(out, "period out of range (0 to 9)");

	err = (struct kernel_error){ .error = EINVAL };
	assert_false(msg_describe_policy(&err, "message", out, sizeof(out)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(get_is_a_bare_genl_request),
		cmocka_unit_test(set_carries_message_and_heartbeat_and_asks_for_ack),
		cmocka_unit_test(set_leaves_out_what_is_not_given),
		cmocka_unit_test(set_fails_when_the_buffer_is_too_small),
		cmocka_unit_test(echo_carries_the_payload_unchanged),
		cmocka_unit_test(echo_refuses_a_payload_no_attribute_can_hold),
		cmocka_unit_test(dumps_ask_for_a_dump),
		cmocka_unit_test(dump_interrupted_by_the_flag_on_our_request),
		cmocka_unit_test(dump_flag_on_another_request_is_not_ours),
		cmocka_unit_test(dump_without_the_flag_is_whole),
		cmocka_unit_test(dump_flag_in_a_truncated_message_is_not_read),
		cmocka_unit_test(entry_is_read_whole),
		cmocka_unit_test(entry_missing_an_attribute_is_malformed),
		cmocka_unit_test(entry_with_a_wrong_size_is_malformed),
		cmocka_unit_test(entry_longer_than_the_limit_is_malformed),
		cmocka_unit_test(heartbeat_is_read),
		cmocka_unit_test(stats_are_read_from_their_nest),
		cmocka_unit_test(stats_without_their_nest_are_malformed),
		cmocka_unit_test(family_is_found_with_its_events_group),
		cmocka_unit_test(other_families_do_not_match),
		cmocka_unit_test(extack_message_offset_and_policy_are_read),
		cmocka_unit_test(extack_after_an_uncapped_request_is_read),
		cmocka_unit_test(error_without_extack_has_only_the_errno),
		cmocka_unit_test(ack_is_an_error_of_zero),
		cmocka_unit_test(truncated_error_is_malformed),
		cmocka_unit_test(attr_at_an_offset_that_starts_none_is_unknown),
		cmocka_unit_test(policy_is_described_in_words),
	};

	return cmocka_run_group_tests_name("message", tests, NULL, NULL);
}
