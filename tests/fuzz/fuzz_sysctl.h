/* Shared by fuzz_keyvalue and fuzz_sysctl_file: what a valid limits plan
 * looks like, and the plan written back out the way 'ipcns get' prints it
 * ("KEY = VALUE" lines, which -f reads), so that a target can check that
 * parsing its own rendering gives the same plan back. */
#pragma once

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>

#include "fuzz.h"
#include "ipcns/sysctl.h"

/* An accepted value lies in the range of its key or kernel.sem field. */
static inline void fuzz_check_range(const struct sysctl_ref *ref, const struct sysctl_value *v)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0 || k->type == SYSCTL_SEMS) {
		for (int f = 0; f < SYSCTL_SEM_FIELDS; f++) {
			if (ref->field >= 0 && f != ref->field)
				continue;
			FUZZ_CHECK(v->i[f] >= sysctl_sem_fields[f].min && v->i[f] <= sysctl_sem_fields[f].max);
		}
	} else if (k->type == SYSCTL_ULONG) {
		FUZZ_CHECK(v->u <= k->max);
	} else {
		FUZZ_CHECK(v->i[0] >= k->min && (v->i[0] < 0 || (uint64_t)v->i[0] <= k->max));
		FUZZ_CHECK(v->i[0] >= INT_MIN && v->i[0] <= INT_MAX); /* a C int in the kernel */
	}
}

/* A refusal is a usage error with a message, never a crash or a silent no. */
static inline void fuzz_check_refusal(int r, const struct ipcns_error *err)
{
	FUZZ_CHECK(r == -EINVAL);
	FUZZ_CHECK(err->kind == IPCNS_ERR_USAGE && err->code == EINVAL);
	FUZZ_CHECK(err->msg[0] != '\0' && memchr(err->msg, '\0', sizeof(err->msg)) != NULL);
}

/* Every setting of a plan is in range; kernel.sem names its fields. */
static inline void fuzz_check_plan(const struct sysctl_plan *plan)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_setting *s = &plan->s[id];

		if (!s->set) {
			FUZZ_CHECK(!s->optional);
			continue;
		}
		if (id == SYSCTL_SEM) {
			FUZZ_CHECK(s->fields != 0 && (s->fields & ~SYSCTL_SEM_ALL) == 0);
			for (int f = 0; f < SYSCTL_SEM_FIELDS; f++) {
				const struct sysctl_ref field = { .id = SYSCTL_SEM, .field = f };

				if (s->fields & (1U << f))
					fuzz_check_range(&field, &s->value);
			}
		} else {
			FUZZ_CHECK(s->fields == SYSCTL_SEM_ALL);
			fuzz_check_range(&(struct sysctl_ref){ .id = (enum sysctl_id)id, .field = -1 }, &s->value);
		}
	}
}

static inline bool fuzz_plans_equal(const struct sysctl_plan *a, const struct sysctl_plan *b)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_setting *x = &a->s[id], *y = &b->s[id];
		const struct sysctl_ref whole = { .id = (enum sysctl_id)id, .field = -1 };

		if (x->set != y->set)
			return false;
		if (!x->set)
			continue;
		if (x->optional != y->optional || x->fields != y->fields)
			return false;
		if (id != SYSCTL_SEM) {
			if (!sysctl_value_equal(&whole, &x->value, &y->value))
				return false;
			continue;
		}
		for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
			if ((x->fields & (1U << f)) && x->value.i[f] != y->value.i[f])
				return false;
	}
	return true;
}

/* The plan as 'ipcns get' would print it, '-' before an optional setting;
 * a kernel.sem with only some fields given is one line per field. */
static inline void fuzz_render_plan(const struct sysctl_plan *plan, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_setting *s = &plan->s[id];
		char value[128];

		if (!s->set)
			continue;
		for (int f = -1; f < SYSCTL_SEM_FIELDS; f++) {
			const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = f };
			bool whole = id != SYSCTL_SEM || s->fields == SYSCTL_SEM_ALL;

			if (f < 0 ? !whole : whole || !(s->fields & (1U << f)))
				continue;
			sysctl_format_value(&ref, &s->value, " ", value, sizeof(value));
			n += (size_t)snprintf(buf + n, size - n, "%s%s = %s\n", s->optional ? "-" : "",
					      sysctl_ref_name(&ref), value);
			FUZZ_CHECK(n < size);
		}
	}
}

/* Parse the rendering of plan back: it must give plan again. */
static inline void fuzz_check_round_trip(const struct sysctl_plan *plan)
{
	char text[4096];
	struct sysctl_plan again = { 0 };
	struct ipcns_error err = { 0 };
	int r;

	fuzz_render_plan(plan, text, sizeof(text));
	r = sysctl_plan_add_conf(&again, text, "rendered", &err);
	if (r < 0) {
		fprintf(stderr, "rendered plan refused: %s\n--\n%s--\n", err.msg, text);
		FUZZ_CHECK(!"the rendered plan parses");
	}
	FUZZ_CHECK(fuzz_plans_equal(plan, &again));
}
