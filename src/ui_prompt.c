/* The prompt: a one-line editor on the status line for what a key asks for (a search,
   a filter, a tag, a limit, a file to export to), with a history that Up and Down walk
   through and Tab completing tags, file names and queries; a file name's ~ is the
   home. What is typed is drawn through glyph_next() like all text. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "glyph.h"
#include "tui.h"
#include "utf8.h"
#include "xmalloc.h"

#define CTRL(c)	((c) & 0x1f)
#define UI_PROMPT_HISTORY	100

/* What Tab may put in place of the word being typed: whole words, owned, each once;
   shown from its skip-th byte (a file's name without its folder). */
struct ui_prompt_cands {
	char	**v;
	size_t	 n;
	size_t	 skip;
};

static void	ui_prompt_close(struct tui *);
static void	ui_prompt_set(struct tui *, const char *);
static void	ui_prompt_accept(struct tui *);
static void	ui_prompt_complete(struct tui *);
static const char *ui_prompt_label(int);
static int	ui_prompt_export(struct tui *, struct diag *);
static int	ui_prompt_cmp(const void *, const void *);
static void	ui_prompt_cand(struct ui_prompt_cands *, const char *, size_t,
		    const char *, const char *);
static void	ui_prompt_files(struct ui_prompt_cands *, const char *, size_t);
static void	ui_prompt_query(struct tui *, struct ui_prompt_cands *, const char *,
		    size_t);

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
	case PROMPT_CODE:
		return "code passage: ";
	case PROMPT_UNCODE:
		return "uncode passage: ";
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

static int
ui_prompt_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds prefix and name (as one word) if the word typed, w[0..wlen), starts it. */
static void
ui_prompt_cand(struct ui_prompt_cands *c, const char *w, size_t wlen,
    const char *prefix, const char *name)
{
	char	*s = xasprintf("%s%s", prefix, name);
	size_t	 k;

	if (strncmp(s, w, wlen) != 0) {
		free(s);
		return;
	}
	for (k = 0; k < c->n; k++)
		if (strcmp(c->v[k], s) == 0) {
			free(s);
			return;
		}
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n++] = s;
}

/* The files and folders a file name being typed may go on to, as typed (a ~ stays
   a ~); folders end in /. Names that start with a dot only after a dot. */
static void
ui_prompt_files(struct ui_prompt_cands *c, const char *w, size_t wlen)
{
	char		*typed, *dir, *path, *name;
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	size_t		 dlen;

	if (wlen == 1 && w[0] == '~') {
		ui_prompt_cand(c, w, wlen, "", "~/");
		return;
	}
	for (dlen = wlen; dlen > 0 && w[dlen - 1] != '/'; dlen--)
		;
	typed = xstrndup(w, dlen);
	dir = file_home(dlen > 0 ? typed : ".");
	c->skip = dlen;
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0 ||
			    (de->d_name[0] == '.' && (dlen == wlen || w[dlen] != '.')))
				continue;
			if (strncmp(de->d_name, w + dlen, wlen - dlen) != 0)
				continue;
			path = xasprintf("%s/%s", dir, de->d_name);
			name = xasprintf("%s%s", de->d_name, stat(path, &sb) == 0 &&
			    S_ISDIR(sb.st_mode) ? "/" : "");
			ui_prompt_cand(c, w, wlen, typed, name);
			free(name);
			free(path);
		}
		closedir(d);
	}
	free(dir);
	free(typed);
}

/* The words of a query being typed: a field's name, and after theme:, tag:, auto:
   or view: the themes, tags or views there are. */
