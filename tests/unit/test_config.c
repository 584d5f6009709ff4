/* config.c and ini.c: settings and their layers, missing files, errors and warnings with
   the right FILE:LINE, chrome patterns (bad, replaced, dropped), lines too long for
   iniparser, and the shipped config/config.ini with what its patterns match. */
#include "testutil.h"

#include "chrome.h"
#include "config.h"
#include "diag.h"
#include "ini.h"

#define SHIPPED	"config/config.ini"

struct fixture {
	char		*dir;
	struct config	 cfg;
	struct diag	 d;
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	if (f == NULL)
		abort();
	f->dir = tu_mkdtemp();
	config_init(&f->cfg);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

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

static void
test_defaults(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(f->cfg.tab_width, 8);
	assert_int_equal(f->cfg.nextensions, 2);
	assert_string_equal(f->cfg.extensions[0], "txt");
	assert_string_equal(f->cfg.extensions[1], "md");
	assert_int_equal(chrome_count(f->cfg.chrome), 0);
	/* No layers at all: still the defaults. */
	assert_int_equal(config_load(&f->cfg, NULL, 0, &f->d), 0);
	assert_int_equal(f->cfg.tab_width, 8);
	assert_int_equal(f->d.n, 0);
}

static void
test_settings(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "a.ini", "; settings\n[rubric]\nextensions = \"txt markdown text\"\n"
	    "tab_width = 4\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.tab_width, 4);
	assert_int_equal(f->cfg.nextensions, 3);
	assert_string_equal(f->cfg.extensions[0], "txt");
	assert_string_equal(f->cfg.extensions[1], "markdown");
	assert_string_equal(f->cfg.extensions[2], "text");
	free(p);
	/* Commas and leading dots; names are caseless. */
	p = ini(f, "b.ini", "[Rubric]\nExtensions = .md, .TXT,rst\nTAB_WIDTH = 16\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.tab_width, 16);
	assert_int_equal(f->cfg.nextensions, 3);
	assert_string_equal(f->cfg.extensions[0], "md");
	assert_string_equal(f->cfg.extensions[1], "TXT");
	assert_string_equal(f->cfg.extensions[2], "rst");
	free(p);
	/* "*" is every file, the empty extension. */
	p = ini(f, "c.ini", "[rubric]\nextensions = *\ntab_width = 1\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.nextensions, 1);
	assert_string_equal(f->cfg.extensions[0], "");
	assert_int_equal(f->cfg.tab_width, 1);
	free(p);
}

static void
test_layers(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 files[3];
	char			*p1, *p2, *p3;

	p1 = ini(f, "1.ini", "[rubric]\nextensions = txt\ntab_width = 4\n"
	    "[chrome]\npattern.a = \"^alpha$\"\n");
	p2 = ini(f, "2.ini", "[rubric]\ntab_width = 2\n[chrome]\npattern.b = \"^beta$\"\n");
	p3 = ini(f, "3.ini", "[chrome]\npattern.a = \"^gamma$\"\n");
	memset(files, 0, sizeof files);
	files[0].path = p1;
	files[0].required = 0;
	files[1].path = p2;
	files[1].required = 0;
	files[2].path = p3;
	files[2].required = 1;
	assert_int_equal(config_load(&f->cfg, files, 3, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	/* Key by key: tab_width from the second file, extensions from the first. */
	assert_int_equal(f->cfg.tab_width, 2);
	assert_int_equal(f->cfg.nextensions, 1);
	assert_string_equal(f->cfg.extensions[0], "txt");
	/* pattern.a replaced by the third file, pattern.b kept. */
	assert_int_equal(chrome_count(f->cfg.chrome), 2);
	assert_false(chrome_match(f->cfg.chrome, "alpha", 5));
	assert_true(chrome_match(f->cfg.chrome, "gamma", 5));
	assert_true(chrome_match(f->cfg.chrome, "BETA", 4));
	free(p1);
	free(p2);
	free(p3);
}

static void
test_missing_optional(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 files[2];
	char			*missing, *p;

	missing = tu_path(f->dir, "no-such.ini");
	p = ini(f, "later.ini", "[rubric]\ntab_width = 3\n");
	memset(files, 0, sizeof files);
	files[0].path = missing;
	files[0].required = 0;
	files[1].path = p;
	files[1].required = 0;
	assert_int_equal(config_load(&f->cfg, files, 2, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.tab_width, 3);
	free(missing);
	free(p);
}

static void
test_missing_required(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 files[2];
	char			*missing, *p;

	missing = tu_path(f->dir, "no-such.ini");
	p = ini(f, "later.ini", "[rubric]\ntab_width = 3\n");
	memset(files, 0, sizeof files);
	files[0].path = missing;
	files[0].required = 1;
	files[1].path = p;
	files[1].required = 0;
	assert_int_equal(config_load(&f->cfg, files, 2, &f->d), -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg(&f->d, 0, DIAG_ERROR, missing, 0);
	tu_check_contains(&f->d, 0, "No such file or directory");
	/* The layers that could be read still apply. */
	assert_int_equal(f->cfg.tab_width, 3);
	free(missing);
	free(p);
}

static void
test_bad_tab_width(void **state)
{
	static const char *const	 bad[] = { "abc", "0", "17", "8x", "-4", "" };
	struct fixture			*f = *state;
	char				 text[256], *p;
	size_t				 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "; comment\n\n[rubric]\nextensions = md\n"
		    "\n  tab_width = %s\n", bad[i]);
		p = ini(f, "tab.ini", text);
		diag_free(&f->d);
		assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
		assert_int_equal(f->d.n, 1);
		assert_int_equal(f->d.nerrors, 1);
		tu_check_msg(&f->d, 0, DIAG_ERROR, p, 6);
		tu_check_contains(&f->d, 0, "tab_width");
		/* The bad value is left out; the good one beside it is used. */
		assert_int_equal(f->cfg.tab_width, 8);
		assert_string_equal(f->cfg.extensions[0], "md");
		free(p);
	}
}

static void
test_unknown_key(void **state)
{
	struct fixture	*f = *state;
	char		*p, want[512];

	p = ini(f, "k.ini", "[rubric]\ntab_width = 4\n\n; note\nfoo = 1\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 0);
	snprintf(want, sizeof want, "%s:5: warning: unknown key 'foo' in [rubric]", p);
	assert_string_equal(f->d.msgs[0].text, want);
	assert_int_equal(f->d.msgs[0].level, DIAG_WARNING);
	assert_int_equal(f->cfg.tab_width, 4);
	free(p);
	/* In [chrome] too. */
	diag_free(&f->d);
	p = ini(f, "c.ini", "[chrome]\npattern.x = \"^x$\"\npatern.y = \"^y$\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	tu_check_msg(&f->d, 0, DIAG_WARNING, p, 3);
	tu_check_contains(&f->d, 0, "patern.y");
	assert_int_equal(chrome_count(f->cfg.chrome), 1);
	free(p);
	/* Outside any section. */
	diag_free(&f->d);
	p = ini(f, "o.ini", "; top\nstray = 1\n[rubric]\ntab_width = 5\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	tu_check_msg(&f->d, 0, DIAG_WARNING, p, 2);
	tu_check_contains(&f->d, 0, "stray");
	assert_int_equal(f->cfg.tab_width, 5);
	free(p);
}

static void
test_unknown_section(void **state)
{
	struct fixture	*f = *state;
	char		*p, want[512];

	p = ini(f, "s.ini", "[rubric]\ntab_width = 4\n\n; other\n[colours]\nkey = 1\n"
	    "[chrome]\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 0);
	snprintf(want, sizeof want, "%s:5: warning: unknown section [colours]", p);
	assert_string_equal(f->d.msgs[0].text, want);
	assert_int_equal(f->cfg.tab_width, 4);
	free(p);
}

static void
test_bad_pattern(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "p.ini", "[chrome]\n; a good one and a bad one\n"
	    "pattern.good = \"^good$\"\n\npattern.bad = \"(unclosed\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 5, 25);
	tu_check_contains(&f->d, 0, "at offset");
	tu_check_contains(&f->d, 0, "pattern.bad");
	/* The bad one is left out, the good one is used. */
	assert_int_equal(chrome_count(f->cfg.chrome), 1);
	assert_true(chrome_match(f->cfg.chrome, "good", 4));
	free(p);
}

static void
test_drop_pattern(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 files[3];
	char			*p1, *p2, *p3;

	p1 = ini(f, "1.ini", "[chrome]\npattern.a = \"^foo$\"\npattern.b = \"^bar$\"\n"
	    "pattern.c = \"^baz$\"\n");
	p2 = ini(f, "2.ini", "[chrome]\npattern.a = \"\"\n");
	p3 = ini(f, "3.ini", "[chrome]\npattern.c =\n");
	memset(files, 0, sizeof files);
	files[0].path = p1;
	files[0].required = 1;
	files[1].path = p2;
	files[1].required = 1;
	files[2].path = p3;
	files[2].required = 1;
	assert_int_equal(config_load(&f->cfg, files, 1, &f->d), 0);
	assert_int_equal(chrome_count(f->cfg.chrome), 3);
	config_free(&f->cfg);
	config_init(&f->cfg);
	assert_int_equal(config_load(&f->cfg, files, 3, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(chrome_count(f->cfg.chrome), 1);
	assert_false(chrome_match(f->cfg.chrome, "foo", 3));
	assert_true(chrome_match(f->cfg.chrome, "bar", 3));
	assert_false(chrome_match(f->cfg.chrome, "baz", 3));
	free(p1);
	free(p2);
	free(p3);
}

/* A file whose third line is len bytes long, a comment. */
static char *
long_line_file(struct fixture *f, size_t len)
{
	char	*text, *p;
	size_t	 n;

	n = strlen("[rubric]\ntab_width = 4\n");
	if ((text = malloc(n + len + 64)) == NULL)
		abort();
	memcpy(text, "[rubric]\ntab_width = 4\n", n);
	text[n] = ';';
	memset(text + n + 1, 'x', len - 1);
	strcpy(text + n + len, "\nextensions = md\n");
	p = ini(f, "long.ini", text);
	free(text);
	return p;
}

static void
test_long_line(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	/* INI_MAXLINE bytes: iniparser reads it. */
	p = long_line_file(f, INI_MAXLINE);
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.tab_width, 4);
	assert_string_equal(f->cfg.extensions[0], "md");
	free(p);
	/* One more: the whole file fails, at its line. */
	config_free(&f->cfg);
	config_init(&f->cfg);
	p = long_line_file(f, INI_MAXLINE + 1);
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 3);
	assert_int_equal(f->cfg.tab_width, 8);
	assert_string_equal(f->cfg.extensions[0], "txt");
	free(p);
}

/* A message about a place in a pattern names its column in the file, counted from the
   line's start past the key, the spaces and a quote; none when the value is not the
   line's text as it stands (a line continued with a backslash). */
static void
test_value_column(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "c.ini", "[chrome]\npattern.x =   (bad\n"
	    "  pattern.y=\"a)\"\n"
	    "pattern.z = ab)\\\n  cd\n"
	    "[view v]\nquery = \"tag:a and )\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.n, 3);
	tu_check_msg_at(&f->d, 0, DIAG_ERROR, p, 2, 19);
	tu_check_contains(&f->d, 0, "chrome: pattern.x: ");
	tu_check_msg_at(&f->d, 1, DIAG_ERROR, p, 3, 15);
	/* "PATH:4: ", no column. */
	tu_check_msg(&f->d, 2, DIAG_ERROR, p, 4);
	/* A view's query is checked when used; its place is kept for that. */
	assert_int_equal(f->cfg.nviews, 1);
	assert_int_equal(f->cfg.views[0].line, 7);
	assert_int_equal(f->cfg.views[0].col, 10);
	free(p);
}

static void
test_section_colon(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "colon.ini", "[rubric]\ntab_width = 4\n\n[a:b]\nkey = 1\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), -1);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 4);
	tu_check_contains(&f->d, 0, "a:b");
	assert_int_equal(f->cfg.tab_width, 8);
	free(p);
}

/* iniparser ends a section name at its first ']': the view's key was looked up under
   a name iniparser never made, and the NULL it got crashed. */
static void
test_section_bracket(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "bracket.ini", "[view v]x]\nquery = \"tag:x\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), -1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 1);
	tu_check_contains(&f->d, 0, "v]x");
	assert_int_equal(f->cfg.nviews, 0);
	free(p);
}

/* iniparser joins a comment ending in a backslash with the next line: the key there is
   part of the comment, not a key without a value. */
static void
test_comment_continued(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "cont.ini", "[view v]\n; a comment \\\nquery = \"tag:x\"\n"
	    "[rubric]\ntab_width = 4\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.nerrors, 0);
	assert_int_equal(f->cfg.tab_width, 4);
	assert_int_equal(f->cfg.nviews, 1);
	assert_null(f->cfg.views[0].query);
	free(p);
}

/* A theme or view whose name holds a control, a bidi control or C1 is left out with an
   error at its line; its keys go with it, and the others load. */
static void
test_name_controls(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "names.ini", "[theme x\342\200\256evil]\npattern = \"a\"\n"
	    "[theme q\033[2Jx]\ncolor = red\npattern = \"b\"\n"
	    "[view v\302\235]\nquery = \"tag:x\"\n"
	    "[theme ok]\npattern = \"c\"\n[view fine]\nquery = \"tag:y\"\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.nerrors, 3);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 1);
	tu_check_msg(&f->d, 1, DIAG_ERROR, p, 3);
	tu_check_msg(&f->d, 2, DIAG_ERROR, p, 6);
	assert_non_null(strstr(f->d.msgs[0].text, "x<U+202E>evil"));
	assert_int_equal(f->cfg.nthemes, 1);
	assert_string_equal(f->cfg.themes[0].name, "ok");
	assert_int_equal(f->cfg.nviews, 1);
	assert_string_equal(f->cfg.views[0].name, "fine");
	free(p);
}

/* An unquoted `color = #rrggbb` is an empty value to iniparser, which takes '#' for a
   comment: the error says so at the line, with the quoted form to write instead. */
static void
test_colour_comment(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "hash.ini", "[theme a]\npattern = \"a\"\ncolor = #ff8800\n"
	    "[theme b]\npattern = \"b\"\ncolour = #00ff00 ; green\n"
	    "[theme c]\npattern = \"c\"\ncolor = \"#ff8800\"\n"
	    "[theme d]\npattern = \"d\"\ncolor = reddish # not one\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), 0);
	assert_int_equal(f->d.nerrors, 3);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 3);
	assert_non_null(strstr(f->d.msgs[0].text, "theme a: color: '#' starts a "
	    "comment: quote the colour (color = \"#ff8800\")"));
	tu_check_msg(&f->d, 1, DIAG_ERROR, p, 6);
	assert_non_null(strstr(f->d.msgs[1].text, "(colour = \"#00ff00\")"));
	/* A value left after the cut is a colour or not on its own. */
	tu_check_msg(&f->d, 2, DIAG_ERROR, p, 12);
	assert_non_null(strstr(f->d.msgs[2].text, "'reddish' is not a colour name"));
	assert_int_equal(f->cfg.nthemes, 4);
	assert_int_equal(f->cfg.themes[2].colour.rgb, 0xff8800);
	free(p);
}

/* A section name and a key that fit a line each, but not iniparser's 1024-byte lookup
   together. */
static void
test_key_too_long(void **state)
{
	struct fixture	*f = *state;
	char		 text[1400], *p;

	snprintf(text, sizeof text, "[view %0600d]\n%0600d = 1\n", 0, 0);
	p = ini(f, "long.ini", text);
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), -1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 2);
	free(p);
}

static void
test_not_ini(void **state)
{
	struct fixture	*f = *state;
	char		*p;

	p = ini(f, "junk.ini", "[rubric]\ntab_width = 4\nthis is not ini\n");
	assert_int_equal(tu_config_load(&f->cfg, &f->d, p), -1);
	assert_int_equal(f->d.nerrors, 1);
	tu_check_msg(&f->d, 0, DIAG_ERROR, p, 3);
	assert_int_equal(f->cfg.tab_width, 8);
	free(p);
}

/* The number of pattern.NAME lines in the shipped file. */
static size_t
shipped_patterns(void)
{
	FILE	*fp;
	char	 line[2048];
	size_t	 n = 0;
	int	 in_chrome = 0;

	if ((fp = fopen(SHIPPED, "r")) == NULL)
		fail_msg("%s: %s (run from the repository root)", SHIPPED,
		    strerror(errno));
	while (fgets(line, sizeof line, fp) != NULL) {
		if (line[0] == '[')
			in_chrome = strncmp(line, "[chrome]", 8) == 0;
		else if (in_chrome && strncmp(line, "pattern.", 8) == 0)
			n++;
	}
	fclose(fp);
	return n;
}

static void
test_shipped(void **state)
{
	static const char *const	 chrome[] = {
		"skip to Main Content",
		"Back To Top",
		"Add new comment",
		"« prev   random   next »",
		"Log in or register to post comments",
		"הוסף תגובה חדשה",
		"  Skip to content",
	};
	static const char *const	 prose[] = {
		"The SDF said it would comment on the talks later.",
		"Back to top-level negotiations, the envoy said.",
		"Home prices rose again this year.",
		"Email from the minister was leaked on Tuesday.",
		"Comments from the council were not available.",
		"",
	};
	struct fixture			*f = *state;
	size_t				 i, n;

	n = shipped_patterns();
	assert_true(n > 0);
	assert_int_equal(tu_config_load(&f->cfg, &f->d, SHIPPED), 0);
	for (i = 0; i < f->d.n; i++)
		print_error("%s\n", f->d.msgs[i].text);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.tab_width, 8);
	assert_int_equal(f->cfg.nextensions, 2);
	assert_string_equal(f->cfg.extensions[0], "txt");
	assert_string_equal(f->cfg.extensions[1], "md");
	assert_int_equal(chrome_count(f->cfg.chrome), n);
	for (i = 0; i < sizeof chrome / sizeof chrome[0]; i++)
		if (!chrome_match(f->cfg.chrome, chrome[i], strlen(chrome[i])))
			fail_msg("not chrome: \"%s\"", chrome[i]);
	for (i = 0; i < sizeof prose / sizeof prose[0]; i++)
		if (chrome_match(f->cfg.chrome, prose[i], strlen(prose[i])))
			fail_msg("taken as chrome: \"%s\"", prose[i]);
}

/* The built-in text is config/config.ini as it stands, read as a file is, and its
   messages name it. */
static void
test_builtin(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 file;
	FILE			*fp;
	char			*buf;
	size_t			 n;

	buf = malloc(config_builtin_len + 1);
	assert_non_null(buf);
	assert_non_null(fp = fopen(SHIPPED, "rb"));
	n = fread(buf, 1, config_builtin_len + 1, fp);
	fclose(fp);
	assert_int_equal(n, config_builtin_len);
	assert_memory_equal(buf, config_builtin, n);
	assert_int_equal(config_builtin[n], '\0');
	free(buf);
	memset(&file, 0, sizeof file);
	file.path = CONFIG_BUILTIN_NAME;
	file.text = (const char *)config_builtin;
	file.len = config_builtin_len;
	assert_int_equal(config_load(&f->cfg, &file, 1, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(chrome_count(f->cfg.chrome), shipped_patterns());
	assert_int_equal(f->cfg.nthemes, 0);
	assert_true(chrome_match(f->cfg.chrome, "Skip to main content", 20));
	assert_int_equal(f->cfg.nlayers, 1);
	assert_string_equal(f->cfg.layers[0].path, CONFIG_BUILTIN_NAME);
	config_free(&f->cfg);
	config_init(&f->cfg);
	file.text = "[rubric]\ntab_width = 99\n";
	file.len = strlen(file.text);
	assert_int_equal(config_load(&f->cfg, &file, 1, &f->d), 0);
	assert_int_equal(f->d.n, 1);
	tu_check_msg(&f->d, 0, DIAG_ERROR, CONFIG_BUILTIN_NAME, 2);
}

/* A later file drops an earlier theme by emptying its patterns, and a view by an
   empty query; a theme of a later file with the same name takes the earlier keys it
   does not give, unless it empties them. */
static void
test_drop_theme_view(void **state)
{
	struct fixture		*f = *state;
	struct config_file	 files[2];
	struct theme		*t;
	char			*p1, *p2;

	p1 = ini(f, "1.ini", "[theme a]\npattern = \"x\"\npattern.abbrev = \"\\bDEZ\\b\"\n"
	    "[theme b]\npattern = \"y\"\npattern.abbrev = \"Y\"\n"
	    "[theme c]\npattern = \"z\"\npattern.abbrev = \"Z\"\n"
	    "[view v]\nquery = \"theme:a\"\n[view w]\nquery = unread\n");
	p2 = ini(f, "2.ini", "[theme a]\npattern = \"\"\npattern.abbrev = \"\"\n"
	    "[theme b]\npattern = \"yy\"\n"
	    "[theme c]\npattern.abbrev = \"\"\npattern = \"zz\"\n"
	    "[view v]\nquery = \"\"\n");
	memset(files, 0, sizeof files);
	files[0].path = p1;
	files[1].path = p2;
	assert_int_equal(config_load(&f->cfg, files, 2, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->cfg.nthemes, 2);
	assert_null(config_theme(&f->cfg, "a"));
	/* b, given again without its abbrev, keeps the earlier one; c drops it. */
	assert_non_null(t = config_theme(&f->cfg, "b"));
	assert_int_equal(t->npats, 2);
	assert_string_equal(t->pats[1].source, "Y");
	assert_non_null(t = config_theme(&f->cfg, "c"));
	assert_int_equal(t->npats, 2);
	assert_string_equal(t->pats[0].source, "zz");
	assert_string_equal(t->pats[1].source, "");
	assert_null(t->pats[1].re);
	assert_int_equal(f->cfg.nviews, 1);
	assert_string_equal(f->cfg.views[0].name, "w");
	free(p1);
	free(p2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_controls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_optional, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_required, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_tab_width, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_pattern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_pattern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_section_colon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_section_bracket, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comment_continued, setup, teardown),
		cmocka_unit_test_setup_teardown(test_colour_comment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_ini, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_builtin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_theme_view, setup, teardown),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
