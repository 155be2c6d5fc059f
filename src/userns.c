#include "ipcns/userns.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/fileio.h"
#include "ipcns/parse.h"

/* (uid_t)-1 means "no change" to setresuid(): it is no one's ID. */
#define USERNS_ID_MAX  (UINT32_MAX - 1)
#define SHOWN          64
#define SUBID_FILE_MAX (1 << 20)
#define SUBUID_FILE    "/etc/subuid"
#define SUBGID_FILE    "/etc/subgid"

static int write_proc_file(const char *path, const char *text, struct ipcns_error *err)
{
	int r = write_file_at(AT_FDCWD, path, text, strlen(text));

	return r < 0 ? ipcns_error_set(err, -r, "%s: %s", path, strerror(-r)) : 0;
}

int userns_parse_id(const char *arg, bool group, const char *what, uint32_t *id, struct ipcns_error *err)
{
	const char *kind = group ? "group" : "user";
	uint64_t v;

	if (!arg || !*arg)
		return ipcns_error_usage(err, "%s: empty; expected a %s name or a numeric ID", what, kind);
	if (parse_is_digits(arg)) {
		if (parse_u64(arg, &v) < 0 || v > USERNS_ID_MAX)
			return ipcns_error_usage(err, "%s=%.*s%s: not a valid ID (0..%u)", what, IPCNS_CLIP(SHOWN, arg),
						 USERNS_ID_MAX);
		*id = (uint32_t)v;
		return 0;
	}
	errno = 0;
	if (group) {
		struct group *gr = getgrnam(arg);
		if (gr) {
			*id = gr->gr_gid;
			return 0;
		}
	} else {
		struct passwd *pw = getpwnam(arg);
		if (pw) {
			*id = pw->pw_uid;
			return 0;
		}
	}
	return ipcns_error_usage(err, "%s=%.*s%s: no such %s; expected a %s name or a numeric ID", what,
				 IPCNS_CLIP(SHOWN, arg), kind, kind);
}

/* One field of a subuid line: decimal digits up to the next ':' or the end. */
static bool subid_number(const char *s, size_t len, uint32_t *out)
{
	uint64_t v = 0;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

int userns_subid_find(const char *text, const char *name, uint32_t id, struct userns_range *out)
{
	char idtext[16];

	snprintf(idtext, sizeof(idtext), "%u", (unsigned)id);
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *c1 = memchr(line, ':', len);
		const char *c2 = c1 ? memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - line)) : NULL;

		if (c1 && c2 && line[0] != '#') {
			size_t owner = (size_t)(c1 - line);
			bool mine = (name && strlen(name) == owner && strncmp(line, name, owner) == 0) ||
				    (strlen(idtext) == owner && strncmp(line, idtext, owner) == 0);
			struct userns_range r;

			if (mine && subid_number(c1 + 1, (size_t)(c2 - c1 - 1), &r.start) &&
			    subid_number(c2 + 1, len - (size_t)(c2 + 1 - line), &r.count) && r.count > 0) {
				*out = r;
				return 0;
			}
		}
		line = end ? end + 1 : NULL;
	}
	return -ENOENT;
}

static int append(char *buf, size_t size, size_t *n, uint32_t inside, uint32_t outside, uint32_t count)
{
	int w;

	if (count == 0)
		return 0;
	w = snprintf(buf + *n, size - *n, "%u %u %u\n", (unsigned)inside, (unsigned)outside, (unsigned)count);
	if (w < 0 || (size_t)w >= size - *n)
		return -ENOSPC;
	*n += (size_t)w;
	return 0;
}

/* The caller's id at inner, and the subordinate block from inner 0 with a
 * hole where inner falls into it: the IDs below the hole keep their place,
 * those above move up by one, and the block's last ID goes unmapped. */
static void auto_map(uint32_t inner, uint32_t outer, struct userns_range sub, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (append(buf, size, &n, inner, outer, 1) < 0)
		return;
	if (inner >= sub.count) {
		append(buf, size, &n, 0, sub.start, sub.count);
		return;
	}
	if (append(buf, size, &n, 0, sub.start, inner) < 0)
		return;
	append(buf, size, &n, inner + 1, sub.start + inner, sub.count - inner - 1);
}

