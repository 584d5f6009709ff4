/* rubric diff OLD.ini NEW.ini [PATH...]: what a change of themes would do to the corpus
   before it is made, theme by theme: the articles that gain or lose hits and automatic
   tags, named. Exits as diff(1) does: 0 when nothing differs, 1 when something does,
   2 for trouble. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd.h"
#include "export.h"
#include "themediff.h"
#include "xmalloc.h"

static int	cmd_diff(struct cmd_args *);
static int	cmd_diff_load(struct config *, const char *);
static void	cmd_diff_jsonl(const struct catalog *, const struct themediff *);

static const struct cmd_option cmd_diff_options[] = {
	{ 'f', 'f', "format", "FORMAT", "text (the default) or jsonl" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_diff_entry = {
	"diff", NULL,
	"What a change of themes would gain and lose, article by article",
	"diff [--sidecar FILE] [-q QUERY] [--format text|jsonl] OLD.ini NEW.ini "
	"[PATH...]",
	"Reads the themes of OLD.ini and of NEW.ini, each file alone over the\n"
	"built-in settings; counts the corpus under both; and shows, per theme, the\n"
	"articles that gain or lose hits or the automatic tag. Exits 0 when nothing\n"
	"differs, 1 when something does, 2 on trouble. See rubric(1).\n",
	CMD_SIDECAR | CMD_QUERY, cmd_diff_options, 2, -1, cmd_diff
};

/* The themes of the file at path, alone over the built-in settings. Returns 0, or
   -1 after saying why not ("rubric: FILE: reason", as for any configuration file).
   A pattern that does not compile is said and left out, as everywhere. */
static int
cmd_diff_load(struct config *cfg, const char *path)
{
	struct diag	 d;
	int		 rc;

	memset(&d, 0, sizeof d);
	rc = config_alone(cfg, path, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc == -1)
		config_free(cfg);
	return rc;
}

static void
cmd_diff_jsonl(const struct catalog *c, const struct themediff *td)
{
	static const char *const	 in[] = { "both", "old", "new" };
	const struct themediff_theme	*t;
	const struct themediff_article	*a;
	const struct article		*art;
	json_t				*o;
	size_t				 i, j;

	for (i = 0; i < td->n; i++) {
		t = &td->themes[i];
		o = json_pack("{s:s, s:o, s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
		    "s:I}", "diff", "theme", "theme", export_json_string(t->name,
		    strlen(t->name)), "in", in[t->in], "same", t->same,
		    "articles_old", (json_int_t)t->articles_old,
		    "articles_new", (json_int_t)t->articles_new,
		    "gained", (json_int_t)t->gained, "lost", (json_int_t)t->lost,
		    "hits_gained", (json_int_t)t->hits_gained,
		    "hits_lost", (json_int_t)t->hits_lost,
		    "tags_gained", (json_int_t)t->tags_gained,
		    "tags_lost", (json_int_t)t->tags_lost);
		export_json_line(stdout, o);
		for (j = 0; j < t->n; j++) {
			a = &t->v[j];
			art = c->corpus.articles[a->article];
			o = json_pack("{s:s, s:o, s:o, s:I, s:I, s:b, s:b, s:b}",
			    "diff", "article", "theme", export_json_string(t->name,
			    strlen(t->name)), "path", export_json_string(art->name,
			    strlen(art->name)), "old", (json_int_t)a->old,
			    "new", (json_int_t)a->new, "tag_old", a->tag_old,
			    "tag_new", a->tag_new, "incomplete", a->incomplete);
			export_json_line(stdout, o);
		}
	}
}

static int
cmd_diff(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und = NULL;
	struct config		 oldc, newc;
	struct query		*q;
	struct scan		*olds = NULL, *news = NULL;
	struct themediff	 td;
	size_t			*sel = NULL, nsel = 0, nund = 0, n;
	int			 rc, jsonl;

	if ((jsonl = cmd_args_jsonl(args, "text")) == -1)
		return cmd_args_usage_error(args->entry);
	if (cmd_diff_load(&oldc, args->argv[0]) == -1)
		return 2;
	if (cmd_diff_load(&newc, args->argv[1]) == -1) {
		config_free(&oldc);
		return 2;
	}
	/* The corpus, its sidecar and a query are read as every command reads them,
	   under the configuration in use. */
	if ((rc = cmd_open(&c, NULL, args->sidecar, args->query, args->argv + 2,
	    args->argc - 2, &q)) != 0) {
		config_free(&oldc);
		config_free(&newc);
		return rc == 1 ? 2 : rc;
	}
	rc = 0;
	if (q != NULL && cmd_pick(&c, q, &sel, &nsel, &und, &nund) == -1)
		rc = 130;
	if (rc == 0 && ((olds = cmd_scan_other(&c, &oldc)) == NULL ||
	    (news = cmd_scan_other(&c, &newc)) == NULL)) {
		cmd_stopped();
		rc = 130;
	}
	if (rc == 0) {
		themediff_make(&td, &c, q != NULL ? sel : NULL, nsel, &oldc, olds,
		    &newc, news);
		if (jsonl)
			cmd_diff_jsonl(&c, &td);
		else
			themediff_text(&td, &c.corpus, args->argv[0],
			    args->argv[1], stdout);
		rc = themediff_changed(&td) ? 1 : 0;
		if (cmd_flush() != 0)
			rc = 2;
		/* Counted as no hit under either set of themes, so never
		   listed as a change: said. */
		if ((n = catalog_unread(&c, q != NULL ? sel : NULL, nsel)) > 0)
			diag_say("%zu article%s could not be read and %s no hit "
			    "under either (rubric list says why)", n, n == 1 ? "" :
			    "s", n == 1 ? "has" : "have");
		/* Articles the query could not decide are not compared: named, and
		   trouble, as they are for every command. */
		if (cmd_undecided(&c, und, nund) != 0)
			rc = 2;
		themediff_free(&td);
	}
	if (olds != NULL)
		scan_free(olds);
	if (news != NULL)
		scan_free(news);
	free(sel);
	free(und);
	query_free(q);
	catalog_free(&c);
	config_free(&oldc);
	config_free(&newc);
	return rc;
}
