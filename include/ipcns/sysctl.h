/* The limits of an IPC namespace, all of it: the registry (sysctl_keys.h),
 * names and values (sysctl_value.h), plans (sysctl_plan.h), sysctl.conf
 * text (sysctl_conf.h), /proc/sys I/O with rollback (sysctl_apply.h) and
 * limits that work against each other (sysctl_check.h). */
#pragma once

#include "ipcns/sysctl_apply.h"
#include "ipcns/sysctl_check.h"
#include "ipcns/sysctl_conf.h"
#include "ipcns/sysctl_keys.h"
#include "ipcns/sysctl_plan.h"
#include "ipcns/sysctl_value.h"
