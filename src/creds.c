#include "ipcns/creds.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/fileio.h"
#include "ipcns/parse.h"

/* (uid_t)-1 tells setresuid() "leave unchanged": it is no one's ID. */
#define CREDS_ID_MAX (UINT32_MAX - 1)
/* How much of a user's argument an error message repeats. */
#define SHOWN 64
/* A uid_map has at most 340 lines of three 10-digit fields. */
#define MAP_FILE_MAX 16384

void creds_plan_free(struct creds_plan *c)
{
	free(c->user_arg);
	free(c->group_arg);
	free(c->groups);
	*c = (struct creds_plan){ 0 };
}

bool creds_requested(const struct creds_plan *c)
{
	return c->set_uid || c->set_gid || c->set_groups || c->set_caps || c->no_new_privs;
}

static int keep_arg(char **slot, const char *arg, struct ipcns_error *err)
{
	char *copy = strdup(arg ? arg : "");

	if (!copy)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	free(*slot);
	*slot = copy;
	return 0;
}

int creds_set_user(struct creds_plan *c, const char *arg, struct ipcns_error *err)
{
	return keep_arg(&c->user_arg, arg, err);
}

int creds_set_group(struct creds_plan *c, const char *arg, struct ipcns_error *err)
{
	return keep_arg(&c->group_arg, arg, err);
}

/* libcap's cap_from_name() also takes numbers (and reads "014" as octal)
 * and ignores trailing blanks; --caps takes names only: cap_[a-z0-9_]+. */
static bool cap_name_syntax(const char *s, size_t len)
{
	if (len <= 4 || strncasecmp(s, "cap_", 4) != 0)
		return false;
	for (size_t i = 4; i < len; i++) {
		char ch = s[i];
		if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9') && ch != '_')
			return false;
	}
	return true;
}

static int unknown_cap(const char *item, size_t len, struct ipcns_error *err)
{
	return ipcns_error_usage(err,
				 "--caps %.*s%s: unknown capability; expected names such as cap_ipc_lock "
				 "(see capabilities(7)), comma-separated, or none",
				 (int)(len > SHOWN ? SHOWN : len), item, len > SHOWN ? "..." : "");
}

int creds_parse_caps(const char *list, uint64_t *caps, struct ipcns_error *err)
{
	const char *p = list;
	uint64_t set = 0;

	if (!list || !*list)
		return ipcns_error_usage(err, "--caps: empty; expected capability names such as "
					      "cap_ipc_lock,cap_ipc_owner, or none");
	if (strcmp(list, "none") == 0) {
		*caps = 0;
		return 0;
	}
	for (;;) {
		size_t len = strcspn(p, ",");
		char name[32];
		cap_value_t v;

		if (len == 0)
			return ipcns_error_usage(err,
						 "--caps %.*s%s: empty item; expected names separated by single commas",
						 IPCNS_CLIP(SHOWN, list));
		if (len == 4 && strncmp(p, "none", 4) == 0)
			return ipcns_error_usage(err,
						 "--caps %.*s%s: 'none' stands alone, it cannot be combined with names",
						 IPCNS_CLIP(SHOWN, list));
		if (!cap_name_syntax(p, len) || len >= sizeof(name))
			return unknown_cap(p, len, err);
		memcpy(name, p, len);
		name[len] = '\0';
		if (cap_from_name(name, &v) < 0 || v < 0 || v >= 64)
			return unknown_cap(p, len, err);
		if (v >= cap_max_bits())
			return ipcns_error_usage(err, "--caps %s: this kernel does not have that capability", name);
		set |= UINT64_C(1) << v;
		if (!p[len])
			break;
		p += len + 1;
	}
	*caps = set;
	return 0;
}

/* An all-digit argument is an ID, anything else a name. */
static int parse_id(const char *arg, const char *opt, const char *what, uint32_t *id, bool *is_id,
		    struct ipcns_error *err)
{
	uint64_t v;

