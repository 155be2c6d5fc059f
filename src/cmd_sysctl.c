/* ipcns get and ipcns set: read and change the limits of an IPC namespace,
 * this one or TARGET's. Both join TARGET in-process (they exec nothing
 * afterwards) and only then open /proc/sys, so what they read and write is
 * TARGET's: a /proc/sys file belongs to the namespace it was opened in. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/cli.h"
#include "ipcns/commands.h"
#include "ipcns/exit.h"
#include "ipcns/explain.h"
#include "ipcns/ns.h"
#include "ipcns/sysctl.h"
#include "ipcns/target.h"

/* How much of a user's argument a message repeats (IPCNS_CLIP). */
#define SHOWN_ARG 40

enum {
	OPT_TARGET = 1,
	OPT_CHANGED,
	OPT_JSON,
	OPT_KEYS,
	OPT_HOST,
	OPT_STRICT,
	OPT_VALUES,
};

static struct poptOption get_options[] = {
	{ "target", 't', POPT_ARG_STRING, NULL, OPT_TARGET,
	  "read TARGET's namespace (a PID, an nsfs file or a name) instead of this one", "TARGET" },
	{ "changed", '\0', POPT_ARG_NONE, NULL, OPT_CHANGED, "only keys whose value differs from the kernel default",
	  NULL },
	{ "json", 'J', POPT_ARG_NONE, NULL, OPT_JSON, "print a JSON object, numbers as numbers", NULL },
	{ "values", 'n', POPT_ARG_NONE, NULL, OPT_VALUES,
	  "print values only, one KEY a line (a kernel.sem field as its one number), as sysctl -n", NULL },
	{ "keys", '\0', POPT_ARG_NONE, NULL, OPT_KEYS,
	  "list the keys: name, range, default, unit, description, tab-separated", NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

static struct poptOption set_options[] = {
	{ "target", 't', POPT_ARG_STRING, NULL, OPT_TARGET,
	  "change TARGET's namespace (a PID, an nsfs file or a name) instead of this one", "TARGET" },
	{ "host", '\0', POPT_ARG_NONE, NULL, OPT_HOST, "allow changing the initial (host) IPC namespace", NULL },
	{ "strict", '\0', POPT_ARG_NONE, NULL, OPT_STRICT,
	  "refuse limits that make each other useless (e.g. msgmax above msgmnb) instead of warning", NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

struct sysctl_opts {
	char *target;
	bool changed, json, keys, host, values, strict;
};

static int on_option(int val, const char *arg, void *data)
{
	struct sysctl_opts *o = data;

	switch (val) {
	case OPT_TARGET:
		free(o->target);
		o->target = strdup(arg);
		if (!o->target)
			return -ENOMEM;
		break;
	case OPT_CHANGED:
		o->changed = true;
		break;
	case OPT_JSON:
		o->json = true;
		break;
	case OPT_KEYS:
		o->keys = true;
		break;
	case OPT_HOST:
		o->host = true;
		break;
	case OPT_STRICT:
		o->strict = true;
		break;
	case OPT_VALUES:
		o->values = true;
		break;
	}
	return 0;
}

/* Options may follow operands here (no CMD whose options could be taken
 * for ours), so popt is free to permute. *ctx owns the operands. */
static int parse_args(const char *cmd, const char *prog, const struct poptOption *table, const char *operands, int argc,
		      const char **argv, struct sysctl_opts *o, poptContext *ctx, const char ***args,
		      struct ipcns_error *err)
{
	int r;

	argv[0] = prog; /* popt's usage line shows argv[0] */
	*ctx = cli_context(prog, argc, argv, table, operands, 0);
	if (!*ctx)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	r = cli_parse(*ctx, cmd, on_option, o, err);
	if (r == -ENOMEM && !err->msg[0])
		return ipcns_error_set(err, ENOMEM, "out of memory");
	if (r < 0)
		return r;
	*args = poptGetArgs(*ctx);
	return 0;
}

static int open_target(const char *arg, struct target *t, struct ipcns_error *err)
{
	int r;

	r = target_parse(arg, t, err);
	if (r < 0)
		return r;
	return target_open(t, err);
}

/* Join TARGET's IPC namespace, and first its owning user namespace when
 * that is not ours (ns_join_ipc skips it otherwise): an unprivileged owner
 * can join only from inside it, and its uid 0, which ns_join_ipc becomes, is
 * the only one allowed to write. */
static int join_target(int fd, const struct target *t, struct ipcns_error *err)
{
	return target_join(fd, t, true, err);
}

static int finish(int r, struct explain_caller *who, struct ipcns_error *err)
{
	if (r == 0)
		return IPCNS_EXIT_SUCCESS;
	return explain_report(who, err);
}

static const char *unit_name(enum sysctl_unit unit)
{
	static const char *const names[] = {
		[SYSCTL_UNIT_COUNT] = "count", [SYSCTL_UNIT_BYTES] = "bytes", [SYSCTL_UNIT_PAGES] = "pages",
		[SYSCTL_UNIT_BOOL] = "0/1",    [SYSCTL_UNIT_ID] = "id",       [SYSCTL_UNIT_FIELDS] = "fields",
	};

	return names[unit];
}

static void print_keys(void)
{
	char range[80], def[80];

	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = -1 };
		const struct sysctl_key *k = &sysctl_keys[id];

		sysctl_format_range(&ref, range, sizeof(range));
		sysctl_format_value(&ref, &k->def, " ", def, sizeof(def));
		printf("%s\t%s\t%s\t%s\t%s\n", k->name, range, def, unit_name(k->unit), k->description);
	}
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++) {
		const struct sysctl_ref ref = { .id = SYSCTL_SEM, .field = f };

		sysctl_format_range(&ref, range, sizeof(range));
		sysctl_format_value(&ref, &sysctl_keys[SYSCTL_SEM].def, " ", def, sizeof(def));
		printf("%s\t%s\t%s\t%s\tkernel.sem field %d: %s\n", sysctl_sem_fields[f].name, range, def, "count",
		       f + 1, sysctl_sem_fields[f].description);
	}
}

/* A full disk or a closed pipe is a failure, not a silent success. */
static int flush_stdout(struct ipcns_error *err)
{
	int e;

	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	e = errno ? errno : EIO;
	return ipcns_error_set(err, e, "standard output: %s", strerror(e));
}

struct reading {
	struct sysctl_ref ref;
	struct sysctl_value value;
};

/* Was rd[i]'s key already printed for an earlier KEY (semmsl semmni)? */
static bool printed_before(const struct reading *rd, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (rd[j].ref.id == rd[i].ref.id)
			return true;
	return false;
}

static int get_main(int argc, const char **argv, struct ipcns_error *err)
{
	struct sysctl_opts o = { 0 };
	struct target t = { 0 };
	_cleanup_free_ struct reading *rd = NULL;
	_cleanup_close_ int fd = -1;
	const char **args = NULL;
	poptContext ctx = NULL;
	size_t n = 0, nargs = 0, shown = 0;
	int r;

	r = parse_args("get", "ipcns get", get_options, "[OPTIONS] [KEY...]", argc, argv, &o, &ctx, &args, err);
	if (r < 0)
		goto out;
	while (args && args[nargs])
		nargs++;
	if (o.keys) {
		if (nargs || o.target || o.changed || o.json || o.values)
			r = ipcns_error_usage(err, "get: --keys takes no KEY and no other option");
		else
			print_keys();
		if (r == 0)
			r = flush_stdout(err);
		goto out;
	}
	rd = calloc(nargs > SYSCTL_NKEYS ? nargs : SYSCTL_NKEYS, sizeof(*rd));
	if (!rd) {
		r = ipcns_error_set(err, ENOMEM, "out of memory");
		goto out;
	}
	if (o.values && o.json) {
		r = ipcns_error_usage(err, "get: -n (--values) and -J (--json) cannot be combined");
		goto out;
	}
	/* Every KEY is checked before anything is opened or joined. */
	for (size_t i = 0; i < nargs; i++) {
		if (strchr(args[i], '=')) {
			r = ipcns_error_usage(err,
					      "%.*s%s: get takes KEY names, not KEY=VALUE (to change a limit: "
					      "ipcns set KEY=VALUE)",
					      IPCNS_CLIP(SHOWN_ARG, args[i]));
			goto out;
		}
		r = sysctl_lookup(args[i], &rd[i].ref, err);
		if (r < 0)
			goto out;
	}
	if (o.target) {
		fd = open_target(o.target, &t, err);
		if (fd < 0) {
			r = fd;
			goto out;
		}
		r = join_target(fd, &t, err);
		if (r < 0)
			goto out;
	}

	if (nargs) {
		for (n = 0; n < nargs; n++) {
			r = sysctl_read(rd[n].ref.id, &rd[n].value, err);
			if (r < 0)
				goto out;
		}
	} else {
		/* All keys; one this kernel lacks is left out, not an error. */
		for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
			rd[n].ref = (struct sysctl_ref){ .id = (enum sysctl_id)id, .field = -1 };
			r = sysctl_read(rd[n].ref.id, &rd[n].value, err);
			if (r == -ENOENT)
				continue;
			if (r < 0)
				goto out;
			n++;
		}
		r = 0;
	}

