// SPDX-License-Identifier: GPL-2.0
/*
 * The chaos around the workers, for the whole run, one thread each:
 * network namespaces made and dropped; listeners that join the events group
 * and leave, in the workers' namespaces and elsewhere; a 10 ms heartbeat in
 * the initial namespace; history dumps held half-read; and the module
 * unloaded and loaded again. None of it is seeded: it is timing anyway.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "hellonl.h"
#include "kmod.h"

struct chaos {
	struct shared *sh;
	const struct fuzz_opts *o;
	int init_ns;
	int worker_ns[N_WORKERS];
	/* Children forked that may still hold copies of the listeners' sockets. */
	atomic_int copies;
};

static bool stopping(const struct chaos *c)
{
	return atomic_load(&c->sh->stop_chaos);
}

static void nap_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static unsigned int rand_ms(unsigned int *state, unsigned int lo, unsigned int hi)
{
	return lo + (unsigned int)rand_r(state) % (hi - lo + 1);
}

/* A socket of @proto in namespace @ns (-1: this thread's own). */
static int sock_in(const struct chaos *c, int ns, struct nl_sock *s, int proto)
{
	int err;

	if (ns >= 0 && setns(ns, CLONE_NEWNET))
		return -errno;
	err = nl_open(s, proto, 0);
	if (ns >= 0 && setns(c->init_ns, CLONE_NEWNET)) {
		perror("hellonl-fuzz: chaos: setns");
		exit(2);
	}
	return err;
}

/* A SET of the heartbeat, a message or both, without waiting for much. */
static void set(struct nl_sock *s, const struct family *f, const char *msg,
		int heartbeat_ms)
{
	uint8_t buf[512], rx[8192];
	struct nl_buf b;
	size_t off;

	nb_init(&b, buf, sizeof(buf));
	off = nb_msg_start(&b, f->id, NLM_F_REQUEST | NLM_F_ACK, 1);
	nb_genl(&b, HELLONL_CMD_SET, 1, 0);
	if (msg)
		nb_attr_str(&b, HELLONL_A_MESSAGE, msg);
	if (heartbeat_ms >= 0)
		nb_attr_u32(&b, HELLONL_A_HEARTBEAT_MS, (uint32_t)heartbeat_ms);
	nb_msg_end(&b, off);
	if (!nl_send(s, b.data, b.len))
		nl_recv(s, rx, sizeof(rx), 1000);
}

/*
 * A listener's socket may outlive its close(): a child forked meanwhile
 * holds a copy until it closes its copies (c->copies counts those
 * children), and one spawned until it execs, which posix_spawn() waits
 * for. On a debug kernel a forked child may wait far longer than a moment
 * for a CPU, so a listener is gone only once no such child is left.
 */
#define LISTENER_AFTERLIFE_MS	100

static void listen_change(struct chaos *c, int slot, int dmaybe, int dsure)
{
	struct listeners *l = &c->sh->listen[slot];

	if (dmaybe < 0) {
		nap_ms(LISTENER_AFTERLIFE_MS);
		while (atomic_load(&c->copies))
			nap_ms(5);
	}
	if (dmaybe)
		atomic_fetch_add(&l->maybe, dmaybe);
	if (dsure)
		atomic_fetch_add(&l->sure, dsure);
	atomic_fetch_add(&c->sh->listen_epoch, 1);
}

/*
 * Join the events group in @ns for @hold_ms, reading what comes, then
 * leave. @slot is the namespace's entry in sh->listen.
 */
static void listen_once(struct chaos *c, int ns, int slot, unsigned int hold_ms)
{
	struct nl_sock s;
	struct family f;
	uint8_t rx[16384];
	double end;
	uint64_t g;
	int group;

	listen_change(c, slot, 1, 0);
	if (sock_in(c, ns, &s, NETLINK_GENERIC))
		goto out;
	g = gen_stable(c->sh);
	if (family_resolve(&s, HELLONL_FAMILY_NAME, &f, false) || !f.events_group)
		goto close;
	group = (int)f.events_group;
	if (setsockopt(s.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)))
		goto close;
	atomic_store(&c->sh->listen[slot].joined_gen, g);
	listen_change(c, slot, 0, 1);
	atomic_fetch_add(&c->sh->listens, 1);
	end = now_s() + hold_ms / 1000.0;
	while (now_s() < end && !stopping(c))
		nl_recv(&s, rx, sizeof(rx), 20);
	listen_change(c, slot, 0, -1);
	if (rand() % 2)
		setsockopt(s.fd, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, &group, sizeof(group));
close:
	nl_close(&s);
out:
	listen_change(c, slot, -1, 0);
}

