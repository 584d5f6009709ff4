/* Writing one section of the text again for its article's entry now: the lines of
   facts that did not change, comments and keys rubric does not know stay as they are,
   so that a hand edit survives a save. */
#include <stdlib.h>
#include <string.h>

#include "sidecar_text_int.h"
#include "xmalloc.h"

/* A piece of a rewritten section: bytes of the old text or of what is generated. */
struct sidecar_text_item {
	int			 gen;
	size_t			 off, len;
	int			 rank;		/* of a fact, for the order; -1: none */
	const char		*name;		/* of a tag */
	enum sidecar_text_kind	 kind;
};

/* A section being written again, shared by the steps below: its lines as items, its
   keys, what it says (se) and what it is to say (want), and the text made for the
   lines that change (gen, where an item with gen set points). */
struct sidecar_text_redo {
	const struct sidecar_layout	*l;
	const struct sidecar_text_sec	*sec;
	const char			*eol;
	struct sidecar_text_item	*it;
	size_t				 n;
	struct sidecar_text_kv		*kv;	/* a key's line is its item */
	size_t				 nkv;
	int				 comments;
	struct buf			 gen;
	struct sidecar_entry		 se, none;
	const struct sidecar_entry	*want;
	char				*sepath;	/* the path = key as read */
	const char			*wantpath;	/* NULL: no path = key */
	unsigned char			*placed;	/* per rank: written */
	unsigned char			*pathkey;	/* per key: path or path.NNNN */
	/* want's passages: each one's first rank, and want's and se's in the order
	   of their ids, so that a key finds its passage without a scan of them all
	   (a section may hold 100,000). */
	size_t				*wbase;
	const struct sidecar_passage	**wids, **sids;
	int				 keep_header;
	enum sidecar_text_form		 form;
};

static void	sidecar_text_rewrite_lines(struct sidecar_text_redo *);
static void	sidecar_text_rewrite_want(struct sidecar_text_redo *,
		    const struct sidecar_entry *, int);
static int	sidecar_text_rewrite_same(const struct sidecar_text_redo *,
		    const struct sidecar_text_kv *, int *);
static void	sidecar_text_rewrite_keys(struct sidecar_text_redo *);
static void	sidecar_text_rewrite_header(struct sidecar_text_redo *);
static void	sidecar_text_rewrite_missing(struct sidecar_text_redo *);
static size_t	sidecar_text_rewrite_where(const struct sidecar_text_redo *,
		    const struct sidecar_text_item *, int);
static void	sidecar_text_rewrite_emit(const struct sidecar_text_redo *,
		    struct buf *);
static void	sidecar_text_rewrite_free(struct sidecar_text_redo *);
static size_t	sidecar_text_rewrite_ranks(const struct sidecar_entry *);
static int	sidecar_text_rewrite_prank(const struct sidecar_text_redo *, int,
		    size_t *, enum sidecar_text_pfield *, size_t *);
static int	sidecar_text_rewrite_psame(const struct sidecar_text_redo *,
		    const struct sidecar_text_kv *, int *);
static void	sidecar_text_rewrite_gen(struct sidecar_text_redo *, int);
static const struct sidecar_passage **sidecar_text_rewrite_byid(
		    const struct sidecar_entry *);
static int	sidecar_text_rewrite_cmp_id(const void *, const void *);
static const struct sidecar_passage *sidecar_text_rewrite_find(
		    const struct sidecar_passage **, size_t, const char *);

/* Writes section sec of l again for entry e (NULL: none): with mode 1, e's facts;
   mode 2, none (a later section of an article given twice); mode 0, the facts the
   section says itself (a section of the first format, whose article did not change).
   Lines of the facts that stay are kept as they are, lines of others (comments, keys
   rubric does not know) too; the facts that change are written in place of their
   first line, new ones in order among the others. */
