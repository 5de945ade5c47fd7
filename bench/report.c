// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl-bench-report: results.md from hellonl-bench's figures.
 *
 *   hellonl-bench-report COUNTED CONCURRENT...
 *
 * COUNTED is the output of the instruction-counted run, each CONCURRENT
 * that of one run of the concurrency case (three, in bench/run). The
 * report gives every figure, its ratios to the figures it is judged
 * against, measured in the same run, and each goal of the benchmark
 * beside its figure, with a verdict. It judges; it does not fail: its
 * exit status is 0 whatever the verdicts, 2 when a figure is missing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIGURES 256
#define MAX_RUNS 8

struct figure {
	char name[64];
	char param[96];
	char unit[16];
	double value;
};

static struct figure counted[MAX_FIGURES];
static int ncounted;
static struct figure concurrent[MAX_RUNS][MAX_FIGURES];
static int nconcurrent[MAX_RUNS];
static int runs;
static char kernel[128] = "unknown";

static int read_figures(const char *path, struct figure *into)
{
	char line[512], name[64], param[96], unit[16];
	double value;
	int n = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "info\tkernel\t%127[^\n]", kernel) == 1)
			continue;
		if (sscanf(line, "figure\t%63[^\t]\t%95[^\t]\t%lf\t%15s", name, param, &value, unit) != 4 &&
		    (param[0] = '\0',
		     sscanf(line, "figure\t%63[^\t]\t\t%lf\t%15s", name, &value, unit) != 3))
			continue;
		if (n == MAX_FIGURES)
			break;
		snprintf(into[n].name, sizeof(into[n].name), "%s", name);
		snprintf(into[n].param, sizeof(into[n].param), "%s", param);
		snprintf(into[n].unit, sizeof(into[n].unit), "%s", unit);
		into[n++].value = value;
	}
	fclose(f);
	return n;
}

/* The figure NAME with PARAM among @n of @in; exits when there is none. */
static double find(const struct figure *in, int n, const char *name, const char *param)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(in[i].name, name) && !strcmp(in[i].param, param))
			return in[i].value;
	fprintf(stderr, "hellonl-bench-report: no figure %s (%s)\n", name, param);
	exit(2);
}

