/* Finding articles. Directories are walked depth first, those reached through a
   symbolic link last; each directory is entered once (by device and inode), which
   survives symbolic link loops and links to a directory seen already; a regular
   file is known by readdir()'s type and not looked at. Then the heads are read, by a
   thread per core: opening and reading 100,000 files is most of a start (for the
   screen, those the head store knows are taken as it has them, unchecked). A file that cannot be read stays in the corpus
   with its reason. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cachedir.h"
#include "corpus.h"
#include "folderfd.h"
#include "halves.h"
#include "log.h"
#include "xmalloc.h"

/* An entry of a folder being walked: its name, with a "/" after it for a folder (as
   it sorts); len is the name's length. */
struct corpus_entry {
	char		*key;
	size_t		 len;
	unsigned char	 type;
};

struct corpus_walk {
	struct corpus			*c;
	const struct corpus_options	*opts;
	struct corpus_dirid {
		dev_t	dev;
		ino_t	ino;
	}				*seen;
	size_t				 nseen;
	size_t				 capseen;
	size_t				 cap;
	/* Folders reached through a symbolic link, walked after every real folder:
	   a link to a folder the walk reaches anyway is then seen already, and
	   the articles have their real names, whatever order readdir() gives. */
	struct corpus_link {
		char	*path;
		char	*name;
	}				*links;
	size_t				 nlinks;
	/* Per article as pushed: CORPUS_LISTED for a regular file of a folder
	   whose listing came from the store (unchanged since), whose head a
	   command with trust_listed takes unchecked; CORPUS_REGULAR for a file
	   its directory entry says is regular. */
	unsigned char			*listed;
	size_t				 capfolders;
	int				 noimage;	/* corpus.h's regular */
};

#define CORPUS_LISTED	0x01
#define CORPUS_REGULAR	0x02

static int	corpus_seen(struct corpus_walk *, const struct stat *);
static void	corpus_push(struct corpus_walk *, struct article *, int);
static void	corpus_add(struct corpus_walk *, const char *, const char *, int);
static void	corpus_place(struct corpus *, int);
static void	corpus_places(struct corpus *);
static void	corpus_link_left(struct corpus_walk *, int, const char *, int);
static void	corpus_stamped(struct corpus_walk *, const char *,
		    const struct stat *);
static int	corpus_heads(struct corpus *, const struct corpus_options *,
		    unsigned char *);
static void	corpus_folder(struct corpus_walk *, const char *, const char *, int);
static void	corpus_subdir(struct corpus_walk *, int, const char *, const char *,
		    const char *);
static void	corpus_dir(struct corpus_walk *, int, const char *, const char *);
static void	corpus_keep(struct headstore *, const char *, const struct stat *,
		    const struct corpus_entry *, size_t);
static int	corpus_cmp(const void *, const void *);
static void	corpus_sort(struct corpus *, unsigned char *);
static int	corpus_cmp_entry(const void *, const void *);
static int	corpus_sorted(const struct corpus *);
static int	corpus_islink(int, const char *);
static void	corpus_defer(struct corpus_walk *, const char *, const char *);
static int	corpus_cmp_link(const void *, const void *);
static void	corpus_links(struct corpus_walk *);

int
corpus_wanted(const char *name, const struct corpus_options *opts)
{
	const char	*dot;
	size_t		 i;

	dot = strrchr(name, '.');
	for (i = 0; i < opts->nextensions; i++) {
		if (opts->extensions[i][0] == '\0')
			return 1;
		if (dot != NULL && dot != name &&
		    strcasecmp(dot + 1, opts->extensions[i]) == 0)
			return 1;
	}
	return 0;
}

/* Records a directory; returns 1 if it was seen before. A linear probe over a table
   kept at most half full. */
