/* The catalog: the configuration, the corpus, its sidecar and the scan, opened together
   for the commands and the screen alike; the screen keeps its sidecar open through
   the session of catalog_session.c. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cachedir.h"
#include "canon.h"
#include "catalog.h"
#include "halves.h"
#include "catimage.h"
#include "dups.h"
#include "file.h"
#include "log.h"
#include "query.h"
#include "textindex.h"
#include "trust.h"
#include "xmalloc.h"

static int	catalog_image_take(struct catalog *, const char *const *, size_t,
		    enum catalog_how);
static void	catalog_image_keep(struct catalog *, int);
static void	catalog_scan_make(struct catalog *, int);

int
catalog_open(struct catalog *c, const char *extra, const char *sidecar,
    const char *const *paths, size_t npaths, enum catalog_how how, struct diag *d)
{
	return catalog_open_watched(c, extra, sidecar, paths, npaths, how, NULL, d);
}

/* A command's sidecar, read on a thread of its own while the corpus is made
   (catalog_open_watched()), into a sidecar of its own that is then moved into
   the catalog. A walk that fails or is stopped does not wait for it (a sidecar
   of a hundred megabytes takes a second or more): it leaves the load to the
   thread, which lets it go when done. done and left are under lock. */
struct catalog_sideload {
	pthread_mutex_t	 lock;
	int		 done, left;
	char		*path;
	struct sidecar	 side;
	struct diag	 d;
	int		 rc;
};

