/* Undo of sidecar changes. A step holds, per key a change touched (a tag of an article,
   its note, its read flag, its fingerprint, a passage), the value before and the value
   after; only keys the change really changed are kept. A passage is one key, held
   whole (texts, codes, note) before and after, so that undoing its removal brings it
   back with its codes and note. Nothing here knows of the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "undo.h"
#include "xmalloc.h"

struct undo_key {
	enum sidecar_op_kind	 kind;		/* TAG, NOTE, READ, FINGERPRINT, or
						   PASSAGE_ADD for any passage op */
	char			*path;
	char			*name;		/* TAG: the tag; a passage's id; NULL
						   otherwise */
	size_t			 seq;		/* order in the change, while recording */
	int			 before;	/* TAG: origin, -1 for none; READ: flag */
	int			 after;
	char			*old;		/* NOTE, FINGERPRINT: NULL for none */
	char			*new;
	/* A passage's: as it was and as the change leaves it, NULL for none;
	   owned. */
	struct sidecar_passage	*pold, *pnew;
};

struct undo_step {
	struct undo_key		*v;
	size_t			 n;
	char			*what;
};

static void	undo_step_free(struct undo_step *);
static void	undo_key_free(struct undo_key *);
static int	undo_cmp_key(const void *, const void *);
static int	undo_streq(const char *, const char *);
static void	undo_current(const struct sidecar *, const struct undo_key *, int *,
		    const char **);
static char	*undo_describe(const struct sidecar_ops *, const struct undo_key *,
		    size_t);
static char	*undo_key_name(const struct undo_key *);
static struct sidecar_passage *undo_passage_now(const struct sidecar *,
		    const char *, const char *);
static struct sidecar_passage *undo_passage_after(const struct sidecar *,
		    const struct sidecar_ops *, const char *, const char *);
static int	undo_passage_eq(const struct sidecar_passage *,
		    const struct sidecar_passage *);
static void	undo_passage_back(const struct undo_key *,
		    const struct sidecar_passage *, struct sidecar_ops *);

void
undo_init(struct undo *u, size_t depth)
{
	memset(u, 0, sizeof *u);
	u->depth = depth > 0 ? depth : 1;
	u->maxkeys = UNDO_MAXKEYS;
}

static void
undo_key_free(struct undo_key *k)
{
	free(k->path);
	free(k->name);
	free(k->old);
	free(k->new);
	if (k->pold != NULL)
		sidecar_passage_free(k->pold);
	if (k->pnew != NULL)
		sidecar_passage_free(k->pnew);
	free(k->pold);
	free(k->pnew);
}

/* The passage id of path in s, borrowed; NULL if there is none. */
static struct sidecar_passage *
undo_passage_now(const struct sidecar *s, const char *path, const char *id)
{
	struct sidecar_entry	*e;

	if ((e = sidecar_entry((struct sidecar *)s, path, 0)) == NULL)
		return NULL;
	return sidecar_passage_find(e, id);
}

/* A copy of passage id of path as ops leave it, applied to s alone on a scratch
   sidecar; NULL when they leave none. Caller frees. */
static struct sidecar_passage *
undo_passage_after(const struct sidecar *s, const struct sidecar_ops *ops,
    const char *path, const char *id)
{
	struct sidecar		 tmp;
	struct sidecar_ops	 mine;
	struct sidecar_entry	*t;
	struct sidecar_passage	*p, *q, *out = NULL;
	size_t			 i;

	sidecar_init(&tmp);
	memset(&mine, 0, sizeof mine);
	t = sidecar_entry(&tmp, path, 1);
	if ((p = undo_passage_now(s, path, id)) != NULL) {
		q = sidecar_passage_add(t, p);
		sidecar_passage_note_set(q, p->note);
		for (i = 0; i < p->ntags; i++)
			sidecar_passage_tag_set(q, p->tags[i].name, (int)p->tags[i].origin);
	}
	for (i = 0; i < ops->n; i++)
		if (ops->v[i].passage != NULL && strcmp(ops->v[i].path, path) == 0 &&
		    strcmp(ops->v[i].passage->id, id) == 0)
			sidecar_ops_passage(&mine, ops->v[i].kind, path,
			    ops->v[i].passage, ops->v[i].arg, ops->v[i].num);
	sidecar_apply(&tmp, &mine);
	if ((t = sidecar_entry(&tmp, path, 0)) != NULL &&
	    (p = sidecar_passage_find(t, id)) != NULL) {
		out = xmalloc(sizeof *out);
		sidecar_passage_copy(out, p);
	}
	sidecar_ops_free(&mine);
	sidecar_free(&tmp);
	return out;
}

