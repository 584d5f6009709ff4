/* Counting theme hits over the corpus. Workers take articles by an atomic index, read
   each whole, count every theme, and publish the counts with a release store of the
   article's state; readers check the state with an acquire load. Counts are written
   once, before they are published, and never change after. */
#define _GNU_SOURCE	/* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <unistd.h>

#include "cachedir.h"
#include "dups.h"
#include "file.h"
#include "log.h"
#include "prefilter.h"
#include "scan.h"
#include "theme.h"
#include "xmalloc.h"

#define SCAN_MAGIC	"rubric-scan-6\n"	/* 5: the signatures; 6: the clusters */
/* The magic, the name's hash, the themes' hash, the number of themes and of
   records, and the clusters' threshold (a double; 0: no clusters kept). */
#define SCAN_HEADLEN	(sizeof SCAN_MAGIC - 1 + 5 * 8)
/* A record's cluster (uint32_t) and similarity to its first (a byte). */
#define SCAN_CLULEN	5
/* A record's key: size, mtime, ctime (seconds, nanoseconds) and inode. */
#define SCAN_KEYLEN	6
_Static_assert(SCAN_KEYLEN == ARTICLE_STAMPLEN, "a record's key is an article's stamp");
#define SCAN_MAXTHREADS	16

enum {
	SCAN_TODO,
	SCAN_BUSY,
	SCAN_DONE
};

struct scan {
	const struct corpus	*c;
	const struct config	*cfg;
	size_t			 nthemes;
	scan_count		*counts;	/* n x nthemes */
	/* A bit per theme, in whole bytes per article (incstride), so that the
	   worker that counts an article writes no byte another worker does. */
	uint8_t			*incomplete;
	size_t			 incstride;
	/* The image's counts and incomplete, read by its checksum into a buffer
	   of their own (xmap()) which takes the place of the two above
	   (scan_fill()): at a million articles a copy of their 24 MB into new
	   pages took 80-100 ms. NULL when they are the scan's own. */
	void			*fillmap;
	size_t			 fillmaplen;
	/* The near-duplicate signatures made or read from the scan cache in this
	   run, in an anonymous mapping of n: its pages are the kernel's zeros and
	   take no memory until written, so a start from the catalogue's image,
	   which counts nothing, holds none of its 32 MB at a million. sigown says
	   which are written (a byte an article, written by the one that counts
	   it, mapped likewise). NULL when none are made. */
	struct dups_sig		*sigs;
	uint8_t			*sigown;
	size_t			 sigmaplen, ownmaplen;
	/* With scan_spill(): the file sigs is a shared mapping of (-1: none, sigs
	   is anonymous), whose pages are handed back a block at a time behind the
	   workers that write them and the passes that read them in order. */
	int			 sigfd;
	atomic_size_t		 sigwrote;	/* the last block written in */
	atomic_size_t		 sigread;	/* and read in, + 1 (0: none) */
	size_t			 spillblock;	/* scan_spill()'s */
	int			 dups;		/* signatures are made */
	atomic_size_t		 signed_here;	/* signatures made or read from the
						   scan cache: the image's clusters
						   no longer hold once one is */
	atomic_size_t		 counted_here;	/* articles counted: the scan
						   cache's clusters no longer hold
						   once one is (scan_epoch()) */
	/* The scan cache's part, read at its load (scan_load_cache()) when it is
	   under 4 GB: each article's signature's offset in the file (0: none),
	   the file kept open to read them from while they are held, into csigs;
	   and the clusters it kept (ccl, n + n bytes), when they were made at
	   cthreshold from all nrec = n records. The signatures are not copied at
	   the load: a start takes the clusters, 5 bytes an article, not 32. */
	int			 cfd;
	uint32_t		*csigoff;
	size_t			 csigofflen;
	struct dups_sig		*csigs;
	uint8_t			*ccl;
	size_t			 ccllen;
	double			 cthreshold;
	uint64_t		 cnrec;
	size_t			 cfilled;
	/* The image's part (scan_fill()): the others' signatures and the clusters
	   made from them, left in the file and mapped only while held
	   (scan_sigs_hold(), scan_image_clusters()). */
	struct scan_image	 img;
	int			 hasimg;
	pthread_mutex_t		 img_lock;
	unsigned		 img_holds;
	void			*img_map;
	size_t			 img_maplen;
	const struct dups_sig	*img_sigs;
	atomic_uchar		*state;		/* n: a byte, not an int, at a
						   million articles */
	atomic_size_t		 next;
	atomic_size_t		 done;
	atomic_int		 stop;
	uint64_t		 themes_hash;
	struct prefilter	*pf;
	struct prefilter	*pff;		/* the folded themes', over the text
						   folded */
	size_t			 nfold;		/* themes with fold = yes */
	pthread_t		 threads[SCAN_MAXTHREADS];
	int			 nthreads;
	/* Articles to count again (scan_again()), by a thread of their own that
	   runs while there are any. */
	pthread_mutex_t		 redo_lock;
	size_t			*redo;
	size_t			 nredo;
	size_t			 capredo;
	pthread_t		 redo_thread;
	int			 redo_running;
	int			 redo_joinable;
	/* The cache read behind the screen (scan_start_cached()), by a thread
	   that then starts the workers. */
	pthread_t		 loader;
	int			 loading;	/* the loader is to be joined */
	char			*loadpath;
	int			 loadthreads;
	size_t			 cached;	/* articles the cache filled */
};

static uint64_t	scan_hash_str(uint64_t, const char *);
/* A worker's state, also lent to callers that want matches found as the scan finds
   them (scan_finder_new). */
struct scan_finder {
	const struct scan	*s;
	struct matcher		*m;
	struct match_list	 ml;
	struct prefilter_hits	 hits;
	struct prefilter_hits	 fhits;		/* in the text folded */
};

static void	scan_one(struct scan *, struct scan_finder *, size_t);
static void	scan_worker_init(struct scan_finder *, const struct scan *);
static void	scan_worker_free(struct scan_finder *);
static void	*scan_thread(void *);
static void	*scan_redo_thread(void *);
static void	*scan_loader(void *);
static void	 scan_sigs_wrote(struct scan *, size_t);
static void	 scan_sigs_read(struct scan *, size_t);
static void	 scan_join_loader(struct scan *);
static int	scan_claim(struct scan *, size_t);
static int	scan_cmp_path(const void *, const void *);
struct scan_in;
struct scan_key;
struct scan_sum;
static const unsigned char *scan_in_get(struct scan_in *, uint64_t);
static void	scan_in_drop(const unsigned char *, uint64_t, uint64_t *);
static void	*scan_cache_sum(void *);
static size_t	scan_cache_find(const struct scan *, const struct scan_key *,
		    const char *, size_t *);
static int	scan_cache_pass(struct scan *, const char *, struct scan_in *,
		    const struct scan_key *);
static size_t	scan_cache_settle(struct scan *, struct scan_in *, int);
static int	scan_cache_fresh(const struct article *, const uint64_t *);
static void	scan_cache_key(const struct article *, uint64_t *);
static uint64_t	scan_cache_name(const char *);
struct scan_out;
static void	scan_out_put(struct scan_out *, const void *, size_t);

/* The cache being saved: the stream and the checksum of what went into it. */
struct scan_out {
	FILE			*f;
	struct cachedir_stream	 h;
};

struct scan_key {
	const char	*path;
	size_t		 i;
};

