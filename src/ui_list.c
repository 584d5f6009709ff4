/* The article list: one row per article the listing (listing.h) lets through, the
   selected row highlighted and kept in view; keys become calls on the listing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "export.h"
#include "glyph.h"
#include "layout.h"
#include "listnav.h"
#include "status.h"
#include "theme.h"
#include "tui.h"
#include "utf8.h"
#include "xmalloc.h"

/* The row's marks, one cell each: the query could not decide it, marked or unreadable,
   unread, has a note, coded (carries a person's tag). The date and title follow. */
#define UI_LIST_MARKS		5
#define UI_LIST_DATE_X		(UI_LIST_MARKS + 1)
#define UI_LIST_HITS		6	/* a space and up to five digits */
/* Below this width the date is shown as year and month. */
#define UI_LIST_FULL_DATE	70
/* Columns of a row that are not the title: marks, date, hits, separator. */
#define UI_LIST_FIXED		(UI_LIST_DATE_X + 11 + UI_LIST_HITS + 1)
/* Titles measured for the list's width: all of a corpus up to this many. */
#define UI_LIST_NEED_SAMPLE	8192

static int	ui_list_rows(WINDOW *);
static const char *ui_list_folded(struct tui *);
static void	ui_list_date(const struct article *, char[11]);
static void	ui_list_mark(WINDOW *, int, int, const char *, attr_t);

/* Rows of articles: the pane's less its title and the columns' header line. */
static int
ui_list_rows(WINDOW *w)
{
	return ui_draw_rows(w) > 1 ? ui_draw_rows(w) - 1 : 0;
}

/* The article's date as YYYY-MM-DD: its header's date field, else the file's
   modification time; empty when it has neither. */
static void
ui_list_date(const struct article *a, char out[11])
{
	struct tm	 tm;
	time_t		 when = article_mtime(a);
	const char	*date = article_text(a, ARTICLE_DATE);

	if (date != NULL && article_date(date, out) == 0)
		return;
	out[0] = '\0';
	if (when != 0 && localtime_r(&when, &tm) != NULL)
		strftime(out, 11, "%Y-%m-%d", &tm);
}

static void
ui_list_mark(WINDOW *w, int y, int x, const char *mark, attr_t a)
{
	wattrset(w, a | A_BOLD);
	mvwaddstr(w, y, x, mark);
	wattrset(w, A_NORMAL);
}

int
ui_list_need(struct tui *t)
{
	struct corpus	*c = &t->cat->corpus;
	size_t		 i, step;
	int		 max = 0, n;

	/* Measuring every title costs the first screen 25 ms at 200,000 articles;
	   past UI_LIST_NEED_SAMPLE titles, one in step, spread over the whole
	   corpus, stands for them all. A wider title left out is cut, as any title
	   wider than the pane is. */
	step = c->n > UI_LIST_NEED_SAMPLE ? c->n / UI_LIST_NEED_SAMPLE : 1;
	for (i = 0; i < c->n && max < LAYOUT_LIST_CAP; i += step) {
		n = layout_cols(c->articles[i]->title, strlen(c->articles[i]->title),
		    LAYOUT_LIST_CAP);
		if (n > max)
			max = n;
	}
	return UI_LIST_FIXED + max < LAYOUT_LIST_CAP ? UI_LIST_FIXED + max :
	    LAYOUT_LIST_CAP;
}

void
ui_list_sidebar(struct tui *t, enum action a)
{
	(void)a;
	t->hide_sidebar = !t->hide_sidebar;
	t->dirty |= DIRTY_LAYOUT;
}

