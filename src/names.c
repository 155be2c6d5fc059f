#include "ipcns/names.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/magic.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/fileio.h"
#include "ipcns/ns.h"
#include "ipcns/procscan.h"
#include "ipcns/userns.h"

/* How much of a name or path a message repeats (IPCNS_CLIP). */
#define SHOWN      64
#define SHOWN_PATH 200
/* The initial user namespace's fixed nsfs inode number. */
#define USERNS_INIT_INO 0xEFFFFFFDU
#define HOLDER_TAG      "ipcns-holder"
/* How long delete waits for a killed holder to be gone. */
#define HOLDER_EXIT_MS 5000

void names_entry_init(struct names_entry *e)
{
	*e = (struct names_entry){ .fd = -1, .pidfd = -1 };
}

void names_entry_free(struct names_entry *e)
{
	free(e->dir);
	free(e->path);
	free(e->store);
	if (e->fd >= 0)
		close(e->fd);
	if (e->pidfd >= 0)
		close(e->pidfd);
	names_entry_init(e);
}

int names_validate(const char *name, struct ipcns_error *err)
{
	const size_t max = NAME_MAX - NAMES_SUFFIX_MAX;

	if (!name || !*name)
		return ipcns_error_usage(err, "name: empty; expected a file name such as db1 (no '/', not starting "
					      "with '.' or '-')");
	if (strchr(name, '/'))
		return ipcns_error_usage(err, "%.*s%s: a name cannot contain '/'", IPCNS_CLIP(SHOWN, name));
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return ipcns_error_usage(err, "%s: not a usable name", name);
	if (name[0] == '.')
		return ipcns_error_usage(err, "%.*s%s: a name cannot start with '.' (those are ipcns's own files)",
					 IPCNS_CLIP(SHOWN, name));
	if (name[0] == '-')
		return ipcns_error_usage(err, "%.*s%s: a name cannot start with '-'", IPCNS_CLIP(SHOWN, name));
	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return ipcns_error_usage(err, "%.*s%s: a name cannot contain control characters",
						 IPCNS_CLIP(SHOWN, name));
	if (strlen(name) > max)
		return ipcns_error_usage(err, "%.32s...: name longer than %zu bytes", name, max);
	return 0;
}

bool names_rootless(void)
{
	_cleanup_cap_ cap_t caps = cap_get_proc();
	cap_flag_value_t v = CAP_CLEAR;
	struct stat st;

	if (caps)
		cap_get_flag(caps, CAP_SYS_ADMIN, CAP_EFFECTIVE, &v);
	if (v != CAP_SET)
		return true;
	/* CAP_SYS_ADMIN inside a user namespace of our own cannot mount in
	 * the real /run: that is rootless too. */
	return stat("/proc/self/ns/user", &st) < 0 || st.st_ino != USERNS_INIT_INO;
}

static const char *env_run_dir(void)
{
	const char *dir = getenv("IPCNS_RUN_DIR");

	return dir && *dir ? dir : NULL;
}

static int xdg_run_dir(char **dir, struct ipcns_error *err)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int r;

	if (!xdg || xdg[0] != '/') {
		r = ipcns_error_set(err, ENOENT, "rootless names: XDG_RUNTIME_DIR is not set to a directory");
		ipcns_error_reason(err, IPCNS_R_NAME_NO_DIR, NULL);
		return r;
	}
	if (asprintf(dir, "%s/ipcns", xdg) < 0)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	return 0;
}

int names_create_dir(bool rootless, char **dir, struct ipcns_error *err)
{
	const char *env = env_run_dir();

	if (env || !rootless) {
		*dir = strdup(env ? env : NAMES_ROOT_RUN_DIR);
		return *dir ? 0 : ipcns_error_set(err, ENOMEM, "out of memory");
	}
	return xdg_run_dir(dir, err);
}

/* The directory a name is looked for in: where this caller's create puts
 * it (root's pins cannot be joined without CAP_SYS_ADMIN anyway). Kept as a
 * list so that more places could be searched in order. */
/* Who may own a directory on the way to a run directory: root, the caller,
 * and, seen from inside a user namespace, the overflow uid: root's own
 * directories (/, /tmp, /run) are unmapped there and show as it. (Another
 * unmapped user's directory shows as it too: a caller in a user namespace
 * is trusted to pick its path, as every caller was before these checks.) */
static bool trusted_owner(uid_t uid, uid_t me)
{
	static long overflow = -2; /* not read yet */
	_cleanup_free_ char *text = NULL;
	struct stat st;

	if (uid == 0 || uid == me)
		return true;
	if (overflow == -2) {
		overflow = -1;
		if (stat("/proc/self/ns/user", &st) == 0 && st.st_ino != USERNS_INIT_INO &&
		    (text = read_text_file("/proc/sys/kernel/overflowuid", 32)))
			overflow = strtol(text, NULL, 10);
	}
	return overflow >= 0 && uid == (uid_t)overflow;
}

/* A run directory, and every directory on the way to it, must be beyond
 * other users' reach. Otherwise one of them could move a directory aside
 * and put a symbolic link or a directory of theirs in its place between a
 * look and a use: root's delete, given IPCNS_RUN_DIR inside a user's tree,
 * would remove root's own names elsewhere. So each is a real directory (no
 * symbolic link), owned by root or the caller, and writable by no one else
 * unless it is sticky (as /tmp is: there others cannot move what is not
 * theirs). The run directory itself may not be writable by others even so:
 * anyone could plant a name there.
 *
 * 0 when it passes; 1 when a directory on the way does not exist yet (all
 * above it passed): then it holds no names, and nothing may be looked up
 * through it, as another user may make it in a sticky parent right after
 * this look. create makes it and looks again. */
