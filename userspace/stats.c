// SPDX-License-Identifier: GPL-2.0
/* hellonl stats: the counters of this network namespace. */
#include <getopt.h>
#include <stdio.h>

#include <libmnl/libmnl.h>

#include "cli.h"
#include "json.h"

static const char usage[] =
	"usage: hellonl stats\n"
	"Print the counters of this network namespace:\n"
	"  gets     GET requests answered\n"
	"  sets     messages stored\n"
	"  echoes   ECHO requests answered\n"
	"  events   events sent to listeners; none counts while nobody listens\n"
	"  refused  requests that hellonl refused (see hellonl(8))\n";

static int on_stats(const struct nlmsghdr *nlh, void *data)
{
	return msg_parse_stats(nlh, data) ? MNL_CB_ERROR : MNL_CB_OK;
}

static void print_stats(const struct stats *s, bool json)
{
	const struct {
		const char *name;
		uint64_t value;
	} counters[] = {
		{ "gets", s->gets },
		{ "sets", s->sets },
		{ "echoes", s->echoes },
		{ "events", s->events },
		{ "refused", s->refused },
	};
	size_t i;

	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_object_begin(&j);
		for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
			json_kv_u64(&j, counters[i].name, counters[i].value);
		json_object_end(&j);
	} else {
		int width = 1;
		char num[32];

		for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
			int w = snprintf(num, sizeof(num), "%llu",
					 (unsigned long long)counters[i].value);
			width = w > width ? w : width;
		}
		for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
			printf("%-8s %*llu\n", counters[i].name, width,
			       (unsigned long long)counters[i].value);
	}
}

int cmd_stats(int argc, char **argv, const struct options *opt)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	const struct nlmsghdr *req;
	struct stats s;
	struct nl nl;
	int c, ret;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c != 'h')
			return cli_usage_error("stats", NULL);
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (optind != argc)
		return cli_usage_error("stats", "stats takes no arguments");
	ret = cli_connect(&nl);
	if (ret)
		return ret;
	req = msg_stats(nl.req, &nl.family, nl_next_seq(&nl));
	ret = nl_request(&nl, req, on_stats, &s, true);
	if (ret)
		ret = cli_request_failed(&nl, ret, "stats", req);
	nl_close(&nl);
	if (ret)
		return ret;

	print_stats(&s, opt->json);
	return EXIT_OK;
}
