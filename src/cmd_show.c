/* ipcns show [TARGET]: one IPC namespace in sections: who it is, its
 * limits, its System V objects, its POSIX message queues, and the files in
 * a name's /dev/shm store. Every section is a libsmartcols table; -J
 * prints them as one JSON object. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/cli.h"
#include "ipcns/commands.h"
#include "ipcns/dynlib.h"
#include "ipcns/exit.h"
#include "ipcns/explain.h"
#include "ipcns/ipcobj.h"
#include "ipcns/names.h"
#include "ipcns/ns.h"
#include "ipcns/nsinfo.h"
#include "ipcns/output.h"
#include "ipcns/target.h"

/* What a cell holds, which decides how it prints in a table and in JSON. */
enum kind {
	K_U64,   /* a number */
	K_I64,   /* a signed number */
	K_SIZE,  /* bytes: "4K" in tables, a number in JSON */
	K_TIME,  /* seconds since the epoch: a date in tables (empty when 0), a number in JSON */
	K_KEY,   /* a System V key: 0x... in tables, a number in JSON */
	K_PERMS, /* octal, "600", a string in both */
	K_USER,  /* a uid, by name */
	K_GROUP, /* a gid, by name */
	K_STR,   /* text; NULL is empty (JSON null) */
	K_BOOL,  /* "*" or nothing; JSON true/false */
	K_NUM,   /* a number already in decimal text */
};

struct show_col {
	const char *name;
	enum kind kind;
};

struct val {
	bool unknown; /* "-" / null */
	uint64_t u;
	int64_t i;
	const char *s;
};

static int json_type(enum kind k)
{
	switch (k) {
	case K_U64:
	case K_I64:
	case K_SIZE:
	case K_TIME:
	case K_KEY:
	case K_NUM:
		return SCOLS_JSON_NUMBER;
	case K_BOOL:
		return SCOLS_JSON_BOOLEAN;
	default:
		return SCOLS_JSON_STRING;
	}
}

static struct libscols_table *new_table(const char *name, const struct show_col *cols, size_t ncols,
					const struct output_opts *o)
{
	struct libscols_table *tb = output_table(name, o);

	for (size_t i = 0; tb && i < ncols; i++) {
		enum kind k = cols[i].kind;
		int flags =
		    k == K_STR || k == K_PERMS || k == K_USER || k == K_GROUP || k == K_BOOL ? 0 : SCOLS_FL_RIGHT;

		if (!output_column(tb, cols[i].name, cols[i].kind == K_STR ? 0.3 : 1, flags, json_type(cols[i].kind),
				   o)) {
			scols_unref_table(tb);
			return NULL;
		}
	}
	return tb;
}

static int add_row(struct libscols_table *tb, const struct show_col *cols, size_t ncols, const struct val *v,
		   const struct output_opts *o)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	char buf[64];
	int r = 0;

	if (!ln)
		return -ENOMEM;
	for (size_t i = 0; i < ncols && r == 0; i++) {
		if (v[i].unknown) {
			r = output_unknown(ln, i, o);
			continue;
		}
		switch (cols[i].kind) {
		case K_U64:
			r = output_u64(ln, i, v[i].u);
			break;
		case K_I64:
			r = output_i64(ln, i, v[i].i);
			break;
		case K_SIZE:
			r = output_size(ln, i, v[i].u, o);
			break;
		case K_TIME:
			if (o->json) {
				r = output_i64(ln, i, v[i].i);
			} else if (v[i].i) {
				time_t t = (time_t)v[i].i;
				struct tm tm;

				strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", localtime_r(&t, &tm));
				r = scols_line_set_data(ln, i, buf);
			}
			break;
		case K_KEY:
			if (o->json)
				r = output_i64(ln, i, v[i].i);
			else {
				snprintf(buf, sizeof(buf), "0x%08" PRIx32, (uint32_t)v[i].i);
				r = scols_line_set_data(ln, i, buf);
			}
			break;
		case K_PERMS:
			snprintf(buf, sizeof(buf), "%" PRIo64, v[i].u);
			r = scols_line_set_data(ln, i, buf);
			break;
		case K_USER:
			r = output_user(ln, i, (uid_t)v[i].u);
			break;
		case K_GROUP:
			r = output_group(ln, i, (gid_t)v[i].u);
			break;
		case K_STR:
		case K_NUM:
			r = output_str(ln, i, v[i].s);
			break;
		case K_BOOL:
			r = scols_line_set_data(ln, i, o->json ? (v[i].u ? "1" : "0") : (v[i].u ? "*" : ""));
			break;
		}
	}
	return r;
}