static int check_run_dir(const char *dir, struct ipcns_error *err)
{
	_cleanup_free_ char *path = NULL, *cwd = NULL;
	uid_t me = geteuid();
	struct stat st;

	if (dir[0] != '/' && !(cwd = getcwd(NULL, 0)))
		return ipcns_error_set(err, errno, "%.*s%s: cannot tell where it is: %s", IPCNS_CLIP(SHOWN_PATH, dir),
				       strerror(errno));
	if (asprintf(&path, "%s%s%s", cwd ? cwd : "", cwd ? "/" : "", dir) < 0)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	for (char *p = path + 1;; p++) {
		char c = *p;
		bool last;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		last = c == '\0' || p[1] == '\0';
		if (lstat(path, &st) < 0)
			return errno == ENOENT ? 1
					       : ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, path),
								 strerror(errno));
		if (S_ISLNK(st.st_mode))
			return ipcns_error_set(err, EPERM,
					       "%.*s%s: a symbolic link on the way to the run directory; give the "
					       "directory's real path",
					       IPCNS_CLIP(SHOWN_PATH, path));
		if (!S_ISDIR(st.st_mode))
			return ipcns_error_set(err, ENOTDIR, "%.*s%s: not a directory", IPCNS_CLIP(SHOWN_PATH, path));
		if (!trusted_owner(st.st_uid, me))
			return ipcns_error_set(err, EPERM,
					       "%.*s%s: owned by uid %u; a run directory is reached through root's and "
					       "your own directories only",
					       IPCNS_CLIP(SHOWN_PATH, path), (unsigned)st.st_uid);
		if ((st.st_mode & (S_IWGRP | S_IWOTH)) && (last || !(st.st_mode & S_ISVTX)))
			return ipcns_error_set(err, EPERM, "%.*s%s: others may write to it (mode %04o); refusing it %s",
					       IPCNS_CLIP(SHOWN_PATH, path), (unsigned)(st.st_mode & 07777),
					       last ? "as a run directory" : "on the way to a run directory");
		if (last)
			return 0;
		*p = c;
	}
}

int names_checked_dir(bool rootless, char **dir, struct ipcns_error *err)
{
	int r = names_create_dir(rootless, dir, err);

	if (r == 0)
		r = check_run_dir(*dir, err);
	if (r != 0) {
		free(*dir);
		*dir = NULL;
	}
	return r < 0 ? r : 0;
}

/* The run directory, checked; *absent when it does not exist (yet): it
 * holds no names then, and is not to be looked into. */
static int lookup_dirs(char *dirs[2], bool *absent, struct ipcns_error *err)
{
	int r;

	dirs[1] = NULL;
	*absent = false;
	r = names_create_dir(names_rootless(), &dirs[0], err);
	if (r == 0)
		r = check_run_dir(dirs[0], err);
	if (r == 1) {
		*absent = true;
		r = 0;
	}
	return r;
}

/* Field 22 of /proc/PID/stat: when the process started, in clock ticks.
 * With the PID it tells a holder from a process that got its PID later. */
static int start_time(pid_t pid, unsigned long long *out)
{
	char path[64], buf[1024];
	_cleanup_close_ int fd = -1;
	ssize_t n;
	char *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return n < 0 ? -errno : -EINVAL;
	buf[n] = '\0';
	p = strrchr(buf, ')'); /* the command name may hold spaces and ')' */
	if (!p)
		return -EINVAL;
	for (int i = 0; i < 20; i++) { /* from the space before field 3 to field 22 */
		p = strchr(p, ' ');
		if (!p)
			return -EINVAL;
		p++;
	}
	*out = strtoull(p, NULL, 10);
	return 0;
}

/* Is pid's real uid uid (as /proc shows it to us)? */
static bool process_runs_as(int pid, uid_t uid)
{
	char path[64];
	_cleanup_free_ char *status = NULL;
	const char *line;
	unsigned long real;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	status = read_text_file(path, 16384);
	line = status ? strstr(status, "\nUid:") : NULL;
	return line && sscanf(line + 5, "%lu", &real) == 1 && real == (unsigned long)uid;
}

/* A holder record: "ipcns-holder PID STARTTIME". The pidfd is opened
 * before the start time is compared and the process is checked alive after:
 * then the pidfd is the very process the record names, never a successor. */
