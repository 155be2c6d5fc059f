#include "ipcns/target.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/names.h"
#include "ipcns/ns.h"
#include "ipcns/parse.h"

/* How much of a TARGET path a message repeats (IPCNS_CLIP). */
#define SHOWN_PATH 200

int target_parse(const char *arg, struct target *t, struct ipcns_error *err)
{
	pid_t pid;

	if (!arg || !*arg)
		return ipcns_error_usage(err, "TARGET: empty; expected a PID, a path to an nsfs file, or a name");
	*t = (struct target){ .arg = arg };
	if (strchr(arg, '/')) {
		t->kind = TARGET_PATH;
		return 0;
	}
	if (parse_is_digits(arg)) {
		if (parse_pid(arg, &pid) < 0)
			return ipcns_error_usage(err, "%.*s%s: not a valid PID (1..%d)", IPCNS_CLIP(32, arg), INT_MAX);
		t->kind = TARGET_PID;
		t->pid = pid;
		return 0;
	}
	t->kind = TARGET_NAME;
	return names_validate(arg, err);
}

/* Another user's process: its uid goes with the reason. */
static int denied(int code, pid_t pid, const char *what, struct ipcns_error *err)
{
	int r = ipcns_error_set(err, code, "%.*s%s: cannot open its IPC namespace: %s", IPCNS_CLIP(SHOWN_PATH, what),
				strerror(code));
	char path[64];
	struct stat st;

	ipcns_error_reason(err, IPCNS_R_TARGET_DENIED, what);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	if (stat(path, &st) == 0)
		ipcns_error_owner(err, st.st_uid, false);
	return r;
}

static int open_pid(pid_t pid, const char *what, struct ipcns_error *err)
{
	_cleanup_close_ int pidfd = ns_pidfd_open(pid);
	char path[64];
	int fd;

	if (pidfd == -ESRCH)
		return ipcns_error_set(err, ESRCH, "%s: no such process", what);
	if (pidfd == -ENOSYS) { /* kernel older than 5.3, or a thread before 6.9 */
		snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
		fd = ns_open_file(path, what, err);
		return fd == -EACCES ? denied(EACCES, pid, what, err) : fd;
	}
	if (pidfd < 0)
		return ipcns_error_set(err, -pidfd, "%s: cannot open the process: %s", what, strerror(-pidfd));
	fd = ns_ipc_of_pidfd(pidfd, pid);
	if (fd == -ESRCH)
		return ipcns_error_set(err, ESRCH, "%s: process has exited", what);
	if (fd == -EACCES || fd == -EPERM)
		return denied(-fd, pid, what, err);
	if (fd == -ENOTTY)
		return ipcns_error_usage(err, "/proc/%d/ns/ipc: not a namespace file", (int)pid);
	if (fd < 0)
		return ipcns_error_set(err, -fd, "%s: cannot open its IPC namespace: %s", what, strerror(-fd));
	return fd;
}

static int open_name(struct target *t, struct ipcns_error *err)
{
	struct names_entry e;
	int r = names_find(t->arg, false, false, &e, err);

	if (r < 0) {
		names_entry_free(&e);
		return r;
	}
	t->rootless = e.kind == NAMES_HOLDER;
	free(t->store);
	t->store = steal_ptr(e.store);
	r = steal_fd(e.fd);
	names_entry_free(&e);
	return r;
}

int target_open(struct target *t, struct ipcns_error *err)
{
	switch (t->kind) {
	case TARGET_PATH:
		return ns_open_file(t->arg, t->arg, err);
	case TARGET_PID:
		return open_pid(t->pid, t->arg, err);
	case TARGET_NAME:
		return open_name(t, err);
	}
	return ipcns_error_usage(err, "%s: unknown target kind", t->arg);
}

int target_join(int fd, const struct target *t, bool join_user, struct ipcns_error *err)
{
	return ns_join_ipc(fd, join_user || t->rootless, t->arg, err);
}

void target_free(struct target *t)
{
	free(t->store);
	t->store = NULL;
}
