/* The body of the selected article, in the body pane or full screen: the rows the pager
   lays out for the window, drawn through render.c with the matches and hits that
   matchwin.c finds around them; ], [, n and N move with matchwin.c too. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "theme.h"
#include "xmalloc.h"

#include "file.h"
#include "glyph.h"
#include "matchwin.h"
#include "merge.h"
#include "tui.h"

static void	ui_body_row(WINDOW *, int, const struct render *, const struct row *);
static attr_t	ui_body_attr(int);
static enum ui_style ui_body_style(int);
static void	ui_body_matches(struct tui *, size_t, size_t);
static int	ui_body_visible(struct tui *, size_t);
static void	ui_body_hits(struct tui *, size_t, size_t);


static attr_t
ui_body_attr(int style)
{
	/* A coded passage is underlined whatever else it is, with colours or
	   without. */
	attr_t	 u = style & STYLE_PASSAGE ? A_UNDERLINE : 0;

	if (style & STYLE_MARKER)
		return ui_colour_attr(UI_MARKER) | u;
	if (style & STYLE_SEARCH)
		return A_REVERSE | A_BOLD | u;
	if (style & STYLE_THEME)
		return ui_colour_theme((size_t)STYLE_THEME_OF(style)) | u;
	return ui_colour_attr(ui_body_style(style)) | u;
}

/* Makes sure the theme matches of bytes [from, to) are known, for render.c. */
static void
ui_body_matches(struct tui *t, size_t from, size_t to)
{
	const struct text	*tx = &t->pager.text;

	matchwin_themes(&t->bm, t->matcher, t->cat->config.themes,
	    t->cat->config.nthemes, tx->buf, tx->len, from, to);
	t->render.matches = t->bm.ml.v;
	t->render.nmatches = t->bm.ml.n;
}

/* The search hits of bytes [from, to), found as the theme matches are; without a
   search, the match ] or [ went to is the one "hit". */
static void
ui_body_hits(struct tui *t, size_t from, size_t to)
{
	const struct text	*tx = &t->pager.text;

	/* A selection is shown as the hit, over any search. */
	if (t->sel.on) {
		t->sel_hit.start = t->sel.start;
		t->sel_hit.end = t->sel.end;
		t->render.hits = &t->sel_hit;
		t->render.nhits = 1;
		return;
	}
	if (!t->search_on) {
		t->render.hits = &t->cur;
		t->render.nhits = t->cur_valid ? 1 : 0;
		return;
	}
	matchwin_search(&t->sm, t->matcher, &t->search, tx->buf, tx->len, from, to);
	t->render.hits = t->sm.ml.v;
	t->render.nhits = t->sm.ml.n;
}

int
ui_body_search(struct tui *t, const char *pattern)
{
	struct diag	 d;

	theme_free(&t->search);
	t->search_on = 0;
	matchwin_reset(&t->sm);
	t->cur_valid = 0;
	t->dirty |= DIRTY_BODY | DIRTY_STATUS;
	if (*pattern == '\0')
		return 0;
	memset(&d, 0, sizeof d);
	if (theme_single(&t->search, "/", pattern, &d) == -1) {
		tui_message(t, 1, "/%s: %s", pattern, d.msgs[0].text);
		diag_free(&d);
		return -1;
	}
	t->search_on = 1;
	ui_body_search_next(t, 1);
	return 0;
}

