/* The credential parsers: --caps lists, /proc/PID/uid_map text, and -S/-G
 * resolution through the user database. Nothing is changed: creds_apply()
 * is never called. */
#include <errno.h>
#include <sys/capability.h>

#include "fuzz.h"
#include "ipcns/creds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void caps_list(const char *s)
{
	struct ipcns_error err = { 0 };
	uint64_t caps = 0;
	int r = creds_parse_caps(s, &caps, &err);

	if (r == 0) {
		cap_value_t max = cap_max_bits();
		FUZZ_CHECK(max >= 64 || (caps >> max) == 0);
		FUZZ_CHECK(strcmp(s, "none") != 0 || caps == 0);
	} else {
		FUZZ_CHECK(r == -EINVAL && err.kind == IPCNS_ERR_USAGE);
		FUZZ_CHECK(strncmp(err.msg, "--caps", 6) == 0);
	}
}

static void id_map(const char *s, const uint8_t *data, size_t size)
{
	uint32_t id = 0;

	memcpy(&id, data, size < sizeof(id) ? size : sizeof(id));
	(void)creds_map_contains(s, id);
	(void)creds_map_contains(s, 0);
	(void)creds_map_contains(s, UINT32_MAX);
}

/* USER\0GROUP: either may be empty, meaning not given. */
static void resolve(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstring(data, size);
	size_t ulen = strlen(buf);
	const char *user = buf, *group = ulen < size ? buf + ulen + 1 : "";
	struct ipcns_error err = { 0 };
	struct creds_plan c = { 0 };
	int r = 0;

	if (*user)
		r = creds_set_user(&c, user, &err);
	if (r == 0 && *group)
		r = creds_set_group(&c, group, &err);
	if (r == 0)
		r = creds_resolve(&c, &err);
	if (r == 0) {
		FUZZ_CHECK(c.set_uid == (*user != '\0') && c.set_gid == (c.set_uid || *group));
		FUZZ_CHECK(c.set_uid ? c.uid != (uid_t)-1 && c.set_caps : true);
		FUZZ_CHECK(c.set_gid ? c.gid != (gid_t)-1 : true);
		FUZZ_CHECK(c.ngroups == 0 || c.groups);
		/* Every valid ID is mapped in the initial user namespace. */
		FUZZ_CHECK(creds_check_mapped(&c, "0 0 4294967295", "0 0 4294967295", true, "x", &err) == 0);
	} else {
		FUZZ_CHECK(err.msg[0] != '\0');
	}
	creds_plan_free(&c);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size == 0)
		return 0;
	s = fuzz_cstring(data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
		caps_list(s);
		break;
	case 1:
		id_map(s, data + 1, size - 1);
		break;
	default:
		resolve(data + 1, size - 1);
	}
	free(s);
	return 0;
}
