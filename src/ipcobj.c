#include "ipcns/ipcobj.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/ns.h"

/* ---- parsing (pure) ---------------------------------------------------- */

int ipcobj_parse_header(const char *line, const char *const *fields, size_t nfields, struct ipcobj_header *h)
{
	const char *p = line;

	memset(h, 0, sizeof(*h));
	while (*p) {
		size_t len;
		int idx = -1;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t\n");
		if (h->ncols == (int)ARRAY_SIZE(h->col))
			return -EINVAL;
		for (size_t f = 0; f < nfields; f++)
			if (strlen(fields[f]) == len && strncmp(fields[f], p, len) == 0)
				idx = (int)f;
		h->col[h->ncols++] = idx;
		p += len;
	}
	return h->ncols ? 0 : -EINVAL;
}

int ipcobj_parse_line(const char *line, const struct ipcobj_header *h, int64_t *values, size_t nfields)
{
	const char *p = line;
	int c = 0;

	memset(values, 0, nfields * sizeof(*values));
	for (; c < h->ncols; c++) {
		char *end;
		int64_t v;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '\n')
			return -EINVAL;
		errno = 0;
		/* "perms" is printed in octal; everything else in decimal, keys
		 * signed and sizes up to 2^64-1. */
		if (h->col[c] >= 0 && h->col[c] == 2)
			v = (int64_t)strtoull(p, &end, 8);
		else if (*p == '-')
			v = strtoll(p, &end, 10);
		else
			v = (int64_t)strtoull(p, &end, 10);
		if (errno || end == p || (*end && *end != ' ' && *end != '\t' && *end != '\n'))
			return -EINVAL;
		if (h->col[c] >= 0 && (size_t)h->col[c] < nfields)
			values[h->col[c]] = v;
		p = end;
	}
	return 0;
}

int ipcobj_parse_mq_text(const char *text, struct ipcobj_mq *mq)
{
	static const char *const names[] = { "QSIZE:", "NOTIFY:", "SIGNO:", "NOTIFY_PID:" };
	int64_t v[ARRAY_SIZE(names)];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		const char *p = strstr(text, names[i]);
		char *end;

		if (!p)
			return -EINVAL;
		errno = 0;
		v[i] = strtoll(p + strlen(names[i]), &end, 10);
		if (errno || end == p + strlen(names[i]))
			return -EINVAL;
	}
	mq->qsize = (uint64_t)v[0];
	mq->notify = (int32_t)v[1];
	mq->signo = (int32_t)v[2];
	mq->notify_pid = (int32_t)v[3];
	mq->text_known = true;
	return 0;
}

/* ---- reading, in the child --------------------------------------------- */

/* The field names of each /proc/sysvipc file, in the order read_sysv uses.
 * Field 2 is always "perms" (octal). */
static const char *const msg_fields[] = { "key", "msqid", "perms", "cbytes", "qnum",  "lspid", "lrpid",
					  "uid", "gid",   "cuid",  "cgid",   "stime", "rtime", "ctime" };
static const char *const sem_fields[] = { "key", "semid", "perms", "nsems", "uid",
					  "gid", "cuid",  "cgid",  "otime", "ctime" };
static const char *const shm_fields[] = { "key", "shmid", "perms", "size",  "cpid",  "lpid",  "nattch", "uid",
					  "gid", "cuid",  "cgid",  "atime", "dtime", "ctime", "rss",    "swap" };

static int grow(void **v, size_t n, size_t size)
{
	void *nv;

	/* Room for 8 at first, then doubled whenever n reaches a power of two. */
	if ((n > 0 && n < 8) || (n >= 8 && (n & (n - 1))))
		return 0;
	nv = realloc(*v, (n < 8 ? 8 : n * 2) * size);
	if (!nv)
		return -ENOMEM;
	*v = nv;
	return 0;
}

