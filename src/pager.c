/* Scrolling by display rows over text laid out on demand. Moving down lays out one row;
   moving up lays out the line above (cached when the line is long); nothing lays out
   more than the rows it needs, which keeps every key cheap on a 10 MB article. */
#include <stdlib.h>
#include <string.h>

#include "pager.h"
#include "xmalloc.h"

static void	pager_line_rows(struct pager *, size_t);
static size_t	pager_row_start(struct pager *, size_t);
static size_t	pager_maxtop(struct pager *);

void
pager_init(struct pager *p)
{
	memset(p, 0, sizeof *p);
	p->width = 80;
	p->height = 24;
	p->text.tabw = 8;
}

void
pager_free(struct pager *p)
{
	free(p->cache_rows);
	p->cache_rows = NULL;
	p->cache_cap = p->cache_n = 0;
	p->cache_valid = 0;
}

void
pager_set_text(struct pager *p, const char *buf, size_t len, size_t start, int tabw)
{
	p->text.buf = buf;
	p->text.len = len;
	p->text.tabw = tabw;
	p->start = start > len ? len : start;
	p->top = p->start;
	p->cache_valid = 0;
	p->maxtop_valid = 0;
}

void
pager_resize(struct pager *p, int width, int height)
{
	if (width < 1)
		width = 1;
	if (height < 1)
		height = 1;
	if (width != p->width) {
		p->width = width;
		p->cache_valid = 0;
		p->top = pager_row_start(p, p->top);
	}
	p->height = height;
	p->maxtop_valid = 0;
}

/* Fills the cache with the row starts of the line that starts at line. */
static void
pager_line_rows(struct pager *p, size_t line)
{
	struct row	 r;
	size_t		 off = line;

	if (p->cache_valid && p->cache_line == line && p->cache_width == p->width)
		return;
	p->cache_n = 0;
	do {
		if (p->cache_n == p->cache_cap) {
			p->cache_cap = p->cache_cap ? p->cache_cap * 2 : 64;
			p->cache_rows = xreallocarray(p->cache_rows, p->cache_cap,
			    sizeof *p->cache_rows);
		}
		p->cache_rows[p->cache_n++] = off;
		layout_row(&p->text, off, p->width, &r);
		off = r.next;
	} while (!(r.flags & ROW_EOL) && off < p->text.len);
	p->cache_line = line;
	p->cache_width = p->width;
	p->cache_valid = 1;
}

size_t
pager_prev_row(struct pager *p, size_t off)
{
	size_t	 line, lo, hi, mid;

	if (off <= p->start)
		return off;
	line = layout_line_start(&p->text, off);
	if (line == off)
		line = layout_line_start(&p->text, off - 1);
	if (line < p->start)
		line = p->start;
	pager_line_rows(p, line);
	/* The last cached row start below off. */
	lo = 0;
	hi = p->cache_n;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (p->cache_rows[mid] < off)
			lo = mid;
		else
			hi = mid;
	}
	return p->cache_rows[lo];
}

/* The start of the row holding off. The first line is laid out from start, not from
   byte 0, so that a byte order mark is never a row of its own. */
static size_t
pager_row_start(struct pager *p, size_t off)
{
	struct row	 r;
	size_t		 row;

	if (off <= p->start)
		return p->start;
	row = layout_line_start(&p->text, off);
	if (row < p->start)
		row = p->start;
	for (;;) {
		layout_row(&p->text, row, p->width, &r);
		if (off < r.next || r.next >= p->text.len || (r.flags & ROW_EOL))
			return row;
		row = r.next;
	}
}

static size_t
pager_maxtop(struct pager *p)
{
	size_t	 top, prev;
	int	 i;

	if (p->maxtop_valid)
		return p->maxtop;
	top = p->text.len;
	for (i = 0; i < p->height; i++) {
		prev = pager_prev_row(p, top);
		if (prev == top)
			break;
		top = prev;
	}
	if (top < p->start)
		top = p->start;
	p->maxtop = top;
	p->maxtop_valid = 1;
	return top;
}

long
pager_scroll(struct pager *p, long n)
{
	struct row	 r;
	size_t		 max, prev;
	long		 moved = 0;

	if (n > 0) {
		max = pager_maxtop(p);
		while (moved < n && p->top < max) {
			layout_row(&p->text, p->top, p->width, &r);
			p->top = r.next;
			moved++;
		}
		return moved;
	}
	while (moved > n) {
		prev = pager_prev_row(p, p->top);
		if (prev == p->top)
			break;
		p->top = prev;
		moved--;
	}
	return moved;
}

void
pager_home(struct pager *p)
{
	p->top = p->start;
}

void
pager_end(struct pager *p)
{
	p->top = pager_maxtop(p);
}

void
pager_show(struct pager *p, size_t off)
{
	size_t	 row, top;
	int	 i;

	if (off < p->start)
		off = p->start;
	row = pager_row_start(p, off);
	if (row < p->top) {
		p->top = row;
		return;
	}
	/* Visible already if it is within height rows of the top. */
	top = p->top;
	for (i = 0; i < p->height; i++) {
		struct row	 r;

		if (top == row)
			return;
		if (top >= p->text.len)
			break;
		layout_row(&p->text, top, p->width, &r);
		top = r.next;
	}
	p->top = row;
	for (i = 1; i < p->height; i++) {
		size_t	 prev = pager_prev_row(p, p->top);

		if (prev == p->top)
			break;
		p->top = prev;
	}
}

void
pager_place(struct pager *p, size_t off, int row)
{
	size_t	 max;

	if (off < p->start)
		off = p->start;
	p->top = pager_row_start(p, off);
	pager_scroll(p, -(long)row);
	max = pager_maxtop(p);
	if (p->top > max)
		p->top = max;
}

int
pager_rows(struct pager *p, struct row *rows, int max)
{
	size_t	 off = p->top;
	int	 n = 0;

	while (n < max && off < p->text.len) {
		layout_row(&p->text, off, p->width, &rows[n]);
		off = rows[n].next;
		n++;
	}
	return n;
}

int
pager_at_end(struct pager *p)
{
	return p->top >= pager_maxtop(p);
}