static int open_holder(struct names_entry *e, struct ipcns_error *err)
{
	_cleanup_close_ int fd = open(e->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	_cleanup_close_ int pidfd = -1;
	unsigned long long start, now;
	struct ns_owner owner;
	struct stat st;
	char buf[128];
	int pid, ipc;
	ssize_t n;

	if (fd < 0)
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, e->path), strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, e->path), strerror(errno));
	buf[n] = '\0';
	if (sscanf(buf, HOLDER_TAG " %d %llu", &pid, &start) != 2 || pid <= 0)
		return ipcns_error_set(err, EINVAL,
				       "%.*s%s: not a name made by ipcns (neither a namespace file nor a "
				       "holder record)",
				       IPCNS_CLIP(SHOWN_PATH, e->path));
	e->holder = pid;
	e->kind = NAMES_STALE;
	pidfd = ns_pidfd_open(pid);
	if (pidfd == -ESRCH)
		return 0;
	if (pidfd < 0)
		return ipcns_error_set(err, -pidfd, "%.*s%s: holder %d: %s", IPCNS_CLIP(SHOWN_PATH, e->path), pid,
				       strerror(-pidfd));
	if (start_time(pid, &now) < 0 || now != start)
		return 0; /* gone, and the PID reused */
	/* A holder runs as the user who wrote its record: a record naming a
	 * process of someone else's (root's, sitting in that namespace) is no
	 * holder, or delete --force by root would kill that process. Read
	 * before the pidfd is seen alive below, so it was read of that very
	 * process. */
	if (fstat(fd, &st) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, e->path), strerror(errno));
	if (!process_runs_as(pid, st.st_uid))
		return ipcns_error_set(err, EPERM,
				       "%.*s%s: holder %d does not run as the record's owner (uid %u); refusing it",
				       IPCNS_CLIP(SHOWN_PATH, e->path), pid, (unsigned)st.st_uid);
	ipc = ns_ipc_of_pidfd(pidfd, pid);
	if (ipc == -ESRCH)
		return 0;
	if (ipc < 0)
		return ipcns_error_set(err, -ipc, "%.*s%s: cannot open the IPC namespace of its holder %d: %s",
				       IPCNS_CLIP(SHOWN_PATH, e->path), pid, strerror(-ipc));
	/* The record and the namespaces must have one owner: a record that
	 * someone else wrote, naming another user's process, is not a name. */
	if (ns_owner_of(ipc, &owner) < 0 || owner.uid != st.st_uid) {
		close(ipc);
		return ipcns_error_set(err, EPERM,
				       "%.*s%s: the record's owner (uid %u) did not make the namespaces "
				       "of holder %d; refusing it",
				       IPCNS_CLIP(SHOWN_PATH, e->path), (unsigned)st.st_uid, pid);
	}
	e->fd = ipc;
	e->pidfd = steal_fd(pidfd);
	e->kind = NAMES_HOLDER;
	return 0;
}

/* The run directory is readable and searchable by all, as /run/netns is,
 * so that anyone may look at the names. What must be the owner's alone
 * lives in a directory of its own, 0700: the lock (anyone may flock a file
 * they can open, and so stall every create and delete), and the shm stores
 * (a tmpfs of mode 1777 reached from outside would be every local user's
 * /dev/shm, and a store another user could swap). */
#define PRIVATE_DIR ".ipcns"

static char *store_path(const char *dir, const char *name)
{
	char *path = NULL;

	return asprintf(&path, "%s/" PRIVATE_DIR "/%s.shm", dir, name) < 0 ? NULL : path;
}

/* dir/.ipcns, made when missing; it must be a directory of ours that no
 * one else may enter, or nothing in it can be trusted. */
static int private_dir(const char *dir, char **out, struct ipcns_error *err)
{
	_cleanup_free_ char *path = NULL;
	struct stat st;

	if (asprintf(&path, "%s/" PRIVATE_DIR, dir) < 0)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return ipcns_error_set(err, errno, "%.*s%s: cannot create the directory: %s",
				       IPCNS_CLIP(SHOWN_PATH, path), strerror(errno));
	if (lstat(path, &st) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, path), strerror(errno));
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077))
		return ipcns_error_set(err, EPERM,
				       "%.*s%s: not a directory of uid %u's alone (mode 0700); refusing to use it",
				       IPCNS_CLIP(SHOWN_PATH, path), (unsigned)geteuid());
	*out = steal_ptr(path);
	return 0;
}

/* What NAME is in dir. Nothing is changed. */
static int lookup(const char *dir, const char *name, struct names_entry *e, struct ipcns_error *err)
{
	_cleanup_free_ char *store = NULL;
	_cleanup_close_ int pfd = -1;
	struct statfs sfs;
	struct stat st;

	names_entry_init(e);
	if (asprintf(&e->dir, "%s", dir) < 0 || asprintf(&e->path, "%s/%s", dir, name) < 0 ||
	    !(store = store_path(dir, name)))
		return ipcns_error_set(err, ENOMEM, "out of memory");
	if (lstat(store, &st) == 0 && S_ISDIR(st.st_mode))
		e->store = steal_ptr(store);
	if (lstat(e->path, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			e->kind = NAMES_NONE;
			return 0;
		}
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, e->path), strerror(errno));
	}
	if (!S_ISREG(st.st_mode)) /* a pin shows the nsfs file mounted on it */
		return ipcns_error_set(err, EINVAL,
				       "%.*s%s: not a name made by ipcns (neither a namespace file nor "
				       "a holder record)",
				       IPCNS_CLIP(SHOWN_PATH, e->path));
	/* One O_PATH open decides what it is: a delete that unmounts the pin
	 * meanwhile makes it stale, never "not a namespace file". */
	pfd = open(e->path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (pfd < 0 && errno == ENOENT) {
		e->kind = NAMES_NONE;
		return 0;
	}
	if (pfd < 0 || fstatfs(pfd, &sfs) < 0 || fstat(pfd, &st) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, e->path), strerror(errno));
	if (sfs.f_type == NSFS_MAGIC) {
		char self[64];

		snprintf(self, sizeof(self), "/proc/self/fd/%d", pfd);
		e->fd = ns_open_file(self, e->path, err);
		if (e->fd < 0)
			return e->fd;
		e->kind = NAMES_PIN;
		return 0;
	}
	if (st.st_size == 0) { /* a pin whose mount is gone, or was never made */
		e->kind = NAMES_STALE;
		return 0;
	}
	return open_holder(e, err);
}

