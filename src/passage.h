/* Where a passage is in an article's text now. A passage (sidecar.h) keeps its exact
   quote, some text each side of it and the offsets where it was last found; when the
   article changed it is found again by quote and context, nearest to the old offsets,
   as Hypothesis anchors an annotation by the W3C's TextQuoteSelector. A passage whose
   quote is nowhere in the text is an orphan: listed and shown, never dropped. The
   text is the file's bytes as read (struct body's buf), offsets count bytes into it. */
#ifndef RUBRIC_PASSAGE_H
#define RUBRIC_PASSAGE_H

#include <stddef.h>

#include "sidecar.h"

#define PASSAGE_CONTEXT	32	/* bytes of text kept each side of a quote, at most */
#define PASSAGE_MAXQUOTE (64 * 1024) /* bytes of a quote */

enum passage_state {
	PASSAGE_HERE,		/* the quote is where it was last found */
	PASSAGE_MOVED,		/* found elsewhere: the article changed */
	PASSAGE_ORPHAN		/* the quote is gone from the text */
};

/* A passage placed in a text. */
struct passage_spot {
	const struct sidecar_passage *p;	/* borrowed from the entry */
	size_t			 start, end;	/* now; an orphan's: its hint */
	enum passage_state	 state;
};

/* Makes the passage of text[start, end) into p: its quote, context, offsets and id,
   no codes, no note. start and end are moved out to whole UTF-8 characters. Returns
   -1 (p untouched) for an empty span, one past len or longer than PASSAGE_MAXQUOTE.
   Free with sidecar_passage_free(). */
int	passage_make(const char *text, size_t len, size_t start, size_t end,
	    struct sidecar_passage *p);
/* Finds p in text: every place its quote is, the one whose text around it is most
   like p's context, the nearest to p's old start among equals. */
enum passage_state passage_find(const struct sidecar_passage *p, const char *text,
	    size_t len, size_t *start, size_t *end);
/* Every passage of e placed in text, in the order of their starts now, orphans last.
   Returns how many; *out is the caller's to free (not the passages). */
size_t	passage_spots(const struct sidecar_entry *e, const char *text, size_t len,
	    struct passage_spot **out);
/* The first place of quote in text at or after from, or -1. */
long long passage_search(const char *text, size_t len, const char *quote, size_t from);
/* The name of a state: "here", "moved", "orphan". */
const char *passage_state_name(enum passage_state);

#endif
