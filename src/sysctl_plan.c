/* Plans of limits: validated settings added, layered and merged, no I/O. */
#include "ipcns/sysctl_plan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipcns/cleanup.h"

/* How much of a user's value a message repeats (IPCNS_CLIP). */
#define SHOWN_VALUE 40

bool sysctl_plan_empty(const struct sysctl_plan *plan)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++)
		if (plan->s[id].set)
			return false;
	return true;
}

/* Put s over d. kernel.sem merges field by field: a later semmni keeps an
 * earlier line's other fields, in the same write, which may then be
 * skipped on failure only if every line that fed it may be. */
static void merge_setting(enum sysctl_id id, struct sysctl_setting *d, const struct sysctl_setting *s)
{
	if (sysctl_keys[id].type != SYSCTL_SEMS || !d->set) {
		*d = *s;
		return;
	}
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
		if (s->fields & (1U << f))
			d->value.i[f] = s->value.i[f];
	d->optional = (d->fields & ~s->fields) ? d->optional && s->optional : s->optional;
	d->fields |= s->fields;
}

int sysctl_plan_add(struct sysctl_plan *plan, const char *key, const char *value, bool optional,
		    struct ipcns_error *err)
{
	struct sysctl_setting setting;
	struct sysctl_value v = { 0 };
	struct sysctl_ref ref;
	int r;

	r = sysctl_lookup(key, &ref, err);
	if (r < 0)
		return r;
	r = sysctl_parse_value(&ref, value, &v, err);
	if (r < 0)
		return r;
	setting = (struct sysctl_setting){ .set = true, .optional = optional, .value = v };
	setting.fields = ref.field >= 0 ? 1U << ref.field : SYSCTL_SEM_ALL;
	merge_setting(ref.id, &plan->s[ref.id], &setting);
	return 0;
}

int sysctl_plan_add_pair(struct sysctl_plan *plan, const char *pair, const char *opt, struct ipcns_error *err)
{
	_cleanup_free_ char *key = NULL;
	const char *eq = strchr(pair, '=');

	if (!eq)
		return ipcns_error_usage(err, "%s%s'%.*s%s': expected KEY=VALUE, e.g. kernel.msgmax=65536",
					 opt ? opt : "", opt ? ": " : "", IPCNS_CLIP(SHOWN_VALUE, pair));
	key = strndup(pair, (size_t)(eq - pair));
	if (!key)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	return sysctl_plan_add(plan, key, eq + 1, false, err);
}

void sysctl_plan_merge(struct sysctl_plan *dst, const struct sysctl_plan *src)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++)
		if (src->s[id].set)
			merge_setting((enum sysctl_id)id, &dst->s[id], &src->s[id]);
}