static int
corpus_seen(struct corpus_walk *w, const struct stat *st)
{
	size_t	 i, h;

	if (w->nseen * 2 >= w->capseen) {
		struct corpus_dirid	*old = w->seen;
		size_t			 oldcap = w->capseen;

		w->capseen = oldcap ? oldcap * 2 : 256;
		w->seen = xcalloc(w->capseen, sizeof *w->seen);
		w->nseen = 0;
		for (i = 0; i < oldcap; i++) {
			struct stat	 tmp;

			if (old[i].ino == 0)
				continue;
			tmp.st_dev = old[i].dev;
			tmp.st_ino = old[i].ino;
			corpus_seen(w, &tmp);
		}
		free(old);
	}
	h = ((size_t)st->st_ino * 2654435761u ^ (size_t)st->st_dev) & (w->capseen - 1);
	for (;;) {
		if (w->seen[h].ino == 0) {
			w->seen[h].dev = st->st_dev;
			w->seen[h].ino = st->st_ino ? st->st_ino : 1;
			w->nseen++;
			return 0;
		}
		if (w->seen[h].dev == st->st_dev && w->seen[h].ino == st->st_ino)
			return 1;
		h = (h + 1) & (w->capseen - 1);
	}
}

/* Puts a found article, owned from now by the corpus, at the end. */
static void
corpus_push(struct corpus_walk *w, struct article *a, int listed)
{
	struct corpus	*c = w->c;

	if (c->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		c->articles = xreallocarray(c->articles, w->cap, sizeof *c->articles);
		w->listed = xreallocarray(w->listed, w->cap, 1);
	}
	w->listed[c->n] = (unsigned char)listed;
	c->articles[c->n++] = a;
}

static void
corpus_add(struct corpus_walk *w, const char *path, const char *name, int listed)
{
	corpus_push(w, article_new_in(&w->c->place[0], path, name), listed);
}

/* An entry left out of the walk, neither an article nor a folder: if it is a
   symbolic link, what it points to may become a folder (made where a dangling
   link points, or a link down its chain retargeted) with no folder walked
   changing, so that the catalogue's image could not tell. No image, then. */
static void
corpus_link_left(struct corpus_walk *w, int dfd, const char *base, int type)
{
	if (type == DT_LNK || (type == DT_UNKNOWN && corpus_islink(dfd, base)))
		w->noimage = 1;
}

/* Records a folder walked and its stamp, for the catalogue's image. */
static void
corpus_stamped(struct corpus_walk *w, const char *path, const struct stat *st)
{
	struct corpus	*c = w->c;

	if (c->nfolders == w->capfolders) {
		w->capfolders = w->capfolders ? w->capfolders * 2 : 64;
		c->folders = xreallocarray(c->folders, w->capfolders,
		    sizeof *c->folders);
	}
	c->folders[c->nfolders].path = xstrdup(path);
	c->folders[c->nfolders++].st = *st;
}

/* A folder that could not be read, kept as an unreadable entry; a root is named by its
   path. */
static void
corpus_folder(struct corpus_walk *w, const char *path, const char *name, int errnum)
{
	w->noimage = 1;
	corpus_push(w, article_folder(path, *name ? name : path, errnum), 0);
}

struct corpus_heads {
	struct corpus			*c;
	const struct corpus_options	*opts;
	enum article_head_result	*result;	/* per article */
	atomic_size_t			 next;
	atomic_size_t			 done;
	atomic_int			 stop;		/* progress said stop */
	pthread_t			 caller;	/* reports the progress */
};

/* Articles a thread takes at a time: neighbours, most often of one folder, which
   it opens once for all of them. */
#define CORPUS_CHUNK	256

/* One of the threads: the heads it reads go into its place. */
struct corpus_heads_part {
	struct corpus_heads	*h;
	struct place		*pl;
};