static void
catalog_sideload_free(struct catalog_sideload *l)
{
	sidecar_free(&l->side);
	diag_free(&l->d);
	free(l->path);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

static void *
catalog_sideload(void *arg)
{
	struct catalog_sideload	*l = arg;
	int			 left;

	l->rc = sidecar_load(&l->side, l->path, &l->d);
	pthread_mutex_lock(&l->lock);
	l->done = 1;
	left = l->left;
	pthread_mutex_unlock(&l->lock);
	if (left)
		catalog_sideload_free(l);
	return NULL;
}

/* Lets l go once its thread t (if started) is done, without waiting for it. */
static void
catalog_sideload_leave(struct catalog_sideload *l, pthread_t t, int started)
{
	int	 done = 1;

	if (started) {
		pthread_mutex_lock(&l->lock);
		l->left = 1;
		done = l->done;
		pthread_mutex_unlock(&l->lock);
		if (!done) {
			pthread_detach(t);
			return;
		}
		pthread_join(t, NULL);
	}
	catalog_sideload_free(l);
}

int
catalog_open_watched(struct catalog *c, const char *extra, const char *sidecar,
    const char *const *paths, size_t npaths, enum catalog_how how,
    const struct progress *p, struct diag *d)
{
	struct corpus_options	 opts;
	struct catalog_sideload	*load = NULL;
	struct diag		 trust;
	pthread_t		 loader;
	const char		*env;
	size_t			 i;
	int			 rc, loading = 0, trusted;

	memset(c, 0, sizeof *c);
	c->progress = p;
	sidecar_init(&c->side);
	c->config_extra = extra != NULL ? xstrdup(extra) : NULL;
	c->config_where = xstrdup(how == CATALOG_SESSION && sidecar != NULL ?
	    sidecar : paths[0]);
	if (config_layers(&c->config, extra, c->config_where, d) == -1)
		return -1;
	opts.extensions = (const char *const *)c->config.extensions;
	opts.nextensions = c->config.nextensions;
	opts.chrome = c->config.chrome;
	opts.heads = NULL;
	opts.provisional = how == CATALOG_SESSION;
	opts.trust_listed = how == CATALOG_COMMAND && c->config.check_folders;
	opts.progress = p;
	c->image_tag = -1;
	/* The roots as given, which the caches' keys name. */
	c->roots = xreallocarray(NULL, npaths, sizeof *c->roots);
	for (i = 0; i < npaths; i++)
		c->roots[i] = xstrdup(paths[i]);
	c->nroots = npaths;
	if ((env = getenv("RUBRIC_NO_HEADSTORE")) == NULL || *env == '\0') {
		c->heads_path = cachedir_file("heads-", paths, npaths, ".sqlite");
		if ((env = getenv("RUBRIC_NO_IMAGE")) == NULL || *env == '\0')
			c->image = cachedir_file("catalog-", paths, npaths, ".bin");
	}
	/* A sidecar found by walking up that the user should not trust is said
	   after the walk's messages, as a sidecar's own are; a command's is read on
	   a thread of its own while the corpus is made: at a million articles its
	   10,000 entries' 30 ms fit beside the image's folders, stat()ed one after
	   another. */
	c->side_path = catalog_sidecar_path(sidecar, paths, npaths);
	memset(&trust, 0, sizeof trust);
	trusted = sidecar != NULL || trust_found(c->side_path, "--sidecar",
	    DIAG_ERROR, &trust);
	if (trusted && how == CATALOG_COMMAND) {
		load = xcalloc(1, sizeof *load);
		pthread_mutex_init(&load->lock, NULL);
		load->path = xstrdup(c->side_path);
		sidecar_init(&load->side);
		if (!(loading = pthread_create(&loader, NULL, catalog_sideload,
		    load) == 0))
			catalog_sideload(load);
	}
	if (catalog_image_take(c, paths, npaths, how) == 0) {
		rc = 0;
		if (how == CATALOG_SESSION && c->heads_path != NULL)
			c->heads = headstore_open(c->heads_path,
			    chrome_fingerprint(c->config.chrome));
	} else {
		if (c->heads_path != NULL)
			opts.heads = headstore_open(c->heads_path,
			    chrome_fingerprint(c->config.chrome));
		rc = corpus_scan(&c->corpus, paths, npaths, &opts, d);
		c->image_tag = opts.heads != NULL ? headstore_tag(opts.heads) : -1;
		if (rc == -1 || how != CATALOG_SESSION)
			headstore_close(opts.heads);
		else
			c->heads = opts.heads;
	}
	if (rc == -1 || !trusted) {
		if (load != NULL)
			catalog_sideload_leave(load, loader, loading);
		if (rc == 0)
			diag_append(d, &trust);
		diag_free(&trust);
		return -1;
	}
	if (load != NULL) {
		if (loading)
			pthread_join(loader, NULL);
		diag_append(d, &load->d);
		rc = load->rc;
		/* Moved: nothing in a sidecar points back at it. */
		sidecar_free(&c->side);
		c->side = load->side;
		sidecar_init(&load->side);
		catalog_sideload_free(load);
		if (rc == -1)
			return -1;
	}
	log_mark("sidecar read");
	c->rel = catalog_relpaths(&c->corpus, (const char *const *)c->roots,
	    c->nroots, c->side_path, &c->rel_owned);
	log_mark("relative paths");
	/* A command goes over every article's entry, here and at least once more;
	   its corpus does not change after this. */
	if (how == CATALOG_COMMAND)
		catalog_entries(c);
	/* Tags follow a moved article here too, in memory: a listing shows them on
	   it, and a command that saves records the move. */
	if (how == CATALOG_COMMAND && catalog_moves(&c->corpus, c->rel, c->side_path,
	    &c->side, c->entries, &c->moves, &i) > 0)
		sidecar_apply(&c->side, &c->moves);
	return 0;
}

/* What the image is made for, and must be taken for. */
static void
catalog_image_key(const struct catalog *c, struct catimage_key *key, int64_t tag)
{
	key->roots = (const char *const *)c->roots;
	key->nroots = c->nroots;
	key->config = catimage_config(&c->config);
	key->tag = tag;
	key->nthemes = c->config.nthemes;
}

/* Takes the corpus and its counts from the image, when there is one that holds.
   Returns 0 if it did, -1 if the corpus is to be walked. The screen takes it as
   it is, since its verifier looks at every file behind the first screen; so does a
   command with check = folders, since it is what its walk would find. One with
   check = files takes it only when every file still has its stamp: the walk's
   answer too, without the head store's rows. */
static int
catalog_image_take(struct catalog *c, const char *const *paths, size_t npaths,
    enum catalog_how how)
{
	struct catimage_key	 key;
	struct catimage		*ci;

	if (c->image == NULL)
		return -1;
	catalog_image_key(c, &key, headstore_tag_of(c->heads_path));
	if ((ci = catimage_open(c->image, &key)) == NULL)
		return -1;
	log_mark("catimage: checked");
	if (catimage_corpus(ci, &c->corpus) == -1) {
		log_debug("catimage: damaged, or a file changed: not taken");
		catimage_close(ci);
		return -1;
	}
	log_mark("catimage: articles made");
	if (how == CATALOG_COMMAND && !c->config.check_folders &&
	    !corpus_unchanged(&c->corpus)) {
		log_debug("catimage: a file changed: not taken");
		catimage_close(ci);
		corpus_free(&c->corpus);
		return -1;
	}
	c->image_sum = catimage_sum(ci);
	c->image_whole = how == CATALOG_COMMAND && c->image_sum != 0;
	c->corpus.label = corpus_label(paths, npaths);
	/* A command counts nothing more: the signatures stay in the image, and
	   no file is made for those it would count (a fallocate() of 32 MB at a
	   million articles). The screen counts again what its verifier finds
	   changed, and everything at R. */
	catalog_scan_make(c, how != CATALOG_COMMAND);
	catimage_counts(ci, c->scan);
	c->cached = c->corpus.n;
	catimage_close(ci);
	c->image_done = c->image_taken = 1;
	c->image_tag = key.tag;
	log_debug("catimage: %zu articles taken", c->corpus.n);
	return 0;
}

/* Makes the image once the counts are in: the next command takes it. With
   cluster, the clusters go in with the counts, made now if this run has not yet:
   the next start, the screen's too, takes them as they are instead of the
   signatures and the making (scan_image_clusters()). Without, those made and
   current go in (catimage_save()), or none. */
static void
catalog_image_keep(struct catalog *c, int cluster)
{
	struct catimage_key	 key;

	if (c->image == NULL || c->image_done)
		return;
	c->image_done = 1;
	/* Written by another since its rows were read here: not what they are. */
	if (c->image_tag == -1 || headstore_tag_of(c->heads_path) != c->image_tag) {
		log_debug("catimage: not made: the head store is not as checked");
		return;
	}
	catalog_image_key(c, &key, c->image_tag);
	if (cluster && c->dups == NULL && c->config.duplicate_threshold > 0)
		c->dups = dups_build(&c->corpus, c->scan,
		    c->config.duplicate_threshold);
	if (catimage_save(c->image, &key, &c->corpus, c->scan, c->dups) == -1)
		log_debug("catimage: not made");
}

void
catalog_image_verified(struct catalog *c, size_t changed, int64_t tag)
{
	if (c->image == NULL || (c->image_done && changed == 0))
		return;
	if (c->scan == NULL || !scan_finished(c->scan)) {
		log_debug("catimage: not made: the counts are not all in");
		return;
	}
	/* Made under the tag the verifier left, which the store must still
	   have; the clusters are not made on the way out. */
	c->image_done = 0;
	c->image_tag = tag;
	catalog_image_keep(c, 0);
}

int
catalog_open_files(struct catalog *c, const char *sidecar, const char *where,
    struct diag *d)
{
	memset(c, 0, sizeof *c);
	sidecar_init(&c->side);
	return (c->side_path = catalog_sidecar_for(sidecar, where, d)) != NULL ? 0 : -1;
}

void
catalog_free(struct catalog *c)
{
	size_t	 i;

	if (c->scan != NULL)
		scan_free(c->scan);
	dups_free(c->dups);
	c->dups = NULL;
	textindex_close(c->text);
	headstore_close(c->heads);
	catalog_rel_free(&c->corpus, c->rel, c->rel_owned);
	for (i = 0; i < c->nroots; i++)
		free(c->roots[i]);
	free(c->roots);
	free(c->cache);
	free(c->config_extra);
	free(c->config_where);
	free(c->image);
	free(c->heads_path);
	free(c->entries);
	free(c->side_path);
	sidecar_ops_free(&c->moves);
	sidecar_ops_free(&c->session.pending);
	free(c->session.aside_path);
	sidecar_free(&c->side);
	corpus_free(&c->corpus);
	config_free(&c->config);
	memset(c, 0, sizeof *c);
}

int
catalog_config_read(struct catalog *c, struct config *cfg, struct diag *d)
{
	if (config_layers(cfg, c->config_extra, c->config_where, d) == -1) {
		config_free(cfg);
		return -1;
	}
	return 0;
}

void
catalog_scan_open(struct catalog *c)
{
	if (c->scan != NULL)
		return;
	catalog_scan_new(c);
	c->cached = scan_load_cache(c->scan, c->cache);
}

/* catalog_scan_new(), with the signatures in a file of their own when spill is
   set and the scan counts many. */
static void
catalog_scan_make(struct catalog *c, int spill)
{
	if (c->scan != NULL)
		return;
	c->scan = scan_new(&c->corpus, &c->config);
	c->cache = scan_cache_path((const char *const *)c->roots, c->nroots);
	if (spill)
		scan_spill(c->scan, c->cache, SCAN_SPILL_MIN, SCAN_SPILL_BLOCK);
}

void
catalog_scan_new(struct catalog *c)
{
	catalog_scan_make(c, 1);
}

int
catalog_scan(struct catalog *c)
{
	struct timespec	 tick = { 0, 100 * 1000 * 1000 };
	long		 cpus;
	int		 stopped = 0, wants, hold;

	catalog_scan_open(c);
	if (scan_finished(c->scan)) {
		/* The signatures read once for the clusters and the files that
		   keep them (scan_sigs_hold()), when any is to be made. */
		wants = scan_cache_wants(c->scan,
		    c->config.duplicate_threshold);
		hold = wants;
		if (hold)
			scan_sigs_hold(c->scan);
		catalog_image_keep(c, 1);
		/* A cache without the clusters (a screen's that quit before
		   they were made, a stopped count's) gets them, once. */
		if (wants) {
			if (c->dups == NULL)
				c->dups = dups_build(&c->corpus, c->scan,
				    c->config.duplicate_threshold);
			catalog_scan_save(c);
		}
		if (hold)
			scan_sigs_release(c->scan);
		return 0;
	}
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	scan_start(c->scan, cpus > 0 ? (int)cpus : 1);
	/* Watched ten times a second; what was counted when it is stopped is
	   saved all the same, for the next time. */
	while (c->progress != NULL) {
		if (progress_report(c->progress, scan_progress(c->scan),
		    c->corpus.n)) {
			scan_stop(c->scan);
			stopped = 1;
			break;
		}
		if (scan_finished(c->scan))
			break;
		nanosleep(&tick, NULL);
	}
	scan_wait(c->scan);
	/* The clusters made from what was counted go into the scan cache with
	   it, and into the image: the next start takes them as they are. The
	   signatures the cache gave are read once for the three. */
	scan_sigs_hold(c->scan);
	if (!stopped && c->dups == NULL && c->config.duplicate_threshold > 0)
		c->dups = dups_build(&c->corpus, c->scan,
		    c->config.duplicate_threshold);
	catalog_scan_save(c);
	if (!stopped)
		catalog_image_keep(c, 1);
	scan_sigs_release(c->scan);
	if (stopped)
		return -1;
	return 0;
}

size_t
catalog_unread(const struct catalog *c, const size_t *sel, size_t nsel)
{
	size_t	 k, n = 0;

	if (sel == NULL)
		nsel = c->corpus.n;
	for (k = 0; k < nsel; k++)
		n += c->corpus.articles[sel != NULL ? sel[k] : k]->error != NULL;
	return n;
}

struct scan *
catalog_scan_other(struct catalog *c, const struct config *cfg)
{
	struct timespec	 tick = { 0, 100 * 1000 * 1000 };
	struct scan	*s;
	char		*cache;
	long		 cpus;
	int		 stopped = 0;

	s = scan_new(&c->corpus, cfg);
	/* The cache holds for the themes it was counted under only: those of the
	   one configuration or the other, read, never written. */
	if ((cache = scan_cache_path((const char *const *)c->roots,
	    c->nroots)) != NULL)
		scan_load_cache(s, cache);
	free(cache);
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	scan_start(s, cpus > 0 ? (int)cpus : 1);
	while (c->progress != NULL && !scan_finished(s)) {
		if (progress_report(c->progress, scan_progress(s), c->corpus.n)) {
			scan_stop(s);
			stopped = 1;
			break;
		}
		nanosleep(&tick, NULL);
	}
	scan_wait(s);
	if (stopped) {
		scan_free(s);
		return NULL;
	}
	return s;
}

void
catalog_scan_save(struct catalog *c)
{
	/* A cache that cannot be written costs the next start time, nothing else. */
	if (c->scan != NULL && c->cache != NULL)
		scan_save_cache_with(c->scan, c->cache, c->dups);
}

/* Whether the table of entries was made under the sidecar as it is. */
static int
catalog_entries_hold(const struct catalog *c)
{
	return c->entries != NULL && c->entries_gen == c->side.generation &&
	    c->entries_v == (const void *)c->side.v && c->entries_n == c->side.n;
}

/* Entries of articles [lo, hi) of catalog_entries(), on a thread of their own: the
   sidecar's index is made before, and only read here. */
struct catalog_entpart {
	struct catalog	*c;
	size_t		 lo, hi;
};

static void *
catalog_entries_part(void *arg)
{
	struct catalog_entpart	*w = arg;
	struct catalog		*c = w->c;
	struct sidecar_entry	*e;
	const char		*rel;
	size_t			 i;

	for (i = w->lo; i < w->hi; i++) {
		rel = catalog_rel(c, i);
		c->entries[i] = rel != NULL && c->side.n > 0 &&
		    (e = sidecar_entry(&c->side, rel, 0)) != NULL ?
		    (int32_t)(e - c->side.v) : -1;
	}
	return NULL;
}

void
catalog_entries(struct catalog *c)
{
	struct catalog_entpart	 w[2];

	if (catalog_entries_hold(c) || c->side.n > INT32_MAX)
		return;
	if (c->entries == NULL)
		c->entries = xmalloc_filled(c->corpus.n + 1, sizeof *c->entries);
	/* A lookup made the index; the threads then only read it. */
	(void)sidecar_entry(&c->side, "", 0);
	w[0].c = w[1].c = c;
	w[0].lo = 0;
	w[0].hi = w[1].lo = c->corpus.n / 2;
	w[1].hi = c->corpus.n;
	halves_run(catalog_entries_part, &w[0], &w[1], c->corpus.n);
	c->entries_gen = c->side.generation;
	c->entries_v = c->side.v;
	c->entries_n = c->side.n;
}

struct sidecar_entry *
catalog_entry(struct catalog *c, size_t i)
{
	if (catalog_entries_hold(c))
		return c->entries[i] >= 0 ? &c->side.v[c->entries[i]] : NULL;
	return catalog_rel(c, i) != NULL ?
	    sidecar_entry(&c->side, catalog_rel(c, i), 0) : NULL;
}

const scan_count *catalog_counts(const struct catalog *c, size_t i)
{
	return c->scan != NULL ? scan_counts(c->scan, i) : NULL;
}

/* catalog_text(), with fresh as textindex_update() takes it. */
static void
catalog_text_fresh(struct catalog *c, struct query *q, int fresh,
    const struct progress *p)
{
	char	*path;

	if (c->text_state == 0) {
		c->text_state = -1;
		path = textindex_path((const char *const *)c->roots, c->nroots);
		c->text = textindex_open(path);
		free(path);
		log_mark("text index open");
	}
	/* The screen's corpus, walked at its start: when it is what a walk now
	   would give, the update takes it as fresh, and the snapshot answers, not
	   a million rows streamed and compared with a stat() each (6 s at a
	   million articles). With check = folders, when every folder is as it
	   was (10 ms), once the stamps are the files' (checked); else when every
	   file has its article's stamp (stat() on two threads, 1.7 s). */
	if (!fresh && c->text != NULL && c->config.check_folders && c->checked &&
	    corpus_folders_unchanged(&c->corpus)) {
		fresh = 1;
		log_mark("text index: every folder as it was");
	} else if (!fresh && c->text != NULL &&
	    corpus_unchanged_watched(&c->corpus, p)) {
		fresh = 1;
		log_mark("text index: every file as it was");
	}
	if (c->text != NULL)
		textindex_whole(c->text, c->image_whole ? c->image_sum : 0);
	/* Every time, since a file may change between two queries of the screen;
	   stopped, the index still answers: what it did not reach is read. */
	if (c->text != NULL && textindex_update(c->text, &c->corpus, fresh, p) == -1) {
		textindex_close(c->text);
		c->text = NULL;
	}
	log_mark("text index checked");
	query_index(q, c->text, c->corpus.n);
	log_mark("text index asked");
}

void
catalog_text(struct catalog *c, struct query *q, const struct progress *p)
{
	/* The screen's corpus was walked at its start: files are looked at again. */
	catalog_text_fresh(c, q, 0, p);
}

struct dups *
catalog_dups(struct catalog *c)
{
	/* catalog_scan() may have made them, for the image. */
	if (c->dups != NULL || catalog_scan(c) != 0 || c->dups != NULL)
		return c->dups;
	c->dups = dups_build(&c->corpus, c->scan, c->config.duplicate_threshold);
	/* An image whose clusters are another threshold's gets these, once, as
	   the scan cache does (scan_cache_wants()): the next command takes them
	   as they are. */
	if (c->image_taken && !dups_kept(c->dups)) {
		c->image_done = 0;
		catalog_image_keep(c, 1);
	}
	return c->dups;
}

size_t
catalog_select(struct catalog *c, struct query *q, size_t *out,
    struct catalog_undecided *und, size_t *nund)
{
	struct query_subject	 sub;
	enum query_answer	 r;
	size_t			 i, n = 0;

	*nund = 0;
	if (q != NULL && (query_needs(q) & QUERY_NEEDS_COUNTS) &&
	    catalog_scan(c) == -1)
		return 0;
	if (q != NULL && (query_needs(q) & QUERY_NEEDS_DUPS) &&
	    catalog_dups(c) == NULL)
		return 0;
	if (q != NULL && (query_needs(q) & QUERY_NEEDS_BODY))
		catalog_text_fresh(c, q, 1, c->text_progress);
	for (i = 0; i < c->corpus.n; i++) {
		/* A search that reads the articles hears its watcher at each. */
		if (q != NULL && (query_needs(q) & QUERY_NEEDS_BODY) &&
		    progress_report(c->search_progress, i, c->corpus.n))
			return 0;
		if (q != NULL) {
			memset(&sub, 0, sizeof sub);
			sub.index = i;
			sub.has_index = 1;
			sub.article = c->corpus.articles[i];
			sub.entry = catalog_entry(c, i);
			sub.counts = catalog_counts(c, i);
			sub.incomplete = c->scan != NULL ?
			    scan_incomplete_bits(c->scan, i) : NULL;
			sub.dups = c->dups;
			r = query_match(q, &sub);
			query_subject_free(&sub);
			if (r == QUERY_UNDECIDED) {
				und[*nund].index = i;
				und[*nund].term = sub.undecided;
				und[*nund].why = sub.why;
				(*nund)++;
			}
			if (r != QUERY_YES)
				continue;
		}
		out[n++] = i;
	}
	return n;
}

/* The sidecar whose orphans catalog_cmp_fp() sorts by fingerprint: qsort() takes
   no argument for it. */
static const struct sidecar	*catalog_sorting;

static int
catalog_cmp_fp(const void *a, const void *b)
{
	return strcmp(catalog_sorting->v[*(const size_t *)a].fingerprint,
	    catalog_sorting->v[*(const size_t *)b].fingerprint);
}

void
catalog_orphans_init(struct catalog_orphans *o, const struct sidecar *s,
    int (*gone)(const struct sidecar_entry *, void *), void *arg)
{
	size_t	 i;

	memset(o, 0, sizeof *o);
	o->s = s;
	o->v = xreallocarray(NULL, s->n + 1, sizeof *o->v);
	for (i = 0; i < s->n; i++)
		if (gone(&s->v[i], arg) && s->v[i].fingerprint != NULL)
			o->v[o->n++] = i;
	catalog_sorting = s;
	qsort(o->v, o->n, sizeof *o->v, catalog_cmp_fp);
	o->used = xcalloc(o->n + 1, 1);
}

const struct sidecar_entry *
catalog_orphans_take(struct catalog_orphans *o, const char *fp)
{
	size_t	 lo = 0, hi = o->n, mid, k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(o->s->v[o->v[mid]].fingerprint, fp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < o->n && strcmp(o->s->v[o->v[k]].fingerprint, fp) == 0; k++)
		if (!o->used[k]) {
			o->used[k] = 1;
			o->taken++;
			return &o->s->v[o->v[k]];
		}
	return NULL;
}

void
catalog_orphans_free(struct catalog_orphans *o)
{
	free(o->v);
	free(o->used);
	memset(o, 0, sizeof *o);
}

/* For catalog_moves(): an entry is gone when its path is none of the corpus's and
   lstat() says it is not there (ENOENT). A path that cannot be looked at (a folder
   that cannot be read: EACCES) or that is there outside the corpus walked is not
   gone, and its tags stay where they are. */
struct catalog_paths {
	const struct sidecar *s;	/* borrowed */
	unsigned char	*has;		/* per entry of s: an article has its path */
	size_t		 gone;		/* entries without an article, fingerprint
					   or not */
	const char	*side;		/* the sidecar's path: borrowed */
};

static int
catalog_gone(const struct sidecar_entry *e, void *arg)
{
	struct catalog_paths	*p = arg;

	if (p->has[e - p->s->v])
		return 0;
	p->gone++;
	return catalog_gone_path(p->side, e->path) == 1;
}

int
catalog_gone_path(const char *side_path, const char *path)
{
	const char	*slash = strrchr(side_path, '/');
	struct stat	 st;
	char		*full;
	int		 rc, saved;

	full = slash == NULL ? xstrdup(path) : slash == side_path ?
	    xasprintf("/%s", path) : xasprintf("%.*s/%s", (int)(slash - side_path),
	    side_path, path);
	rc = lstat(full, &st) == 0 ? 0 : errno == ENOENT ? 1 : -1;
	saved = errno;
	free(full);
	errno = saved;
	return rc;
}

size_t
catalog_moves(const struct corpus *c, char *const *rel, const char *side_path,
    const struct sidecar *s, const int32_t *entries, struct sidecar_ops *ops,
    size_t *orphans)
{
	struct catalog_orphans		 o;
	struct catalog_paths		 p;
	const struct sidecar_entry	*e;
	const char			*r;
	char				*fp;
	size_t				 i;

	/* The entries that have an article, by a lookup per article (or the table
	   of them, which does not touch the articles): a million articles are not
	   sorted to find the few entries that have none. */
	p.s = s;
	p.has = xcalloc(s->n + 1, 1);
	for (i = 0; i < c->n && s->n > 0; i++) {
		if (entries != NULL) {
			if (entries[i] >= 0 && (size_t)entries[i] < s->n)
				p.has[entries[i]] = 1;
		} else if ((r = catalog_rel_of(rel, c, i)) != NULL &&
		    (e = sidecar_entry((struct sidecar *)s, r, 0)) != NULL)
			p.has[e - s->v] = 1;
	}
	p.gone = 0;
	p.side = side_path;
	catalog_orphans_init(&o, s, catalog_gone, &p);
	*orphans = p.gone;
	free(p.has);
	/* Only articles without an entry are read, and only while orphans are
	   left to match. */
	for (i = 0; i < c->n && o.taken < o.n; i++) {
		r = catalog_rel_of(rel, c, i);
		if (r == NULL || (entries != NULL ? entries[i] >= 0 :
		    sidecar_entry((struct sidecar *)s, r, 0) != NULL) ||
		    (fp = sidecar_fingerprint(c->articles[i]->path)) == NULL)
			continue;
		if ((e = catalog_orphans_take(&o, fp)) != NULL)
			sidecar_ops_add(ops, SIDECAR_OP_MOVE, e->path, r, 0);
		free(fp);
	}
	i = o.taken;
	catalog_orphans_free(&o);
	return i;
}

char *
catalog_sidecar_path(const char *given, const char *const *roots, size_t nroots)
{
	struct stat	 st;
	char		*found, *dir, *slash;
	const char	*root = nroots > 0 ? roots[0] : ".";

	if (given != NULL)
		return xstrdup(given);
	if ((found = file_find_up(root, SIDECAR_NAME)) != NULL)
		return found;
	dir = xstrdup(root);
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		else {
			free(dir);
			dir = xstrdup(".");
		}
	}
	found = xasprintf("%s/%s", *dir != '\0' ? dir : "", SIDECAR_NAME);
	free(dir);
	return found;
}