/* The cache file being read, mapped whole: its bytes are read where they lie, by
   two threads at once (struct scan_sum), with no copy into a buffer. The cache is
   only ever replaced by a rename (file_stage_commit()), never written in place, so
   the mapped file keeps its length. */
struct scan_in {
	const unsigned char *map;
	uint64_t	 size;		/* of the file, at least SCAN_HEADLEN + 8 */
	uint64_t	 at;		/* the next byte to take */
	uint64_t	 left;		/* bytes before the checksum not yet taken */
	uint64_t	 dropped;	/* pages before this given back */
	char		*name;		/* the record's path */
	size_t		 namecap;
	/* A bit an article claimed and given counts, published only once the
	   whole file is found good: 125 KB at a million. */
	uint8_t		*mine;
	size_t		 nmine;
};

/* The checksum of a mapped cache's bytes before its own, taken by a thread of its
   own while the records are read: the sum is a chain, one word after another, and
   this way costs only the longer of the two. */
struct scan_sum {
	const unsigned char *map;
	uint64_t	 n;
	uint64_t	 h;		/* cachedir_stream_end() of map[0..n) */
	atomic_int	 quit;		/* the records are damaged: no need */
};

size_t scan_cache_window = 4 * 1024 * 1024;

static uint64_t
scan_hash_str(uint64_t h, const char *s)
{
	return cachedir_fnv(h, s, strlen(s) + 1);
}

uint64_t
scan_hash_themes(const struct config *cfg)
{
	uint64_t	 h = CACHEDIR_FNV_BASIS;
	size_t		 i, j;

	/* The counts depend on every theme's patterns and the options that shape
	   them. */
	for (i = 0; i < cfg->nthemes; i++) {
		const struct theme	*t = &cfg->themes[i];
		int			 opts[2] = { (int)t->icase, t->words };

		h = scan_hash_str(h, t->name);
		h = cachedir_fnv(h, opts, sizeof opts);
		/* Said only when set, so that the caches of themes without it
		   hold as they were. */
		if (t->fold)
			h = scan_hash_str(h, "fold");
		for (j = 0; j < t->npats; j++)
			if (t->pats[j].re != NULL)
				h = scan_hash_str(h, t->pats[j].source);
		h = scan_hash_str(h, "\n");
	}
	return h;
}

/* Signature i of a spilled file was written: once the workers, which take the
   articles in order, are two blocks on, what is behind them is unmapped.
   Nothing is lost: a shared mapping's pages are the file's, kept in the page
   cache until written out, and a later touch maps them again (one written
   meanwhile by a worker still behind is faulted back in). */
static void
scan_sigs_wrote(struct scan *s, size_t i)
{
	size_t	 b, was;

	if (s->sigfd == -1 || (b = i * sizeof *s->sigs / s->spillblock) < 2 ||
	    (was = atomic_load_explicit(&s->sigwrote, memory_order_relaxed)) >= b ||
	    !atomic_compare_exchange_strong(&s->sigwrote, &was, b))
		return;
	(void)madvise(s->sigs, (b - 1) * s->spillblock, MADV_DONTNEED);
}

/* Signature i of a spilled file is read: the block read before is unmapped
   when this one is in another, so that a pass over them in order (the bands',
   the caches' writing) keeps one or two mapped. Read out of order, they go
   through scan_signature_copy(). */
static void
scan_sigs_read(struct scan *s, size_t i)
{
	size_t	 b, was, lo;

	if (s->sigfd == -1)
		return;
	b = i * sizeof *s->sigs / s->spillblock + 1;
	if ((was = atomic_exchange_explicit(&s->sigread, b,
	    memory_order_relaxed)) == b || was == 0)
		return;
	lo = (was - 1) * s->spillblock;
	(void)madvise((char *)s->sigs + lo, lo + s->spillblock > s->sigmaplen ?
	    s->sigmaplen - lo : s->spillblock, MADV_DONTNEED);
}

