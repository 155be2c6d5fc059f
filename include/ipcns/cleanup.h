/* Scope-bound cleanup: a pointer starts NULL, an fd starts -1, and every
 * early return releases what was taken so far. */
#pragma once

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/capability.h>
#include <unistd.h>

#define _cleanup_(f)     __attribute__((cleanup(f)))
#define _cleanup_free_   _cleanup_(cleanup_freep)
#define _cleanup_close_  _cleanup_(cleanup_closep)
#define _cleanup_fclose_ _cleanup_(cleanup_fclosep)
#define _cleanup_cap_    _cleanup_(cleanup_capp) /* cap_t, or a string from libcap */

static inline void cleanup_freep(void *p)
{
	free(*(void **)p);
}

static inline void cleanup_closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;
		close(*fd);
		errno = saved;
	}
}

static inline void cleanup_fclosep(FILE **f)
{
	if (*f) {
		int saved = errno;
		fclose(*f);
		errno = saved;
	}
}

static inline void cleanup_capp(void *p)
{
	void *obj = *(void **)p;

	if (obj)
		cap_free(obj);
}

/* Hand ownership to the caller: the cleanup then sees NULL / -1. */
#define steal_ptr(p)                                                                                                   \
	({                                                                                                             \
		__typeof__(p) steal_tmp_ = (p);                                                                        \
		(p) = NULL;                                                                                            \
		steal_tmp_;                                                                                            \
	})
#define steal_fd(fd)                                                                                                   \
	({                                                                                                             \
		int steal_tmp_ = (fd);                                                                                 \
		(fd) = -1;                                                                                             \
		steal_tmp_;                                                                                            \
	})

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
