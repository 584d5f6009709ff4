/* scan.c: theme hit counts by worker threads against matcher_theme run directly,
   progress, scan_now, the cache (round trip, changed files, other themes, damaged
   files, a file rewritten with its size and mtime put back) and an unreadable
   article. */
#include "testutil.h"

#include <dirent.h>

#include "cachedir.h"
#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "scan.h"
#include "theme.h"
#include "xmalloc.h"

#define NTHEMES	2
#define D_REPEAT 300

static const char	 themes_ini[] = "[theme deir]\npattern = deir\n"
    "pattern.alt = dayr\n[theme isis]\nwords = yes\npattern = isis\n";

/* The articles, what they hold, and the counts of the two themes in each. */
static const struct {
	const char	*name;
	const char	*text;
	size_t		 len;
	scan_count	 want[NTHEMES];
} articles[] = {
#define ART(name, lit, d, i)	{ name, lit, TU_LEN(lit), { d, i } }
	ART("a.txt", "Title: Deir report\nSource: Deir news\n\n"
	    "deir, dayr and DEIR. crisis isis\n", 5, 1),
	ART("b.txt", "Nothing here\n\nplain text\n", 0, 0),
	ART("c.txt", "\xef\xbb\xbfIsis and deir\n\nisis ISIS deir\xff deir\n", 3, 3),
	ART("e.txt", "\xc3\x28 dayr\x80 isis\n\xe2\x82\n", 1, 1),
#undef ART
};
#define NFIXED	(sizeof articles / sizeof articles[0])
/* And d.md: D_REPEAT times "deir isis crisis ". */
#define NARTICLES	(NFIXED + 1)

struct fixture {
	char		*tmp;
	char		*root;		/* tmp/news */
	char		*cache;		/* tmp/cache/scan */
	char		*ini;
	struct config	 cfg;
	struct diag	 d;
	struct corpus	 c;
	struct scan	*s;
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);
	char		*d, *p;
	size_t		 i, n, len;

	if (f == NULL)
		abort();
	f->tmp = tu_mkdtemp();
	f->root = tu_path(f->tmp, "news");
	f->cache = tu_path(f->tmp, "cache/scan");
	if (mkdir(f->root, 0755) == -1)
		abort();
	for (i = 0; i < NFIXED; i++)
		free(tu_write_in(f->root, articles[i].name, articles[i].text,
		    articles[i].len));
	n = strlen("deir isis crisis ");
	len = D_REPEAT * n;
	if ((d = malloc(len)) == NULL)
		abort();
	for (i = 0; i < D_REPEAT; i++)
		memcpy(d + i * n, "deir isis crisis ", n);
	p = tu_write_in(f->root, "d.md", d, len);
	free(p);
	free(d);
	config_init(&f->cfg);
	f->ini = tu_config_clean(&f->cfg, &f->d, f->tmp, "themes.ini", themes_ini,
	    TU_LEN(themes_ini));
	tu_corpus_open(&f->c, &f->cfg, f->root);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	scan_free(f->s);
	corpus_free(&f->c);
	tu_config_free(&f->cfg, &f->d, f->tmp);
	free(f->root);
	free(f->cache);
	free(f->ini);
	free(f);
	return 0;
}

/* The counts an article should have: from the table, or d.md's. */
static const scan_count *
expected(const char *name)
{
	static const scan_count	 d[NTHEMES] = { D_REPEAT, D_REPEAT };
	size_t			 i;

	for (i = 0; i < NFIXED; i++)
		if (strcmp(articles[i].name, name) == 0)
			return articles[i].want;
	if (strcmp(name, "d.md") == 0)
		return d;
	return NULL;
}

/* The whole file at path, malloc'd. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 cap = 0, n;

	if ((fp = fopen(path, "rb")) == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	*len = 0;
	do {
		if (*len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		n = fread(buf + *len, 1, cap - *len, fp);
		*len += n;
	} while (n > 0);
	fclose(fp);
	return buf;
}

/* Counts theme t in the file at path with matcher_theme, as the scan should. */
static uint32_t
direct_count(const struct config *cfg, size_t t, const char *path)
{
	struct matcher		*m = matcher_new();
	struct match_list	 ml;
	char			*buf;
	size_t			 len;
	uint32_t		 n;

	memset(&ml, 0, sizeof ml);
	buf = slurp(path, &len);
	assert_int_equal(matcher_theme(m, &cfg->themes[t], t, buf, len, 0, len, &ml), 0);
	n = (uint32_t)ml.n;
	match_list_free(&ml);
	matcher_free(m);
	free(buf);
	return n;
}

