/* A pager: the scroll position of one text in a viewport of width x height rows. The
   position is a byte offset (the first visible row's start), so it survives resizes and
   costs nothing to keep for a 10 MB article. */
#ifndef RUBRIC_PAGER_H
#define RUBRIC_PAGER_H

#include <stddef.h>

#include "layout.h"

struct pager {
	struct text	 text;		/* borrowed: the caller keeps the bytes alive */
	size_t		 start;		/* first byte shown (past a byte order mark) */
	int		 width;
	int		 height;
	size_t		 top;		/* start of the first visible row */

	/* Row starts of one long line, so that scrolling up inside a 1 MB line does not
	   lay the line out again from its start on every key. */
	size_t		 cache_line;
	int		 cache_width;
	size_t		*cache_rows;
	size_t		 cache_n;
	size_t		 cache_cap;
	int		 cache_valid;

	size_t		 maxtop;	/* the top that shows the last row at the bottom */
	int		 maxtop_valid;
};

void	pager_init(struct pager *);
void	pager_free(struct pager *);
/* Shows new text from its start; buf is borrowed. */
void	pager_set_text(struct pager *, const char *buf, size_t len, size_t start,
	    int tabw);
/* Changes the viewport; the row holding the old top stays the first visible row. */
void	pager_resize(struct pager *, int width, int height);
/* Moves n rows down (n > 0) or up (n < 0); returns the rows actually moved. */
long	pager_scroll(struct pager *, long n);
void	pager_home(struct pager *);
void	pager_end(struct pager *);
/* Makes the row holding byte off visible, scrolling as little as needed. */
void	pager_show(struct pager *, size_t off);
/* Makes the row holding byte off the row-th visible row (0 the first), as near as the
   start and the end of the text allow. */
void	pager_place(struct pager *, size_t off, int row);
/* Fills rows[0..max) with the visible rows; returns how many there are. */
int	pager_rows(struct pager *, struct row *rows, int max);
/* Whether the last row is visible. */
int	pager_at_end(struct pager *);
/* The start of the row before the row starting at off, or off when there is none. */
size_t	pager_prev_row(struct pager *, size_t off);

#endif
