/* The commands: each takes its own argv (argv[0] is the command's name) and
 * returns the process exit status. */
#pragma once

#include <stdbool.h>

#include "ipcns/error.h"
#include "ipcns/launch.h"

int cmd_run(int argc, const char **argv);
int cmd_enter(int argc, const char **argv);
int cmd_get(int argc, const char **argv);
int cmd_set(int argc, const char **argv);
int cmd_create(int argc, const char **argv);
int cmd_delete(int argc, const char **argv);
int cmd_pids(int argc, const char **argv);
int cmd_identify(int argc, const char **argv);
int cmd_list(int argc, const char **argv);
int cmd_show(int argc, const char **argv);

/* run's (enter=false) or enter's parser, apart for the unit tests: fills plan
 * from argv without touching the system, beyond opening enter's TARGET to
 * check that it is an IPC namespace. */
int launch_parse(bool enter, int argc, const char **argv, struct launch_plan *plan, struct ipcns_error *err);
