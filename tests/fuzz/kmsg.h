/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel log, read from /dev/kmsg: what it gained at warning level or
 * worse since the last look, but for what fault injection makes the kernel
 * say on purpose (an allocation's failure report).
 */
#ifndef FUZZ_KMSG_H
#define FUZZ_KMSG_H

struct kmsg {
	int fd;
	unsigned long alloc_reports;	/* allocation failure reports seen */
	double block_until;		/* an allocation report's lines go on till */
};

/* Open the log, past what it holds now: 0 or -errno. */
int kmsg_open(struct kmsg *k);
/*
 * Print each new line at warning level or worse that is not allowed, after
 * @context: how many there were.
 */
int kmsg_check(struct kmsg *k, const char *context);

/*
 * The two marks around the faults' window in the kernel log, at warning
 * level so that every reader of warnings sees them. Between them, every
 * line is judged here, by kmsg_check(); the test harness leaves the
 * allocation failure reports in a closed window to it (tests/vm/lib.sh,
 * tests/system/helpers.bash), and judges everything else itself. A run
 * that dies before the second mark closes nothing.
 */
#define KMSG_FAULTS_BEGIN "hellonl-faults: injecting allocation failures"
#define KMSG_FAULTS_END "hellonl-faults: no more injected failures"
/* Write @mark to the kernel log: 0 or -errno. */
int kmsg_mark(const char *mark);

#endif /* FUZZ_KMSG_H */
