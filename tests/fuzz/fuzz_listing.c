/* Fuzzes the screen's model: a listing and its sidebar over a small corpus made once
   in unlinked scratch files, driven by operations decoded from the input (choose a
   sidebar item, limit by a tag or clear the limits, a limit query typed as bytes, the
   corpus search, sort, select, mark, tag an article, count one, refilter with a stop
   at some article, ask for the targets). After each, what the screen trusts must
   hold: the visible rows in range and each once, the selection on a row, the marks
   counted, the targets marked or the selected one, the order after a sort, and the
   sidebar's counts the same as the list its item lets through. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

#include "article.h"
#include "config.h"
#include "corpus.h"
#include "listing.h"
#include "progress.h"
#include "query.h"
#include "scan.h"
#include "sidebar.h"
#include "sidecar.h"
#include "tags.h"
#include "theme.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char	 config_ini[] = "[theme oil]\npattern = oil\nautotag = 2\n"
    "[theme deir]\npattern = deir\n"
    "[view tagged]\nquery = \"tag:x\"\n"
    "[view oily]\nquery = \"theme:oil>=1 and not tag:y\"\n"
    "[view ordinary]\nquery = \"text:ordinary\"\n"
    "[view broken]\nquery = \"tag:a and )\"\n";

/* In the order corpus_scan() would give them, by name; the last cannot be read. */
static const struct {
	const char	*name;
	const char	*text;
} articles[] = {
	{ "a/one.txt", "Title: Beta\nDate: 2020-01-02\n\noil oil deir\n" },
	{ "a/two.txt", "Title: alpha\nDate: 2021-05-01\n\nan ordinary day\n" },
	{ "b/c/four.txt", "Title: Alpha\n\noil oil oil oil deir\n" },
	{ "b/three.txt", "Title: gamma\nDate: 2019-12-31\n\nnothing \xff here\n" },
	{ "top.txt", "Title: Top\n\noil, ordinary oil\n" },
	{ "z/gone.txt", NULL },
};
#define NART	(sizeof articles / sizeof articles[0])

/* The tags an operation may put on or reject; oil is also a theme's automatic tag. */
static const char *const vocab[] = { "x", "y", "oil", "Urgent" };
#define NVOCAB	(sizeof vocab / sizeof vocab[0])

static struct fuzz_file	 conf, files[NART];
static struct config	 cfg;
static struct corpus	 corpus;

/* One input's state: every article's tags as bits (person's in the low nibble,
   rejected in the high one) and the entries made from them. */
struct state {
	const uint8_t		*p;
	size_t			 n;
	unsigned char		 bits[NART];
	struct sidecar_entry	 ev[NART];
	struct sidecar_tag	 tags[NART][NVOCAB];
	struct scan		*scan;
	struct matcher		*m;
	struct listing		 l;
	struct sidebar		 sb;
	size_t			 active;	/* the sidebar item applied */
	size_t			 stop_at;	/* progress stops there; NART: never */
	size_t			 calls;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct config_file	 f;
	struct diag		 d;
	size_t			 i;

	(void)argc;
	(void)argv;
	fuzz_locale();
	fuzz_file_open(&conf);
	fuzz_file_put(&conf, config_ini, sizeof config_ini - 1);
	memset(&f, 0, sizeof f);
	f.path = conf.path;
	f.required = 1;
	memset(&d, 0, sizeof d);
	config_init(&cfg);
	FUZZ_CHECK(config_load(&cfg, &f, 1, &d) == 0 && cfg.nthemes == 2 &&
	    cfg.nviews == 4);
	diag_free(&d);
	corpus.label = strdup("fuzz");
	corpus.articles = calloc(NART, sizeof *corpus.articles);
	FUZZ_CHECK(corpus.label != NULL && corpus.articles != NULL);
	for (i = 0; i < NART; i++) {
		if (articles[i].text == NULL) {
			corpus.articles[i] = article_new("/nonexistent/rubric-fuzz",
			    articles[i].name);
			FUZZ_CHECK(article_head(corpus.articles[i], cfg.chrome) ==
			    ARTICLE_UNREADABLE);
			corpus.nerrors++;
		} else {
			fuzz_file_open(&files[i]);
			fuzz_file_put(&files[i], articles[i].text,
			    strlen(articles[i].text));
			corpus.articles[i] = article_new(files[i].path,
			    articles[i].name);
			FUZZ_CHECK(article_head(corpus.articles[i], cfg.chrome) ==
			    ARTICLE_OK);
		}
	}
	corpus.n = NART;
	return 0;
}

/* The next byte of the input, 0 once it is used up. */
static unsigned
next(struct state *s)
{
	if (s->n == 0)
		return 0;
	s->n--;
	return *s->p++;
}

static struct sidecar_entry *
entry(void *arg, size_t i)
{
	struct state	*s = arg;

	return s->ev[i].ntags > 0 ? &s->ev[i] : NULL;
}

