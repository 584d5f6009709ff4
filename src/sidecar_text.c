/* The sidecar's text: read line by line as iniparser 4.1 reads it, written back so that
   only what changed changes. A section is the bytes from its header line to the next
   header; a save copies the sections of unchanged articles byte for byte and, inside a
   changed one, keeps every line but those of the facts (note, tag...) that changed.

   The format (rubric(5)): [article "PATH"], with a tag per line, tag "NAME" = ORIGIN,
   names and values in double quotes, raw UTF-8 but for "\\", and "\xHH" for a double
   quote, a control character, a bidi or invisible format character (glyph.c's list), a
   byte that is not UTF-8, "]" and ":" in a header ("]"
   would end it, and iniparser takes a name with ":" for a key) and "=" in a key. The first format, [article NAME]
   and tag.NAME with names in a-z 0-9 . _ - / with "^x" for a capital and "%HH" for any
   other byte, is still read; a save rewrites its sections in the new one. A passage is
   a group of passage.ID keys after its article's facts (sidecar_text_pfact); each of
   its facts is one to the rewrite, so that a code given changes one line.

   This file holds what reading and writing share: how a name or value is quoted, what
   an entry says (its hash, its header's form) and how each fact is written, and the
   layout's sections. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "glyph.h"		/* glyph_is_format */
#include "sidecar_text_int.h"
#include "utf8.h"
#include "xmalloc.h"

const char *const sidecar_text_origins[] = { "person", "theme", "rejected" };

static void	sidecar_text_chunks(struct buf *, const char *, const char *,
		    const char *);

/* s as it goes between double quotes: raw UTF-8 but for the escapes, and \xHH for the
   bytes of extra too. */
void
sidecar_text_quote(struct buf *b, const char *s, const char *extra)
{
	size_t		 n = strlen(s), pos = 0, len, i;
	uint32_t	 cp;
	char		 e[8];

	buf_put(b, "", 0);
	while (pos < n) {
		len = utf8_decode(s + pos, n - pos, &cp);
		if (cp == '\\')
			buf_put(b, "\\\\", 2);
		else if (cp == UTF8_INVALID || cp < 0x20 || cp == 0x7f || cp == '"' ||
		    (cp < 0x80 && strchr(extra, (int)cp) != NULL) ||
		    glyph_is_format(cp)) {
			/* A bidi or invisible format character too, byte by byte:
			   git diff shows it as text and does not reorder the line. */
			for (i = 0; i < len; i++) {
				snprintf(e, sizeof e, "\\x%02x",
				    (unsigned char)s[pos + i]);
				buf_put(b, e, 4);
			}
		} else
			buf_put(b, s + pos, len);
		pos += len;
	}
}

/* key = "value" lines for an encoded value, cut into KEY.0000, KEY.0001... when it is
   too long for a line. A piece holds whole escapes and characters. */
static void
sidecar_text_chunks(struct buf *b, const char *key, const char *enc,
    const char *eol)
{
	size_t		 n = strlen(enc), pos = 0, end, tok, k = 0;
	uint32_t	 cp;

	if (n <= ST_CHUNK) {
		buf_puts(b, key);
		buf_put(b, " = \"", 4);
		buf_put(b, enc, n);
		buf_put(b, "\"", 1);
		buf_puts(b, eol);
		return;
	}
	while (pos < n) {
		for (end = pos; end < n; end += tok) {
			if (enc[end] == '\\')
				tok = enc[end + 1] == 'x' ? 4 : 2;
			else
				tok = utf8_decode(enc + end, n - end, &cp);
			if (end + tok - pos > ST_CHUNK)
				break;
		}
		buf_printf(b, "%s.%04zu = \"", key, k++);
		buf_put(b, enc + pos, end - pos);
		buf_put(b, "\"", 1);
		buf_puts(b, eol);
		pos = end;
	}
}

int
sidecar_text_empty(const struct sidecar_entry *e)
{
	return e == NULL || (e->note == NULL && e->ntags == 0 && !e->read &&
	    e->fingerprint == NULL && e->npassages == 0);
}

/* What an article's entry says, in 64 bits: a section whose article hashes as it did
   when read is copied as it is. */
