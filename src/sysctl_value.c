/* Key names and values without I/O: lookup with "did you mean", parsing,
 * range checks and printing (see sysctl_value.h). */
#include "ipcns/sysctl_value.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/parse.h"

/* How much of a user's value a message repeats (IPCNS_CLIP). */
#define SHOWN_VALUE 40

/* ---- names ---- */

static const char *last_component(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot ? dot + 1 : name;
}

const char *sysctl_ref_name(const struct sysctl_ref *ref)
{
	return ref->field < 0 ? sysctl_keys[ref->id].name : sysctl_sem_fields[ref->field].name;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (lb >= ARRAY_SIZE(row))
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The accepted name closest to a mistyped one, if it is close at all. */
static const char *closest_name(const char *name)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;

	for (size_t k = 0; k < 2 * SYSCTL_NKEYS + SYSCTL_SEM_FIELDS; k++) {
		const char *cand = k < SYSCTL_NKEYS       ? sysctl_keys[k].name
				   : k < 2 * SYSCTL_NKEYS ? last_component(sysctl_keys[k - SYSCTL_NKEYS].name)
							  : sysctl_sem_fields[k - 2 * SYSCTL_NKEYS].name;
		size_t len = strlen(name), clen = strlen(cand), limit = clen / 3, d;

		if (limit < 2)
			limit = 2;
		/* The distance is at least the difference in length. */
		if ((len > clen ? len - clen : clen - len) > limit)
			continue;
		d = edit_distance(name, cand);
		if (d <= limit && d < best_d) {
			best = cand;
			best_d = d;
		}
	}
	return best;
}

/* "kernel.sem.semmni" means the field semmni, not the nearest key name
 * (kernel.sem_next_id). */
static const char *field_of_sem(const char *dotted)
{
	const char *sem = sysctl_keys[SYSCTL_SEM].name;
	size_t len = strlen(sem);

	if (strncmp(dotted, sem, len) != 0 || dotted[len] != '.')
		return NULL;
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
		if (strcmp(dotted + len + 1, sysctl_sem_fields[f].name) == 0)
			return sysctl_sem_fields[f].name;
	return NULL;
}

/* A well-formed sysctl name outside the families an IPC namespace has
 * (net.ipv4.ip_forward, kernel.hostname): whether or not this kernel has
 * it, it is no limit of ours, and saying so needs no look at /proc/sys. */
static bool outside_ipc(const char *dotted)
{
	static const char *const families[] = { "kernel.msg", "kernel.sem", "kernel.shm", "kernel.auto_msgmni",
						"fs.mqueue." };
	const char *p = dotted;

	if (!strchr(dotted, '.'))
		return false;
	for (;;) { /* components of [A-Za-z0-9_-], joined by single dots */
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

		if (n == 0)
			return false;
		p += n;
		if (!*p)
			break;
		if (*p++ != '.')
			return false;
	}
	for (size_t i = 0; i < ARRAY_SIZE(families); i++)
		if (strncmp(dotted, families[i], strlen(families[i])) == 0)
			return false;
	return true;
}

int sysctl_lookup(const char *name, struct sysctl_ref *ref, struct ipcns_error *err)
{
	char dotted[128];
	const char *near;

	if (!*name)
		return ipcns_error_usage(err,
					 "KEY: empty; expected a key such as kernel.msgmax (see 'ipcns get --keys')");
	if (strlen(name) >= sizeof(dotted))
		return ipcns_error_usage(err, "%.40s...: unknown key (see 'ipcns get --keys')", name);
	/* kernel/msgmax is kernel.msgmax; in a slashed name a dot is a dot. */
	snprintf(dotted, sizeof(dotted), "%s", name);
	if (strchr(dotted, '/'))
		for (char *p = dotted; *p; p++)
			*p = *p == '/' ? '.' : *p;
	for (size_t k = 0; k < SYSCTL_NKEYS; k++) {
		if (strcmp(dotted, sysctl_keys[k].name) == 0 ||
		    strcmp(dotted, last_component(sysctl_keys[k].name)) == 0) {
			*ref = (struct sysctl_ref){ .id = (enum sysctl_id)k, .field = -1 };
			return 0;
		}
	}
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++) {
		if (strcmp(dotted, sysctl_sem_fields[f].name) == 0) {
			*ref = (struct sysctl_ref){ .id = SYSCTL_SEM, .field = f };
			return 0;
		}
	}
	near = field_of_sem(dotted);
	if (!near)
		near = closest_name(dotted);
	if (near)
		return ipcns_error_usage(err, "%s: unknown key; did you mean %s?", name, near);
	if (outside_ipc(dotted))
		return ipcns_error_usage(err,
					 "%s: not a limit of an IPC namespace (only kernel.msg*, kernel.sem*, "
					 "kernel.shm* and fs.mqueue.* keys are)",
					 name);
	return ipcns_error_usage(err, "%s: unknown key (see 'ipcns get --keys')", name);
}

