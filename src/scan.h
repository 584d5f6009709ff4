/* The scan: every theme's hit count in every article, computed off the key-press path by
   worker threads, published article by article as it goes, and cached on disk so that
   the next start has the counts at once. */
#ifndef RUBRIC_SCAN_H
#define RUBRIC_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "corpus.h"
#include "dups.h"

struct scan;

/* Bytes of the mapped cache read before they are given back to the kernel, so that
   reading it (154 MB at a million articles) adds no more than this to the resident
   size at the peak: a multiple of the page size, and a variable for the tests, whose
   caches are smaller. */
extern size_t	 scan_cache_window;

/* A theme's hits in an article, in 16 bits: a dozen themes at a million articles
   take 24 MB rather than 48. A count that does not fit is kept as SCAN_COUNT_MAX
   and marked incomplete, as a count a PCRE2 limit stopped is: "at least that",
   which queries and the screen treat as such. */
typedef uint16_t scan_count;
#define SCAN_COUNT_MAX	UINT16_MAX

/* A scan of corpus c with the themes of cfg; both must outlive it. Nothing runs yet. */
struct scan	*scan_new(const struct corpus *c, const struct config *cfg);
/* Right after scan_new(), before anything runs: the signatures the scan makes go
   to a file of its own in the folder of the file beside (the scan cache), nameless
   and gone when the scan is, rather than to anonymous memory, when the corpus has
   at least min articles. Their pages are handed back to the kernel block bytes
   (rounded to pages) at a time as the signatures are written and read in order,
   and those read out of order are read from the file (scan_signature_copy()), so
   that the 32 MB a million articles' take stay in the page cache, which can write
   them out and drop them, not in the process. Where the folder cannot have such
   a file (no O_TMPFILE, no fallocate(), a tmpfs, whose pages are memory all the
   same), they stay in anonymous memory. */
#define SCAN_SPILL_MIN		65536
#define SCAN_SPILL_BLOCK	((size_t)1 << 20)
void		 scan_spill(struct scan *, const char *beside, size_t min,
		    size_t block);
/* Reads the cache at path: articles whose size, mtime, ctime and inode are those
   recorded, under the same themes, get their counts at once. The whole file is
   checked (version, checksum, that it is this corpus's, every record's shape)
   before any count is published; it is read mapped, its checksum taken on a
   second thread beside the records. A missing or damaged cache fills nothing and
   is no error: it is a cache, and the next save replaces it. Returns how many
   articles it filled. */
size_t		 scan_load_cache(struct scan *, const char *path);
/* Writes every article's counts to path, all or nothing (file_replace()). Returns -1
   with errno set on failure. */
int		 scan_save_cache(struct scan *, const char *path);
/* The same, with d's clusters (dups.h) when d was made from s as it is counted
   (dups_current()) and every article is saved: a start that takes every record
   takes them as they are, without the signatures (scan_image_clusters()). */
struct dups;
int		 scan_save_cache_with(struct scan *, const char *path,
		    const struct dups *d);
/* Whether the cache this scan read lacks the clusters at threshold, which it would
   keep (it gave every article, and had none other): saved again with them
   (scan_save_cache_with()), the next start takes them without the signatures. */
int		 scan_cache_wants(const struct scan *, double threshold);
/* How many articles were counted in this run (not taken from a cache): the
   clusters made from the counts hold while it does not change. */
size_t		 scan_epoch(const struct scan *);
/* The digest of cfg's themes, on which the counts depend: a cache of counts holds
   for the same digest only. */
uint64_t	 scan_hash_themes(const struct config *cfg);
/* Where the catalogue's image (catimage.h) keeps the signatures and the clusters
   made from them: left in the file, mapped only while they are read. fd is the
   image's, open (the scan takes it and closes it); the offsets are into it. */
struct scan_image {
	int		 fd;
	uint64_t	 sigs;		/* n signatures (dups.h) */
	uint64_t	 cluster;	/* n uint32_t cluster numbers, then n
					   similarities to the first in hundredths */
	double		 threshold;	/* the clusters' */
	int		 clustered;	/* the clusters were made */
	/* The counts and the incomplete bits as the checksum read them, in a
	   buffer from xmap() of filllen bytes, the bits from incat on: the scan
	   takes the buffer. NULL when there are none (no articles or no
	   themes). */
	void		*fill;
	size_t		 filllen;
	size_t		 incat;
};
/* Fills every article's counts at once from img, the image's counts (n x themes)
   and incomplete bits (n x a byte per 8 themes, rounded up), taking its buffer as
   its own, and takes its file: before any worker starts. */
struct dups_sig;
void		 scan_fill(struct scan *, const struct scan_image *img);
/* The signatures scan_signature() gives of the articles the image gave are mapped
   from it between these two (counted: the holds are counted), and are not there
   otherwise; those made or read from the scan cache here are always there. Any
   thread may hold. */
void		 scan_sigs_hold(const struct scan *);
void		 scan_sigs_release(const struct scan *);
/* The clusters the image or the scan cache kept, when they hold: made for this
   threshold from the signatures every article has now (the image's: none made or
   read from the scan cache since; the scan cache's: it gave every article, none
   counted since), every article counted. 0 and out filled (cluster and sim, n
   each; scan_image_clusters_done() lets them go), else -1. */
struct scan_clusters {
	const uint32_t	*cluster;	/* DUPS_NONE: in none */
	const uint8_t	*sim;
	void		*map;
	size_t		 maplen;
	const char	*from;		/* "the image", "the scan cache" */
};
int		 scan_image_clusters(const struct scan *, double threshold,
		    struct scan_clusters *out);
