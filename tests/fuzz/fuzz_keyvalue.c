/* The KEY=VALUE parser of run/enter -s and of set: the input split at NUL
 * bytes into pairs, added one by one to a plan as 'ipcns set A=1 B=2' does.
 * A refused pair leaves the plan as it was; an accepted one is in range,
 * replaces what its key (or kernel.sem field) held and nothing else, and
 * the whole plan printed the way 'ipcns get' prints it parses back to
 * itself. Nothing reads or writes /proc/sys: lookup and parsing are pure. */
#include "fuzz_sysctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PAIRS 16

/* Every spelling of an accepted key names the same thing: its canonical
 * name, and the name with every dot made a slash. */
static int check_key(const char *key, struct sysctl_ref *ref)
{
	struct ipcns_error err = { 0 };
	struct sysctl_ref again;
	char slashed[256];
	int r = sysctl_lookup(key, ref, &err);

	if (r < 0) {
		fuzz_check_refusal(r, &err);
		return r;
	}
	FUZZ_CHECK(ref->id < SYSCTL_NKEYS && ref->field >= -1 && ref->field < SYSCTL_SEM_FIELDS);
	FUZZ_CHECK(ref->field < 0 || ref->id == SYSCTL_SEM);
	FUZZ_CHECK(!strpbrk(key, "= \t\n"));
	FUZZ_CHECK(sysctl_lookup(sysctl_ref_name(ref), &again, &err) == 0);
	FUZZ_CHECK(again.id == ref->id && again.field == ref->field);
	FUZZ_CHECK(strlen(key) < sizeof(slashed));
	snprintf(slashed, sizeof(slashed), "%s", key);
	for (char *p = slashed; *p; p++)
		*p = *p == '.' ? '/' : *p;
	FUZZ_CHECK(sysctl_lookup(slashed, &again, &err) == 0);
	FUZZ_CHECK(again.id == ref->id && again.field == ref->field);
	return 0;
}

/* A value, once accepted, prints as text that parses to the same value. */
static int check_value(const struct sysctl_ref *ref, const char *text, struct sysctl_value *v)
{
	struct sysctl_value back = { 0 };
	struct ipcns_error err = { 0 };
	char shown[128];
	int r = sysctl_parse_value(ref, text, v, &err);

	if (r < 0) {
		fuzz_check_refusal(r, &err);
		return r;
	}
	fuzz_check_range(ref, v);
	sysctl_format_value(ref, v, " ", shown, sizeof(shown));
	FUZZ_CHECK(sysctl_parse_value(ref, shown, &back, &err) == 0);
	FUZZ_CHECK(sysctl_value_equal(ref, v, &back));
	return 0;
}

static void add_pair(struct sysctl_plan *plan, const char *pair)
{
	const struct sysctl_plan before = *plan;
	const struct sysctl_setting *s, *was;
	struct ipcns_error err = { 0 };
	const char *eq = strchr(pair, '=');
	struct sysctl_value v = { 0 };
	struct sysctl_ref ref;
	char key[256];
	bool valid = false;
	unsigned bit;
	int r;

	if (eq && (size_t)(eq - pair) < sizeof(key)) {
		memcpy(key, pair, (size_t)(eq - pair));
		key[eq - pair] = '\0';
		valid = check_key(key, &ref) == 0 && check_value(&ref, eq + 1, &v) == 0;
	} else if (!eq) {
		check_key(pair, &ref);
	}

	r = sysctl_plan_add_pair(plan, pair, "--sysctl", &err);
	if (r < 0) {
		fuzz_check_refusal(r, &err);
		FUZZ_CHECK(!valid);
		FUZZ_CHECK(memcmp(&before, plan, sizeof(before)) == 0); /* nothing half-added */
		if (!eq)
			FUZZ_CHECK(strncmp(err.msg, "--sysctl: ", strlen("--sysctl: ")) == 0);
		return;
	}
	FUZZ_CHECK(valid);
	/* Only the pair's key changed, and it now holds the pair's value. */
	for (size_t id = 0; id < SYSCTL_NKEYS; id++)
		if (id != ref.id)
			FUZZ_CHECK(memcmp(&before.s[id], &plan->s[id], sizeof(plan->s[id])) == 0);
	s = &plan->s[ref.id];
	was = &before.s[ref.id];
	bit = ref.field >= 0 ? 1U << ref.field : SYSCTL_SEM_ALL;
	FUZZ_CHECK(s->set && !s->optional);
	FUZZ_CHECK(sysctl_value_equal(&ref, &s->value, &v));
	FUZZ_CHECK(s->fields == (was->set ? was->fields | bit : bit));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstring(data, size);
	struct sysctl_plan plan = { 0 };
	size_t pairs = 0;

	for (size_t at = 0; at <= size && pairs < MAX_PAIRS; pairs++) {
		const char *pair = buf + at;

		at += strlen(pair) + 1;
		add_pair(&plan, pair);
	}
	fuzz_check_plan(&plan);
	fuzz_check_round_trip(&plan);
	free(buf);
	return 0;
}
