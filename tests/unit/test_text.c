// SPDX-License-Identifier: GPL-2.0
/* Human output: escaped messages and times. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "text.h"

/* What text_print_escaped() writes for s, escaping chosen as well. */
static char *escaped(const char *s, const char *chosen)
{
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);

	assert_non_null(out);
	text_print_escaped(out, s, chosen);
	fclose(out);
	return got;
}

static void control_characters_stay_on_one_line(void **state)
{
	char *got = escaped("a\nb\tc\\d\x1b[0m é \"q\"", "");

	(void)state;
	assert_string_equal(got, "a\\nb\\tc\\\\d\\x1b[0m é \"q\"");
	free(got);
}

static void chosen_characters_are_escaped_too(void **state)
{
	char *got = escaped("say \"hi\" \\ there", "\"");

	(void)state;
	assert_string_equal(got, "say \\\"hi\\\" \\\\ there");
	free(got);
}

static void iso_time_is_utc_with_nanoseconds(void **state)
{
	char when[64];

	(void)state;
	text_time_iso(1700000000123456789ULL, when, sizeof(when));
	assert_string_equal(when, "2023-11-14T22:13:20.123456789Z");
	text_time_iso(5, when, sizeof(when));
	assert_string_equal(when, "1970-01-01T00:00:00.000000005Z");
}

static void local_time_has_milliseconds(void **state)
{
	char when[64];

	(void)state;
	setenv("TZ", "UTC", 1);
	text_time(1700000000123456789ULL, when, sizeof(when));
	assert_string_equal(when, "2023-11-14 22:13:20.123");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(control_characters_stay_on_one_line),
		cmocka_unit_test(chosen_characters_are_escaped_too),
		cmocka_unit_test(iso_time_is_utc_with_nanoseconds),
		cmocka_unit_test(local_time_has_milliseconds),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
