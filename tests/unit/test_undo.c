/* Tests of undo: each change undone sets the sidecar back exactly as it was before it,
   tag origins and note text included; a key changed since by someone else is left as
   they made it and reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "sidecar.h"
#include "undo.h"
#include "xmalloc.h"

static uint64_t	seed = 0x9e3779b97f4a7c15ULL;

/* The sidecar as text, entries with nothing in them left out as sidecar_write() leaves
   them out: two sidecars that save the same compare equal. Caller frees. */
static char *
dump(const struct sidecar *s)
{
	char	*out = xstrdup(""), *next;
	size_t	 i, j;

	for (i = 0; i < s->n; i++) {
		const struct sidecar_entry	*e = &s->v[i];

		if (e->note == NULL && e->ntags == 0 && !e->read && e->fingerprint == NULL)
			continue;
		next = xasprintf("%s[%s] fp=%s read=%d note=%s\n", out, e->path,
		    e->fingerprint != NULL ? e->fingerprint : "-", e->read,
		    e->note != NULL ? e->note : "-");
		free(out);
		out = next;
		for (j = 0; j < e->ntags; j++) {
			next = xasprintf("%s  %s=%d\n", out, e->tags[j].name,
			    (int)e->tags[j].origin);
			free(out);
			out = next;
		}
	}
	return out;
}

/* Records ops in u against s, then applies them, as the screen does. */
static void
change(struct undo *u, struct sidecar *s, struct sidecar_ops *ops)
{
	undo_record(u, s, ops, NULL);
	sidecar_apply(s, ops);
	sidecar_ops_free(ops);
}

/* Undoes the latest step into s; r is filled. */
static void
undo(struct undo *u, struct sidecar *s, struct undo_result *r)
{
	struct sidecar_ops	 ops;

	memset(&ops, 0, sizeof ops);
	assert_int_equal(undo_take(u, s, &ops, r), 0);
	sidecar_apply(s, &ops);
	sidecar_ops_free(&ops);
}

static void
test_tag_add(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;
	char			*before, *after;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "keep", SIDECAR_PERSON);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	before = dump(&s);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "deir-report.txt", "person", SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, "deir-report.txt", "fnv1a64:1:2", 0);
	change(&u, &s, &ops);
	assert_int_equal(undo_count(&u), 1);
	assert_non_null(sidecar_entry(&s, "deir-report.txt", 0));
	undo(&u, &s, &r);
	assert_string_equal(r.what, "+person on deir-report.txt");
	assert_int_equal(r.keys, 1);
	assert_int_equal(r.skipped, 0);
	/* The fingerprint the tag brought goes too: the article is as it was. */
	after = dump(&s);
	assert_string_equal(before, after);
	assert_int_equal(undo_count(&u), 0);
	undo_result_free(&r);
	memset(&ops, 0, sizeof ops);
	assert_int_equal(undo_take(&u, &s, &ops, &r), -1);
	assert_int_equal(ops.n, 0);
	undo_result_free(&r);
	free(before);
	free(after);
	undo_free(&u);
	sidecar_free(&s);
}

/* Undoing a tag that was there before with another origin gives that origin back;
   undoing a removal gives the tag back with its origin. */
static void
test_tag_origin(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	struct undo		 u;
	struct undo_result	 r;
	char			*before, *after;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "war", SIDECAR_THEME);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "dull", SIDECAR_REJECTED);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	before = dump(&s);

	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "war", SIDECAR_PERSON);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "dull", -1);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "war", SIDECAR_REJECTED);
	change(&u, &s, &ops);
	e = sidecar_entry(&s, "a.txt", 0);
	assert_int_equal(e->ntags, 1);
	assert_int_equal(e->tags[0].origin, SIDECAR_REJECTED);

	undo(&u, &s, &r);
	assert_string_equal(r.what, "war rejected on a.txt");
	e = sidecar_entry(&s, "a.txt", 0);
	assert_int_equal(e->tags[0].origin, SIDECAR_PERSON);
	undo_result_free(&r);
	undo(&u, &s, &r);
	assert_string_equal(r.what, "-dull on a.txt");
	e = sidecar_entry(&s, "a.txt", 0);
	assert_int_equal(e->ntags, 2);
	assert_string_equal(e->tags[0].name, "dull");
	assert_int_equal(e->tags[0].origin, SIDECAR_REJECTED);
	undo_result_free(&r);
	undo(&u, &s, &r);
	assert_string_equal(r.what, "+war on a.txt");
	undo_result_free(&r);
	after = dump(&s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	undo_free(&u);
	sidecar_free(&s);
}

