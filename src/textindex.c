/* The text index (textindex.h): a table of files with the stamps they had when read,
   and a contentless FTS5 table of their text whose rowid is the file's id. SQLite
   3.40 has no contentless_delete, and a contentless table can drop a row only given
   its old text, which a changed file no longer has: so a row is never dropped from
   it. A file read again gets a new id (never one used before), the old id is left
   dead in the words table, where no file names it, and once the dead outnumber the
   live the words are made anew. Storing the text instead would double the index.
   The words keep their positions (detail=full): without them a phrase of common
   words would have every article read. */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sqlite3.h>

#include "article.h"
#include "cachedir.h"
#include "halves.h"
#include "log.h"
#include "scan.h"
#include "textindex.h"
#include "xmalloc.h"

#define TEXTINDEX_VERSION	4	/* PRAGMA user_version of the schema below */
#define TEXTINDEX_BATCH		(32 << 20) /* bytes of text indexed per transaction */
#define TEXTINDEX_DEAD		10000	/* dead rows the words may keep, at least */
#define TEXTINDEX_WAIT_MS	1000	/* for another process's lock */
#define TEXTINDEX_EXACT_MAX	256	/* bytes of a word answered exactly */

static const char textindex_schema[] =
	"CREATE TABLE files(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" path TEXT NOT NULL UNIQUE, size INTEGER, mts INTEGER, mtns INTEGER,"
	" cts INTEGER, ctns INTEGER, ino INTEGER, always INTEGER NOT NULL);"
	"CREATE TABLE meta(k TEXT PRIMARY KEY, v INTEGER);"
	"INSERT INTO meta VALUES ('dead', 0), ('complete', 1);"
	/* The libraries that cut the words, and the class of characters they
	   part on (textindex_agree()): with others, the index is made anew. */
	"CREATE TABLE agree(libs TEXT NOT NULL, risky TEXT NOT NULL);"
	"CREATE VIRTUAL TABLE words USING fts5(body, content = '', tokenize = "
	"\"unicode61 remove_diacritics 0 tokenchars '_'\", columnsize = 0,"
	" detail = full);"
	/* No merging of the words' segments as they are written, but for the
	   crisis merge that keeps them few (16 to a level): a quarter of a cold
	   build's time, for a tenth more size and no slower queries. */
	"INSERT INTO words(words, rank) VALUES ('automerge', 0);"
	"PRAGMA user_version = 4;";

/* How a code point is cut, in textindex_agree(). */
#define TEXTINDEX_FTS_WORD	0x01	/* FTS5 makes it (part of) a word */
#define TEXTINDEX_PCRE_WORD	0x02	/* PCRE2's \w, with UCP */
#define TEXTINDEX_ASCII_LIKE	0x04	/* folded onto, or caselessly matched by,
					   an ASCII word character; or a mark,
					   private use, connector punctuation */

/* What FTS5's cutting of every code point tells textindex_agree(). */
struct textindex_cut {
	unsigned char	*buf;		/* the code points, between spaces */
	unsigned char	*flags;		/* per code point, TEXTINDEX_ */
	int		 odd;		/* a word not of one code point, or ASCII
					   folded otherwise than to lower case */
};

/* What a file was when read: a change of any of these reads it again. */
struct textindex_stamp {
	int64_t	 size, mts, mtns, cts, ctns, ino;
};

/* A row of the files table. */
struct textindex_row {
	char			*path;
	int64_t			 id;
	struct textindex_stamp	 st;
	int			 always;	/* holds a risky character, or unread */
};

struct textindex {
	sqlite3			*db;
	int64_t			*map;		/* per article of the last update: its
						   id, 0 when always a candidate */
	size_t			 n;
	unsigned char		*risky;		/* a bit per code point: one of
						   textindex_agree()'s */
	char			*class;		/* its ranges */
	uint64_t		 image;		/* textindex_whole()'s; 0: none */
};

static int	textindex_exec(struct textindex *, const char *);
static int	textindex_next(sqlite3_stmt *, struct textindex_row *);
static void	textindex_keep_drop(struct textindex_row **, size_t *, size_t *,
		    const struct textindex_row *);
static int	textindex_setup(struct textindex *);
static int	textindex_version(struct textindex *);
static int	textindex_risky(struct textindex *, const char *, size_t);
static char	*textindex_agree(sqlite3 *);
static char	*textindex_libs(void);
static char	*textindex_class(struct textindex *, const char *);
static int	 textindex_store(struct textindex *, const char *, const char *);
static int	 textindex_claim_put(struct textindex *, uint64_t, uint64_t, size_t);

