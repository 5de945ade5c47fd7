// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl-faults: systematic fault injection, as syzkaller does it. Each
 * operation (fault_ops.c) runs with its 1st allocation made to fail, then
 * its 2nd, 3rd, ... through /proc/thread-self/fail-nth, until a run
 * completes with no fault injected. Every run must fail cleanly or
 * succeed, leave the state as its outcome says, and add nothing at warning
 * level or worse to the kernel log; kmemleak, where the kernel has it, must
 * find no leak of hellonl's.
 *
 *   hellonl-faults [--ops LIST] [--kmemleak-once] [--max-nth N] [--check-ops]
 *                  [--whole-kernel]
 *
 * Making a namespace and loading the module are mostly the kernel's own
 * allocations (870 for a namespace, 400 for a load, against hellonl's few):
 * for those, fail-nth counts only the allocations with the module's code
 * on the stack, through the stack trace filter of failslab and
 * fail_page_alloc; --whole-kernel counts them all, as syzkaller does.
 *
 * Exit status: 0 all clean, 1 a failure, 2 a usage or setup error, 77 this
 * kernel has no fault injection (then --check-ops still runs each operation
 * once, without faults).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "faults.h"
#include "kmod.h"

#define DEBUGFS		"/sys/kernel/debug"
#define KMEMLEAK	DEBUGFS "/kmemleak"
#define UNSUPPORTED	77

/* The fault injection settings changed for the run, restored at exit. */
static struct setting {
	const char *path;
	const char *value;
	char saved[32];
	bool changed;
} settings[] = {
	{ .path = DEBUGFS "/failslab/ignore-gfp-wait", .value = "N" },
	{ .path = DEBUGFS "/failslab/verbose", .value = "0" },
	{ .path = DEBUGFS "/fail_page_alloc/ignore-gfp-wait", .value = "N" },
	{ .path = DEBUGFS "/fail_page_alloc/ignore-gfp-highmem", .value = "N" },
	{ .path = DEBUGFS "/fail_page_alloc/min-order", .value = "0" },
	{ .path = DEBUGFS "/fail_page_alloc/verbose", .value = "0" },
};

/* The stack trace filter's settings, for an operation of module_stacks. */
static const char *const filtered[] = { "failslab", "fail_page_alloc" };
static char module_stacks_start[32];

struct opts {
	char *ops;
	bool kmemleak_once;
	bool check_ops;
	bool whole_kernel;
	unsigned int max_nth;
};

static int read_text(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

/*
 * Where the module's code is: above the kernel's image, whose end is
 * kallsyms' _end (on x86-64 modules are mapped above the kernel). Only
 * root reads the true addresses, and the filter needs them.
 */
static int find_module_area(void)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	char line[256], type;
	unsigned long long addr;
	char name[128];
	int found = 0;

	if (!f)
		return -errno;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %127s", &addr, &type, name) == 3 &&
		    !strcmp(name, "_end") && addr)
			found = snprintf(module_stacks_start, sizeof(module_stacks_start),
					 "%#llx", addr) > 0;
	fclose(f);
	return found ? 0 : -ENOENT;
}

/*
 * Count only the allocations with the module's code on the stack (on), or
 * all of them (off): the filters' require-start. Their require-end stays
 * at its default, the top of the address space, and their
 * stacktrace-depth at 32 frames, the most the kernel looks at.
 */
static int module_stacks_only(bool on)
{
	char path[128];
	int err = 0;

	for (size_t i = 0; i < sizeof(filtered) / sizeof(filtered[0]); i++) {
		snprintf(path, sizeof(path), DEBUGFS "/%s/require-start", filtered[i]);
		err = err ?: write_text(path, on ? module_stacks_start : "0");
	}
	if (err)
		fprintf(stderr, "hellonl-faults: cannot set the stack trace filter: %s\n",
			strerror(-err));
	return err;
}

static void restore_settings(void)
{
	if (module_stacks_start[0])
		module_stacks_only(false);
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (settings[i].changed)
			write_text(settings[i].path, settings[i].saved);
}

static void on_signal(int sig)
{
	restore_settings();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Is fault injection there: the task's fail-nth, and failslab and
 * fail_page_alloc in debugfs? Says what is missing.
 */
static bool supported(void)
{
	struct stat st;
	const char *missing = NULL;

	if (stat(DEBUGFS "/failslab", &st))
		mount("debugfs", DEBUGFS, "debugfs", 0, NULL);
	if (stat("/proc/thread-self/fail-nth", &st))
		missing = "/proc/thread-self/fail-nth (CONFIG_FAULT_INJECTION, CONFIG_FAULT_INJECTION_DEBUG_FS)";
	else if (stat(DEBUGFS "/failslab", &st))
		missing = DEBUGFS "/failslab (CONFIG_FAILSLAB)";
	else if (stat(DEBUGFS "/fail_page_alloc", &st))
		missing = DEBUGFS "/fail_page_alloc (CONFIG_FAIL_PAGE_ALLOC)";
	if (missing)
		printf("hellonl-faults: not supported: this kernel has no fault injection: no %s\n",
		       missing);
	return !missing;
}

static int setup_settings(void)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		struct setting *s = &settings[i];

		if (read_text(s->path, s->saved, sizeof(s->saved)) ||
		    write_text(s->path, s->value)) {
			fprintf(stderr, "hellonl-faults: cannot set %s\n", s->path);
			return -1;
		}
		s->changed = true;
	}
	return 0;
}

