#include "ipcns/ns.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipcns/cleanup.h"

/* How much of a TARGET path a message repeats (IPCNS_CLIP). */
#define SHOWN_PATH 200

#ifndef NS_GET_OWNER_UID
#define NS_GET_OWNER_UID _IO(NSIO, 0x4)
#endif
#ifndef PIDFD_GET_IPC_NAMESPACE
#define PIDFD_GET_IPC_NAMESPACE _IO(0xFF, 2)
#endif
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL /* pidfd_open() of a thread that leads no group, Linux 6.9 */
#endif

int ns_check_ipc_fd(int fd, const char *what, struct ipcns_error *err)
{
	int type = ioctl(fd, NS_GET_NSTYPE);

	if (type < 0)
		return ipcns_error_usage(err,
					 "%.*s%s: not a namespace file (expected /proc/PID/ns/ipc or a bind mount "
					 "of one)",
					 IPCNS_CLIP(SHOWN_PATH, what));
	if (type != CLONE_NEWIPC)
		return ipcns_error_usage(err, "%.*s%s: not an IPC namespace (it is another kind of namespace)",
					 IPCNS_CLIP(SHOWN_PATH, what));
	return 0;
}

/* Open a file that should be a namespace. Look before opening: opening a
 * FIFO would block for good, and opening a device can act on it (a watchdog
 * starts ticking). An O_PATH fd opens nothing but the name; only a file on
 * nsfs is then opened for real, through that fd, so it is the same file.
 * Returns the fd, or -errno with errno set and no message. */
static int open_nsfs(const char *path)
{
	_cleanup_close_ int pfd = open(path, O_PATH | O_CLOEXEC);
	char self[64];
	struct statfs sfs;
	int fd;

	if (pfd < 0)
		return -errno;
	if (fstatfs(pfd, &sfs) < 0)
		return -errno;
	if (sfs.f_type != NSFS_MAGIC) {
		errno = ENOTTY; /* what NS_GET_NSTYPE on a non-namespace file says */
		return -ENOTTY;
	}
	snprintf(self, sizeof(self), "/proc/self/fd/%d", pfd);
	fd = open(self, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	return fd < 0 ? -errno : fd;
}

int ns_open_file(const char *path, const char *what, struct ipcns_error *err)
{
	_cleanup_close_ int fd = open_nsfs(path);
	int r;

	if (fd == -ENOTTY)
		return ipcns_error_usage(err,
					 "%.*s%s: not a namespace file (expected /proc/PID/ns/ipc or a bind mount "
					 "of one)",
					 IPCNS_CLIP(SHOWN_PATH, what));
	if (fd == -EACCES || fd == -EPERM) {
		struct stat st;

		/* A /proc/PID/ns/ipc link belongs to its process's user. */
		r = ipcns_error_set(err, -fd, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, what), strerror(-fd));
		ipcns_error_reason(err, IPCNS_R_TARGET_DENIED, what);
		if (lstat(path, &st) == 0)
			ipcns_error_owner(err, st.st_uid, false);
		return r;
	}
	if (fd < 0)
		return ipcns_error_set(err, -fd, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, what), strerror(-fd));
	r = ns_check_ipc_fd(fd, what, err);
	if (r < 0)
		return r;
	return steal_fd(fd);
}

/* A pidfd for pid, which may also name a thread: pidfd_open() says ENOENT
 * for a thread that leads no thread group unless asked with PIDFD_THREAD. */
int ns_pidfd_open(pid_t pid)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (pidfd < 0 && errno == ENOENT) {
		pidfd = (int)syscall(SYS_pidfd_open, pid, PIDFD_THREAD);
		if (pidfd < 0 && errno == EINVAL) /* no PIDFD_THREAD: older kernel */
			errno = ENOSYS;
	}
	return pidfd < 0 ? -errno : pidfd;
}

