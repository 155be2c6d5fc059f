/* User namespaces for rootless use. */
#pragma once

#include "ipcns/error.h"

/* unshare(CLONE_NEWUSER) and map the caller's euid/egid to 0, with setgroups
 * denied (required before an unprivileged gid_map write). */
int userns_map_root(struct ipcns_error *err);
