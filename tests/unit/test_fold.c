/* fold.c and themes with fold = yes: the folded text and its map back, and folded
   matching checked against a plain search of the whole text folded by utf8proc_map()
   (one call over the text, where fold.c folds a character at a time), each match's
   span in the text folding to what matched, and the search guided by the folded
   prefilter finding the same. */
#include "testutil.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include "config.h"
#include "fold.h"
#include "prefilter.h"
#include "theme.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

/* The oracle's folding: the whole text at once, and the modifier letters of
   transliteration left out as fold.c says. Caller frees. */
static char *
oracle_fold(const char *s, size_t n)
{
	utf8proc_uint8_t	*mapped = NULL, *out;
	utf8proc_ssize_t	 len, i = 0, k;
	utf8proc_int32_t	 cp;
	size_t			 o = 0;

	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &mapped, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_LUMP |
	    UTF8PROC_IGNORE);
	assert_true(len >= 0);
	out = malloc((size_t)len + 1);
	assert_non_null(out);
	while (i < len) {
		k = utf8proc_iterate(mapped + i, len - i, &cp);
		assert_true(k > 0);
		if (!(cp >= 0x2b0 && cp <= 0x2ff &&
		    utf8proc_category(cp) == UTF8PROC_CATEGORY_LM)) {
			memcpy(out + o, mapped + i, (size_t)k);
			o += (size_t)k;
		}
		i += k;
	}
	out[o] = '\0';
	free(mapped);
	return (char *)out;
}

/* Every folded byte maps to where a character starts, in order; the folded text is
   the oracle's; fold_to() and fold_start() agree; a text folded again is kept. */
static void
test_map(void **state)
{
	static const char *const texts[] = {
		"plain ASCII, all of it",
		"Dayr al-Z\xc5\xabr",				/* ū */
		"Dayr al\xe2\x80\x94Zu\xcc\x84r",		/* — and u + macron */
		"\xca\xbf" "Ayn al-\xca\xbf" "Arab",		/* ʿ */
		"al-Qa\xe2\x80\x99ida al-Qa\xca\xbcida",	/* ’ ʼ */
		"soft\xc2\xadhyphen zw\xe2\x80\x8dj",		/* SHY, ZWJ */
		"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",	/* Hangul: three letters each */
		"bad \xff bytes \xc3",
		""
	};
	struct fold	 f;
	char		*want;
	size_t		 i, j, n;

	(void)state;
	memset(&f, 0, sizeof f);
	for (i = 0; i < NITEMS(texts); i++) {
		n = strlen(texts[i]);
		fold_text(&f, texts[i], n);
		if (i < NITEMS(texts) - 2 || n == 0) {
			want = oracle_fold(texts[i], n);
			assert_string_equal(f.text, want);
			free(want);
		}
		assert_int_equal(f.map[f.len], n);
		for (j = 0; j < f.len; j++) {
			assert_true(f.map[j] < n);
			assert_true(j == 0 || f.map[j] >= f.map[j - 1]);
			/* A character's first byte, or a byte that is not UTF-8. */
			assert_true(((unsigned char)texts[i][f.map[j]] & 0xc0) != 0x80 ||
			    f.text[j] == texts[i][f.map[j]]);
			assert_true(fold_start(&f, fold_to(&f, f.map[j])) == f.map[j]);
		}
		assert_int_equal(fold_to(&f, n), f.len);
		assert_int_equal(fold_end(&f, f.len), n);
	}
	/* The same bytes at another address are known again; others are not. */
	fold_text(&f, "Dayr al-Z\xc5\xabr", 12);
	assert_string_equal(f.text, "Dayr al-Zur");
	fold_text(&f, "Dayr al-Z\xc5\xabx", 12);
	assert_string_equal(f.text, "Dayr al-Zux");
	/* A match that ends inside what a Hangul syllable became takes all of it. */
	fold_text(&f, "\xed\x95\x9cx", 4);
	assert_true(f.len > 2);
	assert_int_equal(fold_end(&f, 1), 3);
	fold_free(&f);
}

