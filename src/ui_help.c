/* The help screen: the key table, as keys_help() writes it, with the line / found
   highlighted (ui_search.c). */
#include <string.h>

#include "listnav.h"
#include "tui.h"

void
ui_help_enter(struct tui *t, int history)
{
	t->history = history;
	if (t->mode != MODE_HELP)
		t->prev_mode = t->mode;
	t->mode = MODE_HELP;
	t->help_top = 0;
	t->help_hit = t->nhelp;
	t->dirty |= DIRTY_LAYOUT;
}

void
ui_help_draw(struct tui *t)
{
	WINDOW	*w = t->help;
	int	 rows = ui_draw_rows(w), y;
	size_t	 i;

	werase(w);
	if (t->nhelp > (size_t)rows && t->help_top > t->nhelp - (size_t)rows)
		t->help_top = t->nhelp - (size_t)rows;
	if (t->nhelp <= (size_t)rows)
		t->help_top = 0;
	ui_draw_header(w, 1, "rubric keys", "q to leave");
	for (y = 0; y < rows; y++) {
		i = t->help_top + (size_t)y;
		if (i >= t->nhelp)
			break;
		/* The line / found stands out as a list's selected row. */
		if (i == t->help_hit) {
			wattrset(w, ui_colour_attr(UI_SELECTED));
			mvwhline(w, y + 1, 0, ' ', getmaxx(w));
			wattrset(w, A_NORMAL);
		}
		ui_draw_text(w, y + 1, 1, getmaxx(w) - 2, t->help_lines[i],
		    strlen(t->help_lines[i]), i == t->help_hit ? UI_SELECTED :
		    t->help_lines[i][0] != ' ' ? UI_HEADER : UI_NORMAL);
	}
	wnoutrefresh(w);
}

void
ui_help_key(struct tui *t, enum action a)
{
	struct listnav	 nav;
	size_t		 top = t->help_top;

	memset(&nav, 0, sizeof nav);
	nav.count = t->nhelp;
	nav.page = t->help != NULL && ui_draw_rows(t->help) > 0 ?
	    (size_t)ui_draw_rows(t->help) : 1;
	/* Any key takes a top left past the end by a resize back to it. */
	if (!listnav_scroll(&nav, a, &top) && top + nav.page > nav.count)
		top = nav.count > nav.page ? nav.count - nav.page : 0;
	if (top != t->help_top) {
		t->help_top = top;
		t->dirty |= DIRTY_HELP;
	}
}
