/* Saving the sidecar: the whole text made again from the layout it was read with,
   unchanged sections copied byte for byte, changed ones rewritten, new articles' sections
   added in path order; what was written becomes the layout once it is the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sidecar_text_int.h"
#include "xmalloc.h"

static void	sidecar_text_section(struct buf *,
		    const struct sidecar_entry *, enum sidecar_text_form, const char *);
static void	sidecar_text_copy(struct buf *, struct sidecar_layout *,
		    const char *, size_t, const char *, enum sidecar_text_form, uint64_t);
static void	sidecar_text_add(struct buf *, struct sidecar_layout *,
		    const struct sidecar_entry *, int, const char *, struct buf *);
static void	sidecar_text_write_old(const struct sidecar *,
		    const struct sidecar_text_sec *, unsigned char *, struct buf *,
		    struct sidecar_layout *);
static void	sidecar_text_write_record(const struct buf *, size_t, const char *,
		    uint64_t, struct sidecar_layout *);

/* A whole section for e, as a new article gets it. */
static void
sidecar_text_section(struct buf *b, const struct sidecar_entry *e,
    enum sidecar_text_form form, const char *eol)
{
	enum sidecar_text_pfield f;
	size_t	 t, i;

	sidecar_text_header(b, e->path, form, eol);
	sidecar_text_fact(b, e, ST_FP, 0, eol);
	sidecar_text_fact(b, e, ST_NOTE, 0, eol);
	if (form == ST_HASH)
		sidecar_text_fact(b, e, ST_PATH, 0, eol);
	sidecar_text_fact(b, e, ST_READ, 0, eol);
	for (t = 0; t < e->ntags; t++)
		sidecar_text_fact(b, e, ST_TAG, t, eol);
	for (i = 0; i < e->npassages; i++) {
		for (f = SP_AT; f < SP_TAG; f++)
			sidecar_text_pfact(b, &e->passages[i], f, 0, eol);
		for (t = 0; t < e->passages[i].ntags; t++)
			sidecar_text_pfact(b, &e->passages[i], SP_TAG, t, eol);
	}
}

/* Copies bytes of the old text to out, as section path of the layout being made. */
static void
sidecar_text_copy(struct buf *out, struct sidecar_layout *next,
    const char *p, size_t n, const char *path, enum sidecar_text_form form,
    uint64_t hash)
{
	struct sidecar_text_sec	*sec;

	sec = sidecar_text_sec_add(next, out->n, path, form, 0);
	buf_put(out, p, n);
	sec->end = out->n;
	sec->hash = hash;
}

/* A new article's section, at the end of out or before the section that follows;
   recorded in next unless it is NULL. scratch is the caller's. */
static void
sidecar_text_add(struct buf *out, struct sidecar_layout *next,
    const struct sidecar_entry *e, int at_end, const char *eol,
    struct buf *scratch)
{
	struct sidecar_text_sec	*sec = NULL;
	enum sidecar_text_form	 form;
	size_t			 el = strlen(eol);

	if (at_end && out->n > 0) {
		if (out->s[out->n - 1] != '\n')
			buf_puts(out, eol);
		/* One blank line between sections. */
		if (out->n < 2 * el || memcmp(out->s + out->n - 2 * el, eol, el) != 0)
			buf_puts(out, eol);
	}
	form = sidecar_text_form(e, scratch);
	if (next != NULL)
		sec = sidecar_text_sec_add(next, out->n, e->path, form, 0);
	sidecar_text_section(out, e, form, eol);
	if (!at_end)
		buf_puts(out, eol);
	if (sec != NULL) {
		sec->end = out->n;
		sec->hash = sidecar_text_hash(e->path, e);
	}
}

/* The whole text again: sections that are not an article's copied, each article's
   section copied or rewritten (sidecar_text_write_old), new articles' sections put in
   path order among them and the rest at the end; written to f and kept as the next
   layout, which sidecar_text_settle makes the current one once f is the file. */
