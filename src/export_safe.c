/* The safe writers: outside text as the screen shows it, as a field of tab-separated
   output, or as JSON, with no byte a terminal would act on. Every command and the
   screen write what comes from articles and the sidecar through these; the JSON Lines
   export builds its lines with the same JSON pieces (struct export_line). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_int.h"
#include "export_safe.h"
#include "glyph.h"
#include "log.h"
#include "utf8.h"
#include "xmalloc.h"

static int	export_hidden(uint32_t);
static char	*export_json_text(json_t *);

json_t *
export_json_string(const char *s, size_t n)
{
	size_t		 pos = 0, len;
	uint32_t	 cp;
	char		*v;
	json_t		*j;

	/* Most text is valid: it goes to jansson as it is, unchecked twice. */
	while (pos < n) {
		if ((unsigned char)s[pos] < 0x80) {
			pos++;
			continue;
		}
		len = utf8_decode(s + pos, n - pos, &cp);
		if (cp == UTF8_INVALID)
			break;
		pos += len;
	}
	if (pos == n)
		j = json_stringn_nocheck(s, n);
	else {
		v = utf8_valid_copy(s, n, &len);
		j = json_stringn_nocheck(v, len);
		free(v);
	}
	if (j == NULL)
		fatal("out of memory");
	return j;
}

void
export_text(FILE *f, const char *s, size_t n, int lines)
{
	struct glyph	 g;
	size_t		 pos = 0;

	while (pos < n) {
		glyph_next(s + pos, n - pos, 0, 1, &g);
		if (g.kind == GLYPH_TAB)
			putc(lines ? '\t' : ' ', f);
		else if (g.kind == GLYPH_EOL)
			putc(lines ? '\n' : ' ', f);
		else
			fwrite(g.text, 1, g.textlen, f);
		pos += g.len;
	}
}

void
export_tsv(FILE *f, const char *s, size_t n)
{
	struct glyph	 g;
	size_t		 pos = 0, i, k;

	while (pos < n) {
		/* Printable ASCII stands as it is, written a run at a time (a list of
		   a million lines is mostly that); but for its last byte before one
		   that is not ASCII, which may take a combining mark. */
		for (k = pos; k < n && s[k] >= 0x20 && s[k] < 0x7f && s[k] != '\\'; k++)
			;
		if (k < n && (unsigned char)s[k] >= 0x80 && k > pos)
			k--;
		if (k > pos) {
			fwrite(s + pos, 1, k - pos, f);
			pos = k;
			continue;
		}
		/* Before glyph_next, which takes "\r\n" as one line end. */
		if (s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r') {
			putc('\\', f);
			putc(s[pos] == '\t' ? 't' : s[pos] == '\n' ? 'n' : 'r', f);
			pos++;
			continue;
		}
		glyph_next(s + pos, n - pos, 0, 1, &g);
		for (i = 0; i < g.textlen; i++) {
			if (g.text[i] == '\\')
				putc('\\', f);
			putc(g.text[i], f);
		}
		pos += g.len;
	}
}

/* A JSON string of n bytes of text, line ends and tabs as spaces. */
json_t *
export_json_flat(const char *text, size_t n)
{
	char	*s;
	size_t	 k;
	json_t	*j;

	for (k = 0; k < n && text[k] != '\n' && text[k] != '\r' && text[k] != '\t'; k++)
		;
	if (k == n)
		return export_json_string(text, n);
	/* Not xstrndup: the text may hold NUL bytes. */
	s = xmalloc(n + 1);
	memcpy(s, text, n);
	for (k = 0; k < n; k++)
		if (s[k] == '\n' || s[k] == '\r' || s[k] == '\t')
			s[k] = ' ';
	j = export_json_string(s, n);
	free(s);
	return j;
}

/* Whether a code point is one that JSON allows raw but a terminal acts on: DEL, the
   C1 controls and the bidi controls. */
static int
export_hidden(uint32_t cp)
{
	return cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

void
export_line_room(struct export_line *l, size_t n)
{
	if (l->len + n > l->cap) {
		l->cap = (l->len + n) * 2;
		l->buf = xreallocarray(l->buf, l->cap, 1);
	}
}

/* Appends text that rubric writes itself: punctuation, keys and numbers. */
void
export_line_put(struct export_line *l, const char *s, size_t n)
{
	export_line_room(l, n);
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

void
export_line_num(struct export_line *l, size_t v)
{
	char	 d[24];
	size_t	 n = sizeof d;

	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	export_line_put(l, d + n, sizeof d - n);
}

/* Appends a piece of jansson's text. jansson leaves DEL, the C1 controls and the
   bidi controls as they are, which JSON allows; as \uXXXX they mean the same, and a
   terminal that shows the line acts on none of them. They occur only inside
   strings, which jansson hands over whole, and only where a byte 0x7f, 0xc2, 0xd8
   or 0xe2 is. */
int
export_line_add(const char *piece, size_t n, void *arg)
{
	struct export_line	*l = arg;
	size_t			 i, k;
	uint32_t		 cp;

	export_line_room(l, n * 3 + 2);
	for (i = 0; i < n; i += k) {
		unsigned char	 c;

		/* Up to the next byte that may begin a control, a run at once. */
		for (k = i; k < n; k++) {
			c = (unsigned char)piece[k];
			if (c == 0x7f || c == 0xc2 || c == 0xd8 || c == 0xe2)
				break;
		}
		memcpy(l->buf + l->len, piece + i, k - i);
		l->len += k - i;
		if ((i = k) == n)
			break;
		k = utf8_decode(piece + i, n - i, &cp);
		if (k == 0)
			k = 1;
		if (export_hidden(cp))
			l->len += (size_t)snprintf(l->buf + l->len, 7, "\\u%04x",
			    (unsigned int)cp);
		else {
			memcpy(l->buf + l->len, piece + i, k);
			l->len += k;
		}
	}
	return 0;
}

int
export_json_plain(const char *s, size_t n, int flat, char *out)
{
	size_t		 i, k;
	uint32_t	 cp;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			if (out != NULL)
				out[i] = (char)c;
			continue;
		}
		if (flat && (c == '\t' || c == '\n' || c == '\r')) {
			if (out != NULL)
				out[i] = ' ';
			continue;
		}
		if (c < 0x80)
			return 0;
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID || export_hidden(cp))
			return 0;
		if (out != NULL)
			memcpy(out + i, s + i, k);
		i += k - 1;
	}
	return 1;
}

/* o as one line of JSON, ended by a line feed, and o freed. Caller frees. */
static char *
export_json_text(json_t *o)
{
	struct export_line	 l = { NULL, 0, 0 };

	/* A real (a score) to six digits: 0.795, not 0.79500000000000004. */
	if (json_dump_callback(o, export_line_add, &l, JSON_COMPACT |
	    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) == -1)
		fatal("out of memory");
	json_decref(o);
	export_line_add("\n", 1, &l);
	l.buf[l.len] = '\0';
	return l.buf;
}

int
export_json_line(FILE *f, json_t *o)
{
	char	*line = export_json_text(o);
	int	 rc;

	rc = fputs(line, f) == EOF ? -1 : 0;
	free(line);
	return rc;
}
