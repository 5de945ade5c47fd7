// SPDX-License-Identifier: GPL-2.0
/*
 * State: history dumps by length, GET as namespaces multiply, what a
 * namespace costs in kernel memory, and whether slab grows with use.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../src/uapi/hellonl.h"
#include "bench.h"
#include "measure.h"

/* Load hellonl again, with @params, and find its family again. */
static void reload(const char *params)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "modprobe -r hellonl && modprobe hellonl %s", params);
	if (system(cmd))
		bench_die("could not reload hellonl: %s", cmd);
	hellonl_family = bench_family(HELLONL_FAMILY_NAME, HELLONL_MCGRP_EVENTS,
				      &hellonl_events);
}

/* SET @count messages of the longest length, acked one by one. */
static void fill(unsigned int count)
{
	char text[HELLONL_MESSAGE_MAX + 1];
	struct roundtrip rt;
	unsigned int i;

	memset(text, 'x', HELLONL_MESSAGE_MAX);
	text[HELLONL_MESSAGE_MAX] = '\0';
	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	roundtrip_set(&rt, text);
	for (i = 0; i < count; i++)
		roundtrip_check(&rt, NLMSG_ERROR, 0, "a SET of a long message");
	roundtrip_close(&rt);
}

struct dump {
	struct roundtrip rt;
	unsigned long entries;	/* of the last dump */
};

/* A whole HISTORY dump: a time_op() operation. */
static void dump_once(void *arg)
{
	static uint8_t buf[BENCH_BUF_SIZE];
	struct dump *d = arg;
	int done = 0;

	d->entries = 0;
	bench_send(&d->rt.sock, &d->rt.req);
	while (!done) {
		size_t len = bench_recv(&d->rt.sock, buf, sizeof(buf));
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;

		for (; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_type == NLMSG_DONE)
				done = 1;
			else if (nlh->nlmsg_type == hellonl_family)
				d->entries++;
			else
				bench_die("a HISTORY dump answered with type %u (error %d)",
					  nlh->nlmsg_type, bench_error_of(nlh));
		}
	}
}

static void dumps(void)
{
	static const unsigned int lengths[] = { 16, 4096 };
	struct dump d;
	char param[64];
	double cost;
	unsigned int i;

	for (i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		snprintf(param, sizeof(param), "history_len=%u", lengths[i]);
		reload(param);
		fill(lengths[i]);
		roundtrip_open(&d.rt, NETLINK_GENERIC, 0);
		roundtrip_request(&d.rt, HELLONL_CMD_HISTORY, NLM_F_DUMP);
		dump_once(&d);
		if (d.entries != lengths[i])
			bench_die("a full history of %u dumped %lu entries", lengths[i], d.entries);
		cost = time_op(dump_once, &d, lengths[i] > 100 ? 20 : iterations / 10);
		snprintf(param, sizeof(param), "%u entries", lengths[i]);
		figure("history-dump", param, cost, "ns");
		figure("history-dump-per-entry", param, cost / lengths[i], "ns");
		roundtrip_close(&d.rt);
	}
	reload("");
}

/* Kernel memory, in bytes: slab, per-CPU areas and vmalloc, from meminfo. */
struct kmem {
	long long slab, unreclaimable, percpu, vmalloc;
};

static struct kmem kmem_now(void)
{
	struct kmem k = { 0 };
	char line[256];
	long long kib;
	FILE *f;

	/* Freed namespaces and sockets go through RCU and a worker first. */
	sync();
	f = fopen("/proc/meminfo", "r");
	if (!f)
		bench_die("/proc/meminfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Slab: %lld", &kib) == 1)
			k.slab = kib * 1024;
		else if (sscanf(line, "SUnreclaim: %lld", &kib) == 1)
			k.unreclaimable = kib * 1024;
		else if (sscanf(line, "Percpu: %lld", &kib) == 1)
			k.percpu = kib * 1024;
		else if (sscanf(line, "VmallocUsed: %lld", &kib) == 1)
			k.vmalloc = kib * 1024;
	}
	fclose(f);
	return k;
}

static long long kmem_total(struct kmem k)
{
	return k.slab + k.percpu + k.vmalloc;
}

/*
 * The network namespaces in memory: those alive and those dying, as the
 * net_namespace slab cache counts them (objects a CPU's slab holds free
 * count too, a few at most); -1 when the kernel does not list the cache.
 */
static long namespaces_in_memory(void)
{
	char line[512];
	long active = -1;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "net_namespace %ld", &active) == 1)
			break;
	fclose(f);
	return active;
}

/*
 * Let the kernel finish freeing. A dead namespace is freed by a worker,
 * after RCU, with its whole batch at once: a thousand take a while, and
 * meminfo does not move meanwhile. So first wait for the net_namespace
 * cache to come down to the @alive namespaces, give or take the free
 * objects its slabs keep, until it stops falling for ten seconds; then
 * for three readings of meminfo two seconds apart that agree.
 */
static struct kmem settled(long alive)
{
	struct kmem last, now;
	long count = namespaces_in_memory(), low = count;
	int same = 0, i;

