/* Compiling theme patterns and finding their matches. Every pattern is compiled for
   UTF-8 that may be invalid (PCRE2_MATCH_INVALID_UTF), so that an article is never
   checked or copied before it is searched, and JIT-compiled where PCRE2 can. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wctype.h>

#include "fold.h"
#include "glyph.h"
#include "log.h"
#include "theme.h"
#include "utf8.h"
#include "xmalloc.h"

/* Limits for one search: enough for any sane pattern, and a bound on the rest. The JIT
   counts its match limit in larger steps than the interpreter: 10000 stops ".*.*=.*"
   on a 1 MB line within about 40 ms, and no sane pattern comes near it. */
#define THEME_MATCH_LIMIT	1000000
#define THEME_JIT_MATCH_LIMIT	10000
#define THEME_DEPTH_LIMIT	100000
#define THEME_JIT_STACK		(1024 * 1024)
#define THEME_DEADLINE_MS	50
#define THEME_PROBE_RUN		32	/* a run of one character: 2^32 steps for (a+)+ */

struct matcher {
	struct fold		 fold;		/* the last text folded, for themes
						   with fold = yes */
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;		/* for the interpreter */
	pcre2_match_context	*jctx;		/* for JIT-compiled patterns */
	pcre2_jit_stack		*jit;
};

static int	theme_cmp_start(const void *, const void *);
static int	theme_cmp_theme(const void *, const void *);
static size_t	theme_fold_offset(const char *, size_t);
static double	theme_now_ms(void);
static void	theme_compile_pats(struct theme *, struct diag *, int);

int
theme_parse_colour(const char *s, struct theme_colour *c)
{
	static const char *const names[] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
	};
	char	*end;
	long	 n;
	size_t	 i;

	c->index = -1;
	c->rgb = -1;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i]) == 0) {
			c->index = (int)i;
			return 0;
		}
	if (strncasecmp(s, "color", 5) == 0 && s[5] >= '0' && s[5] <= '9') {
		n = strtol(s + 5, &end, 10);
		if (*end != '\0' || n < 0 || n > 255)
			return -1;
		c->index = (int)n;
		return 0;
	}
	if (s[0] == '#' && strlen(s) == 7 && strspn(s + 1, "0123456789abcdefABCDEF") == 6) {
		c->rgb = (int)strtol(s + 1, NULL, 16);
		return 0;
	}
	return -1;
}

/* Whether a pattern holds \K or \G, whose meaning depends on where a search
   starts: such a pattern is searched whole (a false yes costs only speed). */
static int
theme_has_bsk(const char *p)
{
	for (; *p != '\0'; p++)
		if (*p == '\\') {
			if (p[1] == 'K' || p[1] == 'G')
				return 1;
			if (p[1] != '\0')
				p++;
		}
	return 0;
}

int
theme_smart_caseless(const char *p)
{
	for (; *p != '\0'; p++) {
		if (*p == '\\') {
			if (p[1] == '\0')
				break;
			p++;
			/* \p{Lu}, \x{41}, \N{U+41}, \g{name} and \k<name> name things
			   with capitals that are not text. */
			if (strchr("pPxNgk", *p) != NULL && (p[1] == '{' || p[1] == '<')) {
				const char	*close = strchr(p, p[1] == '{' ? '}' : '>');

				if (close != NULL)
					p = close;
			}
			continue;
		}
		if (*p == '(' && p[1] == '?') {
			/* (?<name>...), (?P<name>...) and option letters. */
			const char	*q = p + 2;

			if (*q == 'P')
				q++;
			if (*q == '<' && q[1] != '=' && q[1] != '!') {
				const char	*close = strchr(q, '>');

				if (close != NULL)
					p = close;
				continue;
			}
		}
		if ((unsigned char)*p >= 0x80) {
			uint32_t	 cp;
			size_t		 n = utf8_decode(p, strlen(p), &cp);

			if (cp != UTF8_INVALID && iswupper((wint_t)cp))
				return 0;
			p += n - 1;
			continue;
		}
		if (*p >= 'A' && *p <= 'Z')
			return 0;
	}
	return 1;
}

