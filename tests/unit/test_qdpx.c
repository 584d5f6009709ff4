/* export_qdpx.c: a REFI-QDA project written from a corpus and a sidecar made in memory,
   then read back by tests/qdpx_check.py (Python's zipfile and ElementTree, as a
   reader in another program would): every selection's characters are its passage's
   quote, though Arabic, an emoji, combining marks, an invalid byte and a byte order
   mark come before it; codes and notes are there and every reference holds. And an
   orphan left out with a warning, two exports alike byte for byte, and what is
   refused as the output. */
#include "testutil.h"

#include <jansson.h>

#include "export.h"
#include "passage.h"

struct fixture {
	char		*tmp;		/* the corpus */
	char		*out;		/* a folder for what is written */
	struct config	 cfg;
	struct diag	 d;
	struct corpus	 c;
	struct scan	*s;
	struct sidecar	 side;
	char		**rel;
	json_t		*want;
};

static const char a_txt[] = "Title: One\n\nOn Tuesday, the siege was lifted by "
    "government forces. Later the siege resumed.\n";
/* A byte order mark, Arabic, an emoji, e + combining acute, an invalid byte, and
   then the passages. */
static const char b_txt[] = "\xef\xbb\xbfTitle: \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8"
    "\xd8\xa7\n\n\xf0\x9f\x99\x82 cafe\xcc\x81 \xff then the e\xcc\x81motion "
    "\xf0\x9f\x8e\x89 ran high, \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 said all.\n";
static const char c_txt[] = "Title: Three\n\nNothing here is coded but the whole.\n";

/* Makes a passage of text's quote (its first place) in entry path, with codes and
   a note, and adds what a reader should find to want's source. */
static void
add_passage(struct fixture *f, const char *path, const char *text, size_t len,
    const char *quote, const char *const *codes, const char *note, int expect)
{
	struct sidecar_entry	*e = sidecar_entry(&f->side, path, 1);
	struct sidecar_passage	 p, *q;
	json_t			*jp, *jc;
	long long		 at = passage_search(text, len, quote, 0);
	char			*hex;
	size_t			 i;

	assert_true(at >= 0);
	assert_int_equal(passage_make(text, len, (size_t)at, (size_t)at + strlen(quote),
	    &p), 0);
	assert_string_equal(p.quote, quote);
	q = sidecar_passage_add(e, &p);
	sidecar_passage_free(&p);
	jc = json_array();
	for (i = 0; codes[i] != NULL; i++) {
		sidecar_passage_tag_set(q, codes[i], SIDECAR_PERSON);
		json_array_append_new(jc, json_string(codes[i]));
		json_array_append_new(json_object_get(f->want, "codes"),
		    json_string(codes[i]));
	}
	sidecar_passage_tag_set(q, "turned-down", SIDECAR_REJECTED);
	if (note != NULL)
		sidecar_passage_note_set(q, note);
	if (!expect) {
		json_decref(jc);
		return;
	}
	hex = malloc(2 * strlen(quote) + 1);
	assert_non_null(hex);
	for (i = 0; quote[i] != '\0'; i++)
		snprintf(hex + 2 * i, 3, "%02x", (unsigned char)quote[i]);
	jp = json_pack("{s:s, s:o, s:s?}", "quote_hex", hex, "codes", jc, "note", note);
	free(hex);
	json_array_append_new(json_object_get(json_object_get(json_object_get(f->want,
	    "sources"), path), "passages"), jp);
}

static void
want_source(struct fixture *f, const char *path)
{
	json_object_set_new(json_object_get(f->want, "sources"), path,
	    json_pack("{s:[], s:[], s:n}", "passages", "codes", "note"));
}

