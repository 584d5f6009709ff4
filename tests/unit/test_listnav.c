/* listnav.c: up, down, a page, half a page, top and bottom for a list with a selection
   (clamped to it, past rows that cannot be selected), for a list that only scrolls (the
   last page stays full), and the top row that keeps the selection in view. */
#include "testutil.h"

#include "listnav.h"

/* a from sel in a list of count rows, page rows a page; the new selection. */
static size_t
sel_after(size_t count, size_t page, enum action a, size_t sel)
{
	struct listnav	 n = { count, page, NULL, NULL };

	assert_int_equal(listnav_select(&n, a, &sel), 1);
	return sel;
}

static void
test_select(void **state)
{
	struct listnav	 n = { 20, 6, NULL, NULL };
	size_t		 sel = 4;

	(void)state;
	assert_int_equal(sel_after(20, 6, ACT_DOWN, 4), 5);
	assert_int_equal(sel_after(20, 6, ACT_DOWN, 19), 19);
	assert_int_equal(sel_after(20, 6, ACT_UP, 4), 3);
	assert_int_equal(sel_after(20, 6, ACT_UP, 0), 0);
	assert_int_equal(sel_after(20, 6, ACT_PAGE_DOWN, 4), 10);
	assert_int_equal(sel_after(20, 6, ACT_PAGE_DOWN, 17), 19);
	assert_int_equal(sel_after(20, 6, ACT_PAGE_UP, 10), 4);
	assert_int_equal(sel_after(20, 6, ACT_PAGE_UP, 5), 0);
	assert_int_equal(sel_after(20, 6, ACT_TOP, 12), 0);
	assert_int_equal(sel_after(20, 6, ACT_BOTTOM, 2), 19);
	/* Half a page is half rounded up: 3 of 6, 3 of 5, 1 of 1. */
	assert_int_equal(sel_after(20, 6, ACT_HALF_DOWN, 4), 7);
	assert_int_equal(sel_after(20, 5, ACT_HALF_DOWN, 4), 7);
	assert_int_equal(sel_after(20, 5, ACT_HALF_UP, 4), 1);
	assert_int_equal(sel_after(20, 1, ACT_HALF_DOWN, 4), 5);
	assert_int_equal(sel_after(20, 1, ACT_HALF_UP, 4), 3);
	/* No rows a page: one. */
	assert_int_equal(sel_after(20, 0, ACT_PAGE_DOWN, 4), 5);
	/* An empty list: nothing moves, and the action is still a move. */
	assert_int_equal(sel_after(0, 6, ACT_BOTTOM, 0), 0);
	assert_int_equal(sel_after(0, 6, ACT_DOWN, 0), 0);
	/* A list that shrank under the selection: up starts from its end. */
	assert_int_equal(sel_after(5, 6, ACT_UP, 12), 3);
	/* Not a move: nothing changes. */
	assert_int_equal(listnav_select(&n, ACT_OPEN, &sel), 0);
	assert_int_equal(listnav_select(&n, ACT_QUIT, &sel), 0);
	assert_int_equal(sel, 4);
}

/* Rows 0 and 4 are headings, as the sidebar's are. */
static int
not_heading(size_t i, void *arg)
{
	(void)arg;
	return i != 0 && i != 4 && i != 9;
}

static size_t
side_after(enum action a, size_t sel, size_t page)
{
	struct listnav	 n = { 10, page, not_heading, NULL };

	assert_int_equal(listnav_select(&n, a, &sel), 1);
	return sel;
}

static void
test_headings(void **state)
{
	(void)state;
	/* One step goes past a heading, the way it goes. */
	assert_int_equal(side_after(ACT_DOWN, 3, 4), 5);
	assert_int_equal(side_after(ACT_UP, 5, 4), 3);
	/* Nothing selectable that way: it stays. */
	assert_int_equal(side_after(ACT_UP, 1, 4), 1);
	assert_int_equal(side_after(ACT_DOWN, 8, 4), 8);
	assert_int_equal(side_after(ACT_TOP, 6, 4), 1);
	assert_int_equal(side_after(ACT_BOTTOM, 2, 4), 8);
	/* A page that ends on a heading stops short of it; one up that ends on one
	   goes past it. */
	assert_int_equal(side_after(ACT_PAGE_DOWN, 1, 3), 3);
	assert_int_equal(side_after(ACT_PAGE_DOWN, 7, 3), 8);
	assert_int_equal(side_after(ACT_PAGE_UP, 7, 3), 5);
	assert_int_equal(side_after(ACT_PAGE_UP, 3, 3), 1);
	assert_int_equal(side_after(ACT_HALF_UP, 6, 4), 5);
}

static size_t
top_after(size_t count, size_t page, enum action a, size_t top)
{
	struct listnav	 n = { count, page, NULL, NULL };

	assert_int_equal(listnav_scroll(&n, a, &top), 1);
	return top;
}

/* The help screen: 30 lines, 10 shown, so the top goes from 0 to 20. */
static void
test_scroll(void **state)
{
	struct listnav	 n = { 30, 10, NULL, NULL };
	size_t		 top = 7;

	(void)state;
	assert_int_equal(top_after(30, 10, ACT_DOWN, 0), 1);
	assert_int_equal(top_after(30, 10, ACT_DOWN, 20), 20);
	assert_int_equal(top_after(30, 10, ACT_UP, 0), 0);
	assert_int_equal(top_after(30, 10, ACT_PAGE_DOWN, 5), 15);
	assert_int_equal(top_after(30, 10, ACT_PAGE_DOWN, 15), 20);
	assert_int_equal(top_after(30, 10, ACT_HALF_DOWN, 0), 5);
	assert_int_equal(top_after(30, 9, ACT_HALF_DOWN, 0), 5);
	assert_int_equal(top_after(30, 10, ACT_HALF_UP, 3), 0);
	assert_int_equal(top_after(30, 10, ACT_BOTTOM, 0), 20);
	assert_int_equal(top_after(30, 10, ACT_TOP, 14), 0);
	/* All of it fits: no scrolling. */
	assert_int_equal(top_after(8, 10, ACT_BOTTOM, 0), 0);
	assert_int_equal(top_after(8, 10, ACT_DOWN, 0), 0);
	/* Left past the end by a taller window: up starts from the last page. */
	assert_int_equal(top_after(30, 20, ACT_UP, 18), 9);
	assert_int_equal(listnav_scroll(&n, ACT_TAG, &top), 0);
	assert_int_equal(top, 7);
}

static size_t
shown(size_t sel, size_t top, size_t count, size_t rows)
{
	listnav_show(sel, &top, count, rows);
	return top;
}

static void
test_show(void **state)
{
	(void)state;
	assert_int_equal(shown(5, 0, 20, 10), 0);
	assert_int_equal(shown(12, 0, 20, 10), 3);
	assert_int_equal(shown(2, 6, 20, 10), 2);
	/* No rows left empty below the end that earlier rows could fill. */
	assert_int_equal(shown(17, 15, 20, 10), 10);
	assert_int_equal(shown(3, 5, 8, 10), 0);
	assert_int_equal(shown(0, 0, 0, 10), 0);
	assert_int_equal(shown(4, 0, 20, 0), 4);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_show),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
