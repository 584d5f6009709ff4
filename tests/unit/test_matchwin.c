/* matchwin.c: the body's match windows. A match across the window's edge is found, a long
   article is searched only around the window, ] and [ walk from match to match across
   windows, and a search of one pattern keeps its own window. */
#include "testutil.h"

#include "config.h"
#include "diag.h"
#include "matchwin.h"
#include "theme.h"

struct fixture {
	struct matcher	*m;
	struct theme	 th[2];
	struct matchwin	 w;
	char		*buf;
	size_t		 len;
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);
	struct diag	 d;

	if (f == NULL)
		abort();
	tu_locale();
	memset(&d, 0, sizeof d);
	f->m = matcher_new();
	if (theme_single(&f->th[0], "alpha", "ALPHA", &d) == -1 ||
	    theme_single(&f->th[1], "beta", "BETA(?=!)", &d) == -1)
		abort();
	diag_free(&d);
	f->th[0].enabled = f->th[1].enabled = 1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	matchwin_free(&f->w);
	theme_free(&f->th[0]);
	theme_free(&f->th[1]);
	matcher_free(f->m);
	free(f->buf);
	free(f);
	return 0;
}

/* A text of len dots with word put at each of the offsets at[0..n). */
static void
text(struct fixture *f, size_t len, const char *word, const size_t *at, size_t n)
{
	size_t	 i;

	f->buf = malloc(len + 1);
	if (f->buf == NULL)
		abort();
	memset(f->buf, '.', len);
	f->buf[len] = '\0';
	for (i = 0; i < n; i++)
		memcpy(f->buf + at[i], word, strlen(word));
	f->len = len;
}

/* A match that starts inside the window and ends past it is found whole, and a
   lookahead past the window's end still sees its text. */
static void
test_edge(void **state)
{
	struct fixture	*f = *state;
	size_t		 len = 3 * MATCHWIN_MARGIN, at[1], i;
	int		 seen = 0;

	at[0] = 2 * MATCHWIN_MARGIN + 1100 - 2;	/* at w.to - 2 */
	text(f, len, "BETA!", at, 1);
	assert_int_equal(matchwin_themes(&f->w, f->m, f->th, 2, f->buf, f->len, 1000 +
	    MATCHWIN_MARGIN, 1000 + MATCHWIN_MARGIN + 100), 1);
	assert_int_equal(f->w.to, at[0] + 2);
	for (i = 0; i < f->w.ml.n; i++)
		if (f->w.ml.v[i].start == at[0]) {
			assert_int_equal(f->w.ml.v[i].end, at[0] + 4);
			assert_int_equal(f->w.ml.v[i].theme, 1);
			seen = 1;
		}
	assert_true(seen);
	assert_false(f->w.incomplete);
}

/* Of a 4 MB article only the window and its margins are searched; a window inside
   what was searched is not searched again, one past it is. */
static void
test_long(void **state)
{
	struct fixture	*f = *state;
	size_t		 len = 4 << 20, at[] = { 100, 2 << 20, (4 << 20) - 100 }, i;

	text(f, len, "ALPHA", at, 3);
	assert_int_equal(matchwin_themes(&f->w, f->m, f->th, 2, f->buf, f->len,
	    2 << 20, (2 << 20) + 4000), 1);
	assert_int_equal(f->w.from, (2 << 20) - MATCHWIN_MARGIN);
	assert_int_equal(f->w.to, (2 << 20) + 4000 + MATCHWIN_MARGIN);
	assert_int_equal(f->w.ml.n, 1);
	assert_int_equal(f->w.ml.v[0].start, 2 << 20);
	assert_int_equal(matchwin_themes(&f->w, f->m, f->th, 2, f->buf, f->len,
	    (2 << 20) + 100, (2 << 20) + 200), 0);
	assert_int_equal(matchwin_themes(&f->w, f->m, f->th, 2, f->buf, f->len,
	    len - 1000, len), 1);
	assert_int_equal(f->w.to, len);
	for (i = 0; i < f->w.ml.n; i++)
		assert_true(f->w.ml.v[i].start >= f->w.from);
	assert_int_equal(f->w.ml.n, 1);
	assert_int_equal(f->w.ml.v[0].start, at[2]);
	/* A reset window is searched again, even for the same bytes. */
	matchwin_reset(&f->w);
	assert_int_equal(matchwin_themes(&f->w, f->m, f->th, 2, f->buf, f->len,
	    len - 1000, len), 1);
	/* A theme turned off is left out. */
	f->th[0].enabled = 0;
	matchwin_reset(&f->w);
	matchwin_themes(&f->w, f->m, f->th, 2, f->buf, f->len, len - 1000, len);
	assert_int_equal(f->w.ml.n, 0);
}

