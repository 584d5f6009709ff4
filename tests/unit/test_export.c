/* export.c: the test that lets a snippet's text go into JSON as it is. A string passes
   export_json_plain() only if jansson would write it unchanged between its quotes and
   it holds none of the characters rubric writes as \uXXXX (DEL, C1, bidi controls).
   Checked against jansson itself over every scalar value and many random strings, so
   that the fast path and the escaped one cannot give different JSON. And the escapes
   of a tab-separated field, and export_force.c's reasons and notice, as a struct diag
   carries them to the user word for word. And how many snippets an article keeps. */
#include "testutil.h"

#include <jansson.h>

#include "export.h"
#include "export_force.h"
#include "export_int.h"

/* The characters JSON allows raw that a terminal would act on, as the export's
   documentation lists them; written out here apart from export.c. */
static int
ref_hidden(uint32_t cp)
{
	static const uint32_t	 one[] = { 0x7f, 0x061c, 0x200e, 0x200f };
	size_t			 i;

	for (i = 0; i < sizeof one / sizeof one[0]; i++)
		if (cp == one[i])
			return 1;
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* Whether jansson writes s[0..n) as itself in quotes: NULL for invalid UTF-8. */
static int
ref_jansson_same(const char *s, size_t n)
{
	json_t	*j = json_stringn(s, n);
	char	*out;
	int	 same;

	if (j == NULL)
		return 0;
	out = json_dumps(j, JSON_ENCODE_ANY);
	json_decref(j);
	assert_non_null(out);
	same = strlen(out) == n + 2 && out[0] == '"' && memcmp(out + 1, s, n) == 0 &&
	    out[n + 1] == '"';
	free(out);
	return same;
}

/* The reference answer: jansson leaves it alone and nothing in it is hidden. Only
   asked of valid UTF-8 (jansson refuses the rest), so decoding by hand is safe. */
static int
ref_plain(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;
	uint32_t		 cp;

	if (!ref_jansson_same(s, n))
		return 0;
	while (i < n) {
		if (u[i] < 0x80)
			cp = u[i++];
		else if (u[i] < 0xe0) {
			cp = (uint32_t)(u[i] & 0x1f) << 6 | (u[i + 1] & 0x3f);
			i += 2;
		} else if (u[i] < 0xf0) {
			cp = (uint32_t)(u[i] & 0x0f) << 12 | (uint32_t)(u[i + 1] & 0x3f) << 6 |
			    (u[i + 2] & 0x3f);
			i += 3;
		} else {
			cp = (uint32_t)(u[i] & 0x07) << 18 | (uint32_t)(u[i + 1] & 0x3f) << 12 |
			    (uint32_t)(u[i + 2] & 0x3f) << 6 | (u[i + 3] & 0x3f);
			i += 4;
		}
		if (ref_hidden(cp))
			return 0;
	}
	return 1;
}

static size_t
encode(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Prose of the kind the corpus holds goes through as it is. */
static void
test_prose_is_plain(void **state)
{
	static const char	*prose[] = {
		"Deir ez-Zor \xe2\x80\x94 the \xe2\x80\x9csiege\xe2\x80\x9d was lifted",
		"\xc2\xab prev random next \xc2\xbb",
		"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d caf\xc3\xa9 at 10\xc2\xb0",
		"skip to Main Content | Back To Top",
		"",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof prose / sizeof prose[0]; i++) {
		assert_true(export_json_plain(prose[i], strlen(prose[i]), 0, NULL));
		assert_true(ref_plain(prose[i], strlen(prose[i])));
	}
}

/* Each thing that needs an escape, or is not text, sends the string to jansson. */
static void
test_escapes_are_not_plain(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} bad[] = {
		{ "say \"no\"", 8 }, { "a\\b", 3 }, { "a\001b", 3 }, { "a\037b", 3 },
		{ "a\177b", 3 }, { "a\0b", 3 }, { "a\033[2Jb", 6 },
		{ "a\xc2\x85" "b", 4 },			/* NEL, a C1 control */
		{ "a\xc2\x9b" "b", 4 },			/* CSI as a character */
		{ "a\xe2\x80\xae" "b", 5 },		/* RIGHT-TO-LEFT OVERRIDE */
		{ "a\xe2\x81\xa6" "b", 5 },		/* LEFT-TO-RIGHT ISOLATE */
		{ "a\xe2\x80\x8f" "b", 5 },		/* RIGHT-TO-LEFT MARK */
		{ "a\xd8\x9c" "b", 4 },			/* ARABIC LETTER MARK */
		{ "a\xff" "b", 3 }, { "a\x9b" "b", 3 },	/* invalid bytes */
		{ "a\xe2\x80", 3 },			/* cut short */
		{ "\xc0\xaf", 2 },			/* overlong */
		{ "\xed\xa0\x80", 3 },			/* a surrogate */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(export_json_plain(bad[i].s, bad[i].n, 0, NULL));
		assert_false(export_json_plain(bad[i].s, bad[i].n, 1, NULL));
	}
	/* Tabs and line ends only where the caller makes them spaces. */
	assert_false(export_json_plain("a\tb\nc\rd", 7, 0, NULL));
	assert_true(export_json_plain("a\tb\nc\rd", 7, 1, NULL));
}

/* Every scalar value, alone and between letters, against the reference. */
static void
test_every_scalar_agrees(void **state)
{
	char		 s[8];
	uint32_t	 cp;
	size_t		 n;

	(void)state;
	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		s[0] = 'a';
		n = 1 + encode(cp, s + 1);
		s[n++] = 'z';
		if (cp == '\t' || cp == '\n' || cp == '\r')
			assert_false(export_json_plain(s, n, 0, NULL));
		else if (export_json_plain(s, n, 0, NULL) != ref_plain(s, n))
			fail_msg("U+%04X: export_json_plain %d, jansson and the list %d",
			    (unsigned int)cp, export_json_plain(s, n, 0, NULL), ref_plain(s, n));
	}
}

