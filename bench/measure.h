/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timing and figures. In the benchmark's guest (qemu -icount shift=0) the
 * clock advances one nanosecond per instruction, so a "ns" here is an
 * instruction executed, and a figure repeats exactly from run to run.
 */
#ifndef HELLONL_BENCH_MEASURE_H
#define HELLONL_BENCH_MEASURE_H

#include <stdint.h>

/* CLOCK_MONOTONIC, in ns. */
uint64_t now_ns(void);

/*
 * The mean cost of one call of @op(@arg), over @n calls after @n / 10
 * calls to warm the caches up, in ns; after a second's pause, for the
 * kernel's deferred work to end.
 */
double time_op(void (*op)(void *arg), void *arg, unsigned long n);

/*
 * Print a figure, as a line "figure<TAB>CASE<TAB>PARAM<TAB>VALUE<TAB>UNIT"
 * that bench/report reads, and return @value.
 */
double figure(const char *name, const char *param, double value, const char *unit);

/* How many times to run a small operation: --iterations. */
extern unsigned long iterations;

#endif
