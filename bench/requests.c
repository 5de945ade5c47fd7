// SPDX-License-Identifier: GPL-2.0
/*
 * One request and its answer: the floors, the kernel's own family, GET,
 * the tutorial's raw protocol, the ioctl peer, ECHO by payload size, and
 * GETs batched in one datagram.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/genetlink.h>

#include "../src/uapi/hellonl.h"
#include "bench.h"
#include "measure.h"
#include "peer/hellonl_bench_peer.h"

/* No command of the family has this number. */
#define UNKNOWN_CMD 250

void roundtrip_open(struct roundtrip *rt, int protocol, unsigned int answers)
{
	bench_open(&rt->sock, protocol);
	bench_rcvbuf(&rt->sock, 4 << 20);
	rt->req = (struct bench_msg){ .buf = rt->reqbuf, .cap = sizeof(rt->reqbuf) };
	rt->answers = answers;
	rt->mmsg = 0;
}

void roundtrip_close(struct roundtrip *rt)
{
	bench_close(&rt->sock);
}

void roundtrip_request(struct roundtrip *rt, uint8_t cmd, uint16_t flags)
{
	rt->req.len = 0;
	bench_msg_start(&rt->req, &rt->sock, hellonl_family, flags, 1, cmd);
	bench_msg_end(&rt->req);
}

void roundtrip_set(struct roundtrip *rt, const char *text)
{
	rt->req.len = 0;
	bench_msg_start(&rt->req, &rt->sock, hellonl_family, NLM_F_ACK, 1, HELLONL_CMD_SET);
	bench_msg_attr(&rt->req, HELLONL_A_MESSAGE, text, strlen(text) + 1);
	bench_msg_end(&rt->req);
}

static uint8_t rx[64][8192];

void roundtrip_once(void *arg)
{
	struct roundtrip *rt = arg;
	unsigned int i;

	bench_send(&rt->sock, &rt->req);
	if (rt->mmsg) {
		static struct mmsghdr msgs[64];
		static struct iovec iov[64];

		for (i = 0; i < rt->answers; i++) {
			iov[i] = (struct iovec){ rx[i], sizeof(rx[i]) };
			msgs[i].msg_hdr = (struct msghdr){ .msg_iov = &iov[i], .msg_iovlen = 1 };
		}
		if (recvmmsg(rt->sock.fd, msgs, rt->answers, 0, NULL) != (int)rt->answers)
			bench_die("recvmmsg: %s", strerror(errno));
		return;
	}
	for (i = 0; i < rt->answers; i++)
		bench_recv(&rt->sock, rx[i % 64], sizeof(rx[0]));
}

void roundtrip_check(struct roundtrip *rt, uint16_t type, int error, const char *what)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)rx[0];

	memset(rx[0], 0, sizeof(struct nlmsghdr));
	roundtrip_once(rt);
	if (nlh->nlmsg_type != type || (type == NLMSG_ERROR && bench_error_of(nlh) != error))
		bench_die("%s: the answer is of type %u (error %d), not %u (error %d)", what,
			  nlh->nlmsg_type, bench_error_of(nlh), type, error);
}

static void null_syscall(void *arg)
{
	(void)arg;
	syscall(SYS_getppid);
}

static void floors_and_families(void)
{
	struct roundtrip rt;

	figure("syscall", "getppid", time_op(null_syscall, NULL, iterations * 10), "ns");

	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	roundtrip_request(&rt, UNKNOWN_CMD, NLM_F_ACK);
	roundtrip_check(&rt, NLMSG_ERROR, -EOPNOTSUPP, "an unknown command");
	figure("netlink-floor", "unknown command, NLM_F_ACK", time_op(roundtrip_once, &rt, iterations), "ns");

	rt.req.len = 0;
	bench_msg_start(&rt.req, &rt.sock, GENL_ID_CTRL, 0, 1, CTRL_CMD_GETFAMILY);
	bench_msg_attr(&rt.req, CTRL_ATTR_FAMILY_NAME, HELLONL_FAMILY_NAME,
		       sizeof(HELLONL_FAMILY_NAME));
	bench_msg_end(&rt.req);
	roundtrip_check(&rt, GENL_ID_CTRL, 0, "nlctrl's GETFAMILY");
	figure("nlctrl-getfamily", "by name", time_op(roundtrip_once, &rt, iterations), "ns");

	roundtrip_request(&rt, HELLONL_CMD_GET, 0);
	roundtrip_check(&rt, hellonl_family, 0, "GET");
	figure("get", "", time_op(roundtrip_once, &rt, iterations), "ns");
	roundtrip_close(&rt);
}

