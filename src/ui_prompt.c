/* The prompt: a one-line editor on the status line for what a key asks for (a search,
   a filter, a tag, a limit, a file to export to), with a history that Up and Down walk
   through and Tab completing tags. What is typed is drawn through glyph_next() like
   all text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "tui.h"
#include "utf8.h"
#include "xmalloc.h"

#define CTRL(c)	((c) & 0x1f)
#define UI_PROMPT_HISTORY	100

static void	ui_prompt_close(struct tui *);
static void	ui_prompt_set(struct tui *, const char *);
static void	ui_prompt_accept(struct tui *);
static void	ui_prompt_complete(struct tui *);
static const char *ui_prompt_label(int);

static const char *
ui_prompt_label(int what)
{
	switch (what) {
	case PROMPT_SEARCH:
		return "/";
	case PROMPT_TITLE:
		return "title /";
	case PROMPT_HELPFIND:
		return "help /";
	case PROMPT_FILTER:
		return "&";
	case PROMPT_TAG:
		return "tag: ";
	case PROMPT_UNTAG:
		return "untag: ";
	case PROMPT_ACCEPT:
		return "accept: ";
	case PROMPT_REJECT:
		return "reject: ";
	case PROMPT_LIMIT:
		return "limit: ";
	case PROMPT_EXPORT:
		return "export to: ";
	}
	return "";
}

/* Tab: completes what is typed to the longest prefix the candidate tags share (all
   tags for t, the targets' tags for u), and lists them when there are several. */
static void
ui_prompt_complete(struct tui *t)
{
	const char	**cand = NULL;
	size_t		 n = 0, i, j, k, common, *idx, nidx;
	int		 len;

	if (t->prompt == PROMPT_TAG) {
		for (i = 0; i < t->cat->side.n; i++)
			for (j = 0; j < t->cat->side.v[i].ntags; j++) {
				const char	*name = t->cat->side.v[i].tags[j].name;

				if (strncmp(name, t->pbuf, t->plen) != 0)
					continue;
				for (k = 0; k < n && strcmp(cand[k], name) != 0; k++)
					;
				if (k == n) {
					cand = xreallocarray(cand, n + 1, sizeof *cand);
					cand[n++] = name;
				}
			}
	} else if (t->prompt == PROMPT_ACCEPT || t->prompt == PROMPT_REJECT) {
		/* The themes' tags on the targets. */
		nidx = listing_targets(&t->list, &idx);
		for (i = 0; i < nidx; i++)
			for (j = 0; j < t->cat->config.nthemes; j++) {
				const char	*name =
				    t->cat->config.themes[j].name;

				if (!tui_autotag(t, idx[i], tui_entry(t, idx[i]), j) ||
				    strncmp(name, t->pbuf, t->plen) != 0)
					continue;
				for (k = 0; k < n && strcmp(cand[k], name) != 0; k++)
					;
				if (k == n) {
					cand = xreallocarray(cand, n + 1, sizeof *cand);
					cand[n++] = name;
				}
			}
		free(idx);
	} else if (t->prompt == PROMPT_UNTAG) {
		nidx = listing_targets(&t->list, &idx);
		for (i = 0; i < nidx; i++) {
			struct sidecar_entry	*e = tui_entry(t, idx[i]);

			for (j = 0; e != NULL && j < e->ntags; j++) {
				const char	*name = e->tags[j].name;

				if (strncmp(name, t->pbuf, t->plen) != 0)
					continue;
				for (k = 0; k < n && strcmp(cand[k], name) != 0; k++)
					;
				if (k == n) {
					cand = xreallocarray(cand, n + 1, sizeof *cand);
					cand[n++] = name;
				}
			}
		}
		free(idx);
	} else
		return;
	t->pcands[0] = '\0';
	if (n == 0) {
		free(cand);
		return;
	}
	common = strlen(cand[0]);
	for (i = 1; i < n; i++) {
		for (k = 0; k < common && cand[i][k] == cand[0][k]; k++)
			;
		common = k;
	}
	/* Not inside a character. */
	while (common > t->plen && ((unsigned char)cand[0][common] & 0xc0) == 0x80)
		common--;
	if (common > t->plen && common < sizeof t->pbuf) {
		memcpy(t->pbuf, cand[0], common);
		t->pbuf[common] = '\0';
		t->plen = common;
	}
	if (n > 1)
		for (i = 0, len = 0; i < n && (size_t)len < sizeof t->pcands - 1; i++)
			len += snprintf(t->pcands + len, sizeof t->pcands - (size_t)len,
			    "%s%s", i > 0 ? " | " : "", cand[i]);
	free(cand);
}

