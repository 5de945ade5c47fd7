// SPDX-License-Identifier: GPL-2.0
/* Timing and figures: see measure.h. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"

unsigned long iterations = 2000;

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

double time_op(void (*op)(void *arg), void *arg, unsigned long n)
{
	unsigned long i;
	uint64_t start;

	/*
	 * On one CPU whatever else runs is in the count: let the kernel's
	 * deferred work (RCU, freeing namespaces, workers) run out first.
	 * Idle, the counted clock jumps ahead, so this costs little.
	 */
	sleep(1);
	for (i = 0; i < n / 10; i++)
		op(arg);
	start = now_ns();
	for (i = 0; i < n; i++)
		op(arg);
	return (double)(now_ns() - start) / (double)n;
}

double figure(const char *name, const char *param, double value, const char *unit)
{
	printf("figure\t%s\t%s\t%.1f\t%s\n", name, param, value, unit);
	fflush(stdout);
	return value;
}
