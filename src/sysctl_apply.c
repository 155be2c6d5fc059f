/* /proc/sys I/O for the limits: read a key, inherit, apply a plan with rollback. */
#include "ipcns/sysctl_apply.h"
#include "ipcns/sysctl_check.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/fileio.h"
#include "ipcns/ns.h"

/* ---- the real /proc/sys ---- */

static int proc_open_key(void *data, enum sysctl_id id, bool write)
{
	char path[128];
	int fd;

	(void)data;
	snprintf(path, sizeof(path), "/proc/sys/%s", sysctl_keys[id].path);
	fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC | O_NOCTTY);
	return fd < 0 ? -errno : fd;
}

static ssize_t proc_read(void *data, int fd, char *buf, size_t size)
{
	(void)data;
	return read_small_fd(fd, buf, size);
}

static int proc_write(void *data, int fd, const char *text, size_t len)
{
	(void)data;
	/* Always at offset 0: a second write to the same file (an undo) must
	 * not be taken as a continuation of the first. */
	return pwrite_all(fd, text, len, 0);
}

static void proc_close(void *data, int fd)
{
	(void)data;
	close(fd);
}

const struct sysctl_ops sysctl_proc_ops = {
	.open_key = proc_open_key,
	.read = proc_read,
	.write = proc_write,
	.close = proc_close,
};

/* ---- reading ---- */

static int open_key(const struct sysctl_ops *ops, enum sysctl_id id, bool write, struct ipcns_error *err)
{
	int fd = ops->open_key(ops->data, id, write);

	if (fd == -ENOENT)
		return ipcns_error_set(err, ENOENT, "%s: this kernel does not have it (no /proc/sys/%s)",
				       sysctl_keys[id].name, sysctl_keys[id].path);
	if (fd < 0)
		return ipcns_error_set(err, -fd, "%s: cannot open /proc/sys/%s: %s", sysctl_keys[id].name,
				       sysctl_keys[id].path, strerror(-fd));
	return fd;
}

int sysctl_read_ops(const struct sysctl_ops *ops, enum sysctl_id id, struct sysctl_value *v, struct ipcns_error *err)
{
	char buf[128], shown[128];
	ssize_t n;
	int fd;

	fd = open_key(ops, id, false, err);
	if (fd < 0)
		return fd;
	n = ops->read(ops->data, fd, buf, sizeof(buf));
	ops->close(ops->data, fd);
	if (n < 0)
		return ipcns_error_set(err, (int)-n, "%s: cannot read: %s", sysctl_keys[id].name, strerror((int)-n));
	snprintf(shown, sizeof(shown), "%s", buf);
	if (sysctl_parse_kernel(id, buf, v) < 0)
		return ipcns_error_set(err, EIO, "%s: unexpected value from the kernel: '%s'", sysctl_keys[id].name,
				       shown);
	return 0;
}

int sysctl_read(enum sysctl_id id, struct sysctl_value *v, struct ipcns_error *err)
{
	return sysctl_read_ops(&sysctl_proc_ops, id, v, err);
}

int sysctl_plan_inherit(struct sysctl_plan *plan, struct ipcns_error *err)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		struct sysctl_setting *s = &plan->s[id];
		struct sysctl_value now;
		int r;

		if ((sysctl_keys[id].flags & SYSCTL_NO_INHERIT) || (s->set && s->fields == SYSCTL_SEM_ALL))
			continue;
		r = sysctl_read((enum sysctl_id)id, &now, err);
		if (r == -ENOENT)
			continue;
		if (r < 0)
			return r;
		if (!s->set) {
			*s = (struct sysctl_setting){ .set = true, .fields = SYSCTL_SEM_ALL, .value = now };
			continue;
		}
		for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
			if (!(s->fields & (1U << f)))
				s->value.i[f] = now.i[f];
		s->fields = SYSCTL_SEM_ALL;
	}
	return 0;
}

/* ---- writing ---- */

/* Why the kernel said no to a write: the reason, and who owns the
 * namespace we are in (the writer must be uid 0 of that owner). */
static void reason_for_denied(enum sysctl_id id, struct ipcns_error *err)
{
	_cleanup_close_ int ipc = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);

	ipcns_error_reason(err, sysctl_keys[id].flags & SYSCTL_UNSET ? IPCNS_R_NEXT_ID_DENIED : IPCNS_R_LIMIT_DENIED,
			   sysctl_keys[id].name);
	if (ipc >= 0)
		ns_error_owner(err, ipc);
}

static int write_value(const struct sysctl_ops *ops, int fd, enum sysctl_id id, const struct sysctl_value *v,
		       struct ipcns_error *err)
{
	const struct sysctl_ref ref = { .id = id, .field = -1 };
	char buf[128];
	int r;

	sysctl_format_value(&ref, v, " ", buf, sizeof(buf));
	r = ops->write(ops->data, fd, buf, strlen(buf));
	if (r < 0) {
		ipcns_error_set(err, -r, "%s: the kernel refused %s: %s", sysctl_keys[id].name, buf, strerror(-r));
		if (r == -EACCES || r == -EPERM)
			reason_for_denied(id, err);
	}
	return r;
}

/* After a refusal: put back what was written before it, newest first, and
 * name in err every key that could not be put back. */