static void legacy_get(void)
{
	struct roundtrip rt;

	roundtrip_open(&rt, HELLONL_LEGACY_PROTO, 1);
	bench_msg_start(&rt.req, &rt.sock, HELLONL_LEGACY_GET, 0, 0, 0);
	bench_msg_end(&rt.req);
	roundtrip_check(&rt, HELLONL_LEGACY_GET, 0, "a legacy GET");
	figure("legacy-get", "", time_op(roundtrip_once, &rt, iterations), "ns");
	roundtrip_close(&rt);
}

static void peer_get(void *arg)
{
	struct hellonl_bench_peer_entry entry;

	if (ioctl(*(int *)arg, HELLONL_BENCH_PEER_GET, &entry))
		bench_die("the peer's ioctl: %s", strerror(errno));
}

static void ioctl_peer(void)
{
	struct hellonl_bench_peer_entry entry;
	int fd = open("/dev/hellonl-bench-peer", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		bench_die("/dev/hellonl-bench-peer: %s: is hellonl_bench_peer loaded?",
			  strerror(errno));
	peer_get(&fd);
	if (ioctl(fd, HELLONL_BENCH_PEER_GET, &entry) || strcmp(entry.message, HELLONL_GREETING))
		bench_die("the peer answered \"%.*s\", not the greeting",
			  (int)sizeof(entry.message), entry.message);
	figure("ioctl-get", "", time_op(peer_get, &fd, iterations), "ns");
	close(fd);
}

/*
 * ECHO by payload size: up to the cap, where the reply still fits in a
 * page, and past it, refused after the netlink core has taken the request
 * in, to show what the cap spares.
 */
static void echo_sizes(void)
{
	static const size_t sizes[] = { 0, 64, 256, 1024, 2048, 3072, 4096, 8192 };
	static uint8_t payload[8192];
	struct roundtrip rt;
	char param[32];
	size_t i;

	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	memset(payload, 0x5a, sizeof(payload));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int refused = sizes[i] > HELLONL_ECHO_MAX;

		rt.req.len = 0;
		bench_msg_start(&rt.req, &rt.sock, hellonl_family, 0, 1, HELLONL_CMD_ECHO);
		bench_msg_attr(&rt.req, HELLONL_A_PAYLOAD, payload, sizes[i]);
		bench_msg_end(&rt.req);
		roundtrip_check(&rt, refused ? NLMSG_ERROR : hellonl_family,
				refused ? -ERANGE : 0, "an ECHO");
		snprintf(param, sizeof(param), "%zu%s", sizes[i], refused ? " refused" : "");
		figure("echo", param, time_op(roundtrip_once, &rt, iterations), "ns");
	}
	roundtrip_close(&rt);
}

/* K GETs in one datagram, their K replies read one recv(2) each, or at once. */
static void batches(void)
{
	static const unsigned int ks[] = { 1, 8, 64 };
	struct roundtrip rt;
	char param[32];
	unsigned int i, k;
	int mmsg;

	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		rt.req.len = 0;
		for (k = 0; k < ks[i]; k++) {
			bench_msg_start(&rt.req, &rt.sock, hellonl_family, 0, 1, HELLONL_CMD_GET);
			bench_msg_end(&rt.req);
		}
		rt.answers = ks[i];
		for (mmsg = 0; mmsg <= 1; mmsg++) {
			rt.mmsg = mmsg;
			roundtrip_check(&rt, hellonl_family, 0, "a batch of GETs");
			snprintf(param, sizeof(param), "K=%u %s", ks[i], mmsg ? "recvmmsg" : "recv");
			figure("batch-per-request", param,
			       time_op(roundtrip_once, &rt, iterations / ks[i] + 10) / ks[i], "ns");
		}
	}
	roundtrip_close(&rt);
}

void bench_requests(void)
{
	floors_and_families();
	legacy_get();
	ioctl_peer();
	echo_sizes();
	batches();
}
