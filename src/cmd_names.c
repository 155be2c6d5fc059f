/* ipcns create, delete, pids, identify: named IPC namespaces that outlive
 * their processes. The work is in names.c; here are the options and words. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/cli.h"
#include "ipcns/commands.h"
#include "ipcns/exit.h"
#include "ipcns/explain.h"
#include "ipcns/mounts.h"
#include "ipcns/names.h"
#include "ipcns/sysctl.h"
#include "ipcns/target.h"

#define SHOWN 64
/* How many member PIDs a refusal lists before "and N more". */
#define SHOWN_PIDS 10

enum {
	OPT_SYSCTL = 1,
	OPT_SYSCTL_FILE,
	OPT_INHERIT,
	OPT_SHM,
	OPT_STRICT,
	OPT_FORCE,
};

static struct poptOption create_options[] = {
	{ "sysctl", 's', POPT_ARG_STRING, NULL, OPT_SYSCTL,
	  "set a limit in the namespace before the name appears (repeatable)", "KEY=VALUE" },
	{ "sysctl-file", 'f', POPT_ARG_STRING, NULL, OPT_SYSCTL_FILE,
	  "set the limits in FILE (sysctl.conf syntax, '-' for stdin; 'ipcns get' writes it)", "FILE" },
	{ "inherit", 'i', POPT_ARG_NONE, NULL, OPT_INHERIT,
	  "start from this namespace's limits, not the kernel defaults (then -f, then -s)", NULL },
	{ "shm", '\0', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, NULL, OPT_SHM,
	  "keep a store for POSIX shm and semaphores beside the name, bound on /dev/shm by 'enter NAME'; SIZE "
	  "in bytes, K, M, G or T suffix (root only; default: half of the RAM)",
	  "SIZE" },
	{ "strict", '\0', POPT_ARG_NONE, NULL, OPT_STRICT,
	  "refuse limits that make each other useless (e.g. msgmax above msgmnb) instead of warning", NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

static struct poptOption delete_options[] = {
	{ "force", '\0', POPT_ARG_NONE, NULL, OPT_FORCE,
	  "delete even while the namespace holds IPC objects or processes", NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

static struct poptOption plain_options[] = {
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

struct names_opts {
	struct sysctl_plan limits;      /* -f files in order */
	struct sysctl_plan limits_args; /* -s, which wins over any -f */
	bool inherit;
	struct mounts_plan shm; /* --shm's size, parsed as run's */
	bool strict;
	bool force;
	struct ipcns_error *err;
};

static int on_option(int val, const char *arg, void *data)
{
	struct names_opts *o = data;

	switch (val) {
	case OPT_SYSCTL:
		return sysctl_plan_add_pair(&o->limits_args, arg, "--sysctl", o->err);
	case OPT_SYSCTL_FILE:
		return sysctl_plan_add_file(&o->limits, arg, o->err);
	case OPT_INHERIT:
		o->inherit = true;
		break;
	case OPT_SHM:
		return mounts_parse_shm(arg, &o->shm, o->err);
	case OPT_STRICT:
		o->strict = true;
		break;
	case OPT_FORCE:
		o->force = true;
		break;
	}
	return 0;
}

/* Parse argv with table; *args gets the operands (owned by *ctx). */
static int parse(const char *cmd, const struct poptOption *table, const char *operands, int argc, const char **argv,
		 struct names_opts *o, poptContext *ctx, const char ***nargv, char ***owned, const char ***args)
{
	static char prog[32]; /* popt keeps it for the context's life */
	int nargc, r;

	snprintf(prog, sizeof(prog), "ipcns %s", cmd);
	/* As run's: an empty --shm= is refused, not taken for the default. */
	r = cli_prepare_args(table, cmd, argc, argv, &nargc, nargv, owned, o->err);
	if (r < 0)
		return r;
	(*nargv)[0] = prog;
	*ctx = cli_context(prog, nargc, *nargv, table, operands, 0);
	if (!*ctx)
		return ipcns_error_set(o->err, ENOMEM, "out of memory");
	r = cli_parse(*ctx, cmd, on_option, o, o->err);
	if (r == -ENOMEM && !o->err->msg[0])
		return ipcns_error_set(o->err, ENOMEM, "out of memory");
	if (r < 0)
		return r;
	*args = poptGetArgs(*ctx);
	return 0;
}

static size_t count_args(const char **args)
{
	size_t n = 0;

	while (args && args[n])
		n++;
	return n;
}

static int finish(int r, struct explain_caller *who, struct ipcns_error *err)
{
	if (r == 0)
		return IPCNS_EXIT_SUCCESS;
	return explain_report(who, err);
}

static int one_name(const char *cmd, const char **args, const char *what, struct ipcns_error *err)
{
	size_t n = count_args(args);

	if (n == 0)
		return ipcns_error_usage(err, "%s: missing %s", cmd, what);
	if (n > 1)
		return ipcns_error_usage(err, "%.*s%s: unexpected argument: %s takes one %s",
					 IPCNS_CLIP(SHOWN, args[1]), cmd, what);
	return 0;
}

static int create_main(int argc, const char **argv, struct ipcns_error *err)
{
	struct names_opts o = { .err = err };
	struct names_create_plan plan = { 0 };
	const char **args = NULL, **nargv = NULL;
	char **owned = NULL;
	poptContext ctx = NULL;
	bool rootless;
	int r;

	r = parse("create", create_options, "[OPTIONS] NAME", argc, argv, &o, &ctx, &nargv, &owned, &args);
	if (r == 0)
		r = one_name("create", args, "NAME (e.g. ipcns create db1)", err);
	if (r == 0)
		r = names_validate(args[0], err);
	if (r < 0)
		goto out;
	rootless = names_rootless();
	if (rootless && o.shm.shm_size) {
		r = ipcns_error_usage(err, "--shm=SIZE: a rootless name's store is a directory, which has no size");
		ipcns_error_reason(err, IPCNS_R_NAME_SHM_SIZE, args[0]);
		goto out;
	}
	plan.name = args[0];
	plan.limits = o.limits;
	sysctl_plan_merge(&plan.limits, &o.limits_args);
	/* -i reads this namespace's values now, before any other is made. */
	if (o.inherit) {
		r = sysctl_plan_inherit(&plan.limits, err);
		if (r < 0)
			goto out;
	}
	/* The new namespace starts from the kernel's defaults: judged before
	 * anything is made (run judges once it is in its new namespace). */
	r = sysctl_plan_judge(&plan.limits, true, o.strict, ipcns_warning_print, err);
	if (r < 0)
		goto out;
	plan.shm = o.shm.shm;
	plan.shm_size = o.shm.shm_size;
	r = names_create(&plan, rootless, err);
	if ((r == -EPERM || r == -EACCES) && err->reason == IPCNS_R_NONE)
		ipcns_error_reason(err, IPCNS_R_NAME_DENIED, plan.name);
out:
	mounts_plan_free(&o.shm);
	poptFreeContext(ctx);
	cli_argv_free(nargv, owned);
	return r;
}

/* "1 SysV message queue, 2 POSIX message queues, ..." for a refusal. */
static void describe(const struct names_usage *u, char *buf, size_t size)
{
	size_t n = 0;

#define PART(count, one, many)                                                                                         \
	do {                                                                                                           \
		if ((count) && n < size)                                                                               \
			n += (size_t)snprintf(buf + n, size - n, "%s%ld %s", n ? ", " : "", (long)(count),             \
					      (count) == 1 ? (one) : (many));                                          \
	} while (0)
	PART(u->msg, "SysV message queue", "SysV message queues");
	PART(u->sem, "SysV semaphore set", "SysV semaphore sets");
	PART(u->shm, "SysV shared memory segment", "SysV shared memory segments");
	PART(u->mqueues, "POSIX message queue", "POSIX message queues");
	if (u->store_files && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s%ld file%s (%" PRIu64 " bytes) in its shm store",
				      n ? ", " : "", u->store_files, u->store_files == 1 ? "" : "s", u->store_bytes);
#undef PART
	if (u->npids && n < size) {
		n +=
		    (size_t)snprintf(buf + n, size - n, "%smember process%s", n ? "; " : "", u->npids == 1 ? "" : "es");
		for (size_t i = 0; i < u->npids && i < SHOWN_PIDS && n < size; i++)
			n += (size_t)snprintf(buf + n, size - n, " %d", (int)u->pids[i]);
		if (u->npids > SHOWN_PIDS && n < size)
			snprintf(buf + n, size - n, " and %zu more", u->npids - SHOWN_PIDS);
	}
}

static int delete_main(int argc, const char **argv, bool *any_failed, struct explain_caller *who,
		       struct ipcns_error *err)
{
	struct names_opts o = { .err = err };
	const char **args = NULL, **nargv = NULL;
	char **owned = NULL;
	poptContext ctx = NULL;
	int r;

	r = parse("delete", delete_options, "[--force] NAME...", argc, argv, &o, &ctx, &nargv, &owned, &args);
	if (r == 0 && !count_args(args))
		r = ipcns_error_usage(err, "delete: missing NAME (e.g. ipcns delete db1)");
	/* Every NAME is checked before any is deleted. */
	for (const char **a = args; r == 0 && *a; a++)
		r = names_validate(*a, err);
	for (const char **a = args; r == 0 && *a; a++) {
		struct ipcns_error one = { 0 };
		struct names_usage u;
		char what[400];
		int d = names_delete(*a, o.force, &u, &one);

		if (d == -EBUSY) {
			describe(&u, what, sizeof(what));
			ipcns_error_set(&one, EBUSY, "%.*s%s: not deleted: it holds %s", IPCNS_CLIP(SHOWN, *a), what);
			ipcns_error_reason(&one, IPCNS_R_NAME_BUSY, *a);
		}
		if (d < 0) {
			explain_report(who, &one);
			*any_failed = true;
		}
		names_usage_free(&u);
	}
	poptFreeContext(ctx);
	cli_argv_free(nargv, owned);
	return r;
}

static int pids_main(int argc, const char **argv, struct ipcns_error *err)
{
	struct names_opts o = { .err = err };
	const char **args = NULL, **nargv = NULL;
	char **owned = NULL;
	poptContext ctx = NULL;
	struct names_entry e;
	pid_t *pids = NULL;
	size_t n = 0;
	int r;

	names_entry_init(&e);
	r = parse("pids", plain_options, "NAME", argc, argv, &o, &ctx, &nargv, &owned, &args);
	if (r == 0)
		r = one_name("pids", args, "NAME", err);
	if (r == 0)
		r = names_validate(args[0], err);
	if (r == 0)
		r = names_find(args[0], false, false, &e, err);
	if (r == 0)
		r = names_members(e.fd, e.kind == NAMES_HOLDER ? e.holder : 0, &pids, &n, err);
	for (size_t i = 0; r == 0 && i < n; i++)
		printf("%d\n", (int)pids[i]);
	free(pids);
	names_entry_free(&e);
	poptFreeContext(ctx);
	cli_argv_free(nargv, owned);
	return r;
}

static void print_name(const char *name, void *data)
{
	(void)data;
	printf("%s\n", name);
}

static int identify_main(int argc, const char **argv, struct ipcns_error *err)
{
	struct names_opts o = { .err = err };
	const char **args = NULL, **nargv = NULL;
	char **owned = NULL;
	poptContext ctx = NULL;
	struct target t = { 0 };
	char self[16];
	int r, fd = -1;

	r = parse("identify", plain_options, "[PID]", argc, argv, &o, &ctx, &nargv, &owned, &args);
	if (r == 0 && count_args(args) > 1)
		r = ipcns_error_usage(err, "%.*s%s: unexpected argument: identify takes one PID",
				      IPCNS_CLIP(SHOWN, args[1]));
	if (r < 0)
		goto out;
	snprintf(self, sizeof(self), "%d", (int)getpid());
	r = target_parse(count_args(args) ? args[0] : self, &t, err);
	if (r == 0 && t.kind != TARGET_PID)
		r = ipcns_error_usage(err, "%.*s%s: not a PID; identify takes a process ID", IPCNS_CLIP(SHOWN, t.arg));
	if (r == 0)
		fd = r = target_open(&t, err);
	if (r >= 0)
		r = names_identify(fd, print_name, NULL, err);
	if (fd >= 0)
		close(fd);
out:
	target_free(&t);
	poptFreeContext(ctx);
	cli_argv_free(nargv, owned);
	return r;
}

/* A failed write to standard output is a failure. */
static int flushed(int r, struct ipcns_error *err)
{
	int e;

	if (r < 0 || (fflush(stdout) == 0 && !ferror(stdout)))
		return r;
	e = errno ? errno : EIO;
	return ipcns_error_set(err, e, "standard output: %s", strerror(e));
}

int cmd_create(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;

	explain_caller_init(&who, "create");
	return finish(create_main(argc, argv, &err), &who, &err);
}

int cmd_delete(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;
	bool failed = false;
	int r;

	explain_caller_init(&who, "delete");
	r = delete_main(argc, argv, &failed, &who, &err);
	if (r < 0)
		return finish(r, &who, &err);
	return failed ? IPCNS_EXIT_FAILURE : IPCNS_EXIT_SUCCESS;
}

int cmd_pids(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;

	explain_caller_init(&who, "pids");
	return finish(flushed(pids_main(argc, argv, &err), &err), &who, &err);
}

int cmd_identify(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;

	explain_caller_init(&who, "identify");
	return finish(flushed(identify_main(argc, argv, &err), &err), &who, &err);
}
