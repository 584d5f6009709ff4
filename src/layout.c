/* Soft-wraps text into display rows at a width, on word boundaries. Every row is computed
   from its start offset alone (tabs count from the row's first column), which is what lets
   the pager scroll a 10 MB article, or a 1 MB line, from byte offsets. */
#define _GNU_SOURCE	/* memrchr */
#include <string.h>

#include "glyph.h"
#include "layout.h"

static int	layout_is_space(const struct glyph *);
static void	layout_finish(const struct text *, struct row *);
static void	layout_box(struct layout_box *, int, int, int, int);

static int
layout_is_space(const struct glyph *g)
{
	return g->kind == GLYPH_TAB || (g->kind == GLYPH_CHAR && g->ncp == 1 &&
	    (g->cp[0] == ' ' || g->cp[0] == 0xa0 || g->cp[0] == 0x3000));
}

void
layout_row(const struct text *t, size_t off, int width, struct row *r)
{
	struct glyph	 g;
	size_t		 pos = off, brk = 0;
	int		 col = 0, brkcol = 0, prevwide = 0, space, wide;

	r->off = off;
	r->flags = (off == 0 || t->buf[off - 1] == '\n') ? ROW_BOL : 0;
	if (width < 1)
		width = 1;
	while (pos < t->len) {
		glyph_next(t->buf + pos, t->len - pos, col, t->tabw, &g);
		if (g.kind == GLYPH_EOL) {
			r->len = pos - off;
			r->cols = col;
			r->next = pos + g.len;
			r->flags |= ROW_EOL;
			return;
		}
		space = layout_is_space(&g);
		wide = g.kind == GLYPH_CHAR && g.cols == 2;
		/* Before a wide character, and after one, the row may break: CJK text
		   has no spaces. */
		if (pos > off && (wide || prevwide) && !space) {
			brk = pos;
			brkcol = col;
		}
		if (col + g.cols > width) {
			if (space && pos > off) {
				/* The spaces at a wrap are eaten, not carried over. */
				r->len = pos - off;
				r->cols = col;
				while (pos < t->len) {
					glyph_next(t->buf + pos, t->len - pos, col,
					    t->tabw, &g);
					if (!layout_is_space(&g))
						break;
					pos += g.len;
				}
				r->next = pos;
			} else if (brk > off) {
				r->len = brk - off;
				r->cols = brkcol;
				r->next = brk;
			} else if (pos > off) {
				r->len = pos - off;
				r->cols = col;
				r->next = pos;
			} else {
				/* One glyph wider than the row: it goes alone, clipped. */
				r->len = g.len;
				r->cols = width;
				r->next = pos + g.len;
			}
			layout_finish(t, r);
			return;
		}
		col += g.cols;
		pos += g.len;
		prevwide = wide;
		if (space) {
			brk = pos;
			brkcol = col;
		}
	}
	r->len = pos - off;
	r->cols = col;
	r->next = pos;
	r->flags |= ROW_EOL;
}

/* A wrap that lands on a line end takes the line end with it, so that no empty row
   follows a line that exactly fills the width. */
static void
layout_finish(const struct text *t, struct row *r)
{
	struct glyph	 g;

	if (r->next >= t->len) {
		r->flags |= ROW_EOL;
		return;
	}
	glyph_next(t->buf + r->next, t->len - r->next, 0, t->tabw, &g);
	if (g.kind == GLYPH_EOL) {
		r->next += g.len;
		r->flags |= ROW_EOL;
	}
}

size_t
layout_line_start(const struct text *t, size_t off)
{
	const char	*p;

	if (off > t->len)
		off = t->len;
	if (off == 0)
		return 0;
	p = memrchr(t->buf, '\n', off);
	return p == NULL ? 0 : (size_t)(p - t->buf) + 1;
}

size_t
layout_row_start(const struct text *t, size_t off, int width)
{
	struct row	 r;
	size_t		 start;

	start = layout_line_start(t, off);
	for (;;) {
		layout_row(t, start, width, &r);
		if (off < r.next || r.next >= t->len || (r.flags & ROW_EOL))
			return start;
		start = r.next;
	}
}

int
layout_cols(const char *s, size_t len, int max)
{
	struct glyph	 g;
	size_t		 pos = 0;
	int		 col = 0;

	while (pos < len && col < max) {
		glyph_next(s + pos, len - pos, col, 8, &g);
		if (g.kind == GLYPH_EOL)
			break;
		col += g.cols;
		pos += g.len;
	}
	return col < max ? col : max;
}

static void
layout_box(struct layout_box *b, int x, int y, int w, int h)
{
	b->x = x;
	b->y = y;
	b->w = w > 0 && h > 0 ? w : 0;
	b->h = w > 0 && h > 0 ? h : 0;
}

void
layout_panes(int cols, int lines, int hide_sidebar, int listneed,
    struct layout_panes *p)
{
	int	 x0 = 0, avail, listw, listh;

	memset(p, 0, sizeof *p);
	if (!hide_sidebar && cols >= LAYOUT_SIDEBAR_MIN_COLS &&
	    lines >= LAYOUT_SIDEBAR_MIN_LINES) {
		x0 = cols >= LAYOUT_SIDEBAR_WIDE_AT ? LAYOUT_SIDEBAR_WIDE :
		    LAYOUT_SIDEBAR_COLS;
		layout_box(&p->sidebar, 0, 0, x0, lines);
	}
	avail = cols - x0;
	listw = listneed < LAYOUT_LIST_CAP ? listneed : LAYOUT_LIST_CAP;
	/* Side by side only when neither pane is starved: a list cut at a third of
	   its titles reads worse than the stacked one, whose rows span the width. */
	if (cols >= LAYOUT_WIDE_COLS && listw > 0 && avail - listw >= LAYOUT_BODY_MIN) {
		p->wide = 1;
		layout_box(&p->list, x0, 0, listw, lines);
		layout_box(&p->body, x0 + listw, 0, avail - listw, lines);
		return;
	}
	/* A third of the rows, and one for the columns' header line. */
	listh = lines / 3;
	if (listh < 4)
		listh = 4;
	listh++;
	layout_box(&p->list, x0, 0, avail, listh);
	layout_box(&p->body, x0, listh, avail, lines - listh);
}
