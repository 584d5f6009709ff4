/* Keywords in context (K): every match of one theme across the corpus, one line each,
   the match at one column with its context either side and the article's title beside
   it; above them, how often each spelling occurs and what each pattern catches, so that
   a dead or over-matching alternative shows. Enter opens the article at the match, as
   the current match, and q from there comes back to the same line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_edit.h"
#include "glyph.h"
#include "listnav.h"
#include "tui.h"
#include "xmalloc.h"

/* What the walk's callback needs: the screen to draw on, and the watch. */
static size_t	 ui_kwic_pick(struct tui *);
static void	 ui_kwic_line(struct tui *, WINDOW *, int, const struct kwic_line *,
		    int);
static void	 ui_kwic_suggest(struct tui *);
static void	 ui_kwic_add(struct tui *);
static void	 ui_kwic_sugg_draw(struct tui *, WINDOW *, int, int);

/* The theme K shows: the one selected in the sidebar, else the one ] went to, else
   the theme with most hits in the selected article. */
static size_t
ui_kwic_pick(struct tui *t)
{
	const scan_count	*counts;
	size_t		 i, best = 0;

	if (t->focus == PANE_SIDEBAR && t->mode == MODE_MAIN &&
	    t->sidebar.v[t->side_sel].kind == SIDE_THEME)
		return t->sidebar.v[t->side_sel].theme;
	if (t->cur_valid && !t->search_on)
		return t->cur.theme;
	if (t->list.nvisible > 0 && (counts = scan_counts(t->cat->scan,
	    listing_selected(&t->list))) != NULL)
		for (i = 1; i < t->cat->config.nthemes; i++)
			if (counts[i] > counts[best])
				best = i;
	return best;
}

void
ui_kwic_free(struct tui *t)
{
	kwic_free(&t->kwic);
	suggest_free(&t->kwic_sg);
	t->kwic_sugg = 0;
}

void
ui_kwic_open(struct tui *t)
{
	struct ui_watch		 w;
	struct progress		 p;
	size_t			 ti;

	if (t->cat->config.nthemes == 0) {
		tui_message(t, 1, "no themes: see rubric(5)");
		return;
	}
	ui_kwic_free(t);
	ti = ui_kwic_pick(t);
	/* The status line says how far the walk is, and ^G stops it. */
	ui_watch_start(&w, "finding every match");
	p = ui_watch_progress(t, &w);
	kwic_build(&t->kwic, &t->cat->corpus, t->cat->scan, t->matcher,
	    &t->cat->config.themes[ti], ti, &p);
	ui_watch_end(&w);
	t->kwic_sel = 0;
	t->kwic_top = 0;
	t->kwic_back = 0;
	t->kwic_prev_mode = t->mode == MODE_KWIC ? t->kwic_prev_mode : t->mode;
	t->mode = MODE_KWIC;
	t->dirty |= DIRTY_LAYOUT;
}

/* One line: left context right-aligned up to the match column, the match in its
   theme's colour, the right context, and the title in the last columns. */
static void
ui_kwic_line(struct tui *t, WINDOW *w, int y, const struct kwic_line *kl, int selected)
{
	const struct article	*a = t->cat->corpus.articles[kl->article];
	const char		*left = kl->left;
	size_t			 llen = strlen(left);
	int			 width = getmaxx(w), tw, cw, mc, lw, mw, x;

	tw = width / 4 < 30 ? width / 4 : 30;
	cw = width - tw - 3;
	mc = cw * 2 / 5;
	if (selected) {
		wattrset(w, ui_colour_attr(UI_SELECTED));
		mvwhline(w, y, 0, ' ', width);
		wattrset(w, A_NORMAL);
	}
	/* Drop characters from the left until the rest fits before the match. */
	while (llen > 0 && (lw = glyph_strwidth(left, llen, 8)) > mc - 1) {
		left++;
		llen--;
		while (llen > 0 && ((unsigned char)*left & 0xc0) == 0x80) {
			left++;
			llen--;
		}
	}
	lw = glyph_strwidth(left, llen, 8);
	ui_draw_text(w, y, mc - lw, lw, left, llen, selected ? UI_SELECTED : UI_NORMAL);
	mw = glyph_strwidth(kl->mid, strlen(kl->mid), 8);
	if (mw > cw - mc)
		mw = cw - mc;
	x = mc + ui_draw_text(w, y, mc, mw, kl->mid, strlen(kl->mid), UI_NORMAL);
	/* The match in the theme's colour, over what ui_draw_text drew. */
	mvwchgat(w, y, mc, x - mc, ui_colour_theme(t->kwic.theme) |
	    (selected ? A_REVERSE : 0),
	    (short)PAIR_NUMBER(ui_colour_theme(t->kwic.theme)), NULL);
	if (x < cw)
		ui_draw_text(w, y, x, cw - x, kl->right, strlen(kl->right),
		    selected ? UI_SELECTED : UI_NORMAL);
	mvwaddch(w, y, cw + 1, ACS_VLINE |
	    (selected ? ui_colour_attr(UI_SELECTED) : 0));
	ui_draw_text(w, y, cw + 3, tw, a->title, strlen(a->title),
	    selected ? UI_SELECTED : UI_DIM);
}

