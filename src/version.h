/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* The version of hellonl, shared by the module, the CLI and the packages. */
#ifndef _HELLONL_VERSION_H
#define _HELLONL_VERSION_H

#define HELLONL_VERSION "0.1.0"

#endif
