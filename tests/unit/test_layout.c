/* layout.c: word wrap, cut words, wide characters, line ends and row flags, the row and
   line start of any offset, property tests that rows stay within the width and tile
   the text, and the panes' places on the screen. */
#include "testutil.h"

#include "glyph.h"
#include "layout.h"
#include "utf8.h"

#define MAXROWS	4096

static struct text
text_of(const char *s, size_t len, int tabw)
{
	struct text	 t;

	t.buf = s;
	t.len = len;
	t.tabw = tabw;
	return t;
}

/* Lays out the whole text from 0; returns the number of rows. */
static size_t
all_rows(const struct text *t, int width, struct row *rows, size_t max)
{
	size_t	 n = 0, off = 0;

	while (off < t->len) {
		if (n == max)
			fail_msg("more than %zu rows", max);
		layout_row(t, off, width, &rows[n]);
		if (rows[n].next <= off)
			fail_msg("row at %zu does not advance (next %zu)", off,
			    rows[n].next);
		off = rows[n].next;
		n++;
	}
	return n;
}

/* Checks that the rows of s at width are exactly the strings want[] (the drawn bytes). */
static void
check_rows(const char *s, int width, const char *const *want, size_t nwant)
{
	struct text	 t = text_of(s, strlen(s), 8);
	struct row	 rows[64];
	size_t		 n, i;
	char		 e1[256], e2[256], e3[256];

	n = all_rows(&t, width, rows, 64);
	for (i = 0; i < n && i < nwant; i++) {
		if (rows[i].len != strlen(want[i]) ||
		    memcmp(s + rows[i].off, want[i], rows[i].len) != 0)
			fail_msg("\"%s\" at %d, row %zu: \"%s\", want \"%s\"",
			    tu_escape(s, strlen(s), e1, sizeof e1), width, i,
			    tu_escape(s + rows[i].off, rows[i].len, e2, sizeof e2),
			    tu_escape(want[i], strlen(want[i]), e3, sizeof e3));
	}
	assert_int_equal(n, nwant);
}

static void
test_word_wrap(void **state)
{
	static const char *const	 at10[] = { "the quick ", "brown fox" };
	static const char *const	 at9[] = { "the quick", "brown fox" };
	static const char *const	 at5[] = { "the ", "quick", "brown", "fox" };
	struct text			 t;
	struct row			 r;
	const char			*s = "the quick brown fox";

	(void)state;
	check_rows(s, 10, at10, 2);
	check_rows(s, 9, at9, 2);
	check_rows(s, 5, at5, 4);
	t = text_of(s, strlen(s), 8);
	layout_row(&t, 0, 10, &r);
	assert_int_equal(r.off, 0);
	assert_int_equal(r.len, 10);
	assert_int_equal(r.cols, 10);
	assert_int_equal(r.next, 10);
	/* At 9 the space the row breaks at is eaten, not carried to the next row. */
	layout_row(&t, 0, 9, &r);
	assert_int_equal(r.len, 9);
	assert_int_equal(r.cols, 9);
	assert_int_equal(r.next, 10);
	layout_row(&t, 10, 9, &r);
	assert_int_equal(r.len, 9);
	assert_int_equal(r.next, strlen(s));
	assert_true(r.flags & ROW_EOL);
	/* A run of spaces at a wrap is eaten whole. */
	t = text_of("abc     def", 11, 8);
	layout_row(&t, 0, 4, &r);
	assert_int_equal(r.next, 8);
	assert_true(r.len <= 4);
	/* Wide enough: one row. */
	t = text_of(s, strlen(s), 8);
	layout_row(&t, 0, 80, &r);
	assert_int_equal(r.len, strlen(s));
	assert_int_equal(r.cols, (int)strlen(s));
	assert_int_equal(r.next, strlen(s));
}

static void
test_long_word_cut(void **state)
{
	static const char *const	 w5[] = { "abcde", "fghij", "kl" };
	static const char *const	 w5b[] = { "a ", "veryl", "ongwo", "rd b" };
	static const char *const	 w1[] = { "a", "b", "c" };

	(void)state;
	check_rows("abcdefghijkl", 5, w5, 3);
	check_rows("a verylongword b", 5, w5b, 4);
	check_rows("abc", 1, w1, 3);
}

