/* Tests of the literal prefilter: what it extracts from patterns, and that a search
   guided by it finds exactly what a search of the whole text finds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"
#include "prefilter.h"
#include "theme.h"

/* A config with one theme per pattern, loaded from a temporary INI file. */
static void
load(struct config *c, const char *const *pats, size_t n)
{
	struct diag	 d;
	FILE		*fp;
	char		*dir, *path, *text = NULL;
	size_t		 i, len = 0;

	if ((fp = open_memstream(&text, &len)) == NULL)
		fail_msg("open_memstream");
	for (i = 0; i < n; i++)
		fprintf(fp, "[theme t%zu]\npattern = \"%s\"\n", i, pats[i]);
	fclose(fp);
	memset(&d, 0, sizeof d);
	config_init(c);
	dir = tu_mkdtemp();
	path = tu_config_text(c, &d, dir, "themes.ini", text, len);
	assert_int_equal(d.nerrors, 0);
	diag_free(&d);
	tu_rmtree(dir);
	free(dir);
	free(path);
	free(text);
}

static int
has_string(const struct prefilter *pf, size_t u, const char *s)
{
	size_t	 i;

	for (i = 0; i < prefilter_count(pf, u); i++)
		if (strcmp(prefilter_string(pf, u, i), s) == 0)
			return 1;
	return 0;
}

static void
test_extract(void **state)
{
	static const char *const pats[] = {
		"\\bisis\\b",				/* 0 */
		"(?i)\\b(?:isis|isil|daesh|islamic state)\\b",	/* 1 */
		"deir[- ]?(?:ez|el)?[- ]?zo+r|DEZ",		/* 2 */
		"(a)\\1abc",					/* 3: backreference */
		"(?x) a b c d",					/* 4: extended */
		"a.*b",						/* 5: too short */
		"\\w+ kamal",					/* 6 */
		"(?:al-)?may[aā]d(?:i|ee)n",			/* 7 */
		"x{0,3}oil field",				/* 8 */
		"\\Qa.b\\E-c",				/* 9 */
		"(?=foo)foobar",				/* 10 */
		"[a-c]at",					/* 11 */
		"[la[:]|albu]kamal",				/* 12: not POSIX */
		"[[:alpha:]]+ kamal",				/* 13: POSIX */
		"[[:^digit:]]albu",				/* 14 */
		"x\\N{U+41}qaim",				/* 15: one character */
		"\\N{3}qaim",					/* 16: \N three times */
		"kam[a\\Q]\\E]xyz",				/* 17: ']' in \Q..\E */
		"qaim{ 3}",					/* 18: a count or text */
		"qaim{x3}",					/* 19: text */
		"ab{2}cd",					/* 20 */
	};
	struct config		 c;
	struct prefilter	*pf;

	(void)state;
	load(&c, pats, sizeof pats / sizeof pats[0]);
	pf = prefilter_new(&c);
	assert_true(prefilter_has(pf, 0));
	assert_true(has_string(pf, 0, "isis"));
	assert_int_equal(prefilter_prefix(pf, 0), 0);
	assert_true(has_string(pf, 1, "islamic state"));
	assert_true(has_string(pf, 1, "daesh"));
	assert_int_equal(prefilter_count(pf, 1), 4);
	assert_true(has_string(pf, 2, "dez"));
	assert_true(has_string(pf, 2, "deir-ez-z"));
	assert_false(prefilter_has(pf, 3));
	assert_false(prefilter_has(pf, 4));
	assert_false(prefilter_has(pf, 5));
	assert_true(has_string(pf, 6, " kamal"));
	assert_int_equal(prefilter_prefix(pf, 6), -1);
	assert_true(has_string(pf, 7, "may"));
	assert_true(has_string(pf, 8, "oil field"));
	assert_int_equal(prefilter_prefix(pf, 8), 3);
	assert_true(has_string(pf, 9, "a.b-c"));
	assert_true(has_string(pf, 10, "foobar"));
	assert_true(has_string(pf, 11, "bat"));
	assert_int_equal(prefilter_count(pf, 11), 3);
	/* "[l[:]" is the class of 'l', '[' and ':'; the branch after it is
	   another, which must not be read as required (fuzz_theme). */
	assert_false(prefilter_has(pf, 12));
	assert_true(has_string(pf, 13, " kamal"));
	assert_true(has_string(pf, 14, "albu"));
	assert_false(has_string(pf, 15, "{u+41}qaim"));
	assert_true(has_string(pf, 15, "qaim"));
	assert_true(has_string(pf, 16, "qaim"));
	assert_false(prefilter_has(pf, 17));
	assert_false(prefilter_has(pf, 18));
	assert_true(has_string(pf, 19, "qaim{x3}"));
	assert_true(has_string(pf, 20, "abbcd"));
	prefilter_free(pf);
	config_free(&c);
}

/* The forms each step of the extractor reads (pf_group_special, pf_group_options,
   pf_escape_hex, pf_class_item, pf_class_escape, pf_count): what it finds, and
   where it gives up. */
