// SPDX-License-Identifier: GPL-2.0
/* Standard output, and its failures: see output.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"

/* Why the first failed write to stdout failed: an errno; 0 while none has. */
static int write_error;

/* A failed write whose errno was lost: it is reported without a reason. */
#define WRITE_ERROR_UNKNOWN (-1)

void output_init(void)
{
	signal(SIGPIPE, SIG_IGN);
}

/* Note why writing failed, the first time it shows; flush first if asked. */
static bool check(bool flush)
{
	int earlier = errno;

	if (write_error)
		return true;
	if (flush && fflush(stdout) == EOF) {
		write_error = errno;
	} else if (ferror(stdout)) {
		/*
		 * The write failed when stdio wrote out a full buffer, and it
		 * dropped what it held. Commands ask right after they print,
		 * or print last, so errno is still the write's.
		 */
		write_error = earlier ? earlier : WRITE_ERROR_UNKNOWN;
	}
	return write_error != 0;
}

bool output_failed(void)
{
	return check(false);
}

void output_reader_left(void)
{
	if (!write_error)
		write_error = EPIPE;
}

int output_finish(int status)
{
	check(true);
	/*
	 * Closing reports what only shows then (NFS writes back on close).
	 * EBADF means stdout was never open: an error only if something was
	 * written to it, and output_failed() has seen that already.
	 */
	if (fclose(stdout) == EOF && !write_error && errno != EBADF)
		write_error = errno;

	if (!write_error || write_error == EPIPE)
		return status;
	if (write_error == WRITE_ERROR_UNKNOWN)
		fprintf(stderr, "hellonl: write error\n");
	else
		fprintf(stderr, "hellonl: write error: %s\n",
			strerror(write_error));
	return status ? status : EXIT_FAILED;
}
