/* textindex.c: an index built over a few files, brought up to date after they are
   edited (one only its ctime tells), removed and added, its candidates for words and
   phrases; articles it cannot vouch for always candidates; a damaged file made anew,
   a path that is not a file refused, a stop that leaves the rest to be read, an
   update that did not end made anew, phrases whose words stand apart, and paths no
   SQL string could hold. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sqlite3.h>
#include <time.h>

#include "testutil.h"

#include "article.h"
#include "scan.h"
#include "textindex.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct fixture {
	char		*dir;		/* the corpus */
	char		*cache;		/* XDG_CACHE_HOME */
	char		*db;		/* the index's file */
	struct corpus	 c;
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);
	const char	*roots[1];

	tu_locale();
	f->dir = tu_mkdtemp();
	f->cache = tu_mkdtemp();
	setenv("XDG_CACHE_HOME", f->cache, 1);
	/* The tests change files faster than any clock's tick: no racy window. */
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	unsetenv("RUBRIC_NO_INDEX");
	roots[0] = f->dir;
	f->db = textindex_path(roots, 1);
	*state = f;
	return 0;
}

static void
corpus_clear(struct corpus *c)
{
	while (c->n > 0)
		article_free(c->articles[--c->n]);
	free(c->articles);
	c->articles = NULL;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	corpus_clear(&f->c);
	tu_rmtree(f->dir);
	tu_rmtree(f->cache);
	free(f->dir);
	free(f->cache);
	free(f->db);
	free(f);
	return 0;
}

/* Writes name in the corpus with text (a header line and a blank line first). */
static void
put(struct fixture *f, const char *name, const char *text)
{
	char	*all = xasprintf("Title: %s\n\n%s", name, text);

	free(tu_write_in(f->dir, name, all, strlen(all)));
	free(all);
}

/* The corpus as the names given, in that order, their heads read. */
static void
corpus_set(struct fixture *f, const char *const *names, size_t n)
{
	size_t	 i;

	corpus_clear(&f->c);
	f->c.articles = calloc(n + 1, sizeof *f->c.articles);
	for (i = 0; i < n; i++) {
		char	*path = tu_path(f->dir, names[i]);

		f->c.articles[i] = article_new(path, names[i]);
		/* Its stamp taken as the walk takes it; one that cannot be read is
		   stamped by the index itself. */
		article_head(f->c.articles[i], NULL);
		free(path);
	}
	f->c.n = n;
}

/* The candidates for lit as a string of 0 (not), 1 (read) and 2 (holds it), one
   per article; "-" when the index cannot answer. Static. */
static const char *
cands(struct textindex *ti, struct fixture *f, const char *lit)
{
	static char	 out[64];
	unsigned char	 v[64];
	size_t		 i;

	if (textindex_candidates(ti, lit, v, f->c.n) == -1)
		return "-";
	for (i = 0; i < f->c.n; i++)
		out[i] = (char)('0' + v[i]);
	out[i] = '\0';
	return out;
}

static void
test_path(void **state)
{
	struct fixture	*f = *state;
	const char	*roots[1] = { f->dir };
	char		*scan = scan_cache_path(roots, 1), *want;

	/* The scan's folder and hash, so both go with the corpus. */
	want = xasprintf("%s/rubric/text-%s.sqlite", f->cache,
	    strrchr(scan, '-') + 1);
	assert_string_equal(f->db, want);
	free(want);
	free(scan);
}