static void
ui_prompt_query(struct tui *t, struct ui_prompt_cands *c, const char *w, size_t wlen)
{
	const char	*colon = memchr(w, ':', wlen);
	size_t		 i, j;
	char		*field;

	if (colon == NULL) {
		for (i = 0; query_fields[i].name != NULL; i++)
			ui_prompt_cand(c, w, wlen, query_fields[i].name,
			    strchr(query_fields[i].form, ':') == NULL ? "" : ":");
		return;
	}
	field = xstrndup(w, (size_t)(colon - w) + 1);
	if (strcmp(field, "theme:") == 0 || strcmp(field, "auto:") == 0)
		for (i = 0; i < t->cat->config.nthemes; i++)
			ui_prompt_cand(c, w, wlen, field, t->cat->config.themes[i].name);
	if (strcmp(field, "view:") == 0)
		for (i = 0; i < t->cat->config.nviews; i++)
			if (t->cat->config.views[i].query != NULL)
				ui_prompt_cand(c, w, wlen, field,
				    t->cat->config.views[i].name);
	if (strcmp(field, "tag:") == 0 || strcmp(field, "auto:") == 0)
		for (i = 0; i < t->cat->side.n; i++)
			for (j = 0; j < t->cat->side.v[i].ntags; j++)
				ui_prompt_cand(c, w, wlen, field,
				    t->cat->side.v[i].tags[j].name);
	free(field);
}

/* Tab: completes the word being typed to the longest prefix its candidates share,
   and lists them when there are several, which Tab again then puts in turn: tags (all for t, the targets' for u, the
   themes' on the targets for + and -), file names for e, a query's fields, themes,
   tags and views for l. */