static void
ui_prompt_set(struct tui *t, const char *s)
{
	size_t	 n = strlen(s);

	if (n >= sizeof t->pbuf)
		n = utf8_trim(s, n, sizeof t->pbuf - 1);
	memcpy(t->pbuf, s, n);
	t->pbuf[n] = '\0';
	t->plen = n;
}

void
ui_prompt_open(struct tui *t, int what)
{
	t->prompt = what;
	t->phist_pos = t->nphist;
	t->pcands[0] = '\0';
	t->perror[0] = '\0';
	/* The query in force, to be changed rather than typed again. */
	ui_prompt_set(t, what == PROMPT_LIMIT && t->list.query_text != NULL ?
	    t->list.query_text : "");
	curs_set(1);
	t->dirty |= DIRTY_STATUS;
}

static void
ui_prompt_close(struct tui *t)
{
	t->prompt = PROMPT_NONE;
	curs_set(0);
	t->dirty |= DIRTY_STATUS;
}

/* The next (dir 1) or previous (-1) answer in the history given to this prompt. */
static void
ui_prompt_history(struct tui *t, int dir)
{
	size_t	 i = t->phist_pos;

	for (;;) {
		if (dir < 0 ? i == 0 : i >= t->nphist)
			break;
		i += (size_t)dir;
		if (i == t->nphist || t->phist_kind[i] == t->prompt) {
			t->phist_pos = i;
			ui_prompt_set(t, i < t->nphist ? t->phist[i] : "");
			return;
		}
	}
}

static void
ui_prompt_accept(struct tui *t)
{
	struct diag	 d = { 0 };
	int		 rc;
	size_t		 i;
	int		 what = t->prompt;

	for (i = t->nphist; i > 0 && t->phist_kind[i - 1] != what; i--)
		;
	if (t->plen > 0 && (i == 0 || strcmp(t->phist[i - 1], t->pbuf) != 0)) {
		if (t->nphist == UI_PROMPT_HISTORY) {
			free(t->phist[0]);
			memmove(t->phist, t->phist + 1, (t->nphist - 1) *
			    sizeof *t->phist);
			memmove(t->phist_kind, t->phist_kind + 1, (t->nphist - 1) *
			    sizeof *t->phist_kind);
			t->nphist--;
		}
		t->phist = xreallocarray(t->phist, t->nphist + 1, sizeof *t->phist);
		t->phist_kind = xreallocarray(t->phist_kind, t->nphist + 1,
		    sizeof *t->phist_kind);
		t->phist_kind[t->nphist] = what;
		t->phist[t->nphist++] = xstrdup(t->pbuf);
		t->phist_pos = t->nphist;
	}
	/* A query or a file that is refused keeps the prompt open with the
	   reason, and the list as it was. */
	if (what == PROMPT_LIMIT || what == PROMPT_EXPORT) {
		rc = what == PROMPT_LIMIT ? ui_list_limit(t, t->pbuf, &d) :
		    t->plen > 0 ? ui_list_export(t, t->pbuf, &d) : 0;
		if (rc == -1) {
			snprintf(t->perror, sizeof t->perror, "%s", d.n > 0 ?
			    d.msgs[d.n - 1].text : "");
			t->dirty |= DIRTY_STATUS;
			diag_free(&d);
			return;
		}
		diag_free(&d);
		ui_prompt_close(t);
		return;
	}
	ui_prompt_close(t);
	if (what == PROMPT_SEARCH || what == PROMPT_TITLE || what == PROMPT_HELPFIND)
		ui_search_start(t, what, t->pbuf);
	else if (what == PROMPT_FILTER)
		ui_list_filter(t, t->pbuf);
	else if (t->plen > 0)
		ui_list_tag(t, t->pbuf, what);
}

