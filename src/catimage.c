/* The catalogue's image (catimage.h). One file, in the machine's byte order (the
   caches are the machine's), every part a multiple of eight bytes:

	head		struct catimage_head
	roots		nroots x struct catimage_str: the paths given
	folders		nfolders x struct catimage_dir
	articles	n x struct catimage_rec
	counts		n x nthemes scan_counts, then zeros to a multiple of eight
	incomplete	n x incstride bytes, likewise
	signatures	n x DUPS_SIGLEN bytes (dups.h)
	clusters	n x uint32_t, each article's cluster (DUPS_NONE:
			none), then n similarities to its first in hundredths,
			then zeros to a multiple of eight (all DUPS_NONE when
			none were made)
	strings		the paths and texts the others point into, likewise, then
			eight zeros
	sum		eight bytes: XXH3 (64 bits) of all before it

   Writing streams it (a million articles are two hundred megabytes). Reading reads
   the head, the roots and the folders, and makes the articles (two threads, each
   into an arena of its own) from the records and strings read a window at a time,
   while a third sums the file likewise: what was made is thrown away when the sum
   is wrong, and every offset is held against the part it points into before it
   is followed, so that a damaged file is never read out of bounds meanwhile. The
   sum's thread keeps the counts as it reads them, for the scan (scan_fill()). */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "cachedir.h"
#include "catimage.h"
#include "dups.h"
#include "file.h"
#include "halves.h"
#include "log.h"
#include "xmalloc.h"

#define CATIMAGE_MAGIC		"rubricI1"
#define CATIMAGE_VERSION	6	/* 3: the signatures; 4: the clusters;
					   5: XXH3; 6: linked */
#define CATIMAGE_STAT		0x01	/* looked at when taken: not a regular
					   file by its directory entry */
#define CATIMAGE_NAME		0x02	/* the name follows the path's NUL */

struct catimage_head {
	char		magic[8];
	uint64_t	version;
	uint64_t	config;
	int64_t		tag;
	uint64_t	n;
	uint64_t	nfolders;
	uint64_t	nroots;
	uint64_t	nthemes;
	uint64_t	incstride;
	uint64_t	nbinary;
	uint64_t	nerrors;
	uint64_t	strings;	/* bytes of strings, padded, and 8 zeros: a
					   text that starts in them ends in them */
	uint64_t	arena;		/* bytes the articles take (article_place) */
	double		threshold;	/* the clusters' duplicate_threshold */
	uint64_t	clustered;	/* 1: the clusters were made */
	uint64_t	linked;		/* the corpus's: folders walked through a
					   link */
};

struct catimage_str {
	uint64_t	off;
	uint64_t	len;
};

struct catimage_dir {
	uint64_t	path;		/* offset in the strings */
	uint64_t	plen;
	int64_t		stamp[6];	/* mtime and ctime (s, ns), inode, device */
};

struct catimage_rec {
	uint64_t	path;		/* offset in the strings, NUL after */
	uint64_t	texts;		/* offset in the strings */
	uint32_t	plen;
	uint32_t	nlen;		/* the name: the path's end, or CATIMAGE_NAME */
	uint32_t	tlen;
	uint32_t	flags;
	uint32_t	title;		/* offsets in the texts; CATIMAGE_NONE: none */
	uint32_t	error;
	int64_t		stamp[ARTICLE_STAMPLEN];
};
#define CATIMAGE_NONE	UINT32_MAX

struct catimage {
	int				 fd;	/* kept for scan_fill() */
	size_t				 len;
	/* The head, the roots and the folders, read at open, and the first
	   hstrlen bytes of the strings, which hold the roots' and folders' paths:
	   what is checked is what is used, whatever is written over the file
	   meanwhile, and no map of it can fault when it is cut short. */
	struct catimage_head		 head;
	const struct catimage_head	*h;
	struct catimage_str		*roots;
	struct catimage_dir		*dirs;
	char				*hstr;
	size_t				 hstrlen;
	/* Where the other parts are in the file. */
	uint64_t			 recoff, countsoff, incoff, sigoff,
					 clusteroff, stroff;
	/* The counts and the incomplete bits as the checksum read them
	   (catimage_check()): the scan takes them (catimage_counts()). */
	unsigned char			*fill;
	size_t				 filllen;
	uint64_t			 sum;	/* the checksum, once
						   catimage_corpus() found
						   it right; 0 until then */
	struct stat			 st;	/* the file's at open */
};

/* The checksum: XXH3 (libxxhash) of every byte before it. It is read at each
   start, 230 MB at a million articles, on a thread beside the two that make the
   articles on two cores: at a few GB/s it took as much as one of them, at XXH3's
   tens it takes little. It is there against accidents (a torn copy, a bad disk),
   not against a hand that writes a new one. */
static XXH3_state_t *
catimage_sum_new(void)
{
	XXH3_state_t	*s;

	if ((s = XXH3_createState()) == NULL)
		fatal("out of memory allocating a checksum's state");
	XXH3_64bits_reset(s);
	return s;
}