int names_find(const char *name, bool allow_stale, bool allow_none, struct names_entry *e, struct ipcns_error *err)
{
	char *dirs[2] = { NULL, NULL };
	bool absent;
	int r = lookup_dirs(dirs, &absent, err);

	names_entry_init(e);
	for (int i = 0; r == 0 && !absent && i < 2 && dirs[i]; i++) {
		struct names_entry found;

		r = lookup(dirs[i], name, &found, err);
		if (r < 0) {
			names_entry_free(&found);
			break;
		}
		if (i == 0 || found.kind != NAMES_NONE || found.store) {
			names_entry_free(e);
			*e = found;
		} else {
			names_entry_free(&found);
		}
		if (e->kind != NAMES_NONE || e->store)
			break;
	}
	if (r == 0 && e->kind == NAMES_NONE && !(allow_none && e->store))
		r = ipcns_error_set(err, ENOENT, "%.*s%s: no namespace of that name in %.*s%s%s%.*s%s",
				    IPCNS_CLIP(SHOWN, name), IPCNS_CLIP(SHOWN_PATH, dirs[0]), dirs[1] ? " or " : "",
				    IPCNS_CLIP(SHOWN_PATH, dirs[1] ? dirs[1] : ""));
	if (r == 0 && e->kind == NAMES_STALE && !allow_stale) {
		if (e->holder)
			r = ipcns_error_set(err, ESRCH, "%.*s%s: stale name: its holder process %d is gone",
					    IPCNS_CLIP(SHOWN, name), (int)e->holder);
		else
			r = ipcns_error_set(err, ESTALE,
					    "%.*s%s: stale name: %.*s%s is an empty file, no namespace "
					    "is mounted on it",
					    IPCNS_CLIP(SHOWN, name), IPCNS_CLIP(SHOWN_PATH, e->path));
		ipcns_error_reason(err, IPCNS_R_NAME_STALE, name);
	}
	free(dirs[0]);
	free(dirs[1]);
	return r;
}

/* Changes to a run directory are serialised by an exclusive flock on a
 * file in its private directory, which only its owner can open. */
static int lock_dir(const char *dir, struct ipcns_error *err)
{
	_cleanup_free_ char *priv = NULL, *path = NULL;
	_cleanup_close_ int fd = -1;
	int r = private_dir(dir, &priv, err);

	if (r < 0)
		return r;
	if (asprintf(&path, "%s/lock", priv) < 0)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, path), strerror(errno));
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR)
			return ipcns_error_set(err, errno, "%.*s%s: cannot lock it: %s", IPCNS_CLIP(SHOWN_PATH, path),
					       strerror(errno));
	return steal_fd(fd);
}

static int ensure_dir(const char *dir, mode_t mode, struct ipcns_error *err)
{
	struct stat st;

	if (mkdir(dir, mode) < 0 && errno != EEXIST)
		return ipcns_error_set(err, errno, "%.*s%s: cannot create the directory: %s",
				       IPCNS_CLIP(SHOWN_PATH, dir), strerror(errno));
	if (lstat(dir, &st) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, dir), strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ipcns_error_set(err, ENOTDIR, "%.*s%s: not a directory", IPCNS_CLIP(SHOWN_PATH, dir));
	return 0;
}

/* Pins must reach every mount namespace, those made later included: the
 * run directory is a shared mount of its own, bound onto itself first when
 * it is no mount point (MS_SHARED on anything else is EINVAL). */
static int make_shared(const char *dir, struct ipcns_error *err)
{
	if (mount("none", dir, "none", MS_SHARED | MS_REC, NULL) == 0)
		return 0;
	if (errno != EINVAL)
		return ipcns_error_set(err, errno, "%.*s%s: cannot make it a shared mount: %s",
				       IPCNS_CLIP(SHOWN_PATH, dir), strerror(errno));
	if (mount(dir, dir, "none", MS_BIND | MS_REC, NULL) < 0 ||
	    mount("none", dir, "none", MS_SHARED | MS_REC, NULL) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: cannot make it a shared mount: %s",
				       IPCNS_CLIP(SHOWN_PATH, dir), strerror(errno));
	return 0;
}

/* Remove what is in dfd's directory, never following a link. */
static int empty_dir(int dfd, int depth)
{
	DIR *d;
	struct dirent *de;
	int r = 0, dup_fd;

	if (depth > 16)
		return -ELOOP;
	dup_fd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
	if (dup_fd < 0 || !(d = fdopendir(dup_fd))) {
		if (dup_fd >= 0)
			close(dup_fd);
		return -errno;
	}
	while ((de = readdir(d))) {
		int sub;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dfd, de->d_name, 0) == 0)
			continue;
		if (errno != EISDIR) {
			r = -errno;
			continue;
		}
		sub = openat(dfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0) {
			r = -errno;
			continue;
		}
		if (empty_dir(sub, depth + 1) < 0 || unlinkat(dfd, de->d_name, AT_REMOVEDIR) < 0)
			r = -errno;
		close(sub);
	}
	closedir(d);
	return r;
}

static bool is_mount_point(const char *path)
{
	_cleanup_free_ char *parent = NULL;
	struct stat a, b;

	if (asprintf(&parent, "%s/..", path) < 0)
		return false;
	return lstat(path, &a) == 0 && stat(parent, &b) == 0 && a.st_dev != b.st_dev;
}

/* A store: root's is a tmpfs mounted on the directory, a rootless one a
 * plain directory whose files are the objects. */
static int remove_store(const char *store, struct ipcns_error *err)
{
	_cleanup_close_ int dfd = -1;
	int r;

	if (is_mount_point(store)) {
		if (umount2(store, MNT_DETACH | UMOUNT_NOFOLLOW) < 0)
			return ipcns_error_set(err, errno, "%.*s%s: cannot unmount the shm store: %s",
					       IPCNS_CLIP(SHOWN_PATH, store), strerror(errno));
	} else {
		dfd = open(store, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (dfd < 0 && errno != ENOENT)
			return ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, store),
					       strerror(errno));
		if (dfd >= 0 && (r = empty_dir(dfd, 0)) < 0)
			return ipcns_error_set(err, -r, "%.*s%s: cannot empty the shm store: %s",
					       IPCNS_CLIP(SHOWN_PATH, store), strerror(-r));
	}
	if (rmdir(store) < 0 && errno != ENOENT)
		return ipcns_error_set(err, errno, "%.*s%s: cannot remove the shm store: %s",
				       IPCNS_CLIP(SHOWN_PATH, store), strerror(errno));
	return 0;
}

