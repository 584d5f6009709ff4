/* The article list: one row per article that the filter lets through, the selected row
   highlighted and kept in view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "export.h"
#include "glyph.h"
#include "theme.h"
#include "tui.h"
#include "xmalloc.h"

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
	struct sidecar_entry *e;
	char		 count[24];
	int		 rows = tui_rows(w), width = getmaxx(w), y, x, cw;
	size_t		 k;
	long		 hits;
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
		e = tui_entry(t, t->visible[i]);
		if (a->error != NULL) {
			wattrset(w, tui_attr(s == UI_SELECTED ? s : UI_ERROR) | A_BOLD);
			mvwaddstr(w, y + 1, 1, "!");
			wattrset(w, A_NORMAL);
		} else if (t->marked[t->visible[i]]) {
			wattrset(w, tui_attr(s) | A_BOLD);
			mvwaddstr(w, y + 1, 1, "*");
			wattrset(w, A_NORMAL);
		}
		/* Beside the mark, which it must not hide: the query could not
		   decide this one. */
		if (t->undecided[t->visible[i]]) {
			wattrset(w, tui_attr(s == UI_SELECTED ? s : UI_ERROR) | A_BOLD);
			mvwaddstr(w, y + 1, 0, "?");
			wattrset(w, A_NORMAL);
		}
		x = 3;
		/* Hits of the enabled themes, right-aligned; "·" while not counted. */
		hits = tui_hits(t, t->visible[i]);
		if (hits < 0)
			snprintf(count, sizeof count, "·");
		else if (hits == 0)
			count[0] = '\0';
		else
			snprintf(count, sizeof count, "%ld", hits);
		cw = (int)strlen(count) > 0 ? (int)strlen(count) : 0;
		if (hits < 0)
			cw = 1;
		/* Unread articles are bold, as new mail is in mutt. */
		x += tui_text(w, y + 1, x, width - x - 6, a->title, strlen(a->title),
		    e != NULL && e->read ? s : s == UI_SELECTED ? UI_SELECTED_UNREAD :
		    UI_UNREAD);
		for (k = 0; e != NULL && k < e->ntags && x < width - 8; k++) {
			if (e->tags[k].origin == SIDECAR_REJECTED)
				continue;
			x += 1 + tui_text(w, y + 1, x + 1, width - x - 8,
			    e->tags[k].name, strlen(e->tags[k].name),
			    s == UI_SELECTED ? s : UI_DIM);
		}
		/* A theme's tags, not yet accepted, look apart: ~name. */
		for (k = 0; k < t->config->nthemes && x < width - 8; k++) {
			char	*auto_name;

			if (!tui_autotag(t, t->visible[i], e, k))
				continue;
			auto_name = xasprintf("~%s", t->config->themes[k].name);
			x += 1 + tui_text(w, y + 1, x + 1, width - x - 8, auto_name,
			    strlen(auto_name), s == UI_SELECTED ? s : UI_CHROME);
			free(auto_name);
		}
		if (cw > 0)
			tui_text(w, y + 1, width - cw - 1, cw, count, strlen(count),
			    s == UI_SELECTED ? s : UI_DIM);
	}
	if (t->nvisible == 0)
		tui_text(w, 1, 1, width - 2, "no articles", 11, UI_DIM);
	if (t->wide)
		mvwvline(w, 0, width, ACS_VLINE, getmaxy(w));
	wnoutrefresh(w);
}

void
ui_list_tag(struct tui *t, const char *name, int origin)
{
	struct sidecar_ops	 ops;
	size_t			*idx, n, k;
	char			 tag[SIDECAR_TAGMAX * 2 + 1];
	const char		*why;

	snprintf(tag, sizeof tag, "%s", name);
	if ((why = sidecar_tag_check(tag)) != NULL) {
		tui_message(t, 1, "%s", why);
		return;
	}
	n = tui_targets(t, &idx);
	memset(&ops, 0, sizeof ops);
	for (k = 0; k < n; k++) {
		char	*fp;

		if (t->rel[idx[k]] == NULL)
			continue;
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, t->rel[idx[k]], tag, origin);
		/* The content's fingerprint, so that the tags can follow the file
		   when it moves. */
		if (origin >= 0 && (fp = sidecar_fingerprint(
		    t->corpus->articles[idx[k]]->path)) != NULL) {
			sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, t->rel[idx[k]], fp,
			    0);
			free(fp);
		}
	}
	free(idx);
	tui_commit(t, &ops);
	if (t->message[0] == '\0')
		tui_message(t, 0, "%s %s %zu article%s", origin < 0 ? "untagged" :
		    "tagged", tag, n, n == 1 ? "" : "s");
}

