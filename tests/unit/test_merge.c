/* Tests of the three-way merge of sidecars: each rule of rubric(1) on its own, random
   tag sets against a model of set semantics, and git's conflict markers taken apart
   and put back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "merge.h"
#include "merge_edits.h"
#include "sidecar.h"

static uint64_t	seed = 0x9e3779b97f4a7c15ULL;

/* Gives the entry for path in s the tags in spec ("name:o ...", o one of p, t, r for
   person, theme, rejected), and the note, read flag and fingerprint. */
static struct sidecar_entry *
put(struct sidecar *s, const char *path, const char *spec, const char *note, int read,
    const char *fp)
{
	struct sidecar_entry	*e = sidecar_entry(s, path, 1);
	char			 buf[256], *tok, *save, *colon;

	snprintf(buf, sizeof buf, "%s", spec != NULL ? spec : "");
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		assert_non_null(colon = strchr(tok, ':'));
		*colon = '\0';
		sidecar_tag_set(e, tok, colon[1] == 'p' ? SIDECAR_PERSON :
		    colon[1] == 't' ? SIDECAR_THEME : SIDECAR_REJECTED);
	}
	sidecar_note_set(e, note);
	e->read = read;
	free(e->fingerprint);
	e->fingerprint = fp != NULL ? strdup(fp) : NULL;
	return e;
}

/* The origin of tag name on path in s, or -1 if it has none (or there is no entry). */
static int
origin(struct sidecar *s, const char *path, const char *name)
{
	struct sidecar_entry	*e = sidecar_entry(s, path, 0);
	size_t			 i;

	for (i = 0; e != NULL && i < e->ntags; i++)
		if (strcmp(e->tags[i].name, name) == 0)
			return (int)e->tags[i].origin;
	return -1;
}

/* Merges b, o and t (b NULL: none) into out. */
static void
merge(struct sidecar *out, struct sidecar *b, struct sidecar *o, struct sidecar *t,
    struct merge_stats *st)
{
	struct diag	 d;

	memset(&d, 0, sizeof d);
	merge_sidecars(out, b, o, t, "x.ini", st, &d);
	assert_int_equal(d.nerrors, 0);
	/* Every decision by rule is said. */
	assert_true(d.n >= st->joined + st->ruled);
	diag_free(&d);
}

static void
three(struct sidecar *b, struct sidecar *o, struct sidecar *t)
{
	sidecar_init(b);
	sidecar_init(o);
	sidecar_init(t);
}

static void
free3(struct sidecar *b, struct sidecar *o, struct sidecar *t, struct sidecar *r)
{
	sidecar_free(b);
	sidecar_free(o);
	sidecar_free(t);
	sidecar_free(r);
}

static void
test_tags_added_removed(void **state)
{
	struct sidecar		 b, o, t, r;
	struct merge_stats	 st;

	(void)state;
	three(&b, &o, &t);
	put(&b, "a.txt", "old:p gone:p kept:p", NULL, 0, NULL);
	put(&o, "a.txt", "old:p kept:p mine:p", NULL, 0, NULL);	/* -gone +mine */
	put(&t, "a.txt", "old:p gone:p yours:t", NULL, 0, NULL);	/* -kept +yours */
	put(&t, "new.txt", "fresh:p", NULL, 0, NULL);
	merge(&r, &b, &o, &t, &st);
	assert_int_equal(origin(&r, "a.txt", "old"), SIDECAR_PERSON);
	assert_int_equal(origin(&r, "a.txt", "mine"), SIDECAR_PERSON);
	assert_int_equal(origin(&r, "a.txt", "yours"), SIDECAR_THEME);
	assert_int_equal(origin(&r, "a.txt", "gone"), -1);
	assert_int_equal(origin(&r, "a.txt", "kept"), -1);
	assert_int_equal(origin(&r, "new.txt", "fresh"), SIDECAR_PERSON);
	assert_int_equal(st.ruled, 0);
	assert_int_equal(st.joined, 0);
	free3(&b, &o, &t, &r);
}