void
ui_list_draw(struct tui *t)
{
	WINDOW		*w = t->win[PANE_LIST];
	struct listing	*l = &t->list;
	struct article	*a;
	char		 right[64], date[11];
	struct sidecar_entry *e;
	char		 count[24], copies[32];
	int		 rows = ui_list_rows(w), width = getmaxx(w), y, x, cw, dw;
	int		 cpw, sim, expanded;
	size_t		 ncopies;
	size_t		 k;
	long		 hits;
	size_t		 i;
	enum ui_style	 s;
	attr_t		 quiet;

	werase(w);
	if (t->wide)
		width--;	/* the last column separates the list from the body */
	dw = width >= UI_LIST_FULL_DATE ? 10 : 7;
	listnav_show(l->sel, &l->top, l->nvisible, rows > 0 ? (size_t)rows : 1);
	snprintf(right, sizeof right, "%zu/%zu", l->nvisible ? l->sel + 1 : 0,
	    l->nvisible);
	ui_draw_header(w, t->focus == PANE_LIST && t->mode == MODE_MAIN, "Articles",
	    right);
	/* The columns' names, over the columns. */
	ui_draw_text(w, 1, 0, width, "Marks", 5, UI_DIM);
	ui_draw_text(w, 1, UI_LIST_DATE_X, width - UI_LIST_DATE_X, "Date", 4, UI_DIM);
	ui_draw_text(w, 1, UI_LIST_DATE_X + dw + 1, width - UI_LIST_DATE_X - dw - 1,
	    "Title", 5, UI_DIM);
	if (width - UI_LIST_DATE_X - dw - 7 > 4)
		ui_draw_text(w, 1, width - 5, 4, "Hits", 4, UI_DIM);
	for (y = 0; y < rows; y++) {
		i = l->top + (size_t)y;
		if (i >= l->nvisible)
			break;
		a = t->cat->corpus.articles[l->visible[i]];
		s = i == l->sel ? UI_SELECTED : UI_NORMAL;
		quiet = ui_colour_attr(s == UI_SELECTED ? s : UI_ERROR);
		if (s == UI_SELECTED) {
			wattrset(w, ui_colour_attr(s));
			mvwhline(w, y + 2, 0, ' ', width);
			wattrset(w, A_NORMAL);
		}
		e = tui_entry(t, l->visible[i]);
		if (l->undecided[l->visible[i]])
			ui_list_mark(w, y + 2, 0, "?", quiet);
		if (a->error != NULL)
			ui_list_mark(w, y + 2, 1, "!", quiet);
		else if (l->marked[l->visible[i]])
			ui_list_mark(w, y + 2, 1, "*", ui_colour_attr(s));
		if (a->error == NULL && (e == NULL || !e->read))
			ui_list_mark(w, y + 2, 2, "N", ui_colour_attr(s));
		if (e != NULL && e->note != NULL)
			ui_list_mark(w, y + 2, 3, "n", ui_colour_attr(s));
		for (k = 0; e != NULL && k < e->ntags; k++)
			if (e->tags[k].origin == SIDECAR_PERSON) {
				ui_list_mark(w, y + 2, 4, "T", ui_colour_attr(s));
				break;
			}
		ui_list_date(a, date);
		ui_draw_text(w, y + 2, UI_LIST_DATE_X, dw, date, strlen(date),
		    s == UI_SELECTED ? s : UI_DIM);
		x = UI_LIST_DATE_X + dw + 1;
		/* Hits of the enabled themes, right-aligned; "·" while not counted. */
		hits = tui_hits(t, l->visible[i]);
		if (hits < 0)
			snprintf(count, sizeof count, "·");
		else if (hits == 0)
			count[0] = '\0';
		else
			/* Four columns at most ("133k"), which the tags stop short
			   of: 133896 ran into the tag before it. */
			status_short(count, sizeof count, (size_t)hits);
		cw = (int)strlen(count) > 0 ? (int)strlen(count) : 0;
		if (hits < 0)
			cw = 1;
		/* A story's copies (listing.h): "+3 copies" at the row of its
		   leader, folded, "3 copies:" expanded, and each copy under it
		   indented by its similarity to the story's first, "~92%". */
		copies[0] = '\0';
		if ((ncopies = listing_row_copies(l, i, &expanded)) > 0)
			snprintf(copies, sizeof copies, "%s%zu cop%s%s",
			    expanded ? "" : "+", ncopies, ncopies == 1 ? "y" : "ies",
			    expanded ? ":" : "");
		cpw = copies[0] != '\0' && width - x > 40 ?
		    (int)strlen(copies) + 1 : 0;
		if (listing_row_copy(l, i, &sim)) {
			snprintf(copies, sizeof copies, "  ~%d%% ", sim);
			x += ui_draw_text(w, y + 2, x, width - x - 6, copies,
			    strlen(copies), s == UI_SELECTED ? s : UI_DIM);
			copies[0] = '\0';
		}
		/* Unread articles are bold, as new mail is in mutt. */
		x += ui_draw_text(w, y + 2, x, width - x - 6 - cpw - (cpw > 0),
		    a->title, strlen(a->title), e != NULL && e->read ? s :
		    s == UI_SELECTED ? UI_SELECTED_UNREAD : UI_UNREAD);
		if (cpw > 0)
			ui_draw_text(w, y + 2, width - 6 - cpw, cpw - 1, copies,
			    strlen(copies), s == UI_SELECTED ? s : UI_DIM);
		for (k = 0; e != NULL && k < e->ntags && x < width - 8 - cpw; k++) {
			if (e->tags[k].origin == SIDECAR_REJECTED)
				continue;
			x += 1 + ui_draw_text(w, y + 2, x + 1, width - x - 8 - cpw,
			    e->tags[k].name, strlen(e->tags[k].name),
			    s == UI_SELECTED ? s : UI_DIM);
		}
		/* A theme's tags, not yet accepted, look apart: ~name. */
		for (k = 0; k < t->cat->config.nthemes && x < width - 8 - cpw; k++) {
			char	*auto_name;

			if (!tui_autotag(t, l->visible[i], e, k))
				continue;
			auto_name = xasprintf("~%s",
			    t->cat->config.themes[k].name);
			x += 1 + ui_draw_text(w, y + 2, x + 1, width - x - 8 - cpw,
			    auto_name,
			    strlen(auto_name), s == UI_SELECTED ? s : UI_CHROME);
			free(auto_name);
		}
		if (cw > 0)
			ui_draw_text(w, y + 2, width - cw - 1, cw, count, strlen(count),
			    s == UI_SELECTED ? s : UI_DIM);
	}
	if (l->nvisible == 0)
		ui_draw_text(w, 2, 1, width - 2, "no articles", 11, UI_DIM);
	if (t->wide)
		mvwvline(w, 0, width, ACS_VLINE, getmaxy(w));
	wnoutrefresh(w);
}

