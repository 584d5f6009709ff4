/* article.c: the header block and its fields, titles (first line, chrome skipped,
   Markdown headings, byte order mark, file name fallback, length cap), binary and
   unreadable files (dangling links, FIFOs, directories), and reading whole bodies. */
#include "testutil.h"

#include "article.h"
#include "chrome.h"
#include "utf8.h"

static int
setup(void **state)
{
	*state = tu_mkdtemp();
	return 0;
}

static int
teardown(void **state)
{
	tu_rmtree(*state);
	free(*state);
	return 0;
}

/* Writes dir/name and reads its head; the article is the caller's. */
static struct article *
head_of(const char *dir, const char *name, const char *bytes, size_t len,
    const struct chrome *chrome, enum article_head_result want)
{
	struct article	*a;
	char		*path;

	path = tu_write_in(dir, name, bytes, len);
	a = article_new(path, name);
	free(path);
	assert_int_equal(article_head(a, chrome), want);
	return a;
}

#define HEAD(dir, name, lit, chrome) \
	head_of((dir), (name), (lit), TU_LEN(lit), (chrome), ARTICLE_OK)

static void
check_title(const char *dir, const char *lit, size_t len, const struct chrome *chrome,
    const char *want)
{
	struct article	*a;

	a = head_of(dir, "a.txt", lit, len, chrome, ARTICLE_OK);
	assert_non_null(a->title);
	assert_string_equal(a->title, want);
	assert_null(a->error);
	article_free(a);
}

#define TITLE(dir, lit, chrome, want) \
	check_title((dir), (lit), TU_LEN(lit), (chrome), (want))

static void
test_header_block(void **state)
{
	static const char	 text[] = "Title: The Crossing Reopens\r\n"
	    "Date: 2017-11-19\r\nSource: Example News\r\n"
	    "URL: https://example.com/a?b=c\r\nAuthor:   A. Writer  \r\n\r\n"
	    "Body text.\r\n";
	struct article		*a;
	struct body		 b;
	char			*s;

	a = HEAD(*state, "h.txt", text, NULL);
	assert_string_equal(a->title, "The Crossing Reopens");
	assert_string_equal(article_text(a, ARTICLE_DATE), "2017-11-19");
	assert_string_equal(article_text(a, ARTICLE_SOURCE), "Example News");
	/* Not kept with the head: read from the file, or from its text. */
	assert_null(article_text(a, ARTICLE_URL));
	assert_null(article_text(a, ARTICLE_AUTHOR));
	s = article_header_text(a, NULL, ARTICLE_URL);
	assert_string_equal(s, "https://example.com/a?b=c");
	free(s);
	s = article_header_text(a, NULL, ARTICLE_AUTHOR);
	assert_string_equal(s, "A. Writer");
	free(s);
	assert_null(article_header_text(a, NULL, ARTICLE_TITLE));
	assert_null(a->error);
	assert_int_equal(a->size, TU_LEN(text));
	assert_string_equal(a->name, "h.txt");
	assert_int_equal(article_read(a, &b), 0);
	assert_int_equal(b.len, TU_LEN(text));
	assert_int_equal(b.start, 0);
	assert_int_equal(b.header_end, strstr(text, "Body") - text);
	s = article_header_text(a, &b, ARTICLE_URL);
	assert_string_equal(s, "https://example.com/a?b=c");
	free(s);
	article_body_free(&b);
	article_free(a);
}

/* The header's texts read again: as the head found them, from the same first
   ARTICLE_HEADMAX bytes (a field beyond them is none), after a byte order mark;
   none from a file that is gone or binary. */
