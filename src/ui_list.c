/* The article list: one row per article that the filter lets through, the selected row
   highlighted and kept in view. */
#include <stdio.h>
#include <string.h>

#include "glyph.h"
#include "tui.h"

static void	ui_list_scroll_into_view(struct tui *, int);

static void
ui_list_scroll_into_view(struct tui *t, int rows)
{
	if (rows < 1)
		rows = 1;
	if (t->sel < t->list_top)
		t->list_top = t->sel;
	else if (t->sel >= t->list_top + (size_t)rows)
		t->list_top = t->sel - (size_t)rows + 1;
	if (t->list_top + (size_t)rows > t->nvisible)
		t->list_top = t->nvisible > (size_t)rows ? t->nvisible - (size_t)rows : 0;
}

void
ui_list_draw(struct tui *t)
{
	WINDOW		*w = t->win[PANE_LIST];
	struct article	*a;
	char		 right[64];
	int		 rows = tui_rows(w), width = getmaxx(w), y, x, cols;
	size_t		 i;
	enum ui_style	 s;

	werase(w);
	if (t->wide)
		width--;	/* the last column separates the list from the body */
	ui_list_scroll_into_view(t, rows);
	snprintf(right, sizeof right, "%zu/%zu", t->nvisible ? t->sel + 1 : 0,
	    t->nvisible);
	tui_header(w, t->focus == PANE_LIST && t->mode == MODE_MAIN, "Articles", right);
	for (y = 0; y < rows; y++) {
		i = t->list_top + (size_t)y;
		if (i >= t->nvisible)
			break;
		a = t->corpus->articles[t->visible[i]];
		s = i == t->sel ? UI_SELECTED : UI_NORMAL;
		if (s == UI_SELECTED) {
			wattrset(w, tui_attr(s));
			mvwhline(w, y + 1, 0, ' ', width);
			wattrset(w, A_NORMAL);
		}
		x = 1;
		if (a->error != NULL) {
			wattrset(w, tui_attr(s == UI_SELECTED ? s : UI_ERROR) | A_BOLD);
			mvwaddstr(w, y + 1, 1, "!");
			wattrset(w, A_NORMAL);
		}
		x = 3;
		cols = tui_text(w, y + 1, x, width - x - 1, a->title, strlen(a->title), s);
		(void)cols;
	}
	if (t->nvisible == 0)
		tui_text(w, 1, 1, width - 2, "no articles", 11, UI_DIM);
	if (t->wide)
		mvwvline(w, 0, width, ACS_VLINE, getmaxy(w));
	wnoutrefresh(w);
}

void
ui_list_key(struct tui *t, enum action a)
{
	WINDOW	*w = t->win[PANE_LIST];
	size_t	 page = w != NULL && tui_rows(w) > 1 ? (size_t)tui_rows(w) : 1;

	if (t->nvisible == 0)
		return;
	switch (a) {
	case ACT_DOWN:
		tui_select(t, t->sel + 1);
		break;
	case ACT_UP:
		if (t->sel > 0)
			tui_select(t, t->sel - 1);
		break;
	case ACT_PAGE_DOWN:
		tui_select(t, t->sel + page);
		break;
	case ACT_PAGE_UP:
		tui_select(t, t->sel > page ? t->sel - page : 0);
		break;
	case ACT_HALF_DOWN:
		tui_select(t, t->sel + (page + 1) / 2);
		break;
	case ACT_HALF_UP:
		tui_select(t, t->sel > (page + 1) / 2 ? t->sel - (page + 1) / 2 : 0);
		break;
	case ACT_TOP:
		tui_select(t, 0);
		break;
	case ACT_BOTTOM:
		tui_select(t, t->nvisible - 1);
		break;
	default:
		break;
	}
}
