/* Glyphs: the units text is drawn in. This module alone decides what a byte sequence looks
   like on the screen and how many columns it takes; layout, the screen, the headless dump
   and `rubric show` all go through it, so none of them can disagree or let a control out. */
#ifndef RUBRIC_GLYPH_H
#define RUBRIC_GLYPH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define GLYPH_MAXCP	5	/* a base and up to four combining marks (ncurses CCHARW_MAX) */
#define GLYPH_TEXTMAX	24	/* longest text: "<U+10FFFF>" or a tab of 16 spaces */
#define GLYPH_TABMAX	16

enum glyph_kind {
	GLYPH_CHAR,	/* a printable character and the marks that combine with it */
	GLYPH_TAB,	/* a tab, drawn as spaces to the next tab stop */
	GLYPH_MARKER,	/* a control, format character or invalid byte, drawn as ASCII */
	GLYPH_EOL	/* "\n" or "\r\n": ends a line, draws nothing */
};

struct glyph {
	enum glyph_kind	 kind;
	size_t		 len;			/* bytes of input it stands for */
	int		 cols;			/* columns it takes, 0 only for GLYPH_EOL */
	uint32_t	 cp[GLYPH_MAXCP];	/* GLYPH_CHAR: base then combining marks */
	int		 ncp;
	char		 text[GLYPH_TEXTMAX];	/* what to draw, NUL-terminated: UTF-8 of
						   cp[] for a character, ASCII otherwise */
	size_t		 textlen;
};

/* Reads the glyph at s[0..n), n > 0, that starts at column col of its row (tab stops
   depend on it). tabw is clamped to 1..GLYPH_TABMAX. */
void	glyph_next(const char *s, size_t n, int col, int tabw, struct glyph *g);
/* Columns of a printable code point: 1 or 2, 0 for one that combines with the previous
   character, -1 for one that must be shown as a marker. */
int	glyph_width(uint32_t cp);
/* Whether cp is a bidirectional or other invisible format character (U+202E...): one
   that could hide or reorder text, so it is never shown or written as itself. */
int	glyph_is_format(uint32_t cp);
/* Columns the bytes s[0..n) take on one row, laid out from column 0. */
int	glyph_strwidth(const char *s, size_t n, int tabw);
/* s[0..n) quoted for a message: as the screen shows it, with tabs and line ends as
   markers too (^I, ^M, ^J), so that the result holds no control byte and stays on one
   line. Caller frees. */
char	*glyph_quote(const char *s, size_t n);
/* The same written to f, with no memory taken: for fatal(). */
void	glyph_fquote(FILE *f, const char *s, size_t n);

#endif
