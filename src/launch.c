#include "ipcns/launch.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/capability.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
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
	if (plan->target_fd >= 0)
		close(plan->target_fd);
	launch_plan_init(plan);
}

static bool have_effective_cap(cap_value_t cap)
{
	cap_t caps = cap_get_proc();
	cap_flag_value_t v = CAP_CLEAR;

	if (caps) {
		cap_get_flag(caps, cap, CAP_EFFECTIVE, &v);
		cap_free(caps);
	}
	return v == CAP_SET;
}

/* Explain EPERM from unshare/setns: is it our missing capability, or
 * something above us (seccomp, an LSM, a rootless namespace)? */
static void hint_for_eperm(const struct launch_plan *plan, struct ipcns_error *err)
{
	bool admin = have_effective_cap(CAP_SYS_ADMIN);

	if (!plan->enter && !admin)
		ipcns_error_hint(err, "creating an IPC namespace needs CAP_SYS_ADMIN: run as root or add -r (--map-root-user)");
	else if (plan->enter && !plan->join_user)
		ipcns_error_hint(err, "%s; if the namespace was made rootless (run -r), add -U (--user)",
				 admin ? "the namespace belongs to another user namespace"
				       : "joining needs CAP_SYS_ADMIN over the namespace's owner: run as root");
	else if (admin)
		ipcns_error_hint(err, "CAP_SYS_ADMIN is present but the kernel refused: a seccomp filter or "
				      "security module may forbid namespaces here");
}

/* The steps, in the order they must happen:
 *   1. read what must be read from the current namespace (run -i)
 *   2. user namespace (run -r; enter -U is part of step 3)
 *   3. create or join the IPC namespace
 *   4. limits, through /proc/sys files opened only now (a file opened
 *      earlier would write to the namespace it was opened in)
 *   5. mounts: mqueue and /dev/shm, after step 3 because an mqueue mount
 *      shows the namespace of whoever mounted it
 *   6. credentials last, while we still have the privilege for 1-5 */
int launch_setup(const struct launch_plan *plan, struct ipcns_error *err)
{
	int r;

	/* step 1 */

	/* The user namespace comes first: the IPC namespace made next is then
	 * owned by it, which is what lets an unprivileged caller write its
	 * limits and mount its mqueue fs. */
	if (plan->map_root) {
		r = userns_map_root(err);
		if (r < 0)
			return r;
	}

	if (plan->enter)
		r = ns_join_ipc(plan->target_fd, plan->join_user, plan->target.arg, err);
	else
		r = ns_unshare_ipc(err);
	if (r == -EPERM || r == -EACCES)
		hint_for_eperm(plan, err);
	if (r < 0)
		return r;

	/* step 4 */

	/* step 5 */

	/* step 6 */
	/* Last of all: the steps above need the privilege that this drops. */
	r = creds_apply(&plan->creds, err);
	if (r < 0)
		return r;

	return 0;
}
