// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzzer's shared mapping; see shared.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

const char *const worker_names[N_WORKERS] = {
	[W_ROOT] = "root", [W_USER] = "user", [W_USERNS] = "userns",
};

struct shared *shared_map(void)
{
	struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (sh == MAP_FAILED) {
		perror("hellonl-fuzz: mmap");
		exit(2);
	}
	return sh;
}

uint64_t gen_stable(struct shared *sh)
{
	uint64_t g;

	while ((g = atomic_load(&sh->gen)) & 1)
		usleep(5000);
	return g;
}

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int drop_to_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		return -errno;
	/* /proc/self stays the process's own, to write its maps. */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	return 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

int userns_enter(void)
{
	int err;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return -errno;
	err = write_file("/proc/self/setgroups", "deny");
	if (!err)
		err = write_file("/proc/self/uid_map", "0 65534 1");
	if (!err)
		err = write_file("/proc/self/gid_map", "0 65534 1");
	return err;
}
