/* The sidebar on the screen: the whole corpus, the unreadable articles, the themes, the
   folders and the tags, each with its count; Enter limits the list to one, tags add up
   (and ! on a tag keeps the articles without it), and Enter on All clears every limit.
   The items and their counts are the model's (sidebar.h), which articles that lets
   through the listing's (listing.h); here the cursor, the drawing and the keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listnav.h"
#include "scan.h"
#include "sidebar.h"
#include "status.h"
#include "tui.h"
#include "xmalloc.h"

static int	ui_sidebar_selectable(const struct tui *, size_t);
static int	ui_sidebar_nav_ok(size_t, void *);
static void	ui_sidebar_limit(struct tui *, int);
static char	*ui_sidebar_tag_name(const struct tui *);
static void	ui_sidebar_tag_keep(struct tui *, char *);
static int	ui_sidebar_columns(char *, size_t, const char *, const char *);

/* The columns of a theme's two counts, right-aligned under the heading's words. */
#define UI_SIDEBAR_HERE	4	/* "here": hits in the selected article */
#define UI_SIDEBAR_ARTS	5	/* "arts": articles with a hit, of the corpus */

/* Writes here and arts right-aligned in their columns, by the columns they take
   (a "·" is one column of two bytes). Returns the columns written. */
static int
ui_sidebar_columns(char *out, size_t size, const char *here, const char *arts)
{
	int	 hw = glyph_strwidth(here, strlen(here), 8);
	int	 aw = glyph_strwidth(arts, strlen(arts), 8);

	hw = hw < UI_SIDEBAR_HERE ? UI_SIDEBAR_HERE - hw : 0;
	aw = aw < UI_SIDEBAR_ARTS ? UI_SIDEBAR_ARTS - aw : 0;
	snprintf(out, size, "%*s%s%*s%s", hw, "", here, aw, "", arts);
	return glyph_strwidth(out, strlen(out), 8);
}

static int
ui_sidebar_selectable(const struct tui *t, size_t i)
{
	return i < t->sidebar.n && t->sidebar.v[i].kind != SIDE_HEADING;
}

/* Headings are passed over as the cursor moves (listnav.h). */
static int
ui_sidebar_nav_ok(size_t i, void *arg)
{
	return ui_sidebar_selectable(arg, i);
}

/* The tag the cursor is on, before the tags section is made again. Caller frees;
   NULL when the cursor is not on a tag. */
static char *
ui_sidebar_tag_name(const struct tui *t)
{
	if (t->side_sel < t->sidebar.tags || t->side_sel >= t->sidebar.n)
		return NULL;
	return xstrdup(t->sidebar.v[t->side_sel].label);
}

/* Puts the cursor back on tag name (from ui_sidebar_tag_name(), freed here) in the
   new tags section, or on the first item if that tag went. */
static void
ui_sidebar_tag_keep(struct tui *t, char *name)
{
	size_t	 i;

	if (name == NULL)
		return;
	i = sidebar_find_tag(&t->sidebar, name);
	t->side_sel = i < t->sidebar.n ? i : t->sidebar.tags > 0 ? 1 : 0;
	free(name);
}

void
ui_sidebar_tags(struct tui *t)
{
	char	*name = ui_sidebar_tag_name(t);

	sidebar_tags(&t->sidebar, &t->list);
	ui_sidebar_tag_keep(t, name);
	t->dirty |= DIRTY_SIDEBAR;
}

void
ui_sidebar_clear(struct tui *t)
{
	listing_clear_limits(&t->list);
	t->side_active = 1;
}

void
ui_sidebar_build(struct tui *t)
{
	sidebar_build(&t->sidebar, &t->list);
	t->side_sel = 1;
	t->side_active = 1;
	t->dirty |= DIRTY_SIDEBAR;
}

/* Enter (or ! with exclude) on a tag: one more tag the list is limited by. */
static void
ui_sidebar_limit(struct tui *t, int exclude)
{
	listing_limit_tag(&t->list, t->sidebar.v[t->side_sel].label, exclude);
	ui_sidebar_refilter(t);
	t->list.top = 0;
	t->focus = PANE_LIST;
}

void
ui_sidebar_apply(struct tui *t)
{
	if (!ui_sidebar_selectable(t, t->side_sel))
		return;
	if (t->sidebar.v[t->side_sel].kind == SIDE_TAG) {
		ui_sidebar_limit(t, 0);
		return;
	}
	if (t->sidebar.v[t->side_sel].kind == SIDE_ALL)
		ui_sidebar_clear(t);
	if (t->sidebar.v[t->side_sel].error != NULL) {
		tui_message(t, 1, "%s", t->sidebar.v[t->side_sel].error);
		return;
	}
	t->side_active = t->side_sel;
	ui_sidebar_refilter(t);
	t->list.top = 0;
	t->focus = PANE_LIST;
}