int ns_ipc_of_pidfd(int pidfd, pid_t pid)
{
	char path[64];
	int fd;

	/* Ask the pidfd for the namespace: nothing to race against. */
	fd = ioctl(pidfd, PIDFD_GET_IPC_NAMESPACE, 0);
	if (fd >= 0)
		return fd;
	if (errno != ENOTTY && errno != EINVAL && errno != ENOSYS)
		return -errno; /* ESRCH: gone; EACCES/EPERM: no ptrace read access */

	/* Older kernels: open through /proc, then make sure the process the
	 * pidfd pins is still alive, so the PID was not recycled in between. */
	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
	fd = open_nsfs(path);
	if (fd < 0)
		return fd;
	if (syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) < 0 && errno == ESRCH) {
		close(fd);
		return -ESRCH;
	}
	return fd;
}

/* The initial IPC namespace is the nsfs inode the kernel reserves for it
 * (PROC_IPC_INIT_INO); every other one gets a number from 0xF0000000 up.
 * That holds only for a real nsfs file of an IPC namespace: a regular file
 * on a tampered /proc could have any inode number, so both are checked, and
 * what cannot be checked is an error, never "not the host". NS_GET_ID is no
 * help here: 6.18 gives the initial namespace an ordinary id (4098 here);
 * a fixed IPC_NS_INIT_ID came only later. */
int ns_is_initial_ipc(int fd, bool *initial, const char *what, struct ipcns_error *err)
{
	struct statfs sfs;
	struct stat st;
	int r;

	if (fstatfs(fd, &sfs) < 0 || fstat(fd, &st) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: cannot tell whether it is the host's IPC namespace: %s",
				       IPCNS_CLIP(SHOWN_PATH, what), strerror(errno));
	if (sfs.f_type != NSFS_MAGIC)
		return ipcns_error_set(
		    err, EINVAL, "%.*s%s: cannot tell whether it is the host's IPC namespace: not a namespace file",
		    IPCNS_CLIP(SHOWN_PATH, what));
	r = ns_check_ipc_fd(fd, what, err);
	if (r < 0)
		return r;
	*initial = st.st_ino == IPCNS_INIT_INO;
	return 0;
}

int ns_self_ipc(struct ipcns_error *err)
{
	_cleanup_close_ int pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	int fd = -1;

	/* Ask the kernel rather than /proc, which may not be what it seems. */
	if (pidfd >= 0)
		fd = ioctl(pidfd, PIDFD_GET_IPC_NAMESPACE, 0);
	if (fd < 0)
		fd = ns_open_file("/proc/self/ns/ipc", "/proc/self/ns/ipc", err);
	return fd;
}

/* An fd of the user namespace that owns the namespace behind fd. */
static int owner_userns(int fd, struct ipcns_error *err)
{
	int ufd = ioctl(fd, NS_GET_USERNS);

	if (ufd < 0)
		return ipcns_error_set(err, errno, "owning user namespace: %s", strerror(errno));
	/* The ioctl's fd has no O_CLOEXEC: set it before anything can exec. */
	(void)fcntl(ufd, F_SETFD, FD_CLOEXEC);
	return ufd;
}

