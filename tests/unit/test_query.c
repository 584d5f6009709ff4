/* query.c: how queries are understood (precedence shown by query_format), every field
   and comparison evaluated against articles made here, errors with their columns, and
   header dates. */
#include "testutil.h"

#include "article.h"
#include "config.h"
#include "diag.h"
#include "query.h"
#include "sidecar.h"

static const char	 themes_ini[] = "[theme deir]\npattern = deir\nautotag = 2\n"
    "[theme isis]\npattern = isis\n[theme al-qaim]\npattern = qaim\nautotag = 1\n"
    "[view x]\nquery = tag:a or theme:isis\n[view both]\nquery = view:x unread\n"
    "[view loop]\nquery = view:loop2\n[view loop2]\nquery = tag:z or view:loop\n"
    "[view bad]\nquery = tag:a )\n";

struct fixture {
	char		*dir;
	struct config	 cfg;
	struct diag	 d;
};

/* Gives an article with no texts a title and no other text. */
static void
set_title(struct article *a, const char *title)
{
	const char	*text[ARTICLE_NTEXTS] = { title };
	size_t		 len[ARTICLE_NTEXTS] = { strlen(title) };

	article_set_texts(a, text, len);
}

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);
	char		*path;

	f->dir = tu_mkdtemp();
	config_init(&f->cfg);
	path = tu_config_text(&f->cfg, &f->d, f->dir, "themes.ini", themes_ini,
	    TU_LEN(themes_ini));
	assert_int_equal(f->cfg.nthemes, 3);
	free(path);
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

/* The fields the screen completes and its help lists are the ones that parse. */
static void
test_field_names(void **state)
{
	struct fixture		*f = *state;
	struct query_error	 qe;
	struct query		*q;
	char			 text[128];
	size_t			 i;

	for (i = 0; query_fields[i].name != NULL; i++) {
		/* The terms with no value are their form alone. */
		if (strchr(query_fields[i].form, ':') == NULL)
			snprintf(text, sizeof text, "%s", query_fields[i].form);
		else
			snprintf(text, sizeof text, "%s:%s", query_fields[i].name,
			    strcmp(query_fields[i].name, "theme") == 0 ?
			    f->cfg.themes[0].name : strcmp(query_fields[i].name,
			    "date") == 0 ? "2017" : "x");
		if ((q = query_parse(text, &f->cfg, &qe)) == NULL)
			fail_msg("%s: %s", text, qe.message);
		query_free(q);
	}
	assert_int_equal(i, 13);
	assert_null(query_parse("nosuch:x", &f->cfg, &qe));
	/* dup and copy need the clusters; text:dup is a word, and so is dupe. */
	q = query_parse("dup or copy", &f->cfg, &qe);
	assert_non_null(q);
	assert_int_equal(query_needs(q), QUERY_NEEDS_DUPS);
	query_free(q);
	q = query_parse("text:dup dupe", &f->cfg, &qe);
	assert_non_null(q);
	assert_int_equal(query_needs(q), QUERY_NEEDS_BODY);
	query_free(q);
	assert_non_null(query_operators[0].form);
}

/* view:NAME reads the view's query in its place, as in parentheses; a view that
   names itself, one that is not there and one whose query is wrong are errors
   said at the term. */
static void
test_view(void **state)
{
	struct fixture		*f = *state;
	struct query_error	 qe;
	struct query		*q;
	char			*s;

	assert_non_null(q = query_parse("view:both", &f->cfg, &qe));
	s = query_format(q);
	assert_string_equal(s, "((tag:a or theme:isis) and unread)");
	free(s);
	query_free(q);
	assert_non_null(q = query_parse("not view:x", &f->cfg, &qe));
	s = query_format(q);
	assert_string_equal(s, "not (tag:a or theme:isis)");
	free(s);
	query_free(q);
	assert_null(query_parse("tag:b view:nosuch", &f->cfg, &qe));
	assert_string_equal(qe.message, "view:nosuch: no such view");
	assert_int_equal(qe.offset, 6);
	assert_null(query_parse("view:loop", &f->cfg, &qe));
	assert_string_equal(qe.message, "view:loop: view:loop2: view:loop: the view "
	    "names itself");
	assert_null(query_parse("view:bad", &f->cfg, &qe));
	assert_string_equal(qe.message, "view:bad: unexpected ')'");
	assert_int_equal(qe.offset, 0);
	assert_null(query_parse("view:", &f->cfg, &qe));
	assert_string_equal(qe.message, "view: needs a value");
}

