/* The literal prefilter: for each theme's patterns the literals the extractor
   (prefilter_parse.c) found, and one pass over a text that says where they occur. */
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "prefilter.h"
#include "prefilter_int.h"
#include "xmalloc.h"

#define PF_MINLIT	3	/* shorter literals are not worth the look */
#define PF_BITS		(1u << 16)

struct pf_lit {
	char		*s;
	size_t		 len;
	size_t		 unit;
	uint32_t	 hash;
};

struct prefilter {
	size_t		*base;		/* per theme: its first unit */
	size_t		 nunits;
	int		*has;		/* per unit */
	long		*prefix;	/* per unit */
	struct pf_lit	*lits;		/* sorted by hash */
	size_t		 nlits;
	uint8_t		 bits[PF_BITS / 8];
};

static uint32_t		pf_hash(const char *);
static int		pf_cmp(const void *, const void *);
static struct prefilter	*prefilter_make(const struct config *, int);

static uint32_t
pf_hash(const char *s)
{
	return ((uint32_t)(unsigned char)s[0] * 2654435761u ^
	    (uint32_t)(unsigned char)s[1] * 40503u ^ (uint32_t)(unsigned char)s[2]) &
	    (PF_BITS - 1);
}

static int
pf_cmp(const void *a, const void *b)
{
	const struct pf_lit	*x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

struct prefilter *
prefilter_new(const struct config *cfg)
{
	return prefilter_make(cfg, 0);
}

struct prefilter *
prefilter_new_folded(const struct config *cfg)
{
	return prefilter_make(cfg, 1);
}

/* The prefilter of the themes of cfg whose fold is folded: of the folded themes, from
   their patterns folded as fold_pattern() folds them, to run over the text folded;
   of the others, to run over the text as it is. The units of the rest have no
   literals. */
static struct prefilter *
prefilter_make(const struct config *cfg, int folded)
{
	struct prefilter	*pf = xcalloc(1, sizeof *pf);
	struct pf_parser	 ps;
	struct pf_node		 n;
	size_t			 t, i, k, u;
	int			 ok;
	char			*src;

	pf->base = xcalloc(cfg->nthemes + 1, sizeof *pf->base);
	for (t = 0; t < cfg->nthemes; t++) {
		pf->base[t] = pf->nunits;
		pf->nunits += cfg->themes[t].npats;
	}
	pf->base[t] = pf->nunits;
	pf->has = xcalloc(pf->nunits + 1, sizeof *pf->has);
	pf->prefix = xcalloc(pf->nunits + 1, sizeof *pf->prefix);
	for (t = 0; t < cfg->nthemes; t++) {
		const struct theme	*th = &cfg->themes[t];

		for (i = 0; i < th->npats; i++) {
			u = pf->base[t] + i;
			if (th->pats[i].re == NULL || (th->fold != 0) != folded)
				continue;
			src = folded ? fold_pattern(th->pats[i].source) :
			    th->pats[i].source;
			ps.p = src;
			ps.fail = 0;
			ps.depth = 0;
			n = pf_alt(&ps);
			ok = !ps.fail && !n.fail && *ps.p == '\0' &&
			    pf_better(n.set, n.nset, NULL, 0);
			for (k = 0; ok && k < n.nset; k++)
				if (strlen(n.set[k]) < PF_MINLIT)
					ok = 0;
			if (ok) {
				pf->has[u] = 1;
				pf->prefix[u] = n.finite ? 0 : n.prefix;
				for (k = 0; k < n.nset; k++) {
					struct pf_lit	*l;

					pf->lits = xreallocarray(pf->lits, pf->nlits + 1,
					    sizeof *pf->lits);
					l = &pf->lits[pf->nlits++];
					l->s = xstrdup(n.set[k]);
					l->len = strlen(l->s);
					l->unit = u;
					l->hash = pf_hash(l->s);
					pf->bits[l->hash / 8] |=
					    (uint8_t)(1u << (l->hash % 8));
				}
			}
			pf_free(&n);
			if (src != th->pats[i].source)
				free(src);
		}
	}
	if (pf->nlits > 0)
		qsort(pf->lits, pf->nlits, sizeof *pf->lits, pf_cmp);
	return pf;
}

void
prefilter_free(struct prefilter *pf)
{
	size_t	 i;

	if (pf == NULL)
		return;
	for (i = 0; i < pf->nlits; i++)
		free(pf->lits[i].s);
	free(pf->lits);
	free(pf->has);
	free(pf->prefix);
	free(pf->base);
	free(pf);
}

size_t
prefilter_unit(const struct prefilter *pf, size_t t, size_t p)
{
	return pf->base[t] + p;
}

int
prefilter_has(const struct prefilter *pf, size_t u)
{
	return u < pf->nunits && pf->has[u];
}

long
prefilter_prefix(const struct prefilter *pf, size_t u)
{
	return pf->prefix[u];
}

size_t
prefilter_count(const struct prefilter *pf, size_t u)
{
	size_t	 i, n = 0;

	for (i = 0; i < pf->nlits; i++)
		n += pf->lits[i].unit == u;
	return n;
}

const char *
prefilter_string(const struct prefilter *pf, size_t u, size_t k)
{
	size_t	 i;

	for (i = 0; i < pf->nlits; i++)
		if (pf->lits[i].unit == u && k-- == 0)
			return pf->lits[i].s;
	return NULL;
}

void
prefilter_hits_init(struct prefilter_hits *h, const struct prefilter *pf)
{
	memset(h, 0, sizeof *h);
	h->nunits = pf->nunits;
	h->occ = xcalloc(pf->nunits + 1, sizeof *h->occ);
	h->nocc = xcalloc(pf->nunits + 1, sizeof *h->nocc);
	h->cap = xcalloc(pf->nunits + 1, sizeof *h->cap);
}

void
prefilter_hits_free(struct prefilter_hits *h)
{
	size_t	 u;

	for (u = 0; u < h->nunits; u++)
		free(h->occ[u]);
	free(h->occ);
	free(h->nocc);
	free(h->cap);
	free(h->lower);
	memset(h, 0, sizeof *h);
}

void
prefilter_scan(const struct prefilter *pf, const char *buf, size_t len,
    struct prefilter_hits *h)
{
	const struct pf_lit	*l;
	size_t			 i, u, lo, hi, mid;
	uint32_t		 hh;
	unsigned char		 c;
	char			*lower;

	for (u = 0; u < h->nunits; u++)
		h->nocc[u] = 0;
	h->unsafe = 0;
	if (pf->nlits == 0)
		return;
	if (len > h->lowercap) {
		h->lowercap = len;
		h->lower = xreallocarray(h->lower, len, 1);
	}
	lower = h->lower;
	for (i = 0; i < len; i++) {
		c = (unsigned char)buf[i];
		lower[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : (char)c;
		/* KELVIN SIGN and LONG S match k and s caselessly under Unicode:
		   folding to ASCII would miss them, so such a text is searched whole. */
		if (c == 0xe2 && i + 2 < len && (unsigned char)buf[i + 1] == 0x84 &&
		    (unsigned char)buf[i + 2] == 0xaa)
			h->unsafe = 1;
		if (c == 0xc5 && i + 1 < len && (unsigned char)buf[i + 1] == 0xbf)
			h->unsafe = 1;
	}
	if (h->unsafe)
		return;
	for (i = 0; i + PF_MINLIT <= len; i++) {
		hh = pf_hash(lower + i);
		if (!(pf->bits[hh / 8] & (1u << (hh % 8))))
			continue;
		lo = 0;
		hi = pf->nlits;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (pf->lits[mid].hash < hh)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < pf->nlits && pf->lits[lo].hash == hh; lo++) {
			l = &pf->lits[lo];
			if (l->len > len - i || memcmp(lower + i, l->s, l->len) != 0)
				continue;
			u = l->unit;
			if (h->nocc[u] > 0 && h->occ[u][h->nocc[u] - 1] == i)
				continue;
			if (h->nocc[u] == h->cap[u]) {
				h->cap[u] = h->cap[u] ? h->cap[u] * 2 : 16;
				h->occ[u] = xreallocarray(h->occ[u], h->cap[u],
				    sizeof *h->occ[u]);
			}
			h->occ[u][h->nocc[u]++] = i;
		}
	}
}