char *
catalog_sidecar_for(const char *given, const char *where, struct diag *d)
{
	char		*found, *dir, *cwd, *abs, *slash;
	size_t		 n;

	if (given != NULL)
		return xstrdup(given);
	if ((found = file_find_up(where, SIDECAR_NAME)) != NULL) {
		if (!trust_found(found, "--sidecar", DIAG_ERROR, d)) {
			free(found);
			found = NULL;
		}
		return found;
	}
	if ((dir = file_find_up(where, ".git")) != NULL) {
		slash = strrchr(dir, '/');
		*(slash == dir ? slash + 1 : slash) = '\0';
	} else if ((cwd = realpath(".", NULL)) != NULL &&
	    (abs = realpath(where, NULL)) != NULL) {
		n = strlen(cwd);
		if (strcmp(cwd, "/") == 0 || (strncmp(abs, cwd, n) == 0 &&
		    abs[n] == '/'))
			dir = xstrdup(cwd);
		else {
			slash = strrchr(abs, '/');
			*(slash == abs ? slash + 1 : slash) = '\0';
			dir = xstrdup(abs);
		}
		free(abs);
		free(cwd);
	} else {
		free(cwd);
		diag_add(d, DIAG_ERROR, NULL, 0, "%s: %s", where, strerror(errno));
		return NULL;
	}
	found = xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir, SIDECAR_NAME);
	free(dir);
	return found;
}

