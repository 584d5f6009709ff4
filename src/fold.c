/* Folding through utf8proc (fold.h): canonical decomposition with the marks stripped,
   default-ignorables ignored and look-alike punctuation lumped, character by
   character, so that each folded byte knows the character it came from. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fold.h"
#include "xmalloc.h"

#define FOLD_OPTIONS	(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_LUMP | \
			 UTF8PROC_IGNORE)
#define FOLD_MAXCP	16	/* code points one character decomposes into, at most
				   (utf8proc's longest is 4 with these options) */

static size_t	fold_char(const char *, size_t, char *, size_t *);
static size_t	fold_pattern_char(struct fold *, const char *, size_t,
		    const char *, size_t, int, int);
static size_t	fold_pattern_hex(const char *, char *, size_t *);
static void	fold_put(struct fold *, const char *, size_t);
static void	fold_room(struct fold *, size_t);

/* Whether code point cp, left by utf8proc, is a modifier letter of transliteration
   (U+02B0 to U+02FF, letters: ʿ ʾ ʻ ʰ), which a folded theme does not see. */
static int
fold_modifier(utf8proc_int32_t cp)
{
	return cp >= 0x2b0 && cp <= 0x2ff &&
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_LM;
}

/* Folds the character at s (n bytes left) into out (room for FOLD_MAXCP * 4 bytes);
   returns the bytes it took from s, and in *outlen those written. A byte that does
   not start a character of UTF-8 is taken alone and written as it is. */
static size_t
fold_char(const char *s, size_t n, char *out, size_t *outlen)
{
	utf8proc_int32_t	 cp, cps[FOLD_MAXCP];
	utf8proc_ssize_t	 took, k, i;
	int			 last = 0;

	*outlen = 0;
	took = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    n > 4 ? 4 : (utf8proc_ssize_t)n, &cp);
	if (took <= 0 || cp < 0) {
		out[0] = s[0];
		*outlen = 1;
		return 1;
	}
	k = utf8proc_decompose_char(cp, cps, FOLD_MAXCP, FOLD_OPTIONS, &last);
	if (k < 0 || k > FOLD_MAXCP) {
		memcpy(out, s, (size_t)took);
		*outlen = (size_t)took;
		return (size_t)took;
	}
	for (i = 0; i < k; i++)
		if (!fold_modifier(cps[i]))
			*outlen += (size_t)utf8proc_encode_char(cps[i],
			    (utf8proc_uint8_t *)out + *outlen);
	return (size_t)took;
}

static void
fold_room(struct fold *f, size_t more)
{
	if (f->len + more + 1 > f->cap) {
		f->cap = (f->len + more + 1) * 2;
		f->text = xreallocarray(f->text, f->cap, 1);
	}
	if (f->len + more + 1 > f->mapcap) {
		f->mapcap = (f->len + more + 1) * 2;
		f->map = xreallocarray(f->map, f->mapcap, sizeof *f->map);
	}
}

void
fold_text(struct fold *f, const char *buf, size_t len)
{
	char	 out[FOLD_MAXCP * 4];
	size_t	 pos = 0, took, outlen, j, run;

	if (f->valid && f->origlen == len && memcmp(f->orig, buf, len) == 0)
		return;
	if (len + 1 > f->origcap) {
		f->origcap = len + 1;
		f->orig = xreallocarray(f->orig, f->origcap, 1);
	}
	memcpy(f->orig, buf, len);
	f->origlen = len;
	f->len = 0;
	fold_room(f, len);
	while (pos < len) {
		/* ASCII is its own folding: a run at a time. */
		for (run = pos; run < len && (unsigned char)buf[run] < 0x80; run++)
			;
		if (run > pos) {
			fold_room(f, run - pos);
			memcpy(f->text + f->len, buf + pos, run - pos);
			for (j = 0; j < run - pos; j++)
				f->map[f->len + j] = pos + j;
			f->len += run - pos;
			pos = run;
			continue;
		}
		took = fold_char(buf + pos, len - pos, out, &outlen);
		fold_room(f, outlen);
		memcpy(f->text + f->len, out, outlen);
		for (j = 0; j < outlen; j++)
			f->map[f->len + j] = pos;
		f->len += outlen;
		pos += took;
	}
	fold_room(f, 0);
	f->text[f->len] = '\0';
	f->map[f->len] = len;
	f->valid = 1;
}

size_t
fold_to(const struct fold *f, size_t off)
{
	size_t	 lo = 0, hi = f->len, mid;

	if (off >= f->origlen)
		return f->len;
	/* The first folded byte whose character starts at or after off. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->map[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
fold_start(const struct fold *f, size_t start)
{
	return start < f->len ? f->map[start] : f->origlen;
}

size_t
fold_end(const struct fold *f, size_t end)
{
	size_t	 from;

	if (end == 0)
		return f->len > 0 ? f->map[0] : 0;
	/* A match that ends inside what one character became (a Hangul syllable's
	   letters) takes the whole character. */
	from = f->map[end - 1];
	while (end < f->len && f->map[end] == from)
		end++;
	return end < f->len ? f->map[end] : f->origlen;
}