static void *
corpus_heads_thread(void *arg)
{
	struct corpus_heads_part *part = arg;
	struct corpus_heads	*h = part->h;
	struct folderfd		 f = FOLDERFD_INIT;
	struct article		*a;
	const char		*base;
	size_t			 i, end, done;
	int			 dfd;

	/* A chunk taken is read to its end: when the reading stops, every article
	   before next has its head and none after it has. */
	while (!atomic_load(&h->stop) &&
	    (i = atomic_fetch_add(&h->next, CORPUS_CHUNK)) < h->c->n) {
		end = i + CORPUS_CHUNK < h->c->n ? i + CORPUS_CHUNK : h->c->n;
		for (; i < end; i++) {
			a = h->c->articles[i];
			if (h->opts->heads == NULL) {
				h->result[i] = a->error != NULL ? ARTICLE_UNREADABLE :
				    article_head_in(a, h->opts->chrome, part->pl);
				continue;
			}
			dfd = folderfd_at(&f, a->path, &base);
			h->result[i] = headstore_head(h->opts->heads, i, a,
			    h->opts->chrome, dfd, base, part->pl);
		}
		done = atomic_fetch_add(&h->done, CORPUS_CHUNK) + CORPUS_CHUNK;
		if (pthread_equal(pthread_self(), h->caller) &&
		    progress_report(h->opts->progress, done < h->c->n ? done :
		    h->c->n, h->c->n))
			atomic_store(&h->stop, 1);
	}
	folderfd_close(&f);
	return NULL;
}

/* Reads every article's head, or has it from the head store; those that turn out
   binary leave the corpus. A folder the walk could not read is unreadable already.
   Returns -1 when progress stopped it, with the heads read until then saved. */
static int
corpus_heads(struct corpus *c, const struct corpus_options *opts,
    unsigned char *listed)
{
	struct corpus_heads	 h;
	struct corpus_heads_part part[CORPUS_THREADS];
	pthread_t		 threads[CORPUS_THREADS];
	long			 cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t			 i, n;
	int			 k, nthreads, started = 0;

	h.c = c;
	h.opts = opts;
	h.result = xreallocarray(NULL, c->n + 1, sizeof *h.result);
	atomic_init(&h.next, 0);
	atomic_init(&h.done, 0);
	atomic_init(&h.stop, 0);
	h.caller = pthread_self();
	if (opts->heads != NULL) {
		headstore_fill(opts->heads, c->articles, c->n, &c->place[1]);
		if (opts->provisional)
			headstore_trust(opts->heads);
		else if (opts->trust_listed)
			headstore_trust_listed(opts->heads, listed, CORPUS_LISTED);
	}
	nthreads = cpus < 1 ? 1 : cpus > CORPUS_THREADS ? CORPUS_THREADS : (int)cpus;
	if (c->n <= 64)
		nthreads = 1;
	/* The store's readers are done with places 1 and 2: each thread now has
	   one of its own. */
	for (k = 0; k < nthreads; k++) {
		part[k].h = &h;
		part[k].pl = &c->place[1 + k];
		if (part[k].pl->lo == NULL)
			corpus_place(c, 1 + k);
	}
	/* The calling thread works too (part 0); a thread that cannot be had is no
	   error. */
	for (k = 1; k < nthreads; k++)
		started += pthread_create(&threads[started], NULL, corpus_heads_thread,
		    &part[k]) == 0;
	corpus_heads_thread(&part[0]);
	for (k = 0; k < started; k++)
		pthread_join(threads[k], NULL);
	if (atomic_load(&h.stop)) {
		/* What was read is kept: the articles before next. */
		n = atomic_load(&h.next);
		if (opts->heads != NULL)
			headstore_save(opts->heads, c->articles, n < c->n ? n : c->n,
			    h.result);
		log_debug("heads: stopped at %zu of %zu", n < c->n ? n : c->n, c->n);
		free(h.result);
		return -1;
	}
	/* Before the binary files leave: the store keeps them too, so that they are
	   not opened again. */
	if (opts->heads != NULL) {
		headstore_save(opts->heads, c->articles, c->n, h.result);
		log_debug("heads: %zu of %zu from the store, %zu taken unchecked, "
		    "and %zu folders' entries", headstore_hits(opts->heads), c->n,
		    headstore_unchecked(opts->heads),
		    headstore_dir_hits(opts->heads));
	}
	for (i = n = 0; i < c->n; i++) {
		switch (h.result[i]) {
		case ARTICLE_BINARY:
			c->nbinary++;
			article_free(c->articles[i]);
			continue;
		case ARTICLE_UNREADABLE:
			c->nerrors++;
			break;
		case ARTICLE_OK:
			break;
		}
		listed[n] = listed[i];
		c->articles[n++] = c->articles[i];
	}
	c->n = n;
	free(h.result);
	return 0;
}

