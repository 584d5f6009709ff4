/* folderfd.c: a file is looked at from its folder's descriptor, the folder opened
   once for its files in a row and again when the folder changes; a path with no
   folder, a file in /, and a folder that cannot be opened fall back to the whole
   path, so that stat() through it always says what stat() of the path says. */
#include "testutil.h"

#include "folderfd.h"

/* folderfd_stat() and stat() agree on path: both fail with the same errno, or
   both give the same inode. */
static void
same(struct folderfd *f, const char *path)
{
	struct stat	 a, b;
	int		 ra, rb, ea, eb;

	errno = 0;
	ra = folderfd_stat(f, path, &a);
	ea = errno;
	errno = 0;
	rb = stat(path, &b);
	eb = errno;
	assert_int_equal(ra, rb);
	if (ra == 0) {
		assert_int_equal(a.st_ino, b.st_ino);
		assert_int_equal(a.st_size, b.st_size);
	} else
		assert_int_equal(ea, eb);
}

static void
test_folders(void **state)
{
	struct folderfd	 f = FOLDERFD_INIT;
	char		*tmp = tu_mkdtemp(), *a, *b, *x, *y, *missing, *through;
	const char	*base;
	int		 fd, cwd;

	(void)state;
	a = tu_path(tmp, "a");
	b = tu_path(tmp, "b");
	if (mkdir(a, 0755) == -1 || mkdir(b, 0755) == -1)
		abort();
	x = tu_write_in(a, "x.txt", "xx", 2);
	y = tu_write_in(b, "y.txt", "yyy", 3);
	missing = tu_path(tmp, "gone/z.txt");
	through = tu_path(tmp, "a/x.txt/under");

	/* Two files of a, then one of b: a is opened once, then b. */
	same(&f, x);
	fd = f.fd;
	assert_true(fd >= 0);
	assert_int_equal(folderfd_at(&f, x, &base), fd);
	assert_string_equal(base, "x.txt");
	same(&f, y);
	assert_string_equal(f.dir, b);
	/* A folder that is not there, a file taken for a folder. */
	same(&f, missing);
	assert_int_equal(f.fd, -1);
	assert_int_equal(folderfd_at(&f, missing, &base), AT_FDCWD);
	assert_string_equal(base, missing);
	same(&f, through);
	/* No folder: from the working one; a file in /. */
	if ((cwd = open(".", O_RDONLY | O_DIRECTORY)) == -1 || chdir(a) == -1)
		abort();
	same(&f, "x.txt");
	assert_int_equal(folderfd_at(&f, "x.txt", &base), AT_FDCWD);
	if (fchdir(cwd) == -1)
		abort();
	close(cwd);
	same(&f, "/etc");
	assert_int_equal(folderfd_at(&f, "/etc", &base), f.fd);
	assert_string_equal(base, "etc");
	assert_string_equal(f.dir, "");
	folderfd_close(&f);
	assert_int_equal(f.fd, -1);
	assert_null(f.dir);

	tu_rmtree(tmp);
	free(tmp);
	free(a);
	free(b);
	free(x);
	free(y);
	free(missing);
	free(through);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folders),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