static int unlink_file(const char *path, struct ipcns_error *err)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return ipcns_error_set(err, errno, "%.*s%s: cannot remove it: %s", IPCNS_CLIP(SHOWN_PATH, path),
				       strerror(errno));
	return 0;
}

static char *temp_path(const char *dir, const char *name)
{
	char *tmp = NULL;

	return asprintf(&tmp, "%s/.%s.new", dir, name) < 0 ? NULL : tmp;
}

/* Kill a holder and wait until it is gone, so that its namespaces are. */
static int kill_holder(const struct names_entry *e, struct ipcns_error *err)
{
	struct pollfd p = { .fd = e->pidfd, .events = POLLIN };

	if (syscall(SYS_pidfd_send_signal, e->pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		return ipcns_error_set(err, errno, "%.*s%s: cannot stop its holder %d: %s",
				       IPCNS_CLIP(SHOWN_PATH, e->path), (int)e->holder, strerror(errno));
	while (poll(&p, 1, HOLDER_EXIT_MS) < 0)
		if (errno != EINTR)
			break;
	return 0;
}

/* Take away every trace of an entry, in an order where a crash at any
 * point leaves a stale name (an empty file, a dead holder's record) or a
 * lone store, both of which the next create or delete clears. */
static int remove_entry(const struct names_entry *e, const char *name, struct ipcns_error *err)
{
	_cleanup_free_ char *tmp = temp_path(e->dir, name);
	int r = 0;

	if (!tmp)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	if (e->kind == NAMES_HOLDER)
		r = kill_holder(e, err);
	if (r == 0 && e->kind == NAMES_PIN && umount2(e->path, MNT_DETACH | UMOUNT_NOFOLLOW) < 0 && errno != EINVAL)
		r = ipcns_error_set(err, errno, "%.*s%s: cannot unmount the pin: %s", IPCNS_CLIP(SHOWN_PATH, e->path),
				    strerror(errno));
	if (r == 0 && e->kind != NAMES_NONE)
		r = unlink_file(e->path, err);
	if (r == 0)
		r = unlink_file(tmp, err);
	if (r == 0 && e->store)
		r = remove_store(e->store, err);
	return r;
}

static int make_store_tmpfs(const char *store, uint64_t size, struct ipcns_error *err)
{
	char opts[64];

	if (mkdir(store, 0755) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: cannot create the shm store: %s",
				       IPCNS_CLIP(SHOWN_PATH, store), strerror(errno));
	if (size)
		snprintf(opts, sizeof(opts), "mode=1777,size=%" PRIu64, size);
	else
		snprintf(opts, sizeof(opts), "mode=1777");
	if (mount("ipcns-shm", store, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) {
		int r = ipcns_error_set(err, errno, "%.*s%s: cannot mount a tmpfs for the shm store: %s",
					IPCNS_CLIP(SHOWN_PATH, store), strerror(errno));

		rmdir(store);
		return r;
	}
	return 0;
}

/* Root: the store, then the namespace and its limits in this process,
 * then the pin. The name becomes visible only when the mount is made: until
 * then it is an empty file, which nobody can enter. */
static int create_pin(const struct names_create_plan *plan, const char *path, const char *store,
		      struct ipcns_error *err)
{
	_cleanup_close_ int fd = -1, home = -1;
	int r;

	/* Back home once the pin is made: a delete that takes the lock as we
	 * exit must not find us in the namespace as a member. */
	home = ns_self_ipc(err);
	if (home < 0)
		return home;
	if (plan->shm) {
		r = make_store_tmpfs(store, plan->shm_size, err);
		if (r < 0)
			return r;
	}
	r = ns_unshare_ipc(err);
	if (r == 0 && !sysctl_plan_empty(&plan->limits))
		r = sysctl_plan_apply(&plan->limits, NULL, err);
	if (r == 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0444);
		if (fd < 0)
			r = ipcns_error_set(err, errno, "%.*s%s: cannot create the pin: %s",
					    IPCNS_CLIP(SHOWN_PATH, path), strerror(errno));
	}
	if (r == 0 && mount("/proc/self/ns/ipc", path, "none", MS_BIND, NULL) < 0) {
		r = ipcns_error_set(err, errno, "%.*s%s: cannot bind-mount the namespace on it: %s",
				    IPCNS_CLIP(SHOWN_PATH, path), strerror(errno));
		unlink(path);
	}
	if (setns(home, CLONE_NEWIPC) < 0 && r == 0)
		r = ipcns_error_set(err, errno, "cannot return to the caller's IPC namespace: %s", strerror(errno));
	if (r < 0 && plan->shm) {
		struct ipcns_error ignored = { 0 };

		(void)remove_store(store, &ignored);
	}
	return r;
}

struct holder_report {
	int code; /* positive errno, 0 when the namespaces are ready */
	char msg[sizeof(((struct ipcns_error *)0)->msg)];
};

static void close_all_but(int a, int b)
{
	int lo = a < b ? a : b, hi = a < b ? b : a;

	if (lo > 0)
		close_range(0, (unsigned)lo - 1, 0);
	if (hi > lo + 1)
		close_range((unsigned)lo + 1, (unsigned)hi - 1, 0);
	close_range((unsigned)hi + 1, ~0U, 0);
}

/* The holder: owns a user namespace (its creator mapped to 0, as run -r
 * does) and an IPC namespace made in it, and sleeps. It stays only once
 * its creator said the record is written: until then the creator's death
 * (EOF on go) ends it, so a crash never leaves a holder nobody knows. */
static _Noreturn void holder_main(const struct names_create_plan *plan, int report, int go)
{
	struct ipcns_error err = { 0 };
	struct holder_report rep = { 0 };
	/* As run -r: the creator's uid and gid are 0 inside. */
	const struct userns_plan root_map = { .wanted = true, .map_uid = true, .map_gid = true };
	char ok;
	int r, null;

	/* Nothing of the creator's: not its lock on the run directory (held
	 * by this fd's open file, it would outlive the creator), not its tty. */
	close_all_but(report, go);
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null == 0) {
		dup2(0, 1);
		dup2(0, 2);
	}
	setsid();
	if (chdir("/") < 0) {
		/* stay where we are: nothing here needs a directory */
	}
	prctl(PR_SET_NAME, "ipcns-holder");

	r = userns_setup(&root_map, &err);
	if (r == 0)
		r = ns_unshare_ipc(&err);
	if (r == 0 && !sysctl_plan_empty(&plan->limits))
		r = sysctl_plan_apply(&plan->limits, NULL, &err);
	rep.code = r < 0 ? -r : 0;
	memcpy(rep.msg, err.msg, sizeof(rep.msg));
	if (write(report, &rep, sizeof(rep)) != (ssize_t)sizeof(rep) || r < 0)
		_exit(1);
	close(report);
	while (read(go, &ok, 1) < 0)
		if (errno != EINTR)
			_exit(1);
	if (ok != 'k')
		_exit(1);
	close(go);
	for (;;)
		pause();
}

static int create_holder(const struct names_create_plan *plan, const char *path, const char *tmp, const char *store,
			 struct ipcns_error *err)
{
	int report[2] = { -1, -1 }, go[2] = { -1, -1 };
	struct holder_report rep = { 0 };
	unsigned long long start;
	char record[96];
	ssize_t n;
	pid_t pid;
	bool renamed = false;
	int r = 0, fd, len;

	if (plan->shm && mkdir(store, 0700) < 0)
		return ipcns_error_set(err, errno, "%.*s%s: cannot create the shm store: %s",
				       IPCNS_CLIP(SHOWN_PATH, store), strerror(errno));
	if (pipe2(report, O_CLOEXEC) < 0 || pipe2(go, O_CLOEXEC) < 0) {
		r = ipcns_error_set(err, errno, "cannot make a pipe: %s", strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		r = ipcns_error_set(err, errno, "cannot start a holder process: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		holder_main(plan, report[1], go[0]);
	close(report[1]);
	report[1] = -1;
	close(go[0]);
	go[0] = -1;

	do
		n = read(report[0], &rep, sizeof(rep));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(rep)) {
		r = ipcns_error_set(err, EIO, "the holder process ended before making its namespaces");
	} else if (rep.code) {
		r = ipcns_error_set(err, rep.code, "%s", rep.msg);
	} else if (start_time(pid, &start) < 0) {
		r = ipcns_error_set(err, ESRCH, "the holder process %d ended early", (int)pid);
	} else {
		/* Written whole under a temporary name, then renamed: a reader
		 * sees no record or all of it, never half. */
		len = snprintf(record, sizeof(record), HOLDER_TAG " %d %llu\n", (int)pid, start);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, record, (size_t)len) != len)
			r = ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, tmp), strerror(errno));
		if (fd >= 0)
			close(fd);
		if (r == 0 && renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) < 0)
			r = ipcns_error_set(err, errno, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, path), strerror(errno));
		else if (r == 0)
			renamed = true;
		if (r < 0)
			unlink(tmp);
		else if (write(go[1], "k", 1) != 1)
			r = ipcns_error_set(err, errno, "cannot tell the holder to stay: %s", strerror(errno));
	}
	if (r < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (renamed)
			unlink(path);
	}