static void
ui_prompt_complete(struct tui *t)
{
	struct ui_prompt_cands	 c = { NULL, 0, 0 };
	const char		*w, *pick;
	size_t			 i, j, k, common, *idx, nidx, base = 0, wlen;
	int			 len, cycling;

	if (t->prompt == PROMPT_EXPORT)
		base = t->pbuf[0] == '!';
	else if (t->prompt == PROMPT_CODE || t->prompt == PROMPT_UNCODE) {
		/* Several codes: the one after the last comma. */
		for (base = t->plen; base > 0 && t->pbuf[base - 1] != ','; base--)
			;
		while (base < t->plen && t->pbuf[base] == ' ')
			base++;
	}
	else if (t->prompt == PROMPT_LIMIT)
		/* The word under the cursor, at the end. */
		for (base = t->plen; base > 0 &&
		    strchr(" \t()!&|", t->pbuf[base - 1]) == NULL; base--)
			;
	/* Tab again after a list: the candidates of the same word, one by one. */
	cycling = t->pcands[0] != '\0';
	w = cycling ? t->pstem : t->pbuf + base;
	wlen = strlen(w);
	if (t->prompt == PROMPT_TAG || t->prompt == PROMPT_CODE ||
	    t->prompt == PROMPT_UNCODE) {
		/* Tags and codes are one vocabulary: either completes both. */
		for (i = 0; i < t->cat->side.n; i++) {
			const struct sidecar_entry	*se = &t->cat->side.v[i];

			for (j = 0; j < se->ntags; j++)
				ui_prompt_cand(&c, w, wlen, "", se->tags[j].name);
			for (k = 0; k < se->npassages; k++)
				for (j = 0; j < se->passages[k].ntags; j++)
					ui_prompt_cand(&c, w, wlen, "",
					    se->passages[k].tags[j].name);
		}
	} else if (t->prompt == PROMPT_ACCEPT || t->prompt == PROMPT_REJECT) {
		/* The themes' tags on the targets. */
		nidx = listing_targets(&t->list, &idx);
		for (i = 0; i < nidx; i++)
			for (j = 0; j < t->cat->config.nthemes; j++)
				if (tui_autotag(t, idx[i], tui_entry(t, idx[i]), j))
					ui_prompt_cand(&c, w, wlen, "",
					    t->cat->config.themes[j].name);
		free(idx);
	} else if (t->prompt == PROMPT_UNTAG) {
		nidx = listing_targets(&t->list, &idx);
		for (i = 0; i < nidx; i++) {
			struct sidecar_entry	*e = tui_entry(t, idx[i]);

			for (j = 0; e != NULL && j < e->ntags; j++)
				ui_prompt_cand(&c, w, wlen, "", e->tags[j].name);
		}
		free(idx);
	} else if (t->prompt == PROMPT_EXPORT)
		ui_prompt_files(&c, w, wlen);
	else if (t->prompt == PROMPT_LIMIT)
		ui_prompt_query(t, &c, w, wlen);
	else
		return;
	/* No candidate leaves c.v NULL, which qsort may not take. */
	if (c.n > 1)
		qsort(c.v, c.n, sizeof *c.v, ui_prompt_cmp);
	if (cycling && c.n > 1) {
		/* The list stays shown, for the next Tab. */
		pick = c.v[t->pcycle++ % c.n];
		if (base + strlen(pick) < sizeof t->pbuf) {
			memcpy(t->pbuf + base, pick, strlen(pick) + 1);
			t->plen = base + strlen(pick);
		}
		goto out;
	}
	t->pcands[0] = '\0';
	if (c.n == 0)
		goto out;
	common = strlen(c.v[0]);
	for (i = 1; i < c.n; i++) {
		for (k = 0; k < common && c.v[i][k] == c.v[0][k]; k++)
			;
		common = k;
	}
	/* Not inside a character. */
	while (common > wlen && ((unsigned char)c.v[0][common] & 0xc0) == 0x80)
		common--;
	if (common > wlen && base + common < sizeof t->pbuf) {
		memcpy(t->pbuf + base, c.v[0], common);
		t->plen = base + common;
		t->pbuf[t->plen] = '\0';
	}
	if (c.n > 1 && t->plen - base < sizeof t->pstem) {
		memcpy(t->pstem, t->pbuf + base, t->plen - base);
		t->pstem[t->plen - base] = '\0';
		t->pcycle = 0;
	}
	if (c.n > 1)
		for (i = 0, len = 0; i < c.n && (size_t)len < sizeof t->pcands - 1; i++)
			len += snprintf(t->pcands + len, sizeof t->pcands - (size_t)len,
			    "%s%s", i > 0 ? " | " : "", c.v[i] + c.skip);
out:
	for (i = 0; i < c.n; i++)
		free(c.v[i]);
	free(c.v);
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
	t->pcands[0] = '\0';
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

/* e: exports to the file typed, its ~ the home; what goes wrong names the file as
   typed, not as expanded. */
static int
ui_prompt_export(struct tui *t, struct diag *d)
{
	struct diag_msg	*m;
	const char	*typed = t->pbuf + (t->pbuf[0] == '!');
	char		*path = file_home(typed), *arg, *text;
	size_t		 plen = strlen(path), tlen = strlen(typed);
	int		 rc;

	arg = xasprintf("%s%s", t->pbuf[0] == '!' ? "!" : "", path);
	rc = ui_list_export(t, arg, d);
	if (rc == -1 && d->n > 0 && strcmp(path, typed) != 0) {
		m = &d->msgs[d->n - 1];
		/* "PATH: reason" and "PATH exists (...)" alike. */
		if (strncmp(m->text, path, plen) == 0 &&
		    (m->text[plen] == ':' || m->text[plen] == ' ')) {
			text = xasprintf("%s%s", typed, m->text + plen);
			free(m->text);
			m->text = text;
			m->what = m->what + tlen - plen;
		}
	}
	free(arg);
	free(path);
	return rc;
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
		    t->plen > 0 ? ui_prompt_export(t, &d) : 0;
		if (rc == -1) {
			snprintf(t->perror, sizeof t->perror, "%s", d.n > 0 ?
			    d.msgs[d.n - 1].text : "");
			/* Beside what is typed the reason may be cut: H has
			   it whole. */
			if (t->perror[0] != '\0')
				status_log_add(&t->msglog, 1, t->perror);
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
	else if ((what == PROMPT_CODE || what == PROMPT_UNCODE) && t->plen > 0)
		ui_passage_code(t, t->pbuf, what);
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
