/* The credentials CMD runs with: user, group, supplementary groups,
 * capabilities and no_new_privs. Names are resolved while the command line
 * is parsed, before any namespace exists; the changes are made last, just
 * before exec (launch step 6). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipcns/error.h"

struct creds_plan {
	/* as given on the command line */
	char *user_arg;    /* -S USER|UID, owned; NULL when not given */
	char *group_arg;   /* -G GROUP|GID, owned; NULL when not given */
	bool caps_given;   /* --caps */
	uint64_t caps;     /* --caps LIST: bit N is capability N */
	bool no_new_privs; /* --no-new-privs */

	/* filled by creds_resolve() */
	bool set_uid;
	bool set_gid;
	bool set_groups; /* -S or -G: replace the supplementary groups */
	bool set_caps;   /* --caps, or -S (whose default is: none) */
	uid_t uid;
	gid_t gid;
	gid_t *groups; /* owned; ngroups may be 0 (cleared) */
	size_t ngroups;
};

void creds_plan_free(struct creds_plan *c);
/* Does the plan ask for any change? When not, creds_apply() does nothing. */
bool creds_requested(const struct creds_plan *c);

/* -S and -G: keep a copy of the argument (the last one given wins). */
int creds_set_user(struct creds_plan *c, const char *arg, struct ipcns_error *err);
int creds_set_group(struct creds_plan *c, const char *arg, struct ipcns_error *err);
/* --caps: a comma-separated list of libcap names (cap_ipc_lock,...), or
 * "none". Pure apart from asking libcap how many capabilities the running
 * kernel has; names the offending item on error. */
int creds_parse_caps(const char *list, uint64_t *caps, struct ipcns_error *err);
/* Resolve -S and -G with the system's user and group databases: a user
 * name without -G brings its primary group and its supplementary groups
 * (what initgroups would set); -G clears the supplementary groups. All-digit
 * arguments are IDs. */
int creds_resolve(struct creds_plan *c, struct ipcns_error *err);

/* Is id inside one of the ranges of a /proc/PID/uid_map-style text
 * ("INSIDE OUTSIDE COUNT" per line)? A malformed text maps nothing. */
bool creds_map_contains(const char *map, uint32_t id);
/* Are the resolved IDs mapped in the user namespace whose maps are given?
 * with_groups also checks the supplementary groups. where names that user
 * namespace in the error. */
int creds_check_mapped(const struct creds_plan *c, const char *uid_map, const char *gid_map, bool with_groups,
		       const char *where, struct ipcns_error *err);
/* The same against the caller's own user namespace (/proc/self). */
int creds_check_self_mapped(const struct creds_plan *c, struct ipcns_error *err);

/* Every check creds_apply() would make that can be made before anything
 * changes: are the capabilities CMD is to keep held? fresh_userns says CMD
 * will run in a user namespace that ipcns creates or joins, where ipcns
 * holds every capability of the bounding set. */
int creds_check(const struct creds_plan *c, bool fresh_userns, struct ipcns_error *err);
/* -S or -G before a user namespace is made or joined, in which setgroups()
 * may be denied: clear the supplementary groups now, while that is still
 * possible. */
int creds_clear_groups(const struct creds_plan *c, struct ipcns_error *err);

/* Become the planned user and keep only the planned capabilities. Checks
 * everything it can first, so that a refusal leaves the credentials as they
 * were. */
int creds_apply(const struct creds_plan *c, struct ipcns_error *err);
