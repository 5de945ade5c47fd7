/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lines hellonl monitor prints, one per event, as text or as one JSON
 * object each (-j). hellonl(8) documents both forms.
 */
#ifndef HELLONL_MONITOR_H
#define HELLONL_MONITOR_H

#include <stdbool.h>
#include <stdint.h>

#include "message.h"

/*
 * A message: "changed" for an event, "current" for the answer the monitor
 * asked for, to resynchronize.
 */
void monitor_print_entry(bool json, const char *kind, const struct entry *e);

void monitor_print_heartbeat(bool json, const struct heartbeat *hb);

/* Messages @first to @last never arrived. */
void monitor_print_lost(bool json, uint64_t first, uint64_t last);

/* --follow: the module went away, and the monitor waits for it. */
void monitor_print_unloaded(bool json);

/*
 * --follow: the module is back with a new state. What was known of the
 * old one no longer holds: its numbers start again.
 */
void monitor_print_resync(bool json);

#endif
