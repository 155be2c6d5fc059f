#include "ipcns/launch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/mounts.h"
#include "ipcns/userns.h"

void launch_plan_init(struct launch_plan *plan)
{
	*plan = (struct launch_plan){ .target_fd = -1 };
}

void launch_plan_free(struct launch_plan *plan)
{
	creds_plan_free(&plan->creds);
	if (plan->argv)
		for (char **a = plan->argv; *a; a++)
			free(*a);
	free(plan->argv);
	free(plan->target_arg);
	target_free(&plan->target);
	if (plan->target_fd >= 0)
		close(plan->target_fd);
	mounts_plan_free(&plan->mounts);
	launch_plan_init(plan);
}

/* Put back the limits that were written before a later step failed; say in
 * err when that too failed, so the caller knows what was left behind. */
static void undo_limits(const struct sysctl_plan *undo, struct ipcns_error *err)
{
	struct ipcns_error undo_err = { 0 };
	size_t len;

	if (sysctl_plan_empty(undo) || sysctl_plan_apply(undo, NULL, &undo_err) == 0)
		return;
	len = strlen(err->msg);
	snprintf(err->msg + len, sizeof(err->msg) - len, "; the limits written before could not be restored: %s",
		 undo_err.msg);
}

/* Every check that can refuse has run (launch_parse) before this starts.
 * The steps, in the order they must happen:
 *   0. clear the supplementary groups that -S/-G drop (with -r or -U)
 *   1. read what must be read from the current namespace (run -i)
 *   2. user namespace (run -r, -c, --map-*; enter -U is part of step 3)
 *   3. create or join the IPC namespace
 *   4. limits, through /proc/sys files opened only now (a file opened
 *      earlier would write to the namespace it was opened in)
 *   5. mounts: mqueue and /dev/shm, after step 3 because an mqueue mount
 *      shows the namespace of whoever mounted it
 *   6. CMD's own IDs where they are not 0 (run -c, --map-user/-group)
 *   7. credentials last, while we still have the privilege for 1-6 */
int launch_setup(const struct launch_plan *plan, struct ipcns_error *err)
{
	const struct sysctl_plan *limits = &plan->limits;
	struct sysctl_plan inherited, undo = { 0 };
	int r;

	/* 0. -S or -G with a user namespace to make (-r, -c, --map-*) or join
	 * (-U): the supplementary groups they take away go first, while that
	 * is still possible, since setgroups() may be denied in there for
	 * good. Where it fails, nothing outside this process has changed yet.
	 * Not for --map-auto: newgidmap leaves setgroups() allowed in its
	 * namespace, where step 6 sets them (a user's own groups could not be
	 * cleared out here without CAP_SETGID). */
	if ((plan->userns.wanted && !plan->userns.map_auto) || plan->join_user) {
		r = creds_clear_groups(&plan->creds, err);
		if (r < 0)
			return r;
	}

	/* 1. run -i: the current namespace's limits, under -f and -s. */
	if (plan->inherit) {
		inherited = plan->limits;
		r = sysctl_plan_inherit(&inherited, err);
		if (r < 0)
			return r;
		limits = &inherited;
	}

	/* 2. The user namespace comes first: the IPC namespace made next is
	 * then owned by it, which is what lets an unprivileged caller write
	 * its limits and mount its mqueue fs. */
	if (plan->userns.wanted) {
		r = userns_setup(&plan->userns, err);
		if (r < 0)
			return r;
	}

	/* 3. */
	if (plan->enter)
		r = target_join(plan->target_fd, &plan->target, plan->join_user, err);
	else
		r = ns_unshare_ipc(err);
	if (r < 0)
		return r;
	/* enter -U has just put us in another user namespace: the ids that
	 * -S/-G name must be mapped in it. Check now, before step 4 writes a
	 * limit that a failure at step 6 would leave behind. */
	if (plan->enter && plan->join_user) {
		r = creds_check_self_mapped(&plan->creds, err);
		if (r < 0)
			return r;
	}

	/* 4. Checked against what the namespace holds, now that we are in it. */
	if (!sysctl_plan_empty(limits)) {
		r = sysctl_plan_judge(limits, false, plan->strict, plan->on_warning, err);
		if (r < 0)
			return r;
		r = sysctl_plan_apply(limits, &undo, err);
		if (r < 0)
			return r;
	}

	/* 5. */
	if (mounts_wanted(&plan->mounts)) {
		r = mounts_setup(&plan->mounts, err);
		if (r < 0)
			goto undo_limits;
	}

	/* 6. After 4 and 5, which need the uid 0 of the namespace's owner. */
	r = userns_finish(&plan->userns, err);
	if (r < 0)
		goto undo_limits;

	/* 7. Last of all: the steps above need the privilege that this drops. */
	r = creds_apply(&plan->creds, err);
	if (r == 0)
		return 0;

	/* A refused run or enter changes nothing: what step 4 wrote goes back
	 * (what step 5 made vanishes with our private mount namespace). */
undo_limits:
	undo_limits(&undo, err);
	return r;
}