static void
test_header_text(void **state)
{
	char		 big[ARTICLE_HEADMAX + 64];
	struct article	*a;
	struct body	 b;
	char		*s;
	size_t		 n;

	a = HEAD(*state, "bom.txt", "\xef\xbb\xbfTitle: T\nURL: u1\n\nBody\n", NULL);
	s = article_header_text(a, NULL, ARTICLE_URL);
	assert_string_equal(s, "u1");
	free(s);
	assert_int_equal(article_read(a, &b), 0);
	s = article_header_text(a, &b, ARTICLE_URL);
	assert_string_equal(s, "u1");
	free(s);
	article_body_free(&b);
	assert_null(article_header_text(a, NULL, ARTICLE_AUTHOR));
	article_free(a);

	/* A header block whose URL line starts past the bytes the head reads. */
	n = (size_t)snprintf(big, sizeof big, "Title: T\nX-Pad: ");
	memset(big + n, 'p', ARTICLE_HEADMAX - n);
	n = ARTICLE_HEADMAX;
	n += (size_t)snprintf(big + n, sizeof big - n, "\nURL: u2\n\nB\n");
	a = head_of(*state, "big.txt", big, n, NULL, ARTICLE_OK);
	assert_null(article_header_text(a, NULL, ARTICLE_URL));
	assert_int_equal(article_read(a, &b), 0);
	assert_null(article_header_text(a, &b, ARTICLE_URL));
	article_body_free(&b);
	article_free(a);

	a = HEAD(*state, "gone.txt", "Title: T\nURL: u3\n\nB\n", NULL);
	assert_int_equal(unlink(a->path), 0);
	assert_null(article_header_text(a, NULL, ARTICLE_URL));
	article_free(a);
	a = head_of(*state, "nul.txt", "Title: T\nURL: u4\n\nB\0\n", 20, NULL,
	    ARTICLE_BINARY);
	assert_null(article_header_text(a, NULL, ARTICLE_URL));
	article_free(a);
}

static void
test_header_keys(void **state)
{
	struct article	*a;

	/* Keys are caseless; unknown keys may sit among known ones; LF line ends. */
	a = HEAD(*state, "k.txt", "TITLE: Upper\ndate:2020-01-02\nX-Tag: foo\n\nBody\n",
	    NULL);
	assert_string_equal(a->title, "Upper");
	assert_string_equal(article_text(a, ARTICLE_DATE), "2020-01-02");
	assert_null(article_text(a, ARTICLE_SOURCE));
	assert_null(article_text(a, ARTICLE_URL));
	assert_null(article_text(a, ARTICLE_AUTHOR));
	article_free(a);
	/* A header block that runs to the end of the file. */
	a = HEAD(*state, "e.txt", "Title: Only\nDate: 2020", NULL);
	assert_string_equal(a->title, "Only");
	assert_string_equal(article_text(a, ARTICLE_DATE), "2020");
	article_free(a);
	/* No Title: field: the title is the first line after the block. */
	a = HEAD(*state, "n.txt", "Date: 2021\nSource: Wire\n\n\nReal Title\nBody\n",
	    NULL);
	assert_string_equal(a->title, "Real Title");
	assert_string_equal(article_text(a, ARTICLE_DATE), "2021");
	assert_string_equal(article_text(a, ARTICLE_SOURCE), "Wire");
	article_free(a);
}

struct fields {
	int	 n;
	char	 keys[8][16];
	char	 vals[8][64];
};

static void
collect(void *arg, const char *key, size_t klen, const char *val, size_t vlen)
{
	struct fields	*f = arg;

	assert_true(f->n < 8);
	assert_true(klen < 16 && vlen < 64);
	memcpy(f->keys[f->n], key, klen);
	f->keys[f->n][klen] = '\0';
	memcpy(f->vals[f->n], val, vlen);
	f->vals[f->n][vlen] = '\0';
	f->n++;
}

