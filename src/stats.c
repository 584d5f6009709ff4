/* The figures of rubric stats: summed, printed as text or JSON Lines, and read back
   from JSON Lines. Every figure is a count, so that adding two outputs' figures
   gives those of the two corpora together. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export_safe.h"
#include "glyph.h"
#include "stats.h"
#include "xmalloc.h"

#define STATS_BAR	30
/* The largest figure: jsonl prints a count as a JSON integer, 64 bits signed. */
#define STATS_MAX	(SIZE_MAX < INT64_MAX ? SIZE_MAX : (size_t)INT64_MAX)

/* One output being read: where its "articles" record is, and which of the first
   output's themes it gave. */
struct stats_run {
	const char	*file;
	size_t		 line;		/* of its "articles" record; 0: none yet */
	unsigned char	*seen;		/* per theme, after the first output */
	unsigned char	*pairs;		/* [a * npairs + b]: the pair came */
	size_t		 npairs;	/* themes when pairs was made */
	unsigned char	*tags;		/* per tag of s: the tag came */
	size_t		 ntags;
};

static void	stats_bar(FILE *, size_t, size_t);
static void	stats_name(FILE *, const char *, int);
static void	stats_text_themes(const struct stats *, FILE *);
static void	stats_text_tags(const struct stats *, FILE *);
static void	stats_text_pairs(const struct stats *, FILE *);
static void	stats_text_codes(const struct stats *, FILE *);
static int	stats_code_cmp(const void *, const void *);
static int	stats_meet_cmp(const void *, const void *);
static void	stats_meet(struct stats_meet **, size_t *, const char *, const char *,
		    size_t, size_t);
static int	stats_jsonl_codes(const struct stats *, FILE *);
static int	stats_tag_cmp(const void *, const void *);
static size_t	stats_find(const struct stats *, const char *);
static size_t	stats_find_tag(const struct stats *, const char *);
static int	stats_count(json_t *, const char *, size_t *);
static int	stats_add(size_t *, size_t, struct stats_run *, size_t,
		    struct diag *);
static int	stats_pair_once(struct stats_run *, size_t, size_t, size_t);
static int	stats_tag_once(struct stats_run *, const struct stats *,
		    const char *);
static int	stats_end(struct stats *, struct stats_run *, struct diag *);
static int	stats_record(struct stats *, struct stats_run *, json_t *,
		    size_t, struct diag *);

void
stats_init(struct stats *s)
{
	memset(s, 0, sizeof *s);
}

void
stats_free(struct stats *s)
{
	size_t	 i;

	for (i = 0; i < s->nthemes; i++)
		free(s->themes[i].name);
	for (i = 0; i < s->ntags; i++)
		free(s->tags[i].name);
	for (i = 0; i < s->ncodes; i++)
		free(s->codes[i].name);
	for (i = 0; i < s->ncodepairs; i++) {
		free(s->codepairs[i].a);
		free(s->codepairs[i].b);
	}
	for (i = 0; i < s->nthemecodes; i++) {
		free(s->themecodes[i].a);
		free(s->themecodes[i].b);
	}
	free(s->codes);
	free(s->codepairs);
	free(s->themecodes);
	free(s->themes);
	free(s->tags);
	free(s->both);
	free(s->origin);
	memset(s, 0, sizeof *s);
}

size_t
stats_theme(struct stats *s, const char *name)
{
	size_t	 n = s->nthemes, a, b, *both;

	s->themes = xreallocarray(s->themes, n + 1, sizeof *s->themes);
	memset(&s->themes[n], 0, sizeof s->themes[n]);
	s->themes[n].name = xstrdup(name);
	/* The table grows by a row and a column: the cells move. */
	both = xcalloc((n + 1) * (n + 1), sizeof *both);
	for (a = 0; a < n; a++)
		for (b = 0; b < n; b++)
			both[a * (n + 1) + b] = s->both[a * n + b];
	free(s->both);
	s->both = both;
	s->nthemes = n + 1;
	return n;
}

void
stats_both(struct stats *s, size_t a, size_t b, size_t n)
{
	s->both[a * s->nthemes + b] += n;
	s->both[b * s->nthemes + a] += n;
}