uint64_t
sidecar_text_hash(const char *path, const struct sidecar_entry *e)
{
	uint64_t	 h = 14695981039346656037ULL;
	const char	*parts[4];
	size_t		 i, j;
	const char	*p;

#define ST_MIX(c)	(h = (h ^ (unsigned char)(c)) * 1099511628211ULL)
	parts[0] = path;
	parts[1] = e != NULL ? e->fingerprint : NULL;
	parts[2] = e != NULL ? e->note : NULL;
	parts[3] = e != NULL && e->read ? "" : NULL;
	for (i = 0; i < 4; i++) {
		if (parts[i] == NULL) {
			ST_MIX(1);
			continue;
		}
		for (p = parts[i]; *p != '\0'; p++)
			ST_MIX(*p);
		ST_MIX(0);
	}
	for (j = 0; e != NULL && j < e->ntags; j++) {
		for (p = e->tags[j].name; *p != '\0'; p++)
			ST_MIX(*p);
		ST_MIX(0);
		ST_MIX('0' + e->tags[j].origin);
	}
	for (j = 0; e != NULL && j < e->npassages; j++) {
		const struct sidecar_passage *q = &e->passages[j];
		const char	*pp[5] = { q->id, q->quote, q->before, q->after,
				    q->note };
		size_t		 k, at[2] = { q->start, q->end };

		ST_MIX(2);
		for (i = 0; i < 5; i++) {
			if (pp[i] == NULL) {
				ST_MIX(1);
				continue;
			}
			for (p = pp[i]; *p != '\0'; p++)
				ST_MIX(*p);
			ST_MIX(0);
		}
		for (i = 0; i < 2; i++)
			for (k = 0; k < sizeof at[i]; k++)
				ST_MIX(at[i] >> (8 * k));
		for (k = 0; k < q->ntags; k++) {
			for (p = q->tags[k].name; *p != '\0'; p++)
				ST_MIX(*p);
			ST_MIX(0);
			ST_MIX('0' + q->tags[k].origin);
		}
	}
#undef ST_MIX
	return h ^ (h >> 29);
}

int
sidecar_text_cmp_tag(const void *a, const void *b)
{
	return strcmp(((const struct sidecar_tag *)a)->name,
	    ((const struct sidecar_tag *)b)->name);
}

/* The header an article gets: its path in quotes, or "#" and a hash of it (with the
   path in a key) when stock iniparser could not look its keys up. b is scratch. */
enum sidecar_text_form
sidecar_text_form(const struct sidecar_entry *e, struct buf *b)
{
	size_t	 longest = strlen("fingerprint.0000"), j, t, name;

	buf_reset(b);
	sidecar_text_quote(b, e->path, "]:");
	name = b->n;
	for (j = 0; j < e->ntags; j++) {
		buf_reset(b);
		sidecar_text_quote(b, e->tags[j].name, "=");
		if (b->n + 6 > longest)
			longest = b->n + 6;
	}
	for (j = 0; j < e->npassages; j++) {
		if (longest < strlen("passage.12345678.before.0000"))
			longest = strlen("passage.12345678.before.0000");
		for (t = 0; t < e->passages[j].ntags; t++) {
			buf_reset(b);
			sidecar_text_quote(b, e->passages[j].tags[t].name, "=");
			if (b->n + strlen("passage.12345678.tag \"\"") > longest)
				longest = b->n + strlen("passage.12345678.tag \"\"");
		}
	}
	return name > ST_NAMEMAX || strlen("article \"\":") + name + longest >
	    ST_LOOKUPMAX ? ST_HASH : ST_QUOTED;
}

void
sidecar_text_header(struct buf *b, const char *path,
    enum sidecar_text_form form, const char *eol)
{
	uint64_t	 h = 14695981039346656037ULL;
	const char	*p;
	char		 hash[24];

	if (form == ST_HASH) {
		for (p = path; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		snprintf(hash, sizeof hash, "#%016llx", (unsigned long long)h);
		buf_puts(b, "[article ");
		buf_puts(b, hash);
		buf_puts(b, "]");
	} else {
		buf_puts(b, "[article \"");
		sidecar_text_quote(b, path, "]:");
		buf_puts(b, "\"]");
	}
	buf_puts(b, eol);
}

/* The line or lines of one fact of e (tag number t for ST_TAG), nothing if e lacks it.
   ST_PATH writes e's path. */
void
sidecar_text_fact(struct buf *b, const struct sidecar_entry *e,
    enum sidecar_text_fact f, size_t t, const char *eol)
{
	struct buf		 enc;
	const char		*key;
	size_t			 start, at;

