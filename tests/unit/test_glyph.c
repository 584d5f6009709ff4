/* glyph.c: what each byte sequence becomes on the screen (characters, tabs, line ends,
   markers for controls, bidi and invalid bytes, combining marks, wide characters), and a
   property test that no random input lets a control byte into a glyph's text. */
#include "testutil.h"

#include "glyph.h"
#include "utf8.h"

/* The glyph at s[0..n) from column col. */
static struct glyph
glyph_at(const char *s, size_t n, int col, int tabw)
{
	struct glyph	 g;

	memset(&g, 0xa5, sizeof g);
	glyph_next(s, n, col, tabw, &g);
	return g;
}

#define GLYPH(lit)	glyph_at((lit), TU_LEN(lit), 0, 8)

static void
check_marker(const struct glyph *g, size_t len, const char *text)
{
	assert_int_equal(g->kind, GLYPH_MARKER);
	assert_int_equal(g->len, len);
	assert_string_equal(g->text, text);
	assert_int_equal(g->textlen, strlen(text));
	assert_int_equal(g->cols, (int)strlen(text));
}

/* Bidirectional controls that could reorder what is shown. */
static const uint32_t bidi[] = {
	0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
	0x200e, 0x200f, 0x061c
};

static int
is_bidi(uint32_t cp)
{
	size_t	 i;

	for (i = 0; i < sizeof bidi / sizeof bidi[0]; i++)
		if (bidi[i] == cp)
			return 1;
	return 0;
}

static void
test_ascii(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("Ab");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.len, 1);
	assert_int_equal(g.cols, 1);
	assert_int_equal(g.ncp, 1);
	assert_int_equal(g.cp[0], 'A');
	assert_string_equal(g.text, "A");
	assert_int_equal(g.textlen, 1);
	g = GLYPH(" ");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.cols, 1);
	g = GLYPH("~");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_string_equal(g.text, "~");
}

static void
check_tab(int col, int tabw, int want)
{
	struct glyph	 g;
	int		 i;

	g = glyph_at("\tx", 2, col, tabw);
	assert_int_equal(g.kind, GLYPH_TAB);
	assert_int_equal(g.len, 1);
	assert_int_equal(g.cols, want);
	assert_int_equal(g.textlen, (size_t)want);
	assert_int_equal(strlen(g.text), (size_t)want);
	for (i = 0; i < want; i++)
		assert_int_equal(g.text[i], ' ');
}

static void
test_tab(void **state)
{
	(void)state;
	check_tab(0, 8, 8);
	check_tab(1, 8, 7);
	check_tab(3, 8, 5);
	check_tab(7, 8, 1);
	check_tab(8, 8, 8);
	check_tab(13, 8, 3);
	check_tab(0, 4, 4);
	check_tab(13, 4, 3);
	check_tab(2, 2, 2);
	check_tab(5, 1, 1);
	check_tab(0, 16, 16);
	check_tab(17, 16, 15);
	/* Clamped to 1..16. */
	check_tab(0, 0, 1);
	check_tab(7, 0, 1);
	check_tab(3, -5, 1);
	check_tab(0, 17, 16);
	check_tab(0, 100, 16);
	check_tab(5, 100, 11);
}

static void
test_eol(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("\n");
	assert_int_equal(g.kind, GLYPH_EOL);
	assert_int_equal(g.len, 1);
	assert_int_equal(g.cols, 0);
	assert_int_equal(g.textlen, 0);
	assert_string_equal(g.text, "");
	g = GLYPH("\nabc");
	assert_int_equal(g.kind, GLYPH_EOL);
	assert_int_equal(g.len, 1);
	g = GLYPH("\r\n");
	assert_int_equal(g.kind, GLYPH_EOL);
	assert_int_equal(g.len, 2);
	assert_int_equal(g.cols, 0);
	assert_int_equal(g.textlen, 0);
	g = GLYPH("\r\nabc");
	assert_int_equal(g.kind, GLYPH_EOL);
	assert_int_equal(g.len, 2);
}

static void
test_lone_cr(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("\r");
	check_marker(&g, 1, "^M");
	g = GLYPH("\rx");
	check_marker(&g, 1, "^M");
	/* "\r\r\n": a carriage return, then a CRLF line end. */
	g = GLYPH("\r\r\n");
	check_marker(&g, 1, "^M");
	g = glyph_at(&"\r\r\n"[1], 2, 2, 8);
	assert_int_equal(g.kind, GLYPH_EOL);
	assert_int_equal(g.len, 2);
	/* "\n\r" is a line end, then a lone carriage return. */
	g = glyph_at(&"\n\r"[1], 1, 0, 8);
	check_marker(&g, 1, "^M");
}

