#include "ipcns/dynlib.h"

#include <dlfcn.h>
#include <errno.h>
#include <libmount.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "ipcns/cleanup.h"

#define SMARTCOLS_SONAME "libsmartcols.so.1"
#define MOUNT_SONAME     "libmount.so.1"

/* Every function ipcns uses, with its prototype from the library's header:
 * the definitions below must match it, so the compiler checks them. */
#define SCOLS_FUNCTIONS(F, V)                                                                                          \
	F(int, scols_column_set_json_type, (struct libscols_column * cl, int type), (cl, type))                        \
	F(int, scols_line_set_data, (struct libscols_line * ln, size_t n, const char *data), (ln, n, data))            \
	F(struct libscols_table *, scols_new_table, (void), ())                                                        \
	F(int, scols_print_table, (struct libscols_table * tb), (tb))                                                  \
	F(int, scols_table_enable_json, (struct libscols_table * tb, int enable), (tb, enable))                        \
	F(int, scols_table_enable_noheadings, (struct libscols_table * tb, int enable), (tb, enable))                  \
	F(int, scols_table_enable_raw, (struct libscols_table * tb, int enable), (tb, enable))                         \
	F(size_t, scols_table_get_nlines, (const struct libscols_table *tb), (tb))                                     \
	F(struct libscols_column *, scols_table_new_column,                                                            \
	  (struct libscols_table * tb, const char *name, double whint, int flags), (tb, name, whint, flags))           \
	F(struct libscols_line *, scols_table_new_line, (struct libscols_table * tb, struct libscols_line * parent),   \
	  (tb, parent))                                                                                                \
	F(int, scols_table_set_name, (struct libscols_table * tb, const char *name), (tb, name))                       \
	F(int, scols_table_set_stream, (struct libscols_table * tb, FILE * stream), (tb, stream))                      \
	V(scols_unref_table, (struct libscols_table * tb), (tb))

#define MOUNT_FUNCTIONS(F, V)                                                                                          \
	F(struct libmnt_iter *, mnt_new_iter, (int direction), (direction))                                            \
	V(mnt_free_iter, (struct libmnt_iter * itr), (itr))                                                            \
	F(const char *, mnt_fs_get_target, (struct libmnt_fs * fs), (fs))                                              \
	F(const char *, mnt_fs_get_fstype, (struct libmnt_fs * fs), (fs))                                              \
	F(const char *, mnt_fs_get_root, (struct libmnt_fs * fs), (fs))                                                \
	F(struct libmnt_table *, mnt_new_table_from_file, (const char *filename), (filename))                          \
	V(mnt_unref_table, (struct libmnt_table * tb), (tb))                                                           \
	F(int, mnt_table_next_fs, (struct libmnt_table * tb, struct libmnt_iter * itr, struct libmnt_fs * *fs),        \
	  (tb, itr, fs))

/* A pointer per function, filled by dynlib_load. */
#define POINTER(ret, name, params, args) static ret(*p_##name) params;
#define VPOINTER(name, params, args)     static void(*p_##name) params;
SCOLS_FUNCTIONS(POINTER, VPOINTER)
MOUNT_FUNCTIONS(POINTER, VPOINTER)

/* The functions themselves, forwarding to the library. Before it is
 * loaded they do nothing: cleanup paths (scols_unref_table(NULL) after a
 * usage error) may run without it. */
#define FORWARD(ret, name, params, args)                                                                               \
	ret name params                                                                                                \
	{                                                                                                              \
		return p_##name ? p_##name args : (ret)0;                                                              \
	}
#define VFORWARD(name, params, args)                                                                                   \
	void name params                                                                                               \
	{                                                                                                              \
		if (p_##name)                                                                                          \
			p_##name args;                                                                                 \
	}
SCOLS_FUNCTIONS(FORWARD, VFORWARD)
MOUNT_FUNCTIONS(FORWARD, VFORWARD)

struct symbol {
	const char *name;
	void *slot; /* address of the p_ pointer */
	size_t size;
};

#define SYMBOL(ret, name, params, args) { #name, &p_##name, sizeof(p_##name) },
#define VSYMBOL(name, params, args)     { #name, &p_##name, sizeof(p_##name) },
static const struct symbol scols_symbols[] = { SCOLS_FUNCTIONS(SYMBOL, VSYMBOL) };
static const struct symbol mount_symbols[] = { MOUNT_FUNCTIONS(SYMBOL, VSYMBOL) };

static int load(const char *soname, const struct symbol *syms, size_t n, struct ipcns_error *err)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return ipcns_error_set(err, ENOENT, "%s: cannot load: %s", soname, dlerror());
	for (size_t i = 0; i < n; i++) {
		void *f = dlsym(h, syms[i].name);

		if (!f)
			return ipcns_error_set(err, ENOENT, "%s: lacks %s", soname, syms[i].name);
		/* POSIX lets a data pointer from dlsym hold a function's address. */
		memcpy(syms[i].slot, &f, syms[i].size);
	}
	return 0; /* the handle stays open for the life of the process */
}

int dynlib_load(struct ipcns_error *err)
{
	static int loaded;
	int r;

	if (loaded)
		return 0;
	r = load(SMARTCOLS_SONAME, scols_symbols, ARRAY_SIZE(scols_symbols), err);
	if (r == 0)
		r = load(MOUNT_SONAME, mount_symbols, ARRAY_SIZE(mount_symbols), err);
	if (r == 0)
		loaded = 1;
	return r;
}