static void
test_cjk(void **state)
{
	/* 中文字符: four characters of three bytes and two columns. */
	static const char	 s[] = "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6";
	static const char *const w5[] = {
		"\xe4\xb8\xad\xe6\x96\x87", "\xe5\xad\x97\xe7\xac\xa6"
	};
	static const char *const w3[] = {
		"\xe4\xb8\xad", "\xe6\x96\x87", "\xe5\xad\x97", "\xe7\xac\xa6"
	};
	static const char *const mixed[] = { "ab", "\xe4\xb8\xad", "cd" };
	struct text		 t = text_of(s, TU_LEN(s), 8);
	struct row		 rows[16];
	size_t			 n, i;
	int			 w;

	(void)state;
	check_rows(s, 5, w5, 2);
	check_rows(s, 4, w5, 2);
	check_rows(s, 3, w3, 4);
	check_rows(s, 2, w3, 4);
	check_rows("ab\xe4\xb8\xad" "cd", 3, mixed, 3);
	/* At every width no row splits a character, and any two of them may part. */
	for (w = 1; w <= 9; w++) {
		n = all_rows(&t, w, rows, 16);
		for (i = 0; i < n; i++) {
			assert_int_equal(rows[i].off % 3, 0);
			assert_int_equal(rows[i].len % 3, 0);
			assert_true(rows[i].len > 0);
			assert_true(rows[i].cols <= w);
			if (w >= 2)
				assert_int_equal(rows[i].len / 3,
				    (size_t)(w / 2) < 4 - i * (w / 2) ? (size_t)(w / 2) :
				    4 - i * (size_t)(w / 2));
		}
		assert_int_equal(n, w < 2 ? 4 : (4 + (size_t)(w / 2) - 1) / (size_t)(w / 2));
	}
}

/* A two-column marker ("^[") is not a wide character: a word holding one wraps whole,
   as a word holding a four-column marker does. */
static void
test_marker_not_wide(void **state)
{
	static const char *const	 esc[] = { "xx ", "abcd\x1b" "ef" };
	static const char *const	 esc2[] = { "xx ", "ab\x1b" "cdef" };
	static const char *const	 byte[] = { "xx ", "abcd\x9b" "ef" };

	(void)state;
	check_rows("xx abcd\x1b" "ef", 8, esc, 2);
	check_rows("xx ab\x1b" "cdef", 8, esc2, 2);
	check_rows("xx abcd\x9b" "ef", 10, byte, 2);
}

static void
test_exact_fill(void **state)
{
	static const char *const	 a[] = { "abcde", "fg" };
	static const char *const	 b[] = { "abcde", "fghij" };
	static const char *const	 c[] = { "abcde" };
	static const char *const	 d[] = { "abcde", "x" };
	struct text			 t;
	struct row			 r;

	(void)state;
	check_rows("abcde\nfg", 5, a, 2);
	check_rows("abcde fghij", 5, b, 2);
	check_rows("abcde\n", 5, c, 1);
	check_rows("abcde", 5, c, 1);
	check_rows("abcde   \nx", 5, d, 2);
	check_rows("abcde\r\nfg", 5, a, 2);
	t = text_of("abcde\nfg", 8, 8);
	layout_row(&t, 0, 5, &r);
	assert_int_equal(r.next, 6);
	assert_int_equal(r.flags, ROW_BOL | ROW_EOL);
	t = text_of("abcde   \nx", 10, 8);
	layout_row(&t, 0, 5, &r);
	assert_int_equal(r.next, 9);
	assert_int_equal(r.flags, ROW_BOL | ROW_EOL);
	/* Wide characters that fill the row exactly. */
	t = text_of("\xe4\xb8\xad\xe6\x96\x87\nx", 8, 8);
	layout_row(&t, 0, 4, &r);
	assert_int_equal(r.len, 6);
	assert_int_equal(r.cols, 4);
	assert_int_equal(r.next, 7);
	assert_true(r.flags & ROW_EOL);
}

