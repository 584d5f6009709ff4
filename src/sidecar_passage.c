/* Passages of a sidecar entry, in memory: their ids, their order, their codes and
   note. How they are written and read is the sidecar_text*.c files'; how one is found
   in an article's text is passage.c's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sidecar.h"
#include "xmalloc.h"

static int	sidecar_passage_cmp(const void *, const void *);
static void	sidecar_passage_room(struct sidecar_entry *);
static int	sidecar_passage_cmp_tag(const void *, const void *);

void
sidecar_passage_id(const char *quote, const char *before, const char *after, char *id)
{
	const char	*part[3] = { quote, before, after };
	uint64_t	 h = 0xcbf29ce484222325ULL;	/* FNV-1a, 64 bits */
	size_t		 i;
	const unsigned char *p;

	/* Not a secret and not against collisions made on purpose: an id only tells
	   one article's passages apart, and two of them with one id are two spans of
	   the same quote and context, the same passage to a reader. Each text ends in
	   its NUL, so that moving a byte from one to the next changes the id. */
	for (i = 0; i < 3; i++) {
		for (p = (const unsigned char *)(part[i] != NULL ? part[i] : ""); ;
		    p++) {
			h ^= *p;
			h *= 0x100000001b3ULL;
			if (*p == '\0')
				break;
		}
	}
	snprintf(id, SIDECAR_PASSAGE_IDLEN + 1, "%08x",
	    (unsigned)((h >> 32) ^ (h & 0xffffffffU)));
}

