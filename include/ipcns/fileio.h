/* Whole-file reads and writes for small files (/proc, /proc/sys, -f): one
 * place that handles EINTR, short reads and short writes. Each returns 0 or
 * -errno and never prints; the caller names the file in its message. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* Read fd to its end into a malloc'd, NUL-terminated buffer (*out, length
 * in *len when len is not NULL). -EFBIG when the data is longer than max
 * bytes: exactly max bytes is accepted. */
int read_fd(int fd, size_t max, char **out, size_t *len);
/* The same for PATH, relative to dirfd (AT_FDCWD for the working
 * directory), opened O_RDONLY|O_CLOEXEC|O_NOCTTY. */
int read_file_at(int dirfd, const char *path, size_t max, char **out, size_t *len);
/* read_file_at(AT_FDCWD, path, max, ...) for callers that only need the
 * text: NULL, with errno set, when it cannot be read whole. */
char *read_text_file(const char *path, size_t max);
/* Read what a /proc file holds into buf (at most size - 1 bytes, from
 * offset 0), NUL-terminated: the number of bytes, or -errno. */
ssize_t read_small_fd(int fd, char *buf, size_t size);

/* Write all of buf, going on after short writes and EINTR. */
int write_all(int fd, const void *buf, size_t len);
/* The same at offset off (pwrite): a /proc/sys file takes each write from
 * offset 0, so a second write to the same fd is not a continuation. */
int pwrite_all(int fd, const void *buf, size_t len, off_t off);
/* Open PATH (relative to dirfd) O_WRONLY|O_CLOEXEC|O_NOCTTY, without
 * creating it, and write all of buf: /proc/PID/uid_map and the like. */
int write_file_at(int dirfd, const char *path, const void *buf, size_t len);