/* ---- the sections ------------------------------------------------------- */

static const struct show_col limit_cols[] = {
	{ "KEY", K_STR },
	{ "VALUE", K_NUM },
	{ "DEFAULT", K_NUM },
	{ "CHANGED", K_BOOL },
};

static const struct show_col msg_cols[] = {
	{ "KEY", K_KEY },    { "ID", K_I64 },       { "PERMS", K_PERMS },  { "USER", K_USER },  { "GROUP", K_GROUP },
	{ "CUSER", K_USER }, { "CGROUP", K_GROUP }, { "MESSAGES", K_U64 }, { "BYTES", K_SIZE }, { "LSPID", K_I64 },
	{ "LRPID", K_I64 },  { "STIME", K_TIME },   { "RTIME", K_TIME },   { "CTIME", K_TIME },
};

static const struct show_col sem_cols[] = {
	{ "KEY", K_KEY },    { "ID", K_I64 },       { "PERMS", K_PERMS }, { "USER", K_USER },  { "GROUP", K_GROUP },
	{ "CUSER", K_USER }, { "CGROUP", K_GROUP }, { "NSEMS", K_U64 },   { "OTIME", K_TIME }, { "CTIME", K_TIME },
};

static const struct show_col shm_cols[] = {
	{ "KEY", K_KEY },     { "ID", K_I64 },     { "PERMS", K_PERMS },  { "USER", K_USER },
	{ "GROUP", K_GROUP }, { "CUSER", K_USER }, { "CGROUP", K_GROUP }, { "SIZE", K_SIZE },
	{ "NATTCH", K_U64 },  { "CPID", K_I64 },   { "LPID", K_I64 },     { "ATIME", K_TIME },
	{ "DTIME", K_TIME },  { "CTIME", K_TIME }, { "RSS", K_SIZE },     { "SWAP", K_SIZE },
};

static const struct show_col mq_cols[] = {
	{ "NAME", K_STR },   { "PERMS", K_PERMS }, { "USER", K_USER },   { "GROUP", K_GROUP },   { "MESSAGES", K_I64 },
	{ "BYTES", K_SIZE }, { "MAXMSG", K_I64 },  { "MSGSIZE", K_I64 }, { "NOTIFYPID", K_I64 },
};

static const struct show_col store_cols[] = {
	{ "NAME", K_STR },    { "PERMS", K_PERMS }, { "USER", K_USER },
	{ "GROUP", K_GROUP }, { "SIZE", K_SIZE },   { "MTIME", K_TIME },
};

/* The identity section in a table: one line per fact. */
static const struct show_col ns_cols[] = { { "FIELD", K_STR }, { "VALUE", K_STR } };

static int fact(struct libscols_table *tb, const char *field, const char *value, const struct output_opts *o)
{
	const struct val v[] = { { .s = field }, { .s = value, .unknown = !value } };

	return add_row(tb, ns_cols, ARRAY_SIZE(ns_cols), v, o);
}

static int strv_text(char *buf, size_t size, char **v, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", v[i]);
	return 0;
}

static struct libscols_table *identity_table(const struct nsinfo_ns *ns, const struct output_opts *o)
{
	struct output_opts plain = *o;
	struct libscols_table *tb;
	char buf[4096];
	size_t len = 0;
	int r;

