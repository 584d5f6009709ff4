/* Finding a passage in an article's text (passage.h). */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "passage.h"
#include "xmalloc.h"

static int	passage_cont(unsigned char);
static size_t	passage_before_like(const char *, size_t, const char *);
static size_t	passage_after_like(const char *, size_t, size_t, const char *);
static int	passage_cmp_spot(const void *, const void *);
static void	passage_best(const struct sidecar_passage *, size_t, const char *,
		    size_t, size_t, size_t, size_t *, size_t *);

/* Bytes each side of a passage's old start looked at before the whole text. */
#define PASSAGE_NEAR	4096

/* A UTF-8 continuation byte: a span or a context never starts on one. */
static int
passage_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

int
passage_make(const char *text, size_t len, size_t start, size_t end,
    struct sidecar_passage *p)
{
	size_t	 b, a;

	if (start >= end || end > len)
		return -1;
	while (start > 0 && passage_cont((unsigned char)text[start]))
		start--;
	while (end < len && passage_cont((unsigned char)text[end]))
		end++;
	if (end - start > PASSAGE_MAXQUOTE)
		return -1;
	b = start > PASSAGE_CONTEXT ? start - PASSAGE_CONTEXT : 0;
	while (b < start && passage_cont((unsigned char)text[b]))
		b++;
	a = len - end > PASSAGE_CONTEXT ? end + PASSAGE_CONTEXT : len;
	while (a > end && a < len && passage_cont((unsigned char)text[a]))
		a--;
	memset(p, 0, sizeof *p);
	p->quote = xstrndup(text + start, end - start);
	p->before = xstrndup(text + b, start - b);
	p->after = xstrndup(text + end, a - end);
	p->start = start;
	p->end = end;
	sidecar_passage_id(p->quote, p->before, p->after, p->id);
	return 0;
}

long long
passage_search(const char *text, size_t len, const char *quote, size_t from)
{
	size_t		 qlen = strlen(quote);
	const char	*hit;

	if (qlen == 0 || from > len || len - from < qlen)
		return -1;
	hit = memmem(text + from, len - from, quote, qlen);
	return hit != NULL ? (long long)(hit - text) : -1;
}

/* How many bytes of the text ending at at are the end of before. */
static size_t
passage_before_like(const char *text, size_t at, const char *before)
{
	size_t	 n = strlen(before), k = 0;

	while (k < n && k < at && text[at - 1 - k] == before[n - 1 - k])
		k++;
	return k;
}

/* How many bytes of the text from at are the start of after. */
static size_t
passage_after_like(const char *text, size_t len, size_t at, const char *after)
{
	size_t	 k = 0;

	while (after[k] != '\0' && at + k < len && text[at + k] == after[k])
		k++;
	return k;
}

/* The best place of p's quote (qlen bytes) starting in [lo, hi) of text, into *best
   (SIZE_MAX: none yet) and how much context agrees there into *bestlike: more
   context first, then nearer p's old start, then earlier. */
static void
passage_best(const struct sidecar_passage *p, size_t qlen, const char *text,
    size_t len, size_t lo, size_t hi, size_t *best, size_t *bestlike)
{
	long long	 at;
	size_t		 like, dist, bestdist;
	size_t		 from = lo;

	bestdist = *best == SIZE_MAX ? SIZE_MAX : *best > p->start ?
	    *best - p->start : p->start - *best;
	while ((at = passage_search(text, len, p->quote, from)) != -1 &&
	    (size_t)at < hi) {
		like = passage_before_like(text, (size_t)at, p->before) +
		    passage_after_like(text, len, (size_t)at + qlen, p->after);
		dist = (size_t)at > p->start ? (size_t)at - p->start :
		    p->start - (size_t)at;
		if (*best == SIZE_MAX || like > *bestlike ||
		    (like == *bestlike && (dist < bestdist ||
		    (dist == bestdist && (size_t)at < *best)))) {
			*best = (size_t)at;
			*bestlike = like;
			bestdist = dist;
		}
		from = (size_t)at + 1;
	}
}

enum passage_state
passage_find(const struct sidecar_passage *p, const char *text, size_t len,
    size_t *start, size_t *end)
{
	size_t		 qlen = p->quote != NULL ? strlen(p->quote) : 0;
	size_t		 best = SIZE_MAX, bestlike = 0, full, lo;

	*start = p->start;
	*end = p->end;
	if (qlen == 0)
		return PASSAGE_ORPHAN;
	/* The quote where it was, in the same context as far as the text holds it:
	   the common case of an article that did not change, in one compare. */
	if (p->start <= len && len - p->start >= qlen &&
	    memcmp(text + p->start, p->quote, qlen) == 0 &&
	    passage_before_like(text, p->start, p->before) == strlen(p->before) &&
	    passage_after_like(text, len, p->start + qlen, p->after) ==
	    strlen(p->after)) {
		*end = p->start + qlen;
		return PASSAGE_HERE;
	}
	/* Otherwise the places of the quote, scored by how much of its context
	   agrees; nearest the old start among equals. Those near the old start
	   first: an edit elsewhere moves a passage by little, and one found there
	   with all its context can be beaten by no place farther away. Only when
	   none is, every place in the text: a quote of a common word may be there
	   thousands of times, each two short compares. */
	full = strlen(p->before) + strlen(p->after);
	lo = p->start > PASSAGE_NEAR ? p->start - PASSAGE_NEAR : 0;
	passage_best(p, qlen, text, len, lo, p->start + PASSAGE_NEAR, &best,
	    &bestlike);
	if (best == SIZE_MAX || bestlike < full)
		passage_best(p, qlen, text, len, 0, len, &best, &bestlike);
	if (best == SIZE_MAX)
		return PASSAGE_ORPHAN;
	*start = best;
	*end = best + qlen;
	return best == p->start ? PASSAGE_HERE : PASSAGE_MOVED;
}

static int
passage_cmp_spot(const void *a, const void *b)
{
	const struct passage_spot	*x = a, *y = b;
	int				 ox = x->state == PASSAGE_ORPHAN;
	int				 oy = y->state == PASSAGE_ORPHAN;

	if (ox != oy)
		return ox - oy;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->p->id, y->p->id);
}

size_t
passage_spots(const struct sidecar_entry *e, const char *text, size_t len,
    struct passage_spot **out)
{
	struct passage_spot	*v;
	size_t			 i;

	*out = NULL;
	if (e == NULL || e->npassages == 0)
		return 0;
	v = xreallocarray(NULL, e->npassages, sizeof *v);
	for (i = 0; i < e->npassages; i++) {
		v[i].p = &e->passages[i];
		v[i].state = passage_find(&e->passages[i], text, len, &v[i].start,
		    &v[i].end);
	}
	qsort(v, e->npassages, sizeof *v, passage_cmp_spot);
	*out = v;
	return e->npassages;
}

const char *
passage_state_name(enum passage_state s)
{
	switch (s) {
	case PASSAGE_HERE:
		return "here";
	case PASSAGE_MOVED:
		return "moved";
	default:
		return "orphan";
	}
}
