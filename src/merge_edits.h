/* The merge driver's care for THEIRS' hand edits: the model merge (merge.c) holds the
   facts, and OURS' text keeps OURS' comments and unknown keys; the lines THEIRS added
   that are no facts are carried into the merged text here, or named as lost. */
#ifndef RUBRIC_MERGE_EDITS_H
#define RUBRIC_MERGE_EDITS_H

#include <stddef.h>

#include "diag.h"

/* Carries into merged (the merge's text, as it would be written over OURS) the
   hand-edit lines (sidecar_text.h) that theirs has and base does not, unless merged
   has them already in the same section: a comment or unknown key at the end of its
   section, a fact's unread line just after the header (so that it stays unread), a
   section merged lacks appended whole with its header. base may be NULL (no base).
   label names THEIRS in messages. Returns the number of lines carried, each said in
   d as a warning, with the new text in *out (caller frees) and its length in *outlen;
   or -1 after an error in d naming the lines that could not be placed without
   changing what the file says, *out NULL. */
int	merge_edits_carry(const char *merged, size_t mlen, const char *base,
	    size_t blen, const char *theirs, size_t tlen, const char *label,
	    char **out, size_t *outlen, struct diag *d);

#endif
