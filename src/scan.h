/* The scan: every theme's hit count in every article, computed off the key-press path by
   worker threads, published article by article as it goes, and cached on disk so that
   the next start has the counts at once. */
#ifndef RUBRIC_SCAN_H
#define RUBRIC_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "corpus.h"

struct scan;

/* A scan of corpus c with the themes of cfg; both must outlive it. Nothing runs yet. */
struct scan	*scan_new(const struct corpus *c, const struct config *cfg);
/* Reads the cache at path: articles whose size and modification time are those
   recorded, under the same themes, get their counts at once. A missing or damaged
   cache is no error: it is a cache. Returns how many articles it filled. */
size_t		 scan_load_cache(struct scan *, const char *path);
/* Writes every article's counts to path (through a temporary file and a rename).
   Returns -1 with errno set on failure. */
int		 scan_save_cache(struct scan *, const char *path);
/* Starts nthreads workers over the articles not yet counted. */
void		 scan_start(struct scan *, int nthreads);
/* Waits for the workers to finish. */
void		 scan_wait(struct scan *);
/* Articles counted so far. */
size_t		 scan_progress(const struct scan *);
int		 scan_finished(const struct scan *);
/* The hit counts of article i, one per theme, or NULL while it is not counted. If
   incomplete is not NULL, *incomplete is set to whether a limit stopped any theme,
   and incomplete_theme(i, t) says which. Borrowed; valid until scan_free(). */
const uint32_t	*scan_counts(const struct scan *, size_t i);
int		 scan_incomplete(const struct scan *, size_t i, size_t theme);
/* Counts article i now, in the calling thread, if no worker has yet. */
void		 scan_now(struct scan *, size_t i);
/* Stops the workers and frees everything. */
void		 scan_free(struct scan *);
/* The cache file for a corpus given as roots, under $XDG_CACHE_HOME (or ~/.cache)
   /rubric; NULL without a home. (The themes are checked inside the file.) Caller
   frees. */
char		*scan_cache_path(const char *const *roots, size_t nroots);

#endif
