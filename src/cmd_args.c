/* A command line read by a command's declaration (struct cmd_entry): the options the
   commands share and each one's own are parsed here once, and the usage and the help
   printed from the same table, so that what a command accepts and what it says it
   accepts cannot drift apart. Curses-free, in the core, for the unit tests. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "xmalloc.h"

/* The shared options, by the flag that asks for each; help is every command's. */
static const struct {
	int			flag;
	struct cmd_option	opt;
} cmd_args_shared[] = {
	{ CMD_CONFIG, { 'c', 'c', "config", "FILE",
	    "read FILE after the other configuration files" } },
	{ CMD_SIDECAR, { 's', 's', "sidecar", "FILE", "keep tags and notes in FILE" } },
	{ CMD_QUERY, { 'q', 'q', "query", "QUERY",
	    "only the articles QUERY matches (rubric(1), QUERIES)" } },
	{ 0, { 'h', 'h', "help", NULL, "show this help" } },
};
#define CMD_ARGS_NSHARED (sizeof cmd_args_shared / sizeof cmd_args_shared[0])

static size_t	 cmd_args_options(const struct cmd_entry *,
		    const struct cmd_option **, size_t);
static struct option *cmd_args_longopts(const struct cmd_option **, size_t);
static int	 cmd_args_getopt(int, char **, const char *, const struct option *);
static int	 cmd_args_signed(const struct cmd_entry *, const struct option *,
		    int, char **, struct cmd_args *);
static void	 cmd_args_set(struct cmd_args *, int, const char *);
static int	 cmd_args_files(const struct cmd_option **,
		    size_t, const struct cmd_args *);
static int	 cmd_args_count(const char *, size_t *);
static int	 cmd_args_numbers(const struct cmd_option **, size_t,
		    const struct cmd_args *);

/* The options e accepts, shared first, its own, help last, into v (room for n).
   Returns how many. */
static size_t
cmd_args_options(const struct cmd_entry *e, const struct cmd_option **v, size_t n)
{
	const struct cmd_option	*o;
	size_t			 i, k = 0;

	for (i = 0; i < CMD_ARGS_NSHARED - 1; i++)
		if ((e->flags & cmd_args_shared[i].flag) && k < n)
			v[k++] = &cmd_args_shared[i].opt;
	for (o = e->options; o != NULL && o->key != 0; o++)
		if (k < n)
			v[k++] = o;
	if (k < n)
		v[k++] = &cmd_args_shared[CMD_ARGS_NSHARED - 1].opt;
	return k;
}

/* getopt_long's table for the n options of v. Caller frees. */
static struct option *
cmd_args_longopts(const struct cmd_option **v, size_t n)
{
	struct option	*lo;
	size_t		 i, k = 0;

	lo = xcalloc(n + 1, sizeof *lo);
	for (i = 0; i < n; i++) {
		if (v[i]->name == NULL)
			continue;
		lo[k].name = v[i]->name;
		lo[k].has_arg = v[i]->arg != NULL ? required_argument : no_argument;
		lo[k].flag = NULL;
		lo[k].val = v[i]->key;
		k++;
	}
	return lo;
}

/* getopt_long, whose own messages would quote an argument raw and name the program
   by its path: a bad option or a missing value is said here, quoted ("rubric: NAME:
   unknown option '--x'"), and '?' returned. opts may start with '+'. */
static int
cmd_args_getopt(int argc, char **argv, const char *opts,
    const struct option *longopts)
{
	char		 spec[128];
	const char	*arg;
	int		 ch, plus = opts[0] == '+';

	/* A leading ':' tells a missing value from an unknown option; it goes after
	   the '+' that stops at the first operand. */
	snprintf(spec, sizeof spec, "%s:%s", plus ? "+" : "", opts + plus);
	opterr = 0;
	ch = getopt_long(argc, argv, spec, longopts, NULL);
	if (ch != '?' && ch != ':')
		return ch;
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (ch == ':')
		diag_say("option '%s' needs a value", arg);
	else if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		diag_say("unknown option '-%c'", optopt);
	else
		diag_say("unknown option '%s'", arg);
	return '?';
}

