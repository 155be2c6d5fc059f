/* ipcns run and ipcns enter: parse into a launch plan, carry it out, then
 * become CMD (or supervise it with --fork). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/cli.h"
#include "ipcns/commands.h"
#include "ipcns/exec.h"
#include "ipcns/exit.h"
#include "ipcns/explain.h"
#include "ipcns/launch.h"

enum {
	OPT_MAP_ROOT = 1,
	OPT_MAP_CURRENT,
	OPT_MAP_USER,
	OPT_MAP_GROUP,
	OPT_MAP_AUTO,
	OPT_USER,
	OPT_HOST,
	OPT_FORK,

	/* limits */
	OPT_SYSCTL,
	OPT_SYSCTL_FILE,
	OPT_INHERIT,
	OPT_STRICT,

	/* mounts */
	OPT_MQUEUE,
	OPT_SHM,

	/* credentials */
	OPT_SETUID,
	OPT_SETGID,
	OPT_CAPS,
	OPT_NO_NEW_PRIVS,
};

static struct poptOption shared_options[] = {
	/* limits */
	{ "sysctl", 's', POPT_ARG_STRING, NULL, OPT_SYSCTL,
	  "set a limit in the namespace before CMD starts (repeatable)", "KEY=VALUE" },
	{ "sysctl-file", 'f', POPT_ARG_STRING, NULL, OPT_SYSCTL_FILE,
	  "set the limits in FILE (sysctl.conf syntax, '-' for stdin; 'ipcns get' writes it)", "FILE" },

	{ "strict", '\0', POPT_ARG_NONE, NULL, OPT_STRICT,
	  "refuse limits that make each other useless (e.g. msgmax above msgmnb) instead of warning", NULL },

	/* mounts */
	{ "mqueue", 'm', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, NULL, OPT_MQUEUE,
	  "private mount namespace with a fresh mqueue fs on DIR (default /dev/mqueue)", "DIR" },

	/* credentials */
	{ "setuid", 'S', POPT_ARG_STRING, NULL, OPT_SETUID,
	  "run CMD as USER (a name or a UID), with that user's group and groups unless -G", "USER" },
	{ "setgid", 'G', POPT_ARG_STRING, NULL, OPT_SETGID,
	  "run CMD with GROUP (a name or a GID) and no supplementary groups", "GROUP" },
	{ "caps", '\0', POPT_ARG_STRING, NULL, OPT_CAPS,
	  "capabilities CMD keeps, e.g. cap_ipc_lock,cap_ipc_owner, or none (the default with -S)", "LIST" },
	{ "no-new-privs", '\0', POPT_ARG_NONE, NULL, OPT_NO_NEW_PRIVS,
	  "CMD cannot gain privileges through setuid files or file capabilities", NULL },

	{ "fork", 'F', POPT_ARG_NONE, NULL, OPT_FORK, "stay as CMD's parent: forward signals, exit with its status",
	  NULL },
	POPT_TABLEEND,
};

static struct poptOption run_options[] = {
	{ "map-root-user", 'r', POPT_ARG_NONE, NULL, OPT_MAP_ROOT,
	  "also a new user namespace with you mapped to root (works unprivileged)", NULL },
	{ "map-current-user", 'c', POPT_ARG_NONE, NULL, OPT_MAP_CURRENT,
	  "as -r, but CMD keeps your own uid and gid inside (for programs that refuse root)", NULL },
	{ "map-user", '\0', POPT_ARG_STRING, NULL, OPT_MAP_USER,
	  "as -r, but your uid is UID inside (a number, or a name looked up here)", "UID" },
	{ "map-group", '\0', POPT_ARG_STRING, NULL, OPT_MAP_GROUP,
	  "as -r, but your gid is GID inside (a number, or a name looked up here)", "GID" },
	{ "map-auto", '\0', POPT_ARG_NONE, NULL, OPT_MAP_AUTO,
	  "also map your first blocks of /etc/subuid and /etc/subgid from 0 up, through newuidmap and newgidmap",
	  NULL },
	/* limits */
	{ "inherit", 'i', POPT_ARG_NONE, NULL, OPT_INHERIT,
	  "start from this namespace's limits, not the kernel defaults (then -f, then -s)", NULL },

