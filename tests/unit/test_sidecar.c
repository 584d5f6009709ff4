/* Tests of the sidecar: generated tags, notes and paths make the round trip exactly,
   and stock iniparser reads the file to the same values; bad files are refused with
   their line. */
#include <iniparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "buf.h"
#include "sidecar.h"

static uint64_t	seed = 0x2545f4914f6cdd1dULL;

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct sidecar_entry *)a)->path,
	    ((const struct sidecar_entry *)b)->path);
}

/* Random text from pieces that stress the encoding. */
static void	gen_passage(struct sidecar_entry *, size_t);

static char *
gen_text(size_t maxpieces, int for_name)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "\"", ";", "#", "=", "[", "]", "\\", ":", "%", "^", "'",
		"\\x22", "\n", "\r\n", "\t", "שלום", "مرحبا", "é", "É", "日本", "😀", "UPPER",
		"upper", "/", ".", "-", "_", "\x01", "\x7f", "\xff", "\xc3", "%41", "^a",
		"Deir ez-Zor", "  ", "\\n"
	};
	size_t	 n = 1 + tu_randn(&seed, maxpieces), i, len = 0;
	char	*s = malloc(n * 16 + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++) {
		const char	*p = pieces[tu_randn(&seed, sizeof pieces / sizeof pieces[0])];

		/* Names hold no control characters or invalid UTF-8 (a tag name refuses
		   them, and paths with them are rare); notes hold anything. */
		if (for_name && (p[0] == '\n' || p[0] == '\r' || p[0] == '\t' ||
		    (unsigned char)p[0] < 0x20 || p[0] == '\x7f' ||
		    (unsigned char)p[0] == 0xff || (unsigned char)p[0] == 0xc3))
			p = "x";
		memcpy(s + len, p, strlen(p));
		len += strlen(p);
	}
	s[len] = '\0';
	return s;
}

static void
compare(const struct sidecar *a, const struct sidecar *b)
{
	size_t	 i, j;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		const struct sidecar_entry	*x = &a->v[i], *y = &b->v[i];

		assert_string_equal(x->path, y->path);
		assert_int_equal(x->read, y->read);
		if (x->note == NULL)
			assert_null(y->note);
		else {
			assert_non_null(y->note);
			assert_int_equal(strlen(x->note), strlen(y->note));
			assert_memory_equal(x->note, y->note, strlen(x->note));
		}
		if (x->fingerprint == NULL)
			assert_null(y->fingerprint);
		else
			assert_string_equal(x->fingerprint, y->fingerprint);
		assert_int_equal(x->ntags, y->ntags);
		for (j = 0; j < x->ntags; j++) {
			assert_string_equal(x->tags[j].name, y->tags[j].name);
			assert_int_equal(x->tags[j].origin, y->tags[j].origin);
		}
		assert_int_equal(x->npassages, y->npassages);
		for (j = 0; j < x->npassages; j++) {
			const struct sidecar_passage *p = &x->passages[j];
			const struct sidecar_passage *q = &y->passages[j];
			size_t			 k;

			assert_string_equal(p->id, q->id);
			assert_string_equal(p->quote, q->quote);
			assert_string_equal(p->before, q->before);
			assert_string_equal(p->after, q->after);
			assert_int_equal(p->start, q->start);
			assert_int_equal(p->end, q->end);
			if (p->note == NULL)
				assert_null(q->note);
			else
				assert_string_equal(p->note, q->note);
			assert_int_equal(p->ntags, q->ntags);
			for (k = 0; k < p->ntags; k++) {
				assert_string_equal(p->tags[k].name, q->tags[k].name);
				assert_int_equal(p->tags[k].origin, q->tags[k].origin);
			}
		}
	}
}

/* Adds a random passage to e: texts of up to maxpieces pieces, hostile bytes and
   all, some codes, perhaps a note. */
static void
gen_passage(struct sidecar_entry *e, size_t maxpieces)
{
	struct sidecar_passage	 p, *q;
	int			 k;

	memset(&p, 0, sizeof p);
	p.quote = gen_text(maxpieces, 0);
	p.before = tu_randn(&seed, 3) == 0 ? strdup("") : gen_text(4, 0);
	p.after = tu_randn(&seed, 3) == 0 ? strdup("") : gen_text(4, 0);
	p.start = (size_t)tu_randn(&seed, 100000);
	p.end = p.start + strlen(p.quote);
	sidecar_passage_id(p.quote, p.before, p.after, p.id);
	q = sidecar_passage_add(e, &p);
	for (k = (int)tu_randn(&seed, 4); k > 0; k--) {
		char	*tag = gen_text(6, 1);

		if (sidecar_tag_check(tag, NULL) == 0)
			sidecar_passage_tag_set(q, tag, (int)tu_randn(&seed, 3));
		free(tag);
	}
	if (tu_randn(&seed, 2)) {
		char	*note = gen_text(maxpieces, 0);

		sidecar_passage_note_set(q, note);
		free(note);
	}
	sidecar_passage_free(&p);
}

/* Whether a and b are the same but for the case of ASCII letters, as iniparser folds
   them. */
static int
fold_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) !=
		    (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b))
			return 0;
	return *a == *b;
}

/* What stock iniparser makes of the file: every article's note, joined and decoded
   with the published decoder, and its tags, match. */
