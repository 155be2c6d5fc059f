/* Argument parsing of run and enter into a launch plan. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ipcns/cli.h"
#include "ipcns/commands.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int parse_run(int argc, const char **argv, struct launch_plan *plan, struct ipcns_error *err)
{
	launch_plan_init(plan);
	memset(err, 0, sizeof(*err));
	return launch_parse(false, argc, argv, plan, err);
}

static void test_run_defaults(void **state)
{
	const char *argv[] = { "run" };
	struct launch_plan plan;
	struct ipcns_error err;

	(void)state;
	setenv("SHELL", "/bin/zsh-for-test", 1);
	assert_int_equal(parse_run(ARGC(argv), argv, &plan, &err), 0);
	assert_false(plan.fork);
	assert_false(plan.userns.wanted);
	assert_string_equal(plan.argv[0], "/bin/zsh-for-test");
	assert_null(plan.argv[1]);
	launch_plan_free(&plan);

	unsetenv("SHELL");
	assert_int_equal(parse_run(ARGC(argv), argv, &plan, &err), 0);
	assert_string_equal(plan.argv[0], "/bin/sh");
	launch_plan_free(&plan);
}

static void test_run_options_and_cmd(void **state)
{
	const char *argv[] = { "run", "-rF", "--", "ls", "-l", "--fork" };
	struct launch_plan plan;
	struct ipcns_error err;

	(void)state;
	assert_int_equal(parse_run(ARGC(argv), argv, &plan, &err), 0);
	assert_true(plan.userns.wanted);
	assert_true(plan.fork);
	assert_string_equal(plan.argv[0], "ls");
	assert_string_equal(plan.argv[1], "-l");
	assert_string_equal(plan.argv[2], "--fork"); /* CMD's, not ours */
	assert_null(plan.argv[3]);
	launch_plan_free(&plan);
}

static void test_run_stops_at_first_operand(void **state)
{
	const char *argv[] = { "run", "--map-root-user", "sh", "-F" };
	struct launch_plan plan;
	struct ipcns_error err;

	(void)state;
	assert_int_equal(parse_run(ARGC(argv), argv, &plan, &err), 0);
	assert_false(plan.fork);
	assert_string_equal(plan.argv[0], "sh");
	assert_string_equal(plan.argv[1], "-F");
	launch_plan_free(&plan);
}

static void test_run_unknown_option(void **state)
{
	const char *argv[] = { "run", "--frobnicate", "true" };
	struct launch_plan plan;
	struct ipcns_error err;

	(void)state;
	assert_int_equal(parse_run(ARGC(argv), argv, &plan, &err), -EINVAL);
	assert_int_equal(err.kind, IPCNS_ERR_USAGE);
	assert_string_equal(err.msg, "run: --frobnicate: unknown option");
	launch_plan_free(&plan);
}

static void test_enter_needs_target(void **state)
{
	const char *argv[] = { "enter", "-F" };
	struct launch_plan plan;
	struct ipcns_error err = { 0 };

	(void)state;
	launch_plan_init(&plan);
	assert_int_equal(launch_parse(true, ARGC(argv), argv, &plan, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "missing TARGET"));
	launch_plan_free(&plan);
}

static void test_enter_target_and_cmd(void **state)
{
	const char *argv[] = { "enter", "-U", "/proc/self/ns/ipc", "--", "echo", "hi" };
	struct launch_plan plan;
	struct ipcns_error err = { 0 };

	(void)state;
	launch_plan_init(&plan);
	assert_int_equal(launch_parse(true, ARGC(argv), argv, &plan, &err), 0);
	assert_true(plan.join_user);
	assert_int_equal(plan.target.kind, TARGET_PATH);
	assert_string_equal(plan.target.arg, "/proc/self/ns/ipc");
	assert_true(plan.target_fd >= 0);
	assert_string_equal(plan.argv[0], "echo");
	launch_plan_free(&plan);
}

static void test_enter_rejects_non_ipc_file(void **state)
{
	const char *argv[] = { "enter", "/proc/self/ns/net" };
	const char *plain[] = { "enter", "/etc/hostname" };
	struct launch_plan plan;
	struct ipcns_error err = { 0 };

	(void)state;
	launch_plan_init(&plan);
	assert_int_equal(launch_parse(true, ARGC(argv), argv, &plan, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not an IPC namespace"));
	launch_plan_free(&plan);
	assert_int_equal(launch_parse(true, ARGC(plain), plain, &plan, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not a namespace file"));
	launch_plan_free(&plan);
}

/* Options with an optional value take it only when attached. */
static void test_attach_optional(void **state)
{
	char *dir = NULL;
	const char *value = NULL;
	struct poptOption table[] = {
		{ "mqueue", 'm', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, &dir, 0, NULL, NULL },
		{ "sysctl", 's', POPT_ARG_STRING, &value, 0, NULL, NULL },
		{ "fork", 'F', POPT_ARG_NONE, NULL, 0, NULL, NULL },
		POPT_TABLEEND,
	};
	const char *argv[] = { "run", "-m", "--mqueue", "-Fm", "-s", "-m", "-sx=1", "--mqueue=/d", "-m/d", "ls", "-m" };
	const char *want[] = { "run", "--mqueue=", "--mqueue=",   "-F",   "--mqueue=", "-s",
			       "-m",  "-sx=1",     "--mqueue=/d", "-m/d", "ls",        "-m" };
	const char **out = NULL;
	char **owned = NULL;
	int n = 0;

	(void)state;
	assert_int_equal(cli_attach_optional_args(table, ARGC(argv), argv, &n, &out, &owned), 0);
	assert_int_equal(n, ARGC(want));
	for (int i = 0; i < n; i++)
		assert_string_equal(out[i], want[i]);
	assert_null(out[n]);
	cli_argv_free(out, owned);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_defaults),
		cmocka_unit_test(test_run_options_and_cmd),
		cmocka_unit_test(test_run_stops_at_first_operand),
		cmocka_unit_test(test_run_unknown_option),
		cmocka_unit_test(test_enter_needs_target),
		cmocka_unit_test(test_enter_target_and_cmd),
		cmocka_unit_test(test_enter_rejects_non_ipc_file),
		cmocka_unit_test(test_attach_optional),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
