/* Queries: a recursive-descent parser into a tree of nodes, and its evaluation. Every
   text test (a word, a phrase, /RE/) becomes one PCRE2 program when parsed, so matching
   an article compiles nothing. Evaluation is three-valued: a search PCRE2 gave up
   decides nothing (query.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <fnmatch.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "query.h"
#include "tags.h"
#include "theme.h"
#include "utf8.h"
#include "xmalloc.h"

enum query_kind {
	QUERY_AND,
	QUERY_OR,
	QUERY_NOT,
	QUERY_TAG,		/* by a person, or accepted */
	QUERY_AUTO,		/* by a theme */
	QUERY_THEME,		/* hits compared with num */
	QUERY_TITLE,
	QUERY_TEXT,
	QUERY_NOTE,
	QUERY_PATH,
	QUERY_DATE,		/* compared with str, as far as str goes */
	QUERY_UNREAD
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

/* The scan's limits for the interpreter (theme.c), so that a catastrophic /RE/ gives
   up on an article as soon as a theme would, not after PCRE2's default ten million
   steps. */
#define QUERY_MATCH_LIMIT	1000000
#define QUERY_DEPTH_LIMIT	100000

/* An answer, and when undecided the term that left it so and why. */
struct query_result {
	enum query_answer	 answer;
	const struct query_node	*term;
	int			 limit;		/* a QUERY_LIMIT_ */
};

struct query {
	struct query_node	*root;
	const struct config	*cfg;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	int			 needs;
	size_t			 nmemo;		/* subjects remembered, 0: none */
};

/* The parser's state: the text, where it is, and the first error. */
struct query_parser {
	const char		*text;
	size_t			 pos;
	struct query		*q;
	struct query_error	*err;
	int			 failed;
	int			 depth;
};

#define QUERY_DEPTH_MAX	200	/* nesting: deeper is an error, not a stack overflow */

static struct query_node *query_or(struct query_parser *);
static int	query_cost(struct query_node *);
static void	query_fail(struct query_parser *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
query_fail(struct query_parser *p, size_t at, const char *fmt, ...)
{
	va_list	 ap;

	if (p->failed++)
		return;
	p->err->offset = at;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
	va_end(ap);
}

static struct query_node *
query_node(enum query_kind kind)
{
	struct query_node	*n = xcalloc(1, sizeof *n);

	n->kind = kind;
	return n;
}

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
	pcre2_code_free(n->re);
	free(n);
}

static void
query_blanks(struct query_parser *p)
{
	while (p->text[p->pos] == ' ' || p->text[p->pos] == '\t' ||
	    p->text[p->pos] == '\n')
		p->pos++;
}

/* Whether a bare word or value ends at c. */
static int
query_stop(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '(' ||
	    c == ')' || c == '&' || c == '|';
}

/* The keyword (and, or, not) at s, or NULL. */
static const char *
query_keyword_at(const char *s)
{
	static const char *const	 words[] = { "and", "or", "not" };
	size_t				 i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(words[i]);
		if (strncasecmp(s, words[i], n) == 0 && query_stop(s[n]))
			return words[i];
	}
	return NULL;
}

static const char *
query_keyword(struct query_parser *p)
{
	return query_keyword_at(p->text + p->pos);
}

/* Reads "a phrase" (with \" and \\) or a bare word into a new string. */
static char *
query_string(struct query_parser *p)
{
	const char	*s = p->text;
	size_t		 start = p->pos, n = 0;
	char		*out = xmalloc(strlen(s + start) + 1);

	if (s[p->pos] == '"') {
		p->pos++;
		while (s[p->pos] != '"') {
			if (s[p->pos] == '\0') {
				query_fail(p, start, "unterminated \"");
				free(out);
				return NULL;
			}
			if (s[p->pos] == '\\' && (s[p->pos + 1] == '"' ||
			    s[p->pos + 1] == '\\'))
				p->pos++;
			out[n++] = s[p->pos++];
		}
		p->pos++;
	} else
		while (!query_stop(s[p->pos]))
			out[n++] = s[p->pos++];
	out[n] = '\0';
	return out;
}

