/* pager.c: scrolling by rows in both directions, the end of the text, a single 1 MiB
   line, resizes, pager_show, a start offset past a byte order mark, and empty text. Every
   position is checked against the rows layout_row() gives walking from the start. */
#include "testutil.h"

#include "layout.h"
#include "pager.h"

struct rowlist {
	size_t	*off;
	size_t	 n;
};

/* The row starts of the text from start at width, as layout_row gives them. */
static struct rowlist
row_starts(const char *buf, size_t len, size_t start, int width, int tabw)
{
	struct text	 t;
	struct row	 r;
	struct rowlist	 l;
	size_t		 off = start, cap = 1024;

	t.buf = buf;
	t.len = len;
	t.tabw = tabw;
	l.n = 0;
	if ((l.off = malloc(cap * sizeof *l.off)) == NULL)
		abort();
	while (off < len) {
		if (l.n == cap) {
			cap *= 2;
			if ((l.off = realloc(l.off, cap * sizeof *l.off)) == NULL)
				abort();
		}
		l.off[l.n++] = off;
		layout_row(&t, off, width, &r);
		assert_true(r.next > off);
		off = r.next;
	}
	return l;
}

/* The index of the row holding byte off, or of the last row for off past the end. */
static size_t
row_index(const struct rowlist *l, size_t off)
{
	size_t	 i;

	for (i = 0; i + 1 < l->n; i++)
		if (l->off[i + 1] > off)
			return i;
	return l->n - 1;
}

/* Whether off is one of the row starts, and at which index. */
static int
is_row_start(const struct rowlist *l, size_t off, size_t *idx)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->off[i] == off) {
			if (idx != NULL)
				*idx = i;
			return 1;
		}
	return 0;
}

/* Lines of words of varying length, some wrapping, some empty, some with tabs. */
static char *
make_text(size_t *len)
{
	static const char *const	 words[] = {
		"the", "envoy", "said", "talks", "would", "resume", "after", "the",
		"holiday", "\xe4\xb8\xad\xe6\x96\x87", "ceasefire", "a", "crossing",
		"reopened", "\tmarket"
	};
	uint64_t			 seed = 42;
	size_t				 cap = 64 * 1024, n = 0, line, nwords, i;
	const char			*w;
	char				*s;

	if ((s = malloc(cap)) == NULL)
		abort();
	for (line = 0; line < 300; line++) {
		nwords = tu_randn(&seed, 40);
		if (line % 7 == 3)
			nwords = 0;
		for (i = 0; i < nwords; i++) {
			w = words[tu_randn(&seed, sizeof words / sizeof words[0])];
			if (i > 0)
				s[n++] = ' ';
			memcpy(s + n, w, strlen(w));
			n += strlen(w);
		}
		s[n++] = '\n';
	}
	assert_true(n < cap);
	*len = n;
	return s;
}

static void
test_scroll_down_up(void **state)
{
	struct pager	 p;
	struct rowlist	 l;
	size_t		 len, i;
	char		*s;

	(void)state;
	s = make_text(&len);
	l = row_starts(s, len, 0, 30, 8);
	pager_init(&p);
	pager_set_text(&p, s, len, 0, 8);
	pager_resize(&p, 30, 10);
	assert_int_equal(p.top, 0);
	/* Up from the first row moves nothing. */
	assert_int_equal(pager_scroll(&p, -1), 0);
	assert_int_equal(p.top, 0);
	for (i = 0; i + 10 < l.n; i++) {
		assert_int_equal(p.top, l.off[i]);
		assert_int_equal(pager_scroll(&p, 1), 1);
		assert_int_equal(p.top, l.off[i + 1]);
		assert_int_equal(pager_scroll(&p, -1), -1);
		assert_int_equal(p.top, l.off[i]);
		assert_int_equal(pager_prev_row(&p, l.off[i + 1]), l.off[i]);
		assert_int_equal(pager_scroll(&p, 1), 1);
	}
	/* Several rows at once, both ways. */
	pager_home(&p);
	assert_int_equal(pager_scroll(&p, 25), 25);
	assert_int_equal(p.top, l.off[25]);
	assert_int_equal(pager_scroll(&p, -7), -7);
	assert_int_equal(p.top, l.off[18]);
	assert_int_equal(pager_scroll(&p, -100), -18);
	assert_int_equal(p.top, 0);
	pager_free(&p);
	free(l.off);
	free(s);
}

