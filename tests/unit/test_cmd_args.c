/* cmd_args.c: a command line read by a command's declaration. The shared options land
   in their fields and a command's own in order; operands after options too (getopt's
   permuting), or not (CMD_INORDER); rubric tag's reading (CMD_SIGNED); a bad option
   is refused with the message quoted, and so is a count that is no number; --help is printed from the same table. The
   program runs one parse; these run many, so they also show a parse starts afresh. */
#include "testutil.h"

#include <unistd.h>

#include "cmd.h"

static int	test_exec(struct cmd_args *);

static const struct cmd_option test_options[] = {
	{ 'f', 'f', "format", "FORMAT", "the format" },
	{ 'g', '\0', "gone", NULL, "the gone ones" },
	{ 'C', '\0', "color", "WHEN", "colour" },
	{ 'C', '\0', "colour", "WHEN", NULL },
	{ 'n', '\0', "snippets", "N", "at most N" },
	{ 0, 0, NULL, NULL, NULL }
};

static const struct cmd_entry test_entry = {
	"list", NULL, "List them", "list [-q QUERY] [PATH...]", NULL,
	CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, test_options, 0, -1, test_exec
};

static const struct cmd_entry test_inorder = {
	"merge", NULL, "Merge", "merge A B", NULL, CMD_INORDER, test_options, 0, -1,
	test_exec
};

static const struct cmd_entry test_signed = {
	"tag", NULL, "Tag", "tag [+TAG|-TAG]... -- FILE...", NULL,
	CMD_CONFIG | CMD_SIDECAR | CMD_QUERY | CMD_SIGNED, NULL, 1, -1, test_exec
};

static int
test_exec(struct cmd_args *a)
{
	(void)a;
	return 0;
}

/* Parses the words of v (NULL-terminated) by e, stderr into err (room for n, may be
   NULL). The argv is static: the operands point into it. */
static int
parse(const struct cmd_entry *e, const char **v, struct cmd_args *a, char *err,
    size_t n)
{
	static char	*argv[32];
	FILE		*f;
	int		 argc, rc, saved;

	for (argc = 0; v[argc] != NULL; argc++)
		argv[argc] = (char *)v[argc];
	argv[argc] = NULL;
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	assert_non_null(f = tmpfile());
	dup2(fileno(f), STDERR_FILENO);
	rc = cmd_args_parse(e, argc, argv, a);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	if (err != NULL) {
		rewind(f);
		err[fread(err, 1, n - 1, f)] = '\0';
	}
	fclose(f);
	return rc;
}

static void
test_shared_and_own(void **state)
{
	const char	*v[] = { "list", "a", "-q", "x", "--format=jsonl", "b",
			    "--sidecar", "S", "-c", "C", "--gone", "--colour", "never",
			    NULL };
	struct cmd_args	 a;

	(void)state;
	assert_int_equal(parse(&test_entry, v, &a, NULL, 0), 0);
	assert_string_equal(a.query, "x");
	assert_string_equal(a.sidecar, "S");
	assert_string_equal(a.config, "C");
	assert_false(a.help);
	assert_string_equal(cmd_args_get(&a, 'f'), "jsonl");
	assert_true(cmd_args_has(&a, 'g'));
	assert_string_equal(cmd_args_get(&a, 'C'), "never");
	assert_null(cmd_args_get(&a, 'o'));
	/* getopt_long permutes: the operands come after the options. */
	assert_int_equal(a.argc, 2);
	assert_string_equal(a.argv[0], "a");
	assert_string_equal(a.argv[1], "b");
	assert_ptr_equal(a.entry, &test_entry);
	cmd_args_free(&a);
}

static void
test_repeated(void **state)
{
	const char	*v[] = { "list", "-f", "tsv", "-fjsonl", "--help", NULL };
	struct cmd_args	 a;

	(void)state;
	assert_int_equal(parse(&test_entry, v, &a, NULL, 0), 0);
	/* Each one kept in order; the last wins for cmd_args_get(). */
	assert_int_equal(a.nv, 2);
	assert_string_equal(a.v[0].value, "tsv");
	assert_string_equal(cmd_args_get(&a, 'f'), "jsonl");
	assert_true(a.help);
	assert_int_equal(a.argc, 0);
	cmd_args_free(&a);
}

static void
test_refused(void **state)
{
	const char	*unknown[] = { "list", "-Z", NULL };
	const char	*longone[] = { "list", "--frob\033]0;x", NULL };
	const char	*novalue[] = { "list", "a", "--format", NULL };
	const char	*notshared[] = { "merge", "--config", "x", NULL };
	struct cmd_args	 a;
	char		 err[1024];

	(void)state;
	assert_int_equal(parse(&test_entry, unknown, &a, err, sizeof err), 2);
	assert_non_null(strstr(err, "rubric: list: unknown option '-Z'\n"));
	assert_non_null(strstr(err, "usage: rubric list [-q QUERY] [PATH...]\n"));
	/* The option is quoted: its escape reaches no terminal. */
	assert_int_equal(parse(&test_entry, longone, &a, err, sizeof err), 2);
	assert_non_null(strstr(err, "unknown option '--frob"));
	assert_null(strchr(err, '\033'));
	assert_int_equal(parse(&test_entry, novalue, &a, err, sizeof err), 2);
	assert_non_null(strstr(err, "rubric: list: option '--format' needs a value"));
	/* What a command does not declare it does not take. */
	assert_int_equal(parse(&test_inorder, notshared, &a, err, sizeof err), 2);
	assert_non_null(strstr(err, "unknown option '--config'"));
}

