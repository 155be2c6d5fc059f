/* Limits that work against each other: given the values a namespace will
 * end up with, the places where one limit makes another useless, as the
 * kernel's ipc/ code applies them (each verified on 6.18). Pure: the
 * command layer decides whether to warn or refuse, and about which. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ipcns/sysctl_plan.h"

struct sysctl_warning {
	enum sysctl_id key;   /* the limit that cannot take effect as set */
	enum sysctl_id other; /* the limit that stands in its way (may equal key) */
	char msg[256];        /* "<what>: <why>", no program name, no newline */
};

/* The values after plan is applied over base (what the namespace holds
 * now, or a new namespace's defaults): kernel.sem field by field. */
void sysctl_plan_result(const struct sysctl_plan *plan, const struct sysctl_value base[SYSCTL_NKEYS],
			struct sysctl_value out[SYSCTL_NKEYS]);

/* Check v (every key's value) with page_size bytes a page; write at most max
 * warnings to out and return how many there are in all (more than max
 * when out was too small), in registry order of their key. */
size_t sysctl_check_limits(const struct sysctl_value v[SYSCTL_NKEYS], uint64_t page_size, struct sysctl_warning *out,
			   size_t max);

/* The warnings of sysctl_check_limits() for plan applied over base, only
 * those of pairs the plan sets a key of (a namespace's old oddities are not
 * the caller's doing): at most max into out; returns how many there are. */
size_t sysctl_plan_check(const struct sysctl_plan *plan, const struct sysctl_value base[SYSCTL_NKEYS],
			 struct sysctl_warning *out, size_t max);