void
ui_prompt_key(struct tui *t, int r, wint_t wc)
{
	char	 enc[4];
	size_t	 n;
	int	 code = (int)wc;

	t->dirty |= DIRTY_STATUS;
	if (r == KEY_CODE_YES) {
		switch (code) {
		case KEY_ENTER:
			ui_prompt_accept(t);
			break;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_UP:
			ui_prompt_history(t, -1);
			break;
		case KEY_DOWN:
			ui_prompt_history(t, 1);
			break;
		}
		return;
	}
	if (code != '\t')
		t->pcands[0] = '\0';
	t->perror[0] = '\0';
	switch (code) {
	case '\t':
		ui_prompt_complete(t);
		return;
	case '\r':
	case '\n':
		ui_prompt_accept(t);
		return;
	case 27:
	case CTRL('g'):
		ui_prompt_close(t);
		return;
	case CTRL('u'):
		ui_prompt_set(t, "");
		return;
	case CTRL('w'):
		while (t->plen > 0 && t->pbuf[t->plen - 1] == ' ')
			t->plen--;
		while (t->plen > 0 && t->pbuf[t->plen - 1] != ' ')
			t->plen--;
		t->pbuf[t->plen] = '\0';
		return;
	case 127:
	case CTRL('h'):
		goto backspace;
	}
	if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code > 0x10ffff ||
	    (code >= 0xd800 && code <= 0xdfff))
		return;
	n = utf8_encode((uint32_t)code, enc);
	if (t->plen + n < sizeof t->pbuf) {
		memcpy(t->pbuf + t->plen, enc, n);
		t->plen += n;
		t->pbuf[t->plen] = '\0';
	}
	return;

backspace:
	if (t->plen == 0) {
		ui_prompt_close(t);
		return;
	}
	/* Back over one whole character. */
	do
		t->plen--;
	while (t->plen > 0 && ((unsigned char)t->pbuf[t->plen] & 0xc0) == 0x80);
	t->pbuf[t->plen] = '\0';
}

void
ui_prompt_draw(struct tui *t)
{
	WINDOW		*w = t->status;
	const char	*label = ui_prompt_label(t->prompt);
	size_t		 start = 0;
	int		 width = getmaxx(w), col, lw = (int)strlen(label);

	werase(w);
	mvwaddstr(w, 0, 0, label);
	/* Show the end of what is typed when it does not fit. */
	while (start < t->plen && glyph_strwidth(t->pbuf + start, t->plen - start, 8) >
	    width - lw - 2) {
		start++;
		while (start < t->plen &&
		    ((unsigned char)t->pbuf[start] & 0xc0) == 0x80)
			start++;
	}
	col = ui_draw_text(w, 0, lw, width - lw - 1, t->pbuf + start, t->plen - start,
	    UI_NORMAL);
	/* Why the answer was refused, or the candidates of a Tab, after the
	   cursor. */
	if (t->perror[0] != '\0' && lw + col + 4 < width)
		ui_draw_text(w, 0, lw + col + 2, width - lw - col - 3, t->perror,
		    strlen(t->perror), UI_MESSAGE);
	else if (t->pcands[0] != '\0' && lw + col + 4 < width)
		ui_draw_text(w, 0, lw + col + 2, width - lw - col - 3, t->pcands,
		    strlen(t->pcands), UI_DIM);
	wmove(w, 0, lw + col);
	wnoutrefresh(w);
}
