/* User namespaces for rootless use: which IDs the caller's own map to inside
 * (run -r, -c, --map-user, --map-group), and subordinate IDs (--map-auto). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipcns/error.h"

/* The names of the helper programs that write maps of subordinate IDs. */
#define USERNS_NEWUIDMAP "newuidmap"
#define USERNS_NEWGIDMAP "newgidmap"

/* A block of subordinate IDs, as a line of /etc/subuid or /etc/subgid gives it. */
struct userns_range {
	uint32_t start;
	uint32_t count;
};

struct userns_plan {
	bool wanted;  /* make a new user namespace */
	bool map_uid; /* the caller's euid is mapped to uid inside; else it is left unmapped */
	bool map_gid; /* the same for the caller's egid and gid */
	uint32_t uid; /* inside */
	uint32_t gid;
	bool map_auto; /* also the caller's first subordinate blocks, starting at 0 inside */

	/* filled by userns_resolve() for map_auto */
	uid_t outer_uid;
	gid_t outer_gid;
	struct userns_range subuid;
	struct userns_range subgid;
};

/* An ID as a user gives it: all digits (0..UINT32_MAX-1), else a user
 * (group when group is true) name looked up in the system's database.
 * what names the argument in the error, e.g. "--map-user". */
int userns_parse_id(const char *arg, bool group, const char *what, uint32_t *id, struct ipcns_error *err);

/* The first line of a subuid(5)-style text that belongs to the user called
 * name or numbered id. Pure. Returns 0, or -ENOENT when no line does. */
int userns_subid_find(const char *text, const char *name, uint32_t id, struct userns_range *out);

/* The map of the user namespace CMD will run in, inner IDs and all, as
 * /proc/PID/uid_map would show it ("INSIDE OUTSIDE COUNT" lines), for
 * checking -S and -G before anything is made. group picks the gid map. Pure
 * once the plan is resolved. */
void userns_final_map(const struct userns_plan *p, bool group, char *buf, size_t size);

/* Everything that can refuse before a change: for map_auto, the caller's
 * subordinate blocks and the helper programs. */
int userns_resolve(struct userns_plan *p, struct ipcns_error *err);

/* Step one, before the IPC namespace: a user namespace in which the calling
 * process is uid 0 of the namespace (or, with map_auto, becomes it), so that
 * it may write the IPC namespace's limits and make its mounts. */
int userns_setup(const struct userns_plan *p, struct ipcns_error *err);

/* Step two, after limits and mounts: where CMD is to have other IDs than 0,
 * a nested user namespace that maps them onto the uid 0 of the first, and
 * nothing more. (With map_auto, creds_apply() takes CMD's IDs instead.) */
int userns_finish(const struct userns_plan *p, struct ipcns_error *err);

/* Does CMD's uid or gid differ from 0 inside, so that userns_finish() has
 * work to do? */
bool userns_nested(const struct userns_plan *p);
