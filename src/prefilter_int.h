/* What prefilter.c and prefilter_parse.c share and no caller needs: the extractor's
   node and parser state, and its entry points. prefilter_parse.c reads a pattern
   into the set of literals its matches must contain; prefilter.c keeps those sets per
   theme and looks for them in a text. */
#ifndef RUBRIC_PREFILTER_INT_H
#define RUBRIC_PREFILTER_INT_H

#include <stddef.h>

struct pf_node {
	int	 fail;		/* the pattern has what the extractor cannot read */
	int	 finite;	/* matches exactly the strings of set */
	char	**set;		/* finite: those strings; else the factor, or none */
	size_t	 nset;
	long	 prefix;	/* not finite: most bytes before the factor; -1 unbounded */
	long	 maxlen;	/* most bytes the node can match; -1 unbounded */
};

struct pf_parser {
	const char	*p;
	int		 fail;
	int		 depth;		/* of pf_alt() calls */
};

/* The alternation at ps->p, up to an unmatched ')' or the end: the pattern's node
   when called at its start. On what it cannot read it sets ps->fail. */
struct pf_node	pf_alt(struct pf_parser *);
/* Frees the strings of n's set and empties it. */
void		pf_free(struct pf_node *);
/* Whether (a, na) is a better factor than (b, nb); with nb 0, whether a is a
   factor at all. */
int		pf_better(char **, size_t, char **, size_t);

#endif
