/* Key names and values, without I/O: looking a key up as a user spells it,
 * parsing and range-checking a value, and printing one back.
 *
 * Values are parsed by ipcns, never by the kernel (which reads "010" as 8):
 * decimal, no sign where none is allowed, no trailing garbage, no overflow,
 * IEC suffixes for byte-sized keys. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "ipcns/error.h"
#include "ipcns/sysctl_keys.h"

/* A key as a user named it: the whole key, or one field of kernel.sem. */
struct sysctl_ref {
	enum sysctl_id id;
	int field; /* -1 for the whole key, else 0..3 */
};

/* "kernel.msgmax", "kernel/msgmax", "msgmax", "semmni". Usage error with
 * "did you mean" for a near miss, or saying that a name outside the IPC
 * families (net.ipv4.ip_forward) is not a limit of an IPC namespace. */
int sysctl_lookup(const char *name, struct sysctl_ref *ref, struct ipcns_error *err);
/* The name a ref prints as: the key's canonical name, or the field's. */
const char *sysctl_ref_name(const struct sysctl_ref *ref);

/* Parse and range-check text for ref into v (only the field for a field
 * ref). Usage errors name the key, the value and the accepted range. */
int sysctl_parse_value(const struct sysctl_ref *ref, const char *text, struct sysctl_value *v, struct ipcns_error *err);
/* What the kernel prints in /proc/sys for id: numbers separated by white
 * space. -EINVAL when it is not that. text is cut up by strtok. */
int sysctl_parse_kernel(enum sysctl_id id, char *text, struct sysctl_value *v);
/* Decimal text of ref's value in v; kernel.sem's fields are joined by sep
 * (" " for sysctl.conf, ", " inside a JSON array). */
void sysctl_format_value(const struct sysctl_ref *ref, const struct sysctl_value *v, const char *sep, char *buf,
			 size_t size);
/* "0..32768" and the like: the accepted values, for messages and listings. */
void sysctl_format_range(const struct sysctl_ref *ref, char *buf, size_t size);
/* A *_next_id at -1: "unset", which no write can bring back, so that the
 * sysctl.conf output of get shows it as a comment (sysctl -p would fail). */
bool sysctl_value_unset(const struct sysctl_ref *ref, const struct sysctl_value *v);
bool sysctl_value_equal(const struct sysctl_ref *ref, const struct sysctl_value *a, const struct sysctl_value *b);
