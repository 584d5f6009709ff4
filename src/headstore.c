/* The head store in SQLite: a table of heads keyed by the article's name, each row
   with a checksum of its own (SQLite checks its pages' structure, not the bytes of a
   title), and a table of facts about the store (its version, the chrome patterns'
   fingerprint). Rows are read in one query, in a thread of their own while the
   corpus is walked, and found by the articles' names through a hash; a row is
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
#include <unistd.h>

#include "cachedir.h"
#include "headstore.h"
#include "log.h"
#include "xmalloc.h"

/* Bumped whenever what article_head() finds, or the tables, change. */
#define HEADSTORE_VERSION	1

/* What a walked article is to the store (state[], a byte per article). */
#define HEADSTORE_FOUND		0x01	/* filled from a row, not checked yet */
#define HEADSTORE_HIT		0x02	/* the row's stamp is the file's */
#define HEADSTORE_READ		0x04	/* read from its file, to be stored */
#define HEADSTORE_BINARY	0x08	/* the row says binary */
#define HEADSTORE_BIG		0x10	/* the row says too large to read */
#define HEADSTORE_PROVISIONAL	0x20	/* taken without a stat: verify.c checks it */

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
	unsigned char	*state;		/* per article filled */
	atomic_size_t	 hits;
	/* The rows, read by a thread of their own while the corpus is walked
	   (headstore_prefetch()), found by name through tab. */
	pthread_t	 reader;
	int		 reading;	/* reader started, not joined yet */
	int		 read;		/* rows read (or tried) */
	int		 read_rc;	/* the SELECT's last result code */
	struct headstore_row *rows;
	size_t		 nrows;
	size_t		*tab;		/* indices into rows; SIZE_MAX: empty */
	size_t		 cap;		/* a power of two, at least twice nrows */
};

/* A row as read: checked, or bad (its checksum or shape fails: the file is read
   again and the row replaced, or removed when no article has it). Taken by the
   first article of its name; a row no article takes is removed at the save. */
struct headstore_row {
	char		*name;
	size_t		 len;
	int64_t		 num[8];	/* size, mtime, ctime, inode, kind, 0 */
	char		*text[6];	/* title, date, source, url, author, error */
	int		 bad;
	atomic_uchar	 taken;
};

static const char headstore_schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY NOT NULL, "
	"value INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS heads(path BLOB PRIMARY KEY NOT NULL, "
	"size INTEGER NOT NULL, mtime_s INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, "
	"ctime_s INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL, "
	"kind INTEGER NOT NULL, title BLOB, date BLOB, source BLOB, url BLOB, "
	"author BLOB, error BLOB, sum INTEGER NOT NULL) WITHOUT ROWID;";

#define HEADSTORE_SELECT	"SELECT path, size, mtime_s, mtime_ns, ctime_s, ctime_ns, " \
	"ino, kind, title, date, source, url, author, error, sum FROM heads"

static int	 headstore_connect(struct headstore *);
static void	 headstore_disconnect(struct headstore *);
static int	 headstore_damage(int);
static void	 headstore_replace(struct headstore *);
static int	 headstore_meta(struct headstore *);
static uint64_t	 headstore_sum(const char *, size_t, const int64_t *, char *const *);
static char	*headstore_column(sqlite3_stmt *, int, int *);
static void	 headstore_wipe(struct article *);
static int	 headstore_put(sqlite3_stmt *, const struct article *, int);
static int	 headstore_delete(sqlite3_stmt *, const char *);
static void	 headstore_read(struct headstore *);
static void	*headstore_reader(void *);
static struct headstore_row *headstore_take(struct headstore *, const char *);
static void	 headstore_rows_free(struct headstore *);

/* A row's checksum over its name, its numbers (stamp and kind) and its six texts,
   a missing one told apart from an empty one. */