/* For CMD_SIGNED (rubric tag): options first, long ones and -q, until the first word
   that is none, where "-x" removes a tag x; -h asks for help only alone, so that a
   tag called h can be removed. Returns the index of the first operand, or -1 after
   saying what is wrong. */
static int
cmd_args_signed(const struct cmd_entry *e, const struct option *lo, int argc,
    char **argv, struct cmd_args *a)
{
	const struct option	*o;
	const char		*arg, *eq, *value;
	size_t			 len;
	int			 i;

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (strcmp(arg, "-q") == 0 && (e->flags & CMD_QUERY)) {
			if (i + 1 == argc) {
				diag_say("option '-q' needs a value");
				return -1;
			}
			cmd_args_set(a, 'q', argv[++i]);
			continue;
		}
		if (strcmp(arg, "-h") == 0 && argc == 2) {
			a->help = 1;
			continue;
		}
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
			break;
		eq = strchr(arg + 2, '=');
		len = eq != NULL ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		for (o = lo; o->name != NULL; o++)
			if (strlen(o->name) == len &&
			    strncmp(o->name, arg + 2, len) == 0)
				break;
		if (o->name == NULL || (o->has_arg == no_argument && eq != NULL)) {
			diag_say("unknown option '%s'", arg);
			return -1;
		}
		value = NULL;
		if (o->has_arg != no_argument) {
			if (eq == NULL && i + 1 == argc) {
				diag_say("option '%s' needs a value", arg);
				return -1;
			}
			value = eq != NULL ? eq + 1 : argv[++i];
		}
		cmd_args_set(a, o->val, value);
	}
	return i;
}

/* Keeps one option as given: a shared one in its field, the command's own in v. */
static void
cmd_args_set(struct cmd_args *a, int key, const char *value)
{
	if (key >= 0 && key < (int)sizeof a->seen && a->seen[key] < 255)
		a->seen[key]++;
	switch (key) {
	case 'c':
		a->config = value;
		break;
	case 's':
		a->sidecar = value;
		break;
	case 'q':
		a->query = value;
		break;
	case 'h':
		a->help = 1;
		break;
	default:
		a->v = xreallocarray(a->v, a->nv + 1, sizeof *a->v);
		a->v[a->nv].key = key;
		a->v[a->nv].value = value;
		a->nv++;
		break;
	}
}

/* An option naming a file must name one, once: an empty value would make the file's
   name "" (a sidecar "", its journal ".journal" in the current folder), and of two
   values one would be dropped without a word (merge-sidecar --resolve A --resolve B
   mended only B). Returns -1 after saying which. */
static int
cmd_args_files(const struct cmd_option **v, size_t n,
    const struct cmd_args *a)
{
	const char	*value;
	size_t		 i;
	int		 key;

	for (i = 0; i < n; i++) {
		key = v[i]->key;
		if (v[i]->arg == NULL || (strcmp(v[i]->arg, "FILE") != 0 &&
		    strcmp(v[i]->arg, "OUT") != 0) || key < 0 ||
		    key >= (int)sizeof a->seen || a->seen[key] == 0)
			continue;
		value = key == 'c' ? a->config : key == 's' ? a->sidecar :
		    cmd_args_get(a, key);
		if (a->seen[key] > 1)
			diag_say("option '--%s' given more than once", v[i]->name);
		else if (value != NULL && *value == '\0')
			diag_say("option '--%s' needs a value", v[i]->name);
		else
			continue;
		return -1;
	}
	return 0;
}

/* The count s spells: digits only, no sign, no space, that fit. Returns 0 with *n
   set, or -1. */
