/* Queries: what is done with a parsed query besides matching it: freeing its tree,
   writing it out as it was understood, finding its catastrophic terms, and columns
   for messages. The parser is query_parse.c, the evaluation query_eval.c. */
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "query_int.h"
#include "textindex.h"
#include "theme.h"
#include "xmalloc.h"

static void	query_node_free(struct query_node *);
static void	query_format_node(const struct query_node *, char **);
static size_t	query_index_node(struct query_node *, struct textindex *, size_t);

static void
query_node_free(struct query_node *n)
{
	if (n == NULL)
		return;
	query_node_free(n->l);
	query_node_free(n->r);
	free(n->str);
	free(n->src);
	free(n->memo);
	free(n->lit);
	free(n->cand);
	pcre2_code_free(n->re);
	free(n);
}

void
query_free(struct query *q)
{
	if (q == NULL)
		return;
	query_node_free(q->root);
	pcre2_match_data_free(q->md);
	pcre2_match_context_free(q->mctx);
	free(q);
}

int
query_needs(const struct query *q)
{
	return q->needs;
}

/* The catastrophic /RE/ terms under n, in the order of the query: counted in *found,
   the first max of them put in terms. */
static void
query_catastrophic_node(const struct query_node *n, const char **terms, size_t max,
    size_t *found)
{
	if (n == NULL)
		return;
	query_catastrophic_node(n->l, terms, max, found);
	if (n->re != NULL && theme_catastrophic(n->re, n->src != NULL ? n->src : "")) {
		if (*found < max)
			terms[*found] = n->src != NULL ? n->src : "?";
		(*found)++;
	}
	query_catastrophic_node(n->r, terms, max, found);
}

size_t
query_catastrophic(const struct query *q, const char **terms, size_t max)
{
	size_t	 found = 0;

	query_catastrophic_node(q->root, terms, max, &found);
	return found;
}

/* query_index() for the terms under n. */
static size_t
query_index_node(struct query_node *n, struct textindex *ti, size_t count)
{
	size_t	 used;

	if (n == NULL)
		return 0;
	used = query_index_node(n->l, ti, count) + query_index_node(n->r, ti, count);
	free(n->cand);
	n->cand = NULL;
	if (n->kind != QUERY_TEXT || n->lit == NULL || ti == NULL)
		return used;
	n->cand = xmalloc(count + 1);
	if (textindex_candidates(ti, n->lit, n->cand, count) == -1) {
		free(n->cand);
		n->cand = NULL;
		return used;
	}
	return used + 1;
}

size_t
query_index(struct query *q, struct textindex *ti, size_t count)
{
	q->ncand = count;
	return query_index_node(q->root, ti, count);
}

void
query_subject_free(struct query_subject *s)
{
	if (s->body_state == 1)
		article_body_free(&s->body);
	s->body_state = 0;
}

size_t
query_column(const char *text, size_t offset)
{
	size_t	 col = 1, i;

	/* Characters, not bytes: a continuation byte does not start one. */
	for (i = 0; i < offset && text[i] != '\0'; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static void
query_format_add(char **out, const char *s)
{
	char	*t = xasprintf("%s%s", *out, s);

	free(*out);
	*out = t;
}

/* The terms of a chain of one operator, "a and b and c", without the parentheses
   around each pair: so that a long chain, written out, is no deeper than it was. */
static void
query_format_chain(const struct query_node *n, enum query_kind kind, char **out)
{
	if (n->kind != kind) {
		query_format_node(n, out);
		return;
	}
	query_format_chain(n->l, kind, out);
	query_format_add(out, kind == QUERY_AND ? " and " : " or ");
	query_format_chain(n->r, kind, out);
}

static void
query_format_node(const struct query_node *n, char **out)
{
	switch (n->kind) {
	case QUERY_AND:
	case QUERY_OR:
		query_format_add(out, "(");
		query_format_chain(n, n->kind, out);
		query_format_add(out, ")");
		break;
	case QUERY_NOT:
		query_format_add(out, "not ");
		query_format_node(n->l, out);
		break;
	default:
		query_format_add(out, n->src != NULL ? n->src : "?");
		break;
	}
}

char *
query_format(const struct query *q)
{
	char	*out = xstrdup("");

	query_format_node(q->root, &out);
	return out;
}