static void
test_crlf(void **state)
{
	static const char	 s[] = "ab\r\ncd\r\n\r\nef";
	struct text		 t = text_of(s, TU_LEN(s), 8);
	struct row		 rows[8];
	size_t			 n;

	(void)state;
	n = all_rows(&t, 80, rows, 8);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].off, 0);
	assert_int_equal(rows[0].len, 2);
	assert_int_equal(rows[0].cols, 2);
	assert_int_equal(rows[0].next, 4);
	assert_int_equal(rows[1].off, 4);
	assert_int_equal(rows[1].len, 2);
	assert_int_equal(rows[1].next, 8);
	assert_int_equal(rows[2].off, 8);
	assert_int_equal(rows[2].len, 0);
	assert_int_equal(rows[2].cols, 0);
	assert_int_equal(rows[2].next, 10);
	assert_int_equal(rows[3].off, 10);
	assert_int_equal(rows[3].len, 2);
	assert_int_equal(rows[3].next, 12);
	for (n = 0; n < 4; n++)
		assert_int_equal(rows[n].flags, ROW_BOL | ROW_EOL);
	/* A lone carriage return is no line end: it is drawn, as ^M. */
	t = text_of("a\rb\n", 4, 8);
	n = all_rows(&t, 80, rows, 8);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].len, 3);
	assert_int_equal(rows[0].cols, 4);
}

static void
test_flags(void **state)
{
	static const char	 s[] = "aaa bbb ccc\nddd\n\neee";
	struct text		 t = text_of(s, TU_LEN(s), 8);
	struct row		 rows[16];
	size_t			 n;

	(void)state;
	n = all_rows(&t, 4, rows, 16);
	assert_int_equal(n, 6);
	assert_int_equal(rows[0].off, 0);
	assert_int_equal(rows[0].flags, ROW_BOL);
	assert_int_equal(rows[1].off, 4);
	assert_int_equal(rows[1].flags, 0);
	assert_int_equal(rows[2].off, 8);
	assert_int_equal(rows[2].flags, ROW_EOL);
	assert_int_equal(rows[2].next, 12);
	assert_int_equal(rows[3].off, 12);
	assert_int_equal(rows[3].flags, ROW_BOL | ROW_EOL);
	assert_int_equal(rows[4].off, 16);
	assert_int_equal(rows[4].len, 0);
	assert_int_equal(rows[4].flags, ROW_BOL | ROW_EOL);
	assert_int_equal(rows[5].off, 17);
	assert_int_equal(rows[5].flags, ROW_BOL | ROW_EOL);
	assert_int_equal(rows[5].next, TU_LEN(s));
}

static void
test_empty(void **state)
{
	struct text	 t = text_of("", 0, 8);
	struct row	 r;

	(void)state;
	layout_row(&t, 0, 10, &r);
	assert_int_equal(r.off, 0);
	assert_int_equal(r.len, 0);
	assert_int_equal(r.cols, 0);
	assert_int_equal(r.next, 0);
	assert_true(r.flags & ROW_BOL);
	assert_true(r.flags & ROW_EOL);
	assert_int_equal(layout_line_start(&t, 0), 0);
	assert_int_equal(layout_row_start(&t, 0, 10), 0);
}

static void
test_tabs(void **state)
{
	struct text	 t;
	struct row	 r;

	(void)state;
	/* Tab stops count from the row's first column. */
	t = text_of("ab\tc", 4, 8);
	layout_row(&t, 0, 80, &r);
	assert_int_equal(r.cols, 9);
	t = text_of("ab\tc", 4, 4);
	layout_row(&t, 0, 80, &r);
	assert_int_equal(r.cols, 5);
	/* A tab is a space to wrap at; past the width it is eaten. */
	t = text_of("abcdefgh\tx", 10, 8);
	layout_row(&t, 0, 10, &r);
	assert_int_equal(r.len, 8);
	assert_int_equal(r.cols, 8);
	assert_int_equal(r.next, 9);
	layout_row(&t, 9, 10, &r);
	assert_int_equal(r.len, 1);
	assert_int_equal(r.cols, 1);
}