void		 scan_image_clusters_done(struct scan_clusters *);
/* Starts nthreads workers over the articles not yet counted. */
void		 scan_start(struct scan *, int nthreads);
/* Reads the cache at path (scan_load_cache()) in a thread of its own, which then
   starts nthreads workers on what it did not fill: for the screen, which is drawn
   meanwhile and sees the cached counts arrive as the workers' do. */
void		 scan_start_cached(struct scan *, const char *path, int nthreads);
/* Has the workers stop after the article each is counting: what they counted
   stays, and scan_save_cache() keeps it. */
void		 scan_stop(struct scan *);
/* How many articles the cache filled, once it is read (waited for). */
size_t		 scan_cached(struct scan *);
/* Waits for the workers to finish (and the cache's reading, if it is behind). */
void		 scan_wait(struct scan *);
/* Articles counted so far. */
size_t		 scan_progress(const struct scan *);
int		 scan_finished(const struct scan *);
/* The hit counts of article i, one per theme, or NULL while it is not counted. If
   incomplete is not NULL, *incomplete is set to whether a limit stopped any theme,
   and incomplete_theme(i, t) says which. Borrowed; valid until scan_free(). */
const scan_count *scan_counts(const struct scan *, size_t i);
int		 scan_incomplete(const struct scan *, size_t i, size_t theme);
/* Those flags of article i, a bit a theme (theme t: byte t / 8, bit t % 8), for a
   query's subject; NULL while it is not counted. */
const uint8_t	*scan_incomplete_bits(const struct scan *, size_t i);
/* The near-duplicate signature (dups.h) of article i, made as it is counted, or
   NULL while it is not counted. One the image gave is there only while the caller
   holds the signatures (scan_sigs_hold()), and valid until it lets them go; else
   it is valid until scan_free(). */
const struct dups_sig *scan_signature(const struct scan *, size_t i);
/* The same, copied into out, for one that reads them out of order (a pair the bands
   found): 0, or -1 while it is not counted. Those in a spilled file (scan_spill())
   are read from it with the SCAN_AHEAD after them into ahead, the caller's, zeroed
   at first, where the next ones are found: a bucket's members are most often
   neighbours (NULL: one at a time). */
#define SCAN_AHEAD	64
struct scan_ahead {
	size_t		 lo, n;
	struct dups_sig	 sig[SCAN_AHEAD];
};
int		 scan_signature_copy(const struct scan *, struct scan_ahead *,
		    size_t i, struct dups_sig *out);
/* Every article's signature read once, in order, by one that does not hold them
   (the image, written): those the scan made or holds as scan_signature() gives
   them, the rest from the file of the scan cache or the image a window at a
   time, handed back behind, so that 32 MB at a million articles do not count in
   memory at once. scan_sigwalk() for i = 0, 1, ... in turn, then
   scan_sigwalk_end(); the signature is valid until the next call. */
struct scan_sigwalk {
	const unsigned char	*map;
	size_t			 len;
	int			 fd;
	size_t			 behind;	/* pages below handed back */
	struct dups_sig		 sig;
};
#define SCAN_SIGWALK_INIT	{ NULL, 0, -1, 0, { { 0 } } }
const struct dups_sig *scan_sigwalk(const struct scan *, struct scan_sigwalk *,
		    size_t i);
void		 scan_sigwalk_end(struct scan_sigwalk *);
/* The chrome the signatures leave out (the configuration's). */
const struct chrome *scan_chrome(const struct scan *);
/* Takes article i from the workers (waiting for one that counts it) and forgets
   its counts: its file changed. The caller may then change the article, which no
   worker reads meanwhile, and must then hand it back with scan_again(). */
void		 scan_forget(struct scan *, size_t i);
/* Counts article i again, taken by scan_forget(), in a thread of the scan's. */
void		 scan_again(struct scan *, size_t i);
/* Counts article i now, in the calling thread, if no worker has yet. */
void		 scan_now(struct scan *, size_t i);
/* Every theme's matches in one text, found as the scan finds them (the prefilter
   guiding PCRE2): for the export's snippets. One finder per thread; it borrows the
   scan, which must outlive it. */
struct scan_finder;
struct match_list;
struct scan_finder *scan_finder_new(const struct scan *);
void		 scan_finder_free(struct scan_finder *);
/* Reads where the literals are in buf[0..len): first, for each new text. */
void		 scan_finder_text(struct scan_finder *, const char *buf, size_t len);
/* The matches of theme t from `from` on into out, emptied first. Returns 0, or -1
   when a PCRE2 limit stopped the search. */
int		 scan_find(struct scan_finder *, size_t t, const char *buf, size_t len,
		    size_t from, struct match_list *out);
/* Counts article i, unless it is counted already, from its text b (NULL: it could
   not be read), which the caller has read, and adds the matches of every theme to
   keep (which may be NULL): for the export, which then searches each article once.
   Returns its counts, or NULL if a worker has it still. */
const scan_count *scan_article(struct scan *, struct scan_finder *, size_t i,
		    const struct body *b, struct match_list *keep);
/* Stops the workers and frees everything. */
void		 scan_free(struct scan *);
/* The cache file for a corpus given as roots, under $XDG_CACHE_HOME (or ~/.cache)
   /rubric; NULL without a home. (The themes are checked inside the file.) Caller
   frees. */
char		*scan_cache_path(const char *const *roots, size_t nroots);

#endif