/* Applies the active item and the limits to the list (listing_refilter()), watched,
   and says if a person stopped it. Returns 1 if so. */
int
ui_sidebar_refilter(struct tui *t)
{
	struct side_item	*s = &t->sidebar.v[t->side_active];
	struct listing		*l = &t->list;
	struct progress		 p;
	struct ui_watch		 w;
	size_t			 done;

	ui_watch_start(&w, "searching the text");
	p = ui_watch_progress(t, &w);
	listing_set_item(l, s);
	done = listing_refilter(l, &p);
	ui_watch_end(&w);
	if (w.stopped)
		tui_message(t, 1, "stopped at %zu of %zu articles: the list is "
		    "incomplete (L clears the limit)", done, t->cat->corpus.n);
	if (!w.stopped && s->kind == SIDE_VIEW && !listing_limited(l))
		s->count = l->nvisible;
	t->dirty |= DIRTY_SIDEBAR | DIRTY_LIST | DIRTY_BODY | DIRTY_STATUS;
	return w.stopped;
}

int
ui_sidebar_counts(struct tui *t)
{
	char	*name = ui_sidebar_tag_name(t);
	int	 r;

	if ((r = sidebar_counts(&t->sidebar, &t->list)) & SIDEBAR_RETAGGED) {
		ui_sidebar_tag_keep(t, name);
		if (t->list.nlimits > 0)
			ui_sidebar_refilter(t);
	} else
		free(name);
	if (r == 0)
		return 0;
	/* A theme's list grows as its articles are counted, and so do a view's
	   and a query's that ask about themes. */
	if ((t->side_active < t->sidebar.n &&
	    sidebar_item_counts(&t->sidebar.v[t->side_active])) ||
	    (t->list.query != NULL &&
	    (query_needs(t->list.query) & QUERY_NEEDS_COUNTS)))
		ui_sidebar_refilter(t);
	return 1;
}

