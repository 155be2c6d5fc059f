#include "ipcns/exit.h"

#include <errno.h>
#include <sys/wait.h>

int exit_status_for_exec_errno(int errnum)
{
	/* ENOTDIR: a leading path component is a file, so CMD cannot exist. */
	return errnum == ENOENT || errnum == ENOTDIR ? IPCNS_EXIT_NOT_FOUND : IPCNS_EXIT_CANNOT_RUN;
}

int exit_status_from_wait(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return IPCNS_EXIT_LAUNCH;
}
