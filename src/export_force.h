/* An export folder replaced with --force: only what the earlier export made goes (the
   files its manifest.jsonl lists, and their folders once empty); everything else in
   the folder stays, and is counted for the user. */
#ifndef RUBRIC_EXPORT_FORCE_H
#define RUBRIC_EXPORT_FORCE_H

#include <stddef.h>

#include "diag.h"

/* The files of an export: paths relative to its folder, sorted. */
struct export_force_list {
	char	**v;
	size_t	  n;
};

/* Reads the "file" of every record of out/manifest.jsonl into l. Returns -1 with
   the reason in d when it cannot be read, a line does not parse, or a file is no
   plain relative path inside the folder (then nothing may be removed on its word). */
int	export_force_read(const char *out, struct export_force_list *l, struct diag *d);
/* Adds a path (copied) to l; export_force_sort() before looking anything up. */
void	export_force_add(struct export_force_list *, const char *);
void	export_force_sort(struct export_force_list *);
void	export_force_free(struct export_force_list *);
/* Moves the new export made in tmp (its files are made; manifest.jsonl last) into
   out, which holds the earlier export old: first refuses, changing nothing, if a
   file of the new one would replace one the earlier did not make; then removes
   old's files and the folders they leave empty, and renames the new ones in.
   Returns -1 with the reason in d; 0, with a DIAG_NOTICE in d of what else stays
   in out if anything does. */
int	export_force_apply(const char *out, const char *tmp,
	    const struct export_force_list *old, const struct export_force_list *made,
	    struct diag *d);

#endif
