/* The head store in SQLite: a table of heads keyed by the article's name, each row
   with a checksum of its own (SQLite checks its pages' structure, not the bytes of a
   title), and a table of facts about the store (its version, the chrome patterns'
   fingerprint), and one of the folders' listings. Listings are read before the
   walk, which takes them for folders unchanged since; rows once the walk is done,
   in the order of their names, by two threads for a large store, straight into
   the articles, found by a cursor down the articles in that order. A row is
   believed only once stat() gives its stamp again, or, for the screen, once the
   verifier behind it has. */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cachedir.h"
#include "headstore.h"
#include "log.h"
#include "place.h"
#include "xmalloc.h"

/* Bumped whenever what article_head() finds, the tables, the checksum or the meaning
   of meta (the tag: 4) change. */
#define HEADSTORE_VERSION	4

/* What a walked article is to the store (state[], a byte per article). */
#define HEADSTORE_FOUND		0x01	/* filled from a row, not checked yet */
#define HEADSTORE_HIT		0x02	/* the row's stamp is the file's */
#define HEADSTORE_READ		0x04	/* read from its file, to be stored */
#define HEADSTORE_BINARY	0x08	/* the row says binary */
#define HEADSTORE_BIG		0x10	/* the row says too large to read */
#define HEADSTORE_PROVISIONAL	0x20	/* taken without a stat: verify.c checks it */
#define HEADSTORE_LISTED	0x40	/* to be taken without a stat (trust_listed) */


/* The kind column. */
enum headstore_kind {
	HEADSTORE_KIND_OK,
	HEADSTORE_KIND_BINARY,
	HEADSTORE_KIND_BIG
};

struct headstore {
	sqlite3		*db;		/* NULL: holds nothing and keeps nothing */
	char		*path;
	uint64_t	 fingerprint;
	int		 ro;		/* opened read-only: nothing is written */
	int		 reset;		/* no row is believed: all are written anew */
	int		 damaged;	/* replaced at the save */
	int		 trust;		/* rows are taken unchecked (headstore_trust) */
	/* The store's tag, a number drawn anew by every write that changes a row:
	   what the rows this one read (and then wrote) are, for a cache made from
	   them (headstore_tag()); -1 when none is known, or when another rubric
	   wrote between this one's reading and writing. */
	int64_t		 tag;
	unsigned char	*state;		/* per article filled */
	atomic_size_t	 hits;
	atomic_size_t	 unchecked;	/* taken without a stat */
	/* The articles being filled (headstore_fill()), in the order of their
	   names (SQLite's order of blobs, strcmp()'s) through order, NULL when
	   they are in it already; names of rows no article has, to be removed. */
	struct article *const *arts;
	size_t		 narts;
	struct place	*place;		/* the readers' (headstore_fill()) */
	size_t		*order;
	char		**gone;
	size_t		 ngone;
	pthread_mutex_t	 lock;		/* gone, between the two readers */
	/* The folders' listings, read before the walk starts (headstore_listings())
	   and found by name through dtab; those the walk read anew, to be kept. */
	struct headstore_dir *dirs;
	size_t		 ndirs;
	size_t		*dtab;
	size_t		 dcap;
	struct headstore_dir *fresh;
	size_t		 nfresh;
	size_t		 dir_hits;	/* listings the walk took */
};

/* A folder as it was listed: its stamp and its entries, each a byte of readdir()'s
   type, the name and a NUL, in the walk's order. The walk takes them in place of
   reading the folder when the folder's stamp is this one: a folder's mtime changes
   whenever an entry is made, removed or renamed in it, and its ctime with its
   owner, mode or mtime set by hand. */
struct headstore_dir {
	char		*name;
	char		*entries;
	size_t		 elen;
	int64_t		 mtime_s, ctime_s, ino, dev;
	int32_t		 mtime_ns, ctime_ns; /* ctime_ns -1: a racy stamp */
	uint32_t	 len;
	unsigned char	 taken;		/* the walk met it */
};

size_t headstore_halves = 20000;

/* The article at position k of the order of names, and its index. */
#define HEADSTORE_IDX(hs, k)	((hs)->order != NULL ? (hs)->order[k] : (k))
#define HEADSTORE_ART(hs, k)	((hs)->arts[HEADSTORE_IDX(hs, k)])

static const char headstore_schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY NOT NULL, "
	"value INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS heads(path BLOB PRIMARY KEY NOT NULL, "
	"size INTEGER NOT NULL, mtime_s INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, "
	"ctime_s INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL, "
	"kind INTEGER NOT NULL, title BLOB, date BLOB, source BLOB, url BLOB, "
	"author BLOB, error BLOB, sum INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS dirs(path BLOB PRIMARY KEY NOT NULL, "
	"mtime_s INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_s INTEGER NOT NULL, "
	"ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL, dev INTEGER NOT NULL, "
	"entries BLOB NOT NULL, sum INTEGER NOT NULL) WITHOUT ROWID;";

#define HEADSTORE_DIRS	"SELECT path, mtime_s, mtime_ns, ctime_s, ctime_ns, ino, " \
	"dev, entries, sum FROM dirs"

#define HEADSTORE_SELECT	"SELECT path, size, mtime_s, mtime_ns, ctime_s, ctime_ns, " \
	"ino, kind, title, date, source, url, author, error, sum FROM heads"

