/* headstore.c: heads come back from the store for unchanged files and only for them
   (a changed size, mtime, ctime or inode reads the file again), rows of removed files
   go, other chrome patterns empty the store, and a store that is garbage, cut short,
   of other tables, forged, a folder, read-only or locked gives the heads a read of
   every file gives, and is made good again where it can be. */
#include "testutil.h"

#include <sqlite3.h>
#include <time.h>

#include "corpus.h"
#include "headstore.h"

struct fixture {
	char		*tmp;
	char		*root;		/* tmp/news, the corpus */
	char		*cache;		/* tmp/cache */
	char		*db;		/* tmp/cache/rubric/heads.sqlite */
	struct chrome	*chrome;	/* none */
	struct chrome	*other;		/* "Skip to content" */
};

static const char *const exts[] = { "txt", "md" };

/* Folders whose entries the last scan() took from the store. */
static size_t	 dir_hits;

static void
put(const struct fixture *f, const char *name, const char *text)
{
	free(tu_write_in(f->root, name, text, strlen(text)));
}

/* news/: a header block, a Markdown heading, chrome before the title, a binary
   file, one too large to read (sparse), and a hundred more so that the store spans
   pages. */
static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);
	struct diag	 d = { 0 };
	char		 name[32], text[64], big[ARTICLE_HEADMAX], *p;
	int		 i, fd;

	if (f == NULL)
		abort();
	f->tmp = tu_mkdtemp();
	f->root = tu_path(f->tmp, "news");
	f->cache = tu_path(f->tmp, "cache");
	f->db = tu_path(f->tmp, "cache/rubric/heads.sqlite");
	if (mkdir(f->root, 0755) == -1 || mkdir(f->cache, 0700) == -1)
		abort();
	put(f, "a.txt", "Title: Alpha\nDate: 2017-09-06\nSource: Wire\nURL: http://x/a\n"
	    "Author: Kamal\n\nBody.\n");
	put(f, "b.md", "# Bravo\n\ntext\n");
	put(f, "c.txt", "Skip to content\nCharlie\n");
	free(tu_write_in(f->root, "nul.txt", "bin\0ary", 7));
	memset(big, 'x', sizeof big);
	memcpy(big, "Big\n", 4);
	p = tu_write_in(f->root, "big.txt", big, sizeof big);
	if ((fd = open(p, O_WRONLY)) == -1 || ftruncate(fd, ARTICLE_MAXSIZE + 1) == -1)
		abort();
	close(fd);
	free(p);
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "m%03d.txt", i);
		snprintf(text, sizeof text, "Article number %d\nbody\n", i);
		put(f, name, text);
	}
	f->chrome = chrome_new();
	f->other = chrome_new();
	if (chrome_add(f->other, "skip to content", "chrome", NULL, &d) == -1)
		abort();
	diag_free(&d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_path(f->cache, "rubric");

	chmod(p, 0700);
	free(p);
	tu_rmtree(f->tmp);
	chrome_free(f->chrome);
	chrome_free(f->other);
	free(f->tmp);
	free(f->root);
	free(f->cache);
	free(f->db);
	free(f);
	return 0;
}

/* The corpus found with the store (db: NULL for none) and chrome; returns how many
   heads the store gave. */
static size_t
scan(const struct fixture *f, struct corpus *c, const char *db,
    const struct chrome *chrome)
{
	struct corpus_options	 o = { exts, 2, chrome, NULL, 0, 0, NULL };
	const char		*paths[1] = { f->root };
	struct diag		 d = { 0 };
	size_t			 hits;

	o.heads = headstore_open(db, chrome_fingerprint(chrome));
	if (corpus_scan(c, paths, 1, &o, &d) == -1)
		fail_msg("corpus_scan: %s", d.n > 0 ? d.msgs[0].text : "?");
	hits = headstore_hits(o.heads);
	dir_hits = headstore_dir_hits(o.heads);
	headstore_close(o.heads);
	diag_free(&d);
	return hits;
}

static void
same_str(const char *what, const char *name, const char *x, const char *y)
{
	if ((x == NULL) != (y == NULL) || (x != NULL && strcmp(x, y) != 0))
		fail_msg("%s: %s is \"%s\", a read gives \"%s\"", name, what,
		    x ? x : "(null)", y ? y : "(null)");
}

/* Whether the corpus found through the store is the one a read of every file finds,
   head for head. */
