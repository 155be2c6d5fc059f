/* The one registry of per-namespace IPC sysctl keys: names, types, units,
 * the ranges the kernel accepts (measured on 6.18) and the defaults a new
 * namespace starts with. Everything that lists or checks keys reads it. */
#pragma once

#include <stdint.h>

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
#define SYSCTL_SEM_ALL    ((1U << SYSCTL_SEM_FIELDS) - 1)

/* One value: ULONG keys use u, INT keys i[0], kernel.sem i[0..3]. */
struct sysctl_value {
	uint64_t u;
	int64_t i[SYSCTL_SEM_FIELDS];
};

struct sysctl_key {
	const char *name; /* canonical: "kernel.msgmax" */
	const char *path; /* under /proc/sys: "kernel/msgmax" */
	enum sysctl_type type;
	enum sysctl_unit unit;
	int64_t min; /* INT keys; ULONG keys start at 0 */
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