static void
check_iniparser(const char *path, const struct sidecar *s)
{
	dictionary	*d = iniparser_load(path);
	int		 nsec, i;
	size_t		 found = 0;

	assert_non_null(d);
	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++) {
		const char		*sec = iniparser_getsecname(d, i), *v;
		char			 key[4096], *name, *lname, *note = NULL;
		struct sidecar_entry	*e;
		size_t			 k, len = 0, same;

		assert_true(strncmp(sec, "article ", 8) == 0);
		if (sec[8] == '#')
			continue;	/* long paths: checked by the round trip */
		/* iniparser folds the case of the name: the article is the one
		   entry whose path folds to it (two that fold alike are merged by
		   iniparser, and not compared). */
		assert_true(sec[9 + strlen(sec + 9) - 1] == '"');
		name = strndup(sec + 9, strlen(sec + 9) - 1);
		lname = sidecar_value_decode(name);
		free(name);
		assert_non_null(lname);
		e = NULL;
		for (k = 0, same = 0; k < s->n; k++)
			if (fold_eq(s->v[k].path, lname) && (s->v[k].ntags > 0 ||
			    s->v[k].note != NULL || s->v[k].read ||
			    s->v[k].fingerprint != NULL || s->v[k].npassages > 0)) {
				e = &s->v[k];
				same++;
			}
		if (e == NULL)
			fail_msg("iniparser found [%s], which was not written", sec);
		free(lname);
		found++;
		if (same > 1)
			continue;
		snprintf(key, sizeof key, "%s:note", sec);
		if ((v = iniparser_getstring(d, key, NULL)) != NULL)
			note = strdup(v);
		else
			for (k = 0;; k++) {
				snprintf(key, sizeof key, "%s:note.%04zu", sec, k);
				if ((v = iniparser_getstring(d, key, NULL)) == NULL)
					break;
				note = realloc(note, len + strlen(v) + 1);
				memcpy(note + len, v, strlen(v) + 1);
				len += strlen(v);
			}
		if (e->note == NULL)
			assert_null(note);
		else {
			char	*dec;

			assert_non_null(note);
			dec = sidecar_value_decode(note);
			assert_non_null(dec);
			assert_int_equal(strlen(dec), strlen(e->note));
			assert_memory_equal(dec, e->note, strlen(dec));
			free(dec);
		}
		free(note);
		for (k = 0; k < e->ntags; k++) {
			char	*enc = NULL;
			size_t	 j;

			/* The key iniparser knows the tag by: find it among the section's
			   keys by decoding each. */
			int		 nk = iniparser_getsecnkeys(d, sec), hit = 0;
			const char	**keys = calloc((size_t)nk + 1, sizeof *keys);

			iniparser_getseckeys(d, sec, keys);
			for (j = 0; j < (size_t)nk; j++) {
				const char	*kk = keys[j] + strlen(sec) + 1;

				if (strncmp(kk, "tag \"", 5) != 0)
					continue;
				name = strndup(kk + 5, strlen(kk + 5) - 1);
				enc = sidecar_value_decode(name);
				free(name);
				if (enc != NULL && fold_eq(enc, e->tags[k].name))
					hit = 1;
				free(enc);
			}
			free(keys);
			if (!hit)
				fail_msg("iniparser lost tag \"%s\"", e->tags[k].name);
		}
		/* Each passage's quote, joined from its pieces and decoded. */
		for (k = 0; k < e->npassages; k++) {
			char	*q = NULL, *dec;
			size_t	 ql = 0, j;

			snprintf(key, sizeof key, "%s:passage.%s.quote", sec,
			    e->passages[k].id);
			if ((v = iniparser_getstring(d, key, NULL)) != NULL)
				q = strdup(v);
			else
				for (j = 0;; j++) {
					snprintf(key, sizeof key, "%s:passage.%s.quote.%04zu",
					    sec, e->passages[k].id, j);
					if ((v = iniparser_getstring(d, key, NULL)) == NULL)
						break;
					q = realloc(q, ql + strlen(v) + 1);
					memcpy(q + ql, v, strlen(v) + 1);
					ql += strlen(v);
				}
			if (q == NULL)
				fail_msg("iniparser lost passage %s", e->passages[k].id);
			dec = sidecar_value_decode(q);
			assert_non_null(dec);
			assert_string_equal(dec, e->passages[k].quote);
			free(dec);
			free(q);
		}
	}
	iniparser_freedict(d);
	(void)found;
}

/* Every path of s is found at its own entry, and each of gone at none: what a lookup
   through a stale index would get wrong. The entries are in path order, with no path
   twice. */
static void
check_index(struct sidecar *s, const char *const *gone, size_t ngone)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		if (i > 0)
			assert_true(strcmp(s->v[i - 1].path, s->v[i].path) < 0);
		if (sidecar_entry(s, s->v[i].path, 0) != &s->v[i])
			fail_msg("%s: not found at its entry %zu", s->v[i].path, i);
	}
	for (i = 0; i < ngone; i++)
		if (sidecar_entry(s, gone[i], 0) != NULL)
			fail_msg("%s: found, but it has no entry", gone[i]);
}

/* The index of entries by path follows every change of them: an entry made, a move
   (a path changed in place, with as many entries as before), a move onto another
   entry (one fewer), changes applied, a file read again and a commit that read
   what another process wrote. */
static void
test_index_follows(void **state)
{
	struct sidecar		 s, other;
	struct sidecar_ops	 ops;
	struct diag		 d;
	struct sidecar_entry	*e, *before;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, ".rubric.ini");
	char			 name[64];
	const char		*none[] = { "a", "b", "zz", "" };
	unsigned long		 gen;
	const char		*moved[] = { "a", "b", "zz" };
	const char		*joined[] = { "a", "b", "d", "zz" };
	size_t			 i, n;

	(void)state;
	memset(&d, 0, sizeof d);
	memset(&ops, 0, sizeof ops);
	sidecar_init(&s);
	/* A lookup in an empty sidecar writes nothing, not even the generation:
	   export_jsonl's threads look up at once (a data race under TSan). */
	gen = s.generation;
	assert_null(sidecar_entry(&s, "a", 0));
	sidecar_index(&s);
	assert_int_equal(s.generation, gen);
	assert_null(s.index);
	assert_non_null(sidecar_entry(&s, "c", 1));
	assert_non_null(sidecar_entry(&s, "e", 1));
	check_index(&s, none, 4);

	/* Made before the others in path order: they all move along one. */
	e = sidecar_entry(&s, "a", 1);
	assert_string_equal(e->path, "a");
	assert_ptr_equal(e, &s.v[0]);
	assert_ptr_equal(sidecar_entry(&s, "a", 1), e);
	assert_int_equal(s.n, 3);
	sidecar_tag_set(e, "kept", SIDECAR_PERSON);
	check_index(&s, none + 1, 3);

	/* a to d: the same v and n, a path changed in place. */
	sidecar_ops_add(&ops, SIDECAR_OP_MOVE, "a", "d", 0);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(s.n, 3);
	assert_null(sidecar_entry(&s, "a", 0));
	e = sidecar_entry(&s, "d", 0);
	assert_non_null(e);
	assert_int_equal(e->ntags, 1);
	check_index(&s, moved, 3);

	/* d onto c: two entries become one. */
	sidecar_ops_add(&ops, SIDECAR_OP_MOVE, "d", "c", 0);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(s.n, 2);
	assert_int_equal(sidecar_entry(&s, "c", 0)->ntags, 1);
	check_index(&s, joined, 4);

	/* Many made by one apply, with one sort. */
	for (i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "dir%zu/article%zu.txt", i % 7, i);
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, name, "many", SIDECAR_PERSON);
	}
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(s.n, 502);
	check_index(&s, joined, 4);
	assert_int_equal(sidecar_entry(&s, "dir3/article3.txt", 0)->ntags, 1);

	/* Read again, fewer entries, and a commit that finds the file changed by
	   another writer reads it again: the index is of the entries read. */
	assert_int_equal(sidecar_save(&s, path), 0);
	sidecar_free(&s);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	check_index(&s, joined, 4);
	before = sidecar_entry(&s, "dir6/article6.txt", 0);
	assert_non_null(before);
	assert_int_equal(sidecar_load(&other, path, &d), 0);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b", "new", SIDECAR_PERSON);
	for (i = 0; i < 500; i += 2) {
		snprintf(name, sizeof name, "dir%zu/article%zu.txt", i % 7, i);
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, name, "many", -1);
	}
	assert_int_equal(sidecar_commit(&other, path, &ops, &d), 0);
	sidecar_ops_free(&ops);
	sidecar_free(&other);
	/* s still holds what it read; its commit reads the file again. */
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "zz", "last", SIDECAR_PERSON);
	assert_int_equal(sidecar_commit(&s, path, &ops, &d), 0);
	sidecar_ops_free(&ops);
	if (d.n > 0)
		fail_msg("%s", d.msgs[0].text);
	for (i = n = 0; i < s.n; i++)
		n += s.v[i].ntags > 0;
	assert_int_equal(n, s.n);
	assert_non_null(sidecar_entry(&s, "b", 0));
	assert_non_null(sidecar_entry(&s, "zz", 0));
	assert_null(sidecar_entry(&s, "dir0/article0.txt", 0));
	assert_non_null(sidecar_entry(&s, "dir1/article1.txt", 0));
	check_index(&s, none + 3, 1);

	sidecar_free(&s);
	assert_null(sidecar_entry(&s, "b", 0));
	diag_free(&d);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* Paths that share all but their last bytes, long and short, found as a binary
   search finds them; so are absent ones next to them. */
