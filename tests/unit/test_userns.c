/* The pure parts of the user namespace plan: subuid(5) lines, and the maps
 * that -S and -G are checked against before anything is made. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ipcns/userns.h"

static void test_subid_find(void **state)
{
	const char *text = "# comment\n"
			   "alice:100000:65536\n"
			   "bob:bad:65536\n"
			   "bob:300000:0\n"
			   "1001:400000:1000\n"
			   "bob:200000:65536\n"
			   "carol:500000:10";
	struct userns_range r;

	(void)state;
	assert_int_equal(userns_subid_find(text, "alice", 1000, &r), 0);
	assert_int_equal(r.start, 100000);
	assert_int_equal(r.count, 65536);
	/* malformed and empty lines are skipped; the first good one wins */
	assert_int_equal(userns_subid_find(text, "bob", 1002, &r), 0);
	assert_int_equal(r.start, 200000);
	/* a line may name the user by uid */
	assert_int_equal(userns_subid_find(text, "dave", 1001, &r), 0);
	assert_int_equal(r.start, 400000);
	assert_int_equal(r.count, 1000);
	/* the last line needs no newline */
	assert_int_equal(userns_subid_find(text, "carol", 7, &r), 0);
	assert_int_equal(r.count, 10);
	/* a prefix of a name is not the name */
	assert_int_equal(userns_subid_find(text, "ali", 1, &r), -ENOENT);
	assert_int_equal(userns_subid_find(text, NULL, 100, &r), -ENOENT);
	assert_int_equal(userns_subid_find("", "alice", 1000, &r), -ENOENT);
	assert_int_equal(userns_subid_find("alice:1:99999999999\n", "alice", 1000, &r), -ENOENT);
}

static void test_final_map(void **state)
{
	struct userns_plan p = { .wanted = true, .map_uid = true, .uid = 65534, .map_gid = true, .gid = 100 };
	char buf[128];

	(void)state;
	/* -c or --map-user: one ID, onto uid 0 of the first namespace */
	assert_true(userns_nested(&p));
	userns_final_map(&p, false, buf, sizeof(buf));
	assert_string_equal(buf, "65534 0 1\n");
	userns_final_map(&p, true, buf, sizeof(buf));
	assert_string_equal(buf, "100 0 1\n");
	p.map_gid = false;
	userns_final_map(&p, true, buf, sizeof(buf));
	assert_string_equal(buf, "");

	/* -r: no second namespace */
	p = (struct userns_plan){ .wanted = true, .map_uid = true, .map_gid = true };
	assert_false(userns_nested(&p));

	/* --map-auto: the caller's ID, and the block from 0 with a hole for it */
	p = (struct userns_plan){ .wanted = true,
				  .map_auto = true,
				  .map_uid = true,
				  .uid = 0,
				  .map_gid = true,
				  .outer_uid = 1000,
				  .subuid = { 100000, 65536 } };
	assert_false(userns_nested(&p));
	userns_final_map(&p, false, buf, sizeof(buf));
	assert_string_equal(buf, "0 1000 1\n1 100000 65535\n");
	p.uid = 1000;
	userns_final_map(&p, false, buf, sizeof(buf));
	assert_string_equal(buf, "1000 1000 1\n0 100000 1000\n1001 101000 64535\n");
	p.uid = 70000; /* past the block: no hole */
	userns_final_map(&p, false, buf, sizeof(buf));
	assert_string_equal(buf, "70000 1000 1\n0 100000 65536\n");
	p.uid = 65535; /* the last one: the block just loses it */
	userns_final_map(&p, false, buf, sizeof(buf));
	assert_string_equal(buf, "65535 1000 1\n0 100000 65535\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subid_find),
		cmocka_unit_test(test_final_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
