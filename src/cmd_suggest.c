/* rubric suggest THEME [PATH...]: spellings in the corpus the theme does not match but
   that are probably the same name, best first, each with its count, its articles and
   a line where it stands (suggest.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd.h"
#include "config_edit.h"
#include "export.h"
#include "file.h"
#include "suggest.h"
#include "xmalloc.h"

static int	cmd_suggest(struct cmd_args *);

static const struct cmd_option cmd_suggest_options[] = {
	{ 'f', 'f', "format", "FORMAT", "tsv (the default) or jsonl" },
	{ 'n', 'n', "count", "N", "at most N spellings (20; 0: all)" },
	{ 'a', '\0', "add", "SPELLING", "add SPELLING to THEME in your own "
	    "configuration file instead" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_suggest_entry = {
	"suggest", NULL,
	"Spellings a theme misses, likeliest first",
	"suggest [--config FILE] [--sidecar FILE] [-q QUERY] [--format tsv|jsonl] "
	"[-n N] THEME [PATH...]\n"
	"suggest [--config FILE] --add SPELLING THEME [PATH...]",
	"Lists word sequences of the corpus that THEME does not match but that are\n"
	"probably spellings of what it matches: the same once folded (case, accents,\n"
	"hyphens, blanks, apostrophes and the Arabic article in its Latin forms\n"
	"aside), a few edits away, or of the same consonants; the words around\n"
	"them weigh in. Each with its count, its articles and a line of context.\n"
	"--add writes a pattern for one of them into THEME in your own\n"
	"configuration file, keeping the rest of the file as it is.\n",
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

/* rubric suggest --add SPELLING THEME: the pattern of SPELLING put in THEME in the
   user's own configuration file, then the configuration read again to see that it
   holds; if it does not, the file is put back as it was. */
static int
cmd_suggest_add(struct cmd_args *args, const char *spelling)
{
	struct config		 cfg;
	struct diag		 d;
	const struct theme	*t;
	char			*user, *key = NULL, *pat = NULL, *old = NULL;
	const char		*where = args->argc > 1 ? args->argv[1] : ".";
	size_t			 oldlen = 0, i;
	int			 rc = 1, had;

	memset(&d, 0, sizeof d);
	if ((user = config_user_path()) == NULL) {
		diag_say("no home for your configuration file (HOME is not set)");
		return 1;
	}
	if (config_layers(&cfg, args->config, where, &d) == -1)
		goto out;
	if ((t = config_theme(&cfg, args->argv[0])) == NULL) {
		diag_say("no theme '%s' in the configuration (rubric check lists "
		    "them)", args->argv[0]);
		goto out;
	}
	key = config_edit_key(spelling, t);
	pat = config_edit_literal(spelling, t);
	had = file_read(user, 16 << 20, FILE_ABSENT, &old, &oldlen, NULL) == 0;
	if (config_edit_add(user, t->name, key, pat, &d) == -1)
		goto out;
	config_free(&cfg);
	/* Read again as every command will: the pattern must be there, and
	   compile. */
	if (config_layers(&cfg, args->config, where, &d) == 0 &&
	    (t = config_theme(&cfg, args->argv[0])) != NULL) {
		for (i = 0; i < t->npats; i++)
			if (strcmp(t->pats[i].key, key) == 0 &&
			    strcmp(t->pats[i].source, pat) == 0 &&
			    t->pats[i].re != NULL)
				rc = 0;
	}
	if (rc != 0) {
		if (had)
			file_replace(user, old, oldlen, FILE_SAME);
		else
			unlink(user);
		diag_add(&d, DIAG_ERROR, user, 0, "the pattern did not read back; "
		    "the file is as it was");
	} else
		diag_say("%s: added %s = \"%s\" to %s", t->name, key, pat, user);
out:
	diag_print(&d, stderr);
	diag_free(&d);
	config_free(&cfg);
	free(old);
	free(key);
	free(pat);
	free(user);
	return rc;
}

static int
cmd_suggest(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und = NULL;
	struct query		*q;
	struct suggest		 sg;
	const struct article	*a;
	size_t			*sel = NULL, nsel = 0, nund = 0, t, i, max;
	char			 why[64];
	int			 rc, jsonl;
	json_t			*o;

	if ((jsonl = cmd_args_jsonl(args, "tsv")) == -1)
		return cmd_args_usage_error(args->entry);
	if (cmd_args_has(args, 'a'))
		return cmd_suggest_add(args, cmd_args_get(args, 'a'));
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
	if ((i = catalog_unread(&c, sel, nsel)) > 0)
		diag_say("%zu article%s could not be read and gave no spellings "
		    "(rubric list says why)", i, i == 1 ? "" : "s");
	if (cmd_undecided(&c, und, nund) != 0)
		rc = 1;
	suggest_free(&sg);
	free(sel);
	free(und);
	query_free(q);
	catalog_free(&c);
	return rc;
}
