/* kwic.c: the lines and their contexts for a small corpus, the spelling counts (case
   variants are one spelling, shown as first written), dead patterns, a stop asked by the
   callback, and an article that cannot be read. */
#include "testutil.h"

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "kwic.h"
#include "theme.h"

struct fixture {
	char		*dir;
	struct config	 cfg;
	struct diag	 d;
	struct corpus	 c;
	struct matcher	*m;
	struct kwic	 k;
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	if (f == NULL)
		abort();
	tu_locale();
	f->dir = tu_mkdtemp();
	config_init(&f->cfg);
	f->m = matcher_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	kwic_free(&f->k);
	corpus_free(&f->c);
	matcher_free(f->m);
	tu_config_free(&f->cfg, &f->d, f->dir);
	free(f);
	return 0;
}

/* Writes dir/corpus/name. */
static void
article(struct fixture *f, const char *name, const char *text)
{
	char	*rel = tu_path("corpus", name);

	tu_corpus_write(f->dir, rel, text, strlen(text));
	free(rel);
}

/* Loads the themes text and finds the corpus written so far. */
static void
load(struct fixture *f, const char *themes)
{
	char	*root = tu_path(f->dir, "corpus");

	free(tu_config_text(&f->cfg, &f->d, f->dir, "themes.ini", themes,
	    strlen(themes)));
	tu_corpus_open(&f->c, &f->cfg, root);
	free(root);
}

static void
test_lines(void **state)
{
	struct fixture	*f = *state;

	article(f, "a.txt", "The siege of Deir ez-Zor ended.\nDeir was quiet.\n");
	article(f, "b.txt", "Nothing here.\n");
	article(f, "c.txt", "Road\tto deir\n");
	load(f, "[theme deir]\npattern = \"[Dd]eir\"\n");
	kwic_build(&f->k, &f->c, NULL, f->m, &f->cfg.themes[0], 0, NULL);
	assert_int_equal(f->k.total, 3);
	assert_int_equal(f->k.n, 3);
	assert_int_equal(f->k.narticles, 2);
	assert_int_equal(f->k.done, 3);
	assert_false(f->k.stopped);
	/* In corpus order, the match's bytes and its context; a line end is a space. */
	assert_int_equal(f->k.v[0].article, 0);
	assert_int_equal(f->k.v[0].start, 13);
	assert_int_equal(f->k.v[0].end, 17);
	assert_string_equal(f->k.v[0].left, "The siege of ");
	assert_string_equal(f->k.v[0].mid, "Deir");
	assert_string_equal(f->k.v[0].right, " ez-Zor ended. Deir was quiet. ");
	assert_string_equal(f->k.v[1].left, "The siege of Deir ez-Zor ended. ");
	assert_int_equal(f->k.v[2].article, 2);
	assert_string_equal(f->k.v[2].left, "Road to ");
	assert_string_equal(f->k.v[2].mid, "deir");
	assert_string_equal(f->k.info[0], "deir: 3 matches in 2 articles");
}

/* The context is at most KWIC_CONTEXT bytes and never cuts a character in two. */
static void
test_context_cut(void **state)
{
	struct fixture	*f = *state;
	char		 text[600];
	size_t		 n = 0, i;

	for (i = 0; i < 150; i++)
		text[n++] = 'x';
	memcpy(text + n, "\xc3\xa9", 2);	/* é across the 120-byte edge */
	n += 2;
	memcpy(text + n, "MATCH", 5);
	n += 5;
	for (i = 0; i < 200; i++)
		text[n++] = 'y';
	text[n] = '\0';
	article(f, "a.txt", text);
	load(f, "[theme m]\npattern = MATCH\n");
	kwic_build(&f->k, &f->c, NULL, f->m, &f->cfg.themes[0], 0, NULL);
	assert_int_equal(f->k.n, 1);
	assert_int_equal(strlen(f->k.v[0].left), 120);
	assert_memory_equal(f->k.v[0].left + 118, "\xc3\xa9", 2);
	assert_int_equal(strlen(f->k.v[0].right), 120);
}

/* "Deir ez-Zor", "deir ez-zor" and "DEIR  EZ-ZOR" are one spelling, counted three
   times and shown as first written; "Dayr az-Zawr" is another. */
