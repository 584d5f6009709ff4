/* Selections in an article's text (selection.h): words are runs of bytes other than
   ASCII whitespace, lines end at a newline, paragraphs at a blank line, sentences
   after a full stop, ! or ? that whitespace follows, or at a paragraph's end. The
   rules are a reader's, not a linguist's: "Mr. Smith" ends a sentence after "Mr.",
   and another press of ) goes on. */
#include <string.h>

#include "selection.h"

static int	sel_ws(char);
static size_t	sel_skip(const char *, size_t, size_t);
static size_t	sel_trim(const char *, size_t, size_t);
static int	sel_blank_after(const char *, size_t, size_t);
static size_t	sel_closers(const char *, size_t, size_t);
static size_t	sel_sentence_end(const char *, size_t, size_t);
static size_t	sel_paragraph_start(const char *, size_t, size_t, size_t);

static int
sel_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Past the whitespace at p. */
static size_t
sel_skip(const char *text, size_t len, size_t p)
{
	while (p < len && sel_ws(text[p]))
		p++;
	return p;
}

/* Back over the whitespace that ends text[lo, e). */
static size_t
sel_trim(const char *text, size_t lo, size_t e)
{
	while (e > lo && sel_ws(text[e - 1]))
		e--;
	return e;
}

/* Whether the newline at nl is followed by a blank line (or the text's end): the
   end of a paragraph. */
static int
sel_blank_after(const char *text, size_t len, size_t nl)
{
	size_t	 k = nl + 1;

	while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'))
		k++;
	return k >= len || text[k] == '\n';
}

/* Past the quotes and brackets that close a sentence at p: " ' ) ] and the
   typographic right quotes and guillemet. */
static size_t
sel_closers(const char *text, size_t len, size_t p)
{
	for (;;) {
		if (p < len && strchr("\"')]", text[p]) != NULL && text[p] != '\0')
			p++;
		else if (len - p >= 3 && memcmp(text + p, "\xe2\x80", 2) == 0 &&
		    (text[p + 2] == '\x9d' || text[p + 2] == '\x99'))
			p += 3;			/* ” ’ */
		else if (len - p >= 2 && memcmp(text + p, "\xc2\xbb", 2) == 0)
			p += 2;			/* » */
		else
			return p;
	}
}

/* The end of the sentence that starts at or holds p: past its closing mark, or at
   the end of its paragraph, whitespace trimmed. */
static size_t
sel_sentence_end(const char *text, size_t len, size_t p)
{
	size_t	 i, j;

	for (i = p; i < len; i++) {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') {
			j = sel_closers(text, len, i + 1);
			if (j >= len || sel_ws(text[j]))
				return j;
		} else if (text[i] == '\n' && sel_blank_after(text, len, i))
			return sel_trim(text, p, i);
	}
	return sel_trim(text, p, len);
}

/* The start of the paragraph that holds pos: past the blank line before it, or
   from. */
static size_t
sel_paragraph_start(const char *text, size_t len, size_t from, size_t pos)
{
	size_t	 i;

	for (i = pos; i > from; i--)
		if (text[i - 1] == '\n' && i - 1 > from) {
			size_t	 k = i - 1;

			/* A blank line before this one: spaces back to a newline. */
			while (k > from && (text[k - 1] == ' ' || text[k - 1] == '\t' ||
			    text[k - 1] == '\r'))
				k--;
			if (k > from && text[k - 1] == '\n' &&
			    sel_blank_after(text, len, k - 1))
				return i;
		}
	return from;
}

int
selection_begin(struct selection *s, const char *text, size_t len, size_t pos)
{
	size_t	 p = sel_skip(text, len, pos);

	s->on = 0;
	if (p >= len)
		return -1;
	s->start = p;
	while (p < len && !sel_ws(text[p]))
		p++;
	s->end = p;
	s->on = 1;
	return 0;
}

int
selection_extend(struct selection *s, const char *text, size_t len,
    enum selection_unit u)
{
	const char	*nl;
	size_t		 p = sel_skip(text, len, s->end), e = p, i;

	if (!s->on || p >= len)
		return -1;
	switch (u) {
	case SELECTION_WORD:
		while (e < len && !sel_ws(text[e]))
			e++;
		break;
	case SELECTION_LINE:
		/* The rest of the line the end is on, or the next line's. */
		for (i = s->end; i < p && text[i] != '\n'; i++)
			;
		if (i == p)
			p = s->end;
		nl = memchr(text + p, '\n', len - p);
		e = sel_trim(text, p, nl != NULL ? (size_t)(nl - text) : len);
		if (e <= s->end) {
			p = sel_skip(text, len, nl != NULL ? (size_t)(nl - text) : len);
			if (p >= len)
				return -1;
			nl = memchr(text + p, '\n', len - p);
			e = sel_trim(text, p, nl != NULL ? (size_t)(nl - text) : len);
		}
		break;
	case SELECTION_SENTENCE:
		e = sel_sentence_end(text, len, p);
		break;
	case SELECTION_PARAGRAPH:
		for (e = len, i = p; i < len; i++)
			if (text[i] == '\n' && sel_blank_after(text, len, i)) {
				e = i;
				break;
			}
		e = sel_trim(text, p, e);
		break;
	}
	if (e <= s->end)
		return -1;
	s->end = e;
	return 0;
}

int
selection_sentence(struct selection *s, const char *text, size_t len, size_t from,
    size_t pos)
{
	size_t	 st, e;

	s->on = 0;
	if (pos > len)
		pos = len;
	st = sel_skip(text, len, sel_paragraph_start(text, len, from, pos));
	while (st < len) {
		e = sel_sentence_end(text, len, st);
		if (pos < e) {
			s->start = st;
			s->end = e;
			s->on = 1;
			return 0;
		}
		st = sel_skip(text, len, e);
	}
	return -1;
}

int
selection_span(struct selection *s, const char *text, size_t len, size_t start,
    size_t end)
{
	s->on = 0;
	if (end > len)
		end = len;
	start = sel_skip(text, end, start);
	end = sel_trim(text, start, end);
	if (start >= end)
		return -1;
	s->start = start;
	s->end = end;
	s->on = 1;
	return 0;
}