static void add_msg(struct ipcobj_snapshot *s, const int64_t *v)
{
	struct ipcobj_msg *m;

	if (grow((void **)&s->msg, s->nmsg, sizeof(*s->msg)) < 0)
		return;
	/* memset, then fields: the padding goes down the pipe too */
	m = memset(&s->msg[s->nmsg++], 0, sizeof(*m));
	*m = (struct ipcobj_msg){
		.key = (int32_t)v[0],
		.id = (int32_t)v[1],
		.perms = (uint32_t)v[2],
		.cbytes = (uint64_t)v[3],
		.qnum = (uint64_t)v[4],
		.lspid = (int32_t)v[5],
		.lrpid = (int32_t)v[6],
		.uid = (uint32_t)v[7],
		.gid = (uint32_t)v[8],
		.cuid = (uint32_t)v[9],
		.cgid = (uint32_t)v[10],
		.stime = v[11],
		.rtime = v[12],
		.ctime = v[13],
	};
	s->msg_bytes += (uint64_t)v[3];
}

static void add_sem(struct ipcobj_snapshot *s, const int64_t *v)
{
	struct ipcobj_sem *m;

	if (grow((void **)&s->sem, s->nsem, sizeof(*s->sem)) < 0)
		return;
	m = memset(&s->sem[s->nsem++], 0, sizeof(*m));
	*m = (struct ipcobj_sem){
		.key = (int32_t)v[0],
		.id = (int32_t)v[1],
		.perms = (uint32_t)v[2],
		.nsems = (uint64_t)v[3],
		.uid = (uint32_t)v[4],
		.gid = (uint32_t)v[5],
		.cuid = (uint32_t)v[6],
		.cgid = (uint32_t)v[7],
		.otime = v[8],
		.ctime = v[9],
	};
	s->nsems += (uint64_t)v[3];
}

static void add_shm(struct ipcobj_snapshot *s, const int64_t *v)
{
	struct ipcobj_shm *m;

	if (grow((void **)&s->shm, s->nshm, sizeof(*s->shm)) < 0)
		return;
	m = memset(&s->shm[s->nshm++], 0, sizeof(*m));
	*m = (struct ipcobj_shm){
		.key = (int32_t)v[0],
		.id = (int32_t)v[1],
		.perms = (uint32_t)v[2],
		.size = (uint64_t)v[3],
		.cpid = (int32_t)v[4],
		.lpid = (int32_t)v[5],
		.nattch = (uint64_t)v[6],
		.uid = (uint32_t)v[7],
		.gid = (uint32_t)v[8],
		.cuid = (uint32_t)v[9],
		.cgid = (uint32_t)v[10],
		.atime = v[11],
		.dtime = v[12],
		.ctime = v[13],
		.rss = (uint64_t)v[14],
		.swap = (uint64_t)v[15],
	};
	s->shm_bytes += (uint64_t)v[3];
}

/* One /proc/sysvipc file, opened after joining: it shows the opener's
 * namespace. Returns 0 or -errno. */
static int read_sysv(const char *path, const char *const *fields, size_t nfields, struct ipcobj_snapshot *s,
		     void (*add)(struct ipcobj_snapshot *, const int64_t *))
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	_cleanup_free_ char *line = NULL;
	struct ipcobj_header h;
	size_t cap = 0;
	int64_t v[16];

	if (!f)
		return -errno;
	if (getline(&line, &cap, f) < 0 || ipcobj_parse_header(line, fields, nfields, &h) < 0)
		return -EIO;
	while (getline(&line, &cap, f) > 0)
		if (ipcobj_parse_line(line, &h, v, nfields) == 0)
			add(s, v);
	return ferror(f) ? -EIO : 0;
}