void
ui_list_tag(struct tui *t, const char *name, int what)
{
	struct sidecar_ops	 ops;
	struct theme		*th;
	size_t			*idx, n, k, ncopies;
	struct diag		 d = { 0 };
	int			 expanded;
	const char		*verb, *plain = "";
	char			 tag[SIDECAR_TAGMAX * 2 + 1];
	int			 origin;

	snprintf(tag, sizeof tag, "%s", name);
	if (sidecar_tag_check(tag, &d) == -1) {
		tui_message(t, 1, "%s", d.msgs[0].text);
		diag_free(&d);
		return;
	}
	switch (what) {
	case PROMPT_UNTAG:
		origin = -1;
		verb = "untagged";
		break;
	case PROMPT_REJECT:
		/* A name no theme tags by itself has nothing to keep off: say
		   so, or a mistyped theme passes for a rejected one. */
		origin = SIDECAR_REJECTED;
		verb = "rejected";
		if ((th = config_theme(&t->cat->config, tag)) == NULL ||
		    th->autotag == 0)
			plain = " (no theme tags it automatically)";
		break;
	case PROMPT_ACCEPT:
		/* Accepting a name no theme tags by itself makes a plain tag, as t
		   does: say so, or a mistyped theme passes for an accepted one. */
		origin = SIDECAR_PERSON;
		verb = "accepted";
		if ((th = config_theme(&t->cat->config, tag)) == NULL ||
		    th->autotag == 0) {
			verb = "tagged";
			plain = " (no theme tags it automatically)";
		}
		break;
	default:
		origin = SIDECAR_PERSON;
		verb = "tagged";
		break;
	}
	/* A folded story's row stands for its copies: whether they are tagged too
	   is asked, then the tag goes on in one change, which U undoes whole. */
	if (what == PROMPT_TAG && t->tag_copies == 0 && t->list.nmarked == 0 &&
	    (ncopies = listing_row_copies(&t->list, t->list.sel, &expanded)) > 0 &&
	    !expanded) {
		size_t	 len = strlen(tag), cut = utf8_trim(tag, len, 20);

		snprintf(t->ask_tag, sizeof t->ask_tag, "%s", tag);
		/* A long name shortened, or the question's end falls off an
		   80-column status line and any key unseen answers it. */
		ui_dups_ask(t, UI_ASK_TAG, "tag the %zu cop%s of this story %.*s%s "
		    "too? (y/n)", ncopies, ncopies == 1 ? "y" : "ies", (int)cut, tag,
		    cut < len ? "..." : "");
		return;
	}
	n = listing_targets(&t->list, &idx);
	if (t->tag_copies > 0 && n == 1) {
		size_t	*more, nmore = listing_copy_list(&t->list, idx[0], &more);

		idx = xreallocarray(idx, n + nmore, sizeof *idx);
		memcpy(idx + n, more, nmore * sizeof *idx);
		n += nmore;
		free(more);
	}
	memset(&ops, 0, sizeof ops);
	for (k = 0; k < n; k++) {
		const char	*rel;
		char		*fp;

		if ((rel = catalog_rel(t->cat, idx[k])) == NULL)
			continue;
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, rel, tag, origin);
		/* The content's fingerprint, so that the tags can follow the file
		   when it moves. */
		if (origin >= 0 && (fp = sidecar_fingerprint(
		    t->cat->corpus.articles[idx[k]]->path)) != NULL) {
			sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, rel, fp, 0);
			free(fp);
		}
	}
	free(idx);
	tui_commit(t, &ops);
	if (t->message[0] == '\0')
		tui_message(t, 0, "%s %s %zu article%s%s", verb, tag, n,
		    n == 1 ? "" : "s", plain);
}

