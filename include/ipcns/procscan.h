/* Which IPC namespace each process is in, as /proc shows it to the caller.
 *
 * One readlink of /proc/PID/ns/ipc per process, and one stat of
 * /proc/PID/task to find the few with more than one thread. The link's text,
 * "ipc:[INODE]", names the namespace by its nsfs inode. A stat of the link
 * would give the same inode, but it makes the kernel build (and, for a
 * namespace nobody holds open, throw away again) an nsfs dentry and inode
 * per call; readlink only formats the number, at about half the cost. The
 * nsfs device is the same for every namespace, so the inode alone is the
 * key. Used by delete, pids, list and show. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* Called with each namespace a process is in: its leader's (tid == pid),
 * and, where a thread is elsewhere (it called setns() or unshare(), or the
 * leader has exited), that thread's (tid, once per namespace). So a process
 * may be reported in more than one namespace. A non-zero return stops the
 * scan and is what procscan_ipc returns. */
typedef int (*procscan_fn)(pid_t pid, pid_t tid, ino_t ino, void *data);

/* Walks procfd (an O_DIRECTORY fd on /proc). Processes that exit meanwhile
 * or that the caller may not look at are left out. 0, a callback's return,
 * or -errno when /proc cannot be read. */
int procscan_ipc(int procfd, procscan_fn fn, void *data);

/* The inode in an ns/ipc link's text (len bytes, not NUL-terminated):
 * "ipc:[4026531839]". 0 and *ino set, or -EINVAL for anything else. */
int procscan_parse_link(const char *text, size_t len, ino_t *ino);