/* How each query is understood. */
static void
test_precedence(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "a", "a" },
		{ "a b", "(a and b)" },
		{ "a b c", "(a and b and c)" },
		{ "a or b c", "(a or (b and c))" },
		{ "a b or c", "((a and b) or c)" },
		{ "a or b or c d", "(a or b or (c and d))" },
		{ "a | b & c", "(a or (b and c))" },
		{ "not a b", "(not a and b)" },
		{ "!a or !b", "(not a or not b)" },
		{ "not (a or b)", "not (a or b)" },
		{ "NOT a AND b OR c", "((not a and b) or c)" },
		{ "(a or b) (c or d)", "((a or b) and (c or d))" },
		{ "a&b|c", "((a and b) or c)" },
		{ "tag:x theme:isis>=3", "(tag:x and theme:isis>=3)" },
		{ "\"and\" or", NULL },
		{ "\"and or\" oregon", "(\"and or\" and oregon)" },
		{ "not not a", "not not a" },
		{ "  a\tor\nb  ", "(a or b)" },
	};
	struct fixture		*f = *state;
	struct query_error	 err;
	struct query		*q;
	size_t			 i;
	char			*s;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = query_parse(cases[i].in, &f->cfg, &err);
		if (cases[i].want == NULL) {
			assert_null(q);
			continue;
		}
		if (q == NULL)
			fail_msg("'%s': %s", cases[i].in, err.message);
		s = query_format(q);
		if (strcmp(s, cases[i].want) != 0)
			fail_msg("'%s' read as '%s', not '%s'", cases[i].in, s, cases[i].want);
		free(s);
		query_free(q);
	}
}

/* Each bad query: the message and the column it names. */
static void
test_errors(void **state)
{
	static const struct {
		const char	*in;
		size_t		 column;
		const char	*says;
	} cases[] = {
		{ "tag:a and b)", 12, "unexpected ')'" },
		{ "", 1, "empty query" },
		{ "   ", 4, "empty query" },
		{ "(a", 1, "unmatched '('" },
		{ "a (b or c", 3, "unmatched '('" },
		{ "()", 2, "empty ()" },
		{ "a and", 3, "missing after 'and'" },
		{ "a or", 3, "missing after 'or'" },
		{ "a &", 3, "missing after '&'" },
		{ "not", 4, "missing after 'not'" },
		{ "a or or b", 6, "unexpected 'or'" },
		{ "and a", 1, "unexpected 'and'" },
		{ "a & | b", 5, "unexpected '|'" },
		{ "foo:bar", 1, "unknown field 'foo'" },
		{ "theme:nope", 7, "no theme called 'nope'" },
		{ "theme:", 7, "name is missing" },
		{ "theme:isis>=", 13, "count is missing" },
		{ "theme:isis>x", 12, "count is missing" },
		{ "date:2017-9", 6, "YYYY" },
		{ "date:>=17", 8, "YYYY" },
		{ "tag:", 1, "needs a value" },
		{ "title:/(/", 9, "missing closing parenthesis" },
		{ "title:/abc", 7, "unterminated /" },
		{ "title:/abc/x", 12, "after /RE/" },
		{ "\"open", 1, "unterminated \"" },
		{ "x \"", 3, "unterminated \"" },
		/* Columns count characters, not bytes. */
		{ "עברית )", 7, "unexpected ')'" },
	};
	struct fixture		*f = *state;
	struct query_error	 err;
	struct query		*q;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = query_parse(cases[i].in, &f->cfg, &err);
		if (q != NULL)
			fail_msg("'%s' parsed", cases[i].in);
		if (query_column(cases[i].in, err.offset) != cases[i].column ||
		    strstr(err.message, cases[i].says) == NULL)
			fail_msg("'%s': '%s' at column %zu, want '%s' at %zu", cases[i].in,
			    err.message, query_column(cases[i].in, err.offset),
			    cases[i].says, cases[i].column);
	}
}

