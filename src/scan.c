/* Counting theme hits over the corpus. Workers take articles by an atomic index, read
   each whole, count every theme, and publish the counts with a release store of the
   article's state; readers check the state with an acquire load. Counts are written
   once, before they are published, and never change after. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "prefilter.h"
#include "scan.h"
#include "theme.h"
#include "xmalloc.h"

#define SCAN_MAGIC	"rubric-scan-1\n"
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
	uint32_t		*counts;	/* n x nthemes */
	uint8_t			*incomplete;	/* n x nthemes */
	_Atomic int		*state;		/* n */
	atomic_size_t		 next;
	atomic_size_t		 done;
	atomic_int		 stop;
	uint64_t		 themes_hash;
	struct prefilter	*pf;
	pthread_t		 threads[SCAN_MAXTHREADS];
	int			 nthreads;
};

static uint64_t	scan_hash(uint64_t, const void *, size_t);
static uint64_t	scan_hash_str(uint64_t, const char *);
/* A worker's state, also lent to callers that want matches found as the scan finds
   them (scan_finder_new). */
struct scan_finder {
	const struct scan	*s;
	struct matcher		*m;
	struct match_list	 ml;
	struct prefilter_hits	 hits;
};

static void	scan_one(struct scan *, struct scan_finder *, size_t);
static void	scan_worker_init(struct scan_finder *, const struct scan *);
static void	scan_worker_free(struct scan_finder *);
static void	*scan_thread(void *);
static int	scan_claim(struct scan *, size_t);
static int	scan_cmp_path(const void *, const void *);

struct scan_key {
	const char	*path;
	size_t		 i;
};

/* FNV-1a: cache keys only, no adversary. */
static uint64_t
scan_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t
scan_hash_str(uint64_t h, const char *s)
{
	return scan_hash(h, s, strlen(s) + 1);
}

struct scan *
scan_new(const struct corpus *c, const struct config *cfg)
{
	struct scan	*s = xcalloc(1, sizeof *s);
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i, j;

	s->c = c;
	s->cfg = cfg;
	s->nthemes = cfg->nthemes;
	s->counts = xcalloc(c->n * s->nthemes + 1, sizeof *s->counts);
	s->incomplete = xcalloc(c->n * s->nthemes + 1, 1);
	s->state = xcalloc(c->n + 1, sizeof *s->state);
	for (i = 0; i < c->n; i++)
		atomic_init(&s->state[i], SCAN_TODO);
	atomic_init(&s->next, 0);
	atomic_init(&s->done, 0);
	atomic_init(&s->stop, 0);
	/* The counts depend on every theme's patterns and the options that shape them. */
	for (i = 0; i < cfg->nthemes; i++) {
		const struct theme	*t = &cfg->themes[i];
		int			 opts[2] = { (int)t->icase, t->words };

		h = scan_hash_str(h, t->name);
		h = scan_hash(h, opts, sizeof opts);
		for (j = 0; j < t->npats; j++)
			if (t->pats[j].re != NULL)
				h = scan_hash_str(h, t->pats[j].source);
		h = scan_hash_str(h, "\n");
	}
	s->themes_hash = h;
	s->pf = prefilter_new(cfg);
	return s;
}

/* Takes article i for counting; 0 if someone else has it already. */
static int
scan_claim(struct scan *s, size_t i)
{
	int	 expected = SCAN_TODO;

	return atomic_compare_exchange_strong(&s->state[i], &expected, SCAN_BUSY);
}

static void
scan_worker_init(struct scan_finder *w, const struct scan *s)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->m = matcher_new();
	prefilter_hits_init(&w->hits, s->pf);
}

static void
scan_worker_free(struct scan_finder *w)
{
	match_list_free(&w->ml);
	matcher_free(w->m);
	prefilter_hits_free(&w->hits);
}

/* Counts article i from its text b (NULL: it could not be read) and publishes the
   counts. The prefilter says where each pattern's literals are; PCRE2 runs only at
   the starts those allow, which finds exactly what a search of the whole article
   finds. With keep, every theme's matches are added to it as well. */