/* Checks article i's counts against matcher_theme and the table. */
static void
check_article(const struct fixture *f, size_t i)
{
	const struct article	*a = f->c.articles[i];
	const scan_count	*got = scan_counts(f->s, i);
	const scan_count	*want = expected(a->name);
	size_t			 t;

	if (got == NULL)
		fail_msg("%s not counted", a->name);
	assert_non_null(want);
	for (t = 0; t < NTHEMES; t++) {
		uint32_t	 direct = direct_count(&f->cfg, t, a->path);

		if (got[t] != direct || got[t] != want[t])
			fail_msg("%s, theme %zu: scan %u, matcher_theme %u, want %u",
			    a->name, t, (unsigned)got[t], (unsigned)direct,
			    (unsigned)want[t]);
		assert_int_equal(scan_incomplete(f->s, i, t), 0);
	}
}

static void
test_scan_counts(void **state)
{
	struct fixture	*f = *state;
	size_t		 i;

	assert_int_equal(f->c.n, NARTICLES);
	assert_int_equal(f->cfg.nthemes, NTHEMES);
	f->s = scan_new(&f->c, &f->cfg);
	/* Nothing runs yet. */
	assert_int_equal(scan_progress(f->s), 0);
	assert_false(scan_finished(f->s));
	for (i = 0; i < f->c.n; i++)
		assert_null(scan_counts(f->s, i));
	scan_start(f->s, 2);
	scan_wait(f->s);
	assert_int_equal(scan_progress(f->s), f->c.n);
	assert_true(scan_finished(f->s));
	for (i = 0; i < f->c.n; i++)
		check_article(f, i);
	assert_null(scan_counts(f->s, f->c.n));
}

/* More threads than articles, and one thread: the same counts. */
static void
test_scan_threads(void **state)
{
	static const int	 nthreads[] = { 1, 16, 64 };
	struct fixture		*f = *state;
	size_t			 k, i;

	for (k = 0; k < sizeof nthreads / sizeof nthreads[0]; k++) {
		scan_free(f->s);
		f->s = scan_new(&f->c, &f->cfg);
		scan_start(f->s, nthreads[k]);
		scan_wait(f->s);
		assert_int_equal(scan_progress(f->s), f->c.n);
		assert_true(scan_finished(f->s));
		for (i = 0; i < f->c.n; i++)
			check_article(f, i);
	}
}

static void
test_scan_now(void **state)
{
	struct fixture	*f = *state;
	size_t		 a, i;
	scan_count	 before[NTHEMES];

	f->s = scan_new(&f->c, &f->cfg);
	a = tu_article(&f->c, "c.txt");
	scan_now(f->s, a);
	assert_int_equal(scan_progress(f->s), 1);
	assert_false(scan_finished(f->s));
	check_article(f, a);
	for (i = 0; i < f->c.n; i++)
		if (i != a)
			assert_null(scan_counts(f->s, i));
	/* Again, and out of range: nothing more. */
	scan_now(f->s, a);
	scan_now(f->s, f->c.n);
	assert_int_equal(scan_progress(f->s), 1);
	memcpy(before, scan_counts(f->s, a), sizeof before);
	/* The workers do the rest, and that one is not counted twice. */
	scan_start(f->s, 2);
	scan_wait(f->s);
	assert_int_equal(scan_progress(f->s), f->c.n);
	assert_true(scan_finished(f->s));
	assert_memory_equal(scan_counts(f->s, a), before, sizeof before);
	for (i = 0; i < f->c.n; i++)
		check_article(f, i);
}

/* Scans everything and saves the cache. */
static void
scan_and_save(struct fixture *f)
{
	scan_free(f->s);
	f->s = scan_new(&f->c, &f->cfg);
	scan_start(f->s, 2);
	scan_wait(f->s);
	assert_true(scan_finished(f->s));
	if (scan_save_cache(f->s, f->cache) == -1)
		fail_msg("scan_save_cache %s: %s", f->cache, strerror(errno));
}

