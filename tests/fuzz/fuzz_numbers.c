/* Number, size and PID parsing: no input crashes them, and they agree with
 * each other and with printing the value back in decimal. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>

#include "fuzz.h"
#include "ipcns/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	uint64_t u = 0, z = 0;
	int64_t i = 0;
	pid_t pid = 0;
	int ru = parse_u64(s, &u);
	int ri = parse_i64(s, &i);
	int rz = parse_size(s, &z);
	int rp = parse_pid(s, &pid);
	bool digits = parse_is_digits(s);
	bool suffix = parse_has_size_suffix(s);

	const int results[] = { ru, ri, rz, rp };

	for (size_t k = 0; k < sizeof(results) / sizeof(results[0]); k++)
		FUZZ_CHECK(results[k] == 0 || results[k] == -EINVAL || results[k] == -ERANGE);
	/* Decimal digits only: every digit string parses unless it is too big. */
	if (digits)
		FUZZ_CHECK(ru == 0 || ru == -ERANGE);
	else
		FUZZ_CHECK(ru != 0);
	if (ru == 0) {
		char back[32];
		const char *t = s;

		while (*t == '0' && t[1])
			t++; /* "010" is ten */
		snprintf(back, sizeof(back), "%" PRIu64, u);
		FUZZ_CHECK(strcmp(back, t) == 0);
		FUZZ_CHECK(rz == 0 && z == u); /* a plain number is that many bytes */
		if (u <= INT64_MAX)
			FUZZ_CHECK(ri == 0 && (uint64_t)i == u);
		else
			FUZZ_CHECK(ri == -ERANGE);
		if (u >= 1 && u <= INT_MAX)
			FUZZ_CHECK(rp == 0 && (uint64_t)pid == u);
		else
			FUZZ_CHECK(rp == -ERANGE);
	}
	if (rp == 0)
		FUZZ_CHECK(ru == 0);
	if (ri == 0 && s[0] == '-' && i != INT64_MIN) {
		uint64_t m;
		FUZZ_CHECK(parse_u64(s + 1, &m) == 0 && m == (uint64_t)-i);
	}
	if (ri == 0 && s[0] != '-')
		FUZZ_CHECK(ru == 0);
	/* A size is digits, then at most a binary suffix. */
	if (rz == 0 && !digits)
		FUZZ_CHECK(suffix && z % 1024 == 0);
	free(s);
	return 0;
}
