// SPDX-License-Identifier: GPL-2.0
/* hellonl ping: round trips through the kernel, each payload checked. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>

#include "cli.h"
#include "json.h"
#include "output.h"

static const char usage[] =
	"usage: hellonl ping [-c COUNT] [-s SIZE]\n"
	"Send ECHO requests to the kernel and time their round trips; every\n"
	"echoed payload is compared with what was sent, byte for byte.\n"
	"  -c, --count COUNT  how many requests (default 5)\n"
	"  -s, --size SIZE    payload bytes, 0 to " STRINGIFY(HELLONL_ECHO_MAX)
	" (default 56)\n";

/*
 * Attribute lengths are 16 bits: no payload above this can be sent. Sizes
 * between HELLONL_ECHO_MAX and this are sent, for the kernel to refuse.
 */
#define PING_SIZE_LIMIT 65000

struct echo {
	const unsigned char *sent;
	size_t size;
	bool intact;
	size_t bad_offset;
};

static int on_echo(const struct nlmsghdr *nlh, void *data)
{
	struct echo *e = data;
	const unsigned char *got;
	size_t len, i;

	if (msg_parse_payload(nlh, (const void **)&got, &len)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	for (i = 0; i < len && i < e->size && got[i] == e->sent[i]; i++)
		;
	e->intact = i == len && len == e->size;
	e->bad_offset = i;
	return MNL_CB_OK;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct rtt {
	unsigned long sent, intact;
	double min, max, sum;
};

static void print_summary(const struct rtt *r, size_t size, bool json)
{
	double avg = r->intact ? r->sum / r->intact : 0;

	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_u64(&j, "size", size);
		json_kv_u64(&j, "sent", r->sent);
		json_kv_u64(&j, "intact", r->intact);
		json_key(&j, "rtt_ms");
		json_object_begin(&j);
		json_key(&j, "min");
		json_double(&j, r->min);
		json_key(&j, "avg");
		json_double(&j, avg);
		json_key(&j, "max");
		json_double(&j, r->max);
		json_object_end(&j);
		json_object_end(&j);
		return;
	}
	printf("--- hellonl ping: %lu sent, %lu echoed intact ---\n", r->sent,
	       r->intact);
	if (r->intact)
		printf("rtt min/avg/max = %.3f/%.3f/%.3f ms\n", r->min, avg,
		       r->max);
}

static int ping(struct nl *nl, unsigned long count, size_t size, bool json)
{
	unsigned char *payload = malloc(size ? size : 1);
	struct rtt r = { .min = 1e300 };
	unsigned long n;
	size_t i;
	int ret = EXIT_OK;

	if (!payload)
		return cli_failed("ping");
	/* A line that cannot be written ends it: nobody reads the rest. */
	for (n = 1; n <= count && !ret && !output_failed(); n++) {
		struct echo e = { .sent = payload, .size = size };
		const struct nlmsghdr *req;
		double start, rtt;

		/* A different pattern each time, so a stale echo shows. */
		for (i = 0; i < size; i++)
			payload[i] = (unsigned char)(n * 31 + i);
		req = msg_echo(nl->req, NL_REQUEST_SIZE, &nl->family,
			       nl_next_seq(nl), payload, size);
		if (!req) {
			errno = EMSGSIZE;
			ret = cli_failed("ping");
			break;
		}
		start = now_ms();
		ret = nl_request(nl, req, on_echo, &e, true);
		rtt = now_ms() - start;
		r.sent++;
		if (ret) {
			ret = cli_request_failed(nl, ret, "ping", req);
		} else if (!e.intact) {
			fprintf(stderr,
				"hellonl: ping: echo %lu differs from what was sent, from byte %zu\n",
				n, e.bad_offset);
			ret = EXIT_FAILED;
		} else {
			r.intact++;
			r.sum += rtt;
			r.min = rtt < r.min ? rtt : r.min;
			r.max = rtt > r.max ? rtt : r.max;
			if (!json)
				printf("%zu bytes echoed: seq=%lu time=%.3f ms\n",
				       size, n, rtt);
		}
	}
	if (!r.intact)
		r.min = 0;
	print_summary(&r, size, json);
	free(payload);
	return ret;
}

int cmd_ping(int argc, char **argv, const struct options *opt)
{
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "size", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	unsigned long count = 5, size = 56;
	struct nl nl;
	int c, ret;

	while ((c = getopt_long(argc, argv, "c:s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (!cli_parse_uint(optarg, 1000000, &count) || !count)
				return cli_usage_error("ping",
						       "--count takes a number from 1 to 1000000, not '%s'",
						       optarg);
			break;
		case 's':
			if (!cli_parse_uint(optarg, PING_SIZE_LIMIT, &size))
				return cli_usage_error("ping",
						       "--size takes a number of bytes up to %d, not '%s'",
						       PING_SIZE_LIMIT, optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("ping", NULL);
		}
	}
	if (optind != argc)
		return cli_usage_error("ping", "ping takes no arguments");
	ret = cli_connect(&nl);
	if (ret)
		return ret;
	if (!opt->json)
		printf("PING hellonl: %lu bytes of payload\n", size);
	ret = ping(&nl, count, size, opt->json);
	nl_close(&nl);
	return ret;
}
