/* passage.c: a passage made from a span of an article's bytes, found again after the
   article changed (text inserted or deleted before it, in its context, after it), two
   places of its quote told apart by their context, an orphan when the quote is gone. */
#include "testutil.h"

#include "passage.h"

static void	pa_make(const char *, const char *, size_t, struct sidecar_passage *);
static char	*pa_edit(const char *, size_t, size_t, const char *);
static enum passage_state pa_find(const struct sidecar_passage *, const char *,
		    size_t *);

static const char	 pa_text[] =
    "Title\n\nOn Tuesday, the siege was lifted by government forces. "
    "Later that week the siege was lifted again, elsewhere, by others.\n";

/* The passage of the nth (from 0) place of quote in text. */
static void
pa_make(const char *text, const char *quote, size_t nth, struct sidecar_passage *p)
{
	const char	*at = text;
	size_t		 i;

	for (i = 0; i <= nth; i++, at++)
		assert_non_null(at = strstr(at, quote));
	at--;
	assert_int_equal(passage_make(text, strlen(text), (size_t)(at - text),
	    (size_t)(at - text) + strlen(quote), p), 0);
	assert_string_equal(p->quote, quote);
}

/* text with its bytes [at, at + del) replaced by ins. Caller frees. */
static char *
pa_edit(const char *text, size_t at, size_t del, const char *ins)
{
	size_t	 n = strlen(text), k = strlen(ins);
	char	*s = malloc(n - del + k + 1);

	assert_non_null(s);
	memcpy(s, text, at);
	memcpy(s + at, ins, k);
	memcpy(s + at + k, text + at + del, n - at - del + 1);
	return s;
}

/* Finds p in text; *start is where, and the quote is there. */
static enum passage_state
pa_find(const struct sidecar_passage *p, const char *text, size_t *start)
{
	enum passage_state	 st;
	size_t			 end;

	st = passage_find(p, text, strlen(text), start, &end);
	if (st != PASSAGE_ORPHAN) {
		assert_int_equal(end - *start, strlen(p->quote));
		assert_memory_equal(text + *start, p->quote, strlen(p->quote));
	}
	return st;
}

/* Unchanged: here. Text inserted or deleted before the passage, beyond its context:
   moved by as much. After it: here. */
static void
test_edits_around(void **state)
{
	struct sidecar_passage	 p;
	char			*t;
	size_t			 at, first;

	(void)state;
	pa_make(pa_text, "the siege was lifted", 0, &p);
	first = p.start;
	assert_int_equal(pa_find(&p, pa_text, &at), PASSAGE_HERE);
	assert_int_equal(at, first);

	t = pa_edit(pa_text, 0, 0, "A much longer title, with more words\n");
	assert_int_equal(pa_find(&p, t, &at), PASSAGE_MOVED);
	assert_int_equal(at, first + strlen("A much longer title, with more words\n"));
	free(t);

	t = pa_edit(pa_text, 0, 2, "");			/* "Ti" deleted */
	assert_int_equal(pa_find(&p, t, &at), PASSAGE_MOVED);
	assert_int_equal(at, first - 2);
	free(t);

	t = pa_edit(pa_text, strlen(pa_text) - 1, 0, " And more text at the end.");
	assert_int_equal(pa_find(&p, t, &at), PASSAGE_HERE);
	assert_int_equal(at, first);
	free(t);
	sidecar_passage_free(&p);
}

/* Edits inside the context: the context is mended only in part, the quote is
   still found, and among its two places the one with more context like it. */
static void
test_edits_in_context(void **state)
{
	struct sidecar_passage	 p, q;
	char			*t;
	size_t			 at, first, second;

	(void)state;
	pa_make(pa_text, "the siege was lifted", 0, &p);
	pa_make(pa_text, "the siege was lifted", 1, &q);
	first = p.start;
	second = q.start;
	assert_true(second > first);
	assert_string_not_equal(p.id, q.id);

	/* "Tuesday" becomes "Wednesday", just before the first. */
	t = pa_edit(pa_text, first - strlen("Tuesday, "), strlen("Tuesday"),
	    "Wednesday");
	assert_int_equal(pa_find(&p, t, &at), PASSAGE_MOVED);
	assert_int_equal(at, first + 2);
	assert_int_equal(pa_find(&q, t, &at), PASSAGE_MOVED);
	assert_int_equal(at, second + 2);
	free(t);

	/* " by government" after the first deleted. */
	t = pa_edit(pa_text, first + strlen("the siege was lifted"),
	    strlen(" by government"), "");
	assert_int_equal(pa_find(&p, t, &at), PASSAGE_HERE);
	assert_int_equal(at, first);
	assert_int_equal(pa_find(&q, t, &at), PASSAGE_MOVED);
	assert_int_equal(at, second - strlen(" by government"));
	free(t);

	/* The two places told apart by context, whatever the old offsets say: the
	   second's hint pointing at the first does not fool it. */
	q.start = first;
	q.end = first + strlen(q.quote);
	assert_int_equal(pa_find(&q, pa_text, &at), PASSAGE_MOVED);
	assert_int_equal(at, second);
	p.start = second;
	p.end = second + strlen(p.quote);
	assert_int_equal(pa_find(&p, pa_text, &at), PASSAGE_MOVED);
	assert_int_equal(at, first);
	sidecar_passage_free(&p);
	sidecar_passage_free(&q);
}