int
theme_catastrophic(const void *re, const char *source)
{
	static const char *const	 stops[] = { "!", "\n", "" };
	pcre2_match_data		*md;
	pcre2_match_context		*mctx;
	const char			*p;
	char				 set[96], *subject;
	size_t				 nset = 0, i, k, slen = strlen(source), len;
	int				 rc, found = 0;

	if (re == NULL)
		return 0;
	/* The characters that classes take (\w, \d, \s), then the pattern's own:
	   its literals are what it repeats. */
	for (p = "a0 "; *p != '\0'; p++)
		set[nset++] = *p;
	for (p = source; *p != '\0' && nset < sizeof set; p++)
		if (*p > ' ' && *p < 0x7f && memchr(set, *p, nset) == NULL)
			set[nset++] = *p;
	md = pcre2_match_data_create(1, NULL);
	mctx = pcre2_match_context_create(NULL);
	if (md == NULL || mctx == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(mctx, THEME_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, THEME_DEPTH_LIMIT);
	/* The pattern's text after the run holds every character it requires, so
	   that PCRE2's check for a required character does not end the search at
	   once. */
	subject = xmalloc(THEME_PROBE_RUN + 2 + slen);
	for (i = 0; i < nset && !found; i++)
		for (k = 0; k < sizeof stops / sizeof stops[0] && !found; k++) {
			memset(subject, set[i], THEME_PROBE_RUN);
			len = THEME_PROBE_RUN;
			memcpy(subject + len, stops[k], strlen(stops[k]));
			len += strlen(stops[k]);
			memcpy(subject + len, source, slen);
			len += slen;
			rc = pcre2_match(re, (PCRE2_SPTR)subject, len, 0, PCRE2_NO_JIT, md,
			    mctx);
			found = rc < 0 && rc != PCRE2_ERROR_NOMATCH;
		}
	free(subject);
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
	return found;
}

/* Where offset off of pattern src folded falls in src as written, for a message
   and its caret: the shortest prefix of whole characters that folds to as much. */
static size_t
theme_fold_offset(const char *src, size_t off)
{
	size_t	 n, len = strlen(src), got;
	char	*pre, *f;

	for (n = 0; n < len; n++) {
		if (((unsigned char)src[n] & 0xc0) == 0x80)
			continue;
		pre = xstrndup(src, n);
		f = fold_pattern(pre);
		got = strlen(f);
		free(f);
		free(pre);
		if (got >= off)
			return n;
	}
	return len;
}

void
theme_compile(struct theme *t, struct diag *d)
{
	theme_compile_pats(t, d, 0);
}

/* Compiles every pattern of t; a failure goes to d as theme_compile() says, or, when
   bare, as "MESSAGE at offset K" alone, for a pattern typed on the screen. */
static void
theme_compile_pats(struct theme *t, struct diag *d, int bare)
{
	struct diag_at		 at;
	pcre2_compile_context	*cctx;
	PCRE2_UCHAR		 msg[256];
	PCRE2_SIZE		 erroff;
	size_t			 i, off;
	uint32_t		 opts;
	int			 code, caseless;
	char			*src;

	/* words = yes asks PCRE2 itself for \b around the pattern: wrapping the text
	   would let a stray ')' in the pattern close the wrapper. */
	if ((cctx = pcre2_compile_context_create(NULL)) == NULL)
		fatal("out of memory");
	if (t->words)
		pcre2_set_compile_extra_options(cctx, PCRE2_EXTRA_MATCH_WORD);
	for (i = 0; i < t->npats; i++) {
		struct theme_pattern	*p = &t->pats[i];

		if (p->re != NULL) {
			pcre2_code_free(p->re);
			p->re = NULL;
		}
		if (p->anchored != NULL) {
			pcre2_code_free(p->anchored);
			p->anchored = NULL;
		}
		p->jit = p->anchored_jit = 0;
		if (p->source[0] == '\0')
			continue;
		caseless = t->icase == THEME_CASE_YES ||
		    (t->icase == THEME_CASE_SMART && theme_smart_caseless(p->source));
		opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
		    (caseless ? PCRE2_CASELESS : 0);
		/* A folded theme's pattern is folded as the text will be: its
		   ASCII, and so its syntax, stays as written. */
		src = t->fold ? fold_pattern(p->source) : p->source;
		p->re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts,
		    &code, &erroff, cctx);
		if (p->re == NULL) {
			if (src != p->source)
				free(src);
			off = src != p->source ?
			    theme_fold_offset(p->source, erroff) : erroff;
			if (off > strlen(p->source))
				off = strlen(p->source);
			pcre2_get_error_message(code, msg, sizeof msg);
			if (bare) {
				diag_add(d, DIAG_ERROR, NULL, 0, "%s at offset %zu",
				    (char *)msg, off);
				continue;
			}
			at.file = p->file;
			at.line = p->line;
			at.col = diag_column(p->col, p->source, off);
			diag_add_at(d, DIAG_ERROR, &at, "theme %s: %s: %s at offset %zu",
			    t->name, p->key, (char *)msg, off);
			diag_caret(d, p->source, off);
			continue;
		}
		p->jit = pcre2_jit_compile(p->re, PCRE2_JIT_COMPLETE) == 0;
		/* The scan tries single starts next to a literal: anchoring at match
		   time would leave the JIT, so the anchored copy is compiled here.
		   Not for a pattern with \K, whose match starts after where it was
		   tried, or \G, true only where a search starts: that one is searched
		   whole (both found by fuzz_theme). */
		if (!theme_has_bsk(p->source))
			p->anchored = pcre2_compile((PCRE2_SPTR)src,
			    PCRE2_ZERO_TERMINATED, opts | PCRE2_ANCHORED, &code, &erroff,
			    cctx);
		if (p->anchored != NULL)
			p->anchored_jit = pcre2_jit_compile(p->anchored,
			    PCRE2_JIT_COMPLETE) == 0;
		if (src != p->source)
			free(src);
	}
	pcre2_compile_context_free(cctx);
}

