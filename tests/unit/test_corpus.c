/* corpus.c: walking a directory tree (extensions, hidden entries, nested directories,
   symbolic link loops and links to directories seen already, dangling links, binary
   files), the sort order, the label, missing paths, single files and corpus_wanted. */
#include "testutil.h"

#include "corpus.h"

struct fixture {
	char	*tmp;	/* the temporary directory */
	char	*root;	/* tmp/news, the corpus */
};

static void
mkdir_in(const char *dir, const char *name)
{
	char	*p = tu_path(dir, name);

	if (mkdir(p, 0755) == -1)
		fail_msg("mkdir %s: %s", p, strerror(errno));
	free(p);
}

static void
symlink_in(const char *dir, const char *name, const char *target)
{
	char	*p = tu_path(dir, name);

	if (symlink(target, p) == -1)
		fail_msg("symlink %s: %s", p, strerror(errno));
	free(p);
}

static void
file_in(const char *dir, const char *name, const char *text, size_t len)
{
	free(tu_write_in(dir, name, text, len));
}

#define FILE_IN(dir, name, lit)	file_in((dir), (name), (lit), TU_LEN(lit))

/* news/
     a.txt  b.md  C.TXT  d.dat  noext  nul.txt (a NUL)  bad.txt -> missing
     .hidden.txt  .hiddendir/h.txt
     sub/e.txt  sub/loop -> ..  sub/deeper/f.md  sub/deeper/.g.txt
     alias -> sub/deeper (a directory reached twice) */
static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	if (f == NULL)
		abort();
	f->tmp = tu_mkdtemp();
	f->root = tu_path(f->tmp, "news");
	if (mkdir(f->root, 0755) == -1)
		abort();
	FILE_IN(f->root, "a.txt", "Alpha\nbody\n");
	FILE_IN(f->root, "b.md", "# Bravo\n");
	FILE_IN(f->root, "C.TXT", "Charlie\n");
	FILE_IN(f->root, "d.dat", "Delta\n");
	FILE_IN(f->root, "noext", "No extension\n");
	FILE_IN(f->root, "nul.txt", "Binary\0data\n");
	FILE_IN(f->root, ".hidden.txt", "Hidden\n");
	mkdir_in(f->root, ".hiddendir");
	FILE_IN(f->root, ".hiddendir/h.txt", "Hidden too\n");
	mkdir_in(f->root, "sub");
	FILE_IN(f->root, "sub/e.txt", "Echo\n");
	symlink_in(f->root, "sub/loop", "..");
	mkdir_in(f->root, "sub/deeper");
	FILE_IN(f->root, "sub/deeper/f.md", "Foxtrot\n");
	FILE_IN(f->root, "sub/deeper/.g.txt", "Golf\n");
	symlink_in(f->root, "alias", "sub/deeper");
	symlink_in(f->root, "bad.txt", "missing-target.txt");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	tu_rmtree(f->tmp);
	free(f->root);
	free(f->tmp);
	free(f);
	return 0;
}

static struct article *
find(const struct corpus *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->articles[i]->name, name) == 0)
			return c->articles[i];
	return NULL;
}

static void
check_sorted(const struct corpus *c)
{
	size_t	 i;

	for (i = 0; i + 1 < c->n; i++)
		if (strcoll(c->articles[i]->name, c->articles[i + 1]->name) > 0)
			fail_msg("\"%s\" sorted before \"%s\"", c->articles[i]->name,
			    c->articles[i + 1]->name);
}

/* What check = folders takes as a corpus unchanged (corpus_folders_unchanged()): a
   folder as the walk stamped it, unless it was stamped within the clock's tick of
   the walk; a file made or renamed over changes its folder; one written in place
   does not. */
