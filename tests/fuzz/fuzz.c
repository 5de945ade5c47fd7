// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl-fuzz: requests made from the family's policy, sent by root, an
 * unprivileged user and the root of a user namespace, each in a network
 * namespace of its own whose state it models, while namespaces come and
 * go, listeners join and leave, dumps are held and the module reloads.
 * Every answer is held against the model; a violation prints the seed and
 * the request, and fails the run.
 *
 *   hellonl-fuzz [--seed N] [--requests N | --seconds S] [--workers LIST]
 *       [--no-chaos] [--no-reload] [--reload-every S] [--max-reports N] [-v]
 *
 * and --NAME-percent P for each protocol but the family's (protos[], gen.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"
#include "kmod.h"

static void usage(void)
{
	static const char head[] = "usage: hellonl-fuzz ";
	int indent = (int)strlen(head);

	fprintf(stderr, "%s[--seed N] [--requests N | --seconds S]\n"
		"%*s[--workers root,user,userns] [--no-chaos] [--no-reload]\n"
		"%*s[--reload-every S]\n%*s",
		head, indent, "", indent, "", indent, "");
	for (unsigned int i = PROTO_GENL + 1; protos[i]; i++)
		fprintf(stderr, "[--%s-percent P] ", protos[i]->name);
	fprintf(stderr, "[--max-reports N]\n");
	exit(2);
}

static void parse_workers(struct fuzz_opts *o, char *list)
{
	memset(o->worker_on, 0, sizeof(o->worker_on));
	for (char *p = strtok(list, ","); p; p = strtok(NULL, ",")) {
		int i;

		for (i = 0; i < N_WORKERS; i++)
			if (!strcmp(p, worker_names[i]))
				break;
		if (i == N_WORKERS)
			usage();
		o->worker_on[i] = true;
	}
}

/* getopt_long()'s value for --NAME-percent of protos[i]: PERCENT_OPT + i. */
#define PERCENT_OPT	0x100