int
theme_single(struct theme *t, const char *name, const char *pattern, struct diag *d)
{
	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	t->icase = THEME_CASE_SMART;
	t->enabled = 1;
	t->colour.index = t->colour.rgb = -1;
	t->pats = xcalloc(1, sizeof *t->pats);
	t->npats = 1;
	t->pats[0].key = xstrdup(name);
	t->pats[0].source = xstrdup(pattern);
	t->pats[0].file = xstrdup(name);
	if (*pattern == '\0') {
		/* Compiling passes an empty pattern by, with no message. */
		diag_add(d, DIAG_ERROR, NULL, 0, "bad pattern");
		theme_free(t);
		return -1;
	}
	theme_compile_pats(t, d, 1);
	if (t->pats[0].re != NULL)
		return 0;
	theme_free(t);
	return -1;
}

void
theme_free(struct theme *t)
{
	size_t	 i;

	for (i = 0; i < t->npats; i++) {
		free(t->pats[i].key);
		free(t->pats[i].source);
		free(t->pats[i].file);
		if (t->pats[i].re != NULL)
			pcre2_code_free(t->pats[i].re);
		if (t->pats[i].anchored != NULL)
			pcre2_code_free(t->pats[i].anchored);
	}
	free(t->pats);
	free(t->name);
	free(t->description);
	free(t->file);
	memset(t, 0, sizeof *t);
}

struct matcher *
matcher_new(void)
{
	struct matcher	*m = xcalloc(1, sizeof *m);

	m->md = pcre2_match_data_create(1, NULL);
	m->mctx = pcre2_match_context_create(NULL);
	m->jctx = pcre2_match_context_create(NULL);
	m->jit = pcre2_jit_stack_create(32 * 1024, THEME_JIT_STACK, NULL);
	if (m->md == NULL || m->mctx == NULL || m->jctx == NULL || m->jit == NULL)
		fatal("out of memory");
	pcre2_set_match_limit(m->mctx, THEME_MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, THEME_DEPTH_LIMIT);
	pcre2_set_match_limit(m->jctx, THEME_JIT_MATCH_LIMIT);
	pcre2_jit_stack_assign(m->jctx, NULL, m->jit);
	return m;
}

