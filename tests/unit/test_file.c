/* file.c: reading a whole file only when it is a regular one under a limit. A FIFO, a
   device, a directory or a file over the limit is refused at once with the reason in
   words and nothing allocated; a missing file says ENOENT. Replacing a file, from
   memory or streamed through a stage: commit puts the whole new file in place,
   abandon leaves the old one, and neither leaves a temporary file. */
#include "testutil.h"

#include <dirent.h>

#include "file.h"

struct fixture {
	char	*dir;
	struct diag	 d;
	char	*buf;
	size_t	 len;
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof *f);

	if (f == NULL)
		abort();
	f->dir = tu_mkdtemp();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	free(f->buf);
	diag_free(&f->d);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* file_read of path with limit max is refused, with errno and one message, "PATH:
   why", its why holding what; and without a diag, with the same errno. */
static void
refused(struct fixture *f, const char *path, size_t max, int want_errno,
    const char *what)
{
	f->buf = NULL;
	errno = 0;
	diag_free(&f->d);
	memset(&f->d, 0, sizeof f->d);
	assert_int_equal(file_read(path, max, 0, &f->buf, &f->len, &f->d), -1);
	assert_int_equal(errno, want_errno);
	assert_null(f->buf);
	assert_int_equal(f->d.n, 1);
	assert_int_equal(f->d.nerrors, 1);
	assert_int_equal(f->d.msgs[0].what, strlen(path) + 2);
	assert_memory_equal(f->d.msgs[0].text, path, strlen(path));
	assert_memory_equal(f->d.msgs[0].text + strlen(path), ": ", 2);
	if (strstr(f->d.msgs[0].text + f->d.msgs[0].what, what) == NULL)
		fail_msg("'%s' does not hold '%s'", f->d.msgs[0].text, what);
	errno = 0;
	assert_int_equal(file_read(path, max, 0, &f->buf, &f->len, NULL), -1);
	assert_int_equal(errno, want_errno);
	assert_null(f->buf);
}

static void
test_regular(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_write_in(f->dir, "a.ini", "[a]\nk = v\n", 10);

	assert_int_equal(file_read(p, 10, 0, &f->buf, &f->len, &f->d), 0);
	assert_int_equal(f->len, 10);
	assert_string_equal(f->buf, "[a]\nk = v\n");
	free(p);
}

static void
test_empty(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_write_in(f->dir, "e.ini", "", 0);

	assert_int_equal(file_read(p, 10, 0, &f->buf, &f->len, &f->d), 0);
	assert_int_equal(f->len, 0);
	assert_string_equal(f->buf, "");
	free(p);
}

static void
test_over_limit(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_write_in(f->dir, "big.ini", "12345678901", 11);

	refused(f, p, 10, EFBIG, "11 bytes, over the limit of 10 bytes");
	free(p);
	p = tu_path(f->dir, "sparse.ini");
	tu_write(p, "", 0);
	assert_int_equal(truncate(p, 1024 * 1024 + 1), 0);
	refused(f, p, 1024 * 1024, EFBIG, "over the limit of 1 MiB");
	free(p);
}

/* /proc files say they are empty and are not: the read still stops at the limit. */
static void
test_grows_past_stat(void **state)
{
	struct fixture	*f = *state;

	if (access("/proc/self/maps", R_OK) == -1)
		skip();
	refused(f, "/proc/self/maps", 8, EFBIG, "more than the limit of 8 bytes");
	assert_int_equal(file_read("/proc/self/maps", 1024 * 1024, 0, &f->buf, &f->len,
	    &f->d), 0);
	assert_true(f->len > 0);
}

