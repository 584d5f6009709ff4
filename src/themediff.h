/* What a change of themes does to a corpus (rubric diff; the screen's reload of its
   configuration): per theme, by name, the articles whose hits or automatic tag differ
   between a scan under the old themes and one under the new, and the sums. It reads
   two finished scans and the catalog's sidecar entries; it owns nothing of them. */
#ifndef RUBRIC_THEMEDIFF_H
#define RUBRIC_THEMEDIFF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "catalog.h"
#include "config.h"
#include "scan.h"

/* Where a theme is defined. */
enum themediff_in {
	THEMEDIFF_BOTH,
	THEMEDIFF_OLD,		/* only in the old themes: gone */
	THEMEDIFF_NEW		/* only in the new: added */
};

/* An article whose hits or automatic tag differ. */
struct themediff_article {
	size_t		 article;	/* index in the corpus */
	uint32_t	 old, new;	/* hits; 0 where the theme is not */
	int		 tag_old, tag_new; /* its automatic tag carried */
	int		 incomplete;	/* a PCRE2 limit stopped either count: "at
					   least" */
};

struct themediff_theme {
	const char	*name;		/* borrowed from the configurations */
	enum themediff_in in;
	size_t		 articles_old, articles_new; /* with a hit, of those compared */
	size_t		 gained, lost;	/* articles: no hit before, a hit now; and back */
	uint64_t	 hits_gained, hits_lost; /* summed over the articles */
	size_t		 tags_gained, tags_lost;
	int		 same;		/* its definition is the same in both */
	struct themediff_article *v;	/* by corpus order */
	size_t		 n;
};

struct themediff {
	struct themediff_theme	*themes;	/* the new themes' order, then
						   those only in the old */
	size_t			 n;
};

/* Compares articles sel[0..nsel) of c (every article when sel is NULL) under the
   themes of oldc, counted by olds, and of newc, counted by news; the automatic tags
   as tags.h decides them with each article's entry in c's sidecar. */
void	themediff_make(struct themediff *, struct catalog *c, const size_t *sel,
	    size_t nsel, const struct config *oldc, const struct scan *olds,
	    const struct config *newc, const struct scan *news);
/* Whether anything differs: an article, or a theme added or gone. */
int	themediff_changed(const struct themediff *);
void	themediff_free(struct themediff *);
/* Writes td as rubric diff shows it to f: per theme a line of sums (or that it is
   the same), then a tab-indented line per article that differs, named by its path
   in c ("+", "-" or "~", the hits before and after, "+tag" or "-tag"). oldname and
   newname name the two sides for a theme only one has. */
void	themediff_text(const struct themediff *, const struct corpus *c,
	    const char *oldname, const char *newname, FILE *f);
/* A line short enough for a status line into buf: "deir-ez-zor +3 -1 ~2 articles,
   isis +5 (2 automatic tags gained)": per theme that differs (added ones "(new)",
   removed ones "(gone)") the articles that gain a hit, lose it, and keep or lack
   one with another count or automatic tag; or "no article changes". Cut short to
   fit. */
void	themediff_summary(const struct themediff *, char *buf, size_t size);

#endif
