/* The JSON Lines export: an article's record made as text in one go (export_record(),
   which the folder export's manifest uses too), by a thread per core, and written in
   order. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dups.h"
#include "export.h"
#include "export_int.h"
#include "log.h"
#include "passage_article.h"
#include "xmalloc.h"

struct export_pipe;

static void	export_line_string(struct export_line *, const char *, size_t, int);
static void	export_line_tags(struct export_line *, const struct export_item *, int);
static void	export_line_key(struct export_line *, const char *);
static void	export_pipe_drain(struct export_pipe *, struct export_line *);
static void	*export_pipe_thread(void *);

/* Appends s[0..n) as a JSON string; with flat, line ends and tabs as spaces. Most
   text is plain prose, which jansson would copy unchanged: export_json_plain()
   tests that as it copies. Anything else is escaped by jansson. */
static void
export_line_string(struct export_line *l, const char *s, size_t n, int flat)
{
	json_t	*j;

	export_line_room(l, n + 2);
	l->buf[l->len] = '"';
	if (export_json_plain(s, n, flat, l->buf + l->len + 1)) {
		l->buf[l->len + 1 + n] = '"';
		l->len += n + 2;
		return;
	}
	j = flat ? export_json_flat(s, n) : export_json_string(s, n);
	if (json_dump_callback(j, export_line_add, l, JSON_ENCODE_ANY) == -1)
		fatal("out of memory");
	json_decref(j);
}

/* Each theme's name as JSON text, made once for every snippet that names it. */
struct export_line *
export_names(const struct export *x)
{
	struct export_line	*names;
	size_t			 t;

	names = xcalloc(x->config->nthemes + 1, sizeof *names);
	for (t = 0; t < x->config->nthemes; t++)
		export_line_string(&names[t], x->config->themes[t].name,
		    strlen(x->config->themes[t].name), 0);
	return names;
}

void
export_names_free(const struct export *x, struct export_line *names)
{
	size_t	 t;

	for (t = 0; t < x->config->nthemes; t++)
		free(names[t].buf);
	free(names);
}

/* Appends a list of tags as a JSON array. */
static void
export_line_tags(struct export_line *l, const struct export_item *it, int origin)
{
	size_t	 k;

	export_line_put(l, "[", 1);
	for (k = 0; k < it->ntags[origin]; k++) {
		if (k > 0)
			export_line_put(l, ",", 1);
		export_line_string(l, it->tags[origin][k], strlen(it->tags[origin][k]), 0);
	}
	export_line_put(l, "]", 1);
}

/* Appends ,"key": for one of rubric's own keys, which are plain ASCII. */
static void
export_line_key(struct export_line *l, const char *key)
{
	export_line_put(l, ",\"", 2);
	export_line_put(l, key, strlen(key));
	export_line_put(l, "\":", 2);
}

/* An article's whole line of JSON Lines, ended by a line feed: keys in a fixed order,
   as jansson's compact form writes them. Every value from outside is a string
   escaped by jansson (or one that needs no escape, export_line_string); keys,
   numbers and punctuation are rubric's own. Made as jansson objects, a record cost
   more than finding its matches: hundreds of snippets in a long article, and a
   count per theme. Only the first snippets are written (export_snippets()), and
   "snippets_total" says how many there were. The caller frees l.buf. */
