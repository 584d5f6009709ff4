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

   A site's boilerplate, which makes its stories alike, is dups_crowd.c's. */
#define _GNU_SOURCE	/* qsort_r() */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "cachedir.h"
#include "dups.h"
#include "dups_int.h"
#include "log.h"
#include "scan.h"
#include "xmalloc.h"

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
	int		 kept;		/* taken as the image or cache kept them */
};

/* A member being sorted into its cluster: 12 bytes, its name found through the
   corpus (dups_cmp_mem()), as 700,000 of them, and glibc 2.36's copy of them for
   its merge sort, are made at the peak of a cold start at a million. */
struct dups_mem {
	uint32_t	 root;
	uint32_t	 date;		/* YYYYMMDD; UINT32_MAX: none */
	uint32_t	 i;
};

static uint64_t	dups_mix(uint64_t);
static size_t	dups_sep(const unsigned char *, size_t);
static uint32_t	dups_find(uint32_t *, uint32_t);
static void	dups_union(uint32_t *, uint32_t, uint32_t);
static size_t	dups_band_keys(const struct dups_sigs *, size_t, size_t, uint64_t *,
		    size_t *);
static int	dups_cmp_u64(const void *, const void *);
static int	dups_cmp_mem(const void *, const void *, void *);
static int	dups_cmp_first(const void *, const void *);
static uint32_t	dups_date(const struct article *);
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

void
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
size_t
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
void
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

/* Band b's keys of the articles that have a signature into band, in (key, index)
   order: the key above, the article's index below. A counting sort on the key's
   first 16 bits straight from the signatures, then each run of the same first bits
   sorted alone (a few articles each, or a crowd's thousands), so that no second
   array of n is needed: 8 MB at a million, while the signatures are held. cnt has
   65536 entries. Returns how many keys there are. */
static size_t
dups_band_keys(const struct dups_sigs *g, size_t n, size_t b, uint64_t *band,
    size_t *cnt)
{
	const struct dups_sig	*sx;
	uint64_t		 x;
	size_t			 i, j, k, lo, sum, c;

	memset(cnt, 0, 65536 * sizeof *cnt);
	for (i = 0; i < n; i++)
		if ((sx = dups_sig_get(g, i)) != NULL)
			cnt[sx->v[2 * b]]++;
	for (k = 0, sum = 0; k < 65536; k++) {
		c = cnt[k];
		cnt[k] = sum;
		sum += c;
	}
	/* Indices rising within each run. */
	for (i = 0; i < n; i++)
		if ((sx = dups_sig_get(g, i)) != NULL)
			band[cnt[sx->v[2 * b]]++] = (uint64_t)sx->v[2 * b] << 48 |
			    (uint64_t)sx->v[2 * b + 1] << 32 | i;
	/* cnt[k] is now the end of run k. */
	for (k = 0, lo = 0; k < 65536; lo = cnt[k++]) {
		if (cnt[k] - lo <= 1)
			continue;
		if (cnt[k] - lo > 32) {
			qsort(band + lo, cnt[k] - lo, sizeof *band, dups_cmp_u64);
			continue;
		}
		for (i = lo + 1; i < cnt[k]; i++) {
			x = band[i];
			for (j = i; j > lo && band[j - 1] > x; j--)
				band[j] = band[j - 1];
			band[j] = x;
		}
	}
	return sum;
}

