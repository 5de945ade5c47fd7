/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fault injector's operations (fault_ops.c), each run again and again
 * by faults.c with the Nth allocation of the run made to fail.
 */
#ifndef FUZZ_FAULTS_H
#define FUZZ_FAULTS_H

#include <stdbool.h>

#include "family.h"
#include "kmsg.h"
#include "model.h"

/* What one run of an operation shares with faults.c. */
struct fctx {
	int fail_nth_fd;	/* /proc/thread-self/fail-nth, this thread's */
	unsigned int nth;	/* the allocation to fail; 0: none */
	bool injected;		/* a fault was injected in the run */
	const char *ko;		/* the module's file */
	int init_ns;
	struct kmsg *kmsg;
	bool no_legacy;		/* hellonl said a namespace has no legacy socket */
	char why[512];		/* what was wrong, when the run was */
	const char *outcome;	/* how the operation ended: "ok", "ENOMEM", ... */
	void *priv;		/* the operation's own */
};

struct fop {
	const char *name;
	/* Set up, without faults: 0 or -errno. */
	int (*prepare)(struct fctx *c);
	/* The operation, with fault_arm() and fault_disarm() around its core. */
	int (*run)(struct fctx *c);
	void (*cleanup)(struct fctx *c);
	bool module;		/* unloads and loads the module */
	/*
	 * Most of the operation's allocations are the kernel's own, made
	 * before or around hellonl's code (the other subsystems' parts of a
	 * new namespace, load_module()'s of a module): count only those with
	 * the module's code on the stack, unless --whole-kernel.
	 */
	bool module_stacks;
};

extern const struct fop fault_ops[];
extern const unsigned int n_fault_ops;

/* Make the Nth allocation from now in this thread fail. */
void fault_arm(struct fctx *c);
/* Stop counting; note whether the fault was injected. */
void fault_disarm(struct fctx *c);

/* Restore what the module-loading operations changed. */
void fault_ops_restore(void);

#endif /* FUZZ_FAULTS_H */