/* Compiles a text test: /RE/, "a phrase" or a word, with smart case. */
static pcre2_code *
query_regex(struct query_parser *p)
{
	PCRE2_UCHAR	 msg[160];
	PCRE2_SIZE	 erroff;
	pcre2_code	*re;
	uint32_t	 opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	size_t		 start = p->pos, n = 0;
	char		*src;
	int		 code;

	if (p->text[p->pos] == '/') {
		/* Up to the next / that is not escaped; \/ is a /. */
		src = xmalloc(strlen(p->text + p->pos) + 1);
		p->pos++;
		for (;;) {
			char	 c = p->text[p->pos];

			if (c == '\0') {
				query_fail(p, start, "unterminated /");
				free(src);
				return NULL;
			}
			if (c == '/')
				break;
			if (c == '\\' && p->text[p->pos + 1] != '\0') {
				if (p->text[p->pos + 1] != '/')
					src[n++] = c;
				c = p->text[++p->pos];
			}
			src[n++] = c;
			p->pos++;
		}
		p->pos++;
		src[n] = '\0';
		if (!query_stop(p->text[p->pos])) {
			query_fail(p, p->pos, "unexpected '%c' after /RE/", p->text[p->pos]);
			free(src);
			return NULL;
		}
	} else {
		if ((src = query_string(p)) == NULL)
			return NULL;
		if (*src == '\0') {
			query_fail(p, start, "empty value");
			free(src);
			return NULL;
		}
		/* PCRE2 allows no UCP with a literal; UTF alone folds every case. */
		opts = (opts & ~PCRE2_UCP) | PCRE2_LITERAL;
	}
	if (theme_smart_caseless(src))
		opts |= PCRE2_CASELESS;
	re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts, &code, &erroff,
	    NULL);
	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof msg);
		query_fail(p, start + 1 + erroff, "%s", (char *)msg);
	}
	free(src);
	return re;
}

static int
query_op(struct query_parser *p, enum query_op *op)
{
	const char	*s = p->text + p->pos;

	if (s[0] == '>' || s[0] == '<') {
		*op = s[1] == '=' ? (s[0] == '>' ? QUERY_GE : QUERY_LE) :
		    (s[0] == '>' ? QUERY_GT : QUERY_LT);
		p->pos += s[1] == '=' ? 2 : 1;
		return 1;
	}
	if (s[0] == '=') {
		*op = QUERY_EQ;
		p->pos += s[1] == '=' ? 2 : 1;
		return 1;
	}
	return 0;
}

/* theme:NAME or theme:NAME>=N; the name must be a theme's. */
static void
query_theme(struct query_parser *p, struct query_node *n)
{
	const struct config	*cfg = p->q->cfg;
	size_t			 start = p->pos, i;
	char			*name, *end;
	long			 num;

	if (p->text[p->pos] == '"')
		name = query_string(p);
	else {
		size_t	 len = 0;

		while (!query_stop(p->text[p->pos + len]) &&
		    strchr("<>=", p->text[p->pos + len]) == NULL)
			len++;
		name = xstrndup(p->text + p->pos, len);
		p->pos += len;
	}
	if (name == NULL)
		return;
	for (i = 0; i < cfg->nthemes && strcmp(cfg->themes[i].name, name) != 0; i++)
		;
	if (i == cfg->nthemes) {
		query_fail(p, start, *name == '\0' ? "a theme's name is missing" :
		    "no theme called '%s'", name);
		free(name);
		return;
	}
	free(name);
	n->theme = i;
	n->op = QUERY_GE;
	n->num = 1;
	if (!query_op(p, &n->op))
		return;
	start = p->pos;
	num = strtol(p->text + p->pos, &end, 10);
	if (end == p->text + p->pos || !isdigit((unsigned char)p->text[p->pos]) ||
	    num > 1000000000) {
		query_fail(p, start, "a count is missing after the comparison");
		return;
	}
	p->pos = (size_t)(end - p->text);
	n->num = num;
}

/* date:[OP]YYYY[-MM[-DD]]: compared as far as it goes, so date:2017 is the year. */
static void
query_date(struct query_parser *p, struct query_node *n)
{
	const char	*s;
	size_t		 start, len;

	n->op = QUERY_EQ;
	query_op(p, &n->op);
	start = p->pos;
	s = p->text + start;
	for (len = 0; !query_stop(s[len]); len++)
		;
	if (!((len == 4 || len == 7 || len == 10) && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    isdigit((unsigned char)s[3]) && (len < 7 || (s[4] == '-' &&
	    isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]))) &&
	    (len < 10 || (s[7] == '-' && isdigit((unsigned char)s[8]) &&
	    isdigit((unsigned char)s[9]))))) {
		query_fail(p, start, "a date is YYYY, YYYY-MM or YYYY-MM-DD");
		return;
	}
	n->str = xstrndup(s, len);
	p->pos += len;
}