void
scan_spill(struct scan *s, const char *beside, size_t min, size_t block)
{
	struct statfs	 fs;
	struct dups_sig	*m;
	const char	*slash;
	char		*dir;
	long		 page = sysconf(_SC_PAGESIZE);
	int		 fd;

	/* Before any thread is started that could write a signature meanwhile
	   (a worker, the loader's, the screen's scan_now()): none is written yet,
	   and the anonymous mapping is let go with nothing in it. */
	if (s->sigs == NULL || s->sigfd != -1 || s->c->n < min || beside == NULL ||
	    atomic_load(&s->signed_here) > 0 || (slash = strrchr(beside, '/')) == NULL)
		return;
	/* Whole pages: madvise() takes no less. */
	if (page <= 0)
		page = 4096;
	s->spillblock = block < (size_t)page ? (size_t)page :
	    block / (size_t)page * (size_t)page;
	/* The cache's folder may not be made yet, at the very first count. */
	cachedir_make(beside);
	dir = xstrndup(beside, slash == beside ? 1 : (size_t)(slash - beside));
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd == -1) {
		free(dir);
		return;
	}
	/* A tmpfs's pages are memory: handed back, they would only move out of
	   the process's count. Blocks given now, so that no write through the map
	   can meet a full disk (a SIGBUS). */
	if (fstatfs(fd, &fs) == -1 || fs.f_type == TMPFS_MAGIC ||
	    fs.f_type == RAMFS_MAGIC || posix_fallocate(fd, 0,
	    (off_t)s->sigmaplen) != 0 || (m = mmap(NULL, s->sigmaplen,
	    PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED) {
		close(fd);
		free(dir);
		return;
	}
	munmap(s->sigs, s->sigmaplen);
	s->sigs = m;
	s->sigfd = fd;
	log_debug("scan: signatures in a file of their own in %s", dir);
	free(dir);
}

struct scan *
scan_new(const struct corpus *c, const struct config *cfg)
{
	struct scan	*s = xcalloc(1, sizeof *s);
	size_t		 i;

	s->c = c;
	s->cfg = cfg;
	s->nthemes = cfg->nthemes;
	s->counts = xcalloc(c->n * s->nthemes + 1, sizeof *s->counts);
	s->incstride = (s->nthemes + 7) / 8;
	s->incomplete = xcalloc(c->n * s->incstride + 1, 1);
	/* Mapped, not allocated: see struct scan. Without the mappings no
	   signature is kept, as when none are made. */
	s->dups = cfg->duplicate_threshold > 0;
	if (s->dups) {
		s->sigmaplen = (c->n + 1) * sizeof *s->sigs;
		s->ownmaplen = c->n + 1;
		s->sigs = mmap(NULL, s->sigmaplen, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		s->sigown = mmap(NULL, s->ownmaplen, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (s->sigs == MAP_FAILED || s->sigown == MAP_FAILED) {
			if (s->sigs != MAP_FAILED)
				munmap(s->sigs, s->sigmaplen);
			if (s->sigown != MAP_FAILED)
				munmap(s->sigown, s->ownmaplen);
			s->sigs = NULL;
			s->sigown = NULL;
		}
	}
	atomic_init(&s->signed_here, 0);
	atomic_init(&s->counted_here, 0);
	s->sigfd = -1;
	atomic_init(&s->sigwrote, 0);
	atomic_init(&s->sigread, 0);
	s->img.fd = -1;
	s->cfd = -1;
	pthread_mutex_init(&s->img_lock, NULL);
	s->state = xcalloc(c->n + 1, sizeof *s->state);
	for (i = 0; i < c->n; i++)
		atomic_init(&s->state[i], SCAN_TODO);
	atomic_init(&s->next, 0);
	atomic_init(&s->done, 0);
	atomic_init(&s->stop, 0);
	s->themes_hash = scan_hash_themes(cfg);
	/* The signatures depend on whether they are made, on the chrome, which
	   they leave out, and on how words are read: a cache holds for the same. */
	if (s->dups) {
		uint64_t	 fp = chrome_fingerprint(cfg->chrome);
		int		 ver = DUPS_SIGN_VERSION;

		s->themes_hash = cachedir_fnv(s->themes_hash, "dups", 4);
		s->themes_hash = cachedir_fnv(s->themes_hash, &fp, sizeof fp);
		s->themes_hash = cachedir_fnv(s->themes_hash, &ver, sizeof ver);
	}
	s->pf = prefilter_new(cfg);
	s->pff = prefilter_new_folded(cfg);
	for (i = 0; i < cfg->nthemes; i++)
		s->nfold += cfg->themes[i].fold != 0;
	pthread_mutex_init(&s->redo_lock, NULL);
	return s;
}

/* Takes article i for counting; 0 if someone else has it already. */
static int
scan_claim(struct scan *s, size_t i)
{
	unsigned char	 expected = SCAN_TODO;

	return atomic_compare_exchange_strong(&s->state[i], &expected, SCAN_BUSY);
}

static void
scan_worker_init(struct scan_finder *w, const struct scan *s)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->m = matcher_new();
	prefilter_hits_init(&w->hits, s->pf);
	prefilter_hits_init(&w->fhits, s->pff);
}

static void
scan_worker_free(struct scan_finder *w)
{
	match_list_free(&w->ml);
	matcher_free(w->m);
	prefilter_hits_free(&w->hits);
	prefilter_hits_free(&w->fhits);
}

/* Counts article i from its text b (NULL: it could not be read) and publishes the
   counts. The prefilter says where each pattern's literals are; PCRE2 runs only at
   the starts those allow, which finds exactly what a search of the whole article
   finds. With keep, every theme's matches are added to it as well. */
static void
scan_body(struct scan *s, struct scan_finder *w, size_t i, const struct body *b,
    struct match_list *keep)
{
	scan_count		*counts = s->counts + i * s->nthemes;
	uint8_t			*inc = s->incomplete + i * s->incstride;
	size_t			 t, k;

	memset(inc, 0, s->incstride);

	/* The signature is made from the text the counts are, in the same read. */
	atomic_fetch_add(&s->counted_here, 1);
	if (s->sigs != NULL) {
		if (b != NULL)
			dups_sign(b->buf, b->len, b->header_end, s->cfg->chrome,
			    &s->sigs[i]);
		else
			dups_sig_clear(&s->sigs[i]);
		s->sigown[i] = 1;
		atomic_fetch_add(&s->signed_here, 1);
		scan_sigs_wrote(s, i);
	}
	if (b != NULL && s->nthemes > 0) {
		scan_finder_text(w, b->buf, b->len);
		for (t = 0; t < s->nthemes; t++) {
			if (scan_find(w, t, b->buf, b->len, b->start, &w->ml) == -1 ||
			    w->ml.n > SCAN_COUNT_MAX)
				inc[t / 8] |= 1u << (t % 8);
			counts[t] = w->ml.n > SCAN_COUNT_MAX ? SCAN_COUNT_MAX :
			    (scan_count)w->ml.n;
			for (k = 0; keep != NULL && k < w->ml.n; k++)
				match_list_add(keep, &w->ml.v[k]);
		}
	}
	atomic_store_explicit(&s->state[i], SCAN_DONE, memory_order_release);
	atomic_fetch_add(&s->done, 1);
}

static void
scan_one(struct scan *s, struct scan_finder *w, size_t i)
{
	const struct article	*a = s->c->articles[i];
	struct body		 b;

	if (a->error == NULL && (s->nthemes > 0 || s->dups) &&
	    article_read(a, &b) == 0) {
		scan_body(s, w, i, &b, NULL);
		article_body_free(&b);
	} else
		scan_body(s, w, i, NULL, NULL);
}

const scan_count *
scan_article(struct scan *s, struct scan_finder *f, size_t i, const struct body *b,
    struct match_list *keep)
{
	if (i < s->c->n && scan_claim(s, i))
		scan_body(s, f, i, s->c->articles[i]->error == NULL ? b : NULL, keep);
	return scan_counts(s, i);
}

struct scan_finder *
scan_finder_new(const struct scan *s)
{
	struct scan_finder	*f = xmalloc(sizeof *f);

	scan_worker_init(f, s);
	return f;
}

void
scan_finder_free(struct scan_finder *f)
{
	if (f == NULL)
		return;
	scan_worker_free(f);
	free(f);
}

void
scan_finder_text(struct scan_finder *f, const char *buf, size_t len)
{
	const char	*ft;
	size_t		 flen;

	prefilter_scan(f->s->pf, buf, len, &f->hits);
	/* The folded themes' literals, in the text folded (once: the matcher
	   keeps it for their searches). */
	if (f->s->nfold > 0) {
		ft = matcher_folded(f->m, buf, len, &flen);
		prefilter_scan(f->s->pff, ft, flen, &f->fhits);
	}
}

int
scan_find(struct scan_finder *f, size_t t, const char *buf, size_t len, size_t from,
    struct match_list *out)
{
	const struct theme	*th = &f->s->cfg->themes[t];
	size_t			 p, u;
	int			 rc = 0;

	const struct prefilter	*pf = th->fold ? f->s->pff : f->s->pf;
	const struct prefilter_hits *h = th->fold ? &f->fhits : &f->hits;

	match_list_clear(out);
	for (p = 0; p < th->npats; p++) {
		u = prefilter_unit(pf, t, p);
		if (prefilter_has(pf, u) && !h->unsafe) {
			if (matcher_guided(f->m, th, t, p, buf, len, from,
			    h->occ[u], h->nocc[u], prefilter_prefix(pf, u), out) == -1)
				rc = -1;
		} else if (matcher_pattern(f->m, th, t, p, buf, len, from, len,
		    out) == -1)
			rc = -1;
	}
	if (th->npats > 1)
		match_list_dedupe(out, 0);
	return rc;
}

static void *
scan_thread(void *arg)
{
	struct scan		*s = arg;
	struct scan_finder	 w;
	size_t			 i;

	scan_worker_init(&w, s);
	while (!atomic_load(&s->stop)) {
		i = atomic_fetch_add(&s->next, 1);
		if (i >= s->c->n)
			break;
		if (scan_claim(s, i))
			scan_one(s, &w, i);
	}
	scan_worker_free(&w);
	return NULL;
}

void
scan_start(struct scan *s, int nthreads)
{
	int	 i;

	if (nthreads < 1)
		nthreads = 1;
	if (nthreads > SCAN_MAXTHREADS)
		nthreads = SCAN_MAXTHREADS;
	for (i = 0; i < nthreads; i++) {
		if (pthread_create(&s->threads[i], NULL, scan_thread, s) != 0)
			break;
		s->nthreads++;
	}
	if (s->nthreads == 0)
		scan_thread(s);
}

/* Reads the cache, then starts the workers on what it did not fill. */
static void *
scan_loader(void *arg)
{
	struct scan	*s = arg;

	s->cached = scan_load_cache(s, s->loadpath);
	log_mark("counts from the scan cache in");
	if (!atomic_load(&s->stop))
		scan_start(s, s->loadthreads);
	return NULL;
}

void
scan_start_cached(struct scan *s, const char *cache, int nthreads)
{
	s->loadpath = cache != NULL ? xstrdup(cache) : NULL;
	s->loadthreads = nthreads;
	if (pthread_create(&s->loader, NULL, scan_loader, s) == 0)
		s->loading = 1;
	else
		scan_loader(s);
}

/* Waits for the loader, after which the workers it started are known. */
static void
scan_join_loader(struct scan *s)
{
	if (s->loading) {
		pthread_join(s->loader, NULL);
		s->loading = 0;
	}
}

void
scan_stop(struct scan *s)
{
	atomic_store(&s->stop, 1);
}

size_t
scan_cached(struct scan *s)
{
	scan_join_loader(s);
	return s->cached;
}

void
scan_wait(struct scan *s)
{
	int	 i;

	scan_join_loader(s);
	for (i = 0; i < s->nthreads; i++)
		pthread_join(s->threads[i], NULL);
	s->nthreads = 0;
}

size_t
scan_progress(const struct scan *s)
{
	return atomic_load(&((struct scan *)s)->done);
}

int
scan_finished(const struct scan *s)
{
	return scan_progress(s) >= s->c->n;
}

const scan_count *
scan_counts(const struct scan *s, size_t i)
{
	if (i >= s->c->n || atomic_load_explicit(&((struct scan *)s)->state[i],
	    memory_order_acquire) != SCAN_DONE)
		return NULL;
	return s->counts + i * s->nthemes;
}

const struct chrome *
scan_chrome(const struct scan *s)
{
	return s->cfg->chrome;
}

const struct dups_sig *
scan_signature(const struct scan *s, size_t i)
{
	if (scan_counts(s, i) == NULL)
		return NULL;
	if (s->sigs != NULL && s->sigown[i]) {
		scan_sigs_read((struct scan *)s, i);
		return &s->sigs[i];
	}
	/* The scan cache's or the image's, while held; an image that had none
	   (no signatures made) maps nothing. */
	if (s->csigs != NULL && s->csigoff[i] != 0)
		return &s->csigs[i];
	return s->img_sigs != NULL ? &s->img_sigs[i] : &dups_sig_none;
}

int
scan_signature_copy(const struct scan *s, struct scan_ahead *ahead, size_t i,
    struct dups_sig *out)
{
	struct scan_ahead	 one;
	const struct dups_sig	*sig;
	ssize_t			 got;
	size_t			 n;

	if (scan_counts(s, i) == NULL)
		return -1;
	if (ahead == NULL) {
		one.lo = one.n = 0;
		ahead = &one;
	}
	/* A spilled one from its file, not through the map: read out of order,
	   each would map its page and those around it, and keep them. Those
	   read ahead are taken only while they are the scan's own, as here. */
	if (s->sigs != NULL && s->sigown[i] && s->sigfd != -1) {
		if (i < ahead->lo || i - ahead->lo >= ahead->n) {
			n = s->c->n - i < SCAN_AHEAD ? s->c->n - i : SCAN_AHEAD;
			do
				got = pread(s->sigfd, ahead->sig, n *
				    sizeof *ahead->sig, (off_t)(i * sizeof *out));
			while (got == -1 && errno == EINTR);
			ahead->lo = i;
			ahead->n = got > 0 ? (size_t)got / sizeof *ahead->sig : 0;
		}
		if (i >= ahead->lo && i - ahead->lo < ahead->n) {
			*out = ahead->sig[i - ahead->lo];
			return 0;
		}
	}
	if ((sig = scan_signature(s, i)) == NULL)
		return -1;
	*out = *sig;
	return 0;
}

/* What a walk through a file's signatures hands back at a time, once passed. */
#define SCAN_SIGDROP	((uint64_t)1 << 20)

/* The signature at off in the file fd into out, through w's mapping of the whole
   file (made at the first, or when fd is another's); one the file does not hold is
   cleared. Read in the articles' order, so that what was read is behind and
   handed back now and then. Returns -1 when the file cannot be mapped. */
static int
scan_sigfile(struct scan_sigwalk *w, int fd, uint64_t off, struct dups_sig *out)
{
	struct stat	 st;

	if (w->map == NULL || w->fd != fd) {
		scan_sigwalk_end(w);
		if (fd == -1 || fstat(fd, &st) == -1 || st.st_size <= 0 ||
		    (w->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
		    fd, 0)) == MAP_FAILED) {
			w->map = NULL;
			return -1;
		}
		w->len = (size_t)st.st_size;
		w->fd = fd;
	}
	if (off > w->len || w->len - off < DUPS_SIGLEN)
		dups_sig_clear(out);
	else
		memcpy(out, w->map + off, DUPS_SIGLEN);
	/* Each megabyte passed is handed back: a scan cache's records are some
	   200 bytes apart, and a drop every 65,536 signatures held 13 MB at the
	   image's making. */
	if (off <= w->len && off > w->behind && off - w->behind >= SCAN_SIGDROP) {
		off &= ~(uint64_t)(SCAN_SIGDROP - 1);
		madvise((void *)(w->map + w->behind), (size_t)off - w->behind,
		    MADV_DONTNEED);
		w->behind = (size_t)off;
	}
	return 0;
}

const struct dups_sig *
scan_sigwalk(const struct scan *s, struct scan_sigwalk *w, size_t i)
{
	const struct dups_sig	*held = scan_signature(s, i);
	uint64_t		 off;
	int			 fd;

	/* Made here, held, or none to be had: as scan_signature() gives it. */
	if (held == NULL || held != &dups_sig_none)
		return held;
	if (s->csigoff != NULL && s->csigoff[i] != 0) {
		fd = s->cfd;
		off = s->csigoff[i];
	} else if (s->hasimg && s->img.fd != -1) {
		fd = s->img.fd;
		off = s->img.sigs + (uint64_t)i * DUPS_SIGLEN;
	} else
		return held;
	return scan_sigfile(w, fd, off, &w->sig) == 0 ? &w->sig : held;
}

void
scan_sigwalk_end(struct scan_sigwalk *w)
{
	if (w->map != NULL)
		munmap((void *)w->map, w->len);
	w->map = NULL;
	w->len = 0;
	w->fd = -1;
	w->behind = 0;
}

/* An anonymous mapping of len bytes, whose pages take memory once written only;
   NULL if none can be had. */
static void *
scan_anon(size_t len)
{
	void	*p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		    MAP_ANONYMOUS, -1, 0);

	return p != MAP_FAILED ? p : NULL;
}

