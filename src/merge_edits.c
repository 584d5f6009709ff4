/* THEIRS' hand edits carried into a merge. The facts are merged on models (merge.c)
   and written over OURS' text, which keeps OURS' own comments and unknown keys; here
   the lines THEIRS added that are no facts find their section in that text, and the
   result is read again to be sure it says the same facts as the merge. */
#include <stdlib.h>
#include <string.h>

#include "merge_edits.h"
#include "sidecar_text.h"
#include "xmalloc.h"

/* A hand-edit line of theirs to carry, and where it goes in the merged text. */
struct merge_edits_put {
	size_t		 off;		/* in merged; (size_t)-1: a new section */
	size_t		 sec;		/* its section in theirs */
	size_t		 line;		/* in that section */
	size_t		 order;		/* in theirs, for a stable sort */
};

struct merge_edits_buf {
	char	*s;
	size_t	 n;
	size_t	 cap;
};

static int	merge_edits_take(struct sidecar_hand *, size_t, unsigned char **,
		    const char *, const char *);
static int	merge_edits_cmp(const void *, const void *);
static int	merge_edits_psame(const struct sidecar_entry *,
		    const struct sidecar_entry *);
static void	merge_edits_put(struct merge_edits_buf *, const char *, size_t);
static int	merge_edits_same(const char *, size_t, const char *, size_t,
		    const char *);
static struct merge_edits_put *merge_edits_find(struct sidecar_hand *, size_t,
		    struct sidecar_hand *, size_t, const struct sidecar_hand *, size_t,
		    size_t *);
static void	merge_edits_splice(const char *, size_t, const struct sidecar_hand *,
		    struct merge_edits_put *, size_t, struct merge_edits_buf *);
static void	merge_edits_refuse(const struct sidecar_hand *,
		    const struct merge_edits_put *, size_t, const char *, struct diag *);

/* Whether the hand edits v (n sections, used[i] marking lines taken) hold line in
   the section id; if so it is taken, so that each of theirs' lines is matched once. */
static int
merge_edits_take(struct sidecar_hand *v, size_t n, unsigned char **used,
    const char *id, const char *line)
{
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].id, id) != 0)
			continue;
		for (j = 0; j < v[i].n; j++)
			if (!used[i][j] && strcmp(v[i].lines[j], line) == 0) {
				used[i][j] = 1;
				return 1;
			}
	}
	return 0;
}