void
ui_body_search_next(struct tui *t, int forward)
{
	struct match	 m;
	size_t		 from;
	int		 rc, wrapped = 0;

	tui_load_body(t);
	if (!t->search_on) {
		tui_message(t, 0, "no search: / starts one");
		return;
	}
	if (forward)
		from = t->cur_valid ? t->cur.start + 1 : t->pager.top;
	else
		from = t->cur_valid ? t->cur.start : t->pager.top;
	rc = matchwin_find(t->matcher, &t->search, 0, t->pager.text.buf,
	    t->pager.text.len, from, t->pager.start, forward, &m);
	if (rc != 0) {
		/* Wrap around, as less and vi do, and say so. */
		rc = matchwin_find(t->matcher, &t->search, 0, t->pager.text.buf,
		    t->pager.text.len, forward ? t->pager.start : t->pager.text.len,
		    t->pager.start, forward, &m);
		wrapped = 1;
	}
	if (rc != 0) {
		tui_message(t, 1, "/%s: not found%s", t->search.pats[0].source,
		    rc == -1 ? " (a PCRE2 limit was hit)" : "");
		return;
	}
	t->cur = m;
	t->cur_valid = 1;
	if (!ui_body_visible(t, m.start))
		pager_place(&t->pager, m.start, t->pager.height / 3);
	if (wrapped)
		tui_message(t, 0, "search wrapped to the %s", forward ? "top" : "bottom");
	t->dirty |= DIRTY_BODY;
}

static enum ui_style
ui_body_style(int style)
{
	if (style & STYLE_MARKER)
		return UI_MARKER;
	if (style & STYLE_HKEY)
		return UI_HKEY;
	if (style & STYLE_HEADER)
		return UI_HVAL;
	if (style & STYLE_CHROME)
		return UI_CHROME;
	return UI_NORMAL;
}

static void
ui_body_row(WINDOW *w, int y, const struct render *r, const struct row *row)
{
	struct render_iter	 it;
	struct glyph		 g;
	int			 col, style, x = 1, max = getmaxx(w) - 1;

	render_begin(r, row, &it);
	while (render_next(&it, &g, &col, &style)) {
		if (x + col + g.cols > max) {
			/* Only a glyph wider than the pane gets here: clip it. */
			if (g.kind == GLYPH_CHAR)
				break;
			g.textlen = (size_t)(max - x - col);
		}
		if (g.kind == GLYPH_CHAR)
			ui_draw_glyph(w, y, x + col, &g, ui_body_attr(style));
		else {
			wattrset(w, ui_body_attr(style));
			mvwaddnstr(w, y, x + col, g.text, (int)g.textlen);
			wattrset(w, A_NORMAL);
		}
	}
}

void
ui_body_draw(struct tui *t, WINDOW *w)
{
	struct article	*a = t->shown;
	struct row	 rows[512];
	char		 right[32];
	const char	*why;
	size_t		 len;
	int		 n, i, max = ui_draw_rows(w);

	werase(w);
	if (max > (int)(sizeof rows / sizeof rows[0]))
		max = (int)(sizeof rows / sizeof rows[0]);
	if (a == NULL) {
		ui_draw_header(w, t->focus == PANE_BODY || t->mode == MODE_READ, "",
		    NULL);
		wnoutrefresh(w);
		return;
	}
	if (t->pager.text.len <= t->pager.start)
		snprintf(right, sizeof right, "empty");
	else if (pager_at_end(&t->pager))
		snprintf(right, sizeof right, "end");
	else
		snprintf(right, sizeof right, "%d%%", (int)((t->pager.top -
		    t->pager.start) * 100 / (t->pager.text.len - t->pager.start)));
	ui_draw_header(w, t->focus == PANE_BODY || t->mode == MODE_READ,
	    t->mode == MODE_READ ? a->title : a->name, right);
	if (t->body_errno != 0) {
		/* The walk's reason first: for a folder it could not read, reading
		   the folder as a file says nothing of why. */
		why = a->error != NULL ? a->error : article_why(a->path, t->body_errno);
		len = strlen(a->name);
		wattrset(w, ui_colour_attr(UI_ERROR));
		mvwprintw(w, 1, 1, "cannot read %s:", len > 0 && a->name[len - 1] == '/' ?
		    "this folder" : "this file");
		wattrset(w, A_NORMAL);
		ui_draw_text(w, 2, 1, getmaxx(w) - 2, a->name, strlen(a->name),
		    UI_NORMAL);
		ui_draw_text(w, 3, 1, getmaxx(w) - 2, why, strlen(why), UI_NORMAL);
		wnoutrefresh(w);
		return;
	}
	/* The note, if any, above the body, with a rule under it. */
	if (t->note_rows > 0) {
		struct sidecar_entry	*e = tui_entry(t, listing_selected(&t->list));
		struct text		 tx;
		struct row		 nr;
		size_t			 off;
		int			 y;

		if (e != NULL && e->note != NULL) {
			tx.buf = e->note;
			tx.len = strlen(e->note);
			tx.tabw = t->cat->config.tab_width;
			for (off = 0, y = 1; off < tx.len &&
			    y < t->note_rows - t->orphan_rows; y++) {
				layout_row(&tx, off, getmaxx(w) - 2, &nr);
				ui_draw_text(w, y, 1, getmaxx(w) - 2, tx.buf + nr.off,
				    nr.len, UI_HVAL);
				off = nr.next;
			}
		}
		mvwhline(w, t->note_rows, 1, ACS_HLINE, getmaxx(w) - 2);
		max -= t->note_rows;
	}
	/* The passages: their spans for render.c, the orphans above the rule. */
	ui_passage_place(t, w, t->note_rows - t->orphan_rows, t->orphan_rows);
	n = pager_rows(&t->pager, rows, max);
	if (n > 0) {
		ui_body_matches(t, rows[0].off, rows[n - 1].next);
		ui_body_hits(t, rows[0].off, rows[n - 1].next);
	}
	for (i = 0; i < n; i++) {
		ui_body_row(w, i + 1 + t->note_rows, &t->render, &rows[i]);
		ui_passage_margin(t, w, i + 1 + t->note_rows, &rows[i]);
	}
	if (n == 0 && t->pager.text.len <= t->pager.start)
		ui_draw_text(w, 1, 1, getmaxx(w) - 2, "(empty file)", 12, UI_DIM);
	wnoutrefresh(w);
}