static void
check(const struct fixture *f, const struct corpus *c, const struct chrome *chrome)
{
	struct corpus	 t;
	int64_t		 xs[ARTICLE_STAMPLEN], ys[ARTICLE_STAMPLEN];
	size_t		 i, k;

	scan(f, &t, NULL, chrome);
	assert_int_equal(c->n, t.n);
	assert_int_equal(c->nbinary, t.nbinary);
	assert_int_equal(c->nerrors, t.nerrors);
	for (i = 0; i < c->n; i++) {
		const struct article	*x = c->articles[i], *y = t.articles[i];

		assert_string_equal(x->name, y->name);
		same_str("title", x->name, x->title, y->title);
		for (k = 0; k < ARTICLE_NTEXTS; k++)
			same_str("text", x->name, article_text(x, k),
			    article_text(y, k));
		same_str("error", x->name, x->error, y->error);
		article_stamp(x, xs);
		article_stamp(y, ys);
		for (k = 0; k < ARTICLE_STAMPLEN; k++)
			assert_int_equal(xs[k], ys[k]);
	}
	corpus_free(&t);
}

/* Rows in the store (-1: it cannot be read); with name, rows of that name. */
static int
rows(const struct fixture *f, const char *name)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, name != NULL ? "SELECT count(*) FROM heads WHERE "
	    "path = CAST(?1 AS BLOB)" : "SELECT count(*) FROM heads", -1, &st,
	    NULL) == SQLITE_OK) {
		if (name != NULL)
			sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

static void
sql(const struct fixture *f, const char *text)
{
	sqlite3	*db;

	if (sqlite3_open(f->db, &db) != SQLITE_OK ||
	    sqlite3_exec(db, text, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", text, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* Coarse file clocks tick every few milliseconds: a change made at once might
   leave ctime as it was. */
static void
tick(void)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* How many files the corpus walks: its articles, the binary one included. */
#define NFILES	105

static void
test_round_trip(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	size_t		 i;
	char		*author;

	assert_int_equal(scan(f, &c, f->db, f->chrome), 0);
	check(f, &c, f->chrome);
	corpus_free(&c);
	assert_int_equal(rows(f, NULL), NFILES);
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES);
	check(f, &c, f->chrome);
	assert_int_equal(c.nbinary, 1);
	assert_int_equal(c.nerrors, 1);
	i = tu_article(&c, "a.txt");
	assert_string_equal(c.articles[i]->title, "Alpha");
	/* Not kept with the head, nor taken from a row: from the file. */
	assert_null(article_text(c.articles[i], ARTICLE_AUTHOR));
	author = article_header_text(c.articles[i], NULL, ARTICLE_AUTHOR);
	assert_string_equal(author, "Kamal");
	free(author);
	i = tu_article(&c, "c.txt");
	assert_string_equal(c.articles[i]->title, "Skip to content");
	corpus_free(&c);
	/* A store a second run only read is not written: nothing changed. */
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES);
	corpus_free(&c);
	/* Read in one piece, as a small store is, it gives the same. */
	headstore_halves = SIZE_MAX;
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES);
	check(f, &c, f->chrome);
	corpus_free(&c);
	headstore_halves = 16;
}

static void
test_changes(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	struct stat	 st;
	struct timespec	 times[2];
	char		*p = tu_path(f->root, "b.md"), *q = tu_path(f->root, "new.tmp");

	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	/* Size. */
	tick();
	put(f, "b.md", "# Bravo, longer\n\ntext\n");
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);

	assert_string_equal(c.articles[tu_article(&c, "b.md")]->title, "Bravo, longer");
	check(f, &c, f->chrome);
	corpus_free(&c);
	/* Mtime alone. */
	if (stat(p, &st) == -1)
		abort();
	times[0] = st.st_atim;
	times[1].tv_sec = st.st_mtim.tv_sec - 100;
	times[1].tv_nsec = st.st_mtim.tv_nsec;
	if (utimensat(AT_FDCWD, p, times, 0) == -1)
		abort();
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);
	check(f, &c, f->chrome);
	corpus_free(&c);
	/* Ctime alone: the same size and mtime, other text (touch -r). */
	if (stat(p, &st) == -1)
		abort();
	tick();
	put(f, "b.md", "# Braxx, longer\n\ntext\n");
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	if (utimensat(AT_FDCWD, p, times, 0) == -1)
		abort();
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);
	assert_string_equal(c.articles[tu_article(&c, "b.md")]->title, "Braxx, longer");
	check(f, &c, f->chrome);
	corpus_free(&c);
	/* Inode: another file renamed over it. */
	tu_write(q, "# Braxy, longer\n\ntext\n", 22);
	if (rename(q, p) == -1)
		abort();
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);
	assert_string_equal(c.articles[tu_article(&c, "b.md")]->title, "Braxy, longer");
	check(f, &c, f->chrome);
	corpus_free(&c);
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES);
	corpus_free(&c);
	free(p);
	free(q);
}

