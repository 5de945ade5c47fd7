// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark's ioctl peer: the one thing hellonl's GET does, done the
 * way the tutorial's critics would have done it, with a character device.
 *
 * /dev/hellonl-bench-peer answers one ioctl, HELLONL_BENCH_PEER_GET, with
 * the entry a GET of a fresh namespace answers: the greeting, its number,
 * setter and time, and the heartbeat period. It takes a lock and numbers
 * the setter's PID for the reader's pid namespace as GET does, so that
 * what the two cost differs by the transport alone: a system call and a
 * copy against a netlink request, its parsing, and its reply's skb.
 *
 * It is built by Kbuild in the benchmark's guest (bench/run) and never
 * packaged.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/uaccess.h>

#include "hellonl_bench_peer.h"

/* The entry the ioctl answers with, as a fresh namespace's GET does. */
static struct {
	u64 seq;
	u64 time_ns;
	struct pid *pid;	/* NULL: the greeting has no setter */
	u32 uid;
	u32 heartbeat_ms;
	char message[HELLONL_BENCH_PEER_MESSAGE_MAX + 1];
} peer_entry = {
	.message = "I know you!",
};

/* Protects peer_entry, as hn->lock protects a namespace's state. */
static DEFINE_MUTEX(peer_lock);

static long peer_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct hellonl_bench_peer_entry out = {};

	if (cmd != HELLONL_BENCH_PEER_GET)
		return -ENOTTY;

	mutex_lock(&peer_lock);
	out.seq = peer_entry.seq;
	out.time_ns = peer_entry.time_ns;
	out.pid = pid_nr_ns(peer_entry.pid, task_active_pid_ns(current));
	out.uid = peer_entry.uid;
	out.heartbeat_ms = peer_entry.heartbeat_ms;
	strscpy(out.message, peer_entry.message, sizeof(out.message));
	mutex_unlock(&peer_lock);

	return copy_to_user((void __user *)arg, &out, sizeof(out)) ? -EFAULT : 0;
}

static const struct file_operations peer_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = peer_ioctl,
};

static struct miscdevice peer_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "hellonl-bench-peer",
	.fops = &peer_fops,
	.mode = 0444,
};

module_misc_device(peer_device);

MODULE_DESCRIPTION("hellonl's benchmark: GET's entry over an ioctl");
MODULE_LICENSE("GPL");
