/* Number parsing done by ipcns itself: decimal only (the kernel would read
 * "010" as 8), no stray sign, no trailing garbage, no silent overflow. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Unsigned decimal. -EINVAL when not a number, -ERANGE past UINT64_MAX. */
int parse_u64(const char *s, uint64_t *out);
/* Signed decimal with an optional leading '-'. -ERANGE outside int64. */
int parse_i64(const char *s, int64_t *out);
/* Unsigned decimal with an optional IEC suffix K, M, G, T (powers of 1024;
 * "KiB" and lower-case spellings too). -ERANGE when the product overflows. */
int parse_size(const char *s, uint64_t *out);
/* True when s ends in one of the suffixes parse_size accepts. */
bool parse_has_size_suffix(const char *s);
/* A process id: all digits, 1..INT_MAX. */
int parse_pid(const char *s, pid_t *out);
/* True for a non-empty string of ASCII digits only. */
bool parse_is_digits(const char *s);