static void
test_inorder_stops(void **state)
{
	const char	*v[] = { "merge", "-f", "x", "a", "-g", "--gone", NULL };
	struct cmd_args	 a;

	(void)state;
	assert_int_equal(parse(&test_inorder, v, &a, NULL, 0), 0);
	assert_string_equal(cmd_args_get(&a, 'f'), "x");
	assert_false(cmd_args_has(&a, 'g'));
	assert_int_equal(a.argc, 3);
	assert_string_equal(a.argv[1], "-g");
	cmd_args_free(&a);
}

static void
test_signed_words(void **state)
{
	const char	*v[] = { "tag", "--sidecar", "S", "--config=C", "-q", "Q", "+a",
			    "-c", "--sidecar", "--", "f", NULL };
	const char	*h[] = { "tag", "-h", NULL };
	const char	*hfile[] = { "tag", "-h", "--", "f", NULL };
	const char	*unknown[] = { "tag", "--frob", "+a", NULL };
	const char	*novalue[] = { "tag", "--sidecar", NULL };
	const char	*noq[] = { "tag", "-q", NULL };
	struct cmd_args	 a;
	char		 err[1024];

	(void)state;
	assert_int_equal(parse(&test_signed, v, &a, NULL, 0), 0);
	assert_string_equal(a.sidecar, "S");
	assert_string_equal(a.config, "C");
	assert_string_equal(a.query, "Q");
	/* After the first change, -c and --sidecar are changes too. */
	assert_int_equal(a.argc, 5);
	assert_string_equal(a.argv[0], "+a");
	assert_string_equal(a.argv[1], "-c");
	assert_string_equal(a.argv[2], "--sidecar");
	cmd_args_free(&a);
	/* -h is help alone, and a tag to remove with files. */
	assert_int_equal(parse(&test_signed, h, &a, NULL, 0), 0);
	assert_true(a.help);
	cmd_args_free(&a);
	assert_int_equal(parse(&test_signed, hfile, &a, NULL, 0), 0);
	assert_false(a.help);
	assert_int_equal(a.argc, 3);
	assert_string_equal(a.argv[0], "-h");
	cmd_args_free(&a);
	assert_int_equal(parse(&test_signed, unknown, &a, err, sizeof err), 2);
	assert_non_null(strstr(err, "rubric: tag: unknown option '--frob'\n"));
	assert_int_equal(parse(&test_signed, novalue, &a, err, sizeof err), 2);
	assert_non_null(strstr(err, "option '--sidecar' needs a value"));
	assert_int_equal(parse(&test_signed, noq, &a, err, sizeof err), 2);
	assert_non_null(strstr(err, "option '-q' needs a value"));
}

/* The help is the declaration: usage, summary, every option but the other
   spellings, -h last; rubric tag shows only -q and -h as short. */
static void
test_help(void **state)
{
	FILE	*f;
	char	 out[4096];

	(void)state;
	assert_non_null(f = tmpfile());
	cmd_args_help(&test_entry, f);
	rewind(f);
	out[fread(out, 1, sizeof out - 1, f)] = '\0';
	fclose(f);
	assert_non_null(strstr(out, "usage: rubric list [-q QUERY] [PATH...]\n\nList "
	    "them\n"));
	assert_non_null(strstr(out, "  -c, --config FILE "));
	assert_non_null(strstr(out, "  -f, --format FORMAT "));
	assert_non_null(strstr(out, "      --gone "));
	assert_non_null(strstr(out, "      --color WHEN "));
	assert_null(strstr(out, "--colour"));
	assert_non_null(strstr(out, "  -h, --help "));
	assert_true(strstr(out, "--format") < strstr(out, "--help"));
	assert_non_null(f = tmpfile());
	cmd_args_help(&test_signed, f);
	rewind(f);
	out[fread(out, 1, sizeof out - 1, f)] = '\0';
	fclose(f);
	assert_non_null(strstr(out, "      --config FILE "));
	assert_non_null(strstr(out, "  -q, --query QUERY "));
	assert_null(strstr(out, "-c, "));
}

/* An option whose value is N takes digits, and the last given counts; anything else
   is refused (exit 2) rather than read as 0 or as far as it goes. */
static void
test_numbers(void **state)
{
	const char	*good[] = { "list", "--snippets", "3", "--snippets=0", NULL };
	const char	*bad[] = { "x", "-1", "3x", "", " 3", "+3", "0x10",
			    "99999999999999999999999", NULL };
	const char	*v[] = { "list", "--snippets", NULL, NULL };
	struct cmd_args	 a;
	char		 err[1024], want[128];
	size_t		 i;

	(void)state;
	assert_int_equal(parse(&test_entry, good, &a, err, sizeof err), 0);
	assert_int_equal(cmd_args_number(&a, 'n', 77), 0);
	cmd_args_free(&a);
	v[1] = "--snippets=12";
	v[2] = NULL;
	assert_int_equal(parse(&test_entry, v, &a, err, sizeof err), 0);
	assert_int_equal(cmd_args_number(&a, 'n', 77), 12);
	cmd_args_free(&a);
	v[1] = "a";
	assert_int_equal(parse(&test_entry, v, &a, err, sizeof err), 0);
	assert_int_equal(cmd_args_number(&a, 'n', 77), 77);
	cmd_args_free(&a);
	v[1] = "--snippets";
	for (i = 0; bad[i] != NULL; i++) {
		v[2] = bad[i];
		assert_int_equal(parse(&test_entry, v, &a, err, sizeof err), 2);
		snprintf(want, sizeof want, "rubric: list: --snippets: '%s' is not a "
		    "number", bad[i]);
		assert_non_null(strstr(err, want));
	}
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_shared_and_own),
		cmocka_unit_test(test_repeated),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_inorder_stops),
		cmocka_unit_test(test_signed_words),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_numbers),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