	if (o.json)
		fputs("{", stdout);
	for (size_t i = 0; i < n; i++) {
		const struct sysctl_ref whole = { .id = rd[i].ref.id, .field = -1 };
		const struct sysctl_ref *shown_ref = o.values ? &rd[i].ref : &whole;
		char value[128];

		if (o.changed && sysctl_value_equal(shown_ref, &rd[i].value, &sysctl_keys[whole.id].def))
			continue;
		if (o.values) {
			/* As asked: a field is its one number, and every KEY
			 * gets its line, in order, so that scripts can count. */
			sysctl_format_value(&rd[i].ref, &rd[i].value, " ", value, sizeof(value));
			printf("%s\n", value);
			continue;
		}
		/* sysctl.conf and JSON name whole keys, canonically: a field
		 * prints as its kernel.sem line, and a key asked for twice
		 * (semmsl semmni) prints once. */
		if (printed_before(rd, i))
			continue;
		if (o.json) {
			bool array = whole.id == SYSCTL_SEM;

			sysctl_format_value(&whole, &rd[i].value, ", ", value, sizeof(value));
			printf("%s\n  \"%s\": %s%s%s", shown ? "," : "", sysctl_ref_name(&whole), array ? "[" : "",
			       value, array ? "]" : "");
		} else {
			/* -1 (unset) cannot be written, not even where it
			 * already is: sysctl -p would fail on the line. */
			sysctl_format_value(&whole, &rd[i].value, " ", value, sizeof(value));
			printf("%s%s = %s%s\n", sysctl_value_unset(&whole, &rd[i].value) ? "# " : "",
			       sysctl_ref_name(&whole), value,
			       sysctl_value_unset(&whole, &rd[i].value) ? " (unset)" : "");
		}
		shown++;
	}
	if (o.json)
		fputs(shown ? "\n}\n" : "}\n", stdout);
	r = flush_stdout(err);
out:
	target_free(&t);
	free(o.target);
	poptFreeContext(ctx);
	return r;
}