static bool same_namespace(int fd, const char *self_path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(self_path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int ns_owner_of(int fd, struct ns_owner *owner)
{
	_cleanup_close_ int ufd = ioctl(fd, NS_GET_USERNS);
	uid_t uid;

	if (ufd < 0)
		return -errno;
	if (ioctl(ufd, NS_GET_OWNER_UID, &uid) < 0)
		return -errno;
	owner->ours = same_namespace(ufd, "/proc/self/ns/user");
	owner->uid = uid;
	return 0;
}

void ns_error_owner(struct ipcns_error *err, int fd)
{
	struct ns_owner owner;
	int r = ns_owner_of(fd, &owner);

	if (r == 0)
		ipcns_error_owner(err, owner.uid, owner.ours);
	else if (r == -EPERM) /* the owner is outside our user namespace, an ancestor: not ours, uid unknown */
		ipcns_error_owner(err, (uid_t)-1, false);
}

int ns_unshare_ipc(struct ipcns_error *err)
{
	int r;

	if (unshare(CLONE_NEWIPC) == 0)
		return 0;
	r = ipcns_error_set(err, errno, "cannot create an IPC namespace: %s", strerror(errno));
	if (r == -EPERM || r == -EACCES)
		ipcns_error_reason(err, IPCNS_R_CREATE_DENIED, NULL);
	return r;
}

/* Right after joining a user namespace we keep our old ids, which are
 * unmapped there (global root shows up as the overflow uid). Become its uid 0
 * and gid 0 instead: a namespace's limits are writable by the euid that is
 * uid 0 of its owner, capabilities do not count. The capabilities setns()
 * gave us survive, as the old ids were not that namespace's root. */
static int become_userns_root(const char *what, struct ipcns_error *err)
{
	/* gid before uid: changing the uid first could take away the right to
	 * change the gid. The supplementary groups are already gone. */
	if (setresgid(0, 0, 0) < 0)
		return ipcns_error_set(err, errno, "%s: cannot become gid 0 of its user namespace: %s", what,
				       errno == EINVAL ? "gid 0 is not mapped there" : strerror(errno));
	if (setresuid(0, 0, 0) < 0)
		return ipcns_error_set(err, errno, "%s: cannot become uid 0 of its user namespace: %s", what,
				       errno == EINVAL ? "uid 0 is not mapped there" : strerror(errno));
	return 0;
}

/* Clear the supplementary groups before joining another user namespace,
 * while our capabilities still count. Inside, a namespace whose gid_map was
 * written without CAP_SETGID (run -r, unshare -r, any rootless one) denies
 * setgroups() for good: groups carried in could never be shed there, and
 * that namespace's owner, who may ptrace CMD, could use them (root's group
 * 0 or shadow, say). A failure is fatal, with one exception that gives
 * nothing away: a caller without CAP_SETGID joining a user namespace its own
 * uid owns keeps its own groups, which that owner already has. */
static int drop_groups_before_userns(int ufd, const char *what, struct ipcns_error *err)
{
	uid_t owner;
	int e;

	if (getgroups(0, NULL) == 0 || setgroups(0, NULL) == 0)
		return 0;
	e = errno;
	if (e == EPERM && ioctl(ufd, NS_GET_OWNER_UID, &owner) == 0 && owner == getuid() && owner == geteuid())
		return 0;
	return ipcns_error_set(err, e, "%s: cannot drop the supplementary groups before joining its user namespace: %s",
			       what, strerror(e));
}

int ns_join_ipc(int fd, bool join_user, const char *what, struct ipcns_error *err)
{
	if (join_user) {
		_cleanup_close_ int ufd = owner_userns(fd, err);
		int r;

		if (ufd < 0)
			return ufd;
		/* setns() into the user namespace we are already in is EINVAL;
		 * there is nothing to join. */
		if (!same_namespace(ufd, "/proc/self/ns/user")) {
			r = drop_groups_before_userns(ufd, what, err);
			if (r < 0)
				return r;
			if (setns(ufd, CLONE_NEWUSER) < 0) {
				r = ipcns_error_set(err, errno, "%s: cannot join its user namespace: %s", what,
						    strerror(errno));
				if (r == -EPERM || r == -EACCES) {
					ipcns_error_reason(err, IPCNS_R_JOIN_DENIED, what);
					ns_error_owner(err, fd);
				}
				return r;
			}
			r = become_userns_root(what, err);
			if (r < 0)
				return r;
		}
	}
	if (setns(fd, CLONE_NEWIPC) < 0) {
		int r = ipcns_error_set(err, errno, "%s: cannot join its IPC namespace: %s", what, strerror(errno));

		if (r == -EPERM || r == -EACCES) {
			ipcns_error_reason(err, IPCNS_R_JOIN_DENIED, what);
			ns_error_owner(err, fd);
		}
		return r;
	}
	return 0;
}
