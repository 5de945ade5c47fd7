// SPDX-License-Identifier: GPL-2.0
/* hellonl get: print the message. */
#include <getopt.h>
#include <stdio.h>

#include <libmnl/libmnl.h>

#include "cli.h"
#include "json.h"
#include "text.h"

static const char usage[] =
	"usage: hellonl get [-v]\n"
	"Print the message of this network namespace.\n"
	"  -v, --verbose  also who set it, when, and the heartbeat\n";

static int on_entry(const struct nlmsghdr *nlh, void *data)
{
	return msg_parse_entry(nlh, data) ? MNL_CB_ERROR : MNL_CB_OK;
}

static void print_json(const struct entry *e)
{
	struct json j;

	json_init(&j, stdout);
	json_object_begin(&j);
	cli_json_entry(&j, e);
	json_kv_u64(&j, "heartbeat_ms", e->heartbeat_ms);
	json_object_end(&j);
}

static void print_verbose(const struct entry *e)
{
	char when[64];

	text_time(e->time_ns, when, sizeof(when));
	printf("message    ");
	text_print_escaped(stdout, e->message, "");
	printf("\nseq        %llu\n", (unsigned long long)e->seq);
	printf("set by     pid %u, uid %u\n", e->pid, e->uid);
	printf("set at     %s\n", when);
	if (e->heartbeat_ms)
		printf("heartbeat  every %u ms\n", e->heartbeat_ms);
	else
		printf("heartbeat  off\n");
}

int cmd_get(int argc, char **argv, const struct options *opt)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	const struct nlmsghdr *req;
	bool verbose = false;
	struct entry e;
	struct nl nl;
	int c, ret;

	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'v':
			verbose = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("get", NULL);
		}
	}
	if (optind != argc)
		return cli_usage_error("get", "get takes no arguments");
	/* BEGIN hellonl-only: the tutorial's protocol */
	if (opt->legacy)
		return legacy_get(opt, "");
	/* END hellonl-only */

	ret = cli_connect(&nl);
	if (ret)
		return ret;
	req = msg_get(nl.req, &nl.family, nl_next_seq(&nl));
	ret = nl_request(&nl, req, on_entry, &e, true);
	if (ret)
		ret = cli_request_failed(&nl, ret, "get", req);
	else if (opt->json)
		print_json(&e);
	else if (verbose)
		print_verbose(&e);
	else
		printf("%s\n", e.message);
	nl_close(&nl);
	return ret;
}