void
ui_body_match(struct tui *t, int forward)
{
	struct match	 best;
	size_t		 from;
	int		 found, incomplete;

	tui_load_body(t);
	if (t->shown == NULL || t->cat->config.nthemes == 0)
		return;
	if (forward)
		from = t->cur_valid ? t->cur.start + 1 : t->pager.top;
	else
		from = t->cur_valid ? t->cur.start : t->pager.top;
	found = matchwin_nearest(t->matcher, t->cat->config.themes,
	    t->cat->config.nthemes, t->pager.text.buf, t->pager.text.len, from,
	    t->pager.start, forward, &best, &incomplete) == 0;
	if (!found) {
		tui_message(t, 0, "no %s theme match%s", forward ? "further" :
		    "earlier", incomplete ? " (a pattern hit a PCRE2 limit)" : "");
		return;
	}
	t->cur = best;
	t->cur_valid = 1;
	if (!ui_body_visible(t, best.start))
		pager_place(&t->pager, best.start, t->pager.height / 3);
	tui_message(t, 0, "%s", t->cat->config.themes[best.theme].name);
	t->dirty |= DIRTY_BODY;
}

/* Whether byte off is on one of the rows on the screen. */
static int
ui_body_visible(struct tui *t, size_t off)
{
	struct row	 rows[512];
	int		 n, max = t->pager.height;

	if (max > (int)(sizeof rows / sizeof rows[0]))
		max = (int)(sizeof rows / sizeof rows[0]);
	n = pager_rows(&t->pager, rows, max);
	return n > 0 && off >= rows[0].off && off < rows[n - 1].next;
}