/* Nesting deeper than the parser allows is an error, not a crash. */
static void
test_deep(void **state)
{
	struct fixture		*f = *state;
	struct query_error	 err;
	char			*s = malloc(20002);

	memset(s, '(', 10000);
	s[10000] = 'a';
	memset(s + 10001, ')', 10000);
	s[20001] = '\0';
	assert_null(query_parse(s, &f->cfg, &err));
	assert_non_null(strstr(err.message, "nested too deeply"));
	memset(s, '!', 20001);
	assert_null(query_parse(s, &f->cfg, &err));
	free(s);
}

/* A long chain of terms is matched in time linear in its length: the cost of each
   side of an and was once worked out again at every level (fuzz_query). */
static void
test_long_chain(void **state)
{
	struct fixture		*f = *state;
	struct query_error	 err;
	struct query_subject	 sub;
	struct article		*a;
	struct query		*q;
	char			*s = malloc(300 * 12 + 1), *p = s;
	int			 i;

	for (i = 0; i < 300; i++)
		p += sprintf(p, "%spath:d%03d", i > 0 ? " " : "", i);
	assert_non_null(q = query_parse(s, &f->cfg, &err));
	/* Written out, the chain is as deep as it was: it parses again (fuzz_query
	   found a chain whose nested parentheses went past the parser's limit). */
	free(s);
	s = query_format(q);
	query_free(q);
	assert_non_null(q = query_parse(s, &f->cfg, &err));
	a = article_new("/nonexistent", "d000");
	set_title(a, "t");
	memset(&sub, 0, sizeof sub);
	sub.article = a;
	assert_false(query_match(q, &sub));
	query_subject_free(&sub);
	query_free(q);
	article_free(a);
	free(s);
}

/* One article to match against: its file holds text, its header a date. */
struct subject {
	struct article		*a;
	struct sidecar_entry	 e;
	scan_count		 counts[3];
	uint8_t			 incomplete[1];	/* a bit a theme */
	int			 has_entry;
	int			 has_counts;
};

static int
matches(struct fixture *f, const char *query, struct subject *s)
{
	struct query_subject	 sub;
	struct query_error	 err;
	struct query		*q;
	int			 r;

	if ((q = query_parse(query, &f->cfg, &err)) == NULL)
		fail_msg("'%s': %s", query, err.message);
	memset(&sub, 0, sizeof sub);
	sub.article = s->a;
	sub.entry = s->has_entry ? &s->e : NULL;
	sub.counts = s->has_counts ? s->counts : NULL;
	sub.incomplete = s->has_counts ? s->incomplete : NULL;
	r = query_match(q, &sub);
	query_subject_free(&sub);
	query_free(q);
	return r;
}

