/* rubric stats: the corpus at a glance. Hits per theme and articles per tag as text bar
   charts, and a table of how many articles carry two themes at once; or the same
   figures as JSON Lines, and the sum of such outputs of shards (--merge). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cooc.h"
#include "log.h"
#include "stats.h"
#include "tags.h"
#include "theme.h"
#include "xmalloc.h"

static void	cmd_stats_themes(struct catalog *, const size_t *, size_t,
		    struct stats *);
static void	cmd_stats_tags(struct catalog *, const size_t *, size_t,
		    struct stats *);
static void	cmd_stats_codes(struct catalog *, const size_t *, size_t,
		    struct stats *);
static int	cmd_stats_merge(struct cmd_args *, int);
static int	cmd_stats_print(const struct stats *, int);
static int	cmd_stats(struct cmd_args *);

static const struct cmd_option cmd_stats_options[] = {
	{ 'f', 'f', "format", "FORMAT", "text (the default) or jsonl, whose "
	    "figures add up across shards" },
	{ 'm', '\0', "merge", NULL, "sum the jsonl outputs in each FILE "
	    "(standard input when none)" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_stats_entry = {
	"stats", NULL,
	"Hits per theme and articles per tag, as bar charts",
	"stats [--config FILE] [--sidecar FILE] [-q QUERY] [--format text|jsonl] "
	"[PATH...]\n"
	"stats --merge [--format text|jsonl] [FILE...]",
	NULL, CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, cmd_stats_options, 0, -1,
	cmd_stats
};

static void
cmd_stats_themes(struct catalog *c, const size_t *sel, size_t nsel,
    struct stats *s)
{
	const scan_count	*counts;
	const uint8_t		*inc;
	size_t		 nt = c->config.nthemes, i, a, b, *both;

	for (a = 0; a < nt; a++)
		stats_theme(s, c->config.themes[a].name);
	both = xcalloc(nt * nt + 1, sizeof *both);
	for (i = 0; i < nsel; i++) {
		if ((counts = catalog_counts(c, sel[i])) == NULL)
			continue;
		/* The article's flags once, not a lookup a theme: at a million
		   articles and a dozen themes that is most of the pass. */
		inc = scan_incomplete_bits(c->scan, sel[i]);
		for (a = 0; a < nt; a++) {
			s->themes[a].articles += counts[a] > 0;
			s->themes[a].hits += counts[a];
			if (inc != NULL)
				s->themes[a].incomplete += inc[a / 8] >> (a % 8) & 1;
			for (b = a + 1; b < nt && counts[a] > 0; b++)
				both[a * nt + b] += counts[b] > 0;
		}
	}
	for (a = 0; a < nt; a++)
		for (b = a + 1; b < nt; b++)
			stats_both(s, a, b, both[a * nt + b]);
	free(both);
}

static void
cmd_stats_tags(struct catalog *c, const size_t *sel, size_t nsel, struct stats *s)
{
	const struct sidecar_entry *e;
	const scan_count		*counts;
	size_t			 i, j, k, nt = c->config.nthemes, *slot;

	/* Each theme's tag in s once it is counted (SIZE_MAX: not yet): a theme's
	   hit is then an addition, not a search of the tags by name. A tag with
	   no hit is never added. */
	slot = xreallocarray(NULL, nt + 1, sizeof *slot);
	for (k = 0; k < nt; k++)
		slot[k] = SIZE_MAX;
	for (i = 0; i < nsel; i++) {
		e = catalog_entry(c, sel[i]);
		counts = catalog_counts(c, sel[i]);
		for (j = 0; j < (e != NULL ? e->ntags : 0) + nt; j++) {
			if (e != NULL && j < e->ntags) {
				if (e->tags[j].origin != SIDECAR_REJECTED)
					stats_tag(s, e->tags[j].name,
					    e->tags[j].origin == SIDECAR_PERSON,
					    e->tags[j].origin != SIDECAR_PERSON);
				continue;
			}
			k = j - (e != NULL ? e->ntags : 0);
			if (counts == NULL ||
			    !tags_auto(&c->config.themes[k], counts[k], e))
				continue;
			if (slot[k] == SIZE_MAX)
				slot[k] = stats_tag(s, c->config.themes[k].name, 0, 1);
			else
				s->tags[slot[k]].autos++;
		}
	}
	free(slot);
}

