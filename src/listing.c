/* The listing (listing.h): the article list's filters, order, selection and marks,
   decided from the corpus, the configuration, the scan's counts and the sidecar's
   entries. The screen only draws it and turns keys into calls here. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article.h"
#include "listing.h"
#include "tags.h"
#include "xmalloc.h"

static enum query_answer listing_item_matches(struct listing *, size_t);
static enum query_answer listing_limits_match(struct listing *, size_t);
static enum query_answer listing_match_entry(const struct listing *, struct query *,
		    size_t, const struct sidecar_entry *);
static int	listing_cmp(const void *, const void *);
static long	listing_tags(const struct listing *, size_t);
static uint32_t	listing_most(long);
static uint32_t	listing_newest(const char *);
static void	listing_fold_keep(struct listing *, size_t);
static void	listing_sort_keep(struct listing *, size_t);
static const struct dups *listing_folding(const struct listing *);

void
listing_init(struct listing *l, const struct corpus *c, const struct config *cfg,
    const struct scan *scan, struct sidecar_entry *(*entry)(void *, size_t), void *arg)
{
	size_t	 i;

	memset(l, 0, sizeof *l);
	l->corpus = c;
	l->config = cfg;
	l->scan = scan;
	l->entry = entry;
	l->arg = arg;
	/* Each article takes more than 4 bytes: none could hold 2^32 of them. */
	assert(c->n < UINT32_MAX);
	l->visible = xreallocarray(NULL, c->n + 1, sizeof *l->visible);
	l->passed = xreallocarray(NULL, c->n + 1, sizeof *l->passed);
	l->marked = xcalloc(c->n + 1, 1);
	l->undecided = xcalloc(c->n + 1, 1);
	l->inlist = xcalloc(c->n + 1, 1);
	for (i = 0; i < c->n; i++)
		l->visible[i] = l->passed[i] = (uint32_t)i;
	l->nvisible = l->npassed = c->n;
	l->item.kind = SIDE_ALL;
	l->group = 1;
}

void
listing_free(struct listing *l)
{
	listing_clear_limits(l);
	listing_set_query(l, NULL, NULL);
	listing_search_clear(l);
	free(l->visible);
	free(l->passed);
	free(l->marked);
	free(l->undecided);
	free(l->inlist);
	free(l->expanded);
	free(l->ncopies);
	free(l->leader);
	memset(l, 0, sizeof *l);
}

void
listing_set_item(struct listing *l, const struct side_item *s)
{
	l->item.kind = s->kind;
	l->item.prefix = s->prefix;
	l->item.theme = s->theme;
	l->item.query = s->query;
}

void
listing_limit_tag(struct listing *l, const char *name, int exclude)
{
	size_t	 i;

	for (i = 0; i < l->nlimits; i++)
		if (strcmp(l->limits[i].name, name) == 0)
			break;
	if (i == l->nlimits) {
		l->limits = xreallocarray(l->limits, l->nlimits + 1, sizeof *l->limits);
		l->limits[l->nlimits].name = xstrdup(name);
		l->nlimits++;
	}
	l->limits[i].exclude = exclude;
}

void
listing_clear_limits(struct listing *l)
{
	size_t	 i;

	for (i = 0; i < l->nlimits; i++)
		free(l->limits[i].name);
	free(l->limits);
	l->limits = NULL;
	l->nlimits = 0;
}

void
listing_set_query(struct listing *l, struct query *q, const char *text)
{
	query_free(l->query);
	free(l->query_text);
	l->query = q;
	l->query_text = q != NULL && text != NULL ? xstrdup(text) : NULL;
}