void
sidecar_text_rewrite(struct buf *out, const struct sidecar_layout *l,
    const struct sidecar_text_sec *sec, const struct sidecar_entry *e, int mode)
{
	struct sidecar_text_redo r;

	memset(&r, 0, sizeof r);
	r.l = l;
	r.sec = sec;
	r.eol = l->crlf ? "\r\n" : "\n";
	buf_put(&r.gen, "", 0);
	sidecar_text_rewrite_lines(&r);
	sidecar_text_rewrite_want(&r, e, mode);
	sidecar_text_rewrite_keys(&r);
	sidecar_text_rewrite_header(&r);
	sidecar_text_rewrite_missing(&r);
	sidecar_text_rewrite_emit(&r, out);
	sidecar_text_rewrite_free(&r);
}

/* The lines of the section, and what they say: an item per line, pointing into the
   old text, and the keys, each knowing its item, so that a fact's lines can be kept,
   replaced or dropped where they stand. */
static void
sidecar_text_rewrite_lines(struct sidecar_text_redo *r)
{
	struct sidecar_text_line lx;
	const char		*p, *end, *nl;
	struct sidecar_text_item *it;
	size_t			 n = 0;

	it = xreallocarray(NULL, 16, sizeof *it);
	for (p = r->l->text + r->sec->off, end = r->l->text + r->sec->end; p < end;
	    p = nl) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl != NULL ? nl + 1 : end;
		if ((n & (n - 1)) == 0 && n >= 16)
			it = xreallocarray(it, n * 2, sizeof *it);
		memset(&it[n], 0, sizeof it[n]);
		it[n].off = (size_t)(p - r->l->text);
		it[n].len = (size_t)(nl - p);
		it[n].rank = -1;
		it[n].kind = (enum sidecar_text_kind)sidecar_text_lex(p, nl, &lx);
		if (it[n].kind == ST_KEY) {
			/* In powers of two, as the items are: a section of
			   300,000 keys is not copied at every key. */
			if (r->nkv == 0 || (r->nkv >= 16 &&
			    (r->nkv & (r->nkv - 1)) == 0))
				r->kv = xreallocarray(r->kv, r->nkv > 0 ?
				    r->nkv * 2 : 16, sizeof *r->kv);
			r->kv[r->nkv] = lx.kv;
			r->kv[r->nkv].line = (int)n;	/* here: the item it is */
			memset(&lx.kv, 0, sizeof lx.kv);
			r->nkv++;
		}
		r->comments += it[n].kind == ST_COMMENT;
		sidecar_text_line_free(&lx);
		n++;
	}
	r->it = it;
	r->n = n;
}

/* What the section says (se, read again as the parser read it) and what it is to say
   (want, by mode): whether the header stays (a fact or a key rubric does not know is
   left), in which form, and whether a path = key belongs in it. */
static void
sidecar_text_rewrite_want(struct sidecar_text_redo *r, const struct sidecar_entry *e,
    int mode)
{
	struct buf	 scratch;
	size_t		 i;
	int		 others = 0;

	memset(&scratch, 0, sizeof scratch);
	r->pathkey = xcalloc(r->nkv + 1, 1);
	for (i = 0; i < r->nkv; i++)
		r->pathkey[i] = r->kv[i].fact == ST_PATH;
	/* Keys not read as facts are kept like any key rubric does not know. */
	sidecar_text_strays(r->kv, r->nkv, r->sec->form, NULL, NULL);
	for (i = 0; i < r->nkv; i++)
		others += r->kv[i].fact == ST_OTHER;
	r->se.path = r->none.path = r->sec->path;
	sidecar_text_entry(&r->se, r->kv, r->nkv, NULL, NULL);
	sidecar_text_joined(r->kv, r->nkv, ST_PATH, &r->sepath, NULL, NULL);
	r->want = mode == 0 ? &r->se : mode == 1 && e != NULL ? e : &r->none;
	r->keep_header = !sidecar_text_empty(r->want) || others > 0;
	r->form = sidecar_text_form(r->want, &scratch);
	r->wantpath = r->keep_header && r->form == ST_HASH ? r->sec->path : NULL;
	/* FP, NOTE, PATH, READ, tags, passages */
	r->placed = xcalloc(sidecar_text_rewrite_ranks(r->want), 1);
	r->wbase = xreallocarray(NULL, r->want->npassages + 1, sizeof *r->wbase);
	r->wbase[0] = 4 + r->want->ntags;
	for (i = 0; i < r->want->npassages; i++)
		r->wbase[i + 1] = r->wbase[i] + SP_NFIELDS +
		    r->want->passages[i].ntags;
	r->wids = sidecar_text_rewrite_byid(r->want);
	r->sids = sidecar_text_rewrite_byid(&r->se);
	free(scratch.s);
}