/* Reads the signatures the scan cache gave from its file into csigs, for the
   while they are held: mapped a window at a time and handed back behind, so
   that the file (six times their size) does not count in memory beside them. */
static void
scan_csigs_read(struct scan *s)
{
	struct scan_sigwalk	 w = SCAN_SIGWALK_INIT;
	size_t			 i;

	if ((s->csigs = scan_anon(s->c->n * sizeof *s->csigs + 1)) == NULL)
		return;
	/* The records are in the articles' order when the corpus was walked in
	   path order (scan_sigfile()). */
	for (i = 0; i < s->c->n; i++)
		if (s->csigoff[i] != 0 && scan_sigfile(&w, s->cfd, s->csigoff[i],
		    &s->csigs[i]) == -1) {
			munmap(s->csigs, s->c->n * sizeof *s->csigs + 1);
			s->csigs = NULL;
			break;
		}
	scan_sigwalk_end(&w);
}

/* Maps len bytes of the image at off: the offset rounded down to a page, *base and
   *maplen what to unmap. NULL if it cannot be. */
static const void *
scan_img_map(const struct scan *s, uint64_t off, uint64_t len, void **base,
    size_t *maplen)
{
	uint64_t	 page = (uint64_t)sysconf(_SC_PAGESIZE), lo = off & ~(page - 1);
	void		*m;

	if (len == 0 || s->img.fd == -1)
		return NULL;
	m = mmap(NULL, (size_t)(off - lo + len), PROT_READ, MAP_PRIVATE, s->img.fd,
	    (off_t)lo);
	if (m == MAP_FAILED)
		return NULL;
	*base = m;
	*maplen = (size_t)(off - lo + len);
	return (const char *)m + (off - lo);
}