/* &: the corpus search, in the core, watched from here. */
int
ui_list_filter(struct tui *t, const char *pattern)
{
	struct progress		 p;
	struct theme		 th;
	struct ui_watch		 w;
	struct diag		 d;
	size_t			 done, hits, limits;

	listing_search_clear(&t->list);
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
	ui_watch_start(&w, "searching every article");
	p = ui_watch_progress(t, &w);
	done = listing_search(&t->list, pattern, &th, t->matcher, &p, &hits, &limits);
	ui_watch_end(&w);
	theme_free(&th);
	ui_sidebar_refilter(t);
	if (w.stopped)
		tui_message(t, 1, "&%s: stopped at %zu of %zu articles: %zu match so "
		    "far (& and Enter clears it)", pattern, done,
		    t->cat->corpus.n, hits);
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
	struct listing	*l = &t->list;
	size_t		 i = l->sel;
	long		 hits;

	while (forward ? i + 1 < l->nvisible : i > 0) {
		i = forward ? i + 1 : i - 1;
		if ((hits = tui_hits(t, l->visible[i])) < 0) {
			/* Not counted yet: count it now rather than skip it. */
			scan_now(t->cat->scan, l->visible[i]);
			hits = tui_hits(t, l->visible[i]);
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
	WINDOW		*w = t->win[PANE_LIST];
	struct listnav	 nav;
	size_t		 sel = t->list.sel;

	memset(&nav, 0, sizeof nav);
	nav.count = t->list.nvisible;
	nav.page = w != NULL && ui_list_rows(w) > 1 ? (size_t)ui_list_rows(w) : 1;
	if (listnav_select(&nav, a, &sel))
		tui_select(t, sel);
}

int
ui_list_limit(struct tui *t, const char *text, struct diag *d)
{
	struct query_error	 qe;
	struct query		*q;
	struct ui_watch		 w;
	struct progress		 p;

	while (*text == ' ')
		text++;
	if (*text == '\0') {
		listing_set_query(&t->list, NULL, NULL);
		ui_sidebar_refilter(t);
		return 0;
	}
	if ((q = query_parse(text, &t->cat->config, &qe)) == NULL) {
		diag_add(d, DIAG_ERROR, NULL, 0, "%s at column %zu", qe.message,
		    query_column(text, qe.offset));
		return -1;
	}
	/* The list is filtered again after every change: text terms read each
	   article once, and only those the text index cannot rule out. */
	query_remember(q, t->cat->corpus.n);
	if (query_needs(q) & QUERY_NEEDS_BODY) {
		ui_watch_start(&w, "indexing the text");
		p = ui_watch_progress(t, &w);
		catalog_text(t->cat, q, &p);
		ui_watch_end(&w);
	}
	listing_set_query(&t->list, q, text);
	if (ui_sidebar_refilter(t))
		;
	else if (t->list.nundecided > 0)
		tui_message(t, 1, "%zu article%s%s, %zu the query could not decide "
		    "(?): a PCRE2 limit", t->list.npassed, t->list.npassed == 1 ?
		    "" : "s", ui_list_folded(t), t->list.nundecided);
	else
		tui_message(t, 0, "%zu article%s%s", t->list.npassed,
		    t->list.npassed == 1 ? "" : "s", ui_list_folded(t));
	return 0;
}

/* What a count of the articles a limit picks adds when copies fold some into
   their stories' rows: the rows are fewer, and a count of rows said as one of
   articles would misstate what the query found. Borrowed, valid until the next
   call. */
static const char *
ui_list_folded(struct tui *t)
{
	static char	 buf[64];

	if (t->list.nvisible == t->list.npassed)
		return "";
	snprintf(buf, sizeof buf, " in %zu row%s (copies folded)",
	    t->list.nvisible, t->list.nvisible == 1 ? "" : "s");
	return buf;
}

void
ui_list_sort(struct tui *t)
{
	listing_sort(&t->list);
	t->dirty |= DIRTY_LIST | DIRTY_STATUS;
}

int
ui_list_export(struct tui *t, const char *path, struct diag *d)
{
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
	x.corpus = &t->cat->corpus;
	x.config = &t->cat->config;
	x.scan = t->cat->scan;
	x.side = &t->cat->side;
	x.rel = t->cat->rel;
	/* The marked articles, or else the whole list as it is sorted. */
	if (t->list.nmarked > 0)
		n = listing_targets(&t->list, &sel);
	else {
		n = t->list.nvisible;
		sel = xreallocarray(NULL, n + 1, sizeof *sel);
		for (i = 0; i < n; i++)
			sel[i] = t->list.visible[i];
	}
	/* The export shows hits: whatever the scan has not reached yet is counted
	   here. */
	for (i = 0; i < n; i++)
		if (scan_counts(t->cat->scan, sel[i]) == NULL)
			scan_now(t->cat->scan, sel[i]);
	if (!x.force && lstat(path, &st) == 0) {
		free(sel);
		diag_add(d, DIAG_ERROR, NULL, 0, "%s exists (put ! before the name to "
		    "replace it)", path);
		return -1;
	}
	if (export_write(&x, sel, n, d) == -1) {
		free(sel);
		return -1;
	}
	free(sel);
	tui_message(t, 0, "exported %zu article%s to %s", n, n == 1 ? "" : "s", path);
	return 0;
}
