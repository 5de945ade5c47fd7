/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fuzzer's processes share, in one anonymous shared mapping: the
 * module's generation, which the reloader makes odd while the module may be
 * away and even again once it is back (a request that overlapped a change
 * is not checked against the model), the listeners the chaos holds, and
 * each worker's results.
 */
#ifndef FUZZ_SHARED_H
#define FUZZ_SHARED_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#include "gen.h"

enum worker_kind { W_ROOT, W_USER, W_USERNS, N_WORKERS };

extern const char *const worker_names[N_WORKERS];

struct worker_result {
	uint64_t requests, datagrams, checks, violations;
	uint64_t overlapped, resyncs, init_netns, ms;
	uint64_t by_proto[MAX_PROTOS];	/* requests of each protocol (protos[]) */
	uint64_t kinds[N_KINDS];
};

/* Listeners of the events group in a namespace, seqlock-style. */
struct listeners {
	atomic_int maybe, sure;
	/* The generation the sure one joined in: a reload drops members. */
	atomic_uint_fast64_t joined_gen;
};

struct shared {
	atomic_uint_fast64_t gen;
	atomic_uint_fast64_t listen_epoch;
	/* One per worker's namespace, and one for all the others. */
	struct listeners listen[N_WORKERS + 1];
	atomic_int stop_chaos, chaos_stopped;
	atomic_int worker_ready[N_WORKERS];
	atomic_int worker_pid[N_WORKERS];
	atomic_int workers_left;
	struct worker_result res[N_WORKERS];
	/* The chaos's counts. */
	atomic_uint_fast64_t reloads, reload_busy, netns_made, listens,
		dumps_held, heartbeats, chaos_errors;
};

struct shared *shared_map(void);

#define NOBODY	65534

/* Become uid and gid 65534, with no capabilities: 0 or -errno. */
int drop_to_nobody(void);
/*
 * A user namespace and a network namespace of the caller's own, where it
 * is root (unshare -Urn): 0 or -errno.
 */
int userns_enter(void);

/* Wait while the module is changing; the generation it is at. */
uint64_t gen_stable(struct shared *sh);

#endif /* FUZZ_SHARED_H */
