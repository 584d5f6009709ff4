/* Merging sidecars three ways, as git's merge driver does it: per article and per key,
   so that two people tagging the same corpus lose nothing of each other's work; and
   taking apart a sidecar that git merged line by line into its conflict markers. */
#ifndef RUBRIC_MERGE_H
#define RUBRIC_MERGE_H

#include <stddef.h>

#include "diag.h"
#include "sidecar.h"

/* The line between the two texts of a note edited on both sides: ours above, theirs
   below. */
#define MERGE_SEPARATOR	"----- rubric merge: theirs -----"

/* What a merge did that a person should hear of; nothing of it loses a word. */
struct merge_stats {
	size_t	joined;		/* notes edited on both sides: both texts kept */
	size_t	ruled;		/* tags both sides changed differently: a rule chose */
	size_t	moved;		/* entries that followed a file moved on one side */
};

/* Merges ours and theirs, both changed from base, into out (made here; caller frees
   with sidecar_free). base NULL merges without one: a union, where nothing counts as
   removed. Each article is matched by path, or on a side where its path is gone, by
   its fingerprint at a new path (a move); each key then takes the side that changed
   it, and where both changed it differently, the rules in rubric(1). What the rules
   decided is reported in d as warnings naming label (the file, for messages) and
   counted in st. */
void	merge_sidecars(struct sidecar *out, const struct sidecar *base,
	    const struct sidecar *ours, const struct sidecar *theirs, const char *label,
	    struct merge_stats *st, struct diag *d);
/* A note edited differently on both sides: ours, a line MERGE_SEPARATOR, theirs.
   Caller frees. */
char	*merge_note_join(const char *ours, const char *theirs);
/* The same with the line sep between them (the screen's "your edit" line). Caller
   frees. */
char	*merge_note_join_sep(const char *first, const char *second, const char *sep);
/* Whether the line at s (up to a new line or the end) is a git conflict marker:
   seven '<', '|', '=' or '>' then a space or the end of the line. Returns the
   marker's character, or 0. */
int	merge_marker(const char *s, size_t len);
/* Splits text holding git's conflict markers into the text of each side: lines
   outside the markers go to all three, "<<<<<<<" to "|||||||" or "=======" to ours,
   "|||||||" to "=======" to base (git's diff3 style), "=======" to ">>>>>>>" to
   theirs. *base is NULL when no conflict had a base part: then there is none to
   merge against. *nconflicts counts them. Returns 0 (all three caller frees), or
   -1 with the line of a marker out of place in *line and nothing allocated. */
int	merge_split(const char *text, size_t len, char **ours, char **base,
	    char **theirs, size_t *nconflicts, int *line);
/* The three texts in one, as git leaves a conflict: ours, base and theirs whole
   between markers labelled with the sides' names, each ending in a new line. What
   merge_split() takes apart again. Caller frees. */
char	*merge_conflict_text(const char *ours, const char *base, const char *theirs);

#endif
