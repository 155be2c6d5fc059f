/* Linked into every fuzz target with -Wl,--wrap=stat: the targets must not
 * look at the machine's /proc/sys. sysctl_lookup() stats /proc/sys/NAME to
 * tell a non-IPC sysctl from a typo, and a fuzzed NAME could walk anywhere
 * under it, /proc/sys/fs/binfmt_misc/ included, whose automount a lookup
 * would trigger. Here a fixed handful of non-IPC sysctls exists and nothing
 * else does, so that branch is still reached, the same on every machine.
 * Other paths (libFuzzer's corpus, -m DIR) reach the real stat(). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

int __real_stat(const char *path, struct stat *st);
int __wrap_stat(const char *path, struct stat *st);

static const char *const other_sysctls[] = {
	"/proc/sys/net/ipv4/ip_forward",
	"/proc/sys/kernel/hostname",
	"/proc/sys/vm/swappiness",
	"/proc/sys/fs/file-max",
};

int __wrap_stat(const char *path, struct stat *st)
{
	if (strcmp(path, "/proc/sys") != 0 && strncmp(path, "/proc/sys/", strlen("/proc/sys/")) != 0)
		return __real_stat(path, st);
	for (size_t i = 0; i < sizeof(other_sysctls) / sizeof(other_sysctls[0]); i++) {
		if (strcmp(path, other_sysctls[i]) == 0) {
			memset(st, 0, sizeof(*st));
			st->st_mode = S_IFREG | 0644;
			return 0;
		}
	}
	errno = ENOENT;
	return -1;
}