int
ui_list_filter(struct tui *t, const char *pattern)
{
	struct theme	 th;
	struct body	 b;
	struct match	 m;
	struct ui_watch	 w;
	struct diag	 d;
	size_t		 i, hits = 0, limits = 0;

	free(t->filter_hit);
	free(t->filter_pattern);
	t->filter_hit = NULL;
	t->filter_pattern = NULL;
	if (*pattern == '\0') {
		ui_sidebar_refilter(t);
		return 0;
	}
	memset(&d, 0, sizeof d);
	if (theme_single(&th, "&", pattern, &d) == -1) {
		tui_message(t, 1, "&%s: %s", pattern, d.msgs[0].text);
		diag_free(&d);
		ui_sidebar_refilter(t);
		return -1;
	}
	/* Every article is read: the corpus search looks at whole bodies. */
	t->filter_hit = xcalloc(t->corpus->n + 1, 1);
	memset(t->filter_hit, QUERY_NO, t->corpus->n);
	ui_watch_start(&w, "searching every article");
	for (i = 0; i < t->corpus->n && !ui_watch(t, &w, i, t->corpus->n); i++) {
		/* What could not be read or searched is kept, marked: not a "no". */
		if (t->corpus->articles[i]->error != NULL ||
		    article_read(t->corpus->articles[i], &b) == -1) {
			t->filter_hit[i] = QUERY_UNDECIDED;
			limits++;
			continue;
		}
		switch (matcher_first(t->matcher, &th, 0, b.buf, b.len, b.start, &m)) {
		case 0:
			t->filter_hit[i] = QUERY_YES;
			hits++;
			break;
		case -1:
			t->filter_hit[i] = QUERY_UNDECIDED;
			limits++;
			break;
		}
		article_body_free(&b);
	}
	ui_watch_end(&w);
	t->filter_pattern = xstrdup(pattern);
	theme_free(&th);
	ui_sidebar_refilter(t);
	if (w.stopped)
		tui_message(t, 1, "&%s: stopped at %zu of %zu articles: %zu match so "
		    "far (& and Enter clears it)", pattern, i, t->corpus->n, hits);
	else if (limits > 0)
		/* Undecided: a PCRE2 limit, or a file that could not be read. */
		tui_message(t, 1, "&%s: %zu article%s match, %zu undecided (?)",
		    pattern, hits, hits == 1 ? "" : "s", limits);
	else
		tui_message(t, 0, "&%s: %zu article%s match", pattern, hits,
		    hits == 1 ? "" : "s");
	return 0;
}