static double c(const char *name, const char *param)
{
	return find(counted, ncounted, name, param);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of the concurrency runs' figure, and their spread around it. */
static double median(const char *name, const char *param, double *spread)
{
	double v[MAX_RUNS];
	int i;

	for (i = 0; i < runs; i++)
		v[i] = find(concurrent[i], nconcurrent[i], name, param);
	qsort(v, runs, sizeof(v[0]), by_value);
	*spread = (v[runs - 1] - v[0]) / v[runs / 2] * 100;
	return v[runs / 2];
}

/* A ratio, with the digits a small one needs. */
static const char *ratio(double r)
{
	static char text[32];

	snprintf(text, sizeof(text), r < 0.1 ? "%.4f×" : "%.2f×", r);
	return text;
}

static void row(const char *what, double ns, double base, const char *of)
{
	printf("| %s | %.0f | %s %s |\n", what, ns, ratio(ns / base), of);
}

static void goal(const char *what, const char *target, const char *figure, int met)
{
	printf("| %s | %s | %s | %s |\n", what, target, figure, met ? "met" : "**not met**");
}

int main(int argc, char **argv)
{
	static const char *const echo_sizes[] = { "0", "64", "256", "1024", "2048", "3072" };
	static const char *const listeners[] = { "1 listener", "8 listeners", "64 listeners" };
	static const char *const nets[] = { "1 namespace", "100 namespaces", "1000 namespaces" };
	double get, floor_, legacy, batch64, lo, hi, x, sx = 0, sy = 0, sxx = 0, sxy = 0, slope;
	double idle, used, one, two, spread1, spread2, spread, hellonl, ynl;
	char text[160];
	int i;

	if (argc < 3) {
		fputs("usage: hellonl-bench-report COUNTED CONCURRENT...\n", stderr);
		return 2;
	}
	ncounted = read_figures(argv[1], counted);
	for (i = 2; i < argc && runs < MAX_RUNS; i++, runs++)
		nconcurrent[runs] = read_figures(argv[i], concurrent[runs]);

	get = c("get", "");
	floor_ = c("netlink-floor", "unknown command, NLM_F_ACK");
	legacy = c("legacy-get", "");

	printf("# hellonl's benchmark: results\n\n");
	printf("Written by `make bench` (bench/run): Linux %s, under QEMU's TCG with\n"
	       "`-icount shift=0` and one CPU, where the guest's clock advances one\n"
	       "nanosecond per instruction executed. So a \"ns\" below is an\n"
	       "instruction: a path length, which repeats exactly from run to run,\n"
	       "not a time on any real machine. Ratios are between figures of the\n"
	       "same run. Only the concurrency figures are times, from %d runs on\n"
	       "the plain clock with two CPUs.\n\n", kernel, runs);

	printf("## One request and its answer\n\n| request | ns | ratio |\n|---|---|---|\n");
	row("`getppid()`, the null system call", c("syscall", "getppid"), floor_, "the netlink floor");
	row("the netlink floor: an unknown command of hellonl's, `NLM_F_ACK`", floor_, floor_, "the netlink floor");
	row("nlctrl `GETFAMILY` by name", c("nlctrl-getfamily", "by name"), floor_, "the netlink floor");
	row("hellonl `GET`", get, floor_, "the netlink floor");
	row("legacy GET, the tutorial's raw protocol", legacy, floor_, "the netlink floor");
	row("the ioctl peer's GET", c("ioctl-get", ""), floor_, "the netlink floor");

	printf("\n## ECHO by payload\n\n| payload, bytes | ns | ratio |\n|---|---|---|\n");
	for (i = 0; i < 6; i++) {
		x = atof(echo_sizes[i]);
		lo = c("echo", echo_sizes[i]);
		sx += x, sy += lo, sxx += x * x, sxy += x * lo;
		snprintf(text, sizeof(text), "%s", echo_sizes[i]);
		row(text, lo, c("echo", "0"), "0 bytes");
	}
	row("4096, refused: over the cap", c("echo", "4096 refused"), c("echo", "0"), "0 bytes");
	row("8192, refused: over the cap", c("echo", "8192 refused"), c("echo", "0"), "0 bytes");
	slope = (6 * sxy - sx * sy) / (6 * sxx - sx * sx);
	printf("\nA byte of payload costs %.2f ns (the least-squares slope from 0 to 3072\n"
	       "bytes, the cap, where the reply still fits in a page). Past the cap the\n"
	       "request is refused, yet costs more than one at the cap: above about\n"
	       "3,776 bytes (`NLMSG_GOODSIZE`) the netlink core takes a request into a\n"
	       "vmalloc'd buffer, and copies it in whole before any policy can refuse it.\n",
	       slope);

	printf("\n## GETs batched in one datagram, per request\n\n| batch | ns | ratio |\n|---|---|---|\n");
	for (i = 0; i < 3; i++) {
		static const char *const ks[] = { "K=1", "K=8", "K=64" };

		snprintf(text, sizeof(text), "%s recv", ks[i]);
		row(text, c("batch-per-request", text), get, "a single GET");
		snprintf(text, sizeof(text), "%s recvmmsg", ks[i]);
		row(text, c("batch-per-request", text), get, "a single GET");
	}
	batch64 = c("batch-per-request", "K=64 recvmmsg");

	/*
	 * What a SET costs over one with nobody listening, per listener; and
	 * what each listener beyond the first adds. The first pays for the
	 * event's making too: with nobody listening anywhere, no event is made.
	 */
	printf("\n## Events: a SET by listeners\n\n"
	       "| listeners | SET, ns | over 0 listeners, per listener, ns | each listener more, ns |\n"
	       "|---|---|---|---|\n");
	printf("| 0 | %.0f | | |\n", c("set", "0 listeners"));
	lo = 1e300, hi = 0;
	for (i = 0; i < 3; i++) {
		x = c("event-delivered", listeners[i]);
		lo = fmin(lo, x), hi = fmax(hi, x);
		printf("| %s | %.0f | %.0f |", listeners[i], c("set", listeners[i]), x);
		if (i)
			printf(" %.0f |\n", (c("set", listeners[i]) - c("set", listeners[i - 1])) /
			       (atof(listeners[i]) - atof(listeners[i - 1])));
		else
			printf(" |\n");
	}
	double fan = hi / lo;
	double margin8 = (c("set", "8 listeners") - c("set", "1 listener")) / 7;
	double margin64 = (c("set", "64 listeners") - c("set", "8 listeners")) / 56;

	printf("\nThe first listener costs %.0f ns more than those after it: that is the\n"
	       "event's making, which a SET skips when nobody listens. Past the first,\n"
	       "a listener adds %.0f ns (1 to 8) and %.0f ns (8 to 64).\n",
	       c("event-delivered", "1 listener") - margin8, margin8, margin64);

	printf("\n## History dumps\n\n| history | dump, ns | per entry, ns |\n|---|---|---|\n");
	printf("| 16 entries | %.0f | %.0f |\n", c("history-dump", "16 entries"),
	       c("history-dump-per-entry", "16 entries"));
	printf("| 4096 entries | %.0f | %.0f |\n", c("history-dump", "4096 entries"),
	       c("history-dump-per-entry", "4096 entries"));

	double sent = c("burst-sent", ""), silent = c("burst-silently-lost", "");

	printf("\n## A burst against `hellonl monitor`\n\n%.0f SETs: the monitor received %.0f events, and reported %.0f lost; %.0f were lost without a word.\n",
	       sent, c("burst-received", ""), c("burst-reported-lost", ""), silent);

	printf("\n## Namespaces\n\n| GET with | ns | ratio |\n|---|---|---|\n");
	lo = 1e300, hi = 0;
	for (i = 0; i < 3; i++) {
		x = c("get-namespaces", nets[i]);
		lo = fmin(lo, x), hi = fmax(hi, x);
		row(nets[i], x, c("get-namespaces", nets[0]), "one namespace");
	}
	double nsflat = hi / lo;

	idle = c("namespace-idle", "slab, per-CPU and vmalloc") -
	       c("namespace-without-hellonl", "slab, per-CPU and vmalloc");
	used = c("namespace-used", "slab, per-CPU and vmalloc") -
	       c("namespace-without-hellonl", "slab, per-CPU and vmalloc");
	printf("\nKernel memory (slab, per-CPU and vmalloc, from `/proc/meminfo`) of a\n"
	       "namespace, over 1,000: %.0f bytes without hellonl loaded; with it, %.0f\n"
	       "more for one that never used hellonl and %.0f more for one that set a\n"
	       "message (`history_len` 16). With `legacy_proto=0`, which leaves out the\n"
	       "kernel socket of the tutorial's protocol, an idle namespace costs %.0f\n"
	       "bytes more than without hellonl.\n",
	       c("namespace-without-hellonl", "slab, per-CPU and vmalloc"), idle, used,
	       c("namespace-idle-without-legacy", "slab, per-CPU and vmalloc") -
	       c("namespace-without-hellonl", "slab, per-CPU and vmalloc"));
	double grow1 = c("slab-growth", "after 10^6 requests");
	double grow2 = c("slab-growth", "and 1,000 namespaces made, used and destroyed");

	printf("\nUnreclaimable slab after 10⁶ GETs: %+.0f bytes; after 1,000 namespaces\n"
	       "more, each made, used and destroyed: %+.0f bytes.\n", grow1, grow2);

	hellonl = c("client", "hellonl get");
	ynl = c("client", "ynl --do get");
	printf("\n## Clients, as whole processes\n\n| client | ns | ratio |\n|---|---|---|\n");
	row("the round trip alone", c("client", "the round trip alone"), ynl, "`ynl --do get`");
	row("`hellonl get`", hellonl, ynl, "`ynl --do get`");
	row("`ynl --do get`", ynl, ynl, "`ynl --do get`");

	one = median("get-throughput", "1 client", &spread1);
	two = median("get-throughput", "2 clients", &spread2);
	printf("\n## Concurrency: GETs a second, the median of %d runs (spread)\n\n"
	       "| clients | GETs/s | spread |\n|---|---|---|\n", runs);
	printf("| 1 | %.0f | %.0f%% |\n| 2 | %.0f | %.0f%% |\n", one, spread1, two, spread2);
	x = median("get-throughput", "1 client, 1 setter", &spread);
	printf("| 1, and a setter | %.0f | %.0f%% |\n", x, spread);
	x = median("get-throughput", "2 clients, 1 setter", &spread);
	printf("| 2, and a setter | %.0f | %.0f%% |\n", x, spread);

	printf("\n## Goals\n\n| goal | target | figure | verdict |\n|---|---|---|---|\n");
	snprintf(text, sizeof(text), "%.2f×", get / floor_);
	goal("GET against the netlink floor", "≤ 1.15×", text, get / floor_ <= 1.15);
	snprintf(text, sizeof(text), "%.2f×", get / legacy);
	goal("GET against a legacy raw GET", "≤ 1.10×", text, get / legacy <= 1.10);
	snprintf(text, sizeof(text), "%.2f×", batch64 / get);
	goal("batch K=64 with recvmmsg, per request", "≤ 0.5× a GET", text, batch64 / get <= 0.5);
	snprintf(text, sizeof(text), "max/min %.2f (each listener more: %.2f)", fan,
		 fmax(margin8, margin64) / fmin(margin8, margin64));
	goal("cost per delivered event, 1 to 64 listeners", "flat within 20%", text, fan <= 1.2);
	snprintf(text, sizeof(text), "%.0f of %.0f", silent, sent);
	goal("silent loss in a burst", "zero", text, silent == 0);
	snprintf(text, sizeof(text), "max/min %.3f", nsflat);
	goal("GET, 1 to 1,000 namespaces", "flat within 5%", text, nsflat <= 1.05);
	snprintf(text, sizeof(text), "%.0f bytes", idle);
	goal("an idle namespace", "≤ 4 KiB", text, idle <= 4096);
	snprintf(text, sizeof(text), "%+.0f and %+.0f bytes", grow1, grow2);
	/* Slab's per-CPU caches move by some pages either way: growth is more. */
	goal("slab after 10⁶ requests and 1,000 namespace cycles", "no growth (< 64 KiB)", text,
	     grow1 < 65536 && grow2 < 65536);
	snprintf(text, sizeof(text), "%.2f×", two / one);
	goal("GET throughput, 2 clients against 1", "≥ 1.8×", text, two / one >= 1.8);
	snprintf(text, sizeof(text), "%s", ratio(hellonl / ynl));
	goal("`hellonl get` as a process", "≤ 0.2× `ynl --do get`", text, hellonl / ynl <= 0.2);
	snprintf(text, sizeof(text), "%.2f×", get / c("ioctl-get", ""));
	printf("| netlink GET against the ioctl peer | no goal | %s | reported |\n", text);
	return 0;
}
