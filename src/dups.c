/* Near-duplicates: MinHash signatures of word shingles, banded into buckets whose
   pairs are checked against the threshold and joined with a union-find. Every
   array is flat and indexed by article: nothing is allocated per article.

   Why MinHash of 16 slots of 16 bits, banded two slots a band. Measured on
   tests/gendups.py's corpus (300 stories, 645 articles; exact figures from the
   shingles): copies' Jaccard similarity is 0.60 to 1.00 (5th percentile 0.69),
   distinct stories on one subject 0.03 to 0.17.
   - SimHash (64 bits) puts copies 0 to 23 bits apart (95th percentile 15) and
     distinct stories on a subject 16 to 41 (5th percentile 22): the two
     overlap, and no banding of 64 bits finds pairs fifteen bits apart without
     reading most pairs. MinHash's bands find its pairs in one sort per band.
   - b-bit MinHash (1 to 4 bits a slot) estimates better for its bytes, but
     its slots agree by chance too often to band: buckets fill with strangers.
   - 16 bits a slot agree by chance once in 65,536, so a band of two slots is a
     32-bit key that strangers share about never, and the 16 slots verify the
     pair as they are. 8 bands of 2 make a pair of similarity s a candidate
     with probability 1 - (1 - s^2)^8: 0.90 at 0.5, 0.98 at 0.6, 0.998 at 0.7;
     a copy missed as a pair is mostly joined through another copy.
   - One permutation hashing (a hash a shingle, its top bits choosing the
     slot) rather than a hash a slot: 8 rather than 25 microseconds an
     article of gencorpus's on this machine, and the clusters as good.
   - 32 bytes an article, 32 MB at a million, keeps the whole program near its
     250 MB at a million articles. The price is a coarse estimate (in
     sixteenths: sd 0.12 at 0.5), which the threshold's default (0.55, nine
     slots of sixteen) absorbs: at 6,700 articles (tests/gendups.py 3000,
     seeds 1 and 2) 0.5 gave pairwise precision 0.995 to 1.000 and recall
     0.999 to 1.000, 0.55 precision 1.000 and recall 0.997 to 1.000, 0.6
     precision 1.000 and recall 0.991 to 0.994.

   Why crowds. A site's boilerplate (who it is, its terms, its newsletter) is
   in every article of the site, and when it is as long as the stories, any two
   of them are as alike as copies: 4,000 briefs of 60 words under one of 120
   made one cluster of 3,055, chained. Signatures alone cannot tell such a text
   from a story copied many times, so the bands' buckets of more than a story's
   copies (crowds) are read: a text three quarters of a crowd's sample share,
   beside a text of each one's own of fifty words or more, is boilerplate
   (when a quarter of them have less, they are copies of one story, each with
   a line or a word of its own). Articles whose signatures hold it in two
   slots are read again and signed without it. A crowd most of whose members
   are not of one site (their first folder and Source, or a folder where most
   Sources are shared) is a story's copies and is not read. On
   tests/gendups.py's corpus of 3,000 stories (6,700 articles; seeds 1 and 2)
   with every site's boilerplate of 150, 400 or 800 words, pairwise precision
   was 0.000 to 0.040 without this (clusters of thousands), recall 0.67 to
   0.99; with it precision is 1.000 and recall 0.994 to 0.997, for 0.14 to
   0.37 s more (reading the articles again). With no boilerplate nothing is
   read and the clusters are as they were (recall 0.997 and 1.000); at
   100,000 articles under boilerplate, 2.5 s (make bench has the figures).
   The corpus of make bench (tests/gencorpus.c) makes none. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "cachedir.h"
#include "dups.h"
#include "log.h"
#include "scan.h"
#include "xmalloc.h"

/* Fewer words than this make no signature: too short to call one a copy of another
   (one-word articles, a title alone). */
#define DUPS_MINWORDS	8

struct dups {
	size_t		 n;
	size_t		 nclusters;
	size_t		 checks;	/* pairs compared */
	uint32_t	*cluster;	/* n: the cluster, or DUPS_NONE */
	uint8_t		*sim;		/* n: hundredths of the first */
	uint32_t	*members;	/* every clustered article, cluster by cluster */
	uint32_t	*off;		/* nclusters + 1 offsets into members */
	uint64_t	*name;		/* nclusters: the first's path hash */
	const struct scan *from;	/* made from, at its scan_epoch() */
	size_t		 epoch;
	double		 threshold;
};

struct dups_sigs;
struct dups_crowd;
struct dups_set;
struct dups_resign;

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

/* A member being sorted into its cluster. */
struct dups_mem {
	uint32_t	 root;
	uint32_t	 date;		/* YYYYMMDD; UINT32_MAX: none */
	uint32_t	 i;
	const char	*path;
};

static uint64_t	dups_mix(uint64_t);
static size_t	dups_sep(const unsigned char *, size_t);
static void	dups_shingle(uint64_t *, uint64_t);
static void	dups_walk_init(struct dups_walk *, const char *, size_t, size_t,
		    const struct chrome *);
static size_t	dups_walk_next(struct dups_walk *, uint64_t *, size_t);
static void	dups_sig_finish(const uint64_t *, int, struct dups_sig *);
static uint32_t	dups_find(uint32_t *, uint32_t);
static void	dups_union(uint32_t *, uint32_t, uint32_t);
static void	dups_band_sort(uint64_t *, uint64_t *, size_t);
static int	dups_cmp_mem(const void *, const void *);
static int	dups_cmp_first(const void *, const void *);
static uint32_t	dups_date(const struct article *);
static const struct dups_sig *dups_sig_of(const struct scan *, size_t);
static const struct dups_sig *dups_sig_get(const struct dups_sigs *, size_t);
static void	dups_crowd_note(struct dups_crowd *, size_t, const uint64_t *,
		    size_t);
static void	dups_crowd_free(struct dups_crowd *);
static int	dups_crowd_read(const struct corpus *, size_t,
		    const struct chrome *, uint64_t **, size_t *, size_t *);