/* Random strings from an alphabet heavy in what matters: quotes, backslashes,
   controls, lead and continuation bytes. */
static void
test_random_strings_agree(void **state)
{
	static const unsigned char	 alphabet[] = {
		'a', ' ', '"', '\\', '/', 0, 1, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0xa0,
		'\t', '\n', '\r',
		0xbf, 0xc0, 0xc2, 0xd7, 0xd8, 0xe2, 0x80, 0xae, 0xed, 0xef, 0xf0, 0xf4,
		0xf5, 0xff, 0x9c, 0x81, 0xa6, 0x8f
	};
	uint64_t	 seed = 20261121;
	char		 s[16], out[16];
	size_t		 i, k, n, plain = 0, copied = 0;

	(void)state;
	for (i = 0; i < 400000; i++) {
		n = 1 + tu_randn(&seed, sizeof s - 1);
		for (k = 0; k < n; k++)
			s[k] = (char)alphabet[tu_randn(&seed, sizeof alphabet)];
		if (export_json_plain(s, n, 0, NULL) != ref_plain(s, n))
			fail_msg("string %zu of %zu bytes disagrees", i, n);
		/* Copied as it is checked: the same bytes, with tabs and line ends
		   made spaces when flat. */
		if (export_json_plain(s, n, 1, out)) {
			for (k = 0; k < n; k++)
				assert_int_equal(out[k], s[k] == '\t' || s[k] == '\n' ||
				    s[k] == '\r' ? ' ' : s[k]);
			copied++;
		}
		plain += ref_plain(s, n);
	}
	/* The alphabet must give both answers, or the test proves little. */
	assert_true(plain > 1000 && copied > plain);
}

/* export_tsv() of s[0..n), as a string. Caller frees. */
static char *
tsv(const char *s, size_t n)
{
	char	*out = NULL;
	size_t	 len = 0;
	FILE	*f;

	assert_non_null(f = open_memstream(&out, &len));
	export_tsv(f, s, n);
	assert_int_equal(fclose(f), 0);
	return out;
}

/* A TSV field holds no tab or line end, and names that differ only in them, or in a
   backslash written before a t, stay apart. */
static void
test_tsv_escapes(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "a\tb", "a\\tb" },
		{ "a b", "a b" },
		{ "a\nb", "a\\nb" },
		{ "a\rb", "a\\rb" },
		{ "a\r\nb", "a\\r\\nb" },
		{ "a\\b", "a\\\\b" },
		{ "a\\tb", "a\\\\tb" },
		{ "a\033]0;x\007b", "a^[]0;x^Gb" },
		{ "\xc3\xa9\xff", "\xc3\xa9<FF>" },
		/* A run of ASCII is written whole, but a mark after it stays on
		   its letter; DEL is a control. */
		{ "abc\xcc\x81 d", "abc\xcc\x81 d" },
		{ "ab~\x7f", "ab~^?" },
		{ "plain ASCII, all of it.", "plain ASCII, all of it." },
	};
	size_t	 i;
	char	*out;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out = tsv(cases[i].in, strlen(cases[i].in));
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

/* An earlier export's manifest that cannot be trusted is refused with one error, the
   place and the reason as the user reads them; nothing is listed. */