/* Opens the folder called base in the folder open at dfd and walks it; one that cannot
   be opened is kept as unreadable. */
static void
corpus_subdir(struct corpus_walk *w, int dfd, const char *base, const char *path,
    const char *name)
{
	int	 fd;

	if ((fd = openat(dfd, base, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		corpus_folder(w, path, name, errno);
	else
		corpus_dir(w, fd, path, name);
}

/* Walks the directory open at fd (which it closes); path is how to name it from here,
   name its name relative to the corpus root ("" for a root). A folder is opened from
   its parent's descriptor, so a tree deeper than PATH_MAX is walked all the same (its
   articles are unreadable then, "path too long"). A folder that cannot be opened or
   listed stays as an unreadable entry, as a file that cannot be read does; an entry
   that vanishes is left out, as ls leaves it out. */
static void
corpus_dir(struct corpus_walk *w, int fd, const char *path, const char *name)
{
	DIR			*d;
	struct dirent		*de;
	struct stat		 st, dst;
	struct corpus_entry	*v = NULL;
	struct headstore	*hs = w->opts->heads;
	const char		*stored = NULL;
	char			*cpath = NULL, *cname = NULL, *base;
	size_t			 i, n = 0, cap = 0, len, slen = 0, plen, nlen, bcap = 0;
	int			 dfd, type, stamped;

	/* The stamp before the listing: a change made while it is read leaves a
	   later one, and the folder is read again next time. */
	stamped = hs != NULL && fstat(fd, &dst) == 0;
	if (stamped) {
		stored = headstore_dir(hs, name, &dst, &slen);
		corpus_stamped(w, path, &dst);
	} else
		w->noimage = 1;
	if ((d = fdopendir(fd)) == NULL) {
		corpus_folder(w, path, name, errno);
		close(fd);
		return;
	}
	dfd = dirfd(d);
	if (stored != NULL) {
		/* Unchanged since the store listed it: its entries as they were,
		   sorted already, without a readdir(). */
		for (i = 0; i < slen; i += len + 2) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xreallocarray(v, cap, sizeof *v);
			}
			len = strlen(stored + i + 1);
			v[n].key = (char *)stored + i + 1;
			v[n].len = len;
			v[n].type = (unsigned char)stored[i];
			n++;
		}
		goto walk;
	}
	/* The folder's entries first, in order, so that the articles come out of
	   the walk sorted as corpus_scan() wants them (most often: it checks) and
	   need no sort of the whole corpus. */
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		/* A folder sorts as its articles' names do: "a/x" after "a.txt". */
		len = strlen(de->d_name);
		v[n].key = xmalloc(len + 2);
		memcpy(v[n].key, de->d_name, len + 1);
		if (de->d_type == DT_DIR)
			memcpy(v[n].key + len, "/", 2);
		v[n].len = len;
		v[n].type = de->d_type;
		n++;
	}
	if (errno != 0) {
		corpus_folder(w, path, name, errno);
		stamped = 0;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, corpus_cmp_entry);
	for (i = 0; i < n; i++)
		v[i].key[v[i].len] = '\0';
	if (stamped)
		corpus_keep(hs, name, &dst, v, n);

walk:
	/* Each entry's path and name, in two buffers that keep the folder's. */
	plen = strlen(path) + 1;
	nlen = *name ? strlen(name) + 1 : 0;
	for (i = 0; i < n; i++) {
		base = v[i].key;
		type = v[i].type;
		if ((plen > nlen ? plen : nlen) + v[i].len + 1 > bcap) {
			bcap = (plen > nlen ? plen : nlen) + v[i].len + 64;
			cpath = xreallocarray(cpath, bcap, 1);
			cname = xreallocarray(cname, bcap, 1);
			memcpy(cpath, path, plen - 1);
			cpath[plen - 1] = '/';
			if (nlen > 0) {
				memcpy(cname, name, nlen - 1);
				cname[nlen - 1] = '/';
			}
		}
		memcpy(cpath + plen, base, v[i].len + 1);
		memcpy(cname + nlen, base, v[i].len + 1);
		/* A regular file needs no stat here: reading its head does one. */
		if (type == DT_REG) {
			if (corpus_wanted(base, w->opts))
				corpus_add(w, cpath, cname, CORPUS_REGULAR |
				    (stored != NULL ? CORPUS_LISTED : 0));
		} else if (fstatat(dfd, base, &st, 0) == -1) {
			/* A dangling link that looks like an article is kept, so that the
			   user learns why it cannot be read; so is a folder that cannot
			   be looked at. */
			if (type == DT_DIR)
				corpus_folder(w, cpath, cname, errno);
			else if (corpus_wanted(base, w->opts))
				corpus_add(w, cpath, cname, 0);
			else
				corpus_link_left(w, dfd, base, type);
		} else if (S_ISDIR(st.st_mode) && (type == DT_LNK ||
		    (type == DT_UNKNOWN && corpus_islink(dfd, base))))
			corpus_defer(w, cpath, cname);
		else if (S_ISDIR(st.st_mode)) {
			if (!corpus_seen(w, &st))
				corpus_subdir(w, dfd, base, cpath, cname);
			else
				/* The same folder again (mounted there too):
				   unmounted, this one has entries of its own. */
				corpus_stamped(w, cpath, &st);
		} else if (corpus_wanted(base, w->opts))
			corpus_add(w, cpath, cname, 0);
		else
			corpus_link_left(w, dfd, base, type);
		if (stored == NULL)
			free(base);
	}
	free(cpath);
	free(cname);
	free(v);
	closedir(d);
}