	memset(&enc, 0, sizeof enc);
	switch (f) {
	case ST_FP:
	case ST_NOTE:
	case ST_PATH:
		if (f == ST_FP && e->fingerprint == NULL)
			break;
		if (f == ST_NOTE && e->note == NULL)
			break;
		key = f == ST_FP ? "fingerprint" : f == ST_NOTE ? "note" : "path";
		/* Encoded in place; a value too long for a line (rare) is cut. */
		start = b->n;
		buf_puts(b, key);
		buf_put(b, " = \"", 4);
		at = b->n;
		sidecar_text_quote(b, f == ST_FP ? e->fingerprint : f == ST_NOTE ?
		    e->note : e->path, "");
		if (b->n - at <= ST_CHUNK) {
			buf_put(b, "\"", 1);
			buf_puts(b, eol);
			break;
		}
		buf_put(&enc, b->s + at, b->n - at);
		b->n = start;
		sidecar_text_chunks(b, key, enc.s, eol);
		break;
	case ST_READ:
		if (e->read) {
			buf_puts(b, "read = yes");
			buf_puts(b, eol);
		}
		break;
	case ST_TAG:
		buf_puts(b, "tag \"");
		sidecar_text_quote(b, e->tags[t].name, "=");
		buf_puts(b, "\" = ");
		buf_puts(b, sidecar_text_origins[e->tags[t].origin]);
		buf_puts(b, eol);
		break;
	case ST_OTHER:
	case ST_PASSAGE:		/* sidecar_text_pfact */
		break;
	}
	free(enc.s);
}

/* The line or lines of field f of passage p (code number t for SP_TAG), nothing if
   p lacks it (an empty context too, and no offsets known): start-end, a text in
   quotes (cut into .NNNN pieces when long), or a code and its origin. */
void
sidecar_text_pfact(struct buf *b, const struct sidecar_passage *p,
    enum sidecar_text_pfield f, size_t t, const char *eol)
{
	static const char *const word[] = { "", ".quote", ".before", ".after",
				    ".note" };
	struct buf	 enc;
	const char	*v;
	char		 key[64];

	snprintf(key, sizeof key, "passage.%s%s", p->id, f < SP_TAG ? word[f] : "");
	switch (f) {
	case SP_AT:
		/* 0-0 is no place known (a passage's span is never empty): a
		   start-end line that was not read is not answered by a new one. */
		if (p->start == 0 && p->end == 0)
			break;
		buf_printf(b, "%s = %zu-%zu", key, p->start, p->end);
		buf_puts(b, eol);
		break;
	case SP_TAG:
		buf_puts(b, key);
		buf_puts(b, ".tag \"");
		sidecar_text_quote(b, p->tags[t].name, "=");
		buf_puts(b, "\" = ");
		buf_puts(b, sidecar_text_origins[p->tags[t].origin]);
		buf_puts(b, eol);
		break;
	default:
		v = f == SP_QUOTE ? p->quote : f == SP_BEFORE ? p->before :
		    f == SP_AFTER ? p->after : p->note;
		/* No context is none written: the passage is at an end. */
		if (v == NULL || (f != SP_QUOTE && f != SP_NOTE && *v == '\0'))
			break;
		memset(&enc, 0, sizeof enc);
		sidecar_text_quote(&enc, v, "");
		sidecar_text_chunks(b, key, enc.s, eol);
		free(enc.s);
		break;
	}
}

struct sidecar_text_sec *
sidecar_text_sec_add(struct sidecar_layout *l, size_t off, const char *path,
    enum sidecar_text_form form, int line)
{
	struct sidecar_text_sec	*sec;

	if (l->nsecs == l->cap) {
		l->cap = l->cap > 0 ? l->cap * 2 : 64;
		l->secs = xreallocarray(l->secs, l->cap, sizeof *l->secs);
	}
	sec = &l->secs[l->nsecs++];
	memset(sec, 0, sizeof *sec);
	sec->off = sec->end = off;
	sec->path = path != NULL ? xstrdup(path) : NULL;
	sec->form = form;
	sec->line = line;
	return sec;
}

void
sidecar_text_settle(struct sidecar *s)
{
	struct sidecar_layout	*next;

	if (s->layout == NULL || s->layout->next == NULL)
		return;
	next = s->layout->next;
	s->layout->next = NULL;
	sidecar_text_free(s->layout);
	s->layout = next;
}

void
sidecar_text_free(struct sidecar_layout *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nsecs; i++)
		free(l->secs[i].path);
	free(l->secs);
	free(l->text);
	sidecar_text_free(l->next);
	free(l);
}