	if (!*arg)
		return ipcns_error_usage(err, "%s: empty; expected a %s name or a numeric ID", opt, what);
	*is_id = parse_is_digits(arg);
	if (!*is_id)
		return 0;
	if (parse_u64(arg, &v) < 0 || v > CREDS_ID_MAX)
		return ipcns_error_usage(err, "%s %.*s%s: not a valid ID (0..%u)", opt, IPCNS_CLIP(SHOWN, arg),
					 CREDS_ID_MAX);
	*id = (uint32_t)v;
	return 0;
}

/* getpwnam() and friends say "not found" with NULL and errno 0, ENOENT,
 * ESRCH, EBADF or EPERM, depending on the NSS module. */
static bool lookup_not_found(int e)
{
	return e == 0 || e == ENOENT || e == ESRCH || e == EBADF || e == EPERM;
}

/* What initgroups() would set for name: its groups, primary one included. */
static int user_groups(const char *name, gid_t gid, gid_t **out, size_t *n, struct ipcns_error *err)
{
	int room = 32;

	for (;;) {
		_cleanup_free_ gid_t *list = calloc((size_t)room, sizeof(*list));
		int count = room;

		if (!list)
			return ipcns_error_set(err, ENOMEM, "out of memory");
		if (getgrouplist(name, gid, list, &count) >= 0) {
			*out = steal_ptr(list);
			*n = (size_t)count;
			return 0;
		}
		if (room >= 65536)
			return ipcns_error_set(err, E2BIG, "--setuid %s: too many supplementary groups", name);
		room = count > room ? count : room * 2;
	}
}

int creds_resolve(struct creds_plan *c, struct ipcns_error *err)
{
	_cleanup_free_ char *user_name = NULL; /* the -S user's entry, for its groups */
	gid_t user_gid = 0;
	uint32_t id = 0;
	bool is_id;
	int r;

	free(c->groups);
	c->groups = NULL;
	c->ngroups = 0;

	if (c->user_arg) {
		struct passwd *pw = NULL;

		r = parse_id(c->user_arg, "--setuid", "user", &id, &is_id, err);
		if (r < 0)
			return r;
		/* An ID needs no lookup unless its primary group is wanted. */
		if (!is_id || !c->group_arg) {
			errno = 0;
			pw = is_id ? getpwuid(id) : getpwnam(c->user_arg);
			if (!pw && !lookup_not_found(errno))
				return ipcns_error_set(err, errno, "--setuid %.*s%s: cannot look up the user: %s",
						       IPCNS_CLIP(SHOWN, c->user_arg), strerror(errno));
			if (!pw && !is_id)
				return ipcns_error_usage(err,
							 "--setuid %.*s%s: no such user; expected a user name or a "
							 "numeric UID",
							 IPCNS_CLIP(SHOWN, c->user_arg));
		}
		if (pw) {
			user_name = strdup(pw->pw_name);
			if (!user_name)
				return ipcns_error_set(err, ENOMEM, "out of memory");
			user_gid = pw->pw_gid;
			id = pw->pw_uid;
		}
		c->uid = id;
		c->set_uid = true;
		c->set_caps = true; /* -S alone: CMD keeps no capabilities */
	}

	if (c->group_arg) {
		r = parse_id(c->group_arg, "--setgid", "group", &id, &is_id, err);
		if (r < 0)
			return r;
		if (!is_id) {
			struct group *gr;

			errno = 0;
			gr = getgrnam(c->group_arg);
			if (!gr && !lookup_not_found(errno))
				return ipcns_error_set(err, errno, "--setgid %.*s%s: cannot look up the group: %s",
						       IPCNS_CLIP(SHOWN, c->group_arg), strerror(errno));
			if (!gr)
				return ipcns_error_usage(err,
							 "--setgid %.*s%s: no such group; expected a group name or a "
							 "numeric GID",
							 IPCNS_CLIP(SHOWN, c->group_arg));
			id = gr->gr_gid;
		}
		c->gid = id;
		c->set_gid = true;
		c->set_groups = true; /* with ngroups 0: cleared */
	} else if (c->set_uid) {
		if (!user_name)
			return ipcns_error_usage(err,
						 "--setuid %s: no user has this UID, so there is no primary group to "
						 "take; add --setgid GROUP",
						 c->user_arg);
		r = user_groups(user_name, user_gid, &c->groups, &c->ngroups, err);
		if (r < 0)
			return r;
		c->gid = user_gid;
		c->set_gid = true;
		c->set_groups = true;
	}

	if (c->caps_given)
		c->set_caps = true;
	return 0;
}

