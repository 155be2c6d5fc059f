/* A plan: the validated settings that run, enter and set will write, built
 * from -s pairs, -f files and set's arguments, layered and merged. Pure:
 * nothing here touches /proc/sys. */
#pragma once

#include <stdbool.h>

#include "ipcns/error.h"
#include "ipcns/sysctl_value.h"

struct sysctl_setting {
	bool set;
	bool optional;   /* only from "-KEY = VALUE" lines: skip it if it fails */
	unsigned fields; /* kernel.sem: the fields given (SYSCTL_SEM_ALL for all) */
	struct sysctl_value value;
};

/* Settings by key, later additions replacing earlier ones. All zero is empty. */
struct sysctl_plan {
	struct sysctl_setting s[SYSCTL_NKEYS];
};

bool sysctl_plan_empty(const struct sysctl_plan *plan);
/* Validate "KEY" and "VALUE" and record them. */
int sysctl_plan_add(struct sysctl_plan *plan, const char *key, const char *value, bool optional,
		    struct ipcns_error *err);
/* The same from "KEY=VALUE"; opt names the option for a missing '='. */
int sysctl_plan_add_pair(struct sysctl_plan *plan, const char *pair, const char *opt, struct ipcns_error *err);
/* Layer src over dst: src's settings win, kernel.sem field by field. */
void sysctl_plan_merge(struct sysctl_plan *dst, const struct sysctl_plan *src);