	plain.noheadings = true;
	tb = new_table("namespace", ns_cols, ARRAY_SIZE(ns_cols), &plain);
	if (!tb)
		return NULL;
	snprintf(buf, sizeof(buf), "%ju", (uintmax_t)ns->ino);
	r = fact(tb, "NS", buf, o);
	snprintf(buf, sizeof(buf), "%" PRIu64, ns->id);
	r = r ?: fact(tb, "ID", ns->id ? buf : NULL, o);
	strv_text(buf, sizeof(buf), ns->names, ns->nnames);
	r = r ?: fact(tb, "NAMES", buf, o);
	strv_text(buf, sizeof(buf), ns->paths, ns->npaths);
	r = r ?: fact(tb, "PATHS", buf, o);
	snprintf(buf, sizeof(buf), "user namespace %ju, created by uid %u", (uintmax_t)ns->owner_ino,
		 (unsigned)ns->owner_uid);
	r = r ?: fact(tb, "OWNER", ns->owner_known ? buf : NULL, o);
	len = (size_t)snprintf(buf, sizeof(buf), "%zu%s", ns->nprocs, ns->nprocs ? ":" : "");
	for (size_t i = 0; i < ns->nprocs && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, " %d", (int)ns->pids[i]);
	r = r ?: fact(tb, "PROCESSES", buf, o);
	r = r ?: fact(tb, "CGROUP", ns->cgroup ? ns->cgroup : "", o);
	r = r ?: fact(tb, "COMMAND", ns->command ? ns->command : "", o);
	if (r < 0) {
		scols_unref_table(tb);
		return NULL;
	}
	return tb;
}

/* ... and in JSON, one object. libsmartcols writes arrays of objects, so
 * this one member is written here, strings escaped as JSON wants. */
static void json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void json_strv(FILE *f, char **v, size_t n)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		json_string(f, v[i]);
	}
	fputc(']', f);
}

static void identity_json(FILE *f, const struct nsinfo_ns *ns)
{
	fprintf(f, "   \"namespace\": {\n      \"ns\": %ju,\n      \"id\": ", (uintmax_t)ns->ino);
	if (ns->id)
		fprintf(f, "%" PRIu64, ns->id);
	else
		fputs("null", f);
	fputs(",\n      \"names\": ", f);
	json_strv(f, ns->names, ns->nnames);
	fputs(",\n      \"paths\": ", f);
	json_strv(f, ns->paths, ns->npaths);
	if (ns->owner_known)
		fprintf(f, ",\n      \"owner\": %ju,\n      \"owneruid\": %u", (uintmax_t)ns->owner_ino,
			(unsigned)ns->owner_uid);
	else
		fputs(",\n      \"owner\": null,\n      \"owneruid\": null", f);
	fprintf(f, ",\n      \"nprocs\": %zu,\n      \"pids\": [", ns->nprocs);
	for (size_t i = 0; i < ns->nprocs; i++)
		fprintf(f, "%s%d", i ? ", " : "", (int)ns->pids[i]);
	fputs("],\n      \"cgroup\": ", f);
	json_string(f, ns->cgroup);
	fputs(",\n      \"command\": ", f);
	json_string(f, ns->command);
	fputs("\n   }", f);
}

static int limit_row(struct libscols_table *tb, const struct sysctl_ref *ref, const struct ipcobj_snapshot *s,
		     const struct output_opts *o)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];
	char value[64], def[64];
	struct val v[ARRAY_SIZE(limit_cols)] = {
		{ .s = sysctl_ref_name(ref) },
		{ .s = value },
		{ .s = def },
		{ .u = !sysctl_value_equal(ref, &s->limit[ref->id], &k->def) },
	};

	/* shmmax and shmall reach 2^64-1: kept as the registry formats them. */
	sysctl_format_value(ref, &s->limit[ref->id], " ", value, sizeof(value));
	sysctl_format_value(ref, &k->def, " ", def, sizeof(def));
	return add_row(tb, limit_cols, ARRAY_SIZE(limit_cols), v, o);
}

static struct libscols_table *limits_table(const struct ipcobj_snapshot *s, const struct output_opts *o)
{
	struct libscols_table *tb = new_table("limits", limit_cols, ARRAY_SIZE(limit_cols), o);
	int r = 0;

