/* What dups.c (signatures and clusters) and dups_crowd.c (a site's
   boilerplate) share: the walk over a text's shingles and the making of a
   signature, the signatures as the bands read them, and the crowds the bands
   find. Theirs alone: dups.h is everyone else's. */
#ifndef RUBRIC_DUPS_INT_H
#define RUBRIC_DUPS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "chrome.h"
#include "corpus.h"
#include "dups.h"
#include "scan.h"

/* Fewer words than this make no signature: too short to call one a copy of another
   (one-word articles, a title alone). */
#define DUPS_MINWORDS	8

/* A walk over a text's shingles (dups_walk_next()). */
struct dups_walk {
	const char		*buf;
	size_t			 len;
	size_t			 p;	/* the next line's start */
	size_t			 q, e;	/* where in the line, and its end */
	const struct chrome	*chrome;
	uint64_t		 w[3];	/* the last three words */
	size_t			 nwords;
};
/* How many shingles a walk hands over at a time. */
#define DUPS_CHUNK	256

void		 dups_walk_init(struct dups_walk *, const char *buf, size_t len,
		    size_t from, const struct chrome *);
size_t		 dups_walk_next(struct dups_walk *, uint64_t *out, size_t max);
/* The signature from the minima of enough shingles (else the empty one). */
void		 dups_sig_finish(const uint64_t *min, int enough,
		    struct dups_sig *out);

/* Takes shingle h (mixed, dups_walk_next()) into the minima: one permutation
   hashing, one hash a shingle rather than one a slot: its top four bits choose
   the slot, the rest compete for that slot's minimum. */
static inline void
dups_shingle(uint64_t *min, uint64_t h)
{
	size_t		 k;
	uint64_t	 v;

	k = (size_t)(h >> 60);
	v = h & ((1ULL << 60) - 1);
	if (v < min[k])
		min[k] = v;
}

/* Article i's signature, or NULL when it has none (not counted, or empty): looked
   up each time rather than kept in an array of pointers, 8 MB at a million. */
static inline const struct dups_sig *
dups_sig_of(const struct scan *s, size_t i)
{
	const struct dups_sig	*sig = scan_signature(s, i);

	return sig != NULL && !dups_sig_empty(sig) ? sig : NULL;
}

/* The signatures as the bands read them: the scan's, or for an article of a crowd
   whose own text is enough (dups_crowd_own()), the signature of that text. */
struct dups_sigs {
	const struct scan	*s;
	uint32_t		*at;	/* n, or NULL: into own, or DUPS_NONE */
	struct dups_sig		*own;
	size_t			 nown;
	struct scan_ahead	*ahead;	/* dups_sig_copy()'s */
};

static inline const struct dups_sig *
dups_sig_get(const struct dups_sigs *g, size_t i)
{
	if (g->at != NULL && g->at[i] != DUPS_NONE)
		return &g->own[g->at[i]];
	return dups_sig_of(g->s, i);
}

/* The same for one read out of order (a pair in a bucket), copied into out where
   it is not the crowd's own (scan_signature_copy()). */
static inline const struct dups_sig *
dups_sig_copy(const struct dups_sigs *g, size_t i, struct dups_sig *out)
{
	if (g->at != NULL && g->at[i] != DUPS_NONE)
		return &g->own[g->at[i]];
	if (scan_signature_copy(g->s, g->ahead, i, out) == -1 || dups_sig_empty(out))
		return NULL;
	return out;
}

/* The crowds a pass of the bands found: their members marked, and a sample of
   each, evenly spread, to learn the text they share from. */
struct dups_crowd {
	size_t		 n;
	uint8_t		*in;		/* n: 1 in a crowd, 2 sampled too */
	size_t		 nin;
	uint32_t	*sample;	/* the samples one after another */
	size_t		 nsample, maxsample;
	size_t		*start;		/* nbucket + 1: where each begins */
	uint64_t	*key;		/* nbucket: band << 32 | its two slots */
	size_t		 nbucket, maxbucket;
};

/* A bucket of more than this many is a crowd: more than the copies of one story
   usually are, or a text they share besides the story. */
#define DUPS_CROWD	8

/* Notes the bucket of m articles at band[0..m) of band b (the index in each
   one's low 32 bits): a crowd. */
void		 dups_crowd_note(struct dups_crowd *, size_t b,
		    const uint64_t *band, size_t m);
void		 dups_crowd_free(struct dups_crowd *);
/* The text the crowds share besides their stories, learnt from them, and the
   signatures of what the articles that hold it have besides: set in g (at,
   own). How many articles have one. */
size_t		 dups_crowd_own(struct dups_crowd *, const struct corpus *,
		    const struct chrome *, struct dups_sigs *g);

#endif