/* A tab or an ideographic space wider than the whole row, where a row starts: the row
   must still hold something, as a glyph too wide for the row goes alone, clipped. */
static void
test_space_wider_than_row(void **state)
{
	struct text	 t;
	struct row	 r;

	(void)state;
	t = text_of("\tabc", 4, 8);
	layout_row(&t, 0, 3, &r);
	assert_int_equal(r.off, 0);
	if (r.len == 0)
		fail_msg("\"\\tabc\" at width 3: the first row is empty and "
		    "starts the next at %zu", r.next);
	assert_true(r.cols <= 3);
	t = text_of("\xe3\x80\x80" "ab", 5, 8);
	layout_row(&t, 0, 1, &r);
	if (r.len == 0)
		fail_msg("U+3000 \"ab\" at width 1: the first row is empty and "
		    "starts the next at %zu", r.next);
	assert_true(r.cols <= 1);
	/* After a marker wider than the row, clipped alone on its row. */
	t = text_of("\x1b\tab", 4, 8);
	layout_row(&t, 0, 1, &r);
	assert_int_equal(r.next, 1);
	layout_row(&t, 1, 1, &r);
	if (r.len == 0)
		fail_msg("\"^[\\tab\" at width 1: the second row is empty and "
		    "starts the next at %zu", r.next);
}

static void
test_line_start(void **state)
{
	static const char	 s[] = "abc\ndef\r\nghi";
	struct text		 t = text_of(s, TU_LEN(s), 8);

	(void)state;
	assert_int_equal(layout_line_start(&t, 0), 0);
	assert_int_equal(layout_line_start(&t, 2), 0);
	assert_int_equal(layout_line_start(&t, 3), 0);	/* the "\n" itself */
	assert_int_equal(layout_line_start(&t, 4), 4);
	assert_int_equal(layout_line_start(&t, 6), 4);
	assert_int_equal(layout_line_start(&t, 7), 4);	/* the "\r" */
	assert_int_equal(layout_line_start(&t, 8), 4);
	assert_int_equal(layout_line_start(&t, 9), 9);
	assert_int_equal(layout_line_start(&t, 11), 9);
	assert_int_equal(layout_line_start(&t, TU_LEN(s)), 9);
	assert_int_equal(layout_line_start(&t, TU_LEN(s) + 5), 9);
}

static void
test_row_start(void **state)
{
	static const char	 s[] = "ab\nthe quick brown fox jumps\n\nthe   lazy dog";
	struct text		 t = text_of(s, TU_LEN(s), 8);
	size_t			 l2 = 3, l4 = 30;

	(void)state;
	/* Second line at width 10: "the quick " "brown fox " "jumps". */
	assert_int_equal(layout_row_start(&t, 0, 10), 0);
	assert_int_equal(layout_row_start(&t, 1, 10), 0);
	assert_int_equal(layout_row_start(&t, 2, 10), 0);
	assert_int_equal(layout_row_start(&t, l2, 10), l2);
	assert_int_equal(layout_row_start(&t, l2 + 5, 10), l2);
	assert_int_equal(layout_row_start(&t, l2 + 9, 10), l2);
	assert_int_equal(layout_row_start(&t, l2 + 10, 10), l2 + 10);
	assert_int_equal(layout_row_start(&t, l2 + 15, 10), l2 + 10);
	assert_int_equal(layout_row_start(&t, l2 + 19, 10), l2 + 10);
	assert_int_equal(layout_row_start(&t, l2 + 20, 10), l2 + 20);
	assert_int_equal(layout_row_start(&t, l2 + 24, 10), l2 + 20);
	assert_int_equal(layout_row_start(&t, l2 + 25, 10), l2 + 20);	/* its "\n" */
	assert_int_equal(layout_row_start(&t, l2 + 26, 10), l2 + 26);	/* empty line */
	/* "the   lazy dog" at 4: "the" eats the spaces, then "lazy", "dog". */
	assert_int_equal(layout_row_start(&t, l4, 4), l4);
	assert_int_equal(layout_row_start(&t, l4 + 3, 4), l4);
	assert_int_equal(layout_row_start(&t, l4 + 5, 4), l4);
	assert_int_equal(layout_row_start(&t, l4 + 6, 4), l4 + 6);
	assert_int_equal(layout_row_start(&t, l4 + 8, 4), l4 + 6);
	assert_int_equal(layout_row_start(&t, l4 + 11, 4), l4 + 11);
	assert_int_equal(layout_row_start(&t, TU_LEN(s), 4), l4 + 11);
}

