/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel log, read from /dev/kmsg: what it gained at warning level or
 * worse since the last look, but for what fault injection makes the kernel
 * say on purpose (an allocation's failure report).
 */
#ifndef FUZZ_KMSG_H
#define FUZZ_KMSG_H

#include <stdbool.h>

struct kmsg {
	int fd;
	unsigned long alloc_reports;	/* allocation failure reports seen */
	unsigned long no_legacy;	/* hellonl's "no legacy protocol" warnings */
	double block_until;		/* an allocation report's lines go on till */
};

/* Open the log, past what it holds now: 0 or -errno. */
int kmsg_open(struct kmsg *k);
/*
 * Print each new line at warning level or worse that is not allowed, after
 * @context: how many there were. *@no_legacy, when given, is set when
 * hellonl said a namespace has no legacy protocol (allowed where faults
 * are injected into namespaces' creation).
 */
int kmsg_check(struct kmsg *k, const char *context, bool *no_legacy);

#endif /* FUZZ_KMSG_H */
