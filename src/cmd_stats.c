/* rubric stats: the corpus at a glance. Hits per theme and articles per tag as text bar
   charts, and a table of how many articles carry two themes at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "glyph.h"
#include "tags.h"
#include "xmalloc.h"

#define CMD_STATS_BAR	30

static void	cmd_stats_bar(size_t, size_t);
static void	cmd_stats_name(const char *, int);
static void	cmd_stats_themes(struct catalog *, const size_t *, size_t);
static void	cmd_stats_tags(struct catalog *, const size_t *, size_t);
static void	cmd_stats_pairs(struct catalog *, const size_t *, size_t);
static int	cmd_stats(struct cmd_args *);

const struct cmd_entry cmd_stats_entry = {
	"stats", NULL,
	"Hits per theme and articles per tag, as bar charts",
	"stats [--config FILE] [--sidecar FILE] [-q QUERY] [PATH...]",
	NULL, CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, NULL, 0, -1, cmd_stats
};

/* A bar of n out of max, rounded up so that any n > 0 shows. */
static void
cmd_stats_bar(size_t n, size_t max)
{
	size_t	 bar = max > 0 ? (n * CMD_STATS_BAR + max - 1) / max : 0;

	while (bar-- > 0)
		putchar('#');
}

/* A name from the configuration or the sidecar, quoted; with width, cut to that many
   columns and padded to them. */
static void
cmd_stats_name(const char *name, int width)
{
	struct glyph	 g;
	char		*q = glyph_quote(name, strlen(name));
	size_t		 pos, len = strlen(q);
	int		 col = 0;

	for (pos = 0; pos < len; pos += g.len) {
		glyph_next(q + pos, len - pos, col, 1, &g);
		if (width > 0 && col + g.cols > width)
			break;
		fwrite(g.text, 1, g.textlen, stdout);
		col += g.cols;
	}
	while (col++ < width)
		putchar(' ');
	free(q);
}

static void
cmd_stats_themes(struct catalog *c, const size_t *sel, size_t nsel)
{
	const uint32_t	*counts;
	size_t		 nt = c->config.nthemes, i, t, max = 0, *arts, *hits, *inc;

	arts = xcalloc(nt + 1, sizeof *arts);
	hits = xcalloc(nt + 1, sizeof *hits);
	inc = xcalloc(nt + 1, sizeof *inc);
	for (i = 0; i < nsel; i++) {
		if ((counts = catalog_counts(c, sel[i])) == NULL)
			continue;
		for (t = 0; t < nt; t++) {
			arts[t] += counts[t] > 0;
			hits[t] += counts[t];
			inc[t] += (size_t)scan_incomplete(c->scan, sel[i], t);
		}
	}
	for (t = 0; t < nt; t++)
		if (arts[t] > max)
			max = arts[t];
	printf("%-20s %8s %8s  %s\n", "theme", "articles", "hits", "articles with hits");
	for (t = 0; t < nt; t++) {
		cmd_stats_name(c->config.themes[t].name, 20);
		printf(" %8zu %8zu  ", arts[t], hits[t]);
		cmd_stats_bar(arts[t], max);
		if (inc[t] > 0)
			printf(" (incomplete in %zu)", inc[t]);
		putchar('\n');
	}
	free(arts);
	free(hits);
	free(inc);
}

struct cmd_stats_tag {
	const char	*name;
	size_t		 n[2];		/* by a person, by a theme */
};

static int
cmd_stats_tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cmd_stats_tag *)a)->name,
	    ((const struct cmd_stats_tag *)b)->name);
}