struct export_line
export_record(const struct export *x, const struct export_item *it, int body,
    const char *file, const struct export_line *names)
{
	const struct article	*a = it->a;
	struct export_line	 l = { NULL, 0, 0 };
	const char		*adate = article_text(a, ARTICLE_DATE);
	const char		*source = article_text(a, ARTICLE_SOURCE);
	/* Not kept with the head: read from the file's, or its text's. */
	char			*url = article_header_text(a, it->has_body ?
				    &it->body : NULL, ARTICLE_URL);
	const char		*buf = it->body.buf;
	size_t			 k, t, lo, hi, most = export_snippets(x, it->ml.n);

	/* Room for the usual line at once: about 200 bytes a snippet. */
	l.cap = 1024 + most * 256;
	l.buf = xmalloc(l.cap);

	export_line_put(&l, "{\"path\":", 8);
	export_line_string(&l, a->name, strlen(a->name), 0);
	export_line_key(&l, "title");
	export_line_string(&l, a->title, strlen(a->title), 0);
	if (it->date[0] != '\0') {
		export_line_key(&l, "date");
		export_line_string(&l, it->date, strlen(it->date), 0);
	} else if (adate != NULL) {
		export_line_key(&l, "date");
		export_line_string(&l, adate, strlen(adate), 0);
	}
	if (source != NULL) {
		export_line_key(&l, "source");
		export_line_string(&l, source, strlen(source), 0);
	}
	if (url != NULL) {
		export_line_key(&l, "url");
		export_line_string(&l, url, strlen(url), 0);
	}
	free(url);
	/* The near-duplicates' cluster, by a name that stays while its first does. */
	export_line_key(&l, "cluster");
	if (x->dups != NULL && dups_cluster(x->dups, it->index) != DUPS_NONE) {
		char	 name[17];

		dups_cluster_name(x->dups, dups_cluster(x->dups, it->index), name);
		export_line_string(&l, name, strlen(name), 0);
	} else
		export_line_put(&l, "null", 4);
	export_line_key(&l, "tags");
	export_line_tags(&l, it, SIDECAR_PERSON);
	export_line_key(&l, "auto");
	export_line_tags(&l, it, SIDECAR_THEME);
	export_line_key(&l, "rejected");
	export_line_tags(&l, it, SIDECAR_REJECTED);
	export_line_key(&l, "hits");
	export_line_put(&l, "{", 1);
	for (t = 0; t < x->config->nthemes; t++) {
		if (t > 0)
			export_line_put(&l, ",", 1);
		export_line_put(&l, names[t].buf, names[t].len);
		export_line_put(&l, ":", 1);
		export_line_num(&l, it->counts != NULL ? it->counts[t] : 0);
	}
	export_line_put(&l, "}", 1);
	export_line_key(&l, "note");
	if (it->e != NULL && it->e->note != NULL)
		export_line_string(&l, it->e->note, strlen(it->e->note), 0);
	else
		export_line_put(&l, "null", 4);
	if (a->error != NULL) {
		export_line_key(&l, "error");
		export_line_string(&l, a->error, strlen(a->error), 0);
	}
	if (file != NULL) {
		export_line_key(&l, "file");
		export_line_string(&l, file, strlen(file), 0);
	}
	if (body && it->has_body) {
		export_line_key(&l, "body");
		export_line_string(&l, buf + it->body.start, it->body.len -
		    it->body.start, 0);
	}
	/* Passages as the objects rubric passage list gives: a handful an article,
	   made by jansson. */
	export_line_key(&l, "passages");
	export_line_put(&l, "[", 1);
	for (k = 0; k < it->nspots; k++) {
		json_t	*o = passage_article_json(&it->spots[k]);

		if (k > 0)
			export_line_put(&l, ",", 1);
		json_object_del(o, "id");
		if (json_dump_callback(o, export_line_add, &l, JSON_COMPACT |
		    JSON_PRESERVE_ORDER) == -1)
			export_line_put(&l, "null", 4);
		json_decref(o);
	}
	export_line_put(&l, "]", 1);
	export_line_key(&l, "snippets_total");
	export_line_num(&l, it->ml.n);
	export_line_key(&l, "snippets");
	export_line_put(&l, "[", 1);
	for (k = 0; k < most; k++) {
		const struct match	*m = &it->ml.v[k];

		lo = export_back(buf, it->body.start, m->start, EXPORT_CONTEXT);
		hi = export_forward(buf, it->body.len, m->end, EXPORT_CONTEXT);
		if (k > 0)
			export_line_put(&l, ",", 1);
		export_line_put(&l, "{\"theme\":", 9);
		export_line_put(&l, names[m->theme].buf, names[m->theme].len);
		export_line_put(&l, ",\"offset\":", 10);
		export_line_num(&l, m->start);
		export_line_put(&l, ",\"before\":", 10);
		export_line_string(&l, buf + lo, m->start - lo, 1);
		export_line_put(&l, ",\"match\":", 9);
		export_line_string(&l, buf + m->start, m->end - m->start, 1);
		export_line_put(&l, ",\"after\":", 9);
		export_line_string(&l, buf + m->end, hi - m->end, 1);
		export_line_put(&l, "}", 1);
	}
	export_line_put(&l, "]}\n", 3);
	return l;
}

/* JSON Lines are made by a thread per core, the calling one too, in any order, and
   written in order: the thread that finishes the line next due writes it, and every
   line after it that is ready, while the others go on making lines. At most
   EXPORT_WINDOW lines wait to be written. (A writer thread woken for each line
   spent more in futex calls than in writing.) */
#define EXPORT_WINDOW	256
#define EXPORT_THREADS	8

struct export_pipe {
	const struct export	*x;
	FILE			*f;
	const size_t		*sel;
	size_t			 n;
	const struct export_line *names;	/* from export_names() */

