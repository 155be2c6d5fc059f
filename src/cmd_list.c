/* ipcns list: every IPC namespace the caller can see, one line each, in the
 * conventions of lsns and lsipc. Object counts and limits come from a child
 * that joins each namespace (ipcobj), so the caller stays where it is. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipcns/cleanup.h"
#include "ipcns/cli.h"
#include "ipcns/commands.h"
#include "ipcns/dynlib.h"
#include "ipcns/exit.h"
#include "ipcns/explain.h"
#include "ipcns/ipcobj.h"
#include "ipcns/nsinfo.h"
#include "ipcns/output.h"

/* Children that read namespaces: COUNT_BATCHES share all of them out (one
 * fork each, however many namespaces); those refused go one child each,
 * COUNT_WINDOW at a time. */
#define COUNT_BATCHES 2
#define COUNT_WINDOW  8

enum {
	COL_NS,
	COL_ID,
	COL_NAME,
	COL_PATH,
	COL_NPROCS,
	COL_PID,
	COL_USER,
	COL_MSG,
	COL_SEM,
	COL_SHM,
	COL_SHMBYTES,
	COL_MQ,
	COL_LIMITS,
	COL_OWNER,
	COL_OWNERUID,
	COL_CGROUP,
	COL_COMMAND,
	NCOLS
};

enum {
	NEED_COUNTS = 1 << 0,  /* a child joins the namespace */
	NEED_LIMITS = 1 << 1,  /* ... and reads its limits */
	NEED_DETAILS = 1 << 2, /* the lowest PID's user, command, cgroup */
	IS_DEFAULT = 1 << 3,
};

struct list_column {
	const char *name;
	double whint;
	int flags;     /* SCOLS_FL_* */
	int json_type; /* SCOLS_JSON_* */
	unsigned need;
	const char *help;
};