uint64_t
catimage_config(const struct config *cfg)
{
	uint64_t	 h = CACHEDIR_FNV_BASIS, v[4];
	size_t		 i;

	for (i = 0; i < cfg->nextensions; i++)
		h = cachedir_fnv(h, cfg->extensions[i], strlen(cfg->extensions[i]) + 1);
	v[0] = chrome_fingerprint(cfg->chrome);
	v[1] = scan_hash_themes(cfg);
	v[2] = cfg->nthemes;
	/* Whether the signatures were made, and how (not the threshold: the
	   clusters are made from them each time). */
	v[3] = cfg->duplicate_threshold > 0 ? DUPS_SIGN_VERSION : 0;
	return cachedir_fnv(h, v, sizeof v);
}

/* The writer: a stream, its checksum and what it has written. */
struct catimage_out {
	FILE			*f;
	XXH3_state_t		*sum;
	uint64_t		 at;
};

static void
catimage_put(struct catimage_out *o, const void *p, size_t n)
{
	fwrite(p, 1, n, o->f);
	o->at += n;
	XXH3_64bits_update(o->sum, p, n);
}

/* Zeros up to the next multiple of eight. */
static void
catimage_pad(struct catimage_out *o)
{
	static const unsigned char	 zero[8];

	if (o->at % 8 != 0)
		catimage_put(o, zero, 8 - o->at % 8);
}

static uint64_t
catimage_pad8(uint64_t n)
{
	return (n + 7) & ~(uint64_t)7;
}

/* Whether a stamp names a time within the clock's tick of now: one a second write
   could leave as it is. */
static int
catimage_racy(const struct stat *st)
{
	return cachedir_racy(&st->st_mtim, &st->st_ctim);
}

