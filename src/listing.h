/* The listing: which articles of the corpus the article list shows, in which order,
   which one is selected and which are marked. The screen sets its filters (the
   sidebar's item, tag limits, the limit query, the corpus search) and draws from it;
   everything here is decided from the corpus, the configuration, the scan's counts
   and the sidecar's entries, so that unit tests reach it without a terminal. */
#ifndef RUBRIC_LISTING_H
#define RUBRIC_LISTING_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "corpus.h"
#include "dups.h"
#include "progress.h"
#include "query.h"
#include "scan.h"
#include "sidecar.h"
#include "theme.h"

/* The orders o cycles through. */
enum sort_order {
	SORT_PATH,
	SORT_TITLE,
	SORT_DATE,		/* newest first; no date last */
	SORT_HITS,		/* most first */
	SORT_TAGS,		/* most first */
	SORT_COUNT
};

/* The sidebar's items: what each limits the list to. */
enum side_kind {
	SIDE_HEADING,		/* not selectable */
	SIDE_ALL,
	SIDE_ERRORS,
	SIDE_DIR,
	SIDE_THEME,		/* the articles with a hit of a theme */
	SIDE_TAG,		/* the articles with a tag */
	SIDE_VIEW,		/* the articles a saved view's query matches */
	SIDE_DUPS		/* the articles that have a near-duplicate */
};

struct side_item {
	enum side_kind	 kind;
	char		*label;		/* owned */
	char		*prefix;	/* SIDE_DIR: "dir/" the names start with; owned */
	size_t		 theme;		/* SIDE_THEME: its index */
	struct query	*query;		/* SIDE_VIEW: NULL if it did not parse; owned */
	char		*error;		/* SIDE_VIEW: why not; owned */
	int		 depth;
	size_t		 count;
	size_t		 passages;	/* SIDE_TAG: passages coded with it */
};

struct listing {
	/* What is listed: borrowed, and they outlive the listing. entry gives article
	   i's sidecar entry (NULL: none), borrowed until the sidecar changes. */
	const struct corpus	*corpus;
	const struct config	*config;
	const struct scan	*scan;
	struct sidecar_entry	*(*entry)(void *arg, size_t i);
	void			*arg;

	/* The articles the filters let through, as indices into the corpus, in
	   the sort order: every one, copies of a story too. 32 bits an index: 4 MB
	   less at a million, and a corpus has fewer than 2^32. */
	uint32_t	*passed;
	size_t		 npassed;
	/* The rows: passed with each folded cluster of near-duplicates at one
	   row, its leader's (listing_fold()); the selected row and the first
	   shown. */
	uint32_t	*visible;
	size_t		 nvisible;
	size_t		 sel;
	size_t		 top;
	enum sort_order	 sort;
	/* Per article: marked with m. */
	unsigned char	*marked;
	size_t		 nmarked;
	/* Per article: the limit's or the item's query could not decide it (a
	   PCRE2 limit), or the corpus search could not, so it stays in the list,
	   marked '?'; with how many of the list are so. */
	unsigned char	*undecided;
	size_t		 nundecided;

	/* The near-duplicates (dups.h), borrowed until the next
	   listing_set_dups(); NULL: none known, every article a row. A cluster's
	   leader is its first member the filters let through (the first itself
	   unless a limit leaves it out); folded, its row stands for the others.
	   Per cluster: expanded, and how many members passed less one. */
	const struct dups	*dups;
	int			 group;		/* fold clusters at all */
	unsigned char		*expanded;
	uint32_t		*ncopies;
	uint32_t		*leader;
	unsigned char		*inlist;	/* per article: passed, while folding */

	/* The filters. The item's prefix and query are borrowed from the sidebar
	   item given to listing_set_item(). */
	struct {
		enum side_kind	 kind;
		const char	*prefix;
		size_t		 theme;
		struct query	*query;
	}		 item;
	struct listing_limit {
		char	*name;		/* owned */
		int	 exclude;	/* ! on the tag: articles without it */
	}		*limits;	/* tags the list is limited by, all of them */
	size_t		 nlimits;
	struct query	*query;		/* the limit (l), NULL when none; owned */
	char		*query_text;	/* as typed; owned */
	/* The corpus search (&): per article an enum query_answer (a PCRE2 limit
	   or a file that could not be read is undecided, not "no"), and its
	   pattern; NULL when there is none. Owned. */
	unsigned char	*hit;
	char		*pattern;
};

/* Starts a listing of every article of c, in path order, the first selected. */
void	listing_init(struct listing *, const struct corpus *c, const struct config *,
	    const struct scan *, struct sidecar_entry *(*entry)(void *, size_t),
	    void *arg);
void	listing_free(struct listing *);

