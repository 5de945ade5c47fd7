// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency, in a guest of two CPUs on the plain clock (an instruction
 * count cannot show two CPUs at once): GETs a second with one client and
 * with two, each on a CPU of its own, and again while a third process
 * SETs as fast as it can.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../src/uapi/hellonl.h"
#include "bench.h"
#include "measure.h"

/* What a client did, through the pipe. */
struct tally {
	int cmd;
	unsigned long long done;
};

/* Run GETs (or SETs) on CPU @cpu for @seconds; its tally, through @out. */
static pid_t client(int cmd, int cpu, double seconds, int out)
{
	pid_t pid = fork();
	struct tally tally = { cmd, 0 };
	struct roundtrip rt;
	uint64_t end;
	cpu_set_t on;

	if (pid)
		return pid;
	CPU_ZERO(&on);
	CPU_SET(cpu, &on);
	if (sched_setaffinity(0, sizeof(on), &on))
		bench_die("CPU %d: %s", cpu, strerror(errno));
	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	bench_msg_start(&rt.req, &rt.sock, hellonl_family, cmd == HELLONL_CMD_SET ? NLM_F_ACK : 0,
			1, (uint8_t)cmd);
	if (cmd == HELLONL_CMD_SET)
		bench_msg_attr(&rt.req, HELLONL_A_MESSAGE, "concurrent", sizeof("concurrent"));
	bench_msg_end(&rt.req);
	roundtrip_check(&rt, cmd == HELLONL_CMD_SET ? NLMSG_ERROR : hellonl_family, 0,
			"a concurrent request");
	end = now_ns() + (uint64_t)(seconds * 1e9);
	while (now_ns() < end) {
		roundtrip_once(&rt);
		tally.done++;
	}
	if (write(out, &tally, sizeof(tally)) != sizeof(tally))
		_exit(1);
	_exit(0);
}

/* GETs a second from @getters clients, with a setter beside them or not. */
static double throughput(int getters, int setter, double seconds)
{
	unsigned long long gets = 0;
	struct tally tally;
	pid_t pids[3];
	int pipes[2], i, n = 0, status;

	if (pipe(pipes))
		bench_die("pipe: %s", strerror(errno));
	for (i = 0; i < getters; i++)
		pids[n++] = client(HELLONL_CMD_GET, i, seconds, pipes[1]);
	if (setter)
		pids[n++] = client(HELLONL_CMD_SET, 1, seconds, pipes[1]);
	close(pipes[1]);
	for (i = 0; i < n; i++) {
		if (read(pipes[0], &tally, sizeof(tally)) != sizeof(tally))
			bench_die("a client of the concurrency case failed");
		/* What the setter did is not a GET. */
		if (tally.cmd == HELLONL_CMD_GET)
			gets += tally.done;
	}
	for (i = 0; i < n; i++)
		if (waitpid(pids[i], &status, 0) < 0 || status)
			bench_die("a client of the concurrency case exited with %#x", status);
	close(pipes[0]);
	return (double)gets / seconds;
}

void bench_concurrency(double seconds)
{
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		bench_die("the concurrency case needs two CPUs");
	figure("get-throughput", "1 client", throughput(1, 0, seconds), "requests/s");
	figure("get-throughput", "2 clients", throughput(2, 0, seconds), "requests/s");
	figure("get-throughput", "1 client, 1 setter", throughput(1, 1, seconds), "requests/s");
	figure("get-throughput", "2 clients, 1 setter", throughput(2, 1, seconds), "requests/s");
}