int
catimage_save(const char *path, const struct catimage_key *key,
    const struct corpus *c, const struct scan *s, const struct dups *dd)
{
	struct catimage_head	 h;
	struct catimage_out	 o;
	struct catimage_str	 r;
	struct catimage_dir	 d;
	struct catimage_rec	 rec;
	struct file_stage	 st;
	struct scan_sigwalk	 sw = SCAN_SIGWALK_INIT;
	const uint8_t		*inc;
	const char		*texts;
	uint8_t			*zero;
	uint64_t		 at = 0, sum;
	size_t			 i, tlen, plen, nlen, stride;

	if (path == NULL || key->tag == -1 || c->regular == NULL)
		return -1;
	for (i = 0; i < c->nfolders; i++)
		if (catimage_racy(&c->folders[i].st))
			return -1;
	for (i = 0; i < c->n; i++) {
		const struct article	*a = c->articles[i];
		int64_t			 stamp[ARTICLE_STAMPLEN];

		/* A file that could not be read, and so has no stamp, may be
		   readable by the next command with no folder changed; a stamp
		   within the clock's tick is not one to go by. */
		article_stamp(a, stamp);
		if (stamp[5] == 0 || !article_stamp_sure(a) || article_racy(a) ||
		    strlen(a->path) > UINT32_MAX / 2 || scan_counts(s, i) == NULL)
			return -1;
	}
	memset(&h, 0, sizeof h);
	memcpy(h.magic, CATIMAGE_MAGIC, 8);
	h.version = CATIMAGE_VERSION;
	h.config = key->config;
	h.tag = key->tag;
	h.n = c->n;
	h.nfolders = c->nfolders;
	h.nroots = key->nroots;
	h.nbinary = c->nbinary;
	h.nerrors = c->nerrors;
	h.nthemes = key->nthemes;
	h.incstride = (h.nthemes + 7) / 8;
	h.linked = c->linked;
	stride = (size_t)h.incstride;
	if (dd != NULL && dups_narticles(dd) == c->n && dups_current(dd, s)) {
		h.clustered = 1;
		h.threshold = dups_threshold(dd);
	}
	/* The strings' length first: the head says it. */
	for (i = 0; i < key->nroots; i++)
		at += catimage_pad8(strlen(key->roots[i]) + 1);
	for (i = 0; i < c->nfolders; i++)
		at += catimage_pad8(strlen(c->folders[i].path) + 1);
	for (i = 0; i < c->n; i++) {
		const struct article	*a = c->articles[i];

		plen = strlen(a->path);
		nlen = strlen(a->name);
		at += plen + 1;
		if (nlen > plen || strcmp(a->path + plen - nlen, a->name) != 0)
			at += nlen + 1;
		article_texts_block(a, &tlen);
		at += tlen;
		at = catimage_pad8(at);
		h.arena += article_place_size(plen, nlen > plen ||
		    strcmp(a->path + plen - nlen, a->name) != 0 ? a->name : NULL,
		    nlen, tlen);
	}
	h.strings = at + 8;

	file_sweep(path, FILE_STALE);
	if (file_stage_open(&st, path, 0600) == -1)
		return -1;
	memset(&o, 0, sizeof o);
	if ((o.f = file_stage_stream(&st)) == NULL) {
		file_stage_abandon(&st);
		return -1;
	}
	o.sum = catimage_sum_new();
	catimage_put(&o, &h, sizeof h);
	/* Offsets into the strings, laid out in the order they are written below. */
	at = 0;
	for (i = 0; i < key->nroots; i++) {
		r.off = at;
		r.len = strlen(key->roots[i]);
		catimage_put(&o, &r, sizeof r);
		at += catimage_pad8(r.len + 1);
	}
	for (i = 0; i < c->nfolders; i++) {
		const struct stat	*fs = &c->folders[i].st;

		memset(&d, 0, sizeof d);
		d.path = at;
		d.plen = strlen(c->folders[i].path);
		d.stamp[0] = (int64_t)fs->st_mtim.tv_sec;
		d.stamp[1] = (int64_t)fs->st_mtim.tv_nsec;
		d.stamp[2] = (int64_t)fs->st_ctim.tv_sec;
		d.stamp[3] = (int64_t)fs->st_ctim.tv_nsec;
		d.stamp[4] = (int64_t)fs->st_ino;
		d.stamp[5] = (int64_t)fs->st_dev;
		catimage_put(&o, &d, sizeof d);
		at += catimage_pad8(d.plen + 1);
	}
	for (i = 0; i < c->n; i++) {
		const struct article	*a = c->articles[i];

		memset(&rec, 0, sizeof rec);
		plen = strlen(a->path);
		nlen = strlen(a->name);
		rec.path = at;
		rec.plen = (uint32_t)plen;
		rec.nlen = (uint32_t)nlen;
		at += plen + 1;
		if (nlen > plen || strcmp(a->path + plen - nlen, a->name) != 0) {
			rec.flags |= CATIMAGE_NAME;
			at += nlen + 1;
		}
		texts = article_texts_block(a, &tlen);
		rec.texts = at;
		rec.tlen = (uint32_t)tlen;
		rec.title = a->title != NULL ? (uint32_t)(a->title - texts) :
		    CATIMAGE_NONE;
		rec.error = a->error != NULL ? (uint32_t)(a->error - texts) :
		    CATIMAGE_NONE;
		at = catimage_pad8(at + tlen);
		if (!c->regular[i])
			rec.flags |= CATIMAGE_STAT;
		article_stamp(a, rec.stamp);
		catimage_put(&o, &rec, sizeof rec);
	}
	for (i = 0; i < c->n; i++)
		catimage_put(&o, scan_counts(s, i), (size_t)h.nthemes *
		    sizeof(scan_count));
	catimage_pad(&o);
	zero = xcalloc(stride + 1, 1);
	for (i = 0; i < c->n; i++) {
		inc = scan_incomplete_bits(s, i);
		catimage_put(&o, inc != NULL ? inc : zero, stride);
	}
	free(zero);
	catimage_pad(&o);
	_Static_assert(DUPS_SIGLEN % 8 == 0, "the signatures keep the parts aligned");
	/* Those the scan cache or the image this run took gave are read from
	   their file a window at a time, not held (scan_sigwalk()). */
	for (i = 0; i < c->n; i++)
		catimage_put(&o, scan_sigwalk(s, &sw, i), DUPS_SIGLEN);
	scan_sigwalk_end(&sw);
	/* The clusters, so that the next start takes them without the
	   signatures (32 MB at a million) or the making
	   (scan_image_clusters()). */
	for (i = 0; i < c->n; i++) {
		uint32_t	 k = DUPS_NONE;

		if (h.clustered)
			k = dups_cluster(dd, i);
		catimage_put(&o, &k, sizeof k);
	}
	for (i = 0; i < c->n; i++) {
		uint8_t	 sim = 0;

		if (h.clustered)
			sim = (uint8_t)dups_similarity_first(dd, i);
		catimage_put(&o, &sim, 1);
	}
	catimage_pad(&o);
	for (i = 0; i < key->nroots; i++) {
		catimage_put(&o, key->roots[i], strlen(key->roots[i]) + 1);
		catimage_pad(&o);
	}
	for (i = 0; i < c->nfolders; i++) {
		catimage_put(&o, c->folders[i].path, strlen(c->folders[i].path) + 1);
		catimage_pad(&o);
	}
	for (i = 0; i < c->n; i++) {
		const struct article	*a = c->articles[i];

		plen = strlen(a->path);
		nlen = strlen(a->name);
		catimage_put(&o, a->path, plen + 1);
		if (nlen > plen || strcmp(a->path + plen - nlen, a->name) != 0)
			catimage_put(&o, a->name, nlen + 1);
		texts = article_texts_block(a, &tlen);
		if (tlen > 0)
			catimage_put(&o, texts, tlen);
		catimage_pad(&o);
	}
	catimage_put(&o, "\0\0\0\0\0\0\0", 8);
	sum = XXH3_64bits_digest(o.sum);
	XXH3_freeState(o.sum);
	fwrite(&sum, sizeof sum, 1, o.f);
	if (ferror(o.f)) {
		file_stage_abandon(&st);
		return -1;
	}
	if (file_stage_commit(&st) == -1)
		return -1;
	log_debug("catimage: %zu articles and %zu folders imaged", c->n,
	    c->nfolders);
	return 0;
}