/* Folded matching: every pattern's count is the count of a plain search of the
   oracle's folding of the whole text, and every match's span, folded, is what the
   plain search matched there. Texts drawn from spellings with marks, dashes and
   apostrophes of every form, and other names close to them (no bytes that are not
   UTF-8, which utf8proc_map() refuses: test_map has them). */
static void
test_matches(void **state)
{
	static const char *const words[] = {
		"Deir ez-Zor", "Deir ez\xe2\x80\x90Zor", "Deir ez\xe2\x80\x93Z\xc3\xb4r",
		"D\xc3\xa9ir ez-Zo\xcc\x88r", "Dayr al-Z\xc5\xabr", "DAYR AL\xe2\x80\x94ZUR",
		"Deir Hafer", "\xca\xbf" "Ayn al-\xca\xbf" "Arab", "Ayn al-Arab",
		"al-Qa\xe2\x80\x99ida", "al-Qa\xca\xbcida", "al-Qa'ida", "Qaida",
		"na\xc3\xafve", "\xe2\x80\x9cquoted\xe2\x80\x9d", "\xd8\xaf\xd9\x8a\xd8\xb1",
		"x", ".", "\n", "z\xc3\xbcr", "\xe1\xb8\x8c\x61yr"
	};
	static const char *const pats[] = {
		"deir ez-zor", "dayr al-zur", "ayn al-arab", "al-qa'ida", "\\bz\\w*r\\b",
		"d\\w+r", "Deir", "naive"
	};
	struct config	 cfg;
	struct theme	*t;
	struct diag	 d;
	struct matcher	*m = matcher_new();
	struct match_list ml = { NULL, 0, 0 }, gl = { NULL, 0, 0 };
	struct prefilter *pf;
	struct prefilter_hits h;
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	PCRE2_SIZE	*ov = pcre2_get_ovector_pointer(md);
	const char	*ft;
	char		 text[2048], *folded, *span, *dir = tu_mkdtemp(), *path;
	size_t		 i, k, p, n, off, seen = 0, guided = 0, flen;
	unsigned	 seed = 1616;

	(void)state;
	memset(&d, 0, sizeof d);
	for (p = 0; p < NITEMS(pats); p++) {
		snprintf(text, sizeof text, "[theme t]\npattern = \"%s\"\nfold = yes\n",
		    pats[p]);
		path = tu_write_in(dir, "t.ini", text, strlen(text));
		config_init(&cfg);
		assert_int_equal(config_load(&cfg, &(struct config_file){ path, 1, 0,
		    NULL, 0 }, 1, &d), 0);
		assert_int_equal(d.nerrors, 0);
		t = &cfg.themes[0];
		assert_true(t->fold);
		pf = prefilter_new_folded(&cfg);
		prefilter_hits_init(&h, pf);
		for (k = 0; k < 200; k++) {
			for (n = 0, text[0] = '\0'; n < 12; n++) {
				seed = seed * 1103515245 + 12345;
				strcat(text, words[(seed >> 16) % NITEMS(words)]);
				strcat(text, (seed >> 8) % 3 == 0 ? ", " : " ");
			}
			match_list_clear(&ml);
			assert_int_equal(matcher_theme(m, t, 0, text, strlen(text), 0,
			    strlen(text), &ml), 0);
			/* Guided by the folded prefilter, as the scan searches:
			   the same matches. */
			ft = matcher_folded(m, text, strlen(text), &flen);
			prefilter_scan(pf, ft, flen, &h);
			match_list_clear(&gl);
			if (prefilter_has(pf, prefilter_unit(pf, 0, 0)) && !h.unsafe) {
				guided++;
				assert_int_equal(matcher_guided(m, t, 0, 0, text,
				    strlen(text), 0, h.occ[0], h.nocc[0],
				    prefilter_prefix(pf, 0), &gl), 0);
			} else
				assert_int_equal(matcher_pattern(m, t, 0, 0, text,
				    strlen(text), 0, strlen(text), &gl), 0);
			assert_int_equal(gl.n, ml.n);
			for (i = 0; i < ml.n; i++)
				assert_true(gl.v[i].start == ml.v[i].start &&
				    gl.v[i].end == ml.v[i].end);
			folded = oracle_fold(text, strlen(text));
			/* The plain search: each match where the last ended. */
			for (off = 0, i = 0; pcre2_match(t->pats[0].re,
			    (PCRE2_SPTR)folded, strlen(folded), off, 0, md, NULL) >= 0;
			    i++) {
				assert_true(i < ml.n);
				span = oracle_fold(text + ml.v[i].start,
				    ml.v[i].end - ml.v[i].start);
				if (strlen(span) != ov[1] - ov[0] ||
				    memcmp(span, folded + ov[0], ov[1] - ov[0]) != 0)
					fail_msg("pattern %s: match %zu is \"%s\" in the "
					    "text, \"%.*s\" folded", pats[p], i, span,
					    (int)(ov[1] - ov[0]), folded + ov[0]);
				free(span);
				off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
				seen++;
			}
			assert_int_equal(i, ml.n);
			free(folded);
		}
		prefilter_hits_free(&h);
		prefilter_free(pf);
		config_free(&cfg);
		free(path);
	}
	/* The texts gave the patterns something to find, and the prefilter
	   guided most of them. */
	assert_true(seen > 500);
	assert_true(guided > 800);
	match_list_free(&gl);
	diag_free(&d);
	pcre2_match_data_free(md);
	match_list_free(&ml);
	matcher_free(m);
	tu_rmtree(dir);
	free(dir);
}

