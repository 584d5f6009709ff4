/* catalog.c, catalog_session.c and tags.c: a small corpus opened with a sidecar the
   test writes, as the screen opens it (CATALOG_SESSION) and as the commands do; a tag
   committed and read back from the file; another writer's change noticed by a poll; a
   moved article's entry following it; a sidecar that does not parse left as it is;
   and which tags an article carries, by a theme or a person. */
#include "testutil.h"

#include "catalog.h"
#include "tags.h"

static char	*home;

/* A folder with a.txt and b.txt, and the sidecar text side beside them (NULL: none).
   Returns the folder; caller frees and removes it. */
static char *
corpus_make(const char *side)
{
	char	*dir = tu_mkdtemp();

	tu_corpus_write(dir, "a.txt", "apples\n", TU_LEN("apples\n"));
	tu_corpus_write(dir, "b.txt", "bananas and more\n", TU_LEN("bananas and more\n"));
	if (side != NULL)
		free(tu_write_in(dir, ".rubric.ini", side, strlen(side)));
	return dir;
}

static void
catalog_open_ok(struct catalog *c, const char *dir, enum catalog_how how)
{
	struct diag	 d;
	const char	*paths[] = { dir };

	memset(&d, 0, sizeof d);
	if (catalog_open(c, NULL, NULL, paths, 1, how, &d) == -1)
		fail_msg("catalog_open %s: %s", dir, d.n > 0 ? d.msgs[0].text : "?");
	diag_free(&d);
}

/* The index of the article whose path in the sidecar is rel. */
static size_t
catalog_find(const struct catalog *c, const char *rel)
{
	size_t	 i;

	for (i = 0; i < c->corpus.n; i++)
		if (catalog_rel(c, i) != NULL && strcmp(catalog_rel(c, i), rel) == 0)
			return i;
	fail_msg("no article %s", rel);
	return 0;
}

/* The origin of tag name on rel in the sidecar file at path as it is on disk, or -1
   when the entry or the tag is not there. */
static int
disk_tag(const char *path, const char *rel, const char *name)
{
	struct sidecar		 s;
	struct sidecar_entry	*e;
	struct diag		 d;
	size_t			 k;
	int			 origin = -1;

	memset(&d, 0, sizeof d);
	assert_int_equal(sidecar_load(&s, path, &d), 0);
	diag_free(&d);
	if ((e = sidecar_entry(&s, rel, 0)) != NULL)
		for (k = 0; k < e->ntags; k++)
			if (strcmp(e->tags[k].name, name) == 0)
				origin = (int)e->tags[k].origin;
	sidecar_free(&s);
	return origin;
}

static int
entry_tag(struct catalog *c, const char *rel, const char *name)
{
	struct sidecar_entry	*e = catalog_entry(c, catalog_find(c, rel));
	size_t			 k;

	for (k = 0; e != NULL && k < e->ntags; k++)
		if (strcmp(e->tags[k].name, name) == 0)
			return (int)e->tags[k].origin;
	return -1;
}

