/* ipcns: global options, the command table, dispatch. */
#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/commands.h"
#include "ipcns/config.h"
#include "ipcns/exit.h"

struct ipcns_command {
	const char *name;
	int (*run)(int argc, const char **argv);
	const char *synopsis;
	const char *summary;
	bool launcher; /* fails with 125, like env and chroot, so CMD's own codes stay readable */
};

/* clang-format off: a command in two lines reads as a table */
static const struct ipcns_command commands[] = {
	{ .name = "run",
	  .run = cmd_run,
	  .launcher = true,
	  .synopsis = "[OPTIONS] [--] [CMD [ARG...]]",
	  .summary = "run CMD in a new IPC namespace" },
	{ .name = "enter",
	  .run = cmd_enter,
	  .launcher = true,
	  .synopsis = "[OPTIONS] TARGET [--] [CMD [ARG...]]",
	  .summary = "run CMD in an existing IPC namespace" },
	{ .name = "get",
	  .run = cmd_get,
	  .synopsis = "[OPTIONS] [KEY...]",
	  .summary = "read the limits of an IPC namespace" },
	{ .name = "set",
	  .run = cmd_set,
	  .synopsis = "[OPTIONS] KEY=VALUE...",
	  .summary = "change the limits of an IPC namespace" },
	{ .name = "create",
	  .run = cmd_create,
	  .synopsis = "[OPTIONS] NAME",
	  .summary = "a named IPC namespace that outlives its processes" },
	{ .name = "delete",
	  .run = cmd_delete,
	  .synopsis = "[--force] NAME...",
	  .summary = "delete named namespaces (refused while in use)" },
	{ .name = "pids", .run = cmd_pids, .synopsis = "NAME", .summary = "the processes in a named namespace" },
	{ .name = "identify",
	  .run = cmd_identify,
	  .synopsis = "[PID]",
	  .summary = "the names of a process's IPC namespace" },
	{ .name = "list",
	  .run = cmd_list,
	  .synopsis = "[-J] [-n] [-r] [-u] [-b] [-o COLUMNS]",
	  .summary = "list every IPC namespace on the system" },
	{ .name = "show",
	  .run = cmd_show,
	  .synopsis = "[-J] [-r] [-u] [-b] [TARGET]",
	  .summary = "objects and limits inside one IPC namespace" },
};
/* clang-format on */

static const struct ipcns_command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void usage(FILE *out)
{
	fprintf(out, "Usage: ipcns [-h|-?|--help] [-V|--version] COMMAND [ARGS]\n"
		     "Create, join and configure Linux IPC namespaces.\n\nCommands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-8s %-36s %s\n", commands[i].name, commands[i].synopsis, commands[i].summary);
	fprintf(out, "  %-8s %-36s %s\n", "help", "[COMMAND]", "show help for ipcns or for COMMAND");
	fprintf(out, "\nTARGET is a path to an nsfs file (/proc/PID/ns/ipc), a PID, or a name.\n"
		     "Run 'ipcns COMMAND --help' for a command's options; see ipcns(1).\n");
}

/* "run enter ... help", for the one-line usage errors below. */
static const char *command_names(void)
{
	static char names[256];
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(commands) && n < sizeof(names); i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s ", commands[i].name);
	if (n < sizeof(names))
		snprintf(names + n, sizeof(names) - n, "help");
	return names;
}

/* Every usage error is one line, printed like the commands' own (control
 * characters in the user's words escaped). */
static int usage_error(const char *what, const char *why)
{
	struct ipcns_error err = { 0 };

	ipcns_error_usage(&err, "%.*s%s: %s", IPCNS_CLIP(64, what), why);
	ipcns_error_print(&err);
	return IPCNS_EXIT_USAGE;
}

static int unknown_command(const char *name)
{
	char why[320];

	snprintf(why, sizeof(why), "unknown command (commands: %s)", command_names());
	return usage_error(name, why);
}

static int dispatch(int argc, const char **argv);

static int help(int argc, const char **argv)
{
	const struct ipcns_command *c;
	const char *sub[] = { NULL, "--help", NULL };

	if (argc < 2) {
		usage(stdout);
		return IPCNS_EXIT_SUCCESS;
	}
	if (argc > 2)
		return usage_error(argv[2], "unexpected argument: help takes at most one COMMAND");
	if (strcmp(argv[1], "help") == 0) { /* help help: what help itself does */
		usage(stdout);
		return IPCNS_EXIT_SUCCESS;
	}
	c = find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	sub[0] = c->name;
	return c->run(2, sub);
}

/* The status for a failed write to standard output: 125 for run and enter. */
static int stdout_failure = IPCNS_EXIT_FAILURE;

/* What was written to standard output must have arrived: a full disk or a
 * closed pipe under --help, --version or get is a failure, not silence. An
 * atexit() handler, so that popt's help, which exits, is covered too. A
 * stdout that was closed before we started and never written is fine. */
static void close_stdout(void)
{
	bool pending = __fpending(stdout) != 0;
	bool failed = ferror(stdout) != 0;
	struct ipcns_error err = { 0 };
	int e = 0;

	if (fclose(stdout) != 0 && (pending || errno != EBADF)) {
		failed = true;
		e = errno;
	}
	if (!failed)
		return;
	ipcns_error_set(&err, e ? e : EIO, "standard output: %s", strerror(e ? e : EIO));
	ipcns_error_print(&err);
	_exit(stdout_failure);
}

static int dispatch(int argc, const char **argv)
{
	const struct ipcns_command *c;

	/* Namespace tools must not be setuid: everything here trusts its caller.
	 * AT_SECURE also catches file capabilities, which leave the IDs alone. */
	if (getuid() != geteuid() || getgid() != getegid() || getauxval(AT_SECURE)) {
		fprintf(stderr, "ipcns: refusing to run setuid, setgid or with file capabilities: "
				"ipcns is not designed to be installed that way\n");
		return IPCNS_EXIT_FAILURE;
	}
	if (argc < 2) {
		char why[320];

		snprintf(why, sizeof(why), "expected one of: %s; see ipcns --help", command_names());
		return usage_error("missing COMMAND", why);
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0)
		return help(1, argv);
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("ipcns %s\n", IPCNS_VERSION);
		return IPCNS_EXIT_SUCCESS;
	}
	if (strcmp(argv[1], "help") == 0)
		return help(argc - 1, argv + 1);
	c = find_command(argv[1]);
	if (!c) {
		if (argv[1][0] == '-')
			return usage_error(argv[1], "unknown option; expected -h, -?, -V or a command first");
		return unknown_command(argv[1]);
	}
	return c->run(argc - 1, argv + 1);
}

int main(int argc, const char **argv)
{
	const struct ipcns_command *c;

	if (argc >= 2 && (c = find_command(argv[1])) && c->launcher)
		stdout_failure = IPCNS_EXIT_LAUNCH;
	atexit(close_stdout);
	return dispatch(argc, argv);
}