/* A pattern is folded minding its syntax: a letter the text folded never has (ʿ)
   leaves an empty group that a quantifier can follow, or stays in its class so that
   the class is not left empty; a dash or apostrophe lumped into ASCII stays a
   character, never a range or syntax; a Hangul syllable is one group; a character
   given as \x{..} is folded as one written out. Each compiles and finds every
   spelling in a text. */
static void
test_pattern(void **state)
{
	static const struct {
		const char	*pattern, *folded;
		size_t		 hits;
	} cases[] = {
		{ "\xca\xbf?ayn", "(?:)?ayn", 3 },
		{ "[\xca\xbf\xca\xbe]?ayn", "[\xca\xbf\xca\xbe]?ayn", 3 },
		{ "[\xca\xbf']ayn", "[\xca\xbf']ayn", 1 },
		{ "al-\xca\xbf" "arab", "al-(?:)arab", 2 },
		{ "\\\xca\xbf" "arab", "(?:)arab", 2 },
		{ "\\Q\xca\xbf" "arab\\E", "\\Qarab\\E", 2 },
		{ "[]\xca\xbf]", "[]\xca\xbf]", 0 },
		{ "[[:alpha:]\xca\xbf]+n", "[[:alpha:]\xca\xbf]+n", 3 },
		{ "q[a\xe2\x80\x90z]", "q[a\\-z]", 1 },
		{ "al-\\x{2bf}arab", "al-(?:)arab", 2 },
		{ "[\\x{2bf}]?ayn", "[\\x{2bf}]?ayn", 3 },
		{ "\\x{101}yn", "ayn", 3 },
		{ "\\xe2yn", "ayn", 3 },
		{ "\\x{41}yn", "\\x{41}yn", 3 },
		{ "\xed\x95\x9c?\xea\xb5\xad", "(?:\xe1\x84\x92\xe1\x85\xa1"
		    "\xe1\x86\xab)?(?:\xe1\x84\x80\xe1\x85\xae\xe1\x86\xa8)", 2 },
	};
	static const char text[] = "\xca\xbf" "Ayn al-\xca\xbf" "Arab, Ayn al-Arab, "
	    "\xe2\x80\x98" "Ayn; q-z qb; \xed\x95\x9c\xea\xb5\xad \xea\xb5\xad";
	struct theme	 t;
	struct diag	 d;
	struct matcher	*m = matcher_new();
	struct match_list ml = { NULL, 0, 0 };
	char		*f;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		f = fold_pattern(cases[i].pattern);
		if (strcmp(f, cases[i].folded) != 0)
			fail_msg("%s folds to %s, not %s", cases[i].pattern, f,
			    cases[i].folded);
		free(f);
		memset(&d, 0, sizeof d);
		assert_int_equal(theme_single(&t, "t", cases[i].pattern, &d), 0);
		t.fold = 1;
		theme_compile(&t, &d);
		assert_int_equal(d.nerrors, 0);
		match_list_clear(&ml);
		assert_int_equal(matcher_theme(m, &t, 0, text, sizeof text - 1, 0,
		    sizeof text - 1, &ml), 0);
		if (ml.n != cases[i].hits)
			fail_msg("%s: %zu hits, not %zu", cases[i].pattern, ml.n,
			    cases[i].hits);
		theme_free(&t);
		diag_free(&d);
	}
	match_list_free(&ml);
	matcher_free(m);
}

