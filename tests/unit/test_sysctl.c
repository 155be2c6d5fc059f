/* The limits registry: key names, value parsing, sysctl.conf text, plans,
 * and run/enter's -s, -f and -i. Nothing here touches /proc/sys: lookup
 * and parsing are pure. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ipcns/cleanup.h"
#include "ipcns/commands.h"
#include "ipcns/sysctl.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void test_registry(void **state)
{
	(void)state;
	assert_int_equal(SYSCTL_NKEYS, 17);
	for (size_t i = 0; i < SYSCTL_NKEYS; i++) {
		const struct sysctl_key *k = &sysctl_keys[i];
		const struct sysctl_ref ref = { .id = (enum sysctl_id)i, .field = -1 };
		char path[64], def[64];
		struct ipcns_error err = { 0 };
		struct sysctl_value v = { 0 };

		assert_non_null(k->name);
		assert_non_null(k->description);
		/* The path is the name with dots as slashes. */
		snprintf(path, sizeof(path), "%s", k->name);
		for (char *p = path; *p; p++)
			*p = *p == '.' ? '/' : *p;
		assert_string_equal(k->path, path);
		/* The default is itself a valid value, and reads back as itself. */
		sysctl_format_value(&ref, &k->def, " ", def, sizeof(def));
		assert_int_equal(sysctl_parse_value(&ref, def, &v, &err), 0);
		assert_true(sysctl_value_equal(&ref, &v, &k->def));
		/* Short names are unique across the set. */
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(strrchr(k->name, '.'), strrchr(sysctl_keys[j].name, '.'));
	}
}

