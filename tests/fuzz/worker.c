// SPDX-License-Identifier: GPL-2.0
/*
 * A worker: one kind of sender (root, an unprivileged user, the root of a
 * user namespace of its own) in a network namespace of its own, sending the
 * generator's datagrams and holding every answer against its model of the
 * namespace. Root also sends some to the initial namespace, whose state
 * nobody models: there only the shape of the answers is checked.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"
#include "model.h"

#define TX_CAP		(96 * 1024)
#define RX_CAP		(4 * 1024 * 1024)
#define MAX_GOT		4096
#define CHECK_EVERY	8

struct worker {
	struct shared *sh;
	const struct fuzz_opts *o;
	enum worker_kind kind;
	struct worker_result *res;
	struct family fam;
	struct model m;		/* its own namespace */
	struct model init_m;	/* the initial one: root only, not modelled */
	struct gen gen;
	struct rng where;	/* which namespace a datagram goes to */
	struct nl_sock sock, init_sock;
	/*
	 * A socket that only ever reads a page at a time: the kernel then
	 * makes its dumps a page a datagram, and they run across the rest of
	 * their datagram's requests.
	 */
	struct nl_sock small;
	int own_ns, init_ns;
	uint64_t cur_gen;
	bool synced;
	/* By protos[]: the netlink protocol its parameter says; 0, off. */
	uint32_t number[MAX_PROTOS];
	uint8_t *tx, *rx;
	struct nl_msg got[MAX_GOT];
	struct exp exp[MODEL_MAX_EXP];
	unsigned int reported;
	/* nlmsg_seq of the worker's own checks, apart from the generator's */
	uint32_t check_seq;
};

static uint32_t read_param(const char *name, uint32_t fallback)
{
	char path[128], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/module/hellonl/parameters/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fallback;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return fallback;
	buf[n] = 0;
	return (uint32_t)strtoul(buf, NULL, 0);
}

/* Become the worker's kind of sender, in a namespace of its own. */
static void become(struct worker *w)
{
	w->init_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	switch (w->kind) {
	case W_ROOT:
		if (unshare(CLONE_NEWNET))
			goto fail;
		break;
	case W_USER:
		if (unshare(CLONE_NEWNET) || drop_to_nobody())
			goto fail;
		break;
	case W_USERNS:
		if (drop_to_nobody() || userns_enter())
			goto fail;
		break;
	default:
		break;
	}
	w->own_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	return;
fail:
	perror("hellonl-fuzz: becoming the sender");
	exit(2);
}

static void open_sock(struct worker *w, struct nl_sock *s)
{
	int err = nl_open(s, NETLINK_GENERIC, 4 << 20);

	if (err) {
		fprintf(stderr, "hellonl-fuzz: %s: netlink socket: %s\n",
			worker_names[w->kind], strerror(-err));
		exit(2);
	}
}

static void listen_view(struct worker *w, struct listen_view *v)
{
	struct shared *sh = w->sh;
	uint64_t e;

	do {
		e = atomic_load(&sh->listen_epoch);
		v->maybe = v->sure = 0;
		for (int i = 0; i <= N_WORKERS; i++) {
			if (i != (int)w->kind)
				continue;
			v->maybe += atomic_load(&sh->listen[i].maybe);
			if (atomic_load(&sh->listen[i].joined_gen) == w->cur_gen)
				v->sure += atomic_load(&sh->listen[i].sure);
		}
	} while (e != atomic_load(&sh->listen_epoch));
	v->epoch = e;
}

/*
 * Read the answers to one datagram: those queued by now, and a dump's until
 * it ends. Returns how many, or -errno of the socket.
 */
