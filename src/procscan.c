#include "ipcns/procscan.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* The namespace behind dirfd's "at" link ("PID/ns/ipc", "TID/ns/ipc"). */
static int read_link(int dirfd, const char *at, ino_t *ino)
{
	char link[64];
	ssize_t len = readlinkat(dirfd, at, link, sizeof(link));

	if (len < 0)
		return -errno;
	return procscan_parse_link(link, (size_t)len, ino);
}

/* The threads of process pid, other than itself, in namespaces that are not
 * skip (the leader's, already reported; 0 when the leader has none): each
 * such namespace once, however many threads and namespaces there are. */
static int scan_threads(int procfd, pid_t pid, ino_t skip, procscan_fn fn, void *data)
{
	char path[32], buf[4096] __attribute__((aligned(8)));
	_cleanup_free_ ino_t *seen = NULL;
	size_t nseen = 0, cap = 0;
	_cleanup_close_ int tfd = -1;
	long n;

	snprintf(path, sizeof(path), "%d/task", (int)pid);
	tfd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (tfd < 0)
		return 0; /* gone meanwhile */
	while ((n = syscall(SYS_getdents64, tfd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			const struct linux_dirent64 *de = (const void *)(buf + off);
			pid_t tid = entry_pid(de->d_name);
			bool known = false;
			ino_t ino;
			int r;

			off += de->d_reclen;
			snprintf(path, sizeof(path), "%d/ns/ipc", (int)tid);
			if (!tid || tid == pid || read_link(tfd, path, &ino) < 0 || ino == skip)
				continue;
			for (size_t i = 0; i < nseen && !known; i++)
				known = seen[i] == ino;
			if (known)
				continue;
			if (nseen == cap) {
				ino_t *more = reallocarray(seen, cap ? cap * 2 : 8, sizeof(*seen));

				if (!more)
					return -ENOMEM;
				seen = more;
				cap = cap ? cap * 2 : 8;
			}
			seen[nseen++] = ino;
			r = fn(pid, tid, ino, data);
			if (r)
				return r;
		}
	}
	return 0;
}

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
			pid_t pid = entry_pid(de->d_name);
			char path[32];
			ino_t ino = 0;
			struct stat st;
			int r = 0;

			off += de->d_reclen;
			if (!pid)
				continue;
			snprintf(path, sizeof(path), "%d/ns/ipc", (int)pid);
			r = read_link(procfd, path, &ino);
			if (r == 0) {
				r = fn(pid, pid, ino, data);
				if (r)
					return r;
			} else if (r != -ENOENT) {
				continue; /* not ours to look at */
			}
			/* A thread may be elsewhere than its leader: one that called
			 * setns() or unshare(), or the only ones left when the leader
			 * has exited (its link then reads ENOENT: always look). The
			 * link count of /proc/PID/task is 2 + its threads, so one stat
			 * tells the single-threaded (nearly all) from the rest. */
			snprintf(path, sizeof(path), "%d/task", (int)pid);
			if (ino && (fstatat(procfd, path, &st, 0) < 0 || st.st_nlink <= 3))
				continue;
			r = scan_threads(procfd, pid, ino, fn, data);
			if (r)
				return r;
		}
	}
	return n < 0 ? -errno : 0;
}