/* Without fold, a theme sees the text as written; fold takes yes or no only. */
static void
test_config(void **state)
{
	static const char ok[] = "[theme a]\npattern = \"dayr al-zur\"\n"
	    "[theme b]\npattern = \"dayr al-zur\"\nfold = yes\n";
	static const char bad[] = "[theme c]\npattern = x\nfold = maybe\n";
	static const char errpat[] = "[theme e]\npattern = \"Z\xc5\xabr ((\"\n"
	    "fold = yes\n";
	static const char text[] = "Dayr al-Z\xc5\xabr";
	struct config	 cfg;
	struct diag	 d;
	struct matcher	*m = matcher_new();
	struct match_list ml = { NULL, 0, 0 };
	char		*dir = tu_mkdtemp(), *path;
	size_t		 i;

	(void)state;
	memset(&d, 0, sizeof d);
	path = tu_write_in(dir, "t.ini", ok, sizeof ok - 1);
	config_init(&cfg);
	assert_int_equal(config_load(&cfg, &(struct config_file){ path, 1, 0, NULL, 0 },
	    1, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(matcher_theme(m, &cfg.themes[0], 0, text, sizeof text - 1, 0,
	    sizeof text - 1, &ml), 0);
	assert_int_equal(ml.n, 0);
	assert_int_equal(matcher_theme(m, &cfg.themes[1], 1, text, sizeof text - 1, 0,
	    sizeof text - 1, &ml), 0);
	assert_int_equal(ml.n, 1);
	assert_int_equal(ml.v[0].start, 0);
	assert_int_equal(ml.v[0].end, sizeof text - 1);
	config_free(&cfg);
	free(path);
	path = tu_write_in(dir, "bad.ini", bad, sizeof bad - 1);
	config_init(&cfg);
	config_load(&cfg, &(struct config_file){ path, 1, 0, NULL, 0 }, 1, &d);
	assert_true(d.nerrors > 0);
	assert_non_null(strstr(d.msgs[d.n - 1].text, "bad.ini:3: theme c: fold: "
	    "'maybe' is not yes or no"));
	config_free(&cfg);
	free(path);
	/* A pattern that does not compile is said where it is as written, not
	   where it is folded (Z\xc5\xabr is a byte shorter folded). */
	path = tu_write_in(dir, "err.ini", errpat, sizeof errpat - 1);
	config_init(&cfg);
	config_load(&cfg, &(struct config_file){ path, 1, 0, NULL, 0 }, 1, &d);
	for (i = 0; i < d.n && strstr(d.msgs[i].text, "err.ini:2:18: theme e: "
	    "pattern: missing closing parenthesis at offset 7") == NULL; i++)
		;
	assert_true(i < d.n);
	config_free(&cfg);
	free(path);
	diag_free(&d);
	match_list_free(&ml);
	matcher_free(m);
	tu_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_pattern),
		cmocka_unit_test(test_config),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