size_t
listing_search(struct listing *l, const char *pattern, const struct theme *th,
    struct matcher *m, const struct progress *p, size_t *hits,
    size_t *undecided)
{
	const struct corpus	*c = l->corpus;
	struct body		 b;
	struct match		 found;
	size_t			 i;

	listing_search_clear(l);
	*hits = *undecided = 0;
	l->hit = xcalloc(c->n + 1, 1);
	memset(l->hit, QUERY_NO, c->n);
	/* Every article is read: the corpus search looks at whole bodies. */
	for (i = 0; i < c->n; i++) {
		if (progress_report(p, i, c->n))
			break;
		/* What could not be read or searched is kept, marked: not a "no". */
		if (c->articles[i]->error != NULL ||
		    article_read(c->articles[i], &b) == -1) {
			l->hit[i] = QUERY_UNDECIDED;
			(*undecided)++;
			continue;
		}
		switch (matcher_first(m, th, 0, b.buf, b.len, b.start, &found)) {
		case 0:
			l->hit[i] = QUERY_YES;
			(*hits)++;
			break;
		case -1:
			l->hit[i] = QUERY_UNDECIDED;
			(*undecided)++;
			break;
		}
		article_body_free(&b);
	}
	l->pattern = xstrdup(pattern);
	return i;
}

void
listing_search_clear(struct listing *l)
{
	free(l->hit);
	free(l->pattern);
	l->hit = NULL;
	l->pattern = NULL;
}

int
listing_limited(const struct listing *l)
{
	return l->nlimits > 0 || l->query != NULL || l->hit != NULL;
}

/* Whether the sidebar's item lets article i into the list; only a view's query can
   leave it undecided. */
static enum query_answer
listing_item_matches(struct listing *l, size_t i)
{
	const struct article	*a = l->corpus->articles[i];
	const scan_count		*counts;

	switch (l->item.kind) {
	case SIDE_THEME:
		counts = scan_counts(l->scan, i);
		return counts != NULL && counts[l->item.theme] > 0 ? QUERY_YES :
		    QUERY_NO;
	case SIDE_ALL:
		return QUERY_YES;
	case SIDE_ERRORS:
		return a->error != NULL ? QUERY_YES : QUERY_NO;
	case SIDE_DIR:
		return strncmp(a->name, l->item.prefix, strlen(l->item.prefix)) == 0 ?
		    QUERY_YES : QUERY_NO;
	case SIDE_VIEW:
		return l->item.query != NULL ? listing_match(l, l->item.query, i) :
		    QUERY_NO;
	case SIDE_DUPS:
		return l->dups != NULL && dups_cluster(l->dups, i) != DUPS_NONE ?
		    QUERY_YES : QUERY_NO;
	case SIDE_TAG:
	case SIDE_HEADING:
		break;
	}
	return QUERY_NO;
}

/* Whether the tag limits and the query let article i through. */
static enum query_answer
listing_limits_match(struct listing *l, size_t i)
{
	const struct sidecar_entry	*e;
	const scan_count			*counts;
	size_t				 k;

	/* Most lists have neither: no entry is looked up for them (a search of the
	   sidecar per article, 100,000 of them at each L). */
	if (l->nlimits == 0 && l->query == NULL)
		return QUERY_YES;
	e = l->entry(l->arg, i);
	counts = scan_counts(l->scan, i);
	for (k = 0; k < l->nlimits; k++)
		if (tags_has(l->config, e, counts, l->limits[k].name, -1) ==
		    l->limits[k].exclude)
			return QUERY_NO;
	return l->query != NULL ? listing_match_entry(l, l->query, i, e) : QUERY_YES;
}

/* An article a query could not decide is let through, marked undecided: leaving it
   out would say "no". */
