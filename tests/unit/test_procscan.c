/* procscan.c: the namespace in an ns/ipc link's text, and a walk of a real
 * /proc that finds this very process in the namespace its own link names. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ipcns/cleanup.h"
#include "ipcns/procscan.h"

static int parse(const char *text, ino_t *ino)
{
	return procscan_parse_link(text, strlen(text), ino);
}

static void test_parse_link(void **state)
{
	ino_t ino = 7;

	(void)state;
	assert_int_equal(parse("ipc:[4026531839]", &ino), 0);
	assert_int_equal(ino, 4026531839u);
	assert_int_equal(parse("ipc:[1]", &ino), 0);
	assert_int_equal(ino, 1);
	assert_int_equal(parse("ipc:[18446744073709551615]", &ino), 0);
	assert_true(ino == (ino_t)18446744073709551615ull);

	ino = 7;
	/* Another kind of namespace, or anything that is not a link's text. */
	static const char *const bad[] = {
		"",
		"ipc:[]",
		"ipc:[0]",
		"ipc:[012]",
		"ipc:[12",
		"ipc:12]",
		"ipc:[1 2]",
		"ipc:[-1]",
		"ipc:[+1]",
		"ipc:[0x10]",
		"ipc:[18446744073709551616]",
		"ipc:[99999999999999999999999]",
		"net:[4026531840]",
		"IPC:[4026531839]",
		"ipc [4026531839]",
		" ipc:[4026531839]",
		"ipc:[4026531839] ",
		"ipc:[4026531839]]",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(parse(bad[i], &ino), -EINVAL);
		assert_int_equal(ino, 7);
	}
	/* The length is what counts, not a NUL: readlink gives none. */
	assert_int_equal(procscan_parse_link("ipc:[42]xyz", 8, &ino), 0);
	assert_int_equal(ino, 42);
	assert_int_equal(procscan_parse_link("ipc:[42]", 7, &ino), -EINVAL);
}

struct seen {
	pid_t self;
	ino_t self_ino;
	size_t n, self_hits;
};

static int note(pid_t pid, pid_t tid, ino_t ino, void *data)
{
	struct seen *s = data;

	if (tid != pid)
		return 0;
	s->n++;
	if (pid == s->self) {
		s->self_hits++;
		s->self_ino = ino;
	}
	return 0;
}

static int stop_at_first(pid_t pid, pid_t tid, ino_t ino, void *data)
{
	(void)pid;
	(void)tid;
	(void)ino;
	++*(int *)data;
	return 42;
}

static void test_scan_finds_self(void **state)
{
	_cleanup_close_ int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct seen s = { .self = getpid() };
	struct stat st;
	int calls = 0;

	(void)state;
	assert_true(procfd >= 0);
	assert_int_equal(stat("/proc/self/ns/ipc", &st), 0);
	assert_int_equal(procscan_ipc(procfd, note, &s), 0);
	assert_int_equal(s.self_hits, 1);
	assert_true(s.self_ino == st.st_ino); /* what a stat of the link says */
	assert_true(s.n >= 1);
	/* A callback's non-zero return ends the walk and is passed on. */
	assert_int_equal(procscan_ipc(procfd, stop_at_first, &calls), 42);
	assert_int_equal(calls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_link),
		cmocka_unit_test(test_scan_finds_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
