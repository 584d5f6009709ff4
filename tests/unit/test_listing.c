/* listing.c: which articles the list shows under each filter (the sidebar's item, tag
   limits with and without !, the limit query, the corpus search, and the '?' of what a
   query could not decide), every sort order with its ties, the selection kept across
   refilter and sort, and the marks and targets. */
#include "testutil.h"

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "listing.h"
#include "query.h"
#include "scan.h"
#include "sidecar.h"
#include "theme.h"

/* oil tags an article by itself from two hits on. */
static const char	 themes_ini[] = "[theme oil]\npattern = oil\nautotag = 2\n"
    "[theme deir]\npattern = deir\n";

/* In corpus order (by path). Hits: oil 2 + deir 1, deir 1, oil 4, none, none. */
enum { ONE, TWO, FOUR, THREE, BIG, NART };
static const struct {
	const char	*name;
	const char	*text;
} articles[] = {
	{ "a/one.txt", "Title: Beta\nDate: 2020-01-02\n\noil oil deir\n" },
	{ "a/two.txt", "Title: alpha\nDate: 2021-05-01\n\nan ordinary day\n" },
	{ "b/four.txt", "Title: Alpha\nDate: 2021-05-01\n\noil oil oil oil\n" },
	{ "b/three.txt", "Title: gamma\n\nnothing\n" },
	{ "c/big.txt", NULL },	/* Title: Big, then 50 KB of a and a ! */
};

struct fixture {
	char			*tmp;
	struct config		 cfg;
	struct diag		 d;
	struct corpus		 c;
	struct scan		*s;
	struct tu_side		 side;	/* the articles' sidecar entries */
	struct listing		 l;
	size_t			 stop_at;	/* progress stops there; 0: never */
	size_t			 calls;
};

static int
stop(void *arg, size_t done, size_t total)
{
	struct fixture	*f = arg;

	assert_int_equal(total, NART);
	assert_int_equal(done, f->calls);
	f->calls++;
	return f->stop_at != 0 && done == f->stop_at;
}

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);
	char		*big;
	size_t		 i, n = 50 * 1024;

	if (f == NULL)
		abort();
	tu_locale();
	f->tmp = tu_mkdtemp();
	for (i = 0; i < BIG; i++)
		tu_corpus_write(f->tmp, articles[i].name, articles[i].text,
		    strlen(articles[i].text));
	if ((big = malloc(n + 16)) == NULL)
		abort();
	memcpy(big, "Title: Big\n\n", 12);
	memset(big + 12, 'a', n);
	big[12 + n] = '!';
	tu_corpus_write(f->tmp, articles[BIG].name, big, n + 13);
	free(big);
	config_init(&f->cfg);
	free(tu_config_text(&f->cfg, &f->d, f->tmp, "themes.ini", themes_ini,
	    TU_LEN(themes_ini)));
	tu_corpus_open(&f->c, &f->cfg, f->tmp);
	assert_int_equal(f->c.n, NART);
	for (i = 0; i < NART; i++)
		if (strstr(f->c.articles[i]->path, articles[i].name) == NULL)
			fail_msg("article %zu is %s", i, f->c.articles[i]->path);
	f->s = scan_new(&f->c, &f->cfg);
	tu_scan_all(f->s, &f->c);
	/* Tags: one x; two x and y; four z, rejected; big y. */
	tu_side_tag(&f->side, ONE, "x", SIDECAR_PERSON);
	tu_side_tag(&f->side, TWO, "x", SIDECAR_PERSON);
	tu_side_tag(&f->side, TWO, "y", SIDECAR_PERSON);
	tu_side_tag(&f->side, FOUR, "z", SIDECAR_REJECTED);
	tu_side_tag(&f->side, BIG, "y", SIDECAR_PERSON);
	listing_init(&f->l, &f->c, &f->cfg, f->s, tu_side_entry, &f->side);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	listing_free(&f->l);
	scan_free(f->s);
	corpus_free(&f->c);
	tu_config_free(&f->cfg, &f->d, f->tmp);
	free(f);
	return 0;
}

