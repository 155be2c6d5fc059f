/* Finding the IPC namespaces a caller can see: those of processes
 * (/proc/PID/ns/ipc, stat only), nsfs bind mounts anywhere in the caller's
 * mount table (read with libmount), and files in the run directory. Each
 * namespace found is held open, so that its inode number, which the kernel
 * hands out again as soon as a namespace dies, keeps naming the same one
 * while the caller looks at it. Nothing here prints or changes anything. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipcns/error.h"

struct nsinfo_ns {
	int fd;    /* O_RDONLY nsfs fd, held until nsinfo_list_free */
	dev_t dev; /* nsfs device and inode: what /proc/PID/ns/ipc shows */
	ino_t ino;
	uint64_t id; /* NS_GET_ID (64-bit, never reused); 0 where the kernel lacks it */
	bool self;   /* the caller's own IPC namespace */

	char **names; /* pins in the run directory, as names */
	size_t nnames;
	char **paths; /* every pin (nsfs bind mount or file), as paths */
	size_t npaths;

	size_t nprocs; /* processes that the caller could see in it */
	pid_t *pids;   /* all of them, ascending; only with NSINFO_PIDS */
	pid_t pid;     /* the lowest; 0 when none */
	bool uid_known;
	uid_t uid;     /* owner of /proc/PID of the lowest PID, as lsns shows */
	char *command; /* its command line, spaces for NULs, or [comm]; NULL when unknown */
	char *cgroup;  /* its cgroup (the v2 path, or the first v1 line's); NULL when unknown */

	bool owner_known;
	ino_t owner_ino;   /* the owning user namespace's inode */
	uint64_t owner_id; /* ... its NS_GET_ID, 0 where the kernel lacks it */
	uid_t owner_uid;   /* ... and who created it (NS_GET_OWNER_UID) */
	bool owner_ours;   /* the owner is the caller's own user namespace */
};

struct nsinfo_list {
	struct nsinfo_ns *ns; /* sorted by inode */
	size_t n;
};

enum {
	NSINFO_PIDS = 1 << 0,    /* fill pids[] */
	NSINFO_DETAILS = 1 << 1, /* command, cgroup and user of the lowest PID */
};

/* Every IPC namespace the caller can see. Processes and pins the caller may
 * not look at are left out, as lsns does; that is not an error. */
int nsinfo_scan(struct nsinfo_list *list, unsigned flags, struct ipcns_error *err);
/* The one namespace behind fd (which the list takes over on success),
 * with its processes and pins. */
int nsinfo_scan_one(int fd, struct nsinfo_list *list, unsigned flags, struct ipcns_error *err);
void nsinfo_list_free(struct nsinfo_list *list);
