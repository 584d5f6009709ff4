/* Allocation wrappers: every caller may assume success, and a failure ends the program
   through fatal(), which restores the terminal first. */
#include <sys/mman.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xmalloc.h"

/* Large blocks (a million articles' pointers, paths, sidecar entries) are asked
   for in huge pages (MADV_HUGEPAGE), which the kernel's default "madvise" mode
   gives to none unasked: in a virtual machine the first touch of each 4 kB page
   costs microseconds, and a pass over a million articles' arrays touches
   thousands. At a million articles a folders-mode query took 0.29-0.36 s with
   them in small pages and 0.20-0.21 s in huge ones (with the catalogue image's
   read windows in xmap()), at the same peak RSS. Only the 2 MB pages wholly
   within the block are asked for; where there are none, nothing changes. */
#define XMALLOC_HUGE	((size_t)2 << 20)

static void *
xmalloc_huge(void *p, size_t n)
{
	uintptr_t	 lo, hi;

	if (n < 2 * XMALLOC_HUGE)
		return p;
	lo = ((uintptr_t)p + XMALLOC_HUGE - 1) & ~(uintptr_t)(XMALLOC_HUGE - 1);
	hi = ((uintptr_t)p + n) & ~(uintptr_t)(XMALLOC_HUGE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	return p;
}

void *
xmap(size_t n)
{
	size_t	 len = (n + XMALLOC_HUGE - 1) & ~(XMALLOC_HUGE - 1);
	void	*p;

	if (len < n)
		fatal("allocation of %zu bytes overflows", n);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED)
		fatal("out of memory mapping %zu bytes", n);
	(void)madvise(p, len, MADV_HUGEPAGE);
	return p;
}

void
xunmap(void *p, size_t n)
{
	if (p != NULL)
		munmap(p, (n + XMALLOC_HUGE - 1) & ~(XMALLOC_HUGE - 1));
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory allocating %zu bytes", n);
	return xmalloc_huge(p, n);
}

void *
xmalloc_filled(size_t nmemb, size_t size)
{
	void	*p;
	size_t	 n, len;

	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("allocation of %zu x %zu bytes overflows", nmemb, size);
	n = nmemb * size;
	if (n < XMALLOC_HUGE)
		return xmalloc(n);
	/* The last huge page whole: the array's end is filled too. */
	len = (n + XMALLOC_HUGE - 1) & ~(XMALLOC_HUGE - 1);
	if (len < n || posix_memalign(&p, XMALLOC_HUGE, len) != 0)
		fatal("out of memory allocating %zu x %zu bytes", nmemb, size);
	(void)madvise(p, len, MADV_HUGEPAGE);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory allocating %zu x %zu bytes", nmemb, size);
	/* calloc() has checked nmemb * size. */
	return xmalloc_huge(p, nmemb * size);
}

void *
xreallocarray(void *old, size_t nmemb, size_t size)
{
	void	*p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("allocation of %zu x %zu bytes overflows", nmemb, size);
	p = realloc(old, nmemb * size != 0 ? nmemb * size : 1);
	if (p == NULL)
		fatal("out of memory allocating %zu x %zu bytes", nmemb, size);
	return xmalloc_huge(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len = strnlen(s, n);

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format string");
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
xtrim(void)
{
#ifdef __GLIBC__
	/* Every arena's free pages, not only the top of the heap's. */
	(void)malloc_trim(0);
#endif
}
