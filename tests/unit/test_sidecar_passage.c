/* Passages in the sidecar's text (rubric(5)): written and read back the same, hostile
   quotes and all; read by stock iniparser; hand edits around them kept byte for byte
   when one of their codes changes; malformed passage lines warned about and kept. */
#include "testutil.h"

#include <iniparser.h>

#include "buf.h"
#include "ini.h"		/* INI_MAXLINE */
#include "journal.h"
#include "undo.h"

static char	*sp_read(const char *);
static void	 sp_passage(struct sidecar_entry *, const char *, const char *,
		    const char *, size_t, const char *, const char *const *);
static void	 sp_reload(struct sidecar *, const char *);
static void	 sp_do(struct sidecar *, struct undo *, struct sidecar_ops *);
static size_t	 sp_undo(struct sidecar *, struct undo *);
static void	 sp_compare(const struct sidecar_entry *, const struct sidecar_entry *);

/* The whole file at path. Caller frees. */
static char *
sp_read(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*s;
	long	 n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Adds a passage of these texts at start to e, with the codes of the NULL-ended tags
   (each a person's) and note. */
static void
sp_passage(struct sidecar_entry *e, const char *quote, const char *before,
    const char *after, size_t start, const char *note, const char *const *tags)
{
	struct sidecar_passage	 p, *q;

	memset(&p, 0, sizeof p);
	p.quote = (char *)quote;
	p.before = (char *)before;
	p.after = (char *)after;
	p.start = start;
	p.end = start + strlen(quote);
	sidecar_passage_id(quote, before, after, p.id);
	q = sidecar_passage_add(e, &p);
	sidecar_passage_note_set(q, note);
	for (; tags != NULL && *tags != NULL; tags++)
		sidecar_passage_tag_set(q, *tags, SIDECAR_PERSON);
}

/* s read again from path, as the next process finds it; nothing to say. */
static void
sp_reload(struct sidecar *s, const char *path)
{
	struct diag	 d;

	sidecar_free(s);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(s, path, &d), 0);
	assert_int_equal(d.n, 0);
	diag_free(&d);
}

/* The passages of a and b are the same, byte for byte. */
static void
sp_compare(const struct sidecar_entry *a, const struct sidecar_entry *b)
{
	size_t	 i, j;

	assert_int_equal(a->npassages, b->npassages);
	for (i = 0; i < a->npassages; i++) {
		const struct sidecar_passage *x = &a->passages[i], *y = &b->passages[i];

		assert_string_equal(x->id, y->id);
		assert_string_equal(x->quote, y->quote);
		assert_string_equal(x->before, y->before);
		assert_string_equal(x->after, y->after);
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		if (x->note == NULL)
			assert_null(y->note);
		else
			assert_string_equal(x->note, y->note);
		assert_int_equal(x->ntags, y->ntags);
		for (j = 0; j < x->ntags; j++) {
			assert_string_equal(x->tags[j].name, y->tags[j].name);
			assert_int_equal(x->tags[j].origin, y->tags[j].origin);
		}
	}
}

/* Hostile texts go out escaped, in pieces when long, every line short enough for
   iniparser, and come back the same; stock iniparser reads the same quote. */
static void
test_round_trip_hostile(void **state)
{
	static const char *const codes[] = { "Siege", "a]b=c", "\"q\"", "back\\",
		"\xe2\x80\xae" "rtl", "שלום", NULL };
	struct sidecar		 s, r;
	struct sidecar_entry	*e, *f;
	struct diag		 d;
	dictionary		*ini;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini");
	char			*text, *big, key[1200], *dec;
	const char		*v, *p, *nl;
	size_t			 i;

	(void)state;
	big = malloc(2049);
	for (i = 0; i < 2048; i++)
		big[i] = "abc \"\\\n\x01\xff"[i % 9];
	big[2048] = '\0';
	sidecar_init(&s);
	e = sidecar_entry(&s, "dir/a.txt", 1);
	sidecar_tag_set(e, "whole", SIDECAR_PERSON);
	sp_passage(e, "the siege was lifted", "On Tuesday, ", " by government forces.",
	    1203, "Check the date", codes);
	sp_passage(e, "ctl\x01\x1b[31m \xe2\x80\xae" "evil\xe2\x80\xac \"q\" \\x41 "
	    "line\nbreak\r\n", "", "\xff\xfe bad utf-8", 7, "note\nwith\x7f", codes + 4);
	sp_passage(e, big, "b;#=", "a]:", 40, big, codes + 1);
	/* A passage with codes only and one with a note only. */
	sp_passage(e, "x", "", "", 0, NULL, codes + 5);
	sp_passage(e, "y", "", "", 0, "only a note", NULL);
	assert_int_equal(e->npassages, 5);
	assert_int_equal(sidecar_save(&s, path), 0);

	text = sp_read(path);
	assert_null(strstr(text, "\xe2\x80\xae"));
	assert_null(strstr(text, "\x1b"));
	assert_null(strstr(text, "\xff"));
	assert_non_null(strstr(text, "passage."));
	assert_non_null(strstr(text, ".quote.0000 = \""));
	assert_non_null(strstr(text, ".note.0002 = \""));
	assert_non_null(strstr(text, " = 1203-1223\n"));
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		assert_true(nl - p <= INI_MAXLINE);
	/* The facts of the article come before its passages. */
	assert_true(strstr(text, "tag \"whole\"") < strstr(text, "passage."));

	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&r, path, &d), 0);
	assert_int_equal(d.n, 0);
	f = sidecar_entry(&r, "dir/a.txt", 0);
	assert_non_null(f);
	sp_compare(e, f);
	assert_int_equal(f->ntags, 1);

	/* Stock iniparser: every passage's quote, joined and decoded. */
	ini = iniparser_load(path);
	assert_non_null(ini);
	for (i = 0; i < e->npassages; i++) {
		struct buf	 b;
		size_t		 k;

		memset(&b, 0, sizeof b);
		snprintf(key, sizeof key, "article \"dir/a.txt\":passage.%s.quote",
		    e->passages[i].id);
		if ((v = iniparser_getstring(ini, key, NULL)) != NULL)
			buf_puts(&b, v);
		else
			for (k = 0;; k++) {
				snprintf(key, sizeof key, "article \"dir/a.txt\":"
				    "passage.%s.quote.%04zu", e->passages[i].id, k);
				if ((v = iniparser_getstring(ini, key, NULL)) == NULL)
					break;
				buf_puts(&b, v);
			}
		assert_non_null(b.s);
		dec = sidecar_value_decode(b.s);
		assert_non_null(dec);
		assert_string_equal(dec, e->passages[i].quote);
		free(dec);
		free(b.s);
	}
	iniparser_freedict(ini);

	/* Saved again unchanged: the same bytes. */
	assert_int_equal(sidecar_save(&r, path), 0);
	dec = sp_read(path);
	assert_string_equal(dec, text);
	free(dec);
	free(text);
	diag_free(&d);
	sidecar_free(&s);
	sidecar_free(&r);
	free(big);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* A file written by hand: comments, an unknown key, odd spacing, capitals in the
   keys. A code given to a passage adds its one line; every other byte stays. A
   passage found elsewhere changes its start-end line only; one removed takes its
   lines away and leaves the comment. */
