// SPDX-License-Identifier: GPL-2.0
/*
 * The operations the fault injector walks, each in a fresh network
 * namespace of its own whose state is known: the family's commands,
 * joining the events group, making a namespace, and loading the module;
 * and those of what else the module serves in a namespace (services[]),
 * from files of their own. Each run either succeeds or fails cleanly (an
 * error in an ack, or a system call's errno), and leaves the state as the
 * outcome says: changed as asked, or not at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "faults.h"
#include "kmod.h"
/* BEGIN hellonl-only: the tutorial's protocol */
#include "legacy.h"
/* END hellonl-only */

#define RX_CAP	(256 * 1024)
/* What answer() and heard() return when the run went wrong, with c->why. */
#define BAD	(-100000)
#define MAX_GOT	256
#define LONG_MESSAGES	16

static struct {
	struct nl_sock s, lis, dump;
	struct family f;
	struct model base, now;
	bool models_ready;
	uint8_t rx[RX_CAP];
	struct nl_msg got[MAX_GOT];
	int ngot;
	int ko_fd;
	unsigned int refcnt;
} G = { .s.fd = -1, .lis.fd = -1, .dump.fd = -1, .ko_fd = -1 };

/* What else the module serves in a namespace (struct fault_service), then NULL. */
static const struct fault_service *const services[] = {
	/* BEGIN hellonl-only: the tutorial's protocol */
	&legacy_service,
	/* END hellonl-only */
	NULL
};

void fault_arm(struct fctx *c)
{
	char buf[16];
	int n = snprintf(buf, sizeof(buf), "%u", c->nth);

	c->injected = false;
	if (c->nth && pwrite(c->fail_nth_fd, buf, (size_t)n, 0) != n) {
		perror("hellonl-faults: fail-nth");
		exit(2);
	}
}

void fault_disarm(struct fctx *c)
{
	char buf[16] = "";

	if (!c->nth)
		return;
	if (pread(c->fail_nth_fd, buf, sizeof(buf) - 1, 0) <= 0) {
		perror("hellonl-faults: fail-nth");
		exit(2);
	}
	/* 0: the fault was injected. Otherwise stop it being injected later. */
	c->injected = atoi(buf) == 0;
	if (!c->injected && pwrite(c->fail_nth_fd, "0", 1, 0) != 1) {
		perror("hellonl-faults: fail-nth");
		exit(2);
	}
}

int wrong(struct fctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
	return -1;
}

/* Every answer queued by now: how many, or -errno of the socket. */
static int collect(struct nl_sock *s, int timeout_ms)
{
	size_t pos = 0;
	int n;

	G.ngot = 0;
	while ((n = nl_recv(s, G.rx + pos, RX_CAP - pos < 65536 ? RX_CAP - pos : 65536,
			    G.ngot ? 0 : timeout_ms)) > 0) {
		G.ngot += nl_split(G.rx + pos, (size_t)n, G.got + G.ngot, MAX_GOT - G.ngot);
		pos += NL_ALIGN4((size_t)n);
		if (pos > RX_CAP - 65536)
			break;
	}
	return n == -EAGAIN ? G.ngot : n;
}

static size_t request(uint8_t *buf, size_t cap, uint8_t cmd, uint16_t flags,
		      const char *message, const void *payload, size_t plen)
{
	static uint32_t seq;
	struct nl_buf b;
	size_t off;

	nb_init(&b, buf, cap);
	off = nb_msg_start(&b, G.f.id, NLM_F_REQUEST | flags, ++seq);
	nb_genl(&b, cmd, 1, 0);
	if (message)
		nb_attr_str(&b, HELLONL_A_MESSAGE, message);
	if (payload)
		nb_attr(&b, HELLONL_A_PAYLOAD, payload, plen);
	nb_msg_end(&b, off);
	return b.len;
}

/* The namespace's state, without faults: a STATS, then a GET. */
static int read_state(struct fctx *c, struct model *m)
{
	uint8_t buf[128];
	size_t len = request(buf, sizeof(buf), HELLONL_CMD_STATS, 0, NULL, NULL, 0);

	len += request(buf + len, sizeof(buf) - len, HELLONL_CMD_GET, 0, NULL, NULL, 0);
	if (nl_send(&G.s, buf, len) || collect(&G.s, 1000) != 2 ||
	    G.got[0].nlh->nlmsg_type != G.f.id || G.got[1].nlh->nlmsg_type != G.f.id)
		return wrong(c, "STATS and GET failed with no fault injected");
	model_adopt(m, &G.got[1], &G.got[0]);
	m->st.gets++;	/* the GET itself */
	return 0;
}