/* Decimal digits at *p, at most UINT32_MAX; moves *p past them. */
static bool map_field(const char **p, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = *p;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*out = v;
	*p = s;
	return true;
}

bool creds_map_contains(const char *map, uint32_t id)
{
	const char *p = map;

	if (!map)
		return false;
	while (*p) {
		uint64_t inside, outside, count;

		if (!map_field(&p, &inside) || !map_field(&p, &outside) || !map_field(&p, &count))
			return false;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n')
			p++;
		else if (*p)
			return false;
		if (id >= inside && id - inside < count)
			return true;
	}
	return false;
}

int creds_check_mapped(const struct creds_plan *c, const char *uid_map, const char *gid_map, bool with_groups,
		       const char *where, struct ipcns_error *err)
{
	if (c->set_uid && !creds_map_contains(uid_map, c->uid))
		return ipcns_error_usage(err, "--setuid %.*s%s: UID %u is not mapped in %s",
					 IPCNS_CLIP(SHOWN, c->user_arg), (unsigned)c->uid, where);
	if (c->set_gid && !creds_map_contains(gid_map, c->gid)) {
		if (c->group_arg)
			return ipcns_error_usage(err, "--setgid %.*s%s: GID %u is not mapped in %s",
						 IPCNS_CLIP(SHOWN, c->group_arg), (unsigned)c->gid, where);
		return ipcns_error_usage(err, "--setuid %.*s%s: its group %u is not mapped in %s",
					 IPCNS_CLIP(SHOWN, c->user_arg), (unsigned)c->gid, where);
	}
	if (with_groups && c->set_groups)
		for (size_t i = 0; i < c->ngroups; i++)
			if (!creds_map_contains(gid_map, c->groups[i]))
				return ipcns_error_usage(err,
							 "--setuid %.*s%s: its supplementary group %u is not "
							 "mapped in %s",
							 IPCNS_CLIP(SHOWN, c->user_arg), (unsigned)c->groups[i], where);
	return 0;
}

/* In a user namespace whose gid_map was written without CAP_SETGID (run -r,
 * any rootless namespace) the kernel denies setgroups() for good, so that
 * nobody can shed a group that a file's permissions deny access to. */
static bool setgroups_denied(void)
{
	_cleanup_free_ char *s = read_text_file("/proc/self/setgroups", MAP_FILE_MAX);

	return s && strncmp(s, "deny", 4) == 0;
}

int creds_check_self_mapped(const struct creds_plan *c, struct ipcns_error *err)
{
	_cleanup_free_ char *uid_map = NULL;
	_cleanup_free_ char *gid_map = NULL;

	if (!c->set_uid && !c->set_gid)
		return 0;
	uid_map = read_text_file("/proc/self/uid_map", MAP_FILE_MAX);
	gid_map = read_text_file("/proc/self/gid_map", MAP_FILE_MAX);
	if (!uid_map || !gid_map)
		return ipcns_error_set(err, errno ? errno : EIO, "cannot read /proc/self/uid_map and gid_map: %s",
				       strerror(errno ? errno : EIO));
	return creds_check_mapped(c, uid_map, gid_map, c->set_groups && !setgroups_denied(),
				  "the user namespace CMD would run in", err);
}

/* A capability CMD is to keep must be in our permitted set (ambient needs
 * it there) and in the bounding set (the kernel refuses to make anything
 * else inheritable); raising ambient bits or dropping bounding ones (root)
 * takes CAP_SETPCAP. Checked before any change, so a refusal changes
 * nothing. */
