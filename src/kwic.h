/* Keywords in context: every match of one theme across the corpus, with the bytes either
   side, and how often each spelling and each pattern occurs, so that a dead or
   over-matching alternative shows. The walk reads every article that may have a match;
   it reports progress and takes a stop request through a callback, so that the screen
   can show how far it is and stop it. */
#ifndef RUBRIC_KWIC_H
#define RUBRIC_KWIC_H

#include <stddef.h>

#include "corpus.h"
#include "progress.h"
#include "scan.h"
#include "theme.h"

#define KWIC_CONTEXT	120	/* bytes of context kept each side */
#define KWIC_MAX	100000	/* lines kept; the rest are counted only */
#define KWIC_SPELLINGS	1000	/* spellings counted; the rest are not */

struct kwic_line {
	size_t	 article;	/* index into the corpus */
	size_t	 start;		/* the match, in the article's bytes */
	size_t	 end;
	size_t	 pat;
	char	*left;		/* context, line ends and tabs made spaces; owned */
	char	*mid;
	char	*right;
};

/* One spelling: the matches whose text is the same once lowercased with blanks
   squeezed, shown as the first was written. */
struct kwic_spelling {
	char	*text;		/* as first seen; owned */
	char	*key;		/* lowercased, blanks squeezed; owned */
	size_t	 count;
};

struct kwic {
	size_t			 theme;		/* its index in the configuration */
	struct kwic_line	*v;		/* in corpus order, at most KWIC_MAX */
	size_t			 n;
	size_t			 total;		/* matches, listed or not */
	size_t			 narticles;	/* articles with a match */
	size_t			 nunread;	/* articles that could not be read */
	size_t			*perpat;	/* per pattern of the theme: matches */
	struct kwic_spelling	*spellings;	/* most frequent first */
	size_t			 nspellings;
	size_t			 done;		/* articles walked */
	int			 stopped;	/* the callback asked to stop */
	char			**info;		/* the counts as lines to show; owned */
	size_t			 ninfo;
};

/* Walks corpus c for the matches of theme th (index ti of the configuration), with m.
   Articles whose counts in s (which may be NULL) say they have no match of it are not
   read. p (which may be NULL) is told before each article and may stop the walk. k is made afresh: free it
   with kwic_free(). */
void	kwic_build(struct kwic *k, const struct corpus *c, const struct scan *s,
	    struct matcher *m, const struct theme *th, size_t ti,
	    const struct progress *p);
void	kwic_free(struct kwic *);

#endif
