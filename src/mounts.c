#include "ipcns/mounts.h"

#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/parse.h"

/* How much of a user's size or path a message repeats (IPCNS_CLIP). */
#define SHOWN_SIZE 40
#define SHOWN_PATH 200

void mounts_plan_free(struct mounts_plan *p)
{
	free(p->mqueue_dir);
	free(p->shm_bind);
	*p = (struct mounts_plan){ 0 };
}

int mounts_parse_mqueue(const char *arg, struct mounts_plan *p, struct ipcns_error *err)
{
	char *dir = strdup(arg && *arg ? arg : MOUNTS_MQUEUE_DEFAULT_DIR);

	if (!dir)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	free(p->mqueue_dir); /* the last -m wins */
	p->mqueue_dir = dir;
	return 0;
}

int mounts_parse_shm(const char *arg, struct mounts_plan *p, struct ipcns_error *err)
{
	/* tmpfs rounds size= up to whole pages, and a sum that wraps past
	 * 2^64 would come out as 0, which it reads as "no limit". */
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	uint64_t max = UINT64_MAX - (page - 1);
	uint64_t size;
	int r;

	p->shm = true;
	p->shm_size = 0;
	if (!arg || !*arg)
		return 0;
	r = parse_size(arg, &size);
	if (r == -EINVAL)
		return ipcns_error_usage(err,
					 "--shm=%.*s%s: not a size; expected bytes with an optional K, M, G or T "
					 "suffix, e.g. --shm=64M",
					 IPCNS_CLIP(SHOWN_SIZE, arg));
	if (r < 0 || size > max)
		return ipcns_error_usage(err, "--shm=%.*s%s: too large; at most %" PRIu64 " bytes",
					 IPCNS_CLIP(SHOWN_SIZE, arg), max);
	if (size == 0)
		return ipcns_error_usage(err,
					 "--shm=%.*s%s: the size must be at least 1 byte (tmpfs would read 0 as "
					 "unlimited); give --shm alone for the default, half of the RAM",
					 IPCNS_CLIP(SHOWN_SIZE, arg));
	p->shm_size = size;
	return 0;
}

int mounts_for_name(struct mounts_plan *p, const char *store, struct ipcns_error *err)
{
	struct stat st;

	if (!p->mqueue_dir && stat(MOUNTS_MQUEUE_DEFAULT_DIR, &st) == 0 && S_ISDIR(st.st_mode)) {
		p->mqueue_dir = strdup(MOUNTS_MQUEUE_DEFAULT_DIR);
		if (!p->mqueue_dir)
			return ipcns_error_set(err, ENOMEM, "out of memory");
	}
	if (store && !p->shm) {
		free(p->shm_bind);
		p->shm_bind = strdup(store);
		if (!p->shm_bind)
			return ipcns_error_set(err, ENOMEM, "out of memory");
	}
	return 0;
}

static int check_mqueue_dir(struct mounts_plan *p, struct ipcns_error *err)
{
	const char *dir = p->mqueue_dir;
	_cleanup_free_ char *copy = NULL;
	const char *parent;
	struct stat st;

	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return ipcns_error_usage(err, "--mqueue=%.*s%s: not a directory", IPCNS_CLIP(SHOWN_PATH, dir));
		p->mqueue_missing = false;
		return 0;
	}
	if (errno != ENOENT)
		return ipcns_error_set(err, errno, "--mqueue=%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, dir), strerror(errno));
	copy = strdup(dir);
	if (!copy)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	parent = dirname(copy);
	if (stat(parent, &st) < 0 || !S_ISDIR(st.st_mode))
		return ipcns_error_usage(err,
					 "--mqueue=%.*s%s: missing, and its parent %.*s%s is not a directory to "
					 "create it in",
					 IPCNS_CLIP(SHOWN_PATH, dir), IPCNS_CLIP(SHOWN_PATH, parent));
	p->mqueue_missing = true;
	return 0;
}