static void
test_header_scan(void **state)
{
	static const char	 a[] = "\xef\xbb\xbfTitle: T\r\nAuthor: W\r\n\r\nBody";
	static const char	 b[] = "Foo: bar\nBaz: qux\n\nBody\n";
	static const char	 c[] = "Title: T\nThis line is not a field\nDate: x\n\nB\n";
	static const char	 d[] = "\nTitle: T\n\nB\n";
	static const char	 e[] = "Title T\n\nB\n";
	struct fields		 f;

	(void)state;
	memset(&f, 0, sizeof f);
	assert_int_equal(article_header(a, TU_LEN(a), 3, collect, &f),
	    TU_LEN(a) - 4);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.keys[0], "Title");
	assert_string_equal(f.vals[0], "T");
	assert_string_equal(f.keys[1], "Author");
	assert_string_equal(f.vals[1], "W");
	/* Not header blocks: nothing is reported. */
	memset(&f, 0, sizeof f);
	assert_int_equal(article_header(b, TU_LEN(b), 0, collect, &f), 0);
	assert_int_equal(article_header(c, TU_LEN(c), 0, collect, &f), 0);
	assert_int_equal(article_header(d, TU_LEN(d), 0, collect, &f), 0);
	assert_int_equal(article_header(e, TU_LEN(e), 0, collect, &f), 0);
	assert_int_equal(article_header("", 0, 0, collect, &f), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(article_header(a, TU_LEN(a), 3, NULL, NULL), TU_LEN(a) - 4);
}

static void
test_not_header_unknown_keys(void **state)
{
	struct article	*a;

	a = HEAD(*state, "u.txt", "Foo: bar\nBaz: qux\n\nBody\n", NULL);
	assert_string_equal(a->title, "Foo: bar");
	assert_null(article_text(a, ARTICLE_DATE));
	assert_null(article_text(a, ARTICLE_SOURCE));
	article_free(a);
}

static void
test_not_header_interrupted(void **state)
{
	static const char	 text[] = "Title: T\nThis line is not a field\n"
	    "Date: 2020\n\nBody\n";
	struct article		*a;
	struct body		 b;

	a = HEAD(*state, "i.txt", text, NULL);
	assert_string_equal(a->title, "Title: T");
	assert_null(article_text(a, ARTICLE_DATE));
	assert_int_equal(article_read(a, &b), 0);
	assert_int_equal(b.header_end, 0);
	article_body_free(&b);
	article_free(a);
}

static void
test_title_first_line(void **state)
{
	static const char	 text[] = "\n  \t\n  Skip to MAIN content  \r\n\r\n"
	    "   Real Title \t\r\nBody\r\n";
	struct chrome		*c;
	struct diag		 d = { NULL, 0, 0 };

	c = chrome_new();
	assert_int_equal(chrome_add(c, "^\\s*skip to main content\\s*$", "chrome",
	    NULL, &d), 0);
	assert_int_equal(chrome_count(c), 1);
	TITLE(*state, text, c, "Real Title");
	/* Without chrome the first line with text is the title. */
	TITLE(*state, text, NULL, "Skip to MAIN content");
	TITLE(*state, "Plain first line\nsecond\n", c, "Plain first line");
	/* Lines of nothing but carriage returns are no title (found by fuzz_article),
	   nor is a Title: field of them. */
	TITLE(*state, "\r\r\nReal title\nBody.\n", NULL, "Real title");
	TITLE(*state, "Title: \r\r\n\nBody.\n", NULL, "Body.");
	TITLE(*state, "No line end at all", c, "No line end at all");
	chrome_free(c);
}

static void
test_title_markdown(void **state)
{
	TITLE(*state, "# Heading One\n\nText\n", NULL, "Heading One");
	TITLE(*state, "\n### Deep Heading\n", NULL, "Deep Heading");
	TITLE(*state, "  ##\tTabbed\n", NULL, "Tabbed");
	/* A line of only #s has no text: the next line is the title. */
	TITLE(*state, "###\nAfter\n", NULL, "After");
}