static void
test_fields(void **state)
{
	static const char	 text[] = "Title: Convoy reaches Deir ez-Zor\n"
	    "Date: 6 September 2017\n\nThe convoy reached the city; ISIS "
	    "fighters withdrew.\nA \"quoted phrase\" and a path/with/slashes.\n";
	struct fixture		*f = *state;
	struct subject		 s;
	struct sidecar_tag	 tags[4] = {
		{ (char *)"Urgent", SIDECAR_PERSON },
		{ (char *)"al-qaim", SIDECAR_REJECTED },
		{ (char *)"isis", SIDECAR_THEME }, { (char *)"two words", SIDECAR_PERSON }
	};
	char			*path;

	path = tu_write_in(f->dir, "convoy.txt", text, TU_LEN(text));
	memset(&s, 0, sizeof s);
	s.a = article_new(path, "2017/convoy.txt");
	assert_int_equal(article_head(s.a, NULL), ARTICLE_OK);
	s.e.path = (char *)"2017/convoy.txt";
	s.e.tags = tags;
	s.e.ntags = 4;
	s.e.note = (char *)"Check the casualty figures\nwith the second source.";
	s.counts[0] = 2;	/* deir: autotag 2, reached */
	s.counts[1] = 5;	/* isis */
	s.counts[2] = 1;	/* al-qaim: autotag 1, but rejected */
	s.has_entry = s.has_counts = 1;

	/* Tags: by a person (case kept), by a theme, never rejected ones. */
	assert_true(matches(f, "tag:Urgent", &s));
	assert_false(matches(f, "tag:urgent", &s));
	assert_true(matches(f, "tag:\"two words\"", &s));
	assert_false(matches(f, "tag:isis", &s));
	assert_true(matches(f, "auto:isis", &s));
	assert_true(matches(f, "auto:deir", &s));	/* live from the counts */
	assert_false(matches(f, "auto:al-qaim", &s));	/* rejected */
	assert_false(matches(f, "tag:al-qaim or auto:al-qaim", &s));
	s.counts[0] = 1;
	assert_false(matches(f, "auto:deir", &s));	/* under autotag */
	s.counts[0] = 2;

	/* Themes and comparisons. */
	assert_true(matches(f, "theme:isis", &s));
	assert_true(matches(f, "theme:isis>=5", &s));
	assert_false(matches(f, "theme:isis>5", &s));
	assert_true(matches(f, "theme:isis=5 theme:isis<=5 theme:isis<6", &s));
	assert_false(matches(f, "theme:isis<5", &s));
	assert_true(matches(f, "theme:al-qaim=1", &s));
	assert_true(matches(f, "theme:\"deir\">1", &s));
	s.has_counts = 0;
	assert_false(matches(f, "theme:isis", &s));	/* not counted: no hits */
	assert_true(matches(f, "theme:isis=0", &s));
	s.has_counts = 1;
	/* A count that is a lower bound (isis: 5 or more) decides only where more
	   would not change the answer. */
	s.incomplete[0] = 1u << 1;
	assert_int_equal(matches(f, "theme:isis>=5", &s), QUERY_YES);
	assert_int_equal(matches(f, "theme:isis>4", &s), QUERY_YES);
	assert_int_equal(matches(f, "theme:isis>=6", &s), QUERY_UNDECIDED);
	assert_int_equal(matches(f, "theme:isis>5", &s), QUERY_UNDECIDED);
	assert_int_equal(matches(f, "theme:isis<5", &s), QUERY_NO);
	assert_int_equal(matches(f, "theme:isis<=4", &s), QUERY_NO);
	assert_int_equal(matches(f, "theme:isis<6", &s), QUERY_UNDECIDED);
	assert_int_equal(matches(f, "theme:isis=4", &s), QUERY_NO);
	assert_int_equal(matches(f, "theme:isis=5", &s), QUERY_UNDECIDED);
	assert_int_equal(matches(f, "theme:isis>=6 or theme:deir", &s), QUERY_YES);
	assert_int_equal(matches(f, "theme:deir=2", &s), QUERY_YES);
	s.incomplete[0] = 0;

	/* Title, text, words and phrases, with smart case. */
	assert_true(matches(f, "title:convoy", &s));
	assert_false(matches(f, "title:Convoys", &s));
	assert_true(matches(f, "title:/reach(es|ed) Deir/", &s));
	assert_false(matches(f, "title:withdrew", &s));
	assert_true(matches(f, "text:withdrew", &s));
	assert_true(matches(f, "withdrew isis", &s));
	assert_false(matches(f, "Isis", &s));		/* a capital: exact case */
	assert_true(matches(f, "\"convoy reached\"", &s));
	assert_false(matches(f, "\"reached convoy\"", &s));
	assert_true(matches(f, "\"\\\"quoted phrase\\\"\"", &s));
	/* A phrase's space is any run of what is not a word: a line end, a
	   semicolon and two spaces; not a word character, nor nothing. */
	assert_true(matches(f, "\"withdrew a quoted\"", &s));
	assert_true(matches(f, "\"city isis\"", &s));
	assert_true(matches(f, "\"city   isis\"", &s));
	assert_false(matches(f, "\"the city isis withdrew\"", &s));
	assert_true(matches(f, "\"path with\"", &s));	/* path/with */
	assert_false(matches(f, "\"con voy\"", &s));
	assert_false(matches(f, "\"convoyreached\"", &s));
	assert_true(matches(f, "text:/path\\/with/", &s));
	assert_true(matches(f, "/fighters\\s+withdrew/", &s));
	assert_true(matches(f, "text:\"a.b\" or x", &s) == 0);	/* literal . */

	/* Notes, read state, paths and dates. */
	assert_true(matches(f, "note:casualty", &s));
	assert_true(matches(f, "note:/figures\\nwith/", &s));
	assert_false(matches(f, "note:convoy", &s));
	assert_true(matches(f, "unread", &s));
	s.e.read = 1;
	assert_false(matches(f, "unread", &s));
	assert_true(matches(f, "not unread", &s));
	assert_true(matches(f, "path:2017", &s));
	assert_true(matches(f, "path:2017/", &s));
	assert_false(matches(f, "path:201", &s));
	assert_true(matches(f, "path:2017/*.txt", &s));
	assert_true(matches(f, "path:*convoy*", &s));
	assert_false(matches(f, "path:*.md", &s));
	assert_true(matches(f, "date:2017", &s));
	assert_true(matches(f, "date:2017-09", &s));
	assert_true(matches(f, "date:2017-09-06", &s));
	assert_true(matches(f, "date:>=2017-09-01 date:<2017-10", &s));
	assert_false(matches(f, "date:>2017", &s));
	assert_true(matches(f, "date:<=2017", &s));

	/* No sidecar entry: no tags, no note, unread. */
	s.has_entry = 0;
	assert_false(matches(f, "tag:Urgent", &s));
	assert_true(matches(f, "auto:al-qaim", &s));	/* nobody rejected it here */
	assert_false(matches(f, "note:casualty", &s));
	assert_true(matches(f, "unread", &s));

	article_free(s.a);
	free(path);
}