/* ---- values ---- */

static void range_text(int64_t min, uint64_t max, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRId64 "..%" PRIu64, min, max);
}

void sysctl_format_range(const struct sysctl_ref *ref, char *buf, size_t size)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		range_text(sysctl_sem_fields[ref->field].min, (uint64_t)sysctl_sem_fields[ref->field].max, buf, size);
	else if (k->type == SYSCTL_SEMS)
		snprintf(buf, size, "semmsl semmns semopm semmni");
	else
		range_text(k->min, k->max, buf, size);
}

void sysctl_format_value(const struct sysctl_ref *ref, const struct sysctl_value *v, const char *sep, char *buf,
			 size_t size)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		snprintf(buf, size, "%" PRId64, v->i[ref->field]);
	else if (k->type == SYSCTL_SEMS)
		snprintf(buf, size, "%" PRId64 "%s%" PRId64 "%s%" PRId64 "%s%" PRId64, v->i[0], sep, v->i[1], sep,
			 v->i[2], sep, v->i[3]);
	else if (k->type == SYSCTL_ULONG)
		snprintf(buf, size, "%" PRIu64, v->u);
	else
		snprintf(buf, size, "%" PRId64, v->i[0]);
}

bool sysctl_value_unset(const struct sysctl_ref *ref, const struct sysctl_value *v)
{
	return ref->field < 0 && (sysctl_keys[ref->id].flags & SYSCTL_UNSET) && v->i[0] == -1;
}

bool sysctl_value_equal(const struct sysctl_ref *ref, const struct sysctl_value *a, const struct sysctl_value *b)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		return a->i[ref->field] == b->i[ref->field];
	if (k->type == SYSCTL_SEMS)
		return memcmp(a->i, b->i, sizeof(a->i)) == 0;
	if (k->type == SYSCTL_ULONG)
		return a->u == b->u;
	return a->i[0] == b->i[0];
}

/* "expected ..." for a value that is not a number. */
static void accepted_form(enum sysctl_unit unit, const char *range, char *buf, size_t size)
{
	if (unit == SYSCTL_UNIT_BYTES)
		snprintf(buf, size, "%s bytes, optionally with K, M, G or T", range);
	else if (unit == SYSCTL_UNIT_PAGES)
		snprintf(buf, size, "%s pages, or a size with K, M, G or T", range);
	else
		snprintf(buf, size, "a decimal number in %s", range);
}

/* One number of a key or a field. what names it in messages ("kernel.msgmax",
 * "kernel.sem: semmni"). A sign only where the range has negatives. */