static void
test_c0_and_del(void **state)
{
	struct glyph	 g;
	char		 want[3], b[2];
	unsigned int	 c;

	(void)state;
	g = GLYPH("\x1b[2J");
	check_marker(&g, 1, "^[");
	g = GLYPH("\x7f");
	check_marker(&g, 1, "^?");
	g = GLYPH("\0");
	check_marker(&g, 1, "^@");
	g = GLYPH("\b");
	check_marker(&g, 1, "^H");
	g = GLYPH("\a");
	check_marker(&g, 1, "^G");
	g = GLYPH("\x1f");
	check_marker(&g, 1, "^_");
	for (c = 0; c < 0x20; c++) {
		if (c == '\t' || c == '\n')
			continue;
		b[0] = (char)c;
		b[1] = 'x';
		want[0] = '^';
		want[1] = (char)(c + 0x40);
		want[2] = '\0';
		g = glyph_at(b, 2, 0, 8);
		check_marker(&g, 1, want);
	}
}

static void
test_c1(void **state)
{
	struct glyph	 g;
	char		 b[2], want[16];
	unsigned int	 c;

	(void)state;
	g = GLYPH("\xc2\x9b" "2J");
	check_marker(&g, 2, "<U+009B>");
	for (c = 0x80; c < 0xa0; c++) {
		b[0] = (char)0xc2;
		b[1] = (char)c;
		snprintf(want, sizeof want, "<U+%04X>", c);
		g = glyph_at(b, 2, 0, 8);
		check_marker(&g, 2, want);
	}
	/* U+00A0 is the first printable character after them. */
	g = GLYPH("\xc2\xa0");
	assert_int_equal(g.kind, GLYPH_CHAR);
}

static void
test_invalid_bytes(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("\x9b" "2J");
	check_marker(&g, 1, "<9B>");
	g = GLYPH("\xff");
	check_marker(&g, 1, "<FF>");
	g = GLYPH("\xfe");
	check_marker(&g, 1, "<FE>");
	g = GLYPH("\x80");
	check_marker(&g, 1, "<80>");
	/* An overlong ESC is two invalid bytes, never an ESC. */
	g = GLYPH("\xc0\x9b");
	check_marker(&g, 1, "<C0>");
	g = GLYPH("\xe0\x80\x9b");
	check_marker(&g, 1, "<E0>");
	/* A surrogate. */
	g = GLYPH("\xed\xa0\x80");
	check_marker(&g, 1, "<ED>");
	/* Truncated at the end of the buffer. */
	g = GLYPH("\xe2\x82");
	check_marker(&g, 1, "<E2>");
}

static void
test_bidi(void **state)
{
	struct glyph	 g;
	char		 b[8], want[16];
	size_t		 i, len;

	(void)state;
	g = GLYPH("\xe2\x80\xae" "abc");
	check_marker(&g, 3, "<U+202E>");
	for (i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		len = utf8_encode(bidi[i], b);
		b[len] = 'x';
		snprintf(want, sizeof want, "<U+%04X>", (unsigned)bidi[i]);
		g = glyph_at(b, len + 1, 0, 8);
		check_marker(&g, len, want);
		assert_int_equal(glyph_width(bidi[i]), -1);
		/* Not taken as a mark combining with the letter before it. */
		b[0] = 'a';
		len = utf8_encode(bidi[i], b + 1);
		g = glyph_at(b, len + 1, 0, 8);
		assert_int_equal(g.kind, GLYPH_CHAR);
		assert_int_equal(g.len, 1);
		assert_int_equal(g.ncp, 1);
		g = glyph_at(b + 1, len, 1, 8);
		check_marker(&g, len, want);
	}
	g = GLYPH("\xe2\x80\xaa");
	check_marker(&g, 3, "<U+202A>");
	g = GLYPH("\xe2\x81\xa6");
	check_marker(&g, 3, "<U+2066>");
	g = GLYPH("\xd8\x9c");
	check_marker(&g, 2, "<U+061C>");
	g = GLYPH("\xe2\x80\x8f");
	check_marker(&g, 3, "<U+200F>");
}