/* A note comes back byte for byte; a note cleared comes back; a note added goes. */
static void
test_note(void **state)
{
	static const char	 old[] = "first line\n\tsecond; with = [brackets] \"quotes\"\n"
				    "שלום \\n not a newline\r\n";
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "n.txt", old, 0);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "n.txt", "new text", 0);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "n.txt", NULL, 0);
	change(&u, &s, &ops);
	assert_null(sidecar_entry(&s, "n.txt", 0)->note);

	undo(&u, &s, &r);
	assert_string_equal(r.what, "note of n.txt");
	assert_string_equal(sidecar_entry(&s, "n.txt", 0)->note, "new text");
	undo_result_free(&r);
	undo(&u, &s, &r);
	assert_string_equal(sidecar_entry(&s, "n.txt", 0)->note, old);
	undo_result_free(&r);
	undo(&u, &s, &r);
	assert_null(sidecar_entry(&s, "n.txt", 0)->note);
	undo_result_free(&r);
	undo_free(&u);
	sidecar_free(&s);
}

/* Marking a view read is one step; its undo gives each article its own flag back. */
static void
test_read_many(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;
	char			 path[32];
	int			 i;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof path, "a%02d.txt", i);
		sidecar_ops_add(&ops, SIDECAR_OP_READ, path, NULL, i % 3 == 0);
	}
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof path, "a%02d.txt", i);
		sidecar_ops_add(&ops, SIDECAR_OP_READ, path, NULL, 1);
	}
	change(&u, &s, &ops);
	assert_int_equal(undo_count(&u), 1);
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof path, "a%02d.txt", i);
		assert_int_equal(sidecar_entry(&s, path, 0)->read, 1);
	}
	undo(&u, &s, &r);
	assert_string_equal(r.what, "marked 12 articles read");
	/* Only the 8 that were unread change back. */
	assert_int_equal(r.keys, 8);
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof path, "a%02d.txt", i);
		assert_int_equal(sidecar_entry(&s, path, 0)->read, i % 3 == 0);
	}
	undo_result_free(&r);
	undo_free(&u);
	sidecar_free(&s);
}

/* Tagging marked articles is one step; the articles that had the tag keep it. */
static void
test_tag_many(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;
	char			*before, *after;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "x", SIDECAR_PERSON);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	before = dump(&s);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "x", SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "c.txt", "x", SIDECAR_PERSON);
	change(&u, &s, &ops);
	undo(&u, &s, &r);
	assert_string_equal(r.what, "+x on 3 articles");
	assert_int_equal(r.keys, 2);
	after = dump(&s);
	assert_string_equal(before, after);
	assert_non_null(strstr(after, "[b.txt]"));
	undo_result_free(&r);
	free(before);
	free(after);
	undo_free(&u);
	sidecar_free(&s);
}

/* A change that changed nothing is still a step, so that U undoes what the user did
   last and says so, but its undo changes nothing. */
static void
test_noop(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops, out;
	struct undo		 u;
	struct undo_result	 r;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
	change(&u, &s, &ops);
	assert_int_equal(undo_count(&u), 2);
	memset(&out, 0, sizeof out);
	assert_int_equal(undo_take(&u, &s, &out, &r), 0);
	assert_int_equal(out.n, 0);
	assert_int_equal(r.keys, 0);
	assert_string_equal(r.what, "+x on a.txt");
	undo_result_free(&r);
	/* Moves and fingerprints alone are no step. */
	sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, "a.txt", "fnv1a64:0:0", 0);
	assert_int_equal(undo_record(&u, &s, &ops, NULL), 0);
	sidecar_ops_free(&ops);
	assert_int_equal(undo_count(&u), 1);
	undo_free(&u);
	sidecar_free(&s);
}

/* A key another process changed since the change is theirs: undo leaves it, says so,
   and still sets back the rest of the change. */
