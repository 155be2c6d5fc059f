/* IPC namespaces: naming a target, opening it safely, creating and joining. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "ipcns/error.h"

/* Initial IPC namespace's fixed nsfs inode number (include/linux/proc_ns.h). */
#define IPCNS_INIT_INO 0xEFFFFFFFU
#define IPCNS_DEFAULT_RUN_DIR "/run/ipcns"

enum ns_target_kind {
	NS_TARGET_PATH, /* contains '/': an nsfs file */
	NS_TARGET_PID,  /* all digits */
	NS_TARGET_NAME, /* a named namespace under the run directory */
};

struct ns_target {
	enum ns_target_kind kind;
	const char *arg; /* as the user wrote it; borrowed */
	pid_t pid;       /* NS_TARGET_PID only */
};

/* Classify TARGET (pure; no system calls). Usage error when empty. */
int ns_target_parse(const char *arg, struct ns_target *t, struct ipcns_error *err);
/* Check a namespace name: not empty, no '/', not "." or "..", <= NAME_MAX. */
int ns_name_validate(const char *name, struct ipcns_error *err);
/* $IPCNS_RUN_DIR when set and non-empty, else /run/ipcns. */
const char *ns_run_dir(void);

/* Open TARGET as an O_CLOEXEC nsfs fd of an IPC namespace. A PID (or thread
 * ID) goes through pidfd_open() so that a PID reused between lookup and open
 * is detected. */
int ns_target_open(const struct ns_target *t, struct ipcns_error *err);
/* Is fd an nsfs file of an IPC namespace? 0, or -EINVAL with a message. */
int ns_check_ipc_fd(int fd, const char *what, struct ipcns_error *err);
/* Is fd the initial (host) IPC namespace? Fails, rather than answer no,
 * when fd is not an nsfs file of an IPC namespace: a host guard must not be
 * fooled by a tampered /proc. */
int ns_is_initial_ipc(int fd, bool *initial, const char *what, struct ipcns_error *err);
/* An O_CLOEXEC nsfs fd of the caller's own IPC namespace, checked. */
int ns_self_ipc(struct ipcns_error *err);

/* Who owns the namespace behind fd: for advice after EPERM or EACCES. */
struct ns_owner {
	bool ours; /* its owning user namespace is the caller's own */
	uid_t uid; /* who created that user namespace (NS_GET_OWNER_UID) */
};
int ns_owner_of(int fd, struct ns_owner *owner);

int ns_unshare_ipc(struct ipcns_error *err);
/* setns() into the IPC namespace behind fd; when join_user, first into its
 * owning user namespace (skipped when that is already ours) and become its
 * uid 0 and gid 0, as nsenter -U does. Supplementary groups are cleared
 * before that join; where they cannot be, nothing is joined. */
int ns_join_ipc(int fd, bool join_user, const char *what, struct ipcns_error *err);