/* Words and phrases match whole words, in the text, the title and the note: a side
   of the literal that is a word character wants none next to it, a side that is
   punctuation wants nothing. */
static void
test_whole_words(void **state)
{
	static const char	 text[] = "Title: Oil-field fire near Deir ez-Zor\n\n"
	    "The soil of the oil-field burned; U.S. forces left. Ölpreis_hoch "
	    "and naïve reports, a\\Eb.\n";
	struct fixture		*f = *state;
	struct subject		 s;
	char			*path;

	path = tu_write_in(f->dir, "oil.txt", text, TU_LEN(text));
	memset(&s, 0, sizeof s);
	s.a = article_new(path, "oil.txt");
	assert_int_equal(article_head(s.a, NULL), ARTICLE_OK);
	s.e.path = (char *)"oil.txt";
	s.e.note = (char *)"spoiled figures";
	s.has_entry = 1;

	assert_true(matches(f, "oil", &s));		/* in oil-field */
	assert_true(matches(f, "field", &s));
	assert_true(matches(f, "soil", &s));
	assert_false(matches(f, "soi", &s));		/* not in soil */
	assert_false(matches(f, "text:il", &s));
	assert_true(matches(f, "\"oil-field\"", &s));
	assert_true(matches(f, "\"ez-Zor\"", &s));
	assert_true(matches(f, "title:\"ez-Zor\"", &s));
	assert_false(matches(f, "\"z-Zor\"", &s));
	assert_false(matches(f, "title:fir", &s));
	assert_false(matches(f, "note:oil", &s));	/* not in spoiled */
	assert_true(matches(f, "note:spoiled", &s));
	/* A literal ending in punctuation has no boundary after it. */
	assert_true(matches(f, "U.S.", &s));
	assert_true(matches(f, "text:\"U.\"", &s));
	assert_true(matches(f, "left.", &s));
	assert_true(matches(f, "text:\".\"", &s));
	assert_false(matches(f, "text:\"S.f\"", &s));
	/* Letters beyond ASCII are word characters too, and _ is one. */
	assert_false(matches(f, "na", &s));
	assert_true(matches(f, "naïve", &s));
	assert_false(matches(f, "Ölpreis", &s));
	assert_true(matches(f, "Ölpreis_hoch", &s));
	/* \E in a literal does not end its quoting. */
	assert_true(matches(f, "\"a\\\\Eb.\"", &s));
	/* /RE/ is unchanged: a substring. */
	assert_true(matches(f, "/soi/", &s));
	article_free(s.a);
	free(path);
}

