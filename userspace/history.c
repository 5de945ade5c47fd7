// SPDX-License-Identifier: GPL-2.0
/* hellonl history: the last messages of this network namespace. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <libmnl/libmnl.h>

#include "cli.h"
#include "json.h"
#include "text.h"

static const char usage[] =
	"usage: hellonl history\n"
	"List the last messages of this network namespace, oldest first, with\n"
	"who set each and when. The module parameter history_len says how many\n"
	"are kept.\n";

/* A dump that keeps being interrupted is given up after this many tries. */
#define HISTORY_TRIES 20

struct history {
	struct entry *entries;
	size_t count, cap;
};

static int on_entry(const struct nlmsghdr *nlh, void *data)
{
	struct history *h = data;

	if (h->count == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 64;
		struct entry *more = realloc(h->entries, cap * sizeof(*more));

		if (!more)
			return MNL_CB_ERROR;
		h->entries = more;
		h->cap = cap;
	}
	if (msg_parse_entry(nlh, &h->entries[h->count])) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	h->count++;
	return MNL_CB_OK;
}

/*
 * Read the whole history. A dump spans several answers; if a message was
 * set in between, the kernel flags the dump NLM_F_DUMP_INTR and what was
 * read may mix two histories, so it is read again.
 */
static int read_history(struct nl *nl, struct history *h)
{
	int tries, ret;

	for (tries = 0; tries < HISTORY_TRIES; tries++) {
		const struct nlmsghdr *req;

		h->count = 0;
		req = msg_history(nl->req, &nl->family, nl_next_seq(nl));
		ret = nl_request(nl, req, on_entry, h, false);
		if (ret)
			return cli_request_failed(nl, ret, "history", req);
		if (!nl->dump_interrupted)
			return EXIT_OK;
		fprintf(stderr,
			"hellonl: history changed while it was read; reading it again\n");
	}
	fprintf(stderr, "hellonl: history: it changed during each of %d tries\n",
		HISTORY_TRIES);
	return EXIT_FAILED;
}

static void print_json(const struct history *h)
{
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_array_begin(&j);
	for (i = 0; i < h->count; i++) {
		json_object_begin(&j);
		cli_json_entry(&j, &h->entries[i]);
		json_object_end(&j);
	}
	json_array_end(&j);
}

static int digits(unsigned long long n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* A table, its number columns as wide as their widest value. */
static void print_table(const struct history *h)
{
	int seq_w = 3, pid_w = 3, uid_w = 3;
	size_t i;

	for (i = 0; i < h->count; i++) {
		const struct entry *e = &h->entries[i];

		seq_w = digits(e->seq) > seq_w ? digits(e->seq) : seq_w;
		pid_w = digits(e->pid) > pid_w ? digits(e->pid) : pid_w;
		uid_w = digits(e->uid) > uid_w ? digits(e->uid) : uid_w;
	}
	printf("%*s  %-23s  %*s  %*s  %s\n", seq_w, "SEQ", "TIME", pid_w, "PID",
	       uid_w, "UID", "MESSAGE");
	for (i = 0; i < h->count; i++) {
		const struct entry *e = &h->entries[i];
		char when[64];

		text_time(e->time_ns, when, sizeof(when));
		printf("%*llu  %-23s  %*u  %*u  ", seq_w,
		       (unsigned long long)e->seq, when, pid_w, e->pid, uid_w,
		       e->uid);
		text_print_escaped(stdout, e->message, "");
		putchar('\n');
	}
}

int cmd_history(int argc, char **argv, const struct options *opt)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	struct history h = {};
	struct nl nl;
	int c, ret;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c != 'h')
			return cli_usage_error("history", NULL);
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (optind != argc)
		return cli_usage_error("history", "history takes no arguments");
	ret = cli_connect(&nl);
	if (ret)
		return ret;
	ret = read_history(&nl, &h);
	if (!ret && opt->json)
		print_json(&h);
	else if (!ret)
		print_table(&h);
	free(h.entries);
	nl_close(&nl);
	return ret;
}
