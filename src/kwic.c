/* Keywords in context: the walk over the corpus, the lines with their context, and the
   counts of spellings and patterns shown above them. Curses-free: ui_kwic.c draws what
   is built here. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwic.h"
#include "status.h"
#include "utf8.h"
#include "xmalloc.h"

static char	*kwic_copy(const char *, size_t);
static char	*kwic_fold(const char *);
static int	 kwic_cmp(const void *, const void *);
static void	 kwic_spell(struct kwic *, const char *);
static void	 kwic_article(struct kwic *, size_t, const struct body *,
		    const struct match_list *, size_t *);
static void	 kwic_summary(struct kwic *, const struct theme *, size_t);

/* A copy of s[0..n) with line ends and tabs made spaces, for one screen row. Caller
   frees. */
static char *
kwic_copy(const char *s, size_t n)
{
	char	*p = xstrndup(s, n);
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t')
			p[i] = ' ';
	return p;
}

/* s lowercased with runs of blanks made one, so that "Deir  ez-Zor" and "deir ez-zor"
   are one spelling. Caller frees. */
static char *
kwic_fold(const char *s)
{
	char	*k = xmalloc(strlen(s) + 1), *o = k;

	for (; *s != '\0'; s++) {
		if (*s == ' ' && (o == k || o[-1] == ' '))
			continue;
		*o++ = (char)tolower((unsigned char)*s);
	}
	*o = '\0';
	return k;
}

