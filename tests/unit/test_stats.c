/* stats.c: the JSON Lines of stats read back give the same figures, two outputs add
   up, themes in another order are matched by name, and whatever is no stats record,
   or comes from another set of themes, is refused at its line. */
#include "testutil.h"

#include "stats.h"
#include "xmalloc.h"

/* Three themes, two tags, every figure different. */
static void
test_stats_make(struct stats *s)
{
	stats_init(s);
	s->articles = 7;
	s->corpus = 9;
	s->undecided = 1;
	s->binary = 2;
	s->unreadable = 3;
	s->query = 1;
	stats_theme(s, "deir");
	stats_theme(s, "isis");
	stats_both(s, 0, 1, 4);
	stats_theme(s, "Ω \"q\"");
	s->themes[0].articles = 5;
	s->themes[0].hits = 11;
	s->themes[1].articles = 6;
	s->themes[1].hits = 13;
	s->themes[1].incomplete = 1;
	s->themes[2].articles = 2;
	s->themes[2].hits = 2;
	stats_both(s, 2, 1, 2);
	stats_tag(s, "urgent", 3, 0);
	stats_tag(s, "deir", 0, 5);
	stats_tag(s, "urgent", 1, 0);
}

/* s as JSON Lines. Caller frees. */
static char *
test_stats_jsonl(const struct stats *s)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(stats_jsonl(s, f), 0);
	fclose(f);
	return buf;
}

/* Reads text into s: stats_read()'s result, the message in d. */
static int
test_stats_read(struct stats *s, const char *text, struct diag *d)
{
	FILE	*f = fmemopen((void *)text, strlen(text), "r");
	int	 rc;

	assert_non_null(f);
	rc = stats_read(s, f, "in", d);
	fclose(f);
	return rc;
}

static void
test_roundtrip(void **state)
{
	struct stats	 s, r;
	struct diag	 d = { 0 };
	char		*text, *again, *twice;

	(void)state;
	test_stats_make(&s);
	/* The table grew as themes came: a cell keeps its place. */
	assert_int_equal(s.both[0 * 3 + 1], 4);
	assert_int_equal(s.both[1 * 3 + 0], 4);
	assert_int_equal(s.both[1 * 3 + 2], 2);
	assert_int_equal(s.tags[0].manual, 4);
	text = test_stats_jsonl(&s);
	assert_non_null(strstr(text, "{\"stats\":\"articles\",\"articles\":7,"));
	assert_non_null(strstr(text, "\"theme\":\"Ω \\\"q\\\"\""));
	/* Tags by name. */
	assert_true(strstr(text, "\"tag\":\"deir\"") < strstr(text, "\"tag\":\"urgent\""));

	stats_init(&r);
	assert_int_equal(test_stats_read(&r, text, &d), 0);
	assert_int_equal(d.n, 0);
	again = test_stats_jsonl(&r);
	assert_string_equal(again, text);
	free(again);

	/* The same output twice, in one stream: every figure doubles. */
	twice = xasprintf("%s%s", text, text);
	stats_free(&r);
	stats_init(&r);
	assert_int_equal(test_stats_read(&r, twice, &d), 0);
	assert_int_equal(r.articles, 14);
	assert_int_equal(r.corpus, 18);
	assert_int_equal(r.undecided, 2);
	assert_int_equal(r.themes[1].incomplete, 2);
	assert_int_equal(r.both[2 * 3 + 1], 4);
	assert_int_equal(r.tags[1].manual, 8);
	assert_int_equal(r.nread, 2);
	free(twice);
	free(text);
	stats_free(&r);
	stats_free(&s);
	diag_free(&d);
}

/* Codes: their meetings are kept once whichever order the two come in, printed by
   name, read back the same, and summed. */
