/* Modules never print: they return 0 or -errno and describe the failure here:
 * a message, and where advice could help, a reason and the facts behind it.
 * Only the command layer (cmd_*.c, main.c, explain.c) turns a reason into a
 * hint for its caller, and no module names a command-line flag in advice. */
#pragma once

#include <stdbool.h>
#include <string.h>
#include <sys/types.h>

enum ipcns_error_kind {
	IPCNS_ERR_NONE = 0,
	IPCNS_ERR_USAGE,  /* bad input: nothing was attempted */
	IPCNS_ERR_SYSTEM, /* the kernel or the system refused */
};

/* Why something was refused, where the caller could do something about it.
 * explain.c turns (command, reason, facts, caller) into the hint. */
enum ipcns_reason {
	IPCNS_R_NONE = 0,
	IPCNS_R_CREATE_DENIED,      /* unshare(CLONE_NEWIPC) refused */
	IPCNS_R_USERNS_UNAVAILABLE, /* unshare(CLONE_NEWUSER) refused */
	IPCNS_R_TARGET_DENIED,      /* another user's process: its namespace cannot be opened; owner = its uid */
	IPCNS_R_JOIN_DENIED,        /* setns() into the IPC namespace (or its user namespace) refused; owner = its
				       owning user namespace */
	IPCNS_R_LIMIT_DENIED,       /* a /proc/sys write refused; owner = the namespace's owning user namespace */
	IPCNS_R_NEXT_ID_DENIED,     /* a *_next_id write refused */
	IPCNS_R_CAP_NOT_HELD,       /* a capability CMD is to keep is not permitted to ipcns */
	IPCNS_R_CAP_NOT_BOUNDING,   /* ... and not in the bounding set either: nothing brings it back */
	IPCNS_R_SETPCAP,            /* changing the capability sets needs CAP_SETPCAP */
	IPCNS_R_ID_CHANGE_DENIED,   /* setresuid/setresgid/setgroups refused */
	IPCNS_R_HOST_GUARD,         /* limits of the initial IPC namespace, not asked for explicitly */
	IPCNS_R_MKDIR_DENIED,       /* a mount point could not be created; object = the directory */
	IPCNS_R_NAME_NO_DIR,        /* no directory for rootless names */
	IPCNS_R_NAME_STALE,         /* a name whose namespace is gone; object = the name */
	IPCNS_R_NAME_BUSY,          /* a name still holds objects or processes */
	IPCNS_R_NAME_DENIED,        /* a name could not be made in the run directory */
	IPCNS_R_NAME_SHM_SIZE,      /* a size for a rootless name's store, which has none */
	IPCNS_R_SUBID_MISSING,      /* no subordinate IDs; object = the user's name */
	IPCNS_R_MAP_HELPER_MISSING, /* newuidmap/newgidmap not installed */
	IPCNS_R_MAP_HELPER_FAILED,  /* newuidmap/newgidmap said no */
	IPCNS_R_CMD_IS_OPTION,      /* CMD, not found, starts with '-'; object = CMD */
};

struct ipcns_error {
	enum ipcns_error_kind kind;
	int code;       /* positive errno */
	char msg[512];  /* "<what>: <why>", no program name, no newline */
	char hint[256]; /* advice, written only by explain.c; empty when there is none */
	/* What explain.c needs to know; set by the module that knows it. */
	enum ipcns_reason reason;
	char object[256]; /* what the reason is about, as the user wrote it */
	bool owner_known; /* owner_uid and owner_ours are filled */
	bool owner_ours;  /* the owning user namespace is the caller's own */
	uid_t owner_uid;  /* who made that user namespace, or whose process it is */
};

/* A user's words inside a message, at most n bytes of them and then "...",
 * so that a 4096-byte argument cannot push the reason out of the message:
 * ipcns_error_usage(err, "%.*s%s: not a directory", IPCNS_CLIP(200, dir)). */
#define IPCNS_CLIP(n, text) (int)(n), (text), strlen(text) > (n) ? "..." : ""

/* Record a failure; returns -code so callers can `return ipcns_error_set(...)`. */
int ipcns_error_set(struct ipcns_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Bad input: kind USAGE, code EINVAL; returns -EINVAL. */
int ipcns_error_usage(struct ipcns_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Say why (after ipcns_error_set or _usage, which clear it), and about what. */
void ipcns_error_reason(struct ipcns_error *err, enum ipcns_reason reason, const char *object);
/* The owner facts: a uid, and whether its user namespace is the caller's. */
void ipcns_error_owner(struct ipcns_error *err, uid_t uid, bool ours);
/* explain.c only: the hint for this caller. */
void ipcns_error_hint(struct ipcns_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "ipcns: msg" and, when set, "ipcns: hint: ..." on stderr. */
void ipcns_error_print(const struct ipcns_error *err);
/* Print "ipcns: warning: msg" on stderr: advice that does not stop anything. */
void ipcns_warning_print(const char *msg);
