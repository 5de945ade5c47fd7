/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tutorial's raw netlink protocol, which hellonl serves beside its
 * family: what the fuzzer (legacy.c) and the fault injector
 * (fault_legacy.c) have of it. The tools take it in through their tables
 * alone: protos[] in gen.c, services[] and fault_ops[] in fault_ops.c.
 */
#ifndef FUZZ_LEGACY_H
#define FUZZ_LEGACY_H

struct fctx;
struct fault_service;
struct proto;

/* legacy.c: its requests, their model and check */
extern const struct proto legacy_proto;

/* fault_legacy.c: its GET and SET, and the checks of its sockets */
extern const struct fault_service legacy_service;
int prep_legacy(struct fctx *c);
int run_legacy_get(struct fctx *c);
int run_legacy_set(struct fctx *c);

#endif /* FUZZ_LEGACY_H */