/* Whether [off, off + len) lies within a part of size total. */
static int
catimage_within(uint64_t off, uint64_t len, uint64_t total)
{
	return off <= total && len <= total - off;
}

/* The n bytes at off in the strings read at open, with a NUL after them and none
   inside, or NULL when they do not lie there: a root or a folder, compared and
   stat()ed before the checksum is known. */
static const char *
catimage_str(const struct catimage *ci, uint64_t off, uint64_t n)
{
	const char	*s;

	if (n == UINT64_MAX || !catimage_within(off, n + 1, ci->hstrlen) ||
	    ci->hstr[off + n] != '\0')
		return NULL;
	s = ci->hstr + off;
	return memchr(s, '\0', (size_t)n) == NULL ? s : NULL;
}

/* What the articles' making and the checksum read at once. */
#define CATIMAGE_WINDOW	((size_t)4 << 20)

/* Reads n bytes at off of the image's file into buf: 0, or -1 when they are not
   all there. Every part of the image is read so, never mapped: the articles'
   making and the checksum into windows they use again. In a virtual machine
   the first touch of each page mapped costs microseconds, a quarter of a second
   over a million articles' image, where a copy from the page cache costs tens
   of milliseconds; the pages read do not count in the process's memory beside
   the articles; and a file cut short under a reader fails a read, where under
   a map it is a SIGBUS. */
static int
catimage_read(const struct catimage *ci, void *buf, size_t n, uint64_t off)
{
	char	*p = buf;
	ssize_t	 got;

	while (n > 0) {
		if ((got = pread(ci->fd, p, n, (off_t)off)) <= 0) {
			if (got == -1 && errno == EINTR)
				continue;
			return -1;
		}
		p += got;
		n -= (size_t)got;
		off += (uint64_t)got;
	}
	return 0;
}

/* The end of the n bytes at off and the NUL after them in the strings, or 0 when
   they do not lie there. */
static uint64_t
catimage_end(const struct catimage *ci, uint64_t off, uint64_t n)
{
	if (n == UINT64_MAX || !catimage_within(off, n + 1, ci->h->strings))
		return 0;
	return off + n + 1;
}

/* Folders [lo, hi) of the image held against the folders as they are now, on a
   thread of catimage_open()'s: bad is set when one is not as it was. */
struct catimage_dirs {
	const struct catimage	*ci;
	size_t			 lo, hi;
	int			 bad;
};

static void *
catimage_dirs_part(void *arg)
{
	struct catimage_dirs		*w = arg;
	const struct catimage_dir	*d;
	const char			*s;
	struct stat			 now;
	size_t				 i;

	for (i = w->lo; i < w->hi && !w->bad; i++) {
		d = &w->ci->dirs[i];
		if ((s = catimage_str(w->ci, d->path, d->plen)) == NULL ||
		    stat(s, &now) == -1 || !S_ISDIR(now.st_mode) ||
		    (int64_t)now.st_mtim.tv_sec != d->stamp[0] ||
		    (int64_t)now.st_mtim.tv_nsec != d->stamp[1] ||
		    (int64_t)now.st_ctim.tv_sec != d->stamp[2] ||
		    (int64_t)now.st_ctim.tv_nsec != d->stamp[3] ||
		    (int64_t)now.st_ino != d->stamp[4] ||
		    (int64_t)now.st_dev != d->stamp[5])
			w->bad = 1;
	}
	return NULL;
}