size_t
listing_refilter(struct listing *l, const struct progress *p)
{
	size_t			 i, n = l->corpus->n, cur = listing_selected(l);
	enum query_answer	 in, lim;
	int			 slow;

	/* A text term reads each article once (query_remember), which over a large
	   corpus takes a while: watched, and a stop keeps what it found. */
	slow = (l->query != NULL && (query_needs(l->query) & QUERY_NEEDS_BODY)) ||
	    (l->item.kind == SIDE_VIEW && l->item.query != NULL &&
	    (query_needs(l->item.query) & QUERY_NEEDS_BODY));
	l->npassed = 0;
	l->nundecided = 0;
	memset(l->undecided, 0, n);
	for (i = 0; i < n; i++) {
		if (slow && progress_report(p, i, n))
			break;
		if ((in = listing_item_matches(l, i)) == QUERY_NO ||
		    (l->hit != NULL && l->hit[i] == QUERY_NO))
			continue;
		if (l->hit != NULL && l->hit[i] == QUERY_UNDECIDED)
			in = QUERY_UNDECIDED;
		if ((lim = listing_limits_match(l, i)) == QUERY_NO)
			continue;
		if (in == QUERY_UNDECIDED || lim == QUERY_UNDECIDED) {
			l->undecided[i] = 1;
			l->nundecided++;
		}
		l->passed[l->npassed++] = (uint32_t)i;
	}
	if (l->sort != SORT_PATH)
		listing_sort_keep(l, cur);
	else
		listing_fold_keep(l, cur);
	return i;
}

/* The sort: keys worked out once per sort, then compared. 16 bytes an article, a
   third of what a key holding every order's fields took, since glibc's qsort copies
   the keys once more: at a million articles, 32 MB for a sort, not 96. */
struct listing_key {
	const char	*s;		/* SORT_TITLE: title or path; NULL otherwise */
	uint32_t	 v;		/* the other orders: the smaller first */
	uint32_t	 i;		/* the article (a corpus is far below 2^32
					   articles: each costs 200 bytes) */
};

static int
listing_cmp(const void *va, const void *vb)
{
	const struct listing_key	*a = va, *b = vb;
	int				 r;

	if (a->s != NULL)
		r = strcasecmp(a->s, b->s);
	else
		r = a->v < b->v ? -1 : a->v > b->v;
	/* Then the corpus's order, which is by path: the sort is stable. */
	return r != 0 ? r : a->i < b->i ? -1 : a->i > b->i;
}

/* A key's v for "most first" of n, -1 (not counted yet) after every 0. */
static uint32_t
listing_most(long n)
{
	return n + 1 >= (long)UINT32_MAX ? 0 : UINT32_MAX - (uint32_t)(n + 1);
}

/* A key's v for "newest first" of a date field, none after every date. */
static uint32_t
listing_newest(const char *date)
{
	char	 ymd[11];

	if (date == NULL || article_date(date, ymd) == -1)
		return UINT32_MAX;
	/* YYYY-MM-DD as YYYYMMDD, which orders as the text does. */
	return UINT32_MAX - 1 - (uint32_t)(atoi(ymd) * 10000 + atoi(ymd + 5) * 100 +
	    atoi(ymd + 8));
}

/* Tags article i carries: the person's, but not those rejected, and the themes'
   automatic ones. */
static long
listing_tags(const struct listing *l, size_t i)
{
	const struct sidecar_entry	*e = l->entry(l->arg, i);
	const scan_count			*counts = scan_counts(l->scan, i);
	size_t				 k;
	long				 n = 0;

	for (k = 0; e != NULL && k < e->ntags; k++)
		n += e->tags[k].origin != SIDECAR_REJECTED;
	for (k = 0; counts != NULL && k < l->config->nthemes; k++)
		n += tags_auto(&l->config->themes[k], counts[k], e);
	return n;
}

void
listing_sort(struct listing *l)
{
	listing_sort_keep(l, listing_selected(l));
}

/* Sorts passed and folds it into rows, article sel selected. */
static void
listing_sort_keep(struct listing *l, size_t sel)
{
	struct listing_key	*keys;
	const struct article	*a;
	size_t			 i;

	keys = xcalloc(l->npassed + 1, sizeof *keys);
	for (i = 0; i < l->npassed; i++) {
		keys[i].i = l->passed[i];
		a = l->corpus->articles[keys[i].i];
		switch (l->sort) {
		case SORT_TITLE:
			keys[i].s = a->title != NULL ? a->title : a->name;
			break;
		case SORT_DATE:
			keys[i].v = listing_newest(article_text(a, ARTICLE_DATE));
			break;
		case SORT_HITS:
			keys[i].v = listing_most(listing_hits(l, keys[i].i));
			break;
		case SORT_TAGS:
			keys[i].v = listing_most(listing_tags(l, keys[i].i));
			break;
		default:
			break;
		}
	}
	qsort(keys, l->npassed, sizeof *keys, listing_cmp);
	for (i = 0; i < l->npassed; i++)
		l->passed[i] = keys[i].i;
	free(keys);
	listing_fold_keep(l, sel);
}

