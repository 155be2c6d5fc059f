/* -S, -G and --caps: parsing, name resolution, ID maps. Only root and nobody
 * are assumed to exist in the user database (Debian has both). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ipcns/commands.h"
#include "ipcns/creds.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define BIT(n)  (UINT64_C(1) << (n))

static void test_caps_list(void **state)
{
	struct ipcns_error err = { 0 };
	uint64_t caps = 99;

	(void)state;
	assert_int_equal(creds_parse_caps("cap_ipc_lock,cap_ipc_owner", &caps, &err), 0);
	assert_true(caps == (BIT(14) | BIT(15)));
	assert_int_equal(creds_parse_caps("CAP_IPC_LOCK", &caps, &err), 0); /* libcap ignores case */
	assert_true(caps == BIT(14));
	assert_int_equal(creds_parse_caps("cap_ipc_lock,cap_ipc_lock", &caps, &err), 0);
	assert_true(caps == BIT(14));
	assert_int_equal(creds_parse_caps("none", &caps, &err), 0);
	assert_true(caps == 0);
	assert_int_equal(creds_parse_caps("cap_chown", &caps, &err), 0);
	assert_true(caps == BIT(0));
}

static void test_caps_list_refused(void **state)
{
	static const struct {
		const char *list, *said;
	} bad[] = {
		{ "", "empty" },
		{ "cap_foo", "cap_foo: unknown capability" },
		{ "cap_ipc_lock,cap_foo", "cap_foo: unknown" },
		{ "14", "14: unknown" }, /* names only: libcap would take numbers */
		{ "ipc_lock", "ipc_lock: unknown" },
		{ "cap_", "unknown" },
		{ "cap_ipc_lock ", "unknown" }, /* libcap would ignore the blank */
		{ " cap_ipc_lock", "unknown" },
		{ "cap_ipc_lock,", "empty item" },
		{ ",cap_ipc_lock", "empty item" },
		{ "cap_ipc_lock,,cap_chown", "empty item" },
		{ "none,cap_ipc_lock", "'none' stands alone" },
		{ "cap_ipc_lock,none", "'none' stands alone" },
		{ "all", "unknown" },
	};
	struct ipcns_error err;
	uint64_t caps = 7;
	char longname[5000];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(creds_parse_caps(bad[i].list, &caps, &err), -EINVAL);
		assert_int_equal(err.kind, IPCNS_ERR_USAGE);
		assert_non_null(strstr(err.msg, bad[i].said));
		assert_true(strncmp(err.msg, "--caps", 6) == 0);
	}
	assert_true(caps == 7); /* untouched on error */

	memcpy(longname, "cap_", 4);
	memset(longname + 4, 'x', sizeof(longname) - 5);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(creds_parse_caps(longname, &caps, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "...: unknown capability")); /* shortened, not 5000 bytes */
}

static void test_map_contains(void **state)
{
	(void)state;
	assert_true(creds_map_contains("         0          0 4294967295\n", 0));
	assert_true(creds_map_contains("         0          0 4294967295\n", 65534));
	assert_true(creds_map_contains("         0          0 4294967295\n", 4294967294U));
	assert_false(creds_map_contains("         0          0 4294967295\n", 4294967295U));
	assert_true(creds_map_contains("0 1000 1", 0));
	assert_false(creds_map_contains("0 1000 1", 1));
	assert_false(creds_map_contains("0 1000 1", 1000)); /* the outside ID means nothing inside */
	assert_true(creds_map_contains("0 1000 1\n1 100000 65536\n", 65536));
	assert_false(creds_map_contains("0 1000 1\n1 100000 65536\n", 65537));
	assert_false(creds_map_contains("", 0));
	assert_false(creds_map_contains(NULL, 0));
	assert_false(creds_map_contains("0 0", 0));
	assert_false(creds_map_contains("0 0 1 junk\n", 0));
	assert_false(creds_map_contains("0 0 99999999999\n", 0)); /* past 32 bits */
	assert_false(creds_map_contains("-1 0 5\n", 0));
}

static void plan_with(struct creds_plan *c, const char *user, const char *group)
{
	struct ipcns_error err = { 0 };

	*c = (struct creds_plan){ 0 };
	if (user)
		assert_int_equal(creds_set_user(c, user, &err), 0);
	if (group)
		assert_int_equal(creds_set_group(c, group, &err), 0);
}

static bool has_group(const struct creds_plan *c, gid_t g)
{
	for (size_t i = 0; i < c->ngroups; i++)
		if (c->groups[i] == g)
			return true;
	return false;
}