static void
test_codes(void **state)
{
	struct stats	 s, r;
	struct diag	 d = { 0 };
	char		*text, *again, *twice;

	(void)state;
	test_stats_make(&s);
	stats_code(&s, "siege", 1, 2);
	stats_code(&s, "army", 2, 3);
	stats_code(&s, "siege", 1, 0);
	stats_codes(&s, "siege", "army", 1, 2);
	stats_codes(&s, "army", "siege", 1, 0);
	stats_theme_code(&s, "isis", "siege", 2, 1);
	assert_int_equal(s.ncodes, 2);
	assert_int_equal(s.codes[0].articles, 2);
	assert_int_equal(s.codes[0].passages, 2);
	assert_int_equal(s.ncodepairs, 1);
	assert_string_equal(s.codepairs[0].a, "army");
	assert_int_equal(s.codepairs[0].articles, 2);
	assert_int_equal(s.codepairs[0].passages, 2);
	text = test_stats_jsonl(&s);
	assert_true(strstr(text, "\"code\":\"army\"") < strstr(text, "\"code\":\"siege\""));
	assert_non_null(strstr(text, "{\"stats\":\"codepair\",\"codes\":[\"army\","
	    "\"siege\"],\"articles\":2,\"passages\":2}"));
	assert_non_null(strstr(text, "{\"stats\":\"themecode\",\"theme\":\"isis\","
	    "\"code\":\"siege\",\"articles\":2,\"passages\":1}"));

	stats_init(&r);
	assert_int_equal(test_stats_read(&r, text, &d), 0);
	again = test_stats_jsonl(&r);
	assert_string_equal(again, text);
	free(again);
	stats_free(&r);

	twice = xasprintf("%s%s", text, text);
	stats_init(&r);
	assert_int_equal(test_stats_read(&r, twice, &d), 0);
	assert_int_equal(r.ncodes, 2);
	assert_int_equal(r.ncodepairs, 1);
	assert_int_equal(r.codepairs[0].articles, 4);
	assert_int_equal(r.themecodes[0].passages, 2);
	assert_int_equal(d.n, 0);
	free(twice);
	free(text);
	stats_free(&r);
	stats_free(&s);
	diag_free(&d);
}