/* Hands the store the entries of folder name as just read (stamp st), for the next
   walk: each a type byte, the name and a NUL. */
static void
corpus_keep(struct headstore *hs, const char *name, const struct stat *st,
    const struct corpus_entry *v, size_t n)
{
	char	*buf, *p;
	size_t	 i, len = 0;

	for (i = 0; i < n; i++)
		len += v[i].len + 2;
	p = buf = xmalloc(len + 1);
	for (i = 0; i < n; i++) {
		*p++ = (char)v[i].type;
		memcpy(p, v[i].key, v[i].len + 1);
		p += v[i].len + 1;
	}
	headstore_dir_put(hs, name, st, buf, len);
	free(buf);
}

/* Whether the entry name in the folder open at dfd is a symbolic link, for a file
   system that gives no type in readdir(). */
static int
corpus_islink(int dfd, const char *name)
{
	struct stat	 st;

	return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

/* Keeps a linked folder for corpus_links(). */
static void
corpus_defer(struct corpus_walk *w, const char *path, const char *name)
{
	w->links = xreallocarray(w->links, w->nlinks + 1, sizeof *w->links);
	w->links[w->nlinks].path = xstrdup(path);
	w->links[w->nlinks].name = xstrdup(name);
	w->nlinks++;
}

static int
corpus_cmp_link(const void *a, const void *b)
{
	return strcmp(((const struct corpus_link *)a)->name,
	    ((const struct corpus_link *)b)->name);
}

/* Walks the linked folders, in the order of their names, once every real one is
   walked; links found in them are walked in a round after. */
static void
corpus_links(struct corpus_walk *w)
{
	struct corpus_link	*v;
	struct stat		 st;
	size_t			 i, n;
	int			 fd;

	while (w->nlinks > 0) {
		v = w->links;
		n = w->nlinks;
		w->links = NULL;
		w->nlinks = 0;
		qsort(v, n, sizeof *v, corpus_cmp_link);
		for (i = 0; i < n; i++) {
			if (stat(v[i].path, &st) == -1)
				corpus_folder(w, v[i].path, v[i].name, errno);
			else if (!S_ISDIR(st.st_mode))
				w->noimage = 1;
			else if (corpus_seen(w, &st))
				/* Not walked again; but a link down its chain
				   retargeted leads elsewhere, which the image
				   sees by this stamp. */
				corpus_stamped(w, v[i].path, &st);
			else {
				if ((fd = open(v[i].path, O_RDONLY | O_DIRECTORY |
				    O_CLOEXEC)) == -1)
					corpus_folder(w, v[i].path, v[i].name, errno);
				else {
					w->c->linked++;
					corpus_dir(w, fd, v[i].path, v[i].name);
				}
			}
			free(v[i].path);
			free(v[i].name);
		}
		free(v);
	}
}

static int
corpus_cmp(const void *a, const void *b)
{
	const struct article	*x = *(struct article *const *)a;
	const struct article	*y = *(struct article *const *)b;
	int			 r;

	r = strcoll(x->name, y->name);
	return r != 0 ? r : strcmp(x->name, y->name);
}

/* Sorts the articles by corpus_cmp(), and each one's flags in listed (which may
   be NULL) with it. */
static void
corpus_sort(struct corpus *c, unsigned char *listed)
{
	struct corpus_sorting {
		struct article	*a;
		unsigned char	 f;
	}	*v;
	size_t	 i;

	if (listed == NULL) {
		qsort(c->articles, c->n, sizeof *c->articles, corpus_cmp);
		return;
	}
	v = xreallocarray(NULL, c->n + 1, sizeof *v);
	for (i = 0; i < c->n; i++) {
		v[i].a = c->articles[i];
		v[i].f = listed[i];
	}
	/* The article's pointer first: corpus_cmp() compares it. */
	qsort(v, c->n, sizeof *v, corpus_cmp);
	for (i = 0; i < c->n; i++) {
		c->articles[i] = v[i].a;
		listed[i] = v[i].f;
	}
	free(v);
}

/* Entries of a folder in the order corpus_cmp() gives their articles. */
static int
corpus_cmp_entry(const void *a, const void *b)
{
	const struct corpus_entry	*x = a, *y = b;
	int				 r;

	r = strcoll(x->key, y->key);
	return r != 0 ? r : strcmp(x->key, y->key);
}

/* Whether the articles are in corpus_cmp()'s order already: they are when the walk
   met none through a link and had one root, in the C locale at least; a check of
   n - 1 pairs against a sort of n log n. */
static int
corpus_sorted(const struct corpus *c)
{
	size_t	 i;

	for (i = 1; i < c->n; i++)
		if (corpus_cmp(&c->articles[i - 1], &c->articles[i]) > 0)
			return 0;
	return 1;
}

int
corpus_scan(struct corpus *c, const char *const *paths, size_t npaths,
    const struct corpus_options *opts, struct diag *d)
{
	struct corpus_walk	 w;
	struct stat		 st;
	char			*root;
	size_t			 i, len;
	int			 fd, rc;

	memset(c, 0, sizeof *c);
	memset(&w, 0, sizeof w);
	w.c = c;
	w.opts = opts;
	corpus_places(c);
	/* Folders unchanged since the store listed them are not read again. */
	if (opts->heads != NULL)
		headstore_listings(opts->heads);
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &st) == -1) {
			diag_add(d, DIAG_ERROR, paths[i], 0, "%s", strerror(errno));
			goto fail;
		}
		if (S_ISDIR(st.st_mode)) {
			if (access(paths[i], R_OK | X_OK) == -1) {
				diag_add(d, DIAG_ERROR, paths[i], 0, "%s",
				    strerror(errno));
				goto fail;
			}
			root = xstrdup(paths[i]);
			len = strlen(root);
			while (len > 1 && root[len - 1] == '/')
				root[--len] = '\0';
			if (corpus_seen(&w, &st)) {
				corpus_stamped(&w, root, &st);
				free(root);
				continue;
			}
			if ((fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
				diag_add(d, DIAG_ERROR, paths[i], 0, "%s",
				    strerror(errno));
				free(root);
				goto fail;
			}
			corpus_dir(&w, fd, root, npaths > 1 ? root : "");
			free(root);
		} else
			corpus_add(&w, paths[i], paths[i], 0);
	}
	corpus_links(&w);
	free(w.seen);
	w.seen = NULL;
	rc = corpus_heads(c, opts, w.listed);
	/* The threads' texts, each made and freed on the way to its place. */
	xtrim();
	if (rc == -1) {
		diag_add(d, DIAG_ERROR, NULL, 0, "stopped: the heads read until now "
		    "are kept for the next time");
		goto fail;
	}
	if (!corpus_sorted(c)) {
		log_debug("corpus: %zu articles sorted after the walk", c->n);
		corpus_sort(c, w.listed);
	}
	/* What the catalogue's image needs, when the walk gave it all (an empty
	   corpus has its image too). */
	if (!w.noimage && w.listed == NULL)
		w.listed = xcalloc(1, 1);
	if (!w.noimage) {
		for (i = 0; i < c->n; i++)
			w.listed[i] = (w.listed[i] & CORPUS_REGULAR) != 0;
		c->regular = w.listed;
	} else
		free(w.listed);
	w.listed = NULL;

	c->label = corpus_label(paths, npaths);
	c->walked = time(NULL);
	return 0;

