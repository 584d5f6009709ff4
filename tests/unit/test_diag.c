/* diag.c: where a message points (FILE:LINE:COL as mandoc gives it, and the shorter
   forms), columns counted in characters, the caret line under the column form, and
   quoting of what a message holds. */
#include "testutil.h"

#include "diag.h"

/* Every form of the place: file, line and column; file and line; file; nowhere. */
static void
test_where(void **state)
{
	struct diag_at	 full = { "a.ini", 3, 14 }, noline = { "a.ini", 0, 14 };
	struct diag_at	 nocol = { "a.ini", 3, 0 }, nofile = { NULL, 3, 14 };
	struct diag	 d;

	(void)state;
	memset(&d, 0, sizeof d);
	diag_add_at(&d, DIAG_ERROR, &full, "theme %s: bad", "x");
	diag_add_at(&d, DIAG_WARNING, &full, "odd");
	diag_add_at(&d, DIAG_ERROR, &nocol, "no column");
	diag_add_at(&d, DIAG_ERROR, &noline, "no line");
	diag_add_at(&d, DIAG_ERROR, &nofile, "nowhere");
	diag_add_at(&d, DIAG_ERROR, NULL, "nowhere either");
	diag_add(&d, DIAG_ERROR, "a.ini", 3, "as before");
	assert_int_equal(d.n, 7);
	assert_int_equal(d.nerrors, 6);
	assert_string_equal(d.msgs[0].text, "a.ini:3:14: theme x: bad");
	assert_string_equal(d.msgs[1].text, "a.ini:3:14: warning: odd");
	assert_string_equal(d.msgs[2].text, "a.ini:3: no column");
	assert_string_equal(d.msgs[3].text, "a.ini: no line");
	assert_string_equal(d.msgs[4].text, "nowhere");
	assert_string_equal(d.msgs[5].text, "nowhere either");
	assert_string_equal(d.msgs[6].text, "a.ini:3: as before");
	diag_free(&d);
}

/* The column of an offset: characters, not bytes, from where the text starts; 0 stays
   0 (unknown); an offset past the text stops at its end. */
static void
test_column(void **state)
{
	(void)state;
	assert_int_equal(diag_column(12, "abc)def", 3), 15);
	assert_int_equal(diag_column(1, "abc", 0), 1);
	assert_int_equal(diag_column(12, "\xc3\xa9t\xc3\xa9)x", 5), 15);
	assert_int_equal(diag_column(0, "abc)def", 3), 0);
	assert_int_equal(diag_column(5, "ab", 10), 7);
}

/* The caret line stays under the message in the column form, and a control in the
   file name or the message is quoted. */
static void
test_caret_and_quoting(void **state)
{
	struct diag_at	 at = { "a\033[2J.ini", 2, 16 };
	struct diag	 d;

	(void)state;
	memset(&d, 0, sizeof d);
	diag_add_at(&d, DIAG_ERROR, &at, "theme t: pattern: %s at offset 4", "\007oops");
	diag_caret(&d, "(bad", 4);
	assert_string_equal(d.msgs[0].text, "a^[[2J.ini:2:16: theme t: pattern: ^Goops "
	    "at offset 4\n    (bad\n        ^");
	diag_free(&d);
}

/* While a command runs, a message that points nowhere gets its name and one that
   points at a file keeps "FILE:LINE: "; with none (the screen), neither has one. */
static void
test_command(void **state)
{
	struct diag	 d;
	char		 out[512];
	FILE		*f;
	size_t		 n;

	(void)state;
	memset(&d, 0, sizeof d);
	diag_add(&d, DIAG_ERROR, "a.ini", 3, "bad");
	diag_add(&d, DIAG_ERROR, "a.ini", 0, "unreadable");
	diag_add(&d, DIAG_WARNING, NULL, 0, "%d left out", 2);
	assert_non_null(f = tmpfile());
	diag_command("export");
	diag_print(&d, f);
	diag_command(NULL);
	diag_print(&d, f);
	rewind(f);
	n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	fclose(f);
	assert_string_equal(out,
	    "rubric: a.ini:3: bad\n"
	    "rubric: a.ini: unreadable\n"
	    "rubric: export: warning: 2 left out\n"
	    "rubric: a.ini:3: bad\n"
	    "rubric: a.ini: unreadable\n"
	    "rubric: warning: 2 left out\n");
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_caret_and_quoting),
		cmocka_unit_test(test_command),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
