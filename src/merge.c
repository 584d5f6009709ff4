/* Merging sidecars three ways. An article is matched across the three by its path (or
   by its fingerprint where one side moved it), and each of its keys takes the side
   that changed it; where both changed one differently a stated rule decides, and a
   note is never cut: both texts stay. Everything here works on struct sidecar models,
   never on the file's text, so that the format can change under it. */
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "xmalloc.h"

/* An entry of one side under the path it has in base: its own path, or the one it
   had before the side moved it. */
struct merge_ref {
	const char			*id;
	const struct sidecar_entry	*e;
};

struct merge_buf {
	char	*s;
	size_t	 n;
	size_t	 cap;
};

static int	merge_cmp_ref(const void *, const void *);
static int	merge_cmp_fp(const void *, const void *);
static int	merge_cmp_entry(const void *, const void *);
static int	merge_streq(const char *, const char *);
static int	merge_rank(int);
static const char *merge_origin_name(int);
static struct merge_ref *merge_refs(const struct sidecar *, const struct sidecar *,
		    size_t *);
static void	merge_entry(struct sidecar_entry *, const struct sidecar_entry *,
		    const struct sidecar_entry *, const struct sidecar_entry *,
		    const char *, const char *, struct merge_stats *, struct diag *);
static void	merge_tags(struct sidecar_entry *, const struct sidecar_entry *,
		    const struct sidecar_entry *, const struct sidecar_entry *,
		    const char *, struct merge_stats *, struct diag *);
static void	merge_codes(struct sidecar_tag **, size_t *, const struct sidecar_tag *,
		    size_t, const struct sidecar_tag *, size_t, const struct sidecar_tag *,
		    size_t, const char *, const char *, const char *, struct merge_stats *,
		    struct diag *);
static int	merge_passage_same(const struct sidecar_passage *,
		    const struct sidecar_passage *);
static const struct sidecar_passage *merge_passage_of(const struct sidecar_entry *,
		    const char *);
static void	merge_passages(struct sidecar_entry *, const struct sidecar_entry *,
		    const struct sidecar_entry *, const struct sidecar_entry *,
		    const char *, const char *, struct merge_stats *, struct diag *);
static void	merge_put(struct merge_buf *, const char *, size_t);
static void	merge_put_text(struct merge_buf *, const char *);

static int
merge_cmp_ref(const void *a, const void *b)
{
	return strcmp(((const struct merge_ref *)a)->id,
	    ((const struct merge_ref *)b)->id);
}

/* Orders the candidates of a move by fingerprint. */
static int
merge_cmp_fp(const void *a, const void *b)
{
	return strcmp((*(const struct sidecar_entry *const *)a)->fingerprint,
	    (*(const struct sidecar_entry *const *)b)->fingerprint);
}

static int
merge_cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct sidecar_entry *)a)->path,
	    ((const struct sidecar_entry *)b)->path);
}