bool userns_nested(const struct userns_plan *p)
{
	return p->wanted && !p->map_auto && !(p->map_uid && p->uid == 0 && p->map_gid && p->gid == 0);
}

void userns_final_map(const struct userns_plan *p, bool group, char *buf, size_t size)
{
	bool mapped = group ? p->map_gid : p->map_uid;
	uint32_t inner = group ? p->gid : p->uid;

	buf[0] = '\0';
	if (!p->wanted || size == 0)
		return;
	if (p->map_auto)
		auto_map(inner, group ? p->outer_gid : p->outer_uid, group ? p->subgid : p->subuid, buf, size);
	else if (mapped)
		snprintf(buf, size, "%u 0 1\n", (unsigned)inner); /* onto uid 0 of the first namespace */
}

/* Like execvp() would: an executable file named prog in $PATH. */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;;) {
		size_t len = strcspn(p, ":");
		_cleanup_free_ char *file = NULL;

		if (asprintf(&file, "%.*s/%s", (int)(len ? len : 1), len ? p : ".", prog) >= 0 &&
		    access(file, X_OK) == 0)
			return true;
		if (!p[len])
			return false;
		p += len + 1;
	}
}

static int find_subids(const char *file, const char *name, uint32_t id, struct userns_range *out,
		       struct ipcns_error *err)
{
	_cleanup_free_ char *text = read_text_file(file, SUBID_FILE_MAX);

	if (!text && errno != ENOENT)
		return ipcns_error_set(err, errno, "--map-auto: cannot read %s: %s", file, strerror(errno));
	if (!text || userns_subid_find(text, name, id, out) < 0) {
		ipcns_error_set(err, ENOENT, "--map-auto: %s has no subordinate IDs for %s (uid %u)", file,
				name ? name : "this user", (unsigned)id);
		ipcns_error_reason(err, IPCNS_R_SUBID_MISSING, name ? name : "USER");
		return -ENOENT;
	}
	return 0;
}

int userns_resolve(struct userns_plan *p, struct ipcns_error *err)
{
	_cleanup_free_ char *name = NULL;
	struct passwd *pw;
	int r;

	if (!p->map_auto)
		return 0;
	/* --map-auto alone maps the caller as -r does. */
	if (!p->map_uid) {
		p->map_uid = true;
		p->uid = 0;
	}
	if (!p->map_gid) {
		p->map_gid = true;
		p->gid = 0;
	}
	p->outer_uid = geteuid();
	p->outer_gid = getegid();
	errno = 0;
	pw = getpwuid(p->outer_uid);
	if (pw && !(name = strdup(pw->pw_name)))
		return ipcns_error_set(err, ENOMEM, "out of memory");
	r = find_subids(SUBUID_FILE, name, p->outer_uid, &p->subuid, err);
	if (r < 0)
		return r;
	/* newgidmap, too, looks the subgid lines up by the user. */
	r = find_subids(SUBGID_FILE, name, p->outer_uid, &p->subgid, err);
	if (r < 0)
		return r;
	if (p->subuid.start + (uint64_t)p->subuid.count > UINT32_MAX ||
	    p->subgid.start + (uint64_t)p->subgid.count > UINT32_MAX)
		return ipcns_error_set(err, ERANGE, "--map-auto: a subordinate ID range ends past 4294967295");
	for (size_t i = 0; i < 2; i++) {
		const char *prog = i ? USERNS_NEWGIDMAP : USERNS_NEWUIDMAP;

		if (!in_path(prog)) {
			ipcns_error_set(err, ENOENT,
					"--map-auto: %s not found in PATH: it writes maps of subordinate IDs, with %s",
					prog, i ? USERNS_NEWUIDMAP : USERNS_NEWGIDMAP);
			ipcns_error_reason(err, IPCNS_R_MAP_HELPER_MISSING, prog);
			return -ENOENT;
		}
	}
	return 0;
}