static void
test_build_update(void **state)
{
	static const char *const	 names[] = { "a.txt", "b.txt", "c.txt" };
	static const char *const	 two[] = { "c.txt", "a.txt", "d.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	struct stat			 st;
	struct timespec			 ts[2], tick = { 0, 50000000 };
	char				*path;

	put(f, "a.txt", "The soil of the oil-field.\n");
	put(f, "b.txt", "Deir ez-Zor, said the U.S. envoy.\n");
	put(f, "c.txt", "Nothing here but Oil_price and OIL.\n");
	corpus_set(f, names, 3);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "202");
	assert_string_equal(cands(ti, f, "Oil"), "101");	/* folded */
	assert_string_equal(cands(ti, f, "soil"), "200");
	assert_string_equal(cands(ti, f, "oil_price"), "002");
	assert_string_equal(cands(ti, f, "\"oil-field\""), "100");
	assert_string_equal(cands(ti, f, "oil field"), "200");
	assert_string_equal(cands(ti, f, "field oil"), "000");
	assert_string_equal(cands(ti, f, "ez-Zor"), "010");
	assert_string_equal(cands(ti, f, "U.S."), "010");
	/* The text as a query searches it: the header too. */
	assert_string_equal(cands(ti, f, "Title"), "111");
	assert_string_equal(cands(ti, f, "absent"), "000");
	/* What the index cannot cut as FTS5 does: not answered. */
	assert_string_equal(cands(ti, f, "naïve"), "-");
	assert_string_equal(cands(ti, f, "--"), "-");
	assert_string_equal(cands(ti, f, "\""), "-");
	textindex_close(ti);

	/* Another run: a changed file read again, one only its ctime tells (same
	   size, mtime put back), one gone, one new, in another order. */
	/* Past the tick of the clock that stamps files (a jiffy): within it, a
	   change is seen only through the racy window the test turned off. */
	nanosleep(&tick, NULL);
	path = tu_path(f->dir, "a.txt");
	assert_int_equal(stat(path, &st), 0);
	put(f, "a.txt", "The soil of the gas-field.\n");
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	free(path);
	put(f, "c.txt", "Nothing here but fuel.\n");
	put(f, "d.txt", "oil again\n");
	path = tu_path(f->dir, "b.txt");
	unlink(path);
	free(path);
	corpus_set(f, two, 3);
	assert_non_null(ti = textindex_open(f->db));
	/* Not brought up to date: it answers nothing. */
	assert_string_equal(cands(ti, f, "oil"), "-");
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "002");
	assert_string_equal(cands(ti, f, "gas"), "020");
	assert_string_equal(cands(ti, f, "fuel"), "200");
	assert_string_equal(cands(ti, f, "envoy"), "000");
	/* Unchanged, again: the same answers. */
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "002");
	/* Changed after the walk, as under the screen: not fresh, so looked at. */
	nanosleep(&tick, NULL);
	put(f, "a.txt", "The soil of the oil-field.\n");
	assert_int_equal(textindex_update(ti, &f->c, 0, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "022");
	textindex_close(ti);
}

/* A corpus said to be an image's whole (textindex_whole()): once an update went
   over it, the next takes the snapshot by the image's checksum alone, as its
   caller vouches; another checksum, or none, goes over the articles and finds a
   change; and a claim never answers for another corpus's snapshot. */
static void
test_whole(void **state)
{
	static const char *const	 names[] = { "a.txt", "b.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	struct timespec			 tick = { 0, 50000000 };

	put(f, "a.txt", "oil here\n");
	put(f, "b.txt", "gas here\n");
	corpus_set(f, names, 2);
	assert_non_null(ti = textindex_open(f->db));
	textindex_whole(ti, 42);
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "20");
	textindex_close(ti);
	/* The same corpus, claimed from the second command on. */
	assert_non_null(ti = textindex_open(f->db));
	textindex_whole(ti, 42);
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "20");
	textindex_close(ti);

	/* a.txt changed and walked again. Said to be image 42's corpus, which a
	   caller says only of one that is the image's, the snapshot is taken as
	   it stands: the change is not looked for. */
	nanosleep(&tick, NULL);
	put(f, "a.txt", "fuel here\n");
	corpus_set(f, names, 2);
	assert_non_null(ti = textindex_open(f->db));
	textindex_whole(ti, 42);
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "20");
	textindex_close(ti);
	/* Another image's: gone over, and the change found. */
	assert_non_null(ti = textindex_open(f->db));
	textindex_whole(ti, 43);
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "oil"), "00");
	assert_string_equal(cands(ti, f, "fuel"), "20");
	textindex_close(ti);
	/* Image 42's claim names the old corpus's digest, not the snapshot's
	   now: gone over, and answered as it is. None: the same. */
	assert_non_null(ti = textindex_open(f->db));
	textindex_whole(ti, 42);
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "fuel"), "20");
	textindex_whole(ti, 0);
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "fuel"), "20");
	textindex_close(ti);
}

/* Articles whose words FTS5 and PCRE2 could cut apart differently, or that cannot
   be read: candidates for every term. */
static void
test_always(void **state)
{
	static const char *const	 names[] = { "plain.txt", "mark.txt", "bad.txt",
					     "nul.txt", "gone.txt", "kelvin.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	char				*path;

	put(f, "plain.txt", "plain words\n");
	put(f, "mark.txt", "oil\xcc\x81 and cafe\xcc\x81\n");	/* combining acute */
	put(f, "bad.txt", "oil \xff\xfe here\n");		/* not UTF-8 */
	path = tu_path(f->dir, "nul.txt");
	tu_write(path, "Title: n\n\nfirst\0oil\n", 20);
	free(path);
	put(f, "kelvin.txt", "5 \xe2\x84\xaa" "elvin\n");		/* K, KELVIN SIGN */
	corpus_set(f, names, 6);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "plain"), "211111");
	assert_string_equal(cands(ti, f, "zzz"), "011111");
	textindex_close(ti);
}