fail:
	for (i = 0; i < w.nlinks; i++) {
		free(w.links[i].path);
		free(w.links[i].name);
	}
	free(w.links);
	free(w.seen);
	free(w.listed);
	corpus_free(c);
	return -1;
}

char *
corpus_label(const char *const *paths, size_t npaths)
{
	const char	*base;
	char		*root, *label;
	size_t		 len;

	if (npaths != 1)
		return xasprintf("%zu paths", npaths);
	/* "." and "dir/.." are named by the directory they are. */
	if ((root = realpath(paths[0], NULL)) == NULL)
		root = xstrdup(paths[0]);
	len = strlen(root);
	while (len > 1 && root[len - 1] == '/')
		root[--len] = '\0';
	base = strrchr(root, '/');
	label = xstrdup(base != NULL && base[1] != '\0' ? base + 1 : root);
	free(root);
	return label;
}

/* The walk's places, each reserved far larger than any corpus needs (a reservation
   takes no memory until written). One that cannot be had, or registered, is left
   closed: its things are then malloc()ed, as before. */
#define CORPUS_PLACE_ARTICLES	((size_t)8 << 30)
#define CORPUS_PLACE_HEADS	((size_t)4 << 30)

static void
corpus_place(struct corpus *c, int k)
{
	if (place_open(&c->place[k], k == 0 ? CORPUS_PLACE_ARTICLES :
	    CORPUS_PLACE_HEADS) == -1)
		return;
	if (article_placed(c->place[k].lo, c->place[k].hi) == -1)
		place_close(&c->place[k]);
}

