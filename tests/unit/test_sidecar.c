/* Tests of the sidecar: generated tags, notes and paths make the round trip exactly,
   and stock iniparser reads the file to the same values; bad files are refused with
   their line. */
#include <iniparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "sidecar.h"

static uint64_t	seed = 0x2545f4914f6cdd1dULL;

/* Random text from pieces that stress the encoding. */
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
	}
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
		char			 key[4096], *name, *note = NULL;
		struct sidecar_entry	*e;
		size_t			 k, len = 0;

		assert_true(strncmp(sec, "article ", 8) == 0);
		if (sec[8] == '#')
			continue;	/* long paths: checked by the round trip */
		name = sidecar_name_decode(sec + 8);
		assert_non_null(name);
		e = sidecar_entry((struct sidecar *)s, name, 0);
		if (e == NULL)
			fail_msg("iniparser found [%s], which was not written", sec);
		free(name);
		found++;
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

				if (strncmp(kk, "tag.", 4) != 0)
					continue;
				enc = sidecar_name_decode(kk + 4);
				if (enc != NULL && strcmp(enc, e->tags[k].name) == 0)
					hit = 1;
				free(enc);
			}
			free(keys);
			if (!hit)
				fail_msg("iniparser lost tag \"%s\"", e->tags[k].name);
		}
	}
	iniparser_freedict(d);
	(void)found;
}

static void
test_round_trip(void **state)
{
	struct sidecar		 s, r;
	struct diag		 d;
	struct sidecar_entry	*e;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, ".rubric.ini");
	const char		*why;
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
			if (tu_randn(&seed, 3) == 0)
				e->fingerprint = strdup("9f86d081884c7d65:1234");
			for (k = (int)tu_randn(&seed, 5); k > 0; k--) {
				char	*tag = gen_text(6, 1);

				why = sidecar_tag_check(tag);
				if (why == NULL)
					sidecar_tag_set(e, tag, (int)tu_randn(&seed, 3));
				free(tag);
			}
		}
		assert_int_equal(sidecar_save(&s, path), 0);
		memset(&d, 0, sizeof d);
		assert_int_equal(sidecar_load(&r, path, &d), 0);
		if (d.n > 0)
			fail_msg("%s", d.msgs[0].text);
		/* Entries with nothing in them are not written. */
		for (i = 0; i < (int)s.n; i++)
			if (s.v[i].note == NULL && s.v[i].ntags == 0 && !s.v[i].read &&
			    s.v[i].fingerprint == NULL) {
				free(s.v[i].path);
				memmove(&s.v[i], &s.v[i + 1], (s.n - (size_t)i - 1) *
				    sizeof s.v[0]);
				s.n--;
				i--;
			}
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
		{ "[article #1]\npath = \"\"\nread = yes\n", 2, "needs a path" },
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
	tu_write(path, "", 0);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(s.n, 0);
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
	/* The unknown section is a warning with its line. */
	assert_int_equal(d.nerrors, 0);
	assert_non_null(strstr(d.msgs[0].text, "s.ini:9: warning: unknown section"));
	sidecar_free(&s);
	diag_free(&d);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

static void
test_tag_check(void **state)
{
	char	 a[64];

	(void)state;
	strcpy(a, "  Deir ez-Zor\t");
	assert_null(sidecar_tag_check(a));
	assert_string_equal(a, "Deir ez-Zor");
	strcpy(a, "a,b");
	assert_non_null(sidecar_tag_check(a));
	strcpy(a, "   ");
	assert_non_null(sidecar_tag_check(a));
	strcpy(a, "bad\x01");
	assert_non_null(sidecar_tag_check(a));
	strcpy(a, "bad\xff");
	assert_non_null(sidecar_tag_check(a));
	strcpy(a, "שלום");
	assert_null(sidecar_tag_check(a));
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
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