static void
test_index_many(void **state)
{
	struct sidecar		 s;
	struct sidecar_entry	 key, *want;
	char			 name[300];
	size_t			 i;

	(void)state;
	sidecar_init(&s);
	for (i = 0; i < 3000; i++) {
		snprintf(name, sizeof name, "%0*zu", (int)(i % 250) + 1, i);
		if (i % 3 != 0)
			assert_non_null(sidecar_entry(&s, name, 1));
	}
	sidecar_index(&s);
	for (i = 0; i < 3000; i++) {
		snprintf(name, sizeof name, "%0*zu", (int)(i % 250) + 1, i);
		key.path = name;
		want = bsearch(&key, s.v, s.n, sizeof *s.v, cmp_path);
		assert_ptr_equal(sidecar_entry(&s, name, 0), want);
		assert_true((want == NULL) == (i % 3 == 0));
	}
	sidecar_free(&s);
}

static void
test_round_trip(void **state)
{
	struct sidecar		 s, r;
	struct diag		 d;
	struct sidecar_entry	*e;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, ".rubric.ini");
	int			 iter, i, n, k;

	(void)state;
	for (iter = 0; iter < 60; iter++) {
		sidecar_init(&s);
		n = 1 + (int)tu_randn(&seed, 40);
		for (i = 0; i < n; i++) {
			char	*p = gen_text(iter % 10 == 0 && i == 0 ? 400 : 12, 1);

			e = sidecar_entry(&s, p, 1);
			free(p);
			e->read = (int)tu_randn(&seed, 2);
			if (tu_randn(&seed, 2)) {
				char	*note = gen_text(iter % 7 == 0 ? 5000 : 60, 0);

				sidecar_note_set(e, note);
				free(note);
			}
			/* A path drawn twice is one entry: its fingerprint set again. */
			if (tu_randn(&seed, 3) == 0) {
				free(e->fingerprint);
				e->fingerprint = strdup("9f86d081884c7d65:1234");
			}
			for (k = (int)tu_randn(&seed, 5); k > 0; k--) {
				char	*tag = gen_text(6, 1);

				if (sidecar_tag_check(tag, NULL) == 0)
					sidecar_tag_set(e, tag, (int)tu_randn(&seed, 3));
				free(tag);
			}
			for (k = (int)tu_randn(&seed, 4); k > 1; k--)
				gen_passage(e, iter % 9 == 0 ? 600 : 20);
		}
		assert_int_equal(sidecar_save(&s, path), 0);
		memset(&d, 0, sizeof d);
		assert_int_equal(sidecar_load(&r, path, &d), 0);
		if (d.n > 0)
			fail_msg("%s", d.msgs[0].text);
		/* Entries with nothing in them are not written. */
		for (i = 0; i < (int)s.n; i++)
			if (s.v[i].note == NULL && s.v[i].ntags == 0 && !s.v[i].read &&
			    s.v[i].fingerprint == NULL && s.v[i].npassages == 0) {
				free(s.v[i].path);
				memmove(&s.v[i], &s.v[i + 1], (s.n - (size_t)i - 1) *
				    sizeof s.v[0]);
				s.n--;
				i--;
			}
		sidecar_changed(&s);
		compare(&s, &r);
		check_iniparser(path, &s);
		diag_free(&d);
		sidecar_free(&s);
		sidecar_free(&r);
	}
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* A long path with a long tag: stock iniparser looks a key up as "section:key" in
   1024 bytes, so every key it lists must also be one it finds (fuzz_sidecar found a
   700-byte path with a 160-capital tag that was not). */
static void
test_long_keys(void **state)
{
	struct sidecar	 s, r;
	struct diag	 d;
	dictionary	*ini;
	char		*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), name[800], tag[201];
	const char	*keys[64];
	int		 i, k, nkeys;
	size_t		 len;

	(void)state;
	sidecar_init(&s);
	for (len = 100; len <= 700; len += 150) {
		memset(name, 'a' + (int)(len % 26), len);
		name[len] = '\0';
		memset(tag, 'T', 160);
		tag[160] = '\0';
		sidecar_tag_set(sidecar_entry(&s, name, 1), tag, SIDECAR_PERSON);
		memset(tag, '%', 200);
		tag[200] = '\0';
		sidecar_tag_set(sidecar_entry(&s, name, 1), tag, SIDECAR_THEME);
	}
	assert_int_equal(sidecar_save(&s, path), 0);
	ini = iniparser_load(path);
	assert_non_null(ini);
	for (i = 0; i < iniparser_getnsec(ini); i++) {
		const char	*sec = iniparser_getsecname(ini, i);

		nkeys = iniparser_getsecnkeys(ini, sec);
		assert_true(nkeys > 0 && nkeys <= 64);
		assert_non_null(iniparser_getseckeys(ini, sec, keys));
		for (k = 0; k < nkeys; k++)
			if (iniparser_getstring(ini, keys[k], NULL) == NULL)
				fail_msg("stock iniparser lists %s but cannot find it", keys[k]);
	}
	iniparser_freedict(ini);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&r, path, &d), 0);
	compare(&s, &r);
	sidecar_free(&s);
	sidecar_free(&r);
	diag_free(&d);
	tu_rmtree(dir);
	free(dir);
	free(path);
}