static void
item(struct listing *l, enum side_kind kind, const char *prefix, size_t theme,
    struct query *q)
{
	struct side_item	 s;

	memset(&s, 0, sizeof s);
	s.kind = kind;
	s.prefix = (char *)prefix;
	s.theme = theme;
	s.query = q;
	listing_set_item(l, &s);
}

static struct query *
parse(struct fixture *f, const char *text)
{
	struct query_error	 qe;
	struct query		*q;

	if ((q = query_parse(text, &f->cfg, &qe)) == NULL)
		fail_msg("%s: %s", text, qe.message);
	return q;
}

/* Each sidebar item lets through its own articles, in path order. */
static void
test_items(void **state)
{
	struct fixture	*f = *state;
	struct listing	*l = &f->l;
	struct query	*view = parse(f, "tag:y");

	TU_ROWS(l, ONE, TWO, FOUR, THREE, BIG);
	item(l, SIDE_DIR, "b/", 0, NULL);
	assert_int_equal(listing_refilter(l, NULL), NART);
	TU_ROWS(l, FOUR, THREE);
	item(l, SIDE_THEME, NULL, 0, NULL);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, FOUR);
	item(l, SIDE_THEME, NULL, 1, NULL);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE);
	item(l, SIDE_VIEW, NULL, 0, view);
	listing_refilter(l, NULL);
	TU_ROWS(l, TWO, BIG);
	/* A view whose query did not parse lets nothing through. */
	item(l, SIDE_VIEW, NULL, 0, NULL);
	listing_refilter(l, NULL);
	assert_int_equal(l->nvisible, 0);
	assert_int_equal(listing_selected(l), (size_t)-1);
	item(l, SIDE_ERRORS, NULL, 0, NULL);
	listing_refilter(l, NULL);
	assert_int_equal(l->nvisible, 0);
	article_set_error(f->c.articles[THREE], "Permission denied");
	listing_refilter(l, NULL);
	TU_ROWS(l, THREE);
	item(l, SIDE_ALL, NULL, 0, NULL);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO, FOUR, THREE, BIG);
	assert_false(listing_limited(l));
	query_free(view);
}

/* Tag limits add up; ! keeps the articles without the tag; a theme's automatic tag
   counts, a rejected one does not. */
static void
test_tag_limits(void **state)
{
	struct fixture	*f = *state;
	struct listing	*l = &f->l;

	listing_limit_tag(l, "x", 0);
	assert_true(listing_limited(l));
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO);
	listing_limit_tag(l, "x", 1);
	assert_int_equal(l->nlimits, 1);
	listing_refilter(l, NULL);
	TU_ROWS(l, FOUR, THREE, BIG);
	listing_clear_limits(l);
	listing_limit_tag(l, "oil", 0);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, FOUR);
	listing_limit_tag(l, "x", 1);
	listing_refilter(l, NULL);
	TU_ROWS(l, FOUR);
	listing_clear_limits(l);
	listing_limit_tag(l, "z", 0);
	listing_refilter(l, NULL);
	assert_int_equal(l->nvisible, 0);
	/* With the item: a folder and a tag. */
	listing_clear_limits(l);
	listing_limit_tag(l, "y", 0);
	item(l, SIDE_DIR, "a/", 0, NULL);
	listing_refilter(l, NULL);
	TU_ROWS(l, TWO);
	listing_clear_limits(l);
	assert_false(listing_limited(l));
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO);
}