/* Whether key k says what want says of its fact, and in *rank the fact's place in a
   section (0 fingerprint, 1 note, 2 path, 3 read, 4 on the tags in want's order; -1
   a tag want lacks): a fact that is the same keeps its line. */
static int
sidecar_text_rewrite_same(const struct sidecar_text_redo *r,
    const struct sidecar_text_kv *k, int *rank)
{
	const struct sidecar_entry *want = r->want, *se = &r->se;
	struct sidecar_tag	 key, *t = NULL;
	size_t			 j;

	if (k->fact == ST_PASSAGE)
		return sidecar_text_rewrite_psame(r, k, rank);
	if (k->fact == ST_TAG) {
		key.name = k->name;
		t = want->ntags > 0 ? bsearch(&key, want->tags, want->ntags,
		    sizeof *want->tags, sidecar_text_cmp_tag) : NULL;
	}
	switch (k->fact) {
	case ST_FP:
		*rank = 0;
		return (want->fingerprint == NULL) == (se->fingerprint == NULL) &&
		    (se->fingerprint == NULL ||
		    strcmp(want->fingerprint, se->fingerprint) == 0);
	case ST_NOTE:
		*rank = 1;
		return (want->note == NULL) == (se->note == NULL) &&
		    (se->note == NULL || strcmp(want->note, se->note) == 0);
	case ST_PATH:
		*rank = 2;
		return (r->wantpath == NULL) == (r->sepath == NULL) &&
		    (r->sepath == NULL || strcmp(r->wantpath, r->sepath) == 0);
	case ST_READ:
		*rank = 3;
		return want->read == se->read;
	default:
		/* As read, the tag's origin is that of its last line. */
		for (j = 0; j < se->ntags; j++)
			if (strcmp(se->tags[j].name, k->name) == 0)
				break;
		*rank = t != NULL ? 4 + (int)(t - want->tags) : -1;
		return t != NULL && j < se->ntags && t->origin == se->tags[j].origin;
	}
}

/* How many ranks the facts of e take: four, one a tag, and for each passage one a
   field and one a code, in the order a section writes them. */
static size_t
sidecar_text_rewrite_ranks(const struct sidecar_entry *e)
{
	size_t	 n = 4 + e->ntags, i;

	for (i = 0; i < e->npassages; i++)
		n += SP_NFIELDS + e->passages[i].ntags;
	return n;
}

/* Whether rank is one of a passage's facts in want: then its passage's index, field
   and code (for SP_TAG) in *i, *f and *t. */
static int
sidecar_text_rewrite_prank(const struct sidecar_text_redo *r, int rank, size_t *i,
    enum sidecar_text_pfield *f, size_t *t)
{
	size_t	 lo = 0, hi = r->want->npassages, mid;