/* Two optional strings are equal: both absent, or the same bytes. */
static int
merge_streq(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Which origin wins when both sides gave a tag a different one: a person's decision
   over a theme's guess, and of a person's two decisions the one that keeps the tag
   in view (a rejection hides it; a kept tag can be removed again, a hidden one is
   easily never seen). */
static int
merge_rank(int origin)
{
	return origin == SIDECAR_PERSON ? 3 : origin == SIDECAR_REJECTED ? 2 :
	    origin == SIDECAR_THEME ? 1 : 0;
}

static const char *
merge_origin_name(int origin)
{
	return origin == SIDECAR_PERSON ? "person" : origin == SIDECAR_THEME ?
	    "theme" : origin == SIDECAR_REJECTED ? "rejected" : "removed";
}

/* The entries of side s under their base paths, sorted by them, in *n; a moved entry
   is one whose base path is gone from s and that alone on s has that base entry's
   fingerprint at a path base does not know. Caller frees the array (not the
   entries, which stay s's). */
static struct merge_ref *
merge_refs(const struct sidecar *base, const struct sidecar *s, size_t *n)
{
	struct merge_ref	*refs;
	struct sidecar_entry	**fresh, key, *kp = &key, **hit;
	const char		**id;
	size_t			 i, nfresh = 0, at;

	id = xcalloc(s->n + 1, sizeof *id);
	fresh = xcalloc(s->n + 1, sizeof *fresh);
	for (i = 0; i < s->n; i++)
		if (s->v[i].fingerprint != NULL && (base == NULL ||
		    sidecar_entry((struct sidecar *)base, s->v[i].path, 0) == NULL))
			fresh[nfresh++] = &s->v[i];
	if (nfresh > 0)
		qsort(fresh, nfresh, sizeof *fresh, merge_cmp_fp);
	for (i = 0; base != NULL && nfresh > 0 && i < base->n; i++) {
		const struct sidecar_entry	*b = &base->v[i];

		if (b->fingerprint == NULL ||
		    sidecar_entry((struct sidecar *)s, b->path, 0) != NULL)
			continue;
		key.fingerprint = b->fingerprint;
		if ((hit = bsearch(&kp, fresh, nfresh, sizeof *fresh,
		    merge_cmp_fp)) == NULL)
			continue;
		/* Two files with that content: which one it became is a guess, and
		   tags never move on a guess. */
		at = (size_t)(hit - fresh);
		if ((at > 0 && strcmp(fresh[at - 1]->fingerprint, b->fingerprint) == 0) ||
		    (at + 1 < nfresh && strcmp(fresh[at + 1]->fingerprint,
		    b->fingerprint) == 0))
			continue;
		if (id[*hit - s->v] == NULL)
			id[*hit - s->v] = b->path;
	}
	refs = xcalloc(s->n + 1, sizeof *refs);
	for (i = 0; i < s->n; i++) {
		refs[i].id = id[i] != NULL ? id[i] : s->v[i].path;
		refs[i].e = &s->v[i];
	}
	qsort(refs, s->n, sizeof *refs, merge_cmp_ref);
	*n = s->n;
	free(fresh);
	free(id);
	return refs;
}

/* The tags of r from those of b, o and t (any may be NULL: no tags there), name by
   name in the order of their names. */
static void
merge_tags(struct sidecar_entry *r, const struct sidecar_entry *b,
    const struct sidecar_entry *o, const struct sidecar_entry *t, const char *label,
    struct merge_stats *st, struct diag *d)
{
	merge_codes(&r->tags, &r->ntags, b != NULL ? b->tags : NULL,
	    b != NULL ? b->ntags : 0, o != NULL ? o->tags : NULL,
	    o != NULL ? o->ntags : 0, t != NULL ? t->tags : NULL,
	    t != NULL ? t->ntags : 0, r->path, NULL, label, st, d);
}

/* Tags merged three ways, name by name in the order of their names, appended to *out
   (*nout of them): an article's, or with pid set a passage's codes. */
static void
merge_codes(struct sidecar_tag **out, size_t *nout, const struct sidecar_tag *bt,
    size_t nb, const struct sidecar_tag *otg, size_t no, const struct sidecar_tag *tt,
    size_t nt, const char *path, const char *pid, const char *label,
    struct merge_stats *st, struct diag *d)
{
	size_t		 ib = 0, io = 0, it = 0;
	const char	*name;
	int		 ob, oo, ot, res;

	while (ib < nb || io < no || it < nt) {
		name = NULL;
		if (ib < nb)
			name = bt[ib].name;
		if (io < no && (name == NULL || strcmp(otg[io].name, name) < 0))
			name = otg[io].name;
		if (it < nt && (name == NULL || strcmp(tt[it].name, name) < 0))
			name = tt[it].name;
		ob = oo = ot = -1;
		if (ib < nb && strcmp(bt[ib].name, name) == 0)
			ob = (int)bt[ib].origin;
		if (io < no && strcmp(otg[io].name, name) == 0)
			oo = (int)otg[io].origin;
		if (it < nt && strcmp(tt[it].name, name) == 0)
			ot = (int)tt[it].origin;
		if (oo == ot || ot == ob)
			res = oo;
		else if (oo == ob)
			res = ot;
		else {
			/* Both changed it, differently. A removal never beats a
			   change: the tag stays, as the other side made it. */
			res = oo == -1 ? ot : ot == -1 ? oo :
			    merge_rank(oo) >= merge_rank(ot) ? oo : ot;
			st->ruled++;
			if (pid == NULL)
				diag_add(d, DIAG_WARNING, label, 0, "article %s: tag %s: "
				    "%s in ours, %s in theirs: %s kept", path, name,
				    merge_origin_name(oo), merge_origin_name(ot),
				    merge_origin_name(res));
			else
				diag_add(d, DIAG_WARNING, label, 0, "article %s: passage "
				    "%s: code %s: %s in ours, %s in theirs: %s kept", path,
				    pid, name, merge_origin_name(oo),
				    merge_origin_name(ot), merge_origin_name(res));
		}
		if (res >= 0) {
			*out = xreallocarray(*out, *nout + 1, sizeof **out);
			(*out)[*nout].name = xstrdup(name);
			(*out)[*nout].origin = (enum sidecar_origin)res;
			(*nout)++;
		}
		if (ob != -1)
			ib++;
		if (oo != -1)
			io++;
		if (ot != -1)
			it++;
	}
}

/* Whether a passage of a side is as it was in base: its codes and note (where it
   was found is only a hint, no one's work). */
static int
merge_passage_same(const struct sidecar_passage *a, const struct sidecar_passage *b)
{
	size_t	 i;

	if (!merge_streq(a->note, b->note) || a->ntags != b->ntags)
		return 0;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].name, b->tags[i].name) != 0 ||
		    a->tags[i].origin != b->tags[i].origin)
			return 0;
	return 1;
}