static const char *state_differs(const struct model *want, const struct model *got)
{
	if (strcmp(want->message, got->message) || want->seq != got->seq)
		return "the message or its sequence number";
	if (want->heartbeat_ms != got->heartbeat_ms)
		return "the heartbeat";
	if (want->st.gets != got->st.gets || want->st.sets != got->st.sets ||
	    want->st.echoes != got->st.echoes || want->st.refused != got->st.refused)
		return "a counter";
	if (got->st.events < want->st.events)
		return "the events counter, which went back";
	return NULL;
}

const struct model *state_before(void)
{
	return &G.base;
}

int judge(struct fctx *c, const struct model *to, bool changed, bool either)
{
	struct model asked = *to, before = G.base;
	const char *d;

	if (read_state(c, &G.now))
		return -1;
	/* The GET that read the state counts too. */
	asked.st.gets++;
	before.st.gets++;
	d = state_differs(changed ? &asked : &before, &G.now);
	if (d && either)
		d = state_differs(changed ? &before : &asked, &G.now);
	if (d)
		return wrong(c, "after %s: %s is not as %s", c->outcome, d,
			     either ? "before nor as asked" : changed ? "asked" : "before");
	G.base = G.now;
	return 0;
}

static void close_all(void)
{
	nl_close(&G.s);
	nl_close(&G.lis);
	nl_close(&G.dump);
	for (const struct fault_service *const *s = services; *s; s++)
		(*s)->close();
}

int fresh_ns(struct fctx *c, int messages)
{
	char text[HELLONL_MESSAGE_MAX + 1];
	uint8_t buf[512];
	int err;

	if (!G.models_ready) {
		model_init(&G.base, &G.f);
		model_init(&G.now, &G.f);
		G.models_ready = true;
	}
	close_all();
	if (unshare(CLONE_NEWNET))
		return -errno;
	err = nl_open(&G.s, NETLINK_GENERIC, 1 << 20);
	if (!err)
		err = family_resolve(&G.s, HELLONL_FAMILY_NAME, &G.f, false);
	if (err)
		return err;
	memset(text, 'm', HELLONL_MESSAGE_MAX);
	text[HELLONL_MESSAGE_MAX] = 0;
	for (int i = 0; i < messages; i++) {
		text[0] = (char)('A' + i % 26);
		if (nl_send(&G.s, buf, request(buf, sizeof(buf), HELLONL_CMD_SET,
					       NLM_F_ACK, text, NULL, 0)) ||
		    collect(&G.s, 1000) != 1 || nl_error_of(&G.got[0]))
			return wrong(c, "setting the messages failed");
	}
	return read_state(c, &G.base);
}

/* How a run's answer ended, for the report: "ok" or the error's name. */
static const char *outcome_of(int err)
{
	static char buf[32];

	if (!err)
		return "ok";
	snprintf(buf, sizeof(buf), "%s", strerrorname_np(-err) ?: "error");
	return buf;
}

/* ---- the family's commands ---- */

static int prep(struct fctx *c)
{
	return fresh_ns(c, 0);
}

static int prep_set_before(struct fctx *c)
{
	return fresh_ns(c, 1);
}

/* One request and its answers, the fault armed around the sending. */
static int exchange(struct fctx *c, struct nl_sock *s, const uint8_t *buf,
		    size_t len)
{
	int err, n;

	fault_arm(c);
	err = nl_send(s, buf, len);
	fault_disarm(c);
	if (err)
		return err;
	n = collect(s, 0);
	return n;
}

/* 1 for the reply of @type, the error of an NLMSG_ERROR, the socket's, or BAD. */
static int answer(struct fctx *c, int n, uint16_t type)
{
	int err;

	if (n < 0)
		return n;
	if (n != 1) {
		wrong(c, "%d answers", n);
		return BAD;
	}
	err = nl_error_of(&G.got[0]);
	if (err == 1 && G.got[0].nlh->nlmsg_type == type)
		return 1;
	if (err < 0)
		return err;
	wrong(c, err ? "an answer of type %u" : "an ack where a reply was due",
	      G.got[0].nlh->nlmsg_type);
	return BAD;
}

int ask(struct fctx *c, struct nl_sock *s, const void *buf, size_t len,
	uint16_t type, int *r)
{
	*r = answer(c, exchange(c, s, buf, len), type);
	if (*r == BAD)
		return -1;
	c->outcome = outcome_of(*r == 1 ? 0 : *r);
	return 0;
}

