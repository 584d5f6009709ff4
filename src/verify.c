/* Verifying the screen's provisional heads. One thread stats the articles in corpus
   order and queues those whose stamp is not the one the list shows, read again into
   an article of their own; the screen's thread takes the queue between keys and moves
   each new head into its place. An article the thread has queued is never looked at
   by it again, so that the two never touch one article at once. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "folderfd.h"
#include "log.h"
#include "verify.h"
#include "xmalloc.h"

struct verify_change {
	size_t				 i;
	struct article			*fresh;		/* owned until applied */
	enum article_head_result	 res;
	int				 same;		/* read again only for a racy
							   stamp, and the head as shown */
};

struct verify {
	struct catalog		*cat;
	struct headstore	*heads;
	struct article		**a;		/* the corpus's, borrowed */
	size_t			 n;
	pthread_t		 thread;
	int			 started;
	atomic_size_t		 done;
	atomic_int		 stop;
	pthread_mutex_t		 lock;
	struct verify_change	*q;		/* found, not applied: under lock */
	size_t			 nq;
	size_t			 capq;
	struct article		**changed;	/* applied, for the head store */
	enum article_head_result *res;
	size_t			 nchanged;
	size_t			 capchanged;
	size_t			 nsame;		/* of them, read again to no change */
	int			 saved;
	struct timespec		 t0;		/* for the log: how long it took */
	double			 took;		/* seconds, once the thread ended */
};

static void	*verify_thread(void *);
static int	 verify_text(const char *, const char *);
static int	 verify_head(const struct article *, const struct article *);
static void	 verify_move(struct verify *, struct verify_change *);
static double	 verify_since(const struct timespec *);

/* Whether two of an article's texts, either NULL, are the same. */
static int
verify_text(const char *x, const char *y)
{
	return x == NULL || y == NULL ? x == y : strcmp(x, y) == 0;
}

/* Whether the head of a, as the list shows it, is the head of f. */
static int
verify_head(const struct article *a, const struct article *f)
{
	int	 k;

	for (k = 0; k < ARTICLE_NTEXTS; k++)
		if (!verify_text(article_text(a, k), article_text(f, k)))
			return 0;
	return 1;
}

static void *
verify_thread(void *arg)
{
	struct verify		*v = arg;
	struct verify_change	 ch;
	struct article		*a;
	struct folderfd		 f = FOLDERFD_INIT;
	struct stat		 st;
	int64_t			 stamp[ARTICLE_STAMPLEN];
	size_t			 i;

	for (i = 0; i < v->n && !atomic_load(&v->stop); i++) {
		a = v->a[i];
		article_stamp(a, stamp);
		/* No stamp: a folder the walk could not read, a file that could
		   not be opened just now. Nothing provisional about either. */
		if (stamp[5] == 0 || (folderfd_stat(&f, a->path, &st) == 0 &&
		    article_same(a, &st))) {
			atomic_fetch_add(&v->done, 1);
			continue;
		}
		ch.i = i;
		ch.fresh = article_new(a->path, a->name);
		ch.res = article_head(ch.fresh, v->cat->config.chrome);
		/* It keeps its place in the list until the next start leaves it
		   out: an index into the corpus does not move under the screen. */
		if (ch.res == ARTICLE_BINARY && ch.fresh->error == NULL)
			article_set_error(ch.fresh, "binary now (a NUL byte in its "
			    "first block): left out from the next start");
		/* The head store gives a stamp read within its clock's tick a ctime
		   no file has: read again, such an article has not changed unless
		   its head has. */
		ch.same = stamp[4] == -1 && verify_head(a, ch.fresh);
		pthread_mutex_lock(&v->lock);
		if (v->nq == v->capq) {
			v->capq = v->capq ? v->capq * 2 : 16;
			v->q = xreallocarray(v->q, v->capq, sizeof *v->q);
		}
		v->q[v->nq++] = ch;
		pthread_mutex_unlock(&v->lock);
		atomic_fetch_add(&v->done, 1);
	}
	folderfd_close(&f);
	v->took = verify_since(&v->t0);
	return NULL;
}