static int collect(struct worker *w, struct nl_sock *s, const struct exp *e,
		   int ne)
{
	size_t chunk = s == &w->small ? 4096 : 65536;
	size_t pos = 0;
	int ngot = 0, open = 0, i;
	double until = 0;

	for (i = 0; i < ne; i++)
		open += e[i].kind == EXP_DUMP;
	for (;;) {
		int timeout = open ? 200 : 0;
		int n = nl_recv(s, w->rx + pos, chunk, timeout);

		if (n == -EAGAIN) {
			if (!open)
				break;
			if (!until)
				until = now_s() + 5;
			if (now_s() > until)
				break;
			continue;
		}
		if (n < 0)
			return n;
		int got = nl_split(w->rx + pos, (size_t)n, w->got + ngot, MAX_GOT - ngot);

		for (i = ngot; i < ngot + got; i++) {
			const struct nlmsghdr *h = w->got[i].nlh;

			if (h->nlmsg_type != NLMSG_DONE && h->nlmsg_type != NLMSG_ERROR)
				continue;
			for (int k = 0; k < ne; k++)
				if (e[k].kind == EXP_DUMP && e[k].seq == h->nlmsg_seq) {
					open--;
					break;
				}
		}
		ngot += got;
		pos += NL_ALIGN4((size_t)n);
		if (pos > RX_CAP - 65536 || ngot >= MAX_GOT)
			break;
	}
	return ngot;
}

static void report(struct worker *w, uint64_t datagram, unsigned int proto,
		   bool in_init, const uint8_t *tx, size_t len, const struct exp *e,
		   int ne, int ngot, const struct verdict *v)
{
	const struct model *m = in_init ? &w->init_m : &w->m;
	char line[512];

	if (w->reported++ >= w->o->max_reports)
		return;
	flockfile(stderr);
	fprintf(stderr, "hellonl-fuzz: VIOLATION: seed %llu, worker %s, datagram %llu (%s, %s): %s\n",
		(unsigned long long)w->o->seed, worker_names[w->kind],
		(unsigned long long)datagram, protos[proto]->name,
		in_init ? "the initial namespace" : "its own namespace", v->why);
	fprintf(stderr, "  request, %zu bytes:\n", len);
	hexdump("    ", tx, len);
	fprintf(stderr, "  expected:\n");
	for (int i = 0; i < ne; i++) {
		exp_describe(m, &e[i], line, sizeof(line));
		fprintf(stderr, "    %s\n", line);
	}
	fprintf(stderr, "  got:\n");
	for (int i = 0; i < ngot; i++) {
		msg_describe(&w->got[i], line, sizeof(line));
		fprintf(stderr, "    %s\n", line);
		hexdump("      ", w->got[i].nlh,
			w->got[i].nlh->nlmsg_len < 256 ? w->got[i].nlh->nlmsg_len : 256);
	}
	funlockfile(stderr);
}

/* A GET and a STATS, answered as the model says: the state is the model's. */
static size_t build_check(struct worker *w, uint8_t *buf)
{
	struct nl_buf b;
	size_t off;

	nb_init(&b, buf, 256);
	off = nb_msg_start(&b, w->fam.id, NLM_F_REQUEST, ++w->check_seq);
	nb_genl(&b, HELLONL_CMD_GET, 1, 0);
	nb_msg_end(&b, off);
	off = nb_msg_start(&b, w->fam.id, NLM_F_REQUEST, ++w->check_seq);
	nb_genl(&b, HELLONL_CMD_STATS, 1, 0);
	nb_msg_end(&b, off);
	return b.len;
}

/* Find the family again and take the namespace's state as it is. */
static void resync(struct worker *w)
{
	uint8_t req[256];

	for (;;) {
		struct listen_view before;
		uint64_t g = gen_stable(w->sh);
		int n, err;

		err = family_resolve(&w->sock, HELLONL_FAMILY_NAME, &w->fam, true);
		if (err) {
			usleep(20000);
			continue;
		}
		w->m.history_len = read_param("history_len", 16);
		w->m.first_seq = read_param("first_seq", 0);
		for (unsigned int i = 0; protos[i]; i++)
			if (protos[i]->param)
				w->number[i] = read_param(protos[i]->param, protos[i]->number);
		listen_view(w, &before);
		n = (int)build_check(w, req);
		if (nl_send(&w->sock, req, (size_t)n))
			continue;
		n = collect(w, &w->sock, NULL, 0);
		if (atomic_load(&w->sh->gen) != g)
			continue;
		if (n != 2 || w->got[0].nlh->nlmsg_type != w->fam.id ||
		    w->got[1].nlh->nlmsg_type != w->fam.id) {
			fprintf(stderr, "hellonl-fuzz: %s: GET and STATS failed while the module stayed: %d answers\n",
				worker_names[w->kind], n);
			usleep(100000);
			continue;
		}
		model_adopt(&w->m, &w->got[0], &w->got[1]);
		w->m.ev_epoch = before.epoch;
		w->m.ev_epoch_valid = true;
		w->cur_gen = g;
		w->synced = true;
		w->res->resyncs++;
		return;
	}
}

