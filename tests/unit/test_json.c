// SPDX-License-Identifier: GPL-2.0
/* The JSON writer: escaping, and commas in nested values. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "json.h"

/* Run @write against a memory stream and compare what it wrote. */
static void expect(void (*write)(struct json *j), const char *want)
{
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	struct json j;

	json_init(&j, out);
	write(&j);
	fclose(out);
	assert_string_equal(got, want);
	free(got);
}

static void write_tricky(struct json *j)
{
	json_object_begin(j);
	json_kv_string(j, "m", "say \"hi\" \\ o/\n\t\r\b\f\x01\x1f\x7f é ✓");
	json_object_end(j);
}

static void strings_are_escaped(void **state)
{
	(void)state;
	expect(write_tricky,
	       "{\"m\":\"say \\\"hi\\\" \\\\ o/\\n\\t\\r\\b\\f\\u0001\\u001f\\u007f é ✓\"}\n");
}

static void write_nested(struct json *j)
{
	json_object_begin(j);
	json_kv_u64(j, "a", 1);
	json_key(j, "list");
	json_array_begin(j);
	json_object_begin(j);
	json_kv_u64(j, "b", 2);
	json_object_end(j);
	json_object_begin(j);
	json_object_end(j);
	json_u64(j, 18446744073709551615ULL);
	json_array_end(j);
	json_key(j, "ok");
	json_bool(j, true);
	json_key(j, "avg");
	json_double(j, 0.1234);
	json_object_end(j);
}

static void commas_separate_values_at_every_depth(void **state)
{
	(void)state;
	expect(write_nested,
	       "{\"a\":1,\"list\":[{\"b\":2},{},18446744073709551615],\"ok\":true,\"avg\":0.123}\n");
}

static void write_empty_array(struct json *j)
{
	json_array_begin(j);
	json_array_end(j);
}

static void an_empty_array_is_brackets(void **state)
{
	(void)state;
	expect(write_empty_array, "[]\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_are_escaped),
		cmocka_unit_test(commas_separate_values_at_every_depth),
		cmocka_unit_test(an_empty_array_is_brackets),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