static int
merge_edits_cmp(const void *a, const void *b)
{
	const struct merge_edits_put	*x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void
merge_edits_put(struct merge_edits_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* Whether two entries have the same passages: texts, offsets, codes and note. */
static int
merge_edits_psame(const struct sidecar_entry *a, const struct sidecar_entry *b)
{
	const struct sidecar_passage	*p, *q;
	size_t				 i, k;

	if (a->npassages != b->npassages)
		return 0;
	for (i = 0; i < a->npassages; i++) {
		p = &a->passages[i];
		q = &b->passages[i];
		if (strcmp(p->id, q->id) != 0 || strcmp(p->quote, q->quote) != 0 ||
		    strcmp(p->before, q->before) != 0 ||
		    strcmp(p->after, q->after) != 0 || p->start != q->start ||
		    p->end != q->end || (p->note == NULL) != (q->note == NULL) ||
		    (p->note != NULL && strcmp(p->note, q->note) != 0) ||
		    p->ntags != q->ntags)
			return 0;
		for (k = 0; k < p->ntags; k++)
			if (strcmp(p->tags[k].name, q->tags[k].name) != 0 ||
			    p->tags[k].origin != q->tags[k].origin)
				return 0;
	}
	return 1;
}

/* Whether texts a and b say the same facts: the same articles with something on them,
   with the same tags, notes, read flags and fingerprints. Returns -1 when b does not
   parse (said in d). */
static int
merge_edits_same(const char *a, size_t alen, const char *b, size_t blen,
    const char *label)
{
	struct sidecar	 x, y;
	struct diag	 quiet;
	size_t		 i = 0, j = 0, k;
	int		 same = 1;

	memset(&quiet, 0, sizeof quiet);
	sidecar_init(&x);
	sidecar_init(&y);
	if (sidecar_text_parse(&x, xstrndup(a, alen), alen, label, &quiet) == -1 ||
	    sidecar_text_parse(&y, xstrndup(b, blen), blen, label, &quiet) == -1) {
		same = 0;
		goto out;
	}
	for (;;) {
		while (i < x.n && x.v[i].ntags == 0 && x.v[i].note == NULL &&
		    !x.v[i].read && x.v[i].fingerprint == NULL &&
		    x.v[i].npassages == 0)
			i++;
		while (j < y.n && y.v[j].ntags == 0 && y.v[j].note == NULL &&
		    !y.v[j].read && y.v[j].fingerprint == NULL &&
		    y.v[j].npassages == 0)
			j++;
		if (i == x.n || j == y.n)
			break;
		if (strcmp(x.v[i].path, y.v[j].path) != 0 ||
		    x.v[i].read != y.v[j].read || x.v[i].ntags != y.v[j].ntags ||
		    (x.v[i].note == NULL) != (y.v[j].note == NULL) ||
		    (x.v[i].note != NULL && strcmp(x.v[i].note, y.v[j].note) != 0) ||
		    (x.v[i].fingerprint == NULL) != (y.v[j].fingerprint == NULL) ||
		    (x.v[i].fingerprint != NULL &&
		    strcmp(x.v[i].fingerprint, y.v[j].fingerprint) != 0)) {
			same = 0;
			break;
		}
		for (k = 0; k < x.v[i].ntags; k++)
			if (strcmp(x.v[i].tags[k].name, y.v[j].tags[k].name) != 0 ||
			    x.v[i].tags[k].origin != y.v[j].tags[k].origin)
				same = 0;
		if (!merge_edits_psame(&x.v[i], &y.v[j]))
			same = 0;
		i++;
		j++;
	}
	same &= i == x.n && j == y.n;
out:
	sidecar_free(&x);
	sidecar_free(&y);
	diag_free(&quiet);
	return same;
}

/* Reads the three sides' hand edits, finds theirs' lines that merged lacks
   (merge_edits_find), puts them into merged (merge_edits_splice) and keeps the
   result only if it says the same facts as merged; each line kept is said. */
int
merge_edits_carry(const char *merged, size_t mlen, const char *base, size_t blen,
    const char *theirs, size_t tlen, const char *label, char **out, size_t *outlen,
    struct diag *d)
{
	struct sidecar_hand	*hm = NULL, *hb = NULL, *ht = NULL;
	struct merge_edits_put	*put = NULL;
	struct merge_edits_buf	 b;
	struct diag		 quiet;
	size_t			 nm = 0, nb = 0, nt = 0, nput = 0, i, at;
	int			 rc = -1;

	*out = NULL;
	*outlen = 0;
	memset(&b, 0, sizeof b);
	memset(&quiet, 0, sizeof quiet);
	/* All three were read already, their warnings said: read quietly. */
	if (sidecar_text_hands(merged, mlen, label, &hm, &nm, &quiet) == -1 ||
	    sidecar_text_hands(theirs, tlen, label, &ht, &nt, &quiet) == -1 ||
	    (base != NULL && sidecar_text_hands(base, blen, label, &hb, &nb,
	    &quiet) == -1)) {
		diag_add(d, DIAG_ERROR, label, 0, "cannot read a side again to find "
		    "theirs' hand edits");
		goto done;
	}
	put = merge_edits_find(hm, nm, hb, nb, ht, nt, &nput);
	if (nput == 0) {
		rc = 0;
		goto done;
	}
	merge_edits_splice(merged, mlen, ht, put, nput, &b);
	if (!merge_edits_same(merged, mlen, b.s, b.n, label)) {
		merge_edits_refuse(ht, put, nput, label, d);
		free(b.s);
		goto done;
	}
	for (i = 0; i < nput; i++) {
		at = put[i].sec;
		diag_add(d, DIAG_WARNING, label, 0, "kept theirs' hand edit (their line "
		    "%d) in %s: %s", ht[at].lineno[put[i].line],
		    ht[at].header != NULL ? ht[at].header : "the top",
		    ht[at].lines[put[i].line]);
	}
	*out = b.s;
	*outlen = b.n;
	rc = (int)nput;
done:
	free(put);
	sidecar_text_hands_free(hm, nm);
	sidecar_text_hands_free(hb, nb);
	sidecar_text_hands_free(ht, nt);
	diag_free(&quiet);
	return rc;
}

/* What theirs (ht, nt sections) added that merged (hm) does not hold: base's lines
   (hb) and merged's each answer for one of theirs' lines alike, so that a line
   theirs has twice is carried as often as it was added. Each is given where it goes:
   a shadowed fact's line just after its section's header, any other after the
   section's last line, or (size_t)-1 for a section merged lacks. Returns the lines
   in *nput (caller frees). */
static struct merge_edits_put *
merge_edits_find(struct sidecar_hand *hm, size_t nm, struct sidecar_hand *hb,
    size_t nb, const struct sidecar_hand *ht, size_t nt, size_t *nput)
{
	struct merge_edits_put	*put = NULL;
	unsigned char		**um, **ub;
	size_t			 i, j, k, np = 0;

	um = xcalloc(nm + 1, sizeof *um);
	for (i = 0; i < nm; i++)
		um[i] = xcalloc(hm[i].n + 1, 1);
	ub = xcalloc(nb + 1, sizeof *ub);
	for (i = 0; i < nb; i++)
		ub[i] = xcalloc(hb[i].n + 1, 1);
	for (i = 0; i < nt; i++)
		for (j = 0; j < ht[i].n; j++) {
			if (merge_edits_take(hb, nb, ub, ht[i].id, ht[i].lines[j]) ||
			    merge_edits_take(hm, nm, um, ht[i].id, ht[i].lines[j]))
				continue;
			put = xreallocarray(put, np + 1, sizeof *put);
			put[np].sec = i;
			put[np].line = j;
			put[np].order = np;
			put[np].off = (size_t)-1;
			for (k = 0; k < nm; k++)
				if (strcmp(hm[k].id, ht[i].id) == 0) {
					put[np].off = ht[i].shadowed[j] ? hm[k].body :
					    hm[k].last;
					break;
				}
			np++;
		}
	for (i = 0; i < nm; i++)
		free(um[i]);
	for (i = 0; i < nb; i++)
		free(ub[i]);
	free(um);
	free(ub);
	*nput = np;
	return put;
}

/* Merged's text with the nput lines of put (of theirs, ht) in it, into b: each at
   its place in order, in merged's line ends; sections merged lacks come whole, in
   theirs' order, after all of its. put is sorted here. */
static void
merge_edits_splice(const char *merged, size_t mlen, const struct sidecar_hand *ht,
    struct merge_edits_put *put, size_t nput, struct merge_edits_buf *b)
{
	const char	*eol, *nl;
	size_t		 i, at, from;

	nl = memchr(merged, '\n', mlen);
	eol = nl != NULL && nl > merged && nl[-1] == '\r' ? "\r\n" : "\n";
	qsort(put, nput, sizeof *put, merge_edits_cmp);
	merge_edits_put(b, "", 0);
	for (i = from = 0; i < nput && put[i].off != (size_t)-1; i++) {
		merge_edits_put(b, merged + from, put[i].off - from);
		from = put[i].off;
		if (b->n > 0 && b->s[b->n - 1] != '\n')
			merge_edits_put(b, eol, strlen(eol));
		at = put[i].sec;
		merge_edits_put(b, ht[at].lines[put[i].line],
		    strlen(ht[at].lines[put[i].line]));
		merge_edits_put(b, eol, strlen(eol));
	}
	merge_edits_put(b, merged + from, mlen - from);
	/* Sections merged lacks, whole, in theirs' order, after all of its. */
	for (; i < nput; i++) {
		at = put[i].sec;
		if (i == 0 || put[i - 1].off != (size_t)-1 || put[i - 1].sec != at) {
			if (b->n > 0 && b->s[b->n - 1] != '\n')
				merge_edits_put(b, eol, strlen(eol));
			if (b->n > 0)
				merge_edits_put(b, eol, strlen(eol));
			merge_edits_put(b, ht[at].header, strlen(ht[at].header));
			merge_edits_put(b, eol, strlen(eol));
		}
		merge_edits_put(b, ht[at].lines[put[i].line],
		    strlen(ht[at].lines[put[i].line]));
		merge_edits_put(b, eol, strlen(eol));
	}
}

/* Says in d why theirs' lines cannot be carried: only a fact's unread line can change
   what the file says, so each of those is named; else the whole is. */
static void
merge_edits_refuse(const struct sidecar_hand *ht, const struct merge_edits_put *put,
    size_t nput, const char *label, struct diag *d)
{
	size_t	 i, at, k;

	for (i = k = 0; i < nput; i++) {
		at = put[i].sec;
		if (!ht[at].shadowed[put[i].line])
			continue;
		k++;
		diag_add(d, DIAG_ERROR, label, 0, "theirs' line %d '%s' (in %s) "
		    "is not read there, and would be read in the merge: it cannot "
		    "be kept without changing a tag, note or read flag",
		    ht[at].lineno[put[i].line], ht[at].lines[put[i].line],
		    ht[at].header != NULL ? ht[at].header : "the top");
	}
	if (k == 0)
		diag_add(d, DIAG_ERROR, label, 0, "theirs' hand edits cannot be "
		    "kept without changing what the merge says");
}
