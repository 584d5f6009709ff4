/* Folded text, for a theme with fold = yes: the text as its patterns see it, with
   diacritics dropped (ā ī é as a i e), the forms of the apostrophe and of the dash
   made one (’ ʼ ‘ as ', ‐ – — − as -), default-ignorable characters (soft hyphen,
   ZWJ) and the modifier letters of transliteration (ʿ ʾ ʻ) left out, all as utf8proc
   decomposes and lumps them; and a map from every byte of it back to the text, so
   that a match is given, highlighted and exported where it is in the text as
   written. ASCII is left as it is, so that a pattern folded the same way keeps its
   syntax. */
#ifndef RUBRIC_FOLD_H
#define RUBRIC_FOLD_H

#include <stddef.h>

struct fold {
	char	*text;		/* folded, NUL after */
	size_t	 len, cap;
	size_t	*map;		/* per byte of text: where its character starts in
				   the original; len + 1 entries, the last the
				   original's length */
	size_t	 mapcap;
	char	*orig;		/* a copy of the text folded, to know it again */
	size_t	 origlen, origcap;
	int	 valid;
};

/* Folds buf[0..len) into f, unless f holds that text folded already (its bytes are
   compared, not its address: a buffer is reused for other texts). Bytes that are
   not UTF-8 stay as they are. */
void	fold_text(struct fold *f, const char *buf, size_t len);
/* Where offset off of the original falls in the folded text: the first folded byte
   from a character at or after it. */
size_t	fold_to(const struct fold *f, size_t off);
/* The original span of folded bytes [start, end): from the character start came
   from to the end of the character end - 1 came from, with what was left out
   after it (a mark on the last letter). */
size_t	fold_start(const struct fold *f, size_t start);
size_t	fold_end(const struct fold *f, size_t end);
/* A pattern's text folded as a text is (its ASCII, and so its syntax, unchanged).
   Caller frees. */
char	*fold_pattern(const char *src);
void	fold_free(struct fold *f);

#endif