	for (size_t id = 0; tb && r == 0 && id < SYSCTL_NKEYS; id++) {
		if (!s->limit_known[id])
			continue;
		if (sysctl_keys[id].type == SYSCTL_SEMS) {
			/* kernel.sem field by field, so that every value is a number */
			for (int f = 0; r == 0 && f < SYSCTL_SEM_FIELDS; f++) {
				const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = f };

				r = limit_row(tb, &ref, s, o);
			}
		} else {
			const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = -1 };

			r = limit_row(tb, &ref, s, o);
		}
	}
	if (r < 0) {
		scols_unref_table(tb);
		return NULL;
	}
	return tb;
}

static struct libscols_table *msg_table(const struct ipcobj_snapshot *s, const struct output_opts *o)
{
	struct libscols_table *tb = new_table("msg", msg_cols, ARRAY_SIZE(msg_cols), o);

	for (size_t i = 0; tb && i < s->nmsg; i++) {
		const struct ipcobj_msg *m = &s->msg[i];
		struct val v[ARRAY_SIZE(msg_cols)] = {
			{ .i = m->key },   { .i = m->id },    { .u = m->perms }, { .u = m->uid },    { .u = m->gid },
			{ .u = m->cuid },  { .u = m->cgid },  { .u = m->qnum },  { .u = m->cbytes }, { .i = m->lspid },
			{ .i = m->lrpid }, { .i = m->stime }, { .i = m->rtime }, { .i = m->ctime },
		};

		if (add_row(tb, msg_cols, ARRAY_SIZE(msg_cols), v, o) < 0) {
			scols_unref_table(tb);
			return NULL;
		}
	}
	return tb;
}

static struct libscols_table *sem_table(const struct ipcobj_snapshot *s, const struct output_opts *o)
{
	struct libscols_table *tb = new_table("sem", sem_cols, ARRAY_SIZE(sem_cols), o);

	for (size_t i = 0; tb && i < s->nsem; i++) {
		const struct ipcobj_sem *m = &s->sem[i];
		struct val v[ARRAY_SIZE(sem_cols)] = {
			{ .i = m->key },  { .i = m->id },   { .u = m->perms }, { .u = m->uid },   { .u = m->gid },
			{ .u = m->cuid }, { .u = m->cgid }, { .u = m->nsems }, { .i = m->otime }, { .i = m->ctime },
		};

		if (add_row(tb, sem_cols, ARRAY_SIZE(sem_cols), v, o) < 0) {
			scols_unref_table(tb);
			return NULL;
		}
	}
	return tb;
}

static struct libscols_table *shm_table(const struct ipcobj_snapshot *s, const struct output_opts *o)
{
	struct libscols_table *tb = new_table("shm", shm_cols, ARRAY_SIZE(shm_cols), o);

	for (size_t i = 0; tb && i < s->nshm; i++) {
		const struct ipcobj_shm *m = &s->shm[i];
		struct val v[ARRAY_SIZE(shm_cols)] = {
			{ .i = m->key },    { .i = m->id },    { .u = m->perms }, { .u = m->uid },
			{ .u = m->gid },    { .u = m->cuid },  { .u = m->cgid },  { .u = m->size },
			{ .u = m->nattch }, { .i = m->cpid },  { .i = m->lpid },  { .i = m->atime },
			{ .i = m->dtime },  { .i = m->ctime }, { .u = m->rss },   { .u = m->swap },
		};

		if (add_row(tb, shm_cols, ARRAY_SIZE(shm_cols), v, o) < 0) {
			scols_unref_table(tb);
			return NULL;
		}
	}
	return tb;
}

static struct libscols_table *mq_table(const struct ipcobj_snapshot *s, const struct output_opts *o)
{
	struct libscols_table *tb = new_table("mqueue", mq_cols, ARRAY_SIZE(mq_cols), o);

