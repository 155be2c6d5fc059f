/* Named IPC namespaces: pins, holders, the run directory and its lock.
 *
 * A name is an entry NAME in a run directory:
 *  - a pin: NAME is a bind mount of an IPC nsfs file (root; also what
 *    unshare --ipc=FILE leaves), as ip netns does for network namespaces;
 *  - a holder record: NAME is a file "ipcns-holder PID STARTTIME" naming a
 *    small process that keeps a rootless user and IPC namespace alive;
 *  - stale: an empty file with nothing mounted on it, or a record whose
 *    holder is gone. Only delete (and create, which replaces it) accept it.
 * Beside NAME, ".NAME.shm" is its POSIX shm store (create --shm): a tmpfs
 * (root) or a directory (rootless). Names starting with '.' are ipcns's own,
 * so no name can collide with a store or a temporary file. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipcns/error.h"
#include "ipcns/sysctl.h"

#define NAMES_ROOT_RUN_DIR "/run/ipcns"
/* The longest suffix ipcns adds to a name for its own files: ".NAME.shm". */
#define NAMES_SUFFIX_MAX 5

enum names_kind {
	NAMES_NONE,   /* no such name (its store may still be there) */
	NAMES_PIN,    /* a bind-mounted nsfs file */
	NAMES_HOLDER, /* a live holder process */
	NAMES_STALE,  /* an empty file or a dead holder: only delete takes it */
};

struct names_entry {
	enum names_kind kind;
	char *dir;    /* the run directory it is in; owned */
	char *path;   /* dir/NAME; owned */
	char *store;  /* dir/.NAME.shm when that exists, else NULL; owned */
	int fd;       /* PIN, HOLDER: the namespace's IPC nsfs fd */
	int pidfd;    /* HOLDER: the holder process */
	pid_t holder; /* HOLDER (and a stale record): its PID */
};

void names_entry_init(struct names_entry *e);
void names_entry_free(struct names_entry *e);

/* Not empty, not "." or "..", no '/', no leading '-' or '.', at most
 * NAME_MAX - NAMES_SUFFIX_MAX bytes. Pure; usage error otherwise. */
int names_validate(const char *name, struct ipcns_error *err);
/* Rootless: no CAP_SYS_ADMIN in the initial user namespace, so no pins. */
bool names_rootless(void);
/* Where create puts a name: $IPCNS_RUN_DIR when set, else /run/ipcns, or
 * for rootless callers $XDG_RUNTIME_DIR/ipcns. *dir is allocated. */
int names_create_dir(bool rootless, char **dir, struct ipcns_error *err);
/* The same directory, checked as every lookup checks it (no symbolic link,
 * no other user's directory on the way; see names.c): *dir is NULL when it
 * does not exist, and an error is returned when it is refused. */
int names_checked_dir(bool rootless, char **dir, struct ipcns_error *err);

/* Find NAME in the directory names_create_dir() gives this caller. A stale name is an error unless allow_stale;
 * NAMES_NONE is -ENOENT unless allow_none (delete, for a lone store). */
int names_find(const char *name, bool allow_stale, bool allow_none, struct names_entry *e, struct ipcns_error *err);

struct names_create_plan {
	const char *name;
	struct sysctl_plan limits; /* written before the name is visible */
	bool shm;                  /* keep a store for /dev/shm */
	uint64_t shm_size;         /* its size; 0: tmpfs's default (rootless: must be 0) */
};
/* Make the namespace, write its limits, then make the name visible: a
 * pin (root) or a holder and its record (rootless). -EEXIST when the name
 * exists (nothing changed); a stale name is replaced. */
int names_create(const struct names_create_plan *plan, bool rootless, struct ipcns_error *err);

/* What deleting a namespace would lose. */
struct names_usage {
	long msg, sem, shm; /* SysV message queues, semaphore sets, shared memory segments */
	long mqueues;       /* POSIX message queues */
	long store_files;   /* files in the shm store */
	uint64_t store_bytes;
	pid_t *pids; /* member processes (not the holder, not us); owned */
	size_t npids;
};
void names_usage_free(struct names_usage *u);
bool names_usage_empty(const struct names_usage *u);
/* Count what the namespace of e holds: in this process when it may join and
 * come back (a namespace of our own user namespace), else from a child. */
int names_usage_of(const struct names_entry *e, struct names_usage *u, struct ipcns_error *err);
/* The processes whose IPC namespace is the one behind fd (not ours, not
 * exclude). Processes we may not look at are left out. */
int names_members(int fd, pid_t exclude, pid_t **pids, size_t *npids, struct ipcns_error *err);

/* Delete NAME (stale ones too): -EBUSY with *u filled when it still holds
 * something and !force (force counts nothing and leaves *u empty); -ENOENT
 * when there is no such name. */
int names_delete(const char *name, bool force, struct names_usage *u, struct ipcns_error *err);

/* Call fn for every name whose namespace is the one behind fd. */
int names_identify(int fd, void (*fn)(const char *name, void *data), void *data, struct ipcns_error *err);