struct catimage *
catimage_open(const char *path, const struct catimage_key *key)
{
	struct catimage_dirs		 w[2];
	struct catimage			*ci;
	const struct catimage_head	*h;
	struct stat			 st;
	uint64_t			 need, part, end, e;
	unsigned char			 guard[8];
	const char			*s;
	size_t				 i;
	int				 fd;

	if (path == NULL || key->tag == -1)
		return NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < sizeof *h + 8 || st.st_size % 8 != 0 ||
	    (uint64_t)st.st_size > SIZE_MAX / 2) {
		close(fd);
		return NULL;
	}
	ci = xcalloc(1, sizeof *ci);
	ci->fd = fd;
	ci->st = st;
	ci->len = (size_t)st.st_size;
	ci->h = h = &ci->head;
	if (catimage_read(ci, &ci->head, sizeof ci->head, 0) == -1 ||
	    memcmp(h->magic, CATIMAGE_MAGIC, 8) != 0 ||
	    h->version != CATIMAGE_VERSION || h->config != key->config ||
	    h->tag != key->tag || h->nroots != key->nroots ||
	    h->nthemes != key->nthemes ||
	    h->incstride != (h->nthemes + 7) / 8 || h->nthemes > 65536 ||
	    h->strings % 8 != 0)
		goto bad;
	/* The parts' sizes, none of which may overflow: each count is first held
	   against the file's size. */
	need = sizeof *h;
	if (h->nroots > ci->len / sizeof *ci->roots ||
	    h->nfolders > ci->len / sizeof *ci->dirs ||
	    h->n > ci->len / sizeof(struct catimage_rec))
		goto bad;
	need += h->nroots * sizeof *ci->roots + h->nfolders * sizeof *ci->dirs +
	    h->n * sizeof(struct catimage_rec);
	part = catimage_pad8(h->n * h->nthemes * sizeof(scan_count));
	if (h->nthemes > 0 && part / h->nthemes / sizeof(scan_count) < h->n)
		goto bad;
	need += part;
	need += catimage_pad8(h->n * h->incstride);
	need += h->n * DUPS_SIGLEN;
	need += catimage_pad8(h->n * (sizeof(uint32_t) + 1));
	if (h->clustered > 1)
		goto bad;
	if (h->strings > ci->len || need > ci->len - h->strings - 8 ||
	    need + h->strings + 8 != ci->len)
		goto bad;
	ci->recoff = sizeof *h + h->nroots * sizeof *ci->roots + h->nfolders *
	    sizeof *ci->dirs;
	ci->countsoff = ci->recoff + h->n * sizeof(struct catimage_rec);
	ci->incoff = ci->countsoff + catimage_pad8(h->n * h->nthemes *
	    sizeof(scan_count));
	ci->sigoff = ci->incoff + catimage_pad8(h->n * h->incstride);
	ci->clusteroff = ci->sigoff + h->n * DUPS_SIGLEN;
	ci->stroff = ci->clusteroff + catimage_pad8(h->n * (sizeof(uint32_t) + 1));
	/* The guard: whatever text begins in the strings ends in them. The rest of
	   the file is checked by its checksum beside the articles' making
	   (catimage_corpus()); until then every offset is held against its part. */
	if (h->strings < 8 || catimage_read(ci, guard, sizeof guard, ci->stroff +
	    h->strings - 8) == -1 || memcmp(guard, "\0\0\0\0\0\0\0\0", 8) != 0 ||
	    h->arena > SIZE_MAX / 2)
		goto bad;
	/* The arena is mapped and filled whole before a record is read: an article
	   takes its struct, some padding and bytes the strings hold, so a larger
	   one is damage that would otherwise take memory by the gigabyte. */
	if (h->arena > h->n * (article_place_size(0, NULL, 0, 0) + 8) +
	    h->strings)
		goto bad;
	/* The roots and the folders, and the strings as far as their paths go:
	   they are written first. */
	ci->roots = xreallocarray(NULL, h->nroots + 1, sizeof *ci->roots);
	ci->dirs = xreallocarray(NULL, h->nfolders + 1, sizeof *ci->dirs);
	if (catimage_read(ci, ci->roots, h->nroots * sizeof *ci->roots,
	    sizeof *h) == -1 || catimage_read(ci, ci->dirs, h->nfolders *
	    sizeof *ci->dirs, sizeof *h + h->nroots * sizeof *ci->roots) == -1)
		goto bad;
	end = 0;
	for (i = 0; i < h->nroots; i++) {
		if ((e = catimage_end(ci, ci->roots[i].off, ci->roots[i].len)) == 0)
			goto bad;
		end = e > end ? e : end;
	}
	for (i = 0; i < h->nfolders; i++) {
		if ((e = catimage_end(ci, ci->dirs[i].path, ci->dirs[i].plen)) == 0)
			goto bad;
		end = e > end ? e : end;
	}
	ci->hstrlen = (size_t)end;
	ci->hstr = xmalloc(ci->hstrlen + 1);
	if (catimage_read(ci, ci->hstr, ci->hstrlen, ci->stroff) == -1)
		goto bad;
	/* Made for these paths, as given. */
	for (i = 0; i < h->nroots; i++)
		if ((s = catimage_str(ci, ci->roots[i].off, ci->roots[i].len)) == NULL ||
		    strcmp(s, key->roots[i]) != 0)
			goto bad;
	/* And every folder as it was: a file made, removed or renamed in one
	   changes its times. Two halves on two threads: a stat() costs
	   microseconds, and a million articles are in 5,000 folders. */
	w[0].ci = w[1].ci = ci;
	w[0].lo = 0;
	w[0].hi = w[1].lo = (size_t)h->nfolders / 2;
	w[1].hi = (size_t)h->nfolders;
	w[0].bad = w[1].bad = 0;
	halves_run(catimage_dirs_part, &w[0], &w[1], h->nfolders < 256 ? 0 :
	    HALVES_MIN);
	if (w[0].bad || w[1].bad) {
		log_debug("catimage: a folder changed: not taken");
		goto bad;
	}
	return ci;

