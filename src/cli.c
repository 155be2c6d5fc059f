#include "ipcns/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcns/cleanup.h"

static bool takes_arg(const struct poptOption *o)
{
	switch (o->argInfo & POPT_ARG_MASK) {
	case POPT_ARG_NONE:
	case POPT_ARG_VAL:
	case POPT_ARG_CALLBACK:
	case POPT_ARG_INCLUDE_TABLE:
		return false;
	default:
		return true;
	}
}

/* Find an option by long name (name, len) or short name (len 0). */
static const struct poptOption *find_option(const struct poptOption *t, const char *name, size_t len, char shortname)
{
	for (; t->longName || t->shortName || t->arg; t++) {
		if ((t->argInfo & POPT_ARG_MASK) == POPT_ARG_INCLUDE_TABLE) {
			const struct poptOption *o = find_option(t->arg, name, len, shortname);
			if (o)
				return o;
			continue;
		}
		if (len ? t->longName && strlen(t->longName) == len && strncmp(t->longName, name, len) == 0
			: t->shortName && t->shortName == shortname)
			return t;
	}
	return NULL;
}

/* *empty: the first option of optional value given with an empty one. */
static int attach_optional_args(const struct poptOption *table, int argc, const char **argv, int *out_argc,
				const char ***out, char ***owned, const struct poptOption **empty)
{
	/* A short cluster can split into one word per letter: at most 2x. */
	_cleanup_free_ const char **nv = calloc((size_t)argc * 2 + 1, sizeof(*nv));
	_cleanup_free_ char **own = calloc((size_t)argc * 2 + 1, sizeof(*own));
	int n = 0, nown = 0, i = 0;

	if (!nv || !own)
		return -ENOMEM;
	if (argc > 0)
		nv[n++] = argv[i++];
	for (; i < argc; i++) {
		const char *a = argv[i];
		const struct poptOption *o;

		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0')
			break;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			o = find_option(table, a + 2, len, 0);
			nv[n++] = a;
			if (o && eq && !eq[1] && (o->argInfo & POPT_ARGFLAG_OPTIONAL) && !*empty)
				*empty = o;
			if (!o || eq || !takes_arg(o))
				continue;
			if (o->argInfo & POPT_ARGFLAG_OPTIONAL) {
				if (asprintf(&own[nown], "--%s=", o->longName) < 0)
					goto oom;
				nv[n - 1] = own[nown++];
			} else if (i + 1 < argc) {
				nv[n++] = argv[++i];
			}
			continue;
		}
		/* A cluster of short options, e.g. -Fm or -Fs KEY=VALUE. */
		size_t start = 1;
		bool consumed_next = false, split = false;
		for (size_t k = 1; a[k]; k++) {
			o = find_option(table, NULL, 0, a[k]);
			if (!o || !takes_arg(o))
				continue;
			if (a[k + 1] == '\0' && (o->argInfo & POPT_ARGFLAG_OPTIONAL) && o->longName) {
				/* Bare optional letter at the end: emit the letters before
				 * it as their own word, then --long=. */
				if (k > 1) {
					if (asprintf(&own[nown], "-%.*s", (int)(k - start), a + start) < 0)
						goto oom;
					nv[n++] = own[nown++];
				}
				if (asprintf(&own[nown], "--%s=", o->longName) < 0)
					goto oom;
				nv[n++] = own[nown++];
				split = true;
			} else if (a[k + 1] == '\0' && !(o->argInfo & POPT_ARGFLAG_OPTIONAL)) {
				consumed_next = true;
			}
			break; /* the rest of the word is this option's value */
		}
		if (!split)
			nv[n++] = a;
		if (consumed_next && i + 1 < argc)
			nv[n++] = argv[++i];
	}
	for (; i < argc; i++)
		nv[n++] = argv[i];
	nv[n] = NULL;
	*out_argc = n;
	*out = steal_ptr(nv);
	*owned = steal_ptr(own);
	return 0;
oom:
	for (int k = 0; k < nown; k++)
		free(own[k]);
	return -ENOMEM;
}

int cli_attach_optional_args(const struct poptOption *table, int argc, const char **argv, int *out_argc,
			     const char ***out, char ***owned)
{
	const struct poptOption *empty = NULL;

	return attach_optional_args(table, argc, argv, out_argc, out, owned, &empty);
}

int cli_prepare_args(const struct poptOption *table, const char *cmd, int argc, const char **argv, int *out_argc,
		     const char ***out, char ***owned, struct ipcns_error *err)
{
	const struct poptOption *empty = NULL;

	if (attach_optional_args(table, argc, argv, out_argc, out, owned, &empty) < 0)
		return ipcns_error_set(err, ENOMEM, "out of memory");
	if (!empty)
		return 0;
	cli_argv_free(*out, *owned);
	*out = NULL;
	*owned = NULL;
	/* As unshare(1) does for --ipc=: an empty value is a mistake (an unset
	 * variable, say), not a way to ask for the default. */
	return ipcns_error_usage(err, "%s: --%s=: empty value; give --%s alone for the default, or --%s=%s", cmd,
				 empty->longName, empty->longName, empty->longName,
				 empty->argDescrip ? empty->argDescrip : "VALUE");
}

void cli_argv_free(const char **argv, char **owned)
{
	if (owned)
		for (char **o = owned; *o; o++)
			free(*o);
	free(owned);
	free(argv);
}

/* What cli_context() was given, for the --usage that help_callback prints. */
static const char *usage_name;
static const char *usage_operands;
static const struct poptOption *usage_table;

