/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the subcommands of hellonl share: the exit codes, the global
 * options, and the way errors are reported.
 */
#ifndef HELLONL_CLI_H
#define HELLONL_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "json.h"
#include "netlink.h"

/* Exit codes, as documented in hellonl(8). */
enum {
	EXIT_OK = 0,
	EXIT_REFUSED = 1,	/* the kernel refused the request */
	EXIT_USAGE = 2,		/* the command line is wrong */
	EXIT_NO_MODULE = 3,	/* the module is not loaded or not installed */
	EXIT_FAILED = 4,	/* anything else: a system error, a bad answer */
};

/* A number from the UAPI header, as text in a usage string. */
#define STRINGIFY(x) STRINGIFY_(x)
#define STRINGIFY_(x) #x

/*
 * For a parameter that a command may not read: every command takes the
 * options given before it, and not every command needs them.
 */
#define MAYBE_UNUSED __attribute__((unused))

/* Options given before the command. */
struct options {
	bool json;
	/* BEGIN hellonl-only: the tutorial's protocol */
	bool legacy;		/* speak the tutorial's raw protocol */
	unsigned int legacy_proto;
	bool tutorial_framing;	/* frame its requests as the tutorial did, */
	uint8_t tutorial_pad;	/* with this byte as padding */
	/* END hellonl-only */
};

/* One subcommand: `hellonl NAME ...` runs run(argc, argv) with argv[0] NAME. */
struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct options *opt);
	const char *summary;
};

int cmd_get(int argc, char **argv, const struct options *opt);
int cmd_set(int argc, char **argv, const struct options *opt);
int cmd_monitor(int argc, char **argv, const struct options *opt);
int cmd_history(int argc, char **argv, const struct options *opt);
int cmd_stats(int argc, char **argv, const struct options *opt);
int cmd_ping(int argc, char **argv, const struct options *opt);
int cmd_apply_config(int argc, char **argv, const struct options *opt);

/* BEGIN hellonl-only: the tutorial's protocol */
/* legacy.c: get and set over the tutorial's protocol */
unsigned int legacy_proto(void);
int legacy_get(const struct options *opt, const char *param);
int legacy_set(const struct options *opt, const char *message);
/* END hellonl-only */

/*
 * Open a socket and find the family, or say why not and return the exit
 * code: EXIT_NO_MODULE when the module is not there.
 */
int cli_connect(struct nl *nl);

/*
 * Say why the family could not be found, from errno as nl_resolve() or
 * nl_find_family() left it, and return the exit code as cli_connect() does.
 */
int cli_family_missing(void);

/*
 * Report a failed request @what (NL_FAILED or NL_REFUSED, as returned by
 * netlink.h) and return the exit code. A refusal is printed with the
 * kernel's own words and what its extended ack says of the attribute at
 * fault in @request.
 */
int cli_request_failed(struct nl *nl, int result, const char *what,
		       const struct nlmsghdr *request);

/* Print "hellonl: @what: <strerror(errno)>" and return EXIT_FAILED. */
int cli_failed(const char *what);

/*
 * Print a usage error, or with a NULL @fmt only the hint (getopt has said
 * what was wrong), and return EXIT_USAGE.
 */
int cli_usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The members that describe an entry in -j output, the same for get,
 * history and monitor: seq, pid, uid, time_ns, time and message.
 */
void cli_json_entry(struct json *j, const struct entry *e);

/* Parse a whole decimal number into *out; false if it is not one. */
bool cli_parse_uint(const char *s, unsigned long max, unsigned long *out);

/* Parse a byte, decimal or 0x-hexadecimal (0 to 255, 0x00 to 0xff). */
bool cli_parse_byte(const char *s, uint8_t *out);

#endif
