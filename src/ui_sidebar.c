/* The sidebar: the whole corpus, the unreadable articles, the themes, the folders and
   the tags, each with its count; Enter limits the list to one, tags add up (and ! on a
   tag keeps the articles without it), and Enter on All clears every limit. Which
   articles that lets through the listing (listing.h) decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listnav.h"
#include "scan.h"
#include "tags.h"
#include "tui.h"
#include "xmalloc.h"

static void	ui_sidebar_add(struct tui *, enum side_kind, const char *, const char *,
		    int, size_t);
static int	ui_sidebar_selectable(const struct tui *, size_t);
static int	ui_sidebar_nav_ok(size_t, void *);
static void	ui_sidebar_limit(struct tui *, int);
static void	ui_sidebar_view_count(struct tui *, struct side_item *);

static void
ui_sidebar_add(struct tui *t, enum side_kind kind, const char *label, const char *prefix,
    int depth, size_t count)
{
	struct side_item	*s;

	t->side = xreallocarray(t->side, t->nside + 1, sizeof *t->side);
	s = &t->side[t->nside++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->label = xstrdup(label);
	s->prefix = prefix != NULL ? xstrdup(prefix) : NULL;
	s->depth = depth;
	s->count = count;
}

/* How many articles a view's query lets into the list now: those it matches and
   those it could not decide, as ui_sidebar_refilter() shows them. (One that reads
   the text is counted only when chosen: counting it would read the whole corpus.) */
static void
ui_sidebar_view_count(struct tui *t, struct side_item *s)
{
	size_t	 i;

	s->count = 0;
	for (i = 0; i < t->corpus->n; i++)
		s->count += listing_match(&t->list, s->query, i) != QUERY_NO;
}

static int
ui_sidebar_selectable(const struct tui *t, size_t i)
{
	return i < t->nside && t->side[i].kind != SIDE_HEADING;
}

/* Headings are passed over as the cursor moves (listnav.h). */
static int
ui_sidebar_nav_ok(size_t i, void *arg)
{
	return ui_sidebar_selectable(arg, i);
}

void
ui_sidebar_tags(struct tui *t)
{
	struct sidecar_entry	*e;
	size_t			 i, j, k, first, sel_tag = t->side_sel >= t->side_tags;
	char			*sel_name = NULL;

	/* Views that ask about tags count again; those that read text wait. */
	for (i = 0; i < t->side_tags; i++)
		if (t->side[i].kind == SIDE_VIEW && t->side[i].query != NULL &&
		    !(query_needs(t->side[i].query) & QUERY_NEEDS_BODY))
			ui_sidebar_view_count(t, &t->side[i]);
	if (sel_tag && t->side_sel < t->nside)
		sel_name = xstrdup(t->side[t->side_sel].label);
	for (i = t->side_tags; i < t->nside; i++) {
		free(t->side[i].label);
		free(t->side[i].prefix);
	}
	t->nside = t->side_tags;
	first = t->nside;
	for (i = 0; i < t->corpus->n; i++) {
		e = tui_entry(t, i);
		for (j = 0; j < (e != NULL ? e->ntags : 0) + t->config->nthemes; j++) {
			const char	*name;

			/* The person's tags, then the themes' automatic ones. */
			if (e != NULL && j < e->ntags) {
				if (e->tags[j].origin == SIDECAR_REJECTED)
					continue;
				name = e->tags[j].name;
			} else {
				size_t	 th = j - (e != NULL ? e->ntags : 0);

				if (!tui_autotag(t, i, e, th))
					continue;
				name = t->config->themes[th].name;
			}
			for (k = first; k < t->nside &&
			    strcmp(t->side[k].label, name) != 0; k++)
				;
			if (k == t->nside) {
				if (t->nside == first) {
					ui_sidebar_add(t, SIDE_HEADING, "Tags", NULL, 0, 0);
					first++;
				}
				ui_sidebar_add(t, SIDE_TAG, name, NULL, 0, 0);
				k = t->nside - 1;
			}
			t->side[k].count++;
		}
	}
	/* By name, as tags are listed everywhere else. */
	for (i = first + 1; i < t->nside; i++)
		for (j = i; j > first && strcmp(t->side[j - 1].label,
		    t->side[j].label) > 0; j--) {
			struct side_item	 tmp = t->side[j];

			t->side[j] = t->side[j - 1];
			t->side[j - 1] = tmp;
		}
	if (sel_name != NULL) {
		for (i = t->side_tags; i < t->nside && (t->side[i].kind != SIDE_TAG ||
		    strcmp(t->side[i].label, sel_name) != 0); i++)
			;
		t->side_sel = i < t->nside ? i : t->side_tags > 0 ? 1 : 0;
		free(sel_name);
	}
	t->dirty |= DIRTY_SIDEBAR;
}

