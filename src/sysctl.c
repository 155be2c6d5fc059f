#include "ipcns/sysctl.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/ns.h"
#include "ipcns/parse.h"

/* IPCMNI: the most SysV objects of one kind (ipc/util.h, without the
 * ipcmni_extend boot option); bounds msgmni, shmmni and SEMMNI. */
#define IPC_MNI 32768
/* HARD_MSGMAX and HARD_MSGSIZEMAX (include/linux/ipc_namespace.h). */
#define MQ_HARD_MSGMAX 65536
#define MQ_HARD_MSGSIZEMAX (16 * 1024 * 1024)
/* SHMMAX and SHMALL (include/uapi/linux/shm.h): "as large as possible". */
#define SHM_DEFAULT (ULONG_MAX - (1UL << 24))

#define NEXT_ID(kind, what)                                                                        \
	{                                                                                          \
		.name = "kernel." kind "_next_id", .path = "kernel/" kind "_next_id",              \
		.type = SYSCTL_INT, .unit = SYSCTL_UNIT_ID, .min = -1, .max = INT_MAX,             \
		.def = { .i = { -1 } }, .flags = SYSCTL_NO_INHERIT | SYSCTL_UNSET,                 \
		.description = "id the next " what " gets, once (-1: unset, the kernel chooses)", \
	}

const struct sysctl_key sysctl_keys[SYSCTL_NKEYS] = {
	[SYSCTL_MSGMAX] = { .name = "kernel.msgmax", .path = "kernel/msgmax", .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_BYTES, .min = 0, .max = INT_MAX, .def = { .i = { 8192 } },
			    .description = "largest System V message" },
	[SYSCTL_MSGMNB] = { .name = "kernel.msgmnb", .path = "kernel/msgmnb", .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_BYTES, .min = 0, .max = INT_MAX, .def = { .i = { 16384 } },
			    .description = "what a new System V message queue may hold" },
	[SYSCTL_MSGMNI] = { .name = "kernel.msgmni", .path = "kernel/msgmni", .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_COUNT, .min = 0, .max = IPC_MNI, .def = { .i = { 32000 } },
			    .description = "most System V message queues" },
	/* The kernel takes 1 and ignores it: refuse it rather than pretend. */
	[SYSCTL_AUTO_MSGMNI] = { .name = "kernel.auto_msgmni", .path = "kernel/auto_msgmni", .type = SYSCTL_INT,
				 .unit = SYSCTL_UNIT_BOOL, .min = 0, .max = 0, .def = { .i = { 0 } },
				 .flags = SYSCTL_NO_INHERIT,
				 .description = "legacy switch, always 0: msgmni no longer follows memory size" },
	[SYSCTL_SEM] = { .name = "kernel.sem", .path = "kernel/sem", .type = SYSCTL_SEMS,
			 .unit = SYSCTL_UNIT_FIELDS, .def = { .i = { 32000, 1024000000, 500, 32000 } },
			 .description = "System V semaphore limits, four fields in this order" },
	[SYSCTL_SHMALL] = { .name = "kernel.shmall", .path = "kernel/shmall", .type = SYSCTL_ULONG,
			    .unit = SYSCTL_UNIT_PAGES, .min = 0, .max = ULONG_MAX, .def = { .u = SHM_DEFAULT },
			    .description = "all System V shared memory together" },
	[SYSCTL_SHMMAX] = { .name = "kernel.shmmax", .path = "kernel/shmmax", .type = SYSCTL_ULONG,
			    .unit = SYSCTL_UNIT_BYTES, .min = 0, .max = ULONG_MAX, .def = { .u = SHM_DEFAULT },
			    .description = "largest System V shared-memory segment" },
	[SYSCTL_SHMMNI] = { .name = "kernel.shmmni", .path = "kernel/shmmni", .type = SYSCTL_INT,
			    .unit = SYSCTL_UNIT_COUNT, .min = 0, .max = IPC_MNI, .def = { .i = { 4096 } },
			    .description = "most System V shared-memory segments" },
	[SYSCTL_SHM_RMID_FORCED] = { .name = "kernel.shm_rmid_forced", .path = "kernel/shm_rmid_forced",
				     .type = SYSCTL_INT, .unit = SYSCTL_UNIT_BOOL, .min = 0, .max = 1,
				     .def = { .i = { 0 } },
				     .description = "1: destroy a segment once no process has it attached" },
	[SYSCTL_MSG_NEXT_ID] = NEXT_ID("msg", "message queue"),
	[SYSCTL_SEM_NEXT_ID] = NEXT_ID("sem", "semaphore set"),
	[SYSCTL_SHM_NEXT_ID] = NEXT_ID("shm", "shared-memory segment"),
	/* The kernel compares it as unsigned: a negative value is no limit. */
	[SYSCTL_MQ_QUEUES_MAX] = { .name = "fs.mqueue.queues_max", .path = "fs/mqueue/queues_max",
				   .type = SYSCTL_INT, .unit = SYSCTL_UNIT_COUNT, .min = INT_MIN, .max = INT_MAX,
				   .def = { .i = { 256 } },
				   .description = "most POSIX message queues (negative: no limit)" },
	[SYSCTL_MQ_MSG_MAX] = { .name = "fs.mqueue.msg_max", .path = "fs/mqueue/msg_max", .type = SYSCTL_INT,
				.unit = SYSCTL_UNIT_COUNT, .min = 1, .max = MQ_HARD_MSGMAX, .def = { .i = { 10 } },
				.description = "most messages in one POSIX queue (mq_maxmsg)" },
	[SYSCTL_MQ_MSGSIZE_MAX] = { .name = "fs.mqueue.msgsize_max", .path = "fs/mqueue/msgsize_max",
				    .type = SYSCTL_INT, .unit = SYSCTL_UNIT_BYTES, .min = 128,
				    .max = MQ_HARD_MSGSIZEMAX, .def = { .i = { 8192 } },
				    .description = "largest POSIX message (mq_msgsize)" },
	[SYSCTL_MQ_MSG_DEFAULT] = { .name = "fs.mqueue.msg_default", .path = "fs/mqueue/msg_default",
				    .type = SYSCTL_INT, .unit = SYSCTL_UNIT_COUNT, .min = 1, .max = MQ_HARD_MSGMAX,
				    .def = { .i = { 10 } },
				    .description = "mq_maxmsg of a queue made without attributes (at most msg_max)" },
	[SYSCTL_MQ_MSGSIZE_DEFAULT] = { .name = "fs.mqueue.msgsize_default", .path = "fs/mqueue/msgsize_default",
					.type = SYSCTL_INT, .unit = SYSCTL_UNIT_BYTES, .min = 128,
					.max = MQ_HARD_MSGSIZEMAX, .def = { .i = { 8192 } },
					.description = "mq_msgsize of a queue made without attributes (at most msgsize_max)" },
};

