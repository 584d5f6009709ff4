/* An article's passages where they are in its file now: the file read once, each
   passage found again (passage.h), for the commands and exports that list them. */
#ifndef RUBRIC_PASSAGE_ARTICLE_H
#define RUBRIC_PASSAGE_ARTICLE_H

#include <stddef.h>

#include <jansson.h>

#include "article.h"
#include "passage.h"
#include "sidecar.h"

/* The passages of e (NULL: none) placed in article a's file as it is now, in the
   order of passage_spots(). Returns how many, with *out the caller's to free (NULL
   when none); 0 without reading the file when e has no passage. When the file
   cannot be read, every passage is an orphan at its hint and *err is errno (else
   0): a passage is never left out. */
size_t	passage_article_spots(const struct article *a, const struct sidecar_entry *e,
	    struct passage_spot **out, int *err);
/* The passages of e placed in the file's bytes text[0..len), or with text NULL (the
   file could not be read) each an orphan at its hint. Returns how many, *out the
   caller's to free (NULL when none). */
size_t	passage_article_place(const struct sidecar_entry *e, const char *text,
	    size_t len, struct passage_spot **out);
/* A spot as JSON: {"id","quote","start","end","state","tags","note"} (note null
   when none), its texts valid UTF-8. Caller owns. */
json_t	*passage_article_json(const struct passage_spot *);
/* The codes of p joined by commas, as tab-separated output writes tags. Caller
   frees. */
char	*passage_article_codes(const struct sidecar_passage *p);

#endif
