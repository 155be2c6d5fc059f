#include "ipcns/explain.h"

#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipcns/cleanup.h"
#include "ipcns/exit.h"

/* The initial user namespace's fixed nsfs inode (PROC_USER_INIT_INO). */
#define USERNS_INIT_INO 0xEFFFFFFDU

/* The effective set in one capget(2): this runs at every start, where
 * libcap's cap_get_proc() would allocate and free twice for two bits. */
static uint64_t effective_caps(void)
{
	struct __user_cap_header_struct head = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { 0 };

	if (syscall(SYS_capget, &head, data) < 0)
		return 0;
	return (uint64_t)data[1].effective << 32 | data[0].effective;
}

void explain_caller_init(struct explain_caller *who, const char *cmd)
{
	uint64_t eff = effective_caps();

	*who = (struct explain_caller){
		.cmd = cmd,
		.euid = geteuid(),
		.admin = eff & (UINT64_C(1) << CAP_SYS_ADMIN),
		.ptrace = eff & (UINT64_C(1) << CAP_SYS_PTRACE),
		.initial_userns = true,
	};
}

static bool is(const struct explain_caller *who, const char *cmd)
{
	return who->cmd && strcmp(who->cmd, cmd) == 0;
}

static bool root(const struct explain_caller *who)
{
	return who->euid == 0;
}

/* Said to a caller who holds CAP_SYS_ADMIN and was refused anyway. */
#define ABOVE_US "a seccomp filter or security module forbids it here"

/* TARGET is another user's process (or file): as that user, or with the
 * capability that reads any process. */
static void target_denied(const struct explain_caller *who, struct ipcns_error *err)
{
	if (root(who)) {
		if (!who->ptrace)
			ipcns_error_hint(err, "opening another user's process needs CAP_SYS_PTRACE, which ipcns does "
					      "not hold");
		else
			ipcns_error_hint(err, "root holds CAP_SYS_PTRACE and was refused: a security module (Yama's "
					      "ptrace_scope, SELinux, AppArmor) forbids it here");
	} else if (!err->owner_known || err->owner_uid == (uid_t)-1) {
		ipcns_error_hint(err, "it belongs to another user: run as that user or as root");
	} else if (err->owner_uid == 0) {
		ipcns_error_hint(err, "the process belongs to root: run as root");
	} else if (err->owner_uid != who->euid) {
		ipcns_error_hint(err, "the process belongs to uid %u: run as uid %u or as root",
				 (unsigned)err->owner_uid, (unsigned)err->owner_uid);
	}
}

/* setns() refused. enter joins the owning user namespace only with -U;
 * get, set and show join it by themselves where it is not theirs. */
static void join_denied(const struct explain_caller *who, struct ipcns_error *err)
{
	bool enter = is(who, "enter");

	if (who->admin) {
		ipcns_error_hint(err, "CAP_SYS_ADMIN is held but the kernel refused to join: " ABOVE_US);
	} else if (!err->owner_known) {
		return;
	} else if (err->owner_ours) {
		if (root(who))
			ipcns_error_hint(err, "joining needs CAP_SYS_ADMIN over its owning user namespace, which ipcns "
					      "does not hold");
		else
			ipcns_error_hint(err,
					 "joining needs CAP_SYS_ADMIN over its owning user namespace: run as root");
	} else if (err->owner_uid == (uid_t)-1) {
		ipcns_error_hint(err, "it belongs to a user namespace above yours, which cannot be joined from here");
	} else if (err->owner_uid == 0) {
		ipcns_error_hint(err, "it belongs to a user namespace of root: run as root");
	} else if (err->owner_uid != who->euid) {
		ipcns_error_hint(err, "it belongs to a user namespace of uid %u: run as uid %u%s, or as root",
				 (unsigned)err->owner_uid, (unsigned)err->owner_uid, enter ? " with -U (--user)" : "");
	} else if (enter && !who->join_user) {
		ipcns_error_hint(err, "it belongs to a user namespace of yours: add -U (--user) to join that too");
	}
}

/* A /proc/sys write refused: only uid 0 of the owning user namespace may
 * write (6.9 and later), only global root before. */