const struct sysctl_sem_field sysctl_sem_fields[SYSCTL_SEM_FIELDS] = {
	{ .name = "semmsl", .min = 0, .max = INT_MAX, .description = "most semaphores in one set" },
	{ .name = "semmns", .min = 0, .max = INT_MAX, .description = "most semaphores in all sets together" },
	{ .name = "semopm", .min = 0, .max = INT_MAX, .description = "most operations in one semop() call" },
	{ .name = "semmni", .min = 0, .max = IPC_MNI, .description = "most semaphore sets" },
};

/* How much of a user's value or path a message repeats (IPCNS_CLIP). */
#define SHOWN_VALUE 40
#define SHOWN_PATH  200

/* ---- names ---- */

static const char *last_component(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot ? dot + 1 : name;
}

const char *sysctl_ref_name(const struct sysctl_ref *ref)
{
	return ref->field < 0 ? sysctl_keys[ref->id].name : sysctl_sem_fields[ref->field].name;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (lb >= ARRAY_SIZE(row))
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The accepted name closest to a mistyped one, if it is close at all. */
static const char *closest_name(const char *name)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;

	for (size_t k = 0; k < 2 * SYSCTL_NKEYS + SYSCTL_SEM_FIELDS; k++) {
		const char *cand = k < SYSCTL_NKEYS ? sysctl_keys[k].name
				   : k < 2 * SYSCTL_NKEYS ? last_component(sysctl_keys[k - SYSCTL_NKEYS].name)
							  : sysctl_sem_fields[k - 2 * SYSCTL_NKEYS].name;
		size_t len = strlen(name), clen = strlen(cand), limit = clen / 3, d;

		if (limit < 2)
			limit = 2;
		/* The distance is at least the difference in length. */
		if ((len > clen ? len - clen : clen - len) > limit)
			continue;
		d = edit_distance(name, cand);
		if (d <= limit && d < best_d) {
			best = cand;
			best_d = d;
		}
	}
	return best;
}