/* Random text: words, runs of spaces, CJK, tabs, combining marks, markers, line ends. */
static size_t
random_text(uint64_t *seed, char *s, size_t max)
{
	static const char *const	 pieces[] = {
		"\t", "\xe4\xb8\xad", "\xe6\x96\x87", "\xe3\x80\x80", "\xcc\x81",
		"e\xcc\x81", "\x1b", "\xe2\x80\xae", "\xff", "\xc2\x9b", "\n", "\r\n",
		"\n\n", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", "\xc2\xa0", "\r",
		"\xf0\x9f\x98\x80", "\xd8\xa8\xd9\x8e"
	};
	size_t				 n = 0, want, k, i;
	const char			*p;

	want = tu_randn(seed, max - 40);
	while (n < want) {
		switch (tu_randn(seed, 5)) {
		case 0:
		case 1:
			k = 1 + tu_randn(seed, tu_randn(seed, 8) == 0 ? 30 : 9);
			for (i = 0; i < k; i++)
				s[n++] = (char)('a' + tu_randn(seed, 26));
			break;
		case 2:
			k = 1 + tu_randn(seed, tu_randn(seed, 4) == 0 ? 6 : 2);
			for (i = 0; i < k; i++)
				s[n++] = ' ';
			break;
		default:
			p = pieces[tu_randn(seed, sizeof pieces / sizeof pieces[0])];
			k = strlen(p);
			memcpy(s + n, p, k);
			n += k;
			break;
		}
	}
	return n;
}

/* Columns of the drawn bytes of a row, tabs counted from the row's start. */
static int
row_width(const struct text *t, const struct row *r, size_t *nglyphs)
{
	struct glyph	 g;
	size_t		 pos = r->off;
	int		 col = 0;

	*nglyphs = 0;
	while (pos < r->off + r->len) {
		glyph_next(t->buf + pos, r->off + r->len - pos, col, t->tabw, &g);
		col += g.cols;
		pos += g.len;
		(*nglyphs)++;
	}
	assert_int_equal(pos, r->off + r->len);
	return col;
}

static void
test_property_width_and_tiling(void **state)
{
	static char	 s[400];
	static struct row rows[MAXROWS];
	struct text	 t;
	uint64_t	 seed = 0x853c49e6748fea9bu;
	size_t		 n, nrows, i, ng, b, k;
	int		 iter, width, w;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		n = random_text(&seed, s, sizeof s);
		width = 1 + (int)tu_randn(&seed, 120);
		t = text_of(s, n, 1 + (int)tu_randn(&seed, 16));
		nrows = all_rows(&t, width, rows, MAXROWS);
		if (n > 0)
			assert_true(nrows > 0);
		for (i = 0; i < nrows; i++) {
			const struct row	*r = &rows[i];

			if (r->cols > width || r->cols < 0)
				fail_msg("iteration %d, width %d: row at %zu has %d "
				    "columns", iter, width, r->off, r->cols);
			/* Rows tile the text. */
			assert_int_equal(r->off, i == 0 ? 0 : rows[i - 1].next);
			assert_true(r->off + r->len <= r->next);
			assert_true(r->next <= n);
			/* cols is what the drawn bytes take, or the width for one glyph
			   too wide for the row, which is clipped. */
			w = row_width(&t, r, &ng);
			if (w <= width)
				assert_int_equal(r->cols, w);
			else if (ng != 1 || r->cols != width)
				fail_msg("iteration %d, width %d: row at %zu draws %d "
				    "columns in %zu glyphs", iter, width, r->off, w, ng);
			/* The flags. */
			assert_int_equal(!!(r->flags & ROW_BOL),
			    r->off == 0 || s[r->off - 1] == '\n');
			assert_int_equal(!!(r->flags & ROW_EOL),
			    r->next == n || s[r->next - 1] == '\n');
			/* The bytes the row stands for map back to it: its first,
			   its last (a line end or an eaten space) and one between. */
			for (k = 0; k < 3; k++) {
				b = k == 0 ? r->off : k == 1 ? r->next - 1 :
				    r->off + tu_randn(&seed, r->next - r->off);
				if (layout_row_start(&t, b, width) != r->off)
					fail_msg("iteration %d, width %d: byte %zu is in "
					    "the row at %zu, row start says %zu", iter,
					    width, b, r->off,
					    layout_row_start(&t, b, width));
			}
		}
		assert_int_equal(nrows == 0 ? 0 : rows[nrows - 1].next, n);
	}
}

