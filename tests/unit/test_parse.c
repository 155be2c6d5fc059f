/* Numbers, sizes, PIDs and targets: decimal only, nothing silently dropped. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ipcns/names.h"
#include "ipcns/target.h"
#include "ipcns/parse.h"

static void test_u64(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(parse_u64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_u64("010", &v), 0); /* decimal, not octal */
	assert_int_equal(v, 10);
	assert_int_equal(parse_u64("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(parse_u64("18446744073709551616", &v), -ERANGE);
	assert_int_equal(parse_u64("99999999999999999999999", &v), -ERANGE);
	assert_int_equal(parse_u64("", &v), -EINVAL);
	assert_int_equal(parse_u64("-1", &v), -EINVAL);
	assert_int_equal(parse_u64("+1", &v), -EINVAL);
	assert_int_equal(parse_u64(" 1", &v), -EINVAL);
	assert_int_equal(parse_u64("1 ", &v), -EINVAL);
	assert_int_equal(parse_u64("0x10", &v), -EINVAL);
	assert_int_equal(parse_u64("12abc", &v), -EINVAL);
	/* Too many digits and then garbage: not a number, rather than too big. */
	assert_int_equal(parse_u64("99999999999999999999x", &v), -EINVAL);
	assert_int_equal(parse_u64("184467440737095516160 ", &v), -EINVAL);
	assert_int_equal(parse_u64(NULL, &v), -EINVAL);
}

static void test_i64(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse_i64("-1", &v), 0);
	assert_true(v == -1);
	assert_int_equal(parse_i64("9223372036854775807", &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(parse_i64("-9223372036854775808", &v), 0);
	assert_true(v == INT64_MIN);
	assert_int_equal(parse_i64("9223372036854775808", &v), -ERANGE);
	assert_int_equal(parse_i64("-9223372036854775809", &v), -ERANGE);
	assert_int_equal(parse_i64("-", &v), -EINVAL);
	assert_int_equal(parse_i64("--1", &v), -EINVAL);
	assert_int_equal(parse_i64("-99999999999999999999x", &v), -EINVAL);
}

static void test_size(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(parse_size("64K", &v), 0);
	assert_true(v == 65536);
	assert_int_equal(parse_size("2G", &v), 0);
	assert_true(v == 2ULL << 30);
	assert_int_equal(parse_size("1MiB", &v), 0);
	assert_true(v == 1ULL << 20);
	assert_int_equal(parse_size("3t", &v), 0);
	assert_true(v == 3ULL << 40);
	assert_int_equal(parse_size("4096", &v), 0);
	assert_true(v == 4096);
	assert_int_equal(parse_size("16777216T", &v), -ERANGE);
	assert_int_equal(parse_size("1KB", &v), -EINVAL); /* decimal units are not guessed at */
	assert_int_equal(parse_size("99999999999999999999K", &v), -ERANGE);
	assert_int_equal(parse_size("99999999999999999999KB", &v), -EINVAL);
	assert_int_equal(parse_size("1X", &v), -EINVAL);
	assert_int_equal(parse_size("K", &v), -EINVAL);
	assert_int_equal(parse_size("1.5G", &v), -EINVAL);
	assert_true(parse_has_size_suffix("64K"));
	assert_false(parse_has_size_suffix("64"));
	assert_false(parse_has_size_suffix("64Q"));
}

static void test_pid(void **state)
{
	pid_t p;

	(void)state;
	assert_int_equal(parse_pid("1", &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(parse_pid("0", &p), -ERANGE);
	assert_int_equal(parse_pid("2147483648", &p), -ERANGE);
	assert_int_equal(parse_pid("-5", &p), -EINVAL);
	assert_int_equal(parse_pid("", &p), -EINVAL);
}

static void test_target(void **state)
{
	struct ipcns_error err = { 0 };
	struct target t;
	char longname[NAME_MAX + 2];

	(void)state;
	assert_int_equal(target_parse("/proc/1/ns/ipc", &t, &err), 0);
	assert_int_equal(t.kind, TARGET_PATH);
	assert_int_equal(target_parse("./pinned", &t, &err), 0);
	assert_int_equal(t.kind, TARGET_PATH);
	assert_int_equal(target_parse("4242", &t, &err), 0);
	assert_int_equal(t.kind, TARGET_PID);
	assert_int_equal(t.pid, 4242);
	assert_int_equal(target_parse("db1", &t, &err), 0);
	assert_int_equal(t.kind, TARGET_NAME);
	assert_int_equal(target_parse("", &t, &err), -EINVAL);
	assert_int_equal(err.kind, IPCNS_ERR_USAGE);
	assert_int_equal(target_parse("0", &t, &err), -EINVAL);
	assert_int_equal(target_parse("..", &t, &err), -EINVAL);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(names_validate(longname, &err), -EINVAL);
	longname[NAME_MAX - NAMES_SUFFIX_MAX + 1] = '\0';
	assert_int_equal(names_validate(longname, &err), -EINVAL);
	longname[NAME_MAX - NAMES_SUFFIX_MAX] = '\0';
	assert_int_equal(names_validate(longname, &err), 0);
	assert_int_equal(names_validate("a/b", &err), -EINVAL);
	assert_int_equal(names_validate("-x", &err), -EINVAL);
	assert_int_equal(names_validate(".x", &err), -EINVAL);
	assert_int_equal(names_validate("a\nb", &err), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64), cmocka_unit_test(test_i64),    cmocka_unit_test(test_size),
		cmocka_unit_test(test_pid), cmocka_unit_test(test_target),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