static void
test_changed_since(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;
	struct sidecar_entry	*e;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "x", SIDECAR_PERSON);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "a.txt", "mine", 0);
	change(&u, &s, &ops);
	/* The sidecar read again: a colleague rewrote the note and rejected x on a. */
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "a.txt", "theirs", 0);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_REJECTED);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);

	undo(&u, &s, &r);
	assert_string_equal(r.what, "note of a.txt");
	assert_int_equal(r.keys, 0);
	assert_int_equal(r.skipped, 1);
	assert_string_equal(r.first_skipped, "note of a.txt");
	assert_string_equal(sidecar_entry(&s, "a.txt", 0)->note, "theirs");
	undo_result_free(&r);
	undo(&u, &s, &r);
	assert_int_equal(r.keys, 1);
	assert_int_equal(r.skipped, 1);
	assert_string_equal(r.first_skipped, "tag x of a.txt");
	e = sidecar_entry(&s, "a.txt", 0);
	assert_int_equal(e->ntags, 1);
	assert_int_equal(e->tags[0].origin, SIDECAR_REJECTED);
	assert_int_equal(sidecar_entry(&s, "b.txt", 0)->ntags, 0);
	undo_result_free(&r);
	/* Removed meanwhile by hand: undoing its adding has nothing left to do. */
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "c.txt", "y", SIDECAR_PERSON);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "c.txt", "y", -1);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	undo(&u, &s, &r);
	assert_int_equal(r.keys, 0);
	assert_int_equal(r.skipped, 1);
	assert_int_equal(sidecar_entry(&s, "c.txt", 0)->ntags, 0);
	undo_result_free(&r);
	undo_free(&u);
	sidecar_free(&s);
}

/* The same key twice in one change: the undo goes back to before the first. */
static void
test_same_key_twice(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_THEME);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", -1);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
	change(&u, &s, &ops);
	undo(&u, &s, &r);
	assert_int_equal(sidecar_entry(&s, "a.txt", 0)->tags[0].origin, SIDECAR_THEME);
	undo_result_free(&r);
	undo_free(&u);
	sidecar_free(&s);
}

/* An article that moved takes its history along. */
static void
test_move(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "old.txt", "keep", SIDECAR_PERSON);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "old.txt", "x", SIDECAR_PERSON);
	change(&u, &s, &ops);
	sidecar_ops_add(&ops, SIDECAR_OP_MOVE, "old.txt", "new.txt", 0);
	assert_int_equal(undo_record(&u, &s, &ops, NULL), 0);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	undo(&u, &s, &r);
	assert_int_equal(r.keys, 1);
	assert_null(sidecar_entry(&s, "old.txt", 0));
	assert_int_equal(sidecar_entry(&s, "new.txt", 0)->ntags, 1);
	assert_string_equal(sidecar_entry(&s, "new.txt", 0)->tags[0].name, "keep");
	undo_result_free(&r);
	undo_free(&u);
	sidecar_free(&s);
}

/* Past the depth the oldest step is forgotten. */
static void
test_depth(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;
	int			 i;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, 100);
	memset(&ops, 0, sizeof ops);
	for (i = 0; i < 105; i++) {
		sidecar_ops_add(&ops, SIDECAR_OP_READ, "a.txt", NULL, i % 2 == 0);
		change(&u, &s, &ops);
	}
	assert_int_equal(undo_count(&u), 100);
	for (i = 0; i < 100; i++) {
		undo(&u, &s, &r);
		undo_result_free(&r);
	}
	/* Back to after the fifth change, which marked it read. */
	assert_int_equal(sidecar_entry(&s, "a.txt", 0)->read, 1);
	memset(&ops, 0, sizeof ops);
	assert_int_equal(undo_take(&u, &s, &ops, &r), -1);
	undo_free(&u);
	sidecar_free(&s);
}

/* Past the keys kept in all, the oldest steps go, but never the latest, however big. */
static void
test_maxkeys(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u;
	struct undo_result	 r;
	char			 path[32];
	int			 i, k;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	u.maxkeys = 10;
	memset(&ops, 0, sizeof ops);
	for (k = 0; k < 4; k++) {
		for (i = 0; i < 4; i++) {
			snprintf(path, sizeof path, "a%d.txt", i);
			sidecar_ops_add(&ops, SIDECAR_OP_READ, path, NULL, k % 2 == 0);
		}
		change(&u, &s, &ops);
	}
	/* 16 keys in 4 steps: two steps of 4 are kept. */
	assert_int_equal(undo_count(&u), 2);
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof path, "b%d.txt", i);
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, path, "x", SIDECAR_PERSON);
	}
	change(&u, &s, &ops);
	assert_int_equal(undo_count(&u), 1);
	undo(&u, &s, &r);
	assert_int_equal(r.keys, 12);
	undo_result_free(&r);
	assert_int_equal(undo_count(&u), 0);
	undo_free(&u);
	sidecar_free(&s);
}