/* What the query needs beyond the head and the sidecar. */
static void
test_needs(void **state)
{
	static const struct {
		const char	*in;
		int		 needs;
	} cases[] = {
		{ "tag:a", 0 },
		{ "title:a note:b path:c date:2017 unread", 0 },
		{ "theme:isis", QUERY_NEEDS_COUNTS },
		{ "auto:isis", QUERY_NEEDS_COUNTS },
		{ "word", QUERY_NEEDS_BODY },
		{ "text:/x/ or theme:deir>2", QUERY_NEEDS_BODY | QUERY_NEEDS_COUNTS },
	};
	struct fixture		*f = *state;
	struct query_error	 err;
	struct query		*q;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_non_null(q = query_parse(cases[i].in, &f->cfg, &err));
		assert_int_equal(query_needs(q), cases[i].needs);
		query_free(q);
	}
}

/* A body that cannot be read matches no text term, and its absence is not a crash. */
static void
test_unreadable(void **state)
{
	struct fixture	*f = *state;
	struct subject	 s;
	char		*path = tu_path(f->dir, "gone.txt");

	memset(&s, 0, sizeof s);
	s.a = article_new(path, "gone.txt");
	set_title(s.a, "Gone");
	assert_false(matches(f, "anything", &s));
	assert_true(matches(f, "not anything", &s));
	assert_true(matches(f, "title:gone", &s));
	article_free(s.a);
	free(path);
}

/* One remembered query_match() on subject number i. */
static int
remembered(struct query *q, struct article *a, size_t i, int has_index)
{
	struct query_subject	 sub;
	int			 r;

	memset(&sub, 0, sizeof sub);
	sub.article = a;
	sub.index = i;
	sub.has_index = has_index;
	r = query_match(q, &sub);
	query_subject_free(&sub);
	return r;
}

/* query_remember(): a text term reads an article once; what it found stays even when
   the file changes, for that query only; a file that could not be read is tried
   again. */
static void
test_remember(void **state)
{
	struct fixture		*f = *state;
	struct query_error	 err;
	struct query		*q, *fresh;
	struct article		*a, *b;
	char			*pa = tu_path(f->dir, "a.txt"), *pb = tu_path(f->dir, "b.txt");

	tu_write(pa, "bulldozers at the crossing\n", 27);
	a = article_new(pa, "a.txt");
	b = article_new(pb, "b.txt");		/* not there yet */
	assert_non_null(q = query_parse("bulldozers", &f->cfg, &err));
	query_remember(q, 2);
	assert_true(remembered(q, a, 0, 1));
	assert_false(remembered(q, b, 1, 1));	/* unreadable */

	/* The text changes on disk: the remembered answer stands, for index 0. */
	tu_write(pa, "a quiet day at the crossing\n", 28);
	assert_true(remembered(q, a, 0, 1));
	assert_false(remembered(q, a, 0, 0));	/* without an index: read again */
	assert_non_null(fresh = query_parse("bulldozers", &f->cfg, &err));
	assert_false(remembered(fresh, a, 0, 1));	/* another query reads anew */

	/* The unreadable one is read when it can be. */
	tu_write(pb, "more bulldozers\n", 16);
	assert_true(remembered(q, b, 1, 1));

	/* An index past what was remembered is simply read. */
	assert_false(remembered(q, a, 5, 1));
	query_free(fresh);
	query_free(q);
	article_free(a);
	article_free(b);
	free(pa);
	free(pb);
}

