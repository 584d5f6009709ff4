/* C: the table of codes by codes and themes (cooc.h) of the articles listed, counted
   when it opens, one row a code, one column a code then a theme, each cell its
   passages/articles; a cursor over the cells, and Enter listing a cell's passages in
   P's list. The table and its cursor are cooc.c's; this file draws them and maps keys
   to them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "tui.h"
#include "xmalloc.h"

/* Rows above the cells: the title, the legend, the cell selected, column names. */
#define UI_COOC_HEAD	4
/* Columns of the codes' names at most, and of a cell at least and at most. */
#define UI_COOC_NAMES	20
#define UI_COOC_CELL	7
#define UI_COOC_CELLMAX	14

static void	ui_cooc_open(struct tui *);
static void	ui_cooc_enter(struct tui *);
static size_t	ui_cooc_rows(struct tui *);
static void	ui_cooc_text(const struct cooc_cell *, char *, size_t);
static void	ui_cooc_widths(const struct cooc *, int, int *, int *);

/* A cell as it is shown: "passages/articles", "." when nothing meets there. */
static void
ui_cooc_text(const struct cooc_cell *c, char *out, size_t size)
{
	if (c->articles == 0 && c->passages == 0)
		snprintf(out, size, ".");
	else
		snprintf(out, size, "%zu/%zu", c->passages, c->articles);
}

/* The columns of the codes' names and of a cell, for a window width columns wide:
   the longest name up to UI_COOC_NAMES, the widest cell and a space. */
static void
ui_cooc_widths(const struct cooc *k, int width, int *names, int *cell)
{
	char	 s[48];
	size_t	 i;
	int	 n;

	*names = 4;
	for (i = 0; i < k->ncodes; i++)
		if ((n = glyph_strwidth(k->codes[i], strlen(k->codes[i]), 8)) > *names)
			*names = n;
	if (*names > UI_COOC_NAMES)
		*names = UI_COOC_NAMES;
	if (*names > width / 3)
		*names = width / 3;
	*cell = UI_COOC_CELL;
	for (i = 0; i < k->ncodes * k->ncols; i++) {
		ui_cooc_text(&k->cells[i], s, sizeof s);
		if ((n = (int)strlen(s) + 1) > *cell)
			*cell = n;
	}
	if (*cell > UI_COOC_CELLMAX)
		*cell = UI_COOC_CELLMAX;
}

/* Rows of cells the window shows. */
static size_t
ui_cooc_rows(struct tui *t)
{
	int	 h = t->help != NULL ? getmaxy(t->help) : 0;

	return h > UI_COOC_HEAD ? (size_t)(h - UI_COOC_HEAD) : 1;
}

/* C: counted over the articles listed, with the status line saying how far and ^G
   stopping it (the table then holds what was counted, and says so). */
static void
ui_cooc_open(struct tui *t)
{
	struct ui_watch	 w;
	struct progress	 p;
	size_t		*sel, i;

	sel = xreallocarray(NULL, t->list.nvisible + 1, sizeof *sel);
	for (i = 0; i < t->list.nvisible; i++)
		sel[i] = t->list.visible[i];
	cooc_free(&t->cooc);
	ui_watch_start(&w, "counting codes");
	p = ui_watch_progress(t, &w);
	cooc_count(t->cat, sel, t->list.nvisible, 1, &p, &t->cooc);
	ui_watch_end(&w);
	free(sel);
	if (t->cooc.ncodes == 0) {
		cooc_free(&t->cooc);
		tui_message(t, 0, "no passage of the articles listed is coded: v "
		    "selects, t codes");
		return;
	}
	if (t->cooc.stopped)
		tui_message(t, 1, "stopped: the table counts part of the articles");
	t->cooc_prev_mode = t->mode;
	t->mode = MODE_COOC;
	t->dirty |= DIRTY_LAYOUT;
}

/* Enter: the cell's passages in P's list, titled by the cell. */
static void
ui_cooc_enter(struct tui *t)
{
	const struct cooc	*k = &t->cooc;
	const struct cooc_cell	*c = cooc_cell(k, k->row, k->col);
	const char		*a, *b;
	char			 title[128];

	if (c == NULL)
		return;
	a = k->codes[k->row];
	b = cooc_column(k, k->col);
	if (c->nrefs == 0) {
		tui_message(t, 0, c->articles > 0 ? "no passage in this cell: they "
		    "meet in articles only" : "nothing meets in this cell");
		return;
	}
	if (k->row == k->col)
		snprintf(title, sizeof title, "Passages coded %s", a);
	else if (cooc_is_theme(k, k->col))
		snprintf(title, sizeof title, "Passages coded %s holding a hit of %s",
		    a, b);
	else
		snprintf(title, sizeof title, "Passages where %s meets %s", a, b);
	ui_passage_show(t, title, c->refs, c->nrefs);
}

