// SPDX-License-Identifier: GPL-2.0
/* Connecting, and reporting what went wrong: see cli.h. */
#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <linux/genetlink.h>

#include "cli.h"
#include "text.h"

/* Is a hellonl module installed for the running kernel? */
static bool module_installed(const char *release)
{
	char path[512], *line = NULL;
	size_t cap = 0;
	bool found = false;
	FILE *dep;

	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", release);
	dep = fopen(path, "r");
	if (!dep)
		return false;
	while (!found && getline(&line, &cap, dep) >= 0) {
		char *colon = strchr(line, ':');
		char *name;

		if (!colon)
			continue;
		*colon = '\0';
		name = strrchr(line, '/');
		name = name ? name + 1 : line;
		found = !strncmp(name, "hellonl.ko", strlen("hellonl.ko"));
	}
	free(line);
	fclose(dep);
	return found;
}

/* Is the module's source there for DKMS, from hellonl-dkms? */
static bool module_source_installed(void)
{
	glob_t found;
	bool any;

	any = !glob("/usr/src/hellonl-*/dkms.conf", 0, NULL, &found);
	globfree(&found);
	return any;
}

static int module_missing(void)
{
	struct utsname uts;

	if (!access("/sys/module/hellonl", F_OK)) {
		fprintf(stderr,
			"hellonl: the kernel module is present but its family is not registered (is it being loaded or removed?)\n");
	} else if (uname(&uts) == 0 && !module_installed(uts.release)) {
		if (module_source_installed())
			fprintf(stderr,
				"hellonl: kernel module not built for Linux %s: install linux-headers-%s, and DKMS builds it\n",
				uts.release, uts.release);
		else
			fprintf(stderr,
				"hellonl: kernel module not installed for Linux %s (install hellonl-dkms)\n",
				uts.release);
	} else {
		fprintf(stderr,
			"hellonl: kernel module not loaded (try: modprobe hellonl)\n");
	}
	return EXIT_NO_MODULE;
}

int cli_family_missing(void)
{
	return errno == ENOENT ? module_missing() :
				 cli_failed("cannot look up the hellonl family");
}

int cli_connect(struct nl *nl)
{
	if (nl_open(nl, NETLINK_GENERIC))
		return cli_failed("cannot open a netlink socket");
	if (nl_resolve(nl)) {
		nl_close(nl);	/* keeps errno */
		return cli_family_missing();
	}
	return EXIT_OK;
}

int cli_failed(const char *what)
{
	const char *why = errno == ETIMEDOUT ? "no answer from the kernel" :
			  strerror(errno);

	fflush(stdout);	/* what was printed before the error comes before it */
	fprintf(stderr, "hellonl: %s: %s\n", what, why);
	return EXIT_FAILED;
}

/* The names the CLI gives the attributes it sends. */
static const char *attr_name(int type)
{
	switch (type) {
	case HELLONL_A_MESSAGE:
		return "message";
	case HELLONL_A_HEARTBEAT_MS:
		return "heartbeat period";
	case HELLONL_A_PAYLOAD:
		return "payload";
	}
	return NULL;
}

int cli_request_failed(struct nl *nl, int result, const char *what,
		       const struct nlmsghdr *request)
{
	const struct kernel_error *err = &nl->error;
	const char *name = NULL;
	char policy[128] = "";

	if (result != NL_REFUSED)
		return cli_failed(what);

	if (err->has_offset && request)
		name = attr_name(msg_attr_at(request, err->offset));
	if (name)
		msg_describe_policy(err, name, policy, sizeof(policy));

	/* "hellonl: set: <kernel's words>: <the policy> (<errno>)" */
	fflush(stdout);
	fprintf(stderr, "hellonl: %s: ", what);
	if (*err->message)
		fprintf(stderr, "%s%s%s (%s)\n", err->message, *policy ? ": " : "",
			policy, strerror(err->error));
	else if (*policy)
		fprintf(stderr, "%s (%s)\n", policy, strerror(err->error));
	else
		fprintf(stderr, "%s\n", strerror(err->error));
	return EXIT_REFUSED;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		fprintf(stderr, "hellonl: ");
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fprintf(stderr, "Try 'hellonl %s%s--help'.\n", command ? command : "",
		command ? " " : "");
	return EXIT_USAGE;
}

void cli_json_entry(struct json *j, const struct entry *e)
{
	char when[64];

	text_time_iso(e->time_ns, when, sizeof(when));
	json_kv_u64(j, "seq", e->seq);
	json_kv_u64(j, "pid", e->pid);
	json_kv_u64(j, "uid", e->uid);
	json_kv_u64(j, "time_ns", e->time_ns);
	json_kv_string(j, "time", when);
	json_kv_string(j, "message", e->message);
}

/* A whole number of @digits in @base: no sign, no space, no prefix. */
static bool parse_number(const char *s, const char *digits, int base,
			 unsigned long max, unsigned long *out)
{
	unsigned long n;

	if (!*s || s[strspn(s, digits)])
		return false;
	errno = 0;
	n = strtoul(s, NULL, base);
	if (errno || n > max)
		return false;
	*out = n;
	return true;
}

bool cli_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	return parse_number(s, "0123456789", 10, max, out);
}

bool cli_parse_byte(const char *s, uint8_t *out)
{
	unsigned long n;
	bool ok;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		ok = parse_number(s + 2, "0123456789abcdefABCDEF", 16,
				  UINT8_MAX, &n);
	else
		ok = cli_parse_uint(s, UINT8_MAX, &n);
	if (ok)
		*out = n;
	return ok;
}