/* The filters; none applies until listing_refilter(). The item's prefix and query
   are borrowed until the next listing_set_item(). */
void	listing_set_item(struct listing *, const struct side_item *);
/* Limits by tag name, or with exclude to the articles without it; a tag limited by
   already changes its exclude. */
void	listing_limit_tag(struct listing *, const char *name, int exclude);
void	listing_clear_limits(struct listing *);
/* The limit query: q (owned from now on, NULL for none) as typed as text. */
void	listing_set_query(struct listing *, struct query *q, const char *text);
/* Searches every article's text for th (a theme of one pattern, as typed in
   pattern), with m, and limits the list to those it finds. Returns how many
   articles were searched: fewer than the corpus's when progress stopped it; *hits
   and *undecided get how many matched and how many could not be decided. */
size_t	listing_search(struct listing *, const char *pattern, const struct theme *th,
	    struct matcher *m, const struct progress *, size_t *hits,
	    size_t *undecided);
void	listing_search_clear(struct listing *);
/* Whether any filter but the item applies. */
int	listing_limited(const struct listing *);

/* Lets through the articles the filters let through, in the sort order, keeping the
   selected article selected if it stays. Returns how many articles were looked at:
   fewer than the corpus's when progress stopped it (only a query that reads text is
   watched). */
size_t	listing_refilter(struct listing *, const struct progress *);
/* Sorts the list in l->sort, keeping the selected article selected. */
void	listing_sort(struct listing *);
/* What o sorts by, for messages: "path", "title" and so on. */
const char *listing_sort_name(enum sort_order o);

/* Selects row i of the list (the last if past it). Returns 1 if that changed. */
int	listing_select(struct listing *, size_t i);
/* The selected article's index into the corpus, or (size_t)-1 if the list is empty. */
size_t	listing_selected(const struct listing *);
/* The row of article i (a corpus index), or nvisible if it is not listed. */
size_t	listing_find(const struct listing *, size_t i);
/* / in the list: the first row after row from (forward) or before it whose title th
   (a theme of one pattern) matches, going on from the other end past the last or
   the first row, as mutt and newsboat do; row from itself comes last. Returns the
   row, or nvisible if no title matches (then *limited says whether a PCRE2 limit
   stopped a title); *wrapped says whether the row found is past an end. */
size_t	listing_find_title(const struct listing *, const struct theme *th,
	    struct matcher *m, size_t from, int forward, int *wrapped, int *limited);
/* Marks article i (a corpus index), or unmarks it if marked. Returns 1 if now marked. */
int	listing_mark(struct listing *, size_t i);
void	listing_unmark_all(struct listing *);
/* The articles t, u and r act on: the marked ones in corpus order, or the selected
   one. Returns how many, their indices into the corpus in *out (caller frees). */
size_t	listing_targets(const struct listing *, size_t **out);

/* Takes d (borrowed; NULL for none) as the clusters, keeping expanded the clusters
   whose first members were, and folds the list again. */
void	listing_set_dups(struct listing *, const struct dups *d);
/* Whether clusters are folded at all; folds the list again. */
void	listing_set_group(struct listing *, int group);
/* Makes the rows from passed, folding the clusters not expanded, keeping the
   selected article selected (or its leader, if it is now folded away). */
void	listing_fold(struct listing *);
/* How many copies row r's cluster has in the list when row r is its leader's (0:
   none, or not a leader); *expanded gets whether they are listed under it or
   folded away. */
size_t	listing_row_copies(const struct listing *, size_t r, int *expanded);
/* Whether row r is a copy listed under its expanded leader; *sim gets its
   similarity to its cluster's first, in hundredths. */
int	listing_row_copy(const struct listing *, size_t r, int *sim);
/* How many other members of article i's cluster the filters let through. */
size_t	listing_copies(const struct listing *, size_t i);
/* The other members of article i's cluster the filters let through, in the
   cluster's order, into *out (caller frees). Returns how many. */
size_t	listing_copy_list(const struct listing *, size_t i, size_t **out);
/* The row of article i, as listing_find(), its cluster expanded first if it is
   a copy folded away (K and P open an article wherever it is). */
size_t	listing_reveal(struct listing *, size_t i);
/* Expands or folds the cluster of the selected row. Returns 1 if one changed. */
int	listing_toggle_fold(struct listing *);
/* Expands every cluster, or folds every one if any was expanded. Returns 1 if
   now expanded. */
int	listing_toggle_all(struct listing *);

/* Whether article i matches q: yes, no, or undecided (a PCRE2 limit). */
enum query_answer listing_match(const struct listing *, struct query *q, size_t i);
/* Hits of the enabled themes in article i; -1 while it is not counted. */
long	listing_hits(const struct listing *, size_t i);

#endif