static void
test_hand_edits(void **state)
{
	static const char	 hand[] =
	    "; my sidecar\n"
	    "[article \"a.txt\"]\n"
	    "tag \"x\" = person\n"
	    "mykey = kept\n"
	    "Passage.3F2A91C0   =   10-30\n"
	    "; why I coded this\n"
	    "passage.3f2a91c0.QUOTE = \"the siege was lifted\"\n"
	    "passage.3f2a91c0.before = \"On \"\n"
	    "passage.3f2a91c0.after = \" by\"\n"
	    "passage.3f2a91c0.tag \"Siege\" = person   ; mine\n"
	    "passage.00000001 = 50-51\n"
	    "passage.00000001.quote = \"q\"\n"
	    "passage.00000001.note = \"n\"\n"
	    "\n"
	    "[article \"b.txt\"]\n"
	    "passage.00000002 = 1-2\n"
	    "passage.00000002.quote = 'single'\n"
	    "passage.00000002.tag \"t\" = theme\n";
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	struct sidecar_passage	*p;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini");
	char			*text, *want;
	size_t			 n;

	(void)state;
	tu_write(path, hand, TU_LEN(hand));
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.n, 0);
	e = sidecar_entry(&s, "a.txt", 0);
	assert_int_equal(e->npassages, 2);
	p = sidecar_passage_find(e, "3f2a91c0");
	assert_non_null(p);
	assert_string_equal(p->quote, "the siege was lifted");
	assert_string_equal(p->before, "On ");
	assert_int_equal(p->start, 10);
	assert_int_equal(p->end, 30);
	assert_int_equal(p->ntags, 1);
	assert_string_equal(p->tags[0].name, "Siege");
	p = sidecar_passage_find(sidecar_entry(&s, "b.txt", 0), "00000002");
	assert_non_null(p);
	assert_string_equal(p->quote, "single");
	assert_string_equal(p->before, "");
	assert_int_equal(p->tags[0].origin, SIDECAR_THEME);

	/* A code given. */
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, "a.txt",
	    sidecar_passage_find(e, "3f2a91c0"), "Zebra", SIDECAR_PERSON);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(sidecar_save(&s, path), 0);
	sp_reload(&s, path);
	text = sp_read(path);
	n = strlen("passage.3f2a91c0.tag \"Siege\" = person   ; mine\n");
	want = malloc(TU_LEN(hand) + 64);
	memcpy(want, hand, (size_t)(strstr(hand, "passage.3f2a91c0.tag") - hand) + n);
	want[(strstr(hand, "passage.3f2a91c0.tag") - hand) + n] = '\0';
	strcat(want, "passage.3f2a91c0.tag \"Zebra\" = person\n");
	strcat(want, strstr(hand, "passage.00000001 ="));
	assert_string_equal(text, want);
	free(text);

	/* Found elsewhere: its start-end line only. */
	e = sidecar_entry(&s, "a.txt", 0);
	p = sidecar_passage_find(e, "3f2a91c0");
	{
		struct sidecar_passage	 moved;

		sidecar_passage_copy(&moved, p);
		moved.start = 100;
		moved.end = 120;
		memset(&ops, 0, sizeof ops);
		sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_AT, "a.txt", &moved, NULL,
		    0);
		sidecar_passage_free(&moved);
	}
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(sidecar_save(&s, path), 0);
	sp_reload(&s, path);
	text = sp_read(path);
	{
		char	*at = strstr(want, "Passage.3F2A91C0   =   10-30\n"), *w2;

		assert_non_null(at);
		w2 = malloc(strlen(want) + 64);
		memcpy(w2, want, (size_t)(at - want));
		strcpy(w2 + (at - want), "passage.3f2a91c0 = 100-120\n");
		strcat(w2, at + strlen("Passage.3F2A91C0   =   10-30\n"));
		assert_string_equal(text, w2);
		free(want);
		want = w2;
	}
	free(text);

	/* Removed: its lines go, the comment between them stays. */
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_RM, "a.txt",
	    sidecar_passage_find(sidecar_entry(&s, "a.txt", 0), "3f2a91c0"), NULL, 0);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(sidecar_save(&s, path), 0);
	text = sp_read(path);
	assert_string_equal(text,
	    "; my sidecar\n"
	    "[article \"a.txt\"]\n"
	    "tag \"x\" = person\n"
	    "mykey = kept\n"
	    "; why I coded this\n"
	    "passage.00000001 = 50-51\n"
	    "passage.00000001.quote = \"q\"\n"
	    "passage.00000001.note = \"n\"\n"
	    "\n"
	    "[article \"b.txt\"]\n"
	    "passage.00000002 = 1-2\n"
	    "passage.00000002.quote = 'single'\n"
	    "passage.00000002.tag \"t\" = theme\n");
	free(text);
	free(want);
	diag_free(&d);
	sidecar_free(&s);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* Malformed passage lines are warnings naming their line, read as nothing and kept
   byte for byte through a save that changes the section. */
