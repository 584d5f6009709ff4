/* cooc.c: the table of codes by codes and themes by codes on a corpus counted by
   hand, every cell's figures and the passages behind it; the figures it gives rubric
   stats; a stopped count; the cursor held at the edges and the scrolling that keeps
   it in view. */
#include "testutil.h"

#include "catalog.h"
#include "cooc.h"
#include "passage.h"
#include "stats.h"
#include "xmalloc.h"

static char	*home;

/* d.txt: P1 "alpha beta" {x, y}, P2 "beta gamma" {y} (sharing "beta" with P1), P3
   "theta" {z, and r rejected}; e.txt: P4 "alpha" {x}, P5 "theta" {z}, P6 "uno" {y},
   an orphan: its quote is not in the file. Themes g ("gamma", d.txt only, inside
   P2) and a ("alpha", both files, inside P1 and P4). */
#define D_TEXT	"D\n\nalpha beta gamma delta theta\n"
#define E_TEXT	"E\n\nalpha one two theta\n"

struct fixture {
	char		*dir;
	struct catalog	 c;
	size_t		 d, e;			/* the articles */
	char		 id[7][SIDECAR_PASSAGE_IDLEN + 1];	/* P1..P6 */
};

/* Passage n of text[from the quote's first place], coded with codes (each name
   one op; a name starting with '-' rejected), added to ops for rel. */
static void
fixture_passage(struct fixture *f, struct sidecar_ops *ops, int n, const char *rel,
    const char *text, const char *quote, const char *const *codes)
{
	struct sidecar_passage	 p;
	const char		*at = strstr(text, quote);
	size_t			 i;

	assert_non_null(at);
	memset(&p, 0, sizeof p);
	assert_int_equal(passage_make(text, strlen(text), (size_t)(at - text),
	    (size_t)(at - text) + strlen(quote), &p), 0);
	memcpy(f->id[n], p.id, sizeof f->id[n]);
	sidecar_ops_passage(ops, SIDECAR_OP_PASSAGE_ADD, rel, &p, NULL, 0);
	for (i = 0; codes[i] != NULL; i++)
		sidecar_ops_passage(ops, SIDECAR_OP_PASSAGE_TAG, rel, &p,
		    codes[i][0] == '-' ? codes[i] + 1 : codes[i],
		    codes[i][0] == '-' ? SIDECAR_REJECTED : SIDECAR_PERSON);
	sidecar_passage_free(&p);
}

static void
fixture_open(struct fixture *f)
{
	static const char *const xy[] = { "x", "y", NULL }, *const y[] = { "y", NULL },
	    *const zr[] = { "z", "-r", NULL }, *const x[] = { "x", NULL },
	    *const z[] = { "z", NULL };
	struct sidecar_ops	 ops;
	struct diag		 d;
	const char		*paths[1];
	char			*cfg;

	memset(f, 0, sizeof *f);
	f->dir = tu_mkdtemp();
	tu_corpus_write(f->dir, "d.txt", D_TEXT, TU_LEN(D_TEXT));
	tu_corpus_write(f->dir, "e.txt", E_TEXT, TU_LEN(E_TEXT));
	free(tu_write_in(f->dir, ".rubric.ini", "", 0));
	cfg = tu_write_in(home, "themes.ini", "[theme g]\npattern = \"gamma\"\n"
	    "[theme a]\npattern = \"alpha\"\n", strlen("[theme g]\npattern = "
	    "\"gamma\"\n[theme a]\npattern = \"alpha\"\n"));
	paths[0] = f->dir;
	memset(&d, 0, sizeof d);
	if (catalog_open(&f->c, cfg, NULL, paths, 1, CATALOG_COMMAND, &d) == -1)
		fail_msg("catalog_open: %s", d.n > 0 ? d.msgs[0].text : "?");
	diag_free(&d);
	free(cfg);
	assert_int_equal(f->c.config.nthemes, 2);
	assert_int_equal(catalog_scan(&f->c), 0);
	f->d = tu_article(&f->c.corpus, "d.txt");
	f->e = tu_article(&f->c.corpus, "e.txt");
	memset(&ops, 0, sizeof ops);
	fixture_passage(f, &ops, 1, "d.txt", D_TEXT, "alpha beta", xy);
	fixture_passage(f, &ops, 2, "d.txt", D_TEXT, "beta gamma", y);
	fixture_passage(f, &ops, 3, "d.txt", D_TEXT, "theta", zr);
	fixture_passage(f, &ops, 4, "e.txt", E_TEXT, "alpha", x);
	fixture_passage(f, &ops, 5, "e.txt", E_TEXT, "theta", z);
	fixture_passage(f, &ops, 6, "e.txt", "E\n\nalpha uno two theta\n", "uno", y);
	sidecar_apply(&f->c.side, &ops);
	sidecar_ops_free(&ops);
}