static void read_mq_one(int dfd, const char *name, struct ipcobj_mq *mq)
{
	_cleanup_close_ int fd = -1;
	struct stat st;
	struct mq_attr attr;
	char text[256];
	ssize_t n;

	memset(mq, 0, sizeof(*mq));
	snprintf(mq->name, sizeof(mq->name), "%s", name);
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		mq->stat_known = true;
		mq->uid = st.st_uid;
		mq->gid = st.st_gid;
		mq->mode = st.st_mode & 07777;
	}
	/* A queue's file is the queue: its fd takes mq_getattr(), and reading it
	 * gives the QSIZE/NOTIFY line. */
	fd = openat(dfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	n = read(fd, text, sizeof(text) - 1);
	if (n > 0) {
		text[n] = '\0';
		(void)ipcobj_parse_mq_text(text, mq);
	}
	if (mq_getattr((mqd_t)fd, &attr) == 0) {
		mq->attr_known = true;
		mq->maxmsg = attr.mq_maxmsg;
		mq->msgsize = attr.mq_msgsize;
		mq->curmsgs = attr.mq_curmsgs;
	}
}

static int mq_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ipcobj_mq *)a)->name, ((const struct ipcobj_mq *)b)->name);
}

/* POSIX queues on a detached mount of the current namespace's mqueue fs:
 * the mount is attached nowhere and goes away with its fd. */
static int read_mq(struct ipcobj_snapshot *s, unsigned flags, bool own_mount_ns, int *mount_fd)
{
	_cleanup_close_ int fsfd = -1;
	int mfd;
	DIR *dir;
	struct dirent *de;
	int dfd;

	/* fsopen() wants CAP_SYS_ADMIN over the mount namespace; after joining
	 * a rootless owner we have it only over a mount namespace of our own,
	 * a private copy that dies with this child. */
	if (own_mount_ns && unshare(CLONE_NEWNS) < 0)
		return -errno;
	fsfd = fsopen("mqueue", FSOPEN_CLOEXEC);
	if (fsfd < 0)
		return -errno;
	if (fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return -errno;
	mfd = fsmount(fsfd, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NOSUID);
	if (mfd < 0)
		return -errno;
	/* Releasing a mount waits for an RCU grace period (milliseconds): the
	 * caller lets it go only after the answer is sent. */
	*mount_fd = mfd;
	dfd = openat(mfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	dir = fdopendir(dfd);
	if (!dir) {
		close(dfd);
		return -errno;
	}
	while ((de = readdir(dir))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (grow((void **)&s->mq, s->nmq, sizeof(*s->mq)) < 0)
			break;
		/* Counting needs the names only. Reading a queue's text sets its
		 * atime and ctime (ipc/mqueue.c), so only show does that. */
		if (flags & IPCOBJ_OBJECTS) {
			read_mq_one(dirfd(dir), de->d_name, &s->mq[s->nmq]);
		} else {
			memset(&s->mq[s->nmq], 0, sizeof(s->mq[s->nmq]));
			snprintf(s->mq[s->nmq].name, sizeof(s->mq[s->nmq].name), "%s", de->d_name);
		}
		s->mq_bytes += s->mq[s->nmq].qsize;
		s->nmq++;
	}
	closedir(dir);
	if (s->nmq)
		qsort(s->mq, s->nmq, sizeof(*s->mq), mq_cmp);
	return 0;
}

static void read_limits(struct ipcobj_snapshot *s)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		struct ipcns_error ignored = { 0 };

		s->limit_known[id] = sysctl_read((enum sysctl_id)id, &s->limit[id], &ignored) == 0;
	}
}

/* Join as root does, or, refused that, as the owner of a rootless
 * namespace: its user namespace first, then the IPC namespace. */