static void limit_denied(const struct explain_caller *who, struct ipcns_error *err)
{
	bool run = is(who, "run") || is(who, "create");

	if (err->owner_known && !err->owner_ours && err->owner_uid == (uid_t)-1) {
		ipcns_error_hint(err, "the namespace belongs to a user namespace above yours: only uid 0 there may "
				      "change its limits");
	} else if (err->owner_known && !err->owner_ours) {
		if (is(who, "enter") && !who->join_user)
			ipcns_error_hint(err,
					 "the namespace belongs to a user namespace of uid %u: add -U (--user) to "
					 "write its limits as uid 0 there",
					 (unsigned)err->owner_uid);
		else
			ipcns_error_hint(err,
					 "the namespace belongs to a user namespace of uid %u: only uid 0 there may "
					 "change its limits",
					 (unsigned)err->owner_uid);
	} else if (!who->initial_userns) {
		ipcns_error_hint(err,
				 "this kernel lets only root of the initial user namespace change IPC limits "
				 "(Linux before 6.9)%s",
				 root(who) ? (run ? ": run without -r or -c" : "")
					   : (run ? ": run as root, without -r or -c" : ": run as root"));
	} else if (!root(who)) {
		ipcns_error_hint(err,
				 "only uid 0 of the namespace's owning user namespace may change its limits: "
				 "run as root%s",
				 run ? ", or add -r or -c for a namespace of your own" : "");
	} else {
		ipcns_error_hint(err, "root may change these limits; something else refused: a read-only /proc/sys, "
				      "or a seccomp filter or security module");
	}
}

static void next_id_denied(const struct explain_caller *who, struct ipcns_error *err)
{
	const char *what = "*_next_id needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN over the namespace's owning "
			   "user namespace";

	if (err->owner_known && !err->owner_ours && is(who, "enter") && !who->join_user)
		ipcns_error_hint(err, "%s: add -U (--user)", what);
	else if (!root(who) && who->initial_userns && (!err->owner_known || err->owner_ours))
		ipcns_error_hint(err, "%s: run as root%s", what,
				 is(who, "run") || is(who, "create") ? ", or add -r for a namespace of your own" : "");
	else
		ipcns_error_hint(err, "%s, which ipcns does not hold", what);
}

/* A capability CMD is to keep, or CAP_SETPCAP to arrange that. */
static void cap_missing(const struct explain_caller *who, struct ipcns_error *err)
{
	if (is(who, "run"))
		ipcns_error_hint(err, "add -r or -c: in a user namespace of its own CMD may keep it%s",
				 root(who) ? "" : "; or run as root");
	else if (!root(who))
		ipcns_error_hint(err, "run as root");
}