/* Runs sql. Returns 0, or -1 logged. */
static int
textindex_exec(struct textindex *ti, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(ti->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	log_debug("textindex: %s: %s", sql, msg != NULL ? msg : "?");
	sqlite3_free(msg);
	return -1;
}

/* The schema's version in the file, 0 for a new one; -1 when SQLite fails. */
static int
textindex_version(struct textindex *ti)
{
	sqlite3_stmt	*st;
	int		 version = -1;

	if (sqlite3_prepare_v2(ti->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return version;
}

/* Writes c as UTF-8 at o. Returns its length. */
static size_t
textindex_utf8(uint32_t c, unsigned char *o)
{
	if (c < 0x80) {
		o[0] = c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = 0xc0 | c >> 6;
		o[1] = 0x80 | (c & 0x3f);
		return 2;
	}
	if (c < 0x10000) {
		o[0] = 0xe0 | c >> 12;
		o[1] = 0x80 | ((c >> 6) & 0x3f);
		o[2] = 0x80 | (c & 0x3f);
		return 3;
	}
	o[0] = 0xf0 | c >> 18;
	o[1] = 0x80 | ((c >> 12) & 0x3f);
	o[2] = 0x80 | ((c >> 6) & 0x3f);
	o[3] = 0x80 | (c & 0x3f);
	return 4;
}

/* The code point of the valid UTF-8 at s. */
static uint32_t
textindex_decode(const unsigned char *s)
{
	if (s[0] < 0x80)
		return s[0];
	if (s[0] < 0xe0)
		return (s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (s[0] < 0xf0)
		return (s[0] & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return (uint32_t)(s[0] & 0x07) << 18 | (s[1] & 0x3f) << 12 |
	    (s[2] & 0x3f) << 6 | (s[3] & 0x3f);
}

/* FTS5's callback for each word of textindex_agree()'s code points. */
static int
textindex_cut(void *arg, int flags, const char *tok, int ntok, int start, int end)
{
	struct textindex_cut	*cut = arg;
	unsigned char		 one[4];
	uint32_t		 c = textindex_decode(cut->buf + start);
	int			 i, ascii = 1;

	(void)flags;
	if ((size_t)(end - start) != textindex_utf8(c, one) || ntok < 1) {
		cut->odd = 1;
		return SQLITE_OK;
	}
	cut->flags[c] |= TEXTINDEX_FTS_WORD;
	for (i = 0; i < ntok; i++)
		ascii &= (unsigned char)tok[i] < 0x80;
	if (c >= 0x80 && ascii)
		cut->flags[c] |= TEXTINDEX_ASCII_LIKE;
	if (c < 0x80 && (ntok != 1 || tok[0] != ((c >= 'A' && c <= 'Z') ?
	    (int)(c - 'A' + 'a') : (int)c)))
		cut->odd = 1;
	return SQLITE_OK;
}

/* Whether a code point so cut is one the two could part on. */
static int
textindex_parts(unsigned char f)
{
	return !(f & TEXTINDEX_FTS_WORD) != !(f & TEXTINDEX_PCRE_WORD) ||
	    (f & TEXTINDEX_ASCII_LIKE);
}

/* The characters on which FTS5's words and PCRE2's could part, worked out from the
   libraries this rubric runs with: every code point is cut by FTS5 (a word char or
   not, and folded to what) and matched by PCRE2 (\w with UCP, and caseless against
   an ASCII word char). Those where they differ, those that either folds onto an
   ASCII word char, marks, private use and connector punctuation but '_' (PCRE2
   10.43 makes it \w) are the risky ones, given as ranges "FIRST-LAST ..." in hex.
   Returns them (caller frees), or NULL when the two differ even in ASCII, where the
   index could vouch for nothing. */
static char *
textindex_agree(sqlite3 *db)
{
	struct textindex_cut	 cut;
	fts5_api		*api = NULL;
	fts5_tokenizer		 tk;
	Fts5Tokenizer		*tok = NULL;
	sqlite3_stmt		*st;
	static const char	*args[] = { "remove_diacritics", "0", "tokenchars", "_" };
	static const char *const pats[] = { "\\w", "[a-z0-9_]",
	    "[\\p{Pc}\\p{M}\\p{Co}]" };
	pcre2_code		*re;
	pcre2_match_data	*md;
	PCRE2_SIZE		 erroff, *ov;
	size_t			 len = 0, at;
	void			*ud;
	uint32_t		 c, start;
	int			 code, i, rc;
	char			*out = NULL, *t;

	memset(&cut, 0, sizeof cut);
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->xFindTokenizer(api, "unicode61", &ud, &tk) !=
	    SQLITE_OK || tk.xCreate(ud, args, 4, &tok) != SQLITE_OK)
		return NULL;
	/* Every code point but the surrogates, each alone between spaces. */
	cut.buf = xmalloc(0x110000 * 5);
	for (c = 1; c < 0x110000; c++)
		if (c < 0xd800 || c > 0xdfff) {
			len += textindex_utf8(c, cut.buf + len);
			cut.buf[len++] = ' ';
		}
	cut.flags = xcalloc(0x110000, 1);
	rc = tk.xTokenize(tok, &cut, FTS5_TOKENIZE_DOCUMENT, (const char *)cut.buf,
	    (int)len, textindex_cut);
	tk.xDelete(tok);
	for (i = 0; i < 3 && rc == SQLITE_OK; i++) {
		re = pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED, PCRE2_UTF |
		    PCRE2_UCP | (i == 1 ? PCRE2_CASELESS : 0), &code, &erroff, NULL);
		if (re == NULL || (md = pcre2_match_data_create(1, NULL)) == NULL)
			fatal("textindex: pcre2");
		ov = pcre2_get_ovector_pointer(md);
		/* Valid UTF-8, made so: checked again at each match, it was
		   quadratic. */
		for (at = 0; pcre2_match(re, cut.buf, len, at, PCRE2_NO_UTF_CHECK, md,
		    NULL) >= 0; at = ov[1]) {
			c = textindex_decode(cut.buf + ov[0]);
			if (i == 0)
				cut.flags[c] |= TEXTINDEX_PCRE_WORD;
			else if (c >= 0x80)
				cut.flags[c] |= TEXTINDEX_ASCII_LIKE;
		}
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	/* In ASCII they must agree to the letter: FTS5's words are [A-Za-z0-9_],
	   folded to lower case, and so are PCRE2's. */
	for (c = 1; c < 0x80 && rc == SQLITE_OK; c++) {
		int	 word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_';

		if ((cut.flags[c] & TEXTINDEX_FTS_WORD) != (word ? TEXTINDEX_FTS_WORD : 0) ||
		    (cut.flags[c] & TEXTINDEX_PCRE_WORD) != (word ? TEXTINDEX_PCRE_WORD : 0) ||
		    (cut.flags[c] & TEXTINDEX_ASCII_LIKE))
			rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK || cut.odd) {
		log_debug("textindex: FTS5 and PCRE2 part in ASCII: no index");
		goto done;
	}
	out = xstrdup("");
	for (c = 0x80; c < 0x110000; c++) {
		if (!textindex_parts(cut.flags[c]))
			continue;
		for (start = c; c + 1 < 0x110000 && textindex_parts(cut.flags[c + 1]); c++)
			;
		t = xasprintf("%s%x-%x ", out, start, c);
		free(out);
		out = t;
	}
done:
	free(cut.buf);
	free(cut.flags);
	return out;
}

/* The libraries' versions, as the agree table keeps them. Caller frees. */
static char *
textindex_libs(void)
{
	char	 pv[64], uv[64];

	if (pcre2_config(PCRE2_CONFIG_VERSION, pv) < 0 ||
	    pcre2_config(PCRE2_CONFIG_UNICODE_VERSION, uv) < 0)
		fatal("textindex: pcre2_config");
	return xasprintf("sqlite %s; pcre2 %s, unicode %s", sqlite3_sourceid(), pv,
	    uv);
}

/* The class kept for libs, or NULL when there is none (caller frees). */
static char *
textindex_class(struct textindex *ti, const char *libs)
{
	sqlite3_stmt	*st;
	char		*out = NULL;

	if (sqlite3_prepare_v2(ti->db, "SELECT risky FROM agree WHERE libs = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, libs, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Keeps the class the libraries libs part on. */
static int
textindex_store(struct textindex *ti, const char *libs, const char *class)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(ti->db, "INSERT INTO agree VALUES (?, ?)", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, libs, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, class, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The schema, made when the file is new; another version's, or one made with other
   libraries, is dropped first. Sets ti->class. */
static int
textindex_setup(struct textindex *ti)
{
	char	*libs = textindex_libs(), *class = NULL;
	int	 version, rc = -1;

	if ((version = textindex_version(ti)) == TEXTINDEX_VERSION &&
	    (ti->class = textindex_class(ti, libs)) != NULL) {
		free(libs);
		return 0;
	}
	/* A tenth of a second, once for each pair of libraries. */
	if (version == -1 || (class = textindex_agree(ti->db)) == NULL ||
	    textindex_exec(ti, "PRAGMA journal_mode = WAL") == -1 ||
	    textindex_exec(ti, "BEGIN IMMEDIATE") == -1)
		goto out;
	/* Another rubric may have made it while this one waited for the lock. */
	if ((version = textindex_version(ti)) == TEXTINDEX_VERSION &&
	    (ti->class = textindex_class(ti, libs)) != NULL) {
		rc = textindex_exec(ti, "COMMIT");
		goto out;
	}
	if (version == -1 || textindex_exec(ti, "DROP TABLE IF EXISTS files;"
	    "DROP TABLE IF EXISTS words; DROP TABLE IF EXISTS meta;"
	    "DROP TABLE IF EXISTS agree") == -1 ||
	    textindex_exec(ti, textindex_schema) == -1 ||
	    textindex_store(ti, libs, class) == -1) {
		textindex_exec(ti, "ROLLBACK");
		goto out;
	}
	if ((rc = textindex_exec(ti, "COMMIT")) == 0) {
		ti->class = class;
		class = NULL;
	}
out:
	free(libs);
	free(class);
	return rc;
}

char *
textindex_path(const char *const *roots, size_t nroots)
{
	char	*scan = scan_cache_path(roots, nroots), *slash, *out;

	if (scan == NULL)
		return NULL;
	/* .../scan-HASH: the same folder and hash. */
	slash = strrchr(scan, '/');
	*slash = '\0';
	out = xasprintf("%s/text-%s.sqlite", scan, slash + 6);
	free(scan);
	return out;
}

/* Makes the folder of path and its parent, 0700, as the scan's cache has them. */
static void
textindex_mkdirs(const char *path)
{
	char	*dir = xstrdup(path), *slash;

	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0700) == -1 && errno == ENOENT &&
		    (slash = strrchr(dir, '/')) != NULL && slash != dir) {
			*slash = '\0';
			mkdir(dir, 0700);
			*slash = '/';
			mkdir(dir, 0700);
		}
	}
	free(dir);
}

/* Opens path as the index. Returns 0; -1 when the file is damaged (not a
   database, or a corrupt one); -2 when SQLite fails otherwise, busy included. */
static int
textindex_try(struct textindex *ti, const char *path)
{
	int	 code, fd;

	/* The words of the corpus are the user's business, as the heads are: a new
	   index is made 0600, and SQLite gives its -wal and -shm the same mode. */
	if ((fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600)) != -1)
		close(fd);
	if (sqlite3_open_v2(path, &ti->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		sqlite3_close(ti->db);
		ti->db = NULL;
		return -2;
	}
	sqlite3_busy_timeout(ti->db, TEXTINDEX_WAIT_MS);
	/* A cache: losing the last transactions to a crash costs a read again, WAL
	   keeps the file whole against a kill, and the complete mark against the
	   rest. */
	if (textindex_setup(ti) == -1 ||
	    textindex_exec(ti, "PRAGMA synchronous = OFF") == -1) {
		code = sqlite3_errcode(ti->db) & 0xff;
		sqlite3_close(ti->db);
		ti->db = NULL;
		free(ti->class);
		ti->class = NULL;
		return code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? -1 : -2;
	}
	return 0;
}

struct textindex *
textindex_open(const char *path)
{
	struct textindex	*ti;
	struct stat		 st;
	const char		*off = getenv("RUBRIC_NO_INDEX"), *s;
	unsigned int		 first, last;
	int			 rc, len;
	char			*side;

	if ((off != NULL && *off != '\0' && strcmp(off, "0") != 0) || path == NULL)
		return NULL;
	textindex_mkdirs(path);
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		log_debug("textindex: %s: not a regular file", path);
		return NULL;
	}
	ti = xcalloc(1, sizeof *ti);
	if ((rc = textindex_try(ti, path)) == -2) {
		/* Busy, or SQLite failing: left to its owner. */
		free(ti);
		return NULL;
	}
	if (rc == -1) {
		/* Damaged: it is only a cache, made anew once. */
		log_debug("textindex: %s: made anew", path);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			unlink(path);
			side = xasprintf("%s-wal", path);
			unlink(side);
			free(side);
			side = xasprintf("%s-shm", path);
			unlink(side);
			free(side);
		}
		if (textindex_try(ti, path) != 0) {
			free(ti);
			return NULL;
		}
	}
	/* What FTS5 and PCRE2 could cut into words differently, or fold differently
	   from an ASCII letter: an article holding any is always a candidate. A bit
	   each, not a PCRE2 class: matched against every article's text, a class of
	   700 ranges made the build five times slower. */
	ti->risky = xcalloc(0x110000 / 8, 1);
	for (s = ti->class; sscanf(s, "%x-%x%n", &first, &last, &len) == 2;
	    s += len)
		for (; first <= last && last < 0x110000; first++)
			ti->risky[first / 8] |= 1 << (first % 8);
	return ti;
}

void
textindex_whole(struct textindex *ti, uint64_t image)
{
	ti->image = image;
}

void
textindex_close(struct textindex *ti)
{
	if (ti == NULL)
		return;
	sqlite3_close(ti->db);
	free(ti->risky);
	free(ti->class);
	free(ti->map);
	free(ti);
}

/* The next row of the files table from st (SELECT ... ORDER BY path) into r, its
   path r's own (the last one's freed). Returns 1, 0 at the end, -1 on failure. */
static int
textindex_next(sqlite3_stmt *st, struct textindex_row *r)
{
	const unsigned char	*path;
	int			 rc;

	free(r->path);
	r->path = NULL;
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW || (path = sqlite3_column_text(st, 0)) == NULL)
		return -1;
	r->path = xstrdup((const char *)path);
	r->id = sqlite3_column_int64(st, 1);
	r->st.size = sqlite3_column_int64(st, 2);
	r->st.mts = sqlite3_column_int64(st, 3);
	r->st.mtns = sqlite3_column_int64(st, 4);
	r->st.cts = sqlite3_column_int64(st, 5);
	r->st.ctns = sqlite3_column_int64(st, 6);
	r->st.ino = sqlite3_column_int64(st, 7);
	r->always = sqlite3_column_int(st, 8);
	return 1;
}

/* Keeps row r's id, to be dropped once the rows are read; not its path. */
static void
textindex_keep_drop(struct textindex_row **v, size_t *n, size_t *cap,
    const struct textindex_row *r)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n] = *r;
	(*v)[*n].path = NULL;
	(*n)++;
}

