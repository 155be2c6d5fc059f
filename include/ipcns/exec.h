/* Starting CMD: in place (the default), or as a child that ipcns supervises. */
#pragma once

#include <stdbool.h>

#include "ipcns/error.h"

/* execvp(argv). Returns only on failure: -errno with a message naming CMD. */
int exec_command(char *const argv[], struct ipcns_error *err);

/* Fork; the child execs argv and dies with ipcns (PR_SET_PDEATHSIG), the
 * parent forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 to it
 * and waits. With new_session the child first leaves the caller's session
 * (no controlling terminal), and the signals a terminal sends are forwarded
 * too. Returns 0 with the child's wait status in *wstatus — when CMD could
 * not be executed that is 126 or 127 and err also says why — or -errno
 * when no child ran at all. */
int exec_fork_wait(char *const argv[], bool new_session, int *wstatus, struct ipcns_error *err);

/* Die the way CMD died (wait status wstatus), so that a shell sees 128+N;
 * returns the exit status to use when CMD exited, or when the signal does
 * not kill. */
int exec_die_like(int wstatus);
/* What exec_die_like() does before raising sig: no core dump of ipcns
 * itself (not dumpable, RLIMIT_CORE 0), sig at its default and unblocked. */
void exec_prepare_reraise(int sig);
