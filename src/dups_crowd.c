/* Near-duplicates under a site's boilerplate: the crowds the bands find
   (dups.c), the text they share learnt from samples of them, and the articles
   that hold it signed again without it.

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
   100,000 articles under boilerplate, 1.5 s (make bench has the figures).
   The corpus of make bench (tests/gencorpus.c) makes none. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "cachedir.h"
#include "dups.h"
#include "dups_int.h"
#include "log.h"
#include "xmalloc.h"

struct dups_set;
struct dups_resign;

static int	dups_crowd_read(const struct corpus *, size_t,
		    const struct chrome *, uint64_t **, size_t *, size_t *);
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

/* A story under boilerplate has at least this many shingles of its own (fifty
   words); a copy's own lines (a local line, a few words changed) fewer. */
#define DUPS_OWNMIN	48
/* How many members of a crowd are read to learn what they share. */
#define DUPS_SAMPLE	32
/* How many shingles of one article a sample takes at most (its first). */
#define DUPS_SAMPLECAP	16384

/* A bucket whose sample the crowds noted already mostly hold (another band
   of the same crowd) adds no sample. */
void
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

void
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
size_t
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
