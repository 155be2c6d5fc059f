/* Starting CMD: in place (the default), or as a child that ipcns supervises. */
#pragma once

#include "ipcns/error.h"

/* execvp(argv). Returns only on failure: -errno with a message naming CMD. */
int exec_command(char *const argv[], struct ipcns_error *err);

/* Fork; the child execs argv and dies with ipcns (PR_SET_PDEATHSIG), the
 * parent forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 to it
 * and waits. Returns 0 with the child's wait status in *wstatus — when CMD
 * could not be executed that is 126 or 127 and err also says why — or
 * -errno when no child ran at all. */
int exec_fork_wait(char *const argv[], int *wstatus, struct ipcns_error *err);
