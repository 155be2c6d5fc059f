#include "ipcns/procscan.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipcns/cleanup.h"

int procscan_parse_link(const char *text, size_t len, ino_t *ino)
{
	static const char prefix[] = "ipc:[";
	const size_t plen = sizeof(prefix) - 1;
	unsigned long long v = 0;
	size_t i;

	if (len < plen + 2 || memcmp(text, prefix, plen) != 0 || text[len - 1] != ']')
		return -EINVAL;
	for (i = plen; i < len - 1; i++) {
		unsigned d = (unsigned char)text[i] - '0';

		if (d > 9 || (i == plen && d == 0) || v > (ULLONG_MAX - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	if (i == plen || (ino_t)v != v)
		return -EINVAL;
	*ino = (ino_t)v;
	return 0;
}

/* A /proc entry's name as a PID: digits only, no leading zero, > 0. */
static pid_t entry_pid(const char *name)
{
	long v = 0;

	if (*name < '1' || *name > '9')
		return 0;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || v > (INT_MAX - (*name - '0')) / 10)
			return 0;
		v = v * 10 + (*name - '0');
	}
	return (pid_t)v;
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int procscan_ipc(int procfd, procscan_fn fn, void *data)
{
	/* getdents64 straight into a buffer: /proc is read once, in big
	 * pieces, and readdir's copy and allocation are not needed. */
	_cleanup_close_ int dfd = openat(procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char buf[32768] __attribute__((aligned(8)));
	long n;

	if (dfd < 0)
		return -errno;
	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			const struct linux_dirent64 *de = (const void *)(buf + off);
			char path[32], link[64];
			pid_t pid = entry_pid(de->d_name);
			ssize_t len;
			ino_t ino;
			int r;

			off += de->d_reclen;
			if (!pid)
				continue;
			snprintf(path, sizeof(path), "%d/ns/ipc", (int)pid);
			len = readlinkat(procfd, path, link, sizeof(link));
			if (len <= 0 || procscan_parse_link(link, (size_t)len, &ino) < 0)
				continue;
			r = fn(pid, ino, data);
			if (r)
				return r;
		}
	}
	return n < 0 ? -errno : 0;
}