void
ui_kwic_draw(struct tui *t)
{
	WINDOW	*w = t->help;
	char	 right[32];
	int	 rows = ui_draw_rows(w), info, y;
	size_t	 i;

	werase(w);
	if (t->kwic_sugg) {
		ui_kwic_sugg_draw(t, w, rows, 1);
		wnoutrefresh(w);
		return;
	}
	snprintf(right, sizeof right, "%zu/%zu", t->kwic.n ? t->kwic_sel + 1 : 0,
	    t->kwic.n);
	ui_draw_header(w, 1, "Keywords in context", right);
	/* The counts take at most a third of the rows; the lines the rest. */
	info = (int)t->kwic.ninfo;
	if (info > rows / 3)
		info = rows / 3 > 2 ? rows / 3 : 2;
	for (y = 0; y < info && (size_t)y < t->kwic.ninfo; y++)
		ui_draw_text(w, y + 1, 1, getmaxx(w) - 2, t->kwic.info[y],
		    strlen(t->kwic.info[y]), y < 2 ? UI_HEADER : UI_NORMAL);
	mvwhline(w, info + 1, 0, ACS_HLINE, getmaxx(w));
	rows -= info + 1;
	if (rows < 1)
		rows = 1;
	if (t->kwic_sel < t->kwic_top)
		t->kwic_top = t->kwic_sel;
	else if (t->kwic_sel >= t->kwic_top + (size_t)rows)
		t->kwic_top = t->kwic_sel - (size_t)rows + 1;
	for (y = 0; y < rows; y++) {
		i = t->kwic_top + (size_t)y;
		if (i >= t->kwic.n)
			break;
		ui_kwic_line(t, w, info + 2 + y, &t->kwic.v[i], i == t->kwic_sel);
	}
	if (t->kwic.n == 0)
		ui_draw_text(w, info + 2, 1, getmaxx(w) - 2, "no matches", 10, UI_DIM);
	wnoutrefresh(w);
}

void
ui_kwic_key(struct tui *t, enum action a)
{
	struct kwic_line	*kl;
	struct listnav		 nav;
	size_t			 i, sel = t->kwic_sel;

	if (a == ACT_SUGGEST) {
		if (t->kwic_sugg) {
			t->kwic_sugg = 0;
			t->dirty |= DIRTY_HELP;
		} else
			ui_kwic_suggest(t);
		return;
	}
	if (a == ACT_SUGGEST_ADD) {
		if (t->kwic_sugg)
			ui_kwic_add(t);
		else
			tui_message(t, 1, "S first: + adds one of the spellings "
			    "the theme misses");
		return;
	}
	memset(&nav, 0, sizeof nav);
	nav.count = t->kwic_sugg ? t->kwic_sg.n : t->kwic.n;
	nav.page = 10;
	if (t->help != NULL && ui_draw_rows(t->help) > 4)
		nav.page = (size_t)ui_draw_rows(t->help) * 2 / 3;
	if (t->kwic_sugg) {
		sel = t->kwic_sg_sel;
		if (listnav_select(&nav, a, &sel) && sel != t->kwic_sg_sel) {
			t->kwic_sg_sel = sel;
			t->dirty |= DIRTY_HELP;
		}
		if (a == ACT_OPEN && t->kwic_sg.n > 0)
			tui_message(t, 0, "+ adds \"%s\" to %s; S goes back to "
			    "its matches", t->kwic_sg.v[t->kwic_sg_sel].spelling,
			    t->cat->config.themes[t->kwic.theme].name);
		return;
	}
	if (listnav_select(&nav, a, &sel))
		a = ACT_NONE;
	switch (a) {
	case ACT_NONE:
		break;
	case ACT_OPEN:
		if (t->kwic.n == 0)
			return;
		kl = &t->kwic.v[t->kwic_sel];
		/* The article may be filtered out of the list: show all then. */
		i = listing_reveal(&t->list, kl->article);
		if (i == t->list.nvisible) {
			listing_search_clear(&t->list);
			ui_sidebar_clear(t);
			ui_sidebar_refilter(t);
			i = listing_reveal(&t->list, kl->article);
		}
		tui_select(t, i);
		t->mode = MODE_READ;
		t->dirty |= DIRTY_LAYOUT;
		tui_load_body(t);
		t->cur.start = kl->start;
		t->cur.end = kl->end;
		t->cur.theme = (uint16_t)t->kwic.theme;
		t->cur.pat = (uint16_t)kl->pat;
		t->cur_valid = 1;
		t->pending_place = 1;
		/* q from the article comes back here, at this line. */
		t->kwic_back = 1;
		tui_message(t, 0, "%s: match %zu of %zu (q goes back to K)",
		    t->cat->config.themes[t->kwic.theme].name, t->kwic_sel + 1,
		    t->kwic.n);
		return;
	default:
		return;
	}
	if (sel != t->kwic_sel) {
		t->kwic_sel = sel;
		t->dirty |= DIRTY_HELP;
	}
}

