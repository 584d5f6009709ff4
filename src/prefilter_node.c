/* The prefilter's nodes: the sets of strings the extractor (prefilter_parse.c) works
   with, and what it does with them: a cross product for a sequence, a union for an
   alternation, the better of two factors, and lengths that saturate to unbounded. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter_int.h"
#include "xmalloc.h"

#define PF_MAXSET	64	/* strings a finite node may stand for */
#define PF_MAXLEN	48	/* bytes of one such string */

char
pf_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Lengths: -1 is unbounded, and so is anything past PF_LENMAX (PCRE2 itself allows
   no count over 65535), so that no sum or product can overflow (fuzz_theme). */
#define PF_LENMAX	(1L << 30)

long
pf_addlen(long a, long b)
{
	return a < 0 || b < 0 || a > PF_LENMAX - b ? -1 : a + b;
}

long
pf_mullen(long n, long len)
{
	return n < 0 || len < 0 || (len > 0 && n > PF_LENMAX / len) ? -1 : n * len;
}

void
pf_add(struct pf_node *n, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < n->nset; i++)
		if (strlen(n->set[i]) == len && memcmp(n->set[i], s, len) == 0)
			return;
	n->set = xreallocarray(n->set, n->nset + 1, sizeof *n->set);
	n->set[n->nset++] = xstrndup(s, len);
}

void
pf_free(struct pf_node *n)
{
	size_t	 i;

	for (i = 0; i < n->nset; i++)
		free(n->set[i]);
	free(n->set);
	n->set = NULL;
	n->nset = 0;
}

struct pf_node
pf_empty(void)
{
	struct pf_node	 n;

	memset(&n, 0, sizeof n);
	n.finite = 1;
	pf_add(&n, "", 0);
	return n;
}

struct pf_node
pf_finite1(char c)
{
	struct pf_node	 n;

	memset(&n, 0, sizeof n);
	n.finite = 1;
	c = pf_lower(c);
	pf_add(&n, &c, 1);
	n.maxlen = 1;
	return n;
}

/* Some text, of at most maxlen bytes (-1: unbounded), that nothing is known about. */
struct pf_node
pf_any(long maxlen)
{
	struct pf_node	 n;

	memset(&n, 0, sizeof n);
	n.maxlen = maxlen;
	n.prefix = -1;
	return n;
}

/* Whether the set (a, na) is a better factor than (b, nb): its shortest string is
   longer, or as long with fewer strings. A set holding "" is no factor at all. */
int
pf_better(char **a, size_t na, char **b, size_t nb)
{
	size_t	 i, mina = SIZE_MAX, minb = SIZE_MAX;

	if (na == 0)
		return 0;
	for (i = 0; i < na; i++)
		if (strlen(a[i]) < mina)
			mina = strlen(a[i]);
	if (mina == 0)
		return 0;
	if (nb == 0)
		return 1;
	for (i = 0; i < nb; i++)
		if (strlen(b[i]) < minb)
			minb = strlen(b[i]);
	return mina > minb || (mina == minb && na < nb);
}

/* Makes (set, n) the factor of the sequence node s if it is better, with prefix. */
void
pf_take(struct pf_node *s, char **set, size_t n, long prefix)
{
	size_t	 i;

	if (!pf_better(set, n, s->set, s->nset))
		return;
	pf_free(s);
	for (i = 0; i < n; i++)
		pf_add(s, set[i], strlen(set[i]));
	s->prefix = prefix;
}

/* run := run x item, both finite; returns -1 (leaving run as it was) when the
   product would be too big. */
int
pf_cross(struct pf_node *run, const struct pf_node *item)
{
	struct pf_node	 out;
	size_t		 i, j, la, lb;
	char		 buf[PF_MAXLEN * 2 + 1];

	if (run->nset * item->nset > PF_MAXSET)
		return -1;
	memset(&out, 0, sizeof out);
	out.finite = 1;
	for (i = 0; i < run->nset; i++)
		for (j = 0; j < item->nset; j++) {
			la = strlen(run->set[i]);
			lb = strlen(item->set[j]);
			if (la + lb > PF_MAXLEN) {
				pf_free(&out);
				return -1;
			}
			memcpy(buf, run->set[i], la);
			memcpy(buf + la, item->set[j], lb);
			pf_add(&out, buf, la + lb);
		}
	out.maxlen = pf_addlen(run->maxlen, item->maxlen);
	pf_free(run);
	*run = out;
	return 0;
}

/* a | b. */
struct pf_node
pf_union(struct pf_node a, struct pf_node b)
{
	struct pf_node	 n;
	size_t		 i;
	int		 fa, fb;

	memset(&n, 0, sizeof n);
	n.fail = a.fail || b.fail;
	n.maxlen = a.maxlen < 0 || b.maxlen < 0 ? -1 :
	    a.maxlen > b.maxlen ? a.maxlen : b.maxlen;
	if (a.finite && b.finite && a.nset + b.nset <= PF_MAXSET) {
		n.finite = 1;
		for (i = 0; i < a.nset; i++)
			pf_add(&n, a.set[i], strlen(a.set[i]));
		for (i = 0; i < b.nset; i++)
			pf_add(&n, b.set[i], strlen(b.set[i]));
	} else {
		/* Either branch may match: the factor is both factors together, and
		   only if each branch has one without "". */
		fa = pf_better(a.set, a.nset, NULL, 0);
		fb = pf_better(b.set, b.nset, NULL, 0);
		n.prefix = -1;
		if (fa && fb) {
			long	 pa = a.finite ? 0 : a.prefix;
			long	 pb = b.finite ? 0 : b.prefix;

			for (i = 0; i < a.nset; i++)
				pf_add(&n, a.set[i], strlen(a.set[i]));
			for (i = 0; i < b.nset; i++)
				pf_add(&n, b.set[i], strlen(b.set[i]));
			n.prefix = pa < 0 || pb < 0 ? -1 : pa > pb ? pa : pb;
		}
	}
	pf_free(&a);
	pf_free(&b);
	return n;
}
