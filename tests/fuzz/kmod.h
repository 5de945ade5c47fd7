/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hellonl module, loaded and unloaded: with modprobe as an
 * administrator would, or with the system calls themselves when a fault
 * must be injected into the load.
 */
#ifndef FUZZ_KMOD_H
#define FUZZ_KMOD_H

#include <stdbool.h>
#include <stddef.h>

/* Run @argv, its output thrown away unless @loud: its exit status. */
int run_cmd(char *const argv[], bool loud);
/* modprobe hellonl [@params], modprobe -r hellonl: the exit status. */
int kmod_modprobe(const char *params);
int kmod_modprobe_remove(void);
/* delete_module(2), not waiting: 0 or -errno (-EWOULDBLOCK: in use). */
int kmod_unload(void);
/* The installed module's file, as modinfo -n says: 0 or -errno. */
int kmod_path(char *buf, size_t len);
/*
 * finit_module(2) of @fd with @params: 0 or -errno. A compressed file is
 * handed to the kernel to decompress (MODULE_INIT_COMPRESSED_FILE).
 */
int kmod_load_fd(int fd, const char *params, bool compressed);
/* Is the module loaded (/sys/module/hellonl)? */
bool kmod_present(void);

#endif /* FUZZ_KMOD_H */