static void parse(struct fuzz_opts *o, int argc, char **argv)
{
	static const struct option fixed[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "requests", required_argument, NULL, 'n' },
		{ "seconds", required_argument, NULL, 't' },
		{ "workers", required_argument, NULL, 'w' },
		{ "no-chaos", no_argument, NULL, 'C' },
		{ "no-reload", no_argument, NULL, 'R' },
		{ "reload-every", required_argument, NULL, 'e' },
		{ "max-reports", required_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
	};
	/* Those, each protocol's --NAME-percent, and the end. */
	struct option longs[sizeof(fixed) / sizeof(fixed[0]) + MAX_PROTOS + 1] = { 0 };
	char percent_names[MAX_PROTOS][32];
	size_t n = sizeof(fixed) / sizeof(fixed[0]);
	bool seeded = false;
	int c;

	memcpy(longs, fixed, sizeof(fixed));
	for (unsigned int i = PROTO_GENL + 1; protos[i]; i++) {
		snprintf(percent_names[i], sizeof(percent_names[i]), "%s-percent",
			 protos[i]->name);
		longs[n++] = (struct option){
			percent_names[i], required_argument, NULL, PERCENT_OPT + (int)i,
		};
		o->percent[i] = protos[i]->percent;
	}
	o->requests = 10000;
	o->chaos = o->reload = true;
	o->reload_every_ms = 900;
	o->max_reports = 10;
	for (int i = 0; i < N_WORKERS; i++)
		o->worker_on[i] = true;
	while ((c = getopt_long(argc, argv, "v", longs, NULL)) != -1) {
		if (c >= PERCENT_OPT) {
			o->percent[c - PERCENT_OPT] = (unsigned int)atoi(optarg);
			continue;
		}
		switch (c) {
		case 's': o->seed = strtoull(optarg, NULL, 0); seeded = true; break;
		case 'n': o->requests = strtoull(optarg, NULL, 0); break;
		case 't': o->seconds = strtod(optarg, NULL); break;
		case 'w': parse_workers(o, optarg); break;
		case 'C': o->chaos = false; break;
		case 'R': o->reload = false; break;
		case 'e': o->reload_every_ms = (unsigned int)(strtod(optarg, NULL) * 1000); break;
		case 'm': o->max_reports = (unsigned int)atoi(optarg); break;
		case 'v': o->verbose = true; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	if (o->seconds && o->requests == 10000)
		o->requests = UINT64_MAX;
	if (!seeded && getrandom(&o->seed, sizeof(o->seed), 0) != sizeof(o->seed))
		o->seed = (uint64_t)getpid() * 2654435761u;
}

static pid_t spawn(int (*fn)(struct shared *, enum worker_kind, uint64_t,
			     const struct fuzz_opts *),
		   struct shared *sh, enum worker_kind kind, uint64_t quota,
		   const struct fuzz_opts *o)
{
	pid_t pid = fork();

	if (pid < 0) {
		perror("hellonl-fuzz: fork");
		exit(2);
	}
	if (!pid) {
		fflush(stdout);
		_exit(fn(sh, kind, quota, o));
	}
	return pid;
}

static int chaos_entry(struct shared *sh, enum worker_kind kind, uint64_t quota,
		       const struct fuzz_opts *o)
{
	(void)kind;
	(void)quota;
	return chaos_main(sh, o);
}

static void summary(const struct shared *sh, const struct fuzz_opts *o,
		    double secs, int failed)
{
	struct worker_result t = { 0 };

	for (int i = 0; i < N_WORKERS; i++) {
		const struct worker_result *r = &sh->res[i];

		if (!o->worker_on[i])
			continue;
		printf("hellonl-fuzz: worker %s: %llu requests (", worker_names[i],
		       (unsigned long long)r->requests);
		for (unsigned int p = PROTO_GENL + 1; protos[p]; p++)
			printf("%llu %s, ", (unsigned long long)r->by_proto[p], protos[p]->name);
		printf("%llu to the initial namespace) in %llu datagrams, %llu checks, %llu violations, %llu overlapped a reload, %llu resyncs\n",
		       (unsigned long long)r->init_netns,
		       (unsigned long long)r->datagrams, (unsigned long long)r->checks,
		       (unsigned long long)r->violations, (unsigned long long)r->overlapped,
		       (unsigned long long)r->resyncs);
		t.requests += r->requests;
		t.checks += r->checks;
		t.violations += r->violations;
		for (int p = 0; p < MAX_PROTOS; p++)
			t.by_proto[p] += r->by_proto[p];
		for (int k = 0; k < N_KINDS; k++)
			t.kinds[k] += r->kinds[k];
	}
	printf("hellonl-fuzz: kinds:");
	for (unsigned int p = 0; protos[p]; p++)
		for (unsigned int k = 0; k < protos[p]->n_kinds; k++)
			printf(" %s=%llu", protos[p]->kind_names[k],
			       (unsigned long long)t.kinds[protos[p]->first_kind + k]);
	printf("\nhellonl-fuzz: chaos: %llu reloads, %llu refused in use, %llu namespaces, %llu listens, %llu dumps held, %llu heartbeat bursts, %llu errors\n",
	       (unsigned long long)sh->reloads, (unsigned long long)sh->reload_busy,
	       (unsigned long long)sh->netns_made, (unsigned long long)sh->listens,
	       (unsigned long long)sh->dumps_held, (unsigned long long)sh->heartbeats,
	       (unsigned long long)sh->chaos_errors);
	printf("hellonl-fuzz: seed %llu: %llu requests", (unsigned long long)o->seed,
	       (unsigned long long)t.requests);
	for (unsigned int p = PROTO_GENL + 1; protos[p]; p++)
		printf(" (%llu %s)", (unsigned long long)t.by_proto[p], protos[p]->name);
	printf(", %llu model checks, %llu violations, %llu reloads, %s in %.1f s, %.0f requests/s\n",
	       (unsigned long long)t.checks,
	       (unsigned long long)t.violations, (unsigned long long)sh->reloads,
	       failed ? "FAILED" : "passed", secs, secs > 0 ? t.requests / secs : 0.0);
}

int main(int argc, char **argv)
{
	struct fuzz_opts o = { 0 };
	pid_t pids[N_WORKERS] = { 0 }, chaos = 0;
	struct shared *sh;
	uint64_t total = 0, share, n = 0, count = 0;
	int failed = 0, status;
	double start;

	parse(&o, argc, argv);
	printf("hellonl-fuzz: seed %llu\n", (unsigned long long)o.seed);
	fflush(stdout);
	if (geteuid()) {
		fprintf(stderr, "hellonl-fuzz: must run as root\n");
		return 2;
	}
	if (!kmod_present() && kmod_modprobe(NULL)) {
		fprintf(stderr, "hellonl-fuzz: the hellonl module is not loaded and modprobe failed\n");
		return 2;
	}
	for (int i = 0; i < N_WORKERS; i++)
		count += o.worker_on[i];
	if (!count)
		usage();
	sh = shared_map();
	start = now_s();
	for (int i = 0; i < N_WORKERS; i++) {
		if (!o.worker_on[i])
			continue;
		share = o.requests == UINT64_MAX ? UINT64_MAX :
			o.requests / count + (n++ < o.requests % count);
		atomic_fetch_add(&sh->workers_left, 1);
		pids[i] = spawn(worker_main, sh, (enum worker_kind)i, share, &o);
	}
	for (int i = 0; i < N_WORKERS; i++)
		while (o.worker_on[i] && !atomic_load(&sh->worker_ready[i])) {
			if (waitpid(pids[i], &status, WNOHANG) == pids[i]) {
				fprintf(stderr, "hellonl-fuzz: worker %s did not start\n",
					worker_names[i]);
				return 2;
			}
			usleep(10000);
		}
	if (o.chaos)
		chaos = spawn(chaos_entry, sh, W_ROOT, 0, &o);
	else
		atomic_store(&sh->chaos_stopped, 1);
	while (atomic_load(&sh->workers_left))
		usleep(20000);
	atomic_store(&sh->stop_chaos, 1);
	if (chaos && (waitpid(chaos, &status, 0) != chaos || !WIFEXITED(status) ||
		      WEXITSTATUS(status))) {
		fprintf(stderr, "hellonl-fuzz: the chaos process failed\n");
		failed = 1;
		atomic_store(&sh->chaos_stopped, 1);
	}
	for (int i = 0; i < N_WORKERS; i++) {
		if (!o.worker_on[i])
			continue;
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) > 1) {
			fprintf(stderr, "hellonl-fuzz: worker %s died\n", worker_names[i]);
			failed = 1;
		}
		total += sh->res[i].requests;
		failed |= sh->res[i].violations != 0;
	}
	if (o.requests != UINT64_MAX && total < o.requests) {
		fprintf(stderr, "hellonl-fuzz: %llu requests of %llu\n",
			(unsigned long long)total, (unsigned long long)o.requests);
		failed = 1;
	}
	summary(sh, &o, now_s() - start, failed);
	return failed;
}