int
ui_body_edit(struct tui *t, const char *before, char **out, size_t *outlen)
{
	const char		*editor = getenv("VISUAL");
	char			 path[] = "/tmp/rubric-note-XXXXXX", *cmd, *text = NULL;
	struct diag		 why = { 0 };
	size_t			 len;
	int			 fd, status;
	FILE			*f;

	*out = NULL;
	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		tui_message(t, 1, "cannot make a file for the note: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (before != NULL)
		fputs(before, f);
	fclose(f);
	/* The editor gets the terminal; curses gets it back as it was. */
	def_prog_mode();
	endwin();
	cmd = xasprintf("%s '%s'", editor, path);
	status = system(cmd);
	free(cmd);
	reset_prog_mode();
	clearok(curscr, TRUE);
	t->dirty |= DIRTY_ALL;
	if (status != 0) {
		tui_message(t, 1, "the editor failed: the note is unchanged");
		unlink(path);
		return -1;
	}
	/* The temporary file is rubric's, not the user's: its name is left out. */
	if (file_read(path, SIDECAR_NOTEMAX, 0, &text, &len, &why) == -1) {
		tui_message(t, 1, "the note cannot be read back (%s): unchanged",
		    why.msgs[0].text + why.msgs[0].what);
		diag_free(&why);
		unlink(path);
		return -1;
	}
	unlink(path);
	if (memchr(text, '\0', len) != NULL) {
		tui_message(t, 1, "the note holds a NUL byte: unchanged");
		free(text);
		return -1;
	}
	/* Not edited: nothing to save, whatever the file says now. */
	if (before == NULL ? len == 0 : strcmp(before, text) == 0) {
		free(text);
		return 1;
	}
	*out = text;
	*outlen = len;
	return 0;
}

void
ui_body_note(struct tui *t)
{
	struct sidecar_entry	*e;
	struct sidecar_ops	 ops;
	char			*text = NULL, *before = NULL, *joined = NULL;
	const char		*now;
	size_t			 i, len;

	if (t->list.nvisible == 0 ||
	    catalog_rel(t->cat, i = listing_selected(&t->list)) == NULL)
		return;
	e = tui_entry(t, i);
	if (e != NULL && e->note != NULL)
		before = xstrdup(e->note);
	if (ui_body_edit(t, before, &text, &len) != 0) {
		free(before);
		return;
	}
	/* Someone may have saved another note while the editor was open: the file is
	   read again, and their text is kept above the edit, never written over. */
	tui_sidecar_poll(t);
	t->message[0] = '\0';	/* what the save says is what counts */
	e = tui_entry(t, i);
	now = e != NULL ? e->note : NULL;
	if (now == NULL ? len == 0 : strcmp(now, text) == 0) {
		free(text);
		free(before);
		return;
	}
	if (now != NULL && (before == NULL || strcmp(now, before) != 0)) {
		joined = merge_note_join_sep(now, text, UI_BODY_SEPARATOR);
		free(text);
		text = joined;
		len = strlen(text);
	}
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, catalog_rel(t->cat, i),
	    len > 0 ? text : NULL, 0);
	free(text);
	tui_commit(t, &ops);
	if (t->message[0] == '\0' && joined != NULL)
		tui_message(t, 1, "note changed meanwhile: both kept, yours below "
		    "'%s'", UI_BODY_SEPARATOR);
	else if (t->message[0] == '\0')
		tui_message(t, 0, "note saved");
	free(before);
}

void
ui_body_key(struct tui *t, enum action a)
{
	long	 page = t->pager.height;
	size_t	 top = t->pager.top;

	tui_load_body(t);
	switch (a) {
	case ACT_DOWN:
		pager_scroll(&t->pager, 1);
		break;
	case ACT_UP:
		pager_scroll(&t->pager, -1);
		break;
	case ACT_PAGE_DOWN:
		pager_scroll(&t->pager, page);
		break;
	case ACT_PAGE_UP:
		pager_scroll(&t->pager, -page);
		break;
	case ACT_HALF_DOWN:
		pager_scroll(&t->pager, (t->pager.height + 1) / 2);
		break;
	case ACT_HALF_UP:
		pager_scroll(&t->pager, -(long)((t->pager.height + 1) / 2));
		break;
	case ACT_TOP:
		pager_home(&t->pager);
		break;
	case ACT_BOTTOM:
		pager_end(&t->pager);
		break;
	default:
		break;
	}
	if (t->pager.top != top)
		t->dirty |= DIRTY_BODY;
}
