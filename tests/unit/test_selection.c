/* selection.c: a selection started at a place and grown by word, line, sentence and
   paragraph; the sentence at a place; a span trimmed. Each case checks the exact
   bytes selected, which is what a passage will quote. */
#include "testutil.h"

#include "selection.h"

#define TEXT	"\xef\xbb\xbfTitle: Siege\n\nOn Tuesday, the siege was lifted.  "	\
		"Mr. Ali said \"it is over.\" Was it?\r\nYes!\n"			\
		"\n  \nSecond paragraph, one line\nand \xc3\xa9t\xc3\xa9 two.\n"

static void
is(const struct selection *s, const char *text, const char *want)
{
	assert_true(s->on);
	assert_true(s->start <= s->end);
	assert_int_equal(s->end - s->start, strlen(want));
	assert_memory_equal(text + s->start, want, strlen(want));
}

static size_t
at(const char *text, const char *what)
{
	const char	*p = strstr(text, what);

	assert_non_null(p);
	return (size_t)(p - text);
}

static void
test_word(void **state)
{
	const char		*t = TEXT;
	size_t			 len = strlen(t);
	struct selection	 s;

	(void)state;
	/* From the whitespace before a word: the word, its comma with it. */
	assert_int_equal(selection_begin(&s, t, len, at(t, " Tuesday")), 0);
	is(&s, t, "Tuesday,");
	assert_int_equal(selection_extend(&s, t, len, SELECTION_WORD), 0);
	is(&s, t, "Tuesday, the");
	assert_int_equal(selection_extend(&s, t, len, SELECTION_WORD), 0);
	is(&s, t, "Tuesday, the siege");
	/* Words run over line ends, UTF-8 kept whole. */
	assert_int_equal(selection_begin(&s, t, len, at(t, "line\n")), 0);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_WORD), 0);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_WORD), 0);
	is(&s, t, "line\nand \xc3\xa9t\xc3\xa9");
	/* Nothing after the last word. */
	assert_int_equal(selection_begin(&s, t, len, at(t, "two.")), 0);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_WORD), -1);
	is(&s, t, "two.");
	assert_int_equal(selection_begin(&s, t, len, len - 1), -1);
	assert_false(s.on);
}

static void
test_line_paragraph(void **state)
{
	const char		*t = TEXT;
	size_t			 len = strlen(t);
	struct selection	 s;

	(void)state;
	assert_int_equal(selection_begin(&s, t, len, at(t, "the siege")), 0);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_LINE), 0);
	/* The line's end: before \r\n, trailing spaces left out. */
	is(&s, t, "the siege was lifted.  Mr. Ali said \"it is over.\" Was it?");
	assert_int_equal(selection_extend(&s, t, len, SELECTION_LINE), 0);
	is(&s, t, "the siege was lifted.  Mr. Ali said \"it is over.\" Was it?\r\n"
	    "Yes!");
	/* The paragraph ends at the blank line, a line of spaces being blank. */
	assert_int_equal(selection_begin(&s, t, len, at(t, "Mr.")), 0);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_PARAGRAPH), 0);
	is(&s, t, "Mr. Ali said \"it is over.\" Was it?\r\nYes!");
	/* Again: the next paragraph. */
	assert_int_equal(selection_extend(&s, t, len, SELECTION_PARAGRAPH), 0);
	assert_int_equal(s.end, len - 1);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_PARAGRAPH), -1);
}

static void
test_sentence(void **state)
{
	const char		*t = TEXT;
	size_t			 len = strlen(t);
	struct selection	 s;

	(void)state;
	/* The sentence holding a place, from the paragraph's start. */
	assert_int_equal(selection_sentence(&s, t, len, 3, at(t, "siege was")), 0);
	is(&s, t, "On Tuesday, the siege was lifted.");
	/* Between sentences: the next one; a closing quote goes with its stop. */
	assert_int_equal(selection_sentence(&s, t, len, 3, at(t, "  Mr.") + 1), 0);
	is(&s, t, "Mr.");
	assert_int_equal(selection_sentence(&s, t, len, 3, at(t, "Ali")), 0);
	is(&s, t, "Ali said \"it is over.\"");
	assert_int_equal(selection_sentence(&s, t, len, 3, at(t, "it?")), 0);
	is(&s, t, "Was it?");
	/* A paragraph's end ends a sentence without a stop; the header's line is a
	   paragraph of its own, the byte order mark left out. */
	assert_int_equal(selection_sentence(&s, t, len, 3, 5), 0);
	is(&s, t, "Title: Siege");
	assert_int_equal(selection_sentence(&s, t, len, 3, at(t, "one line")), 0);
	is(&s, t, "Second paragraph, one line\nand \xc3\xa9t\xc3\xa9 two.");
	assert_int_equal(selection_sentence(&s, t, len, 3, len), -1);
	/* Extending by sentences from a word. */
	assert_int_equal(selection_begin(&s, t, len, at(t, "the siege")), 0);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_SENTENCE), 0);
	is(&s, t, "the siege was lifted.");
	assert_int_equal(selection_extend(&s, t, len, SELECTION_SENTENCE), 0);
	assert_int_equal(selection_extend(&s, t, len, SELECTION_SENTENCE), 0);
	is(&s, t, "the siege was lifted.  Mr. Ali said \"it is over.\"");
	/* ?! and a typographic closing quote. */
	assert_int_equal(selection_sentence(&s, "Really?! \xe2\x80\x9cYes.\xe2\x80\x9d No",
	    21, 0, 10), 0);
	is(&s, "Really?! \xe2\x80\x9cYes.\xe2\x80\x9d No", "\xe2\x80\x9cYes.\xe2\x80\x9d");
}

static void
test_span(void **state)
{
	const char		*t = "  a theme match \n";
	struct selection	 s;

	(void)state;
	assert_int_equal(selection_span(&s, t, strlen(t), 0, strlen(t)), 0);
	is(&s, t, "a theme match");
	assert_int_equal(selection_span(&s, t, strlen(t), 0, 2), -1);
	assert_false(s.on);
	assert_int_equal(selection_span(&s, t, strlen(t), 4, 99), 0);
	is(&s, t, "theme match");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word),
		cmocka_unit_test(test_line_paragraph),
		cmocka_unit_test(test_sentence),
		cmocka_unit_test(test_span),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
