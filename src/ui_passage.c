/* Passages on the screen: a selection in the body (selection.c's rules), coded with
   t, taken off with u, noted with a; the coded passages underlined with a mark in
   the body's left margin, the orphans listed above it; P's list of the article's
   passages, or of a code's across the corpus, Enter going to one. Where a passage is
   now is passage.c's to find, every time it is drawn: the sidecar keeps only where
   it was last found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listnav.h"
#include "merge.h"
#include "passage.h"
#include "selection.h"
#include "xmalloc.h"
#include "tui.h"

/* A line of P's list. */
struct ui_plist_item {
	size_t		 article;		/* index into the corpus */
	char		 id[SIDECAR_PASSAGE_IDLEN + 1];
	char		*line;			/* what the list shows; owned */
};

/* Bytes of a quote the status line and P's list show before "...": the status
   line's is short enough to leave the keys that follow it on 80 columns. */
#define UI_PASSAGE_SAID		24
#define UI_PASSAGE_SHOWN	80

static struct sidecar_entry *ui_passage_entry(struct tui *);
static size_t	ui_passage_spots(struct tui *, struct passage_spot **);
static void	ui_passage_flat(char *, size_t, const char *, size_t, size_t);
static char	*ui_passage_codes(const struct sidecar_passage *);
static int	ui_passage_has(const struct sidecar_passage *, const char *);
static int	ui_passage_outside(struct tui *, size_t);
static int	ui_passage_clash(struct tui *, size_t,
		    const struct sidecar_passage *);
static void	ui_passage_select(struct tui *);
static void	ui_passage_list(struct tui *);
static void	ui_passage_add(struct tui *, size_t, const struct sidecar_passage *,
		    const char *);
static void	ui_passage_open(struct tui *);
static void	ui_passage_nav(struct tui *, enum action);

/* The shown article's entry, NULL without one. */
static struct sidecar_entry *
ui_passage_entry(struct tui *t)
{
	if (t->shown == NULL || t->list.nvisible == 0)
		return NULL;
	return tui_entry(t, listing_selected(&t->list));
}

/* The shown article's passages placed in its text; 0 when it has none or cannot be
   read. *out is the caller's to free. */
static size_t
ui_passage_spots(struct tui *t, struct passage_spot **out)
{
	struct sidecar_entry	*e = ui_passage_entry(t);

	*out = NULL;
	if (e == NULL || e->npassages == 0 || t->body.buf == NULL)
		return 0;
	return passage_spots(e, t->body.buf, t->body.len, out);
}

/* s[0..n) in out (size bytes), whitespace runs made one space and cut with "..."
   at max bytes, on a character's start. Control bytes stay, for ui_draw_text() to
   show as markers. */
static void
ui_passage_flat(char *out, size_t size, const char *s, size_t n, size_t max)
{
	size_t	 i, o = 0;
	int	 space = 0;

	for (i = 0; i < n && o + 4 < size; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
			space = o > 0;
			continue;
		}
		if (o >= max && ((unsigned char)s[i] & 0xc0) != 0x80) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		out[o++] = s[i];
	}
	out[o] = '\0';
}

/* A passage's codes, separated by spaces. Caller frees. */
static char *
ui_passage_codes(const struct sidecar_passage *p)
{
	char	*s = xstrdup(""), *n;
	size_t	 i;

	for (i = 0; i < p->ntags; i++) {
		if (p->tags[i].origin == SIDECAR_REJECTED)
			continue;
		n = xasprintf("%s%s%s", s, *s != '\0' ? " " : "", p->tags[i].name);
		free(s);
		s = n;
	}
	return s;
}

/* Whether article i is outside the sidecar's folder, where nothing of it can be
   saved: said, as a tag's save says it. */
static int
ui_passage_outside(struct tui *t, size_t i)
{
	if (catalog_rel(t->cat, i) != NULL)
		return 0;
	tui_message(t, 1, "not below the directory of %s: nothing to save",
	    t->cat->side_path);
	return 1;
}

/* Whether the new passage p of article i has the id of a passage of another text
   there, whose codes and note a t or an a would change: said. */
