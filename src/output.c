#include "ipcns/output.h"

#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

struct libscols_table *output_table(const char *name, const struct output_opts *o)
{
	struct libscols_table *tb = scols_new_table();

	if (!tb)
		return NULL;
	scols_table_set_name(tb, name);
	scols_table_enable_json(tb, o->json);
	scols_table_enable_raw(tb, o->raw);
	scols_table_enable_noheadings(tb, o->noheadings);
	return tb;
}

struct libscols_column *output_column(struct libscols_table *tb, const char *header, double whint, int flags,
				      int json_type, const struct output_opts *o)
{
	struct libscols_column *cl;

	if (o->notruncate)
		flags &= ~SCOLS_FL_TRUNC;
	cl = scols_table_new_column(tb, header, whint, flags);
	if (cl && o->json)
		scols_column_set_json_type(cl, json_type);
	return cl;
}

int output_str(struct libscols_line *ln, size_t n, const char *s)
{
	return s ? scols_line_set_data(ln, n, s) : 0;
}

int output_unknown(struct libscols_line *ln, size_t n, const struct output_opts *o)
{
	return o->json ? 0 : scols_line_set_data(ln, n, "-");
}

int output_u64(struct libscols_line *ln, size_t n, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return scols_line_set_data(ln, n, buf);
}

int output_i64(struct libscols_line *ln, size_t n, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	return scols_line_set_data(ln, n, buf);
}

void output_human_size(uint64_t bytes, char *buf, size_t size)
{
	static const char units[] = "BKMGTPE";
	uint64_t whole = bytes, rest = 0;
	size_t u = 0;

	while (whole >= 1024 && u + 1 < sizeof(units) - 1) {
		rest = whole % 1024;
		whole /= 1024;
		u++;
	}
	if (u == 0) {
		snprintf(buf, size, "%" PRIu64 "%c", whole, units[u]);
		return;
	}
	/* One decimal, rounded; 9.96 becomes "10". */
	rest = (rest * 10 + 512) / 1024;
	if (rest == 10) {
		whole++;
		rest = 0;
	}
	if (rest)
		snprintf(buf, size, "%" PRIu64 ".%" PRIu64 "%c", whole, rest, units[u]);
	else
		snprintf(buf, size, "%" PRIu64 "%c", whole, units[u]);
}

int output_size(struct libscols_line *ln, size_t n, uint64_t bytes, const struct output_opts *o)
{
	char buf[32];

	if (o->json || o->bytes)
		return output_u64(ln, n, bytes);
	output_human_size(bytes, buf, sizeof(buf));
	return scols_line_set_data(ln, n, buf);
}

int output_user(struct libscols_line *ln, size_t n, uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		return scols_line_set_data(ln, n, pw->pw_name);
	return output_u64(ln, n, uid);
}

int output_group(struct libscols_line *ln, size_t n, gid_t gid)
{
	struct group *gr = getgrgid(gid);

	if (gr)
		return scols_line_set_data(ln, n, gr->gr_name);
	return output_u64(ln, n, gid);
}

int output_print(struct libscols_table *tb)
{
	int r = scols_print_table(tb);

	if (r < 0)
		return r;
	if (fflush(stdout) != 0 || ferror(stdout))
		return errno ? -errno : -EIO;
	return 0;
}
