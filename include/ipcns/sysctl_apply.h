/* Reading and writing the limits of the caller's IPC namespace through
 * /proc/sys, and applying a plan with rollback.
 *
 * /proc/sys files are opened here and then, so they belong to the namespace
 * the caller is in at that moment (a file opened earlier would write to the
 * old one). All I/O goes through a struct sysctl_ops, so that a test can
 * make the Nth write fail; sysctl_proc_ops is the real /proc/sys. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "ipcns/error.h"
#include "ipcns/sysctl_check.h"
#include "ipcns/sysctl_plan.h"

struct sysctl_ops {
	/* Open the key for reading (write false) or writing: an fd (any
	 * number >= 0 the other calls understand), or -errno. */
	int (*open_key)(void *data, enum sysctl_id id, bool write);
	/* What the key holds now, from offset 0, NUL-terminated into buf:
	 * bytes read, or -errno. */
	ssize_t (*read)(void *data, int fd, char *buf, size_t size);
	/* Write all of text at offset 0: 0, or -errno. */
	int (*write)(void *data, int fd, const char *text, size_t len);
	void (*close)(void *data, int fd);
	void *data;
};

extern const struct sysctl_ops sysctl_proc_ops;

/* Read a key of the caller's IPC namespace. -ENOENT when this kernel lacks it. */
int sysctl_read(enum sysctl_id id, struct sysctl_value *v, struct ipcns_error *err);
int sysctl_read_ops(const struct sysctl_ops *ops, enum sysctl_id id, struct sysctl_value *v, struct ipcns_error *err);

/* Fill what the plan leaves unset with the caller's current namespace's
 * values, except SYSCTL_NO_INHERIT keys (run -i, before unshare). */
int sysctl_plan_inherit(struct sysctl_plan *plan, struct ipcns_error *err);

/* Write the plan to the caller's current IPC namespace, in registry order,
 * skipping values already in place. kernel.sem is always written whole.
 * When the kernel refuses one, those already written are restored and the
 * error names the key (kind SYSTEM), and any key that could not be put
 * back. An optional setting that fails is skipped and leaves err as it was.
 * On success, undo (when not NULL) receives the settings that put back the
 * old values of what was written, for a later step that fails. */
int sysctl_plan_apply(const struct sysctl_plan *plan, struct sysctl_plan *undo, struct ipcns_error *err);
int sysctl_plan_apply_ops(const struct sysctl_plan *plan, const struct sysctl_ops *ops, struct sysctl_plan *undo,
			  struct ipcns_error *err);

/* Limits that the plan would leave making each other useless
 * (sysctl_plan_check), over what the caller's IPC namespace holds now, or
 * over a new namespace's defaults: with strict, a usage error naming the
 * first; otherwise warn (the command layer's printer) is called for each. */
int sysctl_plan_judge(const struct sysctl_plan *plan, bool from_defaults, bool strict, void (*warn)(const char *msg),
		      struct ipcns_error *err);
