/* Co-occurrence of codes and themes (cooc.h): every article with passages read once,
   its passages placed in it (passage_article.c), the meetings counted into a table of
   cells, and the cursor the screen moves over that table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "cooc.h"
#include "passage_article.h"
#include "scan.h"
#include "xmalloc.h"

/* What counting one article needs beside the table: the finder of hits, the list
   of them, and scratch marks of the article's codes. */
struct cooc_work {
	struct scan_finder	*finder;
	struct match_list	 ml;
	unsigned char		*has;		/* [code]: the article carries it */
	size_t			*list;		/* those codes, in the order met */
};

static int	cooc_name_cmp(const void *, const void *);
static void	cooc_codes(struct catalog *, const size_t *, size_t, struct cooc *);
static size_t	cooc_index(const struct cooc *, const char *);
static struct cooc_cell *cooc_at(struct cooc *, size_t, size_t);
static void	cooc_ref(struct cooc *, struct cooc_cell *, size_t,
		    const struct sidecar_passage *);
static void	cooc_article(struct catalog *, size_t, struct cooc_work *,
		    struct cooc *);

static int
cooc_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The codes of the passages of sel's articles into k->codes, sorted, each once:
   from the sidecar alone, before any file is read. */
static void
cooc_codes(struct catalog *c, const size_t *sel, size_t nsel, struct cooc *k)
{
	const struct sidecar_entry	*e;
	const struct sidecar_passage	*p;
	size_t				 i, j, t, n = 0;

	for (i = 0; i < nsel; i++) {
		if ((e = catalog_entry(c, sel[i])) == NULL)
			continue;
		for (j = 0; j < e->npassages; j++) {
			p = &e->passages[j];
			for (t = 0; t < p->ntags; t++) {
				if (p->tags[t].origin == SIDECAR_REJECTED)
					continue;
				k->codes = xreallocarray(k->codes, n + 1,
				    sizeof *k->codes);
				k->codes[n++] = p->tags[t].name;
			}
		}
	}
	if (n > 0)
		qsort(k->codes, n, sizeof *k->codes, cooc_name_cmp);
	/* Each once, then owned: the entries are borrowed only while counting. */
	for (i = 0, j = 0; i < n; i++)
		if (j == 0 || strcmp(k->codes[j - 1], k->codes[i]) != 0)
			k->codes[j++] = k->codes[i];
	for (i = 0; i < j; i++)
		k->codes[i] = xstrdup(k->codes[i]);
	k->ncodes = j;
}

/* The row of the code called name; every code counted is in the table. */
static size_t
cooc_index(const struct cooc *k, const char *name)
{
	char	**at;

	at = bsearch(&name, k->codes, k->ncodes, sizeof *k->codes, cooc_name_cmp);
	return at != NULL ? (size_t)(at - k->codes) : SIZE_MAX;
}

static struct cooc_cell *
cooc_at(struct cooc *k, size_t r, size_t col)
{
	return &k->cells[r * k->ncols + col];
}

/* Adds passage p of article a to the cell's passages, once: a cell's passages of
   one article are added together, so only those are looked through. */
static void
cooc_ref(struct cooc *k, struct cooc_cell *cell, size_t a,
    const struct sidecar_passage *p)
{
	size_t	 i;

	if (!k->refs)
		return;
	for (i = cell->nrefs; i > 0 && cell->refs[i - 1].article == a; i--)
		if (strcmp(cell->refs[i - 1].id, p->id) == 0)
			return;
	cell->refs = xreallocarray(cell->refs, cell->nrefs + 1, sizeof *cell->refs);
	cell->refs[cell->nrefs].article = a;
	memcpy(cell->refs[cell->nrefs].id, p->id, sizeof cell->refs->id);
	cell->nrefs++;
}

/* The codes of article i's passages, how they meet one another and the themes: its
   file read once, its passages placed in it, and the hits of each theme it has found
   again. An orphan's codes count for its article; it meets no passage and holds no
   hit, as its place is unknown. */