static void
test_open_commit(void **state)
{
	struct catalog		 c;
	struct catalog_said	 said = { 0, "" };
	struct sidecar_ops	 ops;
	char			*dir = corpus_make("[article \"a.txt\"]\n"
				    "tag \"x\" = person\n");

	(void)state;
	catalog_open_ok(&c, dir, CATALOG_SESSION);
	assert_int_equal(c.corpus.n, 2);
	/* The screen's catalog reads the sidecar only when its session opens. */
	assert_int_equal(c.side.n, 0);
	catalog_session_open(&c, &said);
	assert_string_equal(said.text, "");
	assert_false(c.session.ro);
	assert_int_equal(entry_tag(&c, "a.txt", "x"), SIDECAR_PERSON);
	assert_int_equal(entry_tag(&c, "b.txt", "y"), -1);

	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "b.txt", "y", SIDECAR_PERSON);
	assert_int_equal(catalog_session_commit(&c, &ops, &said), 0);
	assert_int_equal(ops.n, 0);
	assert_int_equal(c.session.pending.n, 0);
	assert_int_equal(c.session.journalled, 0);
	assert_int_equal(entry_tag(&c, "b.txt", "y"), SIDECAR_PERSON);
	/* On disk, beside what was there. */
	assert_int_equal(disk_tag(c.side_path, "b.txt", "y"), SIDECAR_PERSON);
	assert_int_equal(disk_tag(c.side_path, "a.txt", "x"), SIDECAR_PERSON);
	/* Nothing to say at the end: it was all saved. */
	{
		struct diag	 d;

		memset(&d, 0, sizeof d);
		assert_int_equal(catalog_session_report(&c, 0, &d), 0);
		assert_int_equal(d.n, 0);
		diag_free(&d);
	}
	/* An empty change is refused with a reason, and nothing happens. */
	assert_int_equal(catalog_session_commit(&c, &ops, &said), -1);
	assert_non_null(strstr(said.text, "nothing to save"));
	catalog_free(&c);

	/* The commands' catalog reads the same file at once. */
	catalog_open_ok(&c, dir, CATALOG_COMMAND);
	assert_int_equal(entry_tag(&c, "b.txt", "y"), SIDECAR_PERSON);
	catalog_free(&c);
	tu_rmtree(dir);
	free(dir);
}

static void
test_poll(void **state)
{
	struct catalog		 c, other;
	struct catalog_said	 said = { 0, "" };
	struct sidecar_ops	 ops;
	struct diag		 d;
	char			*dir = corpus_make("[article \"a.txt\"]\nread = yes\n");

	(void)state;
	catalog_open_ok(&c, dir, CATALOG_SESSION);
	catalog_session_open(&c, &said);
	assert_int_equal(catalog_session_poll(&c, &said), 0);
	assert_string_equal(said.text, "");

	/* Another writer: a command's catalog for one file, as rubric tag holds. */
	memset(&d, 0, sizeof d);
	assert_int_equal(catalog_open_files(&other, NULL, dir, &d), 0);
	assert_string_equal(other.side_path, c.side_path);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "a.txt", "later", SIDECAR_PERSON);
	assert_int_equal(catalog_save(&other, &ops, 0, &d), SIDECAR_SAVED);
	assert_int_equal(d.nerrors, 0);
	sidecar_ops_free(&ops);
	diag_free(&d);
	catalog_free(&other);

	assert_int_equal(entry_tag(&c, "a.txt", "later"), -1);
	assert_int_equal(catalog_session_poll(&c, &said), 1);
	assert_non_null(strstr(said.text, "changed: read again"));
	assert_int_equal(entry_tag(&c, "a.txt", "later"), SIDECAR_PERSON);
	/* Read once: the next poll has nothing new. */
	said.text[0] = '\0';
	assert_int_equal(catalog_session_poll(&c, &said), 0);
	assert_string_equal(said.text, "");

	/* A hand edit that breaks the file makes the tags read-only. */
	tu_write(c.side_path, "[article \"a.txt\"\nnot ini at all\n",
	    TU_LEN("[article \"a.txt\"\nnot ini at all\n"));
	assert_int_equal(catalog_session_poll(&c, &said), -1);
	assert_true(said.error);
	assert_true(c.session.ro);
	catalog_free(&c);
	tu_rmtree(dir);
	free(dir);
}