static void
test_malformed(void **state)
{
	static const char	 bad[] =
	    "[article \"a.txt\"]\n"				/* 1 */
	    "passage.zz = 1-2\n"				/* 2: bad id */
	    "passage.0000000g.quote = \"x\"\n"			/* 3: bad id */
	    "passage.00000001 = 5-3\n"				/* 4: backwards */
	    "passage.00000001.quote = \"q\"\n"
	    "passage.00000001.tag \"ok\" = person\n"
	    "passage.00000002 = 1-2\n"				/* 7: no quote */
	    "passage.00000002.tag \"lost\" = person\n"
	    "passage.00000003.tag \"nq\" = person\n"		/* 9: no quote */
	    "passage.00000004 = x-y\n"				/* 10 */
	    "passage.00000004.quote = \"a\\q\"\n"		/* 11: bad escape */
	    "passage.00000004.tag \"z\" = person\n"
	    "passage.00000005.colour = red\n"			/* 13 */
	    "passage.00000006 = 1-2\n"
	    "passage.00000006.quote = \"six\"\n"
	    "passage.00000006.tag \"b,ad\" = person\n"		/* 16: bad name */
	    "passage.00000006.tag \"w\" = maybe\n"		/* 17: bad origin */
	    "passage.00000006.tag \"good\" = person\n"
	    "passage.00000006 = 3-4\n"			/* 19: twice */
	    "passage.00000006.tag \"good\" = theme\n";		/* 20: twice */
	static const int	 lines[] = { 2, 3, 4, 7, 9, 10, 11, 12, 13, 16, 17, 19,
	    20 };
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini");
	char			*text;
	size_t			 i, j;
	int			 found;

	(void)state;
	tu_write(path, bad, TU_LEN(bad));
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.nerrors, 0);
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		char	 at[32];

		snprintf(at, sizeof at, "s.ini:%d: warning", lines[i]);
		for (j = 0, found = 0; j < d.n; j++)
			found |= strstr(d.msgs[j].text, at) != NULL;
		if (!found)
			fail_msg("no warning for line %d", lines[i]);
	}
	e = sidecar_entry(&s, "a.txt", 0);
	assert_non_null(e);
	/* 00000001 is read, with no offsets; 00000006 with its one good code. */
	assert_int_equal(e->npassages, 2);
	assert_non_null(sidecar_passage_find(e, "00000001"));
	/* The later lines are read. */
	assert_int_equal(sidecar_passage_find(e, "00000006")->ntags, 1);
	assert_int_equal(sidecar_passage_find(e, "00000006")->tags[0].origin,
	    SIDECAR_THEME);
	assert_int_equal(sidecar_passage_find(e, "00000006")->start, 3);
	assert_non_null(strstr(d.msgs[d.n - 1].text, "s.ini:20: warning: passage."
	    "00000006.tag \"good\" given twice (lines 18 and 20)"));
	assert_null(sidecar_passage_find(e, "00000002"));
	assert_null(sidecar_passage_find(e, "00000004"));

	/* A change in the section keeps every unread line where it was. */
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_NOTE, "a.txt",
	    sidecar_passage_find(e, "00000006"), "new note", 0);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(sidecar_save(&s, path), 0);
	text = sp_read(path);
	assert_non_null(strstr(text, "passage.00000006.note = \"new note\"\n"));
	/* Nothing else is added: 00000001, read with no offsets, gets no
	   "= 0-0" line beside its unread one. */
	for (i = 0, j = 0; text[i] != '\0'; i++)
		j += text[i] == '\n';
	assert_int_equal(j, 21);
	assert_null(strstr(text, "= 0-0"));
	{
		const char	*p, *nl;

		for (p = bad; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
			char	*line = strndup(p, (size_t)(nl - p + 1));

			if (strstr(text, line) == NULL)
				fail_msg("lost %s", line);
			free(line);
		}
	}
	free(text);
	diag_free(&d);
	sidecar_free(&s);
	tu_rmtree(dir);
	free(path);
	free(dir);
}


