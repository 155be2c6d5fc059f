/* The sysctl.conf text of run/enter -f, as sysctl_plan_add_conf() reads it
 * once the file is in memory (the file itself is never opened here). The
 * input up to its first NUL byte is the file; the words after it, split at
 * NUL bytes, are -s pairs layered on top as run does. Checked: a refusal
 * names a line that exists, and the lines before it parse alone to the
 * plan built so far; CRLF line ends change nothing; an accepted file gives
 * a plan in range whose 'ipcns get' rendering parses back to it; -s wins
 * over the file key by key, and kernel.sem field by field. Nothing reads or
 * writes /proc/sys: lookup and parsing are pure. */
#include "fuzz_sysctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PAIRS 16

static const char conf_name[] = "fuzz.conf";

/* The line number of a refusal: "fuzz.conf:N: ...". */
static unsigned refused_line(const struct ipcns_error *err)
{
	size_t len = strlen(conf_name);
	char *end;
	unsigned long n;

	FUZZ_CHECK(strncmp(err->msg, conf_name, len) == 0 && err->msg[len] == ':');
	n = strtoul(err->msg + len + 1, &end, 10);
	FUZZ_CHECK(end[0] == ':' && end[1] == ' ' && end[2] != '\0');
	FUZZ_CHECK(n >= 1 && n <= UINT32_MAX);
	return (unsigned)n;
}

static int parse_conf(const char *text, struct sysctl_plan *plan, struct ipcns_error *err)
{
	int r;

	memset(plan, 0, sizeof(*plan));
	memset(err, 0, sizeof(*err));
	r = sysctl_plan_add_conf(plan, text, conf_name, err);
	if (r < 0)
		fuzz_check_refusal(r, err);
	return r;
}

/* The same text with "\r\n" line ends, as a file edited on Windows. */
static char *with_crlf(const char *text)
{
	size_t len = strlen(text), lines = 0, n = 0;
	char *out;

	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	out = malloc(len + lines + 1);
	if (!out)
		abort();
	for (const char *p = text; *p; p++) {
		if (*p == '\n')
			out[n++] = '\r';
		out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

static void check_refused(const char *text, const struct sysctl_plan *partial, const struct ipcns_error *err)
{
	unsigned line = refused_line(err), lines = 1;
	struct sysctl_plan before;
	struct ipcns_error before_err;
	const char *cut = text;
	char *head;

	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	FUZZ_CHECK(line <= lines);
	for (unsigned l = 1; l < line; l++)
		cut = strchr(cut, '\n') + 1;
	head = strndup(text, (size_t)(cut - text));
	if (!head)
		abort();
	FUZZ_CHECK(parse_conf(head, &before, &before_err) == 0);
	FUZZ_CHECK(fuzz_plans_equal(&before, partial));
	free(head);
}

/* run's -f FILE -s PAIR...: the pairs win, kernel.sem field by field. */
static void check_merge(const struct sysctl_plan *file, const char *pairs, const char *end)
{
	struct sysctl_plan args = { 0 }, merged = *file;
	struct ipcns_error err = { 0 };
	size_t n = 0;

	for (const char *p = pairs; p < end && n < MAX_PAIRS; p += strlen(p) + 1, n++) {
		int r = sysctl_plan_add_pair(&args, p, "--sysctl", &err);

		if (r < 0)
			fuzz_check_refusal(r, &err);
	}
	sysctl_plan_merge(&merged, &args);
	fuzz_check_plan(&merged);
	for (size_t id = 0; id < SYSCTL_NKEYS; id++) {
		const struct sysctl_setting *f = &file->s[id], *a = &args.s[id], *m = &merged.s[id];

		FUZZ_CHECK(m->set == (f->set || a->set));
		if (!m->set)
			continue;
		if (!a->set) {
			FUZZ_CHECK(memcmp(m, f, sizeof(*m)) == 0);
			continue;
		}
		FUZZ_CHECK(m->fields == (f->set ? f->fields | a->fields : a->fields));
		for (int k = 0; k < SYSCTL_SEM_FIELDS; k++) {
			const struct sysctl_setting *from = (a->fields & (1U << k)) ? a : f;

			if (id == SYSCTL_SEM && (m->fields & (1U << k)))
				FUZZ_CHECK(m->value.i[k] == from->value.i[k]);
		}
		if (id != SYSCTL_SEM)
			FUZZ_CHECK(sysctl_value_equal(&(struct sysctl_ref){ .id = (enum sysctl_id)id, .field = -1 },
						      &m->value, &a->value));
		FUZZ_CHECK(!m->optional); /* a -s pair is never optional, and so is what it touches */
	}
	fuzz_check_round_trip(&merged);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstring(data, size), *crlf;
	struct sysctl_plan plan, plan_crlf;
	struct ipcns_error err, err_crlf;
	size_t len = strlen(text);
	int r, r_crlf;

	r = parse_conf(text, &plan, &err);
	crlf = with_crlf(text);
	r_crlf = parse_conf(crlf, &plan_crlf, &err_crlf);
	FUZZ_CHECK(r == r_crlf);
	if (r < 0) {
		check_refused(text, &plan, &err);
		FUZZ_CHECK(refused_line(&err) == refused_line(&err_crlf));
	} else {
		FUZZ_CHECK(fuzz_plans_equal(&plan, &plan_crlf));
		fuzz_check_plan(&plan);
		fuzz_check_round_trip(&plan);
		if (len < size)
			check_merge(&plan, text + len + 1, text + size);
	}
	free(crlf);
	free(text);
	return 0;
}
