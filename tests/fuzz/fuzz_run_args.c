/* ipcns run's command line, as launch_parse sees it: the input split at NUL
 * bytes into words after "run". Parsing only builds the plan; -S and -G
 * look names up in the user database, -m stats DIR, and nothing else leaves
 * the process. -f is left out: it reads FILE, which could be any path on
 * the machine, a FIFO or standard input (fuzz_sysctl_file parses its text).
 * enter is not fuzzed here either: its parser opens TARGET. */
#include <errno.h>

#include "fuzz.h"
#include "ipcns/commands.h"
#include "ipcns/launch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_WORDS 64

/* The help options print and exit(): not a parser finding. A short
 * cluster holding h or ? may be one (-Fh); dropping a few more words than
 * needed costs only coverage. */
static int exits(const char *w)
{
	if (strcmp(w, "--help") == 0 || strcmp(w, "--usage") == 0)
		return 1;
	return w[0] == '-' && w[1] != '-' && (strchr(w, '?') != NULL || strchr(w, 'h') != NULL);
}

/* -f reads a file: dropped, with every short-option cluster that could
 * hold it (-rf, -Ff). */
static int reads_file(const char *w)
{
	if (strncmp(w, "--sysctl-file", strlen("--sysctl-file")) == 0)
		return 1;
	return w[0] == '-' && w[1] != '-' && strchr(w, 'f') != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	const char *argv[MAX_WORDS + 2];
	struct ipcns_error err = { 0 };
	struct launch_plan plan;
	int argc = 0, r;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "run";
	for (size_t at = 0; at <= size && argc <= MAX_WORDS;) {
		const char *w = buf + at;

		at += strlen(w) + 1;
		if (!exits(w) && !reads_file(w))
			argv[argc++] = w;
	}
	argv[argc] = NULL;

	launch_plan_init(&plan);
	r = launch_parse(false, argc, argv, &plan, &err);
	if (r == 0) {
		FUZZ_CHECK(plan.argv && plan.argv[0]);
		FUZZ_CHECK(!plan.enter && plan.target_fd == -1);
	} else {
		FUZZ_CHECK(r < 0 && err.msg[0] != '\0');
	}
	launch_plan_free(&plan);
	free(buf);
	return 0;
}
