/* Command-line helpers shared by the cmd_*.c files. */
#pragma once

#include <popt.h>
#include <stdbool.h>
#include <stdio.h>

#include "ipcns/error.h"

/* popt gives an option with an optional argument the next word as its value,
 * so `run -m ls` would mount on "ls". Give such options getopt's meaning
 * instead — a value only when attached (`--mqueue=DIR`, `-mDIR`) — by
 * rewriting a bare `-m`/`--mqueue` into `--mqueue=` before popt sees it.
 * Scanning stops at `--` or the first operand, as popt does with
 * POPT_CONTEXT_POSIXMEHARDER. *out is a new NULL-terminated array whose
 * strings are borrowed from argv or allocated into *owned (free both with
 * cli_argv_free). */
int cli_attach_optional_args(const struct poptOption *table, int argc, const char **argv, int *out_argc,
			     const char ***out, char ***owned);
void cli_argv_free(const char **argv, char **owned);
/* cli_attach_optional_args() for command cmd, and an empty attached value
 * (`--mqueue=`) is a usage error: one is given alone or with a value. */
int cli_prepare_args(const struct poptOption *table, const char *cmd, int argc, const char **argv, int *out_argc,
		     const char ***out, char ***owned, struct ipcns_error *err);

/* The --usage text: every option of table (included tables too) in
 * brackets, an optional value as [=VALUE], then operands; wrapped at 79
 * columns. popt's own shows an optional value as if it were required. */
void cli_print_usage(FILE *out, const char *name, const struct poptOption *table, const char *operands);

/* popt's POPT_AUTOHELP offers only -? for help; ipcns documents -h, as
 * most tools do. Ends every command's option table. Printing the help exits
 * the process with 0, as POPT_AUTOHELP does. */
extern struct poptOption cli_help_options[];
#define CLI_AUTOHELP                                                                                                   \
	{                                                                                                              \
		NULL, '\0', POPT_ARG_INCLUDE_TABLE, cli_help_options, 0, "Help options:", NULL                         \
	}

/* A popt context with usage text. popt_flags is POPT_CONTEXT_POSIXMEHARDER
 * for commands whose operands are a CMD with options of its own (run,
 * enter), 0 where options may follow operands (get, set). */
poptContext cli_context(const char *name, int argc, const char **argv, const struct poptOption *table,
			const char *operands, unsigned popt_flags);
/* Run popt to the end. Options whose val is non-zero and arg NULL reach
 * on_opt with their argument (borrowed for the call); returns 0, on_opt's
 * error, or a usage error naming the bad option. */
int cli_parse(poptContext ctx, const char *cmd, int (*on_opt)(int val, const char *arg, void *data), void *data,
	      struct ipcns_error *err);