/* ] and [ find the next and previous match of any theme, however many windows away,
   and say when there is none. */
static void
test_next_prev(void **state)
{
	struct fixture	*f = *state;
	size_t		 len = 1 << 20;
	struct match	 m;
	int		 incomplete;

	text(f, len, ".", NULL, 0);
	memcpy(f->buf + 10, "ALPHA", 5);
	memcpy(f->buf + 500000, "BETA!", 5);
	memcpy(f->buf + 900000, "ALPHA", 5);
	assert_int_equal(matchwin_nearest(f->m, f->th, 2, f->buf, f->len, 11, 0, 1, &m,
	    &incomplete), 0);
	assert_int_equal(m.start, 500000);
	assert_int_equal(m.theme, 1);
	assert_int_equal(matchwin_nearest(f->m, f->th, 2, f->buf, f->len, 500001, 0, 1,
	    &m, &incomplete), 0);
	assert_int_equal(m.start, 900000);
	assert_int_equal(matchwin_nearest(f->m, f->th, 2, f->buf, f->len, 900001, 0, 1,
	    &m, &incomplete), 1);
	/* Backward: from 900000, more than one window back. */
	assert_int_equal(matchwin_nearest(f->m, f->th, 2, f->buf, f->len, 900000, 0, 0,
	    &m, &incomplete), 0);
	assert_int_equal(m.start, 500000);
	assert_int_equal(matchwin_nearest(f->m, f->th, 2, f->buf, f->len, 500000, 0, 0,
	    &m, &incomplete), 0);
	assert_int_equal(m.start, 10);
	assert_false(incomplete);
	assert_int_equal(matchwin_nearest(f->m, f->th, 2, f->buf, f->len, 10, 0, 0, &m,
	    &incomplete), 1);
	/* Nothing before lo is found: lo is where the body starts. */
	assert_int_equal(matchwin_find(f->m, &f->th[0], 0, f->buf, f->len, 500000, 100,
	    0, &m), 1);
}

/* A search of one pattern: its hits in the window, and n and N wrapping as the screen
   does it, from the start or the end. */
static void
test_search(void **state)
{
	struct fixture	*f = *state;
	struct theme	 s;
	struct match	 m;
	struct diag	 d;
	size_t		 at[] = { 5, 70, 200 };

	text(f, 300, "needle", at, 3);
	memset(&d, 0, sizeof d);
	assert_int_equal(theme_single(&s, "/", "needle", &d), 0);
	diag_free(&d);
	assert_int_equal(matchwin_search(&f->w, f->m, &s, f->buf, f->len, 0, 100), 1);
	assert_int_equal(f->w.ml.n, 3);	/* the text is shorter than the margin */
	assert_int_equal(f->w.ml.v[1].start, 70);
	assert_int_equal(matchwin_find(f->m, &s, 0, f->buf, f->len, 71, 0, 1, &m), 0);
	assert_int_equal(m.start, 200);
	assert_int_equal(matchwin_find(f->m, &s, 0, f->buf, f->len, 201, 0, 1, &m), 1);
	assert_int_equal(matchwin_find(f->m, &s, 0, f->buf, f->len, 0, 0, 1, &m), 0);
	assert_int_equal(m.start, 5);
	assert_int_equal(matchwin_find(f->m, &s, 0, f->buf, f->len, f->len, 0, 0, &m), 0);
	assert_int_equal(m.start, 200);
	assert_int_equal(matchwin_find(f->m, &s, 0, f->buf, f->len, f->len, 0, 1, &m), 1);
	theme_free(&s);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_edge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_prev, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
