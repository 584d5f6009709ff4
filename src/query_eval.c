/* Queries, the evaluation: a parsed tree answered for one article, in Kleene's
   three-valued logic, since a search PCRE2 gave up decides nothing (query.h). Text
   terms may remember their answers per article (query_remember). */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "query_int.h"
#include "tags.h"
#include "textindex.h"
#include "xmalloc.h"

/* An answer, and when undecided the term that left it so and why. */
struct query_result {
	enum query_answer	 answer;
	const struct query_node	*term;
	int			 limit;		/* a QUERY_LIMIT_ */
};

static struct query_result query_eval(struct query *, const struct query_node *,
		    struct query_subject *);
static struct query_result query_at_least(const struct query_node *, long);
static struct query_result query_bool(int);
static struct query_result query_eval_text(struct query *, const struct query_node *,
		    struct query_subject *);

static int
query_compare(long a, enum query_op op, long b)
{
	switch (op) {
	case QUERY_EQ:
		return a == b;
	case QUERY_LT:
		return a < b;
	case QUERY_LE:
		return a <= b;
	case QUERY_GT:
		return a > b;
	default:
		return a >= b;
	}
}

/* Term n for a count known only to be at least hits (its search was stopped, or it
   did not fit): decided where more hits would not change the answer, else
   undecided. */
static struct query_result
query_at_least(const struct query_node *n, long hits)
{
	struct query_result	 r;

	switch (n->op) {
	case QUERY_GT:
		if (hits > n->num)
			return query_bool(1);
		break;
	case QUERY_LT:
	case QUERY_LE:
	case QUERY_EQ:
		if (hits > n->num || (n->op == QUERY_LT && hits == n->num))
			return query_bool(0);
		break;
	default:
		if (hits >= n->num)
			return query_bool(1);
		break;
	}
	r.answer = QUERY_UNDECIDED;
	r.term = n;
	r.limit = QUERY_LIMIT_COUNT;
	return r;
}

/* Searches s for term n's pattern. A search PCRE2 gave up is undecided, with the
   limit it met. */
static struct query_result
query_search(struct query *q, const struct query_node *n, const char *s, size_t len)
{
	struct query_result	 r = { QUERY_NO, NULL, 0 };
	int			 rc;

	rc = pcre2_match(n->re, (PCRE2_SPTR)s, len, 0, 0, q->md, q->mctx);
	if (rc >= 0)
		r.answer = QUERY_YES;
	else if (rc != PCRE2_ERROR_NOMATCH) {
		r.answer = QUERY_UNDECIDED;
		r.term = n;
		r.limit = rc == PCRE2_ERROR_MATCHLIMIT ? QUERY_LIMIT_MATCH :
		    rc == PCRE2_ERROR_DEPTHLIMIT ? QUERY_LIMIT_DEPTH :
		    rc == PCRE2_ERROR_HEAPLIMIT ? QUERY_LIMIT_HEAP : QUERY_LIMIT_OTHER;
	}
	return r;
}

/* A yes or no. */
static struct query_result
query_bool(int yes)
{
	struct query_result	 r = { yes ? QUERY_YES : QUERY_NO, NULL, 0 };

	return r;
}

/* Why a term was not decided, in words. */
static const char *
query_why(int limit)
{
	static const char *const	 why[] = {
		"PCRE2 match limit reached",
		"PCRE2 depth limit reached",
		"PCRE2 heap limit reached",
		"PCRE2 could not finish the search",
		("the theme's count is only a lower bound (its search met a PCRE2 "
		    "limit, or it has more than 65,535 hits)")
	};

	return why[limit];
}

/* How much evaluating a node may cost, worked out once after parsing, to try the
   cheap side of and/or first. (Worked out at each evaluation, it was exponential in
   the depth: fuzz_query found a query that took a minute.) */
int
query_cost(struct query_node *n)
{
	int	 l, r;

	switch (n->kind) {
	case QUERY_AND:
	case QUERY_OR:
		l = query_cost(n->l);
		r = query_cost(n->r);
		n->cost = l > r ? l : r;
		break;
	case QUERY_NOT:
		n->cost = query_cost(n->l);
		break;
	case QUERY_TEXT:
		n->cost = 2;
		break;
	case QUERY_TITLE:
	case QUERY_NOTE:
	case QUERY_PATH:
		n->cost = 1;
		break;
	default:
		n->cost = 0;
		break;
	}
	return n->cost;
}

/* Node n's answer for subject s, in Kleene's logic: a side that decides an and (no)
   or an or (yes) decides it whatever the other, else an undecided side leaves it
   undecided, blamed on that side's term. */
