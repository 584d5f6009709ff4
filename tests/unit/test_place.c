/* place.c, and articles made in one (article_new_in(), article_set_texts_in()): what
   is taken is aligned, zeroed, within the place and never taken twice; a full place
   or one that could not be had gives NULL, and an article then comes from malloc as
   before; article_free() leaves what is in a registered place (ASan would report a
   free() of it) and frees what is not. */
#include <sys/resource.h>

#include <stdint.h>
#include <string.h>

#include "testutil.h"

#include "article.h"
#include "place.h"

static void
test_take(void **state)
{
	struct place	 p;
	char		*a, *b, *c;
	size_t		 i;

	(void)state;
	assert_int_equal(place_open(&p, 1 << 20), 0);
	a = place_take(&p, 1);
	b = place_take(&p, 13);
	c = place_take(&p, 0);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_int_equal((uintptr_t)a % 8, 0);
	assert_int_equal((uintptr_t)b % 8, 0);
	assert_ptr_equal(b, a + 8);
	assert_ptr_equal(c, b + 16);
	for (i = 0; i < 13; i++)
		assert_int_equal(b[i], 0);
	assert_true(place_has(&p, a));
	assert_true(place_has(&p, b + 12));
	assert_false(place_has(&p, &p));
	/* What is left, to the byte, then nothing. */
	assert_null(place_take(&p, (1 << 20) - 24 + 1));
	assert_non_null(place_take(&p, (1 << 20) - 24));
	assert_null(place_take(&p, 1));
	assert_null(place_take(&p, SIZE_MAX));
	place_close(&p);
	assert_null(p.lo);
	assert_false(place_has(&p, a));
	assert_null(place_take(&p, 8));
	place_close(&p);
}

/* One the system will not give (more address space than there is): empty, and
   everything taken from it is NULL. */
static void
test_refused(void **state)
{
	struct place	 p;

	(void)state;
	assert_int_equal(place_open(&p, SIZE_MAX / 2), -1);
	assert_null(p.lo);
	assert_null(place_take(&p, 8));
	place_close(&p);
}

/* Under any limit on address space (ulimit -v), even one far above what is used,
   no place is reserved: a reservation counts against the limit. */
static void
test_limited(void **state)
{
	struct place	 p;
	struct rlimit	 rl, was;

	(void)state;
	assert_int_equal(getrlimit(RLIMIT_AS, &was), 0);
	rl = was;
	rl.rlim_cur = (rlim_t)1 << 62;
	if (was.rlim_max != RLIM_INFINITY && was.rlim_max < rl.rlim_cur)
		rl.rlim_cur = was.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_AS, &rl), 0);
	assert_int_equal(place_open(&p, 1 << 20), -1);
	assert_null(place_take(&p, 8));
	assert_int_equal(setrlimit(RLIMIT_AS, &was), 0);
	assert_int_equal(place_open(&p, 1 << 20), was.rlim_cur == RLIM_INFINITY ?
	    0 : -1);
	place_close(&p);
}

static void
test_articles(void **state)
{
	struct place	 p;
	struct article	*a, *b, *c;
	const char	*text[ARTICLE_NTEXTS] = { NULL };
	size_t		 len[ARTICLE_NTEXTS] = { 0 };

	(void)state;
	assert_int_equal(place_open(&p, 4096), 0);
	assert_int_equal(article_placed(p.lo, p.hi), 0);
	a = article_new_in(&p, "/corpus/a.txt", "a.txt");
	assert_true(place_has(&p, a));
	assert_string_equal(a->path, "/corpus/a.txt");
	assert_string_equal(a->name, "a.txt");
	assert_null(a->texts);
	text[ARTICLE_TITLE] = "Title";
	len[ARTICLE_TITLE] = 5;
	article_set_texts_in(a, text, len, &p);
	assert_true(place_has(&p, a->texts));
	assert_string_equal(a->title, "Title");
	/* A name of its own, after the path. */
	b = article_new_in(&p, "/corpus/b.txt", "other/b.txt");
	assert_true(place_has(&p, b));
	assert_string_equal(b->name, "other/b.txt");
	/* Texts given with no place are the article's own: article_free() frees
	   them and leaves the article. */
	c = article_new_in(&p, "/corpus/c.txt", "c.txt");
	assert_true(place_has(&p, c));
	article_set_texts_in(c, text, len, NULL);
	assert_false(place_has(&p, c->texts));
	/* Too large for what is left: from malloc, and freed as such. */
	{
		char	 big[5000];

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		article_free(c);
		c = article_new_in(&p, big, "x");
		assert_false(place_has(&p, c));
		assert_string_equal(c->name, "x");
	}
	/* A new head, given the usual way, is the article's own. */
	article_wipe(a);
	article_set_texts(a, text, len);
	assert_false(place_has(&p, a->texts));
	article_free(a);
	article_free(b);
	article_free(c);
	article_unplaced(p.lo);
	place_close(&p);
}

/* Registered ranges are few: past them, article_placed() says no. */
static void
test_placed_full(void **state)
{
	static char	 mem[64];
	int		 i, n = 0;

	(void)state;
	for (i = 0; i < 64; i++) {
		if (article_placed(mem + i, mem + i + 1) == -1)
			break;
		n++;
	}
	assert_true(n >= 4 && n < 64);
	for (i = 0; i < n; i++)
		article_unplaced(mem + i);
	assert_int_equal(article_placed(mem, mem + 1), 0);
	article_unplaced(mem);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_limited),
		cmocka_unit_test(test_articles),
		cmocka_unit_test(test_placed_full),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