/* A sidecar cut short at every byte: it loads or is refused with its line; what
   loads is the original's (no path, tag or origin made up). */
static void
test_truncated(void **state)
{
	struct sidecar		 s, r;
	struct sidecar_entry	*e, *o;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *text;
	size_t			 len, cut, i, k, j, refused = 0;
	FILE			*f;

	(void)state;
	sidecar_init(&s);
	e = sidecar_entry(&s, "2017/Deir ez-Zor report.txt", 1);
	sidecar_tag_set(e, "Urgent", SIDECAR_PERSON);
	sidecar_tag_set(e, "isis", SIDECAR_REJECTED);
	sidecar_note_set(e, "Two \"sources\"; # one says 40\nthe other = 60");
	e = sidecar_entry(&s, "שלום/מאמר.txt", 1);
	sidecar_tag_set(e, "עברית", SIDECAR_THEME);
	e->read = 1;
	assert_int_equal(sidecar_save(&s, path), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	text = malloc(8192);
	len = fread(text, 1, 8192, f);
	fclose(f);
	for (cut = 0; cut < len; cut++) {
		tu_write(path, text, cut);
		memset(&d, 0, sizeof d);
		if (sidecar_load(&r, path, &d) == -1) {
			assert_true(d.nerrors > 0);
			assert_non_null(strstr(d.msgs[d.n - 1].text, "s.ini:"));
			refused++;
			diag_free(&d);
			continue;
		}
		for (i = 0; i < r.n; i++) {
			o = sidecar_entry(&s, r.v[i].path, 0);
			if (o == NULL)
				fail_msg("cut at %zu: an entry %s made up", cut, r.v[i].path);
			for (k = 0; k < r.v[i].ntags; k++) {
				for (j = 0; j < o->ntags && (strcmp(o->tags[j].name,
				    r.v[i].tags[k].name) != 0 || o->tags[j].origin !=
				    r.v[i].tags[k].origin); j++)
					;
				if (j == o->ntags)
					fail_msg("cut at %zu: tag %s made up", cut,
					    r.v[i].tags[k].name);
			}
		}
		sidecar_free(&r);
		diag_free(&d);
	}
	/* A cut inside a quoted value is refused, not read as a shorter one. */
	assert_true(refused > 0);
	cut = (size_t)(strstr(text, "note = \"") - text) + 12;
	tu_write(path, text, cut);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&r, path, &d), -1);
	diag_free(&d);
	sidecar_free(&s);
	free(text);
	tu_rmtree(dir);
	free(dir);
	free(path);
}

static void
test_long_note(void **state)
{
	struct sidecar		 s, r;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *note;
	size_t			 i;
	FILE			*f;
	char			 line[2048];
	int			 lines = 0;

	(void)state;
	note = malloc(65537);
	for (i = 0; i < 65536; i++)
		note[i] = "ab\n\"\\;#=[]:é"[i % 12];
	note[65536] = '\0';
	/* Cutting a 2-byte é in half would break it: make sure one is whole. */
	for (i = 0; i + 1 < 65536; i++)
		if ((unsigned char)note[i] == 0xc3 && (unsigned char)note[i + 1] != 0xa9)
			note[i] = 'x';
	if ((unsigned char)note[65535] == 0xc3)
		note[65535] = 'x';
	sidecar_init(&s);
	sidecar_note_set(sidecar_entry(&s, "Notes/Long One.txt", 1), note);
	assert_int_equal(sidecar_save(&s, path), 0);
	/* No line is too long for iniparser. */
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		assert_true(strlen(line) <= 1023);
		lines++;
	}
	fclose(f);
	assert_true(lines > 90);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&r, path, &d), 0);
	compare(&s, &r);
	check_iniparser(path, &s);
	sidecar_free(&s);
	sidecar_free(&r);
	diag_free(&d);
	free(note);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

static void
test_bad_files(void **state)
{
	static const struct {
		const char	*text;
		int		 line;
		const char	*says;
	} cases[] = {
		{ "[article a.txt]\nread = yes\nthis is not ini\n", 3, "not a [section]" },
		{ "read = yes\n", 1, "before any" },
		{ "[article a.txt]\ntag.x = maybe\n", 2, "person, theme or rejected" },
		{ "[article a.txt]\nread = perhaps\n", 2, "yes or no" },
		{ "[article a%zzb.txt]\nread = yes\n", 1, "bad name" },
		/* An empty path would be written as [article ] and lost. */
		{ "[article #1]\npath = \"\"\nread = yes\n", 1, "needs a path" },
		{ "[article \"a.txt]\nread = yes\n", 1, "bad name" },
		{ "[article \"a\\q\"]\nread = yes\n", 1, "bad name" },
		{ "[article \"a\"]\ntag \"x = person\n", 2, "tag \"NAME\"" },
		{ "[article \"a\"]\ntag \"x\" = maybe\n", 2, "person, theme" },
		{ "[article \"a\"]\ntag \"\x01\" = person\n", 2, "bad tag name" },
		/* A bad escape after a note: an error, and no leak (fuzz_sidecar). */
		{ "[article u]\nfingerprint = \"\\q\"\nnote = \"n\"\n", 2, "bad escape" },
		{ "[article a.txt]\nnote = \"bad \\q escape\"\n", 2, "bad escape" },
	};
	struct sidecar	 s;
	struct diag	 d;
	char		*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *big;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char	 want[64];

		tu_write(path, cases[i].text, strlen(cases[i].text));
		memset(&d, 0, sizeof d);
		assert_int_equal(sidecar_load(&s, path, &d), -1);
		assert_int_equal(s.n, 0);
		assert_true(d.nerrors > 0);
		snprintf(want, sizeof want, "s.ini:%d: ", cases[i].line);
		if (strstr(d.msgs[d.n - 1].text, want) == NULL ||
		    strstr(d.msgs[d.n - 1].text, cases[i].says) == NULL)
			fail_msg("case %zu: %s", i, d.msgs[d.n - 1].text);
		diag_free(&d);
	}
	/* A line over 1022 bytes fails the whole file, with its number. */
	big = malloc(2000);
	memcpy(big, "[article a.txt]\nnote = \"", 24);
	memset(big + 24, 'n', 1500);
	memcpy(big + 1524, "\"\n", 3);
	tu_write(path, big, strlen(big));
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), -1);
	assert_non_null(strstr(d.msgs[0].text, "s.ini:2: line is"));
	diag_free(&d);
	free(big);
	/* A missing file is an empty sidecar; an empty file too. */
	unlink(path);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(s.n, 0);
	sidecar_free(&s);
	tu_write(path, "", 0);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(s.n, 0);
	sidecar_free(&s);
	/* An unreadable one is an error, never "no tags". */
	if (geteuid() != 0) {
		tu_write(path, "[article a.txt]\nread = yes\n", 27);
		chmod(path, 0);
		assert_int_equal(sidecar_load(&s, path, &d), -1);
	}
	diag_free(&d);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