/* Whether the row holds nothing because its line is empty. */
static int
empty_line_at(const struct text *t, size_t off)
{
	return off == t->len || t->buf[off] == '\n' ||
	    (t->buf[off] == '\r' && off + 1 < t->len && t->buf[off + 1] == '\n');
}

static void
test_property_no_empty_rows(void **state)
{
	static char	 s[400];
	static struct row rows[MAXROWS];
	struct text	 t;
	uint64_t	 seed = 0xda942042e4dd58b5u;
	size_t		 n, nrows, i;
	int		 iter, width;
	char		 e[64];

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		n = random_text(&seed, s, sizeof s);
		width = 1 + (int)tu_randn(&seed, 120);
		t = text_of(s, n, 1 + (int)tu_randn(&seed, 16));
		nrows = all_rows(&t, width, rows, MAXROWS);
		for (i = 0; i < nrows; i++)
			if (rows[i].len == 0 && !empty_line_at(&t, rows[i].off))
				fail_msg("iteration %d, width %d, tab width %d: empty row "
				    "at %zu, next %zu, in a line that is not empty: "
				    "\"%s\"", iter, width, t.tabw, rows[i].off,
				    rows[i].next, tu_escape(s + rows[i].off,
				    rows[i].next - rows[i].off, e, sizeof e));
	}
}

/* The panes tile the screen: no overlap, no gap, each inside it. */
static void
check_tiling(int cols, int lines, const struct layout_panes *p)
{
	const struct layout_box	*b[] = { &p->sidebar, &p->list, &p->body };
	int			 area = 0;
	size_t			 i;

	for (i = 0; i < 3; i++) {
		if (b[i]->w == 0)
			continue;
		assert_true(b[i]->x >= 0 && b[i]->y >= 0);
		assert_true(b[i]->x + b[i]->w <= cols);
		assert_true(b[i]->y + b[i]->h <= lines);
		area += b[i]->w * b[i]->h;
	}
	assert_int_equal(area, cols * lines);
}

static void
test_panes_stacked(void **state)
{
	struct layout_panes	 p;

	(void)state;
	/* 80x24 less the status line: sidebar, the list on top of the body. */
	layout_panes(80, 23, 0, 60, &p);
	check_tiling(80, 23, &p);
	assert_false(p.wide);
	assert_int_equal(p.sidebar.w, LAYOUT_SIDEBAR_COLS);
	assert_int_equal(p.list.x, LAYOUT_SIDEBAR_COLS);
	assert_int_equal(p.list.w, 80 - LAYOUT_SIDEBAR_COLS);
	/* A third of the rows, and the columns' header line. */
	assert_int_equal(p.list.h, 23 / 3 + 1);
	assert_int_equal(p.body.y, p.list.h);
	/* Hidden, the sidebar leaves the width to the list and the body. */
	layout_panes(80, 23, 1, 60, &p);
	check_tiling(80, 23, &p);
	assert_int_equal(p.sidebar.w, 0);
	assert_int_equal(p.list.x, 0);
	assert_int_equal(p.body.x, 0);
	assert_int_equal(p.body.w, 80);
	/* Too small for a sidebar even when it is wanted. */
	layout_panes(59, 23, 0, 60, &p);
	check_tiling(59, 23, &p);
	assert_int_equal(p.sidebar.w, 0);
	layout_panes(80, 14, 0, 60, &p);
	assert_int_equal(p.sidebar.w, 0);
	/* A short screen keeps four rows of list. */
	layout_panes(60, 12, 1, 60, &p);
	check_tiling(60, 12, &p);
	assert_int_equal(p.list.h, 5);
}