/* The limit query, alone and with the item; what it cannot decide stays, marked. */
static void
test_query(void **state)
{
	struct fixture	*f = *state;
	struct listing	*l = &f->l;
	struct query	*q;

	listing_set_query(l, parse(f, "tag:y or theme:oil>=4"), "tag:y or theme:oil>=4");
	assert_string_equal(l->query_text, "tag:y or theme:oil>=4");
	listing_refilter(l, NULL);
	TU_ROWS(l, TWO, FOUR, BIG);
	assert_int_equal(l->nundecided, 0);
	item(l, SIDE_DIR, "c/", 0, NULL);
	listing_refilter(l, NULL);
	TU_ROWS(l, BIG);
	item(l, SIDE_ALL, NULL, 0, NULL);
	/* PCRE2 gives up on 50 KB of a and a !: undecided, never "no". */
	q = parse(f, "/(a+)+c|!/");
	query_remember(q, f->c.n);
	listing_set_query(l, q, "/(a+)+c|!/");
	listing_refilter(l, NULL);
	TU_ROWS(l, BIG);
	assert_int_equal(l->nundecided, 1);
	assert_int_equal(l->undecided[BIG], 1);
	assert_int_equal(l->undecided[ONE], 0);
	/* The same query as a view's: undecided too. */
	listing_set_query(l, NULL, NULL);
	assert_null(l->query_text);
	q = parse(f, "not /(a+)+c|!/");
	item(l, SIDE_VIEW, NULL, 0, q);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO, FOUR, THREE, BIG);
	assert_int_equal(l->nundecided, 1);
	assert_int_equal(l->undecided[BIG], 1);
	/* Refiltered without it, the mark goes. */
	item(l, SIDE_ALL, NULL, 0, NULL);
	listing_refilter(l, NULL);
	assert_int_equal(l->nundecided, 0);
	assert_int_equal(l->undecided[BIG], 0);
	query_free(q);
}

/* A query that reads text is watched: each article is announced, and a stop keeps
   what was found so far. One that does not read text is never watched. */
static void
test_progress(void **state)
{
	struct fixture		*f = *state;
	struct listing		*l = &f->l;
	struct progress		 p = { stop, f };

	listing_set_query(l, parse(f, "tag:x"), "tag:x");
	assert_int_equal(listing_refilter(l, &p), NART);
	assert_int_equal(f->calls, 0);
	TU_ROWS(l, ONE, TWO);
	listing_set_query(l, parse(f, "ordinary or oil"), "ordinary or oil");
	f->stop_at = 2;
	assert_int_equal(listing_refilter(l, &p), 2);
	assert_int_equal(f->calls, 3);
	TU_ROWS(l, ONE, TWO);
	f->stop_at = 0;
	f->calls = 0;
	assert_int_equal(listing_refilter(l, &p), NART);
	assert_int_equal(f->calls, NART);
	TU_ROWS(l, ONE, TWO, FOUR);
}

/* &: every article is read; one that cannot be is undecided and stays, marked. */
static void
test_search(void **state)
{
	struct fixture		*f = *state;
	struct listing		*l = &f->l;
	struct progress		 p = { stop, f };
	struct matcher		*m = matcher_new();
	struct theme		 th;
	struct diag		 d;
	size_t			 hits, und;

	memset(&d, 0, sizeof d);
	assert_int_equal(theme_single(&th, "&", "oil|ordinary", &d), 0);
	assert_int_equal(d.n, 0);
	article_set_error(f->c.articles[THREE], "Permission denied");
	assert_int_equal(listing_search(l, "oil|ordinary", &th, m, &p, &hits, &und),
	    NART);
	assert_int_equal(hits, 3);
	assert_int_equal(und, 1);
	assert_string_equal(l->pattern, "oil|ordinary");
	assert_true(listing_limited(l));
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO, FOUR, THREE);
	assert_int_equal(l->nundecided, 1);
	assert_int_equal(l->undecided[THREE], 1);
	/* With a tag limit on top. */
	listing_limit_tag(l, "x", 1);
	listing_refilter(l, NULL);
	TU_ROWS(l, FOUR, THREE);
	listing_clear_limits(l);
	/* Stopped: what was searched counts, the rest is "no". */
	f->stop_at = 1;
	f->calls = 0;
	assert_int_equal(listing_search(l, "oil|ordinary", &th, m, &p, &hits, &und), 1);
	assert_int_equal(hits, 1);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE);
	listing_search_clear(l);
	assert_null(l->pattern);
	assert_false(listing_limited(l));
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO, FOUR, THREE, BIG);
	theme_free(&th);
	matcher_free(m);
}

