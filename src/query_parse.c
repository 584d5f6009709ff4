/* Queries, the parser: recursive descent from the text into a tree of nodes
   (query_int.h). Every text test (a word, a phrase, /RE/) becomes one PCRE2 program
   here, so matching an article compiles nothing; a theme the query names must be one
   of the configuration's. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "query.h"
#include "query_int.h"
#include "theme.h"
#include "xmalloc.h"

/* The parser's state: the text, where it is, and the first error. */
#define QUERY_DEPTH_MAX	200	/* nesting: deeper is an error, not a stack overflow */
#define QUERY_VIEWS_MAX	16	/* view: inside view: inside ... */

struct query_parser {
	const char		*text;
	size_t			 pos;
	struct query		*q;
	struct query_error	*err;
	int			 failed;
	int			 depth;
	/* The views being read, outermost first, so that one naming itself
	   (through others or not) is caught rather than read forever. */
	size_t			 views[QUERY_VIEWS_MAX];
	size_t			 nviews;
};

static struct query_node *query_or(struct query_parser *);
static struct query_node *query_view(struct query_parser *, size_t);
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

/* Which ends of the literal s are word characters, as \w says with opts (UCP):
   bit 1 its first, bit 2 its last. Returns -1 when s is not UTF-8. */
static int
query_word_edges(const char *s, uint32_t opts, int *edges)
{
	static const char *const	 pats[] = { "^\\w", "\\w$" };
	pcre2_code			*re;
	pcre2_match_data		*md;
	PCRE2_SIZE			 erroff;
	int				 code, i, rc = 0;

	*edges = 0;
	for (i = 0; i < 2 && rc == 0; i++) {
		re = pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED,
		    opts & ~PCRE2_MATCH_INVALID_UTF, &code, &erroff, NULL);
		if (re == NULL)
			fatal("query_word_edges: pcre2_compile");
		if ((md = pcre2_match_data_create_from_pattern(re, NULL)) == NULL)
			fatal("out of memory");
		code = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
		if (code >= 0)
			*edges |= 1 << i;
		else if (code != PCRE2_ERROR_NOMATCH)
			rc = -1;
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	return rc;
}

/* The pattern that matches literal s, with \b at the ends edges names. Caller frees.
   A run of white space in it matches any run of characters that are not word
   characters (\W+): a phrase is found across a line end, a double space or a comma,
   as notmuch finds it, and as the text index's words stand (textindex_exact()). */
static char *
query_quote(const char *s, int edges)
{
	char	*out = xmalloc(strlen(s) * 8 + 16), *o = out;

	if (edges & 1)
		o = stpcpy(o, "\\b");
	o = stpcpy(o, "\\Q");
	for (; *s != '\0'; s++) {
		/* \E would end the quoting: put it outside. */
		if (s[0] == '\\' && s[1] == 'E') {
			o = stpcpy(o, "\\E\\\\\\Q");
			continue;
		}
		if (strchr(" \t\r\n", *s) != NULL) {
			while (s[1] != '\0' && strchr(" \t\r\n", s[1]) != NULL)
				s++;
			o = stpcpy(o, "\\E\\W+\\Q");
			continue;
		}
		*o++ = *s;
	}
	o = stpcpy(o, "\\E");
	if (edges & 2)
		o = stpcpy(o, "\\b");
	*o = '\0';
	return out;
}

/* Compiles a text test: /RE/, "a phrase" or a word, with smart case. A word or
   phrase is also given in *lit (caller frees), for the text index. */
static pcre2_code *
query_regex(struct query_parser *p, char **lit)
{
	PCRE2_UCHAR	 msg[160];
	PCRE2_SIZE	 erroff;
	pcre2_code	*re;
	uint32_t	 opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	size_t		 start = p->pos, n = 0;
	char		*src, *pat;
	int		 code, edges;

	*lit = NULL;
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
		if (query_word_edges(src, opts, &edges) == -1) {
			query_fail(p, start, "not valid UTF-8");
			free(src);
			return NULL;
		}
		*lit = src;
		if (theme_smart_caseless(src))
			opts |= PCRE2_CASELESS;
		/* A word or phrase matches whole words (as rg -w, notmuch): the pattern
		   is the literal quoted, with \b on each side that is a word character. */
		pat = query_quote(src, edges);
		re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts, &code,
		    &erroff, NULL);
		if (re == NULL) {
			pcre2_get_error_message(code, msg, sizeof msg);
			query_fail(p, start, "%s", (char *)msg);
		}
		free(pat);
		return re;
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

/* What man/rubric.1's QUERIES says, in short; query_term() knows the same names
   (test_query.c checks that each parses). */