	if (rank < 0 || hi == 0 || (size_t)rank < r->wbase[0] ||
	    (size_t)rank >= r->wbase[hi])
		return 0;
	/* The last passage whose first rank is not after rank. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (r->wbase[mid] <= (size_t)rank)
			lo = mid;
		else
			hi = mid;
	}
	*i = lo;
	*t = 0;
	if ((size_t)rank - r->wbase[lo] < SP_NFIELDS)
		*f = (enum sidecar_text_pfield)((size_t)rank - r->wbase[lo]);
	else {
		*f = SP_TAG;
		*t = (size_t)rank - r->wbase[lo] - SP_NFIELDS;
	}
	return 1;
}

/* e's passages in the order of their ids. Caller frees. */
static const struct sidecar_passage **
sidecar_text_rewrite_byid(const struct sidecar_entry *e)
{
	const struct sidecar_passage	**v;
	size_t				  i;

	v = xreallocarray(NULL, e->npassages + 1, sizeof *v);
	for (i = 0; i < e->npassages; i++)
		v[i] = &e->passages[i];
	qsort(v, e->npassages, sizeof *v, sidecar_text_rewrite_cmp_id);
	return v;
}

static int
sidecar_text_rewrite_cmp_id(const void *a, const void *b)
{
	const struct sidecar_passage *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

/* The passage of that id among n in v (by id), NULL if none. */
static const struct sidecar_passage *
sidecar_text_rewrite_find(const struct sidecar_passage **v, size_t n, const char *id)
{
	struct sidecar_passage		 key;
	const struct sidecar_passage	*kp = &key, *const *hit;

	memcpy(key.id, id, sizeof key.id);
	hit = n > 0 ? bsearch(&kp, v, n, sizeof *v, sidecar_text_rewrite_cmp_id) :
	    NULL;
	return hit != NULL ? *hit : NULL;
}

/* rewrite_same for a passage's key k: its rank in want (-1: want has not that
   passage or code), and whether the section says what want says of it. */
static int
sidecar_text_rewrite_psame(const struct sidecar_text_redo *r,
    const struct sidecar_text_kv *k, int *rank)
{
	const struct sidecar_entry *want = r->want;
	const struct sidecar_passage *w, *h;
	size_t		 i, j, base;
	const char	*a, *b;

	*rank = -1;
	w = sidecar_text_rewrite_find(r->wids, want->npassages, k->pid);
	h = sidecar_text_rewrite_find(r->sids, r->se.npassages, k->pid);
	if (w == NULL)
		return 0;
	base = r->wbase[w - want->passages];
	if (k->pfield != SP_TAG) {
		*rank = (int)(base + k->pfield);
		if (h == NULL)
			return 0;
		switch (k->pfield) {
		case SP_AT:
			return w->start == h->start && w->end == h->end;
		case SP_QUOTE:
			a = w->quote, b = h->quote;
			break;
		case SP_BEFORE:
			a = w->before, b = h->before;
			break;
		case SP_AFTER:
			a = w->after, b = h->after;
			break;
		default:
			a = w->note, b = h->note;
			break;
		}
		return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
	}
	for (i = 0; i < w->ntags; i++)
		if (strcmp(w->tags[i].name, k->name) == 0)
			break;
	if (i == w->ntags)
		return 0;
	*rank = (int)(base + SP_NFIELDS + i);
	for (j = 0; h != NULL && j < h->ntags; j++)
		if (strcmp(h->tags[j].name, k->name) == 0)
			return h->tags[j].origin == w->tags[i].origin;
	return 0;
}

/* Writes the fact of rank to r->gen, as want has it. */
static void
sidecar_text_rewrite_gen(struct sidecar_text_redo *r, int rank)
{
	enum sidecar_text_pfield f;
	size_t			 i, t;

	if (sidecar_text_rewrite_prank(r, rank, &i, &f, &t))
		sidecar_text_pfact(&r->gen, &r->want->passages[i], f, t, r->eol);
	else if (rank >= 4)
		sidecar_text_fact(&r->gen, r->want, ST_TAG, (size_t)(rank - 4),
		    r->eol);
	else
		sidecar_text_fact(&r->gen, r->want, rank == 0 ? ST_FP : rank == 1 ?
		    ST_NOTE : rank == 2 ? ST_PATH : ST_READ, 0, r->eol);
}

/* Line by line: a fact that stays keeps its lines, one that changes is written at its
   first, its other lines and those of facts that go are dropped. */
static void
sidecar_text_rewrite_keys(struct sidecar_text_redo *r)
{
	size_t	 i;
	int	 rank, equal;

	for (i = 0; i < r->nkv; i++) {
		const struct sidecar_text_kv *k = &r->kv[i];
		struct sidecar_text_item *x = &r->it[k->line];

		if (k->fact == ST_OTHER) {
			/* A path = line the header made unread would be read again
			   once the header takes the "#" form, and say another
			   path: it stays, as a comment. */
			if (r->pathkey[i] && r->keep_header && r->form == ST_HASH &&
			    r->sec->form != ST_HASH) {
				buf_put(&r->gen, "; ", 2);
				buf_put(&r->gen, r->l->text + x->off, x->len);
				x->off = r->gen.n - x->len - 2;
				x->len += 2;
				x->gen = 1;
				x->kind = ST_COMMENT;
			}
			continue;
		}
		equal = sidecar_text_rewrite_same(r, k, &rank);
		if (equal && k->old && r->keep_header) {
			/* The first format's line, said in the new one: each line
			   of its own, duplicates too. */
			x->gen = 1;
			x->off = r->gen.n;
			buf_puts(&r->gen, "tag \"");
			sidecar_text_quote(&r->gen, k->name, "=");
			buf_puts(&r->gen, "\" = ");
			buf_puts(&r->gen, k->value);
			buf_puts(&r->gen, r->eol);
			x->len = r->gen.n - x->off;
			x->rank = 4;
			x->name = k->name;
			x->kind = ST_KEY;
			r->placed[rank] = 1;
			continue;
		}
		x->kind = ST_KEY;
		/* Codes of passages rank after every tag, each its own. */
		x->rank = k->fact == ST_PASSAGE && rank >= 0 ? rank + 1 :
		    rank >= 4 ? 4 : rank;
		x->name = k->fact == ST_TAG ? k->name : NULL;
		if (equal && rank != -1 && r->keep_header) {
			r->placed[rank] = 1;
			continue;
		}
		if (rank == -1 || r->placed[rank] || !r->keep_header) {
			x->len = 0;		/* dropped */
			x->rank = -1;
			continue;
		}
		/* Written in place of the first line of the fact. */
		r->placed[rank] = 1;
		x->gen = 1;
		x->off = r->gen.n;
		if (k->fact == ST_PATH) {
			if (r->wantpath != NULL)
				sidecar_text_fact(&r->gen, r->want, ST_PATH, 0, r->eol);
		} else
			sidecar_text_rewrite_gen(r, rank);
		x->len = r->gen.n - x->off;
		if (x->len == 0)
			x->rank = -1;
	}
}

/* The header: kept unless its form changes, dropped with the section; a section that
   goes and has no comments takes its blank lines with it. */
static void
sidecar_text_rewrite_header(struct sidecar_text_redo *r)
{
	struct sidecar_text_item *it = r->it;
	size_t			 i;

	if (r->n > 0 && it[0].kind == ST_SECTION && (!r->keep_header ||
	    r->sec->form != r->form)) {
		if (r->keep_header) {
			it[0].gen = 1;
			it[0].off = r->gen.n;
			sidecar_text_header(&r->gen, r->sec->path, r->form, r->eol);
			it[0].len = r->gen.n - it[0].off;
		} else
			it[0].len = 0;
	}
	if (!r->keep_header && r->comments == 0)
		for (i = 0; i < r->n; i++)
			if (it[i].kind == ST_BLANK)
				it[i].len = 0;
}

/* Facts not written yet (new ones) are made and put among the lines where the order
   of a new section would have them (sidecar_text_rewrite_where). */
static void
sidecar_text_rewrite_missing(struct sidecar_text_redo *r)
{
	const struct sidecar_entry *want = r->want;
	struct sidecar_text_item tmp;
	size_t			 at, g;
	int			 rank;

	size_t			 nranks = sidecar_text_rewrite_ranks(want), pi, pt;
	enum sidecar_text_pfield pf;
	int			 pass;

	for (rank = 0; r->keep_header && (size_t)rank < nranks; rank++) {
		if (r->placed[rank] || (rank == 2 && r->wantpath == NULL))
			continue;
		g = r->gen.n;
		sidecar_text_rewrite_gen(r, rank);
		if (r->gen.n == g)
			continue;
		pass = sidecar_text_rewrite_prank(r, rank, &pi, &pf, &pt);
		memset(&tmp, 0, sizeof tmp);
		tmp.gen = 1;
		tmp.off = g;
		tmp.len = r->gen.n - g;
		tmp.rank = pass ? rank + 1 : rank >= 4 ? 4 : rank;
		tmp.name = !pass && rank >= 4 ? want->tags[rank - 4].name : NULL;
		tmp.kind = ST_KEY;
		at = sidecar_text_rewrite_where(r, &tmp, rank);
		if ((r->n & (r->n - 1)) == 0 && r->n >= 16)
			r->it = xreallocarray(r->it, r->n * 2, sizeof *r->it);
		memmove(&r->it[at + 1], &r->it[at], (r->n - at) * sizeof *r->it);
		r->it[at] = tmp;
		r->n++;
		r->placed[rank] = 1;
	}
}

/* Where a new fact's item tmp (of rank) goes: before the first fact after it, else
   after the last fact, else after the header; so that the facts keep the order a new
   section has and the hand-written lines around them stay where they were. */
static size_t
sidecar_text_rewrite_where(const struct sidecar_text_redo *r,
    const struct sidecar_text_item *tmp, int rank)
{
	const struct sidecar_text_item *it = r->it;
	size_t			 n = r->n, at = n, i;

	for (i = 0; i < n; i++)
		if (it[i].rank >= 0 && it[i].len > 0 && (it[i].rank > tmp->rank ||
		    (it[i].rank == 4 && tmp->rank == 4 &&
		    strcmp(it[i].name, tmp->name) > 0))) {
			at = i;
			break;
		}
	if (at == n) {
		for (i = n; i > 0; i--)
			if ((it[i - 1].rank >= 0 && it[i - 1].len > 0) ||
			    it[i - 1].kind == ST_SECTION)
				break;
		at = i;
	}
	/* The path of a section that takes the "#" form goes after every
	   key: a hand-written path = line there, kept, is read no more. */
	if (rank == 2 && r->sec->form != ST_HASH)
		for (at = n; at > 0; at--)
			if ((it[at - 1].kind == ST_KEY && it[at - 1].len > 0) ||
			    it[at - 1].kind == ST_SECTION)
				break;
	return at;
}

/* The items in order to out, old bytes and made ones alike. */
static void
sidecar_text_rewrite_emit(const struct sidecar_text_redo *r, struct buf *out)
{
	const struct sidecar_text_item *it = r->it;
	size_t			 i;

	for (i = 0; i < r->n; i++) {
		if (it[i].len == 0)
			continue;
		/* The last line of a file may lack its line end: a line added after
		   it must not join it. */
		if (out->n > 0 && out->s[out->n - 1] != '\n')
			buf_puts(out, r->eol);
		buf_put(out, (it[i].gen ? r->gen.s : r->l->text) + it[i].off,
		    it[i].len);
	}
}

/* Frees what the steps made; r's borrowed layout and entry stay the caller's. */
static void
sidecar_text_rewrite_free(struct sidecar_text_redo *r)
{
	size_t	 j;

	free(r->placed);
	free(r->pathkey);
	free(r->wbase);
	free(r->wids);
	free(r->sids);
	free(r->it);
	free(r->gen.s);
	free(r->sepath);
	sidecar_text_kvs_free(r->kv, r->nkv);
	for (j = 0; j < r->se.ntags; j++)
		free(r->se.tags[j].name);
	free(r->se.tags);
	for (j = 0; j < r->se.npassages; j++)
		sidecar_passage_free(&r->se.passages[j]);
	free(r->se.passages);
	free(r->se.note);
	free(r->se.fingerprint);
}
