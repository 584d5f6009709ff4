/* Drawing text on the screen: every byte of an article, a title or a message reaches a
   window through glyph_next() here or in ui_body.c, so that a control or an invalid byte
   is a marker, never a sequence the terminal obeys; and a pane's title row. */
#include <string.h>

#include "glyph.h"
#include "tui.h"

void
ui_draw_glyph(WINDOW *w, int y, int x, const struct glyph *g, attr_t a)
{
	cchar_t	 cc;
	wchar_t	 wc[GLYPH_MAXCP + 1];
	int	 i;

	for (i = 0; i < g->ncp; i++)
		wc[i] = (wchar_t)g->cp[i];
	wc[i] = L'\0';
	/* setcchar() takes the colour pair apart from the other attributes. */
	setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	mvwadd_wch(w, y, x, &cc);
}

int
ui_draw_text(WINDOW *w, int y, int x, int maxcols, const char *s, size_t n,
    enum ui_style style)
{
	return ui_draw_text_attr(w, y, x, maxcols, s, n, ui_colour_attr(style));
}

int
ui_draw_text_attr(WINDOW *w, int y, int x, int maxcols, const char *s, size_t n,
    attr_t attr)
{
	struct glyph	 g;
	size_t		 pos = 0;
	int		 col = 0;

	while (pos < n && col < maxcols) {
		glyph_next(s + pos, n - pos, col, 8, &g);
		pos += g.len;
		if (g.kind == GLYPH_EOL)
			g.kind = GLYPH_TAB, g.cols = 1, strcpy(g.text, " ");
		if (col + g.cols > maxcols)
			break;
		if (g.kind == GLYPH_CHAR)
			ui_draw_glyph(w, y, x + col, &g, attr);
		else {
			wattrset(w, g.kind == GLYPH_MARKER ? ui_colour_attr(UI_MARKER) :
			    attr);
			mvwaddnstr(w, y, x + col, g.text, (int)g.textlen);
			wattrset(w, A_NORMAL);
		}
		col += g.cols;
	}
	return col;
}

void
ui_draw_header(WINDOW *w, int focused, const char *left, const char *right)
{
	enum ui_style	 s = focused ? UI_HEADER_FOCUS : UI_HEADER;
	int		 width = getmaxx(w), rl, col;

	wattrset(w, ui_colour_attr(s));
	if (focused)
		mvwhline(w, 0, 0, ' ', width);
	else
		mvwhline(w, 0, 0, ACS_HLINE, width);
	wattrset(w, A_NORMAL);
	rl = right != NULL ? glyph_strwidth(right, strlen(right), 8) : 0;
	col = ui_draw_text(w, 0, 1, width - rl - 4, left, strlen(left), s);
	if (!focused && col > 0) {
		mvwaddch(w, 0, 0, ' ' | ui_colour_attr(s));
		mvwaddch(w, 0, col + 1, ' ' | ui_colour_attr(s));
	}
	if (rl > 0 && rl + 2 < width)
		ui_draw_text(w, 0, width - rl - 1, rl, right, strlen(right), s);
}

int
ui_draw_rows(WINDOW *w)
{
	return getmaxy(w) > 1 ? getmaxy(w) - 1 : 0;
}