/* An article given twice, a passage in each section: read as one; a change to it is
   saved in the first section and its passages taken out of the later one, whose
   comment stays. */
static void
test_twice(void **state)
{
	static const char	 twice[] =
	    "[article \"a.txt\"]\n"
	    "passage.00000001 = 1-2\n"
	    "passage.00000001.quote = \"one\"\n"
	    "passage.00000001.tag \"x\" = person\n"
	    "\n"
	    "[article \"a.txt\"]\n"
	    "; second\n"
	    "passage.00000002 = 5-8\n"
	    "passage.00000002.quote = \"two\"\n"
	    "passage.00000002.tag \"y\" = person\n";
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, "s.ini");
	char			*text;

	(void)state;
	tu_write(path, twice, TU_LEN(twice));
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msgs[0].text, "s.ini:6: warning: article 'a.txt' "
	    "again"));
	diag_free(&d);
	e = sidecar_entry(&s, "a.txt", 0);
	assert_int_equal(e->npassages, 2);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, "a.txt",
	    sidecar_passage_find(e, "00000002"), "z", SIDECAR_PERSON);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(sidecar_save(&s, path), 0);
	text = sp_read(path);
	assert_string_equal(text,
	    "[article \"a.txt\"]\n"
	    "passage.00000001 = 1-2\n"
	    "passage.00000001.quote = \"one\"\n"
	    "passage.00000001.tag \"x\" = person\n"
	    "passage.00000002 = 5-8\n"
	    "passage.00000002.quote = \"two\"\n"
	    "passage.00000002.tag \"y\" = person\n"
	    "passage.00000002.tag \"z\" = person\n"
	    "\n"
	    "; second\n");
	free(text);
	sp_reload(&s, path);
	assert_int_equal(sidecar_entry(&s, "a.txt", 0)->npassages, 2);
	sidecar_free(&s);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