static void
test_removed(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	char		*p = tu_path(f->root, "m007.txt");

	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	assert_int_equal(rows(f, "m007.txt"), 1);
	if (unlink(p) == -1)
		abort();
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);
	check(f, &c, f->chrome);
	corpus_free(&c);
	assert_int_equal(rows(f, "m007.txt"), 0);
	assert_int_equal(rows(f, NULL), NFILES - 1);
	free(p);
}

/* A folder's entries come from the store while its stamp is the stored one, and
   from the folder once anything was made, removed or renamed in it: the corpus is
   the one a walk of every folder finds. */
static void
test_listings(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	char		*p, *q;

	p = tu_path(f->root, "sub");
	q = tu_path(f->root, "sub/deep");
	if (mkdir(p, 0755) == -1 || mkdir(q, 0755) == -1)
		abort();
	free(p);
	free(q);
	put(f, "sub/s1.txt", "Sub one\n");
	put(f, "sub/deep/d1.txt", "Deep one\n");
	tick();
	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	assert_int_equal(dir_hits, 0);
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES + 2);
	assert_int_equal(dir_hits, 3);
	check(f, &c, f->chrome);
	corpus_free(&c);

	/* A file added, one removed, one renamed: each in a folder of its own. */
	put(f, "sub/new.txt", "New\n");
	p = tu_path(f->root, "m007.txt");
	if (unlink(p) == -1)
		abort();
	free(p);
	p = tu_path(f->root, "sub/deep/d1.txt");
	q = tu_path(f->root, "sub/deep/d2.txt");
	if (rename(p, q) == -1)
		abort();
	free(p);
	free(q);
	tick();
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 0);
	check(f, &c, f->chrome);
	assert_int_equal(c.n, NFILES + 2 - 1);
	assert_string_equal(c.articles[tu_article(&c, "sub/new.txt")]->title, "New");
	assert_string_equal(c.articles[tu_article(&c, "sub/deep/d2.txt")]->title,
	    "Deep one");
	corpus_free(&c);
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 3);
	check(f, &c, f->chrome);
	corpus_free(&c);

	/* A folder made inside sub: sub is read again, the others are not. */
	p = tu_path(f->root, "sub/other");
	if (mkdir(p, 0755) == -1)
		abort();
	free(p);
	put(f, "sub/other/o.txt", "Other\n");
	tick();
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 2);
	check(f, &c, f->chrome);
	assert_string_equal(c.articles[tu_article(&c, "sub/other/o.txt")]->title,
	    "Other");
	corpus_free(&c);

	/* A listing forged or damaged in the store is not believed. */
	sql(f, "UPDATE dirs SET entries = CAST(x'0867686f73742e74787400' AS BLOB) "
	    "WHERE path = x''");
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 3);
	check(f, &c, f->chrome);
	corpus_free(&c);
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 4);
	corpus_free(&c);

	/* A folder listed within the racy window of its change is never taken from
	   the store: a change in the same tick of the clock would leave its stamp
	   as it is. The others, listed long after theirs, are. */
	setenv("RUBRIC_INDEX_RACY", "3600", 1);
	put(f, "sub/late.txt", "Late\n");
	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 3);
	check(f, &c, f->chrome);
	corpus_free(&c);
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 3);
	corpus_free(&c);
	scan(f, &c, f->db, f->chrome);
	assert_int_equal(dir_hits, 4);
	corpus_free(&c);
}

/* An article the walk gives out of the rows' order (a linked folder is walked
   last, whatever its name) has its row all the same. */
static void
test_order(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	char		*p, *q;

	p = tu_path(f->tmp, "elsewhere");
	q = tu_path(f->root, "aaa");
	if (mkdir(p, 0755) == -1 || symlink(p, q) == -1)
		abort();
	free(tu_write_in(p, "e.txt", "Elsewhere\n", 10));
	free(p);
	free(q);
	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES + 1);
	check(f, &c, f->chrome);
	assert_string_equal(c.articles[tu_article(&c, "aaa/e.txt")]->title,
	    "Elsewhere");
	corpus_free(&c);
}