/* S: the spellings K's theme misses, read from every article (the status line says
   how far, ^G stops it: what was read is ranked). */
static void
ui_kwic_suggest(struct tui *t)
{
	struct ui_watch		 w;
	struct progress		 p;

	suggest_free(&t->kwic_sg);
	ui_watch_start(&w, "finding the spellings it misses");
	p = ui_watch_progress(t, &w);
	suggest_run(&t->kwic_sg, t->cat, t->kwic.theme, NULL, 0, &p);
	ui_watch_end(&w);
	t->kwic_sugg = 1;
	t->kwic_sg_sel = t->kwic_sg_top = 0;
	t->dirty |= DIRTY_HELP;
	tui_message(t, 0, "%zu spelling%s %s misses; + adds the one selected, S "
	    "goes back", t->kwic_sg.n, t->kwic_sg.n == 1 ? "" : "s",
	    t->cat->config.themes[t->kwic.theme].name);
}

/* +: the selected spelling's pattern put into the theme in the user's own
   configuration file (config_edit.h), then the configuration read again as R reads
   it, so that the new pattern is highlighted at once. */
static void
ui_kwic_add(struct tui *t)
{
	const struct theme	*th = &t->cat->config.themes[t->kwic.theme];
	const struct suggestion	*sg;
	struct diag		 d;
	char			*user, *key, *pat;

	if (t->kwic_sg.n == 0)
		return;
	sg = &t->kwic_sg.v[t->kwic_sg_sel];
	if ((user = config_user_path()) == NULL) {
		tui_message(t, 1, "no home for your configuration file");
		return;
	}
	memset(&d, 0, sizeof d);
	key = config_edit_key(sg->spelling, th);
	pat = config_edit_literal(sg->spelling, th);
	if (config_edit_add(user, th->name, key, pat, &d) == -1)
		tui_message(t, 1, "not added: %s", d.n > 0 ? d.msgs[0].text : "?");
	else {
		/* R reads it all again: K was built under the old themes. */
		t->mode = t->kwic_prev_mode;
		t->dirty |= DIRTY_LAYOUT;
		/* Said in H; the status line is R's, which says how the
		   reload goes. */
		tui_message(t, 0, "%s: %s = \"%s\" added to %s", th->name, key, pat,
		    user);
		ui_reload(t);
	}
	diag_free(&d);
	free(key);
	free(pat);
	free(user);
}

/* The suggestions, one a line: count, articles, the spelling, why, and the line it
   was first met in. */
static void
ui_kwic_sugg_draw(struct tui *t, WINDOW *w, int rows, int y0)
{
	const struct suggestion	*s;
	char			 head[256], line[96], right[32];
	int			 y, width = getmaxx(w), x;
	size_t			 i;

	snprintf(right, sizeof right, "%zu/%zu", t->kwic_sg.n ? t->kwic_sg_sel + 1 :
	    0, t->kwic_sg.n);
	ui_draw_header(w, 1, "Keywords in context: not matched", right);
	snprintf(head, sizeof head, "Spellings %s misses, likeliest first: + adds the "
	    "one selected to it in your configuration, S shows its matches",
	    t->cat->config.themes[t->kwic.theme].name);
	ui_draw_text(w, y0, 1, width - 2, head, strlen(head), UI_HEADER);
	mvwhline(w, y0 + 1, 0, ACS_HLINE, width);
	rows -= 2;
	if (rows < 1)
		rows = 1;
	if (t->kwic_sg_sel < t->kwic_sg_top)
		t->kwic_sg_top = t->kwic_sg_sel;
	else if (t->kwic_sg_sel >= t->kwic_sg_top + (size_t)rows)
		t->kwic_sg_top = t->kwic_sg_sel - (size_t)rows + 1;
	for (y = 0; y < rows; y++) {
		i = t->kwic_sg_top + (size_t)y;
		if (i >= t->kwic_sg.n)
			break;
		s = &t->kwic_sg.v[i];
		if (i == t->kwic_sg_sel) {
			wattrset(w, ui_colour_attr(UI_SELECTED));
			mvwhline(w, y0 + 2 + y, 0, ' ', width);
			wattrset(w, A_NORMAL);
		}
		snprintf(line, sizeof line, "%6zu %5zu  ", s->count, s->articles);
		x = 1 + ui_draw_text(w, y0 + 2 + y, 1, width - 2, line, strlen(line),
		    i == t->kwic_sg_sel ? UI_SELECTED : UI_DIM);
		x += ui_draw_text(w, y0 + 2 + y, x, width / 3, s->spelling,
		    strlen(s->spelling), i == t->kwic_sg_sel ? UI_SELECTED :
		    UI_NORMAL);
		if (x + 2 < width - 1)
			ui_draw_text(w, y0 + 2 + y, x + 2, width - x - 3, s->line,
			    strlen(s->line), i == t->kwic_sg_sel ? UI_SELECTED :
			    UI_DIM);
	}
	if (t->kwic_sg.n == 0)
		ui_draw_text(w, y0 + 2, 1, width - 2, "none found", 10, UI_DIM);
}
