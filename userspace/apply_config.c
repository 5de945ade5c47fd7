// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl apply-config: set what /etc/hellonl.conf says. The packaged udev
 * rule runs it each time the module loads, so that the message and the
 * heartbeat survive module reloads and reboots.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "config.h"

static const char usage[] =
	"usage: hellonl apply-config [--file PATH]\n"
	"Set the greeting and the heartbeat that " CONFIG_PATH " gives, in this\n"
	"network namespace. Keys the file leaves out are left as they are.\n"
	"  -f, --file PATH  read PATH instead\n";

int cmd_apply_config(int argc, char **argv,
		     const struct options *opt MAYBE_UNUSED)
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	const char *path = CONFIG_PATH;
	const struct nlmsghdr *req;
	struct config conf;
	char err[512];
	struct nl nl;
	int c, ret;

	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			path = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("apply-config", NULL);
		}
	}
	if (optind != argc)
		return cli_usage_error("apply-config",
				       "apply-config takes no arguments");
	if (config_load(path, &conf, err, sizeof(err))) {
		fprintf(stderr, "hellonl: apply-config: %s\n", err);
		return EXIT_FAILED;
	}
	if (!conf.greeting && !conf.has_heartbeat)
		return EXIT_OK;

	ret = cli_connect(&nl);
	if (ret)
		goto out;
	req = msg_set(nl.req, NL_REQUEST_SIZE, &nl.family, nl_next_seq(&nl),
		      conf.greeting,
		      conf.has_heartbeat ? &conf.heartbeat_ms : NULL);
	if (!req) {
		fprintf(stderr,
			"hellonl: apply-config: %s: the greeting is far longer than the %d-byte limit\n",
			path, HELLONL_MESSAGE_MAX);
		ret = EXIT_FAILED;
	} else {
		ret = nl_request(&nl, req, NULL, NULL, false);
		if (ret)
			ret = cli_request_failed(&nl, ret, "apply-config", req);
	}
	nl_close(&nl);
out:
	config_free(&conf);
	return ret;
}