/* Appends n bytes of s to the folded pattern in f. */
static void
fold_put(struct fold *f, const char *s, size_t n)
{
	fold_room(f, n);
	memcpy(f->text + f->len, s, n);
	f->len += n;
}

/* Puts the fold of the character s[0..n) into the pattern being folded in f: one
   left out (ʿ, a soft hyphen) becomes an empty group, so that "ʿ?ayn" still has
   something to repeat, and stays as written (orig[0..olen)) in a class, so that
   "[ʿʾ]" is not left empty; several letters (a Hangul syllable's) become a group,
   so that a quantifier takes them all; one lumped into ASCII punctuation (– as -,
   ∣ as |) is escaped, a character still, never a range or syntax. Returns the
   bytes taken from s; orig NULL means s as written. */
static size_t
fold_pattern_char(struct fold *f, const char *s, size_t n, const char *orig,
    size_t olen, int class, int quoted)
{
	char	 out[FOLD_MAXCP * 4];
	size_t	 outlen, k, cps, took;

	took = fold_char(s, n, out, &outlen);
	if (orig == NULL) {
		orig = s;
		olen = took;
	}
	for (k = cps = 0; k < outlen; k++)
		cps += ((unsigned char)out[k] & 0xc0) != 0x80;
	if (cps == 1 && !quoted && ispunct((unsigned char)out[0]))
		fold_put(f, "\\", 1);
	if (quoted || cps == 1)
		fold_put(f, out, outlen);
	else if (class)
		fold_put(f, outlen > 0 ? out : orig, outlen > 0 ? outlen : olen);
	else {
		fold_put(f, "(?:", 3);
		fold_put(f, out, outlen);
		fold_put(f, ")", 1);
	}
	return took;
}

/* The character a \x escape at s stands for, when it is not ASCII (\xe9,
   \x{16b}): its UTF-8 in buf, its length returned, and in *took the escape's.
   Returns 0 for any other escape. */
static size_t
fold_pattern_hex(const char *s, char *buf, size_t *took)
{
	char		*e;
	unsigned long	 cp;
	size_t		 i;

	if (s[0] != '\\' || s[1] != 'x')
		return 0;
	if (s[2] == '{') {
		cp = strtoul(s + 3, &e, 16);
		if (e == s + 3 || *e != '}')
			return 0;
		*took = (size_t)(e + 1 - s);
	} else {
		for (i = 2, cp = 0; i < 4 && isxdigit((unsigned char)s[i]); i++)
			cp = cp * 16 + (unsigned long)(isdigit((unsigned char)s[i]) ?
			    s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
		*took = i;
	}
	if (cp < 0x80 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
	    (utf8proc_uint8_t *)buf);
}

/* Folded a character at a time as a text is, written or escaped, with the
   pattern's syntax minded (fold_pattern_char). */
char *
fold_pattern(const char *src)
{
	struct fold	 f;
	char		 buf[8], *r;
	const char	*s, *e;
	size_t		 n = strlen(src), pos = 0, took, len;
	int		 class = 0, quoted = 0;

	memset(&f, 0, sizeof f);
	while (pos < n) {
		s = src + pos;
		if ((unsigned char)*s >= 0x80) {
			pos += fold_pattern_char(&f, s, n - pos, NULL, 0, class,
			    quoted);
			continue;
		}
		took = 1;
		if (quoted) {
			if (s[0] == '\\' && s[1] == 'E') {
				quoted = 0;
				took = 2;
			}
		} else if ((unsigned char)s[1] >= 0x80 && s[0] == '\\') {
			/* An escaped character is one without its backslash: folded
			   as the next. */
			pos++;
			continue;
		} else if ((len = fold_pattern_hex(s, buf, &took)) > 0) {
			fold_pattern_char(&f, buf, len, s, took, class, quoted);
			pos += took;
			continue;
		} else if (s[0] == '\\' && s[1] != '\0') {
			quoted = s[1] == 'Q';
			took = 2;
		} else if (!class && s[0] == '[') {
			class = 1;
			if (s[took] == '^')
				took++;
			/* A ] first in a class is one of its characters. */
			if (s[took] == ']')
				took++;
		} else if (class && s[0] == '[' && s[1] == ':' &&
		    (e = strstr(s + 2, ":]")) != NULL)
			took = (size_t)(e + 2 - s);
		else if (class && s[0] == ']')
			class = 0;
		fold_put(&f, s, took);
		pos += took;
	}
	fold_room(&f, 0);
	f.text[f.len] = '\0';
	r = xstrdup(f.text);
	fold_free(&f);
	return r;
}

void
fold_free(struct fold *f)
{
	free(f->text);
	free(f->map);
	free(f->orig);
	memset(f, 0, sizeof f[0]);
}
