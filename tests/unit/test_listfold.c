/* listing.c's folding of near-duplicates: each cluster at one row, its leader's (its
   first member the filters let through), with how many copies it hides; z's expand
   and fold with the selection kept; Z's all at once; a limit that leaves the first
   out; the sort; the sidebar's duplicates item; dup and copy; grouping off. */
#include "testutil.h"

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "dups.h"
#include "listing.h"
#include "query.h"
#include "scan.h"
#include "sidebar.h"
#include "sidecar.h"
#include "theme.h"
#include "xmalloc.h"

static const char	 story_a[] =
    "The provincial council in Raqqa approved a new bridge over the Euphrates on "
    "Monday, after three years of delays that traders blamed on unpaid "
    "contractors.\n\n"
    "Officials said the bridge would open to lorries within ninety days, and "
    "that tolls would fund the repair of the old ferry landing near Mansoura.\n\n"
    "Residents of the eastern district said they had heard such promises "
    "before, and that the ferry still carried most of the grain to the market.\n\n"
    "A report by the water ministry found that a third of the money set aside "
    "for the crossing in 2019 was never spent.\n";
static const char	 story_b[] =
    "Teachers in Mosul went on strike for a second week on Sunday, closing "
    "forty schools in the old city and leaving parents to find lessons "
    "elsewhere.\n\n"
    "The union says salaries have not been paid since the spring, and that the "
    "education directorate moved the money to rebuild a stadium instead.\n\n"
    "A spokesman for the governor promised the arrears by the end of the month "
    "and asked the teachers to return to their classes meanwhile.\n";
static const char	 lone_1[] =
    "A convoy of fuel tankers reached Hasakah late on Thursday after the border "
    "authority reopened the crossing that had been shut since the floods in "
    "March, drivers and customs officers said.\n";
static const char	 lone_2[] =
    "The grain board in Kirkuk cut the price it pays farmers for wheat by a "
    "fifth this season, blaming a glut of imports and a warehouse fire that "
    "destroyed much of last year's reserve.\n";

/* In corpus order (by path): A's copies, its first, B's first and copy, two lone. */
enum { A2, LONE1, A1, B1, A3, B2, LONE2, NART };
static const struct {
	const char	*name;
	const char	*date;
	const char	*body;
	int		 trim;		/* the last paragraph left out */
} articles[] = {
	{ "a/a2.txt", "2021-01-02", story_a, 0 },
	{ "b/lone1.txt", "2021-01-05", lone_1, 0 },
	{ "c/a1.txt", "2021-01-01", story_a, 0 },
	{ "d/b1.txt", "2021-02-01", story_b, 0 },
	{ "e/a3.txt", "2021-01-03", story_a, 1 },
	{ "f/b2.txt", "2021-02-02", story_b, 0 },
	{ "g/lone2.txt", "2021-03-01", lone_2, 0 },
};

struct fixture {
	char			*tmp;
	struct config		 cfg;
	struct diag		 d;
	struct corpus		 c;
	struct scan		*s;
	struct dups		*dups;
	struct tu_side		 side;
	struct listing		 l;
};

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*text, *cut;
	size_t		 i;

	tu_locale();
	f->tmp = tu_mkdtemp();
	for (i = 0; i < NART; i++) {
		text = xasprintf("Title: %s\nDate: %s\n\n%s", articles[i].name,
		    articles[i].date, articles[i].body);
		if (articles[i].trim && (cut = strstr(text, "A report by")) != NULL)
			*cut = '\0';
		tu_corpus_write(f->tmp, articles[i].name, text, strlen(text));
		free(text);
	}
	config_init(&f->cfg);
	tu_corpus_open(&f->c, &f->cfg, f->tmp);
	assert_int_equal(f->c.n, NART);
	f->s = scan_new(&f->c, &f->cfg);
	tu_scan_all(f->s, &f->c);
	f->dups = dups_build(&f->c, f->s, f->cfg.duplicate_threshold);
	assert_int_equal(dups_nclusters(f->dups), 2);
	listing_init(&f->l, &f->c, &f->cfg, f->s, tu_side_entry, &f->side);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	listing_free(&f->l);
	dups_free(f->dups);
	scan_free(f->s);
	corpus_free(&f->c);
	tu_config_free(&f->cfg, &f->d, f->tmp);
	free(f);
	return 0;
}

/* Row r's copies and whether they are expanded. */
static size_t
copies(const struct listing *l, size_t r, int *expanded)
{
	return listing_row_copies(l, r, expanded);
}

/* Until the clusters come every article is a row; then each cluster folds at its
   first, which stands where the first stands in the order, and a selected copy
   leaves the selection on it. */