static struct query_node *
query_term(struct query_parser *p)
{
	static const struct {
		const char	*name;
		enum query_kind	 kind;
	} fields[] = {
		{ "tag", QUERY_TAG }, { "auto", QUERY_AUTO }, { "theme", QUERY_THEME },
		{ "title", QUERY_TITLE }, { "text", QUERY_TEXT }, { "note", QUERY_NOTE },
		{ "path", QUERY_PATH }, { "date", QUERY_DATE }
	};
	struct query_node	*n;
	const char		*s = p->text + p->pos;
	size_t			 len, i, start = p->pos;

	for (len = 0; isalpha((unsigned char)s[len]); len++)
		;
	if (len == 6 && strncasecmp(s, "unread", 6) == 0 && query_stop(s[6])) {
		p->pos += 6;
		return query_node(QUERY_UNREAD);
	}
	if (s[len] != ':' || len == 0) {
		/* A word or "a phrase": in the text. */
		n = query_node(QUERY_TEXT);
		n->re = query_regex(p);
		p->q->needs |= QUERY_NEEDS_BODY;
		return n;
	}
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strlen(fields[i].name) == len && strncmp(s, fields[i].name, len) == 0)
			break;
	if (i == sizeof fields / sizeof fields[0]) {
		query_fail(p, start, "unknown field '%.*s' (put a word with a colon "
		    "in quotes)", (int)len, s);
		return NULL;
	}
	p->pos += len + 1;
	n = query_node(fields[i].kind);
	switch (n->kind) {
	case QUERY_TAG:
	case QUERY_AUTO:
	case QUERY_PATH:
		if ((n->str = query_string(p)) != NULL && *n->str == '\0')
			query_fail(p, start, "%.*s: needs a value", (int)len, s);
		if (n->kind == QUERY_AUTO)
			p->q->needs |= QUERY_NEEDS_COUNTS;
		break;
	case QUERY_THEME:
		query_theme(p, n);
		p->q->needs |= QUERY_NEEDS_COUNTS;
		break;
	case QUERY_DATE:
		query_date(p, n);
		break;
	default:
		n->re = query_regex(p);
		if (n->kind == QUERY_TEXT)
			p->q->needs |= QUERY_NEEDS_BODY;
		break;
	}
	return n;
}

static struct query_node *
query_unary(struct query_parser *p)
{
	struct query_node	*n;
	const char		*kw;
	size_t			 start;

	query_blanks(p);
	start = p->pos;
	if (++p->depth > QUERY_DEPTH_MAX) {
		query_fail(p, start, "nested too deeply");
		return NULL;
	}
	kw = query_keyword(p);
	if (p->text[p->pos] == '!' || (kw != NULL && strcmp(kw, "not") == 0)) {
		p->pos += p->text[p->pos] == '!' ? 1 : 3;
		n = query_node(QUERY_NOT);
		if ((n->l = query_unary(p)) == NULL && !p->failed)
			query_fail(p, p->pos, "a term is missing after 'not'");
	} else if (p->text[p->pos] == '(') {
		p->pos++;
		n = query_or(p);
		query_blanks(p);
		if (p->failed)
			;
		else if (n == NULL)
			query_fail(p, p->pos, p->text[p->pos] == ')' ? "empty ()" :
			    "a term is missing");
		else if (p->text[p->pos] != ')')
			query_fail(p, start, "unmatched '('");
		else
			p->pos++;
	} else if (p->text[p->pos] == '\0' || p->text[p->pos] == ')' || kw != NULL ||
	    p->text[p->pos] == '&' || p->text[p->pos] == '|')
		n = NULL;	/* the caller says what was missing */
	else if ((n = query_term(p)) != NULL)
		n->src = xstrndup(p->text + start, p->pos - start);
	p->depth--;
	return n;
}