static void
cmd_stats_tags(struct catalog *c, const size_t *sel, size_t nsel)
{
	struct cmd_stats_tag	*v = NULL;
	const struct sidecar_entry *e;
	const uint32_t		*counts;
	const char		*name;
	size_t			 n = 0, i, j, k, max = 0, nt = c->config.nthemes;
	int			 who;

	for (i = 0; i < nsel; i++) {
		e = catalog_entry(c, sel[i]);
		counts = catalog_counts(c, sel[i]);
		for (j = 0; j < (e != NULL ? e->ntags : 0) + nt; j++) {
			if (e != NULL && j < e->ntags) {
				if (e->tags[j].origin == SIDECAR_REJECTED)
					continue;
				name = e->tags[j].name;
				who = e->tags[j].origin == SIDECAR_PERSON ? 0 : 1;
			} else {
				k = j - (e != NULL ? e->ntags : 0);
				if (counts == NULL ||
				    !tags_auto(&c->config.themes[k], counts[k], e))
					continue;
				name = c->config.themes[k].name;
				who = 1;
			}
			for (k = 0; k < n && strcmp(v[k].name, name) != 0; k++)
				;
			if (k == n) {
				v = xreallocarray(v, n + 1, sizeof *v);
				memset(&v[n], 0, sizeof v[n]);
				v[n++].name = name;
			}
			v[k].n[who]++;
		}
	}
	if (n > 0)
		qsort(v, n, sizeof *v, cmd_stats_tag_cmp);
	for (k = 0; k < n; k++)
		if (v[k].n[0] + v[k].n[1] > max)
			max = v[k].n[0] + v[k].n[1];
	printf("\n%-20s %8s %8s  %s\n", "tag", "manual", "auto", "articles");
	for (k = 0; k < n; k++) {
		cmd_stats_name(v[k].name, 0);
		printf("%*s %8zu %8zu  ", 20 - glyph_strwidth(v[k].name,
		    strlen(v[k].name), 1) > 0 ? 20 - glyph_strwidth(v[k].name,
		    strlen(v[k].name), 1) : 0, "", v[k].n[0], v[k].n[1]);
		cmd_stats_bar(v[k].n[0] + v[k].n[1], max);
		putchar('\n');
	}
	if (n == 0)
		printf("(no tags)\n");
	free(v);
}

/* The themes by number down the side and across the top; a cell is how many articles
   have hits of both, the diagonal how many have hits of one. */
static void
cmd_stats_pairs(struct catalog *c, const size_t *sel, size_t nsel)
{
	const uint32_t	*counts;
	size_t		 nt = c->config.nthemes, i, a, b, *both;

	if (nt < 2)
		return;
	both = xcalloc(nt * nt, sizeof *both);
	for (i = 0; i < nsel; i++) {
		if ((counts = catalog_counts(c, sel[i])) == NULL)
			continue;
		for (a = 0; a < nt; a++)
			for (b = 0; b < nt && counts[a] > 0; b++)
				both[a * nt + b] += counts[b] > 0;
	}
	printf("\narticles with both themes\n%-24s", "");
	for (b = 0; b < nt; b++)
		printf(" %5zu", b + 1);
	putchar('\n');
	for (a = 0; a < nt; a++) {
		printf("%2zu ", a + 1);
		cmd_stats_name(c->config.themes[a].name, 20);
		putchar(' ');
		for (b = 0; b < nt; b++)
			printf(" %5zu", both[a * nt + b]);
		putchar('\n');
	}
	free(both);
}

static int
cmd_stats(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und;
	struct query		*q;
	size_t			*sel, nsel, nund;
	int			 rc;

	if ((rc = cmd_open(&c, args->config, args->sidecar, args->query, args->argv,
	    args->argc, &q)) != 0)
		return rc;
	catalog_scan(&c);
	sel = xcalloc(c.corpus.n + 1, sizeof *sel);
	und = xcalloc(c.corpus.n + 1, sizeof *und);
	nsel = catalog_select(&c, q, sel, und, &nund);
	printf("%zu articles", nsel);
	if (q != NULL)
		printf(" of %zu", c.corpus.n);
	/* The undecided are counted in neither: the figures say so, and fail. */
	if (nund > 0)
		printf(" (%zu the query could not decide)", nund);
	printf(", %zu binary skipped, %zu unreadable\n\n", c.corpus.nbinary,
	    c.corpus.nerrors);
	cmd_stats_themes(&c, sel, nsel);
	cmd_stats_tags(&c, sel, nsel);
	cmd_stats_pairs(&c, sel, nsel);
	rc = cmd_flush();
	if (cmd_undecided(&c, und, nund) != 0)
		rc = 1;
	free(und);
	free(sel);
	query_free(q);
	catalog_free(&c);
	return rc;
}