static void
test_fold(void **state)
{
	struct fixture	*f = *state;
	int		 ex, sim;

	TU_ROWS(&f->l, A2, LONE1, A1, B1, A3, B2, LONE2);
	assert_int_equal(copies(&f->l, 0, &ex), 0);
	listing_select(&f->l, 4);
	assert_int_equal(listing_selected(&f->l), A3);
	listing_set_dups(&f->l, f->dups);
	TU_ROWS(&f->l, LONE1, A1, B1, LONE2);
	assert_int_equal(listing_selected(&f->l), A1);
	assert_int_equal(copies(&f->l, 1, &ex), 2);
	assert_false(ex);
	assert_int_equal(copies(&f->l, 2, &ex), 1);
	assert_int_equal(copies(&f->l, 0, &ex), 0);
	assert_int_equal(copies(&f->l, 3, &ex), 0);
	assert_false(listing_row_copy(&f->l, 1, &sim));
	assert_int_equal(listing_copies(&f->l, A1), 2);
	assert_int_equal(listing_copies(&f->l, LONE1), 0);
	/* The marks and counts go by rows. */
	assert_int_equal(f->l.nvisible, 4);
	assert_int_equal(f->l.npassed, NART);
}

/* z: the copies come right under the leader, in the cluster's order (date), each
   with its similarity; folded again from a copy, the leader is selected. */
static void
test_expand(void **state)
{
	struct fixture	*f = *state;
	int		 ex, sim;

	listing_set_dups(&f->l, f->dups);
	listing_select(&f->l, 1);
	assert_true(listing_toggle_fold(&f->l));
	TU_ROWS(&f->l, LONE1, A1, A2, A3, B1, LONE2);
	assert_int_equal(listing_selected(&f->l), A1);
	assert_int_equal(copies(&f->l, 1, &ex), 2);
	assert_true(ex);
	assert_true(listing_row_copy(&f->l, 2, &sim));
	assert_int_equal(sim, 100);
	assert_true(listing_row_copy(&f->l, 3, &sim));
	assert_true(sim >= 55 && sim < 100);
	assert_false(listing_row_copy(&f->l, 4, &sim));
	listing_select(&f->l, 3);
	assert_true(listing_toggle_fold(&f->l));
	TU_ROWS(&f->l, LONE1, A1, B1, LONE2);
	assert_int_equal(listing_selected(&f->l), A1);
	/* K and P open a copy folded away: its story is expanded. */
	assert_int_equal(listing_find(&f->l, A3), 4);
	assert_int_equal(listing_reveal(&f->l, A3), 3);
	TU_ROWS(&f->l, LONE1, A1, A2, A3, B1, LONE2);
	assert_int_equal(listing_reveal(&f->l, B1), 4);
	listing_select(&f->l, 1);
	listing_toggle_fold(&f->l);
	/* A lone article has nothing to fold. */
	listing_select(&f->l, 0);
	assert_false(listing_toggle_fold(&f->l));
	/* Z: all, then all folded again. */
	assert_true(listing_toggle_all(&f->l));
	TU_ROWS(&f->l, LONE1, A1, A2, A3, B1, B2, LONE2);
	assert_false(listing_toggle_all(&f->l));
	TU_ROWS(&f->l, LONE1, A1, B1, LONE2);
	/* Clusters made again keep expanded those whose first was. */
	listing_select(&f->l, 2);
	listing_toggle_fold(&f->l);
	listing_set_dups(&f->l, f->dups);
	TU_ROWS(&f->l, LONE1, A1, B1, B2, LONE2);
	listing_set_dups(&f->l, NULL);
	TU_ROWS(&f->l, A2, LONE1, A1, B1, A3, B2, LONE2);
}

/* A limit that leaves the first out: the next member in the cluster's order leads,
   with the copies left. */
static void
test_limit(void **state)
{
	struct fixture	*f = *state;
	struct query_error qe;
	struct query	*q;
	size_t		*v, n;
	int		 ex;

	listing_set_dups(&f->l, f->dups);
	tu_side_tag(&f->side, A1, "x", SIDECAR_PERSON);
	listing_limit_tag(&f->l, "x", 1);
	listing_refilter(&f->l, NULL);
	TU_ROWS(&f->l, A2, LONE1, B1, LONE2);
	assert_int_equal(copies(&f->l, 0, &ex), 1);
	n = listing_copy_list(&f->l, A2, &v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0], A3);
	free(v);
	listing_clear_limits(&f->l);
	/* copy: the articles that are not their cluster's first. */
	q = query_parse("copy", &f->cfg, &qe);
	assert_non_null(q);
	listing_set_query(&f->l, q, "copy");
	listing_refilter(&f->l, NULL);
	TU_ROWS(&f->l, A2, B2);
	assert_int_equal(copies(&f->l, 0, &ex), 1);
	assert_int_equal(copies(&f->l, 1, &ex), 0);
	listing_set_query(&f->l, NULL, NULL);
	listing_refilter(&f->l, NULL);
	TU_ROWS(&f->l, LONE1, A1, B1, LONE2);
}

/* Newest first: a cluster stands where its leader sorts, its copies under it in
   the cluster's order. */
static void
test_sort(void **state)
{
	struct fixture	*f = *state;

	listing_set_dups(&f->l, f->dups);
	f->l.sort = SORT_DATE;
	listing_sort(&f->l);
	TU_ROWS(&f->l, LONE2, B1, LONE1, A1);
	listing_select(&f->l, 3);
	listing_toggle_fold(&f->l);
	TU_ROWS(&f->l, LONE2, B1, LONE1, A1, A2, A3);
	assert_int_equal(listing_selected(&f->l), A1);
}

