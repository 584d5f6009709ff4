/* Private to sidecar.c, the sidecar_text*.c files and merge_edits.c: the sidecar's
   text as the user keeps it. sidecar_text_parse.c reads the file into entries and
   remembers where each section lies, so that a save (sidecar_text_write.c) rewrites
   only the sections whose article changed; sidecar_text_hands.c lists a text's hand
   edits, which the merge driver carries over from THEIRS. */
#ifndef RUBRIC_SIDECAR_TEXT_H
#define RUBRIC_SIDECAR_TEXT_H

#include <stdio.h>

#include "sidecar.h"

/* Parses the text buf (len bytes, taken: kept as the layout or freed) of the file
   path into s, which is empty. Returns -1 with FILE:LINE errors in d, s left empty. */
int	sidecar_text_parse(struct sidecar *, char *buf, size_t len, const char *path,
	    struct diag *);
/* Writes s to f, keeping the text of the file it was read from where its articles
   did not change. The text written becomes s's layout at the next sidecar_text_settle.
   Returns -1 on a write error. */
int	sidecar_text_write(const struct sidecar *, FILE *f);
/* The text last written from s is the file now: later saves keep its hand edits. */
void	sidecar_text_settle(struct sidecar *);
void	sidecar_text_free(struct sidecar_layout *);
/* A section of a text and its hand edits: the lines rubric keeps but does not read as
   facts (comments, keys it does not know, every line of a section that is not an
   article's, and lines of facts that a later line or a gap leaves unread). */
struct sidecar_hand {
	char	*id;		/* "" before any header; the article's path; else
				   the header line as written, trimmed */
	int	 article;
	char	*header;	/* the header line without its line end; NULL for "" */
	size_t	 body;		/* offset just after the header line */
	size_t	 last;		/* offset just after its last line that is not blank */
	char	**lines;	/* hand-edit lines, without their line ends */
	int	*shadowed;	/* per line: a fact's line that is not read */
	int	*lineno;	/* per line: its line in the text */
	size_t	 n;
};
/* The sections of text (len bytes, a sidecar; path names it in d) in their order,
   each with its hand-edit lines, in *v and *n (free with sidecar_text_hands_free).
   Returns -1 with the reason in d when the text does not parse. */
int	sidecar_text_hands(const char *text, size_t len, const char *path,
	    struct sidecar_hand **v, size_t *n, struct diag *d);
void	sidecar_text_hands_free(struct sidecar_hand *, size_t);
/* In sidecar.c: sorts the entries by path and merges the entries of one path. */
void	sidecar_sort(struct sidecar *);

#endif
