// SPDX-License-Identifier: GPL-2.0
/*
 * pause-dump.so: an LD_PRELOAD shim that holds a program still in the
 * middle of a netlink dump, so that a test can change what is being dumped
 * at that exact moment. After the first datagram of a dump (a multipart
 * answer of any family but nlctrl) it creates $PAUSE_DIR/paused and waits
 * until $PAUSE_DIR/go exists; it does so once.
 *
 *   gcc -shared -fPIC -o pause-dump.so pause-dump.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	static int paused;
	const struct nlmsghdr *nlh = msg->msg_iov[0].iov_base;
	char path[PATH_MAX];
	ssize_t len;

	if (!real)
		real = (ssize_t (*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
	len = real(fd, msg, flags);
	if (paused || len < (ssize_t)sizeof(*nlh) || !getenv("PAUSE_DIR") ||
	    !(nlh->nlmsg_flags & NLM_F_MULTI) || nlh->nlmsg_type == GENL_ID_CTRL ||
	    nlh->nlmsg_type == NLMSG_DONE)
		return len;

	paused = 1;
	snprintf(path, sizeof(path), "%s/paused", getenv("PAUSE_DIR"));
	close(open(path, O_CREAT | O_WRONLY, 0644));
	snprintf(path, sizeof(path), "%s/go", getenv("PAUSE_DIR"));
	while (access(path, F_OK))
		usleep(10000);
	return len;
}