static void
test_origin_rules(void **state)
{
	struct sidecar		 b, o, t, r;
	struct merge_stats	 st;

	(void)state;
	three(&b, &o, &t);
	/* One side changes an origin: taken. */
	put(&b, "one.txt", "x:t", NULL, 0, NULL);
	put(&o, "one.txt", "x:t", NULL, 0, NULL);
	put(&t, "one.txt", "x:r", NULL, 0, NULL);
	/* Both change it differently: person > rejected > theme. */
	put(&b, "both.txt", "x:t y:p z:p", NULL, 0, NULL);
	put(&o, "both.txt", "x:r y:t z:r", NULL, 0, NULL);
	put(&t, "both.txt", "x:p y:r z:t", NULL, 0, NULL);
	/* Removed on one side, changed on the other: kept as changed. */
	put(&b, "rm.txt", "x:t", NULL, 0, NULL);
	put(&o, "rm.txt", "", NULL, 0, "f");
	put(&t, "rm.txt", "x:r", NULL, 0, NULL);
	/* Added on both sides with different origins. */
	put(&o, "add.txt", "x:t", NULL, 0, NULL);
	put(&t, "add.txt", "x:r", NULL, 0, NULL);
	merge(&r, &b, &o, &t, &st);
	assert_int_equal(origin(&r, "one.txt", "x"), SIDECAR_REJECTED);
	assert_int_equal(origin(&r, "both.txt", "x"), SIDECAR_PERSON);
	assert_int_equal(origin(&r, "both.txt", "y"), SIDECAR_REJECTED);
	assert_int_equal(origin(&r, "both.txt", "z"), SIDECAR_REJECTED);
	assert_int_equal(origin(&r, "rm.txt", "x"), SIDECAR_REJECTED);
	assert_int_equal(origin(&r, "add.txt", "x"), SIDECAR_REJECTED);
	assert_int_equal(st.ruled, 5);
	free3(&b, &o, &t, &r);
}

static void
test_read_flags(void **state)
{
	struct sidecar		 b, o, t, r, r2;
	struct merge_stats	 st;

	(void)state;
	three(&b, &o, &t);
	put(&b, "read-ours.txt", "k:p", NULL, 0, NULL);
	put(&o, "read-ours.txt", "k:p", NULL, 1, NULL);
	put(&t, "read-ours.txt", "k:p", NULL, 0, NULL);
	put(&b, "unread-theirs.txt", "k:p", NULL, 1, NULL);
	put(&o, "unread-theirs.txt", "k:p", NULL, 1, NULL);
	put(&t, "unread-theirs.txt", "k:p", NULL, 0, NULL);
	put(&b, "both.txt", "k:p", NULL, 0, NULL);
	put(&o, "both.txt", "k:p", NULL, 1, NULL);
	put(&t, "both.txt", "k:p", NULL, 1, NULL);
	merge(&r, &b, &o, &t, &st);
	assert_true(sidecar_entry(&r, "read-ours.txt", 0)->read);
	assert_false(sidecar_entry(&r, "unread-theirs.txt", 0)->read);
	assert_true(sidecar_entry(&r, "both.txt", 0)->read);
	/* With no base, read on either side is read. */
	merge(&r2, NULL, &o, &t, &st);
	assert_true(sidecar_entry(&r2, "read-ours.txt", 0)->read);
	assert_true(sidecar_entry(&r2, "unread-theirs.txt", 0)->read);
	sidecar_free(&r2);
	free3(&b, &o, &t, &r);
}

static void
test_notes(void **state)
{
	struct sidecar		 b, o, t, r;
	struct merge_stats	 st;
	char			*want;

	(void)state;
	three(&b, &o, &t);
	put(&b, "one.txt", "", "base", 0, "f1");
	put(&o, "one.txt", "", "base", 0, "f1");
	put(&t, "one.txt", "", "theirs edit", 0, "f1");
	put(&b, "both.txt", "", "base", 0, "f2");
	put(&o, "both.txt", "", "ours\nline two", 0, "f2");
	put(&t, "both.txt", "", "theirs\n", 0, "f2");
	put(&b, "same.txt", "", "base", 0, "f3");
	put(&o, "same.txt", "", "agreed", 0, "f3");
	put(&t, "same.txt", "", "agreed", 0, "f3");
	put(&b, "rm.txt", "", "base", 0, "f4");
	put(&o, "rm.txt", "", NULL, 0, "f4");
	put(&t, "rm.txt", "", "kept text", 0, "f4");
	put(&b, "rmone.txt", "", "base", 0, "f5");
	put(&o, "rmone.txt", "", NULL, 0, "f5");
	put(&t, "rmone.txt", "", "base", 0, "f5");
	merge(&r, &b, &o, &t, &st);
	assert_string_equal(sidecar_entry(&r, "one.txt", 0)->note, "theirs edit");
	want = merge_note_join("ours\nline two", "theirs\n");
	assert_string_equal(want, "ours\nline two\n" MERGE_SEPARATOR "\ntheirs\n");
	assert_string_equal(sidecar_entry(&r, "both.txt", 0)->note, want);
	free(want);
	assert_string_equal(sidecar_entry(&r, "same.txt", 0)->note, "agreed");
	assert_string_equal(sidecar_entry(&r, "rm.txt", 0)->note, "kept text");
	assert_null(sidecar_entry(&r, "rmone.txt", 0)->note);
	assert_int_equal(st.joined, 1);
	assert_int_equal(st.ruled, 1);
	free3(&b, &o, &t, &r);
}

