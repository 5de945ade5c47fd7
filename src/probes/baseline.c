// SPDX-License-Identifier: GPL-2.0
/*
 * Compiles against every kernel hellonl supports. If it does not, the
 * probes themselves are broken (a compiler or flags problem), and every
 * other probe's answer would be wrong: Kbuild stops.
 */
#include <linux/workqueue.h>

void hellonl_probe(struct work_struct *work);
void hellonl_probe(struct work_struct *work)
{
	queue_work(system_unbound_wq, work);
}
