/* theme.c and the [theme NAME] part of config.c: colours, smart case, loading and layering
   themes, pattern errors with their offset and caret, matching (spans, case, words, UTF-8,
   ranges, limits), match_list_resolve, and theme styles in render.c across soft wraps. */
#include "testutil.h"

#include "config.h"
#include "diag.h"
#include "glyph.h"
#include "layout.h"
#include "render.h"
#include "theme.h"

struct fixture {
	char			*dir;
	struct config		 cfg;
	struct diag		 d;
	struct matcher		*m;
	struct match_list	 ml;
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	if (f == NULL)
		abort();
	f->dir = tu_mkdtemp();
	config_init(&f->cfg);
	f->m = matcher_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	match_list_free(&f->ml);
	matcher_free(f->m);
	tu_config_free(&f->cfg, &f->d, f->dir);
	free(f);
	return 0;
}

/* Writes dir/name; returns its path, malloc'd. */
static char *
ini(struct fixture *f, const char *name, const char *text)
{
	return tu_write_in(f->dir, name, text, strlen(text));
}

/* Loads text as the only layer and checks that it gave no message at all. */
static void
load_clean(struct fixture *f, const char *text)
{
	free(tu_config_clean(&f->cfg, &f->d, f->dir, "themes.ini", text, strlen(text)));
}

static const struct theme *
theme(struct fixture *f, const char *name)
{
	const struct theme	*t = config_theme(&f->cfg, name);

	if (t == NULL)
		fail_msg("no theme '%s'", name);
	return t;
}

static size_t
theme_index(struct fixture *f, const char *name)
{
	return (size_t)(theme(f, name) - f->cfg.themes);
}

/* Clears f->ml and searches text[from..to) with theme name; returns what matcher_theme
   returns. */
static int
search(struct fixture *f, const char *name, const char *text, size_t len, size_t from,
    size_t to)
{
	match_list_clear(&f->ml);
	return matcher_theme(f->m, theme(f, name), theme_index(f, name), text, len, from,
	    to, &f->ml);
}

/* Searches the whole of a NUL-terminated text. */
static int
search_all(struct fixture *f, const char *name, const char *text)
{
	return search(f, name, text, strlen(text), 0, strlen(text));
}

static void
check_span(const struct fixture *f, size_t i, size_t start, size_t end)
{
	assert_true(i < f->ml.n);
	if (f->ml.v[i].start != start || f->ml.v[i].end != end)
		fail_msg("match %zu is [%zu, %zu), want [%zu, %zu)", i, f->ml.v[i].start,
		    f->ml.v[i].end, start, end);
}

/* theme_parse_colour */

static void
test_colour_names(void **state)
{
	static const char *const	 names[] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
	};
	static const char *const	 upper[] = {
		"BLACK", "Red", "gReEn", "YELLOW", "Blue", "MAGENTA", "Cyan", "wHITE"
	};
	struct theme_colour		 c;
	size_t				 i;

	(void)state;
	for (i = 0; i < 8; i++) {
		c.index = c.rgb = 99;
		assert_int_equal(theme_parse_colour(names[i], &c), 0);
		assert_int_equal(c.index, (int)i);
		assert_int_equal(c.rgb, -1);
		c.index = c.rgb = 99;
		assert_int_equal(theme_parse_colour(upper[i], &c), 0);
		assert_int_equal(c.index, (int)i);
		assert_int_equal(c.rgb, -1);
	}
	assert_int_equal(theme_parse_colour("purple", &c), -1);
	assert_int_equal(theme_parse_colour("", &c), -1);
	assert_int_equal(theme_parse_colour("re", &c), -1);
	assert_int_equal(theme_parse_colour("reds", &c), -1);
}

static void
test_colour_numbers(void **state)
{
	static const char *const	 bad[] = {
		"color256", "colorx", "color", "color-1", "color1x", "color 1",
		"color1000", "colour1"
	};
	struct theme_colour		 c;
	char				 s[32];
	int				 i;

	(void)state;
	for (i = 0; i <= 255; i++) {
		snprintf(s, sizeof s, "color%d", i);
		c.index = c.rgb = 99;
		assert_int_equal(theme_parse_colour(s, &c), 0);
		assert_int_equal(c.index, i);
		assert_int_equal(c.rgb, -1);
	}
	assert_int_equal(theme_parse_colour("COLOR17", &c), 0);
	assert_int_equal(c.index, 17);
	for (i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++)
		if (theme_parse_colour(bad[i], &c) != -1)
			fail_msg("'%s' taken as a colour", bad[i]);
}

static void
test_colour_rgb(void **state)
{
	static const char *const	 bad[] = {
		"#fff", "#gggggg", "#12345", "#1234567", "ff8000", "#", "#12 456",
		"#+12345"
	};
	struct theme_colour		 c;
	size_t				 i;

	(void)state;
	c.index = c.rgb = 99;
	assert_int_equal(theme_parse_colour("#ff8000", &c), 0);
	assert_int_equal(c.rgb, 0xff8000);
	assert_int_equal(c.index, -1);
	assert_int_equal(theme_parse_colour("#000000", &c), 0);
	assert_int_equal(c.rgb, 0);
	assert_int_equal(theme_parse_colour("#A0b1C2", &c), 0);
	assert_int_equal(c.rgb, 0xa0b1c2);
	assert_int_equal(theme_parse_colour("#FFFFFF", &c), 0);
	assert_int_equal(c.rgb, 0xffffff);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (theme_parse_colour(bad[i], &c) != -1)
			fail_msg("'%s' taken as a colour", bad[i]);
}

/* theme_smart_caseless */

static void
test_smart_caseless(void **state)
{
	static const char *const	 caseless[] = {
		"deir", "\\bdeir\\b", "dayr\\B", "\\D+deir", "\\W\\S\\d",
		"\\p{Lu}eir", "\\P{Lu}", "\\x{41}bc", "\\N{U+41}x", "(?<Name>x)",
		"(?P<Name>x)y", "(?<Name>x)\\k<Name>", "(?<Name>x)\\g{Name}",
		"", "été", "d[^a-z]ir", "\\Qdeir\\E"
	};
	static const char *const	 cased[] = {
		"Deir", "deiR", "\\bDeir", "\\p{Lu}Deir", "\\x{41}A", "(?<Name>x)Y",
		"(?<=A)deir", "(?<!Q)deir", "(?=X)", "d[A-Z]ir", "d[^A-Z]ir",
		"ÉTÉ", "\\QDeir\\E"
	};
	size_t				 i;

	(void)state;
	for (i = 0; i < sizeof caseless / sizeof caseless[0]; i++)
		if (!theme_smart_caseless(caseless[i]))
			fail_msg("'%s' is not caseless", caseless[i]);
	for (i = 0; i < sizeof cased / sizeof cased[0]; i++)
		if (theme_smart_caseless(cased[i]))
			fail_msg("'%s' is caseless", cased[i]);
}

/* "No capital letter" is any capital, not only A-Z: a pattern for Été or Дейр is as
   cased as one for Deir. */
static void
test_smart_caseless_unicode(void **state)
{
	static const char *const	 cased[] = {
		"Été", "Дейр", "Ωmega", "dÉir"
	};
	static const char *const	 caseless[] = {
		"été", "дейр", "ωmega", "\\x{C9}té"
	};
	size_t				 i;

	(void)state;
	for (i = 0; i < sizeof caseless / sizeof caseless[0]; i++)
		if (!theme_smart_caseless(caseless[i]))
			fail_msg("'%s' is not caseless", caseless[i]);
	for (i = 0; i < sizeof cased / sizeof cased[0]; i++)
		if (theme_smart_caseless(cased[i]))
			fail_msg("'%s' is caseless", cased[i]);
}

