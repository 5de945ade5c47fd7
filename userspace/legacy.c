// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl --legacy: get and set over the tutorial's raw netlink protocol,
 * for checking the module's compatibility with old programs. See the end
 * of uapi/hellonl.h for the format.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libmnl/libmnl.h>

#include "cli.h"
#include "json.h"

/* The number served by the loaded module, or the default. */
unsigned int legacy_proto(void)
{
	FILE *f = fopen("/sys/module/hellonl/parameters/legacy_proto", "r");
	unsigned int proto = HELLONL_LEGACY_PROTO;

	if (f) {
		if (fscanf(f, "%u", &proto) != 1 || !proto)
			proto = HELLONL_LEGACY_PROTO;
		fclose(f);
	}
	return proto;
}

static int unserved(const struct options *opt)
{
	fprintf(stderr,
		"hellonl: netlink protocol %u is not served: the module is not loaded, or its legacy_proto is 0 or another number\n",
		opt->legacy_proto);
	return EXIT_NO_MODULE;
}

/* The request, framed as hellonl does, or as the tutorial's program did. */
static const struct nlmsghdr *build_request(struct nl *nl,
					    const struct options *opt,
					    uint16_t type, const char *text)
{
	if (opt->tutorial_framing)
		return msg_legacy_tutorial(nl->req, NL_REQUEST_SIZE, type,
					   nl_next_seq(nl), text,
					   opt->tutorial_pad);
	return msg_legacy(nl->req, NL_REQUEST_SIZE, type, nl_next_seq(nl),
			  text);
}

/* Send one request and wait for its answer: the reply text, or an error. */
static int exchange(const struct options *opt, uint16_t type, const char *text,
		    const char *what, char *reply, size_t size)
{
	const struct nlmsghdr *req;
	struct nl nl;
	int ret = EXIT_FAILED;

	if (nl_open(&nl, opt->legacy_proto))
		return errno == EPROTONOSUPPORT ? unserved(opt) :
						  cli_failed(what);
	req = build_request(&nl, opt, type, text);
	if (!req || nl_send(&nl, req)) {
		if (!req)
			errno = EMSGSIZE;
		ret = cli_failed(what);
		goto out;
	}

	for (;;) {
		const struct nlmsghdr *nlh;
		const char *answer;
		ssize_t got;
		int len;

		got = mnl_socket_recvfrom(nl.sock, nl.buf, NL_ANSWER_SIZE);
		if (got < 0) {
			if (errno == EAGAIN)
				errno = ETIMEDOUT;
			ret = cli_failed(what);
			goto out;
		}
		len = got;
		for (nlh = nl.buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != nl.seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				if (msg_parse_error(nlh, &nl.error))
					goto malformed;
				ret = cli_request_failed(&nl, NL_REFUSED, what,
							 req);
				goto out;
			}
			if (nlh->nlmsg_type != type)
				continue;
			if (msg_parse_legacy(nlh, &answer))
				goto malformed;
			snprintf(reply, size, "%s", answer);
			ret = EXIT_OK;
			goto out;
		}
	}

malformed:
	errno = EBADMSG;
	ret = cli_failed(what);
out:
	nl_close(&nl);
	return ret;
}

int legacy_get(const struct options *opt, const char *param)
{
	char reply[HELLONL_MESSAGE_MAX + 1];
	int ret;

	ret = exchange(opt, HELLONL_LEGACY_GET, param, "legacy get", reply,
		       sizeof(reply));
	if (ret)
		return ret;
	if (opt->json) {
		struct json j;

		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_string(&j, "message", reply);
		json_object_end(&j);
	} else {
		printf("%s\n", reply);
	}
	return EXIT_OK;
}

int legacy_set(const struct options *opt, const char *message)
{
	char reply[HELLONL_MESSAGE_MAX + 1];

	return exchange(opt, HELLONL_LEGACY_SET, message, "legacy set", reply,
			sizeof(reply));
}