static void
test_fingerprints_and_gone(void **state)
{
	struct sidecar		 b, o, t, r;
	struct merge_stats	 st;

	(void)state;
	three(&b, &o, &t);
	put(&b, "fp.txt", "k:p", NULL, 0, "old");
	put(&o, "fp.txt", "k:p", NULL, 0, "old");
	put(&t, "fp.txt", "k:p", NULL, 0, "new");
	put(&b, "fp2.txt", "k:p", NULL, 0, "old");
	put(&o, "fp2.txt", "k:p", NULL, 0, "ours");
	put(&t, "fp2.txt", "k:p", NULL, 0, "theirs");
	/* Emptied on one side (so not written), untouched on the other: gone. */
	put(&b, "emptied.txt", "k:p", "n", 1, NULL);
	put(&t, "emptied.txt", "k:p", "n", 1, NULL);
	merge(&r, &b, &o, &t, &st);
	assert_string_equal(sidecar_entry(&r, "fp.txt", 0)->fingerprint, "new");
	assert_string_equal(sidecar_entry(&r, "fp2.txt", 0)->fingerprint, "ours");
	assert_null(sidecar_entry(&r, "emptied.txt", 0));
	free3(&b, &o, &t, &r);
}

static void
test_moves(void **state)
{
	struct sidecar		 b, o, t, r;
	struct merge_stats	 st;

	(void)state;
	three(&b, &o, &t);
	/* Ours moved a.txt to sub/a.txt; theirs tagged it where it was. */
	put(&b, "a.txt", "x:p", "note", 0, "fa");
	put(&o, "sub/a.txt", "x:p", "note", 0, "fa");
	put(&t, "a.txt", "x:p y:p", "note", 0, "fa");
	/* Theirs moved b.txt; ours removed a tag there. */
	put(&b, "b.txt", "x:p z:p", NULL, 0, "fb");
	put(&o, "b.txt", "z:p", NULL, 0, "fb");
	put(&t, "c.txt", "x:p z:p", NULL, 0, "fb");
	/* Two new files with the gone one's content: no guess. */
	put(&b, "d.txt", "x:p", NULL, 0, "fd");
	put(&o, "d1.txt", "x:p", NULL, 0, "fd");
	put(&o, "d2.txt", "x:p", NULL, 0, "fd");
	put(&t, "d.txt", "x:p w:p", NULL, 0, "fd");
	merge(&r, &b, &o, &t, &st);
	assert_null(sidecar_entry(&r, "a.txt", 0));
	assert_int_equal(origin(&r, "sub/a.txt", "x"), SIDECAR_PERSON);
	assert_int_equal(origin(&r, "sub/a.txt", "y"), SIDECAR_PERSON);
	assert_string_equal(sidecar_entry(&r, "sub/a.txt", 0)->note, "note");
	assert_null(sidecar_entry(&r, "b.txt", 0));
	assert_int_equal(origin(&r, "c.txt", "x"), -1);
	assert_int_equal(origin(&r, "c.txt", "z"), SIDECAR_PERSON);
	assert_int_equal(st.moved, 2);
	assert_non_null(sidecar_entry(&r, "d1.txt", 0));
	assert_non_null(sidecar_entry(&r, "d2.txt", 0));
	/* d.txt was not taken for moved: theirs' new tag stays on it. */
	assert_int_equal(origin(&r, "d.txt", "w"), SIDECAR_PERSON);
	free3(&b, &o, &t, &r);
}

static void
test_move_onto_entry(void **state)
{
	struct sidecar		 b, o, t, r;
	struct merge_stats	 st;

	(void)state;
	three(&b, &o, &t);
	/* Ours moved a.txt onto n.txt, which theirs had tagged meanwhile. */
	put(&b, "a.txt", "x:p", "from a", 0, "fa");
	put(&o, "n.txt", "x:p", "from a", 0, "fa");
	put(&t, "a.txt", "x:p", "from a", 0, "fa");
	put(&t, "n.txt", "y:p", "from n", 0, "fn");
	merge(&r, &b, &o, &t, &st);
	assert_int_equal(r.n, 1);
	assert_int_equal(origin(&r, "n.txt", "x"), SIDECAR_PERSON);
	assert_int_equal(origin(&r, "n.txt", "y"), SIDECAR_PERSON);
	assert_non_null(strstr(sidecar_entry(&r, "n.txt", 0)->note, "from a"));
	assert_non_null(strstr(sidecar_entry(&r, "n.txt", 0)->note, "from n"));
	free3(&b, &o, &t, &r);
}

static void
test_union(void **state)
{
	struct sidecar		 o, t, r;
	struct merge_stats	 st;

	(void)state;
	sidecar_init(&o);
	sidecar_init(&t);
	put(&o, "a.txt", "x:p y:t", "same", 0, NULL);
	put(&t, "a.txt", "x:p z:p y:r", "same", 0, NULL);
	put(&t, "b.txt", "", "theirs only", 0, NULL);
	merge(&r, NULL, &o, &t, &st);
	assert_int_equal(origin(&r, "a.txt", "x"), SIDECAR_PERSON);
	assert_int_equal(origin(&r, "a.txt", "y"), SIDECAR_REJECTED);
	assert_int_equal(origin(&r, "a.txt", "z"), SIDECAR_PERSON);
	assert_string_equal(sidecar_entry(&r, "a.txt", 0)->note, "same");
	assert_string_equal(sidecar_entry(&r, "b.txt", 0)->note, "theirs only");
	assert_int_equal(st.joined, 0);
	sidecar_free(&o);
	sidecar_free(&t);
	sidecar_free(&r);
}

