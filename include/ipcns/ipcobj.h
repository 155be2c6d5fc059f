/* What lives inside an IPC namespace: its System V objects, its POSIX
 * message queues and its limits, read by a child process that joins the
 * namespace (the caller's own namespaces never change) and sends what it
 * read back over a pipe.
 *
 * /proc/sysvipc/{msg,sem,shm} show the namespace of whoever opens them;
 * POSIX queues are read on a detached mqueue mount (fsopen + fsmount) made
 * by the child after joining, attached nowhere, so no mount table anyone
 * can see changes. Nothing here prints. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipcns/error.h"
#include "ipcns/sysctl.h"

/* The fields of /proc/sysvipc/msg. */
struct ipcobj_msg {
	int32_t key;
	int32_t id;
	uint32_t perms;
	uint64_t cbytes, qnum;
	int32_t lspid, lrpid;
	uint32_t uid, gid, cuid, cgid;
	int64_t stime, rtime, ctime;
};

/* ... of /proc/sysvipc/sem. */
struct ipcobj_sem {
	int32_t key;
	int32_t id;
	uint32_t perms;
	uint64_t nsems;
	uint32_t uid, gid, cuid, cgid;
	int64_t otime, ctime;
};

/* ... of /proc/sysvipc/shm. */
struct ipcobj_shm {
	int32_t key;
	int32_t id;
	uint32_t perms;
	uint64_t size;
	int32_t cpid, lpid;
	uint64_t nattch;
	uint32_t uid, gid, cuid, cgid;
	int64_t atime, dtime, ctime;
	uint64_t rss, swap;
};

/* A POSIX message queue: its file on the mqueue fs, its text (QSIZE,
 * NOTIFY, SIGNO, NOTIFY_PID) and mq_getattr() on it. */
struct ipcobj_mq {
	char name[NAME_MAX + 1]; /* without the leading '/' */
	bool stat_known;
	uint32_t uid, gid, mode;
	bool text_known;
	uint64_t qsize;                    /* bytes in the queue's messages */
	int32_t notify, signo, notify_pid; /* notify_pid 0: nobody registered */
	bool attr_known;
	int64_t maxmsg, msgsize, curmsgs;
};

struct ipcobj_snapshot {
	int join_err; /* 0, or -errno: the namespace could not be joined; nothing else is known */
	/* 0 or -errno for each part; a part that failed has no entries */
	int msg_err, sem_err, shm_err, mq_err;
	size_t nmsg, nsem, nshm, nmq;
	uint64_t msg_bytes, shm_bytes, mq_bytes;
	uint64_t nsems;         /* semaphores in all sets */
	struct ipcobj_msg *msg; /* arrays: only with IPCOBJ_OBJECTS */
	struct ipcobj_sem *sem;
	struct ipcobj_shm *shm;
	struct ipcobj_mq *mq;
	bool limit_known[SYSCTL_NKEYS];
	struct sysctl_value limit[SYSCTL_NKEYS];
};

enum {
	IPCOBJ_OBJECTS = 1 << 0, /* every object, not only counts (opens each POSIX queue: sets its atime/ctime) */
	IPCOBJ_LIMITS = 1 << 1,  /* read the limits */
};

/* Join the IPC namespace behind nsfd from a child process and read it.
 * Joining needs CAP_SYS_ADMIN over the namespace's owner: root, or the
 * owner of a rootless namespace, whose user namespace the child then joins
 * first. When it cannot, snap->join_err says why and 0 is returned; only a
 * failure to start the child at all is an error. self: nsfd is the caller's
 * own namespace, which the child reads without joining. */
int ipcobj_read(int nsfd, bool self, unsigned flags, struct ipcobj_snapshot *snap, struct ipcns_error *err);
void ipcobj_snapshot_free(struct ipcobj_snapshot *snap);

/* The same in steps, so that several children can work at once: start a
 * child, later read its answer (finish), and reap it at the end (reap also
 * cleans up a job that was never finished). */
struct ipcobj_job {
	pid_t pid;
	int fd;
	unsigned flags;
};
int ipcobj_start(int nsfd, bool self, unsigned flags, struct ipcobj_job *job, struct ipcns_error *err);
int ipcobj_finish(struct ipcobj_job *job, struct ipcobj_snapshot *snap, struct ipcns_error *err);
void ipcobj_reap(struct ipcobj_job *job);
/* One child for n namespaces, joined in turn without any user namespace
 * (so it serves root; for others every namespace but their own gets
 * join_err -EPERM). Each ipcobj_receive() reads the next one's answer, in
 * order; ipcobj_reap() ends the job. */
int ipcobj_start_batch(const int *fds, const bool *self, size_t n, unsigned flags, struct ipcobj_job *job,
		       struct ipcns_error *err);
int ipcobj_receive(struct ipcobj_job *job, struct ipcobj_snapshot *snap, struct ipcns_error *err);

/* Parsing /proc/sysvipc/ text (pure): a header line names the fields, each
 * further line is one object. Unknown fields are ignored, missing ones are 0.
 * Returns 0 or -EINVAL for a line that does not fit the header. */
struct ipcobj_header {
	int ncols;
	int col[24]; /* column i holds field col[i], -1 for a field we do not keep */
};
int ipcobj_parse_header(const char *line, const char *const *fields, size_t nfields, struct ipcobj_header *h);
int ipcobj_parse_line(const char *line, const struct ipcobj_header *h, int64_t *values, size_t nfields);
/* "QSIZE:129 NOTIFY:0 SIGNO:0 NOTIFY_PID:42": an mqueue file's text. */
int ipcobj_parse_mq_text(const char *text, struct ipcobj_mq *mq);
