/* libsmartcols and libmount are loaded when list or show needs them, not
 * at every start: run and enter, which are all start-up, would otherwise pay
 * for libmount's dependencies (libblkid, libselinux and its constructor,
 * libpcre2) on every exec. The rest of the code calls them as usual. */
#pragma once

#include "ipcns/error.h"

/* dlopen() both libraries (once). Call before the first scols_* or mnt_*
 * call; an error names the library that could not be loaded. */
int dynlib_load(struct ipcns_error *err);