static int
ui_passage_clash(struct tui *t, size_t i, const struct sidecar_passage *p)
{
	const struct sidecar_passage	*q;

	if ((q = sidecar_passage_clash(tui_entry(t, i), p)) == NULL)
		return 0;
	tui_message(t, 1, "passage %s is already another text's (\"%.40s\"): "
	    "mend it in the sidecar first", q->id, q->quote);
	return 1;
}

/* Whether p has the code name. */
static int
ui_passage_has(const struct sidecar_passage *p, const char *name)
{
	size_t	 i;

	for (i = 0; i < p->ntags; i++)
		if (p->tags[i].origin != SIDECAR_REJECTED &&
		    strcmp(p->tags[i].name, name) == 0)
			return 1;
	return 0;
}

size_t
ui_passage_orphans(struct tui *t)
{
	struct passage_spot	*v;
	size_t			 n, i, orphans = 0;

	n = ui_passage_spots(t, &v);
	for (i = 0; i < n; i++)
		if (v[i].state == PASSAGE_ORPHAN)
			orphans++;
	free(v);
	return orphans;
}

size_t
ui_passage_place(struct tui *t, WINDOW *w, int y, int rows)
{
	struct passage_spot	*v;
	struct match		*m;
	char			 quote[UI_PASSAGE_SHOWN * 4 + 8], *codes, *line;
	size_t			 n, i, orphans = 0;

	n = ui_passage_spots(t, &v);
	free(t->pspans);
	t->pspans = NULL;
	t->npspans = 0;
	/* Spots come in the order of their starts, orphans last: overlapping
	   passages are joined into one span, as render.c wants them disjoint. */
	for (i = 0; i < n; i++) {
		if (v[i].state == PASSAGE_ORPHAN) {
			if (w != NULL && orphans < (size_t)rows) {
				/* Short, so that its codes fit beside it. */
				ui_passage_flat(quote, sizeof quote, v[i].p->quote,
				    strlen(v[i].p->quote), UI_PASSAGE_SAID);
				codes = ui_passage_codes(v[i].p);
				line = xasprintf("orphaned passage: \"%s\" (%s)", quote,
				    *codes != '\0' ? codes : "a note");
				ui_draw_text(w, y + (int)orphans, 1, getmaxx(w) - 2, line,
				    strlen(line), UI_ERROR);
				free(line);
				free(codes);
			}
			orphans++;
			continue;
		}
		if (t->npspans > 0 && v[i].start <= t->pspans[t->npspans - 1].end) {
			m = &t->pspans[t->npspans - 1];
			if (v[i].end > m->end)
				m->end = v[i].end;
			continue;
		}
		t->pspans = xreallocarray(t->pspans, t->npspans + 1, sizeof *t->pspans);
		m = &t->pspans[t->npspans++];
		memset(m, 0, sizeof *m);
		m->start = v[i].start;
		m->end = v[i].end;
	}
	free(v);
	t->render.passages = t->pspans;
	t->render.npassages = t->npspans;
	return orphans;
}

void
ui_passage_margin(struct tui *t, WINDOW *w, int y, const struct row *r)
{
	size_t	 k = render_find(t->pspans, t->npspans, r->off);

	if (k < t->npspans && t->pspans[k].start < r->off + (r->len > 0 ? r->len : 1))
		mvwaddch(w, y, 0, '|' | A_BOLD);
}

/* Says what is selected, and keeps its end in view. */
static void
ui_passage_select(struct tui *t)
{
	char	 quote[UI_PASSAGE_SHOWN * 4 + 8];

	pager_show(&t->pager, t->sel.end - 1);
	ui_passage_flat(quote, sizeof quote, t->body.buf + t->sel.start,
	    t->sel.end - t->sel.start, UI_PASSAGE_SAID);
	tui_message(t, 0, "selected \"%s\": t codes it, a notes it, Esc cancels",
	    quote);
}