static void
test_hand_edits(void **state)
{
	static const char text[] =
	    "; my notes\n"
	    "[Article Report.TXT]\n"		/* iniparser lowercases: so does rubric */
	    "Read = yes\n"
	    "tag.^urgent = person ; a comment\n"
	    "note = 'single quotes'\n"
	    "\n"
	    "[article report.txt]\n"		/* the same article again: merged */
	    "tag.later = theme\n"
	    "[settings]\n"
	    "x = 1\n";
	struct sidecar		 s;
	struct diag		 d;
	struct sidecar_entry	*e;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini");

	(void)state;
	tu_write(path, text, sizeof text - 1);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(s.n, 1);
	e = sidecar_entry(&s, "report.txt", 0);
	assert_non_null(e);
	assert_true(e->read);
	assert_string_equal(e->note, "single quotes");
	assert_int_equal(e->ntags, 2);
	assert_string_equal(e->tags[0].name, "Urgent");
	assert_int_equal(e->tags[0].origin, SIDECAR_PERSON);
	assert_string_equal(e->tags[1].name, "later");
	/* The unknown section is kept, not warned about; the article given twice is
	   a warning naming both lines. */
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msgs[0].text, "s.ini:7: warning: article 'report.txt' "
	    "again (lines 2 and 7)"));
	sidecar_free(&s);
	diag_free(&d);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* The bytes of the file at path, as a string. Caller frees. */
static char *
read_all(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Writes s to a string with sidecar_write. Caller frees. */
static char *
write_text(const struct sidecar *s)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(sidecar_write(s, f), 0);
	fclose(f);
	return text;
}

/* A hand-edited file: a tag change rewrites its line and nothing else, byte for
   byte, CR LF line ends, comments, odd spacing, unknown keys and sections included;
   then the file is what the next save starts from. */
static void
test_keep_edits(void **state)
{
	static const char text[] =
	    "; our team's tags\r\n"
	    "\r\n"
	    "[meta]\r\n"
	    "owner = Dana   ; who to ask\r\n"
	    "\r\n"
	    "[article \"Misc/Upper Case.txt\"]\r\n"
	    "  note   =   \"spaced out\"\r\n"
	    "priority = high\r\n"
	    "; why: see the minutes\r\n"
	    "tag \"Deir ez-Zor\"=person\r\n"
	    "TAG \"oil\" = theme\r\n"
	    "\r\n"
	    "\r\n"
	    "[article \"z.txt\"]\r\n"
	    "read = yes\r\n"
	    "passage.1.quote = \"kept\"\r\n"
	    "[passage \"z.txt\" 1]\r\n"
	    "tag = \"x\"";
	static const char want[] =
	    "; our team's tags\r\n"
	    "\r\n"
	    "[meta]\r\n"
	    "owner = Dana   ; who to ask\r\n"
	    "\r\n"
	    "[article \"Misc/Upper Case.txt\"]\r\n"
	    "  note   =   \"spaced out\"\r\n"
	    "priority = high\r\n"
	    "; why: see the minutes\r\n"
	    "tag \"Deir ez-Zor\"=person\r\n"
	    "tag \"isis\" = person\r\n"
	    "tag \"oil\" = rejected\r\n"
	    "\r\n"
	    "\r\n"
	    "[article \"b.txt\"]\r\n"
	    "tag \"new\" = person\r\n"
	    "\r\n"
	    "[article \"z.txt\"]\r\n"
	    "read = yes\r\n"
	    "passage.1.quote = \"kept\"\r\n"
	    "[passage \"z.txt\" 1]\r\n"
	    "tag = \"x\"";
	struct sidecar		 s, r;
	struct sidecar_ops	 ops;
	struct diag		 d;
	struct sidecar_entry	*e;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *out;

	(void)state;
	tu_write(path, text, sizeof text - 1);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	/* passage.1.quote is no passage's (an id is 8 hex digits): said, and kept. */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.nerrors, 0);
	assert_non_null(strstr(d.msgs[0].text, "s.ini:16: warning: passage.1.quote"));
	e = sidecar_entry(&s, "Misc/Upper Case.txt", 0);
	assert_non_null(e);
	assert_string_equal(e->note, "spaced out");
	assert_int_equal(e->ntags, 2);
	assert_string_equal(e->tags[0].name, "Deir ez-Zor");
	/* Nothing changed: the same bytes. */
	out = write_text(&s);
	assert_string_equal(out, text);
	free(out);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "Misc/Upper Case.txt", "isis",
	    SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "Misc/Upper Case.txt", "oil",
	    SIDECAR_REJECTED);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "new", SIDECAR_PERSON);
	assert_int_equal(sidecar_commit(&s, path, &ops, &d), 0);
	sidecar_ops_free(&ops);
	out = read_all(path);
	assert_string_equal(out, want);
	free(out);
	/* The next change starts from what was saved, without reading it again. */
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "new", -1);
	assert_int_equal(sidecar_commit(&s, path, &ops, &d), 0);
	sidecar_ops_free(&ops);
	out = read_all(path);
	assert_null(strstr(out, "b.txt"));
	assert_non_null(strstr(out, "tag \"oil\" = rejected\r\n\r\n\r\n[article \"z.txt\"]"));
	free(out);
	/* A model made apart (a merge) saved over the file keeps its hand edits. */
	assert_int_equal(sidecar_load(&r, path, &d), 0);
	sidecar_free(&s);
	sidecar_init(&s);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "Misc/Upper Case.txt", "spaced out", 0);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "Misc/Upper Case.txt", "Deir ez-Zor",
	    SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "Misc/Upper Case.txt", "isis",
	    SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "Misc/Upper Case.txt", "oil",
	    SIDECAR_PERSON);
	sidecar_ops_add(&ops, SIDECAR_OP_READ, "z.txt", NULL, 1);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	sidecar_keep_edits(&s, &r);
	assert_null(r.layout);
	out = write_text(&s);
	assert_non_null(strstr(out, "[meta]\r\nowner = Dana   ; who to ask\r\n"));
	assert_non_null(strstr(out, "tag \"Deir ez-Zor\"=person\r\ntag \"isis\" = person"
	    "\r\ntag \"oil\" = person\r\n"));
	assert_non_null(strstr(out, "passage.1.quote = \"kept\"\r\n[passage \"z.txt\" 1]"));
	free(out);
	diag_free(&d);
	sidecar_free(&s);
	sidecar_free(&r);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* Keys and articles given twice: warnings with both lines; a save keeps both lines
   until the value changes, then writes one. */