static int parse_number(const char *what, const char *text, int64_t min, uint64_t max, enum sysctl_unit unit,
			bool negative_ok, int64_t *out_i, uint64_t *out_u, struct ipcns_error *err)
{
	const char *in = unit == SYSCTL_UNIT_BYTES ? " bytes" : unit == SYSCTL_UNIT_PAGES ? " pages" : "";
	char range[64], form[128];
	uint64_t u;
	int64_t i;
	int r;

	range_text(min, max, range, sizeof(range));
	accepted_form(unit, range, form, sizeof(form));
	if (!*text)
		return ipcns_error_usage(err, "%s: empty value; expected %s", what, form);
	if (*text == '-') {
		r = parse_i64(text, &i);
		if (r == -EINVAL)
			return ipcns_error_usage(err, "%s: '%.*s%s' is not a number; expected %s", what,
						 IPCNS_CLIP(SHOWN_VALUE, text), form);
		if (r < 0 || !negative_ok || i < min)
			return ipcns_error_usage(err, "%s: %.*s%s is out of range %s%s", what,
						 IPCNS_CLIP(SHOWN_VALUE, text), range, in);
		*out_i = i;
		return 0;
	}
	if (unit == SYSCTL_UNIT_BYTES || unit == SYSCTL_UNIT_PAGES) {
		r = parse_size(text, &u);
		if (r == 0 && unit == SYSCTL_UNIT_PAGES && parse_has_size_suffix(text)) {
			uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

			u = u / page + (u % page != 0); /* round up: at least the size asked for */
		}
	} else {
		r = parse_u64(text, &u);
		if (r == -EINVAL && parse_has_size_suffix(text))
			return ipcns_error_usage(err, "%s: '%.*s%s': a count takes no size suffix; expected %s", what,
						 IPCNS_CLIP(SHOWN_VALUE, text), form);
	}
	if (r == -EINVAL)
		return ipcns_error_usage(err, "%s: '%.*s%s' is not a number; expected %s", what,
					 IPCNS_CLIP(SHOWN_VALUE, text), form);
	if (r < 0 || u > max || (min > 0 && u < (uint64_t)min))
		return ipcns_error_usage(err, "%s: %.*s%s is out of range %s%s", what, IPCNS_CLIP(SHOWN_VALUE, text),
					 range, in);
	*out_u = u;
	*out_i = (int64_t)(u > INT64_MAX ? INT64_MAX : u);
	return 0;
}

static int parse_sem_field(const char *what, int f, const char *text, struct sysctl_value *v, struct ipcns_error *err)
{
	const struct sysctl_sem_field *sf = &sysctl_sem_fields[f];
	uint64_t unused;

	return parse_number(what, text, sf->min, (uint64_t)sf->max, SYSCTL_UNIT_COUNT, sf->min < 0, &v->i[f], &unused,
			    err);
}

static int parse_sem(const char *text, struct sysctl_value *v, struct ipcns_error *err)
{
	char buf[128], *save = NULL, *tok[SYSCTL_SEM_FIELDS + 1] = { NULL };
	size_t n = 0;
	int r;

	if (strlen(text) >= sizeof(buf))
		return ipcns_error_usage(
		    err, "kernel.sem: value too long; expected four numbers: semmsl semmns semopm semmni");
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *t = strtok_r(buf, " \t", &save); t && n <= SYSCTL_SEM_FIELDS; t = strtok_r(NULL, " \t", &save))
		tok[n++] = t;
	if (n != SYSCTL_SEM_FIELDS)
		return ipcns_error_usage(err, "kernel.sem: '%s': expected four numbers: semmsl semmns semopm semmni",
					 text);
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++) {
		char what[64];

		snprintf(what, sizeof(what), "kernel.sem: %s", sysctl_sem_fields[f].name);
		r = parse_sem_field(what, f, tok[f], v, err);
		if (r < 0)
			return r;
	}
	return 0;
}

int sysctl_parse_value(const struct sysctl_ref *ref, const char *text, struct sysctl_value *v, struct ipcns_error *err)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		return parse_sem_field(sysctl_sem_fields[ref->field].name, ref->field, text, v, err);
	if (k->type == SYSCTL_SEMS)
		return parse_sem(text, v, err);
	return parse_number(k->name, text, k->min, k->max, k->unit, k->min < 0, &v->i[0], &v->u, err);
}

int sysctl_parse_kernel(enum sysctl_id id, char *text, struct sysctl_value *v)
{
	const struct sysctl_key *k = &sysctl_keys[id];
	int want = k->type == SYSCTL_SEMS ? SYSCTL_SEM_FIELDS : 1, n = 0;
	char *save = NULL;

	*v = (struct sysctl_value){ 0 };
	for (char *t = strtok_r(text, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save)) {
		if (n >= want)
			return -EINVAL;
		if (k->type == SYSCTL_ULONG ? parse_u64(t, &v->u) < 0 : parse_i64(t, &v->i[n]) < 0)
			return -EINVAL;
		n++;
	}
	return n == want ? 0 : -EINVAL;
}
