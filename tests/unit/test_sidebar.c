/* sidebar.c: the sidebar's items and counts without a terminal: folders nested in list
   order with the articles under each, a theme's count as the scan counts, the tags
   section made again after a tag changes (person's, rejected and automatic tags) and
   counting passages' codes, and a view that does not parse kept with its error. */
#include "testutil.h"

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "listing.h"
#include "scan.h"
#include "sidebar.h"
#include "sidecar.h"

/* oil tags an article by itself from two hits on; a view of each kind. */
static const char	 config_ini[] = "[theme oil]\npattern = oil\nautotag = 2\n"
    "[theme deir]\npattern = deir\n"
    "[view tagged]\nquery = \"tag:x\"\n"
    "[view oily]\nquery = \"theme:oil>=1\"\n"
    "[view broken]\nquery = \"tag:a and )\"\n";

static const struct {
	const char	*name;
	const char	*text;
} articles[] = {
	{ "top.txt", "Title: Top\n\noil\n" },
	{ "a/one.txt", "Title: One\n\noil oil\n" },
	{ "a/b/two.txt", "Title: Two\n\ndeir\n" },
	{ "a/b/c/three.txt", "Title: Three\n\noil\n" },
	{ "d/four.txt", "Title: Four\n\nnothing\n" },
};
#define NART	(sizeof articles / sizeof articles[0])

struct fixture {
	char			*tmp;
	struct config		 cfg;
	struct diag		 d;
	struct corpus		 c;
	struct scan		*s;
	struct tu_side		 side;	/* the articles' sidecar entries */
	struct listing		 l;
	struct sidebar		 sb;
};

/* Puts tag name, of origin, on the article named article. */
static void
tag(struct fixture *f, const char *article, const char *name,
    enum sidecar_origin origin)
{
	tu_side_tag(&f->side, tu_article(&f->c, article), name, origin);
}

/* The item labelled label of kind kind, failing the test if there is none. */
static const struct side_item *
item(const struct sidebar *sb, enum side_kind kind, const char *label)
{
	size_t	 i;

	for (i = 0; i < sb->n; i++)
		if (sb->v[i].kind == kind && strcmp(sb->v[i].label, label) == 0)
			return &sb->v[i];
	fail_msg("no item %s", label);
	return NULL;
}

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);
	size_t		 i;

	if (f == NULL)
		abort();
	tu_locale();
	f->tmp = tu_mkdtemp();
	for (i = 0; i < NART; i++)
		tu_corpus_write(f->tmp, articles[i].name, articles[i].text,
		    strlen(articles[i].text));
	config_init(&f->cfg);
	free(tu_config_text(&f->cfg, &f->d, f->tmp, "config.ini", config_ini,
	    TU_LEN(config_ini)));
	tu_corpus_open(&f->c, &f->cfg, f->tmp);
	assert_int_equal(f->c.n, NART);
	/* Counted only when a test says so: the sidebar is built before. */
	f->s = scan_new(&f->c, &f->cfg);
	tag(f, "a/one.txt", "x", SIDECAR_PERSON);
	listing_init(&f->l, &f->c, &f->cfg, f->s, tu_side_entry, &f->side);
	sidebar_build(&f->sb, &f->l);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	sidebar_free(&f->sb);
	listing_free(&f->l);
	scan_free(f->s);
	corpus_free(&f->c);
	tu_config_free(&f->cfg, &f->d, f->tmp);
	free(f);
	return 0;
}

/* Every scan counted, and the sidebar told. Returns what sidebar_counts() said. */
static int
count_all(struct fixture *f)
{
	tu_scan_all(f->s, &f->c);
	return sidebar_counts(&f->sb, &f->l);
}

/* Corpus, views, themes, then the folders: each folder once, below the one that holds
   it, with every article under it at any depth counted. */
static void
test_folders(void **state)
{
	struct fixture		*f = *state;
	const struct sidebar	*sb = &f->sb;
	static const struct {
		const char	*label, *prefix;
		int		 depth;
		size_t		 count;
	} want[] = {
		{ "a/", "a/", 0, 3 },
		{ "b/", "a/b/", 1, 2 },
		{ "c/", "a/b/c/", 2, 1 },
		{ "d/", "d/", 0, 1 },
	};
	size_t			 i, k;

	assert_int_equal(sb->v[0].kind, SIDE_HEADING);
	assert_int_equal(sb->v[1].kind, SIDE_ALL);
	assert_int_equal(sb->v[1].count, NART);
	for (k = 0; k < sb->n && !(sb->v[k].kind == SIDE_HEADING &&
	    strcmp(sb->v[k].label, "Folders") == 0); k++)
		;
	assert_true(k < sb->n);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct side_item	*s = &sb->v[k + 1 + i];

		assert_int_equal(s->kind, SIDE_DIR);
		assert_string_equal(s->label, want[i].label);
		assert_string_equal(s->prefix, want[i].prefix);
		assert_int_equal(s->depth, want[i].depth);
		assert_int_equal(s->count, want[i].count);
	}
	/* Then the tags section, where the folders end. */
	assert_int_equal(k + 1 + i, sb->tags);
	assert_int_equal(sb->v[sb->tags].kind, SIDE_HEADING);
	assert_string_equal(sb->v[sb->tags].label, "Tags");
}

/* A theme counts the articles with a hit as the scan counts them, once per step of
   the scan; a view that asks about themes counts with it. */