static int
sidecar_passage_cmp(const void *a, const void *b)
{
	const struct sidecar_passage	*x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
sidecar_passage_cmp_tag(const void *a, const void *b)
{
	const struct sidecar_tag	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

struct sidecar_passage *
sidecar_passage_find(struct sidecar_entry *e, const char *id)
{
	size_t	 i;

	/* An article has a handful of passages: a scan, where a search by id would
	   need a second order kept. */
	for (i = 0; i < e->npassages; i++)
		if (strcmp(e->passages[i].id, id) == 0)
			return &e->passages[i];
	return NULL;
}

void
sidecar_passage_copy(struct sidecar_passage *out, const struct sidecar_passage *p)
{
	size_t	 i;

	memset(out, 0, sizeof *out);
	memcpy(out->id, p->id, sizeof out->id);
	out->quote = xstrdup(p->quote != NULL ? p->quote : "");
	out->before = xstrdup(p->before != NULL ? p->before : "");
	out->after = xstrdup(p->after != NULL ? p->after : "");
	out->start = p->start;
	out->end = p->end;
	out->note = p->note != NULL ? xstrdup(p->note) : NULL;
	if (p->ntags > 0) {
		out->tags = xreallocarray(NULL, p->ntags, sizeof *out->tags);
		for (i = 0; i < p->ntags; i++) {
			out->tags[i].name = xstrdup(p->tags[i].name);
			out->tags[i].origin = p->tags[i].origin;
		}
		out->ntags = p->ntags;
	}
}

void
sidecar_passage_free(struct sidecar_passage *p)
{
	size_t	 i;

	for (i = 0; i < p->ntags; i++)
		free(p->tags[i].name);
	free(p->tags);
	free(p->quote);
	free(p->before);
	free(p->after);
	free(p->note);
	memset(p, 0, sizeof *p);
}

/* Room for one more passage. An entry keeps no capacity: its passages are allocated
   in powers of two, so that a section of 100,000 read one by one is not copied at
   every one (glibc's realloc hides that with mremap; other allocators do not). */
static void
sidecar_passage_room(struct sidecar_entry *e)
{
	size_t	 n = e->npassages;

	if (n >= 4 && (n & (n - 1)) != 0)
		return;
	e->passages = xreallocarray(e->passages, n < 4 ? 4 : n * 2,
	    sizeof *e->passages);
}

struct sidecar_passage *
sidecar_passage_add(struct sidecar_entry *e, const struct sidecar_passage *p)
{
	struct sidecar_passage	*q, n;

	if ((q = sidecar_passage_find(e, p->id)) != NULL)
		return q;
	sidecar_passage_copy(&n, p);
	sidecar_passage_note_set(&n, NULL);
	while (n.ntags > 0)
		sidecar_passage_tag_set(&n, n.tags[0].name, -1);
	sidecar_passage_room(e);
	e->passages[e->npassages++] = n;
	qsort(e->passages, e->npassages, sizeof *e->passages, sidecar_passage_cmp);
	return sidecar_passage_find(e, n.id);
}

void
sidecar_passage_append(struct sidecar_entry *e, struct sidecar_passage *p)
{
	sidecar_passage_room(e);
	e->passages[e->npassages++] = *p;
	memset(p, 0, sizeof *p);
}

void
sidecar_passage_sort(struct sidecar_entry *e)
{
	if (e->npassages > 1)
		qsort(e->passages, e->npassages, sizeof *e->passages,
		    sidecar_passage_cmp);
}

const struct sidecar_passage *
sidecar_passage_clash(struct sidecar_entry *e, const struct sidecar_passage *p)
{
	const struct sidecar_passage	*q;

	if (e == NULL || (q = sidecar_passage_find(e, p->id)) == NULL)
		return NULL;
	if (strcmp(q->quote, p->quote) == 0 && strcmp(q->before, p->before) == 0 &&
	    strcmp(q->after, p->after) == 0)
		return NULL;
	return q;
}

void
sidecar_passage_remove(struct sidecar_entry *e, const char *id)
{
	struct sidecar_passage	*p;

	if ((p = sidecar_passage_find(e, id)) == NULL)
		return;
	sidecar_passage_free(p);
	memmove(p, p + 1, (size_t)(e->passages + e->npassages - p - 1) * sizeof *p);
	if (--e->npassages == 0) {
		free(e->passages);
		e->passages = NULL;
	}
}

void
sidecar_passage_tag_set(struct sidecar_passage *p, const char *name, int origin)
{
	struct sidecar_tag	 key, *t;

	key.name = (char *)name;
	t = p->ntags > 0 ? bsearch(&key, p->tags, p->ntags, sizeof *p->tags,
	    sidecar_passage_cmp_tag) : NULL;
	if (origin < 0) {
		if (t == NULL)
			return;
		free(t->name);
		memmove(t, t + 1, (size_t)(p->tags + p->ntags - t - 1) * sizeof *t);
		p->ntags--;
		return;
	}
	if (t != NULL) {
		t->origin = (enum sidecar_origin)origin;
		return;
	}
	p->tags = xreallocarray(p->tags, p->ntags + 1, sizeof *p->tags);
	p->tags[p->ntags].name = xstrdup(name);
	p->tags[p->ntags].origin = (enum sidecar_origin)origin;
	p->ntags++;
	qsort(p->tags, p->ntags, sizeof *p->tags, sidecar_passage_cmp_tag);
}

void
sidecar_passage_note_set(struct sidecar_passage *p, const char *note)
{
	free(p->note);
	p->note = note != NULL && *note != '\0' ? xstrdup(note) : NULL;
}

void
sidecar_passage_at(struct sidecar_entry *e, const char *id, size_t start, size_t end)
{
	struct sidecar_passage	*p;

	if ((p = sidecar_passage_find(e, id)) == NULL || start > end)
		return;
	p->start = start;
	p->end = end;
	qsort(e->passages, e->npassages, sizeof *e->passages, sidecar_passage_cmp);
}

void
sidecar_passage_prune(struct sidecar_entry *e)
{
	size_t	 i = 0;

	while (i < e->npassages) {
		if (e->passages[i].ntags == 0 && e->passages[i].note == NULL)
			sidecar_passage_remove(e, e->passages[i].id);
		else
			i++;
	}
}