/* The passage of id among e's (e may be NULL), or NULL. */
static const struct sidecar_passage *
merge_passage_of(const struct sidecar_entry *e, const char *id)
{
	size_t	 i;

	for (i = 0; e != NULL && i < e->npassages; i++)
		if (strcmp(e->passages[i].id, id) == 0)
			return &e->passages[i];
	return NULL;
}

/* The passages of r from those of b, o and t, id by id: one side's new passage is
   kept, the same new passage on both sides (the same span coded in two clones) has
   the codes of both; codes merge as an article's tags do, notes as its note does;
   removed on one side and left on the other, it goes, but removed on one side and
   changed on the other it stays, said in d; where it was found comes from the side
   that changed it. */
static void
merge_passages(struct sidecar_entry *r, const struct sidecar_entry *b,
    const struct sidecar_entry *o, const struct sidecar_entry *t, const char *id,
    const char *label, struct merge_stats *st, struct diag *d)
{
	const struct sidecar_entry	*side[3] = { b, o, t };
	const struct sidecar_passage	*pb, *po, *pt, *from;
	struct sidecar_passage		*p, n;
	const char			*pid, *nb, *no, *nt;
	size_t				 i, k;

	for (k = 0; k < 3; k++)
		for (i = 0; side[k] != NULL && i < side[k]->npassages; i++) {
			pid = side[k]->passages[i].id;
			if (merge_passage_of(r, pid) != NULL)
				continue;
			pb = merge_passage_of(b, pid);
			po = merge_passage_of(o, pid);
			pt = merge_passage_of(t, pid);
			if (po == NULL && pt == NULL)
				continue;
			if (pb != NULL && (po == NULL || pt == NULL)) {
				/* Removed on one side. */
				from = po != NULL ? po : pt;
				if (merge_passage_same(from, pb))
					continue;
				st->ruled++;
				diag_add(d, DIAG_WARNING, label, 0, "article %s: passage %s "
				    "removed in %s and changed in %s: kept", id, pid,
				    po == NULL ? "ours" : "theirs", po == NULL ? "theirs" :
				    "ours");
				pb = NULL;
				po = from;
				pt = NULL;
			}
			/* Where it was found, and its texts (a person may mend a
			   quote by hand): each from the side that changed it, else
			   ours. */
			from = po == NULL ? pt : pt == NULL ? po : pb != NULL &&
			    pb->start == po->start && pb->end == po->end ? pt : po;
			memset(&n, 0, sizeof n);
			n = *from;
			from = po == NULL ? pt : pt == NULL ? po : pb != NULL &&
			    strcmp(pb->quote, po->quote) == 0 &&
			    strcmp(pb->before, po->before) == 0 &&
			    strcmp(pb->after, po->after) == 0 ? pt : po;
			n.quote = from->quote;
			n.before = from->before;
			n.after = from->after;
			n.tags = NULL;
			n.ntags = 0;
			n.note = NULL;
			p = sidecar_passage_add(r, &n);
			merge_codes(&p->tags, &p->ntags, pb != NULL ? pb->tags : NULL,
			    pb != NULL ? pb->ntags : 0, po != NULL ? po->tags : NULL,
			    po != NULL ? po->ntags : 0, pt != NULL ? pt->tags : NULL,
			    pt != NULL ? pt->ntags : 0, id, pid, label, st, d);
			nb = pb != NULL ? pb->note : NULL;
			no = po != NULL ? po->note : NULL;
			nt = pt != NULL ? pt->note : NULL;
			if (merge_streq(no, nt) || merge_streq(nt, nb))
				sidecar_passage_note_set(p, no);
			else if (merge_streq(no, nb))
				sidecar_passage_note_set(p, nt);
			else if (no == NULL || nt == NULL) {
				sidecar_passage_note_set(p, no != NULL ? no : nt);
				st->ruled++;
				diag_add(d, DIAG_WARNING, label, 0, "article %s: passage "
				    "%s: note removed in %s and edited in %s: the edited "
				    "note kept", id, pid, no == NULL ? "ours" : "theirs",
				    no == NULL ? "theirs" : "ours");
			} else {
				p->note = merge_note_join(no, nt);
				st->joined++;
				diag_add(d, DIAG_WARNING, label, 0, "article %s: passage "
				    "%s: note edited on both sides: both kept, theirs after "
				    "the line '%s'", id, pid, MERGE_SEPARATOR);
			}
			/* Both sides took every code and the note away: it goes. */
			if (p->ntags == 0 && p->note == NULL)
				sidecar_passage_remove(r, pid);
		}
}