/* The one table of list's columns: -o, --columns, help and completions. */
static const struct list_column columns[NCOLS] = {
	[COL_NS] = { "NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT,
		     "namespace inode number, as lsns and /proc/PID/ns/ipc show it" },
	[COL_ID] = { "ID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, 0, "namespace id (NS_GET_ID, never reused)" },
	[COL_NAME] = { "NAME", 0.1, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, IS_DEFAULT,
		       "names in the run directory, comma-separated" },
	[COL_PATH] = { "PATH", 0.1, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, 0,
		       "pins: nsfs bind mounts and run-directory files, comma-separated" },
	[COL_NPROCS] = { "NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT, "number of processes in it" },
	[COL_PID] = { "PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT, "lowest PID in it" },
	[COL_USER] = { "USER", 0.1, 0, SCOLS_JSON_STRING, IS_DEFAULT | NEED_DETAILS, "owner of the lowest PID" },
	[COL_MSG] = { "MSG", 3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT | NEED_COUNTS,
		      "System V message queues" },
	[COL_SEM] = { "SEM", 3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT | NEED_COUNTS,
		      "System V semaphore sets" },
	[COL_SHM] = { "SHM", 3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT | NEED_COUNTS,
		      "System V shared memory segments" },
	[COL_SHMBYTES] = { "SHMBYTES", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT | NEED_COUNTS,
			   "bytes of System V shared memory" },
	[COL_MQ] = { "MQ", 3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT | NEED_COUNTS, "POSIX message queues" },
	[COL_LIMITS] = { "LIMITS", 3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, IS_DEFAULT | NEED_COUNTS | NEED_LIMITS,
			 "number of limits that differ from a new namespace's defaults" },
	[COL_OWNER] = { "OWNER", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, 0, "owning user namespace (inode number)" },
	[COL_OWNERUID] = { "OWNERUID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, 0,
			   "uid that created the owning user namespace" },
	[COL_CGROUP] = { "CGROUP", 0.2, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, NEED_DETAILS, "cgroup of the lowest PID" },
	[COL_COMMAND] = { "COMMAND", 0.3, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, IS_DEFAULT | NEED_DETAILS,
			  "command line of the lowest PID" },
};

enum {
	OPT_JSON = 1,
	OPT_NOHEADINGS,
	OPT_RAW,
	OPT_NOTRUNCATE,
	OPT_LIST,
	OPT_OUTPUT,
	OPT_OUTPUT_ALL,
	OPT_BYTES,
	OPT_NO_COUNTS,
	OPT_COLUMNS,
};

static struct poptOption list_options[] = {
	{ "json", 'J', POPT_ARG_NONE, NULL, OPT_JSON, "JSON output: {\"namespaces\": [...]}, numbers as numbers",
	  NULL },
	{ "noheadings", 'n', POPT_ARG_NONE, NULL, OPT_NOHEADINGS, "do not print a header line", NULL },
	{ "raw", 'r', POPT_ARG_NONE, NULL, OPT_RAW, "raw output: columns separated by one space", NULL },
	{ "notruncate", 'u', POPT_ARG_NONE, NULL, OPT_NOTRUNCATE, "do not truncate text in columns", NULL },
	{ "list", 'l', POPT_ARG_NONE, NULL, OPT_LIST, "list format output (the default; as lsns -l)", NULL },
	{ "output", 'o', POPT_ARG_STRING, NULL, OPT_OUTPUT,
	  "columns to print, comma-separated; +LIST adds to the defaults (see --columns)", "LIST" },
	{ "output-all", '\0', POPT_ARG_NONE, NULL, OPT_OUTPUT_ALL, "print every column", NULL },
	{ "bytes", 'b', POPT_ARG_NONE, NULL, OPT_BYTES, "sizes in bytes, not in K, M, G", NULL },
	{ "no-counts", '\0', POPT_ARG_NONE, NULL, OPT_NO_COUNTS,
	  "do not join namespaces: no object counts or limits (MSG..LIMITS print '-')", NULL },
	{ "columns", '\0', POPT_ARG_NONE, NULL, OPT_COLUMNS, "list the columns: name and description, tab-separated",
	  NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

struct list_opts {
	struct output_opts out;
	int cols[NCOLS * 4]; /* selected columns, in order (repeats allowed, as in lsns) */
	size_t ncols;
	bool output_all, no_counts, show_columns;
	struct ipcns_error *err;
};

static const char *column_names(void)
{
	static char names[256];
	size_t n = 0;

	for (size_t i = 0; i < NCOLS && n < sizeof(names); i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "", columns[i].name);
	return names;
}

static int parse_columns(const char *arg, struct list_opts *o)
{
	const char *p = arg;

	if (*p == '+')
		p++;
	else
		o->ncols = 0;
	if (!*p)
		return ipcns_error_usage(o->err, "-o: empty column list (columns: %s)", column_names());
	while (*p) {
		size_t len = strcspn(p, ",");
		size_t c;

		for (c = 0; c < NCOLS; c++)
			if (strlen(columns[c].name) == len && strncasecmp(columns[c].name, p, len) == 0)
				break;
		if (c == NCOLS)
			return ipcns_error_usage(o->err, "-o: unknown column '%.*s' (columns: %s)",
						 (int)(len > 64 ? 64 : len), p, column_names());
		if (o->ncols == ARRAY_SIZE(o->cols))
			return ipcns_error_usage(o->err, "-o: too many columns");
		o->cols[o->ncols++] = (int)c;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int on_option(int val, const char *arg, void *data)
{
	struct list_opts *o = data;

	switch (val) {
	case OPT_JSON:
		o->out.json = true;
		break;
	case OPT_NOHEADINGS:
		o->out.noheadings = true;
		break;
	case OPT_RAW:
		o->out.raw = true;
		break;
	case OPT_NOTRUNCATE:
		o->out.notruncate = true;
		break;
	case OPT_LIST:
		break;
	case OPT_OUTPUT:
		return parse_columns(arg, o);
	case OPT_OUTPUT_ALL:
		o->output_all = true;
		break;
	case OPT_BYTES:
		o->out.bytes = true;
		break;
	case OPT_NO_COUNTS:
		o->no_counts = true;
		break;
	case OPT_COLUMNS:
		o->show_columns = true;
		break;
	}
	return 0;
}

static int join_strv(char **v, size_t n, char **out)
{
	size_t len = 1;
	char *s;

	*out = NULL;
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, ",");
		strcat(s, v[i]);
	}
	*out = s;
	return 0;
}

static unsigned count_changed_limits(const struct ipcobj_snapshot *s, bool *known)
{
	unsigned n = 0;

	*known = false;
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = -1 };

		if (!s->limit_known[id])
			continue;
		*known = true;
		if (!sysctl_value_equal(&ref, &s->limit[id], &sysctl_keys[id].def))
			n++;
	}
	return n;
}

static int fill_cell(struct libscols_line *ln, size_t n, int col, const struct nsinfo_ns *ns,
		     const struct ipcobj_snapshot *s, bool counted, const struct output_opts *o)
{
	_cleanup_free_ char *joined = NULL;
	bool joined_ok = counted && s->join_err == 0;
	bool known;
	unsigned changed;
	int r;

	switch (col) {
	case COL_NS:
		return output_u64(ln, n, (uint64_t)ns->ino);
	case COL_ID:
		return ns->id ? output_u64(ln, n, ns->id) : output_unknown(ln, n, o);
	case COL_NAME:
		r = join_strv(ns->names, ns->nnames, &joined);
		return r < 0 ? r : output_str(ln, n, joined);
	case COL_PATH:
		r = join_strv(ns->paths, ns->npaths, &joined);
		return r < 0 ? r : output_str(ln, n, joined);
	case COL_NPROCS:
		return output_u64(ln, n, ns->nprocs);
	case COL_PID:
		return ns->pid ? output_u64(ln, n, (uint64_t)ns->pid) : output_str(ln, n, NULL);
	case COL_USER:
		return ns->uid_known ? output_user(ln, n, ns->uid) : output_str(ln, n, NULL);
	case COL_COMMAND:
		return output_str(ln, n, ns->command);
	case COL_CGROUP:
		return output_str(ln, n, ns->cgroup);
	case COL_MSG:
		return joined_ok && !s->msg_err ? output_u64(ln, n, s->nmsg) : output_unknown(ln, n, o);
	case COL_SEM:
		return joined_ok && !s->sem_err ? output_u64(ln, n, s->nsem) : output_unknown(ln, n, o);
	case COL_SHM:
		return joined_ok && !s->shm_err ? output_u64(ln, n, s->nshm) : output_unknown(ln, n, o);
	case COL_SHMBYTES:
		return joined_ok && !s->shm_err ? output_size(ln, n, s->shm_bytes, o) : output_unknown(ln, n, o);
	case COL_MQ:
		return joined_ok && !s->mq_err ? output_u64(ln, n, s->nmq) : output_unknown(ln, n, o);
	case COL_LIMITS:
		changed = joined_ok ? count_changed_limits(s, &known) : 0;
		return joined_ok && known ? output_u64(ln, n, changed) : output_unknown(ln, n, o);
	case COL_OWNER:
		return ns->owner_known ? output_u64(ln, n, (uint64_t)ns->owner_ino) : output_unknown(ln, n, o);
	case COL_OWNERUID:
		return ns->owner_known ? output_u64(ln, n, ns->owner_uid) : output_unknown(ln, n, o);
	}
	return 0;
}

/* Replace the refused snapshots todo[] with what their own children read. */
static int finish_jobs(struct ipcobj_job *jobs, const size_t *todo, size_t ntodo, struct ipcobj_snapshot *snaps,
		       struct ipcns_error *err)
{
	for (size_t i = 0; i < ntodo; i++) {
		int r;

		ipcobj_snapshot_free(&snaps[todo[i]]);
		r = ipcobj_finish(&jobs[todo[i]], &snaps[todo[i]], err);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Object counts and limits of every namespace into snaps[]. jobs has
 * room for list->n + COUNT_BATCHES children; the caller reaps them. */
static int count_all(const struct nsinfo_list *list, unsigned flags, struct ipcobj_snapshot *snaps,
		     struct ipcobj_job *jobs, struct ipcns_error *err)
{
	struct ipcobj_job *batch = &jobs[list->n];
	size_t nb = list->n >= 4 ? COUNT_BATCHES : 1, todo[COUNT_WINDOW], ntodo = 0;
	_cleanup_free_ int *fds = calloc(list->n + 1, sizeof(*fds));
	_cleanup_free_ bool *self = calloc(list->n + 1, sizeof(*self));
	int r;

	if (!fds || !self)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	/* Batch b takes namespaces b, b + nb, b + 2 nb, ... */
	for (size_t b = 0; b < nb && b < list->n; b++) {
		size_t n = 0;

		for (size_t k = b; k < list->n; k += nb, n++) {
			fds[n] = list->ns[k].fd;
			self[n] = list->ns[k].self;
		}
		r = ipcobj_start_batch(fds, self, n, flags, &batch[b], err);
		if (r < 0)
			return r;
	}
	for (size_t b = 0; b < nb && b < list->n; b++)
		for (size_t k = b; k < list->n; k += nb) {
			r = ipcobj_receive(&batch[b], &snaps[k], err);
			if (r < 0)
				return r;
		}

	/* Refused: a rootless namespace may still open to its owner, from a
	 * child of its own that joins the owning user namespace first. */
	for (size_t k = 0; k < list->n; k++) {
		const struct nsinfo_ns *ns = &list->ns[k];

		if (snaps[k].join_err != -EPERM || !ns->owner_known || ns->owner_ours)
			continue;
		if (ntodo == COUNT_WINDOW) {
			r = finish_jobs(jobs, todo, ntodo, snaps, err);
			if (r < 0)
				return r;
			ntodo = 0;
		}
		r = ipcobj_start(ns->fd, ns->self, flags, &jobs[k], err);
		if (r < 0)
			return r;
		todo[ntodo++] = k;
	}
	return finish_jobs(jobs, todo, ntodo, snaps, err);
}

static int list_main(int argc, const char **argv, struct ipcns_error *err)
{
	struct list_opts o = { .err = err };
	struct nsinfo_list list = { 0 };
	struct libscols_table *tb = NULL;
	struct ipcobj_snapshot *snaps = NULL;
	struct ipcobj_job *jobs = NULL;
	poptContext ctx = NULL;
	const char **args;
	unsigned need = 0;
	int r;

	argv[0] = "ipcns list";
	ctx = cli_context("ipcns list", argc, argv, list_options, "[OPTIONS]", 0);
	if (!ctx)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	for (size_t c = 0; c < NCOLS; c++)
		if (columns[c].need & IS_DEFAULT)
			o.cols[o.ncols++] = (int)c;
	r = cli_parse(ctx, "list", on_option, &o, err);
	if (r < 0)
		goto out;
	args = poptGetArgs(ctx);
	if (args && *args) {
		r = ipcns_error_usage(err, "list: %.*s%s: unexpected argument (list takes options only)",
				      IPCNS_CLIP(64, args[0]));
		goto out;
	}
	if (o.show_columns) {
		for (size_t c = 0; c < NCOLS; c++)
			printf("%s\t%s\n", columns[c].name, columns[c].help);
		r = fflush(stdout) == 0 ? 0 : ipcns_error_set(err, errno, "standard output: %s", strerror(errno));
		goto out;
	}
	if (o.output_all)
		for (o.ncols = 0; o.ncols < NCOLS; o.ncols++)
			o.cols[o.ncols] = (int)o.ncols;
	for (size_t i = 0; i < o.ncols; i++)
		need |= columns[o.cols[i]].need;
	if (o.no_counts)
		need &= ~(unsigned)(NEED_COUNTS | NEED_LIMITS);

	r = dynlib_load(err);
	if (r < 0)
		goto out;
	r = nsinfo_scan(&list, (need & NEED_DETAILS) ? NSINFO_DETAILS : 0, err);
	if (r < 0)
		goto out;

	tb = output_table("namespaces", &o.out);
	if (!tb) {
		r = ipcns_error_set(err, ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < o.ncols; i++) {
		const struct list_column *c = &columns[o.cols[i]];

		if (!output_column(tb, c->name, c->whint, c->flags, c->json_type, &o.out)) {
			r = ipcns_error_set(err, ENOMEM, "out of memory");
			goto out;
		}
	}
	snaps = calloc(list.n ? list.n : 1, sizeof(*snaps));
	jobs = calloc(list.n + COUNT_BATCHES, sizeof(*jobs));
	if (!snaps || !jobs) {
		r = ipcns_error_set(err, ENOMEM, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < list.n + COUNT_BATCHES; k++)
		jobs[k] = (struct ipcobj_job){ .pid = -1, .fd = -1 };
	if (need & NEED_COUNTS) {
		r = count_all(&list, (need & NEED_LIMITS) ? IPCOBJ_LIMITS : 0, snaps, jobs, err);
		if (r < 0)
			goto out;
	}
	for (size_t k = 0; k < list.n; k++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln) {
			r = ipcns_error_set(err, ENOMEM, "out of memory");
			goto out;
		}
		for (size_t i = 0; i < o.ncols && r == 0; i++)
			r = fill_cell(ln, i, o.cols[i], &list.ns[k], &snaps[k], need & NEED_COUNTS, &o.out);
		if (r < 0) {
			r = ipcns_error_set(err, -r, "out of memory");
			goto out;
		}
	}
	r = output_print(tb);
	if (r < 0)
		r = ipcns_error_set(err, -r, "standard output: %s", strerror(-r));
out:
	for (size_t k = 0; jobs && k < list.n + COUNT_BATCHES; k++)
		ipcobj_reap(&jobs[k]);
	for (size_t k = 0; snaps && k < list.n; k++)
		ipcobj_snapshot_free(&snaps[k]);
	free(jobs);
	free(snaps);
	scols_unref_table(tb);
	nsinfo_list_free(&list);
	poptFreeContext(ctx);
	return r;
}

int cmd_list(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;
	int r;

	explain_caller_init(&who, "list");
	r = list_main(argc, argv, &err);
	if (r == 0)
		return IPCNS_EXIT_SUCCESS;
	return explain_report(&who, &err);
}
