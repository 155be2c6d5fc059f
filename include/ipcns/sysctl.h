/* The limits of an IPC namespace: one registry of the per-namespace sysctl
 * keys, and the parsing, validation, reading and writing built on it.
 *
 * Values are parsed by ipcns, never by the kernel (which reads "010" as 8):
 * decimal, no sign where none is allowed, no trailing garbage, no overflow,
 * IEC suffixes for byte-sized keys. A plan collects validated settings; it
 * touches /proc/sys only in sysctl_plan_apply(), and /proc/sys files are
 * opened there and then, so they belong to the namespace the caller is in
 * at that moment (a file opened earlier would write to the old one). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipcns/error.h"

enum sysctl_id {
	SYSCTL_MSGMAX,
	SYSCTL_MSGMNB,
	SYSCTL_MSGMNI,
	SYSCTL_AUTO_MSGMNI,
	SYSCTL_SEM,
	SYSCTL_SHMALL,
	SYSCTL_SHMMAX,
	SYSCTL_SHMMNI,
	SYSCTL_SHM_RMID_FORCED,
	SYSCTL_MSG_NEXT_ID,
	SYSCTL_SEM_NEXT_ID,
	SYSCTL_SHM_NEXT_ID,
	SYSCTL_MQ_QUEUES_MAX,
	SYSCTL_MQ_MSG_MAX,
	SYSCTL_MQ_MSGSIZE_MAX,
	SYSCTL_MQ_MSG_DEFAULT,
	SYSCTL_MQ_MSGSIZE_DEFAULT,
	SYSCTL_NKEYS
};

enum sysctl_type {
	SYSCTL_INT,   /* a C int in the kernel */
	SYSCTL_ULONG, /* an unsigned long */
	SYSCTL_SEMS,  /* kernel.sem: four ints, SEMMSL SEMMNS SEMOPM SEMMNI */
};

enum sysctl_unit {
	SYSCTL_UNIT_COUNT,
	SYSCTL_UNIT_BYTES, /* takes K, M, G, T */
	SYSCTL_UNIT_PAGES, /* a size with a suffix is converted to pages */
	SYSCTL_UNIT_BOOL,
	SYSCTL_UNIT_ID,
	SYSCTL_UNIT_FIELDS, /* kernel.sem */
};

enum {
	SYSCTL_NO_INHERIT = 1 << 0, /* run -i leaves it at the kernel default */
	SYSCTL_UNSET = 1 << 1,      /* -1 reads as "unset" and is accepted only where it already is */
};

#define SYSCTL_SEM_FIELDS 4
#define SYSCTL_SEM_ALL ((1U << SYSCTL_SEM_FIELDS) - 1)

/* One value: ULONG keys use u, INT keys i[0], kernel.sem i[0..3]. */
struct sysctl_value {
	uint64_t u;
	int64_t i[SYSCTL_SEM_FIELDS];
};

struct sysctl_key {
	const char *name;  /* canonical: "kernel.msgmax" */
	const char *path;  /* under /proc/sys: "kernel/msgmax" */
	enum sysctl_type type;
	enum sysctl_unit unit;
	int64_t min;       /* INT keys; ULONG keys start at 0 */
	uint64_t max;
	struct sysctl_value def; /* what a new namespace starts with */
	unsigned flags;
	const char *description;
};

/* A field of kernel.sem that can be set on its own ("semmni=128"). */
struct sysctl_sem_field {
	const char *name;
	int64_t min, max;
	const char *description;
};

extern const struct sysctl_key sysctl_keys[SYSCTL_NKEYS];
extern const struct sysctl_sem_field sysctl_sem_fields[SYSCTL_SEM_FIELDS];

/* A key as a user named it: the whole key, or one field of kernel.sem. */
struct sysctl_ref {
	enum sysctl_id id;
	int field; /* -1 for the whole key, else 0..3 */
};

/* "kernel.msgmax", "kernel/msgmax", "msgmax", "semmni". Usage error with
 * "did you mean" for a near miss, or saying that a real sysctl such as
 * net.ipv4.ip_forward does not belong to an IPC namespace. */
int sysctl_lookup(const char *name, struct sysctl_ref *ref, struct ipcns_error *err);
/* The name a ref prints as: the key's canonical name, or the field's. */
const char *sysctl_ref_name(const struct sysctl_ref *ref);

/* Parse and range-check text for ref into v (only the field for a field
 * ref). Usage errors name the key, the value and the accepted range. */
int sysctl_parse_value(const struct sysctl_ref *ref, const char *text, struct sysctl_value *v,
		       struct ipcns_error *err);
/* Decimal text of ref's value in v; kernel.sem's fields are joined by sep
 * (" " for sysctl.conf, ", " inside a JSON array). */
void sysctl_format_value(const struct sysctl_ref *ref, const struct sysctl_value *v, const char *sep, char *buf,
			 size_t size);
/* "0..32768" and the like: the accepted values, for messages and listings. */
void sysctl_format_range(const struct sysctl_ref *ref, char *buf, size_t size);
bool sysctl_value_equal(const struct sysctl_ref *ref, const struct sysctl_value *a, const struct sysctl_value *b);

/* Read a key of the caller's IPC namespace. -ENOENT when this kernel lacks it. */
int sysctl_read(enum sysctl_id id, struct sysctl_value *v, struct ipcns_error *err);

struct sysctl_setting {
	bool set;
	bool optional;    /* only from "-KEY = VALUE" lines: skip it if it fails */
	unsigned fields;  /* kernel.sem: the fields given (SYSCTL_SEM_ALL for all) */
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
/* sysctl.conf text: "KEY = VALUE" lines, '#' and ';' comments, blank
 * lines, slashed keys, and a leading '-' for "ignore this line if it
 * fails" (a bad value or an unknown key on such a line is dropped). Errors
 * start with "what:LINE: ". */
int sysctl_plan_add_conf(struct sysctl_plan *plan, const char *text, const char *what, struct ipcns_error *err);
/* Read a file (or standard input for "-") with sysctl_plan_add_conf. */
int sysctl_plan_add_file(struct sysctl_plan *plan, const char *path, struct ipcns_error *err);
/* Layer src over dst: src's settings win, kernel.sem field by field. */
void sysctl_plan_merge(struct sysctl_plan *dst, const struct sysctl_plan *src);
/* Fill what the plan leaves unset with the caller's current namespace's
 * values, except SYSCTL_NO_INHERIT keys (run -i, before unshare). */
int sysctl_plan_inherit(struct sysctl_plan *plan, struct ipcns_error *err);

/* Write the plan to the caller's current IPC namespace, in registry order,
 * skipping values already in place. kernel.sem is always written whole.
 * When the kernel refuses one, those already written are restored and the
 * error names the key (kind SYSTEM). */
int sysctl_plan_apply(const struct sysctl_plan *plan, struct ipcns_error *err);