/* Loading themes */

static void
test_config_every_key(void **state)
{
	struct fixture		*f = *state;
	const struct theme	*t;
	char			*p;

	p = ini(f, "t.ini", "; themes\n"
	    "[theme deir]\n"
	    "description = \"Deir ez-Zor, all spellings\"\n"
	    "color = \"#ff8000\"\n"
	    "ignore_case = no\n"
	    "words = yes\n"
	    "autotag = 3\n"
	    "pattern = \"Deir\"\n"
	    "pattern.alt = \"Dayr\"\n"
	    "\n"
	    "[theme other]\n"
	    "colour = Red\n"
	    "ignore_case = smart\n"
	    "pattern = x\n"
	    "[theme third]\n"
	    "color = color200\n"
	    "ignore_case = yes\n"
	    "words = no\n"
	    "autotag = 0\n"
	    "pattern.one = y\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.nthemes, 3);
	t = &f->cfg.themes[0];
	assert_string_equal(t->name, "deir");
	assert_string_equal(t->description, "Deir ez-Zor, all spellings");
	assert_int_equal(t->colour.rgb, 0xff8000);
	assert_int_equal(t->colour.index, -1);
	assert_int_equal(t->icase, THEME_CASE_NO);
	assert_int_equal(t->words, 1);
	assert_int_equal(t->autotag, 3);
	assert_int_equal(t->enabled, 1);
	assert_string_equal(t->file, p);
	assert_int_equal(t->line, 2);
	assert_int_equal(t->npats, 2);
	assert_string_equal(t->pats[0].key, "pattern");
	assert_string_equal(t->pats[0].source, "Deir");
	assert_string_equal(t->pats[0].file, p);
	assert_int_equal(t->pats[0].line, 8);
	assert_non_null(t->pats[0].re);
	assert_string_equal(t->pats[1].key, "pattern.alt");
	assert_string_equal(t->pats[1].source, "Dayr");
	assert_int_equal(t->pats[1].line, 9);
	assert_non_null(t->pats[1].re);

	t = &f->cfg.themes[1];
	assert_string_equal(t->name, "other");
	assert_null(t->description);
	assert_int_equal(t->colour.index, 1);
	assert_int_equal(t->colour.rgb, -1);
	assert_int_equal(t->icase, THEME_CASE_SMART);
	assert_int_equal(t->words, 0);
	assert_int_equal(t->autotag, 0);
	assert_int_equal(t->line, 11);
	assert_int_equal(t->npats, 1);
	assert_string_equal(t->pats[0].source, "x");

	t = &f->cfg.themes[2];
	assert_string_equal(t->name, "third");
	assert_int_equal(t->colour.index, 200);
	assert_int_equal(t->icase, THEME_CASE_YES);
	assert_int_equal(t->words, 0);
	assert_int_equal(t->npats, 1);
	assert_string_equal(t->pats[0].key, "pattern.one");
	assert_ptr_equal(config_theme(&f->cfg, "third"), t);
	assert_null(config_theme(&f->cfg, "fourth"));
	free(p);
}

static void
test_config_bad_values(void **state)
{
	struct fixture		*f = *state;
	const struct theme	*t;
	char			*p;

	p = ini(f, "bad.ini", "[theme t]\n"
	    "pattern = x\n"
	    "; comment\n"
	    "color = purple\n"
	    "ignore_case = maybe\n"
	    "\n"
	    "words = perhaps\n"
	    "autotag = lots\n"
	    "description = fine\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 4);
	assert_int_equal(f->d.nerrors, 4);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 4);
	tu_check_contains(&f->d, 0, "theme t: color: 'purple'");
	tu_check_msg(&f->d, 1, DIAG_ERROR, p, 5);
	tu_check_contains(&f->d, 1, "theme t: ignore_case: 'maybe'");
	tu_check_msg(&f->d, 2, DIAG_ERROR, p, 7);
	tu_check_contains(&f->d, 2, "theme t: words: 'perhaps'");
	tu_check_msg(&f->d, 3, DIAG_ERROR, p, 8);
	tu_check_contains(&f->d, 3, "theme t: autotag: 'lots'");
	/* The bad values are left out; the good ones beside them are used. */
	t = theme(f, "t");
	assert_int_equal(t->colour.index, -1);
	assert_int_equal(t->colour.rgb, -1);
	assert_int_equal(t->icase, THEME_CASE_SMART);
	assert_int_equal(t->words, 0);
	assert_int_equal(t->autotag, 0);
	assert_string_equal(t->description, "fine");
	assert_non_null(t->pats[0].re);
	free(p);

	/* More bad forms, one at a time, each at its line. */
	{
		static const char *const	 bad[] = {
			"color = color256", "color = \"#fff\"", "color = \"#gggggg\"",
			"autotag = -1", "autotag = 3x", "autotag = 1000001",
			"ignore_case = 2", "words = smart"
		};
		char				 text[256];
		size_t				 i;

		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			config_free(&f->cfg);
			config_init(&f->cfg);
			diag_free(&f->d);
			snprintf(text, sizeof text, "[theme u]\npattern = x\n\n%s\n",
			    bad[i]);
			p = ini(f, "bad2.ini", text);
			assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
			if (f->d.n != 1)
				fail_msg("'%s': %zu messages", bad[i], f->d.n);
			tu_check_msg(&f->d, 0, DIAG_ERROR, p, 4);
			tu_check_contains(&f->d, 0, "theme u: ");
			free(p);
		}
	}
}

