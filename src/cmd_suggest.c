/* rubric suggest THEME [PATH...]: spellings in the corpus the theme does not match but
   that are probably the same name, best first, each with its count, its articles and
   a line where it stands (suggest.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
#include "export.h"
#include "suggest.h"
#include "xmalloc.h"

static int	cmd_suggest(struct cmd_args *);

static const struct cmd_option cmd_suggest_options[] = {
	{ 'f', 'f', "format", "FORMAT", "tsv (the default) or jsonl" },
	{ 'n', 'n', "count", "N", "at most N spellings (20; 0: all)" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_suggest_entry = {
	"suggest", NULL,
	"Spellings a theme misses, likeliest first",
	"suggest [--config FILE] [--sidecar FILE] [-q QUERY] [--format tsv|jsonl] "
	"[-n N] THEME [PATH...]",
	"Lists word sequences of the corpus that THEME does not match but that are\n"
	"probably spellings of what it matches: the same once folded (case, accents,\n"
	"hyphens, blanks, apostrophes and the Arabic article in its Latin forms\n"
	"aside), a few edits away, or of the same consonants; the words around\n"
	"them weigh in. Each with its count, its articles and a line of context.\n",
	CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, cmd_suggest_options, 1, -1, cmd_suggest
};

/* "same key", "N% alike", "same consonants": why a spelling is listed. */
static void
cmd_suggest_why(const struct suggestion *s, char *buf, size_t len)
{
	if (s->similar >= 1.0)
		snprintf(buf, len, "same key");
	else if (s->similar > 0 && s->skeleton)
		snprintf(buf, len, "%.0f%% alike, same consonants", 100 * s->similar);
	else if (s->similar > 0)
		snprintf(buf, len, "%.0f%% alike", 100 * s->similar);
	else
		snprintf(buf, len, "same consonants");
}

static int
cmd_suggest(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und = NULL;
	struct query		*q;
	struct suggest		 sg;
	const struct article	*a;
	const char		*format = cmd_args_get(args, 'f');
	size_t			*sel = NULL, nsel = 0, nund = 0, t, i, max;
	char			 why[64];
	int			 rc, jsonl;
	json_t			*o;

	if (format != NULL && strcmp(format, "tsv") != 0 &&
	    strcmp(format, "jsonl") != 0) {
		diag_say("--format: '%s' is not tsv or jsonl", format);
		return cmd_args_usage_error(args->entry);
	}
	jsonl = format != NULL && strcmp(format, "jsonl") == 0;
	max = cmd_args_number(args, 'n', 20);
	if ((rc = cmd_open(&c, args->config, args->sidecar, args->query, args->argv + 1,
	    args->argc - 1, &q)) != 0)
		return rc;
	for (t = 0; t < c.config.nthemes; t++)
		if (strcmp(c.config.themes[t].name, args->argv[0]) == 0)
			break;
	if (t == c.config.nthemes) {
		diag_say("no theme '%s' in the configuration (rubric check lists "
		    "them)", args->argv[0]);
		query_free(q);
		catalog_free(&c);
		return 1;
	}
	/* The counts say which articles have the theme's hits. */
	if (cmd_pick(&c, q, &sel, &nsel, &und, &nund) == -1) {
		query_free(q);
		catalog_free(&c);
		return 130;
	}
	suggest_run(&sg, &c, t, sel, nsel, cmd_reading(1));
	cmd_reading(0);
	if (cmd_stopped()) {
		suggest_free(&sg);
		free(sel);
		free(und);
		query_free(q);
		catalog_free(&c);
		return 130;
	}
	for (i = 0; i < sg.n && (max == 0 || i < max); i++) {
		const struct suggestion	*s = &sg.v[i];

		a = c.corpus.articles[s->article];
		cmd_suggest_why(s, why, sizeof why);
		if (jsonl) {
			o = json_pack("{s:o, s:I, s:I, s:f, s:s, s:o, s:o, s:I, s:o}",
			    "spelling", export_json_string(s->spelling,
			    strlen(s->spelling)), "count", (json_int_t)s->count,
			    "articles", (json_int_t)s->articles, "score",
			    s->score, "why", why,
			    "near", s->near != NULL ? export_json_string(s->near,
			    strlen(s->near)) : json_null(), "path",
			    export_json_string(a->name, strlen(a->name)), "offset",
			    (json_int_t)s->offset, "context",
			    export_json_string(s->line, strlen(s->line)));
			export_json_line(stdout, o);
			continue;
		}
		export_tsv(stdout, s->spelling, strlen(s->spelling));
		printf("\t%zu\t%zu\t%.3f\t%s\t", s->count, s->articles, s->score, why);
		export_tsv(stdout, a->name, strlen(a->name));
		putchar('\t');
		export_tsv(stdout, s->line, strlen(s->line));
		putchar('\n');
	}
	rc = cmd_flush();
	if (cmd_undecided(&c, und, nund) != 0)
		rc = 1;
	suggest_free(&sg);
	free(sel);
	free(und);
	query_free(q);
	catalog_free(&c);
	return rc;
}
