/* Exit statuses of the command-line contract. */
#pragma once

#include "ipcns/error.h"

enum {
	IPCNS_EXIT_SUCCESS = 0,
	IPCNS_EXIT_FAILURE = 1,      /* get/set/...: the system refused */
	IPCNS_EXIT_USAGE = 2,        /* get/set/...: bad input */
	IPCNS_EXIT_LAUNCH = 125,     /* run/enter: ipcns failed before CMD started */
	IPCNS_EXIT_CANNOT_RUN = 126, /* CMD exists but cannot be executed */
	IPCNS_EXIT_NOT_FOUND = 127,  /* CMD was not found */
};

/* 127 when execve failed because CMD is not there, 126 otherwise. */
int exit_status_for_exec_errno(int errnum);
/* What a shell reports for a wait status: the exit code, or 128+signal. */
int exit_status_from_wait(int wstatus);