/* The codes of the articles sel[0..nsel), as the screen's table counts them
   (cooc.h): only those with passages are read. */
static void
cmd_stats_codes(struct catalog *c, const size_t *sel, size_t nsel,
    struct stats *s)
{
	struct cooc	 k;

	cooc_count(c, sel, nsel, 0, NULL, &k);
	cooc_stats(&k, s);
	cooc_free(&k);
}

/* Prints s as text or, with jsonl, as JSON Lines; returns cmd_flush()'s status. */
static int
cmd_stats_print(const struct stats *s, int jsonl)
{
	if (jsonl)
		stats_jsonl(s, stdout);
	else
		stats_text(s, stdout);
	return cmd_flush();
}

/* rubric stats --merge: the sum of the outputs in the files named (standard input
   when none), printed as one. */
static int
cmd_stats_merge(struct cmd_args *args, int jsonl)
{
	struct stats	 s;
	struct diag	 d = { 0 };
	FILE		*f;
	size_t		 i;
	int		 rc = 0, n;

	if (args->config != NULL || args->sidecar != NULL || args->query != NULL) {
		diag_say("--merge reads outputs of stats, not a corpus: no "
		    "--config, --sidecar or -q");
		return 2;
	}
	stats_init(&s);
	for (n = 0; n < (args->argc > 0 ? args->argc : 1) && rc == 0; n++) {
		if (args->argc == 0)
			rc = stats_read(&s, stdin, "(standard input)", &d);
		else if ((f = fopen(args->argv[n], "r")) == NULL) {
			diag_add(&d, DIAG_ERROR, args->argv[n], 0, "%s",
			    strerror(errno));
			rc = -1;
		} else {
			rc = stats_read(&s, f, args->argv[n], &d);
			fclose(f);
		}
	}
	/* Every message points at a file: said with the command's name all the
	   same, as a script that merges many commands' errors wants it. */
	for (i = 0; i < d.n; i++)
		fprintf(stderr, "rubric: stats: %s\n", d.msgs[i].text);
	diag_free(&d);
	if (rc == 0) {
		rc = cmd_stats_print(&s, jsonl);
		/* As stats exits 1 for them, the sum of their figures does. */
		if (rc == 0 && s.undecided > 0)
			rc = 1;
	} else
		rc = 2;
	stats_free(&s);
	return rc;
}

static int
cmd_stats(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und;
	struct query		*q;
	struct stats		 s;
	size_t			*sel, nsel, nund;
	int			 rc, jsonl;

	if ((jsonl = cmd_args_jsonl(args, "text")) == -1)
		return 2;
	if (cmd_args_has(args, 'm'))
		return cmd_stats_merge(args, jsonl);
	if ((rc = cmd_open_pick(&c, args, &q, &sel, &nsel, &und, &nund)) != 0)
		return rc;
	stats_init(&s);
	s.articles = nsel;
	s.corpus = c.corpus.n;
	s.query = q != NULL;
	/* The undecided are counted in neither: the figures say so, and fail. */
	s.undecided = nund;
	s.binary = c.corpus.nbinary;
	s.unreadable = c.corpus.nerrors;
	cmd_stats_themes(&c, sel, nsel, &s);
	cmd_stats_tags(&c, sel, nsel, &s);
	cmd_stats_codes(&c, sel, nsel, &s);
	log_mark("figures made");
	rc = cmd_stats_print(&s, jsonl);
	stats_free(&s);
	if (cmd_undecided(&c, und, nund) != 0)
		rc = 1;
	free(und);
	free(sel);
	query_free(q);
	catalog_free(&c);
	log_mark("done");
	return rc;
}