static void
test_force_read_refuses(void **state)
{
	static const struct {
		const char	*manifest;	/* NULL: none */
		int		 line;
		const char	*what;
	} cases[] = {
		{ NULL, 0, "No such file or directory" },
		{ "{\"file\":\"a.md\"}\n{oops\n", 2, "does not parse (" },
		{ "{\"file\":\"../etc/passwd\"}\n", 1, ": \"file\" is not a path "
		    "inside the folder; not replacing the folder on its word" },
	};
	struct export_force_list l;
	struct diag		 d;
	char			*dir, *m;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dir = tu_mkdtemp();
		m = tu_path(dir, "manifest.jsonl");
		if (cases[i].manifest != NULL)
			tu_write(m, cases[i].manifest, strlen(cases[i].manifest));
		memset(&d, 0, sizeof d);
		assert_int_equal(export_force_read(dir, &l, &d), -1);
		assert_int_equal(d.n, 1);
		assert_int_equal(d.nerrors, 1);
		tu_check_msg(&d, 0, DIAG_ERROR, m, cases[i].line);
		tu_check_contains(&d, 0, cases[i].what);
		assert_int_equal(l.n, 0);
		diag_free(&d);
		tu_rmtree(dir);
		free(m);
		free(dir);
	}
}

/* Moving a new export over an earlier one: a file the earlier did not make is never
   replaced (an error, nothing changed); what else stays is a notice, not an error. */
static void
test_force_apply_says(void **state)
{
	struct export_force_list old, made;
	struct diag		 d;
	char			*out = tu_mkdtemp(), *tmp = tu_mkdtemp(), *p;

	(void)state;
	memset(&old, 0, sizeof old);
	memset(&made, 0, sizeof made);
	free(tu_write_in(out, "a.md", "old", 3));
	free(tu_write_in(out, "mine.txt", "the user's", 10));
	free(tu_write_in(out, "manifest.jsonl", "{\"file\":\"a.md\"}\n", 17));
	free(tu_write_in(tmp, "a.md", "new", 3));
	free(tu_write_in(tmp, "manifest.jsonl", "{\"file\":\"a.md\"}\n", 17));
	export_force_add(&old, "a.md");
	export_force_add(&made, "a.md");
	export_force_add(&made, "mine.txt");
	export_force_sort(&old);
	export_force_sort(&made);
	memset(&d, 0, sizeof d);
	assert_int_equal(export_force_apply(out, tmp, &old, &made, &d), -1);
	assert_int_equal(d.n, 1);
	p = tu_path(out, "mine.txt");
	tu_check_msg(&d, 0, DIAG_ERROR, p, 0);
	tu_check_contains(&d, 0, ": not made by the earlier export; not replacing it "
	    "(nothing was changed)");
	free(p);
	diag_free(&d);
	export_force_free(&made);
	memset(&made, 0, sizeof made);
	export_force_add(&made, "a.md");
	memset(&d, 0, sizeof d);
	assert_int_equal(export_force_apply(out, tmp, &old, &made, &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.msgs[0].level, DIAG_NOTICE);
	tu_check_msg(&d, 0, DIAG_NOTICE, out, 0);
	tu_check_contains(&d, 0, ": 1 file the export did not make was kept: mine.txt");
	diag_free(&d);
	export_force_free(&old);
	export_force_free(&made);
	tu_rmtree(out);
	tu_rmtree(tmp);
	free(out);
	free(tmp);
}

/* An article keeps the first snippets up to what was asked, or by default 20 in
   JSON Lines and a folder's manifest and 10 in Markdown; EXPORT_ALL keeps every one
   of the 133,896 one long article gave. */
static void
test_snippets_bounded(void **state)
{
	struct export	 x;

	(void)state;
	memset(&x, 0, sizeof x);
	x.format = EXPORT_JSONL;
	assert_int_equal(export_snippets(&x, 0), 0);
	assert_int_equal(export_snippets(&x, 7), 7);
	assert_int_equal(export_snippets(&x, 20), 20);
	assert_int_equal(export_snippets(&x, 133896), EXPORT_SNIPPETS);
	assert_int_equal(EXPORT_SNIPPETS, 20);
	x.format = EXPORT_DIR;
	assert_int_equal(export_snippets(&x, 133896), EXPORT_SNIPPETS);
	x.format = EXPORT_MD;
	assert_int_equal(export_snippets(&x, 133896), 10);
	x.snippets = 3;
	assert_int_equal(export_snippets(&x, 133896), 3);
	assert_int_equal(export_snippets(&x, 2), 2);
	x.format = EXPORT_JSONL;
	assert_int_equal(export_snippets(&x, 133896), 3);
	x.snippets = EXPORT_ALL;
	assert_int_equal(export_snippets(&x, 133896), 133896);
	assert_int_equal(export_snippets(&x, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prose_is_plain),
		cmocka_unit_test(test_escapes_are_not_plain),
		cmocka_unit_test(test_every_scalar_agrees),
		cmocka_unit_test(test_random_strings_agree),
		cmocka_unit_test(test_tsv_escapes),
		cmocka_unit_test(test_force_read_refuses),
		cmocka_unit_test(test_force_apply_says),
		cmocka_unit_test(test_snippets_bounded),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
