/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Standard output, and what it means when writing to it fails.
 *
 * What a command prints is its result: if it could not be written, to a
 * full disk or a closed descriptor, the command failed however well the
 * rest went. A reader that leaves early, as head(1) does, is different: it
 * has what it wanted. So SIGPIPE is ignored, writing shows EPIPE instead,
 * and the command then ends quietly, as if it had finished.
 */
#ifndef HELLONL_OUTPUT_H
#define HELLONL_OUTPUT_H

#include <stdbool.h>

/* Before anything is written: make a departed reader show as EPIPE. */
void output_init(void);

/*
 * Has a write to stdout failed? Commands that print as they go (monitor,
 * ping) ask after each line, and stop. stdio writes when its buffer is
 * full, or at each line when it is line-buffered, as the monitor makes it.
 */
bool output_failed(void);

/*
 * The reader of stdout has gone, as poll() shows before any write fails:
 * the same as a write failing with EPIPE.
 */
void output_reader_left(void);

/*
 * At the end: flush and close stdout, and return the exit status, given
 * the command's. A failed write is reported as "hellonl: write error:
 * <reason>" and makes a command that succeeded exit with EXIT_FAILED; a
 * command that failed keeps its own status. EPIPE is not reported.
 */
int output_finish(int status);

#endif
