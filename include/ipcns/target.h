/* TARGET: the one way every command names an existing IPC namespace, opens
 * it and joins it. In this order: a path (contains '/') to an nsfs file; a
 * PID or thread ID (all digits); otherwise a name (see names.h), root's or
 * a rootless one. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "ipcns/error.h"

enum target_kind {
	TARGET_PATH, /* contains '/': an nsfs file */
	TARGET_PID,  /* all digits */
	TARGET_NAME, /* a named namespace */
};

struct target {
	enum target_kind kind;
	const char *arg; /* as the user wrote it; borrowed */
	pid_t pid;       /* TARGET_PID only */
	/* filled by target_open, for a name: */
	bool rootless; /* kept by a holder: its user namespace must be joined too */
	char *store;   /* its shm store (create --shm), else NULL; owned */
};

/* Classify TARGET (pure; no system calls). Usage error when empty, for a
 * PID out of range and for an invalid name. */
int target_parse(const char *arg, struct target *t, struct ipcns_error *err);
/* Open TARGET as an O_CLOEXEC nsfs fd of an IPC namespace. A PID (or thread
 * ID) goes through pidfd_open() so that a PID reused between lookup and open
 * is detected; so does a rootless name's holder. */
int target_open(struct target *t, struct ipcns_error *err);
/* Join the namespace behind fd (from target_open): first its owning user
 * namespace when join_user or when TARGET is a rootless name, as uid 0
 * there (see ns_join_ipc). */
int target_join(int fd, const struct target *t, bool join_user, struct ipcns_error *err);
void target_free(struct target *t);
