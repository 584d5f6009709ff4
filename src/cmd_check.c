/* rubric check: reads every configuration layer, says which files it read and which
   were absent, and lists every problem, catastrophic
   patterns too (theme_catastrophic()): a theme's that would leave counts incomplete,
   and a view's that would leave articles undecided; and the sidecar found from here
   (or given), with its problems (a key or an article given twice) by FILE:LINE, and
   its passages whose quote is gone from their article's file (orphans). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "journal.h"
#include "journal_state.h"
#include "passage_article.h"
#include "theme.h"
#include "trust.h"
#include "xmalloc.h"

static void	cmd_check_journals(const char *, struct diag *);
static void	cmd_check_orphans(const char *, const struct sidecar *, struct diag *);
static int	cmd_check(struct cmd_args *);

const struct cmd_entry cmd_check_entry = {
	"check", NULL,
	"List every problem of the configuration and the sidecar",
	"check [--config FILE] [--sidecar FILE]",
	NULL, CMD_CONFIG | CMD_SIDECAR, NULL, 0, 0, cmd_check
};

/* Says what waits in the sidecar's journals: the one beside it (a bad line that
   blocks it is an error with FILE:LINE), and the one kept aside in the state
   folder. */
static void
cmd_check_journals(const char *spath, struct diag *d)
{
	struct sidecar_ops	 ops;
	char			*jpath = journal_path(spath), *apath;
	int			 n, bad, fd;

	if (journal_exists(spath) && journal_trusted(spath, d)) {
		n = journal_report(spath, &bad, d);
		if (bad != 0)
			printf("journal %s: %d change%s wait%s, blocked: nothing is "
			    "applied until its line %d is mended or removed\n", jpath,
			    n, n == 1 ? "" : "s", n == 1 ? "s" : "", bad);
		else
			printf("journal %s: %d change%s wait%s, applied by the next "
			    "save\n", jpath, n, n == 1 ? "" : "s", n == 1 ? "s" : "");
	}
	free(jpath);
	if (!journal_state_exists(spath))
		return;
	memset(&ops, 0, sizeof ops);
	apath = journal_state_path(spath);
	if ((n = journal_state_take(spath, &ops, &fd, d)) >= 0)
		printf("kept aside %s: %d change%s wait%s, applied by the next save\n",
		    apath, (int)journal_changes(&ops), journal_changes(&ops) == 1 ?
		    "" : "s", journal_changes(&ops) == 1 ? "s" : "");
	journal_state_done(spath, fd, 0);
	sidecar_ops_free(&ops);
	free(apath);
}

/* A warning for each passage of the sidecar at spath whose quote is gone from its
   article's file: it is kept, shown and listed, never dropped, and a person decides
   what becomes of it. A passage found elsewhere in a changed file is no problem. An
   article that is gone is rubric list --gone's; one that cannot be read is said. */
static void
cmd_check_orphans(const char *spath, const struct sidecar *side, struct diag *d)
{
	struct passage_spot	*spots;
	struct article		*a;
	const char		*slash = strrchr(spath, '/');
	char			*path, cut[96];
	size_t			 i, j, n, dirlen = slash != NULL ? (size_t)(slash -
				    spath) + 1 : 0, len;
	int			 err;

	for (i = 0; i < side->n; i++) {
		const struct sidecar_entry	*e = &side->v[i];

		if (e->npassages == 0)
			continue;
		path = xasprintf("%.*s%s", (int)dirlen, spath, e->path);
		a = article_new(path, e->path);
		n = passage_article_spots(a, e, &spots, &err);
		if (err != 0 && err != ENOENT)
			diag_add(d, DIAG_WARNING, e->path, 0, "%s: its %zu passage%s "
			    "cannot be looked for", article_why(a->path, err),
			    e->npassages,
			    e->npassages == 1 ? "" : "s");
		for (j = 0; err == 0 && j < n; j++) {
			if (spots[j].state != PASSAGE_ORPHAN)
				continue;
			/* A quote may be pages long: its start names it, cut
			   on a character's start. */
			len = strlen(spots[j].p->quote);
			if (len >= sizeof cut - 4) {
				len = sizeof cut - 4;
				while (len > 0 && (spots[j].p->quote[len] &
				    0xc0) == 0x80)
					len--;
			}
			snprintf(cut, sizeof cut, "%.*s%s", (int)len,
			    spots[j].p->quote, spots[j].p->quote[len] != '\0' ?
			    "..." : "");
			diag_add(d, DIAG_WARNING, e->path, 0, "passage %s '%s' is "
			    "orphaned: its quote is no longer in the file (last at "
			    "bytes %zu-%zu)", spots[j].p->id, cut, spots[j].start,
			    spots[j].end);
		}
		free(spots);
		article_free(a);
		free(path);
	}
}