static void
test_title_bom(void **state)
{
	struct article	*a;
	struct body	 b;

	TITLE(*state, "\xef\xbb\xbfTitle Line\nbody\n", NULL, "Title Line");
	TITLE(*state, "\xef\xbb\xbf# Heading\nbody\n", NULL, "Heading");
	a = HEAD(*state, "b.txt", "\xef\xbb\xbfTitle: X\nDate: D\n\nBody\n", NULL);
	assert_string_equal(a->title, "X");
	assert_string_equal(article_text(a, ARTICLE_DATE), "D");
	assert_int_equal(article_read(a, &b), 0);
	assert_int_equal(b.start, 3);
	assert_int_equal(b.header_end, 3 + TU_LEN("Title: X\nDate: D\n\n"));
	article_body_free(&b);
	article_free(a);
	assert_int_equal(article_bom("\xef\xbb\xbfx", 4), 3);
	assert_int_equal(article_bom("\xef\xbb\xbf", 3), 3);
	assert_int_equal(article_bom("\xef\xbb", 2), 0);
	assert_int_equal(article_bom("abc", 3), 0);
	assert_int_equal(article_bom("", 0), 0);
}

static void
test_title_file_name(void **state)
{
	struct chrome	*c;
	struct article	*a;
	struct diag	 d = { NULL, 0, 0 };
	char		*path;

	c = chrome_new();
	assert_int_equal(chrome_add(c, "^\\s*skip to main content\\s*$", "chrome",
	    NULL, &d), 0);
	a = head_of(*state, "empty.txt", "", 0, c, ARTICLE_OK);
	assert_string_equal(a->title, "empty.txt");
	assert_int_equal(a->size, 0);
	article_free(a);
	a = HEAD(*state, "blank.txt", "\n  \n\t\r\n   ", c);
	assert_string_equal(a->title, "blank.txt");
	article_free(a);
	a = HEAD(*state, "chrome.md", "Skip to main content\n\n  skip to main content\n",
	    c);
	assert_string_equal(a->title, "chrome.md");
	article_free(a);
	a = HEAD(*state, "bom.txt", "\xef\xbb\xbf", c);
	assert_string_equal(a->title, "bom.txt");
	article_free(a);
	/* The base name of the path, not the name shown. */
	path = tu_write_in(*state, "x.txt", "", 0);
	a = article_new(path, "shown/as/other.txt");
	assert_int_equal(article_head(a, c), ARTICLE_OK);
	assert_string_equal(a->title, "x.txt");
	article_free(a);
	free(path);
	chrome_free(c);
}

static void
test_binary(void **state)
{
	static const char	 text[] = "Hello\0world\n";
	struct article		*a;
	char			*big;

	a = head_of(*state, "nul.txt", text, TU_LEN(text), NULL, ARTICLE_BINARY);
	article_free(a);
	a = head_of(*state, "nul0.txt", "\0", 1, NULL, ARTICLE_BINARY);
	article_free(a);
	/* Past the first block a NUL is just a byte to show. */
	if ((big = malloc(ARTICLE_HEADMAX + 100)) == NULL)
		abort();
	memset(big, 'a', ARTICLE_HEADMAX + 100);
	big[ARTICLE_HEADMAX + 50] = '\0';
	a = head_of(*state, "late.txt", big, ARTICLE_HEADMAX + 100, NULL, ARTICLE_OK);
	article_free(a);
	big[ARTICLE_HEADMAX - 1] = '\0';
	a = head_of(*state, "edge.txt", big, ARTICLE_HEADMAX + 100, NULL,
	    ARTICLE_BINARY);
	article_free(a);
	free(big);
}

