/* The exit-status contract. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ipcns/exit.h"
#include "ipcns/explain.h"

static void test_exec_errno(void **state)
{
	(void)state;
	assert_int_equal(exit_status_for_exec_errno(ENOENT), 127);
	assert_int_equal(exit_status_for_exec_errno(ENOTDIR), 127);
	assert_int_equal(exit_status_for_exec_errno(EACCES), 126);
	assert_int_equal(exit_status_for_exec_errno(ENOEXEC), 126);
	assert_int_equal(exit_status_for_exec_errno(E2BIG), 126);
}

static void test_wait_status(void **state)
{
	(void)state;
	assert_int_equal(exit_status_from_wait(7 << 8), 7); /* exited 7 */
	assert_int_equal(exit_status_from_wait(0), 0);
	assert_int_equal(exit_status_from_wait(SIGTERM), 143); /* killed by SIGTERM */
	assert_int_equal(exit_status_from_wait(SIGKILL), 137);
}

static void test_error_status(void **state)
{
	struct ipcns_error usage = { .kind = IPCNS_ERR_USAGE, .code = EINVAL };
	struct ipcns_error sys = { .kind = IPCNS_ERR_SYSTEM, .code = EPERM };

	const struct explain_caller run = { .cmd = "run" }, enter = { .cmd = "enter" }, get = { .cmd = "get" };

	(void)state;
	assert_int_equal(explain_status(&run, &usage), 125);
	assert_int_equal(explain_status(&enter, &sys), 125);
	assert_int_equal(explain_status(&get, &usage), 2);
	assert_int_equal(explain_status(&get, &sys), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_errno),
		cmocka_unit_test(test_wait_status),
		cmocka_unit_test(test_error_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