static void
test_missing(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_path(f->dir, "none.ini");

	refused(f, p, 10, ENOENT, strerror(ENOENT));
	/* To a caller for which none is an empty one, it is no mistake to say. */
	diag_free(&f->d);
	memset(&f->d, 0, sizeof f->d);
	errno = 0;
	assert_int_equal(file_read(p, 10, FILE_ABSENT, &f->buf, &f->len, &f->d), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(f->d.n, 0);
	assert_null(f->buf);
	free(p);
}

/* A FIFO with no writer: refused at once, where fopen() would wait for ever. */
static void
test_fifo(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_path(f->dir, "fifo.ini");
	unsigned int	 type;

	assert_int_equal(mkfifo(p, 0644), 0);
	refused(f, p, 10, EINVAL, "is a FIFO, not a regular file");
	/* The wrapper says the type, and its caller the words. */
	type = 0;
	errno = 0;
	assert_int_equal(file_open_regular(p, O_RDWR | O_CREAT, &type), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(type, S_IFIFO);
	assert_string_equal(file_kind(type), "is a FIFO");
	free(p);
}

static void
test_directory(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_path(f->dir, "dir.ini");

	assert_int_equal(mkdir(p, 0755), 0);
	refused(f, p, 10, EINVAL, "is a directory, not a regular file");
	free(p);
}

/* A link to /dev/zero would be read for ever. */
static void
test_device_link(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_path(f->dir, "zero.ini");

	assert_int_equal(symlink("/dev/zero", p), 0);
	refused(f, p, 1024, EINVAL, "is a character device, not a regular file");
	free(p);
}

static void
test_regular_link(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_write_in(f->dir, "real.ini", "x", 1), *l;

	l = tu_path(f->dir, "link.ini");
	assert_int_equal(symlink(p, l), 0);
	assert_int_equal(file_read(l, 10, 0, &f->buf, &f->len, &f->d), 0);
	assert_string_equal(f->buf, "x");
	free(l);
	free(p);
}

/* The lock is made when it is missing. */
static void
test_open_creates(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_path(f->dir, "x.lock");
	struct stat	 st;
	unsigned int	 type = S_IFIFO;
	int		 fd;

	fd = file_open_regular(p, O_RDWR | O_CREAT, &type);
	assert_true(fd != -1);
	assert_int_equal(type, 0);
	close(fd);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	free(p);
}

/* With O_NOFOLLOW a link is refused for its type, dangling or not; a file that is
   not there is errno's to say, with no type. */
static void
test_open_refusals(void **state)
{
	struct fixture	*f = *state;
	char		*p = tu_write_in(f->dir, "real.lock", "", 0);
	char		*l = tu_path(f->dir, "link.lock");
	char		*none = tu_path(f->dir, "none");
	unsigned int	 type;

	assert_int_equal(symlink(p, l), 0);
	type = 0;
	assert_int_equal(file_open_regular(l, O_RDWR | O_NOFOLLOW, &type), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(type, S_IFLNK);
	assert_string_equal(file_kind(type), "is a symbolic link");
	type = S_IFIFO;
	assert_int_equal(file_open_regular(none, O_RDONLY, &type), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(type, 0);
	/* A caller that needs no words passes no type. */
	assert_int_equal(file_open_regular(none, O_RDONLY, NULL), -1);
	assert_int_equal(errno, ENOENT);
	free(none);
	free(l);
	free(p);
}

static void
test_kind(void **state)
{
	(void)state;
	assert_string_equal(file_kind(S_IFIFO), "is a FIFO");
	assert_string_equal(file_kind(S_IFDIR), "is a directory");
	assert_string_equal(file_kind(S_IFCHR), "is a character device");
	assert_string_equal(file_kind(S_IFBLK), "is a block device");
	assert_string_equal(file_kind(S_IFSOCK), "is a socket");
}

/* How many of rubric's temporary files are in dir. */
static int
temps(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	int		 n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += strstr(de->d_name, FILE_TMP) != NULL;
	closedir(d);
	return n;
}

/* A streamed stage, committed: the new text whole in place, with the mode asked
   for; while it was written, the old file was there as it was. */
static void
test_stage_commit(void **state)
{
	struct fixture		*f = *state;
	struct file_stage	 st;
	struct stat		 sb;
	char			*p = tu_write_in(f->dir, "out.txt", "old\n", 4);
	FILE			*out;
	int			 i;

	assert_int_equal(file_stage_open(&st, p, 0640), 0);
	assert_non_null(out = file_stage_stream(&st));
	for (i = 0; i < 100000; i++)
		fprintf(out, "line %d\n", i);
	assert_int_equal(temps(f->dir), 1);
	assert_int_equal(file_read(p, 16, 0, &f->buf, &f->len, &f->d), 0);
	assert_string_equal(f->buf, "old\n");
	free(f->buf);
	f->buf = NULL;

	assert_int_equal(file_stage_commit(&st), 0);
	assert_int_equal(temps(f->dir), 0);
	assert_int_equal(file_read(p, 4 << 20, 0, &f->buf, &f->len, &f->d), 0);
	assert_int_equal(f->len, 1088890);
	assert_memory_equal(f->buf, "line 0\nline 1\n", 14);
	assert_string_equal(f->buf + f->len - 11, "line 99999\n");
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	free(p);
}

/* Abandoned, after writing through the descriptor: the old file as it was, and no
   temporary file. */
static void
test_stage_abandon(void **state)
{
	struct fixture		*f = *state;
	struct file_stage	 st;
	char			*p = tu_write_in(f->dir, "out.txt", "old\n", 4);

	assert_int_equal(file_stage_open(&st, p, 0644), 0);
	assert_int_equal(write(st.fd, "new text\n", 9), 9);
	errno = EIO;
	file_stage_abandon(&st);
	assert_int_equal(errno, EIO);
	assert_int_equal(temps(f->dir), 0);
	assert_int_equal(file_read(p, 16, 0, &f->buf, &f->len, &f->d), 0);
	assert_string_equal(f->buf, "old\n");
	free(p);
}

/* A commit whose rename fails (a folder in the way) says why and leaves no
   temporary file. */
static void
test_stage_commit_fails(void **state)
{
	struct fixture		*f = *state;
	struct file_stage	 st;
	char			*p = tu_path(f->dir, "sub"), *q;
	FILE			*out;

	assert_int_equal(mkdir(p, 0755), 0);
	q = tu_write_in(p, "keep", "k", 1);
	assert_int_equal(file_stage_open(&st, p, 0644), 0);
	assert_non_null(out = file_stage_stream(&st));
	fputs("text\n", out);
	errno = 0;
	assert_int_equal(file_stage_commit(&st), -1);
	assert_true(errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST);
	assert_int_equal(temps(f->dir), 0);
	assert_int_equal(access(q, F_OK), 0);
	free(q);
	free(p);
}

/* A stage that cannot be made (no such folder) makes nothing. */
static void
test_stage_open_fails(void **state)
{
	struct fixture		*f = *state;
	struct file_stage	 st;
	char			*p = tu_path(f->dir, "none/out.txt");

	errno = 0;
	assert_int_equal(file_stage_open(&st, p, 0644), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(temps(f->dir), 0);
	free(p);
}

/* file_replace with FILE_SAME keeps the replaced file's mode. */
static void
test_replace_same(void **state)
{
	struct fixture	*f = *state;
	struct stat	 sb;
	char		*p = tu_write_in(f->dir, "side.ini", "[a]\n", 4);

	assert_int_equal(chmod(p, 0604), 0);
	assert_int_equal(file_replace(p, "[b]\n", 4, FILE_SAME), 0);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0604);
	assert_int_equal(file_read(p, 16, 0, &f->buf, &f->len, &f->d), 0);
	assert_string_equal(f->buf, "[b]\n");
	assert_int_equal(temps(f->dir), 0);
	free(p);
}

/* ~ and ~/ at the start are the home; nothing else is. */
static void
test_home(void **state)
{
	static const char *const	 cases[][3] = {
		{ "/home/u", "~", "/home/u" },
		{ "/home/u", "~/x.csv", "/home/u/x.csv" },
		{ "/home/u/", "~/x.csv", "/home/u/x.csv" },
		{ "/", "~/x.csv", "/x.csv" },
		{ "/home/u", "~user/x.csv", "~user/x.csv" },
		{ "/home/u", "x/~/y", "x/~/y" },
		{ "/home/u", "!~/x", "!~/x" },
		{ "", "~/x", "~/x" },
	};
	char	*home = getenv("HOME") != NULL ? strdup(getenv("HOME")) : NULL;
	char	*got;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		setenv("HOME", cases[i][0], 1);
		got = file_home(cases[i][1]);
		assert_string_equal(got, cases[i][2]);
		free(got);
	}
	unsetenv("HOME");
	got = file_home("~/x");
	assert_string_equal(got, "~/x");
	free(got);
	if (home != NULL)
		setenv("HOME", home, 1);
	free(home);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home),
		cmocka_unit_test_setup_teardown(test_regular, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_over_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grows_past_stat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_regular_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_creates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_abandon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_commit_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_open_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_same, setup, teardown),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