void
ui_cooc_key(struct tui *t, enum action a)
{
	struct cooc	*k = &t->cooc;
	long		 page = (long)ui_cooc_rows(t);

	switch (a) {
	case ACT_COOC:
		ui_cooc_open(t);
		return;
	case ACT_OPEN:
		ui_cooc_enter(t);
		return;
	case ACT_DOWN:
		cooc_move(k, 1, 0);
		break;
	case ACT_UP:
		cooc_move(k, -1, 0);
		break;
	case ACT_LEFT:
		cooc_move(k, 0, -1);
		break;
	case ACT_RIGHT:
		cooc_move(k, 0, 1);
		break;
	case ACT_PAGE_DOWN:
		cooc_move(k, page, 0);
		break;
	case ACT_PAGE_UP:
		cooc_move(k, -page, 0);
		break;
	case ACT_HALF_DOWN:
		cooc_move(k, page > 1 ? page / 2 : 1, 0);
		break;
	case ACT_HALF_UP:
		cooc_move(k, page > 1 ? -page / 2 : -1, 0);
		break;
	case ACT_TOP:
		cooc_edge(k, 0);
		break;
	case ACT_BOTTOM:
		cooc_edge(k, 1);
		break;
	default:
		return;
	}
	t->dirty |= DIRTY_HELP;
}

void
ui_cooc_draw(struct tui *t)
{
	WINDOW			*w = t->help;
	struct cooc		*k = &t->cooc;
	const struct cooc_cell	*c;
	const char		*name;
	char			 s[48], *line;
	size_t			 r, col, ncols;
	int			 width = getmaxx(w), names, cw, x, y, n;
	attr_t			 attr;

	werase(w);
	snprintf(s, sizeof s, "%zu/%zu", k->ncodes > 0 ? k->row + 1 : 0, k->ncodes);
	line = xasprintf("Codes by codes and themes: %zu articles listed%s",
	    k->nsel, k->stopped ? ", stopped: part counted" : "");
	ui_draw_header(w, 1, line, s);
	free(line);
	ui_draw_text(w, 1, 1, width - 2, "each cell: passages/articles; the diagonal: "
	    "a code's own; Enter lists a cell's passages", strlen("each cell: "
	    "passages/articles; the diagonal: a code's own; Enter lists a cell's "
	    "passages"), UI_DIM);
	if ((c = cooc_cell(k, k->row, k->col)) == NULL) {
		wnoutrefresh(w);
		return;
	}
	/* The cell selected, its names whole (as far as the width goes). */
	line = xasprintf("%s by %s%s: %zu passages, %zu articles", k->codes[k->row],
	    cooc_is_theme(k, k->col) ? "theme " : "", cooc_column(k, k->col),
	    c->passages, c->articles);
	ui_draw_text(w, 2, 1, width - 2, line, strlen(line), UI_HKEY);
	free(line);
	ui_cooc_widths(k, width, &names, &cw);
	ncols = width - 1 - names > cw ? (size_t)((width - 1 - names) / cw) : 1;
	cooc_show(k, ui_cooc_rows(t), ncols);
	/* Column names, cut to a cell; themes in their colours, after a bar. */
	for (col = k->left; col < k->ncols && col < k->left + ncols; col++) {
		x = 1 + names + (int)(col - k->left) * cw;
		name = cooc_column(k, col);
		if (col == k->ncodes)
			mvwaddch(w, UI_COOC_HEAD - 1, x, '|');
		attr = cooc_is_theme(k, col) ? ui_colour_theme(col - k->ncodes) :
		    ui_colour_attr(UI_HEADER);
		ui_draw_text_attr(w, UI_COOC_HEAD - 1, x + 1, cw - 1, name,
		    strlen(name), attr);
	}
	for (r = k->top, y = UI_COOC_HEAD; r < k->ncodes && y < getmaxy(w); r++, y++) {
		ui_draw_text(w, y, 1, names, k->codes[r], strlen(k->codes[r]),
		    r == k->row ? UI_HEADER : UI_NORMAL);
		for (col = k->left; col < k->ncols && col < k->left + ncols; col++) {
			x = 1 + names + (int)(col - k->left) * cw;
			if (col == k->ncodes)
				mvwaddch(w, y, x, '|');
			ui_cooc_text(cooc_cell(k, r, col), s, sizeof s);
			n = (int)strlen(s);
			if (n > cw - 1)
				n = cw - 1;
			if (r == k->row && col == k->col) {
				wattrset(w, ui_colour_attr(UI_SELECTED));
				mvwhline(w, y, x + 1, ' ', cw - 1);
				wattrset(w, A_NORMAL);
			}
			ui_draw_text(w, y, x + cw - n, n, s, (size_t)n,
			    r == k->row && col == k->col ? UI_SELECTED :
			    r == col ? UI_HEADER : UI_NORMAL);
		}
	}
	wnoutrefresh(w);
}