out:
	for (int i = 0; i < 2; i++) {
		if (report[i] >= 0)
			close(report[i]);
		if (go[i] >= 0)
			close(go[i]);
	}
	if (r < 0 && plan->shm) {
		struct ipcns_error ignored = { 0 };

		(void)remove_store(store, &ignored);
	}
	return r;
}

int names_create(const struct names_create_plan *plan, bool rootless, struct ipcns_error *err)
{
	_cleanup_free_ char *dir = NULL, *store = NULL, *tmp = NULL;
	_cleanup_close_ int lock = -1;
	struct names_entry e;
	int r;

	names_entry_init(&e);
	r = names_create_dir(rootless, &dir, err);
	if (r < 0)
		return r;
	/* Looked at before the mkdir (nothing is made through a link or in
	 * another user's directory) and after it (a sticky parent lets
	 * another user make it first: then it is theirs, and refused). */
	r = check_run_dir(dir, err);
	if (r >= 0)
		r = ensure_dir(dir, rootless ? 0700 : 0755, err);
	if (r == 0)
		r = check_run_dir(dir, err);
	if (r == 1)
		r = ipcns_error_set(err, ENOENT, "%.*s%s: gone right after it was made", IPCNS_CLIP(SHOWN_PATH, dir));
	if (r < 0)
		return r;
	lock = lock_dir(dir, err);
	if (lock < 0)
		return lock;
	if (!rootless) {
		r = make_shared(dir, err);
		if (r < 0)
			return r;
	}
	r = lookup(dir, plan->name, &e, err);
	if (r < 0)
		goto out;
	if (e.kind == NAMES_PIN || e.kind == NAMES_HOLDER) {
		r = ipcns_error_set(err, EEXIST, "%.*s%s: a namespace of that name exists in %.*s%s",
				    IPCNS_CLIP(SHOWN, plan->name), IPCNS_CLIP(SHOWN_PATH, dir));
		goto out;
	}
	/* A stale name, a lone store, a temporary file: left by a crash. */
	r = remove_entry(&e, plan->name, err);
	if (r < 0)
		goto out;
	tmp = temp_path(dir, plan->name);
	if (!tmp || !(store = store_path(dir, plan->name))) {
		r = ipcns_error_set(err, ENOMEM, "out of memory");
		goto out;
	}
	if (rootless)
		r = create_holder(plan, e.path, tmp, store, err);
	else
		r = create_pin(plan, e.path, store, err);
out:
	names_entry_free(&e);
	return r;
}