static void
test_cjk(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("\xe4\xb8\x80\xe4\xb8\x80");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.len, 3);
	assert_int_equal(g.cols, 2);
	assert_int_equal(g.ncp, 1);
	assert_int_equal(g.cp[0], 0x4e00);
	assert_string_equal(g.text, "\xe4\xb8\x80");
	assert_int_equal(glyph_width(0x4e00), 2);
	assert_int_equal(glyph_width(0x3042), 2);	/* hiragana a */
	assert_int_equal(glyph_width(0xac00), 2);	/* Hangul ga */
	assert_int_equal(glyph_width(0xff21), 2);	/* fullwidth A */
	assert_int_equal(glyph_width('a'), 1);
	assert_int_equal(glyph_width(0x0301), 0);
	assert_int_equal(glyph_width(0x1b), -1);
	assert_int_equal(glyph_width(0x9b), -1);
}

static void
test_combining(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("e\xcc\x81x");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.cols, 1);
	assert_int_equal(g.ncp, 2);
	assert_int_equal(g.len, 3);
	assert_int_equal(g.cp[0], 'e');
	assert_int_equal(g.cp[1], 0x301);
	assert_string_equal(g.text, "e\xcc\x81");
	assert_int_equal(g.textlen, 3);
	/* A wide base keeps its width. */
	g = GLYPH("\xe4\xb8\x80\xcc\x81");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.cols, 2);
	assert_int_equal(g.ncp, 2);
	assert_int_equal(g.len, 5);
}

static void
test_lone_combining(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("\xcc\x81");
	check_marker(&g, 2, "<U+0301>");
	g = GLYPH("\xcc\x81" "e");
	check_marker(&g, 2, "<U+0301>");
	/* After a line end there is nothing to combine with either. */
	g = glyph_at(&"\n\xcc\x81"[1], 2, 0, 8);
	check_marker(&g, 2, "<U+0301>");
	/* Nor after a tab or a marker: each glyph_next starts a new glyph. */
	g = glyph_at("\t\xcc\x81", 3, 0, 8);
	assert_int_equal(g.kind, GLYPH_TAB);
	assert_int_equal(g.len, 1);
	g = glyph_at("\x1b\xcc\x81", 3, 0, 8);
	check_marker(&g, 1, "^[");
}

static void
test_too_many_marks(void **state)
{
	char		 s[1 + 8 * 2];
	struct glyph	 g;
	size_t		 i;

	(void)state;
	s[0] = 'a';
	for (i = 0; i < 8; i++)
		memcpy(s + 1 + 2 * i, "\xcc\x81", 2);
	g = glyph_at(s, sizeof s, 0, 8);
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.ncp, GLYPH_MAXCP);
	assert_int_equal(g.len, 1 + 2 * (GLYPH_MAXCP - 1));
	assert_int_equal(g.cols, 1);
	for (i = 1; i < GLYPH_MAXCP; i++)
		assert_int_equal(g.cp[i], 0x301);
	assert_int_equal(g.textlen, g.len);
	assert_memory_equal(g.text, s, g.len);
	g = glyph_at(s + 9, sizeof s - 9, 1, 8);
	check_marker(&g, 2, "<U+0301>");
}

static void
test_rtl(void **state)
{
	struct glyph	 g;

	(void)state;
	g = GLYPH("\xd7\x90\xd7\x91");		/* alef bet */
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.cols, 1);
	assert_int_equal(g.len, 2);
	assert_int_equal(g.cp[0], 0x5d0);
	g = GLYPH("\xd8\xa8");			/* beh */
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.cols, 1);
	assert_int_equal(g.len, 2);
	/* beh with fatha and shadda: one glyph. */
	g = GLYPH("\xd8\xa8\xd9\x8e\xd9\x91" "x");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.cols, 1);
	assert_int_equal(g.ncp, 3);
	assert_int_equal(g.len, 6);
	assert_int_equal(g.cp[1], 0x64e);
	assert_int_equal(g.cp[2], 0x651);
	/* shin with qamats (Hebrew points combine too). */
	g = GLYPH("\xd7\xa9\xd6\xb8");
	assert_int_equal(g.kind, GLYPH_CHAR);
	assert_int_equal(g.ncp, 2);
	assert_int_equal(g.len, 4);
	assert_int_equal(glyph_strwidth("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", 8, 8), 4);
	assert_int_equal(glyph_strwidth("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", 8, 8), 4);
}

/* Every code point and every single byte: a marker is printable ASCII, as wide as its
   text; a character is 1 or 2 columns and its text is its own UTF-8. */