void
matcher_free(struct matcher *m)
{
	if (m == NULL)
		return;
	fold_free(&m->fold);
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_match_context_free(m->jctx);
	pcre2_jit_stack_free(m->jit);
	free(m);
}

static double
theme_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The calling thread's processor time, -1 when there is no such clock. */
static double
theme_cpu_ms(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == -1)
		return -1;
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double	(*theme_wall)(void) = theme_now_ms;
static double	(*theme_cpu)(void) = theme_cpu_ms;

void
theme_clocks(double (*wall)(void), double (*cpu)(void))
{
	theme_wall = wall != NULL ? wall : theme_now_ms;
	theme_cpu = cpu != NULL ? cpu : theme_cpu_ms;
}

/* A search's bound: THEME_DEADLINE_MS of its thread's time, so that a thread the
   machine sets aside (two cores, a build beside it) does not end a search that
   costs microseconds, and mark the count incomplete. The thread's clock costs a
   system call (2.4 us here, against 40 ns for the wall's), too dear to read at
   every search of every pattern of every article: the wall's is read, and only
   once half the bound has passed on it is the thread's, the first time to start
   from, then to learn whether the thread had the half after. On an idle machine
   a search is so ended after THEME_DEADLINE_MS, as by the wall's clock alone; a
   starved one goes on until it has had half the bound's time of its own. */
struct theme_bound {
	double	start;		/* the wall's clock at the start */
	double	look;		/* when the wall's clock next says to look */
	double	cpu;		/* the thread's time when first looked; -1:
				   not yet */
};

static void
theme_bound_start(struct theme_bound *b)
{
	b->start = theme_wall();
	b->look = b->start + THEME_DEADLINE_MS / 2.0;
	b->cpu = -1;
}

/* Whether the search has had its time. */
static int
theme_bound_over(struct theme_bound *b)
{
	double	 now = theme_wall(), cpu, had;

	if (now < b->look)
		return 0;
	/* No thread's clock: the wall's bound. */
	if ((cpu = theme_cpu()) < 0)
		return now - b->start >= THEME_DEADLINE_MS;
	if (b->cpu < 0) {
		b->cpu = cpu;
		b->look = now + THEME_DEADLINE_MS / 2.0;
		return 0;
	}
	if ((had = cpu - b->cpu) >= THEME_DEADLINE_MS / 2.0)
		return 1;
	/* Not before it could have had the rest, nor within a tenth of the bound
	   of the last look. */
	b->look = now + (THEME_DEADLINE_MS / 2.0 - had > THEME_DEADLINE_MS / 10.0 ?
	    THEME_DEADLINE_MS / 2.0 - had : THEME_DEADLINE_MS / 10.0);
	return 0;
}

static int
theme_cmp_start(const void *a, const void *b)
{
	const struct match	*x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->theme != y->theme)
		return x->theme < y->theme ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->pat < y->pat ? -1 : x->pat > y->pat;
}

static int
theme_cmp_theme(const void *a, const void *b)
{
	const struct match	*x = a, *y = b;

	if (x->theme != y->theme)
		return x->theme < y->theme ? -1 : 1;
	return theme_cmp_start(a, b);
}