static int run_doit(struct fctx *c, uint8_t cmd, const void *payload, size_t plen)
{
	static uint8_t buf[HELLONL_ECHO_MAX + 64];
	struct model to = G.base;
	int r;

	if (ask(c, &G.s, buf, request(buf, sizeof(buf), cmd, 0, NULL, payload, plen),
		G.f.id, &r))
		return -1;
	if (cmd == HELLONL_CMD_GET)
		to.st.gets++;
	if (cmd == HELLONL_CMD_ECHO)
		to.st.echoes++;
	if (r == 1 && cmd == HELLONL_CMD_ECHO &&
	    (G.got[0].plen != NL_GENL_HDR + NLA_HDRLEN + plen ||
	     memcmp(G.got[0].payload + NL_GENL_HDR + NLA_HDRLEN, payload, plen)))
		return wrong(c, "ECHO: the payload came back changed");
	return judge(c, &to, r == 1, r == -ENOBUFS);
}

static int run_get(struct fctx *c)
{
	return run_doit(c, HELLONL_CMD_GET, NULL, 0);
}

static int run_stats(struct fctx *c)
{
	return run_doit(c, HELLONL_CMD_STATS, NULL, 0);
}

static int run_echo(struct fctx *c)
{
	static uint8_t payload[HELLONL_ECHO_MAX];

	memset(payload, 0xa5, sizeof(payload));
	return run_doit(c, HELLONL_CMD_ECHO, payload, sizeof(payload));
}

static int join(struct nl_sock *s)
{
	int group = (int)G.f.events_group;

	return setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group,
			  sizeof(group)) ? -errno : 0;
}

static int prep_listener(struct fctx *c)
{
	int err = fresh_ns(c, 1);

	if (!err)
		err = nl_open(&G.lis, NETLINK_GENERIC, 1 << 20);
	return err ? err : join(&G.lis);
}

/* The listener's answer to a SET: 1 an event, 0 none, -ENOBUFS, or BAD. */
static int heard(struct fctx *c, uint64_t seq)
{
	const struct nlattr *tb[HELLONL_A_MAX + 1];
	int n = collect(&G.lis, 0);

	if (n <= 0)
		return n;
	if (n != 1 || G.got[0].plen < NL_GENL_HDR || G.got[0].payload[0] != HELLONL_CMD_CHANGED) {
		wrong(c, "the listener got %d messages, not one CHANGED event", n);
		return BAD;
	}
	nla_index(G.got[0].payload + NL_GENL_HDR, G.got[0].plen - NL_GENL_HDR, tb,
		  HELLONL_A_MAX);
	if (nla_u64_of(tb[HELLONL_A_SEQ]) != seq) {
		wrong(c, "the event is of message %llu, not %llu",
		      (unsigned long long)nla_u64_of(tb[HELLONL_A_SEQ]),
		      (unsigned long long)seq);
		return BAD;
	}
	return 1;
}

static int run_set(struct fctx *c)
{
	static const char text[] = "set under fault injection";
	uint8_t buf[256];
	struct model to = G.base;
	bool listening = G.lis.fd >= 0;
	uint64_t before = G.base.st.events, rise;
	int r, ev = 0;

	r = exchange(c, &G.s, buf, request(buf, sizeof(buf), HELLONL_CMD_SET, NLM_F_ACK,
					   text, NULL, 0));
	if (r >= 0)
		r = r == 1 ? nl_error_of(&G.got[0]) : wrong(c, "%d answers to a SET", r);
	if (r == -1 || r == 1)
		return r == 1 ? wrong(c, "a SET answered with a message") : -1;
	c->outcome = outcome_of(r);
	strcpy(to.message, text);
	to.seq++;
	to.st.sets++;
	if (listening) {
		ev = heard(c, to.seq);
		if (ev == BAD)
			return -1;
		/*
		 * ENOBUFS says the socket lost a message (the ack, when
		 * the kernel could not allocate it), not that the SET failed.
		 */
		if (ev > 0 && r && r != -ENOBUFS)
			return wrong(c, "an event for a SET that failed with %s", c->outcome);
	}
	if (judge(c, &to, !r, r == -ENOBUFS))
		return -1;
	/*
	 * A message set reaches the listener: as its event, or as ENOBUFS
	 * when the event could not be built. Nothing would be a silent loss.
	 */
	if (listening && !ev && G.base.seq == to.seq)
		return wrong(c, "the message was set, but the listener heard neither its event nor ENOBUFS");
	/*
	 * An event counts when it was sent: then it came, or the kernel could
	 * not deliver it and the listener got ENOBUFS. One that could not be
	 * built is not counted, and its listener got ENOBUFS too.
	 */
	rise = G.base.st.events - before;
	if (listening && (ev > 0 ? rise != 1 : ev ? rise > 1 : rise != 0))
		return wrong(c, "events rose by %llu, the listener %s",
			     (unsigned long long)rise,
			     ev > 0 ? "heard the event" : ev ? "got ENOBUFS" : "heard nothing");
	if (!listening && G.base.st.events != before)
		return wrong(c, "events rose with nobody listening");
	return 0;
}