static int set_main(int argc, const char **argv, struct ipcns_error *err)
{
	struct sysctl_opts o = { 0 };
	struct target t = { 0 };
	struct sysctl_plan plan = { 0 };
	_cleanup_close_ int fd = -1;
	const char **args = NULL;
	poptContext ctx = NULL;
	bool initial = false;
	int r;

	r = parse_args("set", "ipcns set", set_options, "[OPTIONS] KEY=VALUE...", argc, argv, &o, &ctx, &args, err);
	if (r < 0)
		goto out;
	if (!args || !*args) {
		r = ipcns_error_usage(err, "set: missing KEY=VALUE (e.g. kernel.msgmax=65536; see 'ipcns get --keys')");
		goto out;
	}
	/* The whole plan is valid before the kernel sees any of it. */
	for (const char **a = args; *a; a++) {
		r = sysctl_plan_add_pair(&plan, *a, NULL, err);
		if (r < 0)
			goto out;
	}

	fd = o.target ? open_target(o.target, &t, err) : ns_self_ipc(err);
	if (fd < 0) {
		r = fd;
		goto out;
	}
	/* A typo on a host must never retune it, not even to the same value. */
	r = ns_is_initial_ipc(fd, &initial, o.target ? o.target : "set", err);
	if (r < 0)
		goto out;
	if (initial && !o.host) {
		if (o.target)
			r = ipcns_error_usage(
			    err, "%s: is the host's (initial) IPC namespace; refusing to change its limits", o.target);
		else
			r = ipcns_error_usage(err,
					      "set: this is the host's (initial) IPC namespace; refusing to change "
					      "its limits");
		ipcns_error_reason(err, IPCNS_R_HOST_GUARD, o.target);
		goto out;
	}
	if (o.target) {
		r = join_target(fd, &t, err);
		if (r < 0)
			goto out;
	}
	/* Against what the namespace holds, now that we are in it. */
	r = sysctl_plan_judge(&plan, false, o.strict, ipcns_warning_print, err);
	if (r == 0)
		r = sysctl_plan_apply(&plan, NULL, err);
out:
	target_free(&t);
	free(o.target);
	poptFreeContext(ctx);
	return r;
}

int cmd_get(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;

	explain_caller_init(&who, "get");
	return finish(get_main(argc, argv, &err), &who, &err);
}

int cmd_set(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;

	explain_caller_init(&who, "set");
	return finish(set_main(argc, argv, &err), &who, &err);
}