int
matcher_pattern(struct matcher *m, const struct theme *t, size_t ti, size_t pi,
    const char *buf, size_t len, size_t from, size_t to, struct match_list *out)
{
	PCRE2_SIZE	*ov = pcre2_get_ovector_pointer(m->md);
	const struct theme_pattern *p = &t->pats[pi];
	const struct fold *f = NULL;
	struct match	 mt;
	size_t		 off = from;
	struct theme_bound bound;
	int		 rc, calls = 0;

	if (p->re == NULL)
		return 0;
	theme_bound_start(&bound);
	if (to > len)
		to = len;
	/* A folded theme searches the text folded, from and to where they fall in
	   it; its matches are given back where they are in the text. */
	if (t->fold) {
		fold_text(&m->fold, buf, len);
		f = &m->fold;
		off = fold_to(f, from);
		to = fold_to(f, to);
		buf = f->text;
		len = f->len;
	}
	while (off < to) {
		rc = pcre2_match(p->re, (PCRE2_SPTR)buf, len, off, 0, m->md,
		    p->jit ? m->jctx : m->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		/* A limit, or an error PCRE2 should not give: either way the count is
		   not to be trusted. */
		if (rc < 0)
			return -1;
		if (ov[0] >= to)
			break;
		if (ov[1] <= ov[0]) {
			/* An empty match is no hit; step over one byte (PCRE2 will not
			   start inside a character). */
			off = ov[0] + 1;
			continue;
		}
		mt.start = f != NULL ? fold_start(f, ov[0]) : ov[0];
		mt.end = f != NULL ? fold_end(f, ov[1]) : ov[1];
		mt.theme = (uint16_t)ti;
		mt.pat = (uint16_t)pi;
		match_list_add(out, &mt);
		off = ov[1];
		if ((++calls & 63) == 0 && theme_bound_over(&bound))
			return -1;
	}
	return theme_bound_over(&bound) ? -1 : 0;
}

const char *
matcher_folded(struct matcher *m, const char *buf, size_t len, size_t *flen)
{
	fold_text(&m->fold, buf, len);
	*flen = m->fold.len;
	return m->fold.text;
}

int
matcher_guided(struct matcher *m, const struct theme *t, size_t ti, size_t pi,
    const char *buf, size_t len, size_t from, const size_t *occ, size_t nocc,
    long prefix, struct match_list *out)
{
	PCRE2_SIZE	*ov = pcre2_get_ovector_pointer(m->md);
	const struct theme_pattern *p = &t->pats[pi];
	const struct fold *f = NULL;
	struct match	 mt;
	size_t		 k, s, lo, pos = from, tried = from;
	int		 found;
	struct theme_bound bound;
	int		 rc, calls = 0;

	if (p->re == NULL || nocc == 0)
		return 0;
	if (prefix < 0 || p->anchored == NULL)
		return matcher_pattern(m, t, ti, pi, buf, len, from, len, out);
	theme_bound_start(&bound);
	/* A folded theme's literals were found in the folded text (occ are
	   offsets there): its starts are tried there, its matches given back. */
	if (t->fold) {
		fold_text(&m->fold, buf, len);
		f = &m->fold;
		pos = tried = fold_to(f, from);
		buf = f->text;
		len = f->len;
	}
	/* Every match starts at most prefix bytes before a literal it contains: try
	   those starts, in order, and only those. */
	for (k = 0; k < nocc; k++) {
		if (occ[k] < pos)
			continue;
		lo = occ[k] > (size_t)prefix ? occ[k] - (size_t)prefix : 0;
		if (lo < tried)
			lo = tried;
		found = 0;
		for (s = lo; s <= occ[k] && s < len; s++) {
			/* Not inside a character: PCRE2 never starts there either. */
			if (((unsigned char)buf[s] & 0xc0) == 0x80)
				continue;
			rc = pcre2_match(p->anchored, (PCRE2_SPTR)buf, len, s, 0, m->md,
			    p->anchored_jit ? m->jctx : m->mctx);
			/* PCRE2 10.42's interpreter, with MATCH_INVALID_UTF, may
			   answer an anchored search with a match that starts after an
			   invalid byte: that is no match here. */
			if (rc == PCRE2_ERROR_NOMATCH || (rc >= 0 && (ov[1] <= ov[0] ||
			    ov[0] != s)))
				continue;
			if (rc < 0)
				return -1;
			mt.start = f != NULL ? fold_start(f, ov[0]) : ov[0];
			mt.end = f != NULL ? fold_end(f, ov[1]) : ov[1];
			mt.theme = (uint16_t)ti;
			mt.pat = (uint16_t)pi;
			match_list_add(out, &mt);
			pos = ov[1];
			found = 1;
			break;
		}
		tried = found ? pos : s;
		if ((++calls & 63) == 0 && theme_bound_over(&bound))
			return -1;
	}
	return 0;
}

void
match_list_dedupe(struct match_list *out, size_t base)
{
	size_t	 i, j;

	if (out->n - base < 2)
		return;
	qsort(out->v + base, out->n - base, sizeof *out->v, theme_cmp_start);
	for (i = base + 1, j = base; i < out->n; i++) {
		if (out->v[i].start < out->v[j].end)
			continue;
		out->v[++j] = out->v[i];
	}
	out->n = j + 1;
}

int
matcher_theme(struct matcher *m, const struct theme *t, size_t ti, const char *buf,
    size_t len, size_t from, size_t to, struct match_list *out)
{
	size_t	 base = out->n, i;
	int	 incomplete = 0;

	for (i = 0; i < t->npats && !incomplete; i++)
		if (matcher_pattern(m, t, ti, i, buf, len, from, to, out) == -1)
			incomplete = 1;
	/* Patterns of one theme that match the same text count once. */
	if (t->npats > 1)
		match_list_dedupe(out, base);
	return incomplete ? -1 : 0;
}

int
matcher_first(struct matcher *m, const struct theme *t, size_t ti, const char *buf,
    size_t len, size_t from, struct match *best)
{
	PCRE2_SIZE	*ov = pcre2_get_ovector_pointer(m->md);
	const struct fold *f = NULL;
	size_t		 i, off;
	int		 rc, found = 0, limit = 0;

	if (t->fold) {
		fold_text(&m->fold, buf, len);
		f = &m->fold;
		from = fold_to(f, from);
		buf = f->text;
		len = f->len;
	}
	for (i = 0; i < t->npats; i++) {
		if (t->pats[i].re == NULL)
			continue;
		off = from;
		for (;;) {
			/* The whole text is the subject for every pattern: cutting it
			   short would change what lookaheads and \b see. */
			rc = pcre2_match(t->pats[i].re, (PCRE2_SPTR)buf, len, off, 0,
			    m->md, t->pats[i].jit ? m->jctx : m->mctx);
			if (rc < 0) {
				if (rc != PCRE2_ERROR_NOMATCH)
					limit = 1;
				break;
			}
			if (ov[1] <= ov[0]) {
				off = ov[0] + 1;
				if (off >= len)
					break;
				continue;
			}
			if (!found || ov[0] < best->start ||
			    (ov[0] == best->start && ov[1] > best->end)) {
				best->start = ov[0];
				best->end = ov[1];
				best->theme = (uint16_t)ti;
				best->pat = (uint16_t)i;
				found = 1;
			}
			break;
		}
	}
	if (found && f != NULL) {
		best->start = fold_start(f, best->start);
		best->end = fold_end(f, best->end);
	}
	if (found)
		return 0;
	return limit ? -1 : 1;
}

void
match_list_add(struct match_list *l, const struct match *m)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = *m;
}