bad:
	catimage_close(ci);
	return NULL;
}

/* The checksum of the whole file, on a thread of its own beside the articles'
   making; the pages it has read are handed back behind it. */
struct catimage_check {
	const struct catimage	*ci;
	int			 ok;
	uint64_t		 sum;	/* the file's, when ok */
};

static void *
catimage_check(void *arg)
{
	struct catimage_check	*k = arg;
	const struct catimage	*ci = k->ci;
	XXH3_state_t		*sum = catimage_sum_new();
	unsigned char		*buf = xmap(CATIMAGE_WINDOW);
	uint64_t		 stored = 0;
	size_t			 i, part;

	uint64_t		 lo, hi;

	k->ok = 1;
	for (i = 0; i < ci->len - 8 && k->ok; i += CATIMAGE_WINDOW) {
		part = ci->len - 8 - i < CATIMAGE_WINDOW ? ci->len - 8 - i :
		    CATIMAGE_WINDOW;
		if (catimage_read(ci, buf, part, i) == -1) {
			k->ok = 0;
			break;
		}
		XXH3_64bits_update(sum, buf, part);
		/* The counts, as they are summed: the scan's are the ones the
		   sum vouches for, whatever is written over the file later. */
		lo = i > ci->countsoff ? i : ci->countsoff;
		hi = i + part < ci->countsoff + ci->filllen ? i + part :
		    ci->countsoff + ci->filllen;
		if (ci->fill != NULL && lo < hi)
			memcpy(ci->fill + (lo - ci->countsoff), buf + (lo - i),
			    (size_t)(hi - lo));
	}
	k->ok = k->ok && catimage_read(ci, &stored, sizeof stored, ci->len - 8) ==
	    0 && stored == XXH3_64bits_digest(sum);
	k->sum = k->ok ? stored : 0;
	XXH3_freeState(sum);
	xunmap(buf, CATIMAGE_WINDOW);
	return NULL;
}

/* The articles [lo, hi) made in an arena of their own, on a thread of their own;
   bad is set when a record does not hold together or a file looked at changed.
   The records and the strings are read a window at a time (catimage_read()). */
struct catimage_part {
	const struct catimage	*ci;
	struct corpus		*c;
	char			*arena;
	size_t			 lo, hi, at, end;
	int			 bad;
};

/* The records read at once, 4 MB of them. */
#define CATIMAGE_RECS	(CATIMAGE_WINDOW / sizeof(struct catimage_rec))

/* Where r's strings lie in the strings, [*lo, *hi): its path and the NUL after,
   its own name, its texts. 0 when they do not lie within. */
static int
catimage_span(const struct catimage *ci, const struct catimage_rec *r,
    uint64_t *lo, uint64_t *hi)
{
	uint64_t	 plen = (uint64_t)r->plen + 1;

	if (r->flags & CATIMAGE_NAME)
		plen += (uint64_t)r->nlen + 1;
	else if (r->nlen > r->plen)
		return 0;
	if (!catimage_within(r->path, plen, ci->h->strings) ||
	    !catimage_within(r->texts, r->tlen, ci->h->strings))
		return 0;
	*lo = r->path < r->texts ? r->path : r->texts;
	*hi = r->path + plen > r->texts + r->tlen ? r->path + plen :
	    r->texts + r->tlen;
	return 1;
}

/* Makes the article of record r, whose strings were read into sbuf from slo on. */
static int
catimage_make_one(struct catimage_part *w, size_t i,
    const struct catimage_rec *r, const char *sbuf, uint64_t slo)
{
	struct stat	 st;
	const char	*path = sbuf + (r->path - slo), *name = NULL, *texts;
	size_t		 size;

	if (path[r->plen] != '\0')
		return -1;
	if (r->flags & CATIMAGE_NAME) {
		name = path + r->plen + 1;
		if (name[r->nlen] != '\0')
			return -1;
	}
	/* The texts as a walk makes them, each ending in its block: a title or a
	   text after it read past the block's end would run into the next
	   article, or out of the arena. */
	texts = sbuf + (r->texts - slo);
	if (!article_texts_hold(texts, r->tlen, r->title == CATIMAGE_NONE ?
	    SIZE_MAX : r->title, r->error == CATIMAGE_NONE ? SIZE_MAX : r->error))
		return -1;
	size = article_place_size(r->plen, name, r->nlen, r->tlen);
	if (w->at > w->end || size > w->end - w->at)
		return -1;
	w->c->articles[i] = article_place(w->arena + w->at, path, r->plen, name,
	    r->nlen, texts, r->tlen, r->title == CATIMAGE_NONE ? SIZE_MAX :
	    r->title, r->error == CATIMAGE_NONE ? SIZE_MAX : r->error, r->stamp);
	w->at += size;
	w->c->regular[i] = (r->flags & CATIMAGE_STAT) == 0;
	/* Not a regular file by its entry (a link to one, say): what it points to
	   may have changed with no folder's times. */
	if ((r->flags & CATIMAGE_STAT) && (stat(w->c->articles[i]->path, &st) ==
	    -1 || !article_same(w->c->articles[i], &st)))
		return -1;
	return 0;
}