/* Pieces of a note that are not read, after a gap or beside the whole key, are said
   with their lines; the file keeps them through a save. */
static void
test_stray_pieces(void **state)
{
	static const char text[] =
	    "[article a.txt]\n"
	    "note.0000 = \"a\"\n"
	    "note.0002 = \"c\"\n"
	    "[article b.txt]\n"
	    "note = \"whole\"\n"
	    "note.0000 = \"piece\"\n";
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *out;

	(void)state;
	tu_write(path, text, sizeof text - 1);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.n, 2);
	assert_non_null(strstr(d.msgs[0].text, "s.ini:3: warning: note.0002: a piece "
	    "after a gap"));
	assert_non_null(strstr(d.msgs[1].text, "s.ini:6: warning: note.0000: the whole "
	    "key is given too"));
	assert_string_equal(sidecar_entry(&s, "a.txt", 0)->note, "a");
	assert_string_equal(sidecar_entry(&s, "b.txt", 0)->note, "whole");
	diag_free(&d);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
	assert_int_equal(sidecar_commit(&s, path, &ops, &d), 0);
	out = read_all(path);
	assert_non_null(strstr(out, "note.0002 = \"c\""));
	assert_non_null(strstr(out, "note.0000 = \"piece\""));
	free(out);
	sidecar_ops_free(&ops);
	sidecar_free(&s);
	diag_free(&d);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* Lines that are not read as facts (a path where the header holds it, pieces beside
   the whole key or after a gap) are warnings with their line, and a save that changes
   the note and the tags keeps each of them byte for byte, as it keeps unknown keys. */
static void
test_strays_kept(void **state)
{
	static const char *const kept[] = {
		"path  =  \"see also b.txt\" ; hand\n",
		"fingerprint.0000 = \"abc\"\n",
		"note.0000 = \"old piece\"\n",
		"note.0001 = \"more\"\n",
		"note.0002 = \"after a gap\"\n",
		"read.old = yes\n"
	};
	static const char text[] =
	    "[article \"a.txt\"]\n"
	    "path  =  \"see also b.txt\" ; hand\n"
	    "fingerprint = \"f1\"\n"
	    "fingerprint.0000 = \"abc\"\n"
	    "note = \"whole\"\n"
	    "note.0000 = \"old piece\"\n"
	    "note.0001 = \"more\"\n"
	    "tag \"k\" = person\n"
	    "\n"
	    "[article \"b.txt\"]\n"
	    "note.0000 = \"b\"\n"
	    "note.0002 = \"after a gap\"\n"
	    "read.old = yes\n";
	struct sidecar		 s, back;
	struct sidecar_ops	 ops;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *out;
	size_t			 i;

	(void)state;
	tu_write(path, text, sizeof text - 1);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.n, 5);
	assert_non_null(strstr(d.msgs[0].text, "s.ini:2: warning: path: the header "
	    "holds this article's path"));
	assert_non_null(strstr(d.msgs[1].text, "s.ini:4: warning: fingerprint.0000: "
	    "the whole key is given too"));
	assert_non_null(strstr(d.msgs[2].text, "s.ini:6: warning: note.0000: the whole"));
	assert_non_null(strstr(d.msgs[3].text, "s.ini:7: warning: note.0001: the whole"));
	assert_non_null(strstr(d.msgs[4].text, "s.ini:12: warning: note.0002: a piece "
	    "after a gap"));
	assert_string_equal(sidecar_entry(&s, "a.txt", 0)->note, "whole");
	assert_string_equal(sidecar_entry(&s, "a.txt", 0)->fingerprint, "f1");
	assert_string_equal(sidecar_entry(&s, "b.txt", 0)->note, "b");
	diag_free(&d);
	/* Twice: the second save starts from the text the first wrote. */
	for (i = 0; i < 2; i++) {
		memset(&ops, 0, sizeof ops);
		sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "a.txt", i == 0 ? "new" : "newer",
		    0);
		sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "b.txt", i == 0 ? "nb" : NULL, 0);
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "x", SIDECAR_PERSON);
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", i == 0 ? "y" : "z",
		    SIDECAR_PERSON);
		assert_int_equal(sidecar_commit(&s, path, &ops, &d), 0);
		sidecar_ops_free(&ops);
	}
	out = read_all(path);
	for (i = 0; i < sizeof kept / sizeof kept[0]; i++)
		assert_non_null(strstr(out, kept[i]));
	assert_null(strstr(out, "\"whole\""));
	assert_null(strstr(out, "note.0000 = \"b\""));
	assert_non_null(strstr(out, "note = \"newer\"\n"));
	free(out);
	/* What was written reads back as the entries were. */
	diag_free(&d);
	assert_int_equal(sidecar_load(&back, path, &d), 0);
	compare(&s, &back);
	assert_null(sidecar_entry(&back, "b.txt", 0)->note);
	sidecar_free(&back);
	sidecar_free(&s);
	diag_free(&d);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* A path = line the quoted header made unread stays unread when a save gives the
   section the "#" form (here for a name too long for a header), where a path key is
   read: it is kept as a comment, and the file loads back without an error. */
static void
test_strays_hash_form(void **state)
{
	struct sidecar		 s, back;
	struct sidecar_ops	 ops;
	struct diag		 d;
	struct buf		 text;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *out;
	char			 name[901];

	(void)state;
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	memset(&text, 0, sizeof text);
	buf_puts(&text, "[article \"");
	buf_puts(&text, name);
	buf_puts(&text, "\"]\npath = \"\"\npath.0000 = \"b.txt\"\nread = yes\n");
	tu_write(path, text.s, text.n);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.nerrors, 0);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, name, "x", SIDECAR_PERSON);
	assert_int_equal(sidecar_commit(&s, path, &ops, &d), 0);
	sidecar_ops_free(&ops);
	out = read_all(path);
	assert_non_null(strstr(out, "[article #"));
	assert_non_null(strstr(out, "\n; path = \"\"\n"));
	assert_non_null(strstr(out, "\n; path.0000 = \"b.txt\"\n"));
	free(out);
	diag_free(&d);
	assert_int_equal(sidecar_load(&back, path, &d), 0);
	assert_int_equal(d.nerrors, 0);
	compare(&s, &back);
	assert_non_null(sidecar_entry(&back, name, 0));
	assert_true(sidecar_entry(&back, name, 0)->read);
	assert_int_equal(sidecar_entry(&back, name, 0)->ntags, 1);
	assert_null(sidecar_entry(&back, "b.txt", 0));
	sidecar_free(&back);
	sidecar_free(&s);
	diag_free(&d);
	free(text.s);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* A bidi or invisible format character in a note, path or tag is written as \xHH
   bytes, so that git diff shows it as text, and reads back exactly. */
