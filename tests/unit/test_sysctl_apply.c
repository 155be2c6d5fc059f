/* sysctl_plan_apply through a fake /proc/sys (struct sysctl_ops): the Nth
 * write fails, and every earlier write must be put back to its old value,
 * kernel.sem as a whole; a failed restore is named; an optional setting that
 * fails leaves no error behind; *_next_id is never written back to -1. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ipcns/sysctl.h"

#define MAX_LOG 64

/* The fake: each key's text as the kernel would print it; fd = key id. */
struct fake {
	char value[SYSCTL_NKEYS][128];
	bool missing[SYSCTL_NKEYS]; /* open gives ENOENT */
	int writes;                 /* writes so far */
	int fail_write;             /* this write (1-based) fails with EINVAL; 0: none */
	int fail_key_again;         /* key whose second write (its restore) fails; -1: none */
	int key_writes[SYSCTL_NKEYS];
	int open_fds;
	struct {
		int id;
		char text[128];
	} log[MAX_LOG];
	int nlog;
};

static int fake_open(void *data, enum sysctl_id id, bool write)
{
	struct fake *f = data;

	(void)write;
	if (f->missing[id])
		return -ENOENT;
	f->open_fds++;
	return (int)id;
}

static ssize_t fake_read(void *data, int fd, char *buf, size_t size)
{
	struct fake *f = data;

	snprintf(buf, size, "%s", f->value[fd]);
	return (ssize_t)strlen(buf);
}

static int fake_write(void *data, int fd, const char *text, size_t len)
{
	struct fake *f = data;

	f->writes++;
	f->key_writes[fd]++;
	if (f->writes == f->fail_write)
		return -EINVAL;
	if (fd == f->fail_key_again && f->key_writes[fd] == 2)
		return -EIO;
	assert_true(f->nlog < MAX_LOG);
	f->log[f->nlog].id = fd;
	snprintf(f->log[f->nlog].text, sizeof(f->log[f->nlog].text), "%.*s", (int)len, text);
	f->nlog++;
	/* The kernel keeps what was written and prints sem with tabs. */
	snprintf(f->value[fd], sizeof(f->value[fd]), "%.*s\n", (int)len, text);
	for (char *p = f->value[fd]; *p; p++)
		*p = *p == ' ' ? '\t' : *p;
	return 0;
}

static void fake_close(void *data, int fd)
{
	struct fake *f = data;

	(void)fd;
	f->open_fds--;
}

/* A fresh namespace's values (DESIGN.md), as /proc/sys prints them. */
static void fake_init(struct fake *f, struct sysctl_ops *ops)
{
	memset(f, 0, sizeof(*f));
	f->fail_key_again = -1;
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = -1 };
		char text[100];

		sysctl_format_value(&ref, &sysctl_keys[id].def, "\t", text, sizeof(text));
		snprintf(f->value[id], sizeof(f->value[id]), "%s\n", text);
	}
	*ops = (struct sysctl_ops){
		.open_key = fake_open, .read = fake_read, .write = fake_write, .close = fake_close, .data = f
	};
}

static void add(struct sysctl_plan *plan, const char *pair)
{
	struct ipcns_error err = { 0 };

	assert_int_equal(sysctl_plan_add_pair(plan, pair, NULL, &err), 0);
}

/* msgmax, kernel.sem, shmmni and msg_max go in registry order; the 4th
 * write fails: the three before it are put back, newest first. */