static void restore(const struct sysctl_ops *ops, const int *fds, const struct sysctl_value *old, size_t done,
		    struct ipcns_error *err)
{
	while (done-- > 0) {
		struct ipcns_error undo_err = { 0 };
		size_t len;

		if (fds[done] < 0 || write_value(ops, fds[done], (enum sysctl_id)done, &old[done], &undo_err) == 0)
			continue;
		len = strlen(err->msg);
		snprintf(err->msg + len, sizeof(err->msg) - len, "; %s could not be restored", sysctl_keys[done].name);
	}
}

/* Read, compare and open one setting; fds[id] stays -1 when there is
 * nothing to write. An optional setting that fails is dropped. */
static int prepare(const struct sysctl_ops *ops, const struct sysctl_plan *plan, size_t id, struct sysctl_value *old,
		   struct sysctl_value *want, int *fd, struct ipcns_error *err)
{
	const struct sysctl_setting *s = &plan->s[id];
	const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = -1 };
	int r;

	r = sysctl_read_ops(ops, ref.id, old, err);
	if (r < 0)
		return r;
	*want = s->value;
	if (sysctl_keys[id].type == SYSCTL_SEMS)
		for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
			if (!(s->fields & (1U << f)))
				want->i[f] = old->i[f];
	if (sysctl_value_equal(&ref, want, old))
		return 0;
	if ((sysctl_keys[id].flags & SYSCTL_UNSET) && want->i[0] == -1)
		return ipcns_error_set(err, EINVAL, "%s: cannot be set back to -1 (unset); it is %" PRId64,
				       sysctl_keys[id].name, old->i[0]);
	r = open_key(ops, ref.id, true, err);
	if (r == -EACCES || r == -EPERM)
		reason_for_denied(ref.id, err);
	if (r < 0)
		return r;
	*fd = r;
	return 0;
}

/* The settings that put back what a successful apply changed. */
static void record_undo(const int *fds, const struct sysctl_value *old, struct sysctl_plan *undo)
{
	*undo = (struct sysctl_plan){ 0 };
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		if (fds[id] < 0)
			continue;
		undo->s[id].set = true;
		undo->s[id].fields = SYSCTL_SEM_ALL;
		undo->s[id].value = old[id];
	}
}

int sysctl_plan_apply_ops(const struct sysctl_plan *plan, const struct sysctl_ops *ops, struct sysctl_plan *undo,
			  struct ipcns_error *err)
{
	struct sysctl_value old[SYSCTL_NKEYS], want[SYSCTL_NKEYS];
	int fds[SYSCTL_NKEYS];
	size_t id, done = 0;
	int r = 0;

	for (id = 0; id < SYSCTL_NKEYS; id++)
		fds[id] = -1;

	/* Every file is opened, and so permission-checked, before the first
	 * write: a refusal then leaves nothing to undo. An optional setting's
	 * failure goes to a scratch error, so that a successful apply leaves
	 * no stale message behind. */
	for (id = 0; id < SYSCTL_NKEYS; id++) {
		struct ipcns_error skipped = { 0 };

		if (!plan->s[id].set)
			continue;
		r = prepare(ops, plan, id, &old[id], &want[id], &fds[id], plan->s[id].optional ? &skipped : err);
		if (r < 0 && plan->s[id].optional)
			r = 0;
		if (r < 0)
			goto out;
	}

	for (id = 0; id < SYSCTL_NKEYS; id++) {
		struct ipcns_error skipped = { 0 };

		if (fds[id] < 0)
			continue;
		r = write_value(ops, fds[id], (enum sysctl_id)id, &want[id], plan->s[id].optional ? &skipped : err);
		if (r < 0 && plan->s[id].optional) {
			r = 0;
			ops->close(ops->data, fds[id]);
			fds[id] = -1;
			continue;
		}
		if (r < 0)
			break;
		done = id + 1;
	}
	if (r < 0)
		restore(ops, fds, old, done, err);
	else if (undo)
		record_undo(fds, old, undo);
out:
	for (id = 0; id < SYSCTL_NKEYS; id++)
		if (fds[id] >= 0)
			ops->close(ops->data, fds[id]);
	return r;
}

int sysctl_plan_apply(const struct sysctl_plan *plan, struct sysctl_plan *undo, struct ipcns_error *err)
{
	return sysctl_plan_apply_ops(plan, &sysctl_proc_ops, undo, err);
}

int sysctl_plan_judge(const struct sysctl_plan *plan, bool from_defaults, bool strict, void (*warn)(const char *msg),
		      struct ipcns_error *err)
{
	struct sysctl_value base[SYSCTL_NKEYS];
	struct sysctl_warning w[8];
	size_t n;

	/* A key this namespace cannot be read for (or this kernel lacks) is
	 * taken at its default: a warning is advice, never a failure. */
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		struct ipcns_error ignored = { 0 };

		if (from_defaults || sysctl_read((enum sysctl_id)id, &base[id], &ignored) < 0)
			base[id] = sysctl_keys[id].def;
	}
	n = sysctl_plan_check(plan, base, w, ARRAY_SIZE(w));
	if (n && strict)
		return ipcns_error_usage(err, "%s (refused as strict)", w[0].msg);
	for (size_t i = 0; i < n && i < ARRAY_SIZE(w) && warn; i++)
		warn(w[i].msg);
	return 0;
}
