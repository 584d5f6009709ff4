/* themediff.c's words for a comparison already made: rubric diff's text (which the
   screen's D shows too) and the status line's summary after R, from a struct
   themediff made by hand. */
#include "testutil.h"

#include "themediff.h"

static char		 name_a[] = "a.txt", name_b[] = "dir/b\tc.md";
static struct article	 art_a = { .name = name_a };
static struct article	 art_b = { .name = name_b };
static struct article	*arts[] = { &art_a, &art_b };

/* deir: the same; isis: +1 article and a count changed, a tag gained; camps: new;
   mayadin: gone. */
static void
test_themediff_fill(struct themediff *td, struct themediff_theme *t,
    struct themediff_article *isis, struct themediff_article *gone)
{
	memset(td, 0, sizeof *td);
	memset(t, 0, 4 * sizeof *t);
	t[0].name = "deir";
	t[0].in = THEMEDIFF_BOTH;
	t[0].same = 1;
	t[0].articles_old = t[0].articles_new = 2;
	t[1].name = "isis";
	t[1].in = THEMEDIFF_BOTH;
	t[1].articles_old = 1;
	t[1].articles_new = 2;
	t[1].gained = 1;
	t[1].hits_gained = 6;
	t[1].tags_gained = 1;
	isis[0] = (struct themediff_article){ 0, 0, 3, 0, 1, 0 };
	isis[1] = (struct themediff_article){ 1, 2, 5, 0, 0, 1 };
	t[1].v = isis;
	t[1].n = 2;
	t[2].name = "camps";
	t[2].in = THEMEDIFF_NEW;
	t[3].name = "mayadin";
	t[3].in = THEMEDIFF_OLD;
	t[3].articles_old = 1;
	t[3].lost = 1;
	t[3].hits_lost = 4;
	t[3].tags_lost = 1;
	gone[0] = (struct themediff_article){ 1, 4, 0, 1, 0, 0 };
	t[3].v = gone;
	t[3].n = 1;
	td->themes = t;
	td->n = 4;
}

static void
test_text(void **state)
{
	struct themediff		 td;
	struct themediff_theme		 t[4];
	struct themediff_article	 isis[2], gone[1];
	struct corpus			 c;
	char				*buf = NULL;
	size_t				 len = 0;
	FILE				*f;

	(void)state;
	memset(&c, 0, sizeof c);
	c.articles = arts;
	c.n = 2;
	test_themediff_fill(&td, t, isis, gone);
	assert_non_null(f = open_memstream(&buf, &len));
	themediff_text(&td, &c, "old.ini", "new.ini", f);
	fclose(f);
	/* A tab in a path is escaped, as in every TSV rubric writes; a count a
	   limit stopped is "at least". */
	assert_string_equal(buf,
	    "deir: the same, 2 articles with a hit\n"
	    "isis: articles 1 -> 2 (+1 -0), hits +6 -0, automatic tags +1 -0\n"
	    "\t+\ta.txt\t0 -> 3\t+tag\n"
	    "\t~\tdir/b\\tc.md\t>=2 -> >=5\n"
	    "camps (only in new.ini): articles 0 -> 0 (+0 -0), hits +0 -0, "
	    "automatic tags +0 -0\n"
	    "mayadin (only in old.ini): articles 1 -> 0 (+0 -1), hits +0 -4, "
	    "automatic tags +0 -1\n"
	    "\t-\tdir/b\\tc.md\t4 -> 0\t-tag\n");
	free(buf);
}

static void
test_summary(void **state)
{
	struct themediff		 td;
	struct themediff_theme		 t[4];
	struct themediff_article	 isis[2], gone[1];
	char				 buf[200], small[16];

	(void)state;
	test_themediff_fill(&td, t, isis, gone);
	themediff_summary(&td, buf, sizeof buf);
	assert_string_equal(buf, "isis +1 ~1 articles, camps (new) no hits, mayadin "
	    "(gone) -1 (1 automatic tag gained, 1 lost)");
	/* Cut to fit, never past the end. */
	memset(small, 'x', sizeof small);
	themediff_summary(&td, small, sizeof small);
	assert_int_equal(strlen(small), sizeof small - 1);
	assert_memory_equal(small, "isis +1 ~1 arti", sizeof small);
	/* Nothing differs: the same theme alone. */
	td.n = 1;
	themediff_summary(&td, buf, sizeof buf);
	assert_string_equal(buf, "no article changes");
	assert_false(themediff_changed(&td));
	/* One article, gained: "article". */
	t[0] = t[1];
	t[0].n = 1;
	t[0].tags_gained = 0;
	themediff_summary(&td, buf, sizeof buf);
	assert_string_equal(buf, "isis +1 article");
	assert_true(themediff_changed(&td));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