size_t
stats_tag(struct stats *s, const char *name, size_t manual, size_t autos)
{
	size_t	 k;

	if ((k = stats_find_tag(s, name)) == s->ntags) {
		s->tags = xreallocarray(s->tags, k + 1, sizeof *s->tags);
		memset(&s->tags[k], 0, sizeof s->tags[k]);
		s->tags[k].name = xstrdup(name);
		s->ntags++;
	}
	s->tags[k].manual += manual;
	s->tags[k].autos += autos;
	return k;
}

/* A bar of n out of max, rounded up so that any n > 0 shows. */
static void
stats_bar(FILE *f, size_t n, size_t max)
{
	size_t	 bar = max > 0 ? (n * STATS_BAR + max - 1) / max : 0;

	while (bar-- > 0)
		putc('#', f);
}

/* A name from the configuration or the sidecar, quoted; with width, cut to that many
   columns and padded to them. */
static void
stats_name(FILE *f, const char *name, int width)
{
	struct glyph	 g;
	char		*q = glyph_quote(name, strlen(name));
	size_t		 pos, len = strlen(q);
	int		 col = 0;

	for (pos = 0; pos < len; pos += g.len) {
		glyph_next(q + pos, len - pos, col, 1, &g);
		if (width > 0 && col + g.cols > width)
			break;
		fwrite(g.text, 1, g.textlen, f);
		col += g.cols;
	}
	while (col++ < width)
		putc(' ', f);
	free(q);
}

static void
stats_text_themes(const struct stats *s, FILE *f)
{
	const struct stats_theme	*th;
	size_t				 t, max = 0;

	for (t = 0; t < s->nthemes; t++)
		if (s->themes[t].articles > max)
			max = s->themes[t].articles;
	fprintf(f, "%-20s %8s %8s  %s\n", "theme", "articles", "hits",
	    "articles with hits");
	for (t = 0; t < s->nthemes; t++) {
		th = &s->themes[t];
		stats_name(f, th->name, 20);
		fprintf(f, " %8zu %8zu  ", th->articles, th->hits);
		stats_bar(f, th->articles, max);
		if (th->incomplete > 0)
			fprintf(f, " (incomplete in %zu)", th->incomplete);
		putc('\n', f);
	}
}

static int
stats_tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct stats_tag *)a)->name,
	    ((const struct stats_tag *)b)->name);
}

static void
stats_text_tags(const struct stats *s, FILE *f)
{
	struct stats_tag	*v;
	size_t			 k, max = 0;
	int			 pad;

	v = xcalloc(s->ntags + 1, sizeof *v);
	if (s->ntags > 0) {
		memcpy(v, s->tags, s->ntags * sizeof *v);
		qsort(v, s->ntags, sizeof *v, stats_tag_cmp);
	}
	for (k = 0; k < s->ntags; k++)
		if (v[k].manual + v[k].autos > max)
			max = v[k].manual + v[k].autos;
	fprintf(f, "\n%-20s %8s %8s  %s\n", "tag", "manual", "auto", "articles");
	for (k = 0; k < s->ntags; k++) {
		stats_name(f, v[k].name, 0);
		pad = 20 - glyph_strwidth(v[k].name, strlen(v[k].name), 1);
		fprintf(f, "%*s %8zu %8zu  ", pad > 0 ? pad : 0, "", v[k].manual,
		    v[k].autos);
		stats_bar(f, v[k].manual + v[k].autos, max);
		putc('\n', f);
	}
	if (s->ntags == 0)
		fprintf(f, "(no tags)\n");
	free(v);
}

/* The themes by number down the side and across the top; a cell is how many articles
   have hits of both, the diagonal how many have hits of one. */
static void
stats_text_pairs(const struct stats *s, FILE *f)
{
	size_t	 nt = s->nthemes, a, b;

	if (nt < 2)
		return;
	fprintf(f, "\narticles with both themes\n%-24s", "");
	for (b = 0; b < nt; b++)
		fprintf(f, " %5zu", b + 1);
	putc('\n', f);
	for (a = 0; a < nt; a++) {
		fprintf(f, "%2zu ", a + 1);
		stats_name(f, s->themes[a].name, 20);
		putc(' ', f);
		for (b = 0; b < nt; b++)
			fprintf(f, " %5zu", a == b ? s->themes[a].articles :
			    s->both[a * nt + b]);
		putc('\n', f);
	}
}

