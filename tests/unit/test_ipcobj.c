/* Reading /proc/sysvipc and mqueue text, and sizes as list and show print
 * them: pure parsing, on text as Linux 6.18 writes it. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ipcns/ipcobj.h"
#include "ipcns/output.h"

static const char *const shm_fields[] = { "key", "shmid", "perms", "size",  "cpid",  "lpid",  "nattch", "uid",
					  "gid", "cuid",  "cgid",  "atime", "dtime", "ctime", "rss",    "swap" };

static const char shm_header[] =
    "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  "
    "cuid  cgid      atime      dtime      ctime                   rss                  swap\n";

static void test_header(void **state)
{
	struct ipcobj_header h;

	(void)state;
	assert_int_equal(ipcobj_parse_header(shm_header, shm_fields, 16, &h), 0);
	assert_int_equal(h.ncols, 16);
	for (int i = 0; i < 16; i++)
		assert_int_equal(h.col[i], i);
	/* A column this version does not know is skipped, not misread. */
	assert_int_equal(ipcobj_parse_header("key newfield shmid perms\n", shm_fields, 16, &h), 0);
	assert_int_equal(h.ncols, 4);
	assert_int_equal(h.col[1], -1);
	assert_int_equal(h.col[2], 1);
	assert_int_equal(ipcobj_parse_header("   \n", shm_fields, 16, &h), -EINVAL);
}

static void test_line(void **state)
{
	struct ipcobj_header h;
	int64_t v[16];

	(void)state;
	assert_int_equal(ipcobj_parse_header(shm_header, shm_fields, 16, &h), 0);
	assert_int_equal(
	    ipcobj_parse_line("1234567890          3  1600      18446744073692774399  4242     0      2     0     "
			      "0  1000  1000          0          0 1795854431                  8192     0\n",
			      &h, v, 16),
	    0);
	assert_int_equal(v[0], 1234567890);
	assert_int_equal(v[1], 3);
	assert_int_equal(v[2], 01600); /* perms are octal */
	assert_true((uint64_t)v[3] == 18446744073692774399ULL);
	assert_int_equal(v[4], 4242);
	assert_int_equal(v[6], 2);
	assert_int_equal(v[9], 1000);
	assert_int_equal(v[13], 1795854431);
	assert_int_equal(v[14], 8192);
	/* Keys are printed signed. */
	assert_int_equal(ipcobj_parse_line("-1006029964 0 644 123456 1 0 0 0 0 0 0 0 0 0 0 0\n", &h, v, 16), 0);
	assert_int_equal(v[0], -1006029964);
	assert_int_equal(v[2], 0644);
	/* Short and malformed lines are refused, not half-read. */
	assert_int_equal(ipcobj_parse_line("1 2 600\n", &h, v, 16), -EINVAL);
	assert_int_equal(ipcobj_parse_line("1 2 6x0 4 1 0 0 0 0 0 0 0 0 0 0 0\n", &h, v, 16), -EINVAL);
}

static void test_mq_text(void **state)
{
	struct ipcobj_mq mq = { 0 };

	(void)state;
	assert_int_equal(ipcobj_parse_mq_text("QSIZE:129        NOTIFY:0     SIGNO:10    NOTIFY_PID:4242  \n", &mq), 0);
	assert_true(mq.text_known);
	assert_int_equal(mq.qsize, 129);
	assert_int_equal(mq.notify, 0);
	assert_int_equal(mq.signo, 10);
	assert_int_equal(mq.notify_pid, 4242);
	assert_int_equal(ipcobj_parse_mq_text("QSIZE:0 NOTIFY:0 SIGNO:0\n", &mq), -EINVAL);
	assert_int_equal(ipcobj_parse_mq_text("", &mq), -EINVAL);
}

static void test_human_size(void **state)
{
	static const struct {
		uint64_t bytes;
		const char *text;
	} cases[] = {
		{ 0, "0B" },         { 1023, "1023B" },       { 1024, "1K" },
		{ 1536, "1.5K" },    { 123456, "120.6K" },    { 1048576, "1M" },
		{ 10485759, "10M" }, { 2147483648ULL, "2G" }, { UINT64_MAX, "16E" },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		output_human_size(cases[i].bytes, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_mq_text),
		cmocka_unit_test(test_human_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