static void
test_moved(void **state)
{
	struct catalog		 c;
	struct catalog_said	 said = { 0, "" };
	struct sidecar_ops	 ops;
	struct sidecar		 s;
	struct sidecar_entry	*e;
	char			*dir = corpus_make(NULL), *side, *b, *fp;
	size_t			 orphans, i;

	(void)state;
	/* b.txt was tagged as old.txt, which is gone. */
	b = tu_path(dir, "b.txt");
	side = tu_path(dir, ".rubric.ini");
	assert_non_null(fp = sidecar_fingerprint(b));
	sidecar_init(&s);
	e = sidecar_entry(&s, "old.txt", 1);
	e->fingerprint = strdup(fp);
	sidecar_tag_set(e, "kept", SIDECAR_PERSON);
	assert_int_equal(sidecar_save(&s, side), 0);
	sidecar_free(&s);

	/* The commands see it follow in memory. */
	catalog_open_ok(&c, dir, CATALOG_COMMAND);
	assert_int_equal(c.moves.n, 1);
	assert_int_equal(entry_tag(&c, "b.txt", "kept"), SIDECAR_PERSON);
	catalog_free(&c);
	assert_int_equal(disk_tag(side, "b.txt", "kept"), -1);

	/* The screen's session commits the move. */
	catalog_open_ok(&c, dir, CATALOG_SESSION);
	catalog_session_open(&c, &said);
	memset(&ops, 0, sizeof ops);
	assert_int_equal(catalog_session_moves(&c, &ops, &orphans), 1);
	assert_int_equal(orphans, 1);
	assert_int_equal(catalog_session_commit(&c, &ops, &said), 0);
	assert_int_equal(disk_tag(side, "b.txt", "kept"), SIDECAR_PERSON);
	assert_int_equal(disk_tag(side, "old.txt", "kept"), -1);
	catalog_free(&c);

	/* rubric tag FILE: the move goes in front of the file's own changes. */
	sidecar_init(&s);
	e = sidecar_entry(&s, "gone.txt", 1);
	e->fingerprint = strdup(fp);
	sidecar_tag_set(e, "again", SIDECAR_PERSON);
	assert_int_equal(sidecar_save(&s, side), 0);
	sidecar_free(&s);
	{
		struct diag	 d;

		memset(&d, 0, sizeof d);
		assert_int_equal(catalog_open_files(&c, side, b, &d), 0);
		diag_free(&d);
	}
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, "b.txt", fp, 0);
	catalog_follow(&c, &ops);
	assert_int_equal(ops.n, 2);
	assert_int_equal(ops.v[0].kind, SIDECAR_OP_MOVE);
	assert_string_equal(ops.v[0].path, "gone.txt");
	assert_string_equal(ops.v[0].arg, "b.txt");
	for (i = 0; i < ops.n; i++)
		assert_true(ops.v[i].kind == SIDECAR_OP_MOVE ||
		    ops.v[i].kind == SIDECAR_OP_FINGERPRINT);
	sidecar_ops_free(&ops);
	catalog_free(&c);
	free(fp);
	free(b);
	free(side);
	tu_rmtree(dir);
	free(dir);
}

static void
test_broken(void **state)
{
	static const char	 bad[] = "[article \"a.txt\"]\ntag \"x\" = person\n"
				    "this is not ini\n";
	struct catalog		 c;
	struct catalog_said	 said = { 0, "" };
	struct sidecar_ops	 ops;
	struct diag		 d;
	const char		*paths[1];
	char			*dir = corpus_make(bad), buf[256];
	FILE			*f;
	size_t			 n;

	(void)state;
	/* The commands refuse it: not read is not "no tags". */
	paths[0] = dir;
	memset(&d, 0, sizeof d);
	assert_int_equal(catalog_open(&c, NULL, NULL, paths, 1, CATALOG_COMMAND, &d),
	    -1);
	assert_true(d.nerrors > 0);
	diag_free(&d);
	catalog_free(&c);

	catalog_open_ok(&c, dir, CATALOG_SESSION);
	catalog_session_open(&c, &said);
	assert_true(c.session.ro);
	assert_true(said.error);
	assert_non_null(strstr(said.text, "journal"));
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_READ, "b.txt", NULL, 1);
	assert_int_equal(catalog_session_commit(&c, &ops, &said), 0);
	/* Kept in the journal, shown here, and not written over the file. */
	assert_int_equal(c.session.journalled, 1);
	assert_int_equal(c.session.pending.n, 0);
	assert_non_null(catalog_entry(&c, catalog_find(&c, "b.txt")));
	assert_non_null(f = fopen(c.side_path, "rb"));
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_int_equal(n, TU_LEN(bad));
	assert_memory_equal(buf, bad, n);
	/* The end says where the change is. */
	memset(&d, 0, sizeof d);
	assert_int_equal(catalog_session_report(&c, 1, &d), 1);
	assert_int_equal(d.n, 1);
	diag_free(&d);
	catalog_free(&c);
	tu_rmtree(dir);
	free(dir);
}

