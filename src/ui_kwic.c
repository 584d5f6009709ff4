/* Keywords in context (K): every match of one theme across the corpus, one line each,
   the match at one column with its context either side and the article's title beside
   it; above them, how often each spelling occurs and what each pattern catches, so that
   a dead or over-matching alternative shows. Enter opens the article at the match. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "listnav.h"
#include "tui.h"
#include "utf8.h"
#include "xmalloc.h"

#define UI_KWIC_CONTEXT		120	/* bytes of context kept each side */
#define UI_KWIC_MAX		100000	/* lines kept; the rest are counted only */
#define UI_KWIC_SPELLINGS	1000

struct ui_kwic_spelling {
	char	*text;		/* as first seen */
	char	*key;		/* lowercased, blanks squeezed */
	size_t	 count;
};

static char	*ui_kwic_copy(const char *, size_t);
static char	*ui_kwic_fold(const char *);
static size_t	 ui_kwic_pick(struct tui *);
static int	 ui_kwic_cmp(const void *, const void *);
static void	 ui_kwic_line(struct tui *, WINDOW *, int, const struct kwic_line *,
		    int);

/* A copy of s[0..n) with line ends and tabs made spaces, for one screen row. */
static char *
ui_kwic_copy(const char *s, size_t n)
{
	char	*p = xstrndup(s, n);
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t')
			p[i] = ' ';
	return p;
}

static char *
ui_kwic_fold(const char *s)
{
	char	*k = xmalloc(strlen(s) + 1), *o = k;

	for (; *s != '\0'; s++) {
		if (*s == ' ' && (o == k || o[-1] == ' '))
			continue;
		*o++ = (char)tolower((unsigned char)*s);
	}
	*o = '\0';
	return k;
}

/* The theme K shows: the one selected in the sidebar, else the one ] went to, else
   the theme with most hits in the selected article. */
static size_t
ui_kwic_pick(struct tui *t)
{
	const uint32_t	*counts;
	size_t		 i, best = 0;

	if (t->focus == PANE_SIDEBAR && t->mode == MODE_MAIN &&
	    t->side[t->side_sel].kind == SIDE_THEME)
		return t->side[t->side_sel].theme;
	if (t->cur_valid && !t->search_on)
		return t->cur.theme;
	if (t->list.nvisible > 0 && (counts = scan_counts(t->scan,
	    listing_selected(&t->list))) != NULL)
		for (i = 1; i < t->config->nthemes; i++)
			if (counts[i] > counts[best])
				best = i;
	return best;
}

static int
ui_kwic_cmp(const void *a, const void *b)
{
	const struct ui_kwic_spelling	*x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->key, y->key);
}

void
ui_kwic_free(struct tui *t)
{
	size_t	 i;

	for (i = 0; i < t->nkwic; i++) {
		free(t->kwic[i].left);
		free(t->kwic[i].mid);
		free(t->kwic[i].right);
	}
	free(t->kwic);
	t->kwic = NULL;
	t->nkwic = 0;
	for (i = 0; i < t->nkwic_info; i++)
		free(t->kwic_info[i]);
	free(t->kwic_info);
	t->kwic_info = NULL;
	t->nkwic_info = 0;
}

