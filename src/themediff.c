/* Two scans of one corpus compared theme by theme (themediff.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_safe.h"
#include "tags.h"
#include "themediff.h"
#include "xmalloc.h"

static const struct theme *themediff_find(const struct config *, const char *,
		    size_t *);
static int	themediff_same(const struct theme *, const struct theme *);
static void	themediff_theme(struct themediff *, struct catalog *, const size_t *,
		    size_t, const struct config *, const struct scan *, size_t,
		    const struct config *, const struct scan *, size_t);
static void	themediff_count(FILE *, uint32_t, int);
static void	themediff_add(char *, size_t, size_t *, const char *, ...)
		    __attribute__((format(printf, 4, 5)));

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
	size_t	 i, at;

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

/* A count as shown: "at least" when a limit stopped it. */
static void
themediff_count(FILE *f, uint32_t n, int incomplete)
{
	fprintf(f, "%s%" PRIu32, incomplete && n > 0 ? ">=" : "", n);
}

void
themediff_text(const struct themediff *td, const struct corpus *c,
    const char *oldname, const char *newname, FILE *f)
{
	const struct themediff_theme	*t;
	const struct themediff_article	*a;
	const struct article		*art;
	size_t				 i, j;

	for (i = 0; i < td->n; i++) {
		t = &td->themes[i];
		export_tsv(f, t->name, strlen(t->name));
		if (t->in == THEMEDIFF_BOTH && t->n == 0) {
			fprintf(f, ": %s, %zu article%s with a hit\n", t->same ?
			    "the same" : "changed, no article differs",
			    t->articles_new, t->articles_new == 1 ? "" : "s");
			continue;
		}
		if (t->in != THEMEDIFF_BOTH) {
			fputs(" (only in ", f);
			if (t->in == THEMEDIFF_NEW)
				export_tsv(f, newname, strlen(newname));
			else
				export_tsv(f, oldname, strlen(oldname));
			fputs(")", f);
		}
		fprintf(f, ": articles %zu -> %zu (+%zu -%zu), hits +%" PRIu64 " -%"
		    PRIu64 ", automatic tags +%zu -%zu\n", t->articles_old,
		    t->articles_new, t->gained, t->lost, t->hits_gained,
		    t->hits_lost, t->tags_gained, t->tags_lost);
		for (j = 0; j < t->n; j++) {
			a = &t->v[j];
			art = c->articles[a->article];
			fprintf(f, "\t%c\t", a->old == 0 && a->new > 0 ? '+' :
			    a->old > 0 && a->new == 0 ? '-' : '~');
			export_tsv(f, art->name, strlen(art->name));
			fputc('\t', f);
			themediff_count(f, a->old, a->incomplete);
			fputs(" -> ", f);
			themediff_count(f, a->new, a->incomplete);
			if (a->tag_old != a->tag_new)
				fputs(a->tag_new ? "\t+tag" : "\t-tag", f);
			fputc('\n', f);
		}
	}
}

/* Appends to buf[*len..size), cut short at the end of buf. */
static void
themediff_add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list	 ap;
	int	 r;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	r = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (r > 0)
		*len += (size_t)r < size - *len ? (size_t)r : size - *len - 1;
}

void
themediff_summary(const struct themediff *td, char *buf, size_t size)
{
	const struct themediff_theme	*t;
	size_t				 i, len = 0, named = 0;
	size_t				 tg = 0, tl = 0;
	int				 counted = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < td->n; i++) {
		t = &td->themes[i];
		tg += t->tags_gained;
		tl += t->tags_lost;
		if (t->n == 0 && t->in == THEMEDIFF_BOTH)
			continue;
		themediff_add(buf, size, &len, "%s%s%s", named > 0 ? ", " : "",
		    t->name, t->in == THEMEDIFF_NEW ? " (new)" :
		    t->in == THEMEDIFF_OLD ? " (gone)" : "");
		named++;
		/* A theme added or gone that has no hit either way. */
		if (t->n == 0) {
			themediff_add(buf, size, &len, " no hits");
			continue;
		}
		if (t->gained > 0)
			themediff_add(buf, size, &len, " +%zu", t->gained);
		if (t->lost > 0)
			themediff_add(buf, size, &len, " -%zu", t->lost);
		/* Those that keep a hit, or none, with another count or tag. */
		if (t->n > t->gained + t->lost)
			themediff_add(buf, size, &len, " ~%zu",
			    t->n - t->gained - t->lost);
		/* Said once, after the first numbers, so that the rest stay
		   short. */
		if (!counted++)
			themediff_add(buf, size, &len, " article%s",
			    t->n == 1 ? "" : "s");
	}
	if (named == 0) {
		themediff_add(buf, size, &len, "no article changes");
		return;
	}
	if (tg > 0 && tl > 0)
		themediff_add(buf, size, &len, " (%zu automatic tag%s gained, %zu "
		    "lost)", tg, tg == 1 ? "" : "s", tl);
	else if (tg > 0 || tl > 0)
		themediff_add(buf, size, &len, " (%zu automatic tag%s %s)", tg + tl,
		    tg + tl == 1 ? "" : "s", tg > 0 ? "gained" : "lost");
}
