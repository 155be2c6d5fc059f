/* exec_prepare_reraise: what the -F parent does before dying of CMD's signal. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "ipcns/exec.h"

/* In a child, since the calls change the process for good. Exit code: one
 * bit per property that is wrong. */
static int prepare_in_child(int sig)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct rlimit big = { RLIM_INFINITY, RLIM_INFINITY }, now;
		struct sigaction sa = { .sa_handler = SIG_IGN }, got;
		sigset_t set, mask;
		int bad = 0;

		setrlimit(RLIMIT_CORE, &big); /* may be refused: then it is 0 already */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		sigaction(sig, &sa, NULL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_BLOCK, &set, NULL);

		exec_prepare_reraise(sig);

		if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
			bad |= 1;
		if (getrlimit(RLIMIT_CORE, &now) != 0 || now.rlim_cur != 0)
			bad |= 2;
		if (sigaction(sig, NULL, &got) != 0 || got.sa_handler != SIG_DFL)
			bad |= 4;
		if (sigprocmask(SIG_BLOCK, NULL, &mask) != 0 || sigismember(&mask, sig))
			bad |= 8;
		_exit(bad);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_prepare_reraise(void **state)
{
	(void)state;
	/* 0: not dumpable, no core limit, default action, unblocked. */
	assert_int_equal(prepare_in_child(SIGSEGV), 0);
	assert_int_equal(prepare_in_child(SIGTERM), 0);
}

static void test_die_like_exit(void **state)
{
	(void)state;
	assert_int_equal(exec_die_like(3 << 8), 3); /* exited with 3 */
	assert_int_equal(exec_die_like(0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prepare_reraise),
		cmocka_unit_test(test_die_like_exit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