void
ui_sidebar_clear(struct tui *t)
{
	listing_clear_limits(&t->list);
	t->side_active = 1;
}

/* The folders come from the sorted article names: every directory that holds an
   article, at any depth, in the order of the list. */
void
ui_sidebar_build(struct tui *t)
{
	struct corpus	*c = t->corpus;
	const char	*name, *slash, *prev, *base;
	char		*prefix;
	size_t		 i, j, k, common, len, nat = 0, *at = NULL;
	int		 depth, fresh;

	ui_sidebar_add(t, SIDE_HEADING, "Corpus", NULL, 0, 0);
	ui_sidebar_add(t, SIDE_ALL, "All articles", NULL, 0, c->n);
	if (c->nerrors > 0)
		ui_sidebar_add(t, SIDE_ERRORS, "Unreadable", NULL, 0, c->nerrors);
	/* Saved views, from the configuration; one that does not parse stays,
	   to say why when it is chosen. */
	if (t->config->nviews > 0)
		ui_sidebar_add(t, SIDE_HEADING, "Views", NULL, 0, 0);
	for (i = 0; i < t->config->nviews; i++) {
		const struct config_view	*v = &t->config->views[i];
		struct side_item		*s;
		struct query_error		 qe;

		ui_sidebar_add(t, SIDE_VIEW, v->name, NULL, 0, 0);
		s = &t->side[t->nside - 1];
		if (v->query == NULL)
			s->error = xasprintf("view %s has no query", v->name);
		else if ((s->query = query_parse(v->query, t->config, &qe)) == NULL)
			s->error = xasprintf("view %s: %s: %s at column %zu", v->name,
			    v->file, qe.message, query_column(v->query, qe.offset));
		else if (!(query_needs(s->query) & QUERY_NEEDS_BODY))
			ui_sidebar_view_count(t, s);
		else
			query_remember(s->query, c->n);
	}
	if (t->config->nthemes > 0) {
		ui_sidebar_add(t, SIDE_HEADING, "Themes   here/all", NULL, 0, 0);
		for (i = 0; i < t->config->nthemes; i++) {
			ui_sidebar_add(t, SIDE_THEME, t->config->themes[i].name, NULL,
			    0, 0);
			t->side[t->nside - 1].theme = i;
		}
	}
	k = t->nside;
	/* Folders are shown below the directory every article shares, so that files
	   named by absolute paths do not list "/", "home/" and so on. */
	common = 0;
	if (c->n > 0) {
		const char	*first = c->articles[0]->name;

		slash = strrchr(first, '/');
		common = slash == NULL ? 0 : (size_t)(slash - first) + 1;
		for (i = 1; i < c->n && common > 0; i++) {
			name = c->articles[i]->name;
			while (common > 0 && (strncmp(name, first, common) != 0))
				common--;
			while (common > 0 && first[common - 1] != '/')
				common--;
		}
	}
	/* Each folder, in the order first met, with how many articles are under it.
	   Articles come in path order, so an article's folders are mostly those of
	   the one before: they are found by comparing the two names, and only a new
	   folder is looked for among the rest. */
	for (i = 0, prev = NULL; i < c->n; prev = name, i++) {
		name = c->articles[i]->name;
		depth = 0;
		/* Below a folder met for the first time every folder is new too: no
		   search for them (3,000 nested folders made it quadratic). */
		fresh = 0;
		for (slash = strchr(name + common, '/'); slash != NULL;
		    slash = strchr(slash + 1, '/'), depth++) {
			len = (size_t)(slash - name) + 1;
			if ((size_t)depth >= nat) {
				at = xreallocarray(at, (size_t)depth + 1, sizeof *at);
				nat = (size_t)depth + 1;
			}
			if (prev != NULL && strncmp(prev, name, len) == 0) {
				t->side[at[depth]].count++;
				continue;
			}
			prefix = xstrndup(name, len);
			for (j = fresh ? t->nside : k; j < t->nside; j++)
				if (strcmp(t->side[j].prefix, prefix) == 0)
					break;
			if (j == t->nside) {
				fresh = 1;
				if (t->nside == k)
					ui_sidebar_add(t, SIDE_HEADING, "Folders", NULL,
					    0, 0), j = ++k;
				base = prefix + len - 1;
				while (base > prefix && base[-1] != '/')
					base--;
				ui_sidebar_add(t, SIDE_DIR, base, prefix, depth, 0);
			}
			t->side[j].count++;
			at[depth] = j;
			free(prefix);
		}
	}
	free(at);
	t->side_sel = 1;
	t->side_active = 1;
	t->side_tags = t->nside;
	ui_sidebar_tags(t);
}

