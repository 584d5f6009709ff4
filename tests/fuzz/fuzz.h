/* What the harnesses share: an invariant check that aborts (libFuzzer keeps the
   input), and a scratch file for the entry points that read a path. The file is
   unlinked as soon as it is made and reached through /proc/self/fd, so that a crash
   or a timeout leaves nothing behind. Every helper is static inline, as in
   tests/unit/testutil.h. */
#ifndef RUBRIC_FUZZ_H
#define RUBRIC_FUZZ_H

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "utf8.h"

#define FUZZ_CHECK(e) do {						\
	if (!(e)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
		    __FILE__, __LINE__, #e);				\
		abort();						\
	}								\
} while (0)

struct fuzz_file {
	int	fd;
	char	path[64];	/* "/proc/self/fd/N": opens the unlinked file */
};

/* Every harness runs in C.UTF-8, as the tests do: wcwidth() depends on it. */
static inline void
fuzz_locale(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "setlocale C.UTF-8 failed\n");
		abort();
	}
}

/* Makes the scratch file, once per process. */
static inline void
fuzz_file_open(struct fuzz_file *f)
{
	const char	*tmp = getenv("TMPDIR");
	char		 name[4096];

	snprintf(name, sizeof name, "%s/rubric-fuzz.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if ((f->fd = mkstemp(name)) == -1) {
		fprintf(stderr, "mkstemp %s: %s\n", name, strerror(errno));
		abort();
	}
	unlink(name);
	snprintf(f->path, sizeof f->path, "/proc/self/fd/%d", f->fd);
}

/* Replaces the scratch file's content with data[0..size). */
static inline void
fuzz_file_put(struct fuzz_file *f, const void *data, size_t size)
{
	const char	*p = data;
	off_t		 off = 0;
	ssize_t		 w;

	FUZZ_CHECK(ftruncate(f->fd, 0) == 0);
	while ((size_t)off < size) {
		w = pwrite(f->fd, p + off, size - (size_t)off, off);
		if (w == -1 && errno == EINTR)
			continue;
		FUZZ_CHECK(w > 0);
		off += w;
	}
}

/* Every message is quoted: it may hold line ends (a pattern shown under it), but no
   other control, no C1 or bidi control, and no byte that is not UTF-8. */
static inline void
fuzz_quoted(const struct diag *d)
{
	const char	*t;
	uint32_t	 cp;
	size_t		 i, k, n, len;

	for (i = 0; i < d->n; i++) {
		t = d->msgs[i].text;
		FUZZ_CHECK(t != NULL);
		n = strlen(t);
		for (k = 0; k < n; k += len) {
			len = utf8_decode(t + k, n - k, &cp);
			FUZZ_CHECK(cp != UTF8_INVALID);
			FUZZ_CHECK(cp == '\n' || (cp >= 0x20 && cp != 0x7f));
			FUZZ_CHECK(cp < 0x80 || cp >= 0xa0);
			FUZZ_CHECK(cp != 0x061c && cp != 0x200e && cp != 0x200f);
			FUZZ_CHECK(cp < 0x202a || cp > 0x202e);
			FUZZ_CHECK(cp < 0x2066 || cp > 0x2069);
		}
	}
}

#endif
