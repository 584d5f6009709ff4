/* The status line: the corpus, the position in the list, the filter, the query and the
   sort order in short counters; a message takes the whole line until the next key. H
   shows the messages kept (status.h), most recent first, in the help's window. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "status.h"
#include "tui.h"
#include "xmalloc.h"

void
ui_status_draw(struct tui *t)
{
	WINDOW		*w = t->status;
	char		 left[512], a[32], b[32];
	const char	*filter = NULL, *label;
	const struct listing *l = &t->list;
	int		 width = getmaxx(w), col, n, lw, rw, room, cut;
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
	if (t->ask != 0) {
		ui_draw_text(w, 0, 1, width - 2, t->ask_text, strlen(t->ask_text),
		    UI_MESSAGE);
		wnoutrefresh(w);
		return;
	}
	/* A message is read whole: the counters give it the line, and come back
	   at the next key. */
	if (t->message[0] != '\0') {
		ui_draw_text(w, 0, 1, width - 2, t->message, strlen(t->message),
		    t->message_error ? UI_MESSAGE : UI_STATUS);
		wnoutrefresh(w);
		return;
	}
	n = snprintf(left, sizeof left, "  %s/%s%s%s%s%s%s%s",
	    status_count(a, sizeof a, l->nvisible ? l->sel + 1 : 0),
	    status_count(b, sizeof b, l->nvisible),
	    filter != NULL ? "  [" : "", filter != NULL ? filter : "",
	    filter != NULL ? "]" : "",
	    l->pattern != NULL ? "  &/" : "",
	    l->pattern != NULL ? l->pattern : "",
	    l->pattern != NULL ? "/" : "");
	for (i = 0; i < l->nlimits && n > 0 && (size_t)n < sizeof left; i++)
		n += snprintf(left + n, sizeof left - (size_t)n, "%s%c%s",
		    i == 0 ? "  " : " ", l->limits[i].exclude ? '!' : '+',
		    l->limits[i].name);
	/* The corpus's troubles before the query, which may be long: marked as the
	   list marks the articles, ! unreadable and ? undecided. */
	if (t->cat->corpus.nerrors > 0 && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  !%s",
		    status_short(a, sizeof a, t->cat->corpus.nerrors));
	if (t->cat->corpus.nbinary > 0 && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  %s bin",
		    status_short(a, sizeof a, t->cat->corpus.nbinary));
	if (l->nundecided > 0 && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  ?%s",
		    status_short(a, sizeof a, l->nundecided));
	if (!scan_finished(t->cat->scan) && t->cat->corpus.n > 0 && n > 0 &&
	    (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  scan %zu%%",
		    scan_progress(t->cat->scan) * 100 / t->cat->corpus.n);
	if (t->verify != NULL && t->cat->corpus.n > 0 && n > 0 &&
	    (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  verifying %zu%%",
		    verify_progress(t->verify) * 100 / t->cat->corpus.n);
	if (l->sort != SORT_PATH && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  sort: %s",
		    listing_sort_name(l->sort));
	if (l->query_text != NULL && n > 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, "  limit: %s",
		    l->query_text);
	/* A corpus whose name is long gives way to the counters, the filter and
	   the limit, cut with an ellipsis: they say what the list shows. */
	label = t->cat->corpus.label;
	lw = glyph_strwidth(label, strlen(label), 8);
	rw = glyph_strwidth(left, strlen(left), 8);
	room = width - 1 - rw;
	cut = lw > room;
	if (cut)
		room = room - 1 < 8 ? 8 : room - 1;
	else
		room = width - 1;
	col = 1 + ui_draw_text(w, 0, 1, room, label, strlen(label), UI_STATUS);
	if (cut && col < width)
		col += ui_draw_text(w, 0, col, 1, "…", strlen("…"), UI_STATUS);
	if (col < width)
		col += ui_draw_text(w, 0, col, width - col, left, strlen(left),
		    UI_STATUS);
	if (col + 12 < width)
		ui_draw_text(w, 0, width - 9, 8, "? help", 6, UI_STATUS);
	wnoutrefresh(w);
}

/* The key help's lines, as at start, in place of the messages. */
void
ui_status_history_close(struct tui *t)
{
	size_t	 i;

	if (!t->history)
		return;
	for (i = 0; i < t->nhelp; i++)
		free(t->help_lines[i]);
	t->nhelp = keys_help(t->help_lines, 256);
	t->history = 0;
}

/* H: the messages kept, most recent first, in the help's window and lines (256 of
   them, more than the messages kept), which ui_help_key() scrolls. */
void
ui_status_history(struct tui *t)
{
	const struct status_msg	*m;
	size_t			 i;

	for (i = 0; i < t->nhelp; i++)
		free(t->help_lines[i]);
	t->nhelp = 0;
	for (i = 0; (m = status_log_get(&t->msglog, i)) != NULL; i++) {
		if (m->repeat > 0)
			t->help_lines[t->nhelp++] = xasprintf(" %c %s (%d times)",
			    m->error ? '!' : ' ', m->text, m->repeat + 1);
		else
			t->help_lines[t->nhelp++] = xasprintf(" %c %s",
			    m->error ? '!' : ' ', m->text);
	}
	ui_help_enter(t, 1);
}

void
ui_status_history_draw(struct tui *t)
{
	WINDOW	*w = t->help;
	int	 rows = ui_draw_rows(w), y;
	size_t	 i;
	char	 right[64];

	werase(w);
	if (t->nhelp > (size_t)rows && t->help_top > t->nhelp - (size_t)rows)
		t->help_top = t->nhelp - (size_t)rows;
	if (t->nhelp <= (size_t)rows)
		t->help_top = 0;
	snprintf(right, sizeof right, "%zu %s  q to leave", t->nhelp,
	    t->history == 2 ? "lines" : "kept");
	ui_draw_header(w, 1, t->history == 2 ? "What the reload changed" :
	    "Messages, most recent first", right);
	for (y = 0; y < rows; y++) {
		i = t->help_top + (size_t)y;
		if (i >= t->nhelp)
			break;
		ui_draw_text(w, y + 1, 1, getmaxx(w) - 2, t->help_lines[i],
		    strlen(t->help_lines[i]), t->history == 1 &&
		    t->help_lines[i][1] == '!' ? UI_ERROR : UI_NORMAL);
	}
	if (t->nhelp == 0)
		ui_draw_text(w, 1, 1, getmaxx(w) - 2, "no messages yet", 15, UI_DIM);
	wnoutrefresh(w);
}