void
ui_passage_key(struct tui *t, enum action a)
{
	const char	*buf, *nl;
	size_t		 len, pos;
	int		 r = 0;

	if (t->mode == MODE_PASSAGES) {
		if (a == ACT_OPEN)
			ui_passage_open(t);
		else
			ui_passage_nav(t, a);
		return;
	}
	if (a == ACT_PASSAGES) {
		ui_passage_list(t);
		return;
	}
	tui_load_body(t);
	if (t->shown == NULL || t->body.buf == NULL)
		return;
	buf = t->body.buf;
	len = t->body.len;
	t->dirty |= DIRTY_BODY | DIRTY_STATUS;
	switch (a) {
	case ACT_SEL_BEGIN:
		if (t->sel.on) {
			t->sel.on = 0;
			tui_message(t, 0, "selection cancelled");
			return;
		}
		if (selection_begin(&t->sel, buf, len, t->pager.top) == -1) {
			tui_message(t, 0, "nothing to select from here");
			return;
		}
		break;
	case ACT_SEL_CANCEL:
		if (t->sel.on)
			tui_message(t, 0, "selection cancelled");
		t->sel.on = 0;
		return;
	case ACT_SEL_WORD:
	case ACT_SEL_LINE:
	case ACT_SEL_SENTENCE:
	case ACT_SEL_PARAGRAPH:
		if (!t->sel.on) {
			tui_message(t, 0, "no selection: v or V starts one");
			return;
		}
		r = selection_extend(&t->sel, buf, len, a == ACT_SEL_WORD ?
		    SELECTION_WORD : a == ACT_SEL_LINE ? SELECTION_LINE :
		    a == ACT_SEL_SENTENCE ? SELECTION_SENTENCE : SELECTION_PARAGRAPH);
		if (r == -1) {
			tui_message(t, 0, "the selection reaches the end of the text");
			return;
		}
		break;
	case ACT_SEL_TAKE_SENTENCE:
		/* Again: the sentence after the one selected. A header's field
		   is one of its own, its line, though no stop ends it. */
		pos = t->sel.on ? t->sel.end : t->pager.top;
		while (pos < t->body.header_end && (buf[pos] == ' ' ||
		    buf[pos] == '\t' || buf[pos] == '\r' || buf[pos] == '\n'))
			pos++;
		if (pos < t->body.header_end) {
			nl = memchr(buf + pos, '\n', t->body.header_end - pos);
			if (selection_span(&t->sel, buf, len, pos, nl != NULL ?
			    (size_t)(nl - buf) : t->body.header_end) == 0)
				break;
		}
		if (selection_sentence(&t->sel, buf, len, t->pager.start, pos) == -1) {
			tui_message(t, 0, "no sentence from here");
			return;
		}
		break;
	case ACT_SEL_MATCH:
		if (!t->cur_valid || selection_span(&t->sel, buf, len, t->cur.start,
		    t->cur.end) == -1) {
			tui_message(t, 0, "no match to select: ] [ n or N goes to one");
			return;
		}
		break;
	default:
		return;
	}
	ui_passage_select(t);
}

