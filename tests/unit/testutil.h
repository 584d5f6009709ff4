/* Helpers shared by the unit tests: cmocka, the UTF-8 locale the tests run in, temporary
   directories and files, the configuration fixture (INI text written and loaded, its
   messages checked), the corpus fixture (articles written, found and counted, and a
   sidecar's entries made by hand for them), and a seeded random generator for the
   property tests. Every
   helper is static inline so that a test that does not use one does not warn. */
#ifndef RUBRIC_TESTUTIL_H
#define RUBRIC_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "listing.h"
#include "scan.h"
#include "sidecar.h"

/* The length of a string literal, so that literals may hold NUL bytes. */
#define TU_LEN(lit)	(sizeof(lit) - 1)

/* Every test runs in C.UTF-8: wcwidth() and strcoll() depend on it. */
static inline void
tu_locale(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "setlocale C.UTF-8 failed\n");
		abort();
	}
}

/* A new empty directory under $TMPDIR or /tmp. Caller frees (and removes it). */
static inline char *
tu_mkdtemp(void)
{
	const char	*tmp = getenv("TMPDIR");
	char		*path;
	size_t		 n;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	n = strlen(tmp) + sizeof "/rubric-unit.XXXXXX";
	if ((path = malloc(n)) == NULL)
		abort();
	snprintf(path, n, "%s/rubric-unit.XXXXXX", tmp);
	if (mkdtemp(path) == NULL) {
		fprintf(stderr, "mkdtemp %s: %s\n", path, strerror(errno));
		abort();
	}
	return path;
}

/* "dir/name", malloc'd. */
static inline char *
tu_path(const char *dir, const char *name)
{
	size_t	 n = strlen(dir) + strlen(name) + 2;
	char	*p;

	if ((p = malloc(n)) == NULL)
		abort();
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Writes len bytes to path, replacing it; fails the test if it cannot. */
static inline void
tu_write(const char *path, const void *bytes, size_t len)
{
	const char	*p = bytes;
	ssize_t		 w;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1)
		fail_msg("open %s: %s", path, strerror(errno));
	while (len > 0) {
		w = write(fd, p, len);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			fail_msg("write %s: %s", path, strerror(errno));
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) == -1)
		fail_msg("close %s: %s", path, strerror(errno));
}

/* Writes len bytes to dir/name; returns the path, malloc'd. */
static inline char *
tu_write_in(const char *dir, const char *name, const void *bytes, size_t len)
{
	char	*p = tu_path(dir, name);

	tu_write(p, bytes, len);
	return p;
}

static inline int
tu_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) == -1 && errno != ENOENT)
		fprintf(stderr, "remove %s: %s\n", path, strerror(errno));
	return 0;
}