static int
cmd_args_count(const char *s, size_t *n)
{
	unsigned long long	 u;
	char			*end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	u = strtoull(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || u > (size_t)-1 - 1)
		return -1;
	*n = (size_t)u;
	return 0;
}

/* An option whose value is a count (its arg is "N") must be given one, each time:
   "--snippets x" is refused rather than read as 0, which would mean all. Returns
   -1 after saying which. */
static int
cmd_args_numbers(const struct cmd_option **v, size_t n, const struct cmd_args *a)
{
	size_t	 i, k, count;

	for (k = 0; k < a->nv; k++)
		for (i = 0; i < n; i++) {
			if (v[i]->key != a->v[k].key || v[i]->arg == NULL ||
			    strcmp(v[i]->arg, "N") != 0 ||
			    cmd_args_count(a->v[k].value, &count) == 0)
				continue;
			diag_say("--%s: '%s' is not a number (0, 1, 2 ...)",
			    v[i]->name, a->v[k].value);
			return -1;
		}
	return 0;
}

int
cmd_args_parse(const struct cmd_entry *e, int argc, char **argv, struct cmd_args *a)
{
	const struct cmd_option	*v[64];
	struct option		*lo;
	char			 spec[128];
	size_t			 n, i, len = 0;
	int			 ch, first;

	memset(a, 0, sizeof *a);
	a->entry = e;
	/* From here on every message is the command's (the screen's: none). */
	diag_command(e->name);
	n = cmd_args_options(e, v, sizeof v / sizeof v[0]);
	lo = cmd_args_longopts(v, n);
	if (e->flags & CMD_SIGNED)
		first = cmd_args_signed(e, lo, argc, argv, a);
	else {
		if (e->flags & CMD_INORDER)
			spec[len++] = '+';
		for (i = 0; i < n && len + 3 < sizeof spec; i++) {
			if (v[i]->letter == '\0')
				continue;
			spec[len++] = v[i]->letter;
			if (v[i]->arg != NULL)
				spec[len++] = ':';
		}
		spec[len] = '\0';
		/* 0, not 1: glibc, musl and the BSDs then start afresh, reading the
		   spec's '+' again and forgetting a bundle half read before. */
		optind = 0;
		while ((ch = cmd_args_getopt(argc, argv, spec, lo)) != -1 &&
		    ch != '?')
			cmd_args_set(a, ch, optarg);
		first = ch == '?' ? -1 : optind;
	}
	free(lo);
	if (first == -1 || cmd_args_files(v, n, a) == -1 ||
	    cmd_args_numbers(v, n, a) == -1) {
		cmd_args_free(a);
		return cmd_args_usage_error(e);
	}
	a->argc = argc - first;
	a->argv = argv + first;
	return 0;
}

void
cmd_args_free(struct cmd_args *a)
{
	free(a->v);
	a->v = NULL;
	a->nv = 0;
}

const char *
cmd_args_get(const struct cmd_args *a, int key)
{
	size_t	 i;

	for (i = a->nv; i > 0; i--)
		if (a->v[i - 1].key == key)
			return a->v[i - 1].value;
	return NULL;
}

size_t
cmd_args_number(const struct cmd_args *a, int key, size_t none)
{
	const char	*s = cmd_args_get(a, key);
	size_t		 n;

	return s != NULL && cmd_args_count(s, &n) == 0 ? n : none;
}

int
cmd_args_has(const struct cmd_args *a, int key)
{
	size_t	 i;

	for (i = 0; i < a->nv; i++)
		if (a->v[i].key == key)
			return 1;
	return 0;
}

int
cmd_args_jsonl(const struct cmd_args *a, const char *plain)
{
	const char	*format = cmd_args_get(a, 'f');

	if (format == NULL || strcmp(format, plain) == 0)
		return 0;
	if (strcmp(format, "jsonl") == 0)
		return 1;
	diag_say("--format: '%s' is not %s or jsonl", format, plain);
	return -1;
}

/* Words of text after column col, wrapped at 80 columns with the lines after the
   first indented to col. */