static void
test_cache_roundtrip(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	size_t		 i;
	struct stat	 st;

	scan_and_save(f);
	assert_int_equal(stat(f->cache, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	/* Everything is there without a worker. */
	assert_int_equal(scan_progress(s2), f->c.n);
	assert_true(scan_finished(s2));
	for (i = 0; i < f->c.n; i++) {
		assert_non_null(scan_counts(s2, i));
		assert_memory_equal(scan_counts(s2, i), scan_counts(f->s, i),
		    NTHEMES * sizeof(scan_count));
		assert_int_equal(scan_incomplete(s2, i, 0), 0);
		assert_int_equal(scan_incomplete(s2, i, 1), 0);
	}
	/* Loading again fills nothing more, and starting workers changes nothing. */
	assert_int_equal(scan_load_cache(s2, f->cache), 0);
	scan_start(s2, 2);
	scan_wait(s2);
	assert_int_equal(scan_progress(s2), f->c.n);
	scan_free(s2);
	/* An article counted already keeps its counts; the rest come from the cache. */
	s2 = scan_new(&f->c, &f->cfg);
	scan_now(s2, 0);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n - 1);
	assert_int_equal(scan_progress(s2), f->c.n);
	scan_free(s2);
	/* The counts of a fresh scan of the cache's scan match it: check_article. */
	scan_free(f->s);
	f->s = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(f->s, f->cache), f->c.n);
	for (i = 0; i < f->c.n; i++)
		check_article(f, i);
}

/* A save replaces the cache through file_replace(): over a file that is no cache
   (what a crash in the middle of a plain write would leave), the new one is whole
   (its checksum holds: every article loads), only its owner reads it, and no
   temporary file is left beside it. */
