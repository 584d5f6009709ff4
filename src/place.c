/* Places (place.h): a bump through one mapping reserved with MAP_NORESERVE, so that
   a place sized for the largest corpus costs a small one only the pages it writes. */
#include <sys/mman.h>
#include <sys/resource.h>

#include "place.h"

/* The first bytes of a place are in small pages: a small corpus does not take a
   2 MB page for each of its places. */
#define PLACE_SMALL	((size_t)2 << 20)

int
place_open(struct place *p, size_t len)
{
	struct rlimit	 rl;
	void		*m;

	p->lo = p->at = p->hi = NULL;
	/* Under a limit on address space (ulimit -v) the reservation would count
	   against it, and could leave too little for everything else: no place. */
	if (getrlimit(RLIMIT_AS, &rl) == -1 || rl.rlim_cur != RLIM_INFINITY)
		return -1;
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		return -1;
	/* Written front to back, so a huge page is wholly used before the next. */
	if (len > PLACE_SMALL)
		(void)madvise((char *)m + PLACE_SMALL, len - PLACE_SMALL,
		    MADV_HUGEPAGE);
	p->lo = p->at = m;
	p->hi = p->lo + len;
	return 0;
}

void *
place_take(struct place *p, size_t n)
{
	char	*q;
	size_t	 r = (n + 7) & ~(size_t)7;

	if (p->lo == NULL || r < n || r > (size_t)(p->hi - p->at))
		return NULL;
	q = p->at;
	p->at += r;
	/* The mapping's pages come zeroed and no byte is taken twice. */
	return q;
}

int
place_has(const struct place *p, const void *q)
{
	const char	*c = q;

	return p->lo != NULL && c >= p->lo && c < p->hi;
}

void
place_close(struct place *p)
{
	if (p->lo != NULL)
		munmap(p->lo, (size_t)(p->hi - p->lo));
	p->lo = p->at = p->hi = NULL;
}