static void *listener_thread(void *arg)
{
	struct chaos *c = arg;
	unsigned int seed = 1;

	while (!stopping(c)) {
		int slot = rand_r(&seed) % (N_WORKERS + 1);
		int ns = slot < N_WORKERS ? c->worker_ns[slot] : c->init_ns;

		if (ns < 0)
			continue;
		listen_once(c, ns, slot, rand_ms(&seed, 5, 400));
		nap_ms(rand_ms(&seed, 0, 100));
	}
	return NULL;
}

/* A user namespace's namespace: made, a heartbeat asked for, dropped. */
static void userns_child(void)
{
	struct nl_sock s;
	struct family f;

	/* Not the other threads' sockets: a listener must die with its close(). */
	close_range(3, ~0U, 0);
	if (drop_to_nobody() || userns_enter())
		_exit(1);
	if (nl_open(&s, NETLINK_GENERIC, 0) ||
	    family_resolve(&s, HELLONL_FAMILY_NAME, &f, false))
		_exit(0);
	set(&s, &f, "from a user namespace", 10);	/* refused: the floor */
	set(&s, &f, NULL, HELLONL_HEARTBEAT_USERNS_MIN_MS);
	_exit(0);
}

static void *netns_thread(void *arg)
{
	struct chaos *c = arg;
	unsigned int seed = 2;

	while (!stopping(c)) {
		struct nl_sock s;
		struct family f;
		bool listening = false;
		int group;

		if (rand_r(&seed) % 8 == 0) {
			int copied[2];
			pid_t pid;
			char end;

			if (pipe2(copied, O_CLOEXEC)) {
				atomic_fetch_add(&c->sh->chaos_errors, 1);
				continue;
			}
			atomic_fetch_add(&c->copies, 1);
			pid = fork();
			if (pid == 0)
				userns_child();
			close(copied[1]);
			/*
			 * The pipe ends when the child's close_range() closes its
			 * copy of the writing end, and with it every copy of a
			 * listener's socket.
			 */
			while (pid > 0 && read(copied[0], &end, 1) < 0 && errno == EINTR)
				;
			close(copied[0]);
			atomic_fetch_sub(&c->copies, 1);
			if (pid > 0)
				waitpid(pid, NULL, 0);
			atomic_fetch_add(&c->sh->netns_made, 1);
			continue;
		}
		if (unshare(CLONE_NEWNET)) {
			atomic_fetch_add(&c->sh->chaos_errors, 1);
			nap_ms(100);
			continue;
		}
		atomic_fetch_add(&c->sh->netns_made, 1);
		if (!nl_open(&s, NETLINK_GENERIC, 0)) {
			if (!family_resolve(&s, HELLONL_FAMILY_NAME, &f, false)) {
				if (rand_r(&seed) % 2)
					set(&s, &f, "a namespace of a moment", -1);
				if (rand_r(&seed) % 2)
					set(&s, &f, NULL, HELLONL_HEARTBEAT_MIN_MS);
				group = (int)f.events_group;
				listen_change(c, N_WORKERS, 1, 0);
				listening = true;
				setsockopt(s.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
					   &group, sizeof(group));
			}
			/* The module's other protocols, each there half the time. */
			for (unsigned int i = PROTO_GENL + 1; protos[i]; i++)
				if (protos[i]->chaos && rand_r(&seed) % 2)
					protos[i]->chaos();
			nap_ms(rand_ms(&seed, 0, 60));
			nl_close(&s);
			if (listening)
				listen_change(c, N_WORKERS, -1, 0);
		}
		if (setns(c->init_ns, CLONE_NEWNET)) {
			perror("hellonl-fuzz: chaos: setns");
			exit(2);
		}
	}
	return NULL;
}

/* A 10 ms heartbeat in the initial namespace, on and off; long messages. */
static void *heartbeat_thread(void *arg)
{
	struct chaos *c = arg;
	unsigned int seed = 3;
	char text[HELLONL_MESSAGE_MAX + 1];

	memset(text, 'h', HELLONL_MESSAGE_MAX);
	text[HELLONL_MESSAGE_MAX] = 0;
	while (!stopping(c)) {
		struct nl_sock s;
		struct family f;

		if (nl_open(&s, NETLINK_GENERIC, 0)) {
			nap_ms(100);
			continue;
		}
		if (!family_resolve(&s, HELLONL_FAMILY_NAME, &f, false)) {
			set(&s, &f, NULL, HELLONL_HEARTBEAT_MIN_MS);
			atomic_fetch_add(&c->sh->heartbeats, 1);
			for (int i = 0; i < 16 && !stopping(c); i++) {
				text[0] = (char)('a' + i);
				set(&s, &f, text, -1);
			}
			nap_ms(rand_ms(&seed, 100, 600));
			set(&s, &f, NULL, 0);
		}
		nl_close(&s);
		nap_ms(rand_ms(&seed, 50, 400));
	}
	return NULL;
}

