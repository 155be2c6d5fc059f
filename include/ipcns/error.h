/* Modules never print: they return 0 or -errno and describe the failure here.
 * Only main.c and cmd_*.c turn an ipcns_error into words on stderr. */
#pragma once

#include <stdbool.h>
#include <string.h>

enum ipcns_error_kind {
	IPCNS_ERR_NONE = 0,
	IPCNS_ERR_USAGE,  /* bad input: nothing was attempted */
	IPCNS_ERR_SYSTEM, /* the kernel or the system refused */
};

struct ipcns_error {
	enum ipcns_error_kind kind;
	int code;       /* positive errno */
	char msg[512];  /* "<what>: <why>", no program name, no newline */
	char hint[256]; /* optional advice; empty when there is none */
};

/* A user's words inside a message, at most n bytes of them and then "...",
 * so that a 4096-byte argument cannot push the reason out of the message:
 * ipcns_error_usage(err, "%.*s%s: not a directory", IPCNS_CLIP(200, dir)). */
#define IPCNS_CLIP(n, text) (int)(n), (text), strlen(text) > (n) ? "..." : ""

/* Record a failure; returns -code so callers can `return ipcns_error_set(...)`. */
int ipcns_error_set(struct ipcns_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Bad input: kind USAGE, code EINVAL; returns -EINVAL. */
int ipcns_error_usage(struct ipcns_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ipcns_error_hint(struct ipcns_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "ipcns: msg" and, when set, "ipcns: hint: ..." on stderr. */
void ipcns_error_print(const struct ipcns_error *err);
/* Print "ipcns: warning: msg" on stderr: advice that does not stop anything. */
void ipcns_warning_print(const char *msg);