/* Seconds since t0. */
static double
verify_since(const struct timespec *t0)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

struct verify *
verify_start(struct catalog *cat, struct headstore *heads)
{
	struct verify	*v = xcalloc(1, sizeof *v);

	v->cat = cat;
	v->heads = heads;
	v->n = cat->corpus.n;
	/* Borrowed, not copied (8 MB at a million): the array does not change
	   until verify_free(). */
	v->a = cat->corpus.articles;
	atomic_init(&v->done, 0);
	atomic_init(&v->stop, 0);
	pthread_mutex_init(&v->lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &v->t0);
	if (pthread_create(&v->thread, NULL, verify_thread, v) == 0)
		v->started = 1;
	else
		verify_thread(v);	/* no thread to be had: the start waits */
	return v;
}

size_t
verify_progress(const struct verify *v)
{
	return atomic_load(&((struct verify *)v)->done);
}

size_t
verify_changed(const struct verify *v)
{
	return v->nchanged;
}

size_t
verify_differ(const struct verify *v)
{
	return v->nchanged - v->nsame;
}

int
verify_finished(struct verify *v)
{
	size_t	 nq;

	if (verify_progress(v) < v->n)
		return 0;
	pthread_mutex_lock(&v->lock);
	nq = v->nq;
	pthread_mutex_unlock(&v->lock);
	return nq == 0;
}

/* Moves a change's head and stamp into the corpus's article, with its counts. */
static void
verify_move(struct verify *v, struct verify_change *ch)
{
	struct corpus	*c = &v->cat->corpus;
	struct article	*a = v->a[ch->i], *f = ch->fresh;
	int		 was = a->error != NULL;

	if (v->cat->scan != NULL)
		scan_forget(v->cat->scan, ch->i);
	article_take_head(a, f);
	article_free(f);
	if (c->release != NULL)
		c->reheaded++;
	ch->fresh = NULL;
	if (was && a->error == NULL)
		c->nerrors--;
	else if (!was && a->error != NULL)
		c->nerrors++;
	if (v->cat->scan != NULL)
		scan_again(v->cat->scan, ch->i);
	/* Grown as changes come: most starts have few, and an array for every
	   article is megabytes at a million. */
	if (v->nchanged == v->capchanged) {
		v->capchanged = v->capchanged ? v->capchanged * 2 : 64;
		v->changed = xreallocarray(v->changed, v->capchanged,
		    sizeof *v->changed);
		v->res = xreallocarray(v->res, v->capchanged, sizeof *v->res);
	}
	v->changed[v->nchanged] = a;
	v->res[v->nchanged++] = ch->res;
	v->nsame += ch->same;
}

size_t
verify_apply(struct verify *v)
{
	struct verify_change	*q;
	size_t			 nq, k;

	pthread_mutex_lock(&v->lock);
	q = v->q;
	nq = v->nq;
	v->q = NULL;
	v->nq = v->capq = 0;
	pthread_mutex_unlock(&v->lock);
	for (k = 0; k < nq; k++)
		verify_move(v, &q[k]);
	free(q);
	return nq;
}

void
verify_finish(struct verify *v)
{
	if (v->saved)
		return;
	if (v->started) {
		pthread_join(v->thread, NULL);
		v->started = 0;
	}
	verify_apply(v);
	v->saved = 1;
	if (v->heads != NULL) {
		headstore_update(v->heads, v->changed, v->res, v->nchanged);
		log_debug("verify: %zu of %zu changed, checked in %.3f s", v->nchanged,
		    v->n, v->took);
	}
}

int64_t
verify_tag(const struct verify *v)
{
	return v->heads != NULL ? headstore_tag(v->heads) : -1;
}

void
verify_free(struct verify *v)
{
	size_t	 k;

	if (v == NULL)
		return;
	atomic_store(&v->stop, 1);
	if (v->started)
		pthread_join(v->thread, NULL);
	for (k = 0; k < v->nq; k++)
		article_free(v->q[k].fresh);
	free(v->q);
	pthread_mutex_destroy(&v->lock);
	headstore_close(v->heads);
	free(v->changed);
	free(v->res);
	free(v);
}