const struct query_field query_fields[] = {
	{ "tag", "tag:NAME", "carries the tag, put by a person or accepted" },
	{ "auto", "auto:NAME", "carries the tag as a theme put it" },
	{ "code", "code:NAME", "has a passage with that code" },
	{ "theme", "theme:NAME[>=N]", "has a hit of the theme (or compares the "
	    "count with > < >= <= =)" },
	{ "title", "title:VALUE", "the title holds a word, \"a phrase\" or /re/" },
	{ "text", "text:VALUE", "the text holds it; a bare VALUE is the same" },
	{ "note", "note:VALUE", "the note holds it" },
	{ "path", "path:GLOB", "the path matches the glob (* crosses /), or lies "
	    "under it" },
	{ "date", "date:[OP]DATE", "the header's date is YYYY, YYYY-MM or "
	    "YYYY-MM-DD, or compares with > < >= <=" },
	{ "unread", "unread", "has not been opened, or was marked unread" },
	{ "dup", "dup", "has a near-duplicate: a copy of the same story" },
	{ "copy", "copy", "is a near-duplicate and not its cluster's first" },
	{ "view", "view:NAME", "the saved view's query picks it" },
	{ NULL, NULL, NULL }
};

const struct query_field query_operators[] = {
	{ NULL, "a and b, a & b, a b", "both" },
	{ NULL, "a or b, a | b", "either" },
	{ NULL, "not a, !a", "not a; not binds tightest, then and, then or" },
	{ NULL, "( )", "group" },
	{ NULL, NULL, NULL }
};

/* view:NAME, p->pos past the colon: the saved view's query, read in its place as
   if it were in parentheses. Its errors are the view's, said at the term. */
static struct query_node *
query_view(struct query_parser *p, size_t start)
{
	const struct config	*cfg = p->q->cfg;
	struct query_parser	 sub;
	struct query_node	*n;
	char			*name;
	size_t			 i, k;

	if ((name = query_string(p)) == NULL)
		return NULL;
	for (i = 0; i < cfg->nviews; i++)
		if (cfg->views[i].query != NULL && strcmp(cfg->views[i].name, name) == 0)
			break;
	for (k = 0; k < p->nviews && i < cfg->nviews; k++)
		if (p->views[k] == i)
			break;
	if (*name == '\0')
		query_fail(p, start, "view: needs a value");
	else if (i == cfg->nviews)
		query_fail(p, start, "view:%s: no such view", name);
	else if (k < p->nviews)
		query_fail(p, start, "view:%s: the view names itself", name);
	else if (p->nviews == QUERY_VIEWS_MAX)
		query_fail(p, start, "view:%s: views inside views too deep", name);
	if (p->failed) {
		free(name);
		return NULL;
	}
	memset(&sub, 0, sizeof sub);
	sub.text = cfg->views[i].query;
	sub.q = p->q;
	sub.err = p->err;
	sub.depth = p->depth;
	memcpy(sub.views, p->views, p->nviews * sizeof p->views[0]);
	sub.nviews = p->nviews;
	sub.views[sub.nviews++] = i;
	n = query_or(&sub);
	query_blanks(&sub);
	if (!sub.failed && (n == NULL || sub.text[sub.pos] != '\0'))
		query_fail(&sub, sub.pos, n == NULL ? "empty query" : "unexpected '%s'",
		    sub.text + sub.pos);
	if (sub.failed) {
		char	 why[sizeof p->err->message];

		snprintf(why, sizeof why, "%s", p->err->message);
		query_fail(p, start, "view:%s: %s", name, why);
	}
	free(name);
	return n;	/* on failure too: the caller's tree frees it */
}

static struct query_node *
query_term(struct query_parser *p)
{
	static const struct {
		const char	*name;
		enum query_kind	 kind;
	} fields[] = {
		{ "tag", QUERY_TAG }, { "auto", QUERY_AUTO }, { "code", QUERY_CODE },
		{ "theme", QUERY_THEME },
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
	/* The clusters, as bare words: text:dup and text:copy find the words. */
	if ((len == 3 && strncasecmp(s, "dup", 3) == 0 && query_stop(s[3])) ||
	    (len == 4 && strncasecmp(s, "copy", 4) == 0 && query_stop(s[4]))) {
		p->pos += len;
		p->q->needs |= QUERY_NEEDS_DUPS;
		return query_node(len == 3 ? QUERY_DUP : QUERY_COPY);
	}
	if (s[len] != ':' || len == 0) {
		/* A word or "a phrase": in the text. */
		n = query_node(QUERY_TEXT);
		n->re = query_regex(p, &n->lit);
		p->q->needs |= QUERY_NEEDS_BODY;
		return n;
	}
	if (len == 4 && strncmp(s, "view", 4) == 0) {
		p->pos += 5;
		return query_view(p, start);
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
	case QUERY_CODE:
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
		n->re = query_regex(p, &n->lit);
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
	else if ((n = query_term(p)) != NULL) {
		/* A view's tree has its own words: the term here is as written. */
		free(n->src);
		n->src = xstrndup(p->text + start, p->pos - start);
	}
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