void
stats_text(const struct stats *s, FILE *f)
{
	fprintf(f, "%zu articles", s->articles);
	if (s->query)
		fprintf(f, " of %zu", s->corpus);
	/* The undecided are counted in neither: the figures say so. */
	if (s->undecided > 0)
		fprintf(f, " (%zu the query could not decide)", s->undecided);
	fprintf(f, ", %zu binary skipped, %zu unreadable\n\n", s->binary,
	    s->unreadable);
	stats_text_themes(s, f);
	stats_text_tags(s, f);
	stats_text_pairs(s, f);
	stats_text_codes(s, f);
}

void
stats_code(struct stats *s, const char *name, size_t articles, size_t passages)
{
	size_t	 k;

	for (k = 0; k < s->ncodes && strcmp(s->codes[k].name, name) != 0; k++)
		;
	if (k == s->ncodes) {
		s->codes = xreallocarray(s->codes, s->ncodes + 1, sizeof *s->codes);
		s->codes[k].name = xstrdup(name);
		s->codes[k].articles = s->codes[k].passages = 0;
		s->ncodes++;
	}
	s->codes[k].articles += articles;
	s->codes[k].passages += passages;
}

/* Adds to the meeting of a and b in v, adding it if it is new. A corpus has tens
   of codes, a few hundred meetings: a search through them. */
static void
stats_meet(struct stats_meet **v, size_t *n, const char *a, const char *b,
    size_t articles, size_t passages)
{
	size_t	 k;

	for (k = 0; k < *n; k++)
		if (strcmp((*v)[k].a, a) == 0 && strcmp((*v)[k].b, b) == 0)
			break;
	if (k == *n) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[k].a = xstrdup(a);
		(*v)[k].b = xstrdup(b);
		(*v)[k].articles = (*v)[k].passages = 0;
		(*n)++;
	}
	(*v)[k].articles += articles;
	(*v)[k].passages += passages;
}

void
stats_codes(struct stats *s, const char *a, const char *b, size_t articles,
    size_t passages)
{
	if (strcmp(a, b) > 0)
		stats_meet(&s->codepairs, &s->ncodepairs, b, a, articles, passages);
	else
		stats_meet(&s->codepairs, &s->ncodepairs, a, b, articles, passages);
}

void
stats_theme_code(struct stats *s, const char *theme, const char *code,
    size_t articles, size_t passages)
{
	stats_meet(&s->themecodes, &s->nthemecodes, theme, code, articles,
	    passages);
}

static int
stats_code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct stats_code *)a)->name,
	    ((const struct stats_code *)b)->name);
}

static int
stats_meet_cmp(const void *a, const void *b)
{
	const struct stats_meet	*x = a, *y = b;
	int			 r;

	return (r = strcmp(x->a, y->a)) != 0 ? r : strcmp(x->b, y->b);
}

/* The codes, then codes by codes and themes by codes, one line a meeting: the
   codes are open-ended, a table of them would not fit a terminal. Nothing when no
   passage is coded, so that a corpus without passages reads as it did. */
static void
stats_text_codes(const struct stats *s, FILE *f)
{
	struct stats_code	*c;
	struct stats_meet	*m;
	size_t			 k, i, n;
	int			 pad;

	if (s->ncodes == 0)
		return;
	c = xcalloc(s->ncodes, sizeof *c);
	memcpy(c, s->codes, s->ncodes * sizeof *c);
	qsort(c, s->ncodes, sizeof *c, stats_code_cmp);
	fprintf(f, "\n%-20s %8s %8s\n", "code", "articles", "passages");
	for (k = 0; k < s->ncodes; k++) {
		stats_name(f, c[k].name, 0);
		pad = 20 - glyph_strwidth(c[k].name, strlen(c[k].name), 1);
		fprintf(f, "%*s %8zu %8zu\n", pad > 0 ? pad : 0, "", c[k].articles,
		    c[k].passages);
	}
	free(c);
	for (i = 0; i < 2; i++) {
		n = i == 0 ? s->ncodepairs : s->nthemecodes;
		if (n == 0)
			continue;
		m = xcalloc(n, sizeof *m);
		memcpy(m, i == 0 ? s->codepairs : s->themecodes, n * sizeof *m);
		qsort(m, n, sizeof *m, stats_meet_cmp);
		fprintf(f, "\n%-20s %-20s %8s %8s\n", i == 0 ? "code" : "theme",
		    "code", "articles", "passages");
		for (k = 0; k < n; k++) {
			stats_name(f, m[k].a, 0);
			pad = 21 - glyph_strwidth(m[k].a, strlen(m[k].a), 1);
			fprintf(f, "%*s", pad > 1 ? pad : 1, "");
			stats_name(f, m[k].b, 0);
			pad = 20 - glyph_strwidth(m[k].b, strlen(m[k].b), 1);
			fprintf(f, "%*s %8zu %8zu\n", pad > 0 ? pad : 0, "",
			    m[k].articles, m[k].passages);
		}
		free(m);
	}
}

