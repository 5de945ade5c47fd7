// SPDX-License-Identifier: GPL-2.0
/*
 * The tutorial's raw netlink protocol under fault injection: its GET and
 * SET as operations of their own, and, as a service of every namespace
 * (legacy_service), the checks of its socket where fault_ops.c makes a
 * namespace or loads the module.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faults.h"
#include "hellonl.h"
#include "legacy.h"

static struct nl_sock leg = { .fd = -1 };

/* ---- its GET and SET ---- */

int prep_legacy(struct fctx *c)
{
	int err = fresh_ns(c, 0);
	char buf[16] = "25";
	int fd = open("/sys/module/hellonl/parameters/legacy_proto", O_RDONLY);

	if (fd >= 0) {
		if (read(fd, buf, sizeof(buf) - 1) < 0)
			buf[0] = 0;
		close(fd);
	}
	return err ? err : nl_open(&leg, atoi(buf), 1 << 20);
}

static int run_legacy(struct fctx *c, uint16_t type)
{
	static const char text[] = "legacy under fault injection";
	uint8_t buf[128];
	struct model to = *state_before();
	struct nl_buf b;
	size_t off;
	int r;

	nb_init(&b, buf, sizeof(buf));
	off = nb_msg_start(&b, type, NLM_F_REQUEST, 1);
	nb_put(&b, text, sizeof(text));
	nb_msg_end(&b, off);
	if (ask(c, &leg, b.data, b.len, type, &r))
		return -1;
	if (type == HELLONL_LEGACY_GET) {
		to.st.gets++;
	} else {
		strcpy(to.message, text);
		to.seq++;
		to.st.sets++;
	}
	return judge(c, &to, r == 1, r == -ENOBUFS);
}

int run_legacy_get(struct fctx *c)
{
	return run_legacy(c, HELLONL_LEGACY_GET);
}

int run_legacy_set(struct fctx *c)
{
	return run_legacy(c, HELLONL_LEGACY_SET);
}

/* ---- its socket in every namespace ---- */

static void legacy_close(void)
{
	nl_close(&leg);
}

/*
 * A namespace just made answers a GET. Without its socket (a fault in
 * netlink_kernel_create()), hellonl still serves the namespace and says so
 * in the log: allowed, but only where a fault was injected.
 */
static int legacy_netns(struct fctx *c)
{
	static const char get[] = "\x14\0\0\0\x01\0\x01\0\x07\0\0\0\0\0\0\0?\0\0\0";
	int answered = -1;	/* 1 answered, 0 no legacy socket, -1 otherwise */
	uint8_t rx[1024];

	if (!nl_open(&leg, HELLONL_LEGACY_PROTO, 1 << 20)) {
		int e = nl_send(&leg, get, 20);

		if (e == -ECONNREFUSED)
			answered = 0;
		else if (!e && nl_recv(&leg, rx, sizeof(rx), 1000) > 0 &&
			 ((struct nlmsghdr *)rx)->nlmsg_type == HELLONL_LEGACY_GET)
			answered = 1;
	}
	if (answered != 1 && !(answered == 0 && c->injected))
		return wrong(c, "the legacy protocol %s in the new namespace",
			     answered ? "fails" : "is missing");
	if (answered == 0)
		c->outcome = "ok, no legacy socket";
	return 0;
}

/* How many kernel sockets of netlink @proto this namespace has. */
static int kernel_sockets(unsigned int proto)
{
	FILE *f = fopen("/proc/net/netlink", "r");
	char line[256];
	int n = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned int eth, pid;

		if (sscanf(line, "%*s %u %u", &eth, &pid) == 2 && eth == proto && !pid)
			n++;
	}
	fclose(f);
	return n;
}

/*
 * A load that failed left no socket of the protocol; one that succeeded
 * made one in this namespace, unless the fault left it out.
 */
static int legacy_load(struct fctx *c, bool loaded, const char *params)
{
	const char *p = strstr(params, "legacy_proto=");
	uint32_t proto = p ? (uint32_t)atoi(p + strlen("legacy_proto=")) : HELLONL_LEGACY_PROTO;
	int socks = kernel_sockets(proto);

	if (!loaded)
		return socks > 0 ? wrong(c, "after a failed load: a legacy protocol socket is open") : 0;
	if (proto && socks != 1 && !(socks == 0 && c->injected))
		return wrong(c, "loaded, with %d legacy protocol sockets in the namespace", socks);
	return 0;
}

const struct fault_service legacy_service = {
	.close = legacy_close,
	.netns = legacy_netns,
	.load = legacy_load,
};