/* Makes article i's entry again from its bits. */
static void
entry_make(struct state *s, size_t i)
{
	struct sidecar_entry	*e = &s->ev[i];
	size_t			 k;

	e->path = (char *)articles[i].name;
	e->tags = s->tags[i];
	e->ntags = 0;
	for (k = 0; k < NVOCAB; k++) {
		if (!(s->bits[i] & (0x11u << k)))
			continue;
		s->tags[i][e->ntags].name = (char *)vocab[k];
		s->tags[i][e->ntags].origin = s->bits[i] & (0x10u << k) ?
		    SIDECAR_REJECTED : SIDECAR_PERSON;
		e->ntags++;
	}
}

/* The progress of a long filter: told of every article in turn, once. */
static int
watch(void *arg, size_t done, size_t total)
{
	struct state	*s = arg;

	FUZZ_CHECK(total == NART && done == s->calls);
	s->calls++;
	return done == s->stop_at;
}

/* What an operation leaves: rows in the sort order, and whether a refilter went
   through every article just now, so that the list is what the filters let in. */
#define SORTED	1
#define WHOLE	2

/* Runs a refilter as the screen does: the sidebar's item, watched. Returns SORTED,
   with WHOLE if it went through every article. */
static int
refilter(struct state *s)
{
	struct progress	 p = { watch, s };

	s->calls = 0;
	listing_set_item(&s->l, &s->sb.v[s->active]);
	return listing_refilter(&s->l, &p) == NART ? SORTED | WHOLE : SORTED;
}

/* The rows, the selection, the marks and the targets agree. */
static void
check_listing(const struct listing *l)
{
	unsigned char	 seen[NART], undecided = 0, marked = 0;
	size_t		*out, n, k;

	memset(seen, 0, sizeof seen);
	FUZZ_CHECK(l->nvisible <= NART);
	for (k = 0; k < l->nvisible; k++) {
		FUZZ_CHECK(l->visible[k] < NART && !seen[l->visible[k]]);
		seen[l->visible[k]] = 1;
		FUZZ_CHECK(listing_find(l, l->visible[k]) == k);
	}
	FUZZ_CHECK(l->nvisible > 0 ? l->sel < l->nvisible : l->sel == 0);
	FUZZ_CHECK(listing_selected(l) ==
	    (l->nvisible > 0 ? l->visible[l->sel] : (size_t)-1));
	for (k = 0; k < NART; k++) {
		marked += l->marked[k] != 0;
		undecided += l->undecided[k] != 0;
		/* Only a listed article is marked '?'. */
		FUZZ_CHECK(!l->undecided[k] || seen[k]);
		if (!seen[k])
			FUZZ_CHECK(listing_find(l, k) == l->nvisible);
	}
	FUZZ_CHECK(marked == l->nmarked && undecided == l->nundecided);
	n = listing_targets(l, &out);
	if (l->nmarked > 0) {
		FUZZ_CHECK(n == l->nmarked);
		for (k = 0; k < n; k++)
			FUZZ_CHECK(out[k] < NART && l->marked[out[k]] &&
			    (k == 0 || out[k - 1] < out[k]));
	} else {
		FUZZ_CHECK(n == (l->nvisible > 0));
		FUZZ_CHECK(n == 0 || out[0] == listing_selected(l));
	}
	free(out);
}

/* Right after a sort or a refilter, the rows are in the sort order. */
static void
check_order(const struct listing *l)
{
	size_t	 k;
	long	 a, b;

	for (k = 1; k < l->nvisible; k++) {
		switch (l->sort) {
		case SORT_PATH:
			FUZZ_CHECK(l->visible[k - 1] < l->visible[k]);
			break;
		case SORT_HITS:
			a = listing_hits(l, l->visible[k - 1]);
			b = listing_hits(l, l->visible[k]);
			FUZZ_CHECK(a > b || (a == b &&
			    l->visible[k - 1] < l->visible[k]));
			break;
		default:
			break;
		}
	}
}

/* The sidebar's counts: all, the tags section (each tag once, by name, counting the
   articles that carry it), and, once a refilter went through with no other filter,
   the item applied counts what the list shows. */
static void
check_sidebar(struct state *s, int whole)
{
	const struct sidebar	*sb = &s->sb;
	const struct side_item	*it = &sb->v[s->active];
	size_t			 i, k, n;

	FUZZ_CHECK(sb->n >= 2 && sb->v[1].kind == SIDE_ALL && sb->v[1].count == NART);
	FUZZ_CHECK(sb->tags <= sb->n);
	for (i = sb->tags; i < sb->n; i++) {
		if (i == sb->tags) {
			FUZZ_CHECK(sb->v[i].kind == SIDE_HEADING);
			continue;
		}
		FUZZ_CHECK(sb->v[i].kind == SIDE_TAG);
		FUZZ_CHECK(i == sb->tags + 1 ||
		    strcmp(sb->v[i - 1].label, sb->v[i].label) < 0);
		for (k = n = 0; k < NART; k++)
			n += tags_has(&cfg, entry(s, k), scan_counts(s->scan, k),
			    sb->v[i].label, -1) != 0;
		FUZZ_CHECK(n == sb->v[i].count);
	}
	if (!whole || listing_limited(&s->l))
		return;
	if (it->kind == SIDE_VIEW && (it->query == NULL ||
	    (query_needs(it->query) & QUERY_NEEDS_BODY)))
		return;
	FUZZ_CHECK(s->l.nvisible == it->count);
}

