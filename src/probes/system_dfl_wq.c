// SPDX-License-Identifier: GPL-2.0
/*
 * Compiles where the kernel has system_dfl_wq, the unbound system
 * workqueue's new name (6.17, and backported to stable kernels such as
 * Debian 13's 6.12), which replaces system_unbound_wq.
 */
#include <linux/workqueue.h>

void hellonl_probe(struct work_struct *work);
void hellonl_probe(struct work_struct *work)
{
	queue_work(system_dfl_wq, work);
}
