// SPDX-License-Identifier: GPL-2.0
/* hellonl set: change the message, the heartbeat, or both. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "config.h"

static const char usage[] =
	"usage: hellonl set [--heartbeat MS] [--persist] [MESSAGE]\n"
	"Change the message of this network namespace, its heartbeat, or both.\n"
	"Needs CAP_NET_ADMIN over the namespace.\n"
	"  MESSAGE             1 to " STRINGIFY(HELLONL_MESSAGE_MAX) " bytes of UTF-8, as one argument\n"
	"  -b, --heartbeat MS  send a heartbeat event every MS ms: " STRINGIFY(HELLONL_HEARTBEAT_MIN_MS) " to " STRINGIFY(HELLONL_HEARTBEAT_MAX_MS) ",\n"
	"                      or at least " STRINGIFY(HELLONL_HEARTBEAT_USERNS_MIN_MS) " in a network namespace that a\n"
	"                      user namespace other than the initial one owns\n"
	"                      (unshare -Urn); 0 stops it\n"
	"  -p, --persist       also write the change to " CONFIG_PATH ",\n"
	"                      which is applied whenever the module loads\n";

int cmd_set(int argc, char **argv, const struct options *opt MAYBE_UNUSED)
{
	static const struct option longopts[] = {
		{ "heartbeat", required_argument, NULL, 'b' },
		{ "persist", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	const struct nlmsghdr *req;
	const char *message = NULL;
	uint32_t heartbeat, *heartbeat_ms = NULL;
	bool persist = false;
	unsigned long n;
	struct nl nl;
	int c, ret;

	while ((c = getopt_long(argc, argv, "b:ph", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (!cli_parse_uint(optarg, UINT32_MAX, &n))
				return cli_usage_error("set",
						       "--heartbeat takes a number of milliseconds, not '%s'",
						       optarg);
			heartbeat = n;
			heartbeat_ms = &heartbeat;
			break;
		case 'p':
			persist = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("set", NULL);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("set",
				       "give the message as one argument: quote it");
	if (optind < argc)
		message = argv[optind];
	if (!message && !heartbeat_ms)
		return cli_usage_error("set",
				       "give a message, --heartbeat MS, or both");

	/* BEGIN hellonl-only: the tutorial's protocol */
	if (opt->legacy) {
		if (heartbeat_ms || persist || !message)
			return cli_usage_error("set",
					       "the legacy protocol sets the message only");
		return legacy_set(opt, message);
	}
	/* END hellonl-only */

	ret = cli_connect(&nl);
	if (ret)
		return ret;
	req = msg_set(nl.req, NL_REQUEST_SIZE, &nl.family, nl_next_seq(&nl),
		      message, heartbeat_ms);
	if (!req) {
		nl_close(&nl);
		return cli_usage_error("set",
				       "the message is far longer than the %d-byte limit",
				       HELLONL_MESSAGE_MAX);
	}
	ret = nl_request(&nl, req, NULL, NULL, false);
	if (ret)
		ret = cli_request_failed(&nl, ret, "set", req);
	nl_close(&nl);

	/* Only what the kernel accepted is written down. */
	if (!ret && persist) {
		char err[512];

		if (config_save(CONFIG_PATH, message, heartbeat_ms, err,
				sizeof(err))) {
			fprintf(stderr, "hellonl: set: cannot persist: %s\n", err);
			ret = EXIT_FAILED;
		}
	}
	return ret;
}
