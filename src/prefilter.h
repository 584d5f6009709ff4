/* The literal prefilter of the scan. For each theme it finds, from the patterns' text,
   a set of strings one of which every match must contain, and how many bytes a match
   can have before it. One pass over an article (folded to lower case) then says which
   themes cannot match at all, and where each of the others' first match can start at
   the earliest, so that PCRE2 runs only where it has to. Themes whose patterns it does
   not understand are always searched whole: the prefilter only ever skips work. */
#ifndef RUBRIC_PREFILTER_H
#define RUBRIC_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

struct prefilter;

/* Where the literals of each pattern occur in one text: filled by prefilter_scan(),
   one per worker, reused from text to text. */
struct prefilter_hits {
	size_t		**occ;		/* per unit: positions, ascending */
	size_t		 *nocc;
	size_t		 *cap;
	size_t		  nunits;
	int		  unsafe;	/* the text defeats ASCII folding: search all */
	char		 *lower;	/* the text folded, as long as the longest */
	size_t		  lowercap;
};

/* The prefilter for the themes of cfg, which must outlive it; a theme with fold = yes
   has no literals in it, but in prefilter_new_folded()'s, which runs over the text
   folded (fold.h) and knows the other themes' none. */
struct prefilter	*prefilter_new(const struct config *cfg);
struct prefilter	*prefilter_new_folded(const struct config *cfg);
void			 prefilter_free(struct prefilter *);
/* Pattern p of theme t is a "unit"; this is its index. */
size_t			 prefilter_unit(const struct prefilter *, size_t t, size_t p);
/* Whether unit u has literals (its pattern was understood). */
int			 prefilter_has(const struct prefilter *, size_t u);
/* The most bytes a match of unit u can have before its literal; -1: unbounded. */
long			 prefilter_prefix(const struct prefilter *, size_t u);
void			 prefilter_hits_init(struct prefilter_hits *,
			    const struct prefilter *);
void			 prefilter_hits_free(struct prefilter_hits *);
/* Finds every occurrence of every literal in buf[0..len). */
void			 prefilter_scan(const struct prefilter *, const char *buf,
			    size_t len, struct prefilter_hits *);
/* The literals of unit u, for tests: count, and each by index. */
size_t			 prefilter_count(const struct prefilter *, size_t u);
const char		*prefilter_string(const struct prefilter *, size_t u, size_t i);

#endif
