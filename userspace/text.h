/* SPDX-License-Identifier: GPL-2.0 */
/* Human output: times, and messages made safe to print in a table. */
#ifndef HELLONL_TEXT_H
#define HELLONL_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* "2026-11-28 13:20:01.123", local time: for people. */
void text_time(uint64_t ns, char *out, size_t size);

/* "2026-11-28T13:20:01.123456789Z", UTC: for JSON. */
void text_time_iso(uint64_t ns, char *out, size_t size);

/*
 * Print @s with its control characters and backslashes escaped as in C
 * ("\n", "\\", "\x1b"), so that one message stays on one line, and also
 * the characters in @also ("\"" in a quoted string). Other bytes, UTF-8
 * included, are printed as they are.
 */
void text_print_escaped(FILE *out, const char *s, const char *also);

#endif
