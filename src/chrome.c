/* Chrome patterns, compiled once with JIT. A line longer than CHROME_MAXLINE is never
   chrome, which keeps a 1 MB line from being matched per row drawn. The patterns are
   only read after chrome_add(), so that threads may match at once: each match has
   match data of its own. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "chrome.h"
#include "log.h"
#include "xmalloc.h"


struct chrome {
	pcre2_code		**re;
	size_t			  n;
	pcre2_match_context	 *mctx;
	uint64_t		  fingerprint;	/* of the patterns added */
};

struct chrome *
chrome_new(void)
{
	struct chrome	*c = xcalloc(1, sizeof *c);

	c->mctx = pcre2_match_context_create(NULL);
	if (c->mctx == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(c->mctx, 100000);
	c->fingerprint = 14695981039346656037ULL;
	return c;
}

void
chrome_free(struct chrome *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		pcre2_code_free(c->re[i]);
	free(c->re);
	pcre2_match_context_free(c->mctx);
	free(c);
}

int
chrome_add(struct chrome *c, const char *pattern, const char *what,
    const struct diag_at *at, struct diag *d)
{
	struct diag_at	 where = { NULL, 0, 0 };
	pcre2_code	*re;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 erroff;
	int		 code;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
	    &code, &erroff, NULL);
	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof msg);
		if (at != NULL) {
			where = *at;
			where.col = diag_column(at->col, pattern, erroff);
		}
		diag_add_at(d, DIAG_ERROR, &where, "%s: %s at offset %zu", what,
		    (char *)msg, (size_t)erroff);
		return -1;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	c->re = xreallocarray(c->re, c->n + 1, sizeof *c->re);
	c->re[c->n++] = re;
	/* FNV-1a over each pattern with its NUL, in order: what a head depends on. */
	do {
		c->fingerprint ^= (unsigned char)*pattern;
		c->fingerprint *= 1099511628211ULL;
	} while (*pattern++ != '\0');
	return 0;
}

size_t
chrome_count(const struct chrome *c)
{
	return c->n;
}

uint64_t
chrome_fingerprint(const struct chrome *c)
{
	return c != NULL ? c->fingerprint : 0;
}

int
chrome_match(const struct chrome *c, const char *s, size_t n)
{
	pcre2_match_data	*md;
	size_t			 i;
	int			 found = 0;

	if (n > CHROME_MAXLINE || c->n == 0)
		return 0;
	if ((md = pcre2_match_data_create(1, NULL)) == NULL)
		fatal("out of memory");
	for (i = 0; i < c->n && !found; i++)
		found = pcre2_match(c->re[i], (PCRE2_SPTR)s, n, 0, 0, md, c->mctx) >= 0;
	pcre2_match_data_free(md);
	return found;
}
