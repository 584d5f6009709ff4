/* The hand edits of a sidecar's text, section by section, for the merge driver
   (merge_edits.c): comments, keys rubric does not know and lines of facts that are not
   read, each with its line. */
#include <stdlib.h>
#include <string.h>

#include "sidecar_text_int.h"
#include "xmalloc.h"

static int	sidecar_text_hand_grows(size_t);
static size_t	sidecar_text_hand_room(size_t);
static void	sidecar_text_hand_add(struct sidecar_hand *, const char *, const char *,
		    int, int);
static int	sidecar_text_hand_read(const struct sidecar_text_kv *, size_t, size_t,
		    int);

/* The arrays below keep no capacity: they are allocated in powers of two, grown when
   n reaches one, so that a section of 300,000 lines is not copied at every line. */
static int
sidecar_text_hand_grows(size_t n)
{
	return n == 0 || (n >= 16 && (n & (n - 1)) == 0);
}

static size_t
sidecar_text_hand_room(size_t n)
{
	return n == 0 ? 16 : n * 2;
}

/* Adds line p..e (its line end cut) of the text to h as a hand edit. */
static void
sidecar_text_hand_add(struct sidecar_hand *h, const char *p, const char *e, int lineno,
    int shadowed)
{
	while (e > p && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	if (sidecar_text_hand_grows(h->n)) {
		h->lines = xreallocarray(h->lines, sidecar_text_hand_room(h->n),
		    sizeof *h->lines);
		h->shadowed = xreallocarray(h->shadowed,
		    sidecar_text_hand_room(h->n), sizeof *h->shadowed);
		h->lineno = xreallocarray(h->lineno, sidecar_text_hand_room(h->n),
		    sizeof *h->lineno);
	}
	h->lines[h->n] = xstrndup(p, (size_t)(e - p));
	h->shadowed[h->n] = shadowed;
	h->lineno[h->n] = lineno;
	h->n++;
}

/* Whether the fact kv[i] of a section is read: the last of its whole key, or a piece
   of an unbroken run from 0 when there is no whole key (its last line); the last of a
   tag's or read's lines. Mirrors sidecar_text_joined and sidecar_text_entry. */
static int
sidecar_text_hand_read(const struct sidecar_text_kv *kv, size_t n, size_t i, int hash)
{
	size_t	 j;
	int	 whole = 0, k, one;

	if (kv[i].fact == ST_PATH && !hash)
		return 0;
	/* One line each: read, a tag, a passage's start-end or code. */
	one = kv[i].fact == ST_READ || kv[i].fact == ST_TAG ||
	    (kv[i].fact == ST_PASSAGE && (kv[i].pfield == SP_AT ||
	    kv[i].pfield == SP_TAG));
	for (j = i + 1; j < n; j++)
		if (sidecar_text_same(&kv[j], &kv[i]) && (one ||
		    kv[j].piece == kv[i].piece))
			return 0;
	if (one || kv[i].piece == -1)
		return 1;
	for (j = 0; j < n; j++)
		whole |= sidecar_text_same(&kv[j], &kv[i]) && kv[j].piece == -1;
	if (whole)
		return 0;
	for (k = 0; k < kv[i].piece; k++) {
		for (j = 0; j < n; j++)
			if (sidecar_text_same(&kv[j], &kv[i]) && kv[j].piece == k)
				break;
		if (j == n)
			return 0;
	}
	return 1;
}

int
sidecar_text_hands(const char *text, size_t len, const char *path,
    struct sidecar_hand **v, size_t *n, struct diag *d)
{
	struct sidecar		 s;
	struct sidecar_layout	*l;
	struct sidecar_text_line lx;
	struct sidecar_text_kv	*kv = NULL;
	struct sidecar_hand	*h;
	const struct sidecar_text_sec *sec;
	const char		*p, *nl, *end, **at = NULL;
	int			*lno = NULL;
	size_t			 i, j, nkv;
	int			 line = 0, kind;

	*v = NULL;
	*n = 0;
	sidecar_init(&s);
	if (sidecar_text_parse(&s, xstrndup(text, len), len, path, d) == -1)
		return -1;
	l = s.layout;
	*v = xcalloc(l->nsecs, sizeof **v);
	for (i = 0; i < l->nsecs; i++) {
		sec = &l->secs[i];
		h = &(*v)[(*n)++];
		h->article = sec->form != ST_NONE;
		h->body = h->last = sec->off;
		nkv = 0;
		for (p = l->text + sec->off, end = l->text + sec->end; p < end; p = nl) {
			nl = memchr(p, '\n', (size_t)(end - p));
			nl = nl != NULL ? nl + 1 : end;
			line++;
			kind = sidecar_text_lex(p, nl, &lx);
			if (kind != ST_BLANK)
				h->last = (size_t)(nl - l->text);
			if (kind == ST_SECTION && p == l->text + sec->off) {
				h->body = (size_t)(nl - l->text);
				h->header = xstrndup(p, (size_t)(nl - p));
				h->header[strcspn(h->header, "\r\n")] = '\0';
			} else if (kind == ST_COMMENT ||
			    (kind == ST_KEY && (!h->article || lx.kv.fact == ST_OTHER)))
				sidecar_text_hand_add(h, p, nl, line, 0);
			else if (kind == ST_KEY) {
				if (sidecar_text_hand_grows(nkv)) {
					kv = xreallocarray(kv,
					    sidecar_text_hand_room(nkv), sizeof *kv);
					at = xreallocarray(at,
					    sidecar_text_hand_room(nkv), sizeof *at);
					lno = xreallocarray(lno,
					    sidecar_text_hand_room(nkv), sizeof *lno);
				}
				kv[nkv] = lx.kv;
				at[nkv] = p;
				lno[nkv++] = line;
				memset(&lx.kv, 0, sizeof lx.kv);
			}
			sidecar_text_line_free(&lx);
		}
		/* A passage's lines that are not read are the file's to keep. */
		if (h->article)
			sidecar_text_pstrays(kv, nkv, path, NULL);
		for (j = 0; j < nkv; j++)
			if (kv[j].fact == ST_OTHER) {
				nl = memchr(at[j], '\n', (size_t)(l->text + sec->end - at[j]));
				sidecar_text_hand_add(h, at[j], nl != NULL ? nl :
				    l->text + sec->end, lno[j], 0);
			} else if (!sidecar_text_hand_read(kv, nkv, j,
			    sec->form == ST_HASH)) {
				nl = memchr(at[j], '\n', (size_t)(l->text + sec->end - at[j]));
				sidecar_text_hand_add(h, at[j], nl != NULL ? nl :
				    l->text + sec->end, lno[j], 1);
			}
		sidecar_text_kvs_free(kv, nkv);
		kv = NULL;
		if (h->header == NULL)
			h->id = xstrdup("");
		else if (h->article)
			h->id = xstrdup(sec->path);
		else {
			for (p = h->header; *p == ' ' || *p == '\t'; p++)
				;
			h->id = xstrdup(p);
			for (j = strlen(h->id); j > 0 && (h->id[j - 1] == ' ' ||
			    h->id[j - 1] == '\t'); j--)
				h->id[j - 1] = '\0';
		}
	}
	free(at);
	free(lno);
	sidecar_free(&s);
	return 0;
}

void
sidecar_text_hands_free(struct sidecar_hand *v, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].n; j++)
			free(v[i].lines[j]);
		free(v[i].lines);
		free(v[i].shadowed);
		free(v[i].lineno);
		free(v[i].header);
		free(v[i].id);
	}
	free(v);
}