/* The walk's and the head store's: the heads' threads open what more they need. */
static void
corpus_places(struct corpus *c)
{
	int	 k;

	for (k = 0; k < 3; k++)
		corpus_place(c, k);
}

void
corpus_free(struct corpus *c)
{
	size_t	 i;
	int	 k;

	if (c->release == NULL || c->reheaded > 0)
		for (i = 0; i < c->n; i++)
			article_free(c->articles[i]);
	for (i = 0; i < c->nfolders; i++)
		free(c->folders[i].path);
	free(c->folders);
	free(c->regular);
	free(c->articles);
	if (c->release != NULL)
		c->release(c->release_arg);
	for (k = 0; k < CORPUS_PLACES; k++)
		if (c->place[k].lo != NULL) {
			article_unplaced(c->place[k].lo);
			place_close(&c->place[k]);
		}
	free(c->label);
	memset(c, 0, sizeof *c);
}

/* Articles [lo, hi) of corpus_unchanged(), on a thread of their own; changed is
   both halves', so that one stops as soon as the other finds a file changed. */
struct corpus_same {
	const struct corpus	*c;
	size_t			 lo, hi;
	atomic_int		*changed;
	const struct progress	*p;	/* the first half's, on the caller's
					   thread: NULL for the second */
};

static void *
corpus_same_part(void *arg)
{
	struct corpus_same	*w = arg;
	struct folderfd		 f = FOLDERFD_INIT;
	struct stat		 st;
	size_t			 i;

	for (i = w->lo; i < w->hi; i++) {
		/* Looked at now and then, not at each file: a flag both write. */
		if ((i & 1023) == 0 && atomic_load_explicit(w->changed,
		    memory_order_relaxed))
			break;
		/* Both halves go at one pace: twice this one's is about all. A
		   stop is taken as a change, which the caller looks at file by
		   file, as the stopped job it then starts says. */
		if ((i & 4095) == 0 && w->p != NULL && progress_report(w->p,
		    2 * (i - w->lo), w->c->n)) {
			atomic_store(w->changed, 1);
			break;
		}
		if (folderfd_stat(&f, w->c->articles[i]->path, &st) == -1 ||
		    !article_same(w->c->articles[i], &st)) {
			atomic_store(w->changed, 1);
			break;
		}
	}
	folderfd_close(&f);
	return NULL;
}