/* Every passage op goes through a journal line and comes back the same: kind, path,
   argument, origin, and the passage's id, offsets and texts, hostile bytes too. A
   line changed or cut is refused. */
static void
test_journal(void **state)
{
	static const enum sidecar_op_kind kinds[] = { SIDECAR_OP_PASSAGE_ADD,
		SIDECAR_OP_PASSAGE_TAG, SIDECAR_OP_PASSAGE_TAG, SIDECAR_OP_PASSAGE_NOTE,
		SIDECAR_OP_PASSAGE_NOTE, SIDECAR_OP_PASSAGE_AT, SIDECAR_OP_PASSAGE_RM };
	static const char *const args[] = { NULL, "Siege \"x\"", "gone", "a\nnote\\",
		NULL, NULL, NULL };
	static const int nums[] = { 0, SIDECAR_REJECTED, -1, 0, 0, 0, 0 };
	struct sidecar_passage	 p;
	struct sidecar_ops	 ops, back;
	struct diag		 d;
	struct diag_at		 at = { "j", 1, 0 };
	char			*line;
	size_t			 i, len;

	(void)state;
	memset(&p, 0, sizeof p);
	p.quote = (char *)"q \"uo\" \\te\x01\x1b\n\xe2\x80\xae\xff end";
	p.before = (char *)"";
	p.after = (char *)" - crc=00000000";
	p.start = 12345678901ULL;
	p.end = 12345678999ULL;
	sidecar_passage_id(p.quote, p.before, p.after, p.id);
	memset(&ops, 0, sizeof ops);
	memset(&back, 0, sizeof back);
	memset(&d, 0, sizeof d);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		sidecar_ops_passage(&ops, kinds[i], "dir/a b\".txt", &p, args[i],
		    nums[i]);
	for (i = 0; i < ops.n; i++) {
		line = journal_line(&ops.v[i]);
		assert_null(strchr(line, '\x1b'));
		len = strlen(line) - 1;
		assert_int_equal(line[len], '\n');
		assert_int_equal(journal_parse(line, len, &back, &at, &d), 0);
		/* One byte changed, or the line cut: refused. */
		line[len / 2] ^= 1;
		assert_int_equal(journal_parse(line, len, &back, &at, &d), -1);
		line[len / 2] ^= 1;
		assert_int_equal(journal_parse(line, len - 3, &back, &at, &d), -1);
		free(line);
	}
	assert_int_equal(back.n, ops.n);
	for (i = 0; i < ops.n; i++) {
		const struct sidecar_op	*x = &ops.v[i], *y = &back.v[i];

		assert_int_equal(x->kind, y->kind);
		assert_string_equal(x->path, y->path);
		if (x->arg == NULL)
			assert_null(y->arg);
		else
			assert_string_equal(x->arg, y->arg);
		if (x->kind == SIDECAR_OP_PASSAGE_TAG)
			assert_int_equal(x->num < 0 ? -1 : x->num, y->num);
		assert_non_null(y->passage);
		assert_string_equal(x->passage->id, y->passage->id);
		assert_string_equal(x->passage->quote, y->passage->quote);
		assert_string_equal(x->passage->before, y->passage->before);
		assert_string_equal(x->passage->after, y->passage->after);
		assert_int_equal(x->passage->start, y->passage->start);
		assert_int_equal(x->passage->end, y->passage->end);
	}
	/* A passage's line without its passage, or with a bad one: refused. */
	{
		static const char *const bad[] = {
			"passage-tag person \"a\" \"x\"",
			"passage-tag person \"a\" \"x\" 3f2a91c0 5-3 \"q\" \"\" \"\"",
			"passage-tag person \"a\" \"x\" 3f2a91c 1-3 \"q\" \"\" \"\"",
			"passage-tag person \"a\" \"x\" 3f2a91c0 1-+3 \"q\" \"\" \"\"",
			"passage-tag person \"a\" \"x\" 3f2a91c0 1-3 \"\" \"\" \"\"",
			"passage-tag person \"a\" - 3f2a91c0 1-3 \"q\" \"\" \"\"",
			"passage-add - \"a\" - 3f2a91c0 1-3 \"q\" \"\"",
		};
		char		 whole[256];
		uint32_t	 c;
		size_t		 j, n0 = back.n;
		int		 k;

		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			/* With a good checksum (CRC-32), so that the fields are
			   what is refused. */
			c = 0xffffffffU;
			for (j = 0; bad[i][j] != '\0'; j++) {
				c ^= (unsigned char)bad[i][j];
				for (k = 0; k < 8; k++)
					c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1)));
			}
			snprintf(whole, sizeof whole, "%s crc=%08lx", bad[i],
			    (unsigned long)(c ^ 0xffffffffU));
			assert_int_equal(journal_parse(whole, strlen(whole), &back, &at,
			    &d), -1);
		}
		assert_int_equal(back.n, n0);
		/* and the good one of them parses. */
		snprintf(whole, sizeof whole, "%s", "passage-tag person \"a\" \"x\" "
		    "3f2a91c0 1-3 \"q\" \"\" \"\"");
		c = 0xffffffffU;
		for (j = 0; whole[j] != '\0'; j++) {
			c ^= (unsigned char)whole[j];
			for (k = 0; k < 8; k++)
				c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1)));
		}
		snprintf(whole + strlen(whole), sizeof whole - strlen(whole),
		    " crc=%08lx", (unsigned long)(c ^ 0xffffffffU));
		assert_int_equal(journal_parse(whole, strlen(whole), &back, &at, &d), 0);
		assert_int_equal(back.n, n0 + 1);
		assert_int_equal(back.v[n0].passage->end, 3);
		sidecar_ops_free(&back);
		memset(&back, 0, sizeof back);
	}
	sidecar_ops_free(&ops);
	sidecar_ops_free(&back);
	diag_free(&d);
}

