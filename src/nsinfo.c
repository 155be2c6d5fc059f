#include "ipcns/nsinfo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libmount.h>
#include <limits.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/names.h"
#include "ipcns/ns.h"
#include "ipcns/procscan.h"
#include "ipcns/target.h"

#ifndef NS_GET_OWNER_UID
#define NS_GET_OWNER_UID _IO(NSIO, 0x4)
#endif
/* Linux 6.18: a 64-bit id per namespace that, unlike the inode, is never reused. */
#ifndef NS_GET_ID
#define NS_GET_ID _IOR(NSIO, 13, __u64)
#endif

/* A process seen in /proc, and a namespace it is in: its leader's, or a
 * thread's (tid) that is elsewhere. */
struct proc_entry {
	ino_t ino;
	pid_t pid;
	pid_t tid; /* the task whose link named ino: the one to open it through */
};

struct proc_set {
	struct proc_entry *v;
	size_t n, cap;
	dev_t dev; /* nsfs's: every namespace's inode is on it */
	const struct stat *only;
};

static int proc_entry_cmp(const void *pa, const void *pb)
{
	const struct proc_entry *a = pa, *b = pb;

	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

static int ns_cmp(const void *pa, const void *pb)
{
	const struct nsinfo_ns *a = pa, *b = pb;

	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return (a->dev > b->dev) - (a->dev < b->dev);
}

static int add_proc(pid_t pid, pid_t tid, ino_t ino, void *data)
{
	struct proc_set *set = data;

	if (set->only && ino != set->only->st_ino)
		return 0;
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 1024;
		struct proc_entry *v = realloc(set->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		set->v = v;
		set->cap = cap;
	}
	set->v[set->n++] = (struct proc_entry){ .ino = ino, .pid = pid, .tid = tid };
	return 0;
}

/* Every process's namespace (procscan.c: a readlink each, where lsns does a
 * stat); when only is set, just that namespace's processes are kept. */
static int scan_procs(int procfd, struct proc_set *set, const struct stat *only)
{
	struct stat self;

	set->only = only;
	if (only)
		set->dev = only->st_dev;
	else if (fstatat(procfd, "self/ns/ipc", &self, 0) == 0)
		set->dev = self.st_dev;
	else
		return -errno;
	return procscan_ipc(procfd, add_proc, set);
}

static struct nsinfo_ns *find_ns(struct nsinfo_list *list, dev_t dev, ino_t ino)
{
	for (size_t i = 0; i < list->n; i++)
		if (list->ns[i].dev == dev && list->ns[i].ino == ino)
			return &list->ns[i];
	return NULL;
}

/* Append a namespace that holds fd (taken over on success). */
static struct nsinfo_ns *add_ns(struct nsinfo_list *list, int fd, const struct stat *st)
{
	struct nsinfo_ns *v = realloc(list->ns, (list->n + 1) * sizeof(*v));

	if (!v)
		return NULL;
	list->ns = v;
	v = &list->ns[list->n++];
	memset(v, 0, sizeof(*v));
	v->fd = fd;
	v->dev = st->st_dev;
	v->ino = st->st_ino;
	return v;
}

static int strv_add(char ***v, size_t *n, const char *s)
{
	char **nv;

	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return 0;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	*v = nv;
	nv[*n] = strdup(s);
	if (!nv[*n])
		return -ENOMEM;
	(*n)++;
	return 0;
}

static int open_ipc_path(const char *path)
{
	struct ipcns_error ignored = { 0 };

	return ns_open_file(path, path, &ignored);
}

/* pid may be a thread's: its own namespace is opened (target.c). */
static int open_ipc_pid(pid_t pid)
{
	struct ipcns_error ignored = { 0 };
	char arg[16];
	struct target t = { .kind = TARGET_PID, .arg = arg, .pid = pid };

	snprintf(arg, sizeof(arg), "%d", (int)pid);
	return target_open(&t, &ignored);
}

/* Group the processes by namespace and open each namespace once, through
 * one of its processes (the lowest that still is in it). */
static int add_proc_groups(struct nsinfo_list *list, struct proc_set *set, unsigned flags)
{
	if (set->n)
		qsort(set->v, set->n, sizeof(*set->v), proc_entry_cmp);
	for (size_t i = 0, j; i < set->n; i = j) {
		struct nsinfo_ns *ns = NULL;
		struct stat st;

		for (j = i; j < set->n && set->v[j].ino == set->v[i].ino; j++)
			;
		ns = find_ns(list, set->dev, set->v[i].ino);
		/* The inode is known only from a link; a namespace is what an open
		 * fd shows. A process that left (or a namespace that died and whose
		 * inode went to a new one) between the two is tried no further. */
		for (size_t k = i; !ns && k < j && k < i + 8; k++) {
			int fd = open_ipc_pid(set->v[k].tid);

			/* Out of fds: fail, rather than leave namespaces out. */
			if (fd == -EMFILE || fd == -ENFILE)
				return fd;
			if (fd < 0)
				continue;
			if (fstat(fd, &st) < 0 || st.st_dev != set->dev || st.st_ino != set->v[i].ino) {
				close(fd);
				continue;
			}
			ns = add_ns(list, fd, &st);
			if (!ns) {
				close(fd);
				return -ENOMEM;
			}
		}
		if (!ns)
			continue;
		ns->nprocs += j - i;
		if (!ns->pid || set->v[i].pid < ns->pid)
			ns->pid = set->v[i].pid;
		if (flags & NSINFO_PIDS) {
			pid_t *p = realloc(ns->pids, ns->nprocs * sizeof(*p));

			if (!p)
				return -ENOMEM;
			ns->pids = p;
			for (size_t k = i; k < j; k++)
				p[ns->nprocs - (j - k)] = set->v[k].pid;
		}
	}
	return 0;
}

/* A pin: an nsfs file at path, bind-mounted there or (for names) in the run
 * directory. want_ino, when non-zero, is what the mount table says it is: a
 * file mounted over it since is not it. only limits pins to one namespace. */
static int add_pin(struct nsinfo_list *list, const char *path, ino_t want_ino, const char *run_dir,
		   const struct stat *only)
{
	_cleanup_close_ int fd = open_ipc_path(path);
	struct nsinfo_ns *ns;
	struct stat st;
	const char *slash;
	int r;

	if (fd == -EMFILE || fd == -ENFILE)
		return fd;
	if (fd < 0 || fstat(fd, &st) < 0)
		return 0;
	if (want_ino && st.st_ino != want_ino)
		return 0;
	if (only && (st.st_dev != only->st_dev || st.st_ino != only->st_ino))
		return 0;
	ns = find_ns(list, st.st_dev, st.st_ino);
	if (!ns) {
		ns = add_ns(list, fd, &st);
		if (!ns)
			return -ENOMEM;
		fd = -1;
	}
	r = strv_add(&ns->paths, &ns->npaths, path);
	if (r < 0)
		return r;
	slash = strrchr(path, '/');
	if (run_dir && slash && (size_t)(slash - path) == strlen(run_dir) &&
	    strncmp(path, run_dir, strlen(run_dir)) == 0)
		r = strv_add(&ns->names, &ns->nnames, slash + 1);
	return r;
}

/* nsfs bind mounts of IPC namespaces anywhere in the caller's mount table:
 * their root reads "ipc:[INODE]". */
static int scan_mounts(struct nsinfo_list *list, const char *run_dir, const struct stat *only)
{
	struct libmnt_table *tb = mnt_new_table_from_file("/proc/self/mountinfo");
	struct libmnt_iter *itr = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;
	int r = 0;

	if (!tb || !itr) {
		mnt_unref_table(tb);
		mnt_free_iter(itr);
		return tb ? -ENOMEM : 0; /* no mount table to read: no pins */
	}
	while (r == 0 && mnt_table_next_fs(tb, itr, &fs) == 0) {
		const char *type = mnt_fs_get_fstype(fs), *root = mnt_fs_get_root(fs), *target = mnt_fs_get_target(fs);
		unsigned long long ino;
		char *end;

		if (!type || strcmp(type, "nsfs") != 0 || !root || strncmp(root, "ipc:[", 5) != 0 || !target)
			continue;
		errno = 0;
		ino = strtoull(root + 5, &end, 10);
		if (errno || *end != ']' || !ino)
			continue;
		r = add_pin(list, target, (ino_t)ino, run_dir, only);
	}
	mnt_free_iter(itr);
	mnt_unref_table(tb);
	return r;
}

/* Files in the run directory (unshare --ipc=FILE there, or ipcns create). */
static int scan_run_dir(struct nsinfo_list *list, const char *run_dir, const struct stat *only)
{
	DIR *dir = opendir(run_dir);
	struct dirent *de;
	int r = 0;

	if (!dir)
		return 0;
	while (r == 0 && (de = readdir(dir))) {
		_cleanup_free_ char *path = NULL;

		struct ipcns_error ignored = { 0 };

		if ((de->d_type != DT_REG && de->d_type != DT_UNKNOWN) || names_validate(de->d_name, &ignored) < 0)
			continue;
		if (asprintf(&path, "%s/%s", run_dir, de->d_name) < 0)
			r = -ENOMEM;
		else
			r = add_pin(list, path, 0, run_dir, only);
	}
	closedir(dir);
	return r;
}

static char *read_small(int procfd, const char *path, size_t *len)
{
	_cleanup_close_ int fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
	char buf[4096];
	ssize_t n;
	char *s;

	if (fd < 0)
		return NULL;
	do
		n = read(fd, buf, sizeof(buf) - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	memcpy(s, buf, (size_t)n);
	s[n] = '\0';
	*len = (size_t)n;
	return s;
}

static char *read_command(int procfd, pid_t pid)
{
	char path[32];
	size_t len = 0;
	char *s;

	snprintf(path, sizeof(path), "%d/cmdline", (int)pid);
	s = read_small(procfd, path, &len);
	if (s && len) {
		while (len && s[len - 1] == '\0')
			len--;
		for (size_t i = 0; i < len; i++)
			if (s[i] == '\0')
				s[i] = ' ';
		s[len] = '\0';
		return s;
	}
	free(s);
	/* A kernel thread or a zombie: no command line, only its comm. */
	snprintf(path, sizeof(path), "%d/comm", (int)pid);
	s = read_small(procfd, path, &len);
	if (s && len && s[len - 1] == '\n')
		s[len - 1] = '\0';
	return s;
}

/* The unified hierarchy's path ("0::/system.slice/x.service"), else the
 * first line's. */
static char *read_cgroup(int procfd, pid_t pid)
{
	char path[32];
	size_t len = 0;
	_cleanup_free_ char *s = NULL;
	char *line, *save = NULL, *first = NULL;

	snprintf(path, sizeof(path), "%d/cgroup", (int)pid);
	s = read_small(procfd, path, &len);
	if (!s)
		return NULL;
	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = strchr(line, ':');

		p = p ? strchr(p + 1, ':') : NULL;
		if (!p)
			continue;
		if (strncmp(line, "0::", 3) == 0)
			return strdup(p + 1);
		if (!first)
			first = p + 1;
	}
	return first ? strdup(first) : NULL;
}

/* Command, cgroup and user of the lowest PID, kept only when that PID is
 * still in the namespace after they were read. */
static void fill_details(int procfd, struct nsinfo_ns *ns)
{
	char path[32];
	struct stat st;

	if (!ns->pid)
		return;
	snprintf(path, sizeof(path), "%d", (int)ns->pid);
	if (fstatat(procfd, path, &st, 0) == 0) {
		ns->uid_known = true;
		ns->uid = st.st_uid;
	}
	ns->command = read_command(procfd, ns->pid);
	ns->cgroup = read_cgroup(procfd, ns->pid);
	snprintf(path, sizeof(path), "%d/ns/ipc", (int)ns->pid);
	if (fstatat(procfd, path, &st, 0) < 0 || st.st_dev != ns->dev || st.st_ino != ns->ino) {
		free(ns->command);
		free(ns->cgroup);
		ns->command = ns->cgroup = NULL;
		ns->uid_known = false;
	}
}

static void fill_identity(struct nsinfo_ns *ns, const struct stat *self_ipc, const struct stat *self_user)
{
	_cleanup_close_ int ufd = -1;
	struct stat st;
	__u64 id;

	if (ioctl(ns->fd, NS_GET_ID, &id) == 0)
		ns->id = id;
	ns->self = self_ipc && self_ipc->st_dev == ns->dev && self_ipc->st_ino == ns->ino;
	ufd = ioctl(ns->fd, NS_GET_USERNS);
	if (ufd < 0) /* EPERM: owned by a user namespace outside ours */
		return;
	(void)fcntl(ufd, F_SETFD, FD_CLOEXEC);
	if (fstat(ufd, &st) < 0 || ioctl(ufd, NS_GET_OWNER_UID, &ns->owner_uid) < 0)
		return;
	ns->owner_known = true;
	ns->owner_ino = st.st_ino;
	ns->owner_ours = self_user && self_user->st_dev == st.st_dev && self_user->st_ino == st.st_ino;
	if (ioctl(ufd, NS_GET_ID, &id) == 0)
		ns->owner_id = id;
}

static int finish_list(struct nsinfo_list *list, int procfd, unsigned flags)
{
	struct stat self_ipc, self_user;
	bool have_ipc = stat("/proc/self/ns/ipc", &self_ipc) == 0;
	bool have_user = stat("/proc/self/ns/user", &self_user) == 0;

	if (list->n)
		qsort(list->ns, list->n, sizeof(*list->ns), ns_cmp);
	for (size_t i = 0; i < list->n; i++) {
		fill_identity(&list->ns[i], have_ipc ? &self_ipc : NULL, have_user ? &self_user : NULL);
		if (flags & NSINFO_DETAILS)
			fill_details(procfd, &list->ns[i]);
	}
	return 0;
}

/* A user's rootless names: each is kept by a holder process, which the
 * /proc scan found; give its namespace the name. */
static int scan_rootless_names(struct nsinfo_list *list, const struct stat *only)
{
	struct ipcns_error ignored = { 0 };
	char *dir = NULL;
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (!names_rootless() || names_create_dir(true, &dir, &ignored) < 0)
		return 0;
	d = opendir(dir);
	free(dir);
	if (!d)
		return 0; /* no names yet */
	while (r == 0 && (de = readdir(d))) {
		struct names_entry e;
		struct nsinfo_ns *ns;
		struct stat st;

		if (names_validate(de->d_name, &ignored) < 0)
			continue;
		if (names_find(de->d_name, false, false, &e, &ignored) == 0 && e.fd >= 0 && fstat(e.fd, &st) == 0 &&
		    (!only || (st.st_dev == only->st_dev && st.st_ino == only->st_ino)) &&
		    (ns = find_ns(list, st.st_dev, st.st_ino)))
			r = strv_add(&ns->names, &ns->nnames, de->d_name);
		names_entry_free(&e);
	}
	closedir(d);
	return r;
}

static int scan(struct nsinfo_list *list, const struct stat *only, unsigned flags, struct ipcns_error *err)
{
	_cleanup_close_ int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	_cleanup_free_ char *run_dir = NULL;
	struct proc_set set = { 0 };
	int r;
	char *dir = NULL;

	/* root's run directory (rootless names: scan_rootless_names), refused
	 * as pids and delete refuse it */
	r = names_checked_dir(false, &dir, err);
	if (r < 0)
		return r;
	if (dir) {
		run_dir = realpath(dir, NULL);
		free(dir);
	}

	if (procfd < 0)
		return ipcns_error_set(err, errno, "/proc: %s", strerror(errno));
	r = scan_procs(procfd, &set, only);
	if (r == 0)
		r = add_proc_groups(list, &set, flags);
	free(set.v);
	if (r == 0)
		r = scan_mounts(list, run_dir, only);
	if (r == 0 && run_dir)
		r = scan_run_dir(list, run_dir, only);
	if (r == 0)
		r = scan_rootless_names(list, only);
	if (r == 0)
		r = finish_list(list, procfd, flags);
	if (r < 0)
		return ipcns_error_set(err, -r, "listing IPC namespaces: %s", strerror(-r));
	return 0;
}

/* One fd is held per namespace: take the whole of what the hard limit
 * allows, so that a host with many namespaces is listed whole. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int nsinfo_scan(struct nsinfo_list *list, unsigned flags, struct ipcns_error *err)
{
	int r;

	memset(list, 0, sizeof(*list));
	raise_fd_limit();
	r = scan(list, NULL, flags, err);
	if (r < 0)
		nsinfo_list_free(list);
	return r;
}

int nsinfo_scan_one(int fd, struct nsinfo_list *list, unsigned flags, struct ipcns_error *err)
{
	struct stat st;
	int r;

	memset(list, 0, sizeof(*list));
	if (fstat(fd, &st) < 0)
		return ipcns_error_set(err, errno, "namespace file: %s", strerror(errno));
	if (!add_ns(list, fd, &st))
		return ipcns_error_set(err, ENOMEM, "out of memory");
	r = scan(list, &st, flags, err);
	if (r < 0) {
		list->ns[0].fd = -1; /* not taken over after all */
		nsinfo_list_free(list);
	}
	return r;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void nsinfo_list_free(struct nsinfo_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		struct nsinfo_ns *ns = &list->ns[i];

		if (ns->fd >= 0)
			close(ns->fd);
		strv_free(ns->names, ns->nnames);
		strv_free(ns->paths, ns->npaths);
		free(ns->pids);
		free(ns->command);
		free(ns->cgroup);
	}
	free(list->ns);
	memset(list, 0, sizeof(*list));
}