/* ---- HISTORY, with the fault in the Nth datagram's making ---- */

/*
 * The dump's own socket: one that never read with a large buffer, so that
 * the kernel makes each datagram of the dump no larger than a page.
 */
static int prep_history(struct fctx *c)
{
	int err = fresh_ns(c, LONG_MESSAGES);

	return err ? err : nl_open(&G.dump, NETLINK_GENERIC, 1 << 20);
}

static int read_refcnt(void)
{
	char buf[16] = "";
	int fd = open("/sys/module/hellonl/refcnt", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) < 0)
		buf[0] = 0;
	close(fd);
	return atoi(buf);
}

static unsigned int history_len(void)
{
	char buf[16] = "16";
	int fd = open("/sys/module/hellonl/parameters/history_len", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (read(fd, buf, sizeof(buf) - 1) < 0)
			buf[0] = 0;
		close(fd);
	}
	return (unsigned int)atoi(buf);
}

static int run_history_at(struct fctx *c, unsigned int datagram)
{
	uint8_t buf[64], rx[4096];
	unsigned int len = history_len();
	uint64_t next = G.base.seq < len ? 0 : G.base.seq - len + 1;
	int refcnt = read_refcnt(), n = 0, err = 0;
	bool done = false;

	/* A small buffer: each datagram of the dump is one page's worth. */
	if (!datagram)
		fault_arm(c);
	err = nl_send(&G.dump, buf, request(buf, sizeof(buf), HELLONL_CMD_HISTORY,
					 NLM_F_DUMP, NULL, NULL, 0));
	if (!datagram)
		fault_disarm(c);
	for (unsigned int d = 1; !err && !done; d++) {
		struct nl_msg msgs[32];
		int len, k;

		if (d == datagram)
			fault_arm(c);
		len = nl_recv(&G.dump, rx, sizeof(rx), 1000);
		if (d == datagram)
			fault_disarm(c);
		if (len == -EAGAIN && c->injected)
			break;	/* the dump stopped at the fault: the requester starts again */
		if (len < 0) {
			err = len;
			break;
		}
		n = nl_split(rx, (size_t)len, msgs, 32);
		for (k = 0; k < n && !done; k++) {
			const struct nlattr *tb[HELLONL_A_MAX + 1];
			int e = nl_error_of(&msgs[k]);

			if (msgs[k].nlh->nlmsg_type == NLMSG_DONE) {
				done = true;
			} else if (e != 1) {
				err = e;
				done = true;
			} else {
				nla_index(msgs[k].payload + NL_GENL_HDR,
					  msgs[k].plen - NL_GENL_HDR, tb, HELLONL_A_MAX);
				if (nla_u64_of(tb[HELLONL_A_SEQ]) != next++)
					return wrong(c, "HISTORY: entry %llu out of order",
						     (unsigned long long)next - 1);
			}
		}
	}
	c->outcome = done && !err ? "ok" : err ? outcome_of(err) : "stopped";
	if (done && !err && next != G.base.seq + 1)
		return wrong(c, "HISTORY: ended before entry %llu", (unsigned long long)G.base.seq);
	if (err && !c->injected)
		return wrong(c, "HISTORY failed with %s and no fault injected", c->outcome);
	/* A dump dropped half-way gives the module back. */
	nl_close(&G.dump);
	for (int i = 0; i < 200 && read_refcnt() != refcnt; i++)
		usleep(10000);
	if (read_refcnt() != refcnt)
		return wrong(c, "the module's refcount is %d, was %d before the dump",
			     read_refcnt(), refcnt);
	return 0;
}

static int run_history_0(struct fctx *c)
{
	return run_history_at(c, 0);
}

static int run_history_1(struct fctx *c)
{
	return run_history_at(c, 1);
}

/* ---- joining the events group ---- */