/* The sidebar's duplicates item: the articles that have a copy, folded. Grouping
   off lists every one. */
static void
test_item(void **state)
{
	struct fixture		*f = *state;
	struct side_item	 s;

	listing_set_dups(&f->l, f->dups);
	memset(&s, 0, sizeof s);
	s.kind = SIDE_DUPS;
	listing_set_item(&f->l, &s);
	listing_refilter(&f->l, NULL);
	TU_ROWS(&f->l, A1, B1);
	listing_set_group(&f->l, 0);
	TU_ROWS(&f->l, A2, A1, B1, A3, B2);
	assert_false(listing_toggle_fold(&f->l));
	listing_set_group(&f->l, 1);
	TU_ROWS(&f->l, A1, B1);
}

/* The sidebar counts clusters in an item of its own after All, put in when
   clusters come and taken out when none are left. */
static void
test_sidebar(void **state)
{
	struct fixture	*f = *state;
	struct sidebar	 sb;
	size_t		 at, tags;

	sidebar_build(&sb, &f->l);
	tags = sb.tags;
	assert_int_equal(sb.v[1].kind, SIDE_ALL);
	assert_int_not_equal(sb.v[2].kind, SIDE_DUPS);
	assert_int_equal(sidebar_dups(&sb, &f->l, &at), 0);
	listing_set_dups(&f->l, f->dups);
	assert_int_equal(sidebar_dups(&sb, &f->l, &at), 1);
	assert_int_equal(at, 2);
	assert_int_equal(sb.v[2].kind, SIDE_DUPS);
	assert_int_equal(sb.v[2].count, 2);
	assert_int_equal(sb.tags, tags + 1);
	assert_int_equal(sidebar_dups(&sb, &f->l, &at), 0);
	listing_set_dups(&f->l, NULL);
	assert_int_equal(sidebar_dups(&sb, &f->l, &at), -1);
	assert_int_not_equal(sb.v[2].kind, SIDE_DUPS);
	assert_int_equal(sb.tags, tags);
	sidebar_free(&sb);
	/* Made with clusters known, it has the item from the start. */
	listing_set_dups(&f->l, f->dups);
	sidebar_build(&sb, &f->l);
	assert_int_equal(sb.v[2].kind, SIDE_DUPS);
	sidebar_free(&sb);
}

/* / finds a title folded away: a story's copies are searched right after its row,
   and the one found has its story expanded; "no title matches" only when none does. */
static void
test_search(void **state)
{
	struct fixture	*f = *state;
	struct matcher	*m = matcher_new();
	struct theme	 th;
	int		 wrapped, limited;

	memset(&f->d, 0, sizeof f->d);
	listing_set_dups(&f->l, f->dups);
	TU_ROWS(&f->l, LONE1, A1, B1, LONE2);
	assert_int_equal(theme_single(&th, "/", "a2", &f->d), 0);
	assert_int_equal(listing_find_title(&f->l, &th, m, 0, 1, &wrapped, &limited),
	    2);
	assert_false(wrapped);
	TU_ROWS(&f->l, LONE1, A1, A2, A3, B1, LONE2);
	theme_free(&th);
	listing_select(&f->l, 1);
	listing_toggle_fold(&f->l);
	TU_ROWS(&f->l, LONE1, A1, B1, LONE2);
	/* Backward from lone2: b1's copy, b1, then a1's copies last first. */
	assert_int_equal(theme_single(&th, "/", "a3", &f->d), 0);
	assert_int_equal(listing_find_title(&f->l, &th, m, 3, 0, &wrapped, &limited),
	    3);
	assert_false(wrapped);
	TU_ROWS(&f->l, LONE1, A1, A2, A3, B1, LONE2);
	theme_free(&th);
	/* Forward from a folded story: its own copies first, not a wrap. */
	assert_int_equal(theme_single(&th, "/", "b2", &f->d), 0);
	assert_int_equal(listing_find_title(&f->l, &th, m, 4, 1, &wrapped, &limited),
	    5);
	assert_false(wrapped);
	TU_ROWS(&f->l, LONE1, A1, A2, A3, B1, B2, LONE2);
	theme_free(&th);
	/* The row searched from itself comes after a lap, its copies before. */
	listing_select(&f->l, 4);
	listing_toggle_fold(&f->l);
	TU_ROWS(&f->l, LONE1, A1, A2, A3, B1, LONE2);
	assert_int_equal(theme_single(&th, "/", "d/b1", &f->d), 0);
	assert_int_equal(listing_find_title(&f->l, &th, m, 4, 1, &wrapped, &limited),
	    4);
	assert_true(wrapped);
	theme_free(&th);
	/* A title no article has: no row. */
	assert_int_equal(theme_single(&th, "/", "zzz", &f->d), 0);
	assert_int_equal(listing_find_title(&f->l, &th, m, 0, 1, &wrapped, &limited),
	    f->l.nvisible);
	assert_false(limited);
	theme_free(&th);
	matcher_free(m);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_fold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sidebar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