static int
setup(void **state)
{
	static const char *const siege[] = { "siege", "a<b&\"c'>", NULL };
	static const char *const later[] = { "siege", NULL };
	static const char *const emo[] = { "\xc3\xbc" "ber \xf0\x9f\x99\x82", "tab\there",
	    NULL };
	static const char *const arab[] = { "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7",
	    NULL };
	static const char *const orphan[] = { "lost", NULL };
	struct fixture		*f = calloc(1, sizeof *f);
	struct sidecar_entry	*e;
	struct sidecar_passage	 p;
	size_t			 i;

	if (f == NULL)
		abort();
	tu_locale();
	f->tmp = tu_mkdtemp();
	f->out = tu_mkdtemp();
	tu_corpus_write(f->tmp, "a.txt", a_txt, TU_LEN(a_txt));
	tu_corpus_write(f->tmp, "b.txt", b_txt, TU_LEN(b_txt));
	tu_corpus_write(f->tmp, "c.txt", c_txt, TU_LEN(c_txt));
	config_init(&f->cfg);
	free(tu_config_text(&f->cfg, &f->d, f->tmp, "themes.ini", "", 0));
	tu_corpus_open(&f->c, &f->cfg, f->tmp);
	assert_int_equal(f->c.n, 3);
	f->s = scan_new(&f->c, &f->cfg);
	tu_scan_all(f->s, &f->c);
	f->rel = calloc(f->c.n, sizeof *f->rel);
	assert_non_null(f->rel);
	for (i = 0; i < f->c.n; i++)
		f->rel[i] = f->c.articles[i]->name;
	sidecar_init(&f->side);
	f->want = json_pack("{s:[], s:{}}", "codes", "sources");
	want_source(f, "a.txt");
	want_source(f, "b.txt");
	want_source(f, "c.txt");
	add_passage(f, "a.txt", a_txt, TU_LEN(a_txt), "the siege was lifted", siege,
	    "Check the date\nand \x01 the <source> & \"who\"\r\n", 1);
	add_passage(f, "a.txt", a_txt, TU_LEN(a_txt), "Later the siege", later, NULL, 1);
	add_passage(f, "b.txt", b_txt, TU_LEN(b_txt), "e\xcc\x81motion \xf0\x9f\x8e\x89",
	    emo, "\xd9\x85 note", 1);
	add_passage(f, "b.txt", b_txt, TU_LEN(b_txt), "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8"
	    "\xd8\xa7 said", arab, NULL, 1);
	/* An orphan: a passage of a text c.txt does not hold. */
	e = sidecar_entry(&f->side, "c.txt", 1);
	assert_int_equal(passage_make("the lost words", 14, 4, 8, &p), 0);
	sidecar_passage_tag_set(sidecar_passage_add(e, &p), orphan[0], SIDECAR_PERSON);
	sidecar_passage_free(&p);
	json_array_append_new(json_object_get(f->want, "codes"), json_string("lost"));
	/* Codes of whole articles, and notes. */
	sidecar_tag_set(e, "whole", SIDECAR_PERSON);
	sidecar_tag_set(e, "nope", SIDECAR_REJECTED);
	json_array_append_new(json_object_get(json_object_get(json_object_get(f->want,
	    "sources"), "c.txt"), "codes"), json_string("whole"));
	json_array_append_new(json_object_get(f->want, "codes"), json_string("whole"));
	e = sidecar_entry(&f->side, "b.txt", 1);
	sidecar_note_set(e, "An article's note: \xf0\x9f\x99\x82");
	json_object_set_new(json_object_get(json_object_get(f->want, "sources"),
	    "b.txt"), "note", json_string("An article's note: \xf0\x9f\x99\x82"));
	/* The checker wants each code once. */
	{
		json_t	*u = json_object(), *v;
		size_t	 k;

		json_array_foreach(json_object_get(f->want, "codes"), k, v)
			json_object_set(u, json_string_value(v), json_true());
		json_object_set_new(f->want, "codes", json_array());
		{
			const char	*key;
			json_t		*val;

			json_object_foreach(u, key, val)
				json_array_append_new(json_object_get(f->want, "codes"),
				    json_string(key));
		}
		json_decref(u);
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	json_decref(f->want);
	sidecar_free(&f->side);
	free(f->rel);
	scan_free(f->s);
	corpus_free(&f->c);
	tu_rmtree(f->out);
	free(f->out);
	tu_config_free(&f->cfg, &f->d, f->tmp);
	free(f);
	return 0;
}

/* Exports every article to out; returns export_write's answer, messages in d. */
static int
export(struct fixture *f, const char *out, int force, struct diag *d)
{
	struct export	 x;
	size_t		 sel[3] = { 0, 1, 2 };

	memset(&x, 0, sizeof x);
	x.format = EXPORT_QDPX;
	x.out = out;
	x.force = force;
	x.corpus = &f->c;
	x.config = &f->cfg;
	x.scan = f->s;
	x.side = &f->side;
	x.rel = f->rel;
	memset(d, 0, sizeof *d);
	return export_write(&x, sel, 3, d);
}

static char *
slurp(const char *path, size_t *n)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 len;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	len = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	*n = (size_t)len;
	return buf;
}