static int
stop_at_two(void *arg, size_t done, size_t total)
{
	size_t	*calls = arg;

	(void)total;
	(*calls)++;
	return done >= 2;
}

/* A stop keeps what was indexed; what was not reached is a candidate. */
static void
test_stop(void **state)
{
	static const char *const	 names[] = { "1.txt", "2.txt", "3.txt",
					     "4.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	size_t				 calls = 0;
	struct progress			 p = { stop_at_two, &calls };

	put(f, "1.txt", "alpha\n");
	put(f, "2.txt", "beta\n");
	put(f, "3.txt", "gamma\n");
	put(f, "4.txt", "delta\n");
	corpus_set(f, names, 4);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, &p), 1);
	assert_true(calls >= 3);
	assert_string_equal(cands(ti, f, "alpha"), "2011");
	assert_string_equal(cands(ti, f, "beta"), "0211");
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "gamma"), "0020");
	textindex_close(ti);
}

/* A phrase's words standing apart, or in another order, are not a candidate, and
   one of lowercase words together (a comma between them or not) a match unread:
   the index keeps where words stand, so that a phrase of common words does not
   have every article read. */
static void
test_phrase(void **state)
{
	static const char *const	 names[] = { "x.txt", "y.txt", "z.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;

	put(f, "x.txt", "the valley of the truce\n");
	put(f, "y.txt", "truce valley, then quiet\n");
	put(f, "z.txt", "Stra\xc3\x9f" "e oil \xc3\xa9" "a_b\n");
	corpus_set(f, names, 3);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "truce valley"), "020");
	assert_string_equal(cands(ti, f, "valley truce"), "000");
	assert_string_equal(cands(ti, f, "valley then"), "020");
	assert_string_equal(cands(ti, f, "truce"), "220");
	/* Letters beyond ASCII are inside the word, as unicode61 cuts it. */
	assert_string_equal(cands(ti, f, "a_b"), "000");
	assert_string_equal(cands(ti, f, "Stra"), "000");
	textindex_close(ti);
}

/* An update that did not end (killed between two of its transactions, its last
   words not written) leaves the index marked incomplete: it is made anew, not
   trusted. */
static void
test_incomplete(void **state)
{
	static const char *const	 names[] = { "1.txt", "2.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	sqlite3				*other;

	put(f, "1.txt", "alpha\n");
	put(f, "2.txt", "beta\n");
	corpus_set(f, names, 2);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	textindex_close(ti);
	/* The files listed, their words lost, as a kill with the page cache lost
	   could leave them. */
	assert_int_equal(sqlite3_open(f->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "INSERT INTO words(words) VALUES"
	    " ('delete-all'); UPDATE meta SET v = 0 WHERE k = 'complete'", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "alpha"), "20");
	assert_string_equal(cands(ti, f, "beta"), "02");
	textindex_close(ti);

	/* Marked complete, the same loss is believed: the mark is what decides. */
	assert_int_equal(sqlite3_open(f->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "INSERT INTO words(words) VALUES"
	    " ('delete-all')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "alpha"), "00");
	textindex_close(ti);
}

/* A file that is not a database is made anew; what is not a regular file, or an
   index turned off, gives no index at all. */
static void
test_damaged(void **state)
{
	static const char *const	 names[] = { "a.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	char				*other;

	put(f, "a.txt", "words\n");
	corpus_set(f, names, 1);
	assert_non_null(ti = textindex_open(f->db));
	textindex_close(ti);
	tu_write(f->db, "not a database, not at all, but long enough to look like "
	    "one of its pages......................................................",
	    128);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "words"), "2");
	textindex_close(ti);

	setenv("RUBRIC_NO_INDEX", "1", 1);
	assert_null(textindex_open(f->db));
	setenv("RUBRIC_NO_INDEX", "0", 1);
	assert_non_null(ti = textindex_open(f->db));
	textindex_close(ti);
	unsetenv("RUBRIC_NO_INDEX");
	assert_null(textindex_open(NULL));

	/* A symbolic link, a folder, a FIFO in its place: refused, left alone. */
	other = tu_path(f->cache, "elsewhere");
	tu_write(other, "x", 1);
	unlink(f->db);
	assert_int_equal(symlink(other, f->db), 0);
	assert_null(textindex_open(f->db));
	unlink(f->db);
	assert_int_equal(mkdir(f->db, 0700), 0);
	assert_null(textindex_open(f->db));
	rmdir(f->db);
	assert_int_equal(mkfifo(f->db, 0600), 0);
	assert_null(textindex_open(f->db));
	unlink(f->db);
	free(other);
}

/* Another process holding the index's lock past a second: no answer this time for
   a corpus that changed, and the index is left as it is, not taken for damaged;
   one that did not change is answered from the snapshot, which needs no lock. */
static void
test_locked(void **state)
{
	static const char *const	 names[] = { "a.txt", "b.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	sqlite3				*other;
	struct timespec			 t0, t1;
	struct stat			 st;
	ino_t				 ino;

	put(f, "a.txt", "apples\n");
	put(f, "b.txt", "pears\n");
	corpus_set(f, names, 2);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	textindex_close(ti);

	assert_int_equal(stat(f->db, &st), 0);
	ino = st.st_ino;
	assert_int_equal(sqlite3_open(f->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "apples"), "20");
	put(f, "b.txt", "pears and plums\n");
	corpus_set(f, names, 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec <= 3);
	assert_string_equal(cands(ti, f, "apples"), "-");
	textindex_close(ti);
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);

	sqlite3_close(other);
	/* The same file, not one made anew over it. */
	assert_int_equal(stat(f->db, &st), 0);
	assert_true(st.st_ino == ino);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "apples"), "20");
	assert_string_equal(cands(ti, f, "pears"), "02");
	textindex_close(ti);
}

