/* Where rubric keeps its caches: $XDG_CACHE_HOME/rubric (or ~/.cache/rubric), a file
   for each corpus and kind, named by a hash of the corpus's roots, so that the scan
   cache and the head store of one corpus are found by the same key. */
#ifndef RUBRIC_CACHEDIR_H
#define RUBRIC_CACHEDIR_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The file "KINDHASHSUFFIX" (e.g. "scan-0123456789abcdef") in the cache folder for a
   corpus given as roots, hashed by their real paths; NULL without a home. Caller
   frees. */
char	*cachedir_file(const char *kind, const char *const *roots, size_t nroots,
	    const char *suffix);
/* Makes the folder path is in, and its parent, 0700, for ~/.cache may not exist yet.
   Failing is left to whoever then opens path. */
void	 cachedir_make(const char *path);
/* Whether a file stamped mtime and ctime changed so lately (within
   RUBRIC_INDEX_RACY seconds, 3 unless set) that it may change again within the
   same tick of the clock that stamps it: a cache must not trust that stamp. With
   RUBRIC_INDEX_RACY=0 nothing is racy, not even a stamp a little ahead of time():
   a file system may stamp from a finer clock than time() reads. */
int	 cachedir_racy(const struct timespec *mtime, const struct timespec *ctime);
/* The same as it was at when: whether a stamp taken then was within the tick. */
int	 cachedir_racy_at(const struct timespec *mtime, const struct timespec *ctime,
	    time_t when);

/* FNV-1a, 64 bits, of p[0..n) on from h (CACHEDIR_FNV_BASIS to start): the caches'
   keys and checksums. It guards against damage, not against an adversary. */
#define CACHEDIR_FNV_BASIS	14695981039346656037ULL
uint64_t cachedir_fnv(uint64_t h, const void *p, size_t n);
/* A checksum and hash of p[0..n) on from h, eight bytes at a time: for what is read
   at every start (the head store's rows), where FNV's byte at a time costs a
   quarter of a second a million rows. Against damage, not an adversary; it depends
   on the machine's byte order, as the caches are the machine's. */
uint64_t cachedir_sum(uint64_t h, const void *p, size_t n);
/* The same eight bytes a step over a stream given in pieces of any size: the sum
   of a file written a field at a time is the one read back a buffer at a time. */
struct cachedir_stream {
	uint64_t	 h;
	uint64_t	 total;		/* bytes added */
	unsigned char	 part[8];	/* a word begun */
	size_t		 n;
};
void	 cachedir_stream_init(struct cachedir_stream *);
void	 cachedir_stream_add(struct cachedir_stream *, const void *, size_t);
uint64_t cachedir_stream_end(const struct cachedir_stream *);

#endif