int
corpus_unchanged(const struct corpus *c)
{
	return corpus_unchanged_watched(c, NULL);
}

int
corpus_unchanged_watched(const struct corpus *c, const struct progress *p)
{
	struct corpus_same	 w[2];
	atomic_int		 changed;

	atomic_init(&changed, 0);
	w[0].p = p;
	w[1].p = NULL;
	w[0].c = w[1].c = c;
	w[0].lo = 0;
	w[0].hi = w[1].lo = c->n / 2;
	w[1].hi = c->n;
	w[0].changed = w[1].changed = &changed;
	halves_run(corpus_same_part, &w[0], &w[1], c->n);
	return !atomic_load(&changed);
}

/* Folders [lo, hi) of corpus_folders_unchanged(), on a thread of their own. */
struct corpus_dirs {
	const struct corpus	*c;
	size_t			 lo, hi;
	int			 changed;
};

static void *
corpus_dirs_part(void *arg)
{
	struct corpus_dirs		*w = arg;
	const struct corpus_folder	*f;
	struct stat			 now;
	size_t				 i;

	for (i = w->lo; i < w->hi && !w->changed; i++) {
		f = &w->c->folders[i];
		if ((w->c->walked != 0 && cachedir_racy_at(&f->st.st_mtim,
		    &f->st.st_ctim, w->c->walked)) ||
		    stat(f->path, &now) == -1 || !S_ISDIR(now.st_mode) ||
		    now.st_mtim.tv_sec != f->st.st_mtim.tv_sec ||
		    now.st_mtim.tv_nsec != f->st.st_mtim.tv_nsec ||
		    now.st_ctim.tv_sec != f->st.st_ctim.tv_sec ||
		    now.st_ctim.tv_nsec != f->st.st_ctim.tv_nsec ||
		    now.st_ino != f->st.st_ino || now.st_dev != f->st.st_dev)
			w->changed = 1;
	}
	return NULL;
}

int
corpus_folders_unchanged(const struct corpus *c)
{
	struct corpus_dirs	 w[2];
	struct stat		 st;
	size_t			 i;

	if (c->folders == NULL || c->regular == NULL)
		return 0;
	w[0].c = w[1].c = c;
	w[0].lo = 0;
	w[0].hi = w[1].lo = c->nfolders / 2;
	w[1].hi = c->nfolders;
	w[0].changed = w[1].changed = 0;
	halves_run(corpus_dirs_part, &w[0], &w[1], c->nfolders < 256 ? 0 :
	    HALVES_MIN);
	if (w[0].changed || w[1].changed)
		return 0;
	/* A link's target changes with no folder's times. */
	for (i = 0; i < c->n; i++)
		if (!c->regular[i] && (stat(c->articles[i]->path, &st) == -1 ||
		    !article_same(c->articles[i], &st)))
			return 0;
	return 1;
}