/* Is there a sysctl of that name at all (in another namespace or none)?
 * Only plain names are looked up, so nothing outside /proc/sys is probed. */
static bool is_other_sysctl(const char *dotted)
{
	char path[PATH_MAX];
	struct stat st;
	size_t n;

	if (!*dotted || *dotted == '.' || strstr(dotted, ".."))
		return false;
	n = (size_t)snprintf(path, sizeof(path), "/proc/sys/%s", dotted);
	if (n >= sizeof(path))
		return false;
	for (char *p = path + strlen("/proc/sys/"); *p; p++) {
		if (*p == '.')
			*p = '/';
		else if (!(*p == '_' || *p == '-' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9')))
			return false;
	}
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int sysctl_lookup(const char *name, struct sysctl_ref *ref, struct ipcns_error *err)
{
	char dotted[128];
	const char *near;

	if (!*name)
		return ipcns_error_usage(err, "KEY: empty; expected a key such as kernel.msgmax (see 'ipcns get --keys')");
	if (strlen(name) >= sizeof(dotted))
		return ipcns_error_usage(err, "%.40s...: unknown key (see 'ipcns get --keys')", name);
	/* kernel/msgmax is kernel.msgmax; in a slashed name a dot is a dot. */
	snprintf(dotted, sizeof(dotted), "%s", name);
	if (strchr(dotted, '/'))
		for (char *p = dotted; *p; p++)
			*p = *p == '/' ? '.' : *p;
	for (size_t k = 0; k < SYSCTL_NKEYS; k++) {
		if (strcmp(dotted, sysctl_keys[k].name) == 0 || strcmp(dotted, last_component(sysctl_keys[k].name)) == 0) {
			*ref = (struct sysctl_ref){ .id = (enum sysctl_id)k, .field = -1 };
			return 0;
		}
	}
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++) {
		if (strcmp(dotted, sysctl_sem_fields[f].name) == 0) {
			*ref = (struct sysctl_ref){ .id = SYSCTL_SEM, .field = f };
			return 0;
		}
	}
	if (is_other_sysctl(dotted))
		return ipcns_error_usage(err, "%s: not a limit of an IPC namespace (only kernel.msg*, kernel.sem*, "
					      "kernel.shm* and fs.mqueue.* keys are)", name);
	near = closest_name(dotted);
	if (near)
		return ipcns_error_usage(err, "%s: unknown key; did you mean %s?", name, near);
	return ipcns_error_usage(err, "%s: unknown key (see 'ipcns get --keys')", name);
}

/* ---- values ---- */

static void range_text(int64_t min, uint64_t max, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRId64 "..%" PRIu64, min, max);
}

void sysctl_format_range(const struct sysctl_ref *ref, char *buf, size_t size)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		range_text(sysctl_sem_fields[ref->field].min, (uint64_t)sysctl_sem_fields[ref->field].max, buf, size);
	else if (k->type == SYSCTL_SEMS)
		snprintf(buf, size, "semmsl semmns semopm semmni");
	else
		range_text(k->min, k->max, buf, size);
}

void sysctl_format_value(const struct sysctl_ref *ref, const struct sysctl_value *v, const char *sep, char *buf,
			 size_t size)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		snprintf(buf, size, "%" PRId64, v->i[ref->field]);
	else if (k->type == SYSCTL_SEMS)
		snprintf(buf, size, "%" PRId64 "%s%" PRId64 "%s%" PRId64 "%s%" PRId64, v->i[0], sep, v->i[1], sep,
			 v->i[2], sep, v->i[3]);
	else if (k->type == SYSCTL_ULONG)
		snprintf(buf, size, "%" PRIu64, v->u);
	else
		snprintf(buf, size, "%" PRId64, v->i[0]);
}