static void test_lookup(void **state)
{
	struct ipcns_error err = { 0 };
	struct sysctl_ref ref;

	(void)state;
	assert_int_equal(sysctl_lookup("kernel.msgmax", &ref, &err), 0);
	assert_int_equal(ref.id, SYSCTL_MSGMAX);
	assert_int_equal(ref.field, -1);
	assert_int_equal(sysctl_lookup("kernel/msgmnb", &ref, &err), 0);
	assert_int_equal(ref.id, SYSCTL_MSGMNB);
	assert_int_equal(sysctl_lookup("fs/mqueue/msg_max", &ref, &err), 0);
	assert_int_equal(ref.id, SYSCTL_MQ_MSG_MAX);
	assert_int_equal(sysctl_lookup("msg_max", &ref, &err), 0);
	assert_int_equal(ref.id, SYSCTL_MQ_MSG_MAX);
	assert_int_equal(sysctl_lookup("msgmax", &ref, &err), 0);
	assert_int_equal(ref.id, SYSCTL_MSGMAX);
	assert_int_equal(sysctl_lookup("semmni", &ref, &err), 0);
	assert_int_equal(ref.id, SYSCTL_SEM);
	assert_int_equal(ref.field, 3);
	assert_string_equal(sysctl_ref_name(&ref), "semmni");

	assert_int_equal(sysctl_lookup("msgmx", &ref, &err), -EINVAL);
	assert_int_equal(err.kind, IPCNS_ERR_USAGE);
	assert_string_equal(err.msg, "msgmx: unknown key; did you mean msgmax?");
	assert_int_equal(sysctl_lookup("kernel.shmmaxx", &ref, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.shmmaxx: unknown key; did you mean kernel.shmmax?");
	assert_int_equal(sysctl_lookup("completely-different", &ref, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "unknown key (see 'ipcns get --keys')"));
	assert_int_equal(sysctl_lookup("", &ref, &err), -EINVAL);
	assert_int_equal(sysctl_lookup("kernel..msgmax", &ref, &err), -EINVAL);
	/* A sysctl of another kind is named as such, by its name alone. */
	assert_int_equal(sysctl_lookup("kernel.hostname", &ref, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "kernel.hostname: not a limit of an IPC namespace"));
	assert_int_equal(sysctl_lookup("kernel/hostname", &ref, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "not a limit of an IPC namespace"));
	assert_int_equal(sysctl_lookup("net.ipv4.ip_forward", &ref, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "net.ipv4.ip_forward: not a limit of an IPC namespace"));
	/* ... but a name in an IPC family is a typo, and a path is no name. */
	assert_int_equal(sysctl_lookup("fs.mqueue.nothing_like_it", &ref, &err), -EINVAL);
	assert_null(strstr(err.msg, "not a limit"));
	assert_int_equal(sysctl_lookup("../../etc/passwd", &ref, &err), -EINVAL);
	assert_null(strstr(err.msg, "not a limit"));
	assert_int_equal(sysctl_lookup("net..ipv4", &ref, &err), -EINVAL);
	assert_null(strstr(err.msg, "not a limit"));
	/* A field under its key's name means the field. */
	assert_int_equal(sysctl_lookup("kernel.sem.semmni", &ref, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.sem.semmni: unknown key; did you mean semmni?");
	assert_int_equal(sysctl_lookup("kernel/sem/semopm", &ref, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel/sem/semopm: unknown key; did you mean semopm?");
}

/* Parse text for name; return the error (0) and leave the value in *v. */
static int parse(const char *name, const char *text, struct sysctl_value *v, struct ipcns_error *err)
{
	struct sysctl_ref ref;

	memset(v, 0, sizeof(*v));
	memset(err, 0, sizeof(*err));
	assert_int_equal(sysctl_lookup(name, &ref, err), 0);
	return sysctl_parse_value(&ref, text, v, err);
}

static void test_values(void **state)
{
	struct ipcns_error err;
	struct sysctl_value v;
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

	(void)state;
	assert_int_equal(parse("msgmax", "010", &v, &err), 0);
	assert_int_equal(v.i[0], 10); /* decimal: the kernel would have read 8 */
	assert_int_equal(parse("msgmax", "64K", &v, &err), 0);
	assert_int_equal(v.i[0], 65536);
	assert_int_equal(parse("msgmax", "2147483647", &v, &err), 0);
	assert_int_equal(parse("msgmax", "2G", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.msgmax: 2G is out of range 0..2147483647 bytes");
	assert_int_equal(parse("msgmax", "-1", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.msgmax: -1 is out of range 0..2147483647 bytes");
	assert_int_equal(parse("msgmax", "+1", &v, &err), -EINVAL);
	assert_int_equal(parse("msgmax", "1 ", &v, &err), -EINVAL);
	assert_int_equal(parse("msgmax", "0x10", &v, &err), -EINVAL);
	assert_int_equal(parse("msgmax", "12abc", &v, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "kernel.msgmax: '12abc' is not a number"));
	assert_int_equal(parse("msgmax", "", &v, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "kernel.msgmax: empty value"));
	assert_int_equal(parse("msgmni", "32768", &v, &err), 0);
	assert_int_equal(parse("msgmni", "32769", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.msgmni: 32769 is out of range 0..32768");
	assert_int_equal(parse("msgmni", "4K", &v, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "takes no size suffix"));
	assert_int_equal(parse("shmmax", "18446744073709551615", &v, &err), 0);
	assert_true(v.u == UINT64_MAX);
	assert_int_equal(parse("shmmax", "18446744073709551616", &v, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "out of range"));
	assert_int_equal(parse("shmmax", "16777216T", &v, &err), -EINVAL); /* 2^64: overflows */
	/* shmall counts pages; a size becomes pages, rounded up. */
	assert_int_equal(parse("shmall", "1000", &v, &err), 0);
	assert_true(v.u == 1000);
	assert_int_equal(parse("shmall", "1G", &v, &err), 0);
	assert_true(v.u == (1ULL << 30) / page);
	assert_int_equal(parse("shmall", "1K", &v, &err), 0);
	assert_true(v.u == 1);
	assert_int_equal(parse("shm_rmid_forced", "2", &v, &err), -EINVAL);
	assert_int_equal(parse("auto_msgmni", "1", &v, &err), -EINVAL);
	assert_int_equal(parse("auto_msgmni", "0", &v, &err), 0);
	/* *_next_id: -1 (unset) is the only negative. */
	assert_int_equal(parse("msg_next_id", "-1", &v, &err), 0);
	assert_int_equal(v.i[0], -1);
	assert_int_equal(parse("msg_next_id", "-2", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.msg_next_id: -2 is out of range -1..2147483647");
	/* queues_max is any int. */
	assert_int_equal(parse("queues_max", "-2147483648", &v, &err), 0);
	assert_int_equal(parse("queues_max", "-2147483649", &v, &err), -EINVAL);
	assert_int_equal(parse("msg_max", "0", &v, &err), -EINVAL);
	assert_int_equal(parse("msg_max", "65536", &v, &err), 0);
	assert_int_equal(parse("msgsize_max", "127", &v, &err), -EINVAL);
	assert_int_equal(parse("msgsize_max", "16M", &v, &err), 0);
	assert_int_equal(parse("msgsize_default", "16777217", &v, &err), -EINVAL);
}

static void test_sem(void **state)
{
	struct ipcns_error err;
	struct sysctl_value v;

	(void)state;
	assert_int_equal(parse("kernel.sem", "250 32000 32 128", &v, &err), 0);
	assert_int_equal(v.i[0], 250);
	assert_int_equal(v.i[3], 128);
	assert_int_equal(parse("kernel.sem", " 250\t32000  32 128 ", &v, &err), 0);
	assert_int_equal(parse("kernel.sem", "250 32000 32", &v, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "kernel.sem: '250 32000 32': expected four numbers"));
	assert_int_equal(parse("kernel.sem", "1 2 3 4 5", &v, &err), -EINVAL);
	assert_int_equal(parse("kernel.sem", "1 2 3 32769", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.sem: semmni: 32769 is out of range 0..32768");
	/* The kernel takes any int in the first three fields, negatives too
	 * (so 'ipcns get' may print them and -f must read them back). */
	assert_int_equal(parse("kernel.sem", "-5 -6 -7 100", &v, &err), 0);
	assert_int_equal(v.i[0], -5);
	assert_int_equal(v.i[2], -7);
	assert_int_equal(parse("kernel.sem", "-2147483648 2147483647 0 0", &v, &err), 0);
	assert_int_equal(parse("kernel.sem", "-2147483649 1 1 1", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.sem: semmsl: -2147483649 is out of range -2147483648..2147483647");
	assert_int_equal(parse("kernel.sem", "1 2 3 -1", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.sem: semmni: -1 is out of range 0..32768");
	assert_int_equal(parse("semopm", "-7", &v, &err), 0);
	assert_int_equal(v.i[2], -7);
	assert_int_equal(parse("semmni", "-1", &v, &err), -EINVAL);
	assert_int_equal(parse("semmni", "32769", &v, &err), -EINVAL);
	assert_string_equal(err.msg, "semmni: 32769 is out of range 0..32768");
	assert_int_equal(parse("semopm", "100", &v, &err), 0);
	assert_int_equal(v.i[2], 100);
}

static void test_plan_and_merge(void **state)
{
	struct sysctl_plan file = { 0 }, args = { 0 };
	struct ipcns_error err = { 0 };
	const struct sysctl_setting *sem = &file.s[SYSCTL_SEM];

	(void)state;
	assert_true(sysctl_plan_empty(&file));
	assert_int_equal(sysctl_plan_add_pair(&file, "msgmax=100", NULL, &err), 0);
	assert_int_equal(sysctl_plan_add_pair(&file, "msgmax=200", NULL, &err), 0); /* later wins */
	assert_int_equal(file.s[SYSCTL_MSGMAX].value.i[0], 200);
	assert_int_equal(sysctl_plan_add_pair(&file, "semmni=7", NULL, &err), 0);
	assert_int_equal(sem->fields, 1U << 3);
	assert_int_equal(sysctl_plan_add_pair(&file, "semmsl", "-s", &err), -EINVAL);
	assert_string_equal(err.msg, "-s: 'semmsl': expected KEY=VALUE, e.g. kernel.msgmax=65536");
	/* A failed pair changes nothing. */
	assert_int_equal(sysctl_plan_add_pair(&file, "msgmax=1x", NULL, &err), -EINVAL);
	assert_int_equal(file.s[SYSCTL_MSGMAX].value.i[0], 200);

	assert_int_equal(sysctl_plan_add_pair(&args, "msgmax=300", NULL, &err), 0);
	assert_int_equal(sysctl_plan_add_pair(&args, "semmsl=5", NULL, &err), 0);
	sysctl_plan_merge(&file, &args);
	assert_int_equal(file.s[SYSCTL_MSGMAX].value.i[0], 300);
	assert_int_equal(sem->fields, (1U << 0) | (1U << 3));
	assert_int_equal(sem->value.i[0], 5);
	assert_int_equal(sem->value.i[3], 7);
	assert_false(file.s[SYSCTL_SHMMAX].set);
}

static void test_conf(void **state)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	const char *text = "# a comment\n"
			   "; another\n"
			   "\n"
			   "   kernel.msgmax = 4096   \n"
			   "kernel/msgmnb=9000\r\n"
			   "fs/mqueue/msg_max\t=\t20\n"
			   "kernel.sem = 250 32000 32 128\n"
			   "-net.ipv4.ip_forward = 1\n"
			   "-kernel.msgmni = 999999\n"
			   "-no such line\n"
			   "-no.such.key = 3\n";

	(void)state;
	assert_int_equal(sysctl_plan_add_conf(&plan, text, "t.conf", &err), 0);
	assert_int_equal(plan.s[SYSCTL_MSGMAX].value.i[0], 4096);
	assert_int_equal(plan.s[SYSCTL_MSGMNB].value.i[0], 9000);
	assert_int_equal(plan.s[SYSCTL_MQ_MSG_MAX].value.i[0], 20);
	assert_int_equal(plan.s[SYSCTL_SEM].value.i[1], 32000);
	assert_false(plan.s[SYSCTL_MSGMNI].set); /* its '-' line failed and was dropped */

	assert_int_equal(sysctl_plan_add_conf(&plan, "\n# x\nkernel.msgmni = 99999\n", "t.conf", &err), -EINVAL);
	assert_string_equal(err.msg, "t.conf:3: kernel.msgmni: 99999 is out of range 0..32768");
	assert_int_equal(sysctl_plan_add_conf(&plan, "kernel.msgmax 4096\n", "t.conf", &err), -EINVAL);
	assert_string_equal(err.msg, "t.conf:1: 'kernel.msgmax 4096': expected KEY = VALUE");
	assert_int_equal(sysctl_plan_add_conf(&plan, "msgmx = 1\n", "t.conf", &err), -EINVAL);
	assert_string_equal(err.msg, "t.conf:1: msgmx: unknown key; did you mean msgmax?");
}

/* A message repeats at most 40 bytes of what the user wrote, so that a
 * 4096-byte argument cannot crowd out the accepted form at its end. */
static void test_long_text(void **state)
{
	char value[4097], pair[4200], line[4210];
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	struct sysctl_value v;

	(void)state;
	memset(value, '7', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	assert_int_equal(parse("msgmax", value, &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.msgmax: 7777777777777777777777777777777777777777... is out of range "
				     "0..2147483647 bytes");
	value[100] = 'x';
	assert_int_equal(parse("msgmni", value, &v, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.msgmni: '7777777777777777777777777777777777777777...' is not a number; "
				     "expected a decimal number in 0..32768");
	snprintf(pair, sizeof(pair), "msgmax%s", value);
	assert_int_equal(sysctl_plan_add_pair(&plan, pair, "--sysctl", &err), -EINVAL);
	assert_string_equal(err.msg, "--sysctl: 'msgmax7777777777777777777777777777777777...': expected KEY=VALUE, "
				     "e.g. kernel.msgmax=65536");
	assert_int_equal(sysctl_plan_add_pair(&plan, "", "--sysctl", &err), -EINVAL);
	assert_string_equal(err.msg, "--sysctl: '': expected KEY=VALUE, e.g. kernel.msgmax=65536");
	snprintf(line, sizeof(line), "\n%s\n", pair);
	assert_int_equal(sysctl_plan_add_conf(&plan, line, "t.conf", &err), -EINVAL);
	assert_string_equal(err.msg, "t.conf:2: 'msgmax7777777777777777777777777777777777...': expected KEY = VALUE");
	assert_true(sysctl_plan_empty(&plan));
}

/* kernel.sem is one write however many lines feed it: it may be skipped on
 * failure (a '-' line) only if every line that feeds it is a '-' line, or a
 * plain line before a '-' one would be dropped without a word. */
static bool sem_optional_after(const char *text)
{
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };

	assert_int_equal(sysctl_plan_add_conf(&plan, text, "t.conf", &err), 0);
	assert_true(plan.s[SYSCTL_SEM].set);
	return plan.s[SYSCTL_SEM].optional;
}

static void test_conf_optional_fields(void **state)
{
	struct sysctl_plan file = { 0 }, args = { 0 };
	struct ipcns_error err = { 0 };

	(void)state;
	assert_false(sem_optional_after("kernel.sem = 1 2 3 4\n-semmni = 5\n"));
	assert_false(sem_optional_after("semmsl = 1\n-semmni = 5\n"));
	assert_false(sem_optional_after("-semmsl = 1\nsemmni = 5\n"));
	assert_false(sem_optional_after("-kernel.sem = 1 2 3 4\nsemmni = 5\n"));
	assert_true(sem_optional_after("-semmsl = 1\n-semmni = 5\n"));
	assert_true(sem_optional_after("-kernel.sem = 1 2 3 4\n-semmni = 5\n"));
	/* A line that replaces all that came before decides alone. */
	assert_true(sem_optional_after("semmni = 1\n-semmni = 5\n"));
	assert_true(sem_optional_after("semmni = 1\n-kernel.sem = 1 2 3 4\n"));
	assert_false(sem_optional_after("-semmni = 1\nkernel.sem = 1 2 3 4\n"));

	/* The same when -s is layered over -f. */
	assert_int_equal(sysctl_plan_add_conf(&file, "kernel.sem = 1 2 3 4\n", "t.conf", &err), 0);
	assert_int_equal(sysctl_plan_add(&args, "semmni", "5", true, &err), 0);
	sysctl_plan_merge(&file, &args);
	assert_int_equal(file.s[SYSCTL_SEM].value.i[3], 5);
	assert_false(file.s[SYSCTL_SEM].optional);
	memset(&file, 0, sizeof(file));
	assert_int_equal(sysctl_plan_add_conf(&file, "-semmsl = 1\n", "t.conf", &err), 0);
	sysctl_plan_merge(&file, &args);
	assert_true(file.s[SYSCTL_SEM].optional);
	assert_int_equal(sysctl_plan_add(&args, "semmsl", "2", false, &err), 0);
	sysctl_plan_merge(&file, &args);
	assert_false(file.s[SYSCTL_SEM].optional);
}

/* The text that 'ipcns get' prints is valid sysctl.conf input. */
static void test_get_output_is_conf(void **state)
{
	char text[4096] = "", value[128], line[256];
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };

	(void)state;
	for (size_t i = 0; i < SYSCTL_NKEYS; i++) {
		const struct sysctl_ref ref = { .id = (enum sysctl_id)i, .field = -1 };

		sysctl_format_value(&ref, &sysctl_keys[i].def, " ", value, sizeof(value));
		snprintf(line, sizeof(line), "%s = %s\n", sysctl_keys[i].name, value);
		strncat(text, line, sizeof(text) - strlen(text) - 1);
	}
	assert_int_equal(sysctl_plan_add_conf(&plan, text, "get", &err), 0);
	for (size_t i = 0; i < SYSCTL_NKEYS; i++) {
		const struct sysctl_ref ref = { .id = (enum sysctl_id)i, .field = -1 };

		assert_true(plan.s[i].set);
		assert_true(sysctl_value_equal(&ref, &plan.s[i].value, &sysctl_keys[i].def));
	}
}

/* A file of "# ..." lines, len bytes long in all. */
static void write_conf_of_size(const char *path, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (size_t n = 0; n < len; n += 64) {
		size_t chunk = len - n < 64 ? len - n : 64;

		/* '#' then spaces, '\n' last: every chunk a comment line */
		fputc('#', f);
		for (size_t i = 1; i + 1 < chunk; i++)
			fputc(' ', f);
		if (chunk > 1)
			fputc('\n', f);
	}
	assert_int_equal(fclose(f), 0);
}

/* -f takes up to 1 MiB, to the byte, and says so past it. */
static void test_conf_file_size(void **state)
{
	char path[] = "/tmp/ipcns-unit-XXXXXX", expect[256];
	_cleanup_close_ int fd = mkstemp(path);
	const size_t sizes_ok[] = { 0, 1044480, 1044481, 1048575, SYSCTL_CONF_MAX };
	struct sysctl_plan plan = { 0 };
	struct ipcns_error err = { 0 };
	FILE *f;

	(void)state;
	assert_int_equal(SYSCTL_CONF_MAX, 1048576);
	assert_true(fd >= 0);
	for (size_t i = 0; i < ARRAY_SIZE(sizes_ok); i++) {
		write_conf_of_size(path, sizes_ok[i]);
		memset(&err, 0, sizeof(err));
		assert_int_equal(sysctl_plan_add_file(&plan, path, &err), 0);
		assert_string_equal(err.msg, "");
	}
	write_conf_of_size(path, SYSCTL_CONF_MAX + 1);
	assert_int_equal(sysctl_plan_add_file(&plan, path, &err), -EINVAL);
	snprintf(expect, sizeof(expect), "%s: larger than 1048576 bytes (1 MiB); not a sysctl.conf file", path);
	assert_string_equal(err.msg, expect);
	/* The last line of a full-size file still counts. */
	write_conf_of_size(path, SYSCTL_CONF_MAX - 21);
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("kernel.msgmax = 1234\n", f); /* 21 bytes */
	assert_int_equal(fclose(f), 0);
	assert_int_equal(sysctl_plan_add_file(&plan, path, &err), 0);
	assert_int_equal(plan.s[SYSCTL_MSGMAX].value.i[0], 1234);
	unlink(path);
}

static int parse_launch(bool enter, int argc, const char **argv, struct launch_plan *plan, struct ipcns_error *err)
{
	launch_plan_init(plan);
	memset(err, 0, sizeof(*err));
	return launch_parse(enter, argc, argv, plan, err);
}

static void test_run_options(void **state)
{
	char path[] = "/tmp/ipcns-unit-XXXXXX";
	_cleanup_close_ int fd = mkstemp(path);
	const char *conf = "kernel.msgmax = 100\nkernel.msgmnb = 200\n";
	struct launch_plan plan;
	struct ipcns_error err;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, conf, strlen(conf)), (ssize_t)strlen(conf));

	/* -s wins over -f wherever it stands on the command line. */
	const char *argv[] = { "run", "-s", "msgmax=300", "-f", path, "-i", "--", "true" };
	assert_int_equal(parse_launch(false, ARGC(argv), argv, &plan, &err), 0);
	assert_true(plan.inherit);
	assert_int_equal(plan.limits.s[SYSCTL_MSGMAX].value.i[0], 300);
	assert_int_equal(plan.limits.s[SYSCTL_MSGMNB].value.i[0], 200);
	assert_string_equal(plan.argv[0], "true");
	launch_plan_free(&plan);

	const char *bad[] = { "run", "--sysctl", "msgmni=99999", "true" };
	assert_int_equal(parse_launch(false, ARGC(bad), bad, &plan, &err), -EINVAL);
	assert_string_equal(err.msg, "kernel.msgmni: 99999 is out of range 0..32768");
	launch_plan_free(&plan);

	const char *missing[] = { "run", "--sysctl-file", "/nonexistent/ipcns.conf", "true" };
	assert_int_equal(parse_launch(false, ARGC(missing), missing, &plan, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "/nonexistent/ipcns.conf: "));
	launch_plan_free(&plan);

	/* -i is run's only; -s and -f are enter's too. */
	const char *enter_i[] = { "enter", "-i", "/proc/self/ns/ipc", "true" };
	assert_int_equal(parse_launch(true, ARGC(enter_i), enter_i, &plan, &err), -EINVAL);
	launch_plan_free(&plan);
	const char *enter_s[] = { "enter", "--host", "-s", "semmni=5", "-f", path, "/proc/self/ns/ipc", "true" };
	assert_int_equal(parse_launch(true, ARGC(enter_s), enter_s, &plan, &err), 0);
	assert_int_equal(plan.limits.s[SYSCTL_SEM].fields, 1U << 3);
	assert_int_equal(plan.limits.s[SYSCTL_MSGMAX].value.i[0], 100);
	launch_plan_free(&plan);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_sem),
		cmocka_unit_test(test_plan_and_merge),
		cmocka_unit_test(test_conf),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_conf_optional_fields),
		cmocka_unit_test(test_get_output_is_conf),
		cmocka_unit_test(test_conf_file_size),
		cmocka_unit_test(test_run_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