/* The project read back: selections at their quotes' characters, codes, notes. */
static void
test_read_back(void **state)
{
	struct fixture	*f = *state;
	struct diag	 d;
	char		*out = tu_path(f->out, "p.qdpx");
	char		*want = tu_path(f->out, "want.json");
	char		*cmd;
	size_t		 n;

	assert_int_equal(export(f, out, 0, &d), 0);
	/* The orphan, named, and nothing else. */
	assert_int_equal(d.n, 1);
	tu_check_msg(&d, 0, DIAG_WARNING, "c.txt", 0);
	tu_check_contains(&d, 0, "passage ");
	tu_check_contains(&d, 0, "\"lost\": its quote is not in the text; left out");
	diag_free(&d);
	assert_int_equal(json_dump_file(f->want, want, 0), 0);
	n = strlen(out) + strlen(want) + 64;
	cmd = malloc(n);
	assert_non_null(cmd);
	snprintf(cmd, n, "python3 tests/qdpx_check.py '%s' '%s'", out, want);
	assert_int_equal(system(cmd), 0);
	/* And the checker can fail: a quote no selection holds. */
	json_array_append_new(json_object_get(json_object_get(json_object_get(f->want,
	    "sources"), "a.txt"), "passages"), json_pack("{s:s, s:[], s:n}",
	    "quote_hex", "4f6e", "codes", "note"));
	assert_int_equal(json_dump_file(f->want, want, 0), 0);
	snprintf(cmd, n, "python3 tests/qdpx_check.py '%s' '%s' >/dev/null", out, want);
	assert_int_not_equal(system(cmd), 0);
	free(cmd);
	free(want);
	free(out);
}

/* One export time (SOURCE_DATE_EPOCH): two exports are the same bytes. */
static void
test_same_twice(void **state)
{
	struct fixture	*f = *state;
	struct diag	 d;
	char		*one = tu_path(f->out, "1.qdpx"), *two = tu_path(f->out, "2.qdpx");
	char		*b1, *b2;
	size_t		 n1, n2;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_int_equal(export(f, one, 0, &d), 0);
	diag_free(&d);
	assert_int_equal(export(f, two, 0, &d), 0);
	diag_free(&d);
	unsetenv("SOURCE_DATE_EPOCH");
	b1 = slurp(one, &n1);
	b2 = slurp(two, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);
	free(b1);
	free(b2);
	free(one);
	free(two);
}

/* A folder, a link, or a file without --force is not written over. */
static void
test_refused(void **state)
{
	struct fixture	*f = *state;
	struct diag	 d;
	char		*dir = tu_path(f->out, "dir.qdpx");
	char		*lnk = tu_path(f->out, "link.qdpx");
	char		*file = tu_path(f->out, "mine.qdpx");
	char		*buf;
	size_t		 n;

	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(export(f, dir, 1, &d), -1);
	tu_check_contains(&d, d.n - 1, "exists and is not a file");
	diag_free(&d);
	assert_int_equal(symlink(file, lnk), 0);
	assert_int_equal(export(f, lnk, 1, &d), -1);
	tu_check_contains(&d, d.n - 1, "is a symbolic link");
	diag_free(&d);
	tu_write(file, "mine", 4);
	assert_int_equal(export(f, file, 0, &d), -1);
	tu_check_contains(&d, d.n - 1, "exists; --force replaces it");
	diag_free(&d);
	buf = slurp(file, &n);
	assert_int_equal(n, 4);
	assert_memory_equal(buf, "mine", 4);
	free(buf);
	assert_int_equal(export(f, file, 1, &d), 0);
	diag_free(&d);
	buf = slurp(file, &n);
	assert_memory_equal(buf, "PK\x03\x04", 4);
	free(buf);
	free(dir);
	free(lnk);
	free(file);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
