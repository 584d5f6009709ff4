/* Fuzzes theme patterns and the literal prefilter: the input is a flag byte, a
   pattern up to the first newline, and the text it is searched in. As in
   tests/unit/test_prefilter.c, a search guided by the prefilter must find exactly
   the matches of a search of the whole text; with fold (flag 8), matches are
   given back inside the text as written. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

#include "article.h"
#include "config.h"
#include "prefilter.h"
#include "theme.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct matcher	*matcher;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_locale();
	matcher = matcher_new();
	return 0;
}

static int
fuzz_same(const struct match_list *a, const struct match_list *b)
{
	size_t	 k;

	if (a->n != b->n)
		return 0;
	for (k = 0; k < a->n; k++)
		if (a->v[k].start != b->v[k].start || a->v[k].end != b->v[k].end)
			return 0;
	return 1;
}

static void
fuzz_print(const char *what, const struct match_list *l)
{
	size_t	 k;

	fprintf(stderr, "%s:", what);
	for (k = 0; k < l->n; k++)
		fprintf(stderr, " [%zu,%zu)", l->v[k].start, l->v[k].end);
	fprintf(stderr, "\n");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme		 t;
	struct config		 c;
	struct diag		 d;
	struct prefilter	*pf;
	struct prefilter_hits	 h;
	struct match_list	 a, b;
	const char		*text, *nl;
	char			*pattern;
	size_t			 len, from, u, k;
	int			 flags, ra, rb;

	if (size < 2)
		return 0;
	flags = data[0];
	nl = memchr(data + 1, '\n', size - 1);
	len = nl == NULL ? size - 1 : (size_t)(nl - (const char *)data) - 1;
	pattern = strndup((const char *)data + 1, len);
	text = nl == NULL ? "" : nl + 1;
	len = nl == NULL ? 0 : size - (size_t)(text - (const char *)data);
	memset(&d, 0, sizeof d);
	if (theme_single(&t, "fuzz", pattern, &d) == -1) {
		FUZZ_CHECK(d.nerrors == 1 && d.msgs[0].text[0] != '\0');
		fuzz_quoted(&d);
		diag_free(&d);
		free(pattern);
		return 0;
	}
	free(pattern);
	/* What a [theme] section may add to theme_single's smart case: words,
	   case and fold (rubric(5)). */
	if (flags & 0xf) {
		t.words = flags & 1;
		t.icase = (flags >> 1) % 3;
		t.fold = flags >> 3 & 1;
		memset(&d, 0, sizeof d);
		theme_compile(&t, &d);
		fuzz_quoted(&d);
		diag_free(&d);
	}
	memset(&c, 0, sizeof c);
	c.themes = &t;
	c.nthemes = 1;
	/* A folded theme's literals are looked for in the text folded. */
	pf = t.fold ? prefilter_new_folded(&c) : prefilter_new(&c);
	prefilter_hits_init(&h, pf);
	if (t.fold) {
		size_t		 flen;
		const char	*ft = matcher_folded(matcher, text, len, &flen);

		prefilter_scan(pf, ft, flen, &h);
	} else
		prefilter_scan(pf, text, len, &h);
	/* The scan starts past a byte order mark; so does this. */
	from = article_bom(text, len);
	u = prefilter_unit(pf, 0, 0);
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	ra = matcher_theme(matcher, &t, 0, text, len, from, len, &a);
	if (prefilter_has(pf, u) && !h.unsafe)
		rb = matcher_guided(matcher, &t, 0, 0, text, len, from, h.occ[u],
		    h.nocc[u], prefilter_prefix(pf, u), &b);
	else
		rb = matcher_pattern(matcher, &t, 0, 0, text, len, from, len, &b);
	/* A search a limit stopped is incomplete either way: nothing to compare. */
	if (ra == 0 && rb == 0 && !fuzz_same(&a, &b)) {
		fuzz_print("unguided", &a);
		fuzz_print("guided", &b);
		FUZZ_CHECK(!"guided and unguided searches find the same matches");
	}
	for (k = 0; k < a.n; k++)
		FUZZ_CHECK(a.v[k].start >= from && a.v[k].start < a.v[k].end &&
		    a.v[k].end <= len);
	match_list_free(&a);
	match_list_free(&b);
	prefilter_hits_free(&h);
	prefilter_free(pf);
	theme_free(&t);
	return 0;
}