/* Fills r (its path set) from the three versions of one article; NULL is an article
   a side does not have, which is one with nothing on it. */
static void
merge_entry(struct sidecar_entry *r, const struct sidecar_entry *b,
    const struct sidecar_entry *o, const struct sidecar_entry *t, const char *id,
    const char *label, struct merge_stats *st, struct diag *d)
{
	const char	*nb, *no, *nt;
	int		 rb, ro, rt;

	merge_tags(r, b, o, t, label, st, d);
	merge_passages(r, b, o, t, id, label, st, d);

	nb = b != NULL ? b->note : NULL;
	no = o != NULL ? o->note : NULL;
	nt = t != NULL ? t->note : NULL;
	if (merge_streq(no, nt) || merge_streq(nt, nb))
		sidecar_note_set(r, no);
	else if (merge_streq(no, nb))
		sidecar_note_set(r, nt);
	else if (no == NULL || nt == NULL) {
		/* Removed on one side, rewritten on the other: the text stays. */
		sidecar_note_set(r, no != NULL ? no : nt);
		st->ruled++;
		diag_add(d, DIAG_WARNING, label, 0, "article %s: note removed in %s and "
		    "edited in %s: the edited note kept", id, no == NULL ? "ours" :
		    "theirs", no == NULL ? "theirs" : "ours");
	} else {
		r->note = merge_note_join(no, nt);
		st->joined++;
		diag_add(d, DIAG_WARNING, label, 0, "article %s: note edited on both "
		    "sides: both kept, theirs after the line '%s'", id, MERGE_SEPARATOR);
	}

	/* A flag changed on one side only, since both are yes or no: read on either
	   side is read, unless one side marked it unread and the other left it. With
	   no base, read on either side. */
	rb = b != NULL && b->read;
	ro = o != NULL && o->read;
	rt = t != NULL && t->read;
	r->read = ro == rt ? ro : ro == rb ? rt : ro;

	/* The content's fingerprint, only a hint to follow moves: both changed means
	   the file changed on both, and the next tag there sets it again. */
	nb = b != NULL ? b->fingerprint : NULL;
	no = o != NULL ? o->fingerprint : NULL;
	nt = t != NULL ? t->fingerprint : NULL;
	nb = merge_streq(no, nb) ? nt : no;
	r->fingerprint = nb != NULL ? xstrdup(nb) : NULL;
}

