/* The help screen: the key table, as keys_help() writes it. */
#include <string.h>

#include "tui.h"

void
ui_help_draw(struct tui *t)
{
	WINDOW	*w = t->help;
	int	 rows = tui_rows(w), y;
	size_t	 i;

	werase(w);
	if (t->nhelp > (size_t)rows && t->help_top > t->nhelp - (size_t)rows)
		t->help_top = t->nhelp - (size_t)rows;
	if (t->nhelp <= (size_t)rows)
		t->help_top = 0;
	tui_header(w, 1, "rubric keys", "q to leave");
	for (y = 0; y < rows; y++) {
		i = t->help_top + (size_t)y;
		if (i >= t->nhelp)
			break;
		tui_text(w, y + 1, 1, getmaxx(w) - 2, t->help_lines[i],
		    strlen(t->help_lines[i]), t->help_lines[i][0] != ' ' ?
		    UI_HEADER : UI_NORMAL);
	}
	wnoutrefresh(w);
}

void
ui_help_key(struct tui *t, enum action a)
{
	size_t	 rows = t->help != NULL && tui_rows(t->help) > 0 ?
		    (size_t)tui_rows(t->help) : 1;
	size_t	 max = t->nhelp > rows ? t->nhelp - rows : 0, top = t->help_top;

	switch (a) {
	case ACT_DOWN:
		top++;
		break;
	case ACT_UP:
		top = top > 0 ? top - 1 : 0;
		break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		top += a == ACT_PAGE_DOWN ? rows : rows / 2;
		break;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		rows = a == ACT_PAGE_UP ? rows : rows / 2;
		top = top > rows ? top - rows : 0;
		break;
	case ACT_TOP:
		top = 0;
		break;
	case ACT_BOTTOM:
		top = max;
		break;
	default:
		break;
	}
	if (top > max)
		top = max;
	if (top != t->help_top) {
		t->help_top = top;
		t->dirty |= DIRTY_HELP;
	}
}