/* "PROG PID INSIDE OUTSIDE COUNT..." from a map text, for execvp(). */
static char **helper_argv(const char *prog, pid_t pid, const char *map)
{
	size_t words = 2, n = 0;
	_cleanup_free_ char *copy = strdup(map);
	char **argv, *save = NULL;

	if (!copy)
		return NULL;
	for (const char *s = map; *s; s++)
		words += *s == ' ' || *s == '\n';
	argv = calloc(words + 1, sizeof(*argv));
	if (!argv)
		return NULL;
	argv[n++] = strdup(prog);
	if (asprintf(&argv[n++], "%d", (int)pid) < 0)
		argv[n - 1] = NULL;
	for (char *w = strtok_r(copy, " \n", &save); w && n < words; w = strtok_r(NULL, " \n", &save))
		argv[n++] = strdup(w);
	return argv;
}

static void free_argv(char **argv)
{
	if (argv)
		for (char **a = argv; *a; a++)
			free(*a);
	free(argv);
}

/* Exit statuses of the helper child, to tell which program failed. */
enum { HELPER_UID_FAILED = 10, HELPER_GID_NOT_RUN = 11, HELPER_NOT_TOLD = 12 };

/* Runs in the child, which stays in the parent's user namespace: the maps of
 * another process's namespace are written from outside it. Only _exit()s. */
static void helper_child(int go, char **uid_argv, char **gid_argv)
{
	char c;
	pid_t pid;
	int status;

	if (read(go, &c, 1) != 1)
		_exit(HELPER_NOT_TOLD); /* the parent could not unshare: nothing to map */
	pid = fork();
	if (pid < 0)
		_exit(HELPER_UID_FAILED);
	if (pid == 0) {
		execvp(uid_argv[0], uid_argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			_exit(HELPER_UID_FAILED);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		_exit(HELPER_UID_FAILED);
	execvp(gid_argv[0], gid_argv);
	_exit(HELPER_GID_NOT_RUN);
}

static int unshare_user(struct ipcns_error *err)
{
	int r;

	if (unshare(CLONE_NEWUSER) == 0)
		return 0;
	r = ipcns_error_set(err, errno, "cannot create a user namespace: %s", strerror(errno));
	if (r == -EPERM || r == -ENOSPC || r == -EACCES)
		ipcns_error_reason(err, IPCNS_R_USERNS_UNAVAILABLE, NULL);
	return r;
}

static int check_maps_written(struct ipcns_error *err)
{
	static const char *const maps[] = { "/proc/self/uid_map", "/proc/self/gid_map" };

	for (size_t i = 0; i < ARRAY_SIZE(maps); i++) {
		_cleanup_free_ char *text = read_text_file(maps[i], 4096);

		if (!text || !*text)
			return ipcns_error_set(err, EPERM, "--map-auto: %s is empty after %s: the helper wrote no map",
					       maps[i], i ? USERNS_NEWGIDMAP : USERNS_NEWUIDMAP);
	}
	return 0;
}

/* newuidmap and newgidmap, run by a child of ours that stays outside, write
 * the maps of the user namespace we unshare meanwhile. */
static int map_with_helpers(const struct userns_plan *p, struct ipcns_error *err)
{
	char uid_map[128], gid_map[128];
	char **uid_argv, **gid_argv;
	int go[2], status, r = 0;
	pid_t child;

	userns_final_map(p, false, uid_map, sizeof(uid_map));
	userns_final_map(p, true, gid_map, sizeof(gid_map));
	uid_argv = helper_argv(USERNS_NEWUIDMAP, getpid(), uid_map);
	gid_argv = helper_argv(USERNS_NEWGIDMAP, getpid(), gid_map);
	if (!uid_argv || !gid_argv) {
		r = ipcns_error_set(err, ENOMEM, "out of memory");
		goto out;
	}
	if (pipe2(go, O_CLOEXEC) < 0) {
		r = ipcns_error_set(err, errno, "pipe: %s", strerror(errno));
		goto out;
	}
	fflush(NULL);
	child = fork();
	if (child < 0) {
		r = ipcns_error_set(err, errno, "fork: %s", strerror(errno));
		close(go[0]);
		close(go[1]);
		goto out;
	}
	if (child == 0) {
		close(go[1]);
		helper_child(go[0], uid_argv, gid_argv);
	}
	close(go[0]);
	r = unshare_user(err);
	if (r == 0 && write(go[1], "x", 1) != 1)
		r = ipcns_error_set(err, errno, "cannot start %s: %s", USERNS_NEWUIDMAP, strerror(errno));
	close(go[1]);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR) {
			if (r == 0)
				r = ipcns_error_set(err, errno, "waitpid: %s", strerror(errno));
			goto out;
		}
	if (r < 0)
		goto out;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		bool uid = WIFEXITED(status) && WEXITSTATUS(status) == HELPER_UID_FAILED;

		r = ipcns_error_set(err, EPERM, "--map-auto: %s %d %s... failed",
				    uid ? USERNS_NEWUIDMAP : USERNS_NEWGIDMAP, (int)getpid(),
				    uid ? uid_argv[2] : gid_argv[2]);
		ipcns_error_reason(err, IPCNS_R_MAP_HELPER_FAILED, uid ? USERNS_NEWUIDMAP : USERNS_NEWGIDMAP);
		goto out;
	}
	/* A helper's exit status is its word, not the kernel's: see that the
	 * maps were written before anything runs in this namespace. */
	r = check_maps_written(err);
out:
	free_argv(uid_argv);
	free_argv(gid_argv);
	return r;
}