void
ui_sidebar_draw(struct tui *t)
{
	WINDOW			*w = t->win[PANE_SIDEBAR];
	const struct side_item	*s;
	char			 count[32];
	int			 rows = ui_draw_rows(w), width = getmaxx(w) - 1;
	int			 y, x, cl;
	size_t			 i;
	enum ui_style		 st;

	werase(w);
	listnav_show(t->side_sel, &t->side_top, t->sidebar.n, rows > 0 ? (size_t)rows : 1);
	if (t->side_top == 1 && ui_sidebar_selectable(t, 1) && 0 < t->sidebar.n &&
	    t->sidebar.v[0].kind == SIDE_HEADING)
		t->side_top = 0;
	ui_draw_header(w, t->focus == PANE_SIDEBAR, t->cat->corpus.label, NULL);
	for (y = 0; y < rows; y++) {
		i = t->side_top + (size_t)y;
		if (i >= t->sidebar.n)
			break;
		s = &t->sidebar.v[i];
		if (s->kind == SIDE_HEADING) {
			ui_draw_text(w, y + 1, 1, width - 1, s->label, strlen(s->label),
			    UI_HEADER);
			/* The themes' heading names their two columns. */
			if (i + 1 < t->sidebar.n &&
			    t->sidebar.v[i + 1].kind == SIDE_THEME) {
				cl = ui_sidebar_columns(count, sizeof count, "here",
				    "arts");
				ui_draw_text(w, y + 1, width - cl - 1, cl, count,
				    strlen(count), UI_HEADER);
			}
			continue;
		}
		st = i == t->side_sel && t->focus == PANE_SIDEBAR ? UI_SELECTED :
		    UI_NORMAL;
		if (st == UI_SELECTED) {
			wattrset(w, ui_colour_attr(st));
			mvwhline(w, y + 1, 0, ' ', width);
			wattrset(w, A_NORMAL);
		}
		if (i == t->side_active)
			mvwaddch(w, y + 1, 0, '*' | ui_colour_attr(st));
		x = 2 + (s->depth < 4 ? s->depth : 4);
		if (s->kind == SIDE_THEME) {
			const scan_count	*here = NULL;
			const struct theme *th =
			    &t->cat->config.themes[s->theme];
			char		 h[32], all[32];

			/* Two columns under the heading's "here" and "arts": the
			   theme's hits in the selected article ("·" with none, "!"
			   when not all counted), and the articles with a hit. */
			/* The selected article, not t->shown: the body loads it
			   after the sidebar is drawn, and nothing would redraw the
			   sidebar when the scan came whole from the cache. */
			if (t->list.nvisible > 0)
				here = scan_counts(t->cat->scan, listing_selected(&t->list));
			if (here == NULL)
				snprintf(h, sizeof h, "·");
			else {
				status_short(h, sizeof h - 1, here[s->theme]);
				if (scan_incomplete(t->cat->scan,
				    listing_selected(&t->list), s->theme))
					memcpy(h + strlen(h), "!", 2);
			}
			status_short(all, sizeof all, s->count);
			cl = ui_sidebar_columns(count, sizeof count, h, all);
			if (st != UI_SELECTED && th->enabled) {
				ui_draw_text_attr(w, y + 1, x, width - x - cl - 1,
				    th->name, strlen(th->name),
				    ui_colour_theme(s->theme));
			} else
				ui_draw_text(w, y + 1, x, width - x - cl - 1, s->label,
				    strlen(s->label), th->enabled ? st : UI_DIM);
			ui_draw_text(w, y + 1, width - cl - 1, cl, count, strlen(count),
			    st == UI_SELECTED ? st : UI_DIM);
			continue;
		}
		if (s->kind == SIDE_TAG) {
			size_t	 k, most = 1;
			int	 bar, b;

			for (k = 0; k < t->list.nlimits; k++)
				if (strcmp(t->list.limits[k].name, s->label) == 0)
					mvwaddch(w, y + 1, 0, (t->list.limits[k].exclude ?
					    '!' : '+') | ui_colour_attr(st));
			/* A small bar: the tag's share of the most used tag. */
			for (k = t->sidebar.tags; k < t->sidebar.n; k++)
				if (t->sidebar.v[k].kind == SIDE_TAG && t->sidebar.v[k].count > most)
					most = t->sidebar.v[k].count;
			status_short(count, sizeof count, s->count);
			/* Its passages after its articles: "siege 3+5". */
			if (s->passages > 0) {
				char	 pc[16];

				snprintf(count + strlen(count), sizeof count -
				    strlen(count), "+%s", status_short(pc, sizeof pc,
				    s->passages));
			}
			cl = (int)strlen(count);
			bar = (int)((s->count * 3 + most - 1) / most);
			ui_draw_text(w, y + 1, x, width - x - cl - 6, s->label,
			    strlen(s->label), st);
			for (b = 0; b < bar; b++)
				mvwaddch(w, y + 1, width - cl - 5 + b, ACS_CKBOARD |
				    ui_colour_attr(st == UI_SELECTED ? st : UI_DIM));
			ui_draw_text(w, y + 1, width - cl - 1, cl, count, (size_t)cl,
			    st == UI_SELECTED ? st : UI_DIM);
			continue;
		}
		cl = (int)strlen(status_short(count, sizeof count, s->count));
		ui_draw_text(w, y + 1, x, width - x - cl - 2, s->label,
		    strlen(s->label), st);
		ui_draw_text(w, y + 1, width - cl - 1, cl, count, (size_t)cl,
		    st == UI_SELECTED ? st : UI_DIM);
	}
	mvwvline(w, 0, width, ACS_VLINE, getmaxy(w));
	wnoutrefresh(w);
}

void
ui_sidebar_key(struct tui *t, enum action a)
{
	struct listnav	 nav;
	size_t		 i = t->side_sel;

	nav.count = t->sidebar.n;
	nav.page = t->win[PANE_SIDEBAR] != NULL &&
	    ui_draw_rows(t->win[PANE_SIDEBAR]) > 1 ?
	    (size_t)ui_draw_rows(t->win[PANE_SIDEBAR]) : 1;
	nav.selectable = ui_sidebar_nav_ok;
	nav.arg = t;
	if (listnav_select(&nav, a, &i))
		a = ACT_NONE;
	switch (a) {
	case ACT_EXCLUDE:
		if (t->sidebar.v[i].kind == SIDE_TAG)
			ui_sidebar_limit(t, 1);
		break;
	case ACT_TOGGLE:
		if (t->sidebar.v[i].kind == SIDE_THEME) {
			struct theme	*th =
			    &t->cat->config.themes[t->sidebar.v[i].theme];

			th->enabled = !th->enabled;
			matchwin_reset(&t->bm);
			t->cur_valid = 0;
			t->render.nhits = 0;
			tui_message(t, 0, "%s: highlighting %s", th->name,
			    th->enabled ? "on" : "off");
			t->dirty |= DIRTY_SIDEBAR | DIRTY_LIST | DIRTY_BODY;
		}
		break;
	default:
		break;
	}
	if (ui_sidebar_selectable(t, i) && i != t->side_sel) {
		t->side_sel = i;
		t->dirty |= DIRTY_SIDEBAR;
	}
}
