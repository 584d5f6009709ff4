/* Private to sidecar.c and sidecar_text.c: the sidecar's text as the user keeps it.
   sidecar_text.c reads the file into entries and remembers where each section lies, so
   that a save rewrites only the sections whose article changed. */
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
/* In sidecar.c: sorts the entries by path and merges the entries of one path. */
void	sidecar_sort(struct sidecar *);

#endif