static int
cmd_check(struct cmd_args *args)
{
	struct config	 c;
	struct diag	 d;
	struct sidecar	 side;
	struct stat	 st;
	const char	*given = args->sidecar, *terms[16];
	char		*spath;
	size_t		 i, j, k, nterms, npats = 0, bad = 0;
	int		 rc;

	memset(&d, 0, sizeof d);
	rc = config_layers(&c, args->config, ".", &d);
	/* Which files count is the first thing to know when a setting seems not to. */
	for (i = 0; i < c.nlayers; i++)
		printf("config %s: %s\n", c.layers[i].path, c.layers[i].absent ?
		    "absent" : c.layers[i].failed ? "not read" : "read");
	/* Views are checked against every layer's themes. */
	for (i = 0; rc == 0 && i < c.nviews; i++) {
		struct config_view	*v = &c.views[i];
		struct query_error	 qe;
		struct diag_at		 at;
		struct query		*q;

		if (v->query == NULL) {
			diag_add(&d, DIAG_ERROR, v->file, v->line, "view %s: no query",
			    v->name);
			continue;
		}
		if ((q = query_parse(v->query, &c, &qe)) == NULL) {
			at.file = v->file;
			at.line = v->line;
			at.col = diag_column(v->col, v->query, qe.offset);
			diag_add_at(&d, DIAG_ERROR, &at, "view %s: query: %s at column %zu",
			    v->name, qe.message, query_column(v->query, qe.offset));
			diag_caret(&d, v->query, qe.offset);
		} else {
			nterms = query_catastrophic(q, terms, sizeof terms /
			    sizeof terms[0]);
			for (k = 0; k < nterms && k < sizeof terms / sizeof terms[0];
			    k++)
				diag_add(&d, DIAG_WARNING, v->file, v->line, "view %s: "
				    "query: %s: catastrophic: it hits a PCRE2 limit on a "
				    "short text, and articles it cannot decide are marked "
				    "'?'", v->name, terms[k]);
		}
		query_free(q);
	}
	for (i = 0; rc == 0 && i < c.nthemes; i++)
		for (j = 0; j < c.themes[i].npats; j++) {
			struct theme_pattern	*p = &c.themes[i].pats[j];

			if (theme_catastrophic(p->re, p->source))
				diag_add(&d, DIAG_WARNING, p->file, p->line, "theme %s: %s: "
				    "catastrophic: it hits a PCRE2 limit on a short text, "
				    "and counts it stops are marked '!'", c.themes[i].name,
				    p->key);
		}
	/* The sidecar: one found walking up, or the one given (which must exist). */
	spath = catalog_sidecar_path(given, NULL, 0);
	side.n = 0;
	/* Found walking up, it is trusted or not as the other commands do. */
	if (given != NULL || (stat(spath, &st) == 0 &&
	    trust_found(spath, "--sidecar", DIAG_ERROR, &d))) {
		if (sidecar_load(&side, spath, &d) == 0) {
			if (given != NULL && stat(spath, &st) == -1)
				diag_add(&d, DIAG_ERROR, spath, 0, "no such file");
			else
				printf("sidecar %s: %zu article%s\n", spath, side.n,
				    side.n == 1 ? "" : "s");
			cmd_check_orphans(spath, &side, &d);
			sidecar_free(&side);
		}
	}
	cmd_check_journals(spath, &d);
	free(spath);
	diag_print(&d, stderr);
	for (i = 0; i < c.nthemes; i++)
		for (j = 0; j < c.themes[i].npats; j++) {
			npats++;
			bad += c.themes[i].pats[j].re == NULL &&
			    c.themes[i].pats[j].source[0] != '\0';
		}
	if (rc == 0)
		printf("%zu theme%s, %zu pattern%s (%zu left out), %zu chrome pattern%s, "
		    "%zu view%s, %zu problem%s\n", c.nthemes, c.nthemes == 1 ? "" : "s",
		    npats, npats == 1 ? "" : "s", bad, chrome_count(c.chrome),
		    chrome_count(c.chrome) == 1 ? "" : "s", c.nviews,
		    c.nviews == 1 ? "" : "s", d.n, d.n == 1 ? "" : "s");
	rc = rc == -1 || d.n > 0 ? 1 : 0;
	diag_free(&d);
	config_free(&c);
	return rc;
}
