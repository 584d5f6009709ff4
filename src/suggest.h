/* Spellings a theme misses (rubric suggest; keywords in context): word n-grams of the
   corpus, outside the theme's hits, that are probably the same name as what it hits,
   ranked. A spelling's key is its text folded (fold.h), lowercased, q as k, without
   the hyphens, blanks and apostrophes between its words, and without the Arabic
   article in its Latin forms (al- el- ez- az- as- ad- ar- at- ash- ...) before another
   word. A candidate is near a hit's key by edit distance, or has the same consonants
   in the same order; the words around it, against those around the hits, weigh in. */
#ifndef RUBRIC_SUGGEST_H
#define RUBRIC_SUGGEST_H

#include <stddef.h>

#include "catalog.h"
#include "progress.h"

struct suggestion {
	char		*spelling;	/* as first met in the text */
	char		*key;
	char		*form;		/* folded, lowercased, blanks made one */
	size_t		 count;		/* occurrences, outside the theme's hits */
	size_t		 articles;
	double		 score;		/* higher is likelier */
	double		 similar;	/* 1 - edit distance / length, to the
					   nearest hit's key */
	double		 context;	/* the words around it against the hits' */
	int		 skeleton;	/* the same consonants as a hit */
	char		*near;		/* the hit's spelling it is nearest to */
	size_t		 article;	/* where it was first met, */
	size_t		 offset;	/* at this byte of the file */
	char		*line;		/* and the line around it, trimmed */
};

struct suggest {
	struct suggestion	*v;	/* best first */
	size_t			 n;
	size_t			 hits;	/* the theme's hits seen */
};

/* Reads articles sel[0..nsel) of c (every article when sel is NULL) and ranks the
   spellings theme t misses. p hears progress and may stop it (what was read is
   ranked). */
void	suggest_run(struct suggest *, struct catalog *c, size_t t, const size_t *sel,
	    size_t nsel, const struct progress *p);
/* The key of a spelling, as described above. Caller frees. */
char	*suggest_key(const char *s, size_t len);
/* The consonants of a key in order, doubled letters once (the skeleton). Caller
   frees. */
char	*suggest_skeleton(const char *key);
/* Levenshtein's distance between a and b, or more than max when it is more. */
size_t	suggest_distance(const char *a, const char *b, size_t max);
void	suggest_free(struct suggest *);

#endif