static void
cmd_args_wrap(FILE *f, const char *text, size_t col)
{
	const char	*p = text, *w;
	size_t		 at = col;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w = p + strcspn(p, " ");
		if (at + 1 + (size_t)(w - p) > 80 && at > col) {
			fprintf(f, "\n%*s", (int)col, "");
			at = col;
		}
		at += fprintf(f, " %.*s", (int)(w - p), p);
		p = w;
	}
	fputc('\n', f);
}

/* The end of the usage word at p: the next space outside brackets. */
static const char *
cmd_args_usage_word(const char *p, const char *end)
{
	int	 depth = 0;

	for (; p < end && (depth > 0 || *p != ' '); p++) {
		if (*p == '[')
			depth++;
		else if (*p == ']' && depth > 0)
			depth--;
	}
	return p;
}

/* One usage line, wrapped at 80 columns as BSD usages are: a break only at a
   space outside brackets, the lines after it indented under the first operand. */
static void
cmd_args_usage_line(FILE *f, const char *prefix, const char *line, size_t len)
{
	const char	*p = line, *end = line + len, *w;
	size_t		 col, indent, name;

	/* The command's name, then the first space: the indent of what follows. */
	name = strcspn(line, " ");
	if (name > len)
		name = len;
	col = fprintf(f, "%s rubric %.*s", prefix, (int)name, line);
	indent = col + 1;
	p = line + name;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		w = cmd_args_usage_word(p, end);
		/* An option and its value stay together: "-f FORMAT". */
		if (*p == '-' && w + 1 < end && w[1] != '[' && w[1] != '-')
			w = cmd_args_usage_word(w + 1, end);
		if (col + 1 + (size_t)(w - p) > 80 && col > indent)
			col = fprintf(f, "\n%*s", (int)indent - 1, "") - 1;
		col += fprintf(f, " %.*s", (int)(w - p), p);
		p = w;
	}
	fputc('\n', f);
}

void
cmd_args_usage(const struct cmd_entry *e, FILE *f)
{
	const char	*line = e->usage, *nl;
	int		 first = 1;

	while (*line != '\0') {
		nl = strchr(line, '\n');
		cmd_args_usage_line(f, first ? "usage:" : "      ", line,
		    nl != NULL ? (size_t)(nl - line) : strlen(line));
		first = 0;
		line = nl != NULL ? nl + 1 : line + strlen(line);
	}
}

int
cmd_args_usage_error(const struct cmd_entry *e)
{
	cmd_args_usage(e, stderr);
	return 2;
}

void
cmd_args_help(const struct cmd_entry *e, FILE *f)
{
	const struct cmd_option	*v[64];
	char			 left[64], letter;
	size_t			 n, i;

	cmd_args_usage(e, f);
	fprintf(f, "\n%s\n", e->summary);
	if (e->about != NULL)
		fprintf(f, "%s", e->about);
	n = cmd_args_options(e, v, sizeof v / sizeof v[0]);
	fputs("\nOptions:\n", f);
	for (i = 0; i < n; i++) {
		if (v[i]->help == NULL)
			continue;
		/* Where -WORD is an operand, only -q and -h are short options. */
		letter = v[i]->letter;
		if ((e->flags & CMD_SIGNED) && letter != 'q' && letter != 'h')
			letter = '\0';
		snprintf(left, sizeof left, "%s%c%s%s%s%s%s",
		    letter != '\0' ? "-" : " ", letter != '\0' ? letter : ' ',
		    letter != '\0' && v[i]->name != NULL ? ", " : "  ",
		    v[i]->name != NULL ? "--" : "",
		    v[i]->name != NULL ? v[i]->name : "",
		    v[i]->arg != NULL ? " " : "", v[i]->arg != NULL ? v[i]->arg : "");
		fprintf(f, "  %-22s", left);
		cmd_args_wrap(f, v[i]->help, 24);
	}
}