/* Random tag sets on a few articles, against set semantics: a tag is in the merge iff
   ours and theirs agree on it, or else the side that changed it has it. */
static void
test_random_sets(void **state)
{
	static const char *const names[] = { "a", "b", "Ç", "d e", "日本" };
	static const char *const paths[] = { "p.txt", "q/r.txt", "s t.txt" };
	struct sidecar		 s[3], r;
	struct merge_stats	 st;
	int			 have[3][3][5], want;
	size_t			 round, k, p, i;

	(void)state;
	for (round = 0; round < 500; round++) {
		for (k = 0; k < 3; k++) {
			sidecar_init(&s[k]);
			for (p = 0; p < 3; p++)
				for (i = 0; i < 5; i++) {
					have[k][p][i] = k == 0 ? (int)tu_randn(&seed, 2) :
					    tu_randn(&seed, 4) == 0 ? !have[0][p][i] :
					    have[0][p][i];
					if (have[k][p][i])
						sidecar_tag_set(sidecar_entry(&s[k],
						    paths[p], 1), names[i],
						    SIDECAR_PERSON);
				}
		}
		merge(&r, &s[0], &s[1], &s[2], &st);
		for (p = 0; p < 3; p++)
			for (i = 0; i < 5; i++) {
				want = have[1][p][i] == have[2][p][i] ? have[1][p][i] :
				    have[1][p][i] == have[0][p][i] ? have[2][p][i] :
				    have[1][p][i];
				assert_int_equal(origin(&r, paths[p], names[i]) != -1,
				    want);
			}
		assert_int_equal(st.ruled, 0);
		for (k = 0; k < 3; k++)
			sidecar_free(&s[k]);
		sidecar_free(&r);
	}
}

static void
test_split(void **state)
{
	const char	 plain[] = "[article a]\n<<<<<<< HEAD\ntag.x = person\n"
	    "=======\ntag.y = person\n>>>>>>> other\nread = yes\n";
	const char	 diff3[] = "[article a]\n<<<<<<< HEAD\ntag.x = person\n"
	    "||||||| merged common ancestors\ntag.b = person\n=======\n"
	    "tag.y = person\n>>>>>>> other\n";
	const char	 open[] = "x\n<<<<<<< HEAD\ny\n=======\nz\n";
	const char	 stray[] = "x\n=======\n";
	char		*o, *b, *t, *all;
	size_t		 n;
	int		 line = 0;

	(void)state;
	assert_int_equal(merge_split(plain, TU_LEN(plain), &o, &b, &t, &n, &line), 0);
	assert_int_equal(n, 1);
	assert_string_equal(o, "[article a]\ntag.x = person\nread = yes\n");
	assert_string_equal(t, "[article a]\ntag.y = person\nread = yes\n");
	assert_null(b);
	free(o);
	free(t);
	assert_int_equal(merge_split(diff3, TU_LEN(diff3), &o, &b, &t, &n, &line), 0);
	assert_string_equal(b, "[article a]\ntag.b = person\n");
	assert_string_equal(o, "[article a]\ntag.x = person\n");
	free(o);
	free(b);
	free(t);
	assert_int_equal(merge_split(open, TU_LEN(open), &o, &b, &t, &n, &line), -1);
	assert_int_equal(line, 2);
	assert_int_equal(merge_split(stray, TU_LEN(stray), &o, &b, &t, &n, &line), -1);
	assert_int_equal(line, 2);
	assert_int_equal(merge_split("x\n", 2, &o, &b, &t, &n, &line), 0);
	assert_int_equal(n, 0);
	free(o);
	free(b);
	free(t);
	/* Longer or shorter runs, and a marker not at the line's start, are text. */
	assert_int_equal(merge_marker("<<<<<<<< x", 10), 0);
	assert_int_equal(merge_marker("<<<<<< x", 8), 0);
	assert_int_equal(merge_marker(" <<<<<<< x", 10), 0);
	assert_int_equal(merge_marker("=======\n", 8), '=');
	assert_int_equal(merge_marker(">>>>>>> b", 9), '>');

	/* What merge_conflict_text puts together comes apart as it was. */
	all = merge_conflict_text("ours", "", "theirs\n");
	assert_int_equal(merge_split(all, strlen(all), &o, &b, &t, &n, &line), 0);
	assert_string_equal(o, "ours\n");
	assert_string_equal(b, "");
	assert_string_equal(t, "theirs\n");
	free(o);
	free(b);
	free(t);
	free(all);
}