static void
test_cache_save_replaces(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		*dir = tu_path(f->tmp, "cache");
	off_t		 size;

	assert_int_equal(mkdir(dir, 0700), 0);
	tu_write(f->cache, "rubric-scan-5\nhalf a cache", 25);
	scan_and_save(f);
	assert_int_equal(stat(f->cache, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	size = st.st_size;
	assert_true(size > 25);
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	scan_free(s2);
	/* Saved again over itself: the same bytes. */
	scan_and_save(f);
	assert_int_equal(stat(f->cache, &st), 0);
	assert_int_equal(st.st_size, size);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			assert_string_equal(de->d_name, "scan");
	closedir(d);
	free(dir);
}

static void
test_cache_changed_file(void **state)
{
	static const char	 text[] = "Nothing here, but now deir\n\nand isis\n";
	struct fixture		*f = *state;
	struct scan		*s2;
	size_t			 b, i;
	char			*p;

	scan_and_save(f);
	scan_free(f->s);
	f->s = NULL;
	p = tu_write_in(f->root, "b.txt", text, TU_LEN(text));
	free(p);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	b = tu_article(&f->c, "b.txt");
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n - 1);
	assert_null(scan_counts(s2, b));
	for (i = 0; i < f->c.n; i++)
		if (i != b)
			assert_non_null(scan_counts(s2, i));
	assert_int_equal(scan_progress(s2), f->c.n - 1);
	assert_false(scan_finished(s2));
	/* The workers count the changed one, from its new text. */
	scan_start(s2, 2);
	scan_wait(s2);
	assert_true(scan_finished(s2));
	assert_int_equal(scan_counts(s2, b)[0], 1);
	assert_int_equal(scan_counts(s2, b)[1], 1);
	assert_int_equal(scan_counts(s2, b)[0], direct_count(&f->cfg, 0,
	    f->c.articles[b]->path));
	scan_free(s2);
}

/* Loads text as the themes, scans the corpus with them and loads the cache; returns
   what scan_load_cache returned. */
static size_t
load_with_themes(struct fixture *f, const char *text)
{
	struct config	 cfg;
	struct diag	 d;
	struct scan	*s2;
	char		*p;
	size_t		 n;

	memset(&d, 0, sizeof d);
	config_init(&cfg);
	p = tu_config_clean(&cfg, &d, f->tmp, "other.ini", text, strlen(text));
	s2 = scan_new(&f->c, &cfg);
	n = scan_load_cache(s2, f->cache);
	assert_int_equal(scan_progress(s2), n);
	scan_free(s2);
	config_free(&cfg);
	diag_free(&d);
	free(p);
	return n;
}

static void
test_cache_themes(void **state)
{
	struct fixture	*f = *state;

	scan_and_save(f);
	/* The same themes, read again: the cache holds. */
	assert_int_equal(load_with_themes(f, themes_ini), f->c.n);
	/* One pattern changed. */
	assert_int_equal(load_with_themes(f, "[theme deir]\npattern = deir\n"
	    "pattern.alt = dair\n[theme isis]\nwords = yes\npattern = isis\n"), 0);
	/* One option changed. */
	assert_int_equal(load_with_themes(f, "[theme deir]\npattern = deir\n"
	    "pattern.alt = dayr\n[theme isis]\nwords = no\npattern = isis\n"), 0);
	assert_int_equal(load_with_themes(f, "[theme deir]\nignore_case = no\n"
	    "pattern = deir\npattern.alt = dayr\n[theme isis]\nwords = yes\n"
	    "pattern = isis\n"), 0);
	/* A theme renamed, one more, one fewer. */
	assert_int_equal(load_with_themes(f, "[theme deir2]\npattern = deir\n"
	    "pattern.alt = dayr\n[theme isis]\nwords = yes\npattern = isis\n"), 0);
	assert_int_equal(load_with_themes(f, "[theme deir]\npattern = deir\n"
	    "pattern.alt = dayr\n[theme isis]\nwords = yes\npattern = isis\n"
	    "[theme x]\npattern = x\n"), 0);
	assert_int_equal(load_with_themes(f, "[theme deir]\npattern = deir\n"
	    "pattern.alt = dayr\n"), 0);
}

/* Writes bytes as the cache and checks that a new scan loads nothing from it. */
static void
check_damaged(struct fixture *f, const char *what, const void *bytes, size_t len)
{
	struct scan	*s2;
	size_t		 n, i;

	tu_write(f->cache, bytes, len);
	s2 = scan_new(&f->c, &f->cfg);
	n = scan_load_cache(s2, f->cache);
	if (n != 0)
		fail_msg("%s: %zu articles filled", what, n);
	assert_int_equal(scan_progress(s2), 0);
	for (i = 0; i < f->c.n; i++)
		assert_null(scan_counts(s2, i));
	/* The articles the records before the damage named were claimed while the
	   checksum was taken: every one is handed back and counted as a scan does. */
	scan_start(s2, 1);
	scan_wait(s2);
	if (!scan_finished(s2))
		fail_msg("%s: %zu of %zu articles counted after it", what,
		    scan_progress(s2), f->c.n);
	for (i = 0; i < f->c.n; i++)
		assert_memory_equal(scan_counts(s2, i), scan_counts(f->s, i),
		    NTHEMES * sizeof(scan_count));
	scan_free(s2);
}

/* Puts a right checksum (cachedir_stream's of all before it, given in pieces of
   three bytes, as no writer gives them) at the end of a cache changed by hand, so
   that the checks behind the checksum are reached. */
static void
reseal(char *buf, size_t len)
{
	struct cachedir_stream	 cs;
	uint64_t		 h;
	size_t			 i;

	cachedir_stream_init(&cs);
	for (i = 0; i + 8 < len; i += 3)
		cachedir_stream_add(&cs, buf + i, len - 8 - i < 3 ? len - 8 - i : 3);
	h = cachedir_stream_end(&cs);
	memcpy(buf + len - 8, &h, 8);
}

static void
test_cache_damaged(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	char		*good, *bad, *missing, *other;
	size_t		 len, hdr, i, rec;
	uint64_t	 huge = UINT64_MAX / 2, v;

	scan_and_save(f);
	good = slurp(f->cache, &len);
	/* Magic, name hash, themes hash, number of themes, number of records, the
	   clusters' threshold. */
	hdr = strlen("rubric-scan-6\n") + 5 * 8;
	assert_true(len > hdr + 8 + 8);
	assert_memory_equal(good, "rubric-scan-6\n", strlen("rubric-scan-6\n"));
	memcpy(&v, good + hdr - 16, 8);
	assert_int_equal(v, f->c.n);
	if ((bad = malloc(len + 64)) == NULL)
		abort();

	check_damaged(f, "empty", "", 0);
	check_damaged(f, "half the magic", good, 7);
	check_damaged(f, "magic and half the hash", good, 18);
	check_damaged(f, "header only", good, hdr);
	check_damaged(f, "first record cut", good, hdr + 8 + 3);
	check_damaged(f, "no checksum", good, len - 8);
	check_damaged(f, "last byte gone", good, len - 1);
	memcpy(bad, good, len);
	memcpy(bad + len, "junk", 4);
	check_damaged(f, "junk after it", bad, len + 4);
	memcpy(bad, good, len);
	bad[0] = 'R';
	check_damaged(f, "other magic", bad, len);
	/* Each byte flipped in turn, and each bit of one count. */
	for (i = 0; i < len; i++) {
		memcpy(bad, good, len);
		bad[i] ^= 0x01;
		check_damaged(f, "a byte flipped", bad, len);
	}
	for (i = 0; i < 8; i++) {
		memcpy(bad, good, len);
		bad[len - 12] ^= (char)(1 << i);
		check_damaged(f, "a bit flipped", bad, len);
	}

	/* Behind a right checksum: the version, the name, the themes, the shape. */
	memcpy(bad, good, len);
	bad[strlen("rubric-scan-")] = '1';
	reseal(bad, len);
	check_damaged(f, "version 1", bad, len);
	/* Version 2's counts came from a prefilter that missed matches behind a long
	   \Q..\E: never used again. */
	memcpy(bad, good, len);
	bad[strlen("rubric-scan-")] = '2';
	reseal(bad, len);
	check_damaged(f, "version 2", bad, len);
	/* Version 3's checksum was FNV-1a's: a file of it is not read as 4. */
	memcpy(bad, good, len);
	bad[strlen("rubric-scan-")] = '3';
	reseal(bad, len);
	check_damaged(f, "version 3", bad, len);
	/* Version 4 had no signatures: its records are shorter. */
	memcpy(bad, good, len);
	bad[strlen("rubric-scan-")] = '4';
	reseal(bad, len);
	check_damaged(f, "version 4", bad, len);
	/* Version 5 had no clusters: its records are shorter. */
	memcpy(bad, good, len);
	bad[strlen("rubric-scan-")] = '5';
	reseal(bad, len);
	check_damaged(f, "version 5", bad, len);
	memcpy(bad, good, len);
	bad[strlen("rubric-scan-6\n")] ^= 0x40;
	reseal(bad, len);
	check_damaged(f, "another name", bad, len);
	memcpy(bad, good, len);
	bad[strlen("rubric-scan-6\n") + 8] ^= 0x40;
	reseal(bad, len);
	check_damaged(f, "other hash", bad, len);
	memcpy(bad, good, len);
	bad[hdr - 24] ^= 0x01;
	reseal(bad, len);
	check_damaged(f, "other number of themes", bad, len);
	memcpy(bad, good, len);
	bad[hdr - 16] ^= 0x01;
	reseal(bad, len);
	check_damaged(f, "one record more or less", bad, len);
	/* A threshold no configuration gives: 2, and not a number. */
	memcpy(bad, good, len);
	{
		double	 x = 2;

		memcpy(bad + hdr - 8, &x, sizeof x);
		reseal(bad, len);
		check_damaged(f, "a threshold of 2", bad, len);
		memset(bad + hdr - 8, 0xff, 8);
		reseal(bad, len);
		check_damaged(f, "a threshold not a number", bad, len);
	}
	memcpy(bad, good, hdr);
	memcpy(bad + hdr, &huge, sizeof huge);
	memset(bad + hdr + 8, 'x', 40);
	reseal(bad, hdr + 56);
	check_damaged(f, "huge path length", bad, hdr + 56);
	memcpy(bad, good, len);
	memset(bad + hdr, 0xab, len - hdr);
	reseal(bad, len);
	check_damaged(f, "garbage records", bad, len);
	/* The first record's path holding a NUL, and its last incomplete flag 2. */
	memcpy(&v, good + hdr, 8);
	rec = hdr + 8 + (size_t)v;
	memcpy(bad, good, len);
	bad[hdr + 8] = '\0';
	reseal(bad, len);
	check_damaged(f, "a NUL in a path", bad, len);
	memcpy(bad, good, len);
	bad[rec + 6 * 8 + NTHEMES * 4 + NTHEMES - 1] = 2;
	reseal(bad, len);
	check_damaged(f, "a flag neither 0 nor 1", bad, len);
	memcpy(bad, good, len);
	memset(bad + rec + 2 * 8, 0xff, 8);
	reseal(bad, len);
	check_damaged(f, "nanoseconds past a second", bad, len);
	for (i = 0; i < len; i++)
		bad[i] = (char)(i * 7 + 3);
	check_damaged(f, "garbage", bad, len);

	/* Missing, or no path at all: nothing, no crash. */
	missing = tu_path(f->tmp, "no-such-cache");
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, missing), 0);
	assert_int_equal(scan_load_cache(s2, NULL), 0);
	assert_int_equal(scan_progress(s2), 0);
	/* A whole good cache under another corpus's name is not this one's. */
	other = tu_path(f->tmp, "cache/scan-other");
	tu_write(other, good, len);
	assert_int_equal(scan_load_cache(s2, other), 0);
	assert_int_equal(scan_progress(s2), 0);
	/* A folder or a FIFO in its place: nothing, and no wait. */
	assert_int_equal(scan_load_cache(s2, f->tmp), 0);
	assert_int_equal(unlink(other), 0);
	assert_int_equal(mkfifo(other, 0600), 0);
	assert_int_equal(scan_load_cache(s2, other), 0);
	scan_free(s2);
	free(missing);
	free(other);

	/* The good one still loads whole. */
	tu_write(f->cache, good, len);
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	scan_free(s2);
	free(good);
	free(bad);
}