static void
test_marker_text_printable(void **state)
{
	struct glyph	 g;
	char		 b[4];
	uint32_t	 cp;
	size_t		 len, i;

	(void)state;
	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		len = utf8_encode(cp, b);
		glyph_next(b, len, 0, 8, &g);
		if (g.kind == GLYPH_EOL || g.kind == GLYPH_TAB)
			continue;
		assert_int_equal(g.len, len);
		if (g.kind == GLYPH_MARKER) {
			assert_int_equal(g.textlen, strlen(g.text));
			assert_int_equal((size_t)g.cols, g.textlen);
			for (i = 0; i < g.textlen; i++)
				if (g.text[i] < 0x20 || g.text[i] > 0x7e)
					fail_msg("U+%04X: marker byte %02x",
					    (unsigned)cp, (unsigned char)g.text[i]);
		} else {
			assert_int_equal(g.kind, GLYPH_CHAR);
			if (g.cols != 1 && g.cols != 2)
				fail_msg("U+%04X: %d columns", (unsigned)cp, g.cols);
			assert_int_equal(g.textlen, len);
			assert_memory_equal(g.text, b, len);
			if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || is_bidi(cp))
				fail_msg("U+%04X is shown as a character", (unsigned)cp);
		}
	}
	for (i = 0x80; i <= 0xff; i++) {
		b[0] = (char)i;
		glyph_next(b, 1, 0, 8, &g);
		assert_int_equal(g.kind, GLYPH_MARKER);
		assert_int_equal(g.len, 1);
		assert_int_equal(g.textlen, 4);
	}
}

static void
test_strwidth(void **state)
{
	static const char	 mix[] = "a\tb\xe4\xb8\x80" "e\xcc\x81\x1b\xc2\x9b\xff\r\n";
	struct glyph		 g;
	size_t			 pos = 0;
	int			 col = 0;

	(void)state;
	assert_int_equal(glyph_strwidth("", 0, 8), 0);
	assert_int_equal(glyph_strwidth("abc", 3, 8), 3);
	assert_int_equal(glyph_strwidth("a\tb", 3, 8), 9);
	assert_int_equal(glyph_strwidth("ab\tc", 4, 4), 5);
	assert_int_equal(glyph_strwidth("\t\t", 2, 3), 6);
	assert_int_equal(glyph_strwidth("\xe4\xb8\xad\xe6\x96\x87", 6, 8), 4);
	assert_int_equal(glyph_strwidth("e\xcc\x81", 3, 8), 1);
	assert_int_equal(glyph_strwidth("\x1b", 1, 8), 2);
	assert_int_equal(glyph_strwidth("\xc2\x9b", 2, 8), 8);
	assert_int_equal(glyph_strwidth("\x9b", 1, 8), 4);
	assert_int_equal(glyph_strwidth("ab\n", 3, 8), 2);
	/* The sum of the glyphs' columns. */
	while (pos < TU_LEN(mix)) {
		glyph_next(mix + pos, TU_LEN(mix) - pos, col, 8, &g);
		col += g.cols;
		pos += g.len;
	}
	assert_int_equal(col, 1 + 7 + 1 + 2 + 1 + 2 + 8 + 4);
	assert_int_equal(glyph_strwidth(mix, TU_LEN(mix), 8), col);
}

/* Random bytes, biased towards the interesting ones. */
static size_t
random_bytes(uint64_t *seed, char *s, size_t max)
{
	static const uint32_t	 pick[] = {
		0x1b, 0x9b, 0x7f, 0x00, '\r', '\n', '\t', ' ', 'a', 0x301, 0x64e,
		0x5d0, 0x4e00, 0x202e, 0x2066, 0x200f, 0x61c, 0xfeff, 0x200b,
		0x200d, 0xfe0f, 0x1f600, 0xe0001, 0x10ffff, 0xa0, 0xad, 0x85
	};
	size_t			 n = 0, want;
	uint32_t		 cp;

	want = 1 + tu_randn(seed, max - 4);
	while (n < want) {
		switch (tu_randn(seed, 4)) {
		case 0:
			s[n++] = (char)tu_randn(seed, 256);
			break;
		case 1:
			cp = pick[tu_randn(seed, sizeof pick / sizeof pick[0])];
			n += utf8_encode(cp, s + n);
			break;
		case 2:
			do
				cp = (uint32_t)tu_randn(seed, 0x3000);
			while (cp >= 0xd800 && cp <= 0xdfff);
			n += utf8_encode(cp, s + n);
			break;
		default:
			s[n++] = (char)(0x80 | tu_randn(seed, 0x80));
			break;
		}
	}
	return n;
}