bool sysctl_value_equal(const struct sysctl_ref *ref, const struct sysctl_value *a, const struct sysctl_value *b)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		return a->i[ref->field] == b->i[ref->field];
	if (k->type == SYSCTL_SEMS)
		return memcmp(a->i, b->i, sizeof(a->i)) == 0;
	if (k->type == SYSCTL_ULONG)
		return a->u == b->u;
	return a->i[0] == b->i[0];
}

/* "expected ..." for a value that is not a number. */
static void accepted_form(enum sysctl_unit unit, const char *range, char *buf, size_t size)
{
	if (unit == SYSCTL_UNIT_BYTES)
		snprintf(buf, size, "%s bytes, optionally with K, M, G or T", range);
	else if (unit == SYSCTL_UNIT_PAGES)
		snprintf(buf, size, "%s pages, or a size with K, M, G or T", range);
	else
		snprintf(buf, size, "a decimal number in %s", range);
}

/* One number of a key or a field. what names it in messages ("kernel.msgmax",
 * "kernel.sem: semmni"). A sign only where the range has negatives. */
static int parse_number(const char *what, const char *text, int64_t min, uint64_t max, enum sysctl_unit unit,
			bool negative_ok, int64_t *out_i, uint64_t *out_u, struct ipcns_error *err)
{
	const char *in = unit == SYSCTL_UNIT_BYTES ? " bytes" : unit == SYSCTL_UNIT_PAGES ? " pages" : "";
	char range[64], form[128];
	uint64_t u;
	int64_t i;
	int r;

	range_text(min, max, range, sizeof(range));
	accepted_form(unit, range, form, sizeof(form));
	if (!*text)
		return ipcns_error_usage(err, "%s: empty value; expected %s", what, form);
	if (*text == '-') {
		r = parse_i64(text, &i);
		if (r == -EINVAL)
			return ipcns_error_usage(err, "%s: '%.*s%s' is not a number; expected %s", what,
						 IPCNS_CLIP(SHOWN_VALUE, text), form);
		if (r < 0 || !negative_ok || i < min)
			return ipcns_error_usage(err, "%s: %.*s%s is out of range %s%s", what,
						 IPCNS_CLIP(SHOWN_VALUE, text), range, in);
		*out_i = i;
		return 0;
	}
	if (unit == SYSCTL_UNIT_BYTES || unit == SYSCTL_UNIT_PAGES) {
		r = parse_size(text, &u);
		if (r == 0 && unit == SYSCTL_UNIT_PAGES && parse_has_size_suffix(text)) {
			uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

			u = u / page + (u % page != 0); /* round up: at least the size asked for */
		}
	} else {
		r = parse_u64(text, &u);
		if (r == -EINVAL && parse_has_size_suffix(text))
			return ipcns_error_usage(err, "%s: '%.*s%s': a count takes no size suffix; expected %s",
						 what, IPCNS_CLIP(SHOWN_VALUE, text), form);
	}
	if (r == -EINVAL)
		return ipcns_error_usage(err, "%s: '%.*s%s' is not a number; expected %s", what,
					 IPCNS_CLIP(SHOWN_VALUE, text), form);
	if (r < 0 || u > max || (min > 0 && u < (uint64_t)min))
		return ipcns_error_usage(err, "%s: %.*s%s is out of range %s%s", what, IPCNS_CLIP(SHOWN_VALUE, text),
					 range, in);
	*out_u = u;
	*out_i = (int64_t)(u > INT64_MAX ? INT64_MAX : u);
	return 0;
}

static int parse_sem_field(const char *what, int f, const char *text, struct sysctl_value *v, struct ipcns_error *err)
{
	const struct sysctl_sem_field *sf = &sysctl_sem_fields[f];
	uint64_t unused;

	return parse_number(what, text, sf->min, (uint64_t)sf->max, SYSCTL_UNIT_COUNT, false, &v->i[f], &unused, err);
}

static int parse_sem(const char *text, struct sysctl_value *v, struct ipcns_error *err)
{
	char buf[128], *save = NULL, *tok[SYSCTL_SEM_FIELDS + 1] = { NULL };
	size_t n = 0;
	int r;

	if (strlen(text) >= sizeof(buf))
		return ipcns_error_usage(err, "kernel.sem: value too long; expected four numbers: semmsl semmns semopm semmni");
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *t = strtok_r(buf, " \t", &save); t && n <= SYSCTL_SEM_FIELDS; t = strtok_r(NULL, " \t", &save))
		tok[n++] = t;
	if (n != SYSCTL_SEM_FIELDS)
		return ipcns_error_usage(err, "kernel.sem: '%s': expected four numbers: semmsl semmns semopm semmni", text);
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++) {
		char what[64];

		snprintf(what, sizeof(what), "kernel.sem: %s", sysctl_sem_fields[f].name);
		r = parse_sem_field(what, f, tok[f], v, err);
		if (r < 0)
			return r;
	}
	return 0;
}

