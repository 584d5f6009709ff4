/* Rendering: the glyphs of a display row with the style of each, as every output (the
   screen, the headless dump, `rubric show`) draws them. Outputs map styles to their own
   attributes; none of them looks at article bytes directly. */
#ifndef RUBRIC_RENDER_H
#define RUBRIC_RENDER_H

#include <stddef.h>

#include "chrome.h"
#include "glyph.h"
#include "layout.h"
#include "theme.h"

#define STYLE_MARKER	0x01	/* a control or invalid byte shown as a marker */
#define STYLE_CHROME	0x02	/* a line of site chrome, shown dimmed */
#define STYLE_HEADER	0x04	/* the value of a header field */
#define STYLE_HKEY	0x08	/* the key of a header field, with its colon */
#define STYLE_THEME	0x10	/* a theme match: the theme's index is STYLE_THEME_OF() */
#define STYLE_SEARCH	0x20	/* a hit of the current search */
#define STYLE_PASSAGE	0x40	/* inside a coded passage */
#define STYLE_THEME_OF(s)	((s) >> 8)

/* What a body's rows are drawn from; everything is borrowed. */
struct render {
	const struct text	*text;
	size_t			 header_end;	/* rows before this are header fields */
	const struct chrome	*chrome;	/* NULL: no chrome detection */
	const struct match	*matches;	/* resolved: sorted, disjoint */
	size_t			 nmatches;
	const struct match	*hits;		/* search hits: sorted, disjoint */
	size_t			 nhits;
	const struct match	*passages;	/* coded passages' spans: sorted,
						   disjoint (overlaps joined) */
	size_t			 npassages;
};

struct render_iter {
	const struct render	*r;
	size_t			 pos;
	size_t			 end;
	int			 col;
	int			 base;		/* style of the whole row */
	size_t			 keyend;	/* header key bytes end here */
	size_t			 mi;		/* the first match that may cover pos */
	size_t			 hi;		/* the same for search hits */
	size_t			 pi;		/* and for passages */
};

/* Starts on row; then render_next() gives its glyphs left to right. */
void	render_begin(const struct render *, const struct row *, struct render_iter *);
/* The next glyph, its column in the row and its style; 0 at the end of the row. */
int	render_next(struct render_iter *, struct glyph *, int *col, int *style);
/* The index of the first of the sorted, disjoint spans v[0..n) that ends after off. */
size_t	render_find(const struct match *v, size_t n, size_t off);
/* Whether the line holding byte off is site chrome. */
int	render_is_chrome(const struct render *, size_t off);

#endif