/* A progress that stops the reading at its first report. */
static int
stop_at_once(void *arg, size_t done, size_t total)
{
	size_t	*seen = arg;

	(void)total;
	*seen = done;
	return 1;
}

/* Stopped, the walk fails with "stopped", and the heads read until then are in the
   store: the next start has them, and reads only the rest. */
static void
test_stopped(void **state)
{
	struct fixture		*f = *state;
	struct corpus		 c;
	struct diag		 d = { 0 };
	size_t			 seen = 0, i;
	int			 kept;
	char			 name[32];
	const char		*paths[1] = { f->root };
	struct progress		 p = { stop_at_once, &seen };
	struct corpus_options	 o = { exts, 2, NULL, NULL, 0, 0, NULL };

	/* Enough for a few of the threads' chunks. */
	for (i = 0; i < 2000; i++) {
		snprintf(name, sizeof name, "z%04zu.txt", i);
		put(f, name, "Zed\n");
	}
	o.chrome = f->chrome;
	o.progress = &p;
	o.heads = headstore_open(f->db, chrome_fingerprint(f->chrome));
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), -1);
	assert_int_equal(c.n, 0);
	assert_true(d.n > 0 && strstr(d.msgs[0].text, "stopped") != NULL);
	headstore_close(o.heads);
	diag_free(&d);
	assert_true(seen > 0);
	kept = rows(f, NULL);
	assert_true(kept > 0 && kept < NFILES + 2000);
	/* Every head kept is one the next start does not read. */
	assert_int_equal(scan(f, &c, f->db, f->chrome), kept);
	check(f, &c, f->chrome);
	corpus_free(&c);
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES + 2000);
	corpus_free(&c);
}

static void
test_chrome(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;

	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	assert_int_equal(scan(f, &c, f->db, f->other), 0);
	assert_string_equal(c.articles[tu_article(&c, "c.txt")]->title, "Charlie");
	check(f, &c, f->other);
	corpus_free(&c);
	assert_int_equal(scan(f, &c, f->db, f->other), NFILES);
	check(f, &c, f->other);
	corpus_free(&c);
	assert_int_equal(scan(f, &c, f->db, f->chrome), 0);
	assert_string_equal(c.articles[tu_article(&c, "c.txt")]->title,
	    "Skip to content");
	corpus_free(&c);
}

/* Two rubrics at once with other chrome patterns: the one that opened the store
   under its own patterns meets the other's rows, or writes its own after the other
   emptied the store and put its patterns in it. Neither takes the other's heads. */
static void
test_chrome_at_once(void **state)
{
	struct fixture		*f = *state;
	struct corpus		 c;
	struct diag		 d = { 0 };
	const char		*paths[1] = { f->root };
	struct corpus_options	 o = { exts, 2, NULL, NULL, 0, 0, NULL };

	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	put(f, "c.txt", "Skip to content\nDelta\n");
	/* This one opens the store while it is still its patterns'. */
	o.chrome = f->chrome;
	o.heads = headstore_open(f->db, chrome_fingerprint(f->chrome));
	/* The other empties it and keeps its own heads: "Delta". */
	assert_int_equal(scan(f, &c, f->db, f->other), 0);
	assert_string_equal(c.articles[tu_article(&c, "c.txt")]->title, "Delta");
	corpus_free(&c);
	/* The first reads its heads now: none of the other's. */
	if (corpus_scan(&c, paths, 1, &o, &d) == -1)
		fail_msg("corpus_scan");
	assert_int_equal(headstore_hits(o.heads), 0);
	assert_string_equal(c.articles[tu_article(&c, "c.txt")]->title,
	    "Skip to content");
	check(f, &c, f->chrome);
	headstore_close(o.heads);
	corpus_free(&c);
	diag_free(&d);
	/* Its rows, written under the other's patterns, are not the other's
	   either. */
	scan(f, &c, f->db, f->other);
	assert_string_equal(c.articles[tu_article(&c, "c.txt")]->title, "Delta");
	check(f, &c, f->other);
	corpus_free(&c);
}

