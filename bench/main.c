// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl-bench: what hellonl's requests and events cost, beside the
 * netlink floor, the kernel's own family, the tutorial's raw protocol and
 * an ioctl. Run by bench/run in a guest, as root, with hellonl and the
 * ioctl peer loaded; each figure is a line "figure CASE PARAM VALUE UNIT"
 * on stdout, which bench/report turns into results.md.
 *
 *   hellonl-bench [--iterations N] [--cases LIST]
 *	the cases of the instruction-counted guest; LIST of requests,
 *	events, state, clients (default: all)
 *   hellonl-bench --concurrency SECONDS
 *	GET throughput with one and two clients, in a guest of two CPUs
 *
 * Exit status: 0 when every case ran, 2 when one could not (its reason on
 * stderr). The figures are reported, not judged: that is bench/report's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/uapi/hellonl.h"
#include "bench.h"
#include "measure.h"

uint16_t hellonl_family;
unsigned int hellonl_events;

static const char usage[] =
	"usage: hellonl-bench [--iterations N] [--cases requests,events,state,clients]\n"
	"       hellonl-bench --concurrency SECONDS\n";

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "iterations", required_argument, NULL, 'n' },
		{ "cases", required_argument, NULL, 'c' },
		{ "concurrency", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *cases = "requests,events,state,clients";
	double concurrency = 0;
	int opt;

	while ((opt = getopt_long(argc, argv, "n:c:C:h", options, NULL)) != -1) {
		switch (opt) {
		case 'n':
			iterations = strtoul(optarg, NULL, 10);
			break;
		case 'c':
			cases = optarg;
			break;
		case 'C':
			concurrency = strtod(optarg, NULL);
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind != argc || !iterations || concurrency < 0) {
		fputs(usage, stderr);
		return 2;
	}

	hellonl_family = bench_family(HELLONL_FAMILY_NAME, HELLONL_MCGRP_EVENTS,
				      &hellonl_events);
	if (concurrency) {
		bench_concurrency(concurrency);
		return 0;
	}
	if (strstr(cases, "requests"))
		bench_requests();
	if (strstr(cases, "events"))
		bench_events();
	if (strstr(cases, "clients"))
		bench_clients();
	/* Last: it reloads the module and leaves thousands of namespaces to die. */
	if (strstr(cases, "state"))
		bench_state();
	if (fflush(stdout) == EOF) {
		perror("hellonl-bench: stdout");
		return 2;
	}
	return 0;
}
