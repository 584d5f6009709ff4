/* One article gathered for an export: its tags told apart, its counts (counted here if
   the scan has not), its date, and for the formats that show them its text and
   matches; and where a snippet around a match begins and ends. Every format writes
   from a struct export_item. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "export.h"
#include "export_int.h"
#include "passage_article.h"
#include "tags.h"
#include "xmalloc.h"

static void	export_tag(struct export_item *, int, const char *);

/* Where a snippet starts: n characters before off, not before lo. */
size_t
export_back(const char *buf, size_t lo, size_t off, size_t n)
{
	while (off > lo && n-- > 0) {
		off--;
		while (off > lo && ((unsigned char)buf[off] & 0xc0) == 0x80)
			off--;
	}
	return off;
}

/* Where a snippet ends: n characters after off, not after hi. */
size_t
export_forward(const char *buf, size_t hi, size_t off, size_t n)
{
	while (off < hi && n-- > 0) {
		off++;
		while (off < hi && ((unsigned char)buf[off] & 0xc0) == 0x80)
			off++;
	}
	return off;
}

/* How many of an article's n snippets x writes: the first ones, up to what was asked
   for or the format's default. */
size_t
export_snippets(const struct export *x, size_t n)
{
	size_t	 most = x->snippets;

	if (most == 0)
		most = x->format == EXPORT_MD ? EXPORT_MD_SNIPPETS : EXPORT_SNIPPETS;
	return n < most ? n : most;
}

void
export_item_free(struct export_item *it)
{
	size_t	 k;

	for (k = 0; k < 3; k++)
		free(it->tags[k]);
	if (it->has_body)
		article_body_free(&it->body);
	free(it->spots);
	match_list_free(&it->ml);
	memset(it, 0, sizeof *it);
}

static void
export_tag(struct export_item *it, int origin, const char *name)
{
	it->tags[origin] = xreallocarray(it->tags[origin], it->ntags[origin] + 1,
	    sizeof *it->tags[origin]);
	it->tags[origin][it->ntags[origin]++] = name;
}

/* Gathers article i: its tags, counts and date, and for the formats that need it the
   body and its matches. */
void
export_gather(const struct export *x, struct scan_finder *finder,
    struct match_list *tmp, size_t i, struct export_item *it)
{
	const char	*rel;
	size_t		 k, t;
	int		 snippets = x->format != EXPORT_CSV && x->format != EXPORT_TXT;
	int		 counted = 0;

	memset(it, 0, sizeof *it);
	it->a = x->corpus->articles[i];
	it->index = i;
	rel = catalog_rel_of(x->rel, x->corpus, i);
	it->e = rel != NULL ? sidecar_entry((struct sidecar *)x->side, rel, 0) : NULL;
	if ((it->counts = scan_counts(x->scan, i)) == NULL && x->config->nthemes > 0) {
		/* Not counted yet (nothing cached): counted here, from the one read of
		   its text, and the matches kept for the snippets. */
		if (it->a->error == NULL && article_read(it->a, &it->body) == 0)
			it->has_body = 1;
		it->counts = scan_article(x->scan, finder, i, it->has_body ? &it->body :
		    NULL, snippets ? &it->ml : NULL);
		counted = 1;
	}
	for (k = 0; it->e != NULL && k < it->e->ntags; k++)
		export_tag(it, (int)it->e->tags[k].origin, it->e->tags[k].name);
	for (t = 0; it->counts != NULL && t < x->config->nthemes; t++)
		if (tags_auto(&x->config->themes[t], it->counts[t], it->e))
			export_tag(it, SIDECAR_THEME, x->config->themes[t].name);
	if (article_text(it->a, ARTICLE_DATE) == NULL ||
	    article_date(article_text(it->a, ARTICLE_DATE), it->date) == -1)
		it->date[0] = '\0';
	/* Passages where they are in the file now: read for them if no hit asked
	   for the text. */
	if (it->e != NULL && it->e->npassages > 0) {
		if (!it->has_body && it->a->error == NULL &&
		    article_read(it->a, &it->body) == 0)
			it->has_body = 1;
		it->nspots = passage_article_place(it->e, it->has_body ?
		    it->body.buf : NULL, it->body.len, &it->spots);
	}
	if (x->format == EXPORT_CSV || it->a->error != NULL)
		return;
	/* JSON Lines without the text need it only for snippets: not at all for an
	   article without hits. */
	for (t = 0; x->format == EXPORT_JSONL && !x->body && it->counts != NULL &&
	    t < x->config->nthemes && it->counts[t] == 0; t++)
		;
	if (x->format == EXPORT_JSONL && !x->body && (it->counts == NULL ||
	    t == x->config->nthemes))
		return;
	if (!it->has_body) {
		if (article_read(it->a, &it->body) == -1)
			return;
		it->has_body = 1;
	}
	if (!snippets || it->counts == NULL)
		return;
	/* Counted before (the cache): the matches are found again, and only for
	   the themes with hits. */
	if (!counted) {
		scan_finder_text(finder, it->body.buf, it->body.len);
		for (t = 0; t < x->config->nthemes; t++) {
			if (it->counts[t] == 0)
				continue;
			scan_find(finder, t, it->body.buf, it->body.len, it->body.start,
			    tmp);
			for (k = 0; k < tmp->n; k++)
				match_list_add(&it->ml, &tmp->v[k]);
		}
	}
	match_list_resolve(&it->ml);
}