static size_t	dups_crowd_own(struct dups_crowd *, const struct corpus *,
		    const struct chrome *, struct dups_sigs *);
static int	dups_set_has(const struct dups_set *, uint64_t);
static void	dups_set_add(struct dups_set *, uint64_t);
static int	dups_cmp_size(const void *, const void *);
static int	dups_cmp_u64(const void *, const void *);
static uint64_t	dups_site(const struct article *, uint64_t *, uint64_t *);
static int	dups_crowd_site(uint64_t *, size_t, uint64_t *);
static int	dups_crowd_sited(const struct corpus *,
		    const struct dups_crowd *, size_t);
static int	dups_crowd_learn(const struct dups_crowd *, size_t,
		    const struct corpus *, const struct chrome *, struct dups_set *,
		    uint8_t *);
static size_t	dups_slot_of(uint64_t, size_t);
static void	dups_resign_one(struct dups_resign *, size_t);
static void	*dups_resign_worker(void *);
static size_t	dups_slot_bit(uint64_t);
static void	dups_bands(struct dups *, const struct dups_sigs *, size_t,
		    uint32_t *, size_t, struct dups_crowd *);

/* A 64-bit finaliser (SplitMix64's), which stands for a random permutation well
   enough at two multiplications. */
static uint64_t
dups_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Each byte as a word's byte, ASCII folded to lower case, or 0 for one that ends
   a word: letters, digits and every byte of a UTF-8 sequence are words' bytes. A
   table, not tests: the loop over the text's bytes is most of a signature's cost. */
