#include "ipcns/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/exit.h"

static const int forwarded_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 };

static volatile sig_atomic_t supervised_child;
/* A pidfd of it where the kernel has them: a signal sent through it cannot
 * reach a process that reused the PID after CMD was reaped. */
static volatile sig_atomic_t supervised_pidfd = -1;
/* CMD runs in a session of its own: the terminal's signals no longer reach
 * it, so they are forwarded too. */
static volatile sig_atomic_t forward_terminal;

static int exec_error(int errnum, const char *cmd, struct ipcns_error *err)
{
	int r = ipcns_error_set(err, errnum, "%s: %s", cmd, errnum == ENOENT ? "command not found" : strerror(errnum));

	/* "ipcns enter NAME -m true": an option after TARGET is CMD. */
	if (errnum == ENOENT && cmd[0] == '-')
		ipcns_error_reason(err, IPCNS_R_CMD_IS_OPTION, cmd);
	return r;
}

int exec_command(char *const argv[], struct ipcns_error *err)
{
	execvp(argv[0], argv);
	return exec_error(errno, argv[0], err);
}

static void forward_signal(int sig, siginfo_t *info, void *ucontext)
{
	(void)ucontext;
	/* A signal from the terminal (^C, ^\, hangup) already went to the whole
	 * foreground process group, CMD included: sending it again would
	 * deliver it twice. */
	if (info && info->si_code == SI_KERNEL && !forward_terminal)
		return;
	if (supervised_pidfd >= 0)
		syscall(SYS_pidfd_send_signal, (int)supervised_pidfd, sig, NULL, 0);
	else if (supervised_child > 0)
		kill(supervised_child, sig);
}

static void set_forwarding(int on)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	if (on) {
		sa.sa_sigaction = forward_signal;
		sa.sa_flags = SA_SIGINFO | SA_RESTART;
	} else {
		sa.sa_handler = SIG_DFL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(forwarded_signals); i++)
		sigaction(forwarded_signals[i], &sa, NULL);
}

/* Child side of exec_fork_wait: only async-signal-safe calls, and _exit. */
static void __attribute__((noreturn)) run_child(char *const argv[], pid_t parent, const sigset_t *mask,
						const struct sigaction *chld, bool new_session, int report_fd)
{
	int e;

	/* Die with the supervisor. The parent may already have died between
	 * fork() and prctl(); then we are reparented and must go now. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(IPCNS_EXIT_LAUNCH);
	/* No controlling terminal: CMD cannot push input into the caller's
	 * terminal (TIOCSTI) or open it as /dev/tty. A forked child leads no
	 * process group, so setsid() cannot fail here; if it did, stop. */
	if (new_session && setsid() < 0)
		_exit(IPCNS_EXIT_LAUNCH);
	/* CMD gets the SIGCHLD disposition ipcns was given (execve keeps
	 * SIG_IGN), and the signal mask it had. */
	sigaction(SIGCHLD, chld, NULL);
	sigprocmask(SIG_SETMASK, mask, NULL);
	execvp(argv[0], argv);
	e = errno;
	/* The parent reads errno from this close-on-exec pipe and reports it. */
	(void)!write(report_fd, &e, sizeof(e));
	_exit(exit_status_for_exec_errno(e));
}

int exec_fork_wait(char *const argv[], bool new_session, int *wstatus, struct ipcns_error *err)
{
	_cleanup_close_ int report_rd = -1;
	_cleanup_close_ int report_wr = -1;
	struct sigaction dfl = { .sa_handler = SIG_DFL }, saved_chld;
	sigset_t forwarded, saved;
	pid_t parent = getpid(), pid;
	int pipefd[2], exec_errno = 0;
	ssize_t n;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return ipcns_error_set(err, errno, "pipe: %s", strerror(errno));
	report_rd = pipefd[0];
	report_wr = pipefd[1];

	/* Block the forwarded signals until the handlers know the child's pid,
	 * so none arriving around fork() is lost or sent nowhere. */
	sigemptyset(&forwarded);
	for (size_t i = 0; i < ARRAY_SIZE(forwarded_signals); i++)
		sigaddset(&forwarded, forwarded_signals[i]);
	sigprocmask(SIG_BLOCK, &forwarded, &saved);

	/* An inherited SIG_IGN for SIGCHLD makes the kernel reap CMD itself,
	 * and waitpid() would then fail with ECHILD and lose CMD's status. */
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGCHLD, &dfl, &saved_chld);

	pid = fork();
	if (pid < 0) {
		int e = errno;
		sigprocmask(SIG_SETMASK, &saved, NULL);
		return ipcns_error_set(err, e, "fork: %s", strerror(e));
	}
	if (pid == 0)
		run_child(argv, parent, &saved, &saved_chld, new_session, report_wr);

	close(steal_fd(report_wr));
	supervised_child = pid;
	/* Not reaped before waitpid() below, so the PID is still the child's. */
	supervised_pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	forward_terminal = new_session;
	set_forwarding(1);
	sigprocmask(SIG_SETMASK, &saved, NULL);

	do
		n = read(report_rd, &exec_errno, sizeof(exec_errno));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(exec_errno))
		exec_errno = 0;

	while (waitpid(pid, wstatus, 0) < 0) {
		if (errno != EINTR) {
			int e = errno;
			set_forwarding(0);
			if (supervised_pidfd >= 0)
				close(supervised_pidfd);
			supervised_pidfd = -1;
			return ipcns_error_set(err, e, "waitpid: %s", strerror(e));
		}
	}
	set_forwarding(0);
	supervised_child = 0;
	if (supervised_pidfd >= 0)
		close(supervised_pidfd);
	supervised_pidfd = -1;

	if (exec_errno)
		exec_error(exec_errno, argv[0], err);
	return 0;
}

void exec_prepare_reraise(int sig)
{
	struct rlimit no_core = { 0, 0 };
	sigset_t set;

	/* No core file of ipcns itself: the one that crashed was CMD. A piped
	 * core_pattern ignores RLIMIT_CORE, so only a process that is not
	 * dumpable is sure to write no second crash report. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int exec_die_like(int wstatus)
{
	if (!WIFSIGNALED(wstatus))
		return exit_status_from_wait(wstatus);
	exec_prepare_reraise(WTERMSIG(wstatus));
	raise(WTERMSIG(wstatus));
	return exit_status_from_wait(wstatus); /* a signal whose default is to continue */
}