void
ui_passage_code(struct tui *t, const char *names, int what)
{
	struct sidecar_ops	 ops;
	struct sidecar_passage	 p;
	struct passage_spot	*v = NULL;
	struct diag		 d = { 0 };
	char			*list = xstrdup(names), *name, *save = NULL, *fp;
	char			 quote[UI_PASSAGE_SHOWN * 4 + 8];
	const char		*rel;
	size_t			 i = listing_selected(&t->list), n, k, changed = 0;

	memset(&ops, 0, sizeof ops);
	if (!t->sel.on || t->body.buf == NULL || ui_passage_outside(t, i)) {
		free(list);
		return;
	}
	rel = catalog_rel(t->cat, i);
	memset(&p, 0, sizeof p);
	if (what == PROMPT_CODE && passage_make(t->body.buf, t->body.len,
	    t->sel.start, t->sel.end, &p) == -1) {
		tui_message(t, 1, "the selection is too long for a passage");
		free(list);
		return;
	}
	if (what == PROMPT_CODE && ui_passage_clash(t, i, &p)) {
		sidecar_passage_free(&p);
		free(list);
		return;
	}
	if (what == PROMPT_CODE)
		sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_ADD, rel, &p, NULL, 0);
	n = what == PROMPT_UNCODE ? ui_passage_spots(t, &v) : 0;
	/* Codes are separated by commas, which no tag holds: a tag may hold a
	   space. */
	for (name = strtok_r(list, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		if (strspn(name, " \t") == strlen(name))
			continue;
		if (sidecar_tag_check(name, &d) == -1) {
			tui_message(t, 1, "%s", d.msgs[0].text);
			diag_free(&d);
			goto out;
		}
		if (what == PROMPT_CODE) {
			sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, rel, &p, name,
			    SIDECAR_PERSON);
			changed++;
			continue;
		}
		/* u: the code off every passage the selection overlaps that has
		   it. */
		for (k = 0; k < n; k++)
			if (v[k].state != PASSAGE_ORPHAN && v[k].start < t->sel.end &&
			    v[k].end > t->sel.start && ui_passage_has(v[k].p, name)) {
				sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG,
				    rel, v[k].p, name, -1);
				changed++;
			}
	}
	if (changed == 0) {
		tui_message(t, 0, what == PROMPT_CODE ? "no code given" :
		    "no passage in the selection has that code");
		goto out;
	}
	/* The content's fingerprint, so that the passages follow the file when it
	   moves, as its tags do. */
	if (what == PROMPT_CODE && (fp = sidecar_fingerprint(
	    t->cat->corpus.articles[i]->path)) != NULL) {
		sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, rel, fp, 0);
		free(fp);
	}
	ui_passage_flat(quote, sizeof quote, t->body.buf + t->sel.start,
	    t->sel.end - t->sel.start, UI_PASSAGE_SAID);
	free(v);
	v = NULL;
	t->message[0] = '\0';
	tui_commit(t, &ops);
	t->sel.on = 0;
	if (t->message[0] == '\0')
		tui_message(t, 0, "%s \"%s\" %s", what == PROMPT_CODE ? "coded" :
		    "uncoded", quote, names);
	sidecar_passage_free(&p);
	free(list);
	return;
out:
	sidecar_ops_free(&ops);
	sidecar_passage_free(&p);
	free(v);
	free(list);
}

void
ui_passage_note(struct tui *t)
{
	struct sidecar_ops	 ops;
	struct sidecar_passage	 p, *have;
	struct sidecar_entry	*e;
	char			*before = NULL, *text = NULL, *joined = NULL;
	const char		*now;
	size_t			 i = listing_selected(&t->list), len;

	if (!t->sel.on || t->body.buf == NULL || ui_passage_outside(t, i))
		return;
	memset(&p, 0, sizeof p);
	if (passage_make(t->body.buf, t->body.len, t->sel.start, t->sel.end, &p) ==
	    -1) {
		tui_message(t, 1, "the selection is too long for a passage");
		return;
	}
	if (ui_passage_clash(t, i, &p)) {
		sidecar_passage_free(&p);
		return;
	}
	/* The passage is the one of the same text: its id says so. */
	if ((e = tui_entry(t, i)) != NULL &&
	    (have = sidecar_passage_find(e, p.id)) != NULL && have->note != NULL)
		before = xstrdup(have->note);
	if (ui_body_edit(t, before, &text, &len) != 0)
		goto out;
	/* As for an article's note: another's note saved meanwhile is kept. */
	tui_sidecar_poll(t);
	t->message[0] = '\0';
	e = tui_entry(t, i);
	have = e != NULL ? sidecar_passage_find(e, p.id) : NULL;
	now = have != NULL ? have->note : NULL;
	if (now == NULL ? len == 0 : strcmp(now, text) == 0)
		goto out;
	if (now != NULL && (before == NULL || strcmp(now, before) != 0)) {
		joined = merge_note_join_sep(now, text, UI_BODY_SEPARATOR);
		free(text);
		text = joined;
		len = strlen(text);
	}
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_ADD, catalog_rel(t->cat, i), &p,
	    NULL, 0);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_NOTE, catalog_rel(t->cat, i), &p,
	    len > 0 ? text : NULL, 0);
	tui_commit(t, &ops);
	t->sel.on = 0;
	if (t->message[0] == '\0' && joined != NULL)
		tui_message(t, 1, "passage note changed meanwhile: both kept, yours "
		    "below '%s'", UI_BODY_SEPARATOR);
	else if (t->message[0] == '\0')
		tui_message(t, 0, "passage note saved");