/* 150 random changes of every kind, many articles at once and keys twice among them,
   then 150 undos: after each undo the sidecar is exactly as it was before the change
   undone, and at the end as it was at the start. */
static void
test_random(void **state)
{
	static const char *const	 paths[] = { "a.txt", "b/c.txt", "Deir ez-Zor.txt",
					    "שלום.txt", "d.txt", "e.txt" };
	static const char *const	 tags[] = { "x", "person", "Deir ez-Zor", "日本" };
	static const char *const	 notes[] = { "one", "two\nlines", "", "; = [x]" };
	struct sidecar			 s;
	struct sidecar_ops		 ops;
	struct undo			 u;
	struct undo_result		 r;
	char				*snap[151], *now;
	size_t				 i, j, nops;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	/* A start with something in it. */
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_THEME);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "b/c.txt", "start", 0);
	sidecar_ops_add(&ops, SIDECAR_OP_READ, "d.txt", NULL, 1);
	sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, "d.txt", "fnv1a64:1:1", 0);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	for (i = 0; i < 150; i++) {
		snap[i] = dump(&s);
		nops = 1 + tu_randn(&seed, 4);
		for (j = 0; j < nops; j++) {
			const char	*p = paths[tu_randn(&seed, 6)];

			switch (tu_randn(&seed, 4)) {
			case 0:
				sidecar_ops_add(&ops, SIDECAR_OP_TAG, p,
				    tags[tu_randn(&seed, 4)],
				    (int)tu_randn(&seed, 4) - 1);
				break;
			case 1:
				sidecar_ops_add(&ops, SIDECAR_OP_NOTE, p,
				    tu_randn(&seed, 5) == 0 ? NULL :
				    notes[tu_randn(&seed, 4)], 0);
				break;
			case 2:
				sidecar_ops_add(&ops, SIDECAR_OP_READ, p, NULL,
				    (int)tu_randn(&seed, 2));
				break;
			default:
				sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, p,
				    tu_randn(&seed, 2) ? "fnv1a64:2:2" : "fnv1a64:3:3",
				    0);
				break;
			}
		}
		if (undo_record(&u, &s, &ops, NULL) == 0) {
			/* Fingerprints alone: no step, so no change either. */
			sidecar_ops_free(&ops);
			sidecar_ops_add(&ops, SIDECAR_OP_READ, "e.txt", NULL, 1);
			assert_int_equal(undo_record(&u, &s, &ops, NULL), 1);
		}
		sidecar_apply(&s, &ops);
		sidecar_ops_free(&ops);
	}
	snap[150] = dump(&s);
	assert_int_equal(undo_count(&u), 150);
	for (i = 150; i-- > 0;) {
		undo(&u, &s, &r);
		assert_int_equal(r.skipped, 0);
		undo_result_free(&r);
		now = dump(&s);
		assert_string_equal(now, snap[i]);
		free(now);
	}
	assert_int_equal(undo_count(&u), 0);
	for (i = 0; i <= 150; i++)
		free(snap[i]);
	undo_free(&u);
	sidecar_free(&s);
}

/* What the screen does for redo: the undo's own ops recorded in a second history,
   under the undone change's words, give the change back. */
static void
test_redo(void **state)
{
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct undo		 u, redo;
	struct undo_result	 r;
	char			*after, *again;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, UNDO_DEPTH);
	undo_init(&redo, UNDO_DEPTH);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "x", SIDECAR_PERSON);
	change(&u, &s, &ops);
	after = dump(&s);
	assert_int_equal(undo_take(&u, &s, &ops, &r), 0);
	undo_record(&redo, &s, &ops, r.what);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	undo_result_free(&r);
	assert_int_equal(undo_take(&redo, &s, &ops, &r), 0);
	assert_string_equal(r.what, "+x on 2 articles");
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	again = dump(&s);
	assert_string_equal(after, again);
	undo_result_free(&r);
	free(after);
	free(again);
	undo_free(&u);
	undo_free(&redo);
	sidecar_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_add),
		cmocka_unit_test(test_tag_origin),
		cmocka_unit_test(test_note),
		cmocka_unit_test(test_read_many),
		cmocka_unit_test(test_tag_many),
		cmocka_unit_test(test_noop),
		cmocka_unit_test(test_changed_since),
		cmocka_unit_test(test_same_key_twice),
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_maxkeys),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_redo),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