/* An operator at at has nothing after it: say what came instead. */
static void
query_missing(struct query_parser *p, size_t at)
{
	const char	*kw;
	size_t		 oplen = isalpha((unsigned char)p->text[at]) ?
			    strlen(query_keyword_at(p->text + at)) : 1;

	query_blanks(p);
	if (p->text[p->pos] == '\0')
		query_fail(p, at, "a term is missing after '%.*s'", (int)oplen,
		    p->text + at);
	else
		query_fail(p, p->pos, "unexpected '%.*s'", (kw = query_keyword(p)) !=
		    NULL ? (int)strlen(kw) : 1, p->text + p->pos);
}

static struct query_node *
query_and(struct query_parser *p)
{
	struct query_node	*l, *n;
	const char		*kw;
	size_t			 at;

	if ((l = query_unary(p)) == NULL)
		return NULL;
	while (!p->failed) {
		query_blanks(p);
		at = p->pos;
		kw = query_keyword(p);
		if (p->text[p->pos] == '&')
			p->pos++;
		else if (kw != NULL && strcmp(kw, "and") == 0)
			p->pos += 3;
		else if (p->text[p->pos] == '\0' || p->text[p->pos] == ')' ||
		    p->text[p->pos] == '|' || (kw != NULL && strcmp(kw, "or") == 0))
			break;
		/* Otherwise two terms side by side: and. */
		n = query_node(QUERY_AND);
		n->l = l;
		l = n;
		if ((n->r = query_unary(p)) == NULL && !p->failed)
			query_missing(p, at);
	}
	return l;
}

static struct query_node *
query_or(struct query_parser *p)
{
	struct query_node	*l, *n;
	const char		*kw;
	size_t			 at;

	if ((l = query_and(p)) == NULL)
		return NULL;
	while (!p->failed) {
		query_blanks(p);
		at = p->pos;
		kw = query_keyword(p);
		if (p->text[p->pos] == '|')
			p->pos++;
		else if (kw != NULL && strcmp(kw, "or") == 0)
			p->pos += 2;
		else
			break;
		n = query_node(QUERY_OR);
		n->l = l;
		l = n;
		if ((n->r = query_and(p)) == NULL && !p->failed)
			query_missing(p, at);
	}
	return l;
}

struct query *
query_parse(const char *text, const struct config *cfg, struct query_error *err)
{
	struct query_parser	 p;
	struct query		*q = xcalloc(1, sizeof *q);

	memset(&p, 0, sizeof p);
	memset(err, 0, sizeof *err);
	p.text = text;
	p.q = q;
	p.err = err;
	q->cfg = cfg;
	q->root = query_or(&p);
	query_blanks(&p);
	if (!p.failed) {
		if (q->root == NULL && text[p.pos] == '\0')
			query_fail(&p, p.pos, "empty query");
		else if (q->root == NULL || text[p.pos] != '\0') {
			const char	*kw = query_keyword(&p);

			query_fail(&p, p.pos, "unexpected '%.*s'", kw != NULL ?
			    (int)strlen(kw) : 1, text + p.pos);
		}
	}
	if (p.failed) {
		query_free(q);
		return NULL;
	}
	q->md = pcre2_match_data_create(1, NULL);
	q->mctx = pcre2_match_context_create(NULL);
	if (q->md == NULL || q->mctx == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(q->mctx, QUERY_MATCH_LIMIT);
	pcre2_set_depth_limit(q->mctx, QUERY_DEPTH_LIMIT);
	query_cost(q->root);
	return q;
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
		"PCRE2 could not finish the search"
	};

	return why[limit];
}

/* How much evaluating a node may cost, worked out once after parsing, to try the
   cheap side of and/or first. (Worked out at each evaluation, it was exponential in
   the depth: fuzz_query found a query that took a minute.) */
static int
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
	uint8_t			*memo;
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
	case QUERY_THEME:
		hits = s->counts != NULL ? s->counts[n->theme] : 0;
		return query_bool(query_compare((long)hits, n->op, n->num));
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
		if (a->date == NULL || article_date(a->date, date) == -1)
			return query_bool(0);
		return query_bool(query_compare(strncmp(date, n->str, strlen(n->str)),
		    n->op, 0));
	case QUERY_UNREAD:
		return query_bool(s->entry == NULL || !s->entry->read);
	case QUERY_TEXT:
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
		if (s->body_state == 0)
			s->body_state = article_read(a, &s->body) == 0 ? 1 : -1;
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
	return query_bool(0);
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

static void query_format_node(const struct query_node *, char **);

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