out:
	sidecar_passage_free(&p);
	free(before);
	free(text);
}

/* One line of P's list: where (the article's name, or the offsets in it), the
   codes, the quote and the note. */
static void
ui_passage_add(struct tui *t, size_t article, const struct sidecar_passage *p,
    const char *where)
{
	struct ui_plist_item	*it;
	char			 quote[UI_PASSAGE_SHOWN * 4 + 8];
	char			 note[UI_PASSAGE_SHOWN * 4 + 8];
	char			*codes = ui_passage_codes(p);

	t->plist = xreallocarray(t->plist, t->nplist + 1, sizeof *t->plist);
	it = &t->plist[t->nplist++];
	it->article = article;
	memcpy(it->id, p->id, sizeof it->id);
	ui_passage_flat(quote, sizeof quote, p->quote, strlen(p->quote),
	    UI_PASSAGE_SHOWN);
	ui_passage_flat(note, sizeof note, p->note != NULL ? p->note : "",
	    p->note != NULL ? strlen(p->note) : 0, UI_PASSAGE_SHOWN);
	it->line = xasprintf("%s  [%s]  \"%s\"%s%s", where, codes, quote,
	    p->note != NULL ? "  note: " : "", note);
	free(codes);
}

/* P: the shown article's passages, or in the sidebar on a tag, the passages of that
   code in every article, at the offsets where they were last found. */
static void
ui_passage_list(struct tui *t)
{
	struct passage_spot	*v;
	struct sidecar_entry	*e;
	const struct side_item	*s = NULL;
	char			 where[64];
	size_t			 n, i, k, j;

	ui_passage_free(t);
	if (t->mode == MODE_MAIN && t->focus == PANE_SIDEBAR &&
	    t->side_sel < t->sidebar.n)
		s = &t->sidebar.v[t->side_sel];
	if (s != NULL && s->kind == SIDE_TAG) {
		for (i = 0; i < t->cat->corpus.n; i++) {
			if ((e = tui_entry(t, i)) == NULL)
				continue;
			for (k = 0; k < e->npassages; k++)
				for (j = 0; j < e->passages[k].ntags; j++)
					if (e->passages[k].tags[j].origin !=
					    SIDECAR_REJECTED && strcmp(
					    e->passages[k].tags[j].name, s->label) == 0)
						ui_passage_add(t, i, &e->passages[k],
						    t->cat->corpus.articles[i]->name);
		}
		snprintf(t->plist_title, sizeof t->plist_title, "Passages coded %s",
		    s->label);
	} else {
		tui_load_body(t);
		n = ui_passage_spots(t, &v);
		for (k = 0; k < n; k++) {
			if (v[k].state == PASSAGE_ORPHAN)
				snprintf(where, sizeof where, "orphaned");
			else
				snprintf(where, sizeof where, "%zu-%zu", v[k].start,
				    v[k].end);
			ui_passage_add(t, listing_selected(&t->list), v[k].p, where);
		}
		free(v);
		snprintf(t->plist_title, sizeof t->plist_title, "Passages of %s",
		    t->shown != NULL ? t->shown->name : "");
	}
	if (t->nplist == 0) {
		tui_message(t, 0, s != NULL && s->kind == SIDE_TAG ?
		    "no passage has that code" : "this article has no passages: v "
		    "selects, t codes");
		return;
	}
	t->plist_prev_mode = t->mode;
	t->mode = MODE_PASSAGES;
	t->plist_sel = 0;
	t->plist_top = 0;
	t->dirty |= DIRTY_LAYOUT;
}