static void
test_folders_unchanged(void **state)
{
	static const char *const	 exts[] = { "txt" };
	struct corpus_options		 o = { exts, 1, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	struct diag			 d = { NULL, 0, 0 };
	const char			*paths[1];
	char				*dir = tu_mkdtemp(), *sub = tu_path(dir, "sub");
	char				*store = tu_mkdtemp(), *db = tu_path(store, "h.sqlite");

	(void)state;
	/* The walk stamps its folders when it has a head store to list them in. */
	assert_non_null(o.heads = headstore_open(db, 0));
	assert_int_equal(mkdir(sub, 0755), 0);
	FILE_IN(dir, "a.txt", "Alpha\n");
	FILE_IN(sub, "b.txt", "Bravo\n");
	paths[0] = dir;
	/* Just made: within the tick of the walk, so never taken as it is. */
	unsetenv("RUBRIC_INDEX_RACY");
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_int_equal(c.nfolders, 2);
	assert_false(corpus_folders_unchanged(&c));
	corpus_free(&c);
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_true(corpus_folders_unchanged(&c));
	/* Written in place: the folders say nothing. */
	FILE_IN(sub, "b.txt", "Bravo, edited\n");
	assert_true(corpus_folders_unchanged(&c));
	/* Renamed over: its folder changed. */
	FILE_IN(sub, "b.new", "Bravo, new\n");
	{
		char	*from = tu_path(sub, "b.new"), *to = tu_path(sub, "b.txt");

		assert_int_equal(rename(from, to), 0);
		free(from);
		free(to);
	}
	assert_false(corpus_folders_unchanged(&c));
	corpus_free(&c);
	/* Without a head store, no stamps: it cannot tell. */
	headstore_close(o.heads);
	o.heads = NULL;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_false(corpus_folders_unchanged(&c));
	corpus_free(&c);
	unsetenv("RUBRIC_INDEX_RACY");
	tu_rmtree(dir);
	tu_rmtree(store);
	free(db);
	free(store);
	free(sub);
	free(dir);
}

static void
test_scan(void **state)
{
	static const char *const	 exts[] = { "txt", "md" };
	static const char *const	 want[] = { "C.TXT", "a.txt", "b.md", "bad.txt",
	    "sub/e.txt" };
	struct fixture			*f = *state;
	struct corpus_options		 o = { exts, 2, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	struct article			*a;
	const char			*paths[1] = { f->root };
	struct diag			 d = { NULL, 0, 0 };
	size_t				 i, k;

	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_int_equal(d.n, 0);
	/* Five files, and f.md once: under sub/deeper or under alias, whichever the
	   walk reached first. */
	assert_int_equal(c.n, 6);
	assert_int_equal(c.nbinary, 1);
	assert_int_equal(c.nerrors, 1);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		if (find(&c, want[i]) == NULL)
			fail_msg("%s is missing", want[i]);
	assert_true((find(&c, "sub/deeper/f.md") == NULL) !=
	    (find(&c, "alias/f.md") == NULL));
	/* Skipped: other extensions, hidden files and directories, the loop. */
	for (i = 0; i < c.n; i++) {
		const char	*n = c.articles[i]->name;

		assert_null(strstr(n, ".dat"));
		assert_null(strstr(n, "noext"));
		assert_null(strstr(n, "nul.txt"));
		assert_null(strstr(n, "/."));
		assert_true(n[0] != '.');
		assert_null(strstr(n, "loop"));
	}
	/* Sorted as ls sorts, which in C.UTF-8 is byte order. */
	check_sorted(&c);
	assert_string_equal(c.articles[0]->name, "C.TXT");
	assert_string_equal(c.articles[1]->name, "a.txt");
	assert_string_equal(c.articles[c.n - 1]->name, "sub/e.txt");
	/* Heads are read. */
	assert_string_equal(find(&c, "a.txt")->title, "Alpha");
	assert_string_equal(find(&c, "b.md")->title, "Bravo");
	assert_string_equal(find(&c, "C.TXT")->title, "Charlie");
	assert_string_equal(find(&c, "sub/e.txt")->title, "Echo");
	for (i = k = 0; i < c.n; i++)
		if (c.articles[i]->error != NULL)
			k++;
	assert_int_equal(k, 1);
	/* The dangling link is kept with its reason. */
	a = find(&c, "bad.txt");
	assert_non_null(a->error);
	assert_string_equal(a->error, strerror(ENOENT));
	assert_string_equal(a->title, "bad.txt");
	/* Paths open the files. */
	assert_int_equal(access(find(&c, "sub/e.txt")->path, R_OK), 0);
	assert_string_equal(c.label, "news");
	corpus_free(&c);
	assert_int_equal(c.n, 0);
	assert_null(c.articles);
	assert_null(c.label);
}

static void
test_label(void **state)
{
	static const char *const	 exts[] = { "txt" };
	struct fixture			*f = *state;
	struct corpus_options		 o = { exts, 1, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	const char			*paths[1];
	struct diag			 d = { NULL, 0, 0 };
	char				*p;
	int				 cwd, rc;

	/* Trailing slashes do not change the label or the names. */
	p = malloc(strlen(f->root) + 3);
	if (p == NULL)
		abort();
	sprintf(p, "%s//", f->root);
	paths[0] = p;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_string_equal(c.label, "news");
	assert_non_null(find(&c, "a.txt"));
	assert_non_null(find(&c, "sub/e.txt"));
	corpus_free(&c);
	free(p);
	/* "dir/.." and "." are named by the directory they are. */
	p = tu_path(f->root, "sub/..");
	paths[0] = p;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_string_equal(c.label, "news");
	assert_non_null(find(&c, "a.txt"));
	corpus_free(&c);
	free(p);
	cwd = open(".", O_RDONLY | O_DIRECTORY);
	assert_true(cwd != -1);
	assert_int_equal(chdir(f->root), 0);
	paths[0] = ".";
	rc = corpus_scan(&c, paths, 1, &o, &d);
	assert_int_equal(fchdir(cwd), 0);
	close(cwd);
	assert_int_equal(rc, 0);
	assert_string_equal(c.label, "news");
	assert_non_null(find(&c, "a.txt"));
	corpus_free(&c);
	/* A subdirectory. */
	p = tu_path(f->root, "sub");
	paths[0] = p;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_string_equal(c.label, "sub");
	/* sub/loop leads back to news, which is walked from there. */
	assert_non_null(find(&c, "e.txt"));
	assert_non_null(find(&c, "loop/a.txt"));
	assert_null(find(&c, "loop/sub/e.txt"));
	corpus_free(&c);
	free(p);
}

static void
test_missing_path(void **state)
{
	static const char *const	 exts[] = { "txt" };
	struct fixture			*f = *state;
	struct corpus_options		 o = { exts, 1, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	const char			*paths[2];
	struct diag			 d = { NULL, 0, 0 };
	char				 want[512], *p;

	p = tu_path(f->tmp, "no-such-dir");
	paths[0] = p;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), -1);
	snprintf(want, sizeof want, "%s: No such file or directory", p);
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.msgs[0].text, want);
	diag_free(&d);
	assert_int_equal(c.n, 0);
	assert_null(c.articles);
	/* With a good path before it: still an error, and the corpus is empty. */
	paths[0] = f->root;
	paths[1] = p;
	assert_int_equal(corpus_scan(&c, paths, 2, &o, &d), -1);
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.msgs[0].text, want);
	diag_free(&d);
	assert_int_equal(c.n, 0);
	assert_null(c.articles);
	free(p);
}