int sysctl_parse_value(const struct sysctl_ref *ref, const char *text, struct sysctl_value *v,
		       struct ipcns_error *err)
{
	const struct sysctl_key *k = &sysctl_keys[ref->id];

	if (ref->field >= 0)
		return parse_sem_field(sysctl_sem_fields[ref->field].name, ref->field, text, v, err);
	if (k->type == SYSCTL_SEMS)
		return parse_sem(text, v, err);
	return parse_number(k->name, text, k->min, k->max, k->unit, k->min < 0, &v->i[0], &v->u, err);
}

/* ---- reading and writing /proc/sys ---- */

static int open_key(enum sysctl_id id, int flags, struct ipcns_error *err)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/%s", sysctl_keys[id].path);
	fd = open(path, flags | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT)
		return ipcns_error_set(err, ENOENT, "%s: this kernel does not have it (no %s)", sysctl_keys[id].name, path);
	if (fd < 0)
		return ipcns_error_set(err, errno, "%s: cannot open %s: %s", sysctl_keys[id].name, path, strerror(errno));
	return fd;
}

/* What the kernel prints: decimal numbers separated by white space. */
static int parse_kernel_text(enum sysctl_id id, char *text, struct sysctl_value *v)
{
	const struct sysctl_key *k = &sysctl_keys[id];
	int want = k->type == SYSCTL_SEMS ? SYSCTL_SEM_FIELDS : 1, n = 0;
	char *save = NULL;

	*v = (struct sysctl_value){ 0 };
	for (char *t = strtok_r(text, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save)) {
		if (n >= want)
			return -EINVAL;
		if (k->type == SYSCTL_ULONG ? parse_u64(t, &v->u) < 0 : parse_i64(t, &v->i[n]) < 0)
			return -EINVAL;
		n++;
	}
	return n == want ? 0 : -EINVAL;
}

int sysctl_read(enum sysctl_id id, struct sysctl_value *v, struct ipcns_error *err)
{
	_cleanup_close_ int fd = open_key(id, O_RDONLY, err);
	char buf[128];
	ssize_t n;

	if (fd < 0)
		return fd;
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n < 0)
		return ipcns_error_set(err, errno, "%s: cannot read: %s", sysctl_keys[id].name, strerror(errno));
	buf[n] = '\0';
	if (parse_kernel_text(id, buf, v) < 0)
		return ipcns_error_set(err, EIO, "%s: unexpected value from the kernel: '%s'", sysctl_keys[id].name, buf);
	return 0;
}

/* Does our user namespace own the IPC namespace we are in? */
static bool own_ipc_namespace(void)
{
	_cleanup_close_ int ipc = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
	struct ns_owner owner;
	int r;

	if (ipc < 0)
		return true;
	r = ns_owner_of(ipc, &owner);
	if (r == -EPERM) /* the owner is outside our user namespace: an ancestor */
		return false;
	return r < 0 || owner.ours;
}

/* Why the kernel may say no to a write, and what to do about it. */
static void hint_for_denied(enum sysctl_id id, struct ipcns_error *err)
{
	if (sysctl_keys[id].flags & SYSCTL_UNSET)
		ipcns_error_hint(err, "*_next_id needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN over the namespace's "
				      "user namespace");
	else if (geteuid() != 0)
		ipcns_error_hint(err, "only uid 0 of the namespace's owning user namespace may change its limits: "
				      "run as root, or make the namespace with 'ipcns run -r'");
	else if (!own_ipc_namespace())
		ipcns_error_hint(err, "the namespace belongs to another user namespace: with enter add -U "
				      "(ipcns set --target joins it by itself)");
	else
		ipcns_error_hint(err, "this kernel lets only root of the initial user namespace change IPC limits "
				      "(Linux before 6.9): run as root, without -r");
}

