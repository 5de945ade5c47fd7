// SPDX-License-Identifier: GPL-2.0
/* /etc/hellonl.conf: see config.h. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "text.h"

static int fail(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return -1;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode the quoted string at @s in place; NULL with @why if malformed. */
static char *unquote(char *s, const char **why)
{
	char *in = s + 1, *out = s;

	for (; *in && *in != '"'; in++) {
		if (*in != '\\') {
			*out++ = *in;
			continue;
		}
		switch (*++in) {
		case '"':
		case '\\':
			*out++ = *in;
			break;
		case 'n':
			*out++ = '\n';
			break;
		case 't':
			*out++ = '\t';
			break;
		case 'r':
			*out++ = '\r';
			break;
		case 'x': {
			int hi = hex_digit(in[1]), lo = hi < 0 ? -1 : hex_digit(in[2]);

			if (lo < 0 || (hi == 0 && lo == 0)) {
				*why = "bad \\x escape";
				return NULL;
			}
			*out++ = (char)(hi << 4 | lo);
			in += 2;
			break;
		}
		default:
			*why = "unknown escape";
			return NULL;
		}
	}
	if (*in != '"') {
		*why = "missing closing quote";
		return NULL;
	}
	if (*trim(in + 1)) {
		*why = "text after the closing quote";
		return NULL;
	}
	*out = '\0';
	return s;
}

static int parse_heartbeat(const char *s, uint32_t *out)
{
	unsigned long n;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || *end || n > UINT32_MAX)
		return -1;
	*out = n;
	return 0;
}

int config_parse(FILE *in, struct config *c, char *err, size_t size)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	int ret = 0;

	memset(c, 0, sizeof(*c));
	while (getline(&line, &cap, in) >= 0) {
		char *key, *value, *eq;
		const char *why = NULL;

		lineno++;
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			ret = fail(err, size, "line %u: expected key = value", lineno);
			break;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		if (*value == '"' && !unquote(value, &why)) {
			ret = fail(err, size, "line %u: %s", lineno, why);
			break;
		}

		if (!strcmp(key, "greeting")) {
			free(c->greeting);
			c->greeting = strdup(value);
			if (!c->greeting) {
				ret = fail(err, size, "%s", strerror(errno));
				break;
			}
		} else if (!strcmp(key, "heartbeat_ms")) {
			if (parse_heartbeat(value, &c->heartbeat_ms)) {
				ret = fail(err, size,
					   "line %u: heartbeat_ms is not a number of milliseconds",
					   lineno);
				break;
			}
			c->has_heartbeat = true;
		} else {
			ret = fail(err, size, "line %u: unknown key '%s'", lineno, key);
			break;
		}
	}
	free(line);
	if (ret)
		config_free(c);
	return ret;
}

int config_load(const char *path, struct config *c, char *err, size_t size)
{
	FILE *in = fopen(path, "r");
	char why[256];
	int ret;

	memset(c, 0, sizeof(*c));
	if (!in) {
		if (errno == ENOENT)
			return 0;
		return fail(err, size, "%s: %s", path, strerror(errno));
	}
	ret = config_parse(in, c, why, sizeof(why));
	fclose(in);
	if (ret)
		return fail(err, size, "%s: %s", path, why);
	return 0;
}

void config_write_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	text_print_escaped(out, s, "\"");
	fputc('"', out);
}

/* Is @line an active "key = ..." line for @key? */
static bool sets_key(const char *line, const char *key)
{
	size_t len = strlen(key);

	while (isspace((unsigned char)*line))
		line++;
	if (strncmp(line, key, len))
		return false;
	line += len;
	while (isspace((unsigned char)*line))
		line++;
	return *line == '=';
}

static void write_setting(FILE *out, const char *key, const char *greeting,
			  const uint32_t *heartbeat_ms)
{
	fprintf(out, "%s = ", key);
	if (greeting)
		config_write_quoted(out, greeting);
	else
		fprintf(out, "%u", *heartbeat_ms);
	fputc('\n', out);
}

int config_save(const char *path, const char *greeting,
		const uint32_t *heartbeat_ms, char *err, size_t size)
{
	bool greeting_done = !greeting, heartbeat_done = !heartbeat_ms;
	char tmp[4096], *line = NULL;
	FILE *in = NULL, *out = NULL;
	size_t cap = 0;
	int fd, saved;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= sizeof(tmp))
		return fail(err, size, "%s: path too long", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return fail(err, size, "%s: %s", path, strerror(errno));
	out = fdopen(fd, "w");
	if (!out) {
		close(fd);
		goto fail_tmp;
	}
	if (fchmod(fd, 0644))
		goto fail_tmp;

	in = fopen(path, "r");
	if (!in && errno != ENOENT)
		goto fail_tmp;
	while (in && getline(&line, &cap, in) >= 0) {
		if (greeting && sets_key(line, "greeting")) {
			if (!greeting_done)
				write_setting(out, "greeting", greeting, NULL);
			greeting_done = true;
		} else if (heartbeat_ms && sets_key(line, "heartbeat_ms")) {
			if (!heartbeat_done)
				write_setting(out, "heartbeat_ms", NULL, heartbeat_ms);
			heartbeat_done = true;
		} else {
			fputs(line, out);
			if (!strchr(line, '\n'))
				fputc('\n', out);
		}
	}
	free(line);
	if (in)
		fclose(in);
	if (!greeting_done)
		write_setting(out, "greeting", greeting, NULL);
	if (!heartbeat_done)
		write_setting(out, "heartbeat_ms", NULL, heartbeat_ms);

	if (fflush(out) || fsync(fd))
		goto fail_tmp;
	saved = fclose(out);
	out = NULL;
	if (saved || rename(tmp, path))
		goto fail_tmp;
	return 0;

fail_tmp:
	saved = errno;
	if (out)
		fclose(out);
	unlink(tmp);
	return fail(err, size, "%s: %s", path, strerror(saved));
}

void config_free(struct config *c)
{
	free(c->greeting);
	memset(c, 0, sizeof(*c));
}