static void
test_scroll_past_end(void **state)
{
	struct pager	 p;
	struct rowlist	 l;
	struct row	 rows[16];
	size_t		 len;
	char		*s;
	int		 n;

	(void)state;
	s = make_text(&len);
	l = row_starts(s, len, 0, 30, 8);
	assert_true(l.n > 100);
	pager_init(&p);
	pager_set_text(&p, s, len, 0, 8);
	pager_resize(&p, 30, 12);
	assert_false(pager_at_end(&p));
	assert_int_equal(pager_scroll(&p, 1000000), (long)(l.n - 12));
	assert_int_equal(p.top, l.off[l.n - 12]);
	assert_true(pager_at_end(&p));
	/* The last row is at the bottom: a full screen ending at the end. */
	n = pager_rows(&p, rows, 16);
	assert_int_equal(n, 12);
	assert_int_equal(rows[11].next, len);
	assert_int_equal(rows[0].off, l.off[l.n - 12]);
	/* No further. */
	assert_int_equal(pager_scroll(&p, 1), 0);
	assert_int_equal(p.top, l.off[l.n - 12]);
	/* One row up is not the end any more. */
	assert_int_equal(pager_scroll(&p, -1), -1);
	assert_false(pager_at_end(&p));
	assert_int_equal(pager_scroll(&p, 5), 1);
	assert_true(pager_at_end(&p));
	pager_free(&p);
	free(l.off);

	/* A text shorter than the screen is at its end from the start. */
	pager_init(&p);
	pager_set_text(&p, "one\ntwo\n", 8, 0, 8);
	pager_resize(&p, 30, 12);
	assert_true(pager_at_end(&p));
	assert_int_equal(pager_scroll(&p, 3), 0);
	assert_int_equal(p.top, 0);
	assert_int_equal(pager_rows(&p, rows, 16), 2);
	pager_free(&p);
	free(s);
}

static void
test_end_then_up(void **state)
{
	struct pager	 p;
	struct rowlist	 l;
	size_t		 len, last;
	char		*s;

	(void)state;
	s = make_text(&len);
	l = row_starts(s, len, 0, 45, 8);
	pager_init(&p);
	pager_set_text(&p, s, len, 0, 8);
	pager_resize(&p, 45, 20);
	pager_end(&p);
	last = l.n - 20;
	assert_int_equal(p.top, l.off[last]);
	assert_true(pager_at_end(&p));
	assert_int_equal(pager_scroll(&p, -3), -3);
	assert_int_equal(p.top, l.off[last - 3]);
	assert_int_equal(pager_scroll(&p, -50), -50);
	assert_int_equal(p.top, l.off[last - 53]);
	assert_int_equal(pager_scroll(&p, -1000000), -(long)(last - 53));
	assert_int_equal(p.top, 0);
	pager_end(&p);
	assert_int_equal(p.top, l.off[last]);
	pager_home(&p);
	assert_int_equal(p.top, 0);
	pager_free(&p);
	free(l.off);
	free(s);
}

/* One line of 1 MiB: words, CJK and words longer than the row, without a line end. */
static char *
make_long_line(size_t *len)
{
	uint64_t	 seed = 7;
	size_t		 n = 0, cap = 1 << 20, k, i;
	char		*s;

	if ((s = malloc(cap)) == NULL)
		abort();
	while (n < cap - 200) {
		switch (tu_randn(&seed, 10)) {
		case 0:
			memcpy(s + n, "\xe4\xb8\xad", 3);
			n += 3;
			break;
		case 1:
			k = 100 + tu_randn(&seed, 60);
			for (i = 0; i < k; i++)
				s[n++] = 'x';
			s[n++] = ' ';
			break;
		default:
			k = 1 + tu_randn(&seed, 11);
			for (i = 0; i < k; i++)
				s[n++] = (char)('a' + tu_randn(&seed, 26));
			s[n++] = ' ';
			break;
		}
	}
	while (n < cap)
		s[n++] = 'z';
	*len = n;
	return s;
}

