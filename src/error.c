#include "ipcns/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

static void __attribute__((format(printf, 4, 0)))
error_vset(struct ipcns_error *err, enum ipcns_error_kind kind, int code, const char *fmt, va_list ap)
{
	err->kind = kind;
	err->code = code;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	err->hint[0] = '\0';
	err->reason = IPCNS_R_NONE;
	err->object[0] = '\0';
	err->owner_known = false;
}

void ipcns_error_reason(struct ipcns_error *err, enum ipcns_reason reason, const char *object)
{
	err->reason = reason;
	snprintf(err->object, sizeof(err->object), "%s", object ? object : "");
}

void ipcns_error_owner(struct ipcns_error *err, uid_t uid, bool ours)
{
	err->owner_known = true;
	err->owner_uid = uid;
	err->owner_ours = ours;
}

int ipcns_error_set(struct ipcns_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (code <= 0)
		code = EIO;
	va_start(ap, fmt);
	error_vset(err, IPCNS_ERR_SYSTEM, code, fmt, ap);
	va_end(ap);
	return -code;
}

int ipcns_error_usage(struct ipcns_error *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, IPCNS_ERR_USAGE, EINVAL, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

void ipcns_error_hint(struct ipcns_error *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

/* Messages repeat the user's arguments, which may hold any byte: show
 * control characters as \xNN so that an error stays one line. One fprintf
 * per line, so that the line reaches stderr in one write. */
static void print_line(const char *prefix, const char *text)
{
	char shown[sizeof(((struct ipcns_error *)0)->msg) * 4];
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p && n + 5 <= sizeof(shown); p++) {
		if (*p < 0x20 || *p == 0x7f)
			n += (size_t)snprintf(shown + n, sizeof(shown) - n, "\\x%02x", *p);
		else
			shown[n++] = (char)*p;
	}
	shown[n] = '\0';
	fprintf(stderr, "%s%s\n", prefix, shown);
}

void ipcns_error_print(const struct ipcns_error *err)
{
	print_line("ipcns: ", err->msg[0] ? err->msg : "unknown error");
	if (err->hint[0])
		print_line("ipcns: hint: ", err->hint);
}

void ipcns_warning_print(const char *msg)
{
	print_line("ipcns: warning: ", msg);
}