static void
scan_body(struct scan *s, struct scan_finder *w, size_t i, const struct body *b,
    struct match_list *keep)
{
	uint32_t		*counts = s->counts + i * s->nthemes;
	uint8_t			*inc = s->incomplete + i * s->nthemes;
	size_t			 t, k;

	if (b != NULL && s->nthemes > 0) {
		scan_finder_text(w, b->buf, b->len);
		for (t = 0; t < s->nthemes; t++) {
			if (scan_find(w, t, b->buf, b->len, b->start, &w->ml) == -1)
				inc[t] = 1;
			counts[t] = (uint32_t)w->ml.n;
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

	if (a->error == NULL && s->nthemes > 0 && article_read(a, &b) == 0) {
		scan_body(s, w, i, &b, NULL);
		article_body_free(&b);
	} else
		scan_body(s, w, i, NULL, NULL);
}

const uint32_t *
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
	prefilter_scan(f->s->pf, buf, len, &f->hits);
}

int
scan_find(struct scan_finder *f, size_t t, const char *buf, size_t len, size_t from,
    struct match_list *out)
{
	const struct theme	*th = &f->s->cfg->themes[t];
	size_t			 p, u;
	int			 rc = 0;

	match_list_clear(out);
	for (p = 0; p < th->npats; p++) {
		u = prefilter_unit(f->s->pf, t, p);
		if (prefilter_has(f->s->pf, u) && !f->hits.unsafe) {
			if (matcher_guided(f->m, th, t, p, buf, len, from,
			    f->hits.occ[u], f->hits.nocc[u],
			    prefilter_prefix(f->s->pf, u), out) == -1)
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

void
scan_wait(struct scan *s)
{
	int	 i;

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

const uint32_t *
scan_counts(const struct scan *s, size_t i)
{
	if (i >= s->c->n || atomic_load_explicit(&((struct scan *)s)->state[i],
	    memory_order_acquire) != SCAN_DONE)
		return NULL;
	return s->counts + i * s->nthemes;
}

int
scan_incomplete(const struct scan *s, size_t i, size_t theme)
{
	return scan_counts(s, i) != NULL && s->incomplete[i * s->nthemes + theme];
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
	free(s->counts);
	free(s->incomplete);
	free(s->state);
	prefilter_free(s->pf);
	free(s);
}

char *
scan_cache_path(const char *const *roots, size_t nroots)
{
	const char	*xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char		*dir, *abs;
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i;

	for (i = 0; i < nroots; i++) {
		abs = realpath(roots[i], NULL);
		h = scan_hash_str(h, abs != NULL ? abs : roots[i]);
		free(abs);
	}
	if (xdg != NULL && *xdg == '/')
		dir = xasprintf("%s/rubric", xdg);
	else if (home != NULL && *home != '\0')
		dir = xasprintf("%s/.cache/rubric", home);
	else
		return NULL;
	abs = xasprintf("%s/scan-%016llx", dir, (unsigned long long)h);
	free(dir);
	return abs;
}

static int
scan_cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct scan_key *)a)->path,
	    ((const struct scan_key *)b)->path);
}

/* The cache: a magic line, then the themes' hash, the number of themes, and one record
   per article: path length, path, size, mtime seconds and nanoseconds, then per theme a
   count and an incomplete flag. Native byte order: it never leaves the machine. */
size_t
scan_load_cache(struct scan *s, const char *path)
{
	FILE		*f;
	char		 magic[sizeof SCAN_MAGIC - 1], *p = NULL;
	uint64_t	 hash, nthemes, len, rec[3];
	size_t		 cap = 0, filled = 0, i;
	uint32_t	*counts = NULL;
	uint8_t		*inc = NULL;
	struct scan_key	*keys = NULL, key, *found;

	if (path == NULL || (f = fopen(path, "rb")) == NULL)
		return 0;
	if (fread(magic, 1, sizeof magic, f) != sizeof magic ||
	    memcmp(magic, SCAN_MAGIC, sizeof magic) != 0 ||
	    fread(&hash, sizeof hash, 1, f) != 1 || hash != s->themes_hash ||
	    fread(&nthemes, sizeof nthemes, 1, f) != 1 || nthemes != s->nthemes)
		goto done;
	counts = xcalloc(s->nthemes + 1, sizeof *counts);
	inc = xcalloc(s->nthemes + 1, 1);
	/* Records are looked up by path, in a copy of the article list sorted by it. */
	keys = xreallocarray(NULL, s->c->n + 1, sizeof *keys);
	for (i = 0; i < s->c->n; i++) {
		keys[i].path = s->c->articles[i]->path;
		keys[i].i = i;
	}
	for (i = 1; i < s->c->n && strcmp(keys[i - 1].path, keys[i].path) < 0; i++)
		;
	if (i < s->c->n)
		qsort(keys, s->c->n, sizeof *keys, scan_cmp_path);
	while (fread(&len, sizeof len, 1, f) == 1) {
		if (len > PATH_MAX * 4)
			break;
		if (len + 1 > cap) {
			cap = len + 1;
			p = xreallocarray(p, cap, 1);
		}
		if (fread(p, 1, len, f) != len || fread(rec, sizeof rec[0], 3, f) != 3 ||
		    fread(counts, sizeof *counts, s->nthemes, f) != s->nthemes ||
		    fread(inc, 1, s->nthemes, f) != s->nthemes)
			break;
		p[len] = '\0';
		key.path = p;
		if ((found = bsearch(&key, keys, s->c->n, sizeof *keys,
		    scan_cmp_path)) == NULL)
			continue;
		i = found->i;
		{
			const struct article	*a = s->c->articles[i];

			if (a->error != NULL || (uint64_t)a->size != rec[0] ||
			    (uint64_t)a->mtime.tv_sec != rec[1] ||
			    (uint64_t)a->mtime.tv_nsec != rec[2] || !scan_claim(s, i))
				continue;
			memcpy(s->counts + i * s->nthemes, counts,
			    s->nthemes * sizeof *counts);
			memcpy(s->incomplete + i * s->nthemes, inc, s->nthemes);
			atomic_store_explicit(&s->state[i], SCAN_DONE,
			    memory_order_release);
			atomic_fetch_add(&s->done, 1);
			filled++;
		}
	}
done:
	free(keys);
	free(p);
	free(counts);
	free(inc);
	fclose(f);
	return filled;
}

int
scan_save_cache(struct scan *s, const char *path)
{
	FILE		*f;
	char		*tmp, *dir, *slash;
	uint64_t	 v, rec[3];
	size_t		 i;
	int		 fd, saved;

	if (path == NULL) {
		errno = ENOENT;
		return -1;
	}
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		/* ~/.cache may not exist yet; make both levels. */
		if ((slash = strrchr(dir, '/')) != NULL) {
			*slash = '\0';
			mkdir(dir, 0700);
			*slash = '/';
		}
		mkdir(dir, 0700);
	}
	free(dir);
	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1 || (f = fdopen(fd, "wb")) == NULL) {
		saved = errno;
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		errno = saved;
		return -1;
	}
	fwrite(SCAN_MAGIC, 1, sizeof SCAN_MAGIC - 1, f);
	fwrite(&s->themes_hash, sizeof s->themes_hash, 1, f);
	v = s->nthemes;
	fwrite(&v, sizeof v, 1, f);
	for (i = 0; i < s->c->n; i++) {
		const struct article	*a = s->c->articles[i];

		if (scan_counts(s, i) == NULL || a->error != NULL)
			continue;
		v = strlen(a->path);
		rec[0] = (uint64_t)a->size;
		rec[1] = (uint64_t)a->mtime.tv_sec;
		rec[2] = (uint64_t)a->mtime.tv_nsec;
		fwrite(&v, sizeof v, 1, f);
		fwrite(a->path, 1, v, f);
		fwrite(rec, sizeof rec[0], 3, f);
		fwrite(s->counts + i * s->nthemes, sizeof *s->counts, s->nthemes, f);
		fwrite(s->incomplete + i * s->nthemes, 1, s->nthemes, f);
	}
	if (fflush(f) == EOF || ferror(f) || fsync(fileno(f)) == -1) {
		saved = errno;
		fclose(f);
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	if (fclose(f) == EOF || rename(tmp, path) == -1) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return 0;
}