static void
test_panes_wide(void **state)
{
	struct layout_panes	 p;

	(void)state;
	/* Short titles at 120: side by side, the list as wide as they need. */
	layout_panes(120, 39, 0, 40, &p);
	check_tiling(120, 39, &p);
	assert_true(p.wide);
	assert_int_equal(p.list.w, 40);
	assert_int_equal(p.list.h, 39);
	assert_int_equal(p.body.x, LAYOUT_SIDEBAR_WIDE + 40);
	assert_int_equal(p.body.w, 120 - LAYOUT_SIDEBAR_WIDE - 40);
	/* Long ones: beside a body of LAYOUT_BODY_MIN they would be cut, so the
	   panes stack and the list has the width (more than 60 title columns). */
	layout_panes(120, 39, 0, 90, &p);
	check_tiling(120, 39, &p);
	assert_false(p.wide);
	assert_int_equal(p.list.w, 120 - LAYOUT_SIDEBAR_WIDE);
	/* A wider screen has room for both. */
	layout_panes(200, 50, 0, 90, &p);
	check_tiling(200, 50, &p);
	assert_true(p.wide);
	assert_int_equal(p.list.w, 90);
	assert_true(p.body.w >= LAYOUT_BODY_MIN);
	/* The list never takes more than its cap, however long a title. */
	layout_panes(300, 50, 0, 5000, &p);
	check_tiling(300, 50, &p);
	assert_true(p.wide);
	assert_int_equal(p.list.w, LAYOUT_LIST_CAP);
	assert_int_equal(p.body.w, 300 - LAYOUT_SIDEBAR_WIDE - LAYOUT_LIST_CAP);
	/* Below 120 columns, stacked whatever the titles. */
	layout_panes(119, 39, 1, 20, &p);
	assert_false(p.wide);
	/* The sidebar widens from 100 columns, for the themes' names. */
	layout_panes(99, 30, 0, 40, &p);
	assert_int_equal(p.sidebar.w, LAYOUT_SIDEBAR_COLS);
	layout_panes(100, 30, 0, 40, &p);
	check_tiling(100, 30, &p);
	assert_int_equal(p.sidebar.w, LAYOUT_SIDEBAR_WIDE);
	/* Hiding the sidebar gives its columns to the body. */
	layout_panes(120, 39, 1, 40, &p);
	check_tiling(120, 39, &p);
	assert_true(p.wide);
	assert_int_equal(p.list.x, 0);
	assert_int_equal(p.body.w, 80);
}

static void
test_cols(void **state)
{
	(void)state;
	assert_int_equal(layout_cols("title", 5, 80), 5);
	assert_int_equal(layout_cols("title", 5, 3), 3);
	/* Wide characters take two columns, combining marks none. */
	assert_int_equal(layout_cols("\xe6\x97\xa5\xe6\x9c\xac", 6, 80), 4);
	assert_int_equal(layout_cols("e\xcc\x81", 3, 80), 1);
	/* A title ends at a line end. */
	assert_int_equal(layout_cols("ab\ncd", 5, 80), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_wrap),
		cmocka_unit_test(test_long_word_cut),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_marker_not_wide),
		cmocka_unit_test(test_exact_fill),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_tabs),
		cmocka_unit_test(test_space_wider_than_row),
		cmocka_unit_test(test_line_start),
		cmocka_unit_test(test_row_start),
		cmocka_unit_test(test_property_width_and_tiling),
		cmocka_unit_test(test_property_no_empty_rows),
		cmocka_unit_test(test_panes_stacked),
		cmocka_unit_test(test_panes_wide),
		cmocka_unit_test(test_cols),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