/* A query typed as the input's next bytes: refused with an offset inside it, or
   taken as the limit. */
static void
op_query(struct state *s)
{
	struct query_error	 qe;
	struct query		*q;
	char			 text[33];
	size_t			 len = next(s) % sizeof text, k;

	for (k = 0; k < len; k++)
		text[k] = (char)next(s);
	text[len] = '\0';
	len = strlen(text);
	if (len == 0) {
		listing_set_query(&s->l, NULL, NULL);
		return;
	}
	if ((q = query_parse(text, &cfg, &qe)) == NULL) {
		FUZZ_CHECK(qe.offset <= len);
		return;
	}
	query_remember(q, NART);
	listing_set_query(&s->l, q, text);
}

/* &: the corpus search for a pattern of the input's next bytes. */
static void
op_search(struct state *s)
{
	struct progress	 p = { watch, s };
	struct theme	 th;
	struct diag	 d;
	char		 pat[17];
	size_t		 len = next(s) % sizeof pat, k, hits, und, done;

	for (k = 0; k < len; k++)
		pat[k] = (char)next(s);
	pat[len] = '\0';
	listing_search_clear(&s->l);
	memset(&d, 0, sizeof d);
	if (pat[0] != '\0' && theme_single(&th, "&", pat, &d) == 0) {
		s->calls = 0;
		done = listing_search(&s->l, pat, &th, s->m, &p, &hits, &und);
		FUZZ_CHECK(done <= NART && hits + und <= done);
		theme_free(&th);
	}
	diag_free(&d);
}

/* One operation; returns what it leaves (SORTED, WHOLE). */
static int
op(struct state *s)
{
	size_t	 i, k;

	switch (next(s) % 14) {
	case 0:		/* Enter on a sidebar item: the UI skips headings and tags */
		i = next(s) % s->sb.n;
		if (s->sb.v[i].kind == SIDE_HEADING || s->sb.v[i].kind == SIDE_TAG ||
		    s->sb.v[i].error != NULL)
			return 0;
		if (s->sb.v[i].kind == SIDE_ALL)
			listing_clear_limits(&s->l);
		s->active = i;
		return refilter(s);
	case 1:
		k = next(s);
		listing_limit_tag(&s->l, vocab[k % NVOCAB], (k >> 4) & 1);
		return 0;
	case 2:
		listing_clear_limits(&s->l);
		return 0;
	case 3:
		op_query(s);
		return 0;
	case 4:
		op_search(s);
		return 0;
	case 5:
		listing_search_clear(&s->l);
		return 0;
	case 6:
		s->l.sort = (enum sort_order)(next(s) % SORT_COUNT);
		listing_sort(&s->l);
		return SORTED;
	case 7:
		listing_select(&s->l, next(s));
		return 0;
	case 8:
		listing_mark(&s->l, next(s) % NART);
		return 0;
	case 9:
		listing_unmark_all(&s->l);
		return 0;
	case 10:	/* a tag put on, taken off or rejected, and saved */
		i = next(s) % NART;
		s->bits[i] ^= (unsigned char)next(s);
		entry_make(s, i);
		sidebar_tags(&s->sb, &s->l);
		return 0;
	case 11:	/* the scan counts one more article */
		scan_now(s->scan, next(s) % NART);
		sidebar_counts(&s->sb, &s->l);
		return 0;
	case 12:
		s->stop_at = next(s) % (NART + 1);
		return refilter(s);
	default:
		return refilter(s);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state	*s;
	size_t		 i;
	int		 left;

	if (size > 4096)
		return 0;
	s = calloc(1, sizeof *s);
	FUZZ_CHECK(s != NULL);
	s->p = data;
	s->n = size;
	s->stop_at = NART;
	for (i = 0; i < NART; i++)
		entry_make(s, i);
	s->scan = scan_new(&corpus, &cfg);
	s->m = matcher_new();
	listing_init(&s->l, &corpus, &cfg, s->scan, entry, s);
	sidebar_build(&s->sb, &s->l);
	s->active = 1;
	check_listing(&s->l);
	check_sidebar(s, refilter(s) & WHOLE);
	while (s->n > 0) {
		left = op(s);
		check_listing(&s->l);
		if (left & SORTED)
			check_order(&s->l);
		check_sidebar(s, left & WHOLE);
	}
	sidebar_free(&s->sb);
	listing_free(&s->l);
	matcher_free(s->m);
	scan_free(s->scan);
	free(s);
	return 0;
}