/* The records of the codes, by names, so that two outputs of the same figures are
   the same text. */
static int
stats_jsonl_codes(const struct stats *s, FILE *f)
{
	struct stats_code	*c;
	struct stats_meet	*m;
	json_t			*o;
	size_t			 k, i, n;
	int			 rc = 0;

	c = xcalloc(s->ncodes + 1, sizeof *c);
	if (s->ncodes > 0) {
		memcpy(c, s->codes, s->ncodes * sizeof *c);
		qsort(c, s->ncodes, sizeof *c, stats_code_cmp);
	}
	for (k = 0; k < s->ncodes; k++) {
		o = json_pack("{s:s, s:o, s:I, s:I}", "stats", "code", "code",
		    export_json_string(c[k].name, strlen(c[k].name)), "articles",
		    (json_int_t)c[k].articles, "passages",
		    (json_int_t)c[k].passages);
		rc |= export_json_line(f, o);
	}
	free(c);
	for (i = 0; i < 2; i++) {
		n = i == 0 ? s->ncodepairs : s->nthemecodes;
		m = xcalloc(n + 1, sizeof *m);
		if (n > 0) {
			memcpy(m, i == 0 ? s->codepairs : s->themecodes,
			    n * sizeof *m);
			qsort(m, n, sizeof *m, stats_meet_cmp);
		}
		for (k = 0; k < n; k++) {
			if (i == 0)
				o = json_pack("{s:s, s:[o, o], s:I, s:I}", "stats",
				    "codepair", "codes", export_json_string(m[k].a,
				    strlen(m[k].a)), export_json_string(m[k].b,
				    strlen(m[k].b)), "articles",
				    (json_int_t)m[k].articles, "passages",
				    (json_int_t)m[k].passages);
			else
				o = json_pack("{s:s, s:o, s:o, s:I, s:I}", "stats",
				    "themecode", "theme", export_json_string(m[k].a,
				    strlen(m[k].a)), "code", export_json_string(
				    m[k].b, strlen(m[k].b)), "articles",
				    (json_int_t)m[k].articles, "passages",
				    (json_int_t)m[k].passages);
			rc |= export_json_line(f, o);
		}
		free(m);
	}
	return rc;
}