static void
cooc_article(struct catalog *c, size_t i, struct cooc_work *w, struct cooc *k)
{
	const struct sidecar_entry	*e = catalog_entry(c, i);
	const scan_count		*counts = catalog_counts(c, i);
	const struct sidecar_passage	*p, *q;
	struct passage_spot		*sp;
	struct cooc_cell		*cell, *twin;
	struct body			 b;
	size_t				 n, ncodes = 0, j, m, x, y, t, h, r, s;
	int				 read;

	read = article_read(c->corpus.articles[i], &b) == 0;
	n = passage_article_place(e, read ? b.buf : NULL, read ? b.len : 0, &sp);
	/* The diagonal: each code's passages, and its articles once. */
	for (j = 0; j < n; j++)
		for (m = 0; m < sp[j].p->ntags; m++) {
			if (sp[j].p->tags[m].origin == SIDECAR_REJECTED ||
			    (r = cooc_index(k, sp[j].p->tags[m].name)) == SIZE_MAX)
				continue;
			cell = cooc_at(k, r, r);
			cell->passages++;
			cooc_ref(k, cell, i, sp[j].p);
			if (!w->has[r]) {
				w->has[r] = 1;
				w->list[ncodes++] = r;
				cell->articles++;
			}
		}
	for (x = 0; x < ncodes; x++)
		for (y = x + 1; y < ncodes; y++) {
			cooc_at(k, w->list[x], w->list[y])->articles++;
			cooc_at(k, w->list[y], w->list[x])->articles++;
		}
	/* Pairs of passages that share a byte, a passage with itself too: each code
	   of one with each other code of the other. */
	for (j = 0; j < n; j++)
		for (m = j; m < n; m++) {
			if (sp[j].state == PASSAGE_ORPHAN ||
			    sp[m].state == PASSAGE_ORPHAN ||
			    sp[j].start >= sp[m].end || sp[m].start >= sp[j].end)
				continue;
			p = sp[j].p;
			q = sp[m].p;
			for (x = 0; x < p->ntags; x++)
				for (y = j == m ? x + 1 : 0; y < q->ntags; y++) {
					if (p->tags[x].origin == SIDECAR_REJECTED ||
					    q->tags[y].origin == SIDECAR_REJECTED ||
					    strcmp(p->tags[x].name,
					    q->tags[y].name) == 0)
						continue;
					r = cooc_index(k, p->tags[x].name);
					s = cooc_index(k, q->tags[y].name);
					if (r == SIZE_MAX || s == SIZE_MAX)
						continue;
					cell = cooc_at(k, r, s);
					twin = cooc_at(k, s, r);
					cell->passages++;
					twin->passages++;
					cooc_ref(k, cell, i, p);
					cooc_ref(k, cell, i, q);
					cooc_ref(k, twin, i, p);
					cooc_ref(k, twin, i, q);
				}
		}
	/* Themes by codes: the article's, and its passages that hold a hit. */
	if (read && ncodes > 0 && counts != NULL)
		scan_finder_text(w->finder, b.buf, b.len);
	for (t = 0; counts != NULL && t < k->nthemes; t++) {
		if (counts[t] == 0 || ncodes == 0)
			continue;
		for (x = 0; x < ncodes; x++)
			cooc_at(k, w->list[x], k->ncodes + t)->articles++;
		if (!read)
			continue;
		scan_find(w->finder, t, b.buf, b.len, b.start, &w->ml);
		for (j = 0; j < n; j++) {
			if (sp[j].state == PASSAGE_ORPHAN)
				continue;
			for (h = 0; h < w->ml.n; h++)
				if (w->ml.v[h].start >= sp[j].start &&
				    w->ml.v[h].end <= sp[j].end)
					break;
			if (h == w->ml.n)
				continue;
			for (m = 0; m < sp[j].p->ntags; m++) {
				if (sp[j].p->tags[m].origin == SIDECAR_REJECTED ||
				    (r = cooc_index(k, sp[j].p->tags[m].name)) ==
				    SIZE_MAX)
					continue;
				cell = cooc_at(k, r, k->ncodes + t);
				cell->passages++;
				cooc_ref(k, cell, i, sp[j].p);
			}
		}
	}
	for (x = 0; x < ncodes; x++)
		w->has[w->list[x]] = 0;
	free(sp);
	if (read)
		article_body_free(&b);
}