/* / in the list: titles, not text; forward and back from the selected row, wrapping
   and saying so, the row itself last; smart case as the body's search has it. */
static void
test_find_title(void **state)
{
	struct fixture		*f = *state;
	struct listing		*l = &f->l;
	struct matcher		*m = matcher_new();
	struct theme		 th;
	struct diag		 d;
	int			 wrapped, limited;

	memset(&d, 0, sizeof d);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO, FOUR, THREE, BIG);
	/* "alpha" is caseless: two (row 1) and four (row 2). */
	assert_int_equal(theme_single(&th, "/", "alpha", &d), 0);
	assert_int_equal(listing_find_title(l, &th, m, 0, 1, &wrapped, &limited), 1);
	assert_false(wrapped);
	assert_int_equal(listing_find_title(l, &th, m, 1, 1, &wrapped, &limited), 2);
	assert_false(wrapped);
	assert_int_equal(listing_find_title(l, &th, m, 2, 1, &wrapped, &limited), 1);
	assert_true(wrapped);
	assert_int_equal(listing_find_title(l, &th, m, 2, 0, &wrapped, &limited), 1);
	assert_false(wrapped);
	assert_int_equal(listing_find_title(l, &th, m, 1, 0, &wrapped, &limited), 2);
	assert_true(wrapped);
	assert_false(limited);
	theme_free(&th);
	/* A capital makes it exact: four's only, found from itself after a lap. */
	assert_int_equal(theme_single(&th, "/", "Alpha", &d), 0);
	assert_int_equal(listing_find_title(l, &th, m, 2, 1, &wrapped, &limited), 2);
	assert_true(wrapped);
	theme_free(&th);
	/* The text is not searched: "oil" is in bodies only. */
	assert_int_equal(theme_single(&th, "/", "oil", &d), 0);
	assert_int_equal(listing_find_title(l, &th, m, 0, 1, &wrapped, &limited),
	    l->nvisible);
	theme_free(&th);
	/* Only what is listed. */
	listing_limit_tag(l, "x", 0);
	listing_refilter(l, NULL);
	TU_ROWS(l, ONE, TWO);
	assert_int_equal(theme_single(&th, "/", "alpha|gamma", &d), 0);
	assert_int_equal(listing_find_title(l, &th, m, 1, 1, &wrapped, &limited), 1);
	assert_true(wrapped);
	theme_free(&th);
	assert_int_equal(d.n, 0);
	matcher_free(m);
}

/* Each order, and ties: they fall back on the corpus's order, whatever the order
   before. */
static void
test_sort(void **state)
{
	struct fixture	*f = *state;
	struct listing	*l = &f->l;

	assert_int_equal(listing_hits(l, ONE), 3);
	assert_int_equal(listing_hits(l, FOUR), 4);
	assert_int_equal(listing_hits(l, BIG), 0);
	l->sort = SORT_TITLE;
	listing_sort(l);
	/* alpha and Alpha tie (case does not count): two before four. */
	TU_ROWS(l, TWO, FOUR, ONE, BIG, THREE);
	l->sort = SORT_HITS;
	listing_sort(l);
	/* big and three tie at none: three first, as in the corpus, though the
	   title order had big first. */
	TU_ROWS(l, FOUR, ONE, TWO, THREE, BIG);
	l->sort = SORT_DATE;
	listing_sort(l);
	/* Newest first, two and four tie; no date last, in the corpus's order. */
	TU_ROWS(l, TWO, FOUR, ONE, THREE, BIG);
	l->sort = SORT_TAGS;
	listing_sort(l);
	/* one: x and ~oil; two: x, y; four: ~oil (z rejected); big: y; three:
	   none. */
	TU_ROWS(l, ONE, TWO, FOUR, BIG, THREE);
	/* A theme switched off no longer counts in the hits. */
	f->cfg.themes[0].enabled = 0;
	l->sort = SORT_HITS;
	listing_sort(l);
	TU_ROWS(l, ONE, TWO, FOUR, THREE, BIG);
	f->cfg.themes[0].enabled = 1;
	l->sort = SORT_PATH;
	listing_sort(l);
	TU_ROWS(l, ONE, TWO, FOUR, THREE, BIG);
	/* A refilter keeps the order. */
	l->sort = SORT_TITLE;
	item(l, SIDE_DIR, "b/", 0, NULL);
	listing_refilter(l, NULL);
	TU_ROWS(l, FOUR, THREE);
	assert_string_equal(listing_sort_name(SORT_TITLE), "title");
	assert_string_equal(listing_sort_name(SORT_TAGS), "tags");
}