static void
test_dates(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "2017-09-06", "2017-09-06" },
		{ "2017-09-06T14:30:00Z", "2017-09-06" },
		{ "2017-9-6", "2017-09-06" },
		{ "2017/09/06", "2017-09-06" },
		{ "6 September 2017", "2017-09-06" },
		{ "06 Sep 2017", "2017-09-06" },
		{ "September 6, 2017", "2017-09-06" },
		{ "Sept. 6 2017", NULL },
		{ "Sep. 6, 2017", "2017-09-06" },
		{ "Wed, 6 Sep 2017 10:00:00 +0300", "2017-09-06" },
		{ "Wednesday, September 6, 2017", "2017-09-06" },
		{ "  2019-12-31", "2019-12-31" },
		{ "2017-13-01", NULL },
		{ "2017-09-32", NULL },
		{ "20170906", NULL },
		{ "yesterday", NULL },
		{ "", NULL },
		{ "6 Smarch 2017", NULL },
	};
	char	 out[11];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int	 r = article_date(cases[i].in, out);

		if (cases[i].want == NULL ? r != -1 : r != 0 ||
		    strcmp(out, cases[i].want) != 0)
			fail_msg("'%s': %d '%s'", cases[i].in, r, r == 0 ? out : "");
	}
}

/* Kleene's three values: a term PCRE2 gives up on (its match limit, on 50 KB of a and
   a !) is undecided, never no; not keeps it undecided, and an and or an or is
   decided only by a side that decides it whatever the other. Remembered, the same. */