int
cooc_count(struct catalog *c, const size_t *sel, size_t nsel, int refs,
    const struct progress *p, struct cooc *k)
{
	const struct sidecar_entry	*e;
	struct cooc_work		 w;
	size_t				 i;

	memset(k, 0, sizeof *k);
	memset(&w, 0, sizeof w);
	k->refs = refs;
	k->nsel = nsel;
	cooc_codes(c, sel, nsel, k);
	k->nthemes = c->config.nthemes;
	k->themes = xreallocarray(NULL, k->nthemes + 1, sizeof *k->themes);
	for (i = 0; i < k->nthemes; i++)
		k->themes[i] = xstrdup(c->config.themes[i].name);
	k->ncols = k->ncodes + k->nthemes;
	k->cells = xcalloc(k->ncodes * k->ncols + 1, sizeof *k->cells);
	if (k->ncodes == 0)
		return 0;
	w.has = xcalloc(k->ncodes, 1);
	w.list = xreallocarray(NULL, k->ncodes, sizeof *w.list);
	for (i = 0; i < nsel; i++) {
		if ((e = catalog_entry(c, sel[i])) == NULL || e->npassages == 0)
			continue;
		if (progress_report(p, i, nsel)) {
			k->stopped = 1;
			break;
		}
		if (w.finder == NULL)
			w.finder = scan_finder_new(c->scan);
		cooc_article(c, sel[i], &w, k);
	}
	if (w.finder != NULL)
		scan_finder_free(w.finder);
	match_list_free(&w.ml);
	free(w.has);
	free(w.list);
	return k->stopped ? -1 : 0;
}

void
cooc_free(struct cooc *k)
{
	size_t	 i;

	for (i = 0; i < k->ncodes * k->ncols; i++)
		free(k->cells[i].refs);
	for (i = 0; i < k->ncodes; i++)
		free(k->codes[i]);
	for (i = 0; i < k->nthemes; i++)
		free(k->themes[i]);
	free(k->cells);
	free(k->codes);
	free(k->themes);
	memset(k, 0, sizeof *k);
}

const struct cooc_cell *
cooc_cell(const struct cooc *k, size_t r, size_t col)
{
	if (r >= k->ncodes || col >= k->ncols)
		return NULL;
	return &k->cells[r * k->ncols + col];
}

const char *
cooc_column(const struct cooc *k, size_t col)
{
	if (col < k->ncodes)
		return k->codes[col];
	return col < k->ncols ? k->themes[col - k->ncodes] : "";
}

int
cooc_is_theme(const struct cooc *k, size_t col)
{
	return col >= k->ncodes && col < k->ncols;
}

void
cooc_stats(const struct cooc *k, struct stats *s)
{
	const struct cooc_cell	*cell;
	size_t			 r, col;

	for (r = 0; r < k->ncodes; r++)
		for (col = 0; col < k->ncols; col++) {
			cell = cooc_cell(k, r, col);
			if (cell->articles == 0 && cell->passages == 0)
				continue;
			if (col == r)
				stats_code(s, k->codes[r], cell->articles,
				    cell->passages);
			else if (col >= k->ncodes)
				stats_theme_code(s, k->themes[col - k->ncodes],
				    k->codes[r], cell->articles, cell->passages);
			/* Two codes once, from the row of the first. */
			else if (r < col)
				stats_codes(s, k->codes[r], k->codes[col],
				    cell->articles, cell->passages);
		}
}

void
cooc_move(struct cooc *k, long dr, long dc)
{
	long	 r = (long)k->row + dr, col = (long)k->col + dc;

	if (k->ncodes == 0)
		return;
	r = r < 0 ? 0 : r >= (long)k->ncodes ? (long)k->ncodes - 1 : r;
	col = col < 0 ? 0 : col >= (long)k->ncols ? (long)k->ncols - 1 : col;
	k->row = (size_t)r;
	k->col = (size_t)col;
}

void
cooc_edge(struct cooc *k, int last)
{
	k->row = last && k->ncodes > 0 ? k->ncodes - 1 : 0;
}

void
cooc_show(struct cooc *k, size_t rows, size_t cols)
{
	if (rows == 0)
		rows = 1;
	if (cols == 0)
		cols = 1;
	if (k->row < k->top)
		k->top = k->row;
	else if (k->row >= k->top + rows)
		k->top = k->row - rows + 1;
	if (k->col < k->left)
		k->left = k->col;
	else if (k->col >= k->left + cols)
		k->left = k->col - cols + 1;
}
