/* Layout: the one place text becomes display rows. A row is a byte range of the text and
   the columns it takes, so a byte offset (a PCRE2 match, a search hit) maps to a row and a
   column. Rows are computed on demand from any row start; nothing holds a whole article. */
#ifndef RUBRIC_LAYOUT_H
#define RUBRIC_LAYOUT_H

#include <stddef.h>

/* Text to lay out; the bytes are borrowed and must outlive every row made from them. */
struct text {
	const char	*buf;
	size_t		 len;
	int		 tabw;
};

#define ROW_BOL	0x1	/* the row starts a line of the text */
#define ROW_EOL	0x2	/* the row ends a line of the text (or the text) */

struct row {
	size_t	off;	/* first byte */
	size_t	len;	/* bytes to draw, from off */
	size_t	next;	/* where the next row starts: past spaces eaten by the wrap and
			   past the line end; equals the text length after the last row */
	int	cols;	/* columns the drawn bytes take, at most the width */
	int	flags;
};

/* Lays out the row of at most width columns (width >= 1) that starts at off, which must
   be a row start: 0, a line start, or a previous row's next. Soft wrap happens after a
   run of spaces, or beside a wide character; a word longer than the width is cut. */
void	layout_row(const struct text *, size_t off, int width, struct row *);
/* The start of the line holding byte off. */
size_t	layout_line_start(const struct text *, size_t off);
/* The start of the row that holds byte off, when laid out at width. */
size_t	layout_row_start(const struct text *, size_t off, int width);
/* Columns s[0..len) takes on one line, counting no further than max. */
int	layout_cols(const char *s, size_t len, int max);

/* The panes of the main screen on a terminal of width by height (the status line not
   counted): a sidebar of its own width at the left when there is room and it is not
   hidden; then the list and the body side by side when the list can have the columns
   it needs (listneed, capped at LAYOUT_LIST_CAP) with a body of LAYOUT_BODY_MIN
   beside it, else stacked, the list on top. A pane of width 0 is not shown. */
#define LAYOUT_SIDEBAR_COLS	21	/* its separator included */
/* From LAYOUT_SIDEBAR_WIDE_AT columns on, a wider sidebar: theme names beside their
   two count columns are cut at 8 columns in the narrow one, at 12 in this. */
#define LAYOUT_SIDEBAR_WIDE	25
#define LAYOUT_SIDEBAR_WIDE_AT	100
#define LAYOUT_SIDEBAR_MIN_COLS	60
#define LAYOUT_SIDEBAR_MIN_LINES	15
#define LAYOUT_WIDE_COLS	120
#define LAYOUT_BODY_MIN		50
#define LAYOUT_LIST_CAP		100

struct layout_box {
	int	x, y, w, h;
};

struct layout_panes {
	struct layout_box	sidebar;
	struct layout_box	list;
	struct layout_box	body;
	int			wide;	/* list and body side by side */
};

void	layout_panes(int width, int height, int hide_sidebar, int listneed,
	    struct layout_panes *);

#endif