/* Edits inside the quote: the quote is gone, the passage is an orphan, and keeps
   its hint; passage_spots puts it last. */
static void
test_orphan(void **state)
{
	struct sidecar		 s;
	struct sidecar_entry	*e;
	struct sidecar_passage	 p, *q;
	struct passage_spot	*spots;
	char			*t;
	size_t			 at, first, n;

	(void)state;
	pa_make(pa_text, "government forces", 0, &p);
	first = p.start;
	t = pa_edit(pa_text, first + 3, 4, "");	/* "gov" "ernment": "govment" */
	assert_int_equal(pa_find(&p, t, &at), PASSAGE_ORPHAN);
	assert_int_equal(at, first);

	sidecar_init(&s);
	e = sidecar_entry(&s, "a.txt", 1);
	q = sidecar_passage_add(e, &p);
	sidecar_passage_tag_set(q, "x", SIDECAR_PERSON);
	sidecar_passage_free(&p);
	pa_make(pa_text, "Title", 0, &p);
	sidecar_passage_add(e, &p);
	n = passage_spots(e, t, strlen(t), &spots);
	assert_int_equal(n, 2);
	assert_string_equal(spots[0].p->quote, "Title");
	assert_int_equal(spots[0].state, PASSAGE_HERE);
	assert_int_equal(spots[1].state, PASSAGE_ORPHAN);
	assert_string_equal(spots[1].p->quote, "government forces");
	free(spots);
	free(t);
	sidecar_passage_free(&p);
	sidecar_free(&s);
}

/* A span that starts or ends inside a character is widened to whole characters;
   the context never starts or ends inside one either. */
static void
test_make_utf8(void **state)
{
	/* "é" is c3 a9, "日" e6 97 a5. */
	static const char	 t[] = "\xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac "
	    "abcdefghijklmnopqrstuvwxyzabcdefgh\xe6\x97\xa5" "end";
	struct sidecar_passage	 p;
	const char		*nihon = strstr(t, "\xe6\x97\xa5");
	size_t			 at = (size_t)(nihon - t), len = strlen(t);

	(void)state;
	/* Start in the middle of 日, end in the middle of 本. */
	assert_int_equal(passage_make(t, len, at + 1, at + 4, &p), 0);
	assert_string_equal(p.quote, "\xe6\x97\xa5\xe6\x9c\xac");
	assert_int_equal(p.start, at);
	assert_int_equal(p.end, at + 6);
	assert_string_equal(p.before, "\xc3\xa9t\xc3\xa9 ");
	sidecar_passage_free(&p);

	/* After "abc": 32 bytes of context would end inside the last 日. */
	at = (size_t)(strstr(t, "abc") - t);
	assert_int_equal(passage_make(t, len, at, at + 3, &p), 0);
	assert_string_equal(p.quote, "abc");
	assert_string_equal(p.after, "defghijklmnopqrstuvwxyzabcdefgh");
	sidecar_passage_free(&p);

	/* 32 bytes before the quote start inside a 日: the context starts after it. */
	{
		static const char	 u[] = "\xe6\x97\xa5xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxQ";

		assert_int_equal(strlen(u), 34);
		assert_int_equal(passage_make(u, 34, 33, 34, &p), 0);
		assert_string_equal(p.quote, "Q");
		assert_string_equal(p.before, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		sidecar_passage_free(&p);
	}

	/* Empty, reversed or past the end: refused. */
	assert_int_equal(passage_make(t, len, 3, 3, &p), -1);
	assert_int_equal(passage_make(t, len, 4, 3, &p), -1);
	assert_int_equal(passage_make(t, len, 0, len + 1, &p), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edits_around),
		cmocka_unit_test(test_edits_in_context),
		cmocka_unit_test(test_orphan),
		cmocka_unit_test(test_make_utf8),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