#define DUPS_F(c)	((c) >= 'A' && (c) <= 'Z' ? (c) | 0x20 : (c) >= 0x80 || \
			 ((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') ? (c) : 0)
#define DUPS_F4(c)	DUPS_F(c), DUPS_F(c + 1), DUPS_F(c + 2), DUPS_F(c + 3)
#define DUPS_F16(c)	DUPS_F4(c), DUPS_F4(c + 4), DUPS_F4(c + 8), DUPS_F4(c + 12)
#define DUPS_F64(c)	DUPS_F16(c), DUPS_F16(c + 16), DUPS_F16(c + 32), DUPS_F16(c + 48)
static const unsigned char dups_fold[256] = {
	DUPS_F64(0), DUPS_F64(64), DUPS_F64(128), DUPS_F64(192)
};

/* The length of the UTF-8 sequence at s[0..n) when it is a space or punctuation
   that ends a word as its ASCII spelling does, or 0: a no-break space, the General
   Punctuation block (U+2000 to U+206F: spaces, dashes, curly quotes and
   apostrophes, the ellipsis) and the guillemets, the middle dot and the inverted
   marks. Sites that republish a story spell these apart (a typographic quote
   for a straight one, "country\u2019s" for "country's"): read as words'
   bytes, they made every word beside them another word. Called only for a
   lead byte 0xc2 or 0xe2. */
static size_t
dups_sep(const unsigned char *s, size_t n)
{
	if (s[0] == 0xc2 && n >= 2)
		switch (s[1]) {
		case 0xa0: case 0xa1: case 0xab: case 0xb7: case 0xbb: case 0xbf:
			return 2;
		default:
			return 0;
		}
	if (s[0] == 0xe2 && n >= 3 && (s[1] == 0x80 || (s[1] == 0x81 &&
	    s[2] < 0xb0)) && s[2] >= 0x80 && s[2] < 0xc0)
		return 3;
	return 0;
}

/* Takes shingle h (mixed, dups_walk_next()) into the minima: one permutation
   hashing, one hash a shingle rather than one a slot: its top four bits choose
   the slot, the rest compete for that slot's minimum. */
static void
dups_shingle(uint64_t *min, uint64_t h)
{
	size_t		 k;
	uint64_t	 v;

	k = (size_t)(h >> 60);
	v = h & ((1ULL << 60) - 1);
	if (v < min[k])
		min[k] = v;
}

_Static_assert(DUPS_SLOTS == 16, "dups_sig_none spells out every slot");
const struct dups_sig dups_sig_none = { {
	DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY,
	DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY,
	DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY, DUPS_EMPTY
} };

void
dups_sig_clear(struct dups_sig *out)
{
	memset(out, 0xff, sizeof *out);
}

int
dups_sig_empty(const struct dups_sig *s)
{
	return s->v[0] == DUPS_EMPTY;
}

static void
dups_walk_init(struct dups_walk *w, const char *buf, size_t len, size_t from,
    const struct chrome *chrome)
{
	memset(w, 0, sizeof *w);
	w->buf = buf;
	w->len = len;
	w->p = w->q = w->e = from;
	w->chrome = chrome;
}

/* The next shingles of the walk, up to max of them into out, mixed: how many (0 at
   the text's end). A shingle is three words running; a line chrome matches is
   left out. Resumable anywhere, so that the signature and the crowds' counting
   (dups_crowds()) read words the same way. */
static size_t
dups_walk_next(struct dups_walk *w, uint64_t *out, size_t max)
{
	const char	*buf = w->buf;
	size_t		 n = 0, q = w->q, e = w->e, k;
	uint64_t	 h;
	unsigned char	 ch;

	while (n < max) {
		if (q >= e) {
			const char	*nl;

			if (w->p >= w->len)
				break;
			nl = memchr(buf + w->p, '\n', w->len - w->p);
			e = nl != NULL ? (size_t)(nl - buf) : w->len;
			q = w->p;
			w->p = e + 1;
			/* A chrome line is the site's, not the story's. */
			if (w->chrome != NULL && e - q <= CHROME_MAXLINE &&
			    chrome_match(w->chrome, buf + q, e - q > 0 &&
			    buf[e - 1] == '\r' ? e - q - 1 : e - q))
				q = e;
			continue;
		}
		if (dups_fold[(unsigned char)buf[q]] == 0) {
			q++;
			continue;
		}
		if (((unsigned char)buf[q] == 0xc2 || (unsigned char)buf[q] == 0xe2) &&
		    (k = dups_sep((const unsigned char *)buf + q, e - q)) > 0) {
			q += k;
			continue;
		}
		/* A word, ASCII folded: its bytes shifted in whole (a word of up to
		   eight is its own key), longer ones folded in by rotation, and mixed
		   below with its length. A hash of a multiplication a byte (FNV) cost
		   twice as much. */
		h = 0;
		for (k = q; q < e && (ch = dups_fold[(unsigned char)buf[q]]) != 0;
		    q++) {
			/* 0xc2 and 0xe2 alone: one test a byte. */
			if ((ch | 0x20) == 0xe2 && dups_sep((const unsigned char *)buf +
			    q, e - q) > 0)
				break;
			h = (h << 8 | h >> 56) ^ ch;
		}
		h += (uint64_t)(q - k) * 0x9e3779b97f4a7c15ULL;
		/* A shingle: the three words by three odd multipliers, so that
		   their order counts, mixed once. */
		w->w[0] = w->w[1];
		w->w[1] = w->w[2];
		w->w[2] = h;
		if (++w->nwords >= 3)
			out[n++] = dups_mix(w->w[0] * 0xd6e8feb86659fd93ULL +
			    w->w[1] * 0xa0761d6478bd642fULL +
			    w->w[2] * 0xe7037ed1a0b428dbULL);
	}
	w->q = q;
	w->e = e;
	return n;
}

/* The signature from the minima of enough shingles (else the empty one). */
static void
dups_sig_finish(const uint64_t *min, int enough, struct dups_sig *out)
{
	uint64_t	 h;
	size_t		 k, j;

	if (!enough) {
		dups_sig_clear(out);
		return;
	}
	for (k = 0; k < DUPS_SLOTS; k++) {
		/* A slot no shingle fell in takes the next one's that did, mixed
		   with how far it is (densification by rotation), so that two
		   short texts still compare slot by slot. Eight words make six
		   shingles: one slot at least has one. */
		for (j = 0; min[(k + j) % DUPS_SLOTS] == UINT64_MAX; j++)
			;
		/* The minimum's low bits: its top ones, of a minimum, are small
		   numbers, which unrelated articles share far more often than
		   one time in 65,536 (a slot of 20 shingles: one in 6,000), and
		   which gathered a site's unrelated articles into the bands'
		   buckets by the thousand. */
		h = j == 0 ? min[k] : dups_mix(min[(k + j) % DUPS_SLOTS] + j) >> 48;
		out->v[k] = (uint16_t)h;
		/* DUPS_EMPTY is kept for "no signature". */
		if (out->v[k] == DUPS_EMPTY)
			out->v[k]--;
	}
}

void
dups_sign(const char *buf, size_t len, size_t from, const struct chrome *chrome,
    struct dups_sig *out)
{
	struct dups_walk w;
	uint64_t	 min[DUPS_SLOTS], sh[DUPS_CHUNK];
	size_t		 k, m;

	for (k = 0; k < DUPS_SLOTS; k++)
		min[k] = UINT64_MAX;
	dups_walk_init(&w, buf, len, from, chrome);
	while ((m = dups_walk_next(&w, sh, DUPS_CHUNK)) > 0)
		for (k = 0; k < m; k++)
			dups_shingle(min, sh[k]);
	dups_sig_finish(min, w.nwords >= DUPS_MINWORDS, out);
}

double
dups_similarity(const struct dups_sig *a, const struct dups_sig *b)
{
	size_t	 k, same = 0;

	if (dups_sig_empty(a) || dups_sig_empty(b))
		return 0;
	for (k = 0; k < DUPS_SLOTS; k++)
		same += a->v[k] == b->v[k];
	return (double)same / DUPS_SLOTS;
}

static uint32_t
dups_find(uint32_t *parent, uint32_t i)
{
	uint32_t	 r = i, t;

	while (parent[r] != r)
		r = parent[r];
	while (parent[i] != r) {
		t = parent[i];
		parent[i] = r;
		i = t;
	}
	return r;
}

/* Joins two roots, the smaller index becoming the root, so that roots do not
   depend on the order of the joins. */
static void
dups_union(uint32_t *parent, uint32_t a, uint32_t b)
{
	if (a < b)
		parent[b] = a;
	else
		parent[a] = b;
}

/* Sorts v[0..n) (a band's key above, an article's index below, indices rising)
   by key, stably, in two passes of 16 bits: (key, index) order. */
static void
dups_band_sort(uint64_t *v, uint64_t *tmp, size_t n)
{
	size_t		*cnt = xcalloc(65536, sizeof *cnt);
	size_t		 i, sum, c;
	int		 pass, sh;
	uint64_t	*from = v, *to = tmp, *t;

	for (pass = 0; pass < 2; pass++) {
		sh = 32 + 16 * pass;
		memset(cnt, 0, 65536 * sizeof *cnt);
		for (i = 0; i < n; i++)
			cnt[from[i] >> sh & 0xffff]++;
		for (i = 0, sum = 0; i < 65536; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[cnt[from[i] >> sh & 0xffff]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	/* Two passes: the result is back in v. */
	free(cnt);
}

static uint32_t
dups_date(const struct article *a)
{
	const char	*d = article_text(a, ARTICLE_DATE);
	char		 iso[11];

	if (d == NULL || article_date(d, iso) == -1)
		return UINT32_MAX;
	return (uint32_t)(atoi(iso) * 10000 + atoi(iso + 5) * 100 + atoi(iso + 8));
}

static int
dups_cmp_mem(const void *pa, const void *pb)
{
	const struct dups_mem	*a = pa, *b = pb;
	int			 r;

	if (a->root != b->root)
		return a->root < b->root ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if ((r = strcmp(a->path, b->path)) != 0)
		return r;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Clusters as (first, offset) pairs, by first. */
static int
dups_cmp_first(const void *pa, const void *pb)
{
	const uint32_t	*a = pa, *b = pb;

	return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Article i's signature, or NULL when it has none (not counted, or empty): looked
   up each time rather than kept in an array of pointers, 8 MB at a million. */
static const struct dups_sig *
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
};

static const struct dups_sig *
dups_sig_get(const struct dups_sigs *g, size_t i)
{
	if (g->at != NULL && g->at[i] != DUPS_NONE)
		return &g->own[g->at[i]];
	return dups_sig_of(g->s, i);
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
/* A story under boilerplate has at least this many shingles of its own (fifty
   words); a copy's own lines (a local line, a few words changed) fewer. */
#define DUPS_OWNMIN	48
/* How many members of a crowd are read to learn what they share. */
#define DUPS_SAMPLE	32
/* How many shingles of one article a sample takes at most (its first). */
#define DUPS_SAMPLECAP	16384

/* Notes the bucket of m articles at band[0..m) of band b (the index in each
   one's low 32 bits): a crowd. A bucket whose sample the crowds noted
   already mostly hold (another band of the same crowd) adds none. */
static void
dups_crowd_note(struct dups_crowd *cr, size_t b, const uint64_t *band, size_t m)
{
	size_t		 k, ns = m < DUPS_SAMPLE ? m : DUPS_SAMPLE, seen = 0;

	if (cr->in == NULL)
		cr->in = xcalloc(cr->n + 1, 1);
	for (k = 0; k < m; k++) {
		uint32_t	 i = (uint32_t)band[k];

		if (cr->in[i] == 0) {
			cr->in[i] = 1;
			cr->nin++;
		}
	}
	for (k = 0; k < ns; k++)
		seen += cr->in[(uint32_t)band[k * m / ns]] == 2;
	if (2 * seen >= ns)
		return;
	/* Grown by doubling: buckets come one by one, by the hundred thousand
	   in a large corpus. */
	if (cr->nsample + ns > cr->maxsample) {
		cr->maxsample = 2 * (cr->nsample + ns);
		cr->sample = xreallocarray(cr->sample, cr->maxsample,
		    sizeof *cr->sample);
	}
	if (cr->nbucket + 2 > cr->maxbucket) {
		cr->maxbucket = 2 * (cr->nbucket + 2);
		cr->start = xreallocarray(cr->start, cr->maxbucket,
		    sizeof *cr->start);
		cr->key = xreallocarray(cr->key, cr->maxbucket, sizeof *cr->key);
	}
	cr->key[cr->nbucket] = (uint64_t)b << 32 | band[0] >> 32;
	cr->start[cr->nbucket] = cr->nsample;
	for (k = 0; k < ns; k++) {
		uint32_t	 i = (uint32_t)band[k * m / ns];

		cr->in[i] = 2;
		cr->sample[cr->nsample++] = i;
	}
	cr->start[++cr->nbucket] = cr->nsample;
}

static void
dups_crowd_free(struct dups_crowd *cr)
{
	free(cr->in);
	free(cr->sample);
	free(cr->start);
	free(cr->key);
}

/* A set of shingles (open addressing; 0 stands for the empty place). */
struct dups_set {
	uint64_t	*v;
	size_t		 n, cap;
};

static int
dups_set_has(const struct dups_set *set, uint64_t h)
{
	size_t	 k;

	if (set->cap == 0)
		return 0;
	h += h == 0;
	for (k = (size_t)(h * 0x9e3779b97f4a7c15ULL >> 20) & (set->cap - 1);
	    set->v[k] != 0; k = (k + 1) & (set->cap - 1))
		if (set->v[k] == h)
			return 1;
	return 0;
}

static void
dups_set_add(struct dups_set *set, uint64_t h)
{
	size_t	 k, i;

	if (2 * (set->n + 1) > set->cap) {
		struct dups_set	 big = { NULL, 0, set->cap ? 2 * set->cap : 1024 };

		big.v = xcalloc(big.cap, sizeof *big.v);
		for (i = 0; i < set->cap; i++)
			if (set->v[i] != 0)
				dups_set_add(&big, set->v[i]);
		free(set->v);
		*set = big;
	}
	h += h == 0;
	for (k = (size_t)(h * 0x9e3779b97f4a7c15ULL >> 20) & (set->cap - 1);
	    set->v[k] != 0; k = (k + 1) & (set->cap - 1))
		if (set->v[k] == h)
			return;
	set->v[k] = h;
	set->n++;
}

/* Where a table of mask + 1 places starts looking for shingle h. */
static size_t
dups_slot_of(uint64_t h, size_t mask)
{
	return (size_t)(h * 0x9e3779b97f4a7c15ULL >> 24) & mask;
}

/* Shingle h's bit in a bitmap of slot values, a bit for each of 65,536 values
   of each slot: the value it gives its slot as the slot's minimum
   (dups_shingle(), dups_sig_finish()). */
static size_t
dups_slot_bit(uint64_t h)
{
	uint16_t	 v = (uint16_t)h;

	return (size_t)(h >> 60) << 16 | (v == DUPS_EMPTY ? v - 1 : v);
}

static int
dups_cmp_u64(const void *pa, const void *pb)
{
	uint64_t	 a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

static int
dups_cmp_size(const void *pa, const void *pb)
{
	size_t	 a = *(const size_t *)pa, b = *(const size_t *)pb;

	return a < b ? -1 : a > b;
}

/* Appends article i's shingles (the first DUPS_SAMPLECAP) to *v; -1 if it could
   not be read. */
static int
dups_crowd_read(const struct corpus *c, size_t i, const struct chrome *chrome,
    uint64_t **v, size_t *n, size_t *cap)
{
	const struct article	*a = c->articles[i];
	struct dups_walk	 w;
	struct body		 b;
	size_t			 from = *n, m;

	if (a->error != NULL || article_read(a, &b) == -1)
		return -1;
	dups_walk_init(&w, b.buf, b.len, b.header_end, chrome);
	for (;;) {
		if (*cap - *n < DUPS_CHUNK) {
			*cap = *cap * 2 + DUPS_CHUNK;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		if (*n - from >= DUPS_SAMPLECAP ||
		    (m = dups_walk_next(&w, *v + *n, DUPS_CHUNK)) == 0)
			break;
		*n += m;
	}
	article_body_free(&b);
	return 0;
}

/* Article a's site, hashed: its Source header and the first part of its path
   (a corpus's top level is most often its sites or feeds). Both, as a wire's
   copies may all name the wire as their source, or all sit in one folder. The
   folder's hash and the Source's (0: none) apart in *fold and *src. */
static uint64_t
dups_site(const struct article *a, uint64_t *fold, uint64_t *src)
{
	const char	*s = article_text(a, ARTICLE_SOURCE), *sl;
	uint64_t	 h;

	sl = strchr(a->name, '/');
	h = cachedir_fnv(CACHEDIR_FNV_BASIS, a->name,
	    sl != NULL ? (size_t)(sl - a->name) + 1 : 0);
	*fold = h;
	*src = s != NULL ? cachedir_fnv(CACHEDIR_FNV_BASIS, s, strlen(s)) : 0;
	if (s != NULL)
		h = cachedir_fnv(h, s, strlen(s));
	return h;
}

/* Whether half of site[0..n) or more (sorted here) is one site, that site in
   *which when given. */
static int
dups_crowd_site(uint64_t *site, size_t n, uint64_t *which)
{
	size_t	 k, j, most = 0;

	qsort(site, n, sizeof *site, dups_cmp_u64);
	for (k = 0; k < n; k = j) {
		for (j = k + 1; j < n && site[j] == site[k]; j++)
			;
		if (j - k > most) {
			most = j - k;
			if (which != NULL)
				*which = site[k];
		}
	}
	return n > 0 && 2 * most >= n;
}

/* Whether crowd bk's sample is mostly one site's: half of it or more of one
   folder and Source, or of one folder in which most Sources are shared. A
   site may credit each story to one of a few agencies (its Source header):
   read as that many sites, a boilerplate was learnt from none of its crowds
   (gendups's 3,000 stories under 400 words, a Source of six a site: precision
   0.005). A folder of a wire story's copies from many papers, each naming
   its own, is still many sites. */
static int
dups_crowd_sited(const struct corpus *c, const struct dups_crowd *cr, size_t bk)
{
	uint64_t	 site[DUPS_SAMPLE], fold[DUPS_SAMPLE], src[DUPS_SAMPLE];
	uint64_t	 one = 0;
	size_t		 k, j, n = 0, ns = 0, shared = 0;

	for (k = cr->start[bk]; k < cr->start[bk + 1]; k++, n++)
		site[n] = dups_site(c->articles[cr->sample[k]], &fold[n],
		    &src[n]);
	if (dups_crowd_site(site, n, NULL))
		return 1;
	memcpy(site, fold, n * sizeof *site);
	if (!dups_crowd_site(site, n, &one))
		return 0;
	for (k = 0; k < n; k++)
		if (fold[k] == one)
			site[ns++] = src[k];
	qsort(site, ns, sizeof *site, dups_cmp_u64);
	for (k = 0; k < ns; k = j) {
		for (j = k + 1; j < ns && site[j] == site[k]; j++)
			;
		if (j - k >= 2)
			shared += j - k;
	}
	return 2 * shared >= ns;
}

/* Learns what crowd bk's sample shares: the shingles three quarters of its
   members have. When most members have DUPS_OWNMIN shingles or more besides
   them, and half of them or more are of one site (checked by dups_crowd_own()
   before it reads them), that is a text the site's
   stories share (its boilerplate), added to common. When most have fewer, the
   crowd is one story's copies, each with a line or a word of its own, and
   what they share is the story: left alone. So is a crowd from many sites
   whatever its members have of their own: a wire story that 500 papers each
   gave a local paragraph of 50 to 100 words is that story's copies, and
   learning the story as boilerplate split them all apart (recall 0.000 where
   it was 0.94 to 0.99 without crowds). */
static int
dups_crowd_learn(const struct dups_crowd *cr, size_t bk, const struct corpus *c,
    const struct chrome *chrome, struct dups_set *common, uint8_t *slots)
{
	uint64_t	*v = NULL, *key;
	uint32_t	*cnt, *last;
	size_t		 off[DUPS_SAMPLE + 1], own[DUPS_SAMPLE];
	size_t		 nv = 0, cap = 0, k, j, h, mask, nread = 0, need, nshared;
	int		 learnt;

	off[0] = 0;
	for (k = cr->start[bk]; k < cr->start[bk + 1]; k++)
		if (dups_crowd_read(c, cr->sample[k], chrome, &v, &nv, &cap) == 0)
			off[++nread] = nv;
	if (nread < 3) {
		free(v);
		return 0;
	}
	/* How many members have each shingle: counted in a table, a member
	   once (last), rather than sorted. */
	for (mask = 1023; mask < 2 * nv; mask = 2 * mask + 1)
		;
	key = xcalloc(mask + 1, sizeof *key);
	cnt = xcalloc(mask + 1, sizeof *cnt);
	last = xcalloc(mask + 1, sizeof *last);
	for (k = 0; k < nread; k++)
		for (j = off[k]; j < off[k + 1]; j++) {
			for (h = dups_slot_of(v[j], mask); cnt[h] != 0 &&
			    key[h] != v[j]; h = (h + 1) & mask)
				;
			if (cnt[h] == 0) {
				key[h] = v[j];
				cnt[h] = 1;
			} else if (last[h] != k)
				cnt[h]++;
			last[h] = (uint32_t)k;
		}
	need = (3 * nread + 3) / 4;
	for (h = 0, nshared = 0; h <= mask; h++)
		nshared += cnt[h] >= need;
	for (k = 0; k < nread; k++) {
		own[k] = 0;
		for (j = off[k]; j < off[k + 1]; j++) {
			for (h = dups_slot_of(v[j], mask); key[h] != v[j];
			    h = (h + 1) & mask)
				;
			own[k] += cnt[h] < need;
		}
	}
	free(v);
	/* The median: what most members have of their own. */
	qsort(own, nread, sizeof *own, dups_cmp_size);
	learnt = own[nread / 4] >= DUPS_OWNMIN && 2 * nshared >= own[nread / 2];
	for (h = 0; learnt && h <= mask; h++)
		if (cnt[h] >= need) {
			dups_set_add(common, key[h]);
			j = dups_slot_bit(key[h]);
			slots[j / 8] |= 1u << (j % 8);
		}
	free(key);
	free(cnt);
	free(last);
	return learnt;
}

/* The articles to sign again without the crowds' text, shared by threads. */
struct dups_resign {
	const struct corpus	*c;
	const struct chrome	*chrome;
	const struct dups_set	*common;
	uint32_t		*cand;		/* ncand: the articles */
	size_t			 ncand;
	struct dups_sig		*own;		/* ncand: their signatures */
	uint8_t			*ok;		/* ncand: 1 when own[] is one */
	atomic_size_t		 next;		/* the next to take */
};

/* Signs article cand[i] without the common shingles into own[i], and sets ok[i]
   when it has DUPS_MINWORDS of its own or more and some common ones. */
static void
dups_resign_one(struct dups_resign *rs, size_t i)
{
	const struct article	*a = rs->c->articles[rs->cand[i]];
	struct dups_walk	 w;
	struct body		 b;
	uint64_t		 min[DUPS_SLOTS], sh[DUPS_CHUNK];
	size_t			 j, m, total = 0, kept = 0;

	if (a->error != NULL || article_read(a, &b) == -1)
		return;
	for (j = 0; j < DUPS_SLOTS; j++)
		min[j] = UINT64_MAX;
	dups_walk_init(&w, b.buf, b.len, b.header_end, rs->chrome);
	while ((m = dups_walk_next(&w, sh, DUPS_CHUNK)) > 0)
		for (j = 0; j < m; j++, total++)
			if (!dups_set_has(rs->common, sh[j])) {
				dups_shingle(min, sh[j]);
				kept++;
			}
	article_body_free(&b);
	if (kept < DUPS_MINWORDS || kept == total)
		return;
	dups_sig_finish(min, 1, &rs->own[i]);
	rs->ok[i] = 1;
}

static void *
dups_resign_worker(void *arg)
{
	struct dups_resign	*rs = arg;
	size_t			 i, e;

	while ((i = atomic_fetch_add(&rs->next, 64)) < rs->ncand)
		for (e = i + 64 < rs->ncand ? i + 64 : rs->ncand; i < e; i++)
			dups_resign_one(rs, i);
	return NULL;
}

/* The crowds' shared text, and each member's own: learns the text the crowds
   share besides their stories (dups_crowd_learn()), then reads every member
   again and signs what it has besides that. A member with DUPS_MINWORDS
   shingles of its own or more is compared by them from now on (g->own): a
   story under a site's boilerplate. One with fewer (a page of boilerplate
   alone) keeps its signature, as does one that cannot be read. How many are
   compared by their own text. */
static size_t
dups_crowd_own(struct dups_crowd *cr, const struct corpus *c,
    const struct chrome *chrome, struct dups_sigs *g)
{
	struct dups_set	 common = { NULL, 0, 0 };
	struct dups_resign rs;
	pthread_t	 tid[8];
	long		 cpus;
	uint64_t	*order;
	uint8_t		*slots;
	size_t		 bk, i, k, j, m, nsampled = 0, nskip = 0, nown = 0;
	size_t		 nthreads;

	slots = xcalloc(DUPS_SLOTS * 65536 / 8, 1);
	/* The fullest crowds first: a boilerplate is learnt from its largest,
	   and its smaller ones are then skipped. */
	order = xreallocarray(NULL, cr->nbucket + 1, sizeof *order);
	for (bk = 0; bk < cr->nbucket; bk++)
		order[bk] = (uint64_t)(DUPS_SAMPLE - (cr->start[bk + 1] -
		    cr->start[bk])) << 32 | bk;
	qsort(order, cr->nbucket, sizeof *order, dups_cmp_u64);
	for (i = 0, m = 0; i < cr->nbucket; i++) {
		bk = (size_t)(uint32_t)order[i];
		/* A site's text is on its own articles: a crowd of many sites
		   is a story's copies (dups_crowd_sited()), and is not read. */
		if (!dups_crowd_sited(c, cr, bk))
			continue;
		/* A bucket whose key is a text learnt already: another sample of
		   the same boilerplate, not read. */
		k = (size_t)(2 * (cr->key[bk] >> 32)) << 16 |
		    (size_t)(cr->key[bk] >> 16 & 0xffff);
		j = (size_t)(2 * (cr->key[bk] >> 32) + 1) << 16 |
		    (size_t)(cr->key[bk] & 0xffff);
		if ((slots[k / 8] >> (k % 8) & 1) && (slots[j / 8] >> (j % 8) & 1)) {
			nskip++;
			continue;
		}
		m += dups_crowd_learn(cr, bk, c, chrome, &common, slots);
		nsampled += cr->start[bk + 1] - cr->start[bk];
	}
	free(order);
	log_debug("dups crowds: %zu of %zu articles, %zu read, %zu sharing a "
	    "text besides their stories (%zu shingles), %zu skipped as learnt",
	    cr->nbucket, cr->nin, nsampled, m, common.n, nskip);
	if (common.n == 0) {
		free(slots);
		return 0;
	}
	/* Whose signature holds shingles of that text, as its minimum in two
	   slots (slots, dups_slot_bit()): most articles that have the text, if
	   they were in no crowd (a site's articles on other subjects), and a few
	   strangers by chance, which are read for nothing. */
	rs.c = c;
	rs.chrome = chrome;
	rs.common = &common;
	rs.cand = xreallocarray(NULL, c->n + 1, sizeof *rs.cand);
	rs.ncand = 0;
	for (k = 0; k < c->n; k++) {
		const struct dups_sig	*sig = dups_sig_of(g->s, k);

		if (sig == NULL)
			continue;
		for (j = 0, m = 0; j < DUPS_SLOTS; j++)
			m += (slots[(j << 16 | sig->v[j]) / 8] >> (sig->v[j] % 8)) & 1;
		if (m >= 2)
			rs.cand[rs.ncand++] = (uint32_t)k;
	}
	rs.own = xreallocarray(NULL, rs.ncand + 1, sizeof *rs.own);
	rs.ok = xcalloc(rs.ncand + 1, 1);
	atomic_init(&rs.next, 0);
	/* Reading is most of it: the cores share it, as they share the scan,
	   this thread one of them. */
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	nthreads = rs.ncand < 1024 || cpus < 2 ? 0 : cpus > 9 ? 8 : (size_t)cpus - 1;
	for (k = 0; k < nthreads; k++)
		if (pthread_create(&tid[k], NULL, dups_resign_worker, &rs) != 0)
			break;
	nthreads = k;
	dups_resign_worker(&rs);
	for (k = 0; k < nthreads; k++)
		pthread_join(tid[k], NULL);
	g->at = xreallocarray(NULL, c->n + 1, sizeof *g->at);
	for (k = 0; k < c->n; k++)
		g->at[k] = DUPS_NONE;
	for (k = 0; k < rs.ncand; k++)
		if (rs.ok[k]) {
			rs.own[nown] = rs.own[k];
			g->at[rs.cand[k]] = (uint32_t)nown++;
		}
	g->own = rs.own;
	free(rs.cand);
	free(rs.ok);
	free(common.v);
	free(slots);
	g->nown = nown;
	return nown;
}

/* Fills d from group[i], a key shared by the articles of one cluster
   (DUPS_NONE: in none): the members in (date, path) order, the clusters
   numbered by their firsts, the names, and the similarities, from sim[i] when
   given (as a cache kept them) or else from the signatures (held). Returns how
   many articles are in clusters. */
static size_t
dups_gather(struct dups *d, const struct corpus *c, const uint32_t *group,
    const uint8_t *sim, const struct dups_sigs *g)
{
	struct dups_mem		*mem;
	uint32_t		*runs;
	size_t			 i, k, m, nmem, nrun, at;

	for (i = 0, nmem = 0; i < c->n; i++)
		nmem += group[i] != DUPS_NONE;
	mem = xreallocarray(NULL, nmem + 1, sizeof *mem);
	for (i = 0, m = 0; i < c->n; i++)
		if (group[i] != DUPS_NONE) {
			mem[m].root = group[i];
			mem[m].date = dups_date(c->articles[i]);
			mem[m].i = (uint32_t)i;
			mem[m].path = c->articles[i]->name;
			m++;
		}
	qsort(mem, nmem, sizeof *mem, dups_cmp_mem);
	/* The runs, as (first, start) pairs, numbered by their firsts' order. */
	runs = xreallocarray(NULL, nmem + 1, 2 * sizeof *runs);
	for (m = 0, nrun = 0; m < nmem; m++)
		if (m == 0 || mem[m].root != mem[m - 1].root) {
			runs[2 * nrun] = mem[m].i;
			runs[2 * nrun + 1] = (uint32_t)m;
			nrun++;
		}
	qsort(runs, nrun, 2 * sizeof *runs, dups_cmp_first);
	d->nclusters = nrun;
	d->members = xreallocarray(NULL, nmem + 1, sizeof *d->members);
	d->off = xreallocarray(NULL, nrun + 1, sizeof *d->off);
	d->name = xreallocarray(NULL, nrun + 1, sizeof *d->name);
	for (k = 0, at = 0; k < nrun; k++) {
		const char	*name;
		uint32_t	 first = runs[2 * k];

		d->off[k] = (uint32_t)at;
		for (m = runs[2 * k + 1]; m < nmem && mem[m].root ==
		    mem[runs[2 * k + 1]].root; m++) {
			i = mem[m].i;
			d->members[at++] = (uint32_t)i;
			d->cluster[i] = (uint32_t)k;
			d->sim[i] = sim != NULL ? sim[i] :
			    (uint8_t)(dups_similarity(dups_sig_get(g, first),
			    dups_sig_get(g, i)) * 100 + 0.5);
		}
		name = c->articles[first]->name;
		d->name[k] = cachedir_fnv(CACHEDIR_FNV_BASIS, name, strlen(name));
	}
	d->off[nrun] = (uint32_t)at;
	free(runs);
	free(mem);
	return nmem;
}

/* One pass over the bands: each bucket's members compared with at most
   DUPS_BUCKETCAP before them and joined in parent. With cr, the buckets of more
   than that (crowds) are noted for dups_crowd_own(). */
static void
dups_bands(struct dups *d, const struct dups_sigs *g, size_t n,
    uint32_t *parent, size_t need, struct dups_crowd *cr)
{
	const struct dups_sig	*sx, *sy;
	uint64_t		*band, *tmp;
	size_t			 i, j, k, m, b, nband, lo;

	band = xreallocarray(NULL, n + 1, sizeof *band);
	tmp = xreallocarray(NULL, n + 1, sizeof *tmp);
	for (b = 0; b < DUPS_BANDS; b++) {
		for (i = 0, nband = 0; i < n; i++)
			if ((sx = dups_sig_get(g, i)) != NULL)
				band[nband++] = (uint64_t)sx->v[2 * b] << 48 |
				    (uint64_t)sx->v[2 * b + 1] << 32 | i;
		dups_band_sort(band, tmp, nband);
		for (lo = 0; lo < nband; lo = j) {
			for (j = lo + 1; j < nband && band[j] >> 32 == band[lo] >> 32;
			    j++)
				;
			if (cr != NULL && j - lo > DUPS_CROWD)
				dups_crowd_note(cr, b, band + lo, j - lo);
			for (k = lo + 1; k < j; k++) {
				uint32_t	 x = (uint32_t)band[k], y, rx, ry;

				for (m = k > lo + DUPS_BUCKETCAP ? k - DUPS_BUCKETCAP :
				    lo; m < k; m++) {
					size_t	 t, same = 0;

					y = (uint32_t)band[m];
					rx = dups_find(parent, x);
					ry = dups_find(parent, y);
					if (rx == ry)
						continue;
					d->checks++;
					sx = dups_sig_get(g, x);
					sy = dups_sig_get(g, y);
					for (t = 0; t < DUPS_SLOTS; t++)
						same += sx->v[t] == sy->v[t];
					if (same >= need)
						dups_union(parent, rx, ry);
				}
			}
		}
	}
	free(band);
	free(tmp);
}

struct dups *
dups_build(const struct corpus *c, const struct scan *s, double threshold)
{
	struct dups		*d = xcalloc(1, sizeof *d);
	struct dups_sigs	 g;
	struct dups_crowd	 cr;
	struct scan_clusters	 sc;
	uint32_t		*parent;
	size_t			 i, nmem, need, nown = 0;
	struct timespec		 t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	d->n = c->n;
	d->from = s;
	d->epoch = s != NULL ? scan_epoch(s) : 0;
	d->threshold = threshold;
	d->cluster = xreallocarray(NULL, c->n + 1, sizeof *d->cluster);
	d->sim = xcalloc(c->n + 1, 1);
	for (i = 0; i < c->n; i++)
		d->cluster[i] = DUPS_NONE;
	/* Made before, for this threshold, and kept in the catalogue's image: taken
	   from it as they were, without a signature (32 MB at a million) or the
	   bands' arrays (another 20). */
	if (s != NULL && c->n > 0 && scan_image_clusters(s, threshold, &sc) == 0) {
		nmem = dups_gather(d, c, sc.cluster, sc.sim, NULL);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		log_debug("dups: %zu clusters, %zu articles in them, from %s, "
		    "in %.3f s", d->nclusters, nmem, sc.from,
		    (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
		scan_image_clusters_done(&sc);
		return d;
	}
	/* The image's signatures are mapped for the making only, then let go. */
	scan_sigs_hold(s);
	memset(&g, 0, sizeof g);
	g.s = s;
	/* A similarity is a whole number of slots: compare slots, not doubles.
	   0 is "off": no pair is close enough. */
	need = threshold > 0 ? (size_t)(threshold * DUPS_SLOTS + 0.999) :
	    DUPS_SLOTS + 1;
	if (need < 1)
		need = 1;
	parent = xreallocarray(NULL, c->n + 1, sizeof *parent);
	for (i = 0; i < c->n; i++)
		parent[i] = (uint32_t)i;
	memset(&cr, 0, sizeof cr);
	cr.n = c->n;
	dups_bands(d, &g, c->n, parent, need, threshold > 0 ? &cr : NULL);
	/* Crowds: a text more articles share than copies of one story usually
	   are. Where it is only part of theirs (a site's boilerplate), each is
	   compared by the rest of its text, and the bands are made again. */
	if (cr.nbucket > 0 &&
	    (nown = dups_crowd_own(&cr, c, scan_chrome(s), &g)) > 0) {
		for (i = 0; i < c->n; i++)
			parent[i] = (uint32_t)i;
		dups_bands(d, &g, c->n, parent, need, NULL);
	}
	dups_crowd_free(&cr);

	/* The clustered articles, sorted into clusters, each first first. */
	for (i = 0; i < c->n; i++)
		dups_find(parent, (uint32_t)i);
	/* A root with a member other than itself: mark it by the sim array, for
	   now; then every article alone is in no group. */
	for (i = 0; i < c->n; i++)
		if (parent[i] != i)
			d->sim[parent[i]] = 1;
	for (i = 0; i < c->n; i++)
		if (parent[i] == i && !d->sim[i])
			parent[i] = DUPS_NONE;
	memset(d->sim, 0, c->n);
	nmem = dups_gather(d, c, parent, NULL, &g);
	scan_sigs_release(s);
	free(g.at);
	free(g.own);
	free(parent);
	/* make bench reads it. */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_debug("dups: %zu clusters, %zu articles in them, %zu pairs checked, "
	    "%zu in crowds by their own text, in %.3f s", d->nclusters, nmem,
	    d->checks, nown, (double)(t1.tv_sec - t0.tv_sec) +
	    (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return d;
}

void
dups_free(struct dups *d)
{
	if (d == NULL)
		return;
	free(d->cluster);
	free(d->sim);
	free(d->members);
	free(d->off);
	free(d->name);
	free(d);
}

size_t
dups_checks(const struct dups *d)
{
	return d->checks;
}

int
dups_current(const struct dups *d, const struct scan *s)
{
	return d != NULL && s != NULL && d->from == s && d->epoch == scan_epoch(s);
}

double
dups_threshold(const struct dups *d)
{
	return d->threshold;
}

size_t
dups_narticles(const struct dups *d)
{
	return d->n;
}

size_t
dups_nclusters(const struct dups *d)
{
	return d->nclusters;
}

uint32_t
dups_cluster(const struct dups *d, size_t i)
{
	return i < d->n ? d->cluster[i] : DUPS_NONE;
}

int
dups_is_first(const struct dups *d, size_t i)
{
	uint32_t	 k = dups_cluster(d, i);

	return k != DUPS_NONE && d->members[d->off[k]] == i;
}

int
dups_similarity_first(const struct dups *d, size_t i)
{
	return dups_cluster(d, i) != DUPS_NONE ? d->sim[i] : 0;
}

size_t
dups_first(const struct dups *d, uint32_t k)
{
	return d->members[d->off[k]];
}

const uint32_t *
dups_members(const struct dups *d, uint32_t k, size_t *n)
{
	*n = d->off[k + 1] - d->off[k];
	return d->members + d->off[k];
}

size_t
dups_count(const struct dups *d, uint32_t k)
{
	return d->off[k + 1] - d->off[k];
}

void
dups_cluster_name(const struct dups *d, uint32_t k, char out[17])
{
	static const char	 hex[] = "0123456789abcdef";
	uint64_t		 h = d->name[k];
	int			 b;

	for (b = 15; b >= 0; b--) {
		out[b] = hex[h & 15];
		h >>= 4;
	}
	out[16] = '\0';
}