const char *
listing_sort_name(enum sort_order o)
{
	static const char *const	 names[SORT_COUNT] = { "path", "title", "date",
					    "hits", "tags" };

	return o < SORT_COUNT ? names[o] : "?";
}

int
listing_select(struct listing *l, size_t i)
{
	if (l->nvisible == 0)
		return 0;
	if (i >= l->nvisible)
		i = l->nvisible - 1;
	if (i == l->sel)
		return 0;
	l->sel = i;
	return 1;
}

size_t
listing_selected(const struct listing *l)
{
	return l->nvisible > 0 ? l->visible[l->sel] : (size_t)-1;
}

size_t
listing_find(const struct listing *l, size_t i)
{
	size_t	 k;

	for (k = 0; k < l->nvisible && l->visible[k] != i; k++)
		;
	return k;
}

size_t
listing_find_title(const struct listing *l, const struct theme *th,
    struct matcher *m, size_t from, int forward, int *wrapped, int *limited)
{
	const struct article	*a;
	struct match		 hit;
	size_t			 k, row;
	int			 rc;

	*wrapped = *limited = 0;
	if (l->nvisible == 0)
		return 0;
	if (from >= l->nvisible)
		from = forward ? l->nvisible - 1 : 0;
	/* Every row once, the one the search starts from last. */
	for (k = 1; k <= l->nvisible; k++) {
		if (forward)
			row = (from + k) % l->nvisible;
		else
			row = (from + l->nvisible - k % l->nvisible) % l->nvisible;
		a = l->corpus->articles[l->visible[row]];
		if (a->title == NULL)
			continue;
		rc = matcher_first(m, th, 0, a->title, strlen(a->title), 0, &hit);
		if (rc == -1)
			*limited = 1;
		if (rc == 0) {
			*wrapped = forward ? row <= from : row >= from;
			return row;
		}
	}
	return l->nvisible;
}

int
listing_mark(struct listing *l, size_t i)
{
	l->marked[i] = !l->marked[i];
	l->nmarked += l->marked[i] ? 1 : (size_t)-1;
	return l->marked[i];
}

void
listing_unmark_all(struct listing *l)
{
	memset(l->marked, 0, l->corpus->n);
	l->nmarked = 0;
}

size_t
listing_targets(const struct listing *l, size_t **out)
{
	size_t	 i, n = 0;

	*out = xreallocarray(NULL, l->nmarked > 0 ? l->nmarked : 1, sizeof **out);
	if (l->nmarked > 0) {
		for (i = 0; i < l->corpus->n; i++)
			if (l->marked[i])
				(*out)[n++] = i;
		return n;
	}
	if (l->nvisible == 0)
		return 0;
	(*out)[0] = l->visible[l->sel];
	return 1;
}

enum query_answer
listing_match(const struct listing *l, struct query *q, size_t i)
{
	return listing_match_entry(l, q, i, l->entry(l->arg, i));
}

/* listing_match() for a caller that has article i's entry e at hand: a lookup in a
   sidecar of 100,000 entries costs as much as the query. */
static enum query_answer
listing_match_entry(const struct listing *l, struct query *q, size_t i,
    const struct sidecar_entry *e)
{
	struct query_subject	 s;
	enum query_answer	 r;

	memset(&s, 0, sizeof s);
	s.article = l->corpus->articles[i];
	s.entry = e;
	s.counts = scan_counts(l->scan, i);
	s.incomplete = scan_incomplete_bits(l->scan, i);
	s.index = i;
	s.has_index = 1;
	s.dups = l->dups;
	r = query_match(q, &s);
	query_subject_free(&s);
	return r;
}

