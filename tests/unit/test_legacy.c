// SPDX-License-Identifier: GPL-2.0
/*
 * The requests and replies of the tutorial's raw protocol, built and read
 * without a kernel, byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <libmnl/libmnl.h>

#include "message.h"

static char buf[8192] __attribute__((aligned(4)));
static char answer[8192] __attribute__((aligned(4)));

static void legacy_request_is_a_header_and_a_string(void **state)
{
	struct nlmsghdr *nlh = msg_legacy(buf, sizeof(buf),
					  HELLONL_LEGACY_SET, 4, "hi");
	const char *text;

	(void)state;
	assert_int_equal(nlh->nlmsg_len, NLMSG_HDRLEN + 3);
	assert_int_equal(nlh->nlmsg_type, HELLONL_LEGACY_SET);
	assert_memory_equal(mnl_nlmsg_get_payload(nlh), "hi", 3);
	assert_int_equal(msg_parse_legacy(nlh, &text), 0);
	assert_string_equal(text, "hi");
}

/*
 * The tutorial's framing of @text: no NUL, nlmsg_len = NLMSG_SPACE(strlen),
 * and every byte of padding @pad.
 */
static void check_tutorial_framing(const char *text, size_t padding)
{
	struct nlmsghdr *nlh = msg_legacy_tutorial(buf, sizeof(buf),
						   HELLONL_LEGACY_SET, 4, text,
						   0xa5);
	const unsigned char *payload;
	size_t len = strlen(text), i;

	assert_non_null(nlh);
	assert_int_equal(len % 4 ? 4 - len % 4 : 0, padding);
	assert_int_equal(nlh->nlmsg_len, NLMSG_SPACE(len));
	assert_int_equal(nlh->nlmsg_len, NLMSG_HDRLEN + len + padding);
	assert_int_equal(nlh->nlmsg_type, HELLONL_LEGACY_SET);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST);
	assert_int_equal(nlh->nlmsg_seq, 4);
	payload = mnl_nlmsg_get_payload(nlh);
	assert_memory_equal(payload, text, len);
	for (i = len; i < len + padding; i++)
		assert_int_equal(payload[i], 0xa5);
	assert_null(memchr(payload, '\0', nlh->nlmsg_len - NLMSG_HDRLEN));
}

static void legacy_tutorial_framing_pads_with_the_byte_given(void **state)
{
	(void)state;
	memset(buf, 0, sizeof(buf));	/* no 0xa5 but what is written */
	check_tutorial_framing("abcd", 0);
	check_tutorial_framing("hello", 3);
	check_tutorial_framing("hi", 2);
	check_tutorial_framing("abc", 1);
	check_tutorial_framing("", 0);
}

static void legacy_tutorial_framing_needs_room_for_the_padding(void **state)
{
	(void)state;
	assert_null(msg_legacy_tutorial(buf, NLMSG_HDRLEN + 4,
					HELLONL_LEGACY_GET, 1, "hello", 0));
	assert_non_null(msg_legacy_tutorial(buf, NLMSG_HDRLEN + 8,
					    HELLONL_LEGACY_GET, 1, "hello", 0));
}

static void legacy_answer_without_nul_is_malformed(void **state)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(answer);
	const char *text;

	(void)state;
	memcpy(mnl_nlmsg_put_extra_header(nlh, 4), "abcd", 4);
	assert_int_equal(msg_parse_legacy(nlh, &text), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(legacy_request_is_a_header_and_a_string),
		cmocka_unit_test(legacy_tutorial_framing_pads_with_the_byte_given),
		cmocka_unit_test(legacy_tutorial_framing_needs_room_for_the_padding),
		cmocka_unit_test(legacy_answer_without_nul_is_malformed),
	};

	return cmocka_run_group_tests_name("legacy", tests, NULL, NULL);
}
