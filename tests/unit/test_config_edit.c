/* config_edit.c: a suggested spelling's pattern and key, and the one line put into a
   configuration file, every other byte kept: in its theme's section, in a new section
   at the end, in a new file; a file that does not parse, or holds the key, left as it
   is; a linked file written where it is, the link kept. */
#include <sys/stat.h>

#include "testutil.h"

#include "config.h"
#include "config_edit.h"
#include "diag.h"
#include "theme.h"

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*s = calloc(1, 1 << 16);
	size_t	 n;

	assert_non_null(f);
	assert_non_null(s);
	n = fread(s, 1, (1 << 16) - 1, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void
test_literal(void **state)
{
	struct theme	 t;
	
	char		*p;

	(void)state;
	memset(&t, 0, sizeof t);
	t.icase = THEME_CASE_SMART;
	p = config_edit_literal("Dayr az-Zawr", &t);
	assert_string_equal(p, "\\bdayr\\s+az-zawr\\b");
	free(p);
	p = config_edit_literal(" U.S. (Army) \"x\"", &t);
	assert_string_equal(p, "\\bu\\.s\\.\\s+\\(army\\)\\s+\\x22x\\x22");
	free(p);
	t.icase = THEME_CASE_NO;
	p = config_edit_literal("Dayr", &t);
	assert_string_equal(p, "\\bDayr\\b");
	free(p);

}

static void
test_key(void **state)
{
	struct theme		 t;
	struct theme_pattern	 pats[2];
	char			*k;

	(void)state;
	memset(&t, 0, sizeof t);
	memset(pats, 0, sizeof pats);
	pats[0].key = (char *)"pattern.dayr-az-zawr";
	pats[1].key = (char *)"pattern.dayr-az-zawr-2";
	t.pats = pats;
	t.npats = 2;
	k = config_edit_key("Dayr az-Zawr", &t);
	assert_string_equal(k, "pattern.dayr-az-zawr-3");
	free(k);
	k = config_edit_key("\xd8\xaf\xd9\x8a\xd8\xb1", &t);	/* no ASCII at all */
	assert_string_equal(k, "pattern.x");
	free(k);
}

static void
test_add(void **state)
{
	static const char mid[] = "; mine\r\n[theme a]\r\npattern = \"x\"\r\n; note\r\n\r\n"
	    "\r\n[theme b]\r\npattern = \"y\"";
	static const char midwant[] = "; mine\r\n[theme a]\r\npattern = \"x\"\r\n; note\r\n"
	    "pattern.k = \"\\\\bz\\\\b\"\r\n\r\n\r\n[theme b]\r\npattern = \"y\"";
	struct diag	 d;
	char		*dir = tu_mkdtemp(), *path, *got, *link, *deep;
	struct stat	 st;

	(void)state;
	memset(&d, 0, sizeof d);
	/* In the middle: after the section's last line that is not blank. */
	path = tu_write_in(dir, "c.ini", mid, sizeof mid - 1);
	assert_int_equal(config_edit_add(path, "a", "pattern.k", "\\\\bz\\\\b", &d), 0);
	got = slurp(path);
	assert_string_equal(got, midwant);
	free(got);
	/* The last section, no line end at the file's end. */
	assert_int_equal(config_edit_add(path, "b", "pattern.k", "w", &d), 0);
	got = slurp(path);
	assert_non_null(strstr(got, "pattern = \"y\"\r\npattern.k = \"w\"\r\n"));
	free(got);
	/* No such section: a new one at the end. */
	assert_int_equal(config_edit_add(path, "c", "pattern.k", "v", &d), 0);
	got = slurp(path);
	assert_non_null(strstr(got, "\r\n\r\n[theme c]\r\npattern.k = \"v\"\r\n"));
	free(got);
	/* The key there already: refused, the file as it was. */
	got = slurp(path);
	assert_int_equal(config_edit_add(path, "c", "pattern.k", "u", &d), -1);
	assert_true(d.nerrors > 0);
	link = slurp(path);
	assert_string_equal(got, link);
	free(got);
	free(link);
	diag_free(&d);
	/* A file iniparser would not read: refused, unchanged. */
	free(path);
	path = tu_write_in(dir, "bad.ini", "[theme a\nx\n", 11);
	assert_int_equal(config_edit_add(path, "a", "pattern.k", "z", &d), -1);
	got = slurp(path);
	assert_string_equal(got, "[theme a\nx\n");
	free(got);
	diag_free(&d);
	/* A new file, its folders made. */
	deep = tu_path(dir, "x/y/rubric/config.ini");
	assert_int_equal(config_edit_add(deep, "a", "pattern.k", "z", &d), 0);
	got = slurp(deep);
	assert_non_null(strstr(got, "\n[theme a]\npattern.k = \"z\"\n"));
	free(got);
	/* A link: the file it names is written, the link stays one. */
	link = tu_path(dir, "link.ini");
	assert_int_equal(symlink(deep, link), 0);
	assert_int_equal(config_edit_add(link, "a", "pattern.j", "q", &d), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	got = slurp(deep);
	assert_non_null(strstr(got, "pattern.k = \"z\"\npattern.j = \"q\"\n"));
	free(got);
	diag_free(&d);
	free(link);
	free(deep);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_add),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
