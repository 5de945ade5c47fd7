// SPDX-License-Identifier: GPL-2.0
/*
 * hellonl: talk to the hellonl kernel module over Generic Netlink.
 * This file only finds the subcommand; each lives in a file of its name.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "version.h"

static const struct command commands[] = {
	{ "get", cmd_get, "print the message" },
	{ "set", cmd_set, "change the message or the heartbeat" },
	{ "monitor", cmd_monitor, "print events as they happen" },
	{ "history", cmd_history, "list the last messages" },
	{ "stats", cmd_stats, "print the counters" },
	{ "ping", cmd_ping, "time round trips through the kernel" },
	{ "apply-config", cmd_apply_config, "set what /etc/hellonl.conf says" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: hellonl [-j] "
		/* BEGIN hellonl-only: the tutorial's protocol */
		"[--legacy] [--tutorial-pad BYTE] "
		/* END hellonl-only */
		"COMMAND [ARGS...]\n"
		/* BEGIN hellonl-only: the tutorial's protocol */
		"       hellonl [-j] [--legacy] [--tutorial-pad BYTE] -G PARAM | -S MESSAGE\n"
		/* END hellonl-only */
		"Talk to the hellonl kernel module over Generic Netlink.\n\n"
		"Commands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-13s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out,
		"\nOptions:\n"
		"  -j, --json               print JSON (the schema is in hellonl(8))\n"
		/* BEGIN hellonl-only: the tutorial's protocol */
		"      --legacy             speak the tutorial's raw netlink protocol\n"
		"      --tutorial-pad BYTE  frame legacy requests as the tutorial's\n"
		"                           program did: the text without its NUL,\n"
		"                           padded to a multiple of 4 with BYTE (0 to\n"
		"                           255, or 0x00 to 0xff); implies --legacy\n"
		"  -G PARAM                 the tutorial's flag for get; PARAM goes\n"
		"                           with the legacy request, otherwise unused\n"
		"  -S MESSAGE               the tutorial's flag for set\n"
		/* END hellonl-only */
		"  -h, --help               this text; 'hellonl COMMAND --help' for one\n"
		"  -V, --version            the version\n\n"
		"Exit status: 0 done, 1 refused by the kernel, 2 usage error,\n"
		"3 module not loaded or not installed, 4 other failure.\n");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

static int run(const struct command *cmd, int argc, char **argv,
	       const struct options *opt)
{
	char name[64];

	/* BEGIN hellonl-only: the tutorial's protocol */
	if (opt->legacy && strcmp(cmd->name, "get") && strcmp(cmd->name, "set"))
		return cli_usage_error(NULL,
				       "the legacy protocol has get and set only, not %s",
				       cmd->name);
	/* END hellonl-only */

	/* getopt names the command in its messages: "hellonl set: ..." */
	snprintf(name, sizeof(name), "hellonl %s", cmd->name);
	argv[0] = name;
	optind = 0;
	return cmd->run(argc, argv, opt);
}

/* Run the command line; returns the exit status. */
static int dispatch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		/* BEGIN hellonl-only: the tutorial's protocol */
		{ "legacy", no_argument, NULL, 'L' },
		{ "tutorial-pad", required_argument, NULL, 'P' },
		/* END hellonl-only */
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{},
	};
	static const char shortopts[] = "+jhV"
		/* BEGIN hellonl-only: the tutorial's protocol */
		"G:S:"
		/* END hellonl-only */
		;
	struct options opt = {};
	/* BEGIN hellonl-only: the tutorial's protocol */
	const char *get_param = NULL, *set_message = NULL;
	/* END hellonl-only */
	const struct command *cmd;
	int c;

	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opt.json = true;
			break;
		/* BEGIN hellonl-only: the tutorial's protocol */
		case 'L':
			opt.legacy = true;
			break;
		case 'P':
			if (!cli_parse_byte(optarg, &opt.tutorial_pad))
				return cli_usage_error(NULL,
						       "--tutorial-pad takes a byte, 0 to 255 or 0x00 to 0xff, not '%s'",
						       optarg);
			opt.tutorial_framing = true;
			opt.legacy = true;
			break;
		case 'G':
			get_param = optarg;
			break;
		case 'S':
			set_message = optarg;
			break;
		/* END hellonl-only */
		case 'h':
			print_usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("hellonl %s\n", HELLONL_VERSION);
			return EXIT_OK;
		default:
			return cli_usage_error(NULL, NULL);
		}
	}
	/* BEGIN hellonl-only: the tutorial's protocol */
	if (opt.legacy)
		opt.legacy_proto = legacy_proto();

	/* The tutorial's flags stand for a whole command line. */
	if (get_param || set_message) {
		char *get_args[] = { "get", NULL };
		char *set_args[] = { "set", "--", (char *)set_message, NULL };

		if (optind != argc || (get_param && set_message))
			return cli_usage_error(NULL,
					       "-G and -S take no command, nor each other");
		if (get_param && opt.legacy)
			return legacy_get(&opt, get_param);
		if (get_param)
			return run(find_command("get"), 1, get_args, &opt);
		return run(find_command("set"), 3, set_args, &opt);
	}
	/* END hellonl-only */

	if (optind == argc) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = find_command(argv[optind]);
	if (cmd)
		return run(cmd, argc - optind, argv + optind, &opt);
	return cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
}

int main(int argc, char **argv)
{
	output_init();
	return output_finish(dispatch(argc, argv));
}