static int	 headstore_connect(struct headstore *);
static void	 headstore_disconnect(struct headstore *);
static int	 headstore_damage(int);
static void	 headstore_replace(struct headstore *);
static int	 headstore_meta(struct headstore *);
static int	 headstore_retag(struct headstore *);
static uint64_t	 headstore_sum(const char *, size_t, const int64_t *,
		    const char *const *, const size_t *);
static const char *headstore_column(sqlite3_stmt *, int, size_t *, int *);
static int	 headstore_keeps(const struct article *, enum article_head_result);
static int	 headstore_put(const struct headstore *, sqlite3_stmt *,
		    const struct article *, int);
static int	 headstore_delete(sqlite3_stmt *, const char *);
static size_t	 headstore_lower(const struct headstore *, const char *, size_t);
static int	 headstore_name_cmp(const char *, const char *, size_t);
static void	 headstore_gone(struct headstore *, const char *, size_t);
static int	 headstore_read_part(struct headstore *, sqlite3 *, const void *, int,
		    const void *, int, struct place *, size_t *);
static void	*headstore_read_half(void *);
static int	 headstore_cmp_order(const void *, const void *);
static int	 headstore_read(struct headstore *);
static void	 headstore_rows_free(struct headstore *);
static uint64_t	 headstore_dir_sum(const struct headstore_dir *);
static void	 headstore_dirs_read(struct headstore *);
static int	 headstore_dirs_save(struct headstore *);
static void	 headstore_dirs_free(struct headstore *);

/* A row's checksum over its name, its numbers (stamp, kind and the chrome patterns'
   fingerprint) and its six texts, a missing one told apart from an empty one. */
static uint64_t
headstore_sum(const char *name, size_t len, const int64_t *num,
    const char *const *text, const size_t *tlen)
{
	uint64_t	 h = CACHEDIR_FNV_BASIS;
	size_t		 i;

	h = cachedir_sum(h, name, len);
	h = cachedir_sum(h, num, 8 * sizeof *num);
	for (i = 0; i < 6; i++)
		h = text[i] != NULL ? cachedir_sum(h, text[i], tlen[i]) :
		    cachedir_sum(h, "", 0) ^ 1;
	return h & INT64_MAX;
}

/* Whether an error says the file is no database of ours (garbage, cut short, other
   tables), which is replaced, rather than one that is busy or cannot be written to,
   which is left alone. */
static int
headstore_damage(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
	case SQLITE_ERROR:
	case SQLITE_FORMAT:
	case SQLITE_SCHEMA:
	case SQLITE_MISMATCH:
	case SQLITE_CONSTRAINT:
	case SQLITE_RANGE:
		return 1;
	}
	return 0;
}

/* Opens the database, read-write if it can be and read-only if not. Something other
   than a file in its place (a folder, a FIFO, a link) is no store. */
