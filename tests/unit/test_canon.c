/* canon.c: the one name of an article relative to the sidecar's folder, however its
   folder was reached: through a link inside (the real folder), a link pointing out
   (the link's path), "." and doubled slashes; nothing for what is outside or gone. */
#include "testutil.h"

#include "canon.h"

static char *
canon_of(const char *side, const char *file)
{
	struct canon	 c;
	char		*r;

	assert_int_equal(canon_init(&c, side), 0);
	r = canon_name(&c, file);
	canon_free(&c);
	return r;
}

/* The tree both tests walk, in d: c/real (with sub), out, c/link to real, c/ext to
   ../out, and a file in each. Returns the sidecar's path in c, malloc'd. */
static char *
tree(const char *d)
{
	static const char *const dirs[] = { "c", "c/real", "c/real/sub", "out" };
	static const char *const files[] = { "c/a.txt", "c/real/a.txt",
					     "c/real/sub/b.txt", "out/o.txt" };
	size_t	 i;
	char	*p;

	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		p = tu_path(d, dirs[i]);
		assert_int_equal(mkdir(p, 0755), 0);
		free(p);
	}
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		free(tu_write_in(d, files[i], "x", 1));
	p = tu_path(d, "c/link");
	assert_int_equal(symlink("real", p), 0);
	free(p);
	p = tu_path(d, "c/ext");
	assert_int_equal(symlink("../out", p), 0);
	free(p);
	return tu_path(d, "c/.rubric.ini");
}

static void
test_names(void **state)
{
	char	*d = tu_mkdtemp(), *side, *p, *r;

	(void)state;
	side = tree(d);

	p = tu_path(d, "c/link/a.txt");
	r = canon_of(side, p);
	assert_non_null(r);
	assert_string_equal(r, "real/a.txt");
	free(r);
	free(p);
	p = tu_path(d, "c/./real//a.txt");
	r = canon_of(side, p);
	assert_string_equal(r, "real/a.txt");
	free(r);
	free(p);
	p = tu_path(d, "c/ext/o.txt");
	r = canon_of(side, p);
	assert_non_null(r);
	assert_string_equal(r, "ext/o.txt");
	free(r);
	free(p);
	/* Outside the sidecar's folder, or gone: no name, and why. */
	p = tu_path(d, "out/o.txt");
	errno = 0;
	assert_null(canon_of(side, p));
	assert_int_equal(errno, EXDEV);
	free(p);
	p = tu_path(d, "c/real/none.txt");
	errno = 0;
	assert_null(canon_of(side, p));
	assert_int_equal(errno, ENOENT);
	free(p);
	/* A ".." after a link that points out names something else: refused. */
	p = tu_path(d, "c/ext/../out/o.txt");
	assert_null(canon_of(side, p));
	free(p);
	free(side);
	tu_rmtree(d);
	free(d);
}

/* One canon going from folder to folder, as a listing does, keeps the folder above
   from one to the next: a link beside real folders, one pointing out, "." and ".."
   among them, still get the names a fresh canon gives. */
static void
test_siblings(void **state)
{
	static const char *const names[] = {
		"c/real/a.txt", "c/link/a.txt", "c/ext/o.txt", "c/real/a.txt",
		"c/./real/a.txt", "c/real/../link/a.txt", "c/real/sub/..",
		"c/real/sub/b.txt", "c/link/sub/b.txt", "c/ext/o.txt", "c/a.txt",
		"c/real/a.txt"
	};
	struct canon	 c;
	char		*d = tu_mkdtemp(), *side, *p, *r, *want;
	size_t		 i;

	(void)state;
	side = tree(d);
	assert_int_equal(canon_init(&c, side), 0);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		p = tu_path(d, names[i]);
		want = canon_of(side, p);
		r = canon_name(&c, p);
		if ((want == NULL) != (r == NULL) ||
		    (want != NULL && strcmp(want, r) != 0))
			fail_msg("%s: %s, not %s", names[i], r ? r : "(none)",
			    want ? want : "(none)");
		free(want);
		free(r);
		free(p);
	}
	canon_free(&c);
	/* And the names themselves, for the links. */
	assert_int_equal(canon_init(&c, side), 0);
	p = tu_path(d, "c/real/a.txt");
	free(canon_name(&c, p));
	free(p);
	p = tu_path(d, "c/link/sub/b.txt");
	assert_non_null(r = canon_name(&c, p));
	assert_string_equal(r, "real/sub/b.txt");
	free(r);
	free(p);
	p = tu_path(d, "c/ext/o.txt");
	assert_non_null(r = canon_name(&c, p));
	assert_string_equal(r, "ext/o.txt");
	free(r);
	free(p);
	canon_free(&c);
	free(side);
	tu_rmtree(d);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_siblings),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