/* History dumps read one datagram, held, then read on or dropped. */
static void *dump_thread(void *arg)
{
	struct chaos *c = arg;
	unsigned int seed = 4;

	while (!stopping(c)) {
		int slot = rand_r(&seed) % (N_WORKERS + 1);
		int ns = slot < N_WORKERS ? c->worker_ns[slot] : c->init_ns;
		uint8_t buf[64], rx[4096];
		struct nl_sock s, d;
		struct family f;
		struct nl_buf b;
		size_t off;

		if (ns < 0 || sock_in(c, ns, &s, NETLINK_GENERIC))
			continue;
		/*
		 * The dump on a socket of its own, which never read with a large
		 * buffer: the kernel then makes each datagram a page at most.
		 */
		if (sock_in(c, ns, &d, NETLINK_GENERIC)) {
			nl_close(&s);
			continue;
		}
		if (!family_resolve(&s, HELLONL_FAMILY_NAME, &f, false)) {
			nb_init(&b, buf, sizeof(buf));
			off = nb_msg_start(&b, f.id, NLM_F_REQUEST | NLM_F_DUMP, 7);
			nb_genl(&b, HELLONL_CMD_HISTORY, 1, 0);
			nb_msg_end(&b, off);
				if (!nl_send(&d, b.data, b.len) && nl_recv(&d, rx, sizeof(rx), 1000) > 0) {
				atomic_fetch_add(&c->sh->dumps_held, 1);
				nap_ms(rand_ms(&seed, 20, 400));
				if (rand_r(&seed) % 2)
					while (nl_recv(&d, rx, sizeof(rx), 200) > 0)
						;
			}
		}
		nl_close(&d);
		nl_close(&s);
		nap_ms(rand_ms(&seed, 0, 200));
	}
	return NULL;
}

static const char *const load_params[] = {
	"", "", "", "history_len=1", "history_len=3", "history_len=64",
	"heartbeat_ms=1000", "heartbeat_ms=10",
};

/* Unload and load again, bracketed by the generation, while others run. */
static void *reload_thread(void *arg)
{
	struct chaos *c = arg;
	unsigned int seed = 5;
	bool plain = true;

	while (!stopping(c)) {
		const char *params;

		/* Between a third and five thirds of the mean apart. */
		nap_ms(rand_ms(&seed, c->o->reload_every_ms / 3,
			       c->o->reload_every_ms * 5 / 3));
		if (stopping(c))
			break;
		atomic_fetch_add(&c->sh->gen, 1);
		atomic_fetch_add(&c->sh->listen_epoch, 1);
		if (kmod_modprobe_remove()) {
			atomic_fetch_add(&c->sh->reload_busy, 1);	/* in use */
		} else {
			params = load_params[rand_r(&seed) % 8];
			plain = !*params;
			if (kmod_modprobe(params))
				atomic_fetch_add(&c->sh->chaos_errors, 1);
			atomic_fetch_add(&c->sh->reloads, 1);
		}
		while (!kmod_present())
			if (kmod_modprobe(NULL))
				nap_ms(100);
		atomic_fetch_add(&c->sh->listen_epoch, 1);
		atomic_fetch_add(&c->sh->gen, 1);
	}
	/* Leave it as the system loads it. */
	while (!plain) {
		atomic_fetch_add(&c->sh->gen, 1);
		plain = !kmod_modprobe_remove();
		while (!kmod_present())
			if (kmod_modprobe(NULL))
				nap_ms(100);
		atomic_fetch_add(&c->sh->gen, 1);
		if (!plain)
			nap_ms(200);
	}
	return NULL;
}

int chaos_main(struct shared *sh, const struct fuzz_opts *o)
{
	void *(*const threads[])(void *) = {
		listener_thread, netns_thread, heartbeat_thread, dump_thread,
		reload_thread,
	};
	pthread_t tid[5];
	struct chaos c = { .sh = sh, .o = o };
	int n = o->reload ? 5 : 4;
	char path[64];

	c.init_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	for (int i = 0; i < N_WORKERS; i++) {
		c.worker_ns[i] = -1;
		if (!o->worker_on[i])
			continue;
		snprintf(path, sizeof(path), "/proc/%d/ns/net", atomic_load(&sh->worker_pid[i]));
		c.worker_ns[i] = open(path, O_RDONLY | O_CLOEXEC);
	}
	for (int i = 0; i < n; i++)
		if (pthread_create(&tid[i], NULL, threads[i], &c)) {
			perror("hellonl-fuzz: chaos: pthread_create");
			return 2;
		}
	for (int i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
	atomic_store(&sh->chaos_stopped, 1);
	return 0;
}
