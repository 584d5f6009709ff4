/* Two scans of one corpus compared theme by theme (themediff.h). */
#include <stdlib.h>
#include <string.h>

#include "tags.h"
#include "themediff.h"
#include "xmalloc.h"

static const struct theme *themediff_find(const struct config *, const char *,
		    size_t *);
static int	themediff_same(const struct theme *, const struct theme *);
static void	themediff_theme(struct themediff *, struct catalog *, const size_t *,
		    size_t, const struct config *, const struct scan *, size_t,
		    const struct config *, const struct scan *, size_t);

/* Theme name of cfg, and its index in *at; NULL when cfg has none of that name. */
static const struct theme *
themediff_find(const struct config *cfg, const char *name, size_t *at)
{
	size_t	 i;

	for (i = 0; i < cfg->nthemes; i++)
		if (strcmp(cfg->themes[i].name, name) == 0) {
			*at = i;
			return &cfg->themes[i];
		}
	return NULL;
}

/* Whether two themes find the same hits and make the same tag: the same patterns
   under the same keys, case, words, fold and autotag (colour and description
   aside). */
static int
themediff_same(const struct theme *a, const struct theme *b)
{
	size_t	 i, j;

	if (a->icase != b->icase || a->words != b->words || a->fold != b->fold ||
	    a->autotag != b->autotag || a->npats != b->npats)
		return 0;
	for (i = 0; i < a->npats; i++) {
		for (j = 0; j < b->npats; j++)
			if (strcmp(a->pats[i].key, b->pats[j].key) == 0)
				break;
		if (j == b->npats ||
		    strcmp(a->pats[i].source, b->pats[j].source) != 0 ||
		    (a->pats[i].re == NULL) != (b->pats[j].re == NULL))
			return 0;
	}
	return 1;
}

/* One theme: index ot of oldc (SIZE_MAX: none there) against nt of newc (SIZE_MAX:
   none there). */
static void
themediff_theme(struct themediff *td, struct catalog *c, const size_t *sel,
    size_t nsel, const struct config *oldc, const struct scan *olds, size_t ot,
    const struct config *newc, const struct scan *news, size_t nt)
{
	struct themediff_theme	*t = &td->themes[td->n++];
	struct themediff_article a;
	const struct sidecar_entry *e;
	const scan_count	*oc, *nc;
	size_t			 k, i, cap = 0;

	memset(t, 0, sizeof *t);
	t->name = ot != SIZE_MAX ? oldc->themes[ot].name : newc->themes[nt].name;
	t->in = ot == SIZE_MAX ? THEMEDIFF_NEW : nt == SIZE_MAX ? THEMEDIFF_OLD :
	    THEMEDIFF_BOTH;
	t->same = t->in == THEMEDIFF_BOTH &&
	    themediff_same(&oldc->themes[ot], &newc->themes[nt]);
	for (k = 0; k < nsel; k++) {
		i = sel != NULL ? sel[k] : k;
		oc = ot != SIZE_MAX ? scan_counts(olds, i) : NULL;
		nc = nt != SIZE_MAX ? scan_counts(news, i) : NULL;
		/* Counted on both sides that have the theme, or left out. */
		if ((ot != SIZE_MAX && oc == NULL) || (nt != SIZE_MAX && nc == NULL))
			continue;
		e = catalog_entry(c, i);
		memset(&a, 0, sizeof a);
		a.article = i;
		if (oc != NULL) {
			a.old = oc[ot];
			a.tag_old = tags_auto(&oldc->themes[ot], a.old, e);
			a.incomplete |= scan_incomplete(olds, i, ot);
		}
		if (nc != NULL) {
			a.new = nc[nt];
			a.tag_new = tags_auto(&newc->themes[nt], a.new, e);
			a.incomplete |= scan_incomplete(news, i, nt);
		}
		t->articles_old += a.old > 0;
		t->articles_new += a.new > 0;
		if (a.old == a.new && a.tag_old == a.tag_new)
			continue;
		t->gained += a.old == 0 && a.new > 0;
		t->lost += a.old > 0 && a.new == 0;
		if (a.new > a.old)
			t->hits_gained += a.new - a.old;
		else
			t->hits_lost += a.old - a.new;
		t->tags_gained += !a.tag_old && a.tag_new;
		t->tags_lost += a.tag_old && !a.tag_new;
		if (t->n == cap) {
			cap = cap > 0 ? cap * 2 : 16;
			t->v = xreallocarray(t->v, cap, sizeof *t->v);
		}
		t->v[t->n++] = a;
	}
}

void
themediff_make(struct themediff *td, struct catalog *c, const size_t *sel,
    size_t nsel, const struct config *oldc, const struct scan *olds,
    const struct config *newc, const struct scan *news)
{
	size_t	 i, k, at;

	memset(td, 0, sizeof *td);
	if (sel == NULL)
		nsel = c->corpus.n;
	td->themes = xcalloc(oldc->nthemes + newc->nthemes + 1, sizeof *td->themes);
	for (i = 0; i < newc->nthemes; i++)
		themediff_theme(td, c, sel, nsel, oldc, olds,
		    themediff_find(oldc, newc->themes[i].name, &at) != NULL ? at :
		    SIZE_MAX, newc, news, i);
	for (i = 0; i < oldc->nthemes; i++)
		if (themediff_find(newc, oldc->themes[i].name, &at) == NULL)
			themediff_theme(td, c, sel, nsel, oldc, olds, i, newc, news,
			    SIZE_MAX);
	/* What a scan left uncounted (stopped, or an article it could not take) is
	   said, not taken for no hits. */
	for (k = 0; k < nsel; k++) {
		i = sel != NULL ? sel[k] : k;
		if ((oldc->nthemes > 0 && scan_counts(olds, i) == NULL) ||
		    (newc->nthemes > 0 && scan_counts(news, i) == NULL))
			td->uncounted++;
		else
			td->compared++;
	}
}

int
themediff_changed(const struct themediff *td)
{
	size_t	 i;

	for (i = 0; i < td->n; i++)
		if (td->themes[i].n > 0 || td->themes[i].in != THEMEDIFF_BOTH)
			return 1;
	return 0;
}

void
themediff_free(struct themediff *td)
{
	size_t	 i;

	for (i = 0; i < td->n; i++)
		free(td->themes[i].v);
	free(td->themes);
	memset(td, 0, sizeof *td);
}