static uint64_t
headstore_sum(const char *name, size_t len, const int64_t *num, char *const *text)
{
	uint64_t	 h = CACHEDIR_FNV_BASIS;
	size_t		 i;

	h = cachedir_fnv(h, name, len);
	h = cachedir_fnv(h, num, 8 * sizeof *num);
	for (i = 0; i < 6; i++) {
		h = cachedir_fnv(h, text[i] != NULL ? "+" : "-", 1);
		if (text[i] != NULL)
			h = cachedir_fnv(h, text[i], strlen(text[i]) + 1);
	}
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
	if (sqlite3_open_v2(hs->path, &hs->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		sqlite3_close(hs->db);
		hs->ro = 1;
		if (sqlite3_open_v2(hs->path, &hs->db, SQLITE_OPEN_READONLY |
		    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
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
	return version == -1 || chrome != (int64_t)(hs->fingerprint & INT64_MAX) ?
	    -1 : 0;
}

struct headstore *
headstore_open(const char *path, uint64_t fingerprint)
{
	struct headstore	*hs = xcalloc(1, sizeof *hs);
	int			 rc;

	atomic_init(&hs->hits, 0);
	hs->fingerprint = fingerprint;
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

/* Column k as a string of its own, NULL for NULL; *bad set when it cannot be one (a
   NUL inside). Caller frees. */
static char *
headstore_column(sqlite3_stmt *st, int k, int *bad)
{
	const void	*b;
	char		*s;
	int		 n;

	if (sqlite3_column_type(st, k) == SQLITE_NULL)
		return NULL;
	b = sqlite3_column_blob(st, k);
	n = sqlite3_column_bytes(st, k);
	if (n < 0 || (n > 0 && (b == NULL || memchr(b, '\0', (size_t)n) != NULL))) {
		*bad = 1;
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	if (n > 0)
		memcpy(s, b, (size_t)n);
	s[n] = '\0';
	return s;
}

/* Back to what article_new() made. */
static void
headstore_wipe(struct article *a)
{
	free(a->title);
	free(a->date);
	free(a->source);
	free(a->url);
	free(a->author);
	free(a->error);
	a->title = a->date = a->source = a->url = a->author = a->error = NULL;
	a->size = 0;
	memset(&a->mtime, 0, sizeof a->mtime);
	memset(&a->ctime, 0, sizeof a->ctime);
	a->ino = 0;
}

/* Reads every row into rows and indexes them by name: in the reader thread, or in
   the caller's when there is none. The connection is the reader's alone until
   headstore_fill() joins it. */
static void
headstore_read(struct headstore *hs)
{
	struct headstore_row	*r;
	sqlite3_stmt		*st;
	const char		*name;
	size_t			 cap = 0, len, h, k;
	int			 rc, bad;

	hs->read = 1;
	rc = sqlite3_prepare_v2(hs->db, HEADSTORE_SELECT, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		hs->read_rc = rc;
		return;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = sqlite3_column_blob(st, 0);
		len = (size_t)sqlite3_column_bytes(st, 0);
		if (name == NULL || len == 0 || memchr(name, '\0', len) != NULL)
			continue;
		if (hs->nrows == cap) {
			cap = cap ? cap * 2 : 1024;
			hs->rows = xreallocarray(hs->rows, cap, sizeof *hs->rows);
		}
		r = &hs->rows[hs->nrows++];
		r->name = xstrndup(name, len);
		r->len = len;
		atomic_init(&r->taken, 0);
		for (k = 0; k < 7; k++)
			r->num[k] = sqlite3_column_int64(st, 1 + k);
		r->num[7] = 0;
		bad = 0;
		for (k = 0; k < 6; k++)
			r->text[k] = headstore_column(st, 8 + (int)k, &bad);
		r->bad = bad || (uint64_t)sqlite3_column_int64(st, 14) !=
		    headstore_sum(r->name, len, r->num, r->text) ||
		    r->num[6] < HEADSTORE_KIND_OK || r->num[6] > HEADSTORE_KIND_BIG ||
		    (r->num[6] == HEADSTORE_KIND_BINARY) != (r->text[0] == NULL) ||
		    (r->num[6] == HEADSTORE_KIND_BIG) != (r->text[5] != NULL);
		if (r->bad)
			for (k = 0; k < 6; k++) {
				free(r->text[k]);
				r->text[k] = NULL;
			}
	}
	sqlite3_finalize(st);
	hs->read_rc = rc;
	for (hs->cap = 64; hs->cap < 2 * hs->nrows; hs->cap *= 2)
		;
	hs->tab = xreallocarray(NULL, hs->cap, sizeof *hs->tab);
	for (h = 0; h < hs->cap; h++)
		hs->tab[h] = SIZE_MAX;
	for (k = 0; k < hs->nrows; k++) {
		h = cachedir_fnv(0, hs->rows[k].name, hs->rows[k].len) &
		    (hs->cap - 1);
		while (hs->tab[h] != SIZE_MAX)
			h = (h + 1) & (hs->cap - 1);
		hs->tab[h] = k;
	}
}

static void *
headstore_reader(void *arg)
{
	headstore_read(arg);
	return NULL;
}

void
headstore_prefetch(struct headstore *hs)
{
	if (hs->db == NULL || hs->reset || hs->read || hs->reading)
		return;
	hs->reading = pthread_create(&hs->reader, NULL, headstore_reader, hs) == 0;
}

/* The row named name, if no article has taken it yet: now taken. Safe from
   several threads. */
static struct headstore_row *
headstore_take(struct headstore *hs, const char *name)
{
	struct headstore_row	*r;
	size_t			 len = strlen(name), h;

	if (hs->tab == NULL)
		return NULL;
	h = cachedir_fnv(0, name, len) & (hs->cap - 1);
	for (; hs->tab[h] != SIZE_MAX; h = (h + 1) & (hs->cap - 1)) {
		r = &hs->rows[hs->tab[h]];
		if (r->len == len && memcmp(r->name, name, len) == 0)
			return atomic_exchange(&r->taken, 1) == 0 ? r : NULL;
	}
	return NULL;
}

static void
headstore_rows_free(struct headstore *hs)
{
	size_t	 i, k;

	for (i = 0; i < hs->nrows; i++) {
		free(hs->rows[i].name);
		for (k = 0; k < 6; k++)
			free(hs->rows[i].text[k]);
	}
	free(hs->rows);
	free(hs->tab);
	hs->rows = NULL;
	hs->tab = NULL;
	hs->nrows = hs->cap = 0;
}

void
headstore_fill(struct headstore *hs, struct article *const *a, size_t n)
{
	(void)a;
	if (hs->reading) {
		pthread_join(hs->reader, NULL);
		hs->reading = 0;
	}
	if (hs->db == NULL || hs->state != NULL)
		return;
	hs->state = xcalloc(n + 1, 1);
	if (hs->reset)
		return;
	if (!hs->read)
		headstore_read(hs);
	if (hs->read_rc == SQLITE_DONE)
		return;
	/* What came before the failure was checked row by row and is kept. */
	log_debug("%s: %s", hs->path, sqlite3_errstr(hs->read_rc));
	if (headstore_damage(hs->read_rc) && !hs->ro)
		hs->damaged = 1;
	else {
		headstore_disconnect(hs);
		headstore_rows_free(hs);
		free(hs->state);
		hs->state = NULL;
	}
}

enum article_head_result
headstore_head(struct headstore *hs, size_t i, struct article *a,
    const struct chrome *chrome)
{
	enum article_head_result	 res;
	struct headstore_row		*r;
	struct stat			 st;
	unsigned char			 s = 0;

	/* A folder the walk could not read has its reason already; no row does. */
	if (a->error != NULL)
		return ARTICLE_UNREADABLE;
	if (hs->state != NULL && (r = headstore_take(hs, a->name)) != NULL &&
	    !r->bad) {
		a->size = (off_t)r->num[0];
		a->mtime.tv_sec = (time_t)r->num[1];
		a->mtime.tv_nsec = (long)r->num[2];
		a->ctime.tv_sec = (time_t)r->num[3];
		a->ctime.tv_nsec = (long)r->num[4];
		a->ino = (ino_t)r->num[5];
		a->title = r->text[0];
		a->date = r->text[1];
		a->source = r->text[2];
		a->url = r->text[3];
		a->author = r->text[4];
		a->error = r->text[5];
		memset(r->text, 0, sizeof r->text);
		s = hs->state[i] = HEADSTORE_FOUND |
		    (r->num[6] == HEADSTORE_KIND_BINARY ? HEADSTORE_BINARY : 0) |
		    (r->num[6] == HEADSTORE_KIND_BIG ? HEADSTORE_BIG : 0);
	}
	/* A binary row is checked all the same: an article that left the corpus
	   could not come back into it if its file became text. */
	if ((s & HEADSTORE_FOUND) && hs->trust && !(s & HEADSTORE_BINARY)) {
		hs->state[i] |= HEADSTORE_PROVISIONAL;
		return s & HEADSTORE_BIG ? ARTICLE_UNREADABLE : ARTICLE_OK;
	}
	if (s & HEADSTORE_FOUND) {
		if (stat(a->path, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size == a->size && st.st_ino == a->ino &&
		    st.st_mtim.tv_sec == a->mtime.tv_sec &&
		    st.st_mtim.tv_nsec == a->mtime.tv_nsec &&
		    st.st_ctim.tv_sec == a->ctime.tv_sec &&
		    st.st_ctim.tv_nsec == a->ctime.tv_nsec) {
			hs->state[i] |= HEADSTORE_HIT;
			atomic_fetch_add(&hs->hits, 1);
			return s & HEADSTORE_BINARY ? ARTICLE_BINARY :
			    s & HEADSTORE_BIG ? ARTICLE_UNREADABLE : ARTICLE_OK;
		}
		headstore_wipe(a);
	}
	res = article_head(a, chrome);
	/* Stored: what was read from a regular file (it has a stamp then), and of
	   the unreadable ones only those too large, which reading again would not
	   change; a file that could not be opened is tried again next time. */
	if (hs->state != NULL && a->ino != 0 && (res != ARTICLE_UNREADABLE ||
	    a->size > ARTICLE_MAXSIZE))
		hs->state[i] |= HEADSTORE_READ;
	return res;
}

/* Writes article a's row (kind from what reading it found). */
static int
headstore_put(sqlite3_stmt *st, const struct article *a, int kind)
{
	char *const	 all[6] = { a->title, a->date, a->source, a->url, a->author,
			    a->error };
	char *const	 none[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	/* A binary row holds no texts: an article found binary while the screen
	   was up keeps a reason on screen that the store does not. */
	char *const	*text = kind == HEADSTORE_KIND_BINARY ? none : all;
	int64_t		 num[8];
	size_t		 len = strlen(a->name);
	int		 k, rc;

	num[0] = (int64_t)a->size;
	num[1] = (int64_t)a->mtime.tv_sec;
	num[2] = (int64_t)a->mtime.tv_nsec;
	num[3] = (int64_t)a->ctime.tv_sec;
	num[4] = (int64_t)a->ctime.tv_nsec;
	/* A stamp a second write could leave as it is gets a ctime no file has:
	   the head is read again next time rather than believed. */
	if (cachedir_racy(&a->mtime, &a->ctime))
		num[4] = -1;
	num[5] = (int64_t)a->ino;
	num[6] = kind;
	num[7] = 0;
	sqlite3_reset(st);
	sqlite3_bind_blob(st, 1, a->name, (int)len, SQLITE_STATIC);
	for (k = 0; k < 7; k++)
		sqlite3_bind_int64(st, 2 + k, num[k]);
	for (k = 0; k < 6; k++) {
		if (text[k] != NULL)
			sqlite3_bind_blob(st, 9 + k, text[k], (int)strlen(text[k]),
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 9 + k);
	}
	sqlite3_bind_int64(st, 15, (int64_t)headstore_sum(a->name, len, num, text));
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
	size_t		 i;
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
		rc = sqlite3_exec(hs->db, "DELETE FROM heads; DELETE FROM meta;",
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
			rc = headstore_put(put, a[i], kind);
		} else if ((s & HEADSTORE_FOUND) && !(s & (HEADSTORE_HIT |
		    HEADSTORE_PROVISIONAL)))
			rc = headstore_delete(del, a[i]->name);
		else
			rc = 0;
		if (rc != 0)
			goto rollback;
	}
	/* Rows no article took: files gone, and bad rows of them. */
	for (i = 0; i < hs->nrows; i++)
		if (!atomic_load(&hs->rows[i].taken) &&
		    (rc = headstore_delete(del, hs->rows[i].name)) != 0)
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
	/* Not saved costs the next start time, nothing else. */
	log_debug("%s: not saved: %s", hs->path, sqlite3_errstr(rc));
done:
	/* The rows have been taken or deleted: what is left of them (a name and
	   eight numbers a row, 40 MB at 200,000 articles) would stay for the
	   session's life. The articles hold their texts now. */
	headstore_rows_free(hs);
}

void
headstore_trust(struct headstore *hs)
{
	hs->trust = 1;
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
		if (a[i]->ino != 0 && (res[i] != ARTICLE_UNREADABLE ||
		    a[i]->size > ARTICLE_MAXSIZE))
			rc = headstore_put(put, a[i], res[i] == ARTICLE_BINARY ?
			    HEADSTORE_KIND_BINARY : res[i] == ARTICLE_UNREADABLE ?
			    HEADSTORE_KIND_BIG : HEADSTORE_KIND_OK);
		else
			rc = headstore_delete(del, a[i]->name);
		if (rc != 0)
			goto rollback;
	}
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
headstore_hits(const struct headstore *hs)
{
	return atomic_load(&((struct headstore *)hs)->hits);
}

void
headstore_close(struct headstore *hs)
{
	if (hs == NULL)
		return;
	if (hs->reading)
		pthread_join(hs->reader, NULL);
	headstore_disconnect(hs);
	headstore_rows_free(hs);
	free(hs->state);
	free(hs->path);
	free(hs);
}