static void test_restore_on_nth_write(void **state)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	struct sysctl_ops ops;
	struct fake f;

	(void)state;
	fake_init(&f, &ops);
	add(&plan, "fs.mqueue.msg_max=20");
	add(&plan, "shmmni=10");
	add(&plan, "msgmax=100");
	add(&plan, "semmni=7"); /* one field: the write is all four */
	f.fail_write = 4;
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), -EINVAL);
	assert_int_equal(err.kind, IPCNS_ERR_SYSTEM);
	assert_int_equal(err.code, EINVAL);
	assert_string_equal(err.msg, "fs.mqueue.msg_max: the kernel refused 20: Invalid argument");
	assert_int_equal(f.open_fds, 0);

	assert_int_equal(f.nlog, 6);
	assert_int_equal(f.log[0].id, SYSCTL_MSGMAX);
	assert_string_equal(f.log[0].text, "100");
	assert_int_equal(f.log[1].id, SYSCTL_SEM);
	assert_string_equal(f.log[1].text, "32000 1024000000 500 7");
	assert_int_equal(f.log[2].id, SYSCTL_SHMMNI);
	assert_string_equal(f.log[2].text, "10");
	/* The restores. */
	assert_int_equal(f.log[3].id, SYSCTL_SHMMNI);
	assert_string_equal(f.log[3].text, "4096");
	assert_int_equal(f.log[4].id, SYSCTL_SEM);
	assert_string_equal(f.log[4].text, "32000 1024000000 500 32000");
	assert_int_equal(f.log[5].id, SYSCTL_MSGMAX);
	assert_string_equal(f.log[5].text, "8192");
	assert_string_equal(f.value[SYSCTL_MSGMAX], "8192\n");
	assert_string_equal(f.value[SYSCTL_SEM], "32000\t1024000000\t500\t32000\n");
	assert_string_equal(f.value[SYSCTL_SHMMNI], "4096\n");
	assert_string_equal(f.value[SYSCTL_MQ_MSG_MAX], "10\n");
}

/* Whatever write fails, everything is as it was afterwards. */
static void test_restore_every_position(void **state)
{
	(void)state;
	for (int n = 1; n <= 5; n++) {
		struct sysctl_plan plan = { 0 };
		struct ipcns_error err = { 0 };
		struct sysctl_ops ops;
		struct fake f, before;

		fake_init(&f, &ops);
		before = f;
		add(&plan, "msgmax=100");
		add(&plan, "kernel.sem=-5 -6 -7 100");
		add(&plan, "shmmax=1G");
		add(&plan, "msg_next_id=9");
		add(&plan, "msgsize_default=1024");
		f.fail_write = n;
		assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), -EINVAL);
		assert_int_equal(f.writes, n + (n - 1));
		for (size_t id = 0; id < SYSCTL_NKEYS; id++)
			assert_string_equal(f.value[id], before.value[id]);
	}
}

static void test_failed_restore_is_named(void **state)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	struct sysctl_ops ops;
	struct fake f;

	(void)state;
	fake_init(&f, &ops);
	add(&plan, "msgmax=100");
	add(&plan, "kernel.sem=1 2 3 4");
	add(&plan, "shmmni=10");
	f.fail_write = 3;
	f.fail_key_again = SYSCTL_SEM;
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.shmmni: the kernel refused 10: Invalid argument; "
				     "kernel.sem could not be restored");
	/* The others were still put back. */
	assert_string_equal(f.value[SYSCTL_MSGMAX], "8192\n");
	assert_string_equal(f.value[SYSCTL_SEM], "1\t2\t3\t4\n");
}

/* Nothing to write where the value is in place; all-or-nothing success. */
static void test_apply_success(void **state)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	struct sysctl_ops ops;
	struct fake f;

	(void)state;
	fake_init(&f, &ops);
	add(&plan, "msgmax=8192");
	add(&plan, "semopm=-7");
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), 0);
	assert_int_equal(f.nlog, 1);
	assert_string_equal(f.log[0].text, "32000 1024000000 -7 32000");
	assert_string_equal(err.msg, "");
	assert_int_equal(f.open_fds, 0);
}

/* A '-KEY = VALUE' line that fails is skipped without a word: no stale
 * message for a later, successful command to print. */
static void test_optional_leaves_no_error(void **state)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	struct sysctl_ops ops;
	struct fake f;

	(void)state;
	fake_init(&f, &ops);
	assert_int_equal(sysctl_plan_add_conf(&plan,
					      "-kernel.msgmax = 100\n"
					      "-msg_next_id = -1\n"
					      "-no.such.key = 1\n"
					      "-kernel.msgmni = 99999\n"
					      "-just words\n"
					      "-shmmni = 10\n"
					      "msgmnb = 300\n",
					      "t.conf", &err),
			 0);
	assert_string_equal(err.msg, "");
	assert_int_equal(err.kind, IPCNS_ERR_NONE);
	f.missing[SYSCTL_SHMMNI] = true;                                  /* fails at open */
	f.fail_write = 1;                                                 /* msgmax, the first write, fails */
	snprintf(f.value[SYSCTL_MSG_NEXT_ID], sizeof(f.value[0]), "5\n"); /* cannot go back to -1 */
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), 0);
	assert_string_equal(err.msg, "");
	assert_string_equal(err.hint, "");
	assert_int_equal(err.kind, IPCNS_ERR_NONE);
	assert_string_equal(f.value[SYSCTL_MSGMNB], "300\n");
	assert_string_equal(f.value[SYSCTL_MSGMAX], "8192\n");
	assert_int_equal(f.open_fds, 0);
}