void
match_list_clear(struct match_list *l)
{
	l->n = 0;
}

void
match_list_free(struct match_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

void
match_list_resolve(struct match_list *l)
{
	struct match	*res, *tmp;
	size_t		 nres = 0, ntmp, i, g, p, r;

	if (l->n < 2)
		return;
	qsort(l->v, l->n, sizeof *l->v, theme_cmp_theme);
	/* Theme by theme, in configuration order, each theme's matches go in where they
	   overlap nothing kept already: the earlier theme wins, deterministically. */
	res = xreallocarray(NULL, l->n, sizeof *res);
	tmp = xreallocarray(NULL, l->n, sizeof *tmp);
	for (g = 0; g < l->n; g = i) {
		for (i = g; i < l->n && l->v[i].theme == l->v[g].theme; i++)
			;
		ntmp = 0;
		p = 0;
		for (r = g; r < i; r++) {
			const struct match	*m = &l->v[r];

			while (p < nres && res[p].end <= m->start)
				tmp[ntmp++] = res[p++];
			if (p < nres && res[p].start < m->end)
				continue;
			if (ntmp > 0 && tmp[ntmp - 1].end > m->start)
				continue;
			tmp[ntmp++] = *m;
		}
		while (p < nres)
			tmp[ntmp++] = res[p++];
		memcpy(res, tmp, ntmp * sizeof *res);
		nres = ntmp;
	}
	memcpy(l->v, res, nres * sizeof *res);
	l->n = nres;
	free(res);
	free(tmp);
}
