/* maxrss.c - run CMD N times and print each run's peak RSS in KiB, one a line.
 *
 * Why C and not python3's os.wait4(): the kernel's ru_maxrss for a child is
 * the high-water mark over its whole life, and that includes the memory image
 * it had *before* execve().  A child forked (or posix_spawn'ed) from a python
 * interpreter starts out with python's ~10 MiB image, which then swamps the
 * ~1-2 MiB we want to see.  A child forked from this small program carries
 * only a few pages of it, well under what any command measured here uses.
 *
 * usage: maxrss N CMD [ARG...]     exit 0, or 1 if any run failed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3 || atoi(argv[1]) < 1) {
		fputs("usage: maxrss N CMD [ARG...]\n", stderr);
		return 2;
	}
	int runs = atoi(argv[1]);
	int failed = 0;

	for (int i = 0; i < runs; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("maxrss: fork");
			return 1;
		}
		if (pid == 0) {
			execvp(argv[2], argv + 2);
			_exit(127);
		}

		int status;
		struct rusage ru;
		if (wait4(pid, &status, 0, &ru) < 0) {
			perror("maxrss: wait4");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
		printf("%ld\n", ru.ru_maxrss); /* Linux reports KiB */
	}
	if (failed)
		fprintf(stderr, "maxrss: %s: some runs did not exit 0\n", argv[2]);
	return failed;
}