struct usage_line {
	FILE *out;
	size_t col;
};

#define USAGE_WIDTH  79
#define USAGE_INDENT 8

static void usage_word(struct usage_line *u, const char *word)
{
	size_t len = strlen(word);

	if (u->col + 1 + len > USAGE_WIDTH && u->col > USAGE_INDENT) {
		fprintf(u->out, "\n%*s", USAGE_INDENT, "");
		u->col = USAGE_INDENT;
	} else {
		fputc(' ', u->out);
		u->col++;
	}
	fputs(word, u->out);
	u->col += len;
}

static bool shown(const struct poptOption *o)
{
	return !(o->argInfo & POPT_ARGFLAG_DOC_HIDDEN) && (o->longName || o->shortName) &&
	       (o->argInfo & POPT_ARG_MASK) != POPT_ARG_CALLBACK;
}

/* The letters of the options that take no value, as one cluster. */
static void short_cluster(const struct poptOption *t, char *buf, size_t size, size_t *n)
{
	for (; t->longName || t->shortName || t->arg; t++) {
		if ((t->argInfo & POPT_ARG_MASK) == POPT_ARG_INCLUDE_TABLE)
			short_cluster(t->arg, buf, size, n);
		else if (shown(t) && t->shortName && !takes_arg(t) && *n + 1 < size)
			buf[(*n)++] = t->shortName;
	}
	buf[*n] = '\0';
}

static void usage_options(struct usage_line *u, const struct poptOption *t)
{
	for (; t->longName || t->shortName || t->arg; t++) {
		char word[160];
		int n = 0;

		if ((t->argInfo & POPT_ARG_MASK) == POPT_ARG_INCLUDE_TABLE) {
			usage_options(u, t->arg);
			continue;
		}
		if (!shown(t))
			continue;
		n = snprintf(word, sizeof(word), "[");
		if (t->shortName)
			n +=
			    snprintf(word + n, sizeof(word) - (size_t)n, "-%c%s", t->shortName, t->longName ? "|" : "");
		if (t->longName)
			n += snprintf(word + n, sizeof(word) - (size_t)n, "--%s", t->longName);
		if (takes_arg(t)) {
			const char *arg = t->argDescrip ? t->argDescrip : "ARG";
			bool optional = t->argInfo & POPT_ARGFLAG_OPTIONAL;

			/* An optional value is attached or absent: --mqueue[=DIR]. */
			n += snprintf(word + n, sizeof(word) - (size_t)n, "%s%s%s%s", optional ? "[" : "",
				      t->longName ? "=" : " ", arg, optional ? "]" : "");
		}
		snprintf(word + n, sizeof(word) - (size_t)n, "]");
		usage_word(u, word);
	}
}

void cli_print_usage(FILE *out, const char *name, const struct poptOption *table, const char *operands)
{
	struct usage_line u = { .out = out };
	char letters[64], cluster[70];
	size_t n = 0;

	fprintf(out, "Usage: %s", name);
	u.col = strlen("Usage: ") + strlen(name);
	short_cluster(table, letters, sizeof(letters), &n);
	if (n) {
		snprintf(cluster, sizeof(cluster), "[-%s]", letters);
		usage_word(&u, cluster);
	}
	usage_options(&u, table);
	if (operands)
		usage_word(&u, operands);
	fputc('\n', out);
}

static void help_callback(poptContext ctx, enum poptCallbackReason reason, const struct poptOption *opt,
			  const char *arg, const void *data)
{
	(void)arg;
	(void)data;
	if (reason != POPT_CALLBACK_REASON_OPTION)
		return;
	if (opt->longName && strcmp(opt->longName, "usage") == 0 && usage_table)
		cli_print_usage(stdout, usage_name, usage_table, usage_operands);
	else if (opt->longName && strcmp(opt->longName, "usage") == 0)
		poptPrintUsage(ctx, stdout, 0);
	else
		poptPrintHelp(ctx, stdout, 0);
	exit(0);
}

struct poptOption cli_help_options[] = {
	{ NULL, '\0', POPT_ARG_CALLBACK, (void *)help_callback, 0, NULL, NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, 0, "show this help", NULL },
	{ NULL, '?', POPT_ARG_NONE | POPT_ARGFLAG_DOC_HIDDEN, NULL, 0, "show this help", NULL },
	{ "usage", '\0', POPT_ARG_NONE, NULL, 0, "show a short usage line", NULL },
	POPT_TABLEEND,
};

poptContext cli_context(const char *name, int argc, const char **argv, const struct poptOption *table,
			const char *operands, unsigned popt_flags)
{
	poptContext ctx = poptGetContext(name, argc, argv, table, popt_flags);

	usage_name = name;
	usage_table = table;
	usage_operands = operands;

	if (ctx && operands)
		poptSetOtherOptionHelp(ctx, operands);
	return ctx;
}

int cli_parse(poptContext ctx, const char *cmd, int (*on_opt)(int val, const char *arg, void *data), void *data,
	      struct ipcns_error *err)
{
	int rc;

	while ((rc = poptGetNextOpt(ctx)) > 0) {
		_cleanup_free_ char *arg = poptGetOptArg(ctx); /* ours to free */
		int r = on_opt ? on_opt(rc, arg, data) : 0;

		if (r < 0)
			return r;
	}
	if (rc < -1)
		return ipcns_error_usage(err, "%s: %s: %s", cmd, poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
					 poptStrerror(rc));
	return 0;
}