/* An article's path in a sidecar in a folder above the corpus is the end of its path
   (kept there, not made again), and its own string where the corpus is reached by
   a path that does not end that way. */
static void
test_relpaths(void **state)
{
	struct catalog	 c;
	struct diag	 d;
	char		*top = tu_mkdtemp(), *side, *root, *dotted;
	const char	*paths[1], *rel, *path;
	size_t		 i;

	(void)state;
	tu_corpus_write(top, "sub/a.txt", "apples\n", TU_LEN("apples\n"));
	tu_corpus_write(top, "sub/deep/b.txt", "bananas\n", TU_LEN("bananas\n"));
	side = tu_write_in(top, "side.ini", "", 0);
	root = tu_path(top, "sub");
	dotted = tu_path(top, "sub/deep/..");
	paths[0] = root;
	memset(&d, 0, sizeof d);
	assert_int_equal(catalog_open(&c, NULL, side, paths, 1, CATALOG_COMMAND, &d), 0);
	assert_int_equal(c.corpus.n, 2);
	for (i = 0; i < c.corpus.n; i++) {
		rel = catalog_rel(&c, i);
		path = c.corpus.articles[i]->path;
		assert_non_null(rel);
		assert_true(strcmp(rel, "sub/a.txt") == 0 ||
		    strcmp(rel, "sub/deep/b.txt") == 0);
		assert_ptr_equal(rel, path + strlen(path) - strlen(rel));
	}
	catalog_free(&c);
	/* sub/deep/.. is sub: the same names, which its paths do not end in. */
	paths[0] = dotted;
	assert_int_equal(catalog_open(&c, NULL, side, paths, 1, CATALOG_COMMAND, &d), 0);
	assert_int_equal(c.corpus.n, 2);
	assert_string_equal(catalog_rel(&c, catalog_find(&c, "sub/a.txt")), "sub/a.txt");
	assert_string_equal(catalog_rel(&c, catalog_find(&c, "sub/deep/b.txt")),
	    "sub/deep/b.txt");
	catalog_free(&c);
	/* A sidecar at the root: every path is the article's name, and no array
	   of them is kept. */
	free(side);
	side = tu_write_in(root, "side.ini", "", 0);
	paths[0] = root;
	assert_int_equal(catalog_open(&c, NULL, side, paths, 1, CATALOG_COMMAND, &d), 0);
	assert_int_equal(c.corpus.n, 2);
	assert_null(c.rel);
	for (i = 0; i < c.corpus.n; i++)
		assert_ptr_equal(catalog_rel(&c, i), c.corpus.articles[i]->name);
	assert_string_equal(catalog_rel(&c, catalog_find(&c, "deep/b.txt")),
	    "deep/b.txt");
	catalog_free(&c);
	assert_int_equal(d.n, 0);
	diag_free(&d);
	tu_rmtree(top);
	free(top);
	free(side);
	free(root);
	free(dotted);
}