static int prep_join(struct fctx *c)
{
	int err = fresh_ns(c, 0);

	return err ? err : nl_open(&G.lis, NETLINK_GENERIC, 1 << 20);
}

static int run_join(struct fctx *c)
{
	uint8_t buf[128];
	int err, ev;

	fault_arm(c);
	err = join(&G.lis);
	fault_disarm(c);
	c->outcome = outcome_of(err);
	if (err && !c->injected)
		return wrong(c, "joining failed with %s and no fault injected", c->outcome);
	if (nl_send(&G.s, buf, request(buf, sizeof(buf), HELLONL_CMD_SET, NLM_F_ACK,
				       "after joining", NULL, 0)) ||
	    collect(&G.s, 1000) != 1 || nl_error_of(&G.got[0]))
		return wrong(c, "a SET after joining failed");
	ev = heard(c, G.base.seq + 1);
	if (ev == BAD)
		return -1;
	if (!err && ev != 1)
		return wrong(c, "joined, but the listener heard %s",
			     ev ? "an overrun" : "nothing");
	if (err && ev)
		return wrong(c, "joining failed with %s, but the listener heard the event",
			     c->outcome);
	return 0;
}

/* ---- making a network namespace ---- */

struct netns_result {
	int err;		/* of unshare() */
	bool injected;
	char why[512];		/* as c->why */
	char outcome[32];	/* how it ended, once unshare() succeeded */
};

static void netns_child(struct fctx *c, int out)
{
	struct netns_result r = { 0 };
	struct model m;
	char path[64];

	snprintf(path, sizeof(path), "/proc/thread-self/fail-nth");
	c->fail_nth_fd = open(path, O_RDWR | O_CLOEXEC);
	fault_arm(c);
	r.err = unshare(CLONE_NEWNET) ? -errno : 0;
	fault_disarm(c);
	r.injected = c->injected;
	if (!r.err) {
		model_init(&m, &G.f);
		close_all();
		if (nl_open(&G.s, NETLINK_GENERIC, 1 << 20) ||
		    family_resolve(&G.s, HELLONL_FAMILY_NAME, &G.f, false) ||
		    read_state(c, &m))
			snprintf(r.why, sizeof(r.why), "the new namespace has no family");
		else if (strcmp(m.message, HELLONL_GREETING) || m.st.gets != 1 ||
			 m.st.sets || m.st.echoes || m.st.events || m.st.refused)
			snprintf(r.why, sizeof(r.why), "the new namespace's state is not new");
		/* What else the module serves there; the first thing wrong is told. */
		c->outcome = "ok";
		for (const struct fault_service *const *s = services; *s; s++)
			if ((*s)->netns(c) && !r.why[0])
				snprintf(r.why, sizeof(r.why), "%s", c->why);
		snprintf(r.outcome, sizeof(r.outcome), "%s", c->outcome);
	}
	if (write(out, &r, sizeof(r)) != sizeof(r))
		_exit(1);
	_exit(0);
}

static int run_netns(struct fctx *c)
{
	static struct netns_result r;	/* c->outcome may point into it */
	int p[2], status;
	pid_t pid;

	if (pipe(p))
		return wrong(c, "pipe: %s", strerror(errno));
	fflush(stdout);
	pid = fork();
	if (!pid)
		netns_child(c, p[1]);
	close(p[1]);
	if (pid < 0 || read(p[0], &r, sizeof(r)) != sizeof(r)) {
		close(p[0]);
		return wrong(c, "the namespace's child failed");
	}
	close(p[0]);
	waitpid(pid, &status, 0);
	c->injected = r.injected;
	c->outcome = outcome_of(r.err);
	if (r.err)
		return c->injected ? 0 : wrong(c, "unshare failed with no fault injected");
	if (r.why[0])
		return wrong(c, "%s", r.why);
	c->outcome = r.outcome;
	return 0;
}

/* ---- loading the module ---- */

static const char *load_params(const struct fctx *c)
{
	return c->priv ? c->priv : "";
}

static int unload(struct fctx *c)
{
	for (int i = 0; i < 500; i++) {
		int err = kmod_unload();

		if (!err || err == -ENOENT)
			return kmod_present() ? wrong(c, "unloaded, yet /sys/module/hellonl is there") : 0;
		usleep(10000);
	}
	return wrong(c, "the module stays in use");
}