/* What the query finds for word in article a: \bWORD\b, caseless, over the text
   it reads (query_parse.c's pattern for a lowercase word). */
static int
truth(const struct article *a, const char *word)
{
	struct body		 b;
	pcre2_code		*re;
	pcre2_match_data	*md;
	PCRE2_SIZE		 erroff;
	char			*pat = xmalloc(strlen(word) * 4 + 8), *o = pat;
	int			 code, rc;

	/* \bWORD\b, a space between two words matching what is not a word. */
	o = stpcpy(o, "\\b");
	for (; *word != '\0'; word++)
		o = *word == ' ' ? stpcpy(o, "\\W+") : (*o = *word, o + 1);
	stpcpy(o, "\\b");

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
	    PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS, &code, &erroff,
	    NULL);
	assert_non_null(re);
	assert_non_null(md = pcre2_match_data_create(1, NULL));
	assert_int_equal(article_read(a, &b), 0);
	rc = pcre2_match(re, (PCRE2_SPTR)b.buf + b.start, b.len - b.start, 0, 0, md,
	    NULL);
	article_body_free(&b);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	free(pat);
	return rc >= 0;
}

/* A lone lowercase word is answered by the index alone for the articles it vouches
   for, so its answer must be the query's: the edges where FTS5's unicode61 and
   PCRE2's \b and caseless UCP could part are each either agreed on or read. */