static void
test_order(void **state)
{
	struct stats	 s;
	struct diag	 d = { 0 };

	(void)state;
	stats_init(&s);
	assert_int_equal(test_stats_read(&s,
	    "{\"stats\":\"articles\",\"articles\":2,\"corpus\":2,\"query\":false,"
	    "\"undecided\":0,\"binary\":0,\"unreadable\":0}\n"
	    "{\"stats\":\"theme\",\"theme\":\"a\",\"articles\":1,\"hits\":1,"
	    "\"incomplete\":0}\n"
	    "{\"stats\":\"theme\",\"theme\":\"b\",\"articles\":2,\"hits\":5,"
	    "\"incomplete\":0}\n"
	    "{\"stats\":\"pair\",\"themes\":[\"a\",\"b\"],\"articles\":1}\n"
	    "{\"stats\":\"articles\",\"articles\":3,\"corpus\":4,\"query\":true,"
	    "\"undecided\":0,\"binary\":1,\"unreadable\":0}\n"
	    "{\"stats\":\"theme\",\"theme\":\"b\",\"articles\":1,\"hits\":1,"
	    "\"incomplete\":0}\n"
	    "{\"stats\":\"pair\",\"themes\":[\"b\",\"a\"],\"articles\":1}\n"
	    "{\"stats\":\"theme\",\"theme\":\"a\",\"articles\":3,\"hits\":3,"
	    "\"incomplete\":0}\n"
	    "{\"stats\":\"tag\",\"tag\":\"x\",\"manual\":2,\"auto\":1}\n", &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(s.nthemes, 2);
	assert_string_equal(s.themes[0].name, "a");
	assert_int_equal(s.themes[0].articles, 4);
	assert_int_equal(s.themes[1].hits, 6);
	assert_int_equal(s.both[1], 2);
	assert_int_equal(s.both[2], 2);
	assert_int_equal(s.articles, 5);
	assert_int_equal(s.binary, 1);
	assert_true(s.query);
	assert_int_equal(s.ntags, 1);
	stats_free(&s);
	diag_free(&d);
}

#define HEAD	"{\"stats\":\"articles\",\"articles\":1,\"corpus\":1,\"query\":false," \
		"\"undecided\":0,\"binary\":0,\"unreadable\":0}\n"
#define THEME(n) "{\"stats\":\"theme\",\"theme\":\"" n "\",\"articles\":1," \
		"\"hits\":1,\"incomplete\":0}\n"
#define BIG	"{\"stats\":\"articles\",\"articles\":9223372036854775807," \
		"\"corpus\":1,\"query\":false,\"undecided\":0,\"binary\":0," \
		"\"unreadable\":0}\n"
#define PAIR(a, b) "{\"stats\":\"pair\",\"themes\":[\"" a "\",\"" b "\"]," \
		"\"articles\":1}\n"
#define TAG(n)	"{\"stats\":\"tag\",\"tag\":\"" n "\",\"manual\":" \
		"3074457345618258603,\"auto\":0}\n"

static void
test_refused(void **state)
{
	static const struct {
		const char	*text;
		const char	*msg;
	} cases[] = {
		{ "", "in: no stats output in it" },
		{ HEAD "hello\n", "in:2: not a stats record: " },
		{ HEAD "{\"path\":\"a.txt\"}\n", "in:2: not a stats record" },
		{ THEME("a"), "in:1: a stats record before its output's "
		    "\"articles\" record" },
		{ HEAD "{\"stats\":\"theme\",\"theme\":\"a\",\"articles\":-1,"
		    "\"hits\":1,\"incomplete\":0}\n", "in:2: not a stats record" },
		{ HEAD THEME("a") THEME("a"), "in:3: theme 'a' twice in one output" },
		{ HEAD THEME("a") THEME("b") HEAD THEME("a"),
		    "in:4: theme 'b' of in:1 is missing from this output" },
		{ HEAD THEME("a") HEAD THEME("a") THEME("c"),
		    "in:5: theme 'c' is not in the first output, in:1" },
		{ HEAD THEME("a") "{\"stats\":\"pair\",\"themes\":[\"a\",\"z\"],"
		    "\"articles\":1}\n", "in:3: a pair of themes, 'a' and 'z', not "
		    "two of this output's" },
		/* Sums that would wrap round, and records given twice in one
		   output, which would count their articles twice. */
		{ BIG BIG, "in:2: a count too large to add up" },
		{ HEAD TAG("t") HEAD TAG("t") HEAD TAG("t"),
		    "in:6: a count too large to add up" },
		{ HEAD THEME("a") THEME("b") PAIR("a", "b") PAIR("b", "a"),
		    "in:5: the pair of themes 'b' and 'a' twice in one output" },
		{ HEAD THEME("a") THEME("b") PAIR("a", "b") HEAD THEME("b")
		    THEME("a") PAIR("a", "b") PAIR("a", "b"),
		    "in:9: the pair of themes 'a' and 'b' twice in one output" },
		{ HEAD TAG("t") TAG("u") TAG("t"),
		    "in:4: tag 't' twice in one output" },
		/* A key twice in a record: jansson would keep the last. */
		{ HEAD "{\"stats\":\"theme\",\"theme\":\"a\",\"articles\":1,"
		    "\"articles\":5,\"hits\":1,\"incomplete\":0}\n",
		    "in:2: not a stats record: duplicate object key" },
	};
	struct stats	 s;
	struct diag	 d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&d, 0, sizeof d);
		stats_init(&s);
		assert_int_equal(test_stats_read(&s, cases[i].text, &d), -1);
		assert_int_equal(d.n, 1);
		assert_memory_equal(d.msgs[0].text, cases[i].msg,
		    strlen(cases[i].msg));
		stats_free(&s);
		diag_free(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_refused),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
