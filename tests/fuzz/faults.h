/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fault injector's operations (fault_ops.c), each run again and again
 * by faults.c with the Nth allocation of the run made to fail; and what
 * an operation in a file of its own may use of fault_ops.c.
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
	const char *arg;	/* its own argument, as c->priv: a load's parameters */
	bool module;		/* unloads and loads the module */
	/*
	 * Most of the operation's allocations are the kernel's own, made
	 * before or around hellonl's code (the other subsystems' parts of a
	 * new namespace, load_module()'s of a module): count only those with
	 * the module's code on the stack, unless --whole-kernel.
	 */
	bool module_stacks;
};

/*
 * What the module serves in a namespace beside the family, with checks of
 * its own wherever fault_ops.c makes a namespace or loads the module.
 */
struct fault_service {
	/* Close what its operations opened: such a socket may hold the module. */
	void (*close)(void);
	/*
	 * In a namespace just made, by the child that made it: 0, or -1 with
	 * c->why. It may set c->outcome, to say how a run that went well ended.
	 */
	int (*netns)(struct fctx *c);
	/* After a load with @params, which @loaded or failed: 0, or -1 with c->why. */
	int (*load)(struct fctx *c, bool loaded, const char *params);
};

extern const struct fop fault_ops[];
extern const unsigned int n_fault_ops;

/* Make the Nth allocation from now in this thread fail. */
void fault_arm(struct fctx *c);
/* Stop counting; note whether the fault was injected. */
void fault_disarm(struct fctx *c);

/* Restore what the module-loading operations changed. */
void fault_ops_restore(void);

/* For an operation in a file of its own, from fault_ops.c: */

/* What was wrong with the run, into c->why: -1. */
int wrong(struct fctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * A fresh namespace with the family found, and @messages long messages
 * set: 0, -errno, or -1 with c->why.
 */
int fresh_ns(struct fctx *c, int messages);
/* The namespace's state before the run. */
const struct model *state_before(void);
/*
 * Send @len bytes on @s, the fault armed around the sending, and take the
 * one answer: *@r is 1 for a message of @type, or the error; c->outcome
 * says which. 0, or -1 with c->why when the answers make no sense.
 */
int ask(struct fctx *c, struct nl_sock *s, const void *buf, size_t len,
	uint16_t type, int *r);
/*
 * Does the state now match what the outcome says: @to if the run
 * @changed it, as before if not, either one if @either? 0, or -1 with
 * c->why. The state now is the next run's state before.
 */
int judge(struct fctx *c, const struct model *to, bool changed, bool either);

#endif /* FUZZ_FAULTS_H */