/* Sorting the articles by path: qsort() takes no argument for the corpus. */
static const struct corpus	*textindex_sorting;

static int
textindex_cmp(const void *a, const void *b)
{
	return strcmp(textindex_sorting->articles[*(const size_t *)a]->path,
	    textindex_sorting->articles[*(const size_t *)b]->path);
}

/* Drops row r from the files table; its words stay, dead, counted in *dead. */
static int
textindex_drop(sqlite3_stmt *delf, const struct textindex_row *r, int64_t *dead)
{
	int	 rc;

	sqlite3_bind_int64(delf, 1, r->id);
	rc = sqlite3_step(delf);
	sqlite3_reset(delf);
	if (!r->always)
		(*dead)++;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The number kept under key k in meta, or -1. */
static int64_t
textindex_meta(struct textindex *ti, const char *k)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(ti->db, "SELECT v FROM meta WHERE k = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Makes the words anew when the dead outnumber the live, or when the last update
   did not end (killed, or the machine stopped, between two of its transactions):
   every file is read again. */
static int
textindex_compact(struct textindex *ti)
{
	int64_t		 dead = textindex_meta(ti, "dead"), live = -1;
	int64_t		 complete = textindex_meta(ti, "complete");
	sqlite3_stmt	*st;

	if (dead == -1 || complete == -1)
		return -1;
	if (complete != 1) {
		log_debug("textindex: an update did not end: made anew");
		return textindex_exec(ti, "INSERT INTO words(words)"
		    " VALUES ('delete-all'); DELETE FROM files;"
		    " UPDATE meta SET v = 0 WHERE k = 'dead'");
	}
	if (sqlite3_prepare_v2(ti->db, "SELECT count(*) FROM files", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		live = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (live == -1)
		return -1;
	if (dead <= TEXTINDEX_DEAD || dead <= live)
		return 0;
	return textindex_exec(ti, "INSERT INTO words(words) VALUES ('delete-all');"
	    "DELETE FROM files; UPDATE meta SET v = 0 WHERE k = 'dead'");
}

/* Whether text holds what FTS5 and PCRE2 could cut or fold differently: NUL, a
   risky character, or what is not UTF-8 (which the query searches as PCRE2's
   MATCH_INVALID_UTF does, and FTS5 as its own reading does). */
static int
textindex_risky(struct textindex *ti, const char *text, size_t len)
{
	const unsigned char	*s = (const unsigned char *)text, *end = s + len;
	uint32_t		 c;
	int			 n, i;

	while (s < end) {
		if (*s < 0x80) {
			if (*s++ == '\0')
				return 1;
			continue;
		}
		/* The lead byte, and the range of the next (no overlong forms, no
		   surrogates, nothing past U+10FFFF). */
		if (*s >= 0xc2 && *s <= 0xdf)
			n = 1;
		else if (*s >= 0xe0 && *s <= 0xef)
			n = 2;
		else if (*s >= 0xf0 && *s <= 0xf4)
			n = 3;
		else
			return 1;
		if (end - s <= n ||
		    (*s == 0xe0 && s[1] < 0xa0) || (*s == 0xed && s[1] > 0x9f) ||
		    (*s == 0xf0 && s[1] < 0x90) || (*s == 0xf4 && s[1] > 0x8f))
			return 1;
		c = *s & (0x3f >> n);
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 1;
			c = c << 6 | (s[i] & 0x3f);
		}
		if (ti->risky[c / 8] & (1 << (c % 8)))
			return 1;
		s += n + 1;
	}
	return 0;
}

/* Reads article a, stamped st, into both tables, adding the bytes of its text to
   *bytes. Returns its id in the map (0: it is always a candidate), or -1. */
static int64_t
textindex_add(struct textindex *ti, const struct article *a,
    const struct textindex_stamp *st, sqlite3_stmt *insf, sqlite3_stmt *insw,
    size_t *bytes)
{
	struct body	 b;
	const char	*text = NULL;
	size_t		 len = 0;
	int64_t		 id;
	int		 always = 1, rc;

	if (article_read(a, &b) == 0) {
		text = b.buf + b.start;
		len = b.len - b.start;
		always = textindex_risky(ti, text, len);
	}
	sqlite3_bind_text(insf, 1, a->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(insf, 2, st->size);
	sqlite3_bind_int64(insf, 3, st->mts);
	sqlite3_bind_int64(insf, 4, st->mtns);
	sqlite3_bind_int64(insf, 5, st->cts);
	sqlite3_bind_int64(insf, 6, st->ctns);
	sqlite3_bind_int64(insf, 7, st->ino);
	sqlite3_bind_int(insf, 8, always);
	rc = sqlite3_step(insf);
	sqlite3_reset(insf);
	id = sqlite3_last_insert_rowid(ti->db);
	if (rc == SQLITE_DONE && !always) {
		sqlite3_bind_int64(insw, 1, id);
		sqlite3_bind_text(insw, 2, text, (int)len, SQLITE_STATIC);
		rc = sqlite3_step(insw);
		sqlite3_reset(insw);
	}
	*bytes += len;
	if (text != NULL)
		article_body_free(&b);
	if (rc != SQLITE_DONE)
		return -1;
	return always ? 0 : id;
}

/* Adds *dead to the count in meta, and zeroes it. */
static int
textindex_dead(sqlite3_stmt *upd, int64_t *dead)
{
	int	 rc;

	sqlite3_bind_int64(upd, 1, *dead);
	rc = sqlite3_step(upd);
	sqlite3_reset(upd);
	*dead = 0;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The stamp of article a: with fresh, the one the walk took when it opened the
   file (as the scan's cache trusts it), else stat() now. A file changed within the
   racy window gets one no file has, so that it is read again next time. */
static int
textindex_stamp(const struct article *a, int fresh, struct textindex_stamp *s)
{
	struct stat	 st;
	int64_t		 as[ARTICLE_STAMPLEN];

	article_stamp(a, as);
	if (fresh && a->error == NULL && as[5] != 0) {
		st.st_size = (off_t)as[0];
		st.st_mtim.tv_sec = (time_t)as[1];
		st.st_mtim.tv_nsec = (long)as[2];
		st.st_ctim.tv_sec = (time_t)as[3];
		st.st_ctim.tv_nsec = (long)as[4];
		st.st_ino = (ino_t)as[5];
	} else if (stat(a->path, &st) == -1)
		return -1;
	s->size = st.st_size;
	s->mts = st.st_mtim.tv_sec;
	s->mtns = st.st_mtim.tv_nsec;
	s->cts = st.st_ctim.tv_sec;
	s->ctns = st.st_ctim.tv_nsec;
	s->ino = (int64_t)st.st_ino;
	if (cachedir_racy(&st.st_mtim, &st.st_ctim))
		s->ctns = -1;
	return 0;
}

/* The snapshot: what the last update that met nothing racy left, so that the next
   finds its answer without streaming a million rows. It is the map (a row id per
   article) under a digest of the corpus it was made for: each article's path and
   stamp, in order, summed from a secret seed kept in meta, so that a corpus cannot
   be named to match another's digest. Any update that writes deletes it in its
   first transaction, with the rows it changes. */
#define TEXTINDEX_SNAP_HEAD	24	/* digest, the number of articles, of runs */

/* The digest of articles [lo, hi) of c from h, on a thread of its own. */
struct textindex_digpart {
	const struct corpus	*c;
	size_t			 lo, hi;
	uint64_t		 h;
};

static void *
textindex_digest_part(void *arg)
{
	struct textindex_digpart *w = arg;
	int64_t			 st[ARTICLE_STAMPLEN + 2];
	size_t			 i;

	for (i = w->lo; i < w->hi; i++) {
		const struct article	*a = w->c->articles[i];

		article_stamp(a, st);
		st[ARTICLE_STAMPLEN] = (int64_t)strlen(a->path);
		st[ARTICLE_STAMPLEN + 1] = a->error != NULL;
		w->h = cachedir_sum(w->h, st, sizeof st);
		w->h = cachedir_sum(w->h, a->path, (size_t)st[ARTICLE_STAMPLEN]);
	}
	return NULL;
}

/* Two halves on two threads, each from the seed (the second's told apart), then
   their sums summed: a million articles' stamps are a pass of 30 ms. */
static uint64_t
textindex_digest(uint64_t seed, const struct corpus *c)
{
	struct textindex_digpart w[2];
	uint64_t		 both[2];

	w[0].c = w[1].c = c;
	w[0].lo = 0;
	w[0].hi = w[1].lo = c->n / 2;
	w[1].hi = c->n;
	w[0].h = seed;
	w[1].h = seed ^ UINT64_C(0x9e3779b97f4a7c15);
	halves_run(textindex_digest_part, &w[0], &w[1], c->n);
	both[0] = w[0].h;
	both[1] = w[1].h;
	return cachedir_sum(seed, both, sizeof both);
}

/* The snapshot's map is kept in runs: a run of len articles whose rows are first,
   first + 1, ... (first 0: len articles with none). Rows are handed out in the
   order articles are added, so a corpus indexed at once is one run, and each file
   changed since breaks at most two: at a million articles, 8 MB read through
   SQLite's overflow pages (30-40 ms) became a few bytes. */
struct textindex_run {
	int64_t		first;
	uint64_t	len;
};

/* Fills the map from the runs of blob (nruns of them, after the head), when they
   cover n articles exactly. Returns 0 if they did. */
static int
textindex_runs_read(struct textindex *ti, sqlite3_blob *blob, uint64_t nruns,
    size_t n)
{
	struct textindex_run	 r[256];
	uint64_t		 done = 0, k, m, j, i;
	int64_t			*map;

	map = xmalloc_filled(n + 1, sizeof *map);
	for (k = 0; k < nruns; k += m) {
		m = nruns - k < 256 ? nruns - k : 256;
		if (sqlite3_blob_read(blob, r, (int)(m * sizeof *r),
		    (int)(TEXTINDEX_SNAP_HEAD + k * sizeof *r)) != SQLITE_OK)
			goto bad;
		for (j = 0; j < m; j++) {
			if (r[j].len > n - done || r[j].first < 0 ||
			    (r[j].first > 0 && r[j].len > (uint64_t)(INT64_MAX -
			    r[j].first)))
				goto bad;
			for (i = 0; i < r[j].len; i++)
				map[done + i] = r[j].first > 0 ?
				    r[j].first + (int64_t)i : 0;
			done += r[j].len;
		}
	}
	if (done != n)
		goto bad;
	map[n] = 0;
	ti->map = map;
	ti->n = n;
	return 0;
bad:
	free(map);
	return -1;
}

/* What the index says of the corpus of the catalogue's image whose checksum is
   image: that its digest under seed is sum. Kept in meta as 'snapshot-image' once
   an update has computed the digest of that image's corpus (it is the image's
   bytes' alone, paths, stamps and errors), so that the next command given that
   image takes the snapshot without the pass over a million articles (45 ms). A
   claim about a corpus, not about a snapshot: one made for another corpus has
   another digest, which no claim names. */
static int64_t
textindex_claim(uint64_t seed, uint64_t sum, uint64_t image, size_t n)
{
	uint64_t	 v[3] = { sum, image, (uint64_t)n };

	return (int64_t)(cachedir_sum(seed, v, sizeof v) & INT64_MAX);
}

/* Fills the map from the snapshot when it was made for the corpus as it is now.
   Returns 0 when it did, -1 when there is none to take; either way *seed is the
   index's seed (-1: none yet) and *sum the corpus's digest under it, for the
   snapshot this update may leave (textindex_snapshot_put()). With an image
   (textindex_whole()) whose claim is the snapshot's digest, that is the digest,
   and the articles are not gone over; a digest gone over for an image is claimed
   for it, for the next. */
static int
textindex_snapshot(struct textindex *ti, const struct corpus *c, int64_t *seed,
    uint64_t *sum)
{
	sqlite3_stmt	*st;
	sqlite3_blob	*blob;
	uint64_t	 head[3];
	sqlite3_int64	 len;
	int64_t		 claim = -1;
	int		 rc = -1, summed = 0, claimed = 0;

	*seed = -1;
	if (textindex_exec(ti, "BEGIN") == -1)
		return -1;
	*seed = textindex_meta(ti, "seed");
	if (*seed != -1 && ti->image != 0)
		claim = textindex_meta(ti, "snapshot-image");
	/* An index whose last update did not end is made anew, never taken. */
	if (*seed == -1 || textindex_meta(ti, "complete") != 1 ||
	    sqlite3_prepare_v2(ti->db, "SELECT rowid, typeof(v) = 'blob', length(v) "
	    "FROM meta WHERE k = 'snapshot-runs'", -1, &st, NULL) != SQLITE_OK) {
		if (*seed != -1)
			*sum = textindex_digest((uint64_t)*seed, c);
		textindex_exec(ti, "ROLLBACK");
		return -1;
	}
	/* Read in place (sqlite3_blob_read()), not made whole and copied. */
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 1) == 1 &&
	    (len = sqlite3_column_int64(st, 2)) >= TEXTINDEX_SNAP_HEAD &&
	    (len - TEXTINDEX_SNAP_HEAD) % sizeof(struct textindex_run) == 0 &&
	    sqlite3_blob_open(ti->db, "main", "meta", "v", sqlite3_column_int64(st, 0),
	    0, &blob) == SQLITE_OK) {
		if (sqlite3_blob_read(blob, head, sizeof head, 0) == SQLITE_OK) {
			if (claim != -1 && claim == textindex_claim((uint64_t)*seed,
			    head[0], ti->image, c->n)) {
				*sum = head[0];
				claimed = 1;
				log_debug("textindex: the corpus is the image's, "
				    "whose digest it claims");
			} else {
				*sum = textindex_digest((uint64_t)*seed, c);
				summed = 1;
			}
			if (head[0] == *sum && head[1] == c->n && head[2] ==
			    (uint64_t)(len - TEXTINDEX_SNAP_HEAD) /
			    sizeof(struct textindex_run))
				rc = textindex_runs_read(ti, blob, head[2], c->n);
		}
		sqlite3_blob_close(blob);
	}
	if (!summed && !claimed)
		*sum = textindex_digest((uint64_t)*seed, c);
	sqlite3_finalize(st);
	textindex_exec(ti, "COMMIT");
	if (rc == 0 && summed && ti->image != 0)
		(void)textindex_claim_put(ti, (uint64_t)*seed, *sum, c->n);
	return rc;
}

/* Claims digest sum for the image's corpus (textindex_claim()), in a transaction
   of its own when the snapshot was taken, in the update's otherwise. A claim not
   written costs the next command the pass only. */
static int
textindex_claim_put(struct textindex *ti, uint64_t seed, uint64_t sum, size_t n)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(ti->db, "INSERT OR REPLACE INTO meta VALUES "
	    "('snapshot-image', ?)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, textindex_claim(seed, sum, ti->image, n));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Keeps the map as the snapshot for c, in the update's transaction: under sum, c's
   digest with seed, or with a seed drawn now when seed is -1. */
static int
textindex_snapshot_put(struct textindex *ti, const struct corpus *c, int64_t seed,
    uint64_t sum)
{
	sqlite3_stmt		*st;
	struct textindex_run	*runs = NULL;
	unsigned char		*b;
	uint64_t		 head[3];
	size_t			 nruns = 0, cap = 0, i, len;
	int			 rc;

	if (seed == -1) {
		/* No seed to be had: no snapshot, and every update streams. */
		if (getentropy(&seed, sizeof seed) == -1)
			return 0;
		seed &= INT64_MAX;
		if (sqlite3_prepare_v2(ti->db, "INSERT OR REPLACE INTO meta "
		    "VALUES ('seed', ?)", -1, &st, NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_int64(st, 1, seed);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return -1;
		sum = textindex_digest((uint64_t)seed, c);
	}
	for (i = 0; i < c->n; i++) {
		int64_t	 id = ti->map[i] > 0 ? ti->map[i] : 0;

		if (nruns > 0 && (id == 0 ? runs[nruns - 1].first == 0 :
		    runs[nruns - 1].first > 0 && id == runs[nruns - 1].first +
		    (int64_t)runs[nruns - 1].len)) {
			runs[nruns - 1].len++;
			continue;
		}
		if (nruns == cap) {
			cap = cap ? cap * 2 : 64;
			runs = xreallocarray(runs, cap, sizeof *runs);
		}
		runs[nruns].first = id;
		runs[nruns++].len = 1;
	}
	head[0] = sum;
	head[1] = c->n;
	head[2] = nruns;
	len = TEXTINDEX_SNAP_HEAD + nruns * sizeof *runs;
	b = xmalloc(len);
	memcpy(b, head, sizeof head);
	if (nruns > 0)
		memcpy(b + TEXTINDEX_SNAP_HEAD, runs, nruns * sizeof *runs);
	free(runs);
	rc = sqlite3_prepare_v2(ti->db, "INSERT OR REPLACE INTO meta "
	    "VALUES ('snapshot-runs', ?)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_blob64(st, 1, b, len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	free(b);
	if (rc != SQLITE_DONE)
		return -1;
	/* A claim not written costs the next command the pass only. */
	if (ti->image != 0)
		(void)textindex_claim_put(ti, (uint64_t)seed, sum, c->n);
	return 0;
}

int
textindex_update(struct textindex *ti, const struct corpus *c, int fresh,
    const struct progress *p)
{
	static const char *const	 sql[] = {
		("INSERT INTO files(path, size, mts, mtns, cts, ctns, ino, always)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
		"INSERT INTO words(rowid, body) VALUES (?, ?)",
		"DELETE FROM files WHERE id = ?",
		"UPDATE meta SET v = v + ? WHERE k = 'dead'",
		("SELECT path, id, size, mts, mtns, cts, ctns, ino, always FROM files"
		" ORDER BY path")
	};
	sqlite3_stmt		*stmt[5] = { NULL, NULL, NULL, NULL, NULL };
	int64_t			 dead = 0;
	struct textindex_row	 row = { NULL, 0, { 0, 0, 0, 0, 0, 0 }, 0 }, *drops = NULL;
	struct textindex_stamp	 st;
	size_t			 ndrops = 0, capdrops = 0, nadds = 0, k, i, j;
	size_t			*order = NULL, *adds = NULL, bytes = 0;
	int			 rc = -1, cmp, stopped = 0, more, racy = 0, known;
	int64_t			 seed = -1;
	uint64_t		 sum = 0;

	free(ti->map);
	ti->map = NULL;
	ti->n = 0;
	/* Articles whose stamps are those the last update met: nothing to do. */
	if (fresh && textindex_snapshot(ti, c, &seed, &sum) == 0) {
		log_debug("textindex: %zu articles as the snapshot has them", c->n);
		return 0;
	}
	if (textindex_exec(ti, "BEGIN IMMEDIATE") == -1)
		return -1;
	/* 'snapshot' is the map whole, as rubric kept it before the runs. */
	if (textindex_exec(ti, "DELETE FROM meta WHERE k IN ('snapshot', "
	    "'snapshot-runs')") == -1 ||
	    textindex_compact(ti) == -1) {
		textindex_exec(ti, "ROLLBACK");
		return -1;
	}
	for (k = 0; k < 5; k++)
		if (sqlite3_prepare_v2(ti->db, sql[k], -1, &stmt[k], NULL) !=
		    SQLITE_OK)
			goto fail;
	/* The articles in the rows' order (strcmp()'s, SQLite's of text): as
	   the walk gives them, most often, else sorted by index. */
	for (i = 1; i < c->n && strcmp(c->articles[i - 1]->path,
	    c->articles[i]->path) <= 0; i++)
		;
	if (i < c->n) {
		order = xreallocarray(NULL, c->n + 1, sizeof *order);
		for (i = 0; i < c->n; i++)
			order[i] = i;
		textindex_sorting = c;
		qsort(order, c->n, sizeof *order, textindex_cmp);
	}
#define TEXTINDEX_AT(k)	(order != NULL ? order[k] : (k))
	ti->map = xcalloc(c->n + 1, sizeof *ti->map);
	ti->n = c->n;
	adds = xreallocarray(NULL, c->n + 1, sizeof *adds);

	/* First what is to be done, the rows streamed beside the articles, a row
	   at a time rather than a million in memory: a row whose article is gone
	   or changed is dropped, an article new or changed is added. Nothing is
	   written while the rows are read. */
	more = textindex_next(stmt[4], &row);
	for (k = 0; k < c->n; k++) {
		const struct article	*a = c->articles[TEXTINDEX_AT(k)];

		/* The same file given twice is one row. */
		if (k > 0 && strcmp(a->path,
		    c->articles[TEXTINDEX_AT(k - 1)]->path) == 0) {
			ti->map[TEXTINDEX_AT(k)] = ti->map[TEXTINDEX_AT(k - 1)];
			continue;
		}
		while (more == 1 && (cmp = strcmp(row.path, a->path)) < 0) {
			textindex_keep_drop(&drops, &ndrops, &capdrops, &row);
			more = textindex_next(stmt[4], &row);
		}
		if (more == -1)
			goto fail;
		cmp = more == 1 ? strcmp(row.path, a->path) : 1;
		if ((known = textindex_stamp(a, fresh, &st)) == 0 && st.ctns == -1)
			racy = 1;
		if (known == -1) {
			/* Gone or unreadable now: read by the query, as it says. */
			if (cmp == 0)
				textindex_keep_drop(&drops, &ndrops, &capdrops, &row);
		} else if (cmp == 0 && row.st.ctns != -1 &&
		    memcmp(&st, &row.st, sizeof st) == 0)
			/* A racy row (ctns -1) matches nothing, not even another. */
			ti->map[TEXTINDEX_AT(k)] = row.always ? 0 : row.id;
		else {
			if (cmp == 0)
				textindex_keep_drop(&drops, &ndrops, &capdrops, &row);
			adds[nadds++] = TEXTINDEX_AT(k);
		}
		if (cmp == 0)
			more = textindex_next(stmt[4], &row);
	}
	/* Files no article has any more. */
	while (more == 1) {
		textindex_keep_drop(&drops, &ndrops, &capdrops, &row);
		more = textindex_next(stmt[4], &row);
	}
	if (more == -1)
		goto fail;
	sqlite3_reset(stmt[4]);

	for (j = 0; j < ndrops; j++)
		if (textindex_drop(stmt[2], &drops[j], &dead) == -1)
			goto fail;
	for (j = 0; j < nadds; j++) {
		const struct article	*a = c->articles[adds[j]];

		if (progress_report(p, c->n - nadds + j, c->n)) {
			stopped = 1;
			break;
		}
		/* Its stamp again (a stat when not fresh), as it is read now. */
		if (textindex_stamp(a, fresh, &st) == -1)
			continue;
		if ((ti->map[adds[j]] = textindex_add(ti, a, &st, stmt[0],
		    stmt[1], &bytes)) == -1) {
			ti->map[adds[j]] = 0;
			goto fail;
		}
		if (bytes >= TEXTINDEX_BATCH) {
			bytes = 0;
			/* Until the last commit the index is not complete. */
			if (textindex_dead(stmt[3], &dead) == -1 ||
			    textindex_exec(ti, "UPDATE meta SET v = 0"
			    " WHERE k = 'complete'") == -1 ||
			    textindex_exec(ti, "COMMIT") == -1 ||
			    textindex_exec(ti, "BEGIN IMMEDIATE") == -1)
				goto fail;
		}
	}
#undef TEXTINDEX_AT
	/* A stamp within the clock's tick may stay as it is through a change: an
	   update that met one leaves no snapshot, and the next streams the rows. */
	if (fresh && !stopped && !racy &&
	    textindex_snapshot_put(ti, c, seed, sum) == -1)
		goto fail;
	if (textindex_dead(stmt[3], &dead) == -1 || textindex_exec(ti,
	    "UPDATE meta SET v = 1 WHERE k = 'complete'; COMMIT") == -1)
		goto fail;
	rc = stopped;
	goto done;
fail:
	textindex_exec(ti, "ROLLBACK");
done:
	if (rc == -1) {
		free(ti->map);
		ti->map = NULL;
		ti->n = 0;
		if (sqlite3_get_autocommit(ti->db) == 0)
			textindex_exec(ti, "ROLLBACK");
	}
	for (k = 0; k < 5; k++)
		sqlite3_finalize(stmt[k]);
	free(row.path);
	for (j = 0; j < ndrops; j++)
		free(drops[j].path);
	free(drops);
	free(adds);
	free(order);
	return rc;
}

/* Whether c is one of FTS5's token characters as the index cuts them, in ASCII. */
static int
textindex_wordchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

int
textindex_usable(const char *lit)
{
	const unsigned char	*s;
	int			 words = 0;

	for (s = (const unsigned char *)lit; *s != '\0'; s++) {
		if (*s >= 0x80)
			return 0;
		words |= textindex_wordchar(*s);
	}
	return words;
}

int
textindex_exact(const char *lit)
{
	size_t	 n;

	/* Words of lowercase ASCII, one space between two: the query's space
	   matches what parts FTS5's words (query_quote()), so that a phrase of
	   them is the FTS5 phrase. */
	for (n = 0; lit[n] != '\0'; n++)
		if (!((lit[n] >= 'a' && lit[n] <= 'z') ||
		    (lit[n] >= '0' && lit[n] <= '9') || lit[n] == '_' ||
		    (lit[n] == ' ' && n > 0 && lit[n - 1] != ' ' && lit[n + 1] != '\0')))
			return 0;
	/* FTS5 keeps no more than 32 kB of a word: far from any word asked. */
	return n > 0 && n <= TEXTINDEX_EXACT_MAX;
}

int
textindex_candidates(struct textindex *ti, const char *lit, unsigned char *cand,
    size_t n)
{
	sqlite3_stmt	*st;
	int64_t		*ids = NULL, top, id;
	uint64_t	*bits;
	size_t		 nids = 0, cap = 0, i;
	char		*phrase, *o;
	const char	*s;
	int		 rc, exact;

	if (ti == NULL || ti->map == NULL || n != ti->n || !textindex_usable(lit))
		return -1;
	/* "w1 w2 ...": the words of lit as one phrase, folded as unicode61 does. */
	o = phrase = xmalloc(strlen(lit) * 2 + 3);
	*o++ = '"';
	for (s = lit; *s != '\0'; s++) {
		if (textindex_wordchar((unsigned char)*s)) {
			*o++ = (*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s;
		} else if (o[-1] != ' ' && o[-1] != '"')
			*o++ = ' ';
	}
	*o++ = '"';
	*o = '\0';
	if (sqlite3_prepare_v2(ti->db, "SELECT rowid FROM words WHERE words MATCH ?",
	    -1, &st, NULL) != SQLITE_OK) {
		free(phrase);
		return -1;
	}
	sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nids == cap) {
			cap = cap ? cap * 2 : 1024;
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		ids[nids++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	free(phrase);
	if (rc != SQLITE_DONE) {
		log_debug("textindex: %s", sqlite3_errmsg(ti->db));
		free(ids);
		return -1;
	}
	/* The ids as a set of bits, one a row the index ever gave (ids only
	   grow, and the words are made anew once the dead outnumber the live):
	   an article's answer is then one look, not a search. */
	for (i = 0, top = 0; i < nids; i++)
		if (ids[i] > top)
			top = ids[i];
	bits = xcalloc((size_t)(top / 64) + 1, sizeof *bits);
	for (i = 0; i < nids; i++)
		if (ids[i] > 0)
			bits[ids[i] / 64] |= UINT64_C(1) << (ids[i] % 64);
	free(ids);
	exact = textindex_exact(lit);
	for (i = 0; i < n; i++) {
		id = ti->map[i];
		if (id == 0)
			cand[i] = TEXTINDEX_READ;
		else if (id > 0 && id <= top &&
		    (bits[id / 64] >> (id % 64) & 1) != 0)
			cand[i] = exact ? TEXTINDEX_YES : TEXTINDEX_READ;
		else
			cand[i] = TEXTINDEX_NO;
	}
	free(bits);
	return 0;
}