/* The reader names a conflict marker's line and says what to run. */
static void
test_load_marker(void **state)
{
	const char	 text[] = "[article a]\ntag.x = person\n<<<<<<< HEAD\n"
	    "tag.y = person\n=======\n>>>>>>> b\n";
	struct sidecar	 s;
	struct diag	 d;
	char		*dir = tu_mkdtemp(), *path, want[512];

	(void)state;
	path = tu_write_in(dir, ".rubric.ini", text, TU_LEN(text));
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), -1);
	assert_int_equal(d.nerrors, 1);
	snprintf(want, sizeof want, "%s:3: a git conflict marker: run rubric "
	    "merge-sidecar --resolve %s", path, path);
	assert_string_equal(d.msgs[0].text, want);
	diag_free(&d);
	sidecar_free(&s);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* The driver's way from three texts (base NULL: none) to the text written over OURS:
   the sides read, merged on models, written as OURS' text, THEIRS' hand edits carried
   in. Returns what merge_edits_carry returns, *out the text (NULL on -1), *d its
   messages (caller frees both). */
static int
drive(const char *base, const char *ours, const char *theirs, char **out,
    struct diag *d)
{
	const char		*text[3] = { base, ours, theirs };
	struct sidecar		 s[3], m;
	struct merge_stats	 st;
	char			*dir = tu_mkdtemp(), *path, *w = NULL, *c;
	size_t			 i, wl = 0, cl;
	FILE			*f;
	int			 rc;

	memset(d, 0, sizeof *d);
	for (i = 0; i < 3; i++) {
		sidecar_init(&s[i]);
		if (text[i] == NULL)
			continue;
		path = tu_write_in(dir, i == 0 ? "b" : i == 1 ? "o" : "t", text[i],
		    strlen(text[i]));
		assert_int_equal(sidecar_load(&s[i], path, d), 0);
		free(path);
	}
	merge_sidecars(&m, base != NULL ? &s[0] : NULL, &s[1], &s[2], "x.ini", &st, d);
	sidecar_keep_edits(&m, &s[1]);
	assert_non_null(f = open_memstream(&w, &wl));
	assert_int_equal(sidecar_write(&m, f), 0);
	assert_int_equal(fclose(f), 0);
	rc = merge_edits_carry(w, wl, base, base != NULL ? strlen(base) : 0, theirs,
	    strlen(theirs), "x.ini", &c, &cl, d);
	if (rc > 0) {
		assert_int_equal(strlen(c), cl);
		*out = c;
		free(w);
	} else if (rc == 0) {
		assert_null(c);
		*out = w;
	} else {
		assert_null(c);
		*out = NULL;
		free(w);
	}
	sidecar_free(&m);
	for (i = 0; i < 3; i++)
		sidecar_free(&s[i]);
	tu_rmtree(dir);
	free(dir);
	return rc;
}

/* Whether some message of d holds word. */
static int
said(const struct diag *d, const char *word)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->msgs[i].text, word) != NULL)
			return 1;
	return 0;
}

/* The red team's case: THEIRS adds a comment, an unknown key in two articles and a
   section; OURS adds a comment and a tag. Every line of both is in the merge, each
   of THEIRS' said. */
static void
test_theirs_hand_edits(void **state)
{
	const char	*base = "[article \"a.txt\"]\ntag \"x\" = person\n\n"
	    "[article \"b.txt\"]\ntag \"y\" = person\n";
	const char	*ours = "; ours comment\n[article \"a.txt\"]\ntag \"x\" = "
	    "person\ntag \"o\" = person\n\n[article \"b.txt\"]\ntag \"y\" = "
	    "person\n";
	const char	*theirs = "[article \"a.txt\"]\n; theirs: why x\ntag \"x\" = "
	    "person\npriority = high\n\n[article \"b.txt\"]\ntag \"y\" = "
	    "person\nstatus = \"checked by Ann\"\n\n[meta]\nowner = Ann\n";
	struct diag	 d;
	char		*out;

	(void)state;
	assert_int_equal(drive(base, ours, theirs, &out, &d), 4);
	assert_string_equal(out, "; ours comment\n[article \"a.txt\"]\n"
	    "tag \"x\" = person\ntag \"o\" = person\n; theirs: why x\n"
	    "priority = high\n\n[article \"b.txt\"]\ntag \"y\" = person\n"
	    "status = \"checked by Ann\"\n\n[meta]\nowner = Ann\n");
	assert_true(said(&d, "x.ini: warning: kept theirs' hand edit (their line 2) "
	    "in [article \"a.txt\"]: ; theirs: why x"));
	assert_true(said(&d, "in [meta]: owner = Ann"));
	free(out);
	diag_free(&d);

	/* Each alone, and the same again: what the merge holds is not doubled. */
	assert_int_equal(drive(base, base, "; top\n[article \"a.txt\"]\n"
	    "tag \"x\" = person\n\n[article \"b.txt\"]\ntag \"y\" = person\n",
	    &out, &d), 1);
	assert_string_equal(out, "; top\n[article \"a.txt\"]\ntag \"x\" = person\n"
	    "\n[article \"b.txt\"]\ntag \"y\" = person\n");
	free(out);
	diag_free(&d);
	assert_int_equal(drive(base, theirs, theirs, &out, &d), 0);
	assert_string_equal(out, theirs);
	free(out);
	diag_free(&d);
	/* A line THEIRS took out stays out; one BASE had is not added again. */
	assert_int_equal(drive("[article \"a.txt\"]\n; old\ntag \"x\" = person\n",
	    "[article \"a.txt\"]\ntag \"x\" = person\n",
	    "[article \"a.txt\"]\n; old\ntag \"x\" = person\n", &out, &d), 0);
	assert_string_equal(out, "[article \"a.txt\"]\ntag \"x\" = person\n");
	free(out);
	diag_free(&d);
}