static void
test_undecided(void **state)
{
	static const struct {
		const char		*in;
		enum query_answer	 want;
		const char		*term;		/* blamed, when undecided */
	} cases[] = {
		{ "/(a+)+c|!/", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "not /(a+)+c|!/", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "not not /(a+)+c|!/", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "aaaa or /(a+)+c|!/", QUERY_YES, NULL },
		{ "/(a+)+c|!/ or aaaa", QUERY_YES, NULL },
		{ "zzz or /(a+)+c|!/", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "/(a+)+c|!/ or zzz", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "zzz and /(a+)+c|!/", QUERY_NO, NULL },
		{ "/(a+)+c|!/ and zzz", QUERY_NO, NULL },
		{ "aaaa and /(a+)+c|!/", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "not (zzz and /(a+)+c|!/)", QUERY_YES, NULL },
		{ "not (aaaa or /(a+)+c|!/)", QUERY_NO, NULL },
		{ "path:big.txt and /(a+)+c|!/", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "path:other.txt and /(a+)+c|!/", QUERY_NO, NULL },
		{ "(/(a+)+c|!/ and aaaa) or zzz", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "(zzz and /(a+)+c|!/) or text:/(a+)+d|!/", QUERY_UNDECIDED,
		    "text:/(a+)+d|!/" },
		{ "(zzz and /(a+)+c|!/) or /(a+)+d|!/ or aaaa", QUERY_YES, NULL },
		{ "/(a+)+c|!/ or /(a+)+d|!/", QUERY_UNDECIDED, "/(a+)+c|!/" },
		{ "title:/(a+)+c|!/", QUERY_UNDECIDED, "title:/(a+)+c|!/" },
		{ "/a+!/", QUERY_YES, NULL },
	};
	struct fixture		*f = *state;
	struct query_subject	 sub;
	struct query_error	 err;
	struct query		*q;
	struct article		*a;
	enum query_answer	 r;
	char			*text, *path;
	size_t			 i, k;

	text = malloc(50002);
	memset(text, 'a', 50000);
	memcpy(text + 50000, "!\n", 2);
	/* Words match whole: aaaa is one, before the run. */
	memcpy(text, "aaaa ", 5);
	path = tu_write_in(f->dir, "big.txt", text, 50002);
	a = article_new(path, "big.txt");
	assert_int_equal(article_head(a, NULL), ARTICLE_OK);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if ((q = query_parse(cases[i].in, &f->cfg, &err)) == NULL)
			fail_msg("'%s': %s", cases[i].in, err.message);
		query_remember(q, 1);
		/* Read, then remembered: the same answer and the same blame. */
		for (k = 0; k < 2; k++) {
			memset(&sub, 0, sizeof sub);
			sub.article = a;
			sub.has_index = 1;
			r = query_match(q, &sub);
			query_subject_free(&sub);
			if (r != cases[i].want)
				fail_msg("'%s' (%s): %d, wanted %d", cases[i].in,
				    k ? "remembered" : "read", (int)r, (int)cases[i].want);
			if (cases[i].term == NULL ? sub.undecided != NULL :
			    sub.undecided == NULL || strcmp(sub.undecided,
			    cases[i].term) != 0 || sub.why == NULL ||
			    strcmp(sub.why, "PCRE2 match limit reached") != 0)
				fail_msg("'%s' (%s): blames '%s' (%s)", cases[i].in,
				    k ? "remembered" : "read", sub.undecided ?
				    sub.undecided : "", sub.why ? sub.why : "");
		}
		query_free(q);
	}
	article_free(a);
	free(path);
	free(text);
}

/* query_catastrophic(): every /RE/ that hits a limit on a short text, as written and
   in the query's order; words, phrases and sane patterns pass. */
static void
test_catastrophic(void **state)
{
	static const struct {
		const char	*in;
		size_t		 n;
		const char	*first, *second;
	} cases[] = {
		{ "tag:x or /(a+)+c|!/", 1, "/(a+)+c|!/", NULL },
		{ "title:/(\\w+\\s?)+$/", 1, "title:/(\\w+\\s?)+$/", NULL },
		{ "note:/^(\\d+)*$/ /(x+x+)+y/", 2, "note:/^(\\d+)*$/", "/(x+x+)+y/" },
		{ "/(x+x+)+y/", 1, "/(x+x+)+y/", NULL },
		{ "\"(a+)+c\" (a+)+c", 0, NULL, NULL },
		{ "/foo.*bar/ or /deir[- ]?(?:ez|el|al)?[- ]?zo+u?r/", 0, NULL, NULL },
		{ "theme:isis>2 and unread", 0, NULL, NULL },
	};
	struct fixture		*f = *state;
	struct query_error	 err;
	struct query		*q;
	const char		*got[2];
	size_t			 i, n;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if ((q = query_parse(cases[i].in, &f->cfg, &err)) == NULL)
			fail_msg("'%s': %s", cases[i].in, err.message);
		/* Room for one only: the count is still all of them. */
		n = query_catastrophic(q, got, 1);
		if (n != cases[i].n)
			fail_msg("'%s': %zu terms, want %zu", cases[i].in, n, cases[i].n);
		if (n > 0 && strcmp(got[0], cases[i].first) != 0)
			fail_msg("'%s': '%s' first", cases[i].in, got[0]);
		if (n > 1) {
			assert_int_equal(query_catastrophic(q, got, 2), 2);
			assert_string_equal(got[1], cases[i].second);
		}
		query_free(q);
	}
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_field_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whole_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_needs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remember, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undecided, setup, teardown),
		cmocka_unit_test_setup_teardown(test_catastrophic, setup, teardown),
		cmocka_unit_test(test_dates),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