/* Articles [lo, hi) of catalog_relpaths(), on a thread of their own: each with its
   own canon, whose answers it keeps from one folder to the next. */
struct catalog_relpart {
	const struct corpus	*c;
	const char		*side_path;
	char			**rel;		/* NULL: only look whether every rel
					   path is the article's name */
	size_t			 lo, hi;
	size_t			 owned;		/* strings made */
	int			 differs;	/* looking: one is not */
};

static void *
catalog_relpaths_part(void *arg)
{
	struct catalog_relpart	*w = arg;
	const struct corpus	*c = w->c;
	struct canon	 cn;
	char		**rel = w->rel, *dir, *joined, *pre = NULL;
	const char	*slash, *leaf, *lastdir = NULL, *r;
	size_t		 i, n, k, dlen, lastlen = 0, plen = 0, pathlen;
	int		 have = 0, made;

	if (canon_init(&cn, w->side_path) == -1)
		return NULL;
	/* Each article's folder is resolved (once for a run of articles in one
	   folder), so that one reached through a symbolic link has the name rubric
	   tag gives it; its own name is the last part of its name in the corpus
	   ("shut/" for a folder that could not be read). Where that is its name
	   already, as it is next to a sidecar at the root, the name is the rel path
	   (catalog_rel_free() leaves it): a million paths not made twice. */
	for (i = w->lo; i < w->hi; i++) {
		struct article	*a = c->articles[i];

		n = strlen(a->name);
		while (n > 1 && a->name[n - 1] == '/')
			n--;
		for (leaf = a->name + n; leaf > a->name && leaf[-1] != '/'; leaf--)
			;
		pathlen = strlen(a->path);
		n = pathlen;
		while (n > 1 && a->path[n - 1] == '/')
			n--;
		for (slash = a->path + n; slash > a->path && slash[-1] != '/'; slash--)
			;
		dlen = (size_t)(slash - a->path);
		if (!have || dlen != lastlen || memcmp(a->path, lastdir, dlen) != 0) {
			/* A new folder: what canon makes of it, less the leaf, is
			   the prefix of every article in it. */
			if (slash == a->path)
				dir = xstrdup(".");
			else if (slash - 1 == a->path)
				dir = xstrdup("/");
			else
				dir = xstrndup(a->path, dlen - 1);
			free(pre);
			pre = NULL;
			if ((joined = canon_join(&cn, dir, leaf)) != NULL) {
				plen = strlen(joined) - strlen(leaf);
				pre = xstrndup(joined, plen);
				free(joined);
			}
			free(dir);
			lastdir = a->path;
			lastlen = dlen;
			have = 1;
		}
		n = pathlen;
		k = plen + strlen(leaf);
		made = 0;
		if (pre == NULL)
			r = NULL;
		else if ((size_t)(leaf - a->name) == plen &&
		    memcmp(a->name, pre, plen) == 0)
			r = a->name;
		else if (n >= k && (n == k || a->path[n - k - 1] == '/') &&
		    memcmp(a->path + n - k, pre, plen) == 0 &&
		    strcmp(a->path + n - k + plen, leaf) == 0)
			/* The end of its path, as it is below a sidecar in a
			   folder above the corpus (sidecar/corpus/a.txt). */
			r = a->path + n - k;
		else {
			r = NULL;
			made = 1;
		}
		if (rel == NULL) {
			if (r == a->name)
				continue;
			w->differs = 1;
			break;
		}
		if (made) {
			rel[i] = xmalloc(plen + strlen(leaf) + 1);
			memcpy(rel[i], pre, plen);
			strcpy(rel[i] + plen, leaf);
			w->owned++;
		} else
			rel[i] = (char *)r;
	}
	free(pre);
	canon_free(&cn);
	return NULL;
}

