/* ipcns: global options, the command table, dispatch. */
#include <stdio.h>
#include <string.h>
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

static const struct ipcns_command commands[] = {
	{ .name = "run", .run = cmd_run, .launcher = true,
	  .synopsis = "[OPTIONS] [--] [CMD [ARG...]]", .summary = "run CMD in a new IPC namespace" },
	{ .name = "enter", .run = cmd_enter, .launcher = true,
	  .synopsis = "[OPTIONS] TARGET [--] [CMD [ARG...]]", .summary = "run CMD in an existing IPC namespace" },
	{ .name = "get", .run = cmd_get,
	  .synopsis = "[OPTIONS] [KEY...]", .summary = "read the limits of an IPC namespace" },
	{ .name = "set", .run = cmd_set,
	  .synopsis = "[OPTIONS] KEY=VALUE...", .summary = "change the limits of an IPC namespace" },
};

static const struct ipcns_command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void usage(FILE *out)
{
	fprintf(out, "Usage: ipcns [-h|--help] [-V|--version] COMMAND [ARGS]\n"
		     "Create, join and configure Linux IPC namespaces.\n\nCommands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-6s %-38s %s\n", commands[i].name, commands[i].synopsis, commands[i].summary);
	fprintf(out, "  %-6s %-38s %s\n", "help", "[COMMAND]", "show help for ipcns or for COMMAND");
	fprintf(out, "\nTARGET is a path to an nsfs file (/proc/PID/ns/ipc), a PID, or a name.\n"
		     "Run 'ipcns COMMAND --help' for a command's options; see ipcns(1).\n");
}

static void unknown_command(const char *name)
{
	fprintf(stderr, "ipcns: %s: unknown command (commands:", name);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(stderr, " %s", commands[i].name);
	fprintf(stderr, " help)\n");
}

static int help(int argc, const char **argv)
{
	const struct ipcns_command *c;
	const char *sub[] = { NULL, "--help", NULL };

	if (argc < 2) {
		usage(stdout);
		return IPCNS_EXIT_SUCCESS;
	}
	c = find_command(argv[1]);
	if (!c) {
		unknown_command(argv[1]);
		return IPCNS_EXIT_USAGE;
	}
	sub[0] = c->name;
	return c->run(2, sub);
}

int main(int argc, const char **argv)
{
	const struct ipcns_command *c;

	/* Namespace tools must not be setuid: everything here trusts its caller. */
	if (getuid() != geteuid() || getgid() != getegid()) {
		fprintf(stderr, "ipcns: refusing to run setuid or setgid: ipcns is not designed to be installed that way\n");
		return IPCNS_EXIT_FAILURE;
	}
	if (argc < 2) {
		usage(stderr);
		return IPCNS_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
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
			fprintf(stderr, "ipcns: %s: unknown option; expected -h, -V or a command first\n", argv[1]);
		else
			unknown_command(argv[1]);
		return IPCNS_EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