static int
dups_cmp_u64(const void *pa, const void *pb)
{
	uint64_t	 a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
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
dups_cmp_mem(const void *pa, const void *pb, void *arg)
{
	const struct dups_mem	*a = pa, *b = pb;
	struct article *const	*v = arg;
	int			 r;

	if (a->root != b->root)
		return a->root < b->root ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if ((r = strcmp(v[a->i]->name, v[b->i]->name)) != 0)
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
	const struct dups_sig	*sx, *sy;
	struct dups_sig		 cx, cy;
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
			m++;
		}
	qsort_r(mem, nmem, sizeof *mem, dups_cmp_mem, c->articles);
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
			if (sim != NULL)
				d->sim[i] = sim[i];
			else {
				sx = dups_sig_copy(g, first, &cx);
				sy = dups_sig_copy(g, i, &cy);
				d->sim[i] = sx == NULL || sy == NULL ? 0 :
				    (uint8_t)(dups_similarity(sx, sy) * 100 + 0.5);
			}
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
	/* The signatures of a bucket's members, each read once as it comes
	   (dups_sig_copy()), the last DUPS_BUCKETCAP of them kept for the members
	   after it to be compared with: a read per member, not two per pair. */
	struct dups_sig		 ring[DUPS_BUCKETCAP + 1];
	const struct dups_sig	*at[DUPS_BUCKETCAP + 1], *sx, *sy;
	uint64_t		*band;
	size_t			*cnt;
	size_t			 j, k, m, b, nband, lo;

	band = xreallocarray(NULL, n + 1, sizeof *band);
	cnt = xcalloc(65536, sizeof *cnt);
	for (b = 0; b < DUPS_BANDS; b++) {
		nband = dups_band_keys(g, n, b, band, cnt);
		for (lo = 0; lo < nband; lo = j) {
			for (j = lo + 1; j < nband && band[j] >> 32 == band[lo] >> 32;
			    j++)
				;
			if (cr != NULL && j - lo > DUPS_CROWD)
				dups_crowd_note(cr, b, band + lo, j - lo);
			if (j - lo < 2)
				continue;
			at[lo % (DUPS_BUCKETCAP + 1)] = dups_sig_copy(g,
			    (uint32_t)band[lo], &ring[lo % (DUPS_BUCKETCAP + 1)]);
			for (k = lo + 1; k < j; k++) {
				uint32_t	 x = (uint32_t)band[k], y, rx, ry;

				sx = at[k % (DUPS_BUCKETCAP + 1)] = dups_sig_copy(g, x,
				    &ring[k % (DUPS_BUCKETCAP + 1)]);
				for (m = k > lo + DUPS_BUCKETCAP ? k - DUPS_BUCKETCAP :
				    lo; m < k; m++) {
					size_t	 t, same = 0;

					y = (uint32_t)band[m];
					rx = dups_find(parent, x);
					ry = dups_find(parent, y);
					if (rx == ry)
						continue;
					d->checks++;
					sy = at[m % (DUPS_BUCKETCAP + 1)];
					if (sx == NULL || sy == NULL)
						continue;
					for (t = 0; t < DUPS_SLOTS; t++)
						same += sx->v[t] == sy->v[t];
					if (same >= need)
						dups_union(parent, rx, ry);
				}
			}
		}
	}
	free(band);
	free(cnt);
	/* The keys (8 MB at a million), freed into the heap once glibc's threshold
	   for a mapping has risen past them, go back now: each pass's arrays, and
	   the crowds' signatures between the passes, in turn, not one on another. */
	xtrim();
}

struct dups *
dups_build(const struct corpus *c, const struct scan *s, double threshold)
{
	struct dups		*d = xcalloc(1, sizeof *d);
	struct dups_sigs	 g;
	struct scan_ahead	 ahead;
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
		d->kept = 1;
		return d;
	}
	/* What the count made and freed (the bodies it read, in its threads'
	   arenas) goes back before the bands' arrays are made: at a million
	   articles, 7 MB off a cold first screen's peak. */
	xtrim();
	/* The image's signatures are mapped for the making only, then let go. */
	scan_sigs_hold(s);
	memset(&g, 0, sizeof g);
	memset(&ahead, 0, sizeof ahead);
	g.s = s;
	g.ahead = &ahead;
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
	if (cr.nbucket > 0)
		nown = dups_crowd_own(&cr, c, scan_chrome(s), &g);
	dups_crowd_free(&cr);
	if (nown > 0) {
		for (i = 0; i < c->n; i++)
			parent[i] = (uint32_t)i;
		dups_bands(d, &g, c->n, parent, need, NULL);
	}

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

int
dups_kept(const struct dups *d)
{
	return d->kept;
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