	for (size_t i = 0; tb && i < s->nmq; i++) {
		const struct ipcobj_mq *m = &s->mq[i];
		char name[NAME_MAX + 2];
		struct val v[ARRAY_SIZE(mq_cols)] = {
			{ .s = name },
			{ .u = m->mode, .unknown = !m->stat_known },
			{ .u = m->uid, .unknown = !m->stat_known },
			{ .u = m->gid, .unknown = !m->stat_known },
			{ .i = m->curmsgs, .unknown = !m->attr_known },
			{ .u = m->qsize, .unknown = !m->text_known },
			{ .i = m->maxmsg, .unknown = !m->attr_known },
			{ .i = m->msgsize, .unknown = !m->attr_known },
			{ .i = m->notify_pid, .unknown = !m->text_known },
		};

		snprintf(name, sizeof(name), "/%s", m->name);
		if (add_row(tb, mq_cols, ARRAY_SIZE(mq_cols), v, o) < 0) {
			scols_unref_table(tb);
			return NULL;
		}
	}
	return tb;
}

/* The files in one store: POSIX shm objects as "/name", named semaphores
 * as "sem.name", as shm_open() and sem_open() leave them in /dev/shm. */
static int store_rows(struct libscols_table *tb, const char *store, const struct output_opts *o)
{
	_cleanup_close_ int dfd = open(store, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (dfd < 0 || !(d = fdopendir(fcntl(dfd, F_DUPFD_CLOEXEC, 0))))
		return -errno;
	while (r == 0 && (de = readdir(d))) {
		char name[NAME_MAX + 2];
		struct stat st;
		struct val v[ARRAY_SIZE(store_cols)] = { { .s = name } };

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		snprintf(name, sizeof(name), "%s%s", strncmp(de->d_name, "sem.", 4) == 0 ? "" : "/", de->d_name);
		v[1].u = st.st_mode & 07777;
		v[2].u = st.st_uid;
		v[3].u = st.st_gid;
		v[4].u = (uint64_t)st.st_size;
		v[5].i = st.st_mtim.tv_sec;
		r = add_row(tb, store_cols, ARRAY_SIZE(store_cols), v, o);
	}
	closedir(d);
	return r;
}

/* The /dev/shm store of each of the namespace's names that has one (create
 * --shm): NULL, and *has 0, when none has. POSIX shm lives in no IPC
 * namespace, so a name keeps it here, beside the pin; delete counts it. */
static struct libscols_table *store_table(const struct nsinfo_ns *ns, const struct output_opts *o, bool *has, int *why)
{
	struct libscols_table *tb = NULL;

	*has = false;
	*why = 0;
	for (size_t i = 0; i < ns->nnames && !*why; i++) {
		struct ipcns_error ignored = { 0 };
		struct names_entry e;
		struct stat st;

		/* The name, as this caller finds it, must be this namespace: a
		 * name from root's run directory may be another namespace's in a
		 * rootless caller's own. */
		if (names_find(ns->names[i], false, false, &e, &ignored) == 0 && e.store && e.fd >= 0 &&
		    fstat(e.fd, &st) == 0 && st.st_dev == ns->dev && st.st_ino == ns->ino) {
			*has = true;
			if (!tb)
				tb = new_table("shm_store", store_cols, ARRAY_SIZE(store_cols), o);
			*why = tb ? store_rows(tb, e.store, o) : -ENOMEM;
		}
		names_entry_free(&e);
	}
	if (*why) {
		scols_unref_table(tb);
		tb = NULL;
	}
	return tb;
}

/* ---- printing ----------------------------------------------------------- */

struct section {
	const char *key;           /* JSON key, as the table's name */
	const char *title;         /* heading in a table */
	struct libscols_table *tb; /* NULL: unknown (JSON null), see why */
	int why;                   /* -errno when tb is NULL */
};

/* A table's JSON is {"key": [...]}: keep the inside, so that the sections
 * make one object. */
static int json_member(struct libscols_table *tb, char **out)
{
	char *buf = NULL, *start, *end;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	int r;

	if (!f)
		return -errno;
	scols_table_set_stream(tb, f);
	r = scols_print_table(tb);
	if (fclose(f) != 0 && r == 0)
		r = -errno;
	if (r < 0 || !buf) {
		free(buf);
		return r < 0 ? r : -ENOMEM;
	}
	start = strchr(buf, '{');
	end = strrchr(buf, '}');
	if (!start || !end || end <= start) {
		free(buf);
		return -EIO;
	}
	start++;
	while (*start == '\n')
		start++;
	while (end > start && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	*end = '\0';
	memmove(buf, start, strlen(start) + 1);
	*out = buf;
	return 0;
}

static int print_sections(struct section *sec, size_t n, const struct nsinfo_ns *ns, const struct output_opts *o)
{
	int r = 0;

	if (o->json) {
		fputs("{\n", stdout);
		for (size_t i = 0; i < n && r == 0; i++) {
			_cleanup_free_ char *member = NULL;

			if (i)
				fputs(",\n", stdout);
			if (ns && strcmp(sec[i].key, "namespace") == 0) {
				identity_json(stdout, ns);
				continue;
			}
			if (!sec[i].tb) {
				printf("   \"%s\": null", sec[i].key);
				continue;
			}
			r = json_member(sec[i].tb, &member);
			if (r == 0)
				fputs(member, stdout);
		}
		fputs("\n}\n", stdout);
	} else {
		for (size_t i = 0; i < n && r == 0; i++) {
			if (i)
				putchar('\n');
			if (!sec[i].tb) {
				printf("%s: - (%s)\n", sec[i].title, strerror(-sec[i].why));
				continue;
			}
			if (scols_table_get_nlines(sec[i].tb) == 0 && i > 0) {
				printf("%s: none\n", sec[i].title);
				continue;
			}
			printf("%s:\n", sec[i].title);
			r = scols_print_table(sec[i].tb);
		}
	}
	if (r == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		r = errno ? -errno : -EIO;
	return r;
}

/* ---- the command -------------------------------------------------------- */

enum {
	OPT_JSON = 1,
	OPT_BYTES,
	OPT_RAW,
	OPT_NOTRUNCATE,
};

static struct poptOption show_options[] = {
	{ "json", 'J', POPT_ARG_NONE, NULL, OPT_JSON, "print one JSON object, numbers as numbers", NULL },
	{ "bytes", 'b', POPT_ARG_NONE, NULL, OPT_BYTES, "sizes in bytes, not in K, M, G", NULL },
	{ "raw", 'r', POPT_ARG_NONE, NULL, OPT_RAW, "raw tables: columns separated by one space", NULL },
	{ "notruncate", 'u', POPT_ARG_NONE, NULL, OPT_NOTRUNCATE, "do not truncate text in columns", NULL },
	CLI_AUTOHELP,
	POPT_TABLEEND,
};

static int on_option(int val, const char *arg, void *data)
{
	struct output_opts *o = data;

	(void)arg;
	switch (val) {
	case OPT_JSON:
		o->json = true;
		break;
	case OPT_BYTES:
		o->bytes = true;
		break;
	case OPT_RAW:
		o->raw = true;
		break;
	case OPT_NOTRUNCATE:
		o->notruncate = true;
		break;
	}
	return 0;
}

static int open_target(const char *arg, struct ipcns_error *err)
{
	struct target t = { 0 };
	int fd, r;

	if (!arg) {
		fd = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
		return fd >= 0 ? fd : ipcns_error_set(err, errno, "/proc/self/ns/ipc: %s", strerror(errno));
	}
	r = target_parse(arg, &t, err);
	if (r < 0)
		return r;
	fd = target_open(&t, err);
	target_free(&t);
	return fd;
}

static int show_main(int argc, const char **argv, struct ipcns_error *err)
{
	struct output_opts o = { 0 };
	struct nsinfo_list list = { 0 };
	struct ipcobj_snapshot snap = { 0 };
	struct section sec[7] = {
		{ .key = "namespace", .title = "Namespace" },
		{ .key = "limits", .title = "Limits (* differs from a new namespace's default)" },
		{ .key = "msg", .title = "System V message queues" },
		{ .key = "sem", .title = "System V semaphore sets" },
		{ .key = "shm", .title = "System V shared memory segments" },
		{ .key = "mqueue", .title = "POSIX message queues" },
		{ .key = "shm_store", .title = "POSIX shared memory and semaphores in the name's /dev/shm store" },
	};
	size_t nsec = ARRAY_SIZE(sec) - 1; /* the store's only where a name has one */
	bool has_store;
	const char *target = NULL;
	const char **args;
	poptContext ctx = NULL;
	int fd = -1, r;

	argv[0] = "ipcns show";
	ctx = cli_context("ipcns show", argc, argv, show_options, "[OPTIONS] [TARGET]", 0);
	if (!ctx)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	r = cli_parse(ctx, "show", on_option, &o, err);
	if (r < 0)
		goto out;
	args = poptGetArgs(ctx);
	if (args && args[0] && args[1]) {
		r = ipcns_error_usage(err, "show: %.*s%s: unexpected argument (show takes one TARGET)",
				      IPCNS_CLIP(64, args[1]));
		goto out;
	}
	target = args ? args[0] : NULL;
	r = dynlib_load(err);
	if (r < 0)
		goto out;
	fd = open_target(target, err);
	if (fd < 0) {
		r = fd;
		goto out;
	}
	r = nsinfo_scan_one(fd, &list, NSINFO_PIDS | NSINFO_DETAILS, err);
	if (r < 0)
		goto out;
	fd = -1; /* the list holds it now */
	r = ipcobj_read(list.ns[0].fd, list.ns[0].self, IPCOBJ_OBJECTS | IPCOBJ_LIMITS, &snap, err);
	if (r < 0)
		goto out;
	if (snap.join_err) {
		r = ipcns_error_set(err, -snap.join_err, "%s: cannot look inside its IPC namespace: %s",
				    target ? target : "show", strerror(-snap.join_err));
		if (snap.join_err == -EPERM || snap.join_err == -EACCES) {
			ipcns_error_reason(err, IPCNS_R_JOIN_DENIED, target);
			ns_error_owner(err, list.ns[0].fd);
		}
		goto out;
	}

	sec[0].tb = identity_table(&list.ns[0], &o);
	sec[1].tb = limits_table(&snap, &o);
	sec[2].tb = snap.msg_err ? NULL : msg_table(&snap, &o);
	sec[2].why = snap.msg_err;
	sec[3].tb = snap.sem_err ? NULL : sem_table(&snap, &o);
	sec[3].why = snap.sem_err;
	sec[4].tb = snap.shm_err ? NULL : shm_table(&snap, &o);
	sec[4].why = snap.shm_err;
	sec[5].tb = snap.mq_err ? NULL : mq_table(&snap, &o);
	sec[5].why = snap.mq_err;
	sec[6].tb = store_table(&list.ns[0], &o, &has_store, &sec[6].why);
	if (has_store)
		nsec++;
	for (size_t i = 0; i < nsec; i++)
		if (!sec[i].tb && !sec[i].why) {
			r = ipcns_error_set(err, ENOMEM, "out of memory");
			goto out;
		}
	r = print_sections(sec, nsec, &list.ns[0], &o);
	if (r < 0)
		r = ipcns_error_set(err, -r, "standard output: %s", strerror(-r));
out:
	for (size_t i = 0; i < ARRAY_SIZE(sec); i++)
		scols_unref_table(sec[i].tb);
	ipcobj_snapshot_free(&snap);
	nsinfo_list_free(&list);
	if (fd >= 0)
		close(fd);
	poptFreeContext(ctx);
	return r;
}

int cmd_show(int argc, const char **argv)
{
	struct ipcns_error err = { 0 };
	struct explain_caller who;
	int r;

	explain_caller_init(&who, "show");
	r = show_main(argc, argv, &err);
	if (r == 0)
		return IPCNS_EXIT_SUCCESS;
	return explain_report(&who, &err);
}