void
merge_sidecars(struct sidecar *out, const struct sidecar *base,
    const struct sidecar *ours, const struct sidecar *theirs, const char *label,
    struct merge_stats *st, struct diag *d)
{
	struct merge_ref		*ro, *rt;
	const struct sidecar_entry	*b, *o, *t;
	struct sidecar_entry		*r, joined;
	const char			*id;
	size_t				 ib = 0, io = 0, it = 0, nb, no, nt, i, j;

	memset(st, 0, sizeof *st);
	sidecar_init(out);
	nb = base != NULL ? base->n : 0;
	ro = merge_refs(base, ours, &no);
	rt = merge_refs(base, theirs, &nt);
	while (ib < nb || io < no || it < nt) {
		id = NULL;
		if (ib < nb)
			id = base->v[ib].path;
		if (io < no && (id == NULL || strcmp(ro[io].id, id) < 0))
			id = ro[io].id;
		if (it < nt && (id == NULL || strcmp(rt[it].id, id) < 0))
			id = rt[it].id;
		b = ib < nb && strcmp(base->v[ib].path, id) == 0 ? &base->v[ib] : NULL;
		o = io < no && strcmp(ro[io].id, id) == 0 ? ro[io].e : NULL;
		t = it < nt && strcmp(rt[it].id, id) == 0 ? rt[it].e : NULL;
		ib += b != NULL;
		io += o != NULL;
		it += t != NULL;

		if (out->n == out->cap) {
			out->cap = out->cap > 0 ? out->cap * 2 : 64;
			out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
		}
		r = &out->v[out->n];
		memset(r, 0, sizeof *r);
		/* Where the article is now: where a side moved it. */
		if (o != NULL && strcmp(o->path, id) != 0) {
			r->path = xstrdup(o->path);
			st->moved++;
			if (t != NULL && strcmp(t->path, id) != 0 &&
			    strcmp(t->path, o->path) != 0) {
				st->ruled++;
				diag_add(d, DIAG_WARNING, label, 0, "article %s: moved to "
				    "%s in ours and to %s in theirs: kept at %s", id,
				    o->path, t->path, o->path);
			}
		} else if (t != NULL && strcmp(t->path, id) != 0) {
			r->path = xstrdup(t->path);
			st->moved++;
		} else
			r->path = xstrdup(id);
		merge_entry(r, b, o, t, id, label, st, d);
		if (r->ntags == 0 && r->note == NULL && !r->read &&
		    r->fingerprint == NULL && r->npassages == 0) {
			free(r->path);
			free(r->fingerprint);
			continue;
		}
		out->n++;
	}
	free(ro);
	free(rt);