void
ui_list_hit(struct tui *t, int forward)
{
	size_t	 i = t->sel;
	long	 hits;

	while (forward ? i + 1 < t->nvisible : i > 0) {
		i = forward ? i + 1 : i - 1;
		if ((hits = tui_hits(t, t->visible[i])) < 0) {
			/* Not counted yet: count it now rather than skip it. */
			scan_now(t->scan, t->visible[i]);
			hits = tui_hits(t, t->visible[i]);
		}
		if (hits > 0) {
			tui_select(t, i);
			return;
		}
	}
	tui_message(t, 0, "no %s article with a theme match", forward ? "later" :
	    "earlier");
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

const char *
ui_list_limit(struct tui *t, const char *text)
{
	static char		 why[300];
	struct query_error	 qe;
	struct query		*q;

	while (*text == ' ')
		text++;
	if (*text == '\0') {
		query_free(t->query);
		free(t->query_text);
		t->query = NULL;
		t->query_text = NULL;
		ui_sidebar_refilter(t);
		return NULL;
	}
	if ((q = query_parse(text, t->config, &qe)) == NULL) {
		snprintf(why, sizeof why, "%s at column %zu", qe.message,
		    query_column(text, qe.offset));
		return why;
	}
	/* The list is filtered again after every change: text terms read each
	   article once. */
	query_remember(q, t->corpus->n);
	query_free(t->query);
	free(t->query_text);
	t->query = q;
	t->query_text = xstrdup(text);
	if (ui_sidebar_refilter(t))
		;
	else if (t->nundecided > 0)
		tui_message(t, 1, "%zu article%s, %zu the query could not decide (?): "
		    "a PCRE2 limit", t->nvisible, t->nvisible == 1 ? "" : "s",
		    t->nundecided);
	else
		tui_message(t, 0, "%zu article%s", t->nvisible,
		    t->nvisible == 1 ? "" : "s");
	return NULL;
}

/* The sort: keys worked out once per sort, then compared. */
struct ui_list_key {
	size_t		 i;		/* the article */
	const char	*s;		/* title or path */
	char		 date[11];	/* "" when unknown */
	long		 n;		/* hits or tags */
};

static enum sort_order	 ui_list_order;

static int
ui_list_cmp(const void *va, const void *vb)
{
	const struct ui_list_key	*a = va, *b = vb;
	int				 r = 0;

	switch (ui_list_order) {
	case SORT_TITLE:
		r = strcasecmp(a->s, b->s);
		break;
	case SORT_DATE:
		/* Newest first; articles without a date after every dated one. */
		if ((a->date[0] == '\0') != (b->date[0] == '\0'))
			return a->date[0] == '\0' ? 1 : -1;
		r = -strcmp(a->date, b->date);
		break;
	case SORT_HITS:
	case SORT_TAGS:
		r = a->n < b->n ? 1 : a->n > b->n ? -1 : 0;
		break;
	default:
		break;
	}
	/* Then the corpus's order, which is by path: the sort is stable. */
	return r != 0 ? r : a->i < b->i ? -1 : a->i > b->i;
}

void
ui_list_sort(struct tui *t)
{
	struct ui_list_key		*keys;
	struct sidecar_entry		*e;
	const struct article		*a;
	size_t				 i, k, sel = t->nvisible > 0 ?
					    t->visible[t->sel] : 0;

	keys = xcalloc(t->nvisible + 1, sizeof *keys);
	for (i = 0; i < t->nvisible; i++) {
		keys[i].i = t->visible[i];
		a = t->corpus->articles[keys[i].i];
		keys[i].s = a->title != NULL ? a->title : a->name;
		if (t->sort == SORT_DATE && (a->date == NULL ||
		    article_date(a->date, keys[i].date) == -1))
			keys[i].date[0] = '\0';
		if (t->sort == SORT_HITS)
			keys[i].n = tui_hits(t, keys[i].i);
		if (t->sort == SORT_TAGS) {
			e = tui_entry(t, keys[i].i);
			for (k = 0; e != NULL && k < e->ntags; k++)
				keys[i].n += e->tags[k].origin != SIDECAR_REJECTED;
			for (k = 0; k < t->config->nthemes; k++)
				keys[i].n += tui_autotag(t, keys[i].i, e, k);
		}
	}
	ui_list_order = t->sort;
	qsort(keys, t->nvisible, sizeof *keys, ui_list_cmp);
	for (i = 0; i < t->nvisible; i++) {
		t->visible[i] = keys[i].i;
		if (keys[i].i == sel)
			t->sel = i;
	}
	free(keys);
	t->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

const char *
ui_list_export(struct tui *t, const char *path)
{
	static char	 why[4096];
	struct export	 x;
	struct stat	 st;
	const char	*dot, *slash;
	size_t		*sel, n, i;
	int		 format;

	memset(&x, 0, sizeof x);
	if (*path == '!') {
		x.force = 1;
		path++;
	}
	/* The format from the name: a known extension, else a folder. */
	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	format = dot != NULL && (slash == NULL || dot > slash) ?
	    export_format(dot + 1) : -1;
	if (format == -1 && dot != NULL && strcmp(dot, ".json") == 0)
		format = EXPORT_JSONL;
	x.format = format == -1 ? EXPORT_DIR : (enum export_format)format;
	x.out = path;
	x.corpus = t->corpus;
	x.config = t->config;
	x.scan = t->scan;
	x.side = &t->cat->side;
	x.rel = t->rel;
	/* The marked articles, or else the whole list as it is sorted. */
	if (t->nmarked > 0)
		n = tui_targets(t, &sel);
	else {
		n = t->nvisible;
		sel = xreallocarray(NULL, n + 1, sizeof *sel);
		memcpy(sel, t->visible, n * sizeof *sel);
	}
	/* The export shows hits: whatever the scan has not reached yet is counted
	   here. */
	for (i = 0; i < n; i++)
		if (scan_counts(t->scan, sel[i]) == NULL)
			scan_now(t->scan, sel[i]);
	if (!x.force && lstat(path, &st) == 0) {
		free(sel);
		snprintf(why, sizeof why, "%s exists (put ! before the name to replace "
		    "it)", path);
		return why;
	}
	if (export_write(&x, sel, n, why, sizeof why) == -1) {
		free(sel);
		return why;
	}
	free(sel);
	tui_message(t, 0, "exported %zu article%s to %s", n, n == 1 ? "" : "s", path);
	return NULL;
}
