#include "ipcns/userns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"

static int write_proc_file(const char *path, const char *text, struct ipcns_error *err)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(text);

	if (fd < 0)
		return ipcns_error_set(err, errno, "%s: %s", path, strerror(errno));
	if (write(fd, text, len) != (ssize_t)len)
		return ipcns_error_set(err, errno, "%s: %s", path, strerror(errno));
	return 0;
}

int userns_map_root(struct ipcns_error *err)
{
	uid_t uid = geteuid(); /* read before unshare: afterwards it is the overflow id */
	gid_t gid = getegid();
	char map[64];
	int r;

	if (unshare(CLONE_NEWUSER) < 0) {
		r = ipcns_error_set(err, errno, "cannot create a user namespace: %s", strerror(errno));
		if (errno == EPERM || errno == ENOSPC || errno == EACCES)
			ipcns_error_hint(err, "unprivileged user namespaces may be disabled or exhausted; "
					      "see /proc/sys/user/max_user_namespaces");
		return r;
	}
	r = write_proc_file("/proc/self/setgroups", "deny", err);
	if (r < 0 && r != -ENOENT) /* ENOENT: kernels before 3.19 have no such file */
		return r;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
	r = write_proc_file("/proc/self/uid_map", map, err);
	if (r < 0)
		return r;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
	return write_proc_file("/proc/self/gid_map", map, err);
}