/* A store damaged in place gives the heads of a read, and is good again after. */
static void
damaged(const struct fixture *f)
{
	struct corpus	 c;

	scan(f, &c, f->db, f->chrome);
	check(f, &c, f->chrome);
	corpus_free(&c);
	assert_int_equal(rows(f, NULL), NFILES);
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES);
	check(f, &c, f->chrome);
	corpus_free(&c);
}

static void
test_garbage(void **state)
{
	struct fixture	*f = *state;
	char		 junk[8192];
	size_t		 i;

	for (i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7919 % 251);
	tu_corpus_write(f->cache, "rubric/heads.sqlite", junk, sizeof junk);
	damaged(f);
}

static void
test_truncated(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	struct stat	 st;

	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	if (stat(f->db, &st) == -1 || truncate(f->db, st.st_size / 2) == -1)
		abort();
	damaged(f);
	if (truncate(f->db, 100) == -1)
		abort();
	damaged(f);
}

static void
test_schema(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;

	tu_corpus_write(f->cache, "rubric/heads.sqlite", "", 0);
	sql(f, "CREATE TABLE heads(path TEXT, title TEXT)");
	sql(f, "INSERT INTO heads VALUES('a.txt', 'Forged')");
	damaged(f);
	/* Another version's. */
	sql(f, "UPDATE meta SET value = 99 WHERE key = 'version'");
	damaged(f);
	/* A row changed behind the store's back fails its checksum. */
	sql(f, "UPDATE heads SET title = CAST('Forged' AS BLOB) WHERE path = "
	    "CAST('a.txt' AS BLOB)");
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);
	assert_string_equal(c.articles[tu_article(&c, "a.txt")]->title, "Alpha");
	corpus_free(&c);
	/* And a row of a file that is no binary one says it is. */
	sql(f, "UPDATE heads SET kind = 1 WHERE path = CAST('m001.txt' AS BLOB)");
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);
	check(f, &c, f->chrome);
	corpus_free(&c);
}

static void
test_folder(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	struct stat	 st;
	char		*p = tu_path(f->db, "keep");

	tu_corpus_write(f->cache, "rubric/heads.sqlite/keep", "x", 1);
	assert_int_equal(scan(f, &c, f->db, f->chrome), 0);
	check(f, &c, f->chrome);
	corpus_free(&c);
	assert_int_equal(scan(f, &c, f->db, f->chrome), 0);
	corpus_free(&c);
	assert_int_equal(stat(p, &st), 0);
	free(p);
}

static void
test_readonly(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	char		*dir = tu_path(f->cache, "rubric");

	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	put(f, "m002.txt", "Changed while the store cannot be written\n");
	if (chmod(f->db, 0400) == -1 || chmod(dir, 0500) == -1)
		abort();
	scan(f, &c, f->db, f->chrome);
	assert_string_equal(c.articles[tu_article(&c, "m002.txt")]->title,
	    "Changed while the store cannot be written");
	check(f, &c, f->chrome);
	corpus_free(&c);
	/* A folder not there and not to be made. */
	chmod(dir, 0700);
	chmod(f->db, 0600);
	tu_rmtree(f->cache);
	tu_corpus_write(f->tmp, "cache", "", 0);
	assert_int_equal(scan(f, &c, f->db, f->chrome), 0);
	check(f, &c, f->chrome);
	corpus_free(&c);
	free(dir);
}

static void
test_locked(void **state)
{
	struct fixture	*f = *state;
	struct corpus	 c;
	sqlite3		*db;
	time_t		 t0;

	scan(f, &c, f->db, f->chrome);
	corpus_free(&c);
	put(f, "m003.txt", "Changed while another holds the store\n");
	if (sqlite3_open(f->db, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("lock: %s", sqlite3_errmsg(db));
	t0 = time(NULL);
	assert_int_equal(scan(f, &c, f->db, f->chrome), 0);
	assert_true(time(NULL) - t0 <= 4);
	check(f, &c, f->chrome);
	corpus_free(&c);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(scan(f, &c, f->db, f->chrome), NFILES - 1);
	assert_string_equal(c.articles[tu_article(&c, "m003.txt")]->title,
	    "Changed while another holds the store");
	corpus_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_listings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stopped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chrome, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chrome_at_once, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_garbage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
	};

	tu_locale();
	/* The tests change files faster than any clock's tick: no racy window. */
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	/* Every test reads its store in two halves, as a large corpus does. */
	headstore_halves = 16;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