static struct query_result
query_eval(struct query *q, const struct query_node *n, struct query_subject *s)
{
	const struct article	*a = s->article;
	struct query_result	 l, r;
	char			 date[11];
	const char		*text;
	uint32_t		 hits;
	enum query_answer	 decides;
	int			 first;

	switch (n->kind) {
	case QUERY_AND:
	case QUERY_OR:
		decides = n->kind == QUERY_OR ? QUERY_YES : QUERY_NO;
		first = n->l->cost > n->r->cost;
		l = query_eval(q, first ? n->r : n->l, s);
		if (l.answer == decides)
			return l;
		r = query_eval(q, first ? n->l : n->r, s);
		if (r.answer == decides || l.answer != QUERY_UNDECIDED)
			return r;
		return l;
	case QUERY_NOT:
		r = query_eval(q, n->l, s);
		if (r.answer != QUERY_UNDECIDED)
			r.answer = r.answer == QUERY_YES ? QUERY_NO : QUERY_YES;
		return r;
	case QUERY_TAG:
		return query_bool(tags_has(q->cfg, s->entry, NULL, n->str,
		    SIDECAR_PERSON));
	case QUERY_AUTO:
		return query_bool(tags_has(q->cfg, s->entry, s->counts, n->str,
		    SIDECAR_THEME));
	case QUERY_CODE:
		return query_bool(tags_code(s->entry, n->str));
	case QUERY_THEME:
		hits = s->counts != NULL ? s->counts[n->theme] : 0;
		if (s->incomplete == NULL ||
		    !(s->incomplete[n->theme / 8] & (1u << (n->theme % 8))))
			return query_bool(query_compare((long)hits, n->op, n->num));
		return query_at_least(n, (long)hits);
	case QUERY_TITLE:
		text = a->title != NULL ? a->title : a->name;
		return query_search(q, n, text, strlen(text));
	case QUERY_NOTE:
		if (s->entry == NULL || s->entry->note == NULL)
			return query_bool(0);
		return query_search(q, n, s->entry->note, strlen(s->entry->note));
	case QUERY_PATH:
		/* A glob, or without one the file or directory itself. */
		if (strpbrk(n->str, "*?[") != NULL)
			return query_bool(fnmatch(n->str, a->name, 0) == 0);
		return query_bool(strncmp(a->name, n->str, strlen(n->str)) == 0 &&
		    (a->name[strlen(n->str)] == '\0' || a->name[strlen(n->str)] == '/' ||
		    n->str[strlen(n->str) - 1] == '/'));
	case QUERY_DATE:
		if (article_text(a, ARTICLE_DATE) == NULL ||
		    article_date(article_text(a, ARTICLE_DATE), date) == -1)
			return query_bool(0);
		return query_bool(query_compare(strncmp(date, n->str, strlen(n->str)),
		    n->op, 0));
	case QUERY_UNREAD:
		return query_bool(s->entry == NULL || !s->entry->read);
	case QUERY_DUP:
	case QUERY_COPY:
		if (s->dups == NULL || !s->has_index ||
		    dups_cluster(s->dups, s->index) == DUPS_NONE)
			return query_bool(0);
		return query_bool(n->kind == QUERY_DUP ||
		    !dups_is_first(s->dups, s->index));
	case QUERY_TEXT:
		return query_eval_text(q, n, s);
	}
	return query_bool(0);
}

/* Text term n's answer for subject s, apart from query_eval() because of its memo:
   a remembered answer is given without reading the article again (query_remember). */
static struct query_result
query_eval_text(struct query *q, const struct query_node *n, struct query_subject *s)
{
	struct query_result	 r;
	uint8_t			*memo;

	memo = n->memo != NULL && s->has_index && s->index < q->nmemo ?
	    &n->memo[s->index] : NULL;
	if (memo != NULL && *memo >= QUERY_MEMO_UNDECIDED) {
		r.answer = QUERY_UNDECIDED;
		r.term = n;
		r.limit = *memo - QUERY_MEMO_UNDECIDED;
		return r;
	}
	if (memo != NULL && *memo != 0)
		return query_bool(*memo == QUERY_MEMO_YES);
	/* The index knows whether the article holds the term's words, or for a lone
	   word (textindex_exact()) that it holds it: no need to read it. A candidate
	   is read and searched as any article. */
	if (n->cand != NULL && s->has_index && s->index < q->ncand &&
	    n->cand[s->index] != TEXTINDEX_READ)
		return query_bool(n->cand[s->index] == TEXTINDEX_YES);
	if (s->body_state == 0)
		s->body_state = article_read(s->article, &s->body) == 0 ? 1 : -1;
	if (s->body_state != 1)
		return query_bool(0);
	r = query_search(q, n, s->body.buf + s->body.start,
	    s->body.len - s->body.start);
	/* A file that could not be read is tried again next time; a search
	   PCRE2 gave up would give up again. */
	if (memo != NULL)
		*memo = r.answer == QUERY_UNDECIDED ? (uint8_t)(QUERY_MEMO_UNDECIDED +
		    r.limit) : r.answer == QUERY_YES ? QUERY_MEMO_YES :
		    QUERY_MEMO_NO;
	return r;
}

static void
query_memo_alloc(struct query_node *n, size_t count)
{
	if (n == NULL)
		return;
	if (n->kind == QUERY_TEXT) {
		free(n->memo);
		n->memo = xcalloc(count + 1, 1);
	}
	query_memo_alloc(n->l, count);
	query_memo_alloc(n->r, count);
}

void
query_remember(struct query *q, size_t count)
{
	if (!(q->needs & QUERY_NEEDS_BODY))
		return;
	q->nmemo = count;
	query_memo_alloc(q->root, count);
}

enum query_answer
query_match(struct query *q, struct query_subject *s)
{
	struct query_result	 r = query_eval(q, q->root, s);

	s->undecided = NULL;
	s->why = NULL;
	if (r.answer == QUERY_UNDECIDED) {
		s->undecided = r.term->src != NULL ? r.term->src : "?";
		s->why = query_why(r.limit);
	}
	return r.answer;
}
