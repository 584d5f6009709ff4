/* Which tags an article carries: a person's, and a theme's automatic one, decided
   from the sidecar's entry and the themes' counts. The one rule that the query, the
   exports, the catalog, the commands and the screen all ask, so that none of them
   needs another to know it. */
#ifndef RUBRIC_TAGS_H
#define RUBRIC_TAGS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "scan.h"
#include "sidecar.h"

/* Whether a theme's automatic tag is on an article with hits hits and entry e (NULL:
   none): the theme has autotag, the hits reach it, and no person decided about a tag
   of that name, either way. */
int	tags_auto(const struct theme *, uint32_t hits, const struct sidecar_entry *e);
/* The same for theme th of cfg, from an article's counts (NULL while it is not
   counted: no automatic tag yet). */
int	tags_auto_theme(const struct config *cfg, const scan_count *counts,
	    const struct sidecar_entry *e, size_t th);
/* Whether an article carries tag name: by a person (SIDECAR_PERSON), by a theme
   (SIDECAR_THEME: recorded in the sidecar, or live from the counts), or either (-1).
   Rejected tags are never carried. counts may be NULL. */
int	tags_has(const struct config *, const struct sidecar_entry *e,
	    const scan_count *counts, const char *name, int origin);
/* Whether one of the passages of e (NULL: none) carries code name, not rejected. */
int	tags_code(const struct sidecar_entry *e, const char *name);
/* Whether passage p carries code name, not rejected. */
int	tags_code_of(const struct sidecar_passage *p, const char *name);

#endif