static void
test_tags(void **state)
{
	struct theme		 th[2];
	struct config		 cfg;
	struct sidecar		 s;
	struct sidecar_entry	*e;
	const scan_count	 counts[2] = { 5, 1 };
	char			 war[] = "war", peace[] = "peace";

	(void)state;
	memset(th, 0, sizeof th);
	th[0].name = war;
	th[0].autotag = 3;
	th[1].name = peace;		/* no autotag: hits never make a tag */
	memset(&cfg, 0, sizeof cfg);
	cfg.themes = th;
	cfg.nthemes = 2;

	assert_false(tags_auto(&th[0], 2, NULL));
	assert_true(tags_auto(&th[0], 3, NULL));
	assert_false(tags_auto(&th[1], 1000, NULL));
	assert_false(tags_auto_theme(&cfg, NULL, NULL, 0));
	assert_true(tags_auto_theme(&cfg, counts, NULL, 0));
	assert_true(tags_has(&cfg, NULL, counts, "war", -1));
	assert_true(tags_has(&cfg, NULL, counts, "war", SIDECAR_THEME));
	assert_false(tags_has(&cfg, NULL, counts, "war", SIDECAR_PERSON));
	assert_false(tags_has(&cfg, NULL, NULL, "war", -1));
	assert_false(tags_has(&cfg, NULL, counts, "peace", -1));

	sidecar_init(&s);
	e = sidecar_entry(&s, "a.txt", 1);
	/* A person who turned the theme's tag down is not overruled by its hits. */
	sidecar_tag_set(e, "war", SIDECAR_REJECTED);
	assert_false(tags_auto(&th[0], 5, e));
	assert_false(tags_has(&cfg, e, counts, "war", -1));
	/* Nor one who accepted it: it is theirs now. */
	sidecar_tag_set(e, "war", SIDECAR_PERSON);
	assert_false(tags_auto(&th[0], 5, e));
	assert_true(tags_has(&cfg, e, counts, "war", SIDECAR_PERSON));
	assert_false(tags_has(&cfg, e, counts, "war", SIDECAR_THEME));
	/* A person's tag needs no counts; a theme's recorded one is the theme's. */
	sidecar_tag_set(e, "mine", SIDECAR_PERSON);
	sidecar_tag_set(e, "peace", SIDECAR_THEME);
	assert_true(tags_has(&cfg, e, NULL, "mine", -1));
	assert_true(tags_has(&cfg, e, NULL, "peace", SIDECAR_THEME));
	assert_false(tags_has(&cfg, e, NULL, "peace", SIDECAR_PERSON));
	assert_false(tags_has(&cfg, e, NULL, "other", -1));
	sidecar_free(&s);
}

/* A progress that stops the job once it has done something. */
static int
stop_after_some(void *arg, size_t done, size_t total)
{
	(void)arg;
	(void)total;
	return done > 0;
}

/* A scan stopped keeps what it counted: the next catalog has it from the cache. */
static void
test_scan_stopped(void **state)
{
	struct catalog	 c;
	struct progress	 p = { stop_after_some, NULL };
	char		*dir = corpus_make(NULL), name[32];
	size_t		 i, counted;

	(void)state;
	for (i = 0; i < 3000; i++) {
		snprintf(name, sizeof name, "m%04zu.txt", i);
		tu_corpus_write(dir, name, "more\n", TU_LEN("more\n"));
	}
	/* Files just written are racy: their counts would not be kept. */
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	catalog_open_ok(&c, dir, CATALOG_COMMAND);
	c.progress = &p;
	assert_int_equal(catalog_scan(&c), -1);
	counted = scan_progress(c.scan);
	assert_true(counted > 0 && counted <= c.corpus.n);
	catalog_free(&c);
	catalog_open_ok(&c, dir, CATALOG_COMMAND);
	catalog_scan_open(&c);
	assert_int_equal(c.cached, counted);
	assert_int_equal(catalog_scan(&c), 0);
	assert_true(scan_finished(c.scan));
	catalog_free(&c);
	unsetenv("RUBRIC_INDEX_RACY");
	tu_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_open_commit),
		cmocka_unit_test(test_poll),
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_relpaths),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_scan_stopped),
	};
	char	*p;
	int	 rc;

	tu_locale();
	/* No configuration, cache or state of the user's: a home of our own. */
	home = tu_mkdtemp();
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", p = tu_path(home, "config"), 1);
	free(p);
	setenv("XDG_CACHE_HOME", p = tu_path(home, "cache"), 1);
	free(p);
	setenv("XDG_STATE_HOME", p = tu_path(home, "state"), 1);
	free(p);
	setenv("RUBRIC_LOCK_TIMEOUT", "0", 1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_rmtree(home);
	free(home);
	return rc;
}
