// SPDX-License-Identifier: GPL-2.0
/* The JSON writer of json.h. */
#include <inttypes.h>

#include "json.h"

void json_init(struct json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->need_comma[0] = false;
}

/* Every value but the first at its level is preceded by a comma. */
static void value_begins(struct json *j)
{
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	j->need_comma[j->depth] = true;
}

static void container_open(struct json *j, char bracket)
{
	value_begins(j);
	fputc(bracket, j->out);
	if (j->depth < JSON_MAX_DEPTH)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void container_close(struct json *j, char bracket)
{
	fputc(bracket, j->out);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0)
		fputc('\n', j->out);
}

void json_object_begin(struct json *j)
{
	container_open(j, '{');
}

void json_object_end(struct json *j)
{
	container_close(j, '}');
}

void json_array_begin(struct json *j)
{
	container_open(j, '[');
}

void json_array_end(struct json *j)
{
	container_close(j, ']');
}

/* The value after a key must not get a comma of its own. */
void json_key(struct json *j, const char *key)
{
	value_begins(j);
	json_write_string(j->out, key);
	fputc(':', j->out);
	j->need_comma[j->depth] = false;
}

void json_string(struct json *j, const char *s)
{
	value_begins(j);
	json_write_string(j->out, s);
}

void json_u64(struct json *j, uint64_t n)
{
	value_begins(j);
	fprintf(j->out, "%" PRIu64, n);
}

void json_double(struct json *j, double d)
{
	value_begins(j);
	fprintf(j->out, "%.3f", d);
}

void json_bool(struct json *j, bool b)
{
	value_begins(j);
	fputs(b ? "true" : "false", j->out);
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_u64(struct json *j, const char *key, uint64_t n)
{
	json_key(j, key);
	json_u64(j, n);
}

/*
 * RFC 8259: quote and backslash escaped, control characters as \n and the
 * like or \u00XX. Bytes from 0x80 pass through: messages are UTF-8, which
 * the kernel checked.
 */
void json_write_string(FILE *out, const char *s)
{
	const unsigned char *p;

	fputc('"', out);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}