	/* mounts: run only, since on enter an empty tmpfs would hide the
	 * target's POSIX shm from CMD instead of sharing it */
	{ "shm", '\0', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, NULL, OPT_SHM,
	  "private mount namespace with a fresh tmpfs on /dev/shm for shm_open(); SIZE in bytes, K, M, G or T "
	  "suffix (default: half of the RAM)",
	  "SIZE" },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, shared_options, 0, NULL, NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

static struct poptOption enter_options[] = {
	{ "user", 'U', POPT_ARG_NONE, NULL, OPT_USER,
	  "also join the namespace's owning user namespace (for rootless namespaces); CMD is its uid 0, with no "
	  "supplementary groups",
	  NULL },
	{ "host", '\0', POPT_ARG_NONE, NULL, OPT_HOST,
	  "allow -s/-f to change the limits of the initial (host) IPC namespace", NULL },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, shared_options, 0, NULL, NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

struct parse_state {
	struct launch_plan *plan;
	struct ipcns_error *err;
};

/* -r and -c: both of the caller's IDs mapped, over any earlier choice. */
static void map_both(struct userns_plan *u, uid_t uid, gid_t gid)
{
	u->wanted = u->map_uid = u->map_gid = true;
	u->uid = uid;
	u->gid = gid;
}

static int on_option(int val, const char *arg, void *data)
{
	struct parse_state *st = data;
	struct launch_plan *plan = st->plan;

	switch (val) {
	/* user namespace: as with unshare(1), -r and -c set both IDs and
	 * --map-user/--map-group one each; the last one given wins */
	case OPT_MAP_ROOT:
		map_both(&plan->userns, 0, 0);
		break;
	case OPT_MAP_CURRENT:
		map_both(&plan->userns, getuid(), getgid());
		break;
	case OPT_MAP_USER:
		plan->userns.wanted = plan->userns.map_uid = true;
		return userns_parse_id(arg, false, "--map-user", &plan->userns.uid, st->err);
	case OPT_MAP_GROUP:
		plan->userns.wanted = plan->userns.map_gid = true;
		return userns_parse_id(arg, true, "--map-group", &plan->userns.gid, st->err);
	case OPT_MAP_AUTO:
		plan->userns.wanted = plan->userns.map_auto = true;
		break;
	case OPT_USER:
		plan->join_user = true;
		break;
	case OPT_HOST:
		plan->host = true;
		break;
	case OPT_FORK:
		plan->fork = true;
		break;

	/* limits */
	case OPT_SYSCTL:
		return sysctl_plan_add_pair(&plan->limits_args, arg, "--sysctl", st->err);
	case OPT_SYSCTL_FILE:
		return sysctl_plan_add_file(&plan->limits, arg, st->err);
	case OPT_INHERIT:
		plan->inherit = true;
		break;
	case OPT_STRICT:
		plan->strict = true;
		break;

	/* mounts */
	case OPT_MQUEUE:
		return mounts_parse_mqueue(arg, &plan->mounts, st->err);
	case OPT_SHM:
		return mounts_parse_shm(arg, &plan->mounts, st->err);

	/* credentials */
	case OPT_SETUID:
		return creds_set_user(&plan->creds, arg, st->err);
	case OPT_SETGID:
		return creds_set_group(&plan->creds, arg, st->err);
	case OPT_CAPS:
		plan->creds.caps_given = true;
		return creds_parse_caps(arg, &plan->creds.caps, st->err);
	case OPT_NO_NEW_PRIVS:
		plan->creds.no_new_privs = true;
		break;
	}
	return 0;
}

static int set_command(struct launch_plan *plan, const char *const *args, struct ipcns_error *err)
{
	static const char *const fallback[] = { "/bin/sh", NULL };
	const char *shell = getenv("SHELL");
	const char *const login[] = { shell && *shell ? shell : fallback[0], NULL };
	size_t n = 0;

	if (!args || !*args)
		args = login; /* CMD defaults to $SHELL, then /bin/sh */
	while (args[n])
		n++;
	plan->argv = calloc(n + 1, sizeof(*plan->argv));
	if (!plan->argv)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (!(plan->argv[i] = strdup(args[i])))
			return ipcns_error_set(err, ENOMEM, "out of memory");
	return 0;
}

/* -S and -G against the maps of the user namespace that run makes; with
 * --map-auto, CMD's mapped IDs become what creds_apply() switches to after
 * the set-up done as uid 0 of the namespace. */
static int check_userns_ids(struct launch_plan *plan, struct ipcns_error *err)
{
	struct userns_plan *u = &plan->userns;
	struct creds_plan *c = &plan->creds;
	char uid_map[128], gid_map[128], where[160];
	int r;

	r = userns_resolve(u, err);
	if (r < 0)
		return r;
	userns_final_map(u, false, uid_map, sizeof(uid_map));
	userns_final_map(u, true, gid_map, sizeof(gid_map));
	if (u->map_auto)
		snprintf(where, sizeof(where), "the user namespace of --map-auto (uid map: %.40s)", uid_map);
	else if (!userns_nested(u))
		snprintf(where, sizeof(where), "the user namespace of -r, where only 0 is mapped");
	else if (u->map_uid && u->map_gid)
		snprintf(where, sizeof(where), "the new user namespace, which maps only uid %u and gid %u",
			 (unsigned)u->uid, (unsigned)u->gid);
	else
		snprintf(where, sizeof(where), "the new user namespace, which maps only %s %u",
			 u->map_uid ? "uid" : "gid", (unsigned)(u->map_uid ? u->uid : u->gid));
	for (char *nl; (nl = strchr(where, '\n'));)
		*nl = ' ';
	r = creds_check_mapped(c, uid_map, gid_map, false, where, err);
	if (r < 0 || !u->map_auto)
		return r;
	if (!c->set_gid && u->gid != 0) {
		c->gid = u->gid;
		c->set_gid = true;
	}
	if (!c->set_uid && u->uid != 0) {
		if (!c->user_arg && asprintf(&c->user_arg, "%u", (unsigned)u->uid) < 0) {
			c->user_arg = NULL;
			return ipcns_error_set(err, ENOMEM, "out of memory");
		}
		c->uid = u->uid;
		c->set_uid = true;
	}
	if (c->set_gid && !c->user_arg && !c->group_arg && asprintf(&c->group_arg, "%u", (unsigned)c->gid) < 0) {
		c->group_arg = NULL;
		return ipcns_error_set(err, ENOMEM, "out of memory");
	}
	return 0;
}

/* What else can refuse runs here, before launch_setup() changes anything:
 * a refused run or enter leaves no limit written and no directory made. */
static int check_before_changes(const struct launch_plan *plan, struct ipcns_error *err)
{
	bool fresh_userns = plan->userns.wanted;
	bool initial = false;
	int r;

	/* enter -s/-f on the host's namespace (a stale pidfile, a typo)
	 * would retune the whole machine: only with --host, as for set. */
	if (plan->enter && !sysctl_plan_empty(&plan->limits) && !plan->host) {
		r = ns_is_initial_ipc(plan->target_fd, &initial, plan->target.arg, err);
		if (r < 0)
			return r;
		if (initial) {
			r = ipcns_error_usage(err,
					      "%.*s%s: is the host's (initial) IPC namespace; refusing to change its "
					      "limits",
					      IPCNS_CLIP(200, plan->target.arg));
			ipcns_error_reason(err, IPCNS_R_HOST_GUARD, plan->target.arg);
			return r;
		}
	}
	/* The capabilities CMD keeps must be ours where CMD will run: in a
	 * user namespace that run -r makes or enter -U joins, that is all of
	 * the bounding set. */
	if (plan->enter && plan->join_user) {
		struct ns_owner owner;

		fresh_userns = ns_owner_of(plan->target_fd, &owner) == 0 && !owner.ours;
	}
	return creds_check(&plan->creds, fresh_userns, err);
}

/* Could a user other than the caller take CMD over (ptrace it, as the
 * owner of a process may)? Then CMD must not keep the caller's terminal,
 * where it could push keystrokes into the caller's shell (TIOCSTI). That is
 * the case after -S to another uid, and after enter -U into a user
 * namespace that is not an ordinary caller's own (whoever is uid 0 there
 * may trace CMD). A
 * user namespace that run makes (-r, -c, --map-*) belongs to the caller,
 * and so does CMD in it, whatever its uid there: the caller's own, or one
 * of the caller's subordinate IDs. */
static bool cmd_is_another_user(const struct launch_plan *plan)
{
	struct ns_owner owner;

	if (plan->userns.wanted)
		return false;
	/* enter -U joins a user namespace in which CMD is uid 0, whatever
	 * that maps to outside: a container's root (100000, say) even where
	 * root made the namespace, so who created it does not settle it. Only
	 * an ordinary caller's own namespace maps onto the caller's own IDs
	 * (or subordinate ones): everything else counts as another user. */
	if (plan->enter && plan->join_user && ns_owner_of(plan->target_fd, &owner) == 0 && !owner.ours)
		return owner.uid != getuid() || getuid() == 0;
	return plan->creds.set_uid && plan->creds.uid != getuid();
}

static bool have_controlling_terminal(void)
{
	_cleanup_close_ int fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	return fd >= 0;
}

int launch_parse(bool enter, int argc, const char **argv, struct launch_plan *plan, struct ipcns_error *err)
{
	const struct poptOption *table = enter ? enter_options : run_options;
	const char *cmd = enter ? "enter" : "run";
	struct parse_state st = { .plan = plan, .err = err };
	const char **args, **nargv = NULL;
	char **owned = NULL;
	poptContext ctx;
	int nargc, r;

	plan->enter = enter;
	r = cli_prepare_args(table, cmd, argc, argv, &nargc, &nargv, &owned, err);
	if (r < 0)
		return r;
	nargv[0] = enter ? "ipcns enter" : "ipcns run"; /* popt's usage line shows argv[0] */
	ctx = cli_context(nargv[0], nargc, nargv, table,
			  enter ? "[OPTIONS] TARGET [--] [CMD [ARG...]]" : "[OPTIONS] [--] [CMD [ARG...]]",
			  POPT_CONTEXT_POSIXMEHARDER);
	if (!ctx) {
		cli_argv_free(nargv, owned);
		return ipcns_error_set(err, ENOMEM, "out of memory");
	}
	r = cli_parse(ctx, cmd, on_option, &st, err);
	if (r < 0)
		goto out;

	args = poptGetArgs(ctx);
	if (enter) {
		if (!args || !*args) {
			r = ipcns_error_usage(err, "enter: missing TARGET (a PID, a path to an nsfs file, or a name)");
			goto out;
		}
		plan->target_arg = strdup(*args);
		if (!plan->target_arg) {
			r = ipcns_error_set(err, ENOMEM, "out of memory");
			goto out;
		}
		r = target_parse(plan->target_arg, &plan->target, err);
		if (r < 0)
			goto out;
		args++;
		if (*args && strcmp(*args, "--") == 0) /* popt leaves a -- that follows TARGET */
			args++;
		plan->target_fd = target_open(&plan->target, err);
		if (plan->target_fd < 0) {
			r = plan->target_fd;
			goto out;
		}
		/* A name is a whole IPC context: its queues on /dev/mqueue, its
		 * store on /dev/shm; a rootless one is joined with its user ns. */
		plan->join_user |= plan->target.rootless;
		if (plan->target.kind == TARGET_NAME)
			r = mounts_for_name(&plan->mounts, plan->target.store, err);
		if (r < 0)
			goto out;
	}
	r = set_command(plan, args, err);
	if (r < 0)
		goto out;

	/* checks across options: limits */
	sysctl_plan_merge(&plan->limits, &plan->limits_args);

	/* checks across options: mounts */
	r = mounts_check(&plan->mounts, err);
	if (r < 0)
		goto out;

	/* checks across options: credentials */
	r = creds_resolve(&plan->creds, err);
	if (r < 0)
		goto out;
	/* Check the IDs against the user namespace CMD will run in while
	 * nothing has been made yet. enter -U's is known only once joined, and
	 * launch_setup() checks it then. */
	if (plan->userns.wanted)
		r = check_userns_ids(plan, err);
	else if (!plan->join_user)
		r = creds_check_self_mapped(&plan->creds, err);
	if (r < 0)
		goto out;
	r = check_before_changes(plan, err);
	if (r < 0)
		goto out;
	/* CMD is then started in a session of its own, and ipcns stays as its
	 * parent to pass on ^C and the like, which no longer reach it. */
	plan->new_session = cmd_is_another_user(plan) && have_controlling_terminal();
out:
	poptFreeContext(ctx);
	cli_argv_free(nargv, owned);
	return r;
}

static int launch_main(bool enter, int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;
	struct launch_plan plan;
	int r, wstatus = 0;

	explain_caller_init(&who, enter ? "enter" : "run");
	launch_plan_init(&plan);
	plan.on_warning = ipcns_warning_print;
	r = launch_parse(enter, argc, argv, &plan, &err);
	who.join_user = plan.join_user;
	if (r == 0)
		r = launch_setup(&plan, &err);
	if (r < 0) {
		r = explain_report(&who, &err);
		launch_plan_free(&plan);
		return r;
	}
	if (!plan.fork && !plan.new_session) {
		exec_command(plan.argv, &err);
		explain_print(&who, &err);
		launch_plan_free(&plan);
		return exit_status_for_exec_errno(err.code);
	}
	/* A failure that was allowed (an optional -f line) is no error now. */
	err = (struct ipcns_error){ 0 };
	r = exec_fork_wait(plan.argv, plan.new_session, &wstatus, &err);
	launch_plan_free(&plan);
	if (err.code)
		explain_print(&who, &err);
	return r < 0 ? IPCNS_EXIT_LAUNCH : exec_die_like(wstatus);
}

int cmd_run(int argc, const char **argv)
{
	return launch_main(false, argc, argv);
}

int cmd_enter(int argc, const char **argv)
{
	return launch_main(true, argc, argv);
}