static int join(int nsfd, bool *joined_user)
{
	struct ipcns_error ignored = { 0 };

	*joined_user = false;
	if (setns(nsfd, CLONE_NEWIPC) == 0)
		return 0;
	if (errno != EPERM)
		return -errno;
	/* The owner is ours already: joining it adds nothing, EPERM stands. */
	{
		struct ns_owner owner;

		if (ns_owner_of(nsfd, &owner) < 0 || owner.ours)
			return -EPERM;
	}
	if (ns_join_ipc(nsfd, true, "namespace", &ignored) < 0)
		return -(ignored.code ? ignored.code : EPERM);
	*joined_user = true;
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? -EPIPE : -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read the namespace the process is in now and send it; the mqueue mount
 * made for it is left in *mount_fd, to be released after the answer. */
static int read_and_send(struct ipcobj_snapshot *s, unsigned flags, bool own_mount_ns, int *mount_fd, int wfd)
{
	int ok;

	if (s->join_err == 0) {
		s->msg_err = read_sysv("/proc/sysvipc/msg", msg_fields, ARRAY_SIZE(msg_fields), s, add_msg);
		s->sem_err = read_sysv("/proc/sysvipc/sem", sem_fields, ARRAY_SIZE(sem_fields), s, add_sem);
		s->shm_err = read_sysv("/proc/sysvipc/shm", shm_fields, ARRAY_SIZE(shm_fields), s, add_shm);
		s->mq_err = read_mq(s, flags, own_mount_ns, mount_fd);
		if (flags & IPCOBJ_LIMITS)
			read_limits(s);
	}
	ok = write_all(wfd, s, sizeof(*s)) == 0;
	if (ok && (flags & IPCOBJ_OBJECTS))
		ok = write_all(wfd, s->msg, s->nmsg * sizeof(*s->msg)) == 0 &&
		     write_all(wfd, s->sem, s->nsem * sizeof(*s->sem)) == 0 &&
		     write_all(wfd, s->shm, s->nshm * sizeof(*s->shm)) == 0 &&
		     write_all(wfd, s->mq, s->nmq * sizeof(*s->mq)) == 0;
	ipcobj_snapshot_free(s);
	return ok ? 0 : -1;
}

static __attribute__((noreturn)) void child(int nsfd, bool self, unsigned flags, int wfd)
{
	struct ipcobj_snapshot s;
	bool joined_user = false;
	int ok, mount_fd = -1;

	memset(&s, 0, sizeof(s)); /* padding too: the whole struct goes down the pipe */

	if (!self)
		s.join_err = join(nsfd, &joined_user);
	ok = read_and_send(&s, flags, joined_user, &mount_fd, wfd) == 0;
	close(wfd); /* the answer is complete: the caller reads on */
	if (mount_fd >= 0)
		close(mount_fd);
	_exit(ok ? 0 : 1);
}

/* One child for many namespaces, joined one after the other: setns() into
 * an IPC namespace can be repeated, as long as no user namespace is joined
 * (root's case). A namespace it may not join gets join_err, and the caller
 * may try it alone (ipcobj_start), through its owner. */
static __attribute__((noreturn)) void batch_child(const int *fds, const bool *self, size_t n, unsigned flags, int wfd)
{
	int *mounts = malloc((n ? n : 1) * sizeof(*mounts));
	bool moved = false;
	int ok = 1;

	for (size_t i = 0; ok && i < n; i++) {
		struct ipcobj_snapshot s;
		int mount_fd = -1;

		memset(&s, 0, sizeof(s)); /* padding too: the whole struct goes down the pipe */

		/* The caller's own namespace needs no joining, until another was. */
		if (!self[i] || moved) {
			if (setns(fds[i], CLONE_NEWIPC) < 0)
				s.join_err = -errno;
			else
				moved = true;
		}
		ok = read_and_send(&s, flags, false, &mount_fd, wfd) == 0;
		if (mounts)
			mounts[i] = mount_fd;
		else if (mount_fd >= 0)
			close(mount_fd);
	}
	close(wfd);
	for (size_t i = 0; mounts && i < n; i++)
		if (mounts[i] >= 0)
			close(mounts[i]);
	_exit(ok ? 0 : 1);
}

static int receive(int rfd, unsigned flags, struct ipcobj_snapshot *snap)
{
	int r = read_all(rfd, snap, sizeof(*snap));

	snap->msg = NULL;
	snap->sem = NULL;
	snap->shm = NULL;
	snap->mq = NULL;
	if (r < 0)
		return r;
	if (!(flags & IPCOBJ_OBJECTS))
		return 0;
#define RECEIVE(field, n)                                                                                              \
	do {                                                                                                           \
		if (n) {                                                                                               \
			snap->field = calloc(n, sizeof(*snap->field));                                                 \
			if (!snap->field)                                                                              \
				return -ENOMEM;                                                                        \
			r = read_all(rfd, snap->field, (n) * sizeof(*snap->field));                                    \
			if (r < 0)                                                                                     \
				return r;                                                                              \
		}                                                                                                      \
	} while (0)
	RECEIVE(msg, snap->nmsg);
	RECEIVE(sem, snap->nsem);
	RECEIVE(shm, snap->nshm);
	RECEIVE(mq, snap->nmq);
#undef RECEIVE
	return 0;
}

int ipcobj_start(int nsfd, bool self, unsigned flags, struct ipcobj_job *job, struct ipcns_error *err)
{
	int p[2], e;
	pid_t pid;

	job->pid = -1;
	job->fd = -1;
	job->flags = flags;
	if (pipe2(p, O_CLOEXEC) < 0)
		return ipcns_error_set(err, errno, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(p[0]);
		close(p[1]);
		return ipcns_error_set(err, e, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		close(p[0]);
		child(nsfd, self, flags, p[1]);
	}
	close(p[1]);
	job->pid = pid;
	job->fd = p[0];
	return 0;
}

int ipcobj_start_batch(const int *fds, const bool *self, size_t n, unsigned flags, struct ipcobj_job *job,
		       struct ipcns_error *err)
{
	int p[2], e;
	pid_t pid;

	job->pid = -1;
	job->fd = -1;
	job->flags = flags;
	if (pipe2(p, O_CLOEXEC) < 0)
		return ipcns_error_set(err, errno, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(p[0]);
		close(p[1]);
		return ipcns_error_set(err, e, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		close(p[0]);
		batch_child(fds, self, n, flags, p[1]);
	}
	close(p[1]);
	job->pid = pid;
	job->fd = p[0];
	return 0;
}

int ipcobj_receive(struct ipcobj_job *job, struct ipcobj_snapshot *snap, struct ipcns_error *err)
{
	int r;

	memset(snap, 0, sizeof(*snap));
	r = receive(job->fd, job->flags, snap);
	if (r < 0) {
		ipcobj_snapshot_free(snap);
		return ipcns_error_set(err, -r, "reading an IPC namespace from a child: %s", strerror(-r));
	}
	return 0;
}

int ipcobj_finish(struct ipcobj_job *job, struct ipcobj_snapshot *snap, struct ipcns_error *err)
{
	int r;

	memset(snap, 0, sizeof(*snap));
	r = receive(job->fd, job->flags, snap);
	close(job->fd);
	job->fd = -1;
	if (r < 0) {
		ipcobj_snapshot_free(snap);
		return ipcns_error_set(err, -r, "reading an IPC namespace from a child: %s", strerror(-r));
	}
	return 0;
}

void ipcobj_reap(struct ipcobj_job *job)
{
	int status;

	if (job->fd >= 0)
		close(job->fd);
	job->fd = -1;
	if (job->pid > 0)
		while (waitpid(job->pid, &status, 0) < 0 && errno == EINTR)
			;
	job->pid = -1;
}

int ipcobj_read(int nsfd, bool self, unsigned flags, struct ipcobj_snapshot *snap, struct ipcns_error *err)
{
	struct ipcobj_job job;
	int r;

	memset(snap, 0, sizeof(*snap));
	r = ipcobj_start(nsfd, self, flags, &job, err);
	if (r < 0)
		return r;
	r = ipcobj_finish(&job, snap, err);
	ipcobj_reap(&job);
	return r;
}

void ipcobj_snapshot_free(struct ipcobj_snapshot *snap)
{
	free(snap->msg);
	free(snap->sem);
	free(snap->shm);
	free(snap->mq);
	snap->msg = NULL;
	snap->sem = NULL;
	snap->shm = NULL;
	snap->mq = NULL;
}