/* THEIRS codes a passage, and has a passage's lines rubric cannot read (one with no
   quote, a bad id): the passage is merged as a fact, the unread lines are carried
   in as hand edits, said, and read again as unread (never dropped). */
static void
test_theirs_passage_lines(void **state)
{
	const char	*base = "[article \"a.txt\"]\ntag \"x\" = person\n";
	const char	*ours = "[article \"a.txt\"]\ntag \"x\" = person\n"
	    "tag \"o\" = person\n";
	const char	*theirs = "[article \"a.txt\"]\ntag \"x\" = person\n"
	    "passage.3f2a91c0 = 3-8\npassage.3f2a91c0.quote = \"siege\"\n"
	    "passage.3f2a91c0.tag \"s\" = person\n"
	    "passage.00000002.tag \"lost\" = person\n"
	    "passage.zz = 1-2\n";
	struct diag	 d;
	char		*out;

	(void)state;
	assert_int_equal(drive(base, ours, theirs, &out, &d), 2);
	assert_non_null(strstr(out, "tag \"o\" = person\n"));
	assert_non_null(strstr(out, "passage.3f2a91c0 = 3-8\n"
	    "passage.3f2a91c0.quote = \"siege\"\n"
	    "passage.3f2a91c0.tag \"s\" = person\n"));
	assert_non_null(strstr(out, "passage.00000002.tag \"lost\" = person\n"));
	assert_non_null(strstr(out, "passage.zz = 1-2\n"));
	assert_true(said(&d, "kept theirs' hand edit (their line 6) in "
	    "[article \"a.txt\"]: passage.00000002.tag"));
	free(out);
	diag_free(&d);
}

/* Two note lines on THEIRS: the first is not read, but is an analyst's text. It goes
   just after the header, where it stays unread; where the merge has no note, so that
   it would be read, nothing is written and the line is named. */
static void
test_theirs_shadowed(void **state)
{
	const char	*base = "[article \"a.txt\"]\ntag \"x\" = person\n";
	const char	*theirs = "[article \"a.txt\"]\ntag \"x\" = person\n"
	    "note = \"first analyst\"\nnote = \"second\"\n";
	struct diag	 d;
	char		*out;

	(void)state;
	assert_int_equal(drive(base, base, theirs, &out, &d), 1);
	assert_string_equal(out, "[article \"a.txt\"]\nnote = \"first analyst\"\n"
	    "note = \"second\"\ntag \"x\" = person\n");
	assert_true(said(&d, "(their line 3) in [article \"a.txt\"]: note = "
	    "\"first analyst\""));
	free(out);
	diag_free(&d);

	assert_int_equal(drive("[article \"a.txt\"]\ntag \"x\" = person\n"
	    "note = \"second\"\n", base, theirs, &out, &d), -1);
	assert_null(out);
	assert_true(said(&d, "x.ini: theirs' line 3 'note = \"first analyst\"' (in "
	    "[article \"a.txt\"]) is not read there, and would be read in the merge"));
	diag_free(&d);
}

/* --resolve's way: the sides of git's markers, with and without the base part. */
static void
test_resolve_hand_edits(void **state)
{
	const char	 u[] = "[article \"a.txt\"]\n<<<<<<< ours\ntag \"x\" = "
	    "person\n=======\n; theirs comment\ntag \"x\" = person\nstatus = "
	    "\"checked by Ann\"\n>>>>>>> theirs\n";
	const char	 t[] = "[article \"a.txt\"]\ntag \"x\" = person\n"
	    "<<<<<<< ours\ntag \"o\" = person\n||||||| base\n=======\n"
	    "[meta]\nowner = Ann\n>>>>>>> theirs\n";
	struct diag	 d;
	char		*o, *b, *th, *out;
	size_t		 n;
	int		 line;

	(void)state;
	assert_int_equal(merge_split(u, TU_LEN(u), &o, &b, &th, &n, &line), 0);
	assert_null(b);
	assert_int_equal(drive(NULL, o, th, &out, &d), 2);
	assert_string_equal(out, "[article \"a.txt\"]\ntag \"x\" = person\n"
	    "; theirs comment\nstatus = \"checked by Ann\"\n");
	free(out);
	free(o);
	free(th);
	diag_free(&d);

	assert_int_equal(merge_split(t, TU_LEN(t), &o, &b, &th, &n, &line), 0);
	assert_non_null(b);
	assert_int_equal(drive(b, o, th, &out, &d), 1);
	assert_string_equal(out, "[article \"a.txt\"]\ntag \"x\" = person\n"
	    "tag \"o\" = person\n\n[meta]\nowner = Ann\n");
	free(out);
	free(o);
	free(b);
	free(th);
	diag_free(&d);
}


