// SPDX-License-Identifier: GPL-2.0
/*
 * Clients as a user runs them: the hellonl CLI as a whole process, against
 * the kernel's own generic client driven by our YNL spec, against the bare
 * round trip that both end in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../src/uapi/hellonl.h"
#include "bench.h"
#include "measure.h"

/* Where the benchmark's guest has the kernel's ynl tool (bench/run). */
#define YNL_CLI "/in/ynl/cli.py"
#define YNL_SPEC "/usr/share/hellonl/hellonl.yaml"

/* Run @argv to its end, its output thrown away; exits unless it succeeds. */
static void run(char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		bench_die("fork: %s", strerror(errno));
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		if (null < 0 || dup2(null, 1) < 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		bench_die("%s %s did not succeed (status %#x)", argv[0], argv[1], status);
}

static void hellonl_get(void *arg)
{
	static char *const argv[] = { "hellonl", "get", NULL };

	(void)arg;
	run(argv);
}

static void ynl_get(void *arg)
{
	static char *const argv[] = { "python3", YNL_CLI, "--spec", YNL_SPEC, "--no-schema",
				      "--do", "get", NULL };

	(void)arg;
	run(argv);
}

void bench_clients(void)
{
	struct roundtrip rt;

	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	roundtrip_request(&rt, HELLONL_CMD_GET, 0);
	roundtrip_check(&rt, hellonl_family, 0, "GET");
	figure("client", "the round trip alone", time_op(roundtrip_once, &rt, iterations), "ns");
	roundtrip_close(&rt);
	figure("client", "hellonl get", time_op(hellonl_get, NULL, 20), "ns");
	if (access(YNL_CLI, R_OK))
		bench_die("%s: %s", YNL_CLI, strerror(errno));
	figure("client", "ynl --do get", time_op(ynl_get, NULL, 3), "ns");
}