static void
test_single_file(void **state)
{
	static const char *const	 exts[] = { "txt" };
	struct fixture			*f = *state;
	struct corpus_options		 o = { exts, 1, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	const char			*paths[1];
	struct diag			 d = { NULL, 0, 0 };
	char				*p;

	p = tu_path(f->root, "a.txt");
	paths[0] = p;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.articles[0]->path, p);
	assert_string_equal(c.articles[0]->title, "Alpha");
	assert_string_equal(c.label, "a.txt");
	corpus_free(&c);
	free(p);
	/* A file named on the command line is read whatever its extension. */
	p = tu_path(f->root, "d.dat");
	paths[0] = p;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.articles[0]->title, "Delta");
	corpus_free(&c);
	free(p);
	/* A binary file named alone is left out, and counted. */
	p = tu_path(f->root, "nul.txt");
	paths[0] = p;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.nbinary, 1);
	corpus_free(&c);
	free(p);
}

static void
test_every_file(void **state)
{
	static const char *const	 exts[] = { "" };
	static const char *const	 want[] = { "C.TXT", "a.txt", "b.md", "bad.txt",
	    "d.dat", "noext", "sub/e.txt" };
	struct fixture			*f = *state;
	struct corpus_options		 o = { exts, 1, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	const char			*paths[1] = { f->root };
	struct diag			 d = { NULL, 0, 0 };
	size_t				 i;

	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_int_equal(c.n, 8);
	assert_int_equal(c.nbinary, 1);
	assert_int_equal(c.nerrors, 1);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		if (find(&c, want[i]) == NULL)
			fail_msg("%s is missing", want[i]);
	assert_null(find(&c, ".hidden.txt"));
	assert_null(find(&c, "sub/deeper/.g.txt"));
	check_sorted(&c);
	corpus_free(&c);
}

/* The walk gives a folder's entries in order, a folder's as its articles' names sort
   ("a/x.txt" after "a.txt" and "a-b.txt", "a0.txt" after it), and the corpus needs
   no sort; the order is the one the whole corpus sorted would have. */
static void
test_walk_order(void **state)
{
	static const char *const	 exts[] = { "txt" };
	static const char *const	 want[] = { "a-b.txt", "a.txt", "a/b/z.txt",
	    "a/x.txt", "a0.txt", "a0/y.txt", "b.txt" };
	struct fixture			*f = *state;
	struct corpus_options		 o = { exts, 1, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	const char			*paths[1];
	struct diag			 d = { NULL, 0, 0 };
	char				*top, *a, *ab, *a0;
	size_t				 i;

	top = tu_path(f->tmp, "order");
	if (mkdir(top, 0755) == -1)
		abort();
	mkdir_in(top, "a");
	mkdir_in(top, "a0");
	a = tu_path(top, "a");
	a0 = tu_path(top, "a0");
	mkdir_in(a, "b");
	ab = tu_path(a, "b");
	FILE_IN(top, "b.txt", "b\n");
	FILE_IN(top, "a0.txt", "a0\n");
	FILE_IN(a0, "y.txt", "y\n");
	FILE_IN(a, "x.txt", "x\n");
	FILE_IN(ab, "z.txt", "z\n");
	FILE_IN(top, "a.txt", "a\n");
	FILE_IN(top, "a-b.txt", "a-b\n");
	paths[0] = top;
	assert_int_equal(corpus_scan(&c, paths, 1, &o, &d), 0);
	assert_int_equal(c.n, sizeof want / sizeof want[0]);
	for (i = 0; i < c.n; i++)
		assert_string_equal(c.articles[i]->name, want[i]);
	corpus_free(&c);
	free(ab);
	free(a0);
	free(a);
	free(top);
}

static void
test_two_paths(void **state)
{
	static const char *const	 exts[] = { "txt" };
	struct fixture			*f = *state;
	struct corpus_options		 o = { exts, 1, NULL, NULL, 0, 0, NULL };
	struct corpus			 c;
	const char			*paths[2];
	struct diag			 d = { NULL, 0, 0 };
	char				*p, *name;
	size_t				 i, j;

	/* The second path is inside the first: its directory was walked already. */
	p = tu_path(f->root, "sub");
	paths[0] = f->root;
	paths[1] = p;
	assert_int_equal(corpus_scan(&c, paths, 2, &o, &d), 0);
	assert_string_equal(c.label, "2 paths");
	assert_int_equal(c.n, 4);	/* a.txt C.TXT bad.txt sub/e.txt */
	/* Names carry their root. */
	name = tu_path(f->root, "a.txt");
	assert_non_null(find(&c, name));
	free(name);
	name = tu_path(f->root, "sub/e.txt");
	assert_non_null(find(&c, name));
	free(name);
	for (i = 0; i < c.n; i++)
		for (j = i + 1; j < c.n; j++)
			assert_string_not_equal(c.articles[i]->name,
			    c.articles[j]->name);
	check_sorted(&c);
	corpus_free(&c);
	free(p);
}

static void
test_wanted(void **state)
{
	static const char *const	 exts[] = { "txt", "md" };
	static const char *const	 all[] = { "" };
	struct corpus_options		 o = { exts, 2, NULL, NULL, 0, 0, NULL };
	struct corpus_options		 every = { all, 1, NULL, NULL, 0, 0, NULL };

	(void)state;
	assert_true(corpus_wanted("x.txt", &o));
	assert_true(corpus_wanted("x.TXT", &o));
	assert_true(corpus_wanted("x.Md", &o));
	assert_true(corpus_wanted("a.b.md", &o));
	assert_false(corpus_wanted("x.txt.bak", &o));
	assert_false(corpus_wanted("x.dat", &o));
	assert_false(corpus_wanted("txt", &o));
	assert_false(corpus_wanted("x.", &o));
	assert_false(corpus_wanted("xtxt", &o));
	assert_false(corpus_wanted(".txt", &o));
	assert_true(corpus_wanted("x.dat", &every));
	assert_true(corpus_wanted("noext", &every));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_label, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_order, setup, teardown),
		cmocka_unit_test(test_wanted),
		cmocka_unit_test(test_folders_unchanged),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
