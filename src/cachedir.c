/* The cache folder and the names of the files in it. The hash is FNV-1a over each
   root's real path with its NUL: scan caches written before this file existed keep
   their names. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cachedir.h"
#include "xmalloc.h"

uint64_t
cachedir_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Eight bytes a step, as the machine stores them: a cache is read where it was
   written. The multiplier is the golden ratio's (odd, bits spread), the shift folds
   the high bits that the multiplication stirs back into the low ones. */
uint64_t
cachedir_sum(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*b = p;
	uint64_t		 w;

	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	/* The last bytes, and how many there were: "a" and "a\0" differ. */
	w = 0;
	if (n > 0)
		memcpy(&w, b, n);
	w ^= (uint64_t)n << 59;
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

/* The step of cachedir_sum() for one word. */
static uint64_t
cachedir_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

void
cachedir_stream_init(struct cachedir_stream *cs)
{
	cs->h = CACHEDIR_FNV_BASIS;
	cs->total = 0;
	cs->n = 0;
}

void
cachedir_stream_add(struct cachedir_stream *cs, const void *p, size_t n)
{
	const unsigned char	*b = p;
	uint64_t		 w;
	size_t			 k;

	cs->total += n;
	/* The word begun by the last piece, completed first. */
	if (cs->n > 0) {
		k = 8 - cs->n < n ? 8 - cs->n : n;
		memcpy(cs->part + cs->n, b, k);
		cs->n += k;
		b += k;
		n -= k;
		if (cs->n < 8)
			return;
		memcpy(&w, cs->part, 8);
		cs->h = cachedir_mix(cs->h, w);
		cs->n = 0;
	}
	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&w, b, 8);
		cs->h = cachedir_mix(cs->h, w);
	}
	memcpy(cs->part, b, n);
	cs->n = n;
}

uint64_t
cachedir_stream_end(const struct cachedir_stream *cs)
{
	uint64_t	 w = 0;

	memcpy(&w, cs->part, cs->n);
	return cachedir_mix(cachedir_mix(cs->h, w), cs->total);
}

/* The cache folder by its real path, as far as it is there yet (cachedir_make()
   makes the rest). SQLite opens the stores with SQLITE_OPEN_NOFOLLOW, which refuses
   a name with a symbolic link anywhere in it: a ~/.cache that is a link to a larger
   disk, or a home reached through one, would otherwise have no head store, image
   or text index, and every command would start cold without a word. The files
   themselves are still never opened through a link. */
static char *
cachedir_real(char *dir)
{
	char	*part, *real, *slash, *out;

	part = xstrdup(dir);
	for (;;) {
		if ((real = realpath(part, NULL)) != NULL) {
			out = xasprintf("%s%s", strcmp(real, "/") == 0 ? "" : real,
			    dir + strlen(part));
			free(real);
			free(part);
			free(dir);
			return out;
		}
		if ((slash = strrchr(part, '/')) == NULL || slash == part) {
			free(part);
			return dir;
		}
		*slash = '\0';
	}
}

char *
cachedir_file(const char *kind, const char *const *roots, size_t nroots,
    const char *suffix)
{
	const char	*xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char		*dir, *abs;
	uint64_t	 h = CACHEDIR_FNV_BASIS;
	size_t		 i;

	for (i = 0; i < nroots; i++) {
		abs = realpath(roots[i], NULL);
		/* With its NUL, as the cache's names have always been made. */
		h = cachedir_fnv(h, abs != NULL ? abs : roots[i],
		    strlen(abs != NULL ? abs : roots[i]) + 1);
		free(abs);
	}
	if (xdg != NULL && *xdg == '/')
		dir = xasprintf("%s/rubric", xdg);
	else if (home != NULL && *home != '\0')
		dir = xasprintf("%s/.cache/rubric", home);
	else
		return NULL;
	dir = cachedir_real(dir);
	abs = xasprintf("%s/%s%016llx%s", dir, kind, (unsigned long long)h, suffix);
	free(dir);
	return abs;
}

void
cachedir_make(const char *path)
{
	char	*dir = xstrdup(path), *slash;

	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if ((slash = strrchr(dir, '/')) != NULL) {
			*slash = '\0';
			mkdir(dir, 0700);
			*slash = '/';
		}
		mkdir(dir, 0700);
	}
	free(dir);
}

int
cachedir_racy(const struct timespec *mtime, const struct timespec *ctime)
{
	return cachedir_racy_at(mtime, ctime, time(NULL));
}

int
cachedir_racy_at(const struct timespec *mtime, const struct timespec *ctime,
    time_t now)
{
	const char	*s = getenv("RUBRIC_INDEX_RACY");
	time_t		 racy = 3;

	/* A filesystem stamps to the second (ext4 with small inodes, NFS, FAT) or
	   to a tick of the kernel's coarse clock: a second write within it leaves
	   size, mtime and ctime as the first left them. */
	if (s != NULL && *s >= '0' && *s <= '9' && s[1] == '\0')
		racy = *s - '0';
	if (racy == 0)
		return 0;
	return mtime->tv_sec > now - racy || ctime->tv_sec > now - racy;
}
