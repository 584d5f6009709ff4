/* /, n and N where the user is, as in mutt and newsboat: in the list they search
   the titles (listing_find_title()), in the help its lines, elsewhere the body's
   text (ui_body.c). Each place keeps its own pattern, so n in the list after a
   search of the body goes on with the list's. */
#include <string.h>

#include "tui.h"

static int	ui_search_compile(struct tui *, struct theme *, int *, const char *);
static void	ui_search_title(struct tui *, int);
static void	ui_search_help(struct tui *, int);

int
ui_search_prompt(struct tui *t)
{
	if (t->mode == MODE_HELP)
		return PROMPT_HELPFIND;
	if (t->mode == MODE_MAIN && t->focus == PANE_LIST)
		return PROMPT_TITLE;
	return PROMPT_SEARCH;
}

/* Makes th the one pattern typed; "" forgets it. Returns 1 if there is one now. */
static int
ui_search_compile(struct tui *t, struct theme *th, int *on, const char *pattern)
{
	struct diag	 d;

	if (*on)
		theme_free(th);
	*on = 0;
	if (*pattern == '\0')
		return 0;
	memset(&d, 0, sizeof d);
	if (theme_single(th, "/", pattern, &d) == -1) {
		tui_message(t, 1, "/%s: %s", pattern, d.msgs[0].text);
		diag_free(&d);
		return 0;
	}
	*on = 1;
	return 1;
}

void
ui_search_start(struct tui *t, int what, const char *pattern)
{
	if (what == PROMPT_TITLE) {
		if (ui_search_compile(t, &t->tsearch, &t->tsearch_on, pattern))
			ui_search_title(t, 1);
	} else if (what == PROMPT_HELPFIND) {
		t->help_hit = t->nhelp;
		t->dirty |= DIRTY_HELP;
		if (ui_search_compile(t, &t->hsearch, &t->hsearch_on, pattern))
			ui_search_help(t, 1);
	} else
		ui_body_search(t, pattern);
}

void
ui_search_next(struct tui *t, int forward)
{
	switch (ui_search_prompt(t)) {
	case PROMPT_TITLE:
		ui_search_title(t, forward);
		break;
	case PROMPT_HELPFIND:
		ui_search_help(t, forward);
		break;
	default:
		ui_body_search_next(t, forward);
		break;
	}
}

/* The next title from the selected row on that matches, selected. */
static void
ui_search_title(struct tui *t, int forward)
{
	size_t	 row;
	int	 wrapped, limited;

	if (!t->tsearch_on) {
		tui_message(t, 0, "no search of the titles: / starts one");
		return;
	}
	row = listing_find_title(&t->list, &t->tsearch, t->matcher, t->list.sel,
	    forward, &wrapped, &limited);
	if (row >= t->list.nvisible) {
		tui_message(t, 1, "/%s: no title matches%s",
		    t->tsearch.pats[0].source, limited ?
		    " (a PCRE2 limit was hit)" : "");
		return;
	}
	if (row != t->list.sel)
		tui_select(t, row);
	if (wrapped)
		tui_message(t, 0, "search wrapped to the %s", forward ? "top" :
		    "bottom");
}

/* The next help line that matches, brought into view and highlighted. */
static void
ui_search_help(struct tui *t, int forward)
{
	struct match	 m;
	size_t		 k, i, from, rows;
	int		 rc, limited = 0;

	if (!t->hsearch_on) {
		tui_message(t, 0, "no search of the help: / starts one");
		return;
	}
	if (t->nhelp == 0)
		return;
	/* From the line found last, else from above the first line shown. */
	from = t->help_hit < t->nhelp ? t->help_hit : forward ?
	    (t->help_top > 0 ? t->help_top - 1 : t->nhelp - 1) : t->help_top;
	for (k = 1; k <= t->nhelp; k++) {
		i = forward ? (from + k) % t->nhelp :
		    (from + t->nhelp - k % t->nhelp) % t->nhelp;
		rc = matcher_first(t->matcher, &t->hsearch, 0, t->help_lines[i],
		    strlen(t->help_lines[i]), 0, &m);
		if (rc == -1)
			limited = 1;
		if (rc != 0)
			continue;
		if (forward ? i <= from && t->help_hit < t->nhelp : i >= from &&
		    t->help_hit < t->nhelp)
			tui_message(t, 0, "search wrapped to the %s", forward ?
			    "top" : "bottom");
		t->help_hit = i;
		rows = t->help != NULL && ui_draw_rows(t->help) > 0 ?
		    (size_t)ui_draw_rows(t->help) : 1;
		if (i < t->help_top || i >= t->help_top + rows)
			t->help_top = i > rows / 3 ? i - rows / 3 : 0;
		t->dirty |= DIRTY_HELP;
		return;
	}
	tui_message(t, 1, "/%s: not in the help%s", t->hsearch.pats[0].source,
	    limited ? " (a PCRE2 limit was hit)" : "");
}

void
ui_search_free(struct tui *t)
{
	if (t->tsearch_on)
		theme_free(&t->tsearch);
	if (t->hsearch_on)
		theme_free(&t->hsearch);
	t->tsearch_on = t->hsearch_on = 0;
}