/* -1 means "unset": the kernel takes it only where it already is. */
static void test_next_id_unset(void **state)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	struct sysctl_ops ops;
	struct fake f;

	(void)state;
	fake_init(&f, &ops);
	add(&plan, "msgmax=100");
	add(&plan, "kernel.sem_next_id=-1");
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), 0); /* it is -1 already */
	assert_int_equal(f.nlog, 1);

	fake_init(&f, &ops);
	snprintf(f.value[SYSCTL_SEM_NEXT_ID], sizeof(f.value[0]), "42\n");
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.sem_next_id: cannot be set back to -1 (unset); it is 42");
	assert_int_equal(f.writes, 0); /* refused before the first write */
	assert_int_equal(f.open_fds, 0);
}

static void test_missing_key(void **state)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	struct sysctl_ops ops;
	struct sysctl_value v;
	struct fake f;

	(void)state;
	fake_init(&f, &ops);
	f.missing[SYSCTL_MQ_MSGSIZE_DEFAULT] = true;
	assert_int_equal(sysctl_read_ops(&ops, SYSCTL_MQ_MSGSIZE_DEFAULT, &v, &err), -ENOENT);
	assert_string_equal(err.msg, "fs.mqueue.msgsize_default: this kernel does not have it "
				     "(no /proc/sys/fs/mqueue/msgsize_default)");
	add(&plan, "msgmax=100");
	add(&plan, "msgsize_default=1024");
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, NULL, &err), -ENOENT);
	assert_int_equal(f.writes, 0);
	snprintf(f.value[SYSCTL_MSGMAX], sizeof(f.value[0]), "12 34\n");
	assert_int_equal(sysctl_read_ops(&ops, SYSCTL_MSGMAX, &v, &err), -EIO);
	assert_string_equal(err.msg, "kernel.msgmax: unexpected value from the kernel: '12 34\n'");
}

/* A successful apply hands back what undoes it: only the keys it wrote,
 * with their old values (kernel.sem whole), and applying that puts every
 * key back as it was. */
static void test_undo_after_success(void **state)
{
	struct sysctl_plan plan = { 0 }, undo;
	struct ipcns_error err = { 0 };
	char before[SYSCTL_NKEYS][128];
	struct sysctl_ops ops;
	struct fake f;

	(void)state;
	fake_init(&f, &ops);
	add(&plan, "msgmax=100");
	add(&plan, "semmni=7");
	add(&plan, "shmmni=4096"); /* the default: in place, not written */
	memcpy(before, f.value, sizeof(before));
	assert_int_equal(sysctl_plan_apply_ops(&plan, &ops, &undo, &err), 0);
	assert_string_equal(f.value[SYSCTL_MSGMAX], "100\n");
	assert_true(undo.s[SYSCTL_MSGMAX].set);
	assert_true(undo.s[SYSCTL_SEM].set);
	assert_int_equal(undo.s[SYSCTL_SEM].fields, SYSCTL_SEM_ALL);
	assert_false(undo.s[SYSCTL_SHMMNI].set);
	assert_int_equal(sysctl_plan_apply_ops(&undo, &ops, NULL, &err), 0);
	for (size_t id = 0; id < SYSCTL_NKEYS; id++)
		assert_string_equal(f.value[id], before[id]);
	assert_int_equal(f.open_fds, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_restore_on_nth_write),
		cmocka_unit_test(test_restore_every_position),
		cmocka_unit_test(test_failed_restore_is_named),
		cmocka_unit_test(test_apply_success),
		cmocka_unit_test(test_optional_leaves_no_error),
		cmocka_unit_test(test_next_id_unset),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_undo_after_success),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
