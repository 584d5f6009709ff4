/* Undo of sidecar changes. A step holds, per key a change touched (a tag of an article,
   its note, its read flag, its fingerprint), the value before and the value after; only
   keys the change really changed are kept. Nothing here knows of the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "undo.h"
#include "xmalloc.h"

struct undo_key {
	enum sidecar_op_kind	 kind;		/* TAG, NOTE, READ or FINGERPRINT */
	char			*path;
	char			*name;		/* TAG: the tag; NULL otherwise */
	size_t			 seq;		/* order in the change, while recording */
	int			 before;	/* TAG: origin, -1 for none; READ: flag */
	int			 after;
	char			*old;		/* NOTE, FINGERPRINT: NULL for none */
	char			*new;
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

		if (op->kind == SIDECAR_OP_FINGERPRINT || op->kind == SIDECAR_OP_MOVE)
			continue;
		nuser++;
		if (first == NULL)
			first = op;
		else if (op->kind != first->kind || (op->kind == SIDECAR_OP_TAG &&
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
		if (keys[i].kind != first->kind)
			continue;
		if (p == NULL || strcmp(p, keys[i].path) != 0)
			nart++;
		p = keys[i].path;
	}
	subject = nart == 1 ? xstrdup(first->path) : xasprintf("%zu articles", nart);
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
	const char		*str;
	size_t			 i, n = 0, nuser = 0, kept;
	int			 num;

	undo_follow(u, ops);
	memset(&st, 0, sizeof st);
	st.v = xreallocarray(NULL, ops->n + 1, sizeof *st.v);
	for (i = 0; i < ops->n; i++) {
		const struct sidecar_op	*op = &ops->v[i];

		if (op->kind == SIDECAR_OP_MOVE)
			continue;
		if (op->kind != SIDECAR_OP_FINGERPRINT)
			nuser++;
		k = &st.v[n++];
		memset(k, 0, sizeof *k);
		k->kind = op->kind;
		k->path = xstrdup(op->path);
		k->seq = i;
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