long
listing_hits(const struct listing *l, size_t i)
{
	const scan_count	*counts = scan_counts(l->scan, i);
	size_t		 k;
	long		 n = 0;

	if (counts == NULL)
		return -1;
	for (k = 0; k < l->config->nthemes; k++)
		if (l->config->themes[k].enabled)
			n += counts[k];
	return n;
}

void
listing_set_dups(struct listing *l, const struct dups *d)
{
	unsigned char	*expanded;
	size_t		 k, nk = d != NULL ? dups_nclusters(d) : 0;
	uint32_t	 nkk;

	expanded = xcalloc(nk + 1, 1);
	/* A cluster stays expanded while its first member heads one. */
	for (k = 0; l->dups != NULL && d != NULL && k < dups_nclusters(l->dups); k++)
		if (l->expanded[k] && dups_first(l->dups, (uint32_t)k) <
		    dups_narticles(d) && (nkk = dups_cluster(d,
		    dups_first(l->dups, (uint32_t)k))) != DUPS_NONE)
			expanded[nkk] = 1;
	free(l->expanded);
	free(l->ncopies);
	free(l->leader);
	l->expanded = expanded;
	l->ncopies = xcalloc(nk + 1, sizeof *l->ncopies);
	l->leader = xcalloc(nk + 1, sizeof *l->leader);
	l->dups = d;
	listing_fold(l);
}

void
listing_set_group(struct listing *l, int group)
{
	l->group = group;
	listing_fold(l);
}

void
listing_fold(struct listing *l)
{
	listing_fold_keep(l, listing_selected(l));
}

/* The rows from passed; article cur stays selected if it is in a row, or its
   leader is selected if it is folded away. A copy expanded is listed under its
   leader in the cluster's order (date, then path), not the sort's, so that a
   cluster reads as one block. */
static void
listing_fold_keep(struct listing *l, size_t cur)
{
	const struct dups	*d = l->group ? l->dups : NULL;
	const uint32_t		*m;
	size_t			 r, j, nm, i, ck = DUPS_NONE, lead = (size_t)-1;
	uint32_t		 k;

	l->sel = 0;
	l->nvisible = 0;
	if (d == NULL || dups_narticles(d) != l->corpus->n) {
		for (r = 0; r < l->npassed; r++) {
			if (l->passed[r] == cur)
				l->sel = r;
			l->visible[r] = l->passed[r];
		}
		l->nvisible = l->npassed;
		return;
	}
	for (r = 0; r < l->npassed; r++)
		l->inlist[l->passed[r]] = 1;
	/* Each cluster's leader: its first member in the list. */
	for (k = 0; k < dups_nclusters(d); k++) {
		m = dups_members(d, k, &nm);
		l->leader[k] = UINT32_MAX;
		l->ncopies[k] = 0;
		for (j = 0; j < nm; j++)
			if (l->inlist[m[j]]) {
				if (l->leader[k] == UINT32_MAX)
					l->leader[k] = m[j];
				else
					l->ncopies[k]++;
			}
	}
	if (cur != (size_t)-1 && cur < l->corpus->n)
		ck = dups_cluster(d, cur);
	for (r = 0; r < l->npassed; r++) {
		i = l->passed[r];
		if ((k = dups_cluster(d, i)) == DUPS_NONE) {
			if (i == cur)
				l->sel = l->nvisible;
			l->visible[l->nvisible++] = (uint32_t)i;
			continue;
		}
		if (l->leader[k] != i)
			continue;
		if (k == ck)
			lead = l->nvisible;
		if (i == cur)
			l->sel = l->nvisible;
		l->visible[l->nvisible++] = (uint32_t)i;
		if (!l->expanded[k])
			continue;
		m = dups_members(d, k, &nm);
		for (j = 0; j < nm; j++)
			if (m[j] != i && l->inlist[m[j]]) {
				if (m[j] == cur)
					l->sel = l->nvisible;
				l->visible[l->nvisible++] = m[j];
			}
	}
	for (r = 0; r < l->npassed; r++)
		l->inlist[l->passed[r]] = 0;
	/* Folded away: its leader's row. */
	if (ck != DUPS_NONE && !l->expanded[ck] && l->leader[ck] != cur &&
	    lead != (size_t)-1)
		l->sel = lead;
}

