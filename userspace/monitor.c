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

#include "cli.h"
#include "json.h"
#include "output.h"
#include "text.h"

static const char usage[] =
	"usage: hellonl monitor [--count N] [--timeout SEC] [--rcvbuf BYTES]\n"
	"Print the events of this network namespace, one line each.\n"
	"  -c, --count N      exit after N events\n"
	"  -t, --timeout SEC  exit after SEC seconds\n"
	"      --rcvbuf BYTES size of the socket's receive buffer\n";

struct monitor {
	struct nl nl;
	const struct options *opt;
	unsigned long events;		/* printed so far */
	bool synced;			/* is last_seq known? */
	uint64_t last_seq;		/* of the newest message seen */
};

static void print_lost(struct monitor *m, uint64_t first, uint64_t last)
{
	if (m->opt->json) {
		struct json j;

		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_string(&j, "event", "lost");
		json_kv_u64(&j, "count", last - first + 1);
		json_kv_u64(&j, "first_seq", first);
		json_kv_u64(&j, "last_seq", last);
		json_object_end(&j);
	} else {
		printf("lost %llu events: seq %llu to %llu\n",
		       (unsigned long long)(last - first + 1),
		       (unsigned long long)first, (unsigned long long)last);
	}
}

/* A message event ("changed") or the answer to a resync ("current"). */
static void print_entry(struct monitor *m, const char *kind,
			const struct entry *e)
{
	char when[64];

	if (m->opt->json) {
		struct json j;

		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_string(&j, "event", kind);
		cli_json_entry(&j, e);
		json_object_end(&j);
	} else {
		text_time(e->time_ns, when, sizeof(when));
		printf("%s %-9s seq=%llu pid=%u uid=%u message=", when, kind,
		       (unsigned long long)e->seq, e->pid, e->uid);
		text_print_escaped(stdout, e->message, "");
		putchar('\n');
	}
}

static void print_heartbeat(struct monitor *m, const struct heartbeat *hb)
{
	char when[64];

	if (m->opt->json) {
		struct json j;

		text_time_iso(hb->time_ns, when, sizeof(when));
		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_string(&j, "event", "heartbeat");
		json_kv_u64(&j, "beat", hb->beat);
		json_kv_u64(&j, "seq", hb->seq);
		json_kv_u64(&j, "time_ns", hb->time_ns);
		json_kv_string(&j, "time", when);
		json_kv_u64(&j, "heartbeat_ms", hb->heartbeat_ms);
		json_object_end(&j);
	} else {
		text_time(hb->time_ns, when, sizeof(when));
		printf("%s %-9s beat=%llu seq=%llu\n", when, "heartbeat",
		       (unsigned long long)hb->beat,
		       (unsigned long long)hb->seq);
	}
}

/* Report the messages after the newest seen, up to @seq, as lost. */
static bool report_lost_upto(struct monitor *m, uint64_t seq)
{
	if (!m->synced || seq <= m->last_seq)
		return false;
	print_lost(m, m->last_seq + 1, seq);
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

/* Returns EXIT_OK to go on, or the exit code. */
static int handle(struct monitor *m, const struct nlmsghdr *nlh)
{
	struct heartbeat hb;
	struct entry e;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		if (msg_parse_error(nlh, &m->nl.error)) {
			errno = EBADMSG;
			return cli_failed("monitor");
		}
		return m->nl.error.error ?
		       cli_request_failed(&m->nl, NL_REFUSED, "monitor", NULL) :
		       EXIT_OK;
	}
	if (nlh->nlmsg_type != m->nl.family.id)
		return EXIT_OK;

	switch (msg_cmd(nlh)) {
	case HELLONL_CMD_CHANGED:
		if (msg_parse_entry(nlh, &e))
			break;
		if (e.seq)
			report_lost_upto(m, e.seq - 1);
		seen(m, e.seq);
		print_entry(m, "changed", &e);
		m->events++;
		return EXIT_OK;
	case HELLONL_CMD_HEARTBEAT:
		if (msg_parse_heartbeat(nlh, &hb))
			break;
		print_heartbeat(m, &hb);
		m->events++;
		return EXIT_OK;
	case HELLONL_CMD_GET:
		/* The first answer only says where counting starts. */
		if (msg_parse_entry(nlh, &e))
			break;
		if (report_lost_upto(m, e.seq))
			print_entry(m, "current", &e);
		seen(m, e.seq);
		return EXIT_OK;
	default:
		return EXIT_OK;
	}
	errno = EBADMSG;
	return cli_failed("monitor: malformed event");
}

static int now_ms(long long *ms)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return -1;
	*ms = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
	return 0;
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
	bool ask = true;	/* for the current message, once drained */
	int out_fd = STDOUT_FILENO;
	int ret = EXIT_OK;

	while (!ret && !output_failed() && (!count || m->events < count)) {
		struct pollfd pfd[] = {
			{ .fd = nl_fd(&m->nl), .events = POLLIN },
			{ .fd = out_fd },
		};
		const struct nlmsghdr *nlh;
		int len, wait = -1;
		long long now;

		if (deadline >= 0) {
			if (now_ms(&now))
				return cli_failed("monitor: clock");
			if (now >= deadline)
				break;
			wait = deadline - now;
		}
		if (poll(pfd, 2, ask ? 0 : wait) < 0) {
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
		if (!pfd[0].revents) {
			if (ask)
				ret = ask_current(m);
			ask = false;
			continue;
		}

		/* An overflow shows as POLLERR, and recv reports it. */
		len = mnl_socket_recvfrom(m->nl.sock, m->nl.buf, NL_ANSWER_SIZE);
		if (len < 0 && errno == ENOBUFS) {
			ask = true;
			continue;
		}
		if (len < 0)
			return cli_failed("monitor: receive");
		for (nlh = m->nl.buf; mnl_nlmsg_ok(nlh, len) && !ret &&
		     !output_failed() && (!count || m->events < count);
		     nlh = mnl_nlmsg_next(nlh, &len))
			ret = handle(m, nlh);
	}
	return ret;
}

int cmd_monitor(int argc, char **argv, const struct options *opt)
{
	static const struct option longopts[] = {
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

	while ((c = getopt_long(argc, argv, "c:t:h", longopts, NULL)) != -1) {
		switch (c) {
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
	if (opt->legacy)
		return cli_usage_error("monitor",
				       "the legacy protocol has no events");

	if (timeout) {
		if (now_ms(&deadline))
			return cli_failed("monitor: clock");
		deadline += timeout * 1000LL;
	}
	/* Whoever reads the output should see each event as it happens. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	ret = cli_connect(&m.nl);
	if (ret)
		return ret;
	if (nl_subscribe(&m.nl))
		ret = cli_failed("monitor: cannot join the events group");
	else if (rcvbuf && setsockopt(nl_fd(&m.nl), SOL_SOCKET, SO_RCVBUF,
				      &(int){ rcvbuf }, sizeof(int)))
		ret = cli_failed("monitor: cannot size the receive buffer");
	else
		ret = run(&m, count, deadline);
	nl_close(&m.nl);
	return ret;
}
