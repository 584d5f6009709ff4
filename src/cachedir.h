/* Where rubric keeps its caches: $XDG_CACHE_HOME/rubric (or ~/.cache/rubric), a file
   for each corpus and kind, named by a hash of the corpus's roots, so that the scan
   cache and the head store of one corpus are found by the same key. */
#ifndef RUBRIC_CACHEDIR_H
#define RUBRIC_CACHEDIR_H

#include <stddef.h>

/* The file "KINDHASHSUFFIX" (e.g. "scan-0123456789abcdef") in the cache folder for a
   corpus given as roots, hashed by their real paths; NULL without a home. Caller
   frees. */
char	*cachedir_file(const char *kind, const char *const *roots, size_t nroots,
	    const char *suffix);
/* Makes the folder path is in, and its parent, 0700, for ~/.cache may not exist yet.
   Failing is left to whoever then opens path. */
void	 cachedir_make(const char *path);

#endif