static void
test_spellings(void **state)
{
	struct fixture	*f = *state;

	article(f, "a.txt", "Deir ez-Zor. Dayr az-Zawr. deir ez-zor.\n");
	article(f, "b.txt", "DEIR  EZ-ZOR\n");
	load(f, "[theme deir]\nignore_case = yes\n"
	    "pattern.deir = \"deir +ez-zor\"\npattern.dayr = \"dayr az-zawr\"\n");
	kwic_build(&f->k, &f->c, NULL, f->m, &f->cfg.themes[0], 0, NULL);
	assert_int_equal(f->k.total, 4);
	assert_int_equal(f->k.nspellings, 2);
	assert_string_equal(f->k.spellings[0].text, "Deir ez-Zor");
	assert_int_equal(f->k.spellings[0].count, 3);
	assert_string_equal(f->k.spellings[1].text, "Dayr az-Zawr");
	assert_int_equal(f->k.spellings[1].count, 1);
	assert_int_equal(f->k.ninfo, 4);
	assert_string_equal(f->k.info[2], "     3  Deir ez-Zor");
	assert_string_equal(f->k.info[3], "     1  Dayr az-Zawr");
}

/* A pattern that matches nothing is said to be dead; one that did not compile is
   left out. */
static void
test_dead(void **state)
{
	struct fixture	*f = *state;

	article(f, "a.txt", "alpha beta alpha\n");
	load(f, "[theme t]\npattern.a = alpha\npattern.g = gamma\npattern.bad = \"(\"\n");
	kwic_build(&f->k, &f->c, NULL, f->m, &f->cfg.themes[0], 0, NULL);
	assert_int_equal(f->k.perpat[0], 2);
	assert_int_equal(f->k.perpat[1], 0);
	assert_non_null(strstr(f->k.info[1], "a 2"));
	assert_non_null(strstr(f->k.info[1], "g 0 (dead)"));
	assert_non_null(strstr(f->k.info[1], "bad 0 (left out)"));
	assert_null(strstr(f->k.info[1], "a 2 (dead)"));
}

static int
stop_after(void *arg, size_t done, size_t total)
{
	size_t	*calls = arg;

	assert_true(done < total);
	(*calls)++;
	return done == 2;
}

/* The callback is asked before each article; once it says stop, no article more is
   read, and the counts say where the walk stopped. */
static void
test_stop(void **state)
{
	struct fixture	*f = *state;
	size_t		 calls = 0;
	struct progress	 p = { stop_after, &calls };

	article(f, "a.txt", "word\n");
	article(f, "b.txt", "word word\n");
	article(f, "c.txt", "word\n");
	article(f, "d.txt", "word\n");
	load(f, "[theme w]\npattern = word\n");
	kwic_build(&f->k, &f->c, NULL, f->m, &f->cfg.themes[0], 0, &p);
	assert_int_equal(calls, 3);
	assert_true(f->k.stopped);
	assert_int_equal(f->k.done, 2);
	assert_int_equal(f->k.total, 3);
	assert_int_equal(f->k.n, 3);
	assert_non_null(strstr(f->k.info[0], "(stopped at 2 of 4 articles)"));
}

/* An article gone since the corpus was scanned is counted as unread and the walk goes
   on with the next. */
static void
test_unreadable(void **state)
{
	struct fixture	*f = *state;
	char		*p, *sub;

	article(f, "a.txt", "word\n");
	article(f, "b.txt", "word\n");
	article(f, "c.txt", "word\n");
	load(f, "[theme w]\npattern = word\n");
	sub = tu_path(f->dir, "corpus");
	p = tu_path(sub, "b.txt");
	assert_int_equal(unlink(p), 0);
	free(p);
	free(sub);
	kwic_build(&f->k, &f->c, NULL, f->m, &f->cfg.themes[0], 0, NULL);
	assert_int_equal(f->k.nunread, 1);
	assert_int_equal(f->k.n, 2);
	assert_int_equal(f->k.v[0].article, 0);
	assert_int_equal(f->k.v[1].article, 2);
	assert_int_equal(f->k.narticles, 2);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_context_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spellings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