static void test_resolve(void **state)
{
	struct ipcns_error err = { 0 };
	struct creds_plan c;

	(void)state;
	plan_with(&c, NULL, NULL);
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_false(creds_requested(&c)); /* nothing asked: launch does no work */
	creds_plan_free(&c);

	/* A name brings its primary group and groups, and no capabilities. */
	plan_with(&c, "nobody", NULL);
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_true(c.set_uid && c.set_gid && c.set_groups && c.set_caps);
	assert_int_equal(c.uid, 65534);
	assert_true(has_group(&c, c.gid));
	assert_true(c.caps == 0);
	creds_plan_free(&c);

	/* So does a UID that has an entry. */
	plan_with(&c, "0", NULL);
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_int_equal(c.uid, 0);
	assert_int_equal(c.gid, 0);
	assert_true(has_group(&c, 0));
	creds_plan_free(&c);

	/* -G replaces the group and clears the others. */
	plan_with(&c, "nobody", "root");
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_int_equal(c.uid, 65534);
	assert_int_equal(c.gid, 0);
	assert_true(c.set_groups);
	assert_int_equal(c.ngroups, 0);
	creds_plan_free(&c);

	/* IDs with -G need no entry at all. */
	plan_with(&c, "4294967294", "4294967294");
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_int_equal(c.uid, 4294967294U);
	assert_int_equal(c.gid, 4294967294U);
	creds_plan_free(&c);

	/* -G alone: uid and capabilities stay. */
	plan_with(&c, NULL, "0");
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_false(c.set_uid);
	assert_false(c.set_caps);
	assert_true(c.set_gid && c.set_groups);
	creds_plan_free(&c);
}

static void test_resolve_refused(void **state)
{
	static const struct {
		const char *user, *group, *said;
	} bad[] = {
		{ "ipcns-no-such-user", NULL, "--setuid ipcns-no-such-user: no such user" },
		{ NULL, "ipcns-no-such-group", "--setgid ipcns-no-such-group: no such group" },
		{ "", NULL, "--setuid: empty" },
		{ NULL, "", "--setgid: empty" },
		{ "4294967295", "0", "not a valid ID" }, /* (uid_t)-1 means "unchanged" */
		{ "0", "4294967295", "not a valid ID" },
		{ "18446744073709551616", "0", "not a valid ID" },
		{ "4294967294", NULL, "add --setgid" }, /* no entry: no group to take */
	};
	struct ipcns_error err;
	struct creds_plan c;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		plan_with(&c, bad[i].user, bad[i].group);
		assert_int_equal(creds_resolve(&c, &err), -EINVAL);
		assert_int_equal(err.kind, IPCNS_ERR_USAGE);
		if (!strstr(err.msg, bad[i].said))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, bad[i].said);
		creds_plan_free(&c);
	}
}

static void test_check_mapped(void **state)
{
	struct ipcns_error err = { 0 };
	struct creds_plan c;

	(void)state;
	plan_with(&c, "nobody", NULL);
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_int_equal(creds_check_mapped(&c, "0 0 4294967295", "0 0 4294967295", true, "here", &err), 0);
	assert_int_equal(creds_check_mapped(&c, "0 1000 1", "0 0 4294967295", true, "there", &err), -EINVAL);
	assert_string_equal(err.msg, "--setuid nobody: UID 65534 is not mapped in there");
	assert_int_equal(creds_check_mapped(&c, "0 0 4294967295", "0 1000 1", false, "there", &err), -EINVAL);
	assert_non_null(strstr(err.msg, "its group 65534 is not mapped"));
	creds_plan_free(&c);

	plan_with(&c, "0", "5");
	assert_int_equal(creds_resolve(&c, &err), 0);
	assert_int_equal(creds_check_mapped(&c, "0 1000 1", "0 1000 1", true, "the user namespace of -r", &err),
			 -EINVAL);
	assert_string_equal(err.msg, "--setgid 5: GID 5 is not mapped in the user namespace of -r");
	creds_plan_free(&c);

	/* Nothing to check when nothing changes. */
	plan_with(&c, NULL, NULL);
	assert_int_equal(creds_check_mapped(&c, "", "", true, "x", &err), 0);
	creds_plan_free(&c);
}

static void test_launch_options(void **state)
{
	const char *argv[] = { "run",    "-S",           "nobody",         "-G", "root",
			       "--caps", "cap_ipc_lock", "--no-new-privs", "--", "true" };
	const char *bad[] = { "run", "-r", "-S", "nobody", "--", "true" };
	struct ipcns_error err = { 0 };
	struct launch_plan plan;

	(void)state;
	launch_plan_init(&plan);
	assert_int_equal(launch_parse(false, ARGC(argv), argv, &plan, &err), 0);
	assert_true(plan.creds.set_uid);
	assert_int_equal(plan.creds.uid, 65534);
	assert_int_equal(plan.creds.gid, 0);
	assert_true(plan.creds.caps == BIT(14));
	assert_true(plan.creds.no_new_privs);
	assert_string_equal(plan.argv[0], "true");
	launch_plan_free(&plan);

	/* -r maps only 0: refused while parsing, before any namespace exists. */
	launch_plan_init(&plan);
	assert_int_equal(launch_parse(false, ARGC(bad), bad, &plan, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "--setuid nobody: UID 65534 is not mapped in the user namespace of -r"));
	launch_plan_free(&plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_list),       cmocka_unit_test(test_caps_list_refused),
		cmocka_unit_test(test_map_contains),    cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_resolve_refused), cmocka_unit_test(test_check_mapped),
		cmocka_unit_test(test_launch_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
