/* Shared by the fuzz_*.c targets. Each target calls only parsers: no
 * namespace is made, nothing is written, and no input can make it exit. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A finding: libFuzzer keeps the input that led here. */
#define FUZZ_CHECK(cond)                                                                                               \
	do {                                                                                                           \
		if (!(cond)) {                                                                                         \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                       \
			abort();                                                                                       \
		}                                                                                                      \
	} while (0)

/* The input as a C string (it ends at its first NUL, if any). */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