/* A cache of many pages read with a window of one page: the pages given back behind
   the records and the checksum (one thread each) are mapped again when the other
   reads them, so a good cache loads whole, a damaged one not at all, and one read
   by a stopped scan gives nothing it did not check. */
static void
test_cache_windows(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	const char	*text;
	char		 name[200], *good;
	size_t		 len, i, page = (size_t)sysconf(_SC_PAGESIZE), old;

	/* 400 more articles, each a record of some 190 bytes: 18 pages. */
	for (i = 0; i < 400; i++) {
		snprintf(name, sizeof name, "%0150zu.txt", i);
		text = i % 3 ? "deir\n\nisis deir\n" : "x\n\ndayr\n";
		free(tu_write_in(f->root, name, text, strlen(text)));
	}
	corpus_free(&f->c);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	assert_int_equal(f->c.n, NARTICLES + 400);
	scan_and_save(f);
	good = slurp(f->cache, &len);
	assert_true(len > 16 * page);

	old = scan_cache_window;
	scan_cache_window = page;
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	assert_true(scan_finished(s2));
	for (i = 0; i < f->c.n; i++)
		assert_memory_equal(scan_counts(s2, i), scan_counts(f->s, i),
		    NTHEMES * sizeof(scan_count));
	scan_free(s2);

	/* A stop before the first record: nothing taken, and nothing claimed. */
	s2 = scan_new(&f->c, &f->cfg);
	scan_stop(s2);
	assert_int_equal(scan_load_cache(s2, f->cache), 0);
	assert_int_equal(scan_progress(s2), 0);
	scan_free(s2);

	/* The last count's byte flipped: the records before it were all read and
	   claimed, and all are handed back. */
	good[len - 8 - NTHEMES - 1] ^= 0x01;
	check_damaged(f, "last count flipped, one-page windows", good, len);
	good[len - 8 - NTHEMES - 1] ^= 0x01;
	/* The checksum's own last byte. */
	good[len - 1] ^= 0x80;
	check_damaged(f, "checksum flipped, one-page windows", good, len);
	scan_cache_window = old;
	free(good);
}

