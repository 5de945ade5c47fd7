// SPDX-License-Identifier: GPL-2.0
/* Human output helpers: see text.h. */
#include <string.h>
#include <time.h>

#include "text.h"

void text_time(uint64_t ns, char *out, size_t size)
{
	time_t secs = ns / 1000000000;
	struct tm tm;
	size_t len;

	localtime_r(&secs, &tm);
	len = strftime(out, size, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(out + len, size - len, ".%03u",
		 (unsigned int)(ns % 1000000000 / 1000000));
}

void text_time_iso(uint64_t ns, char *out, size_t size)
{
	time_t secs = ns / 1000000000;
	struct tm tm;
	size_t len;

	gmtime_r(&secs, &tm);
	len = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + len, size - len, ".%09uZ",
		 (unsigned int)(ns % 1000000000));
}

void text_print_escaped(FILE *out, const char *s, const char *also)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\' || strchr(also, *p))
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p == '\r')
			fputs("\\r", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
}
