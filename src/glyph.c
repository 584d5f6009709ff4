/* Turns bytes into glyphs. Controls (C0, DEL, C1), bidirectional and other invisible
   format characters, code points the C library cannot print and invalid UTF-8 all become
   markers made of printable ASCII, so no article byte reaches the terminal as a control. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "glyph.h"
#include "utf8.h"
#include "xmalloc.h"

static void	glyph_marker(struct glyph *, size_t, int, unsigned int);
static void	glyph_quote_next(const char *, size_t, struct glyph *);

/* Invisible characters that could hide or reorder text, shown as <U+XXXX> (and escaped
   in the sidecar). Joiners and variation selectors are not here: they shape Arabic,
   Indic and emoji text. */
int
glyph_is_format(uint32_t cp)
{
	return cp == 0x061c || cp == 0x180e || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	    cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	    (cp >= 0xe0000 && cp <= 0xe007f);
}

int
glyph_width(uint32_t cp)
{
	int	w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || glyph_is_format(cp))
		return -1;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? -1 : w > 2 ? 2 : w;
}

/* Marker styles: an invalid byte <9B>, a C0 control or DEL in caret notation ^[, any
   other code point <U+202E>. */
enum { GLYPH_M_BYTE, GLYPH_M_CARET, GLYPH_M_CODE };

static void
glyph_marker(struct glyph *g, size_t len, int style, unsigned int v)
{
	int	n;

	g->kind = GLYPH_MARKER;
	g->len = len;
	g->ncp = 0;
	if (style == GLYPH_M_BYTE)
		n = snprintf(g->text, sizeof g->text, "<%02X>", v);
	else if (style == GLYPH_M_CARET)
		n = snprintf(g->text, sizeof g->text, "^%c", (char)(v ^ 0x40));
	else
		n = snprintf(g->text, sizeof g->text, "<U+%04X>", v);
	g->textlen = (size_t)n;
	g->cols = n;
}

void
glyph_next(const char *s, size_t n, int col, int tabw, struct glyph *g)
{
	uint32_t	 cp, mark;
	size_t		 len, mlen;
	int		 w;

	len = utf8_decode(s, n, &cp);
	if (cp == '\n' || (cp == '\r' && n > 1 && s[1] == '\n')) {
		g->kind = GLYPH_EOL;
		g->len = cp == '\n' ? 1 : 2;
		g->cols = 0;
		g->ncp = 0;
		g->text[0] = '\0';
		g->textlen = 0;
		return;
	}
	if (cp == '\t') {
		if (tabw < 1)
			tabw = 1;
		if (tabw > GLYPH_TABMAX)
			tabw = GLYPH_TABMAX;
		w = tabw - col % tabw;
		g->kind = GLYPH_TAB;
		g->len = 1;
		g->cols = w;
		g->ncp = 0;
		memset(g->text, ' ', (size_t)w);
		g->text[w] = '\0';
		g->textlen = (size_t)w;
		return;
	}
	if (cp == UTF8_INVALID) {
		glyph_marker(g, 1, GLYPH_M_BYTE, (unsigned char)s[0]);
		return;
	}
	if (cp < 0x20 || cp == 0x7f) {
		glyph_marker(g, len, GLYPH_M_CARET, cp);
		return;
	}
	w = glyph_width(cp);
	if (w <= 0) {
		/* A combining mark with nothing to combine with is shown, not lost. */
		glyph_marker(g, len, GLYPH_M_CODE, cp);
		return;
	}
	g->kind = GLYPH_CHAR;
	g->cols = w;
	g->cp[0] = cp;
	g->ncp = 1;
	g->textlen = utf8_encode(cp, g->text);
	g->len = len;
	while (g->ncp < GLYPH_MAXCP && g->len < n) {
		mlen = utf8_decode(s + g->len, n - g->len, &mark);
		if (mark == UTF8_INVALID || glyph_width(mark) != 0)
			break;
		g->cp[g->ncp++] = mark;
		g->textlen += utf8_encode(mark, g->text + g->textlen);
		g->len += mlen;
	}
	g->text[g->textlen] = '\0';
}

int
glyph_strwidth(const char *s, size_t n, int tabw)
{
	struct glyph	 g;
	size_t		 pos = 0;
	int		 col = 0;

	while (pos < n) {
		glyph_next(s + pos, n - pos, col, tabw, &g);
		col += g.cols;
		pos += g.len;
	}
	return col;
}

/* The glyph at s[0..n) as a message shows it: a tab or a line end is a marker too. */
static void
glyph_quote_next(const char *s, size_t n, struct glyph *g)
{
	glyph_next(s, n, 0, 1, g);
	if (g->kind == GLYPH_TAB)
		glyph_marker(g, 1, GLYPH_M_CARET, '\t');
	else if (g->kind == GLYPH_EOL) {
		glyph_marker(g, g->len, GLYPH_M_CARET, '\n');
		if (g->len == 2) {
			memcpy(g->text, "^M^J", 5);
			g->textlen = 4;
			g->cols = 4;
		}
	}
}

char *
glyph_quote(const char *s, size_t n)
{
	struct glyph	 g;
	char		*out;
	size_t		 pos = 0, len = 0;

	/* No glyph's text is longer than GLYPH_TEXTMAX for one byte of input. */
	out = xreallocarray(NULL, n + 1, GLYPH_TEXTMAX);
	for (pos = 0; pos < n; pos += g.len) {
		glyph_quote_next(s + pos, n - pos, &g);
		memcpy(out + len, g.text, g.textlen);
		len += g.textlen;
	}
	out[len] = '\0';
	return out;
}

void
glyph_fquote(FILE *f, const char *s, size_t n)
{
	struct glyph	 g;
	size_t		 pos;

	for (pos = 0; pos < n; pos += g.len) {
		glyph_quote_next(s + pos, n - pos, &g);
		fwrite(g.text, 1, g.textlen, f);
	}
}