/* An article rewritten with other text of its old size, its modification time put
   back (touch -r), is counted again: its ctime, which no one can set, has moved. */
static void
test_cache_touch_r(void **state)
{
	static const char	 text[] = "Nothing deir\n\nplain deir\n";
	struct fixture		*f = *state;
	struct scan		*s2;
	struct stat		 before, after;
	struct timespec		 times[2];
	size_t			 b;
	char			*p;

	assert_int_equal(TU_LEN(text), strlen("Nothing here\n\nplain text\n"));
	scan_and_save(f);
	scan_free(f->s);
	f->s = NULL;
	p = tu_path(f->root, "b.txt");
	assert_int_equal(stat(p, &before), 0);
	/* ctime has a clock tick's grain: make sure the rewrite is a tick later. */
	usleep(20000);
	tu_write(p, text, TU_LEN(text));
	times[0] = before.st_atim;
	times[1] = before.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0);
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(after.st_size, before.st_size);
	assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	free(p);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	b = tu_article(&f->c, "b.txt");
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n - 1);
	assert_null(scan_counts(s2, b));
	scan_start(s2, 2);
	scan_wait(s2);
	assert_int_equal(scan_counts(s2, b)[0], 2);
	assert_int_equal(scan_counts(s2, b)[1], 0);
	scan_free(s2);
}

/* The cache read behind the screen (scan_start_cached()): what it holds comes in,
   an article changed since is counted by the workers it then starts, one the
   screen takes back meanwhile (scan_forget(), as a verifier's change does) is
   counted again, and a scan freed while it reads stops cleanly. */
