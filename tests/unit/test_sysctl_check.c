/* sysctl_check_limits: the pairs of limits where one makes the other
 * useless (each verified against the kernel on 6.18), and none in a new
 * namespace's defaults. sysctl_plan_result: a plan over a base. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ipcns/sysctl.h"

#define PAGE 4096

static void defaults(struct sysctl_value v[SYSCTL_NKEYS])
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++)
		v[id] = sysctl_keys[id].def;
}

/* The values after "KEY=VALUE" pairs over the defaults. */
static void after(struct sysctl_value v[SYSCTL_NKEYS], const char *const *pairs)
{
	struct sysctl_value base[SYSCTL_NKEYS];
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };

	defaults(base);
	for (; *pairs; pairs++)
		assert_int_equal(sysctl_plan_add_pair(&plan, *pairs, NULL, &err), 0);
	sysctl_plan_result(&plan, base, v);
}

/* The one warning the pairs give. */
static const struct sysctl_warning *one(const char *const *pairs)
{
	static struct sysctl_warning w[8];
	struct sysctl_value v[SYSCTL_NKEYS];

	after(v, pairs);
	assert_int_equal(sysctl_check_limits(v, PAGE, w, 8), 1);
	return &w[0];
}

static size_t count(const char *const *pairs)
{
	struct sysctl_value v[SYSCTL_NKEYS];

	after(v, pairs);
	return sysctl_check_limits(v, PAGE, NULL, 0);
}

static void test_defaults_are_fine(void **state)
{
	struct sysctl_value v[SYSCTL_NKEYS];

	(void)state;
	defaults(v);
	assert_int_equal(sysctl_check_limits(v, PAGE, NULL, 0), 0);
	assert_int_equal(sysctl_check_limits(v, 65536, NULL, 0), 0);
}

static void test_msg(void **state)
{
	const struct sysctl_warning *w;

	(void)state;
	/* README's old example: msgmax=64K alone. */
	w = one((const char *[]){ "msgmax=64K", NULL });
	assert_int_equal(w->key, SYSCTL_MSGMAX);
	assert_int_equal(w->other, SYSCTL_MSGMNB);
	assert_string_equal(w->msg, "kernel.msgmax 65536 is above kernel.msgmnb 16384: a new queue holds at most "
				    "16384 bytes, so a larger message can never be sent; raise kernel.msgmnb too");
	assert_int_equal(count((const char *[]){ "msgmax=64K", "msgmnb=64K", NULL }), 0);
	assert_int_equal(count((const char *[]){ "msgmnb=100", "msgmax=100", NULL }), 0);
	assert_int_equal(count((const char *[]){ "msgmnb=100", NULL }), 1);
}

static void test_sem(void **state)
{
	const struct sysctl_warning *w;

	(void)state;
	w = one((const char *[]){ "kernel.sem=100 50 32 128", NULL });
	assert_int_equal(w->key, SYSCTL_SEM);
	assert_string_equal(w->msg, "kernel.sem: semmsl 100 is above semmns 50: a set of more than 50 semaphores "
				    "can never be made");
	w = one((const char *[]){ "semmsl=-5", NULL });
	assert_string_equal(w->msg, "kernel.sem: semmsl is -5: no semaphore set can be made (semget: EINVAL)");
	w = one((const char *[]){ "semmns=0", NULL });
	assert_string_equal(w->msg, "kernel.sem: semmns is 0: no semaphore set can be made (semget: ENOSPC)");
	w = one((const char *[]){ "semopm=0", NULL });
	assert_string_equal(w->msg, "kernel.sem: semopm is 0: every semop() call fails (E2BIG)");
	assert_int_equal(count((const char *[]){ "kernel.sem=-5 -6 -7 100", NULL }), 3);
	assert_int_equal(count((const char *[]){ "kernel.sem=50 50 1 0", NULL }), 0); /* semmni 0: a choice */
}

