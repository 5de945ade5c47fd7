// SPDX-License-Identifier: GPL-2.0
/*
 * Events: what a SET costs as its listeners grow, and whether a burst
 * loses any event without its listener being told.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../src/uapi/hellonl.h"
#include "bench.h"
#include "measure.h"

/* Read what @lis holds without waiting; the number of datagrams. */
static unsigned long drain(struct bench_sock *lis)
{
	static uint8_t buf[8192];
	unsigned long n = 0;

	while (recv(lis->fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		n++;
	if (errno != EAGAIN)
		bench_die("a listener: %s", strerror(errno));
	return n;
}

/*
 * SET with 0, 1, 8 and 64 listeners of the events group: the cost of a
 * SET, and of each event delivered, which is what a listener adds.
 */
static void fan_out(void)
{
	static const unsigned int counts[] = { 0, 1, 8, 64 };
	static struct bench_sock lis[64];
	/* Every listener holds every event of the run: 64 x 300 fit. */
	const unsigned long sets = 300;
	struct roundtrip rt;
	double base = 0, cost;
	char param[32];
	unsigned int i, l;

	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	roundtrip_set(&rt, "fan-out");
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		for (l = 0; l < counts[i]; l++) {
			bench_open(&lis[l], NETLINK_GENERIC);
			bench_rcvbuf(&lis[l], 8 << 20);
			bench_join(&lis[l], hellonl_events);
		}
		roundtrip_check(&rt, NLMSG_ERROR, 0, "a SET");
		for (l = 0; l < counts[i]; l++)
			drain(&lis[l]);
		cost = time_op(roundtrip_once, &rt, sets);
		/* Each listener got each event: nothing was lost, or the figure lies. */
		for (l = 0; l < counts[i]; l++) {
			unsigned long got = drain(&lis[l]);

			if (got != sets + sets / 10)
				bench_die("listener %u of %u got %lu events of %lu", l, counts[i],
					  got, sets + sets / 10);
			bench_close(&lis[l]);
		}
		snprintf(param, sizeof(param), "%u listener%s", counts[i], counts[i] == 1 ? "" : "s");
		figure("set", param, cost, "ns");
		if (!counts[i])
			base = cost;
		else
			figure("event-delivered", param, (cost - base) / counts[i], "ns");
	}
	roundtrip_close(&rt);
}

/* The monitor's output so far, NUL-terminated, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0;

	if (!f)
		return NULL;
	if (getdelim(&text, &len, '\0', f) < 0) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

/* The u64 after "@key": in @line, or 0. */
static unsigned long long json_u64(const char *line, const char *key)
{
	const char *at = strstr(line, key);

	return at ? strtoull(at + strlen(key), NULL, 10) : 0;
}

/* Wait until the monitor's output names @text in an event or a resync. */
static char *await_monitor(const char *path, const char *text)
{
	char needle[64];
	int tries;

	snprintf(needle, sizeof(needle), "\"message\":\"%s\"", text);
	for (tries = 0; tries < 6000; tries++) {
		char *out = slurp(path);

		if (out && strstr(out, needle))
			return out;
		free(out);
		usleep(10000);
	}
	bench_die("hellonl monitor never showed \"%s\"", text);
}

/*
 * A burst of SETs against hellonl monitor with its default receive
 * buffer: every event either arrives or is reported lost, none silently.
 */
static void burst_loss(unsigned long burst)
{
	const char *path = "/tmp/hellonl-bench-monitor.json";
	unsigned long long first, last, seq, received = 0, lost = 0, lo, hi;
	struct roundtrip rt;
	char *out, *copy, *line;
	unsigned long i, k;
	pid_t monitor;
	int fd;

	monitor = fork();
	if (monitor < 0)
		bench_die("fork: %s", strerror(errno));
	if (!monitor) {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(127);
		execlp("hellonl", "hellonl", "--json", "monitor", (char *)NULL);
		_exit(127);
	}
	roundtrip_open(&rt, NETLINK_GENERIC, 1);
	/* The monitor listens once it has seen a message set after its start. */
	for (i = 0; ; i++) {
		char *seen;

		roundtrip_set(&rt, "ready");
		roundtrip_check(&rt, NLMSG_ERROR, 0, "a SET");
		usleep(100000);
		seen = slurp(path);
		if (seen && strstr(seen, "\"message\":\"ready\""))
			break;
		free(seen);
		if (i == 600)
			bench_die("hellonl monitor heard nothing in a minute");
	}
	/* The burst: 64 SETs a datagram, no acks, as fast as they go. */
	rt.req.len = 0;
	for (k = 0; k < 64; k++) {
		bench_msg_start(&rt.req, &rt.sock, hellonl_family, 0, 1, HELLONL_CMD_SET);
		bench_msg_attr(&rt.req, HELLONL_A_MESSAGE, "burst", sizeof("burst"));
		bench_msg_end(&rt.req);
	}
	for (i = 0; i < burst / 64; i++)
		bench_send(&rt.sock, &rt.req);
	rt.req.len = 0;
	bench_msg_start(&rt.req, &rt.sock, hellonl_family, 0, 1, HELLONL_CMD_SET);
	bench_msg_attr(&rt.req, HELLONL_A_MESSAGE, "burst", sizeof("burst"));
	bench_msg_end(&rt.req);
	for (i = 0; i < burst % 64; i++)
		bench_send(&rt.sock, &rt.req);
	roundtrip_set(&rt, "end");
	roundtrip_check(&rt, NLMSG_ERROR, 0, "a SET");
	out = await_monitor(path, "end");
	kill(monitor, SIGTERM);
	waitpid(monitor, NULL, 0);
	roundtrip_close(&rt);

	/* The burst's numbers lie between the last "ready" and "end". */
	first = last = 0;
	copy = strdup(out);
	for (line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		if (strstr(line, "\"message\":\"ready\""))
			first = json_u64(line, "\"seq\":") + 1;
		if (strstr(line, "\"message\":\"end\""))
			last = json_u64(line, "\"seq\":") - 1;
	}
	free(copy);
	if (!first || last + 1 < first || last - first + 1 != burst)
		bench_die("the monitor's output puts the burst at seq %llu to %llu, not %lu messages",
			  first, last, burst);
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		if (strstr(line, "\"event\":\"changed\"")) {
			seq = json_u64(line, "\"seq\":");
			received += seq >= first && seq <= last;
		} else if (strstr(line, "\"event\":\"lost\"")) {
			lo = json_u64(line, "\"first_seq\":");
			hi = json_u64(line, "\"last_seq\":");
			lo = lo > first ? lo : first;
			hi = hi < last ? hi : last;
			lost += hi >= lo ? hi - lo + 1 : 0;
		}
	}
	free(out);
	figure("burst-sent", "", (double)burst, "events");
	figure("burst-received", "", (double)received, "events");
	figure("burst-reported-lost", "", (double)lost, "events");
	figure("burst-silently-lost", "", (double)burst - (double)received - (double)lost, "events");
}

void bench_events(void)
{
	fan_out();
	burst_loss(100000);
}