static void
test_extract_steps(void **state)
{
	static const char *const pats[] = {
		"a(?#c)+bcd",			/* 0: a quantifier after a comment */
		"(?i:abc)def",			/* 1 */
		"\\x41bcd",			/* 2 */
		"\\x{61}bcd",			/* 3 */
		"[\\d]abc",			/* 4 */
		"(?<n>abc)def",			/* 5 */
		"(?<=x)abcd",			/* 6 */
		"[x-z]yz",			/* 7 */
		"(?:ab){2,3}cde",		/* 8 */
		"(?:ab){2}cde",			/* 9 */
		"(?x:abc)",			/* 10: extended */
		"(?P<n>abc)def",		/* 11 */
	};
	struct config		 c;
	struct prefilter	*pf;

	(void)state;
	load(&c, pats, sizeof pats / sizeof pats[0]);
	pf = prefilter_new(&c);
	assert_false(prefilter_has(pf, 0));
	assert_true(has_string(pf, 1, "abcdef"));
	assert_int_equal(prefilter_count(pf, 1), 1);
	assert_true(has_string(pf, 2, "abcd"));
	assert_true(has_string(pf, 3, "abcd"));
	assert_true(has_string(pf, 4, "abc"));
	assert_int_equal(prefilter_prefix(pf, 4), 4);
	assert_true(has_string(pf, 5, "abcdef"));
	assert_true(has_string(pf, 6, "abcd"));
	assert_int_equal(prefilter_prefix(pf, 6), 0);
	assert_int_equal(prefilter_count(pf, 7), 3);
	assert_true(has_string(pf, 7, "yyz"));
	assert_true(has_string(pf, 8, "cde"));
	assert_int_equal(prefilter_prefix(pf, 8), 6);
	assert_true(has_string(pf, 9, "ababcde"));
	assert_false(prefilter_has(pf, 10));
	assert_true(has_string(pf, 11, "abcdef"));
	prefilter_free(pf);
	config_free(&c);
}

/* Groups in groups: a few levels are read; as deep as PCRE2 allows (250), the
   extractor gives up instead of recursing that far (a stack overflow that
   fuzz_theme found in a sanitized build). */
static void
test_deep_groups(void **state)
{
	static const int	 depths[] = { 20, 240 };
	char			 pats[2][1024];
	const char		*p[2];
	struct config		 c;
	struct prefilter	*pf;
	size_t			 i;
	int			 k, len;

	(void)state;
	for (i = 0; i < 2; i++) {
		len = 0;
		for (k = 0; k < depths[i]; k++)
			len += snprintf(pats[i] + len, sizeof pats[i] - (size_t)len, "(");
		len += snprintf(pats[i] + len, sizeof pats[i] - (size_t)len, "albu kamal");
		for (k = 0; k < depths[i]; k++)
			len += snprintf(pats[i] + len, sizeof pats[i] - (size_t)len, ")");
		p[i] = pats[i];
	}
	load(&c, p, 2);
	pf = prefilter_new(&c);
	assert_true(has_string(pf, 0, "albu kamal"));
	assert_false(prefilter_has(pf, 1));
	prefilter_free(pf);
	config_free(&c);
}

static uint64_t	rng = 88172645463325252ULL;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/* For each pattern and many random texts made of its words, in random case, with
   multi-byte letters, KELVIN SIGN now and then, and invalid bytes: the guided search
   of every pattern finds the same matches as the unguided one. */
/* A \Q..\E longer than a prefilter string is cut short: what follows it may then
   start anywhere after the cut, and a guided search must still find it (it did not:
   the cut literal counted as the whole, and the window behind "abcd" was too
   short). */
static void
test_long_quoted(void **state)
{
	static const char *const pats[] = {
		"(?:\\Qklmnopqrstklmnopqrstklmnopqrstklmnopqrstklmnopqrstklmnopqrst\\E|x)abcd",
		"\\Qklmnopqrstklmnopqrstklmnopqrstklmnopqrstklmnopqrstklmnopqrst\\Eabcd",
	};
	static const char text[] = "a line: klmnopqrstklmnopqrstklmnopqrst"
	    "klmnopqrstklmnopqrstklmnopqrstabcd, and xabcd";
	struct config		 c;
	struct prefilter	*pf;
	struct prefilter_hits	 h;
	struct matcher		*m;
	struct match_list	 a, b;
	size_t			 t, u, len = sizeof text - 1;

	(void)state;
	load(&c, pats, sizeof pats / sizeof pats[0]);
	pf = prefilter_new(&c);
	prefilter_hits_init(&h, pf);
	m = matcher_new();
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	prefilter_scan(pf, text, len, &h);
	for (t = 0; t < c.nthemes; t++) {
		u = prefilter_unit(pf, t, 0);
		match_list_clear(&a);
		match_list_clear(&b);
		assert_int_equal(matcher_pattern(m, &c.themes[t], t, 0, text, len, 0,
		    len, &a), 0);
		assert_int_equal(a.n, t == 0 ? 2 : 1);
		assert_true(prefilter_has(pf, u));
		assert_false(h.unsafe);
		assert_int_equal(matcher_guided(m, &c.themes[t], t, 0, text, len, 0,
		    h.occ[u], h.nocc[u], prefilter_prefix(pf, u), &b), 0);
		assert_int_equal(b.n, a.n);
		assert_int_equal(b.v[0].start, a.v[0].start);
	}
	match_list_free(&a);
	match_list_free(&b);
	matcher_free(m);
	prefilter_hits_free(&h);
	prefilter_free(pf);
	config_free(&c);
}

