/* The status line: the corpus, the position in the list, the filter, the query and the
   sort order, and a message. */
#include <stdio.h>
#include <string.h>

#include "glyph.h"
#include "tui.h"

void
ui_status_draw(struct tui *t)
{
	WINDOW		*w = t->status;
	char		 left[512];
	const char	*filter = "all";
	const struct listing *l = &t->list;
	int		 width = getmaxx(w), col, n;
	size_t		 i;

	werase(w);
	wattrset(w, ui_colour_attr(UI_STATUS));
	mvwhline(w, 0, 0, ' ', width);
	wattrset(w, A_NORMAL);
	if (t->sidebar.v != NULL && t->side_active < t->sidebar.n &&
	    t->sidebar.v[t->side_active].kind != SIDE_ALL)
		filter = t->sidebar.v[t->side_active].prefix != NULL ?
		    t->sidebar.v[t->side_active].prefix : t->sidebar.v[t->side_active].label;
	if (t->prompt != PROMPT_NONE) {
		ui_prompt_draw(t);
		return;
	}
	n = snprintf(left, sizeof left, " %s  %zu/%zu  filter: %s%s%s%s",
	    t->cat->corpus.label, l->nvisible ? l->sel + 1 : 0, l->nvisible,
	    filter,
	    l->pattern != NULL ? " &/" : "",
	    l->pattern != NULL ? l->pattern : "",
	    l->pattern != NULL ? "/" : "");
	for (i = 0; i < l->nlimits && n > 0 && (size_t)n < sizeof left; i++)
		n += snprintf(left + n, sizeof left - (size_t)n, " %c%s",
		    l->limits[i].exclude ? '!' : '+', l->limits[i].name);
	/* Before the query, which may be long: the articles it could not decide. */
	if (l->nundecided > 0 && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  %zu undecided",
		    l->nundecided);
	if (l->query_text != NULL && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  limit: %s",
		    l->query_text);
	if (l->sort != SORT_PATH && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  sort: %s",
		    listing_sort_name(l->sort));
	if (!scan_finished(t->cat->scan) && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  scanning %zu/%zu",
		    scan_progress(t->cat->scan), t->cat->corpus.n);
	if (t->cat->corpus.nbinary > 0 && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  %zu binary skipped",
		    t->cat->corpus.nbinary);
	if (t->cat->corpus.nerrors > 0 && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  %zu unreadable",
		    t->cat->corpus.nerrors);
	col = ui_draw_text(w, 0, 0, width, left, strlen(left), UI_STATUS);
	if (t->message[0] != '\0' && col + 4 < width)
		ui_draw_text(w, 0, col + 2, width - col - 3, t->message,
		    strlen(t->message), t->message_error ? UI_MESSAGE : UI_STATUS);
	else if (col + 12 < width)
		ui_draw_text(w, 0, width - 9, 8, "? help", 6, UI_STATUS);
	wnoutrefresh(w);
}