static void
test_theme_count(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(item(&f->sb, SIDE_THEME, "oil")->count, 0);
	assert_int_equal(item(&f->sb, SIDE_THEME, "oil")->theme, 0);
	assert_int_equal(item(&f->sb, SIDE_VIEW, "oily")->count, 0);
	assert_true(sidebar_item_counts(item(&f->sb, SIDE_THEME, "deir")));
	assert_true(sidebar_item_counts(item(&f->sb, SIDE_VIEW, "oily")));
	assert_false(sidebar_item_counts(item(&f->sb, SIDE_VIEW, "tagged")));
	assert_int_equal(count_all(f), SIDEBAR_COUNTED | SIDEBAR_RETAGGED);
	assert_int_equal(item(&f->sb, SIDE_THEME, "oil")->count, 3);
	assert_int_equal(item(&f->sb, SIDE_THEME, "deir")->count, 1);
	assert_int_equal(f->sb.theme_articles[0], 3);
	assert_int_equal(item(&f->sb, SIDE_VIEW, "oily")->count, 3);
	/* Nothing new counted: nothing to do. */
	assert_int_equal(sidebar_counts(&f->sb, &f->l), 0);
}

/* The tags section follows the sidecar: a new tag shows in name order, a rejected
   automatic tag goes, and the views about tags count again. */
static void
test_tags_rebuilt(void **state)
{
	struct fixture		*f = *state;
	struct sidebar		*sb = &f->sb;
	const struct side_item	*s;

	assert_int_equal(sb->n, sb->tags + 2);
	assert_int_equal(item(sb, SIDE_TAG, "x")->count, 1);
	assert_int_equal(item(sb, SIDE_VIEW, "tagged")->count, 1);
	/* Counted, one.txt's two hits of oil make its automatic tag. */
	count_all(f);
	assert_int_equal(item(sb, SIDE_TAG, "oil")->count, 1);
	tag(f, "d/four.txt", "x", SIDECAR_PERSON);
	tag(f, "top.txt", "a tag", SIDECAR_PERSON);
	tag(f, "a/one.txt", "oil", SIDECAR_REJECTED);
	assert_int_equal(item(sb, SIDE_TAG, "x")->count, 1);
	sidebar_tags(sb, &f->l);
	assert_int_equal(sb->n, sb->tags + 3);
	s = &sb->v[sb->tags + 1];
	assert_string_equal(s[0].label, "a tag");
	assert_int_equal(s[0].count, 1);
	assert_string_equal(s[1].label, "x");
	assert_int_equal(s[1].count, 2);
	assert_int_equal(sidebar_find_tag(sb, "x"), sb->tags + 2);
	assert_int_equal(sidebar_find_tag(sb, "oil"), sb->n);
	assert_int_equal(item(sb, SIDE_VIEW, "tagged")->count, 2);
}

/* A passage's codes count beside the articles' tags, a code no article carries
   making its item, a rejected one left out. */
static void
test_passages_counted(void **state)
{
	struct fixture		*f = *state;
	struct sidebar		*sb = &f->sb;
	struct sidecar_tag	 four0[] = { { (char *)"x", SIDECAR_PERSON } };
	struct sidecar_tag	 four1[] = { { (char *)"siege", SIDECAR_PERSON },
				    { (char *)"x", SIDECAR_PERSON } };
	struct sidecar_tag	 top0[] = { { (char *)"siege", SIDECAR_PERSON } };
	struct sidecar_tag	 top1[] = { { (char *)"siege", SIDECAR_REJECTED } };
	struct sidecar_passage	 four[2], top[2];
	size_t			 i4 = tu_article(&f->c, "d/four.txt");
	size_t			 it = tu_article(&f->c, "top.txt");

	memset(four, 0, sizeof four);
	memset(top, 0, sizeof top);
	four[0].tags = four0;
	four[0].ntags = 1;
	four[1].tags = four1;
	four[1].ntags = 2;
	top[0].tags = top0;
	top[0].ntags = 1;
	top[1].tags = top1;
	top[1].ntags = 1;
	f->side.ev[i4].passages = four;
	f->side.ev[i4].npassages = 2;
	f->side.e[i4] = &f->side.ev[i4];
	f->side.ev[it].passages = top;
	f->side.ev[it].npassages = 2;
	f->side.e[it] = &f->side.ev[it];
	sidebar_tags(sb, &f->l);
	assert_int_equal(item(sb, SIDE_TAG, "x")->count, 1);
	assert_int_equal(item(sb, SIDE_TAG, "x")->passages, 2);
	assert_int_equal(item(sb, SIDE_TAG, "siege")->count, 0);
	assert_int_equal(item(sb, SIDE_TAG, "siege")->passages, 2);
	/* In name order with the rest. */
	assert_int_equal(sidebar_find_tag(sb, "siege"), sb->tags + 1);
	assert_int_equal(sidebar_find_tag(sb, "x"), sb->tags + 2);
	f->side.e[i4] = NULL;
	f->side.e[it] = NULL;
}

/* A view that does not parse stays in the sidebar, with no query and why, where and
   at which column, to say when it is chosen. */
static void
test_view_error(void **state)
{
	struct fixture		*f = *state;
	const struct side_item	*s = item(&f->sb, SIDE_VIEW, "broken");

	assert_null(s->query);
	assert_non_null(s->error);
	assert_true(strncmp(s->error, "view broken: ", 13) == 0);
	assert_non_null(strstr(s->error, "config.ini: "));
	assert_non_null(strstr(s->error, " at column 11"));
	assert_false(sidebar_item_counts(s));
	assert_null(item(&f->sb, SIDE_VIEW, "tagged")->error);
	assert_non_null(item(&f->sb, SIDE_VIEW, "tagged")->query);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_folders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_theme_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tags_rebuilt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passages_counted, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