/* The selected article stays selected across refilter and sort while it is listed;
   when it goes, the first row is selected. */
static void
test_selection(void **state)
{
	struct fixture	*f = *state;
	struct listing	*l = &f->l;

	assert_int_equal(listing_selected(l), ONE);
	assert_int_equal(listing_select(l, 2), 1);
	assert_int_equal(listing_select(l, 2), 0);
	assert_int_equal(listing_selected(l), FOUR);
	assert_int_equal(listing_select(l, 99), 1);
	assert_int_equal(listing_selected(l), BIG);
	listing_select(l, listing_find(l, FOUR));
	item(l, SIDE_DIR, "b/", 0, NULL);
	listing_refilter(l, NULL);
	assert_int_equal(l->sel, 0);
	assert_int_equal(listing_selected(l), FOUR);
	item(l, SIDE_ALL, NULL, 0, NULL);
	listing_refilter(l, NULL);
	assert_int_equal(l->sel, 2);
	l->sort = SORT_TITLE;
	listing_sort(l);
	assert_int_equal(l->sel, 1);
	assert_int_equal(listing_selected(l), FOUR);
	l->sort = SORT_TAGS;
	listing_refilter(l, NULL);
	assert_int_equal(l->sel, 2);
	assert_int_equal(listing_selected(l), FOUR);
	/* Filtered out: the first row. */
	listing_limit_tag(l, "y", 0);
	listing_refilter(l, NULL);
	TU_ROWS(l, TWO, BIG);
	assert_int_equal(listing_selected(l), TWO);
	assert_int_equal(listing_find(l, FOUR), l->nvisible);
	assert_int_equal(listing_find(l, BIG), 1);
	/* Nothing listed: nothing selected, and nothing to select. */
	listing_limit_tag(l, "z", 0);
	listing_refilter(l, NULL);
	assert_int_equal(listing_select(l, 0), 0);
	assert_int_equal(listing_selected(l), (size_t)-1);
}

/* Marks toggle; t, u and r act on the marked articles in corpus order, else on the
   selected one, else on none. */
static void
test_marks(void **state)
{
	struct fixture	*f = *state;
	struct listing	*l = &f->l;
	size_t		*out, n;

	listing_select(l, 3);
	n = listing_targets(l, &out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], THREE);
	free(out);
	assert_int_equal(listing_mark(l, BIG), 1);
	assert_int_equal(listing_mark(l, TWO), 1);
	assert_int_equal(l->nmarked, 2);
	n = listing_targets(l, &out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0], TWO);
	assert_int_equal(out[1], BIG);
	free(out);
	assert_int_equal(listing_mark(l, BIG), 0);
	assert_int_equal(l->nmarked, 1);
	/* A marked article filtered out of the list is still a target. */
	item(l, SIDE_DIR, "b/", 0, NULL);
	listing_refilter(l, NULL);
	n = listing_targets(l, &out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], TWO);
	free(out);
	listing_unmark_all(l);
	assert_int_equal(l->nmarked, 0);
	assert_int_equal(l->marked[TWO], 0);
	n = listing_targets(l, &out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], THREE);
	free(out);
	listing_limit_tag(l, "z", 0);
	listing_refilter(l, NULL);
	n = listing_targets(l, &out);
	assert_int_equal(n, 0);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tag_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_title, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_selection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marks, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