static void
fixture_close(struct fixture *f)
{
	catalog_free(&f->c);
	tu_rmtree(f->dir);
	free(f->dir);
}

/* The cell's figures are articles and passages, and its passages are exactly
   those named, as "article:P" words ("d:1 d:2"), in any order. */
static void
cell_is(const struct fixture *f, const struct cooc *k, size_t r, size_t col,
    size_t articles, size_t passages, const char *refs)
{
	const struct cooc_cell	*cell = cooc_cell(k, r, col);
	char			 want[64], *w, *save = NULL;
	size_t			 n = 0, i;
	int			 p, found;
	char			 a;

	assert_non_null(cell);
	if (cell->articles != articles || cell->passages != passages)
		fail_msg("cell %s x %s: %zu/%zu, wanted %zu/%zu", k->codes[r],
		    cooc_column(k, col), cell->articles, cell->passages, articles,
		    passages);
	snprintf(want, sizeof want, "%s", refs);
	for (w = strtok_r(want, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		assert_int_equal(sscanf(w, "%c:%d", &a, &p), 2);
		for (found = 0, i = 0; i < cell->nrefs; i++)
			if (cell->refs[i].article == (a == 'd' ? f->d : f->e) &&
			    strcmp(cell->refs[i].id, f->id[p]) == 0)
				found++;
		if (found != 1)
			fail_msg("cell %s x %s: passage %s found %d times",
			    k->codes[r], cooc_column(k, col), w, found);
		n++;
	}
	if (cell->nrefs != n)
		fail_msg("cell %s x %s: %zu passages listed, wanted %zu", k->codes[r],
		    cooc_column(k, col), cell->nrefs, n);
}

static void
test_table(void **state)
{
	struct fixture	 f;
	struct cooc	 k;
	size_t		 sel[2];

	(void)state;
	fixture_open(&f);
	sel[0] = f.d;
	sel[1] = f.e;
	assert_int_equal(cooc_count(&f.c, sel, 2, 1, NULL, &k), 0);
	/* r is rejected wherever it is: no row. */
	assert_int_equal(k.ncodes, 3);
	assert_string_equal(k.codes[0], "x");
	assert_string_equal(k.codes[1], "y");
	assert_string_equal(k.codes[2], "z");
	assert_int_equal(k.ncols, 5);
	assert_string_equal(cooc_column(&k, 3), "g");
	assert_string_equal(cooc_column(&k, 4), "a");
	assert_false(cooc_is_theme(&k, 2));
	assert_true(cooc_is_theme(&k, 3));
	assert_null(cooc_cell(&k, 3, 0));
	assert_null(cooc_cell(&k, 0, 5));
	/* The diagonal: a code's articles and passages, the orphan's among y's. */
	cell_is(&f, &k, 0, 0, 2, 2, "d:1 e:4");
	cell_is(&f, &k, 1, 1, 2, 3, "d:1 d:2 e:6");
	cell_is(&f, &k, 2, 2, 2, 2, "d:3 e:5");
	/* x and y: both articles (e's y an orphan); P1 with itself and with P2. The
	   table is the same either way round. */
	cell_is(&f, &k, 0, 1, 2, 2, "d:1 d:2");
	cell_is(&f, &k, 1, 0, 2, 2, "d:1 d:2");
	cell_is(&f, &k, 0, 2, 2, 0, "");
	cell_is(&f, &k, 2, 0, 2, 0, "");
	cell_is(&f, &k, 1, 2, 2, 0, "");
	/* g: d.txt only, its hit inside P2 alone. */
	cell_is(&f, &k, 0, 3, 1, 0, "");
	cell_is(&f, &k, 1, 3, 1, 1, "d:2");
	cell_is(&f, &k, 2, 3, 1, 0, "");
	/* a: both articles; inside P1 and P4, not in the orphan. */
	cell_is(&f, &k, 0, 4, 2, 2, "d:1 e:4");
	cell_is(&f, &k, 1, 4, 2, 1, "d:1");
	cell_is(&f, &k, 2, 4, 2, 0, "");
	cooc_free(&k);

	/* Without refs, the same figures and no lists. */
	assert_int_equal(cooc_count(&f.c, sel, 2, 0, NULL, &k), 0);
	assert_int_equal(cooc_cell(&k, 1, 1)->passages, 3);
	assert_null(cooc_cell(&k, 1, 1)->refs);
	cooc_free(&k);

	/* One article: e.txt alone. */
	assert_int_equal(cooc_count(&f.c, &f.e, 1, 1, NULL, &k), 0);
	assert_int_equal(k.ncodes, 3);
	cell_is(&f, &k, 0, 1, 1, 0, "");
	cell_is(&f, &k, 1, 1, 1, 1, "e:6");
	cooc_free(&k);
	fixture_close(&f);
}

/* What cooc_stats() gives is what stats' text prints: each code, the two codes that
   meet once, themes and codes that meet, and nothing for what never met. */
static void
test_stats(void **state)
{
	struct fixture	 f;
	struct cooc	 k;
	struct stats	 s;
	size_t		 sel[2], i;

	(void)state;
	fixture_open(&f);
	sel[0] = f.d;
	sel[1] = f.e;
	assert_int_equal(cooc_count(&f.c, sel, 2, 0, NULL, &k), 0);
	stats_init(&s);
	cooc_stats(&k, &s);
	assert_int_equal(s.ncodes, 3);
	assert_int_equal(s.ncodepairs, 3);
	assert_int_equal(s.nthemecodes, 6);
	for (i = 0; i < s.ncodepairs; i++)
		if (strcmp(s.codepairs[i].a, "x") == 0 &&
		    strcmp(s.codepairs[i].b, "y") == 0) {
			assert_int_equal(s.codepairs[i].articles, 2);
			assert_int_equal(s.codepairs[i].passages, 2);
			break;
		}
	assert_true(i < s.ncodepairs);
	for (i = 0; i < s.nthemecodes; i++)
		if (strcmp(s.themecodes[i].a, "g") == 0 &&
		    strcmp(s.themecodes[i].b, "y") == 0)
			assert_int_equal(s.themecodes[i].passages, 1);
	stats_free(&s);
	cooc_free(&k);
	fixture_close(&f);
}

static int
stop_at_second(void *arg, size_t done, size_t total)
{
	(void)total;
	(*(size_t *)arg)++;
	return done >= 1;
}

static void
test_stopped(void **state)
{
	struct fixture	 f;
	struct cooc	 k;
	struct progress	 p;
	size_t		 sel[2], calls = 0;

	(void)state;
	fixture_open(&f);
	sel[0] = f.d;
	sel[1] = f.e;
	p.fn = stop_at_second;
	p.arg = &calls;
	assert_int_equal(cooc_count(&f.c, sel, 2, 1, &p, &k), -1);
	assert_true(k.stopped);
	assert_int_equal(calls, 2);
	/* d.txt was counted, e.txt not. */
	cell_is(&f, &k, 1, 1, 1, 2, "d:1 d:2");
	cooc_free(&k);
	fixture_close(&f);
}

static void
test_cursor(void **state)
{
	struct cooc	 k;

	(void)state;
	memset(&k, 0, sizeof k);
	/* An empty table: the cursor stays put. */
	cooc_move(&k, 1, 1);
	assert_int_equal(k.row, 0);
	assert_int_equal(k.col, 0);
	k.ncodes = 10;
	k.nthemes = 5;
	k.ncols = 15;
	cooc_move(&k, -1, -1);
	assert_int_equal(k.row, 0);
	assert_int_equal(k.col, 0);
	cooc_move(&k, 3, 20);
	assert_int_equal(k.row, 3);
	assert_int_equal(k.col, 14);
	cooc_show(&k, 4, 4);
	assert_int_equal(k.top, 0);
	assert_int_equal(k.left, 11);
	cooc_edge(&k, 1);
	assert_int_equal(k.row, 9);
	assert_int_equal(k.col, 14);
	cooc_show(&k, 4, 4);
	assert_int_equal(k.top, 6);
	cooc_move(&k, -2, -12);
	cooc_show(&k, 4, 4);
	/* Moved as little as it can: row 7 is still in view, column 2 is not. */
	assert_int_equal(k.top, 6);
	assert_int_equal(k.left, 2);
	cooc_edge(&k, 0);
	cooc_show(&k, 4, 4);
	assert_int_equal(k.row, 0);
	assert_int_equal(k.top, 0);
	/* No room: one row and one column all the same. */
	cooc_move(&k, 5, 0);
	cooc_show(&k, 0, 0);
	assert_int_equal(k.top, 5);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_stopped),
		cmocka_unit_test(test_cursor),
	};
	char	*p;
	int	 rc;

	tu_locale();
	home = tu_mkdtemp();
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", p = tu_path(home, "config"), 1);
	free(p);
	setenv("XDG_CACHE_HOME", p = tu_path(home, "cache"), 1);
	free(p);
	setenv("XDG_STATE_HOME", p = tu_path(home, "state"), 1);
	free(p);
	setenv("RUBRIC_DATADIR", p = tu_path(home, "data"), 1);
	free(p);
	setenv("RUBRIC_LOCK_TIMEOUT", "0", 1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_rmtree(home);
	free(home);
	return rc;
}
