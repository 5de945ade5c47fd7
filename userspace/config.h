/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /etc/hellonl.conf: the settings applied when the module loads. Lines are
 * "key = value"; "#" starts a comment line. A value is either bare text,
 * trimmed, or a double-quoted string with C escapes (\" \\ \n \t \r \xHH).
 *   greeting = "I know you!"
 *   heartbeat_ms = 1000
 */
#ifndef HELLONL_CONFIG_H
#define HELLONL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CONFIG_PATH "/etc/hellonl.conf"

struct config {
	char *greeting;		/* NULL when not set */
	bool has_heartbeat;
	uint32_t heartbeat_ms;
};

/* Each returns 0, or -1 with the reason, naming the line, in @err. */
int config_parse(FILE *in, struct config *c, char *err, size_t size);

/* A missing file is an empty one. */
int config_load(const char *path, struct config *c, char *err, size_t size);

/*
 * Set the keys given (NULL leaves one as it is) and keep every other line,
 * comments included. The file is replaced in one rename, never half-written.
 */
int config_save(const char *path, const char *greeting,
		const uint32_t *heartbeat_ms, char *err, size_t size);

void config_free(struct config *c);

/* Write @s as a quoted config value. */
void config_write_quoted(FILE *out, const char *s);

#endif