/* A passage coded while the sidecar does not parse waits in its journal, whole, and
   the first save that can puts it in the file. */
static void
test_journalled(void **state)
{
	static const char	 broken[] = "[article \"a.txt\"]\nthis is no line\n";
	static const char	 mended[] = "[article \"a.txt\"]\ntag \"x\" = person\n";
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct sidecar_passage	 p, *q;
	struct diag		 d;
	char			*dir = tu_mkdtemp(), *path = tu_path(dir, ".rubric.ini");
	char			*jpath = journal_path(path), *text;
	long			 holder;

	(void)state;
	tu_write(path, broken, TU_LEN(broken));
	memset(&p, 0, sizeof p);
	p.quote = (char *)"the \"siege\"\nlifted";
	p.before = (char *)"On ";
	p.after = (char *)"";
	p.start = 3;
	p.end = 3 + strlen(p.quote);
	sidecar_passage_id(p.quote, p.before, p.after, p.id);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_ADD, "a.txt", &p, NULL, 0);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, "a.txt", &p, "siege",
	    SIDECAR_PERSON);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_NOTE, "a.txt", &p, "why", 0);
	sidecar_init(&s);
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_commit_wait(&s, path, &ops, 0, &holder, &d),
	    SIDECAR_JOURNALLED);
	sidecar_ops_free(&ops);
	sidecar_free(&s);
	diag_free(&d);
	text = sp_read(jpath);
	assert_non_null(strstr(text, "passage-tag person \"a.txt\" \"siege\" "));
	free(text);

	tu_write(path, mended, TU_LEN(mended));
	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	memset(&ops, 0, sizeof ops);
	assert_int_equal(sidecar_commit_wait(&s, path, &ops, 0, &holder, &d),
	    SIDECAR_SAVED);
	sidecar_free(&s);
	diag_free(&d);
	assert_false(journal_exists(path));
	sp_reload(&s, path);
	q = sidecar_passage_find(sidecar_entry(&s, "a.txt", 0), p.id);
	assert_non_null(q);
	assert_string_equal(q->quote, p.quote);
	assert_int_equal(q->ntags, 1);
	assert_string_equal(q->tags[0].name, "siege");
	assert_string_equal(q->note, "why");
	sidecar_free(&s);
	tu_rmtree(dir);
	free(jpath);
	free(path);
	free(dir);
}