static void
test_bidi_escaped(void **state)
{
	static const char *const chars[] = {
		"\xd8\x9c", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xe2\x80\xaa", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x81\xa9", "\xef\xbb\xbf"
	};
	struct sidecar		 s, back;
	struct sidecar_ops	 ops;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *out;
	char			 note[256], name[64], file[64];
	size_t			 i;

	(void)state;
	memset(&s, 0, sizeof s);
	memset(&d, 0, sizeof d);
	memset(&ops, 0, sizeof ops);
	for (i = 0; i < sizeof chars / sizeof chars[0]; i++) {
		snprintf(note, sizeof note, "abc%sdef \xd7\xa9\xd7\x9c", chars[i]);
		snprintf(name, sizeof name, "t%s%zu", chars[i], i);
		snprintf(file, sizeof file, "f%s%zu.txt", chars[i], i);
		sidecar_ops_add(&ops, SIDECAR_OP_NOTE, file, note, 0);
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, file, name, SIDECAR_PERSON);
	}
	assert_int_equal(sidecar_commit(&s, path, &ops, &d), 0);
	sidecar_ops_free(&ops);
	out = read_all(path);
	for (i = 0; i < sizeof chars / sizeof chars[0]; i++)
		assert_null(strstr(out, chars[i]));
	assert_non_null(strstr(out, "note = \"abc\\xe2\\x80\\xaedef \xd7\xa9\xd7\x9c\""));
	assert_non_null(strstr(out, "[article \"f\\xe2\\x80\\xae4.txt\"]"));
	assert_non_null(strstr(out, "tag \"t\\xe2\\x80\\xae4\" = person"));
	free(out);
	assert_int_equal(sidecar_load(&back, path, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(back.n, sizeof chars / sizeof chars[0]);
	compare(&s, &back);
	sidecar_free(&back);
	sidecar_free(&s);
	diag_free(&d);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

static void
test_duplicates(void **state)
{
	static const char text[] =
	    "[article \"a.txt\"]\n"
	    "tag \"a\" = person\n"
	    "note = \"one\"\n"
	    "tag \"a\" = rejected\n"
	    "note = \"two\"\n"
	    "\n"
	    "[article \"b.txt\"]\n"
	    "read = yes\n"
	    "\n"
	    "[article \"b.txt\"]\n"
	    "; second\n"
	    "tag \"c\" = theme\n";
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct diag		 d;
	struct sidecar_entry	*e;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *out;
	size_t			 i;
	int			 seen[3] = { 0, 0, 0 };

	(void)state;
	tu_write(path, text, sizeof text - 1);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.n, 3);
	for (i = 0; i < d.n; i++) {
		seen[0] |= strstr(d.msgs[i].text, "s.ini:5: warning: note given twice "
		    "(lines 3 and 5)") != NULL;
		seen[1] |= strstr(d.msgs[i].text, "s.ini:4: warning: tag 'a' given "
		    "twice (lines 2 and 4)") != NULL;
		seen[2] |= strstr(d.msgs[i].text, "s.ini:10: warning: article 'b.txt' "
		    "again (lines 7 and 10)") != NULL;
	}
	assert_true(seen[0] && seen[1] && seen[2]);
	e = sidecar_entry(&s, "a.txt", 0);
	assert_string_equal(e->note, "two");
	assert_int_equal(e->tags[0].origin, SIDECAR_REJECTED);
	e = sidecar_entry(&s, "b.txt", 0);
	assert_true(e->read);
	assert_int_equal(e->ntags, 1);
	/* Another article changes: every duplicate stays. */
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "c.txt", "x", SIDECAR_PERSON);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	out = write_text(&s);
	assert_memory_equal(out, text, sizeof text - 1);
	assert_string_equal(out + sizeof text - 1, "\n[article \"c.txt\"]\n"
	    "tag \"x\" = person\n");
	free(out);
	/* The note changes: one line in place of the first, the tag's two stay; b.txt
	   changes: its facts go to the first section, the second keeps its comment. */
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, "a.txt", "three", 0);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "d", SIDECAR_PERSON);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	out = write_text(&s);
	assert_string_equal(out,
	    "[article \"a.txt\"]\n"
	    "tag \"a\" = person\n"
	    "note = \"three\"\n"
	    "tag \"a\" = rejected\n"
	    "\n"
	    "[article \"b.txt\"]\n"
	    "read = yes\n"
	    "tag \"c\" = theme\n"
	    "tag \"d\" = person\n"
	    "\n"
	    "; second\n"
	    "\n[article \"c.txt\"]\n"
	    "tag \"x\" = person\n");
	free(out);
	diag_free(&d);
	sidecar_free(&s);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* A file of the first format loads as before, and its next save is in the new one
   with every tag, origin, note, read flag and fingerprint. */
static void
test_first_format(void **state)
{
	static const char text[] =
	    "; rubric sidecar\n"
	    "\n"
	    "[article #0123456789abcdef]\n"
	    "path = \"long/One.txt\"\n"
	    "tag.^x = theme\n"
	    "\n"
	    "[article misc/^u^p^p^e^r%20case.txt]\n"
	    "fingerprint = \"0011223344556677:12\"\n"
	    "note.0000 = \"half \\x22one\\x22; \"\n"
	    "note.0001 = \"half two\"\n"
	    "read = yes\n"
	    "; a comment kept\n"
	    "tag.^deir%20ez-^zor = person\n"
	    "tag.isis = theme\n"
	    "tag.sdf = rejected\n"
	    "tag.%d7%a9 = person\n";
	struct sidecar		 s, r;
	struct diag		 d;
	struct sidecar_entry	*e;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), *out;

	(void)state;
	tu_write(path, text, sizeof text - 1);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.n, 0);
	e = sidecar_entry(&s, "misc/UPPER case.txt", 0);
	assert_non_null(e);
	assert_string_equal(e->note, "half \"one\"; half two");
	assert_int_equal(e->ntags, 4);
	assert_string_equal(e->tags[0].name, "Deir ez-Zor");
	assert_string_equal(e->tags[3].name, "ש");
	assert_int_equal(sidecar_save(&s, path), 0);
	out = read_all(path);
	assert_string_equal(out,
	    "; rubric sidecar\n"
	    "\n"
	    "[article \"long/One.txt\"]\n"	/* short enough to be named */
	    "tag \"X\" = theme\n"
	    "\n"
	    "[article \"misc/UPPER case.txt\"]\n"
	    "fingerprint = \"0011223344556677:12\"\n"
	    "note.0000 = \"half \\x22one\\x22; \"\n"
	    "note.0001 = \"half two\"\n"
	    "read = yes\n"
	    "; a comment kept\n"
	    "tag \"Deir ez-Zor\" = person\n"
	    "tag \"isis\" = theme\n"
	    "tag \"sdf\" = rejected\n"
	    "tag \"ש\" = person\n");
	free(out);
	assert_int_equal(sidecar_load(&r, path, &d), 0);
	assert_int_equal(d.n, 0);
	compare(&s, &r);
	diag_free(&d);
	sidecar_free(&s);
	sidecar_free(&r);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* Stock iniparser 4.1 loads a file whose paths and tags hold capitals, blanks,
   non-ASCII, "]", "=", ";", "#", quotes and backslashes, and finds every article's
   section; rubric reads the names back exactly. */
