/* A selection in an article's text, for coding a passage on the screen: started at a
   place, grown by a word, a line, a sentence or a paragraph, or made of the sentence
   at a place. Offsets count bytes of the file as article_read() gives them, as
   passage.h counts them; a selection never starts or ends in whitespace, and as
   whitespace is ASCII it never cuts a UTF-8 character either. Curses-free, so that
   the rules are tested without a terminal. */
#ifndef RUBRIC_SELECTION_H
#define RUBRIC_SELECTION_H

#include <stddef.h>

enum selection_unit {
	SELECTION_WORD,
	SELECTION_LINE,
	SELECTION_SENTENCE,
	SELECTION_PARAGRAPH
};

struct selection {
	size_t	 start, end;	/* [start, end) */
	int	 on;
};

/* Starts a selection at the first word at or after pos: the word. Returns -1 (s
   off) when only whitespace follows pos. */
int	selection_begin(struct selection *, const char *text, size_t len, size_t pos);
/* Moves the end on to the end of the next unit: the word, line, sentence or
   paragraph that holds the end or, when the end is already one's end, the next.
   Returns -1 (s unchanged) when nothing follows. */
int	selection_extend(struct selection *, const char *text, size_t len,
	    enum selection_unit);
/* Makes s the sentence that holds pos, or the first after it when pos is between
   sentences. from: where sentences may start (the text's start past a byte order
   mark). Returns -1 (s off) when none is. A sentence ends after . ! or ? (with the
   quotes and brackets that close it) before whitespace, or at a blank line. */
int	selection_sentence(struct selection *, const char *text, size_t len,
	    size_t from, size_t pos);
/* Makes s the span [start, end), trimmed of whitespace at both ends. Returns -1 (s
   off) when nothing is left. */
int	selection_span(struct selection *, const char *text, size_t len, size_t start,
	    size_t end);

#endif
