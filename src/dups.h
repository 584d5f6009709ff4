/* Near-duplicates: syndicated copies of one story. Each article's body (its header
   block and site chrome lines left out) gets a MinHash signature of its word
   shingles, made by the scan's workers as they count it and cached with the
   counts (scan.h, catimage.h); the clusters are made from the signatures alone,
   without reading an article, once the scan is finished. Curses-free. */
#ifndef RUBRIC_DUPS_H
#define RUBRIC_DUPS_H

#include <stddef.h>
#include <stdint.h>

#include "chrome.h"
#include "corpus.h"

struct scan;

/* A signature: DUPS_SLOTS minimum hashes of 16 bits, 32 bytes an article (32 MB
   at a million). All slots DUPS_EMPTY: the article has no words to compare (empty,
   unreadable, detection off) and is in no cluster. */
#define DUPS_SLOTS	16
/* How dups_sign() reads words and dups_build() makes clusters: a cache of
   signatures or clusters made otherwise does not hold. 2: Unicode spaces and
   punctuation end words; 3: crowds compared by their own text; 4: a slot
   keeps its minimum's low bits, and a crowd of many sites is not learnt (3's
   caches hold top bits, which a new article's low bits never equal); 5: a
   folder where most Sources are shared is one site. */
#define DUPS_SIGN_VERSION	5
#define DUPS_SIGLEN	(DUPS_SLOTS * 2)
#define DUPS_EMPTY	UINT16_MAX
struct dups_sig {
	uint16_t	 v[DUPS_SLOTS];
};

/* The bands: two slots each, a 32-bit key. A bucket's member is compared with at
   most DUPS_BUCKETCAP members before it: a text thousands share (boilerplate)
   costs that many checks a member, not one a pair. */
#define DUPS_BANDS	(DUPS_SLOTS / 2)
#define DUPS_BUCKETCAP	32

/* No cluster: what dups_cluster() says of an article with no copy. */
#define DUPS_NONE	UINT32_MAX

/* The signature of buf[from..len), the text after an article's header block (its
   body's header_end), lines chrome matches left out (chrome may be NULL). Words are
   runs of letters and digits (bytes >= 0x80 count as letters), folded to lower
   case (ASCII); the shingles are three words running. */
void		 dups_sign(const char *buf, size_t len, size_t from,
		    const struct chrome *chrome, struct dups_sig *out);
/* The empty signature. */
extern const struct dups_sig dups_sig_none;
/* Sets out to the empty signature. */
void		 dups_sig_clear(struct dups_sig *out);
int		 dups_sig_empty(const struct dups_sig *);
/* The estimated Jaccard similarity of the shingles of two articles, 0 to 1 (the
   share of slots that agree); 0 if either is empty. */
double		 dups_similarity(const struct dups_sig *, const struct dups_sig *);

/* The clusters of a corpus, made once: immutable, so that any thread may read them
   while the one that made them lives. */
struct dups;

/* Clusters the articles of c from the scan's signatures (scan_signature()), every
   article being counted (scan_finished()): pairs that share a band of the
   signature are candidates, kept when their similarity is at least threshold (the
   configuration's duplicate_threshold), and joined transitively. An article not
   counted yet is in no cluster; with threshold 0, none is. A bucket of more
   than a story's copies (a crowd) may be a text many stories share, a site's
   boilerplate: its articles are read to learn that text, and those that have
   it are compared by the rest of theirs (dups.c). Reads no other article.
   It takes a few hundredths of a second at 100,000 articles on one core (make
   bench), and grows with the articles and the pairs checked, so the screen
   makes it off the key path once the scan has finished (and again after
   articles were counted again) and swaps the new one in. Caller frees with
   dups_free(). */
struct dups	*dups_build(const struct corpus *c, const struct scan *s,
		    double threshold);
void		 dups_free(struct dups *);
/* How many candidate pairs dups_build() compared slot by slot: at most the
   articles times DUPS_BANDS times a bucket's cap (dups.c), whatever text
   thousands share; for the tests and the bench. */
size_t		 dups_checks(const struct dups *);
/* Whether d was made from s as it is counted now (no article counted since,
   scan_epoch()): the clusters the caches may keep. */
int		 dups_current(const struct dups *, const struct scan *s);
/* Whether d was taken as the image or the scan cache kept it
   (scan_image_clusters()), not made from the signatures. */
int		 dups_kept(const struct dups *);
/* The threshold d was made at. */
double		 dups_threshold(const struct dups *);
/* How many articles there were (the corpus's n when built). */
size_t		 dups_narticles(const struct dups *);
/* How many clusters (of two articles or more) there are: numbered 0 to that,
   in the corpus order of their first members. */
size_t		 dups_nclusters(const struct dups *);
/* Article i's cluster, or DUPS_NONE when it has no copy. */
uint32_t	 dups_cluster(const struct dups *, size_t i);
/* Whether article i is its cluster's first: the earliest date (article_date() of
   its Date field; an article with none comes after those with one), then the
   smallest path. 0 for an article in no cluster. */
int		 dups_is_first(const struct dups *, size_t i);
/* Article i's estimated similarity to its cluster's first (1 for the first
   itself), in hundredths; 0 for an article in no cluster. */
int		 dups_similarity_first(const struct dups *, size_t i);
/* Cluster k's first member, as an index into the corpus. */
size_t		 dups_first(const struct dups *, uint32_t k);
/* Cluster k's members, first the first, then in the same order (date, path); *n
   gets how many (2 or more). Borrowed, valid until dups_free(). */
const uint32_t	*dups_members(const struct dups *, uint32_t k, size_t *n);
size_t		 dups_count(const struct dups *, uint32_t k);
/* A name for cluster k that stays the same while its first member does, for the
   exports: the hash of the first member's path relative to the corpus root, as
   16 hexadecimal digits in out (17 bytes). */
void		 dups_cluster_name(const struct dups *, uint32_t k, char out[17]);

#endif