static void
test_cache_behind(void **state)
{
	static const char	 text[] = "Changed deir\n\ndeir and deir\n";
	struct fixture		*f = *state;
	struct scan		*s2;
	size_t			 a, b, i;
	char			*p;

	scan_and_save(f);
	p = tu_path(f->root, "b.txt");
	usleep(20000);
	tu_write(p, text, TU_LEN(text));
	free(p);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	a = tu_article(&f->c, "a.txt");
	b = tu_article(&f->c, "b.txt");
	s2 = scan_new(&f->c, &f->cfg);
	scan_start_cached(s2, f->cache, 2);
	scan_forget(s2, a);
	scan_again(s2, a);
	scan_wait(s2);
	/* scan_again()'s article is counted by a thread of its own, which
	   scan_wait() does not wait for (scan.h): it is given ten seconds. */
	for (i = 0; i < 1000 && scan_counts(s2, a) == NULL; i++)
		usleep(10000);
	assert_true(scan_cached(s2) >= f->c.n - 2);
	assert_true(scan_cached(s2) <= f->c.n - 1);
	assert_true(scan_finished(s2));
	assert_int_equal(scan_counts(s2, b)[0], 3);
	scan_free(f->s);
	f->s = scan_new(&f->c, &f->cfg);
	scan_start(f->s, 1);
	scan_wait(f->s);
	for (i = 0; i < f->c.n; i++)
		assert_memory_equal(scan_counts(s2, i), scan_counts(f->s, i),
		    NTHEMES * sizeof(scan_count));
	scan_free(s2);

	s2 = scan_new(&f->c, &f->cfg);
	scan_start_cached(s2, f->cache, 2);
	scan_free(s2);
}

/* A count beyond 16 bits is kept as SCAN_COUNT_MAX and marked incomplete, "at
   least that", in memory and through the cache, whose file keeps 32 bits. */
static void
test_count_saturates(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	char		*text, *p;
	size_t		 n = 70000, i, big;
	int		 k;

	text = xmalloc(n * 5 + 16);
	memcpy(text, "Many\n\n", 6);
	for (i = 0; i < n; i++)
		memcpy(text + 6 + i * 5, "deir ", 5);
	p = tu_write_in(f->root, "big.txt", text, 6 + n * 5);
	free(p);
	free(text);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	big = tu_article(&f->c, "big.txt");
	/* A busy machine (the sanitizers' build, suites side by side) may stop the
	   search at its 50 ms deadline before 65,536 hits: the count is then marked
	   incomplete too, and the scan is tried again, up to five times. */
	for (k = 0; k < 5; k++) {
		scan_and_save(f);
		if (scan_counts(f->s, big)[0] == SCAN_COUNT_MAX)
			break;
		assert_true(scan_incomplete(f->s, big, 0));
	}
	assert_int_equal(scan_counts(f->s, big)[0], SCAN_COUNT_MAX);
	assert_true(scan_incomplete(f->s, big, 0));
	assert_false(scan_incomplete(f->s, big, 1));
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	assert_int_equal(scan_counts(s2, big)[0], SCAN_COUNT_MAX);
	assert_true(scan_incomplete(s2, big, 0));
	scan_free(s2);
}

static void
test_scan_unreadable(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	char		*p;
	size_t		 bad, i, t;

	/* Between a.txt and b.txt, so that the scan has work after it. */
	p = tu_path(f->root, "aa.txt");
	if (symlink("no-such-target.txt", p) == -1)
		fail_msg("symlink %s: %s", p, strerror(errno));
	free(p);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	assert_int_equal(f->c.n, NARTICLES + 1);
	assert_int_equal(f->c.nerrors, 1);
	bad = tu_article(&f->c, "aa.txt");
	assert_non_null(f->c.articles[bad]->error);
	f->s = scan_new(&f->c, &f->cfg);
	scan_start(f->s, 2);
	scan_wait(f->s);
	assert_int_equal(scan_progress(f->s), f->c.n);
	assert_true(scan_finished(f->s));
	assert_non_null(scan_counts(f->s, bad));
	for (t = 0; t < NTHEMES; t++) {
		assert_int_equal(scan_counts(f->s, bad)[t], 0);
		assert_int_equal(scan_incomplete(f->s, bad, t), 0);
	}
	for (i = 0; i < f->c.n; i++)
		if (i != bad)
			check_article(f, i);
	/* scan_now on it too. */
	s2 = scan_new(&f->c, &f->cfg);
	scan_now(s2, bad);
	assert_int_equal(scan_progress(s2), 1);
	assert_non_null(scan_counts(s2, bad));
	assert_int_equal(scan_counts(s2, bad)[0], 0);
	scan_free(s2);
	/* The cache holds the others; the unreadable one is tried again next time. */
	if (scan_save_cache(f->s, f->cache) == -1)
		fail_msg("scan_save_cache %s: %s", f->cache, strerror(errno));
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n - 1);
	assert_null(scan_counts(s2, bad));
	scan_free(s2);
}