void explain_hint(const struct explain_caller *who, struct ipcns_error *err)
{
	err->hint[0] = '\0';
	switch (err->reason) {
	case IPCNS_R_NONE:
		break;
	case IPCNS_R_CREATE_DENIED:
		if (who->admin)
			ipcns_error_hint(err, "CAP_SYS_ADMIN is held but the kernel refused: " ABOVE_US);
		else if (is(who, "run"))
			ipcns_error_hint(err,
					 "creating an IPC namespace needs CAP_SYS_ADMIN: %sadd -r (--map-root-user) "
					 "or -c (--map-current-user) for a user namespace of your own",
					 root(who) ? "" : "run as root, or ");
		break;
	case IPCNS_R_USERNS_UNAVAILABLE:
		ipcns_error_hint(err,
				 "%suser namespaces may be disabled or exhausted: see "
				 "/proc/sys/user/max_user_namespaces",
				 who->admin ? "" : "unprivileged ");
		break;
	case IPCNS_R_TARGET_DENIED:
		target_denied(who, err);
		break;
	case IPCNS_R_JOIN_DENIED:
		join_denied(who, err);
		break;
	case IPCNS_R_LIMIT_DENIED:
		limit_denied(who, err);
		break;
	case IPCNS_R_NEXT_ID_DENIED:
		next_id_denied(who, err);
		break;
	case IPCNS_R_CAP_NOT_HELD:
	case IPCNS_R_SETPCAP:
		cap_missing(who, err);
		break;
	case IPCNS_R_CAP_NOT_BOUNDING:
		ipcns_error_hint(err, "it is not in the bounding set (CapBnd in /proc/self/status), and nothing can "
				      "put it back there");
		break;
	case IPCNS_R_ID_CHANGE_DENIED:
		if (root(who))
			ipcns_error_hint(err, "changing user or group needs CAP_SETUID and CAP_SETGID, which ipcns "
					      "does not hold");
		else
			ipcns_error_hint(err, "changing user or group needs CAP_SETUID and CAP_SETGID: run as root");
		break;
	case IPCNS_R_HOST_GUARD:
		ipcns_error_hint(err, "add --host if that is what you mean");
		break;
	case IPCNS_R_MKDIR_DENIED:
		if (root(who))
			ipcns_error_hint(err, "give --mqueue=DIR with a directory that exists or can be made");
		else
			ipcns_error_hint(err,
					 "create it beforehand (as root: mkdir %.*s%s), or give --mqueue=DIR with a "
					 "directory you can write",
					 IPCNS_CLIP(100, err->object));
		break;
	case IPCNS_R_NAME_NO_DIR:
		ipcns_error_hint(err, "set XDG_RUNTIME_DIR, or IPCNS_RUN_DIR to a directory of yours");
		break;
	case IPCNS_R_NAME_STALE:
		ipcns_error_hint(err, "'ipcns delete %.*s%s' removes it", IPCNS_CLIP(100, err->object));
		break;
	case IPCNS_R_NAME_BUSY:
		ipcns_error_hint(err, "--force deletes it anyway, and what it holds with it");
		break;
	case IPCNS_R_NAME_DENIED:
		/* Without CAP_SYS_ADMIN a caller's names are rootless ones, in a
		 * directory of its own: the one it named is not that. Root's
		 * failure here is not one a hint can fix. */
		if (!who->admin)
			ipcns_error_hint(err, "set XDG_RUNTIME_DIR, or IPCNS_RUN_DIR to a directory of yours");
		break;
	case IPCNS_R_CMD_IS_OPTION:
		/* run takes a CMD that starts with '-' only after "--": meant. */
		if (is(who, "enter"))
			ipcns_error_hint(err, "%.*s%s was taken for CMD: options go before TARGET",
					 IPCNS_CLIP(40, err->object));
		break;
	case IPCNS_R_NAME_SHM_SIZE:
		ipcns_error_hint(err, "give --shm alone%s", root(who) ? "" : ", or create the name as root");
		break;
	case IPCNS_R_SUBID_MISSING:
		if (root(who))
			ipcns_error_hint(err,
					 "add the line %.*s%s:100000:65536 to /etc/subuid and /etc/subgid "
					 "(see subuid(5))",
					 IPCNS_CLIP(64, err->object));
		else
			ipcns_error_hint(err,
					 "an administrator adds a line such as %.*s%s:100000:65536 (see subuid(5))",
					 IPCNS_CLIP(64, err->object));
		break;
	case IPCNS_R_MAP_HELPER_MISSING:
		ipcns_error_hint(err,
				 "install them (Debian: the uidmap package), or use -r or -c, which need no helper");
		break;
	case IPCNS_R_MAP_HELPER_FAILED:
		ipcns_error_hint(err, "it says why above; the ranges come from /etc/subuid and /etc/subgid");
		break;
	}
}

int explain_status(const struct explain_caller *who, const struct ipcns_error *err)
{
	if (is(who, "run") || is(who, "enter"))
		return IPCNS_EXIT_LAUNCH;
	return err->kind == IPCNS_ERR_USAGE ? IPCNS_EXIT_USAGE : IPCNS_EXIT_FAILURE;
}

static bool in_initial_userns(void)
{
	struct stat st;

	return stat("/proc/self/ns/user", &st) != 0 || st.st_ino == USERNS_INIT_INO;
}

void explain_print(struct explain_caller *who, struct ipcns_error *err)
{
	who->initial_userns = in_initial_userns();
	explain_hint(who, err);
	ipcns_error_print(err);
}

int explain_report(struct explain_caller *who, struct ipcns_error *err)
{
	explain_print(who, err);
	return explain_status(who, err);
}
