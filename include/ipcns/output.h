/* Tables for list and show, through libsmartcols: the output modes (-J,
 * -r, -n, -u) are its job. A cell the caller may not look at is "-" in a
 * table and null in JSON. */
#pragma once

#include <libsmartcols.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct output_opts {
	bool json;
	bool raw;
	bool noheadings;
	bool notruncate;
	bool bytes; /* sizes in bytes in tables too (JSON always has bytes) */
};

/* A new table named name (the JSON key of its array) in the given modes. */
struct libscols_table *output_table(const char *name, const struct output_opts *o);
/* A column; flags are SCOLS_FL_*, SCOLS_FL_TRUNC dropped with -u. */
struct libscols_column *output_column(struct libscols_table *tb, const char *header, double whint, int flags,
				      int json_type, const struct output_opts *o);

/* Cell setters: column n of line ln. */
int output_str(struct libscols_line *ln, size_t n, const char *s);                   /* NULL: empty, JSON null */
int output_unknown(struct libscols_line *ln, size_t n, const struct output_opts *o); /* "-" / null */
int output_u64(struct libscols_line *ln, size_t n, uint64_t v);
int output_i64(struct libscols_line *ln, size_t n, int64_t v);
/* Bytes: "1.5M" in tables unless --bytes, a number in JSON. */
int output_size(struct libscols_line *ln, size_t n, uint64_t bytes, const struct output_opts *o);
/* A user by name, or its number when it has none. */
int output_user(struct libscols_line *ln, size_t n, uid_t uid);
int output_group(struct libscols_line *ln, size_t n, gid_t gid);

/* "4K", "1.5M", "120.6K", "100B": IEC units, one decimal where it is not .0 (pure). */
void output_human_size(uint64_t bytes, char *buf, size_t size);

/* Print, and fail on a write error (a full disk, a closed pipe). */
int output_print(struct libscols_table *tb);