void
ui_kwic_open(struct tui *t)
{
	const struct theme	*th;
	const uint32_t		*counts;
	struct match_list	 ml;
	struct body		 b;
	struct ui_kwic_spelling	*sp = NULL;
	size_t			 nsp = 0, i, j, k, lo, hi, total = 0, narticles = 0;
	size_t			*perpat, cap = 0;
	char			*key, line[512];
	int			 len;

	if (t->config->nthemes == 0) {
		tui_message(t, 1, "no themes: see rubric(5)");
		return;
	}
	ui_kwic_free(t);
	t->kwic_theme = ui_kwic_pick(t);
	th = &t->config->themes[t->kwic_theme];
	perpat = xcalloc(th->npats + 1, sizeof *perpat);
	memset(&ml, 0, sizeof ml);
	for (i = 0; i < t->corpus->n; i++) {
		counts = scan_counts(t->scan, i);
		if ((counts != NULL && counts[t->kwic_theme] == 0) ||
		    t->corpus->articles[i]->error != NULL ||
		    article_read(t->corpus->articles[i], &b) == -1)
			continue;
		match_list_clear(&ml);
		matcher_theme(t->matcher, th, t->kwic_theme, b.buf, b.len, b.start,
		    b.len, &ml);
		narticles += ml.n > 0;
		for (j = 0; j < ml.n; j++) {
			const struct match	*m = &ml.v[j];
			struct kwic_line	*kl;

			total++;
			perpat[m->pat]++;
			lo = m->start > UI_KWIC_CONTEXT ? m->start - UI_KWIC_CONTEXT : 0;
			while (lo < m->start && ((unsigned char)b.buf[lo] & 0xc0) == 0x80)
				lo++;
			hi = b.len - m->end > UI_KWIC_CONTEXT ? m->end + UI_KWIC_CONTEXT :
			    b.len;
			hi = m->end + utf8_trim(b.buf + m->end, b.len - m->end, hi - m->end);
			key = ui_kwic_copy(b.buf + m->start, m->end - m->start);
			{
				char	*folded = ui_kwic_fold(key);

				for (k = 0; k < nsp; k++)
					if (strcmp(sp[k].key, folded) == 0)
						break;
				if (k < nsp) {
					sp[k].count++;
					free(folded);
				} else if (nsp < UI_KWIC_SPELLINGS) {
					sp = xreallocarray(sp, nsp + 1, sizeof *sp);
					sp[nsp].text = xstrdup(key);
					sp[nsp].key = folded;
					sp[nsp++].count = 1;
				} else
					free(folded);
			}
			if (t->nkwic == UI_KWIC_MAX) {
				free(key);
				continue;
			}
			if (t->nkwic == cap) {
				cap = cap ? cap * 2 : 256;
				t->kwic = xreallocarray(t->kwic, cap, sizeof *t->kwic);
			}
			kl = &t->kwic[t->nkwic++];
			kl->article = i;
			kl->start = m->start;
			kl->end = m->end;
			kl->pat = m->pat;
			kl->left = ui_kwic_copy(b.buf + lo, m->start - lo);
			kl->mid = key;
			kl->right = ui_kwic_copy(b.buf + m->end, hi - m->end);
		}
		article_body_free(&b);
	}
	match_list_free(&ml);

	/* The counts above the lines: the totals, each pattern, each spelling. */
	t->kwic_info = xreallocarray(NULL, nsp + th->npats + 4, sizeof *t->kwic_info);
	t->kwic_info[t->nkwic_info++] = xasprintf("%s%s%s: %zu match%s in %zu "
	    "article%s%s", th->name, th->description != NULL ? " — " : "",
	    th->description != NULL ? th->description : "", total,
	    total == 1 ? "" : "es", narticles, narticles == 1 ? "" : "s",
	    total > t->nkwic ? " (the first 100000 listed)" : "");
	len = snprintf(line, sizeof line, "patterns:");
	for (k = 0; k < th->npats && len > 0 && (size_t)len < sizeof line; k++)
		len += snprintf(line + len, sizeof line - (size_t)len, "  %s %zu%s",
		    th->pats[k].key, perpat[k], th->pats[k].re == NULL ? " (left out)" :
		    perpat[k] == 0 ? " (dead)" : "");
	t->kwic_info[t->nkwic_info++] = xstrdup(line);
	if (nsp > 0)
		qsort(sp, nsp, sizeof *sp, ui_kwic_cmp);
	for (k = 0; k < nsp; k++) {
		t->kwic_info[t->nkwic_info++] = xasprintf("%6zu  %s", sp[k].count,
		    sp[k].text);
		free(sp[k].text);
		free(sp[k].key);
	}
	free(sp);
	free(perpat);
	t->kwic_sel = 0;
	t->kwic_top = 0;
	t->prev_mode = t->mode;
	t->mode = MODE_KWIC;
	t->dirty |= DIRTY_LAYOUT;
}

/* One line: left context right-aligned up to the match column, the match in its
   theme's colour, the right context, and the title in the last columns. */