static void *
catimage_make(void *arg)
{
	struct catimage_part		*w = arg;
	const struct catimage		*ci = w->ci;
	struct catimage_rec		*recs;
	uint64_t			 recoff, stroff, lo, hi, slo, shi;
	char				*sbuf = NULL;
	size_t				 scap = 0, i, j, m, k;

	recs = xmap(CATIMAGE_RECS * sizeof *recs);
	recoff = ci->recoff;
	stroff = ci->stroff;
	for (i = w->lo; i < w->hi; i += k) {
		k = w->hi - i < CATIMAGE_RECS ? w->hi - i : CATIMAGE_RECS;
		if (catimage_read(ci, recs, k * sizeof *recs, recoff + i *
		    sizeof *recs) == -1)
			goto bad;
		/* The strings behind the records, a window at a time: they are
		   in the records' order, so a window is a few megabytes. */
		for (j = 0; j < k; j = m) {
			if (!catimage_span(ci, &recs[j], &slo, &shi))
				goto bad;
			for (m = j + 1; m < k; m++) {
				if (!catimage_span(ci, &recs[m], &lo, &hi))
					goto bad;
				lo = lo < slo ? lo : slo;
				hi = hi > shi ? hi : shi;
				if (hi - lo > CATIMAGE_WINDOW)
					break;
				slo = lo;
				shi = hi;
			}
			if (shi - slo > scap) {
				xunmap(sbuf, scap);
				scap = shi - slo > CATIMAGE_WINDOW ?
				    (size_t)(shi - slo) : CATIMAGE_WINDOW;
				sbuf = xmap(scap);
			}
			if (catimage_read(ci, sbuf, (size_t)(shi - slo), stroff +
			    slo) == -1)
				goto bad;
			for (; j < m; j++)
				if (catimage_make_one(w, i + j, &recs[j], sbuf,
				    slo) == -1)
					goto bad;
		}
	}
	xunmap(sbuf, scap);
	xunmap(recs, CATIMAGE_RECS * sizeof *recs);
	return NULL;
bad:
	xunmap(sbuf, scap);
	xunmap(recs, CATIMAGE_RECS * sizeof *recs);
	w->bad = 1;
	return NULL;
}

/* The articles' memory: an arena for each of the two threads that fill them, each
   mapped as large as the whole (the pages not written take nothing), so that
   neither waits for the other's sizes. In huge pages where the kernel has them
   (MADV_HUGEPAGE), so that a thread takes a fault for each 2 MB, not each 4 kB:
   at a million articles, 0.13 s to take the image became 0.08 s. */
struct catimage_arena {
	char	*p[2];
	size_t	 len;
};

/* Lets the articles go: the corpus's release. */
static void
catimage_release(void *arg)
{
	struct catimage_arena	*a = arg;
	int			 j;

	for (j = 0; j < 2; j++)
		if (a->p[j] != NULL) {
			article_unplaced(a->p[j]);
			munmap(a->p[j], a->len);
		}
	free(a);
}

/* What the walk would have told of the folders and the files' entries, so that the
   image can be made again from a corpus taken from it: the screen's, once its
   verifier has found a file written over in place. The folders' stamps are the
   ones catimage_open() held against each folder. */
static void
catimage_walk(const struct catimage *ci, struct corpus *c)
{
	const struct catimage_dir	*d;
	size_t				 i;

	c->folders = xcalloc(ci->h->nfolders + 1, sizeof *c->folders);
	for (i = 0; i < ci->h->nfolders; i++) {
		d = &ci->dirs[i];
		/* Each was held and stat()ed by catimage_open(). */
		c->folders[i].path = xstrndup(catimage_str(ci, d->path, d->plen),
		    (size_t)d->plen);
		c->folders[i].st.st_mode = S_IFDIR;
		c->folders[i].st.st_mtim.tv_sec = (time_t)d->stamp[0];
		c->folders[i].st.st_mtim.tv_nsec = (long)d->stamp[1];
		c->folders[i].st.st_ctim.tv_sec = (time_t)d->stamp[2];
		c->folders[i].st.st_ctim.tv_nsec = (long)d->stamp[3];
		c->folders[i].st.st_ino = (ino_t)d->stamp[4];
		c->folders[i].st.st_dev = (dev_t)d->stamp[5];
	}
	c->nfolders = (size_t)ci->h->nfolders;
}