/* Enter (or ! with exclude) on a tag: one more tag the list is limited by. */
static void
ui_sidebar_limit(struct tui *t, int exclude)
{
	listing_limit_tag(&t->list, t->side[t->side_sel].label, exclude);
	ui_sidebar_refilter(t);
	t->list.top = 0;
	t->focus = PANE_LIST;
}

void
ui_sidebar_apply(struct tui *t)
{
	if (!ui_sidebar_selectable(t, t->side_sel))
		return;
	if (t->side[t->side_sel].kind == SIDE_TAG) {
		ui_sidebar_limit(t, 0);
		return;
	}
	if (t->side[t->side_sel].kind == SIDE_ALL)
		ui_sidebar_clear(t);
	if (t->side[t->side_sel].error != NULL) {
		tui_message(t, 1, "%s", t->side[t->side_sel].error);
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
	struct side_item	*s = &t->side[t->side_active];
	struct listing		*l = &t->list;
	struct progress	 p;
	struct ui_watch		 w;
	size_t			 done;

	ui_watch_start(&w, "searching the text");
	p = ui_watch_progress(t, &w);
	listing_set_item(l, s);
	done = listing_refilter(l, &p);
	ui_watch_end(&w);
	if (w.stopped)
		tui_message(t, 1, "stopped at %zu of %zu articles: the list is "
		    "incomplete (L clears the limit)", done, t->corpus->n);
	if (!w.stopped && s->kind == SIDE_VIEW && !listing_limited(l))
		s->count = l->nvisible;
	t->dirty |= DIRTY_SIDEBAR | DIRTY_LIST | DIRTY_BODY | DIRTY_STATUS;
	return w.stopped;
}

int
ui_sidebar_counts(struct tui *t)
{
	const uint32_t	*counts;
	size_t		 done = scan_progress(t->scan), i, k;

	if (done == t->scan_seen)
		return 0;
	t->scan_seen = done;
	memset(t->theme_articles, 0, t->config->nthemes * sizeof *t->theme_articles);
	for (i = 0; i < t->corpus->n; i++) {
		if ((counts = scan_counts(t->scan, i)) == NULL)
			continue;
		for (k = 0; k < t->config->nthemes; k++)
			t->theme_articles[k] += counts[k] > 0;
	}
	for (i = 0; i < t->nside; i++)
		if (t->side[i].kind == SIDE_THEME)
			t->side[i].count = t->theme_articles[t->side[i].theme];
	/* Automatic tags come with the counts. */
	for (k = 0; k < t->config->nthemes; k++)
		if (t->config->themes[k].autotag > 0) {
			ui_sidebar_tags(t);
			if (t->list.nlimits > 0)
				ui_sidebar_refilter(t);
			break;
		}
	/* Views count as their articles are counted. */
	for (i = 0; i < t->nside; i++)
		if (t->side[i].kind == SIDE_VIEW && t->side[i].query != NULL &&
		    query_needs(t->side[i].query) == QUERY_NEEDS_COUNTS)
			ui_sidebar_view_count(t, &t->side[i]);
	/* A theme's list grows as its articles are counted, and so do a view's
	   and a query's that ask about themes. */
	if ((t->side_active < t->nside && (t->side[t->side_active].kind ==
	    SIDE_THEME || (t->side[t->side_active].kind == SIDE_VIEW &&
	    t->side[t->side_active].query != NULL &&
	    (query_needs(t->side[t->side_active].query) & QUERY_NEEDS_COUNTS)))) ||
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
	int			 rows = tui_rows(w), width = getmaxx(w) - 1, y, x, cl;
	size_t			 i;
	enum ui_style		 st;

	werase(w);
	listnav_show(t->side_sel, &t->side_top, t->nside, rows > 0 ? (size_t)rows : 1);
	if (t->side_top == 1 && ui_sidebar_selectable(t, 1) && 0 < t->nside &&
	    t->side[0].kind == SIDE_HEADING)
		t->side_top = 0;
	tui_header(w, t->focus == PANE_SIDEBAR, t->corpus->label, NULL);
	for (y = 0; y < rows; y++) {
		i = t->side_top + (size_t)y;
		if (i >= t->nside)
			break;
		s = &t->side[i];
		if (s->kind == SIDE_HEADING) {
			tui_text(w, y + 1, 1, width - 1, s->label, strlen(s->label),
			    UI_HEADER);
			continue;
		}
		st = i == t->side_sel && t->focus == PANE_SIDEBAR ? UI_SELECTED :
		    UI_NORMAL;
		if (st == UI_SELECTED) {
			wattrset(w, tui_attr(st));
			mvwhline(w, y + 1, 0, ' ', width);
			wattrset(w, A_NORMAL);
		}
		if (i == t->side_active)
			mvwaddch(w, y + 1, 0, '*' | tui_attr(st));
		x = 2 + (s->depth < 4 ? s->depth : 4);
		if (s->kind == SIDE_THEME) {
			const uint32_t	*here = NULL;
			const struct theme *th = &t->config->themes[s->theme];

			if (t->shown != NULL && t->list.nvisible > 0)
				here = scan_counts(t->scan, listing_selected(&t->list));
			cl = snprintf(count, sizeof count, "%s%s/%zu", here == NULL ?
			    "·" : "", "", s->count);
			if (here != NULL)
				cl = snprintf(count, sizeof count, "%u%s/%zu",
				    here[s->theme], scan_incomplete(t->scan,
				    listing_selected(&t->list), s->theme) ? "!" : "",
				    s->count);
			if (st != UI_SELECTED && th->enabled) {
				tui_text_attr(w, y + 1, x, width - x - cl - 2, th->name,
				    strlen(th->name), tui_theme_attr(s->theme));
			} else
				tui_text(w, y + 1, x, width - x - cl - 2, s->label,
				    strlen(s->label), th->enabled ? st : UI_DIM);
			tui_text(w, y + 1, width - cl - 1, cl, count, strlen(count),
			    st == UI_SELECTED ? st : UI_DIM);
			continue;
		}
		if (s->kind == SIDE_TAG) {
			size_t	 k, most = 1;
			int	 bar, b;

			for (k = 0; k < t->list.nlimits; k++)
				if (strcmp(t->list.limits[k].name, s->label) == 0)
					mvwaddch(w, y + 1, 0, (t->list.limits[k].exclude ?
					    '!' : '+') | tui_attr(st));
			/* A small bar: the tag's share of the most used tag. */
			for (k = t->side_tags; k < t->nside; k++)
				if (t->side[k].kind == SIDE_TAG && t->side[k].count > most)
					most = t->side[k].count;
			cl = snprintf(count, sizeof count, "%zu", s->count);
			bar = (int)((s->count * 3 + most - 1) / most);
			tui_text(w, y + 1, x, width - x - cl - 6, s->label,
			    strlen(s->label), st);
			for (b = 0; b < bar; b++)
				mvwaddch(w, y + 1, width - cl - 5 + b, ACS_CKBOARD |
				    tui_attr(st == UI_SELECTED ? st : UI_DIM));
			tui_text(w, y + 1, width - cl - 1, cl, count, (size_t)cl,
			    st == UI_SELECTED ? st : UI_DIM);
			continue;
		}
		cl = snprintf(count, sizeof count, "%zu", s->count);
		tui_text(w, y + 1, x, width - x - cl - 2, s->label, strlen(s->label), st);
		tui_text(w, y + 1, width - cl - 1, cl, count, (size_t)cl,
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

	nav.count = t->nside;
	nav.page = t->win[PANE_SIDEBAR] != NULL && tui_rows(t->win[PANE_SIDEBAR]) > 1 ?
	    (size_t)tui_rows(t->win[PANE_SIDEBAR]) : 1;
	nav.selectable = ui_sidebar_nav_ok;
	nav.arg = t;
	if (listnav_select(&nav, a, &i))
		a = ACT_NONE;
	switch (a) {
	case ACT_EXCLUDE:
		if (t->side[i].kind == SIDE_TAG)
			ui_sidebar_limit(t, 1);
		break;
	case ACT_TOGGLE:
		if (t->side[i].kind == SIDE_THEME) {
			struct theme	*th = &t->config->themes[t->side[i].theme];

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