void
scan_sigs_hold(const struct scan *cs)
{
	/* The mapping is a view of the file the scan was given, not of its
	   counts: taken and let go under a lock of its own by readers. */
	struct scan	*s = (struct scan *)cs;

	if (!s->hasimg && s->csigoff == NULL)
		return;
	pthread_mutex_lock(&s->img_lock);
	if (s->img_holds++ == 0) {
		if (s->hasimg)
			s->img_sigs = scan_img_map(s, s->img.sigs, s->c->n *
			    DUPS_SIGLEN, &s->img_map, &s->img_maplen);
		if (s->csigoff != NULL)
			scan_csigs_read(s);
	}
	pthread_mutex_unlock(&s->img_lock);
}

void
scan_sigs_release(const struct scan *cs)
{
	struct scan	*s = (struct scan *)cs;

	if (!s->hasimg && s->csigoff == NULL)
		return;
	pthread_mutex_lock(&s->img_lock);
	if (s->img_holds > 0 && --s->img_holds == 0) {
		if (s->img_sigs != NULL)
			munmap(s->img_map, s->img_maplen);
		s->img_sigs = NULL;
		s->img_map = NULL;
		if (s->csigs != NULL)
			munmap(s->csigs, s->c->n * sizeof *s->csigs + 1);
		s->csigs = NULL;
	}
	pthread_mutex_unlock(&s->img_lock);
}

int
scan_image_clusters(const struct scan *s, double threshold,
    struct scan_clusters *out)
{
	/* As made for the same threshold from every article's signature as the
	   image had it: one made or read here since (counted again, or not
	   given by the image) may join or part clusters. */
	memset(out, 0, sizeof *out);
	/* Or the scan cache's, likewise, when it gave every article and its
	   records were the corpus's (none more, none less), none counted here. */
	if (s->ccl != NULL && s->cthreshold == threshold && s->cnrec == s->c->n &&
	    s->cfilled == s->c->n && atomic_load(&s->counted_here) == 0 &&
	    scan_finished(s)) {
		out->cluster = (const uint32_t *)(const void *)s->ccl;
		out->sim = s->ccl + s->c->n * sizeof(uint32_t);
		out->from = "the scan cache";
		return 0;
	}
	if (!s->hasimg || !s->img.clustered || s->img.threshold != threshold ||
	    atomic_load(&s->signed_here) != 0 || !scan_finished(s))
		return -1;
	out->cluster = scan_img_map(s, s->img.cluster, s->c->n *
	    (sizeof(uint32_t) + 1), &out->map, &out->maplen);
	if (out->cluster == NULL)
		return -1;
	out->sim = (const uint8_t *)(out->cluster + s->c->n);
	out->from = "the image";
	return 0;
}

void
scan_image_clusters_done(struct scan_clusters *sc)
{
	if (sc->map != NULL)
		munmap(sc->map, sc->maplen);
	memset(sc, 0, sizeof *sc);
}

int
scan_incomplete(const struct scan *s, size_t i, size_t theme)
{
	return scan_counts(s, i) != NULL &&
	    (s->incomplete[i * s->incstride + theme / 8] >> (theme % 8) & 1);
}

const uint8_t *
scan_incomplete_bits(const struct scan *s, size_t i)
{
	return scan_counts(s, i) != NULL ? s->incomplete + i * s->incstride : NULL;
}

void
scan_forget(struct scan *s, size_t i)
{
	unsigned char	 expected;

	for (;;) {
		expected = SCAN_DONE;
		if (atomic_compare_exchange_strong(&s->state[i], &expected,
		    SCAN_BUSY)) {
			atomic_fetch_sub(&s->done, 1);
			return;
		}
		if (expected == SCAN_TODO && atomic_compare_exchange_strong(
		    &s->state[i], &expected, SCAN_BUSY))
			return;
		/* A worker counts it now, from a text that may be the old one:
		   one article's time. */
		sched_yield();
	}
}

/* Counts the articles scan_again() queued, until none is left. */
static void *
scan_redo_thread(void *arg)
{
	struct scan		*s = arg;
	struct scan_finder	 w;
	size_t			 i;

	scan_worker_init(&w, s);
	for (;;) {
		pthread_mutex_lock(&s->redo_lock);
		if (s->nredo == 0 || atomic_load(&s->stop)) {
			s->redo_running = 0;
			pthread_mutex_unlock(&s->redo_lock);
			break;
		}
		i = s->redo[--s->nredo];
		pthread_mutex_unlock(&s->redo_lock);
		if (scan_claim(s, i))
			scan_one(s, &w, i);
	}
	scan_worker_free(&w);
	return NULL;
}

void
scan_again(struct scan *s, size_t i)
{
	atomic_store(&s->state[i], SCAN_TODO);
	pthread_mutex_lock(&s->redo_lock);
	if (s->nredo == s->capredo) {
		s->capredo = s->capredo ? s->capredo * 2 : 64;
		s->redo = xreallocarray(s->redo, s->capredo, sizeof *s->redo);
	}
	s->redo[s->nredo++] = i;
	if (!s->redo_running) {
		/* One that has ended takes the lock no more: joined under it. */
		if (s->redo_joinable)
			pthread_join(s->redo_thread, NULL);
		s->redo_joinable = s->redo_running = pthread_create(&s->redo_thread,
		    NULL, scan_redo_thread, s) == 0;
	}
	pthread_mutex_unlock(&s->redo_lock);
	/* No thread to be had: counted here. */
	if (!s->redo_joinable)
		scan_now(s, i);
}

void
scan_now(struct scan *s, size_t i)
{
	struct scan_finder	 w;

	if (i >= s->c->n || !scan_claim(s, i))
		return;
	scan_worker_init(&w, s);
	scan_one(s, &w, i);
	scan_worker_free(&w);
}

void
scan_free(struct scan *s)
{
	if (s == NULL)
		return;
	atomic_store(&s->stop, 1);
	scan_wait(s);
	if (s->redo_joinable)
		pthread_join(s->redo_thread, NULL);
	pthread_mutex_destroy(&s->redo_lock);
	free(s->redo);
	if (s->fillmap != NULL)
		xunmap(s->fillmap, s->fillmaplen);
	else {
		free(s->counts);
		free(s->incomplete);
	}
	if (s->sigs != NULL) {
		munmap(s->sigs, s->sigmaplen);
		munmap(s->sigown, s->ownmaplen);
	}
	if (s->sigfd != -1)
		close(s->sigfd);
	if (s->img_map != NULL)
		munmap(s->img_map, s->img_maplen);
	if (s->img.fd != -1)
		close(s->img.fd);
	if (s->cfd != -1)
		close(s->cfd);
	if (s->csigoff != NULL)
		munmap(s->csigoff, s->csigofflen);
	if (s->csigs != NULL)
		munmap(s->csigs, s->c->n * sizeof *s->csigs + 1);
	if (s->ccl != NULL)
		munmap(s->ccl, s->ccllen);
	pthread_mutex_destroy(&s->img_lock);
	free(s->state);
	free(s->loadpath);
	prefilter_free(s->pf);
	prefilter_free(s->pff);
	free(s);
}