static void
test_long_line(void **state)
{
	struct pager	 p;
	struct rowlist	 l;
	size_t		 len, tops[201], mid, idx = 0;
	char		*s;
	int		 i;

	(void)state;
	s = make_long_line(&len);
	assert_int_equal(len, 1 << 20);
	assert_null(memchr(s, '\n', len));
	l = row_starts(s, len, 0, 80, 8);
	pager_init(&p);
	pager_set_text(&p, s, len, 0, 8);
	pager_resize(&p, 80, 24);

	/* From the start: 200 rows down, then back up through the same tops. */
	for (i = 0; i <= 200; i++) {
		tops[i] = p.top;
		assert_int_equal(p.top, l.off[i]);
		if (i < 200)
			assert_int_equal(pager_scroll(&p, 1), 1);
	}
	for (i = 200; i > 0; i--) {
		assert_int_equal(p.top, tops[i]);
		assert_int_equal(pager_scroll(&p, -1), -1);
	}
	assert_int_equal(p.top, 0);

	/* From the middle of the line, shown with pager_show. */
	mid = len / 2;
	pager_show(&p, mid);
	assert_true(is_row_start(&l, p.top, &idx));
	for (i = 0; i <= 200; i++) {
		tops[i] = p.top;
		assert_int_equal(p.top, l.off[idx + (size_t)i]);
		if (i < 200)
			assert_int_equal(pager_scroll(&p, 1), 1);
	}
	for (i = 200; i > 0; i--) {
		assert_int_equal(p.top, tops[i]);
		assert_int_equal(pager_scroll(&p, -1), -1);
	}
	assert_int_equal(p.top, tops[0]);

	/* From the end, up 200 rows, then down again. */
	pager_end(&p);
	assert_int_equal(p.top, l.off[l.n - 24]);
	for (i = 0; i < 200; i++) {
		assert_int_equal(pager_scroll(&p, -1), -1);
		assert_int_equal(p.top, l.off[l.n - 24 - 1 - (size_t)i]);
	}
	assert_int_equal(pager_scroll(&p, 200), 200);
	assert_int_equal(p.top, l.off[l.n - 24]);
	assert_true(pager_at_end(&p));
	pager_free(&p);
	free(l.off);
	free(s);
}

static void
test_resize(void **state)
{
	static const int	 widths[] = { 25, 61, 7, 1, 33, 80, 2 };
	struct pager		 p;
	struct rowlist		 l, lw[sizeof widths / sizeof widths[0]];
	size_t			 len, old, i, k;
	char			*s;

	(void)state;
	s = make_text(&len);
	l = row_starts(s, len, 0, 40, 8);
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++)
		lw[i] = row_starts(s, len, 0, widths[i], 8);
	pager_init(&p);
	pager_set_text(&p, s, len, 0, 8);
	pager_resize(&p, 40, 10);
	for (k = 3; k < l.n - 10; k += 17) {
		pager_home(&p);
		pager_resize(&p, 40, 10);
		assert_int_equal(pager_scroll(&p, (long)k), (long)k);
		for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
			old = p.top;
			pager_resize(&p, widths[i], 10);
			/* The row holding the old top byte is the first one shown. */
			assert_int_equal(p.top, lw[i].off[row_index(&lw[i], old)]);
			assert_true(p.top <= old);
		}
	}
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++)
		free(lw[i].off);
	/* Only the height changes: the top stays. */
	pager_resize(&p, 40, 10);
	pager_home(&p);
	pager_scroll(&p, 5);
	old = p.top;
	pager_resize(&p, 40, 3);
	assert_int_equal(p.top, old);
	pager_resize(&p, 40, 50);
	assert_int_equal(p.top, old);
	/* The width is at least one column and the height at least one row. */
	pager_resize(&p, 0, 0);
	assert_int_equal(p.width, 1);
	assert_int_equal(p.height, 1);
	pager_free(&p);
	free(l.off);
	free(s);
}

/* The row holding off is among the visible rows. */
static int
visible(struct pager *p, size_t off)
{
	struct row	 rows[64];
	int		 n, i;

	n = pager_rows(p, rows, p->height < 64 ? p->height : 64);
	for (i = 0; i < n; i++)
		if (off >= rows[i].off && off < rows[i].next)
			return i + 1;
	return 0;
}