	for (i = 0; i < 300 && count > alive + 16 && same < 5; i++) {
		sleep(2);
		count = namespaces_in_memory();
		same = count < low ? 0 : same + 1;
		low = count < low ? count : low;
	}
	same = 0;
	last = kmem_now();
	for (i = 0; i < 300 && same < 2; i++) {
		sleep(2);
		if (system("echo 2 > /proc/sys/vm/drop_caches"))
			bench_die("cannot drop the dentry and inode caches");
		now = kmem_now();
		same = now.unreclaimable == last.unreclaimable ? same + 1 : 0;
		last = now;
	}
	return last;
}

/*
 * Make @count network namespaces and keep them, each held by a file
 * descriptor; in each, SET a message first when @use.
 */
static int *namespaces(unsigned int count, int use, int *home)
{
	int *held = calloc(count, sizeof(*held));
	unsigned int i;

	if (!held)
		bench_die("out of memory");
	*home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	for (i = 0; i < count; i++) {
		if (unshare(CLONE_NEWNET))
			bench_die("unshare: %s", strerror(errno));
		held[i] = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (held[i] < 0)
			bench_die("a namespace's file: %s", strerror(errno));
		if (use)
			fill(1);
	}
	if (setns(*home, CLONE_NEWNET))
		bench_die("setns: %s", strerror(errno));
	return held;
}

static void drop_namespaces(int *held, unsigned int count, int home)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		close(held[i]);
	close(home);
	free(held);
}

/* GET from the initial namespace with 1, 100 and 1,000 in existence. */
static void get_by_namespaces(void)
{
	static const unsigned int counts[] = { 1, 100, 1000 };
	struct roundtrip rt;
	unsigned int i;
	char param[32];
	int *held, home;

	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	roundtrip_request(&rt, HELLONL_CMD_GET, 0);
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		held = namespaces(counts[i] - 1, 0, &home);
		/* The last run's namespaces, dying, would be in the count. */
		settled(counts[i] - 1);
		roundtrip_check(&rt, hellonl_family, 0, "GET");
		snprintf(param, sizeof(param), "%u namespace%s", counts[i], counts[i] == 1 ? "" : "s");
		figure("get-namespaces", param, time_op(roundtrip_once, &rt, iterations), "ns");
		drop_namespaces(held, counts[i] - 1, home);
	}
	roundtrip_close(&rt);
}

/* The kernel memory @count namespaces take, each: slab and everything. */
static void namespace_memory(const char *name, unsigned int count, int use)
{
	struct kmem before = settled(0), after;
	int *held, home;

	held = namespaces(count, use, &home);
	after = settled(count);
	figure(name, "slab", (double)(after.slab - before.slab) / count, "bytes");
	figure(name, "slab, per-CPU and vmalloc",
	       (double)(kmem_total(after) - kmem_total(before)) / count, "bytes");
	drop_namespaces(held, count, home);
}

/* Unreclaimable slab before and after 10^6 requests, and 1,000 namespaces. */
static void slab_growth(void)
{
	const unsigned int count = 1000;
	struct roundtrip rt;
	struct kmem start, now;
	unsigned long i;
	int *held, home;

	/*
	 * After 1,000 namespaces made, used and destroyed first, to bring
	 * slab to where it stays: its pages come and go with the objects,
	 * and partly free ones stay.
	 */
	for (i = 0; i < count; i++) {
		held = namespaces(1, 1, &home);
		drop_namespaces(held, 1, home);
	}
	start = settled(0);
	roundtrip_open(&rt, NETLINK_GENERIC, 64);
	for (i = 0; i < 64; i++) {
		bench_msg_start(&rt.req, &rt.sock, hellonl_family, 0, 1, HELLONL_CMD_GET);
		bench_msg_end(&rt.req);
	}
	rt.mmsg = 1;
	for (i = 0; i < 1000000 / 64 + 1; i++)
		roundtrip_once(&rt);
	roundtrip_close(&rt);
	now = settled(0);
	figure("slab-growth", "after 10^6 requests",
	       (double)(now.unreclaimable - start.unreclaimable), "bytes");
	for (i = 0; i < count; i++) {
		held = namespaces(1, 1, &home);
		drop_namespaces(held, 1, home);
	}
	now = settled(0);
	figure("slab-growth", "and 1,000 namespaces made, used and destroyed",
	       (double)(now.unreclaimable - start.unreclaimable), "bytes");
}

/* What a namespace costs: without hellonl, and with it idle or used. */
static void memory(void)
{
	const unsigned int count = 1000;

	if (system("modprobe -r hellonl"))
		bench_die("could not unload hellonl");
	namespace_memory("namespace-without-hellonl", count, 0);
	/* Without the tutorial's protocol, whose kernel socket each namespace has. */
	if (system("modprobe hellonl legacy_proto=0"))
		bench_die("could not load hellonl with legacy_proto=0");
	namespace_memory("namespace-idle-without-legacy", count, 0);
	reload("history_len=16");
	namespace_memory("namespace-idle", count, 0);
	namespace_memory("namespace-used", count, 1);
}

void bench_state(void)
{
	struct rlimit files = { 4096, 4096 };

	if (setrlimit(RLIMIT_NOFILE, &files))
		bench_die("cannot hold 1,000 namespaces open: %s", strerror(errno));
	slab_growth();
	get_by_namespaces();
	memory();
	dumps();
}
