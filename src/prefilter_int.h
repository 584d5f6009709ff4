/* What the prefilter's files share and no caller needs: the extractor's node and
   parser state, its entry and the nodes' operations. prefilter_parse.c reads a
   pattern into the set of literals its matches must contain, with the sets of
   prefilter_node.c; prefilter.c keeps those sets per theme and looks for them in a
   text. */
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

/* The nodes and their sets (prefilter_node.c). Lengths are -1 for unbounded. */
char		pf_lower(char);
long		pf_addlen(long, long);
long		pf_mullen(long, long);
/* Adds s (len bytes) to n's set unless it is there already. */
void		pf_add(struct pf_node *, const char *, size_t);
/* Frees the strings of n's set and empties it. */
void		pf_free(struct pf_node *);
/* The node of the empty string, of one character, and of any text of at most
   maxlen bytes. */
struct pf_node	pf_empty(void);
struct pf_node	pf_finite1(char);
struct pf_node	pf_any(long);
/* Whether (a, na) is a better factor than (b, nb); with nb 0, whether a is a
   factor at all. */
int		pf_better(char **, size_t, char **, size_t);
void		pf_take(struct pf_node *, char **, size_t, long);
int		pf_cross(struct pf_node *, const struct pf_node *);
struct pf_node	pf_union(struct pf_node, struct pf_node);

#endif