/* Removes path and everything under it, never following a symbolic link. */
static inline void
tu_rmtree(const char *path)
{
	if (path != NULL)
		nftw(path, tu_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Loads path into cfg (config_init'd by the caller) as its one, required, layer, with
   its messages in d; returns what config_load returns. */
static inline int
tu_config_load(struct config *cfg, struct diag *d, const char *path)
{
	struct config_file	 file = { path, 1, 0, NULL, 0 };

	return config_load(cfg, &file, 1, d);
}

/* Writes text to dir/name and loads it as tu_config_load does, which must succeed;
   every message is printed, for the caller to assert on. Returns the path, malloc'd. */
static inline char *
tu_config_text(struct config *cfg, struct diag *d, const char *dir, const char *name,
    const char *text, size_t len)
{
	char	*p = tu_write_in(dir, name, text, len);
	size_t	 i;

	assert_int_equal(tu_config_load(cfg, d, p), 0);
	for (i = 0; i < d->n; i++)
		print_error("%s\n", d->msgs[i].text);
	return p;
}

/* As tu_config_text, and the text must give no message at all. Returns the path,
   malloc'd. */
static inline char *
tu_config_clean(struct config *cfg, struct diag *d, const char *dir, const char *name,
    const char *text, size_t len)
{
	char	*p = tu_config_text(cfg, d, dir, name, text, len);

	assert_int_equal(d->n, 0);
	return p;
}

/* Writes an article of len bytes to root/name, making the folders name goes through
   ("a/b/c.txt" makes root/a and root/a/b) when they are not there. */
static inline void
tu_corpus_write(const char *root, const char *name, const void *text, size_t len)
{
	char	*p = tu_path(root, name);
	char	*slash;

	for (slash = strchr(p + strlen(root) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST)
			fail_msg("mkdir %s: %s", p, strerror(errno));
		*slash = '/';
	}
	tu_write(p, text, len);
	free(p);
}

/* Finds the articles under root as the program does with cfg's extensions and chrome,
   into c (freed first, so a test may look again after changing files); fails the
   test on any error. */
static inline void
tu_corpus_open(struct corpus *c, const struct config *cfg, const char *root)
{
	struct corpus_options	 opts;
	const char		*paths[1];
	struct diag		 d;

	corpus_free(c);
	paths[0] = root;
	memset(&opts, 0, sizeof opts);
	opts.extensions = (const char *const *)cfg->extensions;
	opts.nextensions = cfg->nextensions;
	opts.chrome = cfg->chrome;
	opts.heads = NULL;
	memset(&d, 0, sizeof d);
	if (corpus_scan(c, paths, 1, &opts, &d) == -1)
		fail_msg("corpus_scan %s: %s", root, d.n > 0 ? d.msgs[0].text : "?");
	diag_free(&d);
}

/* Counts every article of c in s now, in this thread, so that a test sees every
   theme's hits without waiting for the workers. */
static inline void
tu_scan_all(struct scan *s, const struct corpus *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		scan_now(s, i);
}

/* The index in c of the article whose name (its path under the root) is name; fails
   the test when there is none. */
static inline size_t
tu_article(const struct corpus *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->articles[i]->name, name) == 0)
			return i;
	fail_msg("no article %s", name);
	return 0;
}

#define TU_SIDE_ARTICLES	8
#define TU_SIDE_TAGS		4

/* A sidecar's entries made by hand, for a model that asks for an article's entry
   through a callback (listing_init's): no file, no parser. Zeroed, it has no entry. */
struct tu_side {
	struct sidecar_entry	*e[TU_SIDE_ARTICLES];	/* NULL: no entry */
	struct sidecar_entry	 ev[TU_SIDE_ARTICLES];
	struct sidecar_tag	 tags[TU_SIDE_ARTICLES][TU_SIDE_TAGS];
};

/* The entry callback over a struct tu_side passed as arg: article i's entry, or NULL. */
static inline struct sidecar_entry *
tu_side_entry(void *arg, size_t i)
{
	struct tu_side	*side = arg;

	assert_true(i < TU_SIDE_ARTICLES);
	return side->e[i];
}

/* Puts tag name, of origin, on article i's entry, making the entry if it has none.
   name is borrowed: a literal, or a string that outlives side. */
static inline void
tu_side_tag(struct tu_side *side, size_t i, const char *name, enum sidecar_origin origin)
{
	struct sidecar_entry	*e = &side->ev[i];

	assert_true(i < TU_SIDE_ARTICLES && e->ntags < TU_SIDE_TAGS);
	side->tags[i][e->ntags].name = (char *)name;
	side->tags[i][e->ntags].origin = origin;
	e->tags = side->tags[i];
	e->ntags++;
	side->e[i] = e;
}

/* The configuration fixture's end, for a teardown: frees cfg and its messages d, and
   removes the folder dir with everything in it, then frees dir. */
static inline void
tu_config_free(struct config *cfg, struct diag *d, char *dir)
{
	config_free(cfg);
	diag_free(d);
	tu_rmtree(dir);
	free(dir);
}

/* Checks that message i of d is at level and starts with "PATH:LINE:COL: " ("PATH:LINE: "
   when col is 0, "PATH: " when line is 0 too). */
static inline void
tu_check_msg_at(const struct diag *d, size_t i, enum diag_level level, const char *path,
    int line, int col)
{
	char	 want[1024];

	assert_true(i < d->n);
	if (line > 0 && col > 0)
		snprintf(want, sizeof want, "%s:%d:%d: ", path, line, col);
	else if (line > 0)
		snprintf(want, sizeof want, "%s:%d: ", path, line);
	else
		snprintf(want, sizeof want, "%s: ", path);
	if (strncmp(d->msgs[i].text, want, strlen(want)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", d->msgs[i].text,
		    want);
	assert_int_equal(d->msgs[i].level, level);
	if (level == DIAG_WARNING)
		assert_non_null(strstr(d->msgs[i].text, ": warning: "));
	else
		assert_null(strstr(d->msgs[i].text, "warning"));
}

/* Checks that message i of d is at level and starts with "PATH:LINE: " ("PATH: "
   when line is 0). */
static inline void
tu_check_msg(const struct diag *d, size_t i, enum diag_level level, const char *path,
    int line)
{
	tu_check_msg_at(d, i, level, path, line, 0);
}

/* Checks that message i of d says what. */
static inline void
tu_check_contains(const struct diag *d, size_t i, const char *what)
{
	assert_true(i < d->n);
	if (strstr(d->msgs[i].text, what) == NULL)
		fail_msg("message \"%s\" does not say \"%s\"", d->msgs[i].text, what);
}

/* s[0..n) with every byte that is not printable ASCII as \xNN, for messages: a failing
   test must not send an article's controls to the terminal. Returns out. */
static inline const char *
tu_escape(const char *s, size_t n, char *out, size_t outlen)
{
	size_t	 i, o = 0;

	for (i = 0; i < n && o + 5 < outlen; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, outlen - o, "\\x%02x", c);
	}
	out[o] = '\0';
	return out;
}

/* xorshift64: the property tests use a fixed seed so that a failure repeats. */
static inline uint64_t
tu_rand(uint64_t *s)
{
	uint64_t	 x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* A number in [0, n), n > 0. */
static inline size_t
tu_randn(uint64_t *s, size_t n)
{
	return (size_t)(tu_rand(s) % n);
}

/* The listing's rows are want[0..n), in that order: a failure names the test's
   line. TU_ROWS(l, ...) lists them. */
static inline void
tu_rows(const struct listing *l, const size_t *want, size_t n, int line)
{
	size_t	 i;

	if (l->nvisible != n)
		fail_msg("line %d: %zu rows, not %zu", line, l->nvisible, n);
	for (i = 0; i < n; i++)
		if (l->visible[i] != want[i])
			fail_msg("line %d: row %zu is article %zu, not %zu", line, i,
			    (size_t)l->visible[i], want[i]);
}
#define TU_ROWS(l, ...)	tu_rows((l), (const size_t[]){ __VA_ARGS__ }, \
			    sizeof((const size_t[]){ __VA_ARGS__ }) / sizeof(size_t), \
			    __LINE__)

#endif