void names_usage_free(struct names_usage *u)
{
	free(u->pids);
	*u = (struct names_usage){ 0 };
}

bool names_usage_empty(const struct names_usage *u)
{
	return !u->msg && !u->sem && !u->shm && !u->mqueues && !u->store_files && !u->npids;
}

/* The SysV objects of the current IPC namespace, as the kernel counts them
 * (the "in use" figures of the *_INFO calls, which need no permission on
 * any object): one call each, where /proc/sysvipc formats every object. */
static void count_sysv(long *msg, long *sem, long *shm, int *code)
{
	struct msginfo mi;
	struct seminfo si;
	struct shm_info hi;
	union {
		int val;
		struct semid_ds *buf;
		unsigned short *array;
		struct seminfo *info;
	} arg = { .info = &si };

	if (msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi) < 0 || semctl(0, 0, SEM_INFO, arg) < 0 ||
	    shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&hi) < 0) {
		*code = errno;
		return;
	}
	*msg = mi.msgpool;
	*sem = si.semusz;
	*shm = (long)hi.used_ids;
}

/* The POSIX queues of the current IPC namespace, through a detached mqueue
 * mount: no mount table anywhere changes. */
static long count_mqueues(bool may_unshare, int *code)
{
	_cleanup_close_ int fsfd = fsopen("mqueue", FSOPEN_CLOEXEC);
	_cleanup_close_ int mfd = -1;
	struct dirent *de;
	long n = 0;
	DIR *d;

	/* In a child that joined a user namespace: a mount namespace of it. */
	if (fsfd < 0 && errno == EPERM && may_unshare && unshare(CLONE_NEWNS) == 0)
		fsfd = fsopen("mqueue", FSOPEN_CLOEXEC);
	if (fsfd < 0 || fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0 ||
	    (mfd = fsmount(fsfd, FSMOUNT_CLOEXEC, 0)) < 0) {
		*code = errno;
		return 0;
	}
	d = fdopendir(openat(mfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	if (!d) {
		*code = errno;
		return 0;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

struct counts {
	int code;
	long msg, sem, shm, mqueues;
};

/* In a child: join, count, report through fd. Only _exit() from here. */
static void count_here(struct counts *c, bool may_unshare)
{
	count_sysv(&c->msg, &c->sem, &c->shm, &c->code);
	c->mqueues = count_mqueues(may_unshare, &c->code);
}

static _Noreturn void count_child(const struct names_entry *e, int fd)
{
	struct ipcns_error err = { 0 };
	struct counts c = { 0 };

	if (ns_join_ipc(e->fd, true, e->path, &err) < 0)
		c.code = err.code ? err.code : EPERM;
	else
		count_here(&c, true);
	_exit(write(fd, &c, sizeof(c)) == (ssize_t)sizeof(c) ? 0 : 1);
}

/* A namespace of our own user namespace (root's pins) is counted in this
 * process, which then goes back home: no user namespace to join, nothing
 * else changes, and a fork less. Others take a child (count_child). */
static int count_in_process(const struct names_entry *e, struct counts *c)
{
	_cleanup_close_ int home = -1;
	struct ns_owner owner;

	if (ns_owner_of(e->fd, &owner) < 0 || !owner.ours)
		return -EAGAIN;
	home = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
	if (home < 0 || setns(e->fd, CLONE_NEWIPC) < 0)
		return -EAGAIN;
	count_here(c, false);
	if (setns(home, CLONE_NEWIPC) < 0 && !c->code)
		c->code = errno;
	return 0;
}

static void count_store(const char *store, struct names_usage *u)
{
	_cleanup_close_ int dfd = open(store, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (dfd < 0 || !(d = fdopendir(fcntl(dfd, F_DUPFD_CLOEXEC, 0))))
		return;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		u->store_files++;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			u->store_bytes += (uint64_t)st.st_size;
	}
	closedir(d);
}

int names_usage_of(const struct names_entry *e, struct names_usage *u, struct ipcns_error *err)
{
	struct counts c = { 0 };
	int p[2], status;
	ssize_t n;
	pid_t pid;

	*u = (struct names_usage){ 0 };
	if (e->store)
		count_store(e->store, u);
	if (count_in_process(e, &c) == 0)
		goto counted;
	if (pipe2(p, O_CLOEXEC) < 0)
		return ipcns_error_set(err, errno, "cannot make a pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return ipcns_error_set(err, errno, "cannot fork: %s", strerror(errno));
	}
	if (pid == 0)
		count_child(e, p[1]);
	close(p[1]);
	do
		n = read(p[0], &c, sizeof(c));
	while (n < 0 && errno == EINTR);
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (n != (ssize_t)sizeof(c))
		c.code = EIO;
counted:
	u->msg = c.msg;
	u->sem = c.sem;
	u->shm = c.shm;
	u->mqueues = c.mqueues;
	if (c.code)
		return ipcns_error_set(err, c.code, "%.*s%s: cannot count the objects in its namespace: %s",
				       IPCNS_CLIP(SHOWN_PATH, e->path), strerror(c.code));
	return names_members(e->fd, e->kind == NAMES_HOLDER ? e->holder : 0, &u->pids, &u->npids, err);
}

struct members {
	ino_t want;
	pid_t self, exclude;
	pid_t *pids;
	size_t n, cap;
};

static int add_member(pid_t pid, pid_t tid, ino_t ino, void *data)
{
	struct members *m = data;

	(void)tid;
	if (ino != m->want || pid == m->self || pid == m->exclude)
		return 0;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		pid_t *more = reallocarray(m->pids, cap, sizeof(*more));

		if (!more)
			return -ENOMEM;
		m->pids = more;
		m->cap = cap;
	}
	m->pids[m->n++] = pid;
	return 0;
}

int names_members(int fd, pid_t exclude, pid_t **pids, size_t *npids, struct ipcns_error *err)
{
	struct members m = { .self = getpid(), .exclude = exclude };
	_cleanup_close_ int procfd = -1;
	struct stat want;
	int r;

	*pids = NULL;
	*npids = 0;
	/* fd is held all along: its inode cannot be reused meanwhile. */
	if (fstat(fd, &want) < 0)
		return ipcns_error_set(err, errno, "cannot look at the namespace: %s", strerror(errno));
	m.want = want.st_ino;
	procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		return ipcns_error_set(err, errno, "/proc: %s", strerror(errno));
	r = procscan_ipc(procfd, add_member, &m);
	if (r < 0) {
		free(m.pids);
		return ipcns_error_set(err, -r, "/proc: %s", strerror(-r));
	}
	*pids = m.pids;
	*npids = m.n;
	return 0;
}

/* The run directory that has NAME, its store or its temporary file, looked
 * at without opening anything: what they are is for lookup() under the lock. */
static int find_dir(const char *name, char **dir, struct ipcns_error *err)
{
	char *dirs[2] = { NULL, NULL };
	bool absent;
	int r = lookup_dirs(dirs, &absent, err);
	struct stat st;

	for (int i = 0; r == 0 && !absent && i < 2 && dirs[i] && !*dir; i++) {
		static const char *const before[] = { "", PRIVATE_DIR "/", "." }, *const after[] = { "", ".shm",
												     ".new" };

		for (size_t f = 0; f < ARRAY_SIZE(before) && !*dir; f++) {
			_cleanup_free_ char *path = NULL;

			if (asprintf(&path, "%s/%s%s%s", dirs[i], before[f], name, after[f]) < 0) {
				r = ipcns_error_set(err, ENOMEM, "out of memory");
				break;
			}
			if (lstat(path, &st) == 0)
				*dir = steal_ptr(dirs[i]);
		}
	}
	if (r == 0 && !*dir)
		r = ipcns_error_set(err, ENOENT, "%.*s%s: no namespace of that name in %.*s%s%s%.*s%s",
				    IPCNS_CLIP(SHOWN, name), IPCNS_CLIP(SHOWN_PATH, dirs[0]), dirs[1] ? " or " : "",
				    IPCNS_CLIP(SHOWN_PATH, dirs[1] ? dirs[1] : ""));
	free(dirs[0]);
	free(dirs[1]);
	return r;
}

int names_delete(const char *name, bool force, struct names_usage *u, struct ipcns_error *err)
{
	_cleanup_close_ int lock = -1;
	_cleanup_free_ char *dir = NULL;
	struct names_entry e;
	int r;

	*u = (struct names_usage){ 0 };
	r = find_dir(name, &dir, err);
	if (r < 0)
		return r;
	lock = lock_dir(dir, err);
	if (lock < 0)
		return lock;
	/* Again under the lock: it may have changed meanwhile. */
	r = lookup(dir, name, &e, err);
	if (r == 0 && e.kind == NAMES_NONE && !e.store)
		r = ipcns_error_set(err, ENOENT, "%.*s%s: no namespace of that name in %.*s%s", IPCNS_CLIP(SHOWN, name),
				    IPCNS_CLIP(SHOWN_PATH, dir));
	/* --force deletes whatever it holds: nothing to count or look for. */
	if (r == 0 && !force && (e.kind == NAMES_PIN || e.kind == NAMES_HOLDER)) {
		r = names_usage_of(&e, u, err);
		if (r == 0 && !names_usage_empty(u))
			r = -EBUSY;
	}
	if (r == 0)
		r = remove_entry(&e, name, err);
	names_entry_free(&e);
	return r;
}

int names_identify(int fd, void (*fn)(const char *name, void *data), void *data, struct ipcns_error *err)
{
	char *dirs[2] = { NULL, NULL };
	struct stat want, st;
	bool absent;
	int r = lookup_dirs(dirs, &absent, err);

	if (r == 0 && fstat(fd, &want) < 0)
		r = ipcns_error_set(err, errno, "cannot look at the namespace: %s", strerror(errno));
	for (int i = 0; r == 0 && !absent && i < 2 && dirs[i]; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *de;

		if (!d)
			continue; /* no names there */
		while ((de = readdir(d))) {
			struct ipcns_error ignored = { 0 };
			struct names_entry e;

			if (names_validate(de->d_name, &ignored) < 0)
				continue;
			if (lookup(dirs[i], de->d_name, &e, &ignored) == 0 && e.fd >= 0 && fstat(e.fd, &st) == 0 &&
			    st.st_dev == want.st_dev && st.st_ino == want.st_ino)
				fn(de->d_name, data);
			names_entry_free(&e);
		}
		closedir(d);
	}
	free(dirs[0]);
	free(dirs[1]);
	return r;
}
