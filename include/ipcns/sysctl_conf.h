/* sysctl.conf text into a plan (run/enter -f): the parser works on text in
 * memory; one reader brings a file or standard input there. */
#pragma once

#include "ipcns/error.h"
#include "ipcns/sysctl_plan.h"

/* The most a -f file may hold; far more than 17 keys ever need. */
#define SYSCTL_CONF_MAX (1024 * 1024)

/* sysctl.conf text: "KEY = VALUE" lines, '#' and ';' comments, blank
 * lines, slashed keys, and a leading '-' for "ignore this line if it
 * fails" (a bad value or an unknown key on such a line is dropped and
 * leaves err untouched). Errors start with "what:LINE: ". */
int sysctl_plan_add_conf(struct sysctl_plan *plan, const char *text, const char *what, struct ipcns_error *err);
/* Read a file (or standard input for "-") of at most SYSCTL_CONF_MAX bytes
 * with sysctl_plan_add_conf. */
int sysctl_plan_add_file(struct sysctl_plan *plan, const char *path, struct ipcns_error *err);
