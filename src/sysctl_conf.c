/* sysctl.conf text into a plan: the parser on text, and the one file reader. */
#include "ipcns/sysctl_conf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/fileio.h"

/* How much of a user's value or path a message repeats (IPCNS_CLIP). */
#define SHOWN_VALUE 40
#define SHOWN_PATH  200

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

int sysctl_plan_add_conf(struct sysctl_plan *plan, const char *text, const char *what, struct ipcns_error *err)
{
	_cleanup_free_ char *copy = strdup(text);
	unsigned lineno = 0;
	char *line;

	if (!copy)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	/* strsep, not strtok: empty lines still count for line numbers. */
	for (char *rest = copy; (line = strsep(&rest, "\n")) != NULL;) {
		struct ipcns_error line_err = { 0 };
		bool optional = false;
		char *eq, *key;
		int r;

		lineno++;
		line = trim(line);
		if (!*line || *line == '#' || *line == ';')
			continue;
		if (*line == '-') {
			optional = true;
			line = trim(line + 1);
		}
		eq = strchr(line, '=');
		if (!eq) {
			if (optional)
				continue;
			return ipcns_error_usage(err, "%.*s%s:%u: '%.*s%s': expected KEY = VALUE",
						 IPCNS_CLIP(SHOWN_PATH, what), lineno, IPCNS_CLIP(SHOWN_VALUE, line));
		}
		*eq = '\0';
		key = trim(line);
		r = sysctl_plan_add(plan, key, trim(eq + 1), optional, &line_err);
		if (r < 0 && !optional) {
			*err = line_err;
			snprintf(err->msg, sizeof(err->msg), "%.*s%s:%u: %.300s", IPCNS_CLIP(SHOWN_PATH, what), lineno,
				 line_err.msg);
			return r;
		}
	}
	return 0;
}

int sysctl_plan_add_file(struct sysctl_plan *plan, const char *path, struct ipcns_error *err)
{
	_cleanup_free_ char *buf = NULL;
	bool is_stdin = strcmp(path, "-") == 0;
	const char *shown = is_stdin ? "standard input" : path;
	size_t len = 0;
	int r;

	r = is_stdin ? read_fd(STDIN_FILENO, SYSCTL_CONF_MAX, &buf, &len)
		     : read_file_at(AT_FDCWD, path, SYSCTL_CONF_MAX, &buf, &len);
	if (r == -EFBIG)
		return ipcns_error_usage(err, "%.*s%s: larger than %d bytes (1 MiB); not a sysctl.conf file",
					 IPCNS_CLIP(SHOWN_PATH, shown), SYSCTL_CONF_MAX);
	if (r == -ENOMEM)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	/* The option is named: a bare "PATH: No such file" does not say which
	 * argument it was, nor what was wanted of it. */
	if (r < 0)
		return ipcns_error_usage(err,
					 "--sysctl-file=%.*s%s: cannot read it: %s (expected a sysctl.conf file, "
					 "or - for standard input)",
					 IPCNS_CLIP(SHOWN_PATH, shown), strerror(-r));
	if (strlen(buf) != len)
		return ipcns_error_usage(err, "%.*s%s: contains a NUL byte; not a sysctl.conf file",
					 IPCNS_CLIP(SHOWN_PATH, shown));
	return sysctl_plan_add_conf(plan, buf, is_stdin ? "stdin" : path, err);
}