/* Most frequent first, then in the order of their keys, so that the list is stable. */
static int
kwic_cmp(const void *a, const void *b)
{
	const struct kwic_spelling	*x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Counts one match whose text is text; past KWIC_SPELLINGS a new one is not kept. */
static void
kwic_spell(struct kwic *k, const char *text)
{
	char	*folded = kwic_fold(text);
	size_t	 i;

	for (i = 0; i < k->nspellings; i++)
		if (strcmp(k->spellings[i].key, folded) == 0)
			break;
	if (i < k->nspellings) {
		k->spellings[i].count++;
		free(folded);
	} else if (k->nspellings < KWIC_SPELLINGS) {
		k->spellings = xreallocarray(k->spellings, k->nspellings + 1,
		    sizeof *k->spellings);
		k->spellings[k->nspellings].text = xstrdup(text);
		k->spellings[k->nspellings].key = folded;
		k->spellings[k->nspellings++].count = 1;
	} else
		free(folded);
}

/* Counts the matches ml of article i, body b, and keeps a line for each while there is
   room; *cap is the lines' allocated length. */
static void
kwic_article(struct kwic *k, size_t i, const struct body *b,
    const struct match_list *ml, size_t *cap)
{
	struct kwic_line	*kl;
	size_t			 j, lo, hi;
	char			*mid;

	k->narticles += ml->n > 0;
	for (j = 0; j < ml->n; j++) {
		const struct match	*m = &ml->v[j];

		k->total++;
		k->perpat[m->pat]++;
		/* The context is cut at a character's start, either side. */
		lo = m->start > KWIC_CONTEXT ? m->start - KWIC_CONTEXT : 0;
		while (lo < m->start && ((unsigned char)b->buf[lo] & 0xc0) == 0x80)
			lo++;
		hi = b->len - m->end > KWIC_CONTEXT ? m->end + KWIC_CONTEXT : b->len;
		hi = m->end + utf8_trim(b->buf + m->end, b->len - m->end, hi - m->end);
		mid = kwic_copy(b->buf + m->start, m->end - m->start);
		kwic_spell(k, mid);
		if (k->n == KWIC_MAX) {
			free(mid);
			continue;
		}
		if (k->n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			k->v = xreallocarray(k->v, *cap, sizeof *k->v);
		}
		kl = &k->v[k->n++];
		kl->article = i;
		kl->start = m->start;
		kl->end = m->end;
		kl->pat = m->pat;
		kl->left = kwic_copy(b->buf + lo, m->start - lo);
		kl->mid = mid;
		kl->right = kwic_copy(b->buf + m->end, hi - m->end);
	}
}

/* The lines above the matches: the totals, each pattern, each spelling. n is the
   corpus's length, for a walk that was stopped. */
static void
kwic_summary(struct kwic *k, const struct theme *th, size_t n)
{
	char	 line[512], stopped[96] = "", a[32], b[32];
	size_t	 i;
	int	 len;

	if (k->stopped)
		snprintf(stopped, sizeof stopped, " (stopped at %zu of %zu articles)",
		    k->done, n);
	k->info = xreallocarray(NULL, k->nspellings + 2, sizeof *k->info);
	/* Counts with separators (status.h), as the screen shows them everywhere. */
	k->info[k->ninfo++] = xasprintf("%s%s%s: %s match%s in %s article%s%s%s",
	    th->name, th->description != NULL ? " — " : "",
	    th->description != NULL ? th->description : "",
	    status_count(a, sizeof a, k->total), k->total == 1 ? "" : "es",
	    status_count(b, sizeof b, k->narticles), k->narticles == 1 ? "" : "s",
	    k->total > k->n ? " (the first 100,000 listed)" : "", stopped);
	len = snprintf(line, sizeof line, "patterns:");
	for (i = 0; i < th->npats && len > 0 && (size_t)len < sizeof line; i++)
		len += snprintf(line + len, sizeof line - (size_t)len, "  %s %s%s",
		    th->pats[i].key, status_count(a, sizeof a, k->perpat[i]),
		    th->pats[i].re == NULL ?
		    " (left out)" : k->perpat[i] == 0 ? " (dead)" : "");
	k->info[k->ninfo++] = xstrdup(line);
	if (k->nspellings > 0)
		qsort(k->spellings, k->nspellings, sizeof *k->spellings, kwic_cmp);
	for (i = 0; i < k->nspellings; i++)
		k->info[k->ninfo++] = xasprintf("%6s  %s", status_count(a, sizeof a,
		    k->spellings[i].count), k->spellings[i].text);
}

void
kwic_build(struct kwic *k, const struct corpus *c, const struct scan *s,
    struct matcher *m, const struct theme *th, size_t ti,
    const struct progress *p)
{
	const scan_count		*counts;
	struct match_list	 ml;
	struct body		 b;
	size_t			 i, cap = 0;

	memset(k, 0, sizeof *k);
	k->theme = ti;
	k->perpat = xcalloc(th->npats + 1, sizeof *k->perpat);
	memset(&ml, 0, sizeof ml);
	for (i = 0; i < c->n; i++) {
		if (progress_report(p, i, c->n)) {
			k->stopped = 1;
			break;
		}
		/* The scan's counts spare reading what has no match. */
		counts = s != NULL ? scan_counts(s, i) : NULL;
		if (counts != NULL && counts[ti] == 0)
			continue;
		if (c->articles[i]->error != NULL ||
		    article_read(c->articles[i], &b) == -1) {
			k->nunread++;
			continue;
		}
		match_list_clear(&ml);
		matcher_theme(m, th, ti, b.buf, b.len, b.start, b.len, &ml);
		kwic_article(k, i, &b, &ml, &cap);
		article_body_free(&b);
	}
	k->done = i;
	match_list_free(&ml);
	kwic_summary(k, th, c->n);
}

void
kwic_free(struct kwic *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++) {
		free(k->v[i].left);
		free(k->v[i].mid);
		free(k->v[i].right);
	}
	free(k->v);
	for (i = 0; i < k->nspellings; i++) {
		free(k->spellings[i].text);
		free(k->spellings[i].key);
	}
	free(k->spellings);
	for (i = 0; i < k->ninfo; i++)
		free(k->info[i]);
	free(k->info);
	free(k->perpat);
	memset(k, 0, sizeof *k);
}