/* The clusters folded, or NULL when the list does not fold. */
static const struct dups *
listing_folding(const struct listing *l)
{
	return l->group && l->dups != NULL &&
	    dups_narticles(l->dups) == l->corpus->n ? l->dups : NULL;
}

size_t
listing_row_copies(const struct listing *l, size_t r, int *expanded)
{
	const struct dups	*d = listing_folding(l);
	uint32_t		 k;

	*expanded = 0;
	if (d == NULL || r >= l->nvisible ||
	    (k = dups_cluster(d, l->visible[r])) == DUPS_NONE ||
	    l->leader[k] != l->visible[r])
		return 0;
	*expanded = l->expanded[k];
	return l->ncopies[k];
}

int
listing_row_copy(const struct listing *l, size_t r, int *sim)
{
	const struct dups	*d = listing_folding(l);
	uint32_t		 k;

	*sim = 0;
	if (d == NULL || r >= l->nvisible ||
	    (k = dups_cluster(d, l->visible[r])) == DUPS_NONE ||
	    l->leader[k] == l->visible[r])
		return 0;
	*sim = dups_similarity_first(d, l->visible[r]);
	return 1;
}

size_t
listing_copies(const struct listing *l, size_t i)
{
	size_t	*v, n = listing_copy_list(l, i, &v);

	free(v);
	return n;
}

size_t
listing_copy_list(const struct listing *l, size_t i, size_t **out)
{
	const uint32_t	*m;
	size_t		 j, nm, r, n = 0;
	uint32_t	 k;

	*out = NULL;
	if (l->dups == NULL || dups_narticles(l->dups) != l->corpus->n ||
	    i >= l->corpus->n || (k = dups_cluster(l->dups, i)) == DUPS_NONE)
		return 0;
	for (r = 0; r < l->npassed; r++)
		l->inlist[l->passed[r]] = 1;
	m = dups_members(l->dups, k, &nm);
	*out = xreallocarray(NULL, nm, sizeof **out);
	for (j = 0; j < nm; j++)
		if (m[j] != i && l->inlist[m[j]])
			(*out)[n++] = m[j];
	for (r = 0; r < l->npassed; r++)
		l->inlist[l->passed[r]] = 0;
	return n;
}

size_t
listing_reveal(struct listing *l, size_t i)
{
	const struct dups	*d = listing_folding(l);
	size_t			 r = listing_find(l, i);
	uint32_t		 k;

	if (r < l->nvisible || d == NULL || i >= l->corpus->n ||
	    (k = dups_cluster(d, i)) == DUPS_NONE || l->expanded[k])
		return r;
	l->expanded[k] = 1;
	listing_fold(l);
	return listing_find(l, i);
}

int
listing_toggle_fold(struct listing *l)
{
	const struct dups	*d = listing_folding(l);
	uint32_t		 k;
	size_t			 cur = listing_selected(l);

	if (d == NULL || cur == (size_t)-1 ||
	    (k = dups_cluster(d, cur)) == DUPS_NONE)
		return 0;
	l->expanded[k] = !l->expanded[k];
	/* Folding from a copy's row selects the leader's. */
	listing_fold_keep(l, l->expanded[k] ? cur : l->leader[k]);
	return 1;
}

int
listing_toggle_all(struct listing *l)
{
	const struct dups	*d = listing_folding(l);
	size_t			 k, nk, any = 0;

	if (d == NULL)
		return 0;
	nk = dups_nclusters(d);
	for (k = 0; k < nk && !any; k++)
		any = l->expanded[k];
	memset(l->expanded, !any, nk);
	listing_fold(l);
	return !any;
}
