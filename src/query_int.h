/* What query.c, query_parse.c and query_eval.c share and no caller needs: the tree a
   query is parsed into, and the query itself. The parser builds the tree, the
   evaluator walks it, query.c frees and writes it out. */
#ifndef RUBRIC_QUERY_INT_H
#define RUBRIC_QUERY_INT_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "query.h"

enum query_kind {
	QUERY_AND,
	QUERY_OR,
	QUERY_NOT,
	QUERY_TAG,		/* by a person, or accepted */
	QUERY_AUTO,		/* by a theme */
	QUERY_CODE,		/* a code of one of its passages */
	QUERY_THEME,		/* hits compared with num */
	QUERY_TITLE,
	QUERY_TEXT,
	QUERY_NOTE,
	QUERY_PATH,
	QUERY_DATE,		/* compared with str, as far as str goes */
	QUERY_UNREAD,
	QUERY_DUP,		/* in a cluster of near-duplicates */
	QUERY_COPY		/* in one, and not its first */
};

enum query_op {
	QUERY_EQ,
	QUERY_LT,
	QUERY_LE,
	QUERY_GT,
	QUERY_GE
};

struct query_node {
	enum query_kind		 kind;
	struct query_node	*l, *r;		/* and, or: both; not: l */
	char			*str;		/* tag name, glob, date */
	pcre2_code		*re;		/* title, text, note */
	size_t			 theme;		/* theme: its index */
	enum query_op		 op;
	long			 num;
	char			*src;		/* a term: its text in the query */
	char			*lit;		/* a word or phrase: the literal */
	uint8_t			*cand;		/* text: per subject index, 0 when the
						   text index says it cannot match
						   (query_index()) */
	int			 cost;		/* of evaluating it: see query_cost() */
	uint8_t			*memo;		/* text: per subject index, 0 not yet
						   known, else QUERY_MEMO_ + what was
						   found (query_remember) */
};

/* A remembered answer of a text term: 0 is "not yet known". */
#define QUERY_MEMO_NO		1
#define QUERY_MEMO_YES		2
#define QUERY_MEMO_UNDECIDED	3	/* + a QUERY_LIMIT_ */

/* What stopped a search, an index into query_why(). */
#define QUERY_LIMIT_MATCH	0
#define QUERY_LIMIT_DEPTH	1
#define QUERY_LIMIT_HEAP	2
#define QUERY_LIMIT_OTHER	3
#define QUERY_LIMIT_COUNT	4	/* a theme's count is only a lower bound */

/* The scan's limits for the interpreter (theme.c), so that a catastrophic /RE/ gives
   up on an article as soon as a theme would, not after PCRE2's default ten million
   steps. */
#define QUERY_MATCH_LIMIT	1000000
#define QUERY_DEPTH_LIMIT	100000

struct query {
	struct query_node	*root;
	const struct config	*cfg;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	int			 needs;
	size_t			 nmemo;		/* subjects remembered, 0: none */
	size_t			 ncand;		/* subjects the candidates cover */
};

/* How much evaluating each node of n may cost, worked out once after parsing
   (query_eval.c). Returns n's. */
int	query_cost(struct query_node *n);

#endif
