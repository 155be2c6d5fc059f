/* Whole-IPC isolation beyond the IPC namespace: a fresh mqueue fs (so a
 * listing shows this namespace's queues) and a private /dev/shm (POSIX shm
 * lives on a tmpfs of the mount namespace, not in the IPC namespace). Both go
 * into one new mount namespace whose propagation is private, so nothing
 * mounted here reaches the caller's. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "ipcns/error.h"

#define MOUNTS_MQUEUE_DEFAULT_DIR "/dev/mqueue"
#define MOUNTS_SHM_DIR            "/dev/shm"

struct mounts_plan {
	char *mqueue_dir;    /* -m: where the mqueue fs goes; NULL when not asked; owned */
	bool mqueue_missing; /* ... and it did not exist when checked: mkdir it first */
	bool shm;            /* --shm: a tmpfs on /dev/shm */
	uint64_t shm_size;   /* its size in bytes; 0: not given, the kernel's default */
	char *shm_bind;      /* enter NAME: the name's shm store, bound on /dev/shm; owned */
};

void mounts_plan_free(struct mounts_plan *p);

/* -m/--mqueue's value: NULL or "" means the default directory. */
int mounts_parse_mqueue(const char *arg, struct mounts_plan *p, struct ipcns_error *err);
/* --shm's value: NULL or "" means the kernel's default size; otherwise a
 * size with an optional IEC suffix, at least 1 byte (tmpfs would read 0 as
 * "unlimited") and small enough to round up to whole pages. */
int mounts_parse_shm(const char *arg, struct mounts_plan *p, struct ipcns_error *err);
/* Check the mount points before anything is done: DIR a directory, or
 * missing with a parent directory to create it in; /dev/shm a directory. */
int mounts_check(struct mounts_plan *p, struct ipcns_error *err);

/* enter NAME: a fresh mqueue fs on /dev/mqueue where that directory exists
 * and -m did not say otherwise, and store (when not NULL) on /dev/shm. */
int mounts_for_name(struct mounts_plan *p, const char *store, struct ipcns_error *err);

static inline bool mounts_wanted(const struct mounts_plan *p)
{
	return p->mqueue_dir || p->shm || p->shm_bind;
}

/* New mount namespace, propagation private, then the mounts. Call after the
 * IPC namespace was created or joined: an mqueue mount shows the namespace
 * of the process that mounts it. */
int mounts_setup(const struct mounts_plan *p, struct ipcns_error *err);
