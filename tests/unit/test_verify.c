/* verify.c: a catalog opened as the screen opens it takes the heads the store has by
   name, unchecked; the verifier then finds, by the stamp, a title changed in place
   with its size and mtime put back (only the ctime tells), a file that vanished after
   the walk and one replaced by a FIFO, puts the new heads in place, keeps the
   vanished one as unreadable with its reason, counts the themes again, and writes
   the store so that the next start has the verified heads. A command never sees the
   stored heads unchecked. */
#include "testutil.h"

#include <time.h>
#include <utime.h>

#include "catalog.h"
#include "verify.h"

static char	*home;

static void
open_ok(struct catalog *c, const char *dir, enum catalog_how how)
{
	struct diag	 d;
	const char	*paths[] = { dir };

	memset(&d, 0, sizeof d);
	if (catalog_open(c, NULL, NULL, paths, 1, how, &d) == -1)
		fail_msg("catalog_open %s: %s", dir, d.n > 0 ? d.msgs[0].text : "?");
	diag_free(&d);
}

static const struct article *
find(const struct catalog *c, const char *name, size_t *index)
{
	size_t	 i;

	for (i = 0; i < c->corpus.n; i++)
		if (strcmp(c->corpus.articles[i]->name, name) == 0) {
			if (index != NULL)
				*index = i;
			return c->corpus.articles[i];
		}
	fail_msg("no article %s", name);
	return NULL;
}

/* Writes text over path keeping its size and mtime: what only ctime tells. */
static void
rewrite_same(const char *path, const char *text)
{
	struct stat		 st;
	struct timespec		 ts = { 0, 20 * 1000 * 1000 }, t[2];
	int			 fd;

	if (stat(path, &st) == -1)
		fail_msg("%s: %s", path, strerror(errno));
	assert_int_equal((off_t)strlen(text), st.st_size);
	/* Coarse file clocks: the change must land on another tick. */
	nanosleep(&ts, NULL);
	if ((fd = open(path, O_WRONLY | O_TRUNC)) == -1 ||
	    write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail_msg("%s: %s", path, strerror(errno));
	close(fd);
	t[0] = st.st_atim;
	t[1] = st.st_mtim;
	if (utimensat(AT_FDCWD, path, t, 0) == -1)
		fail_msg("%s: %s", path, strerror(errno));
}

static void
test_verify(void **state)
{
	struct catalog		 c;
	struct verify		*v;
	const struct article	*a;
	char			*dir = tu_mkdtemp(), *p;
	size_t			 i, k;

	(void)state;
	tu_corpus_write(dir, "a.txt", "Title: Alpha\n\nwar\n", 18);
	tu_corpus_write(dir, "b.txt", "Title: Bravo\n\nbody\n", 19);
	tu_corpus_write(dir, "c.txt", "Title: Charlie\n\nbody\n", 21);
	tu_corpus_write(dir, "d.txt", "Title: Delta\n\nbody\n", 19);
	/* A command reads every head and fills the store. */
	open_ok(&c, dir, CATALOG_COMMAND);
	assert_int_equal(c.corpus.n, 4);
	assert_null(c.heads);
	catalog_free(&c);

	p = tu_path(dir, "a.txt");
	rewrite_same(p, "Title: Omega\n\nwar\n");
	free(p);
	p = tu_path(dir, "c.txt");
	if (unlink(p) == -1 || mkfifo(p, 0644) == -1)
		fail_msg("%s: %s", p, strerror(errno));
	free(p);

	/* The screen's catalog: the stored heads, as they were. */
	open_ok(&c, dir, CATALOG_SESSION);
	assert_non_null(c.heads);
	assert_int_equal(c.corpus.n, 4);
	assert_string_equal(find(&c, "a.txt", NULL)->title, "Alpha");
	assert_string_equal(find(&c, "c.txt", NULL)->title, "Charlie");
	assert_int_equal(c.corpus.nerrors, 0);
	catalog_scan_open(&c);
	catalog_scan(&c);
	/* b.txt goes after the walk, before the verifier looks. */
	p = tu_path(dir, "b.txt");
	if (unlink(p) == -1)
		fail_msg("%s: %s", p, strerror(errno));
	free(p);
	v = verify_start(&c, c.heads);
	c.heads = NULL;
	verify_finish(v);
	assert_int_equal(verify_progress(v), 4);
	assert_int_equal(verify_changed(v), 3);
	assert_true(verify_finished(v));
	verify_free(v);

	a = find(&c, "a.txt", &i);
	assert_string_equal(a->title, "Omega");
	assert_null(a->error);
	/* Counted again from the new text, by the scan's own thread. */
	for (k = 0; k < 200 && catalog_counts(&c, i) == NULL; k++)
		usleep(10000);
	assert_non_null(catalog_counts(&c, i));
	assert_true(scan_finished(c.scan));
	a = find(&c, "b.txt", NULL);
	assert_non_null(a->error);
	assert_non_null(strstr(a->error, "No such file"));
	a = find(&c, "c.txt", NULL);
	assert_non_null(a->error);
	assert_non_null(strstr(a->error, "FIFO"));
	assert_string_equal(find(&c, "d.txt", NULL)->title, "Delta");
	assert_int_equal(c.corpus.nerrors, 2);
	catalog_free(&c);

	/* The next screen has the verified heads from the store. */
	open_ok(&c, dir, CATALOG_SESSION);
	assert_int_equal(c.corpus.n, 3);
	assert_string_equal(find(&c, "a.txt", NULL)->title, "Omega");
	v = verify_start(&c, c.heads);
	c.heads = NULL;
	verify_finish(v);
	assert_int_equal(verify_changed(v), 0);
	verify_free(v);
	catalog_free(&c);
	tu_rmtree(dir);
	free(dir);
}

/* A command never answers from the stored heads: one opened after a change in place
   has the new title. */
static void
test_command(void **state)
{
	struct catalog	 c;
	char		*dir = tu_mkdtemp(), *p;

	(void)state;
	tu_corpus_write(dir, "a.txt", "Title: Alpha\n\nwar\n", 18);
	open_ok(&c, dir, CATALOG_COMMAND);
	catalog_free(&c);
	p = tu_path(dir, "a.txt");
	rewrite_same(p, "Title: Omega\n\nwar\n");
	free(p);
	open_ok(&c, dir, CATALOG_COMMAND);
	assert_string_equal(find(&c, "a.txt", NULL)->title, "Omega");
	catalog_free(&c);
	tu_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_command),
	};
	char	*p;
	int	 rc;

	tu_locale();
	/* The tests change files faster than any clock's tick: no racy window. */
	setenv("RUBRIC_INDEX_RACY", "0", 1);
	home = tu_mkdtemp();
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", p = tu_path(home, "config"), 1);
	free(p);
	setenv("XDG_CACHE_HOME", p = tu_path(home, "cache"), 1);
	free(p);
	setenv("XDG_STATE_HOME", p = tu_path(home, "state"), 1);
	free(p);
	unsetenv("RUBRIC_NO_HEADSTORE");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_rmtree(home);
	free(home);
	return rc;
}