static void
test_random_bytes_property(void **state)
{
	char		 s[80];
	struct glyph	 g;
	uint64_t	 seed = 0x2545f4914f6cdd1du;
	uint32_t	 cp;
	size_t		 n, pos, total, k, dl;
	int		 iter, col, tabw;

	(void)state;
	for (iter = 0; iter < 100000; iter++) {
		n = random_bytes(&seed, s, sizeof s);
		tabw = (int)tu_randn(&seed, 18);
		pos = total = 0;
		col = 0;
		while (pos < n) {
			memset(&g, 0, sizeof g);
			glyph_next(s + pos, n - pos, col, tabw, &g);
			if (g.len < 1 || g.len > n - pos)
				fail_msg("iteration %d, offset %zu: len %zu of %zu", iter,
				    pos, g.len, n - pos);
			assert_true(g.textlen < GLYPH_TEXTMAX);
			assert_int_equal(strlen(g.text), g.textlen);
			if (g.kind == GLYPH_EOL)
				assert_int_equal(g.cols, 0);
			else
				assert_true(g.cols >= 1);
			for (k = 0; k < g.textlen; k++) {
				unsigned char	c = (unsigned char)g.text[k];

				if (c < 0x20 || c == 0x7f)
					fail_msg("iteration %d, offset %zu: byte %02x in "
					    "text", iter, pos, c);
			}
			for (k = 0; k < g.textlen; k += dl) {
				dl = utf8_decode(g.text + k, g.textlen - k, &cp);
				if (cp == UTF8_INVALID || (cp >= 0x80 && cp < 0xa0) ||
				    is_bidi(cp))
					fail_msg("iteration %d, offset %zu: U+%04X in "
					    "text", iter, pos, (unsigned)cp);
			}
			total += g.len;
			pos += g.len;
			col = g.kind == GLYPH_EOL ? 0 : col + g.cols;
		}
		assert_int_equal(total, n);
	}
}

/* A message quotes what it carries: known cases, then random bytes, whose quoted form
   must hold no control, C1, bidi control or invalid UTF-8, and no tab or line end. */
static void
test_quote(void **state)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*out;
	} cases[] = {
		{ "plain", 5, "plain" },
		{ "a\tb\nc", 5, "a^Ib^Jc" },
		{ "x\r\ny", 4, "x^M^Jy" },
		{ "t\033]0;PWNED\007", 11, "t^[]0;PWNED^G" },
		{ "\302\233[2J", 5, "<U+009B>[2J" },
		{ "\233", 1, "<9B>" },
		{ "\342\200\256x", 4, "<U+202E>x" },
		{ "nul\0in", 6, "nul^@in" },
		{ "Deir ez-Zor \331\212", 14, "Deir ez-Zor \331\212" },
	};
	char		 s[80], *q;
	uint64_t	 seed = 0x9e3779b97f4a7c15u;
	uint32_t	 cp;
	size_t		 i, n, k, dl;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = glyph_quote(cases[i].in, cases[i].len);
		assert_string_equal(q, cases[i].out);
		free(q);
	}
	for (i = 0; i < 20000; i++) {
		n = random_bytes(&seed, s, sizeof s);
		q = glyph_quote(s, n);
		for (k = 0; q[k] != '\0'; k += dl) {
			dl = utf8_decode(q + k, strlen(q + k), &cp);
			if (cp < 0x20 || cp == 0x7f || cp == UTF8_INVALID ||
			    (cp >= 0x80 && cp < 0xa0) || is_bidi(cp))
				fail_msg("iteration %zu: U+%04X in the quoted text", i,
				    (unsigned)cp);
		}
		free(q);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_tab),
		cmocka_unit_test(test_eol),
		cmocka_unit_test(test_lone_cr),
		cmocka_unit_test(test_c0_and_del),
		cmocka_unit_test(test_c1),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_lone_combining),
		cmocka_unit_test(test_too_many_marks),
		cmocka_unit_test(test_rtl),
		cmocka_unit_test(test_marker_text_printable),
		cmocka_unit_test(test_strwidth),
		cmocka_unit_test(test_random_bytes_property),
		cmocka_unit_test(test_quote),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