static void
test_guided_equals_unguided(void **state)
{
	static const char *const pats[] = {
		"\\bisis\\b",
		"(?i)\\b(?:isis|isil|daesh|islamic state)\\b",
		"deir[- ]?(?:ez|el|al)?[- ]?zo+u?r",
		"\\bDEZ\\b",
		"\\b(?:al-)?(?:albu|abu)[- ]?kamal\\b",
		"x{0,3}oil field",
		"\\w{0,2}kam",
		"(?:ab|a)(?:bc|c)de",
		"may[aā]d(?:i|ī|ee)n",
		"(?<=al-)qaim",
		"qaim(?=\\s)",
		"[dD]eir.{0,4}zor",
		"ka?m+al",
		/* Found by fuzz_theme: \K moves a match's start past where it was
		   tried, and PCRE2's interpreter (which \C needs) answered an anchored
		   search with a match past an invalid byte. */
		"abu[- ]\\Kkamal",
		"\\Gkam",
		"x?\\((?#c)?\\bkam",
		/* A count PCRE2 refuses outside \Q..\E: the prefilter's lengths
		   once overflowed on it (fuzz_theme, UBSan). */
		"\\Qt{9999999999999999999999}\\E|kam{0,65535}a?",
		"\\Ckam",
		/* Found by fuzz_theme: PCRE2 ignores a \E outside \Q..\E, and a
		   quantifier after \Q..\E applies to its last character only, so in
		   both the ? makes optional what the prefilter had required. */
		"d\\E?hor",
		"x\\Qkam\\E?al",
		"x\\Q\\E?kam",
	};
	static const char *const words[] = {
		"isis", "ISIL", "daesh", "Islamic State", "deir", "ez", "el", "zor",
		"zoor", "DEZ", "dez", "albu", "Abu", "kamal", "KAMAL", "al-", "oil",
		"field", "x", "xx", "xxxx", "kam", "ab", "abc", "de", "bcde", "mayadin",
		"mayādin", "mayadeen", "qaim", "al-qaim", "\xe2\x84\xaa\x61mal", " ", " ",
		" ", "-", "\n", "é", "\xff", "zo", "deir-ez-zor", "Deir Ezzor", "kmmal",
		"\x83}", "h", "hor", "xka", "xkaal", "xkam"
	};
	struct config		 c;
	struct prefilter	*pf;
	struct prefilter_hits	 h;
	struct matcher		*m;
	struct match_list	 a, b;
	char			 text[600];
	size_t			 t, len, u, k, nw = sizeof words / sizeof words[0];
	int			 iter;

	(void)state;
	load(&c, pats, sizeof pats / sizeof pats[0]);
	pf = prefilter_new(&c);
	prefilter_hits_init(&h, pf);
	m = matcher_new();
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	for (iter = 0; iter < 3000; iter++) {
		len = 0;
		while (len < sizeof text - 40) {
			const char	*w = words[next() % nw];
			size_t		 wl = strlen(w);

			memcpy(text + len, w, wl);
			for (k = 0; k < wl; k++)
				if (next() % 4 == 0 && text[len + k] >= 'a' &&
				    text[len + k] <= 'z')
					text[len + k] -= 32;
			len += wl;
			if (next() % 3)
				text[len++] = ' ';
		}
		prefilter_scan(pf, text, len, &h);
		for (t = 0; t < c.nthemes; t++) {
			u = prefilter_unit(pf, t, 0);
			match_list_clear(&a);
			match_list_clear(&b);
			assert_int_equal(matcher_pattern(m, &c.themes[t], t, 0, text, len,
			    0, len, &a), 0);
			if (prefilter_has(pf, u) && !h.unsafe)
				assert_int_equal(matcher_guided(m, &c.themes[t], t, 0, text,
				    len, 0, h.occ[u], h.nocc[u], prefilter_prefix(pf, u),
				    &b), 0);
			else
				assert_int_equal(matcher_pattern(m, &c.themes[t], t, 0,
				    text, len, 0, len, &b), 0);
			if (a.n != b.n)
				fail_msg("pattern %s, iteration %d: %zu matches unguided, "
				    "%zu guided", pats[t], iter, a.n, b.n);
			for (k = 0; k < a.n; k++)
				if (a.v[k].start != b.v[k].start || a.v[k].end != b.v[k].end)
					fail_msg("pattern %s, iteration %d: match %zu "
					    "differs", pats[t], iter, k);
		}
	}
	match_list_free(&a);
	match_list_free(&b);
	matcher_free(m);
	prefilter_hits_free(&h);
	prefilter_free(pf);
	config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extract),
		cmocka_unit_test(test_extract_steps),
		cmocka_unit_test(test_deep_groups),
		cmocka_unit_test(test_long_quoted),
		cmocka_unit_test(test_guided_equals_unguided),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
