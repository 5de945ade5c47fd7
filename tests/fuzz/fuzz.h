/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzzer's parts: its options, the workers that send requests and
 * model their namespace (worker.c), and the chaos around them (chaos.c).
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stdbool.h>
#include <stdint.h>

#include "shared.h"

struct fuzz_opts {
	uint64_t seed;
	uint64_t requests;	/* in all, across the workers */
	double seconds;		/* 0: no time bound */
	bool worker_on[N_WORKERS];
	bool chaos, reload;
	unsigned int reload_every_ms;	/* the mean time between reloads */
	unsigned int percent[MAX_PROTOS];	/* by protos[]: --NAME-percent */
	unsigned int max_reports;
	bool verbose;
};

/* Run worker @kind until its share of requests is sent: its exit status. */
int worker_main(struct shared *sh, enum worker_kind kind, uint64_t quota,
		const struct fuzz_opts *o);
/* Run the chaos until sh->stop_chaos: its exit status. */
int chaos_main(struct shared *sh, const struct fuzz_opts *o);

/* Seconds since an arbitrary start, monotonic. */
double now_s(void);

#endif /* FUZZ_FUZZ_H */
