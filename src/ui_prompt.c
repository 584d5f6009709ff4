/* The prompt: a one-line editor on the status line for / and &, with a history that Up
   and Down walk through. What is typed is drawn through glyph_next() like all text. */
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
	ui_prompt_set(t, "");
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

static void
ui_prompt_accept(struct tui *t)
{
	int	 what = t->prompt;

	if (t->plen > 0 && (t->nphist == 0 ||
	    strcmp(t->phist[t->nphist - 1], t->pbuf) != 0)) {
		if (t->nphist == UI_PROMPT_HISTORY) {
			free(t->phist[0]);
			memmove(t->phist, t->phist + 1, (t->nphist - 1) *
			    sizeof *t->phist);
			t->nphist--;
		}
		t->phist = xreallocarray(t->phist, t->nphist + 1, sizeof *t->phist);
		t->phist[t->nphist++] = xstrdup(t->pbuf);
	}
	ui_prompt_close(t);
	if (what == PROMPT_SEARCH)
		ui_body_search(t, t->pbuf);
	else
		ui_list_filter(t, t->pbuf);
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
			if (t->phist_pos > 0)
				ui_prompt_set(t, t->phist[--t->phist_pos]);
			break;
		case KEY_DOWN:
			if (t->phist_pos < t->nphist)
				t->phist_pos++;
			ui_prompt_set(t, t->phist_pos < t->nphist ?
			    t->phist[t->phist_pos] : "");
			break;
		}
		return;
	}
	switch (code) {
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
	const char	*label = t->prompt == PROMPT_SEARCH ? "/" : "&";
	size_t		 start = 0;
	int		 width = getmaxx(w), col;

	werase(w);
	mvwaddstr(w, 0, 0, label);
	/* Show the end of what is typed when it does not fit. */
	while (start < t->plen && glyph_strwidth(t->pbuf + start, t->plen - start, 8) >
	    width - 3) {
		start++;
		while (start < t->plen &&
		    ((unsigned char)t->pbuf[start] & 0xc0) == 0x80)
			start++;
	}
	col = tui_text(w, 0, 1, width - 2, t->pbuf + start, t->plen - start, UI_NORMAL);
	wmove(w, 0, 1 + col);
	wnoutrefresh(w);
}
