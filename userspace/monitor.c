// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl monitor: print the events of this network namespace as they come.
 *
 * Events carry sequence numbers, so a gap shows that some were lost. When
 * the socket overflows (ENOBUFS) the tail of a burst can be lost with no
 * later event to reveal the gap, so the monitor then reads what the socket
 * still holds and asks for the current message on the same socket: the
 * answer is queued behind every event sent before it, and its sequence
 * number says exactly how many never arrived.
 *
 * The same socket listens to nlctrl, which announces every family that is
 * registered or unregistered: so the monitor sees the module go, after the
 * last of its events, and with --follow sees it come back. A module loaded
 * again has a new state, numbered from 0, and maybe a new family id and
 * events group: the monitor joins the new group, says that it resyncs, and
 * asks for the current message as after an overflow.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "cli.h"
#include "monitor.h"
#include "output.h"

static const char usage[] =
	"usage: hellonl monitor [--follow] [--count N] [--timeout SEC] [--rcvbuf BYTES]\n"
	"Print the events of this network namespace, one line each.\n"
	"  -f, --follow       when the module is unloaded, wait for it to come\n"
	"                     back, and go on; otherwise exit with status 3\n"
	"  -c, --count N      exit after N changed or heartbeat events\n"
	"  -t, --timeout SEC  exit after SEC seconds\n"
	"      --rcvbuf BYTES size of the socket's receive buffer\n";

struct monitor {
	struct nl nl;			/* events and nlctrl's news, in order */
	const struct options *opt;
	bool follow;			/* --follow */
	unsigned long events;		/* changed and heartbeat, printed */
	bool gone;			/* the family is unregistered (--follow) */
	bool ask;			/* for the current message, once drained */
	bool announce;			/* print its answer whatever its seq */
	bool synced;			/* is last_seq known? */
	uint64_t last_seq;		/* of the newest message seen */
};

/* Report the messages after the newest seen, up to @seq, as lost. */
static bool report_lost_upto(struct monitor *m, uint64_t seq)
{
	if (!m->synced || seq <= m->last_seq)
		return false;
	monitor_print_lost(m->opt->json, m->last_seq + 1, seq);
	return true;
}

static void seen(struct monitor *m, uint64_t seq)
{
	if (!m->synced || seq > m->last_seq)
		m->last_seq = seq;
	m->synced = true;
}

static int ask_current(struct monitor *m)
{
	const struct nlmsghdr *req;

	req = msg_get(m->nl.req, &m->nl.family, nl_next_seq(&m->nl));
	if (nl_send(&m->nl, req))
		return cli_failed("monitor: cannot ask for the current message");
	return EXIT_OK;
}

static int malformed(void)
{
	errno = EBADMSG;
	return cli_failed("monitor: malformed event");
}

/* The family is registered again, as @f: follow it from its start. */
static int family_back(struct monitor *m, const struct family *f)
{
	m->nl.family = *f;
	m->gone = false;
	if (nl_subscribe(&m->nl))
		return cli_failed("monitor: cannot join the events group");
	monitor_print_resync(m->opt->json);
	m->announce = true;
	m->ask = true;
	return EXIT_OK;
}

/*
 * While the family is gone, see whether it is back already: its
 * NEWFAMILY may have been lost in an overflow, and would then never come.
 */
static int look_for_family(struct monitor *m)
{
	struct family f;

	if (nl_find_family(&f))
		return errno == ENOENT ? EXIT_OK :
		       cli_failed("monitor: cannot look up the hellonl family");
	return family_back(m, &f);
}

/*
 * The family is unregistered: the module was unloaded, and with it the
 * state its events numbered. The kernel has dropped this socket from the
 * family's groups.
 */
static int family_gone(struct monitor *m)
{
	if (m->gone)
		return EXIT_OK;
	if (!m->follow) {
		fflush(stdout);
		fprintf(stderr,
			"hellonl: monitor: the hellonl module was unloaded\n");
		return EXIT_NO_MODULE;
	}
	m->gone = true;
	m->synced = false;
	m->ask = false;
	monitor_print_unloaded(m->opt->json);
	return look_for_family(m);
}

