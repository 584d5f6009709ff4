/* utf8.c: strict decoding (overlongs, surrogates, values past U+10FFFF, stray and
   truncated sequences are one invalid byte each), encoding round trips over every scalar
   value, and utf8_trim never cutting a character. */
#include "testutil.h"

#include "utf8.h"

/* An independent encoder, so that the decoder is not checked against itself. */
static size_t
ref_encode(uint32_t cp, unsigned char *o)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 + cp / 64);
		o[1] = (unsigned char)(0x80 + cp % 64);
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 + cp / 4096);
		o[1] = (unsigned char)(0x80 + cp / 64 % 64);
		o[2] = (unsigned char)(0x80 + cp % 64);
		return 3;
	}
	o[0] = (unsigned char)(0xf0 + cp / 262144);
	o[1] = (unsigned char)(0x80 + cp / 4096 % 64);
	o[2] = (unsigned char)(0x80 + cp / 64 % 64);
	o[3] = (unsigned char)(0x80 + cp % 64);
	return 4;
}

static int
is_scalar(uint32_t cp)
{
	return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

static void
check_valid(const char *s, size_t n, size_t wantlen, uint32_t wantcp)
{
	uint32_t	 cp = 0;

	assert_int_equal(utf8_decode(s, n, &cp), wantlen);
	assert_int_equal(cp, wantcp);
}

static void
check_invalid(const char *s, size_t n)
{
	uint32_t	 cp = 0;

	assert_int_equal(utf8_decode(s, n, &cp), 1);
	assert_int_equal(cp, UTF8_INVALID);
}

/* Every byte of s[0..n) decodes as one invalid byte: nothing of it is a character. */
static void
check_all_invalid(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		check_invalid(s + i, n - i);
}

static void
test_valid_one_byte(void **state)
{
	(void)state;
	check_valid("A", 1, 1, 'A');
	check_valid("\0", 1, 1, 0);
	check_valid("\x7f", 1, 1, 0x7f);
	check_valid("\x1b[", 2, 1, 0x1b);
	check_valid("ab", 2, 1, 'a');
}

static void
test_valid_two_bytes(void **state)
{
	(void)state;
	check_valid("\xc2\x80", 2, 2, 0x80);
	check_valid("\xc3\xa9", 2, 2, 0xe9);
	check_valid("\xd7\x90", 2, 2, 0x5d0);
	check_valid("\xdf\xbf", 2, 2, 0x7ff);
	check_valid("\xc3\xa9z", 3, 2, 0xe9);
}

static void
test_valid_three_bytes(void **state)
{
	(void)state;
	check_valid("\xe0\xa0\x80", 3, 3, 0x800);
	check_valid("\xe2\x82\xac", 3, 3, 0x20ac);
	check_valid("\xe4\xb8\x80", 3, 3, 0x4e00);
	check_valid("\xed\x9f\xbf", 3, 3, 0xd7ff);
	check_valid("\xee\x80\x80", 3, 3, 0xe000);
	check_valid("\xef\xbf\xbf", 3, 3, 0xffff);
}

static void
test_valid_four_bytes(void **state)
{
	(void)state;
	check_valid("\xf0\x90\x80\x80", 4, 4, 0x10000);
	check_valid("\xf0\x9f\x98\x80", 4, 4, 0x1f600);
	check_valid("\xf3\xa0\x80\x81", 4, 4, 0xe0001);
	check_valid("\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff);
}

static void
test_overlong(void **state)
{
	(void)state;
	/* '/' in two, three and four bytes, and the longest overlongs of each length. */
	check_all_invalid("\xc0\xaf", 2);
	check_all_invalid("\xc1\xbf", 2);
	check_all_invalid("\xc0\x80", 2);
	check_all_invalid("\xe0\x80\xaf", 3);
	check_all_invalid("\xe0\x9f\xbf", 3);
	check_all_invalid("\xf0\x80\x80\xaf", 4);
	check_all_invalid("\xf0\x8f\xbf\xbf", 4);
}

static void
test_overlong_exhaustive(void **state)
{
	unsigned char	 b[4];
	uint32_t	 cp;

	(void)state;
	for (cp = 0; cp < 0x80; cp++) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		check_invalid((char *)b, 2);
	}
	for (cp = 0; cp < 0x800; cp++) {
		b[0] = 0xe0;
		b[1] = (unsigned char)(0x80 | cp >> 6);
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		check_invalid((char *)b, 3);
	}
	for (cp = 0; cp < 0x10000; cp++) {
		b[0] = 0xf0;
		b[1] = (unsigned char)(0x80 | cp >> 12);
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		check_invalid((char *)b, 4);
	}
}

static void
test_surrogates(void **state)
{
	unsigned char	 b[3];
	uint32_t	 cp;

	(void)state;
	check_all_invalid("\xed\xa0\x80", 3);
	check_all_invalid("\xed\xbf\xbf", 3);
	for (cp = 0xd800; cp <= 0xdfff; cp++) {
		b[0] = 0xed;
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		check_invalid((char *)b, 3);
	}
}

static void
test_beyond_max(void **state)
{
	unsigned char	 b[4];
	uint32_t	 cp;

	(void)state;
	check_all_invalid("\xf4\x90\x80\x80", 4);
	check_all_invalid("\xf5\x80\x80\x80", 4);
	check_all_invalid("\xf7\xbf\xbf\xbf", 4);
	/* Five- and six-byte forms of old UTF-8. */
	check_all_invalid("\xf8\x88\x80\x80\x80", 5);
	check_all_invalid("\xfc\x84\x80\x80\x80\x80", 6);
	for (cp = 0x110000; cp <= 0x1fffff; cp += 0x3f) {
		b[0] = (unsigned char)(0xf0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		check_invalid((char *)b, 4);
	}
}

static void
test_stray_continuation(void **state)
{
	unsigned int	 c;
	char		 b[2];

	(void)state;
	for (c = 0x80; c <= 0xbf; c++) {
		b[0] = (char)c;
		b[1] = 'a';
		check_invalid(b, 2);
		check_invalid(b, 1);
	}
	check_all_invalid("\x80\x80\x80\x80", 4);
	/* A lead byte followed by too many continuations: the extra one is stray. */
	check_valid("\xc3\xa9\xa9", 3, 2, 0xe9);
	check_invalid("\xa9", 1);
}

static void
test_truncated(void **state)
{
	(void)state;
	/* Cut by the end of the buffer. */
	check_invalid("\xc3", 1);
	check_invalid("\xe2\x82", 2);
	check_invalid("\xe2", 1);
	check_invalid("\xf0\x9f\x98", 3);
	check_invalid("\xf0\x9f", 2);
	check_invalid("\xf0", 1);
	/* n is the end, even when more valid bytes follow in memory. */
	check_invalid("\xe2\x82\xac", 2);
	check_invalid("\xf0\x9f\x98\x80", 3);
	/* Cut by a byte that is not a continuation. */
	check_invalid("\xc3" "a", 2);
	check_invalid("\xe2\x82" "a", 3);
	check_invalid("\xf0\x9f\x98" "a", 4);
	check_invalid("\xe2\xc3\xa9", 3);
	check_valid("\xc3\xa9", 2, 2, 0xe9);
}

static void
test_fe_ff(void **state)
{
	(void)state;
	check_invalid("\xfe", 1);
	check_invalid("\xff", 1);
	check_invalid("\xfe\x80\x80", 3);
	check_invalid("\xff\xbf", 2);
	check_all_invalid("\xfe\xff\xfe\xff", 4);
}

/* Every two- and three-byte input against the definition: valid exactly when it is the
   shortest encoding of a scalar value. */
static void
test_against_reference(void **state)
{
	unsigned char	 b[3], e[4];
	uint32_t	 cp, want;
	size_t		 len, wantlen;
	unsigned int	 i, j, k;

	(void)state;
	for (i = 0x80; i <= 0xff; i++) {
		for (j = 0; j <= 0xff; j++) {
			b[0] = (unsigned char)i;
			b[1] = (unsigned char)j;
			want = UTF8_INVALID;
			wantlen = 1;
			if (i >= 0xc0 && i < 0xe0 && (j & 0xc0) == 0x80) {
				cp = (i & 0x1f) << 6 | (j & 0x3f);
				if (ref_encode(cp, e) == 2) {
					want = cp;
					wantlen = 2;
				}
			}
			len = utf8_decode((char *)b, 2, &cp);
			if (len != wantlen || cp != want)
				fail_msg("%02x %02x: got len %zu cp %x, want %zu %x",
				    i, j, len, (unsigned)cp, wantlen, (unsigned)want);
		}
	}
	for (i = 0xe0; i <= 0xef; i++) {
		for (j = 0; j <= 0xff; j++) {
			for (k = 0; k <= 0xff; k++) {
				b[0] = (unsigned char)i;
				b[1] = (unsigned char)j;
				b[2] = (unsigned char)k;
				want = UTF8_INVALID;
				wantlen = 1;
				if ((j & 0xc0) == 0x80 && (k & 0xc0) == 0x80) {
					cp = (i & 0x0f) << 12 | (j & 0x3f) << 6 |
					    (k & 0x3f);
					if (is_scalar(cp) && ref_encode(cp, e) == 3) {
						want = cp;
						wantlen = 3;
					}
				}
				len = utf8_decode((char *)b, 3, &cp);
				if (len != wantlen || cp != want)
					fail_msg("%02x %02x %02x: got len %zu cp %x, "
					    "want %zu %x", i, j, k, len, (unsigned)cp,
					    wantlen, (unsigned)want);
			}
		}
	}
}

static void
test_round_trip(void **state)
{
	unsigned char	 ref[4];
	char		 out[8];
	uint32_t	 cp, got;
	size_t		 len, rlen;

	(void)state;
	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (!is_scalar(cp))
			continue;
		memset(out, 'x', sizeof out);
		len = utf8_encode(cp, out);
		rlen = ref_encode(cp, ref);
		if (len != rlen || memcmp(out, ref, len) != 0)
			fail_msg("U+%04X: encoded to %zu bytes, want %zu", (unsigned)cp,
			    len, rlen);
		if (out[len] != 'x')
			fail_msg("U+%04X: wrote past its length", (unsigned)cp);
		got = 0;
		if (utf8_decode(out, len, &got) != len || got != cp)
			fail_msg("U+%04X: decoded to %x", (unsigned)cp, (unsigned)got);
		/* With bytes after it, the character still ends where it ends. */
		got = 0;
		if (utf8_decode(out, sizeof out, &got) != len || got != cp)
			fail_msg("U+%04X: decoded with trailing bytes to %x",
			    (unsigned)cp, (unsigned)got);
		/* One byte short is truncated. */
		if (len > 1 && (utf8_decode(out, len - 1, &got) != 1 ||
		    got != UTF8_INVALID))
			fail_msg("U+%04X: truncated to %zu bytes still decodes",
			    (unsigned)cp, len - 1);
	}
}

static void
test_trim_boundaries(void **state)
{
	/* a, é (2), € (3), 😀 (4): characters end at 1, 3, 6 and 10. */
	static const char	 s[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	static const size_t	 want[] = { 0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10 };
	size_t			 max;

	(void)state;
	for (max = 0; max <= 10; max++)
		assert_int_equal(utf8_trim(s, 10, max), want[max]);
	assert_int_equal(utf8_trim(s, 10, 11), 10);
	assert_int_equal(utf8_trim(s, 10, SIZE_MAX), 10);
	assert_int_equal(utf8_trim(s, 0, 5), 0);
	/* n is the end: a character cut by n is bytes of its own. */
	assert_int_equal(utf8_trim(s, 5, 5), 5);
	/* Invalid bytes are one byte each, so a cut may fall between them. */
	assert_int_equal(utf8_trim("\xff\xfe\xff", 3, 2), 2);
	assert_int_equal(utf8_trim("ab\xe2\x82", 4, 3), 3);
	assert_int_equal(utf8_trim("\xed\xa0\x80", 3, 2), 2);
}

static void
test_trim_property(void **state)
{
	char		 s[64];
	uint64_t	 seed = 0x9e3779b97f4a7c15u;
	uint32_t	 cp;
	size_t		 n, max, got, pos;
	int		 iter;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		n = 0;
		while (n < sizeof s - 4) {
			if (tu_randn(&seed, 4) == 0)
				s[n++] = (char)tu_randn(&seed, 256);
			else {
				do
					cp = (uint32_t)tu_randn(&seed, 0x110000);
				while (!is_scalar(cp));
				n += ref_encode(cp, (unsigned char *)s + n);
			}
			if (tu_randn(&seed, 16) == 0)
				break;
		}
		max = tu_randn(&seed, n + 2);
		got = utf8_trim(s, n, max);
		assert_true(got <= max && got <= n);
		/* got is a character boundary, and the next character does not fit. */
		pos = 0;
		while (pos < got)
			pos += utf8_decode(s + pos, n - pos, &cp);
		assert_int_equal(pos, got);
		if (got < n)
			assert_true(got + utf8_decode(s + got, n - got, &cp) > max);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_one_byte),
		cmocka_unit_test(test_valid_two_bytes),
		cmocka_unit_test(test_valid_three_bytes),
		cmocka_unit_test(test_valid_four_bytes),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_overlong_exhaustive),
		cmocka_unit_test(test_surrogates),
		cmocka_unit_test(test_beyond_max),
		cmocka_unit_test(test_stray_continuation),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_fe_ff),
		cmocka_unit_test(test_against_reference),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_trim_boundaries),
		cmocka_unit_test(test_trim_property),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