static void
test_show(void **state)
{
	struct pager	 p;
	struct rowlist	 l;
	size_t		 len, off, top, idx;
	char		*s;
	int		 at;

	(void)state;
	s = make_text(&len);
	l = row_starts(s, len, 0, 35, 8);
	pager_init(&p);
	pager_set_text(&p, s, len, 0, 8);
	pager_resize(&p, 35, 15);
	for (off = 0; off < len; off += 97) {
		top = p.top;
		at = visible(&p, off);
		pager_show(&p, off);
		assert_true(is_row_start(&l, p.top, NULL));
		if (at != 0) {
			/* Visible already: nothing moves. */
			assert_int_equal(p.top, top);
			continue;
		}
		at = visible(&p, off);
		assert_true(at != 0);
		idx = row_index(&l, off);
		/* As little as needed: the row is at the bottom when the text came up
		   from below, at the top when it came down from above. */
		if (l.off[idx] > top)
			assert_int_equal(at, 15);
		else
			assert_int_equal(at, 1);
	}
	/* Backwards, from the end. */
	pager_end(&p);
	for (off = len - 1; off > 0; off -= off > 131 ? 131 : off) {
		pager_show(&p, off);
		assert_true(is_row_start(&l, p.top, NULL));
		assert_true(visible(&p, off) != 0);
	}
	pager_free(&p);
	free(l.off);
	free(s);
}

static void
test_start_offset(void **state)
{
	struct pager	 p;
	struct rowlist	 l;
	struct row	 rows[8];
	size_t		 len, i;
	char		*s, *b;

	(void)state;
	/* A byte order mark, then the text. */
	s = make_text(&len);
	if ((b = malloc(len + 3)) == NULL)
		abort();
	memcpy(b, "\xef\xbb\xbf", 3);
	memcpy(b + 3, s, len);
	free(s);
	len += 3;
	l = row_starts(b, len, 3, 30, 8);
	pager_init(&p);
	pager_set_text(&p, b, len, 3, 8);
	pager_resize(&p, 30, 8);
	assert_int_equal(p.top, 3);
	assert_int_equal(pager_rows(&p, rows, 8), 8);
	assert_int_equal(rows[0].off, 3);
	assert_int_equal(pager_scroll(&p, -1), 0);
	assert_int_equal(p.top, 3);
	assert_int_equal(pager_prev_row(&p, 3), 3);
	for (i = 0; i < 40; i++)
		assert_int_equal(pager_scroll(&p, 1), 1);
	assert_int_equal(p.top, l.off[40]);
	for (i = 40; i > 0; i--) {
		assert_int_equal(pager_scroll(&p, -1), -1);
		assert_int_equal(p.top, l.off[i - 1]);
	}
	assert_int_equal(p.top, 3);
	assert_int_equal(pager_scroll(&p, -1), 0);
	pager_end(&p);
	assert_int_equal(pager_scroll(&p, -1000000), -(long)(l.n - 8));
	assert_int_equal(p.top, 3);
	pager_end(&p);
	pager_home(&p);
	assert_int_equal(p.top, 3);
	/* Showing the byte order mark, or the first byte after it, shows the start:
	   the top never goes below start. */
	pager_scroll(&p, 20);
	pager_show(&p, 0);
	if (p.top != 3)
		fail_msg("pager_show(0) with start 3: top %zu, want 3", p.top);
	pager_scroll(&p, 20);
	pager_show(&p, 3);
	if (p.top != 3)
		fail_msg("pager_show(3) with start 3: top %zu, want 3", p.top);
	pager_free(&p);
	free(l.off);
	free(b);
}

/* After a byte order mark, a first line long enough to wrap: the rows start at 3, not
   at 0, so every top that pager_show and pager_resize choose must be one of the rows
   laid out from 3. */
static const char bom_text[] = "\xef\xbb\xbf" "aaaa bbbb cccc dddd eeee ffff gggg "
    "hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt\nsecond line\n";