static void
test_dangling_symlink(void **state)
{
	struct article	*a;
	struct body	 b;
	char		*path;

	path = tu_path(*state, "gone.txt");
	assert_int_equal(symlink("no-such-target.txt", path), 0);
	a = article_new(path, "gone.txt");
	assert_int_equal(article_head(a, NULL), ARTICLE_UNREADABLE);
	assert_non_null(a->error);
	assert_string_equal(a->error, strerror(ENOENT));
	assert_string_equal(a->title, "gone.txt");
	assert_null(article_text(a, ARTICLE_DATE));
	errno = 0;
	assert_int_equal(article_read(a, &b), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(b.buf);
	assert_int_equal(b.len, 0);
	article_free(a);
	free(path);
}

static void
test_fifo(void **state)
{
	struct article	*a;
	struct body	 b;
	char		*path;

	path = tu_path(*state, "x.txt");
	assert_int_equal(mkfifo(path, 0644), 0);
	a = article_new(path, "x.txt");
	/* Blocking on the FIFO would hang here: the alarm ends the test instead. */
	alarm(10);
	assert_int_equal(article_head(a, NULL), ARTICLE_UNREADABLE);
	assert_non_null(a->error);
	assert_string_equal(a->error, "is a FIFO");
	assert_string_equal(a->title, "x.txt");
	assert_int_equal(article_read(a, &b), -1);
	assert_string_equal(article_why(path, errno), "is a FIFO");
	assert_null(b.buf);
	alarm(0);
	article_free(a);
	free(path);
}

static void
test_directory(void **state)
{
	struct article	*a;
	char		*path;

	path = tu_path(*state, "dir.txt");
	assert_int_equal(mkdir(path, 0755), 0);
	a = article_new(path, "dir.txt");
	assert_int_equal(article_head(a, NULL), ARTICLE_UNREADABLE);
	assert_non_null(a->error);
	assert_string_equal(a->error, "is a directory");
	assert_string_equal(a->title, "dir.txt");
	article_free(a);
	free(path);
}

static void
test_read_whole(void **state)
{
	struct article	*a;
	struct body	 b;
	size_t		 n = 3 * 1024 * 1024 / 2 + 17, i;
	char		*big, *path;

	if ((big = malloc(n)) == NULL)
		abort();
	for (i = 0; i < n; i++)
		big[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
	path = tu_write_in(*state, "big.txt", big, n);
	a = article_new(path, "big.txt");
	assert_int_equal(article_head(a, NULL), ARTICLE_OK);
	assert_int_equal(a->size, n);
	assert_int_equal(article_read(a, &b), 0);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.buf, big, n);
	assert_int_equal(b.start, 0);
	assert_int_equal(b.header_end, 0);
	article_body_free(&b);
	assert_null(b.buf);
	article_free(a);
	free(path);
	/* Empty and small files. */
	path = tu_write_in(*state, "empty.txt", "", 0);
	a = article_new(path, "empty.txt");
	assert_int_equal(article_read(a, &b), 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.start, 0);
	assert_int_equal(b.header_end, 0);
	article_body_free(&b);
	article_free(a);
	free(path);
	path = tu_write_in(*state, "bom.txt", "\xef\xbb\xbfhi\n", 6);
	a = article_new(path, "bom.txt");
	assert_int_equal(article_read(a, &b), 0);
	assert_int_equal(b.len, 6);
	assert_int_equal(b.start, 3);
	assert_int_equal(b.header_end, 3);
	assert_memory_equal(b.buf, "\xef\xbb\xbfhi\n", 6);
	article_body_free(&b);
	article_free(a);
	free(path);
	free(big);
}

/* The title is at most ARTICLE_TITLEMAX bytes, a prefix of the line, of whole
   characters only. */
static void
check_capped(const char *dir, const char *line, size_t len, size_t want, int field)
{
	struct article	*a;
	char		*text;
	uint32_t	 cp;
	size_t		 n, pos;

	if ((text = malloc(len + 16)) == NULL)
		abort();
	n = 0;
	if (field) {
		memcpy(text, "Title: ", 7);
		n = 7;
	}
	memcpy(text + n, line, len);
	n += len;
	memcpy(text + n, "\n\nbody\n", 7);
	n += 7;
	a = head_of(dir, "long.txt", text, n, NULL, ARTICLE_OK);
	assert_int_equal(strlen(a->title), want);
	assert_true(strlen(a->title) <= ARTICLE_TITLEMAX);
	assert_memory_equal(a->title, line, want);
	for (pos = 0; pos < want; pos += utf8_decode(a->title + pos, want - pos, &cp))
		if (cp == UTF8_INVALID && (unsigned char)line[pos] >= 0xc0)
			fail_msg("title cut inside the character at %zu", pos);
	article_free(a);
	free(text);
}

static void
test_title_cap(void **state)
{
	char	 line[1200];
	size_t	 i;
	int	 field;

	for (field = 0; field < 2; field++) {
		memset(line, 'x', 400);
		check_capped(*state, line, 400, ARTICLE_TITLEMAX, field);
		check_capped(*state, line, ARTICLE_TITLEMAX, ARTICLE_TITLEMAX, field);
		check_capped(*state, line, 12, 12, field);
		/* é is two bytes: 150 of them fill 300 exactly. */
		for (i = 0; i < 200; i++)
			memcpy(line + 2 * i, "\xc3\xa9", 2);
		check_capped(*state, line, 400, 300, field);
		/* One byte ahead, the 150th é no longer fits. */
		line[0] = 'a';
		for (i = 0; i < 200; i++)
			memcpy(line + 1 + 2 * i, "\xc3\xa9", 2);
		check_capped(*state, line, 401, 299, field);
		/* € is three bytes, 😀 four. */
		line[0] = 'a';
		for (i = 0; i < 200; i++)
			memcpy(line + 1 + 3 * i, "\xe2\x82\xac", 3);
		check_capped(*state, line, 601, 298, field);
		for (i = 0; i < 200; i++)
			memcpy(line + 4 * i, "\xf0\x9f\x98\x80", 4);
		check_capped(*state, line, 800, 300, field);
		line[0] = 'a';
		line[1] = 'b';
		for (i = 0; i < 200; i++)
			memcpy(line + 2 + 4 * i, "\xf0\x9f\x98\x80", 4);
		check_capped(*state, line, 802, 298, field);
	}
}

/* The stamp is the file's as stat gives it, goes out and back in whole, and tells a
   file changed since (a rewrite, a touch -r that puts size and mtime back); a head
   taken from an article read again brings its stamp, and a wipe forgets both. */
static void
test_stamp(void **state)
{
	struct article	*a, *b;
	struct stat	 st;
	struct timespec	 ts[2];
	int64_t		 s1[ARTICLE_STAMPLEN], s2[ARTICLE_STAMPLEN];
	char		*path;

	a = HEAD(*state, "s.txt", "Title: One\nDate: 2020-01-02\n\nbody\n", NULL);
	assert_int_equal(stat(a->path, &st), 0);
	assert_true(article_same(a, &st));
	assert_int_equal(article_mtime(a), st.st_mtim.tv_sec);
	article_stamp(a, s1);
	assert_int_equal(s1[0], st.st_size);
	assert_int_equal(s1[5], (int64_t)st.st_ino);
	/* Same size, mtime put back: ctime tells. */
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	sleep(1);
	path = tu_write_in(*state, "s.txt", "Title: Two\nDate: 2020-01-02\n\nbody\n",
	    TU_LEN("Title: Two\nDate: 2020-01-02\n\nbody\n"));
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_false(article_same(a, &st));
	/* Read again: its head and stamp go to a, which then is the file's. */
	b = article_new(path, "s.txt");
	assert_int_equal(article_head(b, NULL), ARTICLE_OK);
	article_take_head(a, b);
	assert_string_equal(a->title, "Two");
	assert_string_equal(article_text(a, ARTICLE_DATE), "2020-01-02");
	assert_true(article_same(a, &st));
	assert_null(b->title);
	article_stamp(b, s2);
	assert_int_equal(s2[0], 0);
	assert_int_equal(s2[5], 0);
	article_free(b);
	/* Out and in whole, into an article with none. */
	article_stamp(a, s1);
	b = article_new(path, "s.txt");
	article_set_stamp(b, s1);
	assert_true(article_same(b, &st));
	article_free(b);
	article_wipe(a);
	assert_null(a->title);
	/* Texts given as bytes that need not end in a NUL, copied. */
	{
		const char	*text[ARTICLE_NTEXTS] = { "Threexx", NULL, "wire",
				    NULL, NULL, NULL };
		size_t		 len[ARTICLE_NTEXTS] = { 5, 0, 4, 0, 0, 0 };

		article_set_texts(a, text, len);
		assert_string_equal(a->title, "Three");
		assert_ptr_not_equal(a->title, text[0]);
		assert_null(article_text(a, ARTICLE_DATE));
		assert_string_equal(article_text(a, ARTICLE_SOURCE), "wire");
		assert_null(article_text(a, ARTICLE_URL));
		assert_null(a->error);
		article_wipe(a);
	}
	assert_null(article_text(a, ARTICLE_SOURCE));
	assert_null(article_text(a, ARTICLE_DATE));
	assert_false(article_same(a, &st));
	assert_int_equal(article_mtime(a), 0);
	/* A stamp this second is racy; one of an hour ago is not. */
	article_stamp(a, s1);
	s1[1] = s1[3] = (int64_t)time(NULL);
	article_set_stamp(a, s1);
	assert_true(article_racy(a));
	s1[1] = s1[3] = (int64_t)time(NULL) - 3600;
	article_set_stamp(a, s1);
	assert_false(article_racy(a));
	free(path);
	article_free(a);
}

/* A stamp goes out as it came in, whatever its times: before the epoch, the head
   store's mark of a racy one (which no file's ctime matches), the edges of what
   nanoseconds in 64 bits hold; a time beyond them matches no file, so that such an
   article is read again rather than believed. */
static void
test_stamp_exact(void **state)
{
	static const int64_t	 cases[][ARTICLE_STAMPLEN] = {
		{ 0, 0, 0, 0, 0, 0 },
		{ 1234, 1700000000, 999999999, 1700000001, 1, 42 },
		{ 7, -1, 0, -1, 999999999, 1 },		/* a second before 1970 */
		{ 7, -86401, 5, -86400, 0, 1 },
		{ 7, 1700000000, 5, 1700000000, -1, 9 },	/* the mark */
		{ 7, -5, 5, -5, -1, 9 },
		{ INT64_MAX, 9223372035, 999999999, 4611686017, 999999999,
		    INT64_MAX },
		{ 0, -9223372035, 0, -4611686017, 0, 3 },
	};
	struct article	*a;
	struct stat	 st;
	int64_t		 out[ARTICLE_STAMPLEN];
	size_t		 i, k;

	(void)state;
	a = article_new("/nonexistent/x.txt", "x.txt");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		article_set_stamp(a, cases[i]);
		article_stamp(a, out);
		for (k = 0; k < ARTICLE_STAMPLEN; k++)
			assert_int_equal(out[k], cases[i][k]);
		assert_int_equal(article_mtime(a), cases[i][1]);
	}
	/* stat's stamp against the one kept. */
	memset(&st, 0, sizeof st);
	st.st_mode = S_IFREG | 0644;
	st.st_size = 7;
	st.st_ino = 9;
	st.st_mtim.tv_sec = -5;
	st.st_mtim.tv_nsec = 5;
	st.st_ctim.tv_sec = -5;
	st.st_ctim.tv_nsec = 0;
	article_set_stamp(a, cases[5]);
	assert_false(article_same(a, &st));	/* marked: never a file's */
	out[0] = 7, out[1] = -5, out[2] = 5, out[3] = -5, out[4] = 0, out[5] = 9;
	article_set_stamp(a, out);
	assert_true(article_same(a, &st));
	/* The nanosecond before a ctime is not it. */
	st.st_ctim.tv_sec = -6;
	st.st_ctim.tv_nsec = 999999999;
	assert_false(article_same(a, &st));
	st.st_mode = S_IFIFO | 0644;
	st.st_ctim.tv_sec = -5;
	st.st_ctim.tv_nsec = 0;
	assert_false(article_same(a, &st));
	/* Beyond what is kept (an mtime in 2300, touch -d can set one): kept as the
	   nearest there is, and never the file's. */
	st.st_mode = S_IFREG | 0644;
	st.st_mtim.tv_sec = (time_t)10413792000;
	out[1] = 10413792000;
	article_set_stamp(a, out);
	assert_false(article_same(a, &st));
	assert_true(article_mtime(a) > (time_t)9000000000);
	st.st_mtim.tv_sec = -(time_t)10413792000;
	out[1] = -10413792000;
	article_set_stamp(a, out);
	assert_false(article_same(a, &st));
	/* Nanoseconds no clock gives (a store's row): never a file's either. */
	st.st_mtim.tv_sec = 6;
	st.st_mtim.tv_nsec = 0;
	out[1] = 5;
	out[2] = 1000000000;
	article_set_stamp(a, out);
	assert_false(article_same(a, &st));
	article_free(a);
}