/*
 * kmemleak: scan twice, the second time after the minimum age of an
 * object, 5 s, and read what it found. A leak whose trace names hellonl
 * fails the run; the others are printed. Returns hellonl's leaks.
 */
static int kmemleak_check(const char *context, unsigned int *others)
{
	static char report[1 << 20];
	int fd, hellonl = 0;
	ssize_t n, len = 0;
	char *block, *next;

	if (access(KMEMLEAK, W_OK))
		return 0;
	sleep(5);
	write_text(KMEMLEAK, "scan");
	sleep(5);
	write_text(KMEMLEAK, "scan");
	fd = open(KMEMLEAK, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	while ((n = read(fd, report + len, sizeof(report) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	report[len] = 0;
	for (block = strstr(report, "unreferenced object"); block; block = next) {
		next = strstr(block + 1, "unreferenced object");
		if (next)
			next[-1] = 0;
		if (strstr(block, "hellonl")) {
			hellonl++;
			printf("hellonl-faults: %s: kmemleak found a leak of hellonl's:\n%s\n",
			       context, block);
		} else {
			(*others)++;
			printf("hellonl-faults: %s: kmemleak found a leak, not of hellonl's:\n%s\n",
			       context, block);
		}
	}
	write_text(KMEMLEAK, "clear");
	return hellonl;
}

static bool selected(const struct opts *o, const char *name)
{
	char list[512], *p;

	if (!o->ops)
		return true;
	snprintf(list, sizeof(list), "%s", o->ops);
	for (p = strtok(list, ","); p; p = strtok(NULL, ","))
		if (!strcmp(p, name))
			return true;
	return false;
}

/*
 * Ready the stack trace filter, where a selected operation needs it: the
 * kernel has it, and the module's code is where find_module_area() says.
 */
static int setup_module_stacks(const struct opts *o)
{
	char text[32] = "";
	bool needed = false;
	struct stat st;

	for (unsigned int i = 0; i < n_fault_ops; i++)
		needed |= fault_ops[i].module_stacks && selected(o, fault_ops[i].name);
	if (!needed)
		return 0;
	if (stat(DEBUGFS "/failslab/require-start", &st)) {
		fprintf(stderr, "hellonl-faults: this kernel has no stack trace filter for fault injection (CONFIG_FAULT_INJECTION_STACKTRACE_FILTER); --whole-kernel does without\n");
		return -1;
	}
	if (find_module_area()) {
		fprintf(stderr, "hellonl-faults: /proc/kallsyms gives no address for _end\n");
		return -1;
	}
	if (read_text("/sys/module/hellonl/sections/.text", text, sizeof(text)) ||
	    strtoull(text, NULL, 0) <= strtoull(module_stacks_start, NULL, 0)) {
		fprintf(stderr, "hellonl-faults: the module's code (%s) is not above the kernel's image (%s)\n",
			text[0] ? text : "no /sys/module/hellonl/sections/.text", module_stacks_start);
		return -1;
	}
	return module_stacks_only(false);
}

/* One run: prepared, run, checked. Returns 0, or -1 when something was wrong. */
static int one_run(const struct fop *op, struct fctx *c)
{
	char context[96];
	int err, bad;

	c->why[0] = 0;
	c->outcome = "?";
	c->injected = false;
	snprintf(context, sizeof(context), "%s, fault %u", op->name, c->nth);
	err = op->prepare(c);
	if (err) {
		printf("hellonl-faults: %s: setting up failed: %s%s\n", context,
		       err == -1 ? "" : strerror(-err), err == -1 ? c->why : "");
		return -1;
	}
	if (op->run(c)) {
		printf("hellonl-faults: %s: %s\n", context, c->why);
		kmsg_check(c->kmsg, context);
		return -1;
	}
	bad = kmsg_check(c->kmsg, context);
	if (getenv("HELLONL_FAULTS_VERBOSE"))
		printf("hellonl-faults: %s: %s%s\n", context, c->outcome,
		       c->injected ? "" : ", no fault injected");
	return bad ? -1 : 0;
}

static int walk(const struct fop *op, struct fctx *c, const struct opts *o,
		unsigned int *faults, unsigned int *failures)
{
	unsigned int nth, errors = 0, tolerated = 0;

	for (nth = 1; nth <= o->max_nth; nth++) {
		c->nth = nth;
		if (one_run(op, c))
			(*failures)++;
		if (!c->injected)
			break;
		if (strcmp(c->outcome, "ok"))
			errors++;
		else
			tolerated++;
	}
	*faults = nth - 1;
	if (nth > o->max_nth) {
		printf("hellonl-faults: %s: still failing allocations after %u faults\n",
		       op->name, o->max_nth);
		(*failures)++;
	}
	printf("hellonl-faults: %s: %u faults injected before it completed (%u failed cleanly, %u tolerated%s)\n",
	       op->name, *faults, errors, tolerated,
	       op->module_stacks && !o->whole_kernel ? "; with the module's code on the stack" : "");
	fflush(stdout);
	return 0;
}

static void usage(void)
{
	static const char head[] = "usage: hellonl-faults ";

	fprintf(stderr, "%s[--ops LIST] [--kmemleak-once] [--max-nth N] [--check-ops]\n"
		"%*s[--whole-kernel]\n", head, (int)strlen(head), "");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "ops", required_argument, NULL, 'o' },
		{ "kmemleak-once", no_argument, NULL, 'k' },
		{ "max-nth", required_argument, NULL, 'n' },
		{ "check-ops", no_argument, NULL, 'c' },
		{ "whole-kernel", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .max_nth = 10000 };
	struct kmsg kmsg;
	struct fctx c = { .kmsg = &kmsg };
	unsigned int total = 0, failures = 0, ops = 0, leaks = 0, others = 0;
	char ko[4096];
	int ch;

	while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (ch) {
		case 'o': o.ops = optarg; break;
		case 'k': o.kmemleak_once = true; break;
		case 'n': o.max_nth = (unsigned int)atoi(optarg); break;
		case 'c': o.check_ops = true; break;
		case 'w': o.whole_kernel = true; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (geteuid()) {
		fprintf(stderr, "hellonl-faults: must run as root\n");
		return 2;
	}
	if (!supported() && !o.check_ops)
		return UNSUPPORTED;
	if (!kmod_present() && kmod_modprobe(NULL)) {
		fprintf(stderr, "hellonl-faults: the hellonl module is not loaded and modprobe failed\n");
		return 2;
	}
	if (kmod_path(ko, sizeof(ko))) {
		fprintf(stderr, "hellonl-faults: modinfo -n hellonl finds no module file\n");
		return 2;
	}
	c.ko = ko;
	c.fail_nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (!o.check_ops && (c.fail_nth_fd < 0 || setup_settings() ||
			     (!o.whole_kernel && setup_module_stacks(&o)))) {
		restore_settings();
		return 2;
	}
	atexit(restore_settings);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (kmsg_open(&kmsg)) {
		fprintf(stderr, "hellonl-faults: cannot read /dev/kmsg\n");
		return 2;
	}
	if (kmsg_mark(KMSG_FAULTS_BEGIN)) {
		fprintf(stderr, "hellonl-faults: cannot write to /dev/kmsg\n");
		return 2;
	}
	if (!access(KMEMLEAK, W_OK))
		write_text(KMEMLEAK, "clear");
	printf("hellonl-faults: module %s; kmemleak %s\n", ko,
	       access(KMEMLEAK, W_OK) ? "absent" : o.kmemleak_once ? "at the end" : "after each operation");

	for (unsigned int i = 0; i < n_fault_ops; i++) {
		const struct fop *op = &fault_ops[i];
		unsigned int faults = 0;

		if (!selected(&o, op->name))
			continue;
		ops++;
		c.priv = (void *)op->arg;
		if (o.check_ops) {
			c.nth = 0;
			if (one_run(op, &c))
				failures++;
			printf("hellonl-faults: %s: %s\n", op->name, c.outcome);
		} else {
			if (module_stacks_start[0] &&
			    module_stacks_only(op->module_stacks && !o.whole_kernel))
				return 2;
			walk(op, &c, &o, &faults, &failures);
			total += faults;
		}
		if (op->module)
			fault_ops_restore();
		if (!o.kmemleak_once && !o.check_ops)
			leaks += (unsigned int)kmemleak_check(op->name, &others);
	}
	fault_ops_restore();
	if (o.kmemleak_once && !o.check_ops)
		leaks += (unsigned int)kmemleak_check("the end", &others);
	failures += leaks;
	/* What the restoring and kmemleak logged, before the window closes. */
	if (kmsg_check(&kmsg, "the end"))
		failures++;
	/* Only a run that got here closes the window it opened. */
	if (kmsg_mark(KMSG_FAULTS_END)) {
		fprintf(stderr, "hellonl-faults: cannot write to /dev/kmsg\n");
		failures++;
	}
	printf("hellonl-faults: %u faults injected in %u operations, %u failures, %u leaks of hellonl's (%u others), %lu allocation failure reports in the log\n",
	       total, ops, failures, leaks, others, kmsg.alloc_reports);
	if (o.check_ops && !supported())
		return failures ? 1 : UNSUPPORTED;
	return failures ? 1 : 0;
}
