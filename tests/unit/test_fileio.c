/* fileio.c: whole-file reads with a size limit, to the byte; writes that go
 * on after short writes; errors as -errno. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "ipcns/cleanup.h"
#include "ipcns/fileio.h"

/* A pipe holding len bytes of 'x' (written by a child: more than a pipe
 * buffer holds), read back with read_fd(max). */
static int read_pipe_of(size_t len, size_t max, char **out, size_t *got)
{
	int p[2], status, r;
	pid_t pid;

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char buf[4096];

		close(p[0]);
		memset(buf, 'x', sizeof(buf));
		signal(SIGPIPE, SIG_DFL);
		for (size_t n = 0; n < len;) {
			size_t chunk = len - n < sizeof(buf) ? len - n : sizeof(buf);

			if (write_all(p[1], buf, chunk) < 0)
				_exit(1);
			n += chunk;
		}
		_exit(0);
	}
	close(p[1]);
	r = read_fd(p[0], max, out, got);
	close(p[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return r;
}

static void test_read_limit(void **state)
{
	const size_t max = 100000;
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(read_pipe_of(0, max, &buf, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	free(buf);
	buf = NULL;
	assert_int_equal(read_pipe_of(max, max, &buf, &len), 0);
	assert_int_equal(len, max);
	assert_int_equal(strlen(buf), max);
	free(buf);
	buf = NULL;
	assert_int_equal(read_pipe_of(max + 1, max, &buf, &len), -EFBIG);
	assert_null(buf);
	assert_int_equal(read_pipe_of(3 * max, max, &buf, &len), -EFBIG);
	assert_null(buf);
}

static void test_files(void **state)
{
	char dir[] = "/tmp/ipcns-unit-XXXXXX", path[64];
	_cleanup_close_ int dfd = -1;
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	/* write_file_at never creates. */
	assert_int_equal(write_file_at(dfd, "f", "abc", 3), -ENOENT);
	assert_int_equal(read_file_at(dfd, "f", 10, &buf, &len), -ENOENT);
	snprintf(path, sizeof(path), "%s/f", dir);
	close(open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	assert_int_equal(write_file_at(dfd, "f", "hello\n", 6), 0);
	assert_int_equal(read_file_at(dfd, "f", 6, &buf, &len), 0);
	assert_string_equal(buf, "hello\n");
	assert_int_equal(len, 6);
	free(steal_ptr(buf));
	assert_int_equal(read_file_at(dfd, "f", 5, &buf, &len), -EFBIG);
	assert_int_equal(read_file_at(AT_FDCWD, path, 6, &buf, &len), 0);
	assert_string_equal(buf, "hello\n");
	assert_int_equal(read_file_at(dfd, ".", 6, &buf, &len), 0 - EISDIR);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_limit),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