int userns_setup(const struct userns_plan *p, struct ipcns_error *err)
{
	uid_t uid = geteuid(); /* read before unshare: afterwards it is the overflow id */
	gid_t gid = getegid();
	char map[64];
	int r;

	if (!p->wanted)
		return 0;
	if (p->map_auto) {
		r = map_with_helpers(p, err);
		if (r < 0)
			return r;
		/* The limits of an IPC namespace are writable by the euid that
		 * is uid 0 of its owner, and the subordinate block holds that
		 * one now: act as it until CMD's IDs are taken (-S/-G, or the
		 * caller's mapped IDs, in creds_apply). Every capability of
		 * the new namespace is ours, CAP_SETUID included. */
		if (p->gid != 0 && setresgid(0, 0, 0) < 0)
			return ipcns_error_set(err, errno, "cannot become gid 0 of the new user namespace: %s",
					       strerror(errno));
		if (p->uid != 0 && setresuid(0, 0, 0) < 0)
			return ipcns_error_set(err, errno, "cannot become uid 0 of the new user namespace: %s",
					       strerror(errno));
		return 0;
	}
	r = unshare_user(err);
	if (r < 0)
		return r;
	r = write_proc_file("/proc/self/setgroups", "deny", err);
	if (r < 0 && r != -ENOENT) /* ENOENT: kernels before 3.19 have no such file */
		return r;
	/* Always 0 first, whatever CMD is to be: see userns_finish(). */
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
	r = write_proc_file("/proc/self/uid_map", map, err);
	if (r < 0)
		return r;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
	return write_proc_file("/proc/self/gid_map", map, err);
}

int userns_finish(const struct userns_plan *p, struct ipcns_error *err)
{
	char map[64];
	int r;

	if (!userns_nested(p))
		return 0;
	/* A map is written once, and without CAP_SETUID over the parent it
	 * holds one ID: the first namespace had to map the caller to 0 (its
	 * limits are writable only by the euid that is its uid 0). CMD's own
	 * IDs come from a second namespace, nested in the first, that maps
	 * them onto that 0. The IPC and mount namespaces stay owned by the
	 * first: CMD has no capability over them. */
	r = unshare_user(err);
	if (r < 0)
		return r;
	r = write_proc_file("/proc/self/setgroups", "deny", err);
	if (r < 0 && r != -ENOENT)
		return r;
	if (p->map_uid) {
		snprintf(map, sizeof(map), "%u 0 1", (unsigned)p->uid);
		r = write_proc_file("/proc/self/uid_map", map, err);
		if (r < 0)
			return r;
	}
	if (p->map_gid) {
		snprintf(map, sizeof(map), "%u 0 1", (unsigned)p->gid);
		r = write_proc_file("/proc/self/gid_map", map, err);
	}
	return r;
}