void
ui_passage_show(struct tui *t, const char *title, const struct cooc_ref *refs,
    size_t n)
{
	struct sidecar_entry	*e;
	struct sidecar_passage	*p;
	size_t			 i;

	ui_passage_free(t);
	/* A passage gone since the table was counted is left out. */
	for (i = 0; i < n; i++)
		if (refs[i].article < t->cat->corpus.n &&
		    (e = tui_entry(t, refs[i].article)) != NULL &&
		    (p = sidecar_passage_find(e, refs[i].id)) != NULL)
			ui_passage_add(t, refs[i].article, p,
			    t->cat->corpus.articles[refs[i].article]->name);
	if (t->nplist == 0) {
		tui_message(t, 0, "no passage in this cell");
		return;
	}
	snprintf(t->plist_title, sizeof t->plist_title, "%s", title);
	t->plist_prev_mode = t->mode;
	t->mode = MODE_PASSAGES;
	t->plist_sel = 0;
	t->plist_top = 0;
	t->dirty |= DIRTY_LAYOUT;
}

void
ui_passage_draw(struct tui *t)
{
	WINDOW	*w = t->help;
	char	 right[32];
	int	 rows = ui_draw_rows(w), y;
	size_t	 i;

	werase(w);
	snprintf(right, sizeof right, "%zu/%zu", t->nplist ? t->plist_sel + 1 : 0,
	    t->nplist);
	ui_draw_header(w, 1, t->plist_title, right);
	listnav_show(t->plist_sel, &t->plist_top, t->nplist, (size_t)rows);
	for (y = 0; y < rows; y++) {
		i = t->plist_top + (size_t)y;
		if (i >= t->nplist)
			break;
		if (i == t->plist_sel) {
			wattrset(w, ui_colour_attr(UI_SELECTED));
			mvwhline(w, y + 1, 0, ' ', getmaxx(w));
			wattrset(w, A_NORMAL);
		}
		ui_draw_text(w, y + 1, 1, getmaxx(w) - 2, t->plist[i].line,
		    strlen(t->plist[i].line), i == t->plist_sel ? UI_SELECTED :
		    UI_NORMAL);
	}
	wnoutrefresh(w);
}

static void
ui_passage_nav(struct tui *t, enum action a)
{
	struct listnav	 nav;
	size_t		 sel = t->plist_sel;

	memset(&nav, 0, sizeof nav);
	nav.count = t->nplist;
	nav.page = t->help != NULL && ui_draw_rows(t->help) > 0 ?
	    (size_t)ui_draw_rows(t->help) : 1;
	if (listnav_select(&nav, a, &sel) && sel != t->plist_sel) {
		t->plist_sel = sel;
		t->dirty |= DIRTY_HELP;
	}
}

/* Enter: the passage's article full screen, scrolled to the passage, which is shown
   as the match ] and [ go to is; q comes back to the list. */
static void
ui_passage_open(struct tui *t)
{
	struct ui_plist_item	*it;
	struct sidecar_entry	*e;
	struct sidecar_passage	*p;
	size_t			 i, start, end;

	if (t->nplist == 0)
		return;
	it = &t->plist[t->plist_sel];
	/* The article may be filtered out of the list: show all then. */
	i = listing_reveal(&t->list, it->article);
	if (i == t->list.nvisible) {
		listing_search_clear(&t->list);
		ui_sidebar_clear(t);
		ui_sidebar_refilter(t);
		i = listing_reveal(&t->list, it->article);
	}
	tui_select(t, i);
	t->mode = MODE_READ;
	t->dirty |= DIRTY_LAYOUT;
	t->kwic_back = 0;
	t->plist_back = 1;
	tui_load_body(t);
	e = tui_entry(t, it->article);
	p = e != NULL ? sidecar_passage_find(e, it->id) : NULL;
	if (p == NULL || t->body.buf == NULL || passage_find(p, t->body.buf,
	    t->body.len, &start, &end) == PASSAGE_ORPHAN) {
		tui_message(t, 1, "orphaned passage: its quote is no longer in the "
		    "text (q goes back to the list)");
		return;
	}
	memset(&t->cur, 0, sizeof t->cur);
	t->cur.start = start;
	t->cur.end = end;
	t->cur_valid = 1;
	t->pending_place = 1;
	tui_message(t, 0, "passage %zu of %zu (q goes back to the list)",
	    t->plist_sel + 1, t->nplist);
}

void
ui_passage_free(struct tui *t)
{
	size_t	 i;

	for (i = 0; i < t->nplist; i++)
		free(t->plist[i].line);
	free(t->plist);
	t->plist = NULL;
	t->nplist = 0;
}