char *
scan_cache_path(const char *const *roots, size_t nroots)
{
	return cachedir_file("scan-", roots, nroots, "");
}

static int
scan_cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct scan_key *)a)->path,
	    ((const struct scan_key *)b)->path);
}

/* The cache, all of it covered by a checksum so that a damaged file is known as one
   and not read as counts: a magic line (its number is the format's version), then
   uint64_t fields: the hash of the file's own name (a cache copied from another corpus
   is not this one's), the themes' hash, the number of themes, the number of records;
   the records; and last the checksum of every byte before it (cachedir_stream). A
   record is the path's length and the path, the key (SCAN_KEYLEN fields), then per
   theme a uint32_t count, then per theme an incomplete flag, then the signature
   (DUPS_SIGLEN bytes; empty when signatures are not made). Native byte order: it
   never leaves the machine.
   A file that fails any check is dropped whole and rebuilt: it is only a cache. */
size_t
scan_load_cache(struct scan *s, const char *path)
{
	struct scan_in	 in;
	struct scan_sum	 sum;
	struct stat	 st;
	struct scan_key	*keys = NULL;
	struct timespec	 t0, t1;
	pthread_t	 t;
	void		*map;
	uint64_t	 v;
	size_t		 filled = 0, i, max;
	int		 fd, two, rc;

	if (path == NULL)
		return 0;
	/* The most a cache of this corpus could hold, were every path PATH_MAX long:
	   the bound on what a file found in its place makes rubric read. */
	max = SCAN_HEADLEN + 8 + (s->c->n + 1) * (8 + PATH_MAX + SCAN_KEYLEN * 8 +
	    s->nthemes * 5 + DUPS_SIGLEN + SCAN_CLULEN);
	/* A FIFO, a device or a file over max in its place is no cache either. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		if (errno != ENOENT)
			log_debug("%s: not read: %s", path, strerror(errno));
		return 0;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    (uint64_t)st.st_size > max) {
		log_debug("%s: not read: no regular file, or too large", path);
		close(fd);
		return 0;
	}
	if ((uint64_t)st.st_size < SCAN_HEADLEN + 8) {
		log_debug("%s: damaged or not this corpus's: dropped", path);
		close(fd);
		return 0;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		log_debug("%s: not read: %s", path, strerror(errno));
		close(fd);
		return 0;
	}
	/* The signatures' offsets and the clusters, in mappings whose pages take
	   memory once written (5 and 4 bytes an article: struct scan). */
	if (s->sigs != NULL && s->csigoff == NULL && s->ccl == NULL &&
	    (uint64_t)st.st_size < UINT32_MAX) {
		s->csigofflen = s->c->n * sizeof *s->csigoff + 1;
		s->ccllen = s->c->n * SCAN_CLULEN + 1;
		s->csigoff = scan_anon(s->csigofflen);
		s->ccl = scan_anon(s->ccllen);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&in, 0, sizeof in);
	in.map = map;
	in.size = (uint64_t)st.st_size;
	in.left = in.size - 8;
	in.mine = xcalloc(s->c->n / 8 + 1, 1);
	/* The checksum is taken on a thread of its own while this one reads the
	   records; no count is published before both are done and agree. */
	memset(&sum, 0, sizeof sum);
	sum.map = in.map;
	sum.n = in.size - 8;
	atomic_init(&sum.quit, 0);
	if (!(two = pthread_create(&t, NULL, scan_cache_sum, &sum) == 0))
		scan_cache_sum(&sum);
	/* Records are looked up by path: in the article list itself when it is in
	   path order, as a walk of one root has it; else in a copy sorted by it,
	   16 bytes an article (16 MB at a million, and as much again for qsort). */
	for (i = 1; i < s->c->n && strcmp(s->c->articles[i - 1]->path,
	    s->c->articles[i]->path) < 0; i++)
		;
	if (i < s->c->n) {
		keys = xreallocarray(NULL, s->c->n + 1, sizeof *keys);
		for (i = 0; i < s->c->n; i++) {
			keys[i].path = s->c->articles[i]->path;
			keys[i].i = i;
		}
		qsort(keys, s->c->n, sizeof *keys, scan_cmp_path);
	}
	rc = scan_cache_pass(s, path, &in, keys);
	if (rc == -1)
		atomic_store(&sum.quit, 1);
	if (two)
		pthread_join(t, NULL);
	memcpy(&v, in.map + in.size - 8, 8);
	if (rc == -1 || v != sum.h) {
		log_debug("%s: damaged or not this corpus's: dropped", path);
		scan_cache_settle(s, &in, 0);
	} else
		filled = scan_cache_settle(s, &in, 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_debug("scan cache: %zu articles filled, %s, in %.3f s", filled, two ?
	    "the checksum beside the records" : "the checksum first",
	    (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	munmap(map, (size_t)in.size);
	/* Kept open while a signature it gave may be read: the file is renamed
	   over, never written in place. */
	if (filled > 0 && s->csigoff != NULL)
		s->cfd = fd;
	else
		close(fd);
	free(keys);
	free(in.name);
	free(in.mine);
	return filled;
}

/* The next n bytes of the mapped file before its checksum, or NULL if there are
   not n of them. */
static const unsigned char *
scan_in_get(struct scan_in *in, uint64_t n)
{
	const unsigned char	*p = in->map + in->at;

	if (n > in->left)
		return NULL;
	in->left -= n;
	in->at += n;
	return p;
}

/* Gives back the whole windows of map before at, from *dropped on: they are read.
   Another thread still reading them only maps them again from the page cache. */
static void
scan_in_drop(const unsigned char *map, uint64_t at, uint64_t *dropped)
{
	uint64_t	 to;

	if (at - *dropped < scan_cache_window)
		return;
	to = at / scan_cache_window * scan_cache_window;
	madvise((void *)(uintptr_t)(map + *dropped), (size_t)(to - *dropped),
	    MADV_DONTNEED);
	*dropped = to;
}

/* The checksum of sum->map[0..n) (struct scan_sum), a window at a time, unless
   told to quit: the records were found damaged. */
static void *
scan_cache_sum(void *arg)
{
	struct scan_sum		*sum = arg;
	struct cachedir_stream	 cs;
	uint64_t		 at = 0, k, dropped = 0;

	cachedir_stream_init(&cs);
	while (at < sum->n && !atomic_load_explicit(&sum->quit,
	    memory_order_relaxed)) {
		k = sum->n - at < scan_cache_window ? sum->n - at :
		    scan_cache_window;
		cachedir_stream_add(&cs, sum->map + at, (size_t)k);
		at += k;
		scan_in_drop(sum->map, at, &dropped);
	}
	sum->h = cachedir_stream_end(&cs);
	return NULL;
}

/* The article whose path is path, or SIZE_MAX: found in keys (the articles sorted
   by path) or, keys NULL, in the article list, which is in path order. The records
   are in that order too, as they were saved: *pos, where the last was found, is
   tried first, and the rest halved only when it is not there. */
static size_t
scan_cache_find(const struct scan *s, const struct scan_key *keys, const char *path,
    size_t *pos)
{
	size_t	 lo = 0, hi = s->c->n, mid;
	int	 r;

#define SCAN_KEY_PATH(k) (keys != NULL ? keys[k].path : s->c->articles[k]->path)
#define SCAN_KEY_I(k)	 (keys != NULL ? keys[k].i : (k))
	if (*pos < s->c->n && strcmp(path, SCAN_KEY_PATH(*pos)) == 0)
		return SCAN_KEY_I((*pos)++);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = strcmp(path, SCAN_KEY_PATH(mid));
		if (r == 0) {
			*pos = mid + 1;
			return SCAN_KEY_I(mid);
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return SIZE_MAX;
#undef SCAN_KEY_PATH
#undef SCAN_KEY_I
}

/* Reads the records of the cache in: checks the version, that it is the file of
   this name and of these themes, that every record is whole and sane, and that
   they fill the file; claims every article a fresh record names (found as
   scan_cache_find() does with keys) and writes its counts, marked in in->mine but
   not published: the checksum is not known yet. Returns 0, or -1 if the file is
   damaged or not this scan's. */
static int
scan_cache_pass(struct scan *s, const char *path, struct scan_in *in,
    const struct scan_key *keys)
{
	const unsigned char	*head, *p, *rec, *inc;
	uint64_t		 v, nrec, r, len, key[SCAN_KEYLEN];
	size_t			 t, need, i, pos = 0;

	if ((head = scan_in_get(in, SCAN_HEADLEN)) == NULL ||
	    memcmp(head, SCAN_MAGIC, sizeof SCAN_MAGIC - 1) != 0)
		return -1;
	memcpy(&v, head + sizeof SCAN_MAGIC - 1, 8);
	if (v != scan_cache_name(path))
		return -1;
	memcpy(&v, head + sizeof SCAN_MAGIC - 1 + 8, 8);
	if (v != s->themes_hash)
		return -1;
	memcpy(&v, head + sizeof SCAN_MAGIC - 1 + 16, 8);
	if (v != s->nthemes)
		return -1;
	memcpy(&nrec, head + sizeof SCAN_MAGIC - 1 + 24, 8);
	memcpy(&s->cthreshold, head + sizeof SCAN_MAGIC - 1 + 32, 8);
	s->cnrec = nrec;
	if (!(s->cthreshold >= 0 && s->cthreshold <= 1))
		return -1;
	need = SCAN_KEYLEN * 8 + s->nthemes * (sizeof(uint32_t) + 1) + DUPS_SIGLEN +
	    SCAN_CLULEN;
	for (r = 0; r < nrec; r++) {
		scan_in_drop(in->map, in->at, &in->dropped);
		/* A path: not empty, no NUL, and the rest of the record after it. */
		if ((p = scan_in_get(in, 8)) == NULL)
			return -1;
		memcpy(&len, p, 8);
		if (len == 0 || len > in->left || in->left - len < need)
			return -1;
		p = scan_in_get(in, len);
		rec = scan_in_get(in, need);
		if (memchr(p, '\0', (size_t)len) != NULL)
			return -1;
		if (len + 1 > in->namecap) {
			in->namecap = (size_t)len + 1;
			in->name = xreallocarray(in->name, in->namecap, 1);
		}
		memcpy(in->name, p, (size_t)len);
		in->name[len] = '\0';
		memcpy(key, rec, sizeof key);
		if (key[2] >= 1000000000 || key[4] >= 1000000000)
			return -1;
		inc = rec + SCAN_KEYLEN * 8 + s->nthemes * sizeof(uint32_t);
		for (t = 0; t < s->nthemes; t++)
			if (inc[t] > 1)
				return -1;
		/* Stopped: what was taken stays, once the rest is checked and the
		   checksum holds; the rest is not counted. */
		if (atomic_load_explicit(&s->stop, memory_order_relaxed))
			continue;
		/* Claimed before its stamp is read: the screen changes an article
		   only once it has it (scan_forget()), which waits meanwhile as it
		   does for a worker, here until the file is settled (a tenth of a
		   second at a million articles). One that is not as the record has
		   it goes back to the workers. */
		i = scan_cache_find(s, keys, in->name, &pos);
		if (i == SIZE_MAX || !scan_claim(s, i))
			continue;
		if (!scan_cache_fresh(s->c->articles[i], key)) {
			atomic_store_explicit(&s->state[i], SCAN_TODO,
			    memory_order_release);
			continue;
		}
		memset(s->incomplete + i * s->incstride, 0, s->incstride);
		for (t = 0; t < s->nthemes; t++) {
			uint32_t	 n;

			/* The file keeps 32 bits a count. */
			memcpy(&n, rec + sizeof key + t * sizeof n, sizeof n);
			s->counts[i * s->nthemes + t] = n > SCAN_COUNT_MAX ?
			    SCAN_COUNT_MAX : (scan_count)n;
			if (inc[t] || n > SCAN_COUNT_MAX)
				s->incomplete[i * s->incstride + t / 8] |=
				    1u << (t % 8);
		}
		/* Where the signature is, to be read when it is needed; or, the
		   file over 4 GB, the signature itself. */
		if (s->csigoff != NULL)
			s->csigoff[i] = (uint32_t)(inc + s->nthemes - in->map);
		else if (s->sigs != NULL) {
			memcpy(&s->sigs[i], inc + s->nthemes, DUPS_SIGLEN);
			s->sigown[i] = 1;
			scan_sigs_wrote(s, i);
		}
		if (s->sigs != NULL)
			atomic_fetch_add(&s->signed_here, 1);
		if (s->ccl != NULL) {
			memcpy(s->ccl + i * sizeof(uint32_t), inc + s->nthemes +
			    DUPS_SIGLEN, sizeof(uint32_t));
			s->ccl[s->c->n * sizeof(uint32_t) + i] = inc[s->nthemes +
			    DUPS_SIGLEN + sizeof(uint32_t)];
		}
		in->mine[i / 8] |= 1u << (i % 8);
		in->nmine++;
	}
	/* Every byte before the checksum is a record's. */
	return in->left == 0 ? 0 : -1;
}

/* Publishes the counts scan_cache_pass() wrote if the file is good, else wipes them
   and hands their articles back to the workers. Returns how many it published. */
static size_t
scan_cache_settle(struct scan *s, struct scan_in *in, int good)
{
	size_t	 i, b;

	for (b = 0; b <= s->c->n / 8; b++) {
		if (in->mine[b] == 0)
			continue;
		for (i = b * 8; i < b * 8 + 8 && i < s->c->n; i++) {
			if (!(in->mine[b] >> (i % 8) & 1))
				continue;
			if (!good) {
				memset(s->counts + i * s->nthemes, 0,
				    s->nthemes * sizeof *s->counts);
				memset(s->incomplete + i * s->incstride, 0,
				    s->incstride);
				if (s->sigs != NULL)
					s->sigown[i] = 0;
				if (s->csigoff != NULL)
					s->csigoff[i] = 0;
			}
			atomic_store_explicit(&s->state[i], good ? SCAN_DONE :
			    SCAN_TODO, memory_order_release);
		}
	}
	if (!good) {
		s->cthreshold = 0;
		return 0;
	}
	s->cfilled = in->nmine;
	atomic_fetch_add(&s->done, in->nmine);
	return in->nmine;
}

/* Whether a record's key is article a as it is now. ctime and the inode catch a file
   rewritten and given its old size and mtime back (touch -r): the kernel sets ctime
   on every change, and nothing short of the clock puts it back. */
static int
scan_cache_fresh(const struct article *a, const uint64_t *key)
{
	uint64_t	 now[SCAN_KEYLEN];

	if (a->error != NULL)
		return 0;
	scan_cache_key(a, now);
	return memcmp(now, key, sizeof now) == 0;
}

/* The key a record holds for article a: its stamp. */
static void
scan_cache_key(const struct article *a, uint64_t *key)
{
	int64_t	 stamp[ARTICLE_STAMPLEN];
	size_t	 k;

	article_stamp(a, stamp);
	for (k = 0; k < SCAN_KEYLEN; k++)
		key[k] = (uint64_t)stamp[k];
}

/* The hash of the last component of path, which names the corpus (scan_cache_path). */
static uint64_t
scan_cache_name(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return scan_hash_str(CACHEDIR_FNV_BASIS, slash != NULL ? slash + 1 : path);
}

/* Writes n bytes to the cache being saved and adds them to its checksum. */
static void
scan_out_put(struct scan_out *o, const void *p, size_t n)
{
	cachedir_stream_add(&o->h, p, n);
	fwrite(p, 1, n, o->f);
}

int
scan_save_cache(struct scan *s, const char *path)
{
	return scan_save_cache_with(s, path, NULL);
}

int
scan_cache_wants(const struct scan *s, double threshold)
{
	/* Every article from the cache, which had a record of each and so
	   would have them all again; not when the counts came from the image,
	   which keeps its own clusters, or some were counted, which saves it. */
	return threshold > 0 && s->dups && scan_finished(s) && !s->hasimg &&
	    s->cfilled == s->c->n && s->cnrec == s->c->n &&
	    s->cthreshold != threshold;
}

size_t
scan_epoch(const struct scan *s)
{
	return atomic_load(&((struct scan *)s)->counted_here);
}

int
scan_save_cache_with(struct scan *s, const char *path, const struct dups *d)
{
	struct file_stage	 st;
	struct scan_out		 o;
	struct scan_sigwalk	 sw = SCAN_SIGWALK_INIT;
	uint8_t			*keep, *inc, sim;
	uint32_t		 k;
	double			 thr;
	size_t			 i, t;
	uint64_t		 v, nrec = 0, key[SCAN_KEYLEN];

	if (path == NULL) {
		errno = ENOENT;
		return -1;
	}
	/* What the cache gives is in before anything is written over it. */
	scan_join_loader(s);
	cachedir_make(path);
	/* Streamed to the file, not made in memory first: at a million articles the
	   records are 170 MB. The number of records comes before them and under the
	   checksum, and workers may still be publishing counts, so which articles are
	   saved is settled first, a byte an article. A racy stamp is not saved:
	   counted again next time. */
	keep = xcalloc(s->c->n + 1, 1);
	for (i = 0; i < s->c->n; i++) {
		const struct article	*a = s->c->articles[i];

		if (scan_counts(s, i) != NULL && a->error == NULL &&
		    !article_racy(a)) {
			keep[i] = 1;
			nrec++;
		}
	}
	/* The cache names the user's files: only the user reads it. What a killed
	   save left goes first, unless another rubric may still be writing it. */
	file_sweep(path, FILE_STALE);
	if (file_stage_open(&st, path, 0600) == -1) {
		free(keep);
		return -1;
	}
	if ((o.f = file_stage_stream(&st)) == NULL) {
		free(keep);
		file_stage_abandon(&st);
		return -1;
	}
	/* A byte per theme in the file, as the format has always had it. */
	inc = xcalloc(s->nthemes + 1, 1);
	cachedir_stream_init(&o.h);
	scan_out_put(&o, SCAN_MAGIC, sizeof SCAN_MAGIC - 1);
	v = scan_cache_name(path);
	scan_out_put(&o, &v, sizeof v);
	scan_out_put(&o, &s->themes_hash, sizeof s->themes_hash);
	v = s->nthemes;
	scan_out_put(&o, &v, sizeof v);
	scan_out_put(&o, &nrec, sizeof nrec);
	/* The clusters, when d was made from the counts as they are: a start that
	   takes every record takes them as they are (scan_image_clusters()). Made
	   over every article, they are kept only when every article is. */
	if (d == NULL || !dups_current(d, s) || !scan_finished(s) ||
	    nrec != s->c->n)
		d = NULL;
	thr = d != NULL ? dups_threshold(d) : 0;
	scan_out_put(&o, &thr, sizeof thr);
	/* What the file will say, so that the clusters are not written again. */
	if (d != NULL) {
		s->cthreshold = thr;
		s->cnrec = nrec;
		s->cfilled = s->c->n;
	}
	/* The signatures the cache or the image gave are read from their file a
	   window at a time (scan_sigwalk()), not held whole: at a million
	   articles, 28 MB more at the screen's end. */
	for (i = 0; i < s->c->n; i++) {
		const struct article	*a = s->c->articles[i];

		if (!keep[i])
			continue;
		v = strlen(a->path);
		scan_cache_key(a, key);
		scan_out_put(&o, &v, sizeof v);
		scan_out_put(&o, a->path, v);
		scan_out_put(&o, key, sizeof key);
		for (t = 0; t < s->nthemes; t++) {
			uint32_t	 n = s->counts[i * s->nthemes + t];

			scan_out_put(&o, &n, sizeof n);
			inc[t] = (uint8_t)scan_incomplete(s, i, t);
		}
		scan_out_put(&o, inc, s->nthemes);
		scan_out_put(&o, scan_sigwalk(s, &sw, i), DUPS_SIGLEN);
		k = d != NULL ? dups_cluster(d, i) : DUPS_NONE;
		sim = d != NULL ? (uint8_t)dups_similarity_first(d, i) : 0;
		scan_out_put(&o, &k, sizeof k);
		scan_out_put(&o, &sim, 1);
	}
	scan_sigwalk_end(&sw);
	free(keep);
	free(inc);
	v = cachedir_stream_end(&o.h);
	fwrite(&v, sizeof v, 1, o.f);
	if (ferror(o.f)) {
		file_stage_abandon(&st);
		return -1;
	}
	return file_stage_commit(&st);
}

void
scan_fill(struct scan *s, const struct scan_image *img)
{
	size_t	 i;

	/* Before any worker starts: no article is being counted. */
	if (img->fill != NULL) {
		free(s->counts);
		free(s->incomplete);
		s->fillmap = img->fill;
		s->fillmaplen = img->filllen;
		s->counts = img->fill;
		s->incomplete = (uint8_t *)img->fill + img->incat;
	}
	/* The signatures and clusters stay in the file, which is renamed over,
	   never written in place: the descriptor keeps the one that was
	   checked. */
	if (img->fd != -1) {
		s->img = *img;
		s->img.fill = NULL;
		s->hasimg = 1;
	}
	for (i = 0; i < s->c->n; i++)
		atomic_store_explicit(&s->state[i], SCAN_DONE, memory_order_relaxed);
	atomic_store(&s->done, s->c->n);
	atomic_store(&s->next, s->c->n);
	s->cached = s->c->n;
}
