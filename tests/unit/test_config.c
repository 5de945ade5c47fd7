// SPDX-License-Identifier: GPL-2.0
/* /etc/hellonl.conf: reading, errors with line numbers, and rewriting. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static int parse(const char *text, struct config *c, char *err, size_t size)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int ret = config_parse(in, c, err, size);

	fclose(in);
	return ret;
}

static void keys_are_read_and_comments_skipped(void **state)
{
	struct config c;
	char err[256];

	(void)state;
	assert_int_equal(parse("# a comment\n\n  greeting =   hello there  \n"
			       "heartbeat_ms=250\n", &c, err, sizeof(err)), 0);
	assert_string_equal(c.greeting, "hello there");
	assert_true(c.has_heartbeat);
	assert_int_equal(c.heartbeat_ms, 250);
	config_free(&c);
}

static void quoted_values_keep_spaces_and_escapes(void **state)
{
	struct config c;
	char err[256];

	(void)state;
	assert_int_equal(parse("greeting = \" a \\\"b\\\" \\\\ \\n\\t\\x41 é \"\n",
			       &c, err, sizeof(err)), 0);
	assert_string_equal(c.greeting, " a \"b\" \\ \n\tA é ");
	assert_false(c.has_heartbeat);
	config_free(&c);
}

static void an_empty_file_sets_nothing(void **state)
{
	struct config c;
	char err[256];

	(void)state;
	assert_int_equal(parse("", &c, err, sizeof(err)), 0);
	assert_null(c.greeting);
	assert_false(c.has_heartbeat);
}

static void mistakes_are_named_with_their_line(void **state)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "\ncolour = red\n", "line 2: unknown key 'colour'" },
		{ "greeting\n", "line 1: expected key = value" },
		{ "greeting = \"open\n", "line 1: missing closing quote" },
		{ "greeting = \"a\" b\n", "line 1: text after the closing quote" },
		{ "greeting = \"\\q\"\n", "line 1: unknown escape" },
		{ "greeting = \"\\x00\"\n", "line 1: bad \\x escape" },
		{ "#\nheartbeat_ms = soon\n",
		  "line 2: heartbeat_ms is not a number of milliseconds" },
		{ "heartbeat_ms = -1\n",
		  "line 1: heartbeat_ms is not a number of milliseconds" },
		{ "heartbeat_ms = 99999999999\n",
		  "line 1: heartbeat_ms is not a number of milliseconds" },
	};
	struct config c;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(parse(cases[i].text, &c, err, sizeof(err)), -1);
		assert_string_equal(err, cases[i].err);
		assert_null(c.greeting);
	}
}

static char dir[] = "/tmp/hellonl-test-config.XXXXXX";
static char path[256];

static int make_dir(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/hellonl.conf", dir);
	return 0;
}

static int remove_dir(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(dir);
}

static char *slurp(const char *file)
{
	static char text[4096];
	FILE *in = fopen(file, "r");
	size_t len;

	assert_non_null(in);
	len = fread(text, 1, sizeof(text) - 1, in);
	text[len] = '\0';
	fclose(in);
	return text;
}

static void write_file(const char *file, const char *text)
{
	FILE *out = fopen(file, "w");

	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

static void save_replaces_keys_and_keeps_the_rest(void **state)
{
	uint32_t period = 1000;
	char err[256];

	(void)state;
	write_file(path, "# mine\n#greeting = \"example\"\ngreeting = old\n"
		   "\n# end");
	assert_int_equal(config_save(path, "new one", NULL, err, sizeof(err)), 0);
	assert_string_equal(slurp(path), "# mine\n#greeting = \"example\"\n"
			    "greeting = \"new one\"\n\n# end\n");
	assert_int_equal(config_save(path, NULL, &period, err, sizeof(err)), 0);
	assert_string_equal(slurp(path), "# mine\n#greeting = \"example\"\n"
			    "greeting = \"new one\"\n\n# end\n"
			    "heartbeat_ms = 1000\n");
}

static void save_creates_a_missing_file(void **state)
{
	char err[256];

	(void)state;
	unlink(path);
	assert_int_equal(config_save(path, "hi", NULL, err, sizeof(err)), 0);
	assert_string_equal(slurp(path), "greeting = \"hi\"\n");
}

static void any_message_survives_save_and_load(void **state)
{
	const char *message = " \"quoted\" back\\slash\nnew\tline\r\x01\x7f é ";
	struct config c;
	char err[256];

	(void)state;
	assert_int_equal(config_save(path, message, NULL, err, sizeof(err)), 0);
	assert_int_equal(config_load(path, &c, err, sizeof(err)), 0);
	assert_string_equal(c.greeting, message);
	config_free(&c);
}

static void load_of_a_missing_file_is_empty(void **state)
{
	struct config c;
	char err[256];

	(void)state;
	assert_int_equal(config_load("/nonexistent/hellonl.conf", &c, err,
				     sizeof(err)), 0);
	assert_null(c.greeting);
}

static void save_into_a_missing_directory_fails(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(config_save("/nonexistent/hellonl.conf", "x", NULL,
				     err, sizeof(err)), -1);
	assert_string_equal(err,
			    "/nonexistent/hellonl.conf: No such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_are_read_and_comments_skipped),
		cmocka_unit_test(quoted_values_keep_spaces_and_escapes),
		cmocka_unit_test(an_empty_file_sets_nothing),
		cmocka_unit_test(mistakes_are_named_with_their_line),
		cmocka_unit_test(save_replaces_keys_and_keeps_the_rest),
		cmocka_unit_test(save_creates_a_missing_file),
		cmocka_unit_test(any_message_survives_save_and_load),
		cmocka_unit_test(load_of_a_missing_file_is_empty),
		cmocka_unit_test(save_into_a_missing_directory_fails),
	};

	return cmocka_run_group_tests_name("config", tests, make_dir,
					   remove_dir);
}