/*
 * Does the kernel check genlmsghdr.reserved and nlmsg_flags (6.1 and
 * later)? A GET with a reserved field answers.
 */
static bool probe_header_check(struct worker *w)
{
	uint8_t buf[64];
	struct nl_buf b;
	size_t off;
	int n;

	for (;;) {
		nb_init(&b, buf, sizeof(buf));
		off = nb_msg_start(&b, w->fam.id, NLM_F_REQUEST, ++w->check_seq);
		nb_genl(&b, HELLONL_CMD_GET, 1, 1);
		nb_msg_end(&b, off);
		if (!nl_send(&w->sock, b.data, b.len) &&
		    (n = collect(w, &w->sock, NULL, 0)) == 1) {
			if (nl_error_of(&w->got[0]) == -EINVAL)
				return true;
			if (w->got[0].nlh->nlmsg_type == w->fam.id)
				return false;
		}
		resync(w);
	}
}

/*
 * Does the core look for a command's dump before it checks permissions
 * (6.2 and later)? A dump of SET answers: EOPNOTSUPP there, EPERM before
 * for a sender without the permission; the same either way for one with
 * it, so the answer does not matter there.
 */
static bool probe_cap_first(struct worker *w)
{
	uint8_t buf[64];
	struct nl_buf b;
	size_t off;

	for (;;) {
		nb_init(&b, buf, sizeof(buf));
		off = nb_msg_start(&b, w->fam.id, NLM_F_REQUEST | NLM_F_DUMP,
				   ++w->check_seq);
		nb_genl(&b, HELLONL_CMD_SET, 1, 0);
		nb_msg_end(&b, off);
		if (!nl_send(&w->sock, b.data, b.len) &&
		    collect(w, &w->sock, NULL, 0) == 1) {
			if (nl_error_of(&w->got[0]) == -EOPNOTSUPP)
				return true;
			if (nl_error_of(&w->got[0]) == -EPERM)
				return false;
		}
		resync(w);
	}
}

/* Send a datagram of protos[@proto] and read its answers: how many, or -errno. */
static int exchange(struct worker *w, unsigned int proto, bool in_init,
		    bool small, const uint8_t *tx, size_t len,
		    const struct exp *e, int ne)
{
	struct nl_sock ls, *s = in_init ? &w->init_sock : small ? &w->small : &w->sock;
	int n, err;

	if (!protos[proto]->param) {
		err = nl_send(s, tx, len);
		return err ? err : collect(w, s, e, ne);
	}
	/*
	 * A socket of a protocol that the module itself registers holds the
	 * module, which could then never unload: open it only for the
	 * exchange.
	 */
	if (in_init && setns(w->init_ns, CLONE_NEWNET))
		return -errno;
	err = nl_open(&ls, (int)w->number[proto], 1 << 20);
	if (in_init && setns(w->own_ns, CLONE_NEWNET)) {
		perror("hellonl-fuzz: setns");
		exit(2);
	}
	if (err)
		return err;
	err = nl_send(&ls, tx, len);
	n = err ? err : collect(w, &ls, e, ne);
	nl_close(&ls);
	return n;
}

/* One datagram: sent, answered, checked. Returns false to resync. */
static bool one(struct worker *w, const uint8_t *tx, size_t len,
		unsigned int proto, bool in_init, bool small, uint64_t datagram)
{
	struct model *m = in_init ? &w->init_m : &w->m;
	struct listen_view before, after;
	struct verdict v;
	int ne, n;

	ne = protos[proto]->model(m, tx, len, w->exp, MODEL_MAX_EXP);
	listen_view(w, &before);
	n = exchange(w, proto, in_init, small, tx, len, w->exp, ne);
	listen_view(w, &after);
	if (atomic_load(&w->sh->gen) != w->cur_gen) {
		w->res->overlapped++;
		return false;
	}
	if (n < 0) {
		if (n == -ENOBUFS) {	/* the receive buffer overran: not the module's */
			w->res->overlapped++;
			return false;
		}
		snprintf(v.why, sizeof(v.why), "the exchange failed: %s", strerror(-n));
		v.violations = 1;
		n = 0;
	} else {
		model_check(m, w->exp, ne, w->got, n, &before, &after, &v);
	}
	w->res->checks += (uint64_t)v.checks;
	if (!v.violations)
		return true;
	w->res->violations += (uint64_t)v.violations;
	report(w, datagram, proto, in_init, tx, len, w->exp, ne, n, &v);
	/* Whatever is left on the sockets goes with them. */
	nl_close(in_init ? &w->init_sock : &w->sock);
	open_sock(w, in_init ? &w->init_sock : &w->sock);
	nl_close(&w->small);
	open_sock(w, &w->small);
	return false;
}