int
stats_jsonl(const struct stats *s, FILE *f)
{
	struct stats_tag	*v;
	json_t			*o, *pair;
	size_t			 t, a, b;
	int			 rc = 0;

	o = json_pack("{s:s, s:I, s:I, s:b, s:I, s:I, s:I}", "stats", "articles",
	    "articles", (json_int_t)s->articles, "corpus", (json_int_t)s->corpus,
	    "query", s->query, "undecided", (json_int_t)s->undecided,
	    "binary", (json_int_t)s->binary, "unreadable",
	    (json_int_t)s->unreadable);
	rc |= export_json_line(f, o);
	for (t = 0; t < s->nthemes; t++) {
		o = json_pack("{s:s, s:o, s:I, s:I, s:I}", "stats", "theme", "theme",
		    export_json_string(s->themes[t].name, strlen(s->themes[t].name)),
		    "articles", (json_int_t)s->themes[t].articles, "hits",
		    (json_int_t)s->themes[t].hits, "incomplete",
		    (json_int_t)s->themes[t].incomplete);
		rc |= export_json_line(f, o);
	}
	for (a = 0; a < s->nthemes; a++)
		for (b = a + 1; b < s->nthemes; b++) {
			pair = json_pack("[o, o]", export_json_string(
			    s->themes[a].name, strlen(s->themes[a].name)),
			    export_json_string(s->themes[b].name,
			    strlen(s->themes[b].name)));
			o = json_pack("{s:s, s:o, s:I}", "stats", "pair", "themes",
			    pair, "articles",
			    (json_int_t)s->both[a * s->nthemes + b]);
			rc |= export_json_line(f, o);
		}
	/* By name, so that two outputs of the same figures are the same text. */
	v = xcalloc(s->ntags + 1, sizeof *v);
	if (s->ntags > 0) {
		memcpy(v, s->tags, s->ntags * sizeof *v);
		qsort(v, s->ntags, sizeof *v, stats_tag_cmp);
	}
	for (t = 0; t < s->ntags; t++) {
		o = json_pack("{s:s, s:o, s:I, s:I}", "stats", "tag", "tag",
		    export_json_string(v[t].name, strlen(v[t].name)), "manual",
		    (json_int_t)v[t].manual, "auto", (json_int_t)v[t].autos);
		rc |= export_json_line(f, o);
	}
	free(v);
	rc |= stats_jsonl_codes(s, f);
	return rc != 0 ? -1 : 0;
}

/* The index of the theme called name, or nthemes. */
static size_t
stats_find(const struct stats *s, const char *name)
{
	size_t	 t;

	for (t = 0; t < s->nthemes && strcmp(s->themes[t].name, name) != 0; t++)
		;
	return t;
}

/* The index of the tag called name, or ntags. */
static size_t
stats_find_tag(const struct stats *s, const char *name)
{
	size_t	 k;

	for (k = 0; k < s->ntags && strcmp(s->tags[k].name, name) != 0; k++)
		;
	return k;
}

/* The count under key in o into *n: 0, or -1 when it is missing or is no count. */
static int
stats_count(json_t *o, const char *key, size_t *n)
{
	json_t	*v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*n = (size_t)json_integer_value(v);
	return 0;
}

/* Adds n to *sum; -1, said, when the sum would be more than a figure can be: a
   sum that wrapped round would be a lie. */
static int
stats_add(size_t *sum, size_t n, struct stats_run *r, size_t lineno,
    struct diag *d)
{
	if (n > STATS_MAX - *sum) {
		diag_add(d, DIAG_ERROR, r->file, (int)lineno, "a count too large "
		    "to add up");
		return -1;
	}
	*sum += n;
	return 0;
}

/* Marks the pair of themes a and b, of nthemes, as given by this output: -1 when
   it was already, for a pair counted twice would be more than its articles. */
static int
stats_pair_once(struct stats_run *r, size_t nthemes, size_t a, size_t b)
{
	unsigned char	*pairs;
	size_t		 i, j;

	if (r->npairs != nthemes) {
		/* A theme came after a pair: the cells move, as in stats_theme(). */
		pairs = xcalloc(nthemes * nthemes + 1, 1);
		for (i = 0; i < r->npairs; i++)
			for (j = 0; j < r->npairs; j++)
				pairs[i * nthemes + j] = r->pairs[i * r->npairs + j];
		free(r->pairs);
		r->pairs = pairs;
		r->npairs = nthemes;
	}
	if (r->pairs[a * nthemes + b])
		return -1;
	r->pairs[a * nthemes + b] = r->pairs[b * nthemes + a] = 1;
	return 0;
}

/* Marks the tag called name as given by this output, as stats_pair_once() does. */
static int
stats_tag_once(struct stats_run *r, const struct stats *s, const char *name)
{
	size_t	 k = stats_find_tag(s, name);

	if (k >= r->ntags) {
		r->tags = xreallocarray(r->tags, s->ntags + 1, 1);
		memset(r->tags + r->ntags, 0, s->ntags + 1 - r->ntags);
		r->ntags = s->ntags + 1;
	}
	if (r->tags[k])
		return -1;
	r->tags[k] = 1;
	return 0;
}

