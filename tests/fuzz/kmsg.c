// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel log's new lines at warning level or worse; see kmsg.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kmsg.h"

/* What is never fine, even inside an allocation failure's report. */
static const char serious[] =
	"BUG|WARNING:|KASAN|suspected memory leak|kmemleak: .*disabl|UBSAN|Oops|"
	"general protection|"
	"possible circular|possible recursive|inconsistent lock|suspicious RCU|"
	"refcount_t|list_add corruption|list_del corruption|double free|"
	"use-after-free|INFO: task|hung_task|stall";
/* Lines that are no failure of the kernel under test. */
static const char benign[] =
	"loading out-of-tree module taints kernel|module verification failed|"
	"hrtimer: interrupt took [0-9]+ ns|"
	"clocksource: Long readout interval, skipping watchdog check|"
	"FAULT_INJECTION: forcing a failure|"
	"callbacks suppressed|"
	/* BEGIN hellonl-only: the tutorial's protocol */
	/* hellonl serves a namespace still when a fault left it no legacy socket. */
	"hellonl: no legacy protocol in a network namespace|"
	/* END hellonl-only */
	KMSG_FAULTS_BEGIN "|" KMSG_FAULTS_END;
/*
 * The first line of a report of an allocation's failure, which some
 * callers print themselves: the fault injected, not a fault of hellonl's.
 * As a module loads: vmalloc and execmem, kobject and sysfs, gcov (which
 * then says it cannot remove what it never added). As a namespace is
 * made: sysctl, kobject_uevent's socket, ICMPv6's and IGMP6's sockets.
 * kmemleak, under every operation, when it cannot track an object.
 */
static const char alloc_report[] =
	"page allocation failure|vmalloc error|vmalloc_node_range for size|"
	"allocation failed|failed to allocate|unable to allocate|"
	"out of memory|Cannot allocate|error: -12 |\\(-12\\)|err -12\\)| -12$|"
	"-ENOMEM|can not set name properly|unable to create netlink socket|"
	"no more sockets|Failed to initialize the .*socket \\(err -[0-9]+\\)|"
	"could not remove '[^']*\\.gcda' \\(not found\\)";

static regex_t re_serious, re_benign, re_alloc;

int kmsg_open(struct kmsg *k)
{
	memset(k, 0, sizeof(*k));
	if (regcomp(&re_serious, serious, REG_EXTENDED | REG_NOSUB) ||
	    regcomp(&re_benign, benign, REG_EXTENDED | REG_NOSUB) ||
	    regcomp(&re_alloc, alloc_report, REG_EXTENDED | REG_NOSUB))
		return -EINVAL;
	k->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (k->fd < 0)
		return -errno;
	lseek(k->fd, 0, SEEK_END);
	return 0;
}

int kmsg_check(struct kmsg *k, const char *context)
{
	char rec[8192];
	int bad = 0;

	for (;;) {
		unsigned int prio;
		unsigned long long usec;
		char *text, *end;
		ssize_t n = read(k->fd, rec, sizeof(rec) - 1);
		double ts;

		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten before we read it */
		if (n <= 0)
			break;
		rec[n] = 0;
		if (sscanf(rec, "%u,%*u,%llu", &prio, &usec) != 2)
			continue;
		text = strchr(rec, ';');
		if (!text)
			continue;
		text++;
		end = strchr(text, '\n');
		if (end)
			*end = 0;
		ts = usec / 1e6;
		if ((prio & 7) > 4)
			continue;	/* notice, info, debug */
		if (!regexec(&re_benign, text, 0, NULL, 0))
			continue;
		if (!regexec(&re_alloc, text, 0, NULL, 0) &&
		    regexec(&re_serious, text, 0, NULL, 0)) {
			k->alloc_reports++;
			k->block_until = ts + 2;
			continue;
		}
		/* The rest of an allocation failure's report: its trace, the memory. */
		if (ts <= k->block_until && regexec(&re_serious, text, 0, NULL, 0))
			continue;
		if (!bad++)
			printf("hellonl-faults: %s: the kernel logged:\n", context);
		printf("  %s\n", text);
	}
	return bad;
}

int kmsg_mark(const char *mark)
{
	char line[256];
	int fd, len, err = 0;

	/* <4>: KERN_WARNING. */
	len = snprintf(line, sizeof(line), "<4>%s\n", mark);
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, line, (size_t)len) != len)
		err = -errno;
	close(fd);
	return err;
}
