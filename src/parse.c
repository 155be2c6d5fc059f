#include "ipcns/parse.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

bool parse_is_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Digits from s up to the first non-digit; *end points there. -ERANGE
 * when they overflow, but only once all of them are read, so that callers
 * still see what follows: "99999999999999999999x" is not a number at all. */
static int parse_digits(const char *s, uint64_t *out, const char **end)
{
	uint64_t v = 0;
	bool overflow = false;
	const char *p = s;

	*end = s;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			overflow = true;
		else
			v = v * 10 + d;
	}
	*out = v;
	*end = p;
	return overflow ? -ERANGE : 0;
}

int parse_u64(const char *s, uint64_t *out)
{
	const char *end;
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	r = parse_digits(s, &v, &end);
	if (r == -EINVAL || *end)
		return -EINVAL;
	if (r < 0)
		return r;
	*out = v;
	return 0;
}

int parse_i64(const char *s, int64_t *out)
{
	bool neg = false;
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	if (*s == '-') {
		neg = true;
		s++;
	}
	r = parse_u64(s, &v);
	if (r < 0)
		return r;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return -ERANGE;
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > INT64_MAX)
			return -ERANGE;
		*out = (int64_t)v;
	}
	return 0;
}

static int size_shift(const char *suffix, unsigned *shift)
{
	static const struct {
		char letter;
		unsigned shift;
	} units[] = { { 'K', 10 }, { 'M', 20 }, { 'G', 30 }, { 'T', 40 } };
	char c;

	if (!*suffix) {
		*shift = 0;
		return 0;
	}
	c = *suffix;
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (units[i].letter != c)
			continue;
		/* Binary units only: "K" and "KiB" are 1024; "KB" is refused
		 * rather than guessed at. */
		if (suffix[1] == '\0' || strcmp(suffix + 1, "iB") == 0) {
			*shift = units[i].shift;
			return 0;
		}
	}
	return -EINVAL;
}

bool parse_has_size_suffix(const char *s)
{
	unsigned shift;

	if (!s)
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	return *s && size_shift(s, &shift) == 0;
}

int parse_size(const char *s, uint64_t *out)
{
	const char *end;
	unsigned shift;
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	r = parse_digits(s, &v, &end);
	if (r == -EINVAL || size_shift(end, &shift) < 0)
		return -EINVAL;
	if (r < 0)
		return r;
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

int parse_pid(const char *s, pid_t *out)
{
	uint64_t v;
	int r;

	if (!parse_is_digits(s))
		return -EINVAL;
	r = parse_u64(s, &v);
	if (r < 0)
		return r;
	if (v == 0 || v > INT_MAX)
		return -ERANGE;
	*out = (pid_t)v;
	return 0;
}