static bool check_state(struct worker *w, uint64_t datagram)
{
	uint8_t req[256];
	size_t len = build_check(w, req);

	return one(w, req, len, PROTO_GENL, false, false, datagram);
}

int worker_main(struct shared *sh, enum worker_kind kind, uint64_t quota,
		const struct fuzz_opts *o)
{
	struct worker *w = calloc(1, sizeof(*w));
	uint64_t sent = 0, datagram = 0;
	double start = now_s();
	uint8_t kinds[64];

	if (!w || !(w->tx = malloc(TX_CAP)) || !(w->rx = malloc(RX_CAP))) {
		perror("hellonl-fuzz: malloc");
		return 2;
	}
	w->sh = sh;
	w->o = o;
	w->kind = kind;
	w->res = &sh->res[kind];
	w->check_seq = 0x80000000u;
	if (kind == W_ROOT)
		open_sock(w, &w->init_sock);
	become(w);
	open_sock(w, &w->sock);
	open_sock(w, &w->small);

	model_init(&w->m, &w->fam);
	w->m.admin = kind != W_USER;
	w->m.init_admin = kind == W_ROOT;
	w->m.hb_floor = kind == W_USERNS ? HELLONL_HEARTBEAT_USERNS_MIN_MS :
					   HELLONL_HEARTBEAT_MIN_MS;
	w->m.pid = (uint32_t)getpid();
	model_init(&w->init_m, &w->fam);
	w->init_m.known = false;
	w->init_m.admin = w->init_m.init_admin = true;
	gen_init(&w->gen, &w->fam, o->seed, 1 + kind, o->percent);
	rng_seed(&w->where, o->seed, 100 + kind);

	resync(w);
	w->m.hdr_check = w->init_m.hdr_check = probe_header_check(w);
	w->m.cap_first = w->init_m.cap_first = probe_cap_first(w);
	resync(w);
	atomic_store(&sh->worker_pid[kind], getpid());
	atomic_store(&sh->worker_ready[kind], 1);

	while (sent < quota && (!o->seconds || now_s() - start < o->seconds)) {
		struct nl_buf b;
		unsigned int proto;
		bool in_init, small;
		int n;

		nb_init(&b, w->tx, TX_CAP);
		n = gen_datagram(&w->gen, &b, (int)(quota - sent < 64 ? quota - sent : 64),
				 kinds, &proto);
		in_init = kind == W_ROOT && rng_one_in(&w->where, 10);
		small = rng_one_in(&w->where, 4);
		datagram++;
		sent += (uint64_t)n;
		w->res->requests += (uint64_t)n;
		w->res->datagrams++;
		w->res->by_proto[proto] += (uint64_t)n;
		if (in_init)
			w->res->init_netns += (uint64_t)n;
		for (int i = 0; i < n; i++)
			w->res->kinds[kinds[i]]++;

		if (gen_stable(sh) != w->cur_gen)
			resync(w);
		/* Turned off in the module (its parameter 0): no socket to send on. */
		if (protos[proto]->param && !w->number[proto])
			continue;
		if (!one(w, b.data, b.len, proto, in_init, small, datagram) ||
		    (datagram % CHECK_EVERY == 0 && !check_state(w, datagram)))
			resync(w);
	}

	/* The last word: with the chaos stopped, the state is the model's. */
	atomic_fetch_sub(&sh->workers_left, 1);
	while (!atomic_load(&sh->chaos_stopped))
		usleep(10000);
	for (;;) {
		if (gen_stable(sh) != w->cur_gen)
			resync(w);
		if (check_state(w, datagram + 1))
			break;
		if (gen_stable(sh) == w->cur_gen)
			break;	/* a violation, reported */
	}
	w->res->ms = (uint64_t)((now_s() - start) * 1000);
	return w->res->violations ? 1 : 0;
}