/*
 * nlctrl's news of a family. Each registration of hellonl has its own
 * family id, so news of one the monitor no longer follows, which it
 * learned of later than a dump did, is old news.
 */
static int on_family_news(struct monitor *m, const struct nlmsghdr *nlh)
{
	int cmd = msg_cmd(nlh);
	struct family f;
	bool match;
	int ret;

	if (cmd != CTRL_CMD_NEWFAMILY && cmd != CTRL_CMD_DELFAMILY)
		return EXIT_OK;
	if (msg_parse_family(nlh, HELLONL_FAMILY_NAME, &f, &match))
		return malformed();
	if (!match)
		return EXIT_OK;
	if (cmd == CTRL_CMD_DELFAMILY)
		return f.id == m->nl.family.id ? family_gone(m) : EXIT_OK;

	if (!m->gone && f.id == m->nl.family.id)
		return EXIT_OK;
	/*
	 * A new registration. If the monitor still followed the old one,
	 * its going was lost in an overflow; family_gone() then looks for
	 * the family, and may have found it back already.
	 */
	ret = family_gone(m);
	if (ret || !m->gone)
		return ret;
	return family_back(m, &f);
}

/*
 * An error can only answer a GET. Only the last GET's counts: an earlier
 * one asked a registration that is gone. genetlink answers a family id it
 * does not know with ENOENT: gone too, its DELFAMILY perhaps lost in an
 * overflow, or still on its way.
 */
static int on_error(struct monitor *m, const struct nlmsghdr *nlh)
{
	if (msg_parse_error(nlh, &m->nl.error))
		return malformed();
	if (!m->nl.error.error || nlh->nlmsg_seq != m->nl.seq)
		return EXIT_OK;
	if (m->nl.error.error == ENOENT)
		return family_gone(m);
	return cli_request_failed(&m->nl, NL_REFUSED, "monitor", NULL);
}

/* Returns EXIT_OK to go on, or the exit code. */
static int handle(struct monitor *m, const struct nlmsghdr *nlh)
{
	struct heartbeat hb;
	struct entry e;

	if (nlh->nlmsg_type == NLMSG_ERROR)
		return on_error(m, nlh);
	if (nlh->nlmsg_type == GENL_ID_CTRL)
		return on_family_news(m, nlh);
	if (m->gone || nlh->nlmsg_type != m->nl.family.id)
		return EXIT_OK;

	switch (msg_cmd(nlh)) {
	case HELLONL_CMD_CHANGED:
		if (msg_parse_entry(nlh, &e))
			return malformed();
		if (e.seq)
			report_lost_upto(m, e.seq - 1);
		seen(m, e.seq);
		monitor_print_entry(m->opt->json, "changed", &e);
		m->events++;
		break;
	case HELLONL_CMD_HEARTBEAT:
		if (msg_parse_heartbeat(nlh, &hb))
			return malformed();
		monitor_print_heartbeat(m->opt->json, &hb);
		m->events++;
		break;
	case HELLONL_CMD_GET:
		/*
		 * The first answer only says where counting starts, unless
		 * the module came back: then it is the state it came with.
		 */
		if (msg_parse_entry(nlh, &e))
			return malformed();
		if (report_lost_upto(m, e.seq) || m->announce)
			monitor_print_entry(m->opt->json, "current", &e);
		m->announce = false;
		seen(m, e.seq);
		break;
	}
	return EXIT_OK;
}

static int now_ms(long long *ms)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return -1;
	*ms = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
	return 0;
}

/* Read the socket once it has something; returns EXIT_OK to go on. */
static int receive(struct monitor *m, unsigned long count)
{
	const struct nlmsghdr *nlh;
	int len, ret = EXIT_OK;

	/* An overflow shows as POLLERR, and recv reports it. */
	len = mnl_socket_recvfrom(m->nl.sock, m->nl.buf, NL_ANSWER_SIZE);
	if (len < 0 && errno == ENOBUFS) {
		if (m->gone)
			return look_for_family(m);
		m->ask = true;
		return EXIT_OK;
	}
	if (len < 0)
		return cli_failed("monitor: receive");
	for (nlh = m->nl.buf; mnl_nlmsg_ok(nlh, len) && !ret &&
	     !output_failed() && (!count || m->events < count);
	     nlh = mnl_nlmsg_next(nlh, &len))
		ret = handle(m, nlh);
	return ret;
}