int
sidecar_text_write(const struct sidecar *s, FILE *f)
{
	static const char	 head[] = "; rubric sidecar: the tags, notes and read "
	    "flags of the articles in this\n; folder, one section per article. It "
	    "may be edited by hand; see rubric(5).\n";
	const struct sidecar_layout *l = s->layout;
	struct sidecar_layout	*next = xcalloc(1, sizeof *next);
	struct buf		 out, scratch;
	const struct sidecar_text_sec *sec;
	const struct sidecar_entry *e;
	unsigned char		*has;
	const char		*eol = l != NULL && l->crlf ? "\r\n" : "\n";
	size_t			 j = 0, k;
	int			 rc;

	memset(&out, 0, sizeof out);
	memset(&scratch, 0, sizeof scratch);
	buf_put(&out, "", 0);
	next->crlf = l != NULL && l->crlf;
	has = xcalloc(s->n + 1, 1);
	if (l == NULL || l->len == 0)
		sidecar_text_copy(&out, next, head, strlen(head), NULL, ST_NONE, 0);
	else
		for (k = 0; k < l->nsecs; k++)
			if (l->secs[k].form != ST_NONE &&
			    (e = sidecar_entry((struct sidecar *)s, l->secs[k].path,
			    0)) != NULL)
				has[e - s->v] = 1;
	for (k = 0; l != NULL && k < l->nsecs; k++) {
		sec = &l->secs[k];
		if (sec->form == ST_NONE) {
			sidecar_text_copy(&out, next, l->text + sec->off,
			    sec->end - sec->off, NULL, ST_NONE, 0);
			continue;
		}
		/* New articles go in path order before the sections of others. */
		for (; j < s->n && strcmp(s->v[j].path, sec->path) < 0; j++)
			if (!has[j] && !sidecar_text_empty(&s->v[j]))
				sidecar_text_add(&out, next, &s->v[j], 0, eol,
				    &scratch);
		sidecar_text_write_old(s, sec, has, &out, next);
	}
	for (; j < s->n; j++)
		if (!has[j] && !sidecar_text_empty(&s->v[j]))
			sidecar_text_add(&out, l != NULL ? next : NULL, &s->v[j], 1,
			    eol, &scratch);
	/* A file whose every section went (each article's last fact removed) is
	   written as a new one is, so that what is written reads back the same. */
	if (out.n == 0)
		sidecar_text_copy(&out, next, head, strlen(head), NULL, ST_NONE, 0);
	free(has);
	free(scratch.s);
	rc = fwrite(out.s, 1, out.n, f) != out.n || fflush(f) == EOF || ferror(f) ?
	    -1 : 0;
	next->text = out.s;
	next->len = out.n;
	if (rc == 0 && l != NULL) {
		sidecar_text_free(l->next);
		((struct sidecar_layout *)l)->next = next;
	} else
		sidecar_text_free(next);
	return rc;
}

/* An article's section sec of s's layout to out: copied byte for byte when the
   article says what it said when read, else written again (mode 0: a first-format
   section said anew; 2: a later section of an article already written; 1: the
   article's facts now). has[i] is 2 once s->v[i] was written. */
static void
sidecar_text_write_old(const struct sidecar *s, const struct sidecar_text_sec *sec,
    unsigned char *has, struct buf *out, struct sidecar_layout *next)
{
	const struct sidecar_layout *l = s->layout;
	const struct sidecar_entry *e;
	size_t			 i;
	uint64_t		 h;
	int			 mode;

	e = sidecar_entry((struct sidecar *)s, sec->path, 0);
	h = sidecar_text_hash(sec->path, e);
	if (h == sec->hash && !sec->old) {
		sidecar_text_copy(out, next, l->text + sec->off,
		    sec->end - sec->off, sec->path, sec->form, h);
		return;
	}
	if (h == sec->hash)
		mode = 0;
	else if (e != NULL && has[e - s->v] == 2)
		mode = 2;
	else
		mode = 1;
	if (e != NULL)
		has[e - s->v] = 2;
	i = out->n;
	sidecar_text_rewrite(out, l, sec, e, mode);
	if (out->n > i)
		sidecar_text_write_record(out, i, sec->path, h, next);
}

/* Records the rewritten section out[i..] in next, in the form its header has now,
   so that the next save knows where it lies; a section left with only comments has
   no header and joins the section before. */
static void
sidecar_text_write_record(const struct buf *out, size_t i, const char *path,
    uint64_t h, struct sidecar_layout *next)
{
	struct sidecar_text_sec	*ns;

	ns = sidecar_text_sec_add(next, i, path, ST_NONE, 0);
	ns->end = out->n;
	ns->hash = h;
	/* What the header says now. */
	if (out->s[i] == '[') {
		struct sidecar_text_line lx;
		const char	*nl = memchr(out->s + i, '\n', out->n - i);

		sidecar_text_lex(out->s + i, nl != NULL ? nl : out->s + out->n, &lx);
		ns->form = lx.kind == ST_SECTION && lx.rest != NULL &&
		    lx.rest[0] == '#' ? ST_HASH : ST_QUOTED;
		sidecar_text_line_free(&lx);
	} else {
		/* Only comments left: they join the section before. */
		free(ns->path);
		ns->path = NULL;
	}
}