static void
test_start_offset_show(void **state)
{
	struct pager	 p;
	struct rowlist	 l;
	size_t		 len = TU_LEN(bom_text), off, idx;

	(void)state;
	l = row_starts(bom_text, len, 3, 10, 8);
	pager_init(&p);
	pager_set_text(&p, bom_text, len, 3, 8);
	pager_resize(&p, 10, 2);
	/* Scrolling moves through the rows laid out from 3. */
	for (idx = 0; idx + 2 < l.n; idx++) {
		assert_int_equal(p.top, l.off[idx]);
		assert_int_equal(pager_scroll(&p, 1), 1);
	}
	/* pager_show lands on one of them, for every byte of the first line. */
	for (off = 3; bom_text[off] != '\n'; off++) {
		pager_home(&p);
		pager_show(&p, off);
		if (!is_row_start(&l, p.top, NULL))
			fail_msg("pager_show(%zu) set top %zu, which is not a row start "
			    "of the text laid out from 3", off, p.top);
		if (visible(&p, off) == 0)
			fail_msg("pager_show(%zu) set top %zu: not visible", off, p.top);
	}
	pager_free(&p);
	free(l.off);
}

static void
test_start_offset_resize(void **state)
{
	struct pager	 p;
	struct rowlist	 l, l2;
	size_t		 len = TU_LEN(bom_text), old, k;

	(void)state;
	l = row_starts(bom_text, len, 3, 10, 8);
	l2 = row_starts(bom_text, len, 3, 12, 8);
	pager_init(&p);
	pager_set_text(&p, bom_text, len, 3, 8);
	for (k = 1; k < 8; k++) {
		pager_resize(&p, 10, 2);
		pager_home(&p);
		assert_int_equal(pager_scroll(&p, (long)k), (long)k);
		old = p.top;
		assert_int_equal(old, l.off[k]);
		/* The row holding the old top stays at the top. */
		pager_resize(&p, 12, 2);
		if (p.top != l2.off[row_index(&l2, old)])
			fail_msg("top %zu at width 10, resized to 12: top %zu, want %zu "
			    "(the row holding %zu laid out from 3)", old, p.top,
			    l2.off[row_index(&l2, old)], old);
	}
	pager_free(&p);
	free(l2.off);
	free(l.off);
}

static void
test_empty_text(void **state)
{
	struct pager	 p;
	struct row	 rows[4];

	(void)state;
	pager_init(&p);
	pager_set_text(&p, "", 0, 0, 8);
	assert_int_equal(p.top, 0);
	assert_int_equal(pager_scroll(&p, 1), 0);
	assert_int_equal(pager_scroll(&p, -1), 0);
	assert_int_equal(pager_rows(&p, rows, 4), 0);
	assert_true(pager_at_end(&p));
	pager_end(&p);
	assert_int_equal(p.top, 0);
	pager_home(&p);
	assert_int_equal(p.top, 0);
	pager_show(&p, 0);
	assert_int_equal(p.top, 0);
	pager_resize(&p, 10, 3);
	assert_int_equal(p.top, 0);
	assert_int_equal(pager_prev_row(&p, 0), 0);
	/* Only a byte order mark. */
	pager_set_text(&p, "\xef\xbb\xbf", 3, 3, 8);
	assert_int_equal(p.top, 3);
	assert_int_equal(pager_scroll(&p, 1), 0);
	assert_int_equal(pager_scroll(&p, -1), 0);
	assert_int_equal(pager_rows(&p, rows, 4), 0);
	assert_true(pager_at_end(&p));
	pager_end(&p);
	assert_int_equal(p.top, 3);
	/* A start past the end is the end. */
	pager_set_text(&p, "abc", 3, 10, 8);
	assert_int_equal(p.start, 3);
	assert_int_equal(p.top, 3);
	assert_int_equal(pager_rows(&p, rows, 4), 0);
	assert_int_equal(pager_scroll(&p, -1), 0);
	pager_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scroll_down_up),
		cmocka_unit_test(test_scroll_past_end),
		cmocka_unit_test(test_end_then_up),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_start_offset),
		cmocka_unit_test(test_start_offset_show),
		cmocka_unit_test(test_start_offset_resize),
		cmocka_unit_test(test_empty_text),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