static int check_caps_held(const struct creds_plan *c, bool root, bool fresh_userns, struct ipcns_error *err)
{
	uint64_t caps = c->caps;
	cap_flag_value_t setpcap = CAP_CLEAR;
	_cleanup_cap_ cap_t now = cap_get_proc();

	if (!now)
		return ipcns_error_set(err, errno, "cannot read the capabilities of ipcns: %s", strerror(errno));
	for (cap_value_t v = 0; v < 64; v++) {
		cap_flag_value_t permitted = CAP_CLEAR;
		_cleanup_cap_ char *name = NULL;

		if (!(caps & (UINT64_C(1) << v)))
			continue;
		cap_get_flag(now, v, CAP_PERMITTED, &permitted);
		if ((permitted == CAP_SET || fresh_userns) && cap_get_bound(v) == 1)
			continue;
		name = cap_to_name(v);
		ipcns_error_set(err, EPERM, "--caps %s: ipcns does not hold this capability, so CMD cannot keep it",
				name ? name : "?");
		ipcns_error_reason(err, cap_get_bound(v) != 1 ? IPCNS_R_CAP_NOT_BOUNDING : IPCNS_R_CAP_NOT_HELD,
				   name ? name : "?");
		return -EPERM;
	}
	cap_get_flag(now, CAP_SETPCAP, CAP_PERMITTED, &setpcap);
	if ((caps || root) && setpcap != CAP_SET && !fresh_userns) {
		if (c->caps_given)
			ipcns_error_set(err, EPERM,
					"--caps: setting the capabilities CMD keeps needs CAP_SETPCAP, which "
					"ipcns does not hold");
		else
			ipcns_error_set(err, EPERM,
					"--setuid %.*s%s: a CMD that stays uid 0 loses its capabilities "
					"through the bounding set, which needs CAP_SETPCAP",
					IPCNS_CLIP(SHOWN, c->user_arg));
		ipcns_error_reason(err, IPCNS_R_SETPCAP, "CAP_SETPCAP");
		return -EPERM;
	}
	return 0;
}

/* Leave exactly caps in the inheritable, ambient, permitted and effective
 * sets. root says CMD will run as uid 0, whom execve() gives its whole
 * bounding set back: then the bounding set shrinks to caps as well. */
static int keep_only_caps(uint64_t caps, bool root, struct ipcns_error *err)
{
	static const cap_flag_t kept[] = { CAP_PERMITTED, CAP_EFFECTIVE, CAP_INHERITABLE };
	_cleanup_cap_ cap_iab_t iab = cap_iab_init();
	_cleanup_cap_ cap_t final = cap_init();
	cap_value_t max = cap_max_bits();

	if (!iab || !final)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	for (cap_value_t v = 0; v < max && v < 64; v++) {
		int r = 0;

		if (caps & (UINT64_C(1) << v)) {
			/* Raising an ambient bit raises the inheritable one too. */
			r = cap_iab_set_vector(iab, CAP_IAB_AMB, v, CAP_SET);
			for (size_t i = 0; i < ARRAY_SIZE(kept) && r == 0; i++)
				r = cap_set_flag(final, kept[i], 1, &v, CAP_SET);
		} else if (root) {
			r = cap_iab_set_vector(iab, CAP_IAB_BOUND, v, CAP_SET); /* B in IAB: drop */
		}
		if (r < 0)
			return ipcns_error_set(err, errno, "--caps: %s", strerror(errno));
	}
	/* libcap raises CAP_SETPCAP in the effective set for the ambient and
	 * bounding changes (it is still permitted: see PR_SET_KEEPCAPS in
	 * creds_apply) and lowers it again afterwards. */
	if (cap_iab_set_proc(iab) < 0)
		return ipcns_error_set(err, errno, "cannot set the capabilities CMD keeps: %s", strerror(errno));
	/* Now let go of everything else ipcns itself still holds. */
	if (cap_set_proc(final) < 0)
		return ipcns_error_set(err, errno, "cannot drop the other capabilities: %s", strerror(errno));
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		return ipcns_error_set(err, errno, "PR_SET_KEEPCAPS: %s", strerror(errno));
	return 0;
}

static int id_error(struct ipcns_error *err, const char *what, const char *arg, int e)
{
	int r = ipcns_error_set(err, e, "%s %.*s%s: %s", what, IPCNS_CLIP(SHOWN, arg), strerror(e));

	if (e == EPERM)
		ipcns_error_reason(err, IPCNS_R_ID_CHANGE_DENIED, arg);
	return r;
}

/* CMD runs as uid 0 (whom execve() gives the whole bounding set) when -S
 * names 0 or is not given and we are 0 now. */