static void
test_config_unknown_key(void **state)
{
	struct fixture	*f = *state;
	char		*p, want[512];

	p = ini(f, "k.ini", "[theme t]\npattern = x\n\n; note\ncolr = red\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 0);
	snprintf(want, sizeof want, "%s:5: warning: theme t: unknown key 'colr'", p);
	assert_string_equal(f->d.msgs[0].text, want);
	assert_non_null(theme(f, "t")->pats[0].re);
	free(p);
}

/* The offset K that message i gives, checking the rest of it: "...: KEY: MESSAGE at
   offset K\n    PATTERN\n    " then K spaces and a caret. */
static size_t
check_caret(const struct fixture *f, size_t i, const char *pattern)
{
	const char	*text, *at, *nl, *caret;
	char		 want[512];
	size_t		 k, n;

	assert_true(i < f->d.n);
	text = f->d.msgs[i].text;
	if ((at = strstr(text, " at offset ")) == NULL)
		fail_msg("no offset in \"%s\"", text);
	k = strtoul(at + strlen(" at offset "), NULL, 10);
	nl = strchr(at, '\n');
	assert_non_null(nl);
	snprintf(want, sizeof want, "\n    %s\n", pattern);
	if (strncmp(nl, want, strlen(want)) != 0)
		fail_msg("\"%s\" does not show the pattern '%s'", text, pattern);
	caret = nl + strlen(want);
	n = strlen(caret);
	assert_true(n >= 5);
	assert_int_equal(caret[n - 1], '^');
	assert_int_equal(strspn(caret, " "), n - 1);
	if (n - 1 != 4 + k)
		fail_msg("caret at column %zu, want %zu (offset %zu): \"%s\"", n - 1,
		    4 + k, k, text);
	return k;
}

static void
test_config_bad_pattern(void **state)
{
	struct fixture		*f = *state;
	const struct theme	*t;
	char			*p, want[512];

	p = ini(f, "p.ini", "[theme bad]\n"
	    "pattern.1 = \"deir\"\n"
	    "; a bad one\n"
	    "\n"
	    "pattern.2 = \"dayr[z-a]x\"\n"
	    "pattern.3 = \"dair\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 5, 21);
	snprintf(want, sizeof want, "%s:5:21: theme bad: pattern.2: ", p);
	if (strncmp(f->d.msgs[0].text, want, strlen(want)) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", f->d.msgs[0].text, want);
	tu_check_contains(&f->d, 0, "at offset 7\n");
	assert_int_equal(check_caret(f, 0, "dayr[z-a]x"), 7);
	/* Left out; the others compile and match. */
	t = theme(f, "bad");
	assert_int_equal(t->npats, 3);
	assert_non_null(t->pats[0].re);
	assert_null(t->pats[1].re);
	assert_non_null(t->pats[2].re);
	assert_int_equal(search_all(f, "bad", "deir dayrzx dair"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 0, 4);
	check_span(f, 1, 12, 16);
	free(p);

	/* An unclosed group: the offset is the end of the pattern. */
	config_free(&f->cfg);
	config_init(&f->cfg);
	diag_free(&f->d);
	p = ini(f, "q.ini", "[theme q]\npattern = \"ab(cd\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 2, 17);
	tu_check_contains(&f->d, 0, "theme q: pattern: ");
	assert_int_equal(check_caret(f, 0, "ab(cd"), 5);
	assert_null(theme(f, "q")->pats[0].re);
	free(p);
}

/* A bad pattern that holds an escape and a tab is shown quoted, the caret under the
   column of the offset in the quoted pattern, and no control in the message. */
static void
test_config_bad_pattern_quoted(void **state)
{
	struct fixture	*f = *state;
	const char	*text, *c;
	char		*p;

	p = ini(f, "e.ini", "[theme e]\npattern = \"\033]0;T\007\t(x\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	text = f->d.msgs[0].text;
	for (c = text; *c != '\0'; c++)
		if ((unsigned char)*c < 0x20 && *c != '\n')
			fail_msg("a control %02x in \"%s\"", (unsigned char)*c, text);
	tu_check_contains(&f->d, 0, "theme e: pattern: ");
	/* PCRE2's offset 9 is the end; quoted, the pattern is 12 columns. */
	tu_check_contains(&f->d, 0, "at offset 9\n    ^[]0;T^G^I(x\n                ^");
	free(p);
}

/* words = yes compiles \b(?:PATTERN)\b: the offset reported is still one in PATTERN. */
static void
test_config_bad_pattern_words(void **state)
{
	static const char *const	 pats[] = { "dayr[z-a]x", "ab(cd", "a{2,1}b" };
	struct fixture			*f = *state;
	char				 text[256], *p;
	size_t				 i, k0, k1;

	for (i = 0; i < sizeof pats / sizeof pats[0]; i++) {
		config_free(&f->cfg);
		config_init(&f->cfg);
		diag_free(&f->d);
		snprintf(text, sizeof text, "[theme plain]\npattern = \"%s\"\n"
		    "[theme words]\nwords = yes\npattern = \"%s\"\n", pats[i], pats[i]);
		p = ini(f, "w.ini", text);
		assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
		assert_int_equal(f->d.n, 2);
		k0 = check_caret(f, 0, pats[i]);
		k1 = check_caret(f, 1, pats[i]);
		tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 2, 12 + (int)k0);
		tu_check_msg_at(&f->d, 1, DIAG_ERROR, p, 5, 12 + (int)k1);
		if (k0 != k1)
			fail_msg("'%s': offset %zu, %zu with words = yes", pats[i], k0,
			    k1);
		assert_true(k1 <= strlen(pats[i]));
		assert_null(theme(f, "words")->pats[0].re);
		free(p);
	}
}

/* A pattern that closes a group it did not open is an error with words = yes too, at
   the same offset: the \b(?:...)\b wrapper must not lend it a parenthesis. */
static void
test_config_unbalanced_words(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "u.ini", "[theme plain]\npattern = \"abc)def\"\n"
	    "[theme words]\nwords = yes\npattern = \"abc)def\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 2);
	tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 2, 15);
	assert_int_equal(check_caret(f, 0, "abc)def"), 3);
	tu_check_msg_at(&f->d, 1, DIAG_ERROR, p, 5, 15);
	tu_check_contains(&f->d, 1, "theme words: pattern: ");
	assert_int_equal(check_caret(f, 1, "abc)def"), 3);
	assert_null(theme(f, "words")->pats[0].re);
	free(p);
}

/* "a)|(b" is no pattern, whatever it is wrapped in: with words = yes it must not become
   \b(?:a)|(b)\b, which compiles and matches a lone "a" with no boundary after it. */
static void
test_config_words_injection(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "i.ini", "[theme plain]\npattern = \"a)|(b\"\n"
	    "[theme words]\nwords = yes\npattern = \"a)|(b\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_true(f->d.n >= 1);
	tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 2, 13);
	assert_int_equal(check_caret(f, 0, "a)|(b"), 1);
	assert_null(theme(f, "plain")->pats[0].re);
	assert_int_equal(f->d.n, 2);
	tu_check_msg_at(&f->d, 1, DIAG_ERROR, p, 5, 13);
	assert_int_equal(check_caret(f, 1, "a)|(b"), 1);
	assert_null(theme(f, "words")->pats[0].re);
	free(p);
}

/* The caret goes under the character at offset K: a pattern with characters of more
   than one byte before K has fewer columns than bytes there. */
static void
test_config_bad_pattern_caret_utf8(void **state)
{
	static const char	 pat[] = "été)x";
	struct fixture		*f = *state;
	const char		*nl;
	char			*p;
	size_t			 k, col;

	p = ini(f, "c.ini", "[theme t]\npattern = \"été)x\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	/* The column is in characters: the ')' is the fourth of the pattern. */
	tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 2, 15);
	/* The offset is in bytes: the ')' is byte 5. */
	tu_check_contains(&f->d, 0, "at offset 5\n");
	k = 5;
	nl = strrchr(f->d.msgs[0].text, '\n');
	assert_non_null(nl);
	col = strlen(nl + 1) - 1;
	assert_int_equal(nl[1 + col], '^');
	/* Under the ')', three columns into the pattern. */
	if (col != 4 + (size_t)glyph_strwidth(pat, k, 8))
		fail_msg("caret at column %zu, the ')' is at column %d", col,
		    4 + glyph_strwidth(pat, k, 8));
	free(p);
}

static void
test_config_layers(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 files[2];
	const struct theme	*t;
	char			*p1, *p2;

	p1 = ini(f, "1.ini", "[theme t]\n"
	    "description = first\n"
	    "color = red\n"
	    "words = yes\n"
	    "pattern.a = alpha\n"
	    "pattern.b = beta\n"
	    "pattern.c = gamma\n"
	    "[theme u]\n"
	    "pattern = omega\n");
	p2 = ini(f, "2.ini", "[theme t]\n"
	    "color = blue\n"
	    "pattern.a = delta\n"
	    "pattern.b =\n");
	memset(files, 0, sizeof files);
	files[0].path = p1;
	files[0].required = 1;
	files[1].path = p2;
	files[1].required = 1;
	assert_int_equal(config_load(&f->cfg, files, 2, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.nthemes, 2);
	t = theme(f, "t");
	/* One key overridden, the rest kept from the first layer. */
	assert_int_equal(t->colour.index, 4);
	assert_string_equal(t->description, "first");
	assert_int_equal(t->words, 1);
	assert_string_equal(t->file, p1);
	assert_int_equal(t->line, 1);
	/* pattern.a replaced in place, with its new place; pattern.b dropped. */
	assert_int_equal(t->npats, 3);
	assert_string_equal(t->pats[0].key, "pattern.a");
	assert_string_equal(t->pats[0].source, "delta");
	assert_string_equal(t->pats[0].file, p2);
	assert_int_equal(t->pats[0].line, 3);
	assert_non_null(t->pats[0].re);
	assert_null(t->pats[1].re);
	assert_string_equal(t->pats[2].source, "gamma");
	assert_string_equal(t->pats[2].file, p1);
	assert_non_null(t->pats[2].re);
	assert_int_equal(search_all(f, "t", "alpha beta gamma delta"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 11, 16);
	check_span(f, 1, 17, 22);
	/* The theme the second layer does not name is untouched. */
	assert_int_equal(search_all(f, "u", "omega"), 0);
	assert_int_equal(f->ml.n, 1);
	free(p1);
	free(p2);
}

static void
test_config_no_pattern(void **state)
{
	struct fixture	*f = *state;
	char		*p, want[512];

	p = ini(f, "n.ini", "[theme full]\npattern = x\n\n[theme empty]\n"
	    "description = nothing to match\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 0);
	snprintf(want, sizeof want, "%s:4: warning: theme empty has no pattern", p);
	assert_string_equal(f->d.msgs[0].text, want);
	assert_int_equal(search_all(f, "empty", "x"), 0);
	assert_int_equal(f->ml.n, 0);
	free(p);
}

/* A theme whose only pattern a later layer drops is dropped itself, without a word:
   that is how a later file drops an earlier file's theme. One that never had a
   pattern is still warned about. */
static void
test_config_all_dropped(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 files[2];
	char			*p1, *p2, want[512];

	p1 = ini(f, "1.ini", "[theme t]\npattern = x\n[theme u]\npattern = y\n");
	p2 = ini(f, "2.ini", "[theme t]\npattern =\n[theme empty]\ncolor = red\n");
	memset(files, 0, sizeof files);
	files[0].path = p1;
	files[0].required = 1;
	files[1].path = p2;
	files[1].required = 1;
	assert_int_equal(config_load(&f->cfg, files, 2, &f->d), 0);
	assert_null(config_theme(&f->cfg, "t"));
	assert_int_equal(f->cfg.nthemes, 2);
	assert_string_equal(f->cfg.themes[0].name, "u");
	assert_int_equal(search_all(f, "u", "y"), 0);
	assert_int_equal(f->ml.n, 1);
	assert_int_equal(f->d.n, 1);
	snprintf(want, sizeof want, "%s:3: warning: theme empty has no pattern", p2);
	assert_string_equal(f->d.msgs[0].text, want);
	free(p1);
	free(p2);
}

/* Matching */

static void
test_match_spans(void **state)
{
	struct fixture	*f = *state;

	load_clean(f, "[theme d]\npattern = deir\n[theme alt]\npattern = \"de(i|y)r\"\n");
	assert_int_equal(search_all(f, "d", "deir, deir and xdeirx"), 0);
	assert_int_equal(f->ml.n, 3);
	check_span(f, 0, 0, 4);
	check_span(f, 1, 6, 10);
	check_span(f, 2, 16, 20);
	assert_int_equal(f->ml.v[0].theme, 0);
	assert_int_equal(f->ml.v[0].pat, 0);
	assert_int_equal(search_all(f, "alt", "deir deyr dear"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 0, 4);
	check_span(f, 1, 5, 9);
	assert_int_equal(f->ml.v[1].theme, 1);
	/* Appends: the list is not cleared by matcher_theme. */
	assert_int_equal(matcher_theme(f->m, theme(f, "d"), 0, "deir", 4, 0, 4, &f->ml),
	    0);
	assert_int_equal(f->ml.n, 3);
	check_span(f, 2, 0, 4);
	assert_int_equal(f->ml.v[2].theme, 0);
	assert_int_equal(search_all(f, "d", ""), 0);
	assert_int_equal(f->ml.n, 0);
	assert_int_equal(search_all(f, "d", "nothing"), 0);
	assert_int_equal(f->ml.n, 0);
}

static void
test_match_case(void **state)
{
	static const char	 text[] = "DEIR Deir deir dEIR";
	struct fixture		*f = *state;

	load_clean(f, "[theme lower]\npattern = deir\n"
	    "[theme upper]\npattern = Deir\n"
	    "[theme exact]\nignore_case = no\npattern = deir\n"
	    "[theme always]\nignore_case = yes\npattern = Deir\n"
	    "[theme escape]\npattern = \"\\bdeir\\b\"\n"
	    "[theme named]\npattern = \"(?<Town>deir)\"\n"
	    "[theme accent]\npattern = été\n");
	assert_int_equal(search_all(f, "lower", text), 0);
	assert_int_equal(f->ml.n, 4);
	check_span(f, 0, 0, 4);
	check_span(f, 3, 15, 19);
	assert_int_equal(search_all(f, "upper", text), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 5, 9);
	assert_int_equal(search_all(f, "exact", text), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 10, 14);
	assert_int_equal(search_all(f, "always", text), 0);
	assert_int_equal(f->ml.n, 4);
	assert_int_equal(search_all(f, "escape", text), 0);
	assert_int_equal(f->ml.n, 4);
	assert_int_equal(search_all(f, "named", text), 0);
	assert_int_equal(f->ml.n, 4);
	/* Caseless beyond ASCII. */
	assert_int_equal(search_all(f, "accent", "ÉTÉ été Été"), 0);
	assert_int_equal(f->ml.n, 3);
	check_span(f, 0, 0, 5);
	check_span(f, 1, 6, 11);
	check_span(f, 2, 12, 17);
}

static void
test_match_words(void **state)
{
	struct fixture	*f = *state;

	load_clean(f, "[theme word]\nwords = yes\npattern = isis\n"
	    "[theme any]\npattern = isis\n"
	    "[theme two]\nwords = yes\npattern = \"al|al qaeda\"\n");
	assert_int_equal(search_all(f, "word", "crisis isis, ISIS_x isisx (isis)"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 7, 11);
	check_span(f, 1, 27, 31);
	assert_int_equal(search_all(f, "any", "crisis isis"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 2, 6);
	/* The alternation is wrapped whole: "al" alone in "also" is no word. */
	assert_int_equal(search_all(f, "two", "also al qaeda"), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 5, 7);
	/* Words of other scripts: a letter after the match is no boundary. */
	assert_int_equal(search_all(f, "word", "isisé isis·"), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 7, 11);
}

static void
test_match_multibyte(void **state)
{
	/* 日本 (6 bytes), a space, é (2), a space, then deir at 10. */
	static const char	 text[] = "日本 é deir ще deir";
	struct fixture		*f = *state;

	load_clean(f, "[theme d]\npattern = deir\n[theme heb]\npattern = דיר\n"
	    "[theme dot]\npattern = \"é.d\"\n");
	assert_int_equal(search_all(f, "d", text), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 10, 14);
	check_span(f, 1, 20, 24);
	assert_int_equal(search_all(f, "heb", "x דיר y"), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 2, 8);
	/* "." is one character, not one byte. */
	assert_int_equal(search_all(f, "dot", text), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 7, 11);
}

static void
test_match_invalid_utf8(void **state)
{
	/* ff c3 ' ' deir ' ' e2 82 ' ' deir 80, then a lone continuation and a
	   surrogate's encoding. */
	static const char	 text[] = "\xff\xc3 deir \xe2\x82 deir\x80\x80 "
	    "\xed\xa0\x80" "deir";
	struct fixture		*f = *state;

	load_clean(f, "[theme d]\npattern = deir\n[theme w]\nwords = yes\npattern = deir\n"
	    "[theme dot]\npattern = \".\"\n[theme any]\npattern = \"(?s).+\"\n");
	assert_int_equal(search(f, "d", text, TU_LEN(text), 0, TU_LEN(text)), 0);
	assert_int_equal(f->ml.n, 3);
	check_span(f, 0, 3, 7);
	check_span(f, 1, 11, 15);
	check_span(f, 2, 21, 25);
	assert_int_equal(search(f, "w", text, TU_LEN(text), 0, TU_LEN(text)), 0);
	assert_true(f->ml.n >= 2);
	check_span(f, 0, 3, 7);
	check_span(f, 1, 11, 15);
	/* Searching from offsets inside and around the bad bytes. */
	assert_int_equal(search(f, "d", text, TU_LEN(text), 1, TU_LEN(text)), 0);
	assert_int_equal(f->ml.n, 3);
	assert_int_equal(search(f, "d", text, TU_LEN(text), 9, TU_LEN(text)), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 11, 15);
	/* Patterns that match any character step over the invalid bytes: every match
	   is inside the text, in order, and none holds a byte 0x80-0xff that does not
	   belong to a valid character. */
	assert_int_equal(search(f, "dot", text, TU_LEN(text), 0, TU_LEN(text)), 0);
	assert_true(f->ml.n > 10);
	{
		size_t	 i;

		for (i = 0; i < f->ml.n; i++) {
			assert_true(f->ml.v[i].end <= TU_LEN(text));
			assert_true(f->ml.v[i].start < f->ml.v[i].end);
			if (i > 0)
				assert_true(f->ml.v[i - 1].end <= f->ml.v[i].start);
			assert_int_not_equal((unsigned char)text[f->ml.v[i].start], 0xff);
			assert_int_not_equal((unsigned char)text[f->ml.v[i].start], 0x80);
		}
	}
	assert_int_equal(search(f, "any", text, TU_LEN(text), 0, TU_LEN(text)), 0);
	assert_true(f->ml.n >= 1);
}

static void
test_match_once_per_theme(void **state)
{
	struct fixture	*f = *state;

	load_clean(f, "[theme same]\nignore_case = yes\npattern.a = deir\n"
	    "pattern.b = Deir\npattern.c = \"d.ir\"\n"
	    "[theme over]\npattern.short = deir\npattern.long = \"deir ez\"\n");
	assert_int_equal(search_all(f, "same", "deir x DEIR"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 0, 4);
	check_span(f, 1, 7, 11);
	/* Overlapping matches of two patterns count once, the longer kept. */
	assert_int_equal(search_all(f, "over", "deir ez-zor, deir"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 0, 7);
	check_span(f, 1, 13, 17);
}

static void
test_match_empty(void **state)
{
	struct fixture	*f = *state;

	load_clean(f, "[theme star]\npattern = \"x*\"\n"
	    "[theme look]\npattern = \"(?=d)\"\n"
	    "[theme both]\npattern.a = \"q*\"\npattern.b = deir\n");
	assert_int_equal(search_all(f, "star", "abc 日本 é deir"), 0);
	assert_int_equal(f->ml.n, 0);
	assert_int_equal(search(f, "star", "a\xff\xfe b", 5, 0, 5), 0);
	assert_int_equal(f->ml.n, 0);
	/* Not empty: one hit. */
	assert_int_equal(search_all(f, "star", "axxb x"), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 1, 3);
	check_span(f, 1, 5, 6);
	assert_int_equal(search_all(f, "look", "deir deir"), 0);
	assert_int_equal(f->ml.n, 0);
	assert_int_equal(search_all(f, "both", "日 deir"), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 4, 8);
}

static void
test_match_range(void **state)
{
	static const char	 text[] = "deir deir deir";
	struct fixture		*f = *state;

	load_clean(f, "[theme d]\npattern = deir\n[theme w]\nwords = yes\npattern = deir\n"
	    "[theme behind]\npattern = \"(?<=x)deir\"\n"
	    "[theme ahead]\npattern = \"deir(?=x)\"\n");
	assert_int_equal(search(f, "d", text, 14, 3, 10), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 5, 9);
	/* A match that starts in range is whole even if it ends past to. */
	assert_int_equal(search(f, "d", text, 14, 5, 6), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 5, 9);
	assert_int_equal(search(f, "d", text, 14, 0, 4), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 0, 4);
	assert_int_equal(search(f, "d", text, 14, 1, 14), 0);
	assert_int_equal(f->ml.n, 2);
	check_span(f, 0, 5, 9);
	check_span(f, 1, 10, 14);
	assert_int_equal(search(f, "d", text, 14, 6, 6), 0);
	assert_int_equal(f->ml.n, 0);
	assert_int_equal(search(f, "d", text, 14, 11, 14), 0);
	assert_int_equal(f->ml.n, 0);
	/* to past the end is the end. */
	assert_int_equal(search(f, "d", text, 14, 9, 1000), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 10, 14);
	/* Context before from is seen: "deir" in "xdeir" is no word. */
	assert_int_equal(search(f, "w", "xdeir", 5, 1, 5), 0);
	assert_int_equal(f->ml.n, 0);
	assert_int_equal(search(f, "w", "x deir", 6, 2, 6), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 2, 6);
	assert_int_equal(search(f, "behind", "xdeir", 5, 1, 5), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 1, 5);
	/* And context after to. */
	assert_int_equal(search(f, "w", "deirx", 5, 0, 4), 0);
	assert_int_equal(f->ml.n, 0);
	assert_int_equal(search(f, "ahead", "deirx", 5, 0, 1), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 0, 4);
}

static void
test_match_first(void **state)
{
	static const char	 text[] = "xx deir yy deir";
	struct fixture		*f = *state;
	struct match		 m;
	size_t			 ti;

	load_clean(f, "[theme d]\npattern = deir\n"
	    "[theme w]\nwords = yes\npattern = deir\n");
	ti = theme_index(f, "d");
	assert_int_equal(matcher_first(f->m, theme(f, "d"), ti, text, 15, 0, &m), 0);
	assert_int_equal(m.start, 3);
	assert_int_equal(m.end, 7);
	assert_int_equal(m.theme, ti);
	assert_int_equal(matcher_first(f->m, theme(f, "d"), ti, text, 15, 3, &m), 0);
	assert_int_equal(m.start, 3);
	assert_int_equal(matcher_first(f->m, theme(f, "d"), ti, text, 15, 4, &m), 0);
	assert_int_equal(m.start, 11);
	assert_int_equal(m.end, 15);
	assert_int_equal(matcher_first(f->m, theme(f, "d"), ti, text, 15, 12, &m), 1);
	assert_int_equal(matcher_first(f->m, theme(f, "d"), ti, text, 15, 15, &m), 1);
	assert_int_equal(matcher_first(f->m, theme(f, "d"), ti, "", 0, 0, &m), 1);
	/* The context before from is seen here too. */
	ti = theme_index(f, "w");
	assert_int_equal(matcher_first(f->m, theme(f, "w"), ti, "xdeir deir", 10, 1, &m),
	    0);
	assert_int_equal(m.start, 6);
	assert_int_equal(m.theme, ti);
}

/* With several patterns, the earliest match of any of them: pattern 2 starts first and
   ends past where pattern 1 starts. */
static void
test_match_first_patterns(void **state)
{
	struct fixture	*f = *state;
	struct match	 m;
	size_t		 ti;

	load_clean(f, "[theme two]\npattern.1 = def\npattern.2 = abcde\n");
	ti = theme_index(f, "two");
	assert_int_equal(matcher_first(f->m, theme(f, "two"), ti, "xx abcdef", 9, 0, &m),
	    0);
	if (m.start != 3 || m.end != 8 || m.pat != 1)
		fail_msg("first match [%zu, %zu) of pattern %u, want [3, 8) of 1",
		    m.start, m.end, (unsigned)m.pat);
	/* Pattern 1 first in the text: found whatever pattern 2 does later. */
	assert_int_equal(matcher_first(f->m, theme(f, "two"), ti, "def abcde", 9, 0, &m),
	    0);
	assert_int_equal(m.start, 0);
	assert_int_equal(m.pat, 0);
}

/* The later patterns of a theme see the whole text after an earlier pattern's match:
   "a b" in "a bc" is no whole word, so the first match is "bc". */
static void
test_match_first_context(void **state)
{
	struct fixture	*f = *state;
	struct match	 m;
	size_t		 ti;

	load_clean(f, "[theme w]\nwords = yes\npattern.1 = bc\npattern.2 = \"a b\"\n"
	    "[theme end]\npattern.1 = bc\npattern.2 = \"ab$\"\n");
	ti = theme_index(f, "w");
	assert_int_equal(matcher_first(f->m, theme(f, "w"), ti, "a bc", 4, 0, &m), 0);
	if (m.start != 2 || m.end != 4 || m.pat != 0)
		fail_msg("first match [%zu, %zu) of pattern %u, want [2, 4) of 0",
		    m.start, m.end, (unsigned)m.pat);
	/* "ab$" does not match "abc": the text does not end after the b. */
	ti = theme_index(f, "end");
	assert_int_equal(matcher_first(f->m, theme(f, "end"), ti, "abc", 3, 0, &m), 0);
	if (m.start != 1 || m.end != 3 || m.pat != 0)
		fail_msg("first match [%zu, %zu) of pattern %u, want [1, 3) of 0",
		    m.start, m.end, (unsigned)m.pat);
}

/* The bound on a search's time, read from clocks the test moves: the wall's by a
   millisecond a reading, the thread's by share of it (share < 0: no such clock). */
static double	 clock_wall, clock_share;
static int	 clock_cpu_reads;

static double
fake_wall(void)
{
	return clock_wall += 1;
}

static double
fake_cpu(void)
{
	clock_cpu_reads++;
	return clock_share < 0 ? -1 : clock_wall * clock_share;
}

/* A search for "a" over 20,000 of them, 312 looks at the clocks: its result, and
   *found the matches it kept. */
static int
bound_search(double share, size_t *found)
{
	struct theme		 t;
	struct diag		 d;
	struct matcher		*m = matcher_new();
	struct match_list	 ml;
	char			*text;
	size_t			 i, n = 40000;
	int			 rc;

	memset(&d, 0, sizeof d);
	memset(&ml, 0, sizeof ml);
	if ((text = malloc(n + 1)) == NULL)
		abort();
	for (i = 0; i < n; i++)
		text[i] = "a "[i % 2];
	text[n] = '\0';
	assert_int_equal(theme_single(&t, "t", "a", &d), 0);
	clock_wall = 0;
	clock_share = share;
	clock_cpu_reads = 0;
	theme_clocks(fake_wall, fake_cpu);
	rc = matcher_pattern(m, &t, 0, 0, text, n, 0, n, &ml);
	theme_clocks(NULL, NULL);
	*found = ml.n;
	match_list_free(&ml);
	theme_free(&t);
	diag_free(&d);
	matcher_free(m);
	free(text);
	return rc;
}

static void
test_match_bound(void **state)
{
	size_t	 found;

	(void)state;
	/* A thread that has the processor all along is stopped after 50 ms, as by
	   the wall's clock alone: about 50 looks of 64 matches. */
	assert_int_equal(bound_search(1.0, &found), -1);
	assert_true(found >= 40 * 64 && found <= 60 * 64);
	assert_true(clock_cpu_reads <= 3);
	/* One the machine gives a hundredth of it goes on to the end: 312 ms on the
	   wall, 3 ms of its own; and its clock is read now and then, not at each
	   look. */
	assert_int_equal(bound_search(0.01, &found), 0);
	assert_int_equal(found, 20000);
	assert_true(clock_cpu_reads >= 2 && clock_cpu_reads <= 20);
	/* A third of it: stopped once it has had 25 ms of its own after the first
	   25 on the wall, 75 later, its clock read every 5 ms at most. */
	assert_int_equal(bound_search(1.0 / 3, &found), -1);
	assert_true(found >= 95 * 64 && found <= 110 * 64);
	assert_true(clock_cpu_reads <= 20);
	/* No thread's clock: the wall's bound. */
	assert_int_equal(bound_search(-1, &found), -1);
	assert_true(found >= 40 * 64 && found <= 60 * 64);
}

/* Limits */

static void
test_match_limits(void **state)
{
	struct fixture	*f = *state;
	struct match	 m;
	char		*text;
	size_t		 i, n = 10 * 1024;
	int		 rc;

	load_clean(f, "[theme boom]\npattern = \"(a+)+$\"\n"
	    "[theme eq]\npattern = \".*.*=.*\"\n"
	    "[theme d]\npattern = deir\n");
	if ((text = malloc(n + 3)) == NULL)
		abort();
	/* 40 a's then b. */
	memset(text, 'a', 40);
	strcpy(text + 40, "b deir");
	assert_int_equal(search_all(f, "boom", text), -1);
	assert_int_equal(matcher_first(f->m, theme(f, "boom"), theme_index(f, "boom"),
	    text, strlen(text), 0, &m), -1);
	/* The same matcher still works. */
	assert_int_equal(search_all(f, "d", text), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 42, 46);

	/* 10 KB on one line without '='. With no '=' anywhere PCRE2 knows at once that
	   nothing matches; whatever it returns, there is no match. */
	for (i = 0; i < n; i++)
		text[i] = "word "[i % 5];
	text[n] = '\0';
	rc = search(f, "eq", text, n, 0, n);
	assert_true(rc == 0 || rc == -1);
	assert_int_equal(f->ml.n, 0);
	/* With an '=' on the next line, the 10 KB line is backtracked through: the
	   limits stop it. */
	memcpy(text + n, "\n=", 3);
	assert_int_equal(search(f, "eq", text, n + 2, 0, n + 2), -1);
	assert_int_equal(search(f, "d", "deir", 4, 0, 4), 0);
	assert_int_equal(f->ml.n, 1);
	/* With '=' at the end of the line it is a plain match. */
	text[n - 1] = '=';
	assert_int_equal(search(f, "eq", text, n, 0, n), 0);
	assert_int_equal(f->ml.n, 1);
	check_span(f, 0, 0, n);
	free(text);
}

/* match_list_resolve */

static void
add(struct match_list *l, size_t start, size_t end, unsigned theme, unsigned pat)
{
	struct match	 m;

	m.start = start;
	m.end = end;
	m.theme = (uint16_t)theme;
	m.pat = (uint16_t)pat;
	match_list_add(l, &m);
}

static void
check_m(const struct match_list *l, size_t i, size_t start, size_t end, unsigned theme)
{
	assert_true(i < l->n);
	if (l->v[i].start != start || l->v[i].end != end || l->v[i].theme != theme)
		fail_msg("match %zu is [%zu, %zu) of theme %u, want [%zu, %zu) of %u", i,
		    l->v[i].start, l->v[i].end, (unsigned)l->v[i].theme, start, end,
		    theme);
}

static void
test_resolve(void **state)
{
	struct match_list	 l;

	(void)state;
	memset(&l, 0, sizeof l);
	/* Theme 1 overlaps theme 0 from the right: theme 0 wins. */
	add(&l, 5, 10, 1, 0);
	add(&l, 2, 7, 0, 0);
	match_list_resolve(&l);
	assert_int_equal(l.n, 1);
	check_m(&l, 0, 2, 7, 0);

	/* Theme 1 starts before theme 0 and overlaps it: dropped too. */
	match_list_clear(&l);
	add(&l, 3, 8, 0, 0);
	add(&l, 0, 4, 1, 0);
	match_list_resolve(&l);
	assert_int_equal(l.n, 1);
	check_m(&l, 0, 3, 8, 0);

	/* Theme 1 covers theme 0 entirely: dropped. */
	match_list_clear(&l);
	add(&l, 0, 20, 1, 0);
	add(&l, 5, 6, 0, 0);
	match_list_resolve(&l);
	assert_int_equal(l.n, 1);
	check_m(&l, 0, 5, 6, 0);

	/* Touching is not overlapping; everything is sorted by start. */
	match_list_clear(&l);
	add(&l, 20, 25, 0, 0);
	add(&l, 10, 20, 1, 0);
	add(&l, 0, 4, 2, 0);
	add(&l, 4, 10, 0, 1);
	add(&l, 30, 31, 1, 0);
	match_list_resolve(&l);
	assert_int_equal(l.n, 5);
	check_m(&l, 0, 0, 4, 2);
	check_m(&l, 1, 4, 10, 0);
	check_m(&l, 2, 10, 20, 1);
	check_m(&l, 3, 20, 25, 0);
	check_m(&l, 4, 30, 31, 1);

	/* Within one theme, the earlier match wins. */
	match_list_clear(&l);
	add(&l, 3, 9, 2, 0);
	add(&l, 0, 5, 2, 1);
	add(&l, 8, 12, 2, 0);
	match_list_resolve(&l);
	assert_int_equal(l.n, 2);
	check_m(&l, 0, 0, 5, 2);
	check_m(&l, 1, 8, 12, 2);

	/* A theme 1 match dropped for theme 0 leaves room for another of theme 1. */
	match_list_clear(&l);
	add(&l, 0, 10, 1, 0);
	add(&l, 5, 12, 1, 0);
	add(&l, 2, 4, 0, 0);
	match_list_resolve(&l);
	assert_int_equal(l.n, 2);
	check_m(&l, 0, 2, 4, 0);
	check_m(&l, 1, 5, 12, 1);

	/* Nothing and one. */
	match_list_clear(&l);
	match_list_resolve(&l);
	assert_int_equal(l.n, 0);
	add(&l, 1, 2, 7, 0);
	match_list_resolve(&l);
	assert_int_equal(l.n, 1);
	check_m(&l, 0, 1, 2, 7);
	match_list_free(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
}

static int
overlaps(const struct match *a, const struct match *b)
{
	return a->start < b->end && b->start < a->end;
}

static int
same(const struct match *a, const struct match *b)
{
	return a->start == b->start && a->end == b->end && a->theme == b->theme &&
	    a->pat == b->pat;
}

static void
test_resolve_property(void **state)
{
	struct match_list	 l;
	struct match		 in[64];
	uint64_t		 seed = 0x5eed1234abcdULL;
	size_t			 iter, n, i, j, used[64];
	int			 found;

	(void)state;
	memset(&l, 0, sizeof l);
	for (iter = 0; iter < 3000; iter++) {
		match_list_clear(&l);
		n = tu_randn(&seed, 40);
		for (i = 0; i < n; i++) {
			in[i].start = tu_randn(&seed, 120);
			in[i].end = in[i].start + 1 + tu_randn(&seed, 25);
			in[i].theme = (uint16_t)tu_randn(&seed, 4);
			in[i].pat = (uint16_t)tu_randn(&seed, 3);
			match_list_add(&l, &in[i]);
		}
		match_list_resolve(&l);
		assert_true(l.n <= n);
		if (n > 0)
			assert_true(l.n > 0);
		/* Sorted and disjoint. */
		for (i = 1; i < l.n; i++)
			if (l.v[i - 1].end > l.v[i].start)
				fail_msg("iteration %zu: [%zu, %zu) then [%zu, %zu)", iter,
				    l.v[i - 1].start, l.v[i - 1].end, l.v[i].start,
				    l.v[i].end);
		/* Every kept match is one of the input, each used once. */
		memset(used, 0, sizeof used);
		for (i = 0; i < l.n; i++) {
			for (found = 0, j = 0; j < n && !found; j++)
				if (!used[j] && same(&l.v[i], &in[j]))
					used[j] = found = 1;
			if (!found)
				fail_msg("iteration %zu: [%zu, %zu) was not given", iter,
				    l.v[i].start, l.v[i].end);
		}
		/* Every dropped match overlaps a kept one of a lower or equal theme. */
		for (j = 0; j < n; j++) {
			if (used[j])
				continue;
			for (found = 0, i = 0; i < l.n && !found; i++)
				found = overlaps(&in[j], &l.v[i]) &&
				    l.v[i].theme <= in[j].theme;
			if (!found)
				fail_msg("iteration %zu: [%zu, %zu) of theme %u dropped "
				    "for nothing", iter, in[j].start, in[j].end,
				    (unsigned)in[j].theme);
		}
		/* Theme 0's earliest match (the longest of those that start first)
		   is always kept. */
		for (j = 0, i = n; j < n; j++)
			if (in[j].theme == 0 && (i == n || in[j].start < in[i].start ||
			    (in[j].start == in[i].start && in[j].end > in[i].end)))
				i = j;
		if (i < n) {
			for (found = 0, j = 0; j < l.n && !found; j++)
				found = l.v[j].theme == 0 && l.v[j].start == in[i].start &&
				    l.v[j].end == in[i].end;
			assert_true(found);
		}
	}
	match_list_free(&l);
}

/* render */

/* Builds the resolved matches of every theme of f over text. */
static void
resolve_all(struct fixture *f, const char *text, size_t len)
{
	size_t	 t;

	match_list_clear(&f->ml);
	for (t = 0; t < f->cfg.nthemes; t++)
		assert_int_equal(matcher_theme(f->m, &f->cfg.themes[t], t, text, len, 0,
		    len, &f->ml), 0);
	match_list_resolve(&f->ml);
}

/* The theme index that covers byte off, or -1. */
static int
covering(const struct fixture *f, size_t off)
{
	size_t	 i;

	for (i = 0; i < f->ml.n; i++)
		if (f->ml.v[i].start <= off && off < f->ml.v[i].end)
			return f->ml.v[i].theme;
	return -1;
}

/* Draws the row at off and checks every glyph's theme style against the matches;
   returns the row. */
static struct row
check_row(const struct fixture *f, const struct render *r, size_t off, int width,
    size_t *nglyphs, size_t *nstyled)
{
	struct render_iter	 it;
	struct glyph		 g;
	struct row		 row;
	size_t			 pos;
	int			 col, style, want;

	layout_row(r->text, off, width, &row);
	render_begin(r, &row, &it);
	pos = row.off;
	while (render_next(&it, &g, &col, &style)) {
		want = covering(f, pos);
		if (want < 0 && (style & STYLE_THEME))
			fail_msg("glyph at byte %zu styled theme %d outside every match",
			    pos, STYLE_THEME_OF(style));
		if (want >= 0 && !(style & STYLE_THEME))
			fail_msg("glyph at byte %zu not styled, in a match of theme %d",
			    pos, want);
		if (want >= 0 && STYLE_THEME_OF(style) != want)
			fail_msg("glyph at byte %zu styled theme %d, want %d", pos,
			    STYLE_THEME_OF(style), want);
		assert_int_equal(style & ~(STYLE_THEME | 0xff00), 0);
		if (style & STYLE_THEME)
			(*nstyled)++;
		(*nglyphs)++;
		pos += g.len;
	}
	assert_int_equal(pos, row.off + row.len);
	return row;
}

static void
test_render_wrap(void **state)
{
	static const char	 text[] = "aa bbbb cccc dd";
	struct fixture		*f = *state;
	struct text		 t = { text, TU_LEN(text), 8 };
	struct render		 r;
	struct row		 row0, row1;
	size_t			 ng = 0, ns = 0;

	load_clean(f, "[theme a]\npattern = aa\n[theme bc]\npattern = \"bbbb cccc\"\n");
	resolve_all(f, text, TU_LEN(text));
	assert_int_equal(f->ml.n, 2);
	check_m(&f->ml, 0, 0, 2, 0);
	check_m(&f->ml, 1, 3, 12, 1);
	memset(&r, 0, sizeof r);
	r.text = &t;
	r.matches = f->ml.v;
	r.nmatches = f->ml.n;
	/* At width 8 the match [3, 12) is cut by the wrap after "bbbb ". */
	row0 = check_row(f, &r, 0, 8, &ng, &ns);
	assert_true(row0.off < 3 && row0.off + row0.len > 3);
	assert_true(row0.off + row0.len < 12);
	assert_int_equal(ng, 8);
	assert_int_equal(ns, 2 + 5);
	ng = ns = 0;
	row1 = check_row(f, &r, row0.next, 8, &ng, &ns);
	assert_true(row1.off > 3 && row1.off < 12);
	assert_true(row1.off + row1.len > 12);
	assert_int_equal(ns, 4);
	assert_int_equal(ng, 7);
	/* Narrower still: four rows, and every glyph is checked. */
	{
		size_t	 off = 0, rows = 0, total = 0;

		ns = 0;
		while (off < t.len) {
			ng = 0;
			off = check_row(f, &r, off, 4, &ng, &ns).next;
			total += ng;
			rows++;
		}
		assert_true(rows >= 4);
		assert_int_equal(ns, 2 + 8);
		assert_true(total >= 13);
	}
}

/* Passages' spans underline whatever else a glyph is: a theme match inside one
   keeps its theme, and a row that starts inside a span starts underlined. */
static void
test_render_passage(void **state)
{
	static const char	 text[] = "one two three four";
	struct text		 t = { text, TU_LEN(text), 8 };
	struct match		 theme = { 0 }, spans[2];
	struct render		 r;
	struct render_iter	 it;
	struct glyph		 g;
	struct row		 row;
	size_t			 pos = 0;
	int			 col, style;

	(void)state;
	memset(spans, 0, sizeof spans);
	spans[0].start = 4;		/* "two" */
	spans[0].end = 7;
	spans[1].start = 8;		/* "three fo" */
	spans[1].end = 16;
	theme.start = 8;		/* "three" */
	theme.end = 13;
	memset(&r, 0, sizeof r);
	r.text = &t;
	r.matches = &theme;
	r.nmatches = 1;
	r.passages = spans;
	r.npassages = 2;
	layout_row(&t, 0, 40, &row);
	render_begin(&r, &row, &it);
	while (render_next(&it, &g, &col, &style)) {
		assert_int_equal(!!(style & STYLE_PASSAGE), (pos >= 4 && pos < 7) ||
		    (pos >= 8 && pos < 16));
		assert_int_equal(!!(style & STYLE_THEME), pos >= 8 && pos < 13);
		pos += g.len;
	}
	assert_int_equal(pos, TU_LEN(text));
	/* A row from inside the second span: its first glyphs are in it. */
	row.off = 10;
	row.len = 4;
	render_begin(&r, &row, &it);
	assert_true(render_next(&it, &g, &col, &style));
	assert_int_equal(style & STYLE_PASSAGE, STYLE_PASSAGE);
}

static void
test_render_multibyte(void **state)
{
	/* é, 日本語, a space, e and a combining acute (one glyph), x. */
	static const char	 text[] = "\xc3\xa9日本語 e\xcc\x81x";
	static const size_t	 starts[] = { 0, 2, 5, 8, 11, 12, 15 };
	static const int	 styled[] = { -1, 0, 0, -1, -1, 1, -1 };
	struct fixture		*f = *state;
	struct text		 t = { text, TU_LEN(text), 8 };
	struct render		 r;
	struct render_iter	 it;
	struct glyph		 g;
	struct row		 row;
	size_t			 i = 0, pos;
	int			 col, style;

	load_clean(f, "[theme jp]\npattern = 日本\n[theme e]\nignore_case = no\n"
	    "pattern = e\n");
	resolve_all(f, text, TU_LEN(text));
	assert_int_equal(f->ml.n, 2);
	check_m(&f->ml, 0, 2, 8, 0);
	check_m(&f->ml, 1, 12, 13, 1);
	memset(&r, 0, sizeof r);
	r.text = &t;
	r.matches = f->ml.v;
	r.nmatches = f->ml.n;
	layout_row(&t, 0, 40, &row);
	assert_int_equal(row.len, TU_LEN(text));
	render_begin(&r, &row, &it);
	pos = 0;
	while (render_next(&it, &g, &col, &style)) {
		assert_true(i < sizeof starts / sizeof starts[0]);
		assert_int_equal(pos, starts[i]);
		if (styled[i] < 0)
			assert_int_equal(style & STYLE_THEME, 0);
		else {
			assert_int_equal(style & STYLE_THEME, STYLE_THEME);
			assert_int_equal(STYLE_THEME_OF(style), styled[i]);
		}
		pos += g.len;
		i++;
	}
	assert_int_equal(i, sizeof starts / sizeof starts[0]);
	/* Wide characters wrapped one per row keep their style. */
	{
		size_t	 ng = 0, ns = 0, off = 0;

		while (off < t.len)
			off = check_row(f, &r, off, 2, &ng, &ns).next;
		assert_int_equal(ns, 3);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_colour_names),
		cmocka_unit_test(test_colour_numbers),
		cmocka_unit_test(test_colour_rgb),
		cmocka_unit_test(test_smart_caseless),
		cmocka_unit_test(test_smart_caseless_unicode),
		cmocka_unit_test_setup_teardown(test_config_every_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_unknown_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_bad_pattern_quoted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_bad_pattern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_bad_pattern_words, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_config_unbalanced_words, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_config_words_injection, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_config_bad_pattern_caret_utf8, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_config_layers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_no_pattern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_all_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_spans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_multibyte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_once_per_theme, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_match_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_first_patterns, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_match_first_context, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_match_limits, setup, teardown),
		cmocka_unit_test(test_match_bound),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_resolve_property),
		cmocka_unit_test_setup_teardown(test_render_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_multibyte, setup, teardown),
		cmocka_unit_test(test_render_passage),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
