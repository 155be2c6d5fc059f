/* run and enter: a plan built and validated from the command line, then
 * carried out in one fixed order before CMD is executed. */
#pragma once

#include <stdbool.h>

#include "ipcns/creds.h"
#include "ipcns/error.h"
#include "ipcns/mounts.h"
#include "ipcns/ns.h"
#include "ipcns/sysctl.h"
#include "ipcns/target.h"
#include "ipcns/userns.h"

struct launch_plan {
	bool enter;                /* join TARGET (enter) instead of creating (run) */
	char *target_arg;          /* enter: TARGET as given, owned */
	struct target target;      /* enter: parsed; .arg points into target_arg */
	int target_fd;             /* enter: the target's IPC nsfs fd, opened while validating */
	struct userns_plan userns; /* run -r, -c, --map-user/-group/-auto: a new user namespace */
	bool join_user;            /* enter -U: also join the target's owning user namespace */
	bool host;                 /* enter --host: limits may be written to the initial namespace */
	bool fork;                 /* -F: supervise CMD instead of becoming it */
	bool new_session;          /* CMD is another user: its own session, supervised (implies fork) */
	char **argv;               /* CMD and its arguments, NULL-terminated, owned */

	/* limits: -s, -f, -i */
	struct sysctl_plan limits;      /* -f files in order, then -s on top: applied in step 4 */
	struct sysctl_plan limits_args; /* -s while parsing, kept apart so that it wins over any -f */
	bool inherit;                   /* run -i: the current namespace's values first (step 1) */
	bool strict;                    /* --strict: limits that make each other useless are refused */
	/* Called for each such pair when not strict, before anything is written. */
	void (*on_warning)(const char *msg);

	/* mounts: -m, --shm */
	struct mounts_plan mounts; /* -m (run and enter), --shm (run only) */

	/* credentials: -S, -G, --caps, --no-new-privs */
	struct creds_plan creds;
};

void launch_plan_init(struct launch_plan *plan);
void launch_plan_free(struct launch_plan *plan);

/* Create or join the namespaces and configure them. On return only the exec
 * (or fork and exec) of plan->argv remains. */
int launch_setup(const struct launch_plan *plan, struct ipcns_error *err);
