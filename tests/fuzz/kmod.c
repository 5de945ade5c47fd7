// SPDX-License-Identifier: GPL-2.0
/*
 * Loading and unloading hellonl; see kmod.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kmod.h"

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

extern char **environ;

int run_cmd(char *const argv[], bool loud)
{
	posix_spawn_file_actions_t fa;
	int status;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	if (!loud) {
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	}
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		return 127;
	}
	posix_spawn_file_actions_destroy(&fa);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int kmod_modprobe(const char *params)
{
	char buf[256], *argv[16];
	int n = 0;

	argv[n++] = "modprobe";
	argv[n++] = "hellonl";
	if (params && *params) {
		snprintf(buf, sizeof(buf), "%s", params);
		for (char *p = strtok(buf, " "); p && n < 15; p = strtok(NULL, " "))
			argv[n++] = p;
	}
	argv[n] = NULL;
	return run_cmd(argv, false);
}

int kmod_modprobe_remove(void)
{
	char *argv[] = { "modprobe", "-r", "hellonl", NULL };

	return run_cmd(argv, false);
}

int kmod_unload(void)
{
	return syscall(SYS_delete_module, "hellonl", O_NONBLOCK) ? -errno : 0;
}

int kmod_path(char *buf, size_t len)
{
	FILE *p = popen("modinfo -n hellonl 2>/dev/null", "r");
	size_t n;

	if (!p)
		return -errno;
	n = fread(buf, 1, len - 1, p);
	if (pclose(p) || !n)
		return -ENOENT;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

int kmod_load_fd(int fd, const char *params, bool compressed)
{
	return syscall(SYS_finit_module, fd, params,
		       compressed ? MODULE_INIT_COMPRESSED_FILE : 0) ? -errno : 0;
}

bool kmod_present(void)
{
	struct stat st;

	return !stat("/sys/module/hellonl", &st);
}