static int
headstore_connect(struct headstore *hs)
{
	struct stat	 st;
	int		 made;

	if ((made = lstat(hs->path, &st)) == 0 && !S_ISREG(st.st_mode))
		return -1;
	cachedir_make(hs->path);
	hs->ro = 0;
	/* NOMUTEX: a connection is used by one thread at a time (the second half
	   of the rows has a connection of its own), and SQLite's locking of every
	   call was a twentieth of a warm start at a million rows. */
	if (sqlite3_open_v2(hs->path, &hs->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(hs->db);
		hs->ro = 1;
		if (sqlite3_open_v2(hs->path, &hs->db, SQLITE_OPEN_READONLY |
		    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
			sqlite3_close(hs->db);
			hs->db = NULL;
			return -1;
		}
	}
	/* The titles are the user's business, as the folder's mode says. */
	if (made == -1 && !hs->ro)
		chmod(hs->path, 0600);
	/* Another rubric writing its heads is waited for a moment, then let be. */
	sqlite3_busy_timeout(hs->db, 1000);
	/* A cache: a crash may lose it, the checks then replace it. */
	sqlite3_exec(hs->db, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
	return 0;
}

static void
headstore_disconnect(struct headstore *hs)
{
	sqlite3_close(hs->db);
	hs->db = NULL;
}

/* Puts an empty store in place of a damaged one; a store that cannot be had so is
   none. */
static void
headstore_replace(struct headstore *hs)
{
	static const char *const ext[] = { "", "-journal", "-wal", "-shm" };
	char	*p;
	size_t	 i;

	headstore_disconnect(hs);
	log_debug("%s: damaged, made anew", hs->path);
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		p = xasprintf("%s%s", hs->path, ext[i]);
		unlink(p);
		free(p);
	}
	hs->damaged = 0;
	hs->reset = 1;
	if (headstore_connect(hs) == -1)
		return;
	if (hs->ro || sqlite3_exec(hs->db, headstore_schema, NULL, NULL, NULL) !=
	    SQLITE_OK)
		headstore_disconnect(hs);
}

/* Makes the tables if they are not there and reads the store's facts: 0 if its rows
   can be believed, -1 if they were found with other chrome patterns or the store is
   new (none is), or an SQLite error code. */
static int
headstore_meta(struct headstore *hs)
{
	sqlite3_stmt	*st;
	const char	*key;
	int64_t		 version = -1, chrome = -1;
	int		 rc;

	rc = sqlite3_exec(hs->db, headstore_schema, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_prepare_v2(hs->db, "SELECT key, value FROM meta", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		if (key == NULL)
			continue;
		if (strcmp(key, "version") == 0)
			version = sqlite3_column_int64(st, 1);
		else if (strcmp(key, "chrome") == 0)
			chrome = sqlite3_column_int64(st, 1);
		else if (strcmp(key, "tag") == 0)
			hs->tag = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	if (version != -1 && version != HEADSTORE_VERSION)
		return SQLITE_FORMAT;
	/* A table of that name but other columns is another program's, or damage. */
	rc = sqlite3_prepare_v2(hs->db, HEADSTORE_SELECT, -1, &st, NULL);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_prepare_v2(hs->db, HEADSTORE_DIRS, -1, &st, NULL);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	return version == -1 || chrome != (int64_t)(hs->fingerprint & INT64_MAX) ?
	    -1 : 0;
}

struct headstore *
headstore_open(const char *path, uint64_t fingerprint)
{
	struct headstore	*hs = xcalloc(1, sizeof *hs);
	int			 rc;

	atomic_init(&hs->hits, 0);
	atomic_init(&hs->unchecked, 0);
	pthread_mutex_init(&hs->lock, NULL);
	hs->fingerprint = fingerprint;
	hs->tag = -1;
	if (path == NULL)
		return hs;
	hs->path = xstrdup(path);
	if (headstore_connect(hs) == -1)
		return hs;
	rc = headstore_meta(hs);
	if (rc == -1)
		hs->reset = 1;
	else if (rc != 0) {
		log_debug("%s: %s", path, sqlite3_errstr(rc));
		if (headstore_damage(rc) && !hs->ro)
			headstore_replace(hs);
		else
			headstore_disconnect(hs);
	}
	return hs;
}

/* Column k's bytes, *len of them, NULL for NULL; *bad set when they cannot be a
   text (a NUL inside). Borrowed from SQLite, valid until the next step: the
   article copies them. */
static const char *
headstore_column(sqlite3_stmt *st, int k, size_t *len, int *bad)
{
	const void	*b;
	int		 n;

	*len = 0;
	if (sqlite3_column_type(st, k) == SQLITE_NULL)
		return NULL;
	b = sqlite3_column_blob(st, k);
	n = sqlite3_column_bytes(st, k);
	if (n < 0 || (n > 0 && (b == NULL || memchr(b, '\0', (size_t)n) != NULL))) {
		*bad = 1;
		return NULL;
	}
	/* An empty text is one, not none (SQLite gives NULL for no bytes). */
	if (n == 0)
		return "";
	*len = (size_t)n;
	return b;
}

/* The position in the order of names of the first article whose name is not below
   name (hs->narts when there is none). */
static size_t
headstore_lower(const struct headstore *hs, const char *name, size_t len)
{
	size_t	 lo = 0, hi = hs->narts, mid;
	int	 r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = headstore_name_cmp(HEADSTORE_ART(hs, mid)->name, name, len);
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A row's name of len bytes against an article's name, in the rows' order. */
static int
headstore_name_cmp(const char *aname, const char *name, size_t len)
{
	size_t	 alen = strlen(aname);
	int	 r = memcmp(aname, name, alen < len ? alen : len);

	return r != 0 ? r : alen < len ? -1 : alen > len;
}

/* Keeps the name of a row no article has, for headstore_save() to remove. */
static void
headstore_gone(struct headstore *hs, const char *name, size_t len)
{
	pthread_mutex_lock(&hs->lock);
	hs->gone = xreallocarray(hs->gone, hs->ngone + 1, sizeof *hs->gone);
	hs->gone[hs->ngone++] = xstrndup(name, len);
	pthread_mutex_unlock(&hs->lock);
}

/* Reads the rows of names from lo (NULL: the first) up to hi (NULL: the last) with
   db, a connection of the caller's thread, and gives each its article, found by a
   cursor down the articles in the order of their names, which is the rows': the
   stamp and texts go into the article, and its state says what the row said. A
   row no article has is kept for removal; a bad one (checksum, shape) is not
   believed: its article is read. Returns the SELECT's last result code and how
   many rows were read in *n. */
static int
headstore_read_part(struct headstore *hs, sqlite3 *db, const void *lo, int lolen,
    const void *hi, int hilen, struct place *pl, size_t *n)
{
	struct article	*a;
	sqlite3_stmt	*st;
	const char	*name;
	const char	*text[ARTICLE_NTEXTS];
	int64_t		 num[8];
	size_t		 tlen[ARTICLE_NTEXTS], len, k, pos;
	int		 rc, bad, r;

	*n = 0;
	rc = sqlite3_prepare_v2(db, lo != NULL && hi != NULL ? HEADSTORE_SELECT
	    " WHERE path >= ?1 AND path < ?2" : lo != NULL ? HEADSTORE_SELECT
	    " WHERE path >= ?1" : hi != NULL ? HEADSTORE_SELECT " WHERE path < ?2" :
	    HEADSTORE_SELECT, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if (lo != NULL)
		sqlite3_bind_blob(st, 1, lo, lolen, SQLITE_STATIC);
	if (hi != NULL)
		sqlite3_bind_blob(st, 2, hi, hilen, SQLITE_STATIC);
	pos = lo != NULL ? headstore_lower(hs, lo, (size_t)lolen) : 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(*n)++;
		name = sqlite3_column_blob(st, 0);
		len = (size_t)sqlite3_column_bytes(st, 0);
		if (name == NULL || len == 0 || memchr(name, '\0', len) != NULL)
			continue;
		/* Its article: at the cursor most often. */
		r = -1;
		while (pos < hs->narts && (r = headstore_name_cmp(HEADSTORE_ART(hs,
		    pos)->name, name, len)) < 0)
			pos++;
		if (pos >= hs->narts || r != 0) {
			headstore_gone(hs, name, len);
			continue;
		}
		a = HEADSTORE_ART(hs, pos);
		pos++;
		/* A folder the walk could not read has its reason and no row. */
		if (a->error != NULL)
			continue;
		for (k = 0; k < 7; k++)
			num[k] = sqlite3_column_int64(st, 1 + (int)k);
		num[7] = (int64_t)(hs->fingerprint & INT64_MAX);
		bad = 0;
		for (k = 0; k < ARTICLE_NTEXTS; k++)
			text[k] = headstore_column(st, 8 + (int)k, &tlen[k], &bad);
		if (bad || (uint64_t)sqlite3_column_int64(st, 14) !=
		    headstore_sum(a->name, len, num, text, tlen) ||
		    num[2] < 0 || num[2] > 999999999 || num[4] < -1 ||
		    num[4] > 999999999 ||
		    num[6] < HEADSTORE_KIND_OK || num[6] > HEADSTORE_KIND_BIG ||
		    (num[6] == HEADSTORE_KIND_BINARY) != (text[0] == NULL) ||
		    (num[6] == HEADSTORE_KIND_BIG) != (text[5] != NULL))
			continue;
		article_set_stamp(a, num);
		/* A row of an earlier rubric's may have the texts a head no
		   longer keeps (article_head()): not kept. */
		text[ARTICLE_URL] = text[ARTICLE_AUTHOR] = NULL;
		tlen[ARTICLE_URL] = tlen[ARTICLE_AUTHOR] = 0;
		article_set_texts_in(a, text, tlen, pl);
		hs->state[HEADSTORE_IDX(hs, pos - 1)] = HEADSTORE_FOUND |
		    (num[6] == HEADSTORE_KIND_BINARY ? HEADSTORE_BINARY : 0) |
		    (num[6] == HEADSTORE_KIND_BIG ? HEADSTORE_BIG : 0);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The second half of the rows, read by a thread and a connection of its own. */
struct headstore_half {
	struct headstore	*hs;
	const void		*lo;
	int			 lolen;
	size_t			 n;
	int			 rc;
};

static void *
headstore_read_half(void *arg)
{
	struct headstore_half	*h = arg;
	sqlite3			*db;

	if (sqlite3_open_v2(h->hs->path, &db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		h->rc = SQLITE_CANTOPEN;
	else {
		sqlite3_busy_timeout(db, 1000);
		h->rc = headstore_read_part(h->hs, db, h->lo, h->lolen, NULL, 0,
		    h->hs->place != NULL ? &h->hs->place[1] : NULL, &h->n);
	}
	sqlite3_close(db);
	return NULL;
}

/* An article's name and index, to sort the articles' order by. */
struct headstore_ord {
	const char	*name;
	size_t		 i;
};

static int
headstore_cmp_order(const void *x, const void *y)
{
	const struct headstore_ord	*a = x, *b = y;

	return strcmp(a->name, b->name);
}

/* Reads every row into the articles. A large store is read in two halves at once,
   the second by a thread and a connection of its own (a core's worth of SQLite
   and copying: about 1.2 s a million rows in one). Returns the SELECT's last
   result code. */
static int
headstore_read(struct headstore *hs)
{
	struct headstore_half	 half;
	sqlite3_stmt		*st;
	pthread_t		 t;
	void			*mid = NULL;
	struct timespec		 t0, t1;
	size_t			 count = 0, n1 = 0, i;
	int			 rc, two = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* The articles in the rows' order: as the walk gave them, most often. */
	for (i = 1; i < hs->narts; i++)
		if (strcmp(hs->arts[i - 1]->name, hs->arts[i]->name) >= 0)
			break;
	if (i < hs->narts) {
		struct headstore_ord	*v;

		v = xreallocarray(NULL, hs->narts, sizeof *v);
		for (i = 0; i < hs->narts; i++) {
			v[i].name = hs->arts[i]->name;
			v[i].i = i;
		}
		qsort(v, hs->narts, sizeof *v, headstore_cmp_order);
		hs->order = xreallocarray(NULL, hs->narts, sizeof *hs->order);
		for (i = 0; i < hs->narts; i++)
			hs->order[i] = v[i].i;
		free(v);
	}
	rc = sqlite3_prepare_v2(hs->db, "SELECT count(*) FROM heads", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		count = (size_t)sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	memset(&half, 0, sizeof half);
	if (count >= headstore_halves && sqlite3_prepare_v2(hs->db, "SELECT path FROM "
	    "heads ORDER BY path LIMIT 1 OFFSET ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)(count / 2));
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) > 0) {
			half.lolen = sqlite3_column_bytes(st, 0);
			mid = xmalloc((size_t)half.lolen);
			memcpy(mid, sqlite3_column_blob(st, 0), (size_t)half.lolen);
		}
		sqlite3_finalize(st);
	}
	if (mid != NULL) {
		half.hs = hs;
		half.lo = mid;
		two = pthread_create(&t, NULL, headstore_read_half, &half) == 0;
	}
	rc = headstore_read_part(hs, hs->db, NULL, 0, two ? mid : NULL, half.lolen,
	    hs->place, &n1);
	if (two) {
		pthread_join(t, NULL);
		if (rc == SQLITE_DONE)
			rc = half.rc;
	}
	free(mid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_debug("heads: %zu rows read in %s in %.3f s", n1 + half.n, two ?
	    "two halves" : "one piece", (double)(t1.tv_sec - t0.tv_sec) +
	    (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return rc;
}

void
headstore_listings(struct headstore *hs)
{
	if (hs->db == NULL || hs->reset || hs->dirs != NULL)
		return;
	/* The walk about to start asks for the listings. */
	headstore_dirs_read(hs);
}

static void
headstore_rows_free(struct headstore *hs)
{
	size_t	 i;

	for (i = 0; i < hs->ngone; i++)
		free(hs->gone[i]);
	free(hs->gone);
	free(hs->order);
	hs->gone = NULL;
	hs->order = NULL;
	hs->ngone = 0;
	hs->arts = NULL;
	hs->narts = 0;
}

void
headstore_fill(struct headstore *hs, struct article *const *a, size_t n,
    struct place *place)
{
	size_t	 i;
	int	 rc;

	if (hs->db == NULL || hs->state != NULL)
		return;
	hs->state = xcalloc(n + 1, 1);
	if (hs->reset)
		return;
	hs->arts = a;
	hs->narts = n;
	hs->place = place;
	rc = headstore_read(hs);
	hs->place = NULL;
	if (rc == SQLITE_DONE)
		return;
	/* What came before the failure was checked row by row and is kept. */
	log_debug("%s: %s", hs->path, sqlite3_errstr(rc));
	if (headstore_damage(rc) && !hs->ro)
		hs->damaged = 1;
	else {
		/* Nothing from a store that cannot be read to the end: the
		   articles it filled are read. */
		for (i = 0; i < n; i++)
			if (hs->state[i] & HEADSTORE_FOUND)
				article_wipe(a[i]);
		headstore_disconnect(hs);
		headstore_rows_free(hs);
		free(hs->state);
		hs->state = NULL;
	}
}

enum article_head_result
headstore_head(struct headstore *hs, size_t i, struct article *a,
    const struct chrome *chrome, int dfd, const char *base, struct place *pl)
{
	enum article_head_result	 res;
	struct stat			 st;
	unsigned char			 s = 0;

	/* A folder the walk could not read has its reason already; no row does. */
	if (hs->state != NULL)
		s = hs->state[i];
	if (a->error != NULL && !(s & HEADSTORE_FOUND))
		return ARTICLE_UNREADABLE;
	/* A binary row is checked all the same: an article that left the corpus
	   could not come back into it if its file became text. */
	if ((s & HEADSTORE_FOUND) && (hs->trust || (s & HEADSTORE_LISTED)) &&
	    !(s & HEADSTORE_BINARY)) {
		hs->state[i] |= HEADSTORE_PROVISIONAL;
		atomic_fetch_add(&hs->unchecked, 1);
		return s & HEADSTORE_BIG ? ARTICLE_UNREADABLE : ARTICLE_OK;
	}
	if (s & HEADSTORE_FOUND) {
		if (fstatat(dfd, base, &st, 0) == 0 && article_same(a, &st)) {
			hs->state[i] |= HEADSTORE_HIT;
			atomic_fetch_add(&hs->hits, 1);
			return s & HEADSTORE_BINARY ? ARTICLE_BINARY :
			    s & HEADSTORE_BIG ? ARTICLE_UNREADABLE : ARTICLE_OK;
		}
		article_wipe(a);
	}
	res = article_head_in(a, chrome, pl);
	if (hs->state != NULL && headstore_keeps(a, res))
		hs->state[i] |= HEADSTORE_READ;
	return res;
}

/* Whether a row is kept for an article read with this result: what has a stamp
   (what was read from a regular file), and of the unreadable ones only those too
   large, which reading again would not change; a file that could not be opened
   is tried again next time. */
static int
headstore_keeps(const struct article *a, enum article_head_result res)
{
	int64_t	 stamp[ARTICLE_STAMPLEN];

	article_stamp(a, stamp);
	return stamp[5] != 0 && (res != ARTICLE_UNREADABLE ||
	    stamp[0] > ARTICLE_MAXSIZE);
}

/* Writes article a's row (kind from what reading it found). */
static int
headstore_put(const struct headstore *hs, sqlite3_stmt *st, const struct article *a,
    int kind)
{
	const char	*text[ARTICLE_NTEXTS];
	int64_t		 num[8];
	size_t		 tlen[ARTICLE_NTEXTS];
	size_t		 len = strlen(a->name);
	int		 k, rc;

	/* A binary row holds no texts: an article found binary while the screen
	   was up keeps a reason on screen that the store does not. */
	for (k = 0; k < ARTICLE_NTEXTS; k++) {
		text[k] = kind == HEADSTORE_KIND_BINARY ? NULL : article_text(a, k);
		tlen[k] = text[k] != NULL ? strlen(text[k]) : 0;
	}
	article_stamp(a, num);
	/* A stamp a second write could leave as it is gets a ctime no file has:
	   the head is read again next time rather than believed. */
	if (article_racy(a))
		num[4] = -1;
	num[6] = kind;
	/* The chrome patterns it was read with, under the checksum: another
	   rubric with other patterns may empty the store and put its own in the
	   meta while this one reads or writes, and neither takes the other's. */
	num[7] = (int64_t)(hs->fingerprint & INT64_MAX);
	sqlite3_reset(st);
	sqlite3_bind_blob(st, 1, a->name, (int)len, SQLITE_STATIC);
	for (k = 0; k < 7; k++)
		sqlite3_bind_int64(st, 2 + k, num[k]);
	for (k = 0; k < 6; k++) {
		if (text[k] != NULL)
			sqlite3_bind_blob(st, 9 + k, text[k], (int)tlen[k],
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 9 + k);
	}
	sqlite3_bind_int64(st, 15, (int64_t)headstore_sum(a->name, len, num, text,
	    tlen));
	rc = sqlite3_step(st);
	return rc == SQLITE_DONE ? 0 : rc;
}

static int
headstore_delete(sqlite3_stmt *st, const char *name)
{
	int	 rc;

	sqlite3_reset(st);
	sqlite3_bind_blob(st, 1, name, (int)strlen(name), SQLITE_STATIC);
	rc = sqlite3_step(st);
	return rc == SQLITE_DONE ? 0 : rc;
}

void
headstore_save(struct headstore *hs, struct article *const *a, size_t n,
    const enum article_head_result *res)
{
	sqlite3_stmt	*put = NULL, *del = NULL;
	size_t		 i, wrote = 0;
	int		 rc, kind;
	unsigned char	 s;

	if (hs->db == NULL || hs->state == NULL || hs->ro)
		goto done;
	if (hs->damaged) {
		headstore_replace(hs);
		if (hs->db == NULL)
			goto done;
	}
	/* IMMEDIATE: another rubric saving is waited for here, not halfway. */
	if ((rc = sqlite3_exec(hs->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		goto out;
	if (hs->reset) {
		rc = sqlite3_exec(hs->db, "DELETE FROM heads; DELETE FROM dirs; "
		    "DELETE FROM meta;",
		    NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			char	*sql = xasprintf("INSERT INTO meta VALUES('version', %d),"
			    "('chrome', %lld)", HEADSTORE_VERSION,
			    (long long)(hs->fingerprint & INT64_MAX));

			rc = sqlite3_exec(hs->db, sql, NULL, NULL, NULL);
			free(sql);
		}
		if (rc != SQLITE_OK)
			goto rollback;
	}
	if ((rc = sqlite3_prepare_v2(hs->db, "INSERT OR REPLACE INTO heads VALUES"
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &put, NULL)) !=
	    SQLITE_OK || (rc = sqlite3_prepare_v2(hs->db, "DELETE FROM heads WHERE "
	    "path = ?", -1, &del, NULL)) != SQLITE_OK)
		goto rollback;
	for (i = 0; i < n; i++) {
		s = hs->state[i];
		if ((s & HEADSTORE_READ) || (hs->reset && (s & HEADSTORE_HIT))) {
			kind = res[i] == ARTICLE_BINARY ? HEADSTORE_KIND_BINARY :
			    res[i] == ARTICLE_UNREADABLE ? HEADSTORE_KIND_BIG :
			    HEADSTORE_KIND_OK;
			rc = headstore_put(hs, put, a[i], kind);
			wrote++;
		} else if ((s & HEADSTORE_FOUND) && !(s & (HEADSTORE_HIT |
		    HEADSTORE_PROVISIONAL))) {
			rc = headstore_delete(del, a[i]->name);
			wrote++;
		} else
			rc = 0;
		if (rc != 0)
			goto rollback;
	}
	/* Rows no article has: files gone. */
	for (i = 0; i < hs->ngone; i++)
		if ((rc = headstore_delete(del, hs->gone[i])) != 0)
			goto rollback;
	if ((rc = headstore_dirs_save(hs)) != 0)
		goto rollback;
	if ((wrote > 0 || hs->ngone > 0 || hs->reset) &&
	    (rc = headstore_retag(hs)) != 0)
		goto rollback;
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	put = del = NULL;
	if ((rc = sqlite3_exec(hs->db, "COMMIT", NULL, NULL, NULL)) == SQLITE_OK) {
		hs->reset = 0;
		goto done;
	}

rollback:
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	sqlite3_exec(hs->db, "ROLLBACK", NULL, NULL, NULL);
out:
	hs->tag = -1;
	/* Not saved costs the next start time, nothing else. */
	log_debug("%s: not saved: %s", hs->path, sqlite3_errstr(rc));
done:
	/* The rows have been taken or deleted: what is left of them (a name and
	   eight numbers a row, 40 MB at 200,000 articles) would stay for the
	   session's life. The articles hold their texts now. */
	headstore_rows_free(hs);
	headstore_dirs_free(hs);
}

/* In a write transaction that changed rows: draws a new tag. The tag found must be
   the one read when the rows were, or another rubric wrote between, and what this
   one holds is not what any tag names. */
static int
headstore_retag(struct headstore *hs)
{
	sqlite3_stmt	*st;
	int64_t		 now = -1, tag;
	int		 rc;

	rc = sqlite3_prepare_v2(hs->db, "SELECT value FROM meta WHERE key = 'tag'",
	    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		now = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (getentropy(&tag, sizeof tag) == -1)
		tag = (int64_t)time(NULL) ^ (int64_t)getpid() << 32;
	tag &= INT64_MAX;
	rc = sqlite3_prepare_v2(hs->db, "INSERT OR REPLACE INTO meta VALUES "
	    "('tag', ?)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, tag);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	hs->tag = now == hs->tag && !hs->reset ? tag : -1;
	return 0;
}

int64_t
headstore_tag(const struct headstore *hs)
{
	return hs->tag;
}

int64_t
headstore_tag_of(const char *path)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st;
	int64_t		 tag = -1;

	if (path == NULL || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 1000);
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'tag'", -1,
	    &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) == SQLITE_INTEGER)
			tag = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return tag;
}

void
headstore_trust(struct headstore *hs)
{
	hs->trust = 1;
}

void
headstore_trust_listed(struct headstore *hs, const unsigned char *listed,
    unsigned char bit)
{
	size_t	 i;

	if (hs->state == NULL)
		return;
	for (i = 0; i < hs->narts; i++)
		if ((listed[i] & bit) && (hs->state[i] & HEADSTORE_FOUND) &&
		    article_stamp_sure(hs->arts[i]))
			hs->state[i] |= HEADSTORE_LISTED;
}

void
headstore_update(struct headstore *hs, struct article *const *a,
    const enum article_head_result *res, size_t n)
{
	sqlite3_stmt	*put = NULL, *del = NULL;
	size_t		 i;
	int		 rc;

	if (hs->db == NULL || hs->ro || n == 0)
		return;
	if ((rc = sqlite3_exec(hs->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		goto out;
	if ((rc = sqlite3_prepare_v2(hs->db, "INSERT OR REPLACE INTO heads VALUES"
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &put, NULL)) !=
	    SQLITE_OK || (rc = sqlite3_prepare_v2(hs->db, "DELETE FROM heads WHERE "
	    "path = ?", -1, &del, NULL)) != SQLITE_OK)
		goto rollback;
	for (i = 0; i < n; i++) {
		/* As headstore_head() stores: what has a stamp, and of the
		   unreadable only the too large. */
		if (headstore_keeps(a[i], res[i]))
			rc = headstore_put(hs, put, a[i], res[i] == ARTICLE_BINARY ?
			    HEADSTORE_KIND_BINARY : res[i] == ARTICLE_UNREADABLE ?
			    HEADSTORE_KIND_BIG : HEADSTORE_KIND_OK);
		else
			rc = headstore_delete(del, a[i]->name);
		if (rc != 0)
			goto rollback;
	}
	if ((rc = headstore_retag(hs)) != 0)
		goto rollback;
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	put = del = NULL;
	if ((rc = sqlite3_exec(hs->db, "COMMIT", NULL, NULL, NULL)) == SQLITE_OK)
		return;

rollback:
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	sqlite3_exec(hs->db, "ROLLBACK", NULL, NULL, NULL);
out:
	log_debug("%s: not updated: %s", hs->path, sqlite3_errstr(rc));
}

size_t
headstore_dir_hits(const struct headstore *hs)
{
	return hs->dir_hits;
}

size_t
headstore_hits(const struct headstore *hs)
{
	return atomic_load(&((struct headstore *)hs)->hits);
}

size_t
headstore_unchecked(const struct headstore *hs)
{
	return atomic_load(&((struct headstore *)hs)->unchecked);
}

void
headstore_close(struct headstore *hs)
{
	if (hs == NULL)
		return;
	headstore_disconnect(hs);
	headstore_rows_free(hs);
	headstore_dirs_free(hs);
	pthread_mutex_destroy(&hs->lock);
	free(hs->state);
	free(hs->path);
	free(hs);
}

/* A listing's checksum over its name, stamp and entries. */
static uint64_t
headstore_dir_sum(const struct headstore_dir *d)
{
	int64_t		 num[6] = { d->mtime_s, d->mtime_ns, d->ctime_s, d->ctime_ns,
			    d->ino, d->dev };
	uint64_t	 h = CACHEDIR_FNV_BASIS;

	h = cachedir_sum(h, d->name, d->len);
	h = cachedir_sum(h, num, sizeof num);
	h = cachedir_sum(h, d->entries, d->elen);
	return h & INT64_MAX;
}

/* Reads the listings and indexes them by name. A bad one (checksum, shape) is left
   out: its folder is read, and its row replaced. */
static void
headstore_dirs_read(struct headstore *hs)
{
	struct headstore_dir	*d;
	sqlite3_stmt		*st;
	const void		*b;
	size_t			 cap = 0, h, k;
	int			 rc, n;

	if (sqlite3_prepare_v2(hs->db, HEADSTORE_DIRS, -1, &st, NULL) != SQLITE_OK)
		return;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (hs->ndirs == cap) {
			cap = cap ? cap * 2 : 256;
			hs->dirs = xreallocarray(hs->dirs, cap, sizeof *hs->dirs);
		}
		d = &hs->dirs[hs->ndirs];
		memset(d, 0, sizeof *d);
		b = sqlite3_column_blob(st, 0);
		n = sqlite3_column_bytes(st, 0);
		if (n < 0 || (n > 0 && (b == NULL || memchr(b, '\0', (size_t)n) != NULL)))
			continue;
		d->name = xmalloc((size_t)n + 1);
		if (n > 0)
			memcpy(d->name, b, (size_t)n);
		d->name[n] = '\0';
		d->len = (uint32_t)n;
		d->mtime_s = sqlite3_column_int64(st, 1);
		d->mtime_ns = (int32_t)sqlite3_column_int64(st, 2);
		d->ctime_s = sqlite3_column_int64(st, 3);
		d->ctime_ns = (int32_t)sqlite3_column_int64(st, 4);
		d->ino = sqlite3_column_int64(st, 5);
		d->dev = sqlite3_column_int64(st, 6);
		b = sqlite3_column_blob(st, 7);
		n = sqlite3_column_bytes(st, 7);
		d->elen = n > 0 ? (size_t)n : 0;
		d->entries = xmalloc(d->elen + 1);
		if (d->elen > 0 && b != NULL)
			memcpy(d->entries, b, d->elen);
		/* Every entry ends in a NUL: a scan of them stops at the end. */
		if ((uint64_t)sqlite3_column_int64(st, 8) != headstore_dir_sum(d) ||
		    (d->elen > 0 && d->entries[d->elen - 1] != '\0') || d->ctime_ns < -1) {
			free(d->name);
			free(d->entries);
			continue;
		}
		hs->ndirs++;
	}
	sqlite3_finalize(st);
	for (hs->dcap = 64; hs->dcap < 2 * hs->ndirs; hs->dcap *= 2)
		;
	hs->dtab = xreallocarray(NULL, hs->dcap, sizeof *hs->dtab);
	for (h = 0; h < hs->dcap; h++)
		hs->dtab[h] = SIZE_MAX;
	for (k = 0; k < hs->ndirs; k++) {
		h = cachedir_sum(0, hs->dirs[k].name, hs->dirs[k].len) & (hs->dcap - 1);
		while (hs->dtab[h] != SIZE_MAX)
			h = (h + 1) & (hs->dcap - 1);
		hs->dtab[h] = k;
	}
	(void)rc;
}

const char *
headstore_dir(struct headstore *hs, const char *name, const struct stat *st,
    size_t *len)
{
	struct headstore_dir	*d;
	size_t			 n = strlen(name), h;

	if (hs->dtab == NULL)
		return NULL;
	h = cachedir_sum(0, name, n) & (hs->dcap - 1);
	for (; hs->dtab[h] != SIZE_MAX; h = (h + 1) & (hs->dcap - 1)) {
		d = &hs->dirs[hs->dtab[h]];
		if (d->len != n || memcmp(d->name, name, n) != 0)
			continue;
		d->taken = 1;
		if (d->mtime_s != (int64_t)st->st_mtim.tv_sec ||
		    d->mtime_ns != st->st_mtim.tv_nsec ||
		    d->ctime_s != (int64_t)st->st_ctim.tv_sec ||
		    d->ctime_ns != st->st_ctim.tv_nsec ||
		    d->ino != (int64_t)st->st_ino || d->dev != (int64_t)st->st_dev)
			return NULL;
		*len = d->elen;
		hs->dir_hits++;
		return d->entries;
	}
	return NULL;
}

void
headstore_dir_put(struct headstore *hs, const char *name, const struct stat *st,
    const char *entries, size_t len)
{
	struct headstore_dir	*d;

	if (hs->db == NULL || hs->ro)
		return;
	hs->fresh = xreallocarray(hs->fresh, hs->nfresh + 1, sizeof *hs->fresh);
	d = &hs->fresh[hs->nfresh++];
	memset(d, 0, sizeof *d);
	d->name = xstrdup(name);
	d->len = (uint32_t)strlen(name);
	d->entries = xmalloc(len + 1);
	memcpy(d->entries, entries, len);
	d->elen = len;
	d->mtime_s = (int64_t)st->st_mtim.tv_sec;
	d->mtime_ns = (int32_t)st->st_mtim.tv_nsec;
	d->ctime_s = (int64_t)st->st_ctim.tv_sec;
	/* A stamp a change could leave as it is is kept so that it never matches:
	   the folder is read again next time. */
	d->ctime_ns = cachedir_racy(&st->st_mtim, &st->st_ctim) ? -1 :
	    (int32_t)st->st_ctim.tv_nsec;
	d->ino = (int64_t)st->st_ino;
	d->dev = (int64_t)st->st_dev;
}

/* Writes the listings read anew and removes those of folders the walk no longer
   met, inside headstore_save()'s transaction. Returns 0 or an SQLite code. */
static int
headstore_dirs_save(struct headstore *hs)
{
	struct headstore_dir	*d;
	sqlite3_stmt		*put = NULL, *del = NULL;
	size_t			 i;
	int			 rc;

	if ((rc = sqlite3_prepare_v2(hs->db, "INSERT OR REPLACE INTO dirs VALUES"
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &put, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(hs->db, "DELETE FROM dirs WHERE path = ?", -1,
	    &del, NULL)) != SQLITE_OK)
		goto out;
	for (i = 0; i < hs->nfresh; i++) {
		d = &hs->fresh[i];
		sqlite3_reset(put);
		sqlite3_bind_blob(put, 1, d->name, (int)d->len, SQLITE_STATIC);
		sqlite3_bind_int64(put, 2, d->mtime_s);
		sqlite3_bind_int64(put, 3, d->mtime_ns);
		sqlite3_bind_int64(put, 4, d->ctime_s);
		sqlite3_bind_int64(put, 5, d->ctime_ns);
		sqlite3_bind_int64(put, 6, d->ino);
		sqlite3_bind_int64(put, 7, d->dev);
		sqlite3_bind_blob(put, 8, d->entries, (int)d->elen, SQLITE_STATIC);
		sqlite3_bind_int64(put, 9, (int64_t)headstore_dir_sum(d));
		if ((rc = sqlite3_step(put)) != SQLITE_DONE)
			goto out;
	}
	for (i = 0; i < hs->ndirs; i++) {
		d = &hs->dirs[i];
		if (d->taken)
			continue;
		sqlite3_reset(del);
		sqlite3_bind_blob(del, 1, d->name, (int)d->len, SQLITE_STATIC);
		if ((rc = sqlite3_step(del)) != SQLITE_DONE)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	return rc;
}

static void
headstore_dirs_free(struct headstore *hs)
{
	size_t	 i;

	for (i = 0; i < hs->ndirs; i++) {
		free(hs->dirs[i].name);
		free(hs->dirs[i].entries);
	}
	for (i = 0; i < hs->nfresh; i++) {
		free(hs->fresh[i].name);
		free(hs->fresh[i].entries);
	}
	free(hs->dirs);
	free(hs->dtab);
	free(hs->fresh);
	hs->dirs = hs->fresh = NULL;
	hs->dtab = NULL;
	hs->ndirs = hs->nfresh = hs->dcap = 0;
}