/* Whether the sidecar's folder is the root, as resolved. */
static int
catalog_side_at_root(const char *root, const char *side_path)
{
	struct canon	 cn;
	char		*real;
	int		 same;

	if (canon_init(&cn, side_path) == -1)
		return 0;
	same = (real = realpath(root, NULL)) != NULL && strcmp(real, cn.base) == 0;
	free(real);
	canon_free(&cn);
	return same;
}

char **
catalog_relpaths(const struct corpus *c, const char *const *roots, size_t nroots,
    const char *side_path, size_t *owned)
{
	struct catalog_relpart	 w[2];
	char			**rel = NULL;
	size_t			 j;
	int			 pass;

	*owned = 0;
	/* A corpus of one root walked through no link to a folder, with the
	   sidecar in the root's own folder: each article's folder resolves to the
	   root's real path and the folders of its name below it, every one a real
	   folder (the walk enters no other way, and an image is taken only while
	   each keeps its stamp), so every path is the article's name. No pass:
	   30 ms at a million articles, on every start. */
	if (c->linked == 0 && nroots == 1 &&
	    catalog_side_at_root(roots[0], side_path)) {
		log_debug("relative paths: the names, by the sidecar at the root");
		return NULL;
	}
	/* Else two halves, on two threads: a million articles' names are a pass.
	   Most paths are still the articles' names (a linked folder that leads
	   out of the root keeps its link's): the first pass only looks, and no
	   array is made (catalog_rel_of()), 8 MB at a million. Only when one is
	   not does a second make them. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			rel = xcalloc(c->n + 1, sizeof *rel);
		for (j = 0; j < 2; j++) {
			w[j].c = c;
			w[j].side_path = side_path;
			w[j].rel = rel;
			w[j].lo = j == 0 ? 0 : c->n / 2;
			w[j].hi = j == 0 ? c->n / 2 : c->n;
			w[j].owned = 0;
			w[j].differs = 0;
		}
		halves_run(catalog_relpaths_part, &w[0], &w[1], c->n);
		if (pass == 0 && !w[0].differs && !w[1].differs)
			return NULL;
	}
	*owned = w[0].owned + w[1].owned;
	return rel;
}

/* Whether rel is its article's name or the end of its path, and so not rel's own. */
static int
catalog_rel_borrowed(const struct article *a, const char *rel)
{
	size_t	 n, k;

	if (rel == a->name)
		return 1;
	n = strlen(a->path);
	k = strlen(rel);
	return k <= n && rel == a->path + n - k;
}

void
catalog_rel_free(const struct corpus *c, char **rel, size_t owned)
{
	size_t	 i;

	if (rel == NULL)
		return;
	for (i = 0; owned > 0 && i < c->n; i++)
		if (rel[i] != NULL && !catalog_rel_borrowed(c->articles[i], rel[i]))
			free(rel[i]);
	free(rel);
}