	pthread_mutex_t		 lock;		/* guards what follows */
	pthread_cond_t		 room;		/* the window moved on */
	int			 waiting;	/* threads asleep on room */
	struct export_line	 lines[EXPORT_WINDOW];	/* line k at k % EXPORT_WINDOW */
	unsigned char		 ready[EXPORT_WINDOW];
	size_t			 next;		/* the next article to take */
	size_t			 written;	/* lines taken to be written so far */
	int			 writing;	/* a thread is writing */
	int			 ok;		/* 0 after a failed write: stop */
	int			 error;		/* its errno, for the calling thread */
};

/* With the lock held, by the thread that is writing: writes every ready line from
   the next due on, letting the lock go while it writes. */
static void
export_pipe_drain(struct export_pipe *p, struct export_line *take)
{
	size_t	 k, count;
	int	 ok, error = 0;

	while (p->ready[p->written % EXPORT_WINDOW]) {
		for (count = 0, k = p->written; k < p->n && p->ready[k % EXPORT_WINDOW];
		    k++, count++) {
			take[count] = p->lines[k % EXPORT_WINDOW];
			p->ready[k % EXPORT_WINDOW] = 0;
		}
		p->written = k;
		if (p->waiting > 0)
			pthread_cond_broadcast(&p->room);
		ok = p->ok;
		pthread_mutex_unlock(&p->lock);
		for (k = 0; k < count; k++) {
			if (ok && fwrite(take[k].buf, 1, take[k].len, p->f) !=
			    take[k].len) {
				ok = 0;
				error = errno;
			}
			free(take[k].buf);
		}
		pthread_mutex_lock(&p->lock);
		if (!ok && p->ok) {
			p->ok = 0;
			p->error = error;
			pthread_cond_broadcast(&p->room);
		}
	}
}

static void *
export_pipe_thread(void *arg)
{
	struct export_pipe	*p = arg;
	struct export_item	 it;
	struct export_line	 line, *take = xcalloc(EXPORT_WINDOW, sizeof *take);
	struct scan_finder	*finder = scan_finder_new(p->x->scan);
	struct match_list	 tmp = { NULL, 0, 0 };
	size_t			 k;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->ok && p->next < p->n && p->next >= p->written + EXPORT_WINDOW) {
			p->waiting++;
			pthread_cond_wait(&p->room, &p->lock);
			p->waiting--;
		}
		if (!p->ok || p->next >= p->n)
			break;
		k = p->next++;
		pthread_mutex_unlock(&p->lock);

		export_gather(p->x, finder, &tmp, p->sel[k], &it);
		line = export_record(p->x, &it, p->x->body, NULL, p->names);
		export_item_free(&it);

		pthread_mutex_lock(&p->lock);
		p->lines[k % EXPORT_WINDOW] = line;
		p->ready[k % EXPORT_WINDOW] = 1;
		if (!p->writing && k == p->written) {
			p->writing = 1;
			export_pipe_drain(p, take);
			p->writing = 0;
		}
	}
	pthread_mutex_unlock(&p->lock);
	free(take);
	match_list_free(&tmp);
	scan_finder_free(finder);
	return NULL;
}

int
export_jsonl(const struct export *x, FILE *f, const size_t *sel, size_t n)
{
	struct export_pipe	*p = xcalloc(1, sizeof *p);
	struct export_line	*names;
	pthread_t		 threads[EXPORT_THREADS];
	long			 cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t			 k;
	int			 nthreads, i, started = 0, ok;

	nthreads = cpus < 1 ? 1 : cpus > EXPORT_THREADS ? EXPORT_THREADS : (int)cpus;
	p->x = x;
	p->f = f;
	p->sel = sel;
	p->n = n;
	p->ok = 1;
	p->names = names = export_names(x);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->room, NULL);
	/* The threads look entries up at once: the sidecar's index is made here, not
	   by whichever of them looks first. */
	sidecar_index((struct sidecar *)x->side);
	/* This thread is one of them; a thread that cannot be had is no error. */
	for (i = 1; i < nthreads; i++)
		started += pthread_create(&threads[started], NULL, export_pipe_thread,
		    p) == 0;
	export_pipe_thread(p);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	ok = p->ok;
	/* errno is each thread's own: the caller says why with this one's. */
	if (!ok)
		errno = p->error;
	/* After a failed write: the lines made and not written. */
	for (k = 0; k < EXPORT_WINDOW; k++)
		if (p->ready[k])
			free(p->lines[k].buf);
	pthread_cond_destroy(&p->room);
	pthread_mutex_destroy(&p->lock);
	export_names_free(x, names);
	free(p);
	return ok ? 0 : -1;
}