static void
test_stock_loads(void **state)
{
	static const char *const paths[] = {
		"Misc/Upper Case.txt", "a]b=c;d#e.txt", "quote\"d 'single'.md",
		"back\\slash\\.txt", "שלום/مرحبا 日本.txt", "[bracket].txt", " lead.txt",
		"at 10:30.txt"
	};
	static const char *const tags[] = {
		"Deir ez-Zor", "a]b", "x=y", "semi;colon", "#hash", "\"q\"", "back\\",
		"'s'", "שלום", "É"
	};
	struct sidecar		 s, r;
	struct diag		 d;
	struct sidecar_entry	*e;
	struct sidecar_passage	 pa, *pq;
	dictionary		*ini;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini"), key[1024];
	char			 at[64];
	size_t			 i, j;
	int			 k;

	(void)state;
	sidecar_init(&s);
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		e = sidecar_entry(&s, paths[i], 1);
		for (j = 0; j < sizeof tags / sizeof tags[0]; j++)
			sidecar_tag_set(e, tags[j], (int)(j % 3));
		sidecar_note_set(e, "a note; with # and \"quotes\"");
		/* A passage: at, quote, before and two codes, five keys. */
		memset(&pa, 0, sizeof pa);
		pa.quote = (char *)"a; quote = \"x\" # not a comment";
		pa.before = (char *)"b]";
		pa.after = (char *)"";
		pa.start = 7;
		pa.end = 7 + strlen(pa.quote);
		sidecar_passage_id(pa.quote, pa.before, pa.after, pa.id);
		pq = sidecar_passage_add(e, &pa);
		sidecar_passage_tag_set(pq, "Deir ez-Zor", SIDECAR_PERSON);
		sidecar_passage_tag_set(pq, "x=y", SIDECAR_THEME);
	}
	assert_int_equal(sidecar_save(&s, path), 0);
	ini = iniparser_load(path);
	assert_non_null(ini);
	assert_int_equal(iniparser_getnsec(ini), (int)(sizeof paths / sizeof paths[0]));
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct {
			char	*s;
		} q;

		/* The section iniparser knows it by: its name in quotes, escaped. */
		q.s = NULL;
		for (k = 0; k < iniparser_getnsec(ini); k++) {
			const char	*sec = iniparser_getsecname(ini, k);
			char		*name = strndup(sec + 9, strlen(sec + 9) - 1);
			char		*dec = sidecar_value_decode(name);

			assert_non_null(dec);
			if (fold_eq(dec, paths[i]))
				q.s = strdup(sec);
			free(dec);
			free(name);
		}
		if (q.s == NULL)
			fail_msg("iniparser has no section for %s", paths[i]);
		assert_int_equal(iniparser_getsecnkeys(ini, q.s),
		    (int)(sizeof tags / sizeof tags[0]) + 1 + 5);
		snprintf(key, sizeof key, "%s:note", q.s);
		assert_string_equal(iniparser_getstring(ini, key, ""),
		    "a note; with # and \\x22quotes\\x22");
		snprintf(key, sizeof key, "%s:passage.%s.quote", q.s, pa.id);
		assert_string_equal(iniparser_getstring(ini, key, ""),
		    "a; quote = \\x22x\\x22 # not a comment");
		snprintf(key, sizeof key, "%s:passage.%s", q.s, pa.id);
		snprintf(at, sizeof at, "7-%zu", pa.end);
		assert_string_equal(iniparser_getstring(ini, key, ""), at);
		snprintf(key, sizeof key, "%s:passage.%s.tag \"x\\x3dy\"", q.s, pa.id);
		assert_string_equal(iniparser_getstring(ini, key, ""), "theme");
		free(q.s);
	}
	iniparser_freedict(ini);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&r, path, &d), 0);
	assert_int_equal(d.n, 0);
	compare(&s, &r);
	diag_free(&d);
	sidecar_free(&s);
	sidecar_free(&r);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* A refused name comes back -1 with its reason in the diag, word for word as the
   status line and the tag command show it; a good one 0 with nothing said. */
static void
test_tag_check_one(const char *name, const char *trimmed, const char *why)
{
	struct diag	 d;
	char		 a[SIDECAR_TAGMAX + 8];

	memset(&d, 0, sizeof d);
	snprintf(a, sizeof a, "%s", name);
	assert_int_equal(sidecar_tag_check(a, &d), why == NULL ? 0 : -1);
	if (why == NULL) {
		assert_int_equal(d.n, 0);
		assert_string_equal(a, trimmed);
	} else {
		assert_int_equal(d.n, 1);
		assert_int_equal(d.nerrors, 1);
		assert_string_equal(d.msgs[0].text, why);
	}
	diag_free(&d);
	/* Without a diag only the answer comes back. */
	snprintf(a, sizeof a, "%s", name);
	assert_int_equal(sidecar_tag_check(a, NULL), why == NULL ? 0 : -1);
}

static void
test_tag_check(void **state)
{
	char	 big[SIDECAR_TAGMAX + 2];

	(void)state;
	test_tag_check_one("  Deir ez-Zor\t", "Deir ez-Zor", NULL);
	test_tag_check_one("a,b", NULL, "a tag name cannot hold a comma");
	test_tag_check_one("   ", NULL, "a tag needs a name");
	test_tag_check_one("bad\x01", NULL,
	    "a tag name cannot hold a control character");
	test_tag_check_one("bad\xff", NULL, "a tag name must be UTF-8");
	test_tag_check_one("שלום", "שלום", NULL);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	test_tag_check_one(big, NULL, "a tag name is at most 200 bytes");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_long_note),
		cmocka_unit_test(test_long_keys),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_hand_edits),
		cmocka_unit_test(test_tag_check),
		cmocka_unit_test(test_keep_edits),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_stray_pieces),
		cmocka_unit_test(test_strays_kept),
		cmocka_unit_test(test_strays_hash_form),
		cmocka_unit_test(test_bidi_escaped),
		cmocka_unit_test(test_first_format),
		cmocka_unit_test(test_stock_loads),
		cmocka_unit_test(test_index_follows),
		cmocka_unit_test(test_index_many),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