/* Whether two passages (NULL: none) are the same to a person: texts, codes and
   note; where they were last found is not a change of theirs. */
static int
undo_passage_eq(const struct sidecar_passage *a, const struct sidecar_passage *b)
{
	size_t	 i;

	if (a == NULL || b == NULL)
		return a == b;
	if (strcmp(a->id, b->id) != 0 || strcmp(a->quote, b->quote) != 0 ||
	    strcmp(a->before, b->before) != 0 || strcmp(a->after, b->after) != 0 ||
	    !undo_streq(a->note, b->note) || a->ntags != b->ntags)
		return 0;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].name, b->tags[i].name) != 0 ||
		    a->tags[i].origin != b->tags[i].origin)
			return 0;
	return 1;
}

/* The ops that make passage key k what it was, from cur (NULL: none) as it is now:
   removed, or added again with its codes and note. */
static void
undo_passage_back(const struct undo_key *k, const struct sidecar_passage *cur,
    struct sidecar_ops *out)
{
	const struct sidecar_passage	*old = k->pold;
	size_t				 i, j;

	if (old == NULL) {
		if (cur != NULL)
			sidecar_ops_passage(out, SIDECAR_OP_PASSAGE_RM, k->path, cur,
			    NULL, 0);
		return;
	}
	if (cur == NULL)
		sidecar_ops_passage(out, SIDECAR_OP_PASSAGE_ADD, k->path, old, NULL, 0);
	for (i = 0; cur != NULL && i < cur->ntags; i++) {
		for (j = 0; j < old->ntags; j++)
			if (strcmp(old->tags[j].name, cur->tags[i].name) == 0)
				break;
		if (j == old->ntags)
			sidecar_ops_passage(out, SIDECAR_OP_PASSAGE_TAG, k->path, old,
			    cur->tags[i].name, -1);
	}
	for (i = 0; i < old->ntags; i++)
		sidecar_ops_passage(out, SIDECAR_OP_PASSAGE_TAG, k->path, old,
		    old->tags[i].name, (int)old->tags[i].origin);
	sidecar_ops_passage(out, SIDECAR_OP_PASSAGE_NOTE, k->path, old, old->note, 0);
}

static void
undo_step_free(struct undo_step *st)
{
	size_t	 i;

	for (i = 0; i < st->n; i++)
		undo_key_free(&st->v[i]);
	free(st->v);
	free(st->what);
	memset(st, 0, sizeof *st);
}

void
undo_clear(struct undo *u)
{
	size_t	 i;

	for (i = 0; i < u->n; i++)
		undo_step_free(&u->v[i]);
	u->n = 0;
	u->nkeys = 0;
}

void
undo_free(struct undo *u)
{
	undo_clear(u);
	free(u->v);
	memset(u, 0, sizeof *u);
}

size_t
undo_count(const struct undo *u)
{
	return u->n;
}

void
undo_result_free(struct undo_result *r)
{
	free(r->what);
	free(r->first_skipped);
	memset(r, 0, sizeof *r);
}

/* Keys of one kind, path and tag together, in the order the change made them, so that
   the last op on a key gives its value after. */