static void
ui_kwic_line(struct tui *t, WINDOW *w, int y, const struct kwic_line *kl, int selected)
{
	const struct article	*a = t->corpus->articles[kl->article];
	const char		*left = kl->left;
	size_t			 llen = strlen(left);
	int			 width = getmaxx(w), tw, cw, mc, lw, mw, x;

	tw = width / 4 < 30 ? width / 4 : 30;
	cw = width - tw - 3;
	mc = cw * 2 / 5;
	if (selected) {
		wattrset(w, tui_attr(UI_SELECTED));
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
	tui_text(w, y, mc - lw, lw, left, llen, selected ? UI_SELECTED : UI_NORMAL);
	mw = glyph_strwidth(kl->mid, strlen(kl->mid), 8);
	if (mw > cw - mc)
		mw = cw - mc;
	x = mc + tui_text(w, y, mc, mw, kl->mid, strlen(kl->mid), UI_NORMAL);
	/* The match in the theme's colour, over what tui_text drew. */
	mvwchgat(w, y, mc, x - mc, tui_theme_attr(t->kwic_theme) |
	    (selected ? A_REVERSE : 0), (short)PAIR_NUMBER(tui_theme_attr(t->kwic_theme)),
	    NULL);
	if (x < cw)
		tui_text(w, y, x, cw - x, kl->right, strlen(kl->right),
		    selected ? UI_SELECTED : UI_NORMAL);
	mvwaddch(w, y, cw + 1, ACS_VLINE | (selected ? tui_attr(UI_SELECTED) : 0));
	tui_text(w, y, cw + 3, tw, a->title, strlen(a->title),
	    selected ? UI_SELECTED : UI_DIM);
}

void
ui_kwic_draw(struct tui *t)
{
	WINDOW	*w = t->help;
	char	 right[32];
	int	 rows = tui_rows(w), info, y;
	size_t	 i;

	werase(w);
	snprintf(right, sizeof right, "%zu/%zu", t->nkwic ? t->kwic_sel + 1 : 0,
	    t->nkwic);
	tui_header(w, 1, "Keywords in context", right);
	/* The counts take at most a third of the rows; the lines the rest. */
	info = (int)t->nkwic_info;
	if (info > rows / 3)
		info = rows / 3 > 2 ? rows / 3 : 2;
	for (y = 0; y < info && (size_t)y < t->nkwic_info; y++)
		tui_text(w, y + 1, 1, getmaxx(w) - 2, t->kwic_info[y],
		    strlen(t->kwic_info[y]), y < 2 ? UI_HEADER : UI_NORMAL);
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
		if (i >= t->nkwic)
			break;
		ui_kwic_line(t, w, info + 2 + y, &t->kwic[i], i == t->kwic_sel);
	}
	if (t->nkwic == 0)
		tui_text(w, info + 2, 1, getmaxx(w) - 2, "no matches", 10, UI_DIM);
	wnoutrefresh(w);
}

void
ui_kwic_key(struct tui *t, enum action a)
{
	struct kwic_line	*kl;
	struct listnav		 nav;
	size_t			 i, sel = t->kwic_sel;

	memset(&nav, 0, sizeof nav);
	nav.count = t->nkwic;
	nav.page = 10;
	if (t->help != NULL && tui_rows(t->help) > 4)
		nav.page = (size_t)tui_rows(t->help) * 2 / 3;
	if (listnav_select(&nav, a, &sel))
		a = ACT_NONE;
	switch (a) {
	case ACT_NONE:
		break;
	case ACT_OPEN:
		if (t->nkwic == 0)
			return;
		kl = &t->kwic[t->kwic_sel];
		/* The article may be filtered out of the list: show all then. */
		i = listing_find(&t->list, kl->article);
		if (i == t->list.nvisible) {
			listing_search_clear(&t->list);
			ui_sidebar_clear(t);
			ui_sidebar_refilter(t);
			i = listing_find(&t->list, kl->article);
		}
		tui_select(t, i);
		t->mode = MODE_READ;
		t->dirty |= DIRTY_LAYOUT;
		tui_load_body(t);
		t->cur.start = kl->start;
		t->cur.end = kl->end;
		t->cur.theme = (uint16_t)t->kwic_theme;
		t->cur.pat = (uint16_t)kl->pat;
		t->cur_valid = 1;
		t->pending_place = 1;
		return;
	default:
		return;
	}
	if (sel != t->kwic_sel) {
		t->kwic_sel = sel;
		t->dirty |= DIRTY_HELP;
	}
}