/* Applies ops to s after recording them in u. */
static void
sp_do(struct sidecar *s, struct undo *u, struct sidecar_ops *ops)
{
	undo_record(u, s, ops, NULL);
	sidecar_apply(s, ops);
	sidecar_ops_free(ops);
}

/* Takes the latest step back; returns the keys set back. */
static size_t
sp_undo(struct sidecar *s, struct undo *u)
{
	struct sidecar_ops	 ops;
	struct undo_result	 r;
	size_t			 k;

	memset(&ops, 0, sizeof ops);
	assert_int_equal(undo_take(u, s, &ops, &r), 0);
	sidecar_apply(s, &ops);
	sidecar_ops_free(&ops);
	k = r.keys;
	undo_result_free(&r);
	return k;
}

/* Undo of a code given to a passage, of its note, of a new passage and of a
   passage removed (back with its codes and note); a passage changed since its
   change is left alone. */
static void
test_undo(void **state)
{
	static const char *const codes[] = { "a", "b", NULL };
	struct sidecar		 s;
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	struct sidecar_passage	 p, *q;
	struct undo		 u;

	(void)state;
	sidecar_init(&s);
	undo_init(&u, 10);
	e = sidecar_entry(&s, "a.txt", 1);
	sp_passage(e, "quote", "x ", " y", 2, "first", codes);
	sidecar_passage_copy(&p, &e->passages[0]);
	memset(&ops, 0, sizeof ops);

	/* A code. */
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, "a.txt", &p, "c",
	    SIDECAR_PERSON);
	sp_do(&s, &u, &ops);
	q = sidecar_passage_find(sidecar_entry(&s, "a.txt", 0), p.id);
	assert_int_equal(q->ntags, 3);
	assert_int_equal(sp_undo(&s, &u), 1);
	q = sidecar_passage_find(sidecar_entry(&s, "a.txt", 0), p.id);
	assert_int_equal(q->ntags, 2);
	assert_string_equal(q->tags[1].name, "b");

	/* A note. */
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_NOTE, "a.txt", &p, "second", 0);
	sp_do(&s, &u, &ops);
	assert_string_equal(sidecar_passage_find(sidecar_entry(&s, "a.txt", 0),
	    p.id)->note, "second");
	assert_int_equal(sp_undo(&s, &u), 1);
	assert_string_equal(sidecar_passage_find(sidecar_entry(&s, "a.txt", 0),
	    p.id)->note, "first");

	/* Removed: back with its codes and note. */
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_RM, "a.txt", &p, NULL, 0);
	sp_do(&s, &u, &ops);
	assert_null(sidecar_passage_find(sidecar_entry(&s, "a.txt", 0), p.id));
	assert_int_equal(sp_undo(&s, &u), 1);
	q = sidecar_passage_find(sidecar_entry(&s, "a.txt", 0), p.id);
	assert_non_null(q);
	assert_int_equal(q->ntags, 2);
	assert_string_equal(q->note, "first");
	assert_int_equal(q->start, 2);

	/* A new passage with a code, taken away; and one changed since is kept. */
	sidecar_passage_free(&p);
	memset(&p, 0, sizeof p);
	p.quote = strdup("new");
	p.before = strdup("");
	p.after = strdup("");
	p.start = 40;
	p.end = 43;
	sidecar_passage_id(p.quote, p.before, p.after, p.id);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_ADD, "a.txt", &p, NULL, 0);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, "a.txt", &p, "n",
	    SIDECAR_PERSON);
	sp_do(&s, &u, &ops);
	assert_int_equal(sidecar_entry(&s, "a.txt", 0)->npassages, 2);
	assert_int_equal(sp_undo(&s, &u), 1);
	assert_int_equal(sidecar_entry(&s, "a.txt", 0)->npassages, 1);

	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_ADD, "a.txt", &p, NULL, 0);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, "a.txt", &p, "n",
	    SIDECAR_PERSON);
	sp_do(&s, &u, &ops);
	/* Someone else gives it a note meanwhile: the undo leaves it. */
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_NOTE, "a.txt", &p, "theirs", 0);
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	assert_int_equal(sp_undo(&s, &u), 0);
	assert_int_equal(sidecar_entry(&s, "a.txt", 0)->npassages, 2);

	/* Where a passage was found is no change to undo. */
	p.start = 50;
	p.end = 53;
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_AT, "a.txt", &p, NULL, 0);
	assert_int_equal(undo_record(&u, &s, &ops, NULL), 0);
	sidecar_ops_free(&ops);

	sidecar_passage_free(&p);
	undo_free(&u);
	sidecar_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_hostile),
		cmocka_unit_test(test_hand_edits),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_journal),
		cmocka_unit_test(test_journalled),
		cmocka_unit_test(test_undo),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