static void test_shm(void **state)
{
	struct sysctl_value v[SYSCTL_NKEYS];
	const struct sysctl_warning *w;

	(void)state;
	w = one((const char *[]){ "shmall=10", "shmmax=40961", NULL });
	assert_int_equal(w->key, SYSCTL_SHMMAX);
	assert_int_equal(w->other, SYSCTL_SHMALL);
	assert_string_equal(w->msg, "kernel.shmmax 40961 is above kernel.shmall 10 pages (40960 bytes): no segment "
				    "can be larger than that; raise kernel.shmall too");
	assert_int_equal(count((const char *[]){ "shmall=10", "shmmax=40960", NULL }), 0);
	/* shmall pages that overflow 64 bits in bytes hold anything. */
	assert_int_equal(count((const char *[]){ "shmall=18446744073709551615", "shmmax=18446744073709551615", NULL }),
			 0);
	after(v, (const char *[]){ "shmall=10", "shmmax=40961", NULL });
	assert_int_equal(sysctl_check_limits(v, 65536, NULL, 0), 0); /* 64 KiB pages */
}

static void test_mqueue(void **state)
{
	const struct sysctl_warning *w;

	(void)state;
	w = one((const char *[]){ "msg_max=5", NULL });
	assert_int_equal(w->key, SYSCTL_MQ_MSG_DEFAULT);
	assert_int_equal(w->other, SYSCTL_MQ_MSG_MAX);
	assert_string_equal(w->msg, "fs.mqueue.msg_default 10 is above fs.mqueue.msg_max 5: a queue made without "
				    "attributes gets 5 messages");
	w = one((const char *[]){ "msgsize_default=2K", "msgsize_max=1K", NULL });
	assert_int_equal(w->key, SYSCTL_MQ_MSGSIZE_DEFAULT);
	assert_string_equal(w->msg, "fs.mqueue.msgsize_default 2048 is above fs.mqueue.msgsize_max 1024: a queue "
				    "made without attributes gets 1024-byte messages");
	assert_int_equal(count((const char *[]){ "msg_max=20", "msg_default=20", NULL }), 0);
}

/* All at once, in registry order; out may be short. */
static void test_many(void **state)
{
	const char *const pairs[] = { "msgsize_max=1K",     "msg_max=1", "shmall=1", "shmmax=1M",
				      "kernel.sem=9 8 7 6", "msgmax=1M", NULL };
	struct sysctl_value v[SYSCTL_NKEYS];
	struct sysctl_warning w[3];

	(void)state;
	after(v, pairs);
	assert_int_equal(sysctl_check_limits(v, PAGE, w, 3), 5);
	assert_int_equal(w[0].key, SYSCTL_MSGMAX);
	assert_int_equal(w[1].key, SYSCTL_SEM);
	assert_int_equal(w[2].key, SYSCTL_SHMMAX);
}

/* A plan over a base: set keys replace, sem fields one by one. */
static void test_plan_result(void **state)
{
	struct sysctl_value base[SYSCTL_NKEYS], v[SYSCTL_NKEYS];
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };

	(void)state;
	defaults(base);
	base[SYSCTL_MSGMNB].i[0] = 777;
	assert_int_equal(sysctl_plan_add_pair(&plan, "semopm=9", NULL, &err), 0);
	assert_int_equal(sysctl_plan_add_pair(&plan, "msgmax=5", NULL, &err), 0);
	sysctl_plan_result(&plan, base, v);
	assert_int_equal(v[SYSCTL_MSGMAX].i[0], 5);
	assert_int_equal(v[SYSCTL_MSGMNB].i[0], 777);
	assert_int_equal(v[SYSCTL_SEM].i[0], 32000);
	assert_int_equal(v[SYSCTL_SEM].i[2], 9);
	assert_int_equal(v[SYSCTL_SEM].i[3], 32000);
	assert_true(v[SYSCTL_SHMMAX].u == sysctl_keys[SYSCTL_SHMMAX].def.u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_fine),
		cmocka_unit_test(test_msg),
		cmocka_unit_test(test_sem),
		cmocka_unit_test(test_shm),
		cmocka_unit_test(test_mqueue),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_plan_result),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
