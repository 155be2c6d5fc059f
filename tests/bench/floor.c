/* floor.c - the least work "run CMD in a new IPC namespace" can do.
 *
 * startup.sh times this next to `unshare --ipc` and `ipcns run`: nothing that
 * does the same job can start faster than one unshare() and one execvp().
 * Exit codes follow ipcns: 125 own failure, 126 cannot run, 127 not found.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: floor CMD [ARG...]\n", stderr);
		return 125;
	}
	if (unshare(CLONE_NEWIPC) != 0) {
		fprintf(stderr, "floor: unshare: %s\n", strerror(errno));
		return 125;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "floor: %s: %s\n", argv[1], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
