/* One voice: the command layer's only way to turn a failure into words.
 * Modules leave a reason and its facts in struct ipcns_error; this turns
 * (command, reason, facts, caller) into the hint and the exit status, so the
 * same situation gets the same advice in every command, and a hint is given
 * only where it is true for this caller. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "ipcns/error.h"

struct explain_caller {
	const char *cmd; /* "run", "enter", "get", "set", "create", "delete", "show", "list", ... */
	uid_t euid;      /* when the command started, before any namespace was joined */
	bool admin;      /* CAP_SYS_ADMIN in the effective set, then */
	bool ptrace;     /* CAP_SYS_PTRACE in the effective set, then */
	bool join_user;  /* enter -U (or a rootless name, which implies it) */
	/* Facts of the moment the error is explained, not of the start: */
	bool initial_userns; /* the process is in the initial user namespace */
};

/* The caller as it is now: call first thing in a command. */
void explain_caller_init(struct explain_caller *who, const char *cmd);
/* The hint for this caller (pure: reads who and err, writes err->hint). */
void explain_hint(const struct explain_caller *who, struct ipcns_error *err);
/* The exit status of a failed command: 125 for run and enter, else 2 for
 * bad input and 1 for the rest. */
int explain_status(const struct explain_caller *who, const struct ipcns_error *err);
/* Fill the facts of the moment and the hint; print. For a failure whose
 * exit status is not explain_status()'s (CMD that could not be executed). */
void explain_print(struct explain_caller *who, struct ipcns_error *err);
/* explain_print(), then return explain_status(). */
int explain_report(struct explain_caller *who, struct ipcns_error *err);