static void
test_exact(void **state)
{
	static const struct {
		const char	*name, *text;
		const char	*want;	/* per word below: 0 no, 1 read, 2 yes,
					   . whatever agrees with the query */
	} cases[] = {
		/* A URL, digits, '_', an apostrophe, the header: ASCII agrees. */
		{ "url.txt", "http://example.com/comment-2024?x_y=1 comment's\n",
		    "2222200202222200" },
		{ "digit.txt", "comment2 x_yz\n",		"0000000002......" },
		/* Letters beyond ASCII are inside the word for both. */
		{ "after.txt", "comment\xc3\xa9 \xc3\x9f" "x_y\n",	"0000000002......" },
		{ "before.txt", "\xc3\x9f" "comment\n",		"0000000002......" },
		/* Dotted capital and dotless small i: folded to ASCII by neither. */
		{ "turkish.txt", "\xc4\xb0stanbul \xc4\xb1stanbul\n", "0000000002......" },
		/* Quotes and dashes, Arabic: apart from words for both. */
		{ "quotes.txt", "\xe2\x80\x9c" "comment\xe2\x80\x9d\xe2\x80\x94"
		    "\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82 istanbul\n", "2000020002......" },
		/* A BOM is not searched, nor indexed. */
		{ "bom.txt", "comment\n",			"2000000002......" },
		/* Kelvin sign and long s: caseless k and s in PCRE2. */
		{ "kelvin.txt", "\xe2\x84\xaa \xc5\xbf" "comment\n", "1111111111111111" },
		/* A combining mark, a connector (PCRE2 10.43's \w), NUL, bad UTF-8. */
		{ "mark.txt", "comment\xcc\x81\n",		"1111111111111111" },
		{ "tie.txt", "comment\xe2\x80\xbfx\n",		"1111111111111111" },
		{ "nul.txt", NULL,				"1111111111111111" },
		{ "bad.txt", "comment \xff\n",			"1111111111111111" },
		{ "overlong.txt", "comment \xc0\xaf\n",		"1111111111111111" },
		{ "surrogate.txt", "comment \xed\xa0\x80\n",	"1111111111111111" },
		{ "beyond.txt", "comment \xf4\x90\x80\x80\n",	"1111111111111111" },
		{ "cut.txt", "comment \xe2\x82",			"1111111111111111" },
		/* Letters and signs newer than FTS5's tables (ruble, chili):
		   whatever these libraries do, never a wrong answer. */
		{ "ruble.txt", "100\xe2\x82\xbd" "comment\n",	"................" },
		{ "chili.txt", "comment\xf0\x9f\x8c\xb6\n",	"................" },
	};
	static const char *const	 words[] = { "comment", "example", "2024",
					     "x_y", "com", "istanbul", "k", "s",
					     "i", "title", "example com",
					     "comment 2024", "com comment",
					     "comment s", "k s comment",
					     "comment x_y" };
	const char			*names[NITEMS(cases)];
	struct fixture			*f = *state;
	struct textindex		*ti;
	unsigned char			 v[NITEMS(cases)];
	size_t				 i, w;
	char				*path;

	for (i = 0; i < NITEMS(cases); i++) {
		names[i] = cases[i].name;
		if (cases[i].text != NULL && strcmp(cases[i].name, "bom.txt") != 0)
			put(f, cases[i].name, cases[i].text);
	}
	path = tu_path(f->dir, "nul.txt");
	tu_write(path, "Title: n\n\ncomment\0x\n", 20);
	free(path);
	path = tu_path(f->dir, "bom.txt");
	tu_write(path, "\xef\xbb\xbfTitle: b\n\ncomment\n", 21);
	free(path);
	corpus_set(f, names, NITEMS(cases));
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	for (w = 0; w < NITEMS(words); w++) {
		assert_true(textindex_exact(words[w]));
		assert_int_equal(textindex_candidates(ti, words[w], v, f->c.n), 0);
		for (i = 0; i < NITEMS(cases); i++) {
			int	 yes = truth(f->c.articles[i], words[w]);

			if (cases[i].want[w] != '.' &&
			    v[i] != cases[i].want[w] - '0')
				fail_msg("%s, %s: %d, not %c", cases[i].name,
				    words[w], v[i], cases[i].want[w]);
			if ((v[i] == TEXTINDEX_YES && !yes) ||
			    (v[i] == TEXTINDEX_NO && yes))
				fail_msg("%s, %s: the index says %d, the query %d",
				    cases[i].name, words[w], v[i], yes);
		}
	}
	/* Capitals, phrases with more than a space, words beyond ASCII and long
	   ones are read. */
	assert_false(textindex_exact("Comment"));
	assert_false(textindex_exact("comment  it"));
	assert_false(textindex_exact(" comment"));
	assert_false(textindex_exact("comment "));
	assert_false(textindex_exact("comment, it"));
	assert_false(textindex_exact("comment\tit"));
	assert_false(textindex_exact("comment\xc3\xa9"));
	assert_false(textindex_exact(""));
	memset(v, 'x', sizeof v);
	assert_int_equal(textindex_candidates(ti, "Comment", v, f->c.n), 0);
	for (i = 0; i < NITEMS(cases); i++)
		assert_int_not_equal(v[i], TEXTINDEX_YES);
	textindex_close(ti);
}

/* Names no SQL string could hold as they are: bound, never spliced. */
static void
test_hostile(void **state)
{
	static const char *const	 names[] = { "it's.txt", "a\"b.txt",
					     "x'); DROP TABLE files; --.txt",
					     "new\nline.txt", "\xff\xfe.txt" };
	struct fixture			*f = *state;
	struct textindex		*ti;
	size_t				 i;

	for (i = 0; i < 5; i++)
		put(f, names[i], i == 3 ? "needle\n" : "hay\n");
	corpus_set(f, names, 5);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	/* The last one's title, not UTF-8, makes it a candidate for every term. */
	assert_string_equal(cands(ti, f, "needle"), "00021");
	assert_string_equal(cands(ti, f, "hay"), "22201");
	assert_string_equal(cands(ti, f, "\"needle"), "00011");
	assert_string_equal(cands(ti, f, "needle OR hay"), "00001");
	textindex_close(ti);
	assert_non_null(ti = textindex_open(f->db));
	assert_int_equal(textindex_update(ti, &f->c, 1, NULL), 0);
	assert_string_equal(cands(ti, f, "hay"), "22201");
	textindex_close(ti);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_build_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_always, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phrase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_incomplete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
