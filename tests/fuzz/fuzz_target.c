/* TARGET classification and namespace names: the kind follows the rules of
 * the contract (a '/' makes a path, all digits a PID, else a name), and a
 * refusal is a usage error with a message. Nothing is opened. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>

#include "fuzz.h"
#include "ipcns/names.h"
#include "ipcns/target.h"
#include "ipcns/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_refusal(int r, const struct ipcns_error *err)
{
	FUZZ_CHECK(r == -EINVAL);
	FUZZ_CHECK(err->kind == IPCNS_ERR_USAGE);
	FUZZ_CHECK(err->msg[0] != '\0');
	FUZZ_CHECK(memchr(err->msg, '\0', sizeof(err->msg)) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	struct ipcns_error err = { 0 };
	struct target t;
	bool slash = strchr(s, '/') != NULL;
	bool dots = strcmp(s, ".") == 0 || strcmp(s, "..") == 0;
	int r;

	r = names_validate(s, &err);
	if (r == 0)
		FUZZ_CHECK(*s && !slash && !dots && *s != '.' && *s != '-' && strlen(s) <= NAME_MAX - NAMES_SUFFIX_MAX);
	else
		check_refusal(r, &err);

	memset(&err, 0, sizeof(err));
	r = target_parse(s, &t, &err);
	if (r < 0) {
		check_refusal(r, &err);
		free(s);
		return 0;
	}
	FUZZ_CHECK(t.arg == s);
	switch (t.kind) {
	case TARGET_PATH:
		FUZZ_CHECK(slash);
		break;
	case TARGET_PID:
		FUZZ_CHECK(!slash && parse_is_digits(s) && t.pid > 0);
		break;
	case TARGET_NAME:
		FUZZ_CHECK(!slash && !parse_is_digits(s) && names_validate(s, &err) == 0);
		break;
	default:
		FUZZ_CHECK(!"unknown kind");
	}
	free(s);
	return 0;
}