/* The texts live in one allocation, the date first, whichever are absent; an error set
   later keeps the others; a folder's entry has its title and reason. */
static void
test_texts_packed(void **state)
{
	const char	*text[ARTICLE_NTEXTS] = { NULL, "2020-01-02", NULL,
			    "http://x", "A. N.", NULL };
	size_t		 len[ARTICLE_NTEXTS] = { 0, 10, 0, 8, 5, 0 };
	struct article	*a;

	(void)state;
	a = article_new("/nonexistent/x.txt", "x.txt");
	article_set_texts(a, text, len);
	assert_null(a->title);
	assert_string_equal(article_text(a, ARTICLE_DATE), "2020-01-02");
	assert_ptr_equal(article_text(a, ARTICLE_URL),
	    article_text(a, ARTICLE_DATE) + 11);
	assert_ptr_equal(article_text(a, ARTICLE_AUTHOR),
	    article_text(a, ARTICLE_URL) + 9);
	assert_string_equal(article_text(a, ARTICLE_AUTHOR), "A. N.");
	article_set_error(a, "binary now");
	assert_string_equal(article_text(a, ARTICLE_DATE), "2020-01-02");
	assert_string_equal(article_text(a, ARTICLE_URL), "http://x");
	assert_string_equal(article_text(a, ARTICLE_AUTHOR), "A. N.");
	assert_string_equal(a->error, "binary now");
	assert_ptr_equal(a->error, article_text(a, ARTICLE_AUTHOR) + 6);
	/* The allocation begins with which texts there are. */
	assert_ptr_equal(a->texts + 1, article_text(a, ARTICLE_DATE));
	article_set_error(a, NULL);
	assert_null(a->error);
	assert_string_equal(article_text(a, ARTICLE_AUTHOR), "A. N.");
	/* One with no title gets its file's name, which the list draws. */
	article_wipe(a);
	article_set_error(a, "gone");
	assert_string_equal(a->title, "x.txt");
	assert_string_equal(a->error, "gone");
	article_free(a);
	a = article_folder("/nonexistent/d", "d", EACCES);
	assert_string_equal(a->title, "d/");
	assert_non_null(a->error);
	assert_ptr_equal(a->error, a->title + 3);
	assert_string_equal(a->name, "d/");
	article_free(a);
	/* A head read from a file: one allocation too, the date first. */
	a = HEAD(*state, "p.txt", "Title: One\nSource: wire\nDate: 2020\n\nbody\n",
	    NULL);
	assert_ptr_equal(article_text(a, ARTICLE_DATE), a->texts + 1);
	assert_ptr_equal(a->title, a->texts + 6);
	assert_string_equal(a->title, "One");
	assert_ptr_equal(article_text(a, ARTICLE_TITLE), a->title);
	assert_ptr_equal(article_text(a, ARTICLE_SOURCE), a->title + 4);
	assert_string_equal(article_text(a, ARTICLE_SOURCE), "wire");
	assert_null(article_text(a, ARTICLE_ERROR));
	article_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_header_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_keys, setup, teardown),
		cmocka_unit_test(test_header_scan),
		cmocka_unit_test_setup_teardown(test_not_header_unknown_keys, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_header_interrupted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_title_first_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_markdown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_file_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_binary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dangling_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamp, setup, teardown),
		cmocka_unit_test(test_stamp_exact),
		cmocka_unit_test_setup_teardown(test_texts_packed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_cap, setup, teardown),
	};

	tu_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