static int write_value(int fd, enum sysctl_id id, const struct sysctl_value *v, struct ipcns_error *err)
{
	const struct sysctl_ref ref = { .id = id, .field = -1 };
	char buf[128];
	size_t len;

	sysctl_format_value(&ref, v, " ", buf, sizeof(buf));
	len = strlen(buf);
	errno = 0;
	/* Always at offset 0: a second write to the same file (an undo) must
	 * not be taken as a continuation of the first. */
	if (pwrite(fd, buf, len, 0) != (ssize_t)len) {
		int e = errno ? errno : EIO;

		ipcns_error_set(err, e, "%s: the kernel refused %s: %s", sysctl_keys[id].name, buf, strerror(e));
		if (e == EACCES || e == EPERM)
			hint_for_denied(id, err);
		return -e;
	}
	return 0;
}

int sysctl_plan_apply(const struct sysctl_plan *plan, struct ipcns_error *err)
{
	struct sysctl_value old[SYSCTL_NKEYS], want[SYSCTL_NKEYS];
	int fds[SYSCTL_NKEYS];
	size_t id, done = 0;
	int r = 0;

	for (id = 0; id < SYSCTL_NKEYS; id++)
		fds[id] = -1;

	/* Every file is opened, and so permission-checked, before the first
	 * write: a refusal then leaves nothing to undo. */
	for (id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_setting *s = &plan->s[id];
		const struct sysctl_ref ref = { .id = (enum sysctl_id)id, .field = -1 };

		if (!s->set)
			continue;
		r = sysctl_read(ref.id, &old[id], err);
		if (r < 0) {
			if (s->optional) {
				r = 0;
				continue;
			}
			goto out;
		}
		want[id] = s->value;
		if (sysctl_keys[id].type == SYSCTL_SEMS)
			for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
				if (!(s->fields & (1U << f)))
					want[id].i[f] = old[id].i[f];
		if (sysctl_value_equal(&ref, &want[id], &old[id]))
			continue;
		if ((sysctl_keys[id].flags & SYSCTL_UNSET) && want[id].i[0] == -1) {
			if (s->optional)
				continue;
			r = ipcns_error_set(err, EINVAL, "%s: cannot be set back to -1 (unset); it is %" PRId64,
					    sysctl_keys[id].name, old[id].i[0]);
			goto out;
		}
		fds[id] = open_key(ref.id, O_WRONLY, err);
		if (fds[id] < 0) {
			r = fds[id];
			if (r == -EACCES || r == -EPERM)
				hint_for_denied(ref.id, err);
			if (s->optional)
				r = 0;
			if (r < 0)
				goto out;
		}
	}

	for (id = 0; id < SYSCTL_NKEYS; id++) {
		if (fds[id] < 0)
			continue;
		r = write_value(fds[id], (enum sysctl_id)id, &want[id], err);
		if (r < 0 && plan->s[id].optional) {
			r = 0;
			close(fds[id]);
			fds[id] = -1;
			continue;
		}
		if (r < 0)
			break;
		done = id + 1;
	}
	if (r < 0) {
		/* Put back what was written before the refusal, newest first. */
		struct ipcns_error undo_err = { 0 };

		while (done-- > 0)
			if (fds[done] >= 0 && write_value(fds[done], (enum sysctl_id)done, &old[done], &undo_err) < 0) {
				size_t len = strlen(err->msg);

				snprintf(err->msg + len, sizeof(err->msg) - len, "; %s could not be restored",
					 sysctl_keys[done].name);
			}
	}
out:
	for (id = 0; id < SYSCTL_NKEYS; id++)
		if (fds[id] >= 0)
			close(fds[id]);
	return r;
}

/* ---- plans ---- */

bool sysctl_plan_empty(const struct sysctl_plan *plan)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++)
		if (plan->s[id].set)
			return false;
	return true;
}

/* Put s over d. kernel.sem merges field by field: a later semmni keeps an
 * earlier line's other fields, in the same write, which may then be
 * skipped on failure only if every line that fed it may be. */
