/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tutorial's raw netlink protocol, which hellonl serves beside its
 * family: what the fuzzer (legacy.c) has of it. The fuzzer takes it in
 * through its table alone: protos[] in gen.c.
 */
#ifndef FUZZ_LEGACY_H
#define FUZZ_LEGACY_H

struct proto;

/* legacy.c: its requests, their model and check */
extern const struct proto legacy_proto;

#endif /* FUZZ_LEGACY_H */