int
catimage_corpus(struct catimage *ci, struct corpus *c)
{
	struct catimage_check	 k;
	struct catimage_part	 w[2];
	struct catimage_arena	*a;
	struct stat		 now;
	pthread_t		 t[2];
	size_t			 n = (size_t)ci->h->n;
	int			 started[2], j;

	a = xcalloc(1, sizeof *a);
	/* Whole huge pages, which the kernel maps at a 2 MB boundary: else the
	   arena's first and last 2 MB are in small pages, a fault for each 4 kB. */
	a->len = ((size_t)ci->h->arena + 8 + ((size_t)2 << 20) - 1) &
	    ~(((size_t)2 << 20) - 1);
	for (j = 0; j < 2; j++) {
		a->p[j] = mmap(NULL, a->len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		    MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (a->p[j] == MAP_FAILED) {
			a->p[j] = NULL;
			catimage_release(a);
			return -1;
		}
		(void)madvise(a->p[j], a->len, MADV_HUGEPAGE);
		if (article_placed(a->p[j], a->p[j] + a->len) == -1) {
			catimage_release(a);
			return -1;
		}
	}
	memset(c, 0, sizeof *c);
	c->articles = xmalloc_filled(n + 1, sizeof *c->articles);
	c->articles[n] = NULL;
	c->regular = xmalloc_filled(n + 1, 1);
	c->n = n;
	ci->filllen = (size_t)(ci->incoff - ci->countsoff) + n *
	    (size_t)ci->h->incstride;
	if (ci->fill == NULL && ci->filllen > 0)
		ci->fill = xmap(ci->filllen);
	memset(w, 0, sizeof w);
	for (j = 0; j < 2; j++) {
		w[j].ci = ci;
		w[j].c = c;
		w[j].arena = a->p[j];
		w[j].end = (size_t)ci->h->arena;
		w[j].lo = j == 0 ? 0 : n / 2;
		w[j].hi = j == 0 ? n / 2 : n;
	}
	k.ci = ci;
	k.ok = 0;
	started[0] = pthread_create(&t[0], NULL, catimage_check, &k) == 0;
	started[1] = pthread_create(&t[1], NULL, catimage_make, &w[1]) == 0;
	catimage_make(&w[0]);
	if (!started[1])
		catimage_make(&w[1]);
	if (!started[0])
		catimage_check(&k);
	for (j = 0; j < 2; j++)
		if (started[j])
			pthread_join(t[j], NULL);
	/* Every byte of arena the head says taken, no more and no less; and the
	   file as it was opened: the sum and the articles were read apart, and
	   a file written in place meanwhile (rubric renames a new one over)
	   could give them from two images. */
	if (w[0].bad || w[1].bad || !k.ok || w[0].at > (size_t)ci->h->arena ||
	    w[0].at + w[1].at != (size_t)ci->h->arena ||
	    fstat(ci->fd, &now) == -1 || now.st_size != ci->st.st_size ||
	    now.st_ino != ci->st.st_ino ||
	    now.st_mtim.tv_sec != ci->st.st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != ci->st.st_mtim.tv_nsec ||
	    now.st_ctim.tv_sec != ci->st.st_ctim.tv_sec ||
	    now.st_ctim.tv_nsec != ci->st.st_ctim.tv_nsec) {
		catimage_release(a);
		free(c->articles);
		free(c->regular);
		memset(c, 0, sizeof *c);
		return -1;
	}
	/* 0 says none: a file whose bytes sum to 0 goes by 1. None for a file
	   written within the clock's tick, whose stamp a write in place during
	   the reading could leave as it was: the sum names the corpus only when
	   the two were surely read from one file. */
	ci->sum = catimage_racy(&ci->st) ? 0 : k.sum != 0 ? k.sum : 1;
	c->nbinary = (size_t)ci->h->nbinary;
	c->nerrors = (size_t)ci->h->nerrors;
	c->linked = (size_t)ci->h->linked;
	c->release = catimage_release;
	c->release_arg = a;
	catimage_walk(ci, c);
	return 0;
}

uint64_t
catimage_sum(const struct catimage *ci)
{
	return ci->sum;
}

void
catimage_counts(struct catimage *ci, struct scan *s)
{
	struct scan_image	 img;

	memset(&img, 0, sizeof img);
	img.fd = dup(ci->fd);
	if (img.fd != -1)
		(void)fcntl(img.fd, F_SETFD, FD_CLOEXEC);
	img.sigs = ci->sigoff;
	img.cluster = ci->clusteroff;
	img.threshold = ci->h->threshold;
	img.clustered = ci->h->clustered == 1;
	/* The copies the checksum made, taken by the scan. */
	img.fill = ci->fill;
	img.filllen = ci->filllen;
	img.incat = (size_t)(ci->incoff - ci->countsoff);
	ci->fill = NULL;
	scan_fill(s, &img);
}

void
catimage_close(struct catimage *ci)
{
	if (ci == NULL)
		return;
	xunmap(ci->fill, ci->filllen);
	free(ci->roots);
	free(ci->dirs);
	free(ci->hstr);
	close(ci->fd);
	free(ci);
}