/* Records are found by path whatever the order of the articles: in the list itself
   when it is in path order, else in a copy sorted by path. */
static void
test_cache_order(void **state)
{
	struct fixture	*f = *state;
	struct scan	*s2;
	struct article	*a;
	size_t		 i, last = f->c.n - 1;

	assert_true(f->c.n >= 3);
	scan_and_save(f);
	/* First and last swapped: no longer in path order. */
	a = f->c.articles[0];
	f->c.articles[0] = f->c.articles[last];
	f->c.articles[last] = a;
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	for (i = 0; i < f->c.n; i++)
		assert_int_equal(scan_counts(s2, i)[0], direct_count(&f->cfg, 0,
		    f->c.articles[i]->path));
	scan_free(s2);
	/* Back in order, found in the list itself. */
	f->c.articles[last] = f->c.articles[0];
	f->c.articles[0] = a;
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	for (i = 0; i < f->c.n; i++)
		assert_memory_equal(scan_counts(s2, i), scan_counts(f->s, i),
		    NTHEMES * sizeof(scan_count));
	scan_free(s2);
}

/* A theme a limit stops is counted as incomplete, and the cache keeps that. The
   stopped theme is the tenth, so that its flag is in an article's second byte of
   flags, and the themes on either side of it are not taken for stopped. */
#define BOOM	9
#define DEIR	10
static void
test_scan_incomplete(void **state)
{
	static const char	 boom_ini[] =
	    "[theme d0]\npattern = deir\n[theme d1]\npattern = deir\n"
	    "[theme d2]\npattern = deir\n[theme d3]\npattern = deir\n"
	    "[theme d4]\npattern = deir\n[theme d5]\npattern = deir\n"
	    "[theme d6]\npattern = deir\n[theme d7]\npattern = deir\n"
	    "[theme d8]\npattern = deir\n"
	    "[theme boom]\npattern = \"(a+)+$\"\n"
	    "[theme deir]\npattern = deir\n";
	struct fixture		*f = *state;
	struct scan		*s2;
	char			 text[64], *p;
	size_t			 z, i, t;

	memset(text, 'a', 40);
	strcpy(text + 40, "b deir\n");
	free(tu_write_in(f->root, "z.txt", text, strlen(text)));
	config_free(&f->cfg);
	config_init(&f->cfg);
	p = tu_config_clean(&f->cfg, &f->d, f->tmp, "boom.ini", boom_ini,
	    TU_LEN(boom_ini));
	free(p);
	assert_int_equal(f->cfg.nthemes, DEIR + 1);
	tu_corpus_open(&f->c, &f->cfg, f->root);
	z = tu_article(&f->c, "z.txt");
	f->s = scan_new(&f->c, &f->cfg);
	scan_start(f->s, 2);
	scan_wait(f->s);
	assert_true(scan_finished(f->s));
	for (t = 0; t <= DEIR; t++)
		assert_int_equal(scan_incomplete(f->s, z, t), t == BOOM);
	assert_int_equal(scan_counts(f->s, z)[DEIR], 1);
	assert_int_equal(scan_counts(f->s, z)[BOOM - 1], 1);
	for (i = 0; i < f->c.n; i++)
		if (i != z) {
			assert_int_equal(scan_incomplete(f->s, i, BOOM), 0);
			assert_int_equal(scan_counts(f->s, i)[DEIR],
			    direct_count(&f->cfg, DEIR, f->c.articles[i]->path));
		}
	if (scan_save_cache(f->s, f->cache) == -1)
		fail_msg("scan_save_cache %s: %s", f->cache, strerror(errno));
	s2 = scan_new(&f->c, &f->cfg);
	assert_int_equal(scan_load_cache(s2, f->cache), f->c.n);
	for (t = 0; t <= DEIR; t++)
		assert_int_equal(scan_incomplete(s2, z, t), t == BOOM);
	assert_int_equal(scan_counts(s2, z)[DEIR], 1);
	scan_free(s2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_now, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_save_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_changed_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_themes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_touch_r, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_behind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_saturates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_incomplete, setup, teardown),
	};

	tu_locale();
	/* The tests change files faster than any clock's tick: no racy window. */
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