/*
 * Read events until @count of them or the deadline. After an overflow the
 * socket is drained first and only then asked for the current message:
 * asked while the buffer is still full, the answer would be dropped too.
 *
 * stdout is watched too, for the moment its reader leaves: a pipe whose
 * reader has closed reports POLLERR, a hung-up terminal POLLHUP, without
 * being asked. The monitor then ends at once, rather than at the next
 * event, which may be hours away.
 */
static int run(struct monitor *m, unsigned long count, long long deadline)
{
	int out_fd = STDOUT_FILENO;
	int ret = EXIT_OK;

	m->ask = true;
	while (!ret && !output_failed() && (!count || m->events < count)) {
		struct pollfd pfd[] = {
			{ .fd = nl_fd(&m->nl), .events = POLLIN },
			{ .fd = out_fd },
		};
		int wait = -1;
		long long now;

		if (deadline >= 0) {
			if (now_ms(&now))
				return cli_failed("monitor: clock");
			if (now >= deadline)
				break;
			wait = deadline - now;
		}
		if (poll(pfd, 2, m->ask ? 0 : wait) < 0) {
			if (errno == EINTR)
				continue;
			return cli_failed("monitor: poll");
		}
		if (pfd[1].revents & (POLLERR | POLLHUP)) {
			output_reader_left();
			break;
		}
		/* stdout is not open: the first write will say so. */
		if (pfd[1].revents & POLLNVAL)
			out_fd = -1;
		if (pfd[0].revents) {
			ret = receive(m, count);
		} else if (m->ask) {
			m->ask = false;
			ret = ask_current(m);
		}
	}
	return ret;
}

int cmd_monitor(int argc, char **argv, const struct options *opt)
{
	static const struct option longopts[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "rcvbuf", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	struct monitor m = { .opt = opt };
	unsigned long count = 0, timeout = 0, rcvbuf = 0;
	long long deadline = -1;
	int c, ret;

	while ((c = getopt_long(argc, argv, "fc:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			m.follow = true;
			break;
		case 'c':
			if (!cli_parse_uint(optarg, ~0UL, &count) || !count)
				return cli_usage_error("monitor",
						       "--count takes a positive number, not '%s'",
						       optarg);
			break;
		case 't':
			if (!cli_parse_uint(optarg, 86400 * 365, &timeout))
				return cli_usage_error("monitor",
						       "--timeout takes a number of seconds, not '%s'",
						       optarg);
			break;
		case 'r':
			if (!cli_parse_uint(optarg, 1 << 30, &rcvbuf))
				return cli_usage_error("monitor",
						       "--rcvbuf takes a number of bytes, not '%s'",
						       optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("monitor", NULL);
		}
	}
	if (optind != argc)
		return cli_usage_error("monitor", "monitor takes no arguments");
	if (timeout) {
		if (now_ms(&deadline))
			return cli_failed("monitor: clock");
		deadline += timeout * 1000LL;
	}
	/* Whoever reads the output should see each event as it happens. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (nl_open(&m.nl, NETLINK_GENERIC))
		return cli_failed("monitor: cannot open a netlink socket");
	/*
	 * Watch the families before looking for hellonl, so that its going
	 * is announced on this socket, however soon after the look.
	 */
	if (nl_watch_families(&m.nl))
		ret = cli_failed("monitor: cannot watch the families");
	else if (nl_find_family(&m.nl.family))
		ret = cli_family_missing();
	else if (nl_subscribe(&m.nl))
		ret = cli_failed("monitor: cannot join the events group");
	else if (rcvbuf && setsockopt(nl_fd(&m.nl), SOL_SOCKET, SO_RCVBUF,
				      &(int){ rcvbuf }, sizeof(int)))
		ret = cli_failed("monitor: cannot size the receive buffer");
	else
		ret = run(&m, count, deadline);
	nl_close(&m.nl);
	return ret;
}
