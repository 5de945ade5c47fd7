// SPDX-License-Identifier: GPL-2.0
/* The lines of hellonl monitor: see monitor.h. */
#include <stdio.h>

#include "cli.h"
#include "json.h"
#include "monitor.h"
#include "text.h"

/* {"event":"<name>"} alone, for the events that say no more. */
static void print_json_event(const char *name)
{
	struct json j;

	json_init(&j, stdout);
	json_object_begin(&j);
	json_kv_string(&j, "event", name);
	json_object_end(&j);
}

void monitor_print_entry(bool json, const char *kind, const struct entry *e)
{
	char when[64];

	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_string(&j, "event", kind);
		cli_json_entry(&j, e);
		json_object_end(&j);
	} else {
		text_time(e->time_ns, when, sizeof(when));
		printf("%s %-9s seq=%llu pid=%u uid=%u message=", when, kind,
		       (unsigned long long)e->seq, e->pid, e->uid);
		text_print_escaped(stdout, e->message, "");
		putchar('\n');
	}
}

void monitor_print_heartbeat(bool json, const struct heartbeat *hb)
{
	char when[64];

	if (json) {
		struct json j;

		text_time_iso(hb->time_ns, when, sizeof(when));
		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_string(&j, "event", "heartbeat");
		json_kv_u64(&j, "beat", hb->beat);
		json_kv_u64(&j, "seq", hb->seq);
		json_kv_u64(&j, "time_ns", hb->time_ns);
		json_kv_string(&j, "time", when);
		json_kv_u64(&j, "heartbeat_ms", hb->heartbeat_ms);
		json_object_end(&j);
	} else {
		text_time(hb->time_ns, when, sizeof(when));
		printf("%s %-9s beat=%llu seq=%llu\n", when, "heartbeat",
		       (unsigned long long)hb->beat,
		       (unsigned long long)hb->seq);
	}
}

void monitor_print_lost(bool json, uint64_t first, uint64_t last)
{
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_object_begin(&j);
		json_kv_string(&j, "event", "lost");
		json_kv_u64(&j, "count", last - first + 1);
		json_kv_u64(&j, "first_seq", first);
		json_kv_u64(&j, "last_seq", last);
		json_object_end(&j);
	} else {
		printf("lost %llu events: seq %llu to %llu\n",
		       (unsigned long long)(last - first + 1),
		       (unsigned long long)first, (unsigned long long)last);
	}
}

void monitor_print_unloaded(bool json)
{
	if (json)
		print_json_event("unloaded");
	else
		printf("unloaded: the hellonl module went away; waiting for it to come back\n");
}

void monitor_print_resync(bool json)
{
	if (json)
		print_json_event("resync");
	else
		printf("resync: the hellonl module is back, with a new state: seq starts again\n");
}