static int
undo_cmp_key(const void *a, const void *b)
{
	const struct undo_key	*x = a, *y = b;
	int			 c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	if (x->name != NULL && y->name != NULL && (c = strcmp(x->name, y->name)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
undo_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The value key k has in s now: *num for a tag's origin (-1: none) or a read flag,
   *str for a note or fingerprint (NULL: none), borrowed from s. */
static void
undo_current(const struct sidecar *s, const struct undo_key *k, int *num,
    const char **str)
{
	const struct sidecar_entry	*e;
	size_t				 i;

	*num = k->kind == SIDECAR_OP_TAG ? -1 : 0;
	*str = NULL;
	/* sidecar_entry() changes nothing when it is not asked to create. */
	if ((e = sidecar_entry((struct sidecar *)s, k->path, 0)) == NULL)
		return;
	switch (k->kind) {
	case SIDECAR_OP_TAG:
		for (i = 0; i < e->ntags; i++)
			if (strcmp(e->tags[i].name, k->name) == 0)
				*num = (int)e->tags[i].origin;
		break;
	case SIDECAR_OP_NOTE:
		*str = e->note;
		break;
	case SIDECAR_OP_READ:
		*num = e->read != 0;
		break;
	case SIDECAR_OP_FINGERPRINT:
		*str = e->fingerprint;
		break;
	case SIDECAR_OP_MOVE:
	case SIDECAR_OP_PASSAGE_ADD:
	case SIDECAR_OP_PASSAGE_TAG:
	case SIDECAR_OP_PASSAGE_NOTE:
	case SIDECAR_OP_PASSAGE_AT:
	case SIDECAR_OP_PASSAGE_RM:
		break;
	}
}

/* The change in a few words, as the status line says it after "undone: ". keys are
   the change's keys, one per key, sorted; n of them. Caller frees. */
static char *
undo_describe(const struct sidecar_ops *ops, const struct undo_key *keys, size_t n)
{
	const struct sidecar_op	*first = NULL;
	const char		*p = NULL;
	char			*subject, *what;
	size_t			 i, nart = 0, nuser = 0;
	int			 alike = 1;

	for (i = 0; i < ops->n; i++) {
		const struct sidecar_op	*op = &ops->v[i];

		if (op->kind == SIDECAR_OP_FINGERPRINT || op->kind == SIDECAR_OP_MOVE ||
		    op->kind == SIDECAR_OP_PASSAGE_AT)
			continue;
		nuser++;
		if (first == NULL)
			first = op;
		else if (op->kind != first->kind || ((op->kind == SIDECAR_OP_TAG ||
		    op->kind == SIDECAR_OP_PASSAGE_TAG) &&
		    (strcmp(op->arg, first->arg) != 0 || (op->num < 0 ? -1 : op->num) !=
		    (first->num < 0 ? -1 : first->num))) ||
		    (op->kind == SIDECAR_OP_READ && (op->num != 0) != (first->num != 0)))
			alike = 0;
	}
	if (first == NULL)
		return xstrdup("nothing");
	if (!alike)
		return xasprintf("%zu changes to tags, notes or read flags", nuser);
	/* The articles: the distinct paths among the keys, which are sorted. */
	for (i = 0; i < n; i++) {
		if (keys[i].kind != (first->passage != NULL ? SIDECAR_OP_PASSAGE_ADD :
		    first->kind))
			continue;
		if (p == NULL || strcmp(p, keys[i].path) != 0)
			nart++;
		p = keys[i].path;
	}
	subject = nart == 1 ? xstrdup(first->path) : xasprintf("%zu articles", nart);
	if (first->passage != NULL) {
		if (first->kind == SIDECAR_OP_PASSAGE_ADD)
			what = xasprintf("passage added to %s", subject);
		else if (first->kind == SIDECAR_OP_PASSAGE_RM)
			what = xasprintf("passage removed from %s", subject);
		else if (first->kind == SIDECAR_OP_PASSAGE_NOTE)
			what = xasprintf("note of a passage of %s", subject);
		else
			what = xasprintf("%s%s on a passage of %s", first->num < 0 ?
			    "-" : first->num == SIDECAR_THEME ? "~" : first->num ==
			    SIDECAR_REJECTED ? "!" : "+", first->arg, subject);
		free(subject);
		return what;
	}
	if (first->kind == SIDECAR_OP_NOTE)
		what = xasprintf("note%s of %s", nart == 1 ? "" : "s", subject);
	else if (first->kind == SIDECAR_OP_READ)
		what = xasprintf("marked %s %s", subject, first->num ? "read" : "unread");
	else if (first->num < 0)
		what = xasprintf("-%s on %s", first->arg, subject);
	else if (first->num == SIDECAR_REJECTED)
		what = xasprintf("%s rejected on %s", first->arg, subject);
	else
		what = xasprintf("%s%s on %s", first->num == SIDECAR_THEME ? "~" : "+",
		    first->arg, subject);
	free(subject);
	return what;
}

int
undo_record(struct undo *u, const struct sidecar *s, const struct sidecar_ops *ops,
    const char *what)
{
	struct undo_step	 st;
	struct undo_key		*k;
	struct sidecar_passage	*p;
	const char		*str;
	size_t			 i, n = 0, nuser = 0, kept;
	int			 num;

	undo_follow(u, ops);
	memset(&st, 0, sizeof st);
	st.v = xreallocarray(NULL, ops->n + 1, sizeof *st.v);
	for (i = 0; i < ops->n; i++) {
		const struct sidecar_op	*op = &ops->v[i];

		/* Where a passage was found is rubric's, not a change to undo. */
		if (op->kind == SIDECAR_OP_MOVE || op->kind == SIDECAR_OP_PASSAGE_AT ||
		    (op->kind >= SIDECAR_OP_PASSAGE_ADD && op->passage == NULL))
			continue;
		if (op->kind != SIDECAR_OP_FINGERPRINT)
			nuser++;
		k = &st.v[n++];
		memset(k, 0, sizeof *k);
		k->kind = op->kind;
		k->path = xstrdup(op->path);
		k->seq = i;
		if (op->passage != NULL) {
			k->kind = SIDECAR_OP_PASSAGE_ADD;
			k->name = xstrdup(op->passage->id);
			continue;
		}
		switch (op->kind) {
		case SIDECAR_OP_TAG:
			k->name = xstrdup(op->arg);
			k->after = op->num < 0 ? -1 : op->num;
			break;
		case SIDECAR_OP_READ:
			k->after = op->num != 0;
			break;
		default:
			/* As sidecar_note_set() has it, an empty note is none. */
			k->new = op->arg != NULL && *op->arg != '\0' ? xstrdup(op->arg) :
			    NULL;
			break;
		}
	}
	if (nuser == 0) {
		st.n = n;
		undo_step_free(&st);
		return 0;
	}
	/* One key per kind, path and tag, with the value the last op gave it. */
	qsort(st.v, n, sizeof *st.v, undo_cmp_key);
	for (kept = 0, i = 0; i < n; i++) {
		if (kept > 0 && st.v[kept - 1].kind == st.v[i].kind &&
		    strcmp(st.v[kept - 1].path, st.v[i].path) == 0 &&
		    undo_streq(st.v[kept - 1].name, st.v[i].name)) {
			undo_key_free(&st.v[kept - 1]);
			st.v[kept - 1] = st.v[i];
			continue;
		}
		st.v[kept++] = st.v[i];
	}
	st.n = kept;
	st.what = what != NULL ? xstrdup(what) : undo_describe(ops, st.v, st.n);
	/* The values before, from the sidecar as the change finds it; a key the change
	   leaves as it was is not kept, so that its undo touches nothing. */
	for (kept = 0, i = 0; i < st.n; i++) {
		k = &st.v[i];
		if (k->kind == SIDECAR_OP_PASSAGE_ADD) {
			k->pnew = undo_passage_after(s, ops, k->path, k->name);
			if ((p = undo_passage_now(s, k->path, k->name)) != NULL) {
				k->pold = xmalloc(sizeof *k->pold);
				sidecar_passage_copy(k->pold, p);
			}
			if (undo_passage_eq(k->pold, k->pnew)) {
				undo_key_free(k);
				continue;
			}
			st.v[kept++] = *k;
			continue;
		}
		undo_current(s, k, &num, &str);
		if (k->kind == SIDECAR_OP_NOTE || k->kind == SIDECAR_OP_FINGERPRINT) {
			if (undo_streq(str, k->new)) {
				undo_key_free(k);
				continue;
			}
			k->old = str != NULL ? xstrdup(str) : NULL;
		} else {
			if (num == k->after) {
				undo_key_free(k);
				continue;
			}
			k->before = num;
		}
		st.v[kept++] = *k;
	}
	st.n = kept;
	if (u->n == u->cap) {
		u->cap = u->cap > 0 ? u->cap * 2 : 16;
		u->v = xreallocarray(u->v, u->cap, sizeof *u->v);
	}
	u->v[u->n++] = st;
	u->nkeys += st.n;
	while (u->n > 1 && (u->n > u->depth || u->nkeys > u->maxkeys)) {
		u->nkeys -= u->v[0].n;
		undo_step_free(&u->v[0]);
		memmove(u->v, u->v + 1, (u->n - 1) * sizeof *u->v);
		u->n--;
	}
	return 1;
}

void
undo_follow(struct undo *u, const struct sidecar_ops *ops)
{
	size_t	 i, j, m;

	for (m = 0; m < ops->n; m++) {
		const struct sidecar_op	*op = &ops->v[m];

		if (op->kind != SIDECAR_OP_MOVE || op->arg == NULL)
			continue;
		for (i = 0; i < u->n; i++)
			for (j = 0; j < u->v[i].n; j++) {
				struct undo_key	*k = &u->v[i].v[j];

				if (strcmp(k->path, op->path) != 0)
					continue;
				free(k->path);
				k->path = xstrdup(op->arg);
			}
	}
}

/* A key in words, for the status line: "tag x of a.txt". Caller frees. */
static char *
undo_key_name(const struct undo_key *k)
{
	switch (k->kind) {
	case SIDECAR_OP_TAG:
		return xasprintf("tag %s of %s", k->name, k->path);
	case SIDECAR_OP_NOTE:
		return xasprintf("note of %s", k->path);
	case SIDECAR_OP_READ:
		return xasprintf("read flag of %s", k->path);
	case SIDECAR_OP_PASSAGE_ADD:
		return xasprintf("passage %s of %s", k->name, k->path);
	default:
		break;
	}
	return xasprintf("fingerprint of %s", k->path);
}

int
undo_take(struct undo *u, const struct sidecar *s, struct sidecar_ops *out,
    struct undo_result *r)
{
	struct undo_step	 st;
	const struct sidecar_passage *p;
	const char		*str;
	size_t			 i;
	int			 num, same;

	memset(r, 0, sizeof *r);
	if (u->n == 0)
		return -1;
	st = u->v[--u->n];
	u->nkeys -= st.n;
	for (i = 0; i < st.n; i++) {
		const struct undo_key	*k = &st.v[i];

		if (k->kind == SIDECAR_OP_PASSAGE_ADD) {
			p = undo_passage_now(s, k->path, k->name);
			if (!undo_passage_eq(p, k->pnew)) {
				if (r->skipped++ == 0)
					r->first_skipped = undo_key_name(k);
				continue;
			}
			undo_passage_back(k, p, out);
			r->keys++;
			continue;
		}
		undo_current(s, k, &num, &str);
		if (k->kind == SIDECAR_OP_NOTE || k->kind == SIDECAR_OP_FINGERPRINT)
			same = undo_streq(str, k->new);
		else
			same = num == k->after;
		if (!same) {
			/* Someone changed it since: theirs stands. A fingerprint is
			   rubric's, not the user's, and goes unsaid. */
			if (k->kind == SIDECAR_OP_FINGERPRINT)
				continue;
			if (r->skipped++ == 0)
				r->first_skipped = undo_key_name(k);
			continue;
		}
		if (k->kind == SIDECAR_OP_NOTE || k->kind == SIDECAR_OP_FINGERPRINT)
			sidecar_ops_add(out, k->kind, k->path, k->old, 0);
		else
			sidecar_ops_add(out, k->kind, k->path, k->name, k->before);
		if (k->kind != SIDECAR_OP_FINGERPRINT)
			r->keys++;
	}
	r->what = st.what;
	st.what = NULL;
	undo_step_free(&st);
	return 0;
}
