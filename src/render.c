/* Styles for display rows: site chrome and the header block apply to whole lines, markers
   to single glyphs. Later layers (theme matches, search hits) add spans by byte offset. */
#include <string.h>

#include "render.h"

int
render_is_chrome(const struct render *r, size_t off)
{
	const struct text	*t = r->text;
	const char		*nl;
	size_t			 s, e, lo;

	if (r->chrome == NULL || off < r->header_end)
		return 0;
	/* Only short lines can be chrome, so neither end of the line is looked for
	   further than CHROME_MAXLINE bytes away: rows of a 1 MB line stay cheap. */
	lo = off > CHROME_MAXLINE + 1 ? off - CHROME_MAXLINE - 1 : 0;
	for (s = off; s > lo && t->buf[s - 1] != '\n'; s--)
		;
	if (s > 0 && t->buf[s - 1] != '\n')
		return 0;
	e = t->len - s > CHROME_MAXLINE + 2 ? CHROME_MAXLINE + 2 : t->len - s;
	nl = memchr(t->buf + s, '\n', e);
	if (nl == NULL && s + e < t->len)
		return 0;
	e = nl == NULL ? t->len : (size_t)(nl - t->buf);
	if (e > s && t->buf[e - 1] == '\r')
		e--;
	return chrome_match(r->chrome, t->buf + s, e - s);
}

void
render_begin(const struct render *r, const struct row *row, struct render_iter *it)
{
	const char	*colon;
	size_t		 line;

	memset(it, 0, sizeof *it);
	it->r = r;
	it->pos = row->off;
	it->end = row->off + row->len;
	if (row->off < r->header_end) {
		it->base = STYLE_HEADER;
		line = layout_line_start(r->text, row->off);
		colon = memchr(r->text->buf + line, ':', r->header_end - line);
		if (colon != NULL)
			it->keyend = (size_t)(colon - r->text->buf) + 1;
	} else if (render_is_chrome(r, row->off))
		it->base = STYLE_CHROME;
	it->mi = render_find(r->matches, r->nmatches, row->off);
	it->hi = render_find(r->hits, r->nhits, row->off);
	it->pi = render_find(r->passages, r->npassages, row->off);
}

size_t
render_find(const struct match *v, size_t n, size_t off)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
render_next(struct render_iter *it, struct glyph *g, int *col, int *style)
{
	const struct text	*t = it->r->text;

	if (it->pos >= it->end)
		return 0;
	glyph_next(t->buf + it->pos, it->end - it->pos, it->col, t->tabw, g);
	*col = it->col;
	*style = it->base;
	if (it->pos < it->keyend)
		*style = STYLE_HKEY;
	while (it->mi < it->r->nmatches && it->r->matches[it->mi].end <= it->pos)
		it->mi++;
	if (it->mi < it->r->nmatches && it->r->matches[it->mi].start <= it->pos)
		*style |= STYLE_THEME | (int)it->r->matches[it->mi].theme << 8;
	while (it->hi < it->r->nhits && it->r->hits[it->hi].end <= it->pos)
		it->hi++;
	if (it->hi < it->r->nhits && it->r->hits[it->hi].start <= it->pos)
		*style |= STYLE_SEARCH;
	while (it->pi < it->r->npassages && it->r->passages[it->pi].end <= it->pos)
		it->pi++;
	if (it->pi < it->r->npassages && it->r->passages[it->pi].start <= it->pos)
		*style |= STYLE_PASSAGE;
	if (g->kind == GLYPH_MARKER)
		*style |= STYLE_MARKER;
	it->pos += g->len;
	it->col += g->cols;
	return 1;
}