	/* A move onto a path that has an entry already: the two are one article now,
	   and are joined as a merge with no base, losing nothing. */
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, merge_cmp_entry);
	for (i = 1, j = 0; i < out->n; i++) {
		if (strcmp(out->v[j].path, out->v[i].path) != 0) {
			out->v[++j] = out->v[i];
			continue;
		}
		memset(&joined, 0, sizeof joined);
		joined.path = xstrdup(out->v[j].path);
		merge_entry(&joined, NULL, &out->v[j], &out->v[i], joined.path, label, st,
		    d);
		diag_add(d, DIAG_WARNING, label, 0, "article %s: two entries after a "
		    "move: joined", joined.path);
		sidecar_entry_free(&out->v[j]);
		sidecar_entry_free(&out->v[i]);
		out->v[j] = joined;
	}
	if (out->n > 0)
		out->n = j + 1;
	sidecar_changed(out);
}

char *
merge_note_join(const char *ours, const char *theirs)
{
	return merge_note_join_sep(ours, theirs, MERGE_SEPARATOR);
}

char *
merge_note_join_sep(const char *first, const char *second, const char *sep)
{
	size_t	 n = strlen(first);

	return xasprintf("%s%s%s\n%s", first, n > 0 && first[n - 1] != '\n' ? "\n" :
	    "", sep, second);
}

int
merge_marker(const char *s, size_t len)
{
	size_t	 i;

	if (len < 7 || strchr("<|=>", s[0]) == NULL || s[0] == '\0')
		return 0;
	for (i = 1; i < 7; i++)
		if (s[i] != s[0])
			return 0;
	if (len > 7 && s[7] != ' ' && s[7] != '\n' && s[7] != '\r')
		return 0;
	return s[0];
}

static void
merge_put(struct merge_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* Appends s, ending it with a new line if it has none. */
static void
merge_put_text(struct merge_buf *b, const char *s)
{
	size_t	 n = strlen(s);

	merge_put(b, s, n);
	if (n > 0 && s[n - 1] != '\n')
		merge_put(b, "\n", 1);
}

int
merge_split(const char *text, size_t len, char **ours, char **base, char **theirs,
    size_t *nconflicts, int *line)
{
	struct merge_buf	 side[3];	/* ours, base, theirs */
	const char		*p = text, *end = text + len, *nl;
	size_t			 n, k;
	int			 state = 0, m, lineno = 0, opened = 0, hasbase = 0;

	memset(side, 0, sizeof side);
	for (k = 0; k < 3; k++)
		merge_put(&side[k], "", 0);
	*nconflicts = 0;
	/* state: 0 outside the markers, 1 in ours, 2 in base, 3 in theirs. */
	for (; p < end; p = nl) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl != NULL ? nl + 1 : end;
		n = (size_t)(nl - p);
		lineno++;
		m = merge_marker(p, n);
		if (m == '<' && state == 0) {
			state = 1;
			opened = lineno;
			(*nconflicts)++;
		} else if (m == '|' && state == 1) {
			state = 2;
			hasbase = 1;
		} else if (m == '=' && (state == 1 || state == 2))
			state = 3;
		else if (m == '>' && state == 3)
			state = 0;
		else if (m != 0) {
			*line = lineno;
			goto bad;
		} else if (state == 0)
			for (k = 0; k < 3; k++)
				merge_put(&side[k], p, n);
		else
			merge_put(&side[state - 1], p, n);
	}
	if (state != 0) {
		*line = opened;
		goto bad;
	}
	*ours = side[0].s;
	*theirs = side[2].s;
	if (hasbase)
		*base = side[1].s;
	else {
		*base = NULL;
		free(side[1].s);
	}
	return 0;
bad:
	for (k = 0; k < 3; k++)
		free(side[k].s);
	return -1;
}

char *
merge_conflict_text(const char *ours, const char *base, const char *theirs)
{
	struct merge_buf	 b;

	memset(&b, 0, sizeof b);
	merge_put(&b, "<<<<<<< ours\n", 13);
	merge_put_text(&b, ours);
	merge_put(&b, "||||||| base\n", 13);
	merge_put_text(&b, base);
	merge_put(&b, "=======\n", 8);
	merge_put_text(&b, theirs);
	merge_put(&b, ">>>>>>> theirs\n", 15);
	return b.s;
}