/* Ends the output r: after the first, each theme of the first must have come. */
static int
stats_end(struct stats *s, struct stats_run *r, struct diag *d)
{
	size_t	 t;
	int	 rc = 0;

	if (r->line > 0 && r->seen != NULL)
		for (t = 0; t < s->nthemes && rc == 0; t++)
			if (!r->seen[t]) {
				diag_add(d, DIAG_ERROR, r->file, (int)r->line,
				    "theme '%s' of %s is missing from this output",
				    s->themes[t].name, s->origin);
				rc = -1;
			}
	free(r->seen);
	free(r->pairs);
	free(r->tags);
	r->seen = r->pairs = r->tags = NULL;
	r->npairs = r->ntags = 0;
	r->line = 0;
	return rc;
}

/* Adds the record o, line lineno of the output r, to s. */
static int
stats_record(struct stats *s, struct stats_run *r, json_t *o, size_t lineno,
    struct diag *d)
{
	const char	*kind, *name, *other;
	json_t		*v;
	size_t		 n[5], a, b;
	int		 line = (int)lineno;

	if (!json_is_object(o) || (kind = json_string_value(json_object_get(o,
	    "stats"))) == NULL)
		goto bad;
	if (strcmp(kind, "articles") == 0) {
		if (stats_count(o, "articles", &n[0]) == -1 ||
		    stats_count(o, "corpus", &n[1]) == -1 ||
		    stats_count(o, "undecided", &n[2]) == -1 ||
		    stats_count(o, "binary", &n[3]) == -1 ||
		    stats_count(o, "unreadable", &n[4]) == -1 ||
		    !json_is_boolean(v = json_object_get(o, "query")))
			goto bad;
		if (stats_end(s, r, d) == -1)
			return -1;
		if (stats_add(&s->articles, n[0], r, lineno, d) == -1 ||
		    stats_add(&s->corpus, n[1], r, lineno, d) == -1 ||
		    stats_add(&s->undecided, n[2], r, lineno, d) == -1 ||
		    stats_add(&s->binary, n[3], r, lineno, d) == -1 ||
		    stats_add(&s->unreadable, n[4], r, lineno, d) == -1)
			return -1;
		s->query |= json_is_true(v);
		if (s->nread++ == 0)
			s->origin = xasprintf("%s:%d", r->file, line);
		else
			r->seen = xcalloc(s->nthemes + 1, 1);
		r->line = lineno;
		return 0;
	}
	if (r->line == 0) {
		diag_add(d, DIAG_ERROR, r->file, line, "a stats record before its "
		    "output's \"articles\" record");
		return -1;
	}
	if (strcmp(kind, "theme") == 0) {
		if ((name = json_string_value(json_object_get(o, "theme"))) == NULL ||
		    stats_count(o, "articles", &n[0]) == -1 ||
		    stats_count(o, "hits", &n[1]) == -1 ||
		    stats_count(o, "incomplete", &n[2]) == -1)
			goto bad;
		if ((a = stats_find(s, name)) == s->nthemes) {
			if (r->seen != NULL) {
				diag_add(d, DIAG_ERROR, r->file, line, "theme '%s' "
				    "is not in the first output, %s", name,
				    s->origin);
				return -1;
			}
			stats_theme(s, name);
		} else if (r->seen == NULL || r->seen[a]++ > 0) {
			diag_add(d, DIAG_ERROR, r->file, line, "theme '%s' twice in "
			    "one output", name);
			return -1;
		}
		return stats_add(&s->themes[a].articles, n[0], r, lineno, d) ==
		    -1 || stats_add(&s->themes[a].hits, n[1], r, lineno, d) == -1 ||
		    stats_add(&s->themes[a].incomplete, n[2], r, lineno, d) == -1 ?
		    -1 : 0;
	}
	if (strcmp(kind, "pair") == 0) {
		v = json_object_get(o, "themes");
		if (json_array_size(v) != 2 ||
		    (name = json_string_value(json_array_get(v, 0))) == NULL ||
		    (other = json_string_value(json_array_get(v, 1))) == NULL ||
		    stats_count(o, "articles", &n[0]) == -1)
			goto bad;
		a = stats_find(s, name);
		b = stats_find(s, other);
		if (a == s->nthemes || b == s->nthemes || a == b) {
			diag_add(d, DIAG_ERROR, r->file, line, "a pair of themes, "
			    "'%s' and '%s', not two of this output's", name, other);
			return -1;
		}
		if (stats_pair_once(r, s->nthemes, a, b) == -1) {
			diag_add(d, DIAG_ERROR, r->file, line, "the pair of themes "
			    "'%s' and '%s' twice in one output", name, other);
			return -1;
		}
		/* Both cells hold the same sum: one check is for both. */
		if (n[0] > STATS_MAX - s->both[a * s->nthemes + b]) {
			diag_add(d, DIAG_ERROR, r->file, line, "a count too large to "
			    "add up");
			return -1;
		}
		stats_both(s, a, b, n[0]);
		return 0;
	}
	if (strcmp(kind, "tag") == 0) {
		if ((name = json_string_value(json_object_get(o, "tag"))) == NULL ||
		    stats_count(o, "manual", &n[0]) == -1 ||
		    stats_count(o, "auto", &n[1]) == -1)
			goto bad;
		if (stats_tag_once(r, s, name) == -1) {
			diag_add(d, DIAG_ERROR, r->file, line, "tag '%s' twice in one "
			    "output", name);
			return -1;
		}
		stats_tag(s, name, 0, 0);
		a = stats_find_tag(s, name);
		return stats_add(&s->tags[a].manual, n[0], r, lineno, d) == -1 ||
		    stats_add(&s->tags[a].autos, n[1], r, lineno, d) == -1 ? -1 : 0;
	}
	/* Codes are summed as they come: a code, unlike a theme, need not be in
	   every shard. */
	if (strcmp(kind, "code") == 0) {
		if ((name = json_string_value(json_object_get(o, "code"))) == NULL ||
		    stats_count(o, "articles", &n[0]) == -1 ||
		    stats_count(o, "passages", &n[1]) == -1)
			goto bad;
		stats_code(s, name, n[0], n[1]);
		return 0;
	}
	if (strcmp(kind, "codepair") == 0 || strcmp(kind, "themecode") == 0) {
		v = json_object_get(o, "codes");
		if (kind[0] == 'c' ? json_array_size(v) != 2 ||
		    (name = json_string_value(json_array_get(v, 0))) == NULL ||
		    (other = json_string_value(json_array_get(v, 1))) == NULL :
		    (name = json_string_value(json_object_get(o, "theme"))) ==
		    NULL || (other = json_string_value(json_object_get(o,
		    "code"))) == NULL)
			goto bad;
		if (stats_count(o, "articles", &n[0]) == -1 ||
		    stats_count(o, "passages", &n[1]) == -1)
			goto bad;
		if (kind[0] == 'c')
			stats_codes(s, name, other, n[0], n[1]);
		else
			stats_theme_code(s, name, other, n[0], n[1]);
		return 0;
	}
bad:
	diag_add(d, DIAG_ERROR, r->file, line, "not a stats record");
	return -1;
}

int
stats_read(struct stats *s, FILE *f, const char *name, struct diag *d)
{
	struct stats_run	 r = { name, 0, NULL, NULL, 0, NULL, 0 };
	json_error_t		 err;
	json_t			*o;
	char			*line = NULL;
	size_t			 cap = 0, lineno = 0, nread = s->nread;
	ssize_t			 len;
	int			 rc = 0;

	while (rc == 0 && (len = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		/* A key given twice would count as its last value alone, in
		   silence: such a line is no record of ours. */
		if ((o = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES,
		    &err)) == NULL) {
			diag_add(d, DIAG_ERROR, name, (int)lineno, "not a stats "
			    "record: %s", err.text);
			rc = -1;
			break;
		}
		rc = stats_record(s, &r, o, lineno, d);
		json_decref(o);
	}
	free(line);
	if (rc == 0 && ferror(f)) {
		diag_add(d, DIAG_ERROR, name, 0, "%s", strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		rc = stats_end(s, &r, d);
	free(r.seen);
	free(r.pairs);
	free(r.tags);
	if (rc == 0 && s->nread == nread) {
		diag_add(d, DIAG_ERROR, name, 0, "no stats output in it");
		rc = -1;
	}
	return rc;
}
