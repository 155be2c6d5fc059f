/* Whole-file reads and writes of small files, EINTR- and short-write-safe. */
#include "ipcns/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"

int read_fd(int fd, size_t max, char **out, size_t *len)
{
	_cleanup_free_ char *buf = NULL;
	size_t have = 0, size = 0;

	for (;;) {
		ssize_t n;

		/* Room for one byte past max, so that a file of exactly max
		 * bytes is told from a longer one, and for the NUL. */
		if (size - have < 2) {
			size_t want = size ? size * 2 : 4096;
			char *nb;

			if (want > max + 2)
				want = max + 2;
			if (want <= size)
				return -EFBIG;
			nb = realloc(buf, want);
			if (!nb)
				return -ENOMEM;
			buf = nb;
			size = want;
		}
		n = read(fd, buf + have, size - have - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		have += (size_t)n;
		if (have > max)
			return -EFBIG;
	}
	buf[have] = '\0';
	if (len)
		*len = have;
	*out = steal_ptr(buf);
	return 0;
}

int read_file_at(int dirfd, const char *path, size_t max, char **out, size_t *len)
{
	_cleanup_close_ int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	return read_fd(fd, max, out, len);
}

ssize_t read_small_fd(int fd, char *buf, size_t size)
{
	size_t have = 0;

	if (size == 0)
		return -EINVAL;
	while (have < size - 1) {
		ssize_t n = pread(fd, buf + have, size - 1 - have, (off_t)have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		have += (size_t)n;
	}
	buf[have] = '\0';
	return (ssize_t)have;
}

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		off += n;
		len -= (size_t)n;
	}
	return 0;
}

int write_file_at(int dirfd, const char *path, const void *buf, size_t len)
{
	_cleanup_close_ int fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	return write_all(fd, buf, len);
}

char *read_text_file(const char *path, size_t max)
{
	char *text = NULL;
	int r = read_file_at(AT_FDCWD, path, max, &text, NULL);

	if (r < 0)
		errno = -r;
	return r < 0 ? NULL : text;
}