/* Gives the passage of quote (context "<" and ">") on path in s the codes in spec, as
   put() gives tags, the note and offsets start-end. The passage's id is returned in
   id (SIDECAR_PASSAGE_IDLEN + 1 bytes). */
static void
pput(struct sidecar *s, const char *path, const char *quote, const char *spec,
    const char *note, size_t start, char *id)
{
	struct sidecar_entry	*e = sidecar_entry(s, path, 1);
	struct sidecar_passage	 p, *q;
	char			 buf[256], *tok, *save, *colon;

	memset(&p, 0, sizeof p);
	p.quote = (char *)quote;
	p.before = (char *)"<";
	p.after = (char *)">";
	p.start = start;
	p.end = start + strlen(quote);
	sidecar_passage_id(p.quote, p.before, p.after, p.id);
	q = sidecar_passage_add(e, &p);
	sidecar_passage_at(e, p.id, p.start, p.end);
	q = sidecar_passage_find(e, p.id);
	snprintf(buf, sizeof buf, "%s", spec != NULL ? spec : "");
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		assert_non_null(colon = strchr(tok, ':'));
		*colon = '\0';
		sidecar_passage_tag_set(q, tok, colon[1] == 'p' ? SIDECAR_PERSON :
		    colon[1] == 't' ? SIDECAR_THEME : SIDECAR_REJECTED);
	}
	sidecar_passage_note_set(q, note);
	memcpy(id, p.id, SIDECAR_PASSAGE_IDLEN + 1);
}

/* The passage id of path in r, NULL if none. */
static struct sidecar_passage *
pget(struct sidecar *r, const char *path, const char *id)
{
	struct sidecar_entry	*e = sidecar_entry(r, path, 0);

	return e != NULL ? sidecar_passage_find(e, id) : NULL;
}

/* The origin of code name on a passage, -1 if it has none. */
static int
porigin(const struct sidecar_passage *p, const char *name)
{
	size_t	 i;

	for (i = 0; p != NULL && i < p->ntags; i++)
		if (strcmp(p->tags[i].name, name) == 0)
			return (int)p->tags[i].origin;
	return -1;
}

/* Passages merge by id: one side's new one is kept; the same new one on both sides
   has both sides' codes; codes three ways as tags; removed on one side and left on
   the other it goes, changed on the other it stays (said); notes as notes; where it
   was found from the side that changed it. */
