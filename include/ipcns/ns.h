/* IPC namespaces: opening nsfs files safely, creating and joining. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "ipcns/error.h"

/* Initial IPC namespace's fixed nsfs inode number (include/linux/proc_ns.h). */
#define IPCNS_INIT_INO 0xEFFFFFFFU

/* Open path as an O_CLOEXEC nsfs fd of an IPC namespace, without opening
 * anything else on the way (a FIFO, a device): the fd, or -errno with a message
 * that starts with what. */
int ns_open_file(const char *path, const char *what, struct ipcns_error *err);
/* pidfd_open() of a process or thread: the fd, or -errno (-ENOSYS where the
 * kernel cannot open this kind of pidfd). */
int ns_pidfd_open(pid_t pid);
/* The IPC nsfs fd of the process behind pidfd (PIDFD_GET_IPC_NAMESPACE, or
 * /proc/PID/ns/ipc and a liveness check on older kernels): fd or -errno,
 * no message (-ESRCH: it has exited; -EACCES/-EPERM: not ours to look at). */
int ns_ipc_of_pidfd(int pidfd, pid_t pid);
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
/* Record in err who owns the namespace behind fd, where that can be told. */
void ns_error_owner(struct ipcns_error *err, int fd);

int ns_unshare_ipc(struct ipcns_error *err);
/* setns() into the IPC namespace behind fd; when join_user, first into its
 * owning user namespace (skipped when that is already ours) and become its
 * uid 0 and gid 0, as nsenter -U does. Supplementary groups are cleared
 * before that join; where they cannot be, nothing is joined. */
int ns_join_ipc(int fd, bool join_user, const char *what, struct ipcns_error *err);