static void merge_setting(enum sysctl_id id, struct sysctl_setting *d, const struct sysctl_setting *s)
{
	if (sysctl_keys[id].type != SYSCTL_SEMS || !d->set) {
		*d = *s;
		return;
	}
	for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
		if (s->fields & (1U << f))
			d->value.i[f] = s->value.i[f];
	d->optional = (d->fields & ~s->fields) ? d->optional && s->optional : s->optional;
	d->fields |= s->fields;
}

int sysctl_plan_add(struct sysctl_plan *plan, const char *key, const char *value, bool optional,
		    struct ipcns_error *err)
{
	struct sysctl_setting setting;
	struct sysctl_value v = { 0 };
	struct sysctl_ref ref;
	int r;

	r = sysctl_lookup(key, &ref, err);
	if (r < 0)
		return r;
	r = sysctl_parse_value(&ref, value, &v, err);
	if (r < 0)
		return r;
	setting = (struct sysctl_setting){ .set = true, .optional = optional, .value = v };
	setting.fields = ref.field >= 0 ? 1U << ref.field : SYSCTL_SEM_ALL;
	merge_setting(ref.id, &plan->s[ref.id], &setting);
	return 0;
}

int sysctl_plan_add_pair(struct sysctl_plan *plan, const char *pair, const char *opt, struct ipcns_error *err)
{
	_cleanup_free_ char *key = NULL;
	const char *eq = strchr(pair, '=');

	if (!eq)
		return ipcns_error_usage(err, "%s%s'%.*s%s': expected KEY=VALUE, e.g. kernel.msgmax=65536",
					 opt ? opt : "", opt ? ": " : "", IPCNS_CLIP(SHOWN_VALUE, pair));
	key = strndup(pair, (size_t)(eq - pair));
	if (!key)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	return sysctl_plan_add(plan, key, eq + 1, false, err);
}

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
	const size_t cap = 1 << 20; /* far more than 17 keys ever need */
	_cleanup_close_ int owned = -1;
	_cleanup_free_ char *buf = NULL;
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = STDIN_FILENO;
	size_t len = 0, size = 0;

	if (!is_stdin) {
		fd = owned = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return ipcns_error_usage(err, "%.*s%s: %s", IPCNS_CLIP(SHOWN_PATH, path), strerror(errno));
	}
	for (;;) {
		ssize_t n;

		if (size - len < 4096) {
			char *nb;

			size = size ? size * 2 : 8192;
			if (size > cap + 1)
				return ipcns_error_usage(err, "%.*s%s: larger than %zu bytes; not a sysctl.conf file",
							 IPCNS_CLIP(SHOWN_PATH, path), cap);
			nb = realloc(buf, size);
			if (!nb)
				return ipcns_error_set(err, ENOMEM, "out of memory");
			buf = nb;
		}
		n = read(fd, buf + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ipcns_error_usage(err, "%.*s%s: %s",
						 IPCNS_CLIP(SHOWN_PATH, is_stdin ? "standard input" : path),
						 strerror(errno));
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	if (strlen(buf) != len)
		return ipcns_error_usage(err, "%.*s%s: contains a NUL byte; not a sysctl.conf file",
					 IPCNS_CLIP(SHOWN_PATH, path));
	return sysctl_plan_add_conf(plan, buf, is_stdin ? "stdin" : path, err);
}

void sysctl_plan_merge(struct sysctl_plan *dst, const struct sysctl_plan *src)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++)
		if (src->s[id].set)
			merge_setting((enum sysctl_id)id, &dst->s[id], &src->s[id]);
}

int sysctl_plan_inherit(struct sysctl_plan *plan, struct ipcns_error *err)
{
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		struct sysctl_setting *s = &plan->s[id];
		struct sysctl_value now;
		int r;

		if ((sysctl_keys[id].flags & SYSCTL_NO_INHERIT) || (s->set && s->fields == SYSCTL_SEM_ALL))
			continue;
		r = sysctl_read((enum sysctl_id)id, &now, err);
		if (r == -ENOENT)
			continue;
		if (r < 0)
			return r;
		if (!s->set) {
			*s = (struct sysctl_setting){ .set = true, .fields = SYSCTL_SEM_ALL, .value = now };
			continue;
		}
		for (int f = 0; f < SYSCTL_SEM_FIELDS; f++)
			if (!(s->fields & (1U << f)))
				s->value.i[f] = now.i[f];
		s->fields = SYSCTL_SEM_ALL;
	}
	return 0;
}