static void
test_passages(void **state)
{
	struct sidecar		 b, o, t, r;
	struct merge_stats	 st;
	struct diag		 d;
	char			 same[9], one[9], gone[9], kept[9], codes[9], notes[9],
				 moved[9];

	(void)state;
	three(&b, &o, &t);
	/* Both clones code the same span of a.txt. */
	pput(&o, "a.txt", "the siege", "siege:p", NULL, 10, same);
	pput(&t, "a.txt", "the siege", "turning:p siege:p", "why", 10, same);
	/* Only ours codes another. */
	pput(&o, "a.txt", "only ours", "x:p", NULL, 30, one);
	/* In base; ours removes it, theirs leaves it. */
	pput(&b, "b.txt", "gone", "g:p", NULL, 1, gone);
	pput(&t, "b.txt", "gone", "g:p", NULL, 1, gone);
	/* In base; theirs removes it, ours gives it a code: kept. */
	pput(&b, "b.txt", "kept", "k:p", NULL, 20, kept);
	pput(&o, "b.txt", "kept", "k:p more:p", NULL, 20, kept);
	/* Codes three ways: ours -c1 +c3, theirs +c4; rejected in ours, kept
	   (person) in theirs. */
	pput(&b, "c.txt", "codes", "c1:p c2:p r:t", NULL, 5, codes);
	pput(&o, "c.txt", "codes", "c2:p c3:p r:r", NULL, 5, codes);
	pput(&t, "c.txt", "codes", "c1:p c2:p c4:p r:p", NULL, 5, codes);
	/* Notes edited on both sides: both kept. */
	pput(&b, "c.txt", "notes", "n:p", "base", 50, notes);
	pput(&o, "c.txt", "notes", "n:p", "ours", 50, notes);
	pput(&t, "c.txt", "notes", "n:p", "theirs", 50, notes);
	/* Found elsewhere by theirs: at from theirs. */
	pput(&b, "c.txt", "moved", "m:p", NULL, 80, moved);
	pput(&o, "c.txt", "moved", "m:p", NULL, 80, moved);
	pput(&t, "c.txt", "moved", "m:p", NULL, 95, moved);

	/* Theirs mends the quote of the moved one by hand: its text is theirs. */
	free(pget(&t, "c.txt", moved)->quote);
	pget(&t, "c.txt", moved)->quote = strdup("mended");

	memset(&d, 0, sizeof d);
	merge_sidecars(&r, &b, &o, &t, "x.ini", &st, &d);
	assert_int_equal(d.nerrors, 0);

	assert_string_equal(pget(&r, "c.txt", moved)->quote, "mended");
	assert_string_equal(pget(&r, "c.txt", codes)->quote, "codes");
	assert_non_null(pget(&r, "a.txt", same));
	assert_int_equal(porigin(pget(&r, "a.txt", same), "siege"), SIDECAR_PERSON);
	assert_int_equal(porigin(pget(&r, "a.txt", same), "turning"), SIDECAR_PERSON);
	assert_string_equal(pget(&r, "a.txt", same)->note, "why");
	assert_string_equal(pget(&r, "a.txt", same)->quote, "the siege");
	assert_int_equal(porigin(pget(&r, "a.txt", one), "x"), SIDECAR_PERSON);

	assert_null(pget(&r, "b.txt", gone));
	assert_non_null(pget(&r, "b.txt", kept));
	assert_int_equal(porigin(pget(&r, "b.txt", kept), "more"), SIDECAR_PERSON);
	assert_int_equal(porigin(pget(&r, "b.txt", kept), "k"), SIDECAR_PERSON);

	assert_int_equal(porigin(pget(&r, "c.txt", codes), "c1"), -1);
	assert_int_equal(porigin(pget(&r, "c.txt", codes), "c2"), SIDECAR_PERSON);
	assert_int_equal(porigin(pget(&r, "c.txt", codes), "c3"), SIDECAR_PERSON);
	assert_int_equal(porigin(pget(&r, "c.txt", codes), "c4"), SIDECAR_PERSON);
	assert_int_equal(porigin(pget(&r, "c.txt", codes), "r"), SIDECAR_PERSON);

	assert_string_equal(pget(&r, "c.txt", notes)->note,
	    "ours\n" MERGE_SEPARATOR "\ntheirs");
	assert_int_equal(pget(&r, "c.txt", moved)->start, 95);
	assert_int_equal(pget(&r, "c.txt", moved)->end, 100);

	/* Said: the passage kept against a removal, the code ruled, the notes. */
	{
		size_t	 i;
		int	 k = 0, c = 0, n = 0;

		for (i = 0; i < d.n; i++) {
			k |= strstr(d.msgs[i].text, "article b.txt: passage") != NULL &&
			    strstr(d.msgs[i].text, "removed in theirs and changed in "
			    "ours: kept") != NULL;
			c |= strstr(d.msgs[i].text, "code r: rejected in ours, person "
			    "in theirs: person kept") != NULL;
			n |= strstr(d.msgs[i].text, "note edited on both sides") !=
			    NULL;
		}
		assert_true(k && c && n);
	}
	assert_int_equal(st.joined, 1);
	assert_int_equal(st.ruled, 2);
	diag_free(&d);
	free3(&b, &o, &t, &r);

	/* Removed on both sides, or a union (no base): nothing lost. */
	three(&b, &o, &t);
	pput(&b, "a.txt", "q", "x:p", NULL, 0, one);
	put(&o, "a.txt", "keep:p", NULL, 0, NULL);
	put(&t, "a.txt", "keep:p", NULL, 0, NULL);
	merge(&r, &b, &o, &t, &st);
	assert_null(pget(&r, "a.txt", one));
	sidecar_free(&r);
	pput(&o, "a.txt", "q", "x:p", NULL, 0, one);
	pput(&t, "a.txt", "q", "y:p", NULL, 0, one);
	merge(&r, NULL, &o, &t, &st);
	assert_int_equal(porigin(pget(&r, "a.txt", one), "x"), SIDECAR_PERSON);
	assert_int_equal(porigin(pget(&r, "a.txt", one), "y"), SIDECAR_PERSON);
	free3(&b, &o, &t, &r);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_tags_added_removed),
		cmocka_unit_test(test_origin_rules),
		cmocka_unit_test(test_read_flags),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_fingerprints_and_gone),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_move_onto_entry),
		cmocka_unit_test(test_union),
		cmocka_unit_test(test_random_sets),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_load_marker),
		cmocka_unit_test(test_theirs_hand_edits),
		cmocka_unit_test(test_theirs_shadowed),
		cmocka_unit_test(test_resolve_hand_edits),
		cmocka_unit_test(test_passages),
		cmocka_unit_test(test_theirs_passage_lines),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