static int prep_load(struct fctx *c)
{
	close_all();
	if (unshare(CLONE_NEWNET))
		return -errno;
	if (G.ko_fd < 0) {
		G.ko_fd = open(c->ko, O_RDONLY | O_CLOEXEC);
		if (G.ko_fd < 0)
			return -errno;
	}
	if (!G.models_ready) {
		model_init(&G.base, &G.f);
		model_init(&G.now, &G.f);
		G.models_ready = true;
	}
	return unload(c);
}

static bool compressed(const char *ko)
{
	size_t n = strlen(ko);

	return n > 3 && strcmp(ko + n - 3, ".ko");
}

/* What else the module serves, as a load with @params leaves it. */
static int services_loaded(struct fctx *c, bool loaded, const char *params)
{
	for (const struct fault_service *const *s = services; *s; s++)
		if ((*s)->load(c, loaded, params))
			return -1;
	return 0;
}

/* The module as a load leaves it: there and serving, or gone entirely. */
static int check_loaded(struct fctx *c, bool want, const char *params)
{
	struct nl_sock s;
	int listed;

	if (nl_open(&s, NETLINK_GENERIC, 0))
		return wrong(c, "no netlink socket");
	listed = family_listed(&s, HELLONL_FAMILY_NAME);
	nl_close(&s);
	if (!want) {
		if (kmod_present() || listed)
			return wrong(c, "after a failed load: %s%s",
				     kmod_present() ? "/sys/module/hellonl is there; " : "",
				     listed ? "the family is registered; " : "");
		return services_loaded(c, false, params);
	}
	if (!kmod_present() || listed != 1)
		return wrong(c, "loaded, but %s", kmod_present() ? "no family" : "no /sys/module/hellonl");
	close_all();
	if (nl_open(&G.s, NETLINK_GENERIC, 1 << 20) ||
	    family_resolve(&G.s, HELLONL_FAMILY_NAME, &G.f, false) ||
	    read_state(c, &G.now))
		return wrong(c, "loaded, but GET and STATS fail");
	if (strcmp(G.now.message, HELLONL_GREETING) || G.now.st.sets)
		return wrong(c, "loaded, but the namespace's state is not new");
	return services_loaded(c, true, params);
}

static int run_load(struct fctx *c)
{
	const char *params = load_params(c);
	int err;

	fault_arm(c);
	err = kmod_load_fd(G.ko_fd, params, compressed(c->ko));
	fault_disarm(c);
	c->outcome = outcome_of(err);
	if (err && !c->injected)
		return wrong(c, "loading failed with %s and no fault injected", c->outcome);
	if (check_loaded(c, !err, params))
		return -1;
	if (!err)
		return 0;
	/* Every step of init was undone: a load without faults works. */
	err = kmod_load_fd(G.ko_fd, params, compressed(c->ko));
	if (err)
		return wrong(c, "after the failed load, loading fails with %s", outcome_of(err));
	return check_loaded(c, true, params);
}

void fault_ops_restore(void)
{
	close_all();
	for (int i = 0; i < 100 && kmod_present() && kmod_modprobe_remove(); i++)
		usleep(50000);
	kmod_modprobe(NULL);
}

const struct fop fault_ops[] = {
	{ "get", prep, run_get, NULL, false, false },
	{ "set-first", prep, run_set, NULL, false, false },
	{ "set", prep_set_before, run_set, NULL, false, false },
	{ "set-listened", prep_listener, run_set, NULL, false, false },
	{ "history-datagram-1", prep_history, run_history_0, NULL, false, false },
	{ "history-datagram-2", prep_history, run_history_1, NULL, false, false },
	{ "stats", prep, run_stats, NULL, false, false },
	{ "echo", prep, run_echo, NULL, false, false },
	/* BEGIN hellonl-only: the tutorial's protocol */
	{ "legacy-get", prep_legacy, run_legacy_get, NULL, false, false },
	{ "legacy-set", prep_legacy, run_legacy_set, NULL, false, false },
	/* END hellonl-only */
	{ "join-events", prep_join, run_join, NULL, false, false },
	{ "netns", prep, run_netns, NULL, false, true },
	{ "load", prep_load, run_load, NULL, true, true },
	{ "load-history_len", prep_load, run_load, "history_len=8", true, true },
	{ "load-heartbeat_ms", prep_load, run_load, "heartbeat_ms=1000", true, true },
	/* BEGIN hellonl-only: the tutorial's protocol */
	{ "load-legacy_proto", prep_load, run_load, "legacy_proto=27", true, true },
	/* END hellonl-only */
};
const unsigned int n_fault_ops = sizeof(fault_ops) / sizeof(fault_ops[0]);