static bool cmd_is_root(const struct creds_plan *c)
{
	return (c->set_uid ? c->uid : geteuid()) == 0;
}

/* Groups left where setgroups() is denied for good: nothing can take them. */
static int groups_stuck(const struct creds_plan *c, struct ipcns_error *err)
{
	return ipcns_error_set(err, EPERM,
			       "%s %.*s%s: cannot clear the supplementary groups: setgroups is denied in this user "
			       "namespace",
			       c->group_arg ? "--setgid" : "--setuid",
			       IPCNS_CLIP(SHOWN, c->group_arg ? c->group_arg : c->user_arg));
}

int creds_check(const struct creds_plan *c, bool fresh_userns, struct ipcns_error *err)
{
	/* Where our own user namespace denies setgroups(), groups we have now
	 * cannot be cleared before a new one either: refuse -S/-G here, not
	 * after the limits are written. */
	if (c->set_groups && getgroups(0, NULL) > 0 && setgroups_denied())
		return groups_stuck(c, err);
	if (!c->set_caps)
		return 0;
	return check_caps_held(c, cmd_is_root(c), fresh_userns, err);
}

int creds_clear_groups(const struct creds_plan *c, struct ipcns_error *err)
{
	if (!c->set_groups || getgroups(0, NULL) == 0)
		return 0;
	if (setgroups(0, NULL) < 0)
		return ipcns_error_set(err, errno, "%s %.*s%s: cannot clear the supplementary groups: %s",
				       c->group_arg ? "--setgid" : "--setuid",
				       IPCNS_CLIP(SHOWN, c->group_arg ? c->group_arg : c->user_arg), strerror(errno));
	return 0;
}

int creds_apply(const struct creds_plan *c, struct ipcns_error *err)
{
	const char *gid_what = c->group_arg ? "--setgid" : "--setuid";
	const char *gid_arg = c->group_arg ? c->group_arg : c->user_arg;
	bool groups = c->set_groups;
	bool root = cmd_is_root(c);
	int r;

	if (!creds_requested(c))
		return 0;

	/* Refuse what the kernel would refuse midway, before changing anything:
	 * IDs this user namespace does not map, capabilities we do not hold. */
	r = creds_check_self_mapped(c, err);
	if (r < 0)
		return r;
	if (c->set_caps) {
		r = check_caps_held(c, root, false, err);
		if (r < 0)
			return r;
	}
	/* Where setgroups() is denied for good, the most -S or -G can mean is
	 * "none": launch cleared them before entering this user namespace.
	 * Any left were brought in from outside and cannot be shed: refuse. */
	if (groups && setgroups_denied()) {
		if (getgroups(0, NULL) != 0)
			return groups_stuck(c, err);
		groups = false;
	}

	/* Group and supplementary groups first: both need CAP_SETGID, which
	 * the change of uid below takes away. */
	if (c->set_gid && setresgid(c->gid, c->gid, c->gid) < 0)
		return id_error(err, gid_what, gid_arg, errno);
	if (groups && setgroups(c->ngroups, c->groups) < 0)
		return id_error(err, gid_what, gid_arg, errno);

	if (c->set_uid) {
		/* Leaving uid 0 empties the permitted set, unless KEEPCAPS; the
		 * capabilities CMD keeps must stay permitted until they are
		 * raised in the ambient set, which only then carries them
		 * across execve() for a non-root CMD. */
		if (c->set_caps && c->caps && c->uid != 0 && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
			return ipcns_error_set(err, errno, "PR_SET_KEEPCAPS: %s", strerror(errno));
		/* All three (real, effective, saved): no way back to the old uid. */
		if (setresuid(c->uid, c->uid, c->uid) < 0)
			return id_error(err, "--setuid", c->user_arg, errno);
	}

	if (c->set_caps) {
		r = keep_only_caps(c->caps, root, err);
		if (r < 0)
			return r;
	}

	/* Last, so that nothing above is affected; it only changes what the
	 * coming execve() may grant: no setuid bit, no file capability. */
	if (c->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return ipcns_error_set(err, errno, "--no-new-privs: %s", strerror(errno));
	return 0;
}