int mounts_check(struct mounts_plan *p, struct ipcns_error *err)
{
	struct stat st;
	int r;

	if (p->mqueue_dir) {
		r = check_mqueue_dir(p, err);
		if (r < 0)
			return r;
	}
	if (p->shm || p->shm_bind) {
		if (stat(MOUNTS_SHM_DIR, &st) < 0)
			return ipcns_error_set(err, errno, "--shm: %s: %s", MOUNTS_SHM_DIR, strerror(errno));
		if (!S_ISDIR(st.st_mode))
			return ipcns_error_usage(err, "--shm: %s: not a directory", MOUNTS_SHM_DIR);
	}
	return 0;
}

static int mount_mqueue(const struct mounts_plan *p, struct ipcns_error *err)
{
	const char *dir = p->mqueue_dir;
	bool created = false;
	int r;

	/* A mount point cannot be conjured up inside the new namespace alone: a
	 * directory made now lands on the shared filesystem under it. So a
	 * missing DIR is created for good, empty and 0755, as systemd creates
	 * /dev/mqueue at boot; only a failed mount takes it back. */
	if (p->mqueue_missing) {
		if (mkdir(dir, 0755) == 0) {
			created = true;
		} else if (errno != EEXIST) {
			int e = errno;

			r = ipcns_error_set(err, e, "--mqueue=%.*s%s: cannot create the directory: %s",
					    IPCNS_CLIP(SHOWN_PATH, dir), strerror(e));
			if (e == EACCES || e == EPERM)
				ipcns_error_reason(err, IPCNS_R_MKDIR_DENIED, dir);
			return r;
		}
	}
	/* mqueue takes no options: its root is always mode 1777. */
	if (mount("mqueue", dir, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		r = ipcns_error_set(err, errno, "--mqueue=%.*s%s: cannot mount an mqueue fs there: %s",
				    IPCNS_CLIP(SHOWN_PATH, dir), strerror(errno));
		if (created)
			rmdir(dir);
		return r;
	}
	return 0;
}

static int mount_shm(const struct mounts_plan *p, struct ipcns_error *err)
{
	char opts[64];

	if (p->shm_bind) {
		if (mount(p->shm_bind, MOUNTS_SHM_DIR, "none", MS_BIND | MS_REC, NULL) < 0)
			return ipcns_error_set(err, errno, "cannot bind the shm store %.*s%s on %s: %s",
					       IPCNS_CLIP(SHOWN_PATH, p->shm_bind), MOUNTS_SHM_DIR, strerror(errno));
		return 0;
	}
	if (p->shm_size)
		snprintf(opts, sizeof(opts), "mode=1777,size=%" PRIu64, p->shm_size);
	else
		snprintf(opts, sizeof(opts), "mode=1777");
	if (mount("tmpfs", MOUNTS_SHM_DIR, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0)
		return ipcns_error_set(err, errno, "--shm: cannot mount a tmpfs on %s: %s", MOUNTS_SHM_DIR,
				       strerror(errno));
	return 0;
}

int mounts_setup(const struct mounts_plan *p, struct ipcns_error *err)
{
	int r;

	/* Needs CAP_SYS_ADMIN in our user namespace, which run -r and enter -U
	 * have just given us; the new namespace is then owned by that user
	 * namespace, and so are the mounts made in it. */
	if (unshare(CLONE_NEWNS) < 0)
		return ipcns_error_set(err, errno, "cannot create a mount namespace: %s", strerror(errno));
	/* The copy keeps the caller's propagation: a mount under a shared
	 * mount would reach the caller's namespace. Cut every tie first. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return ipcns_error_set(err, errno, "cannot make the new mount namespace private: %s", strerror(errno));
	if (p->mqueue_dir) {
		r = mount_mqueue(p, err);
		if (r < 0)
			return r;
	}
	if (p->shm || p->shm_bind) {
		r = mount_shm(p, err);
		if (r < 0)
			return r;
	}
	return 0;
}
