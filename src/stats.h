/* The figures of rubric stats, apart from the corpus they were counted in: every one
   a count, so that the figures of shards add up to those of the whole corpus. They
   are printed as text or as JSON Lines, and read back from JSON Lines to be summed
   (rubric stats --merge). */
#ifndef RUBRIC_STATS_H
#define RUBRIC_STATS_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct stats_theme {
	char		*name;		/* owned */
	size_t		 articles;	/* with hits */
	size_t		 hits;
	size_t		 incomplete;	/* articles whose count hit a PCRE2 limit */
};

struct stats_tag {
	char		*name;		/* owned */
	size_t		 manual;	/* articles that carry it by a person */
	size_t		 autos;		/* by a theme */
};

/* A code of passages (sidecar.h): the articles with a passage that carries it, and
   those passages. */
struct stats_code {
	char		*name;		/* owned */
	size_t		 articles;
	size_t		 passages;
};

/* Two codes (a before b, by bytes), or a theme (a) and a code (b): how often they
   meet in articles and in passages. For two codes, passages counts the pairs of a
   passage with a and a passage with b of one article, the same passage when it has
   both, that share a byte; for a theme and a code, the passages with the code that
   hold a whole hit of the theme. */
struct stats_meet {
	char		*a, *b;		/* owned */
	size_t		 articles;
	size_t		 passages;
};

struct stats {
	size_t			 articles;	/* counted (the query's, or all) */
	size_t			 corpus;	/* in the corpus */
	size_t			 undecided;	/* the query could not decide */
	size_t			 binary;
	size_t			 unreadable;
	int			 query;		/* a query picked the articles */
	struct stats_theme	*themes;	/* in the configuration's order */
	size_t			 nthemes;
	size_t			*both;		/* [a * nthemes + b]: articles with
						   hits of both a and b, a != b */
	struct stats_tag	*tags;		/* in the order first counted */
	size_t			 ntags;
	struct stats_code	*codes;		/* in the order first counted */
	size_t			 ncodes;
	struct stats_meet	*codepairs;	/* codes by codes */
	size_t			 ncodepairs;
	struct stats_meet	*themecodes;	/* themes by codes */
	size_t			 nthemecodes;

	/* While reading: where the first output's themes came from ("FILE:LINE",
	   owned), and how many outputs were read. */
	char			*origin;
	size_t			 nread;
};

void	stats_init(struct stats *);
void	stats_free(struct stats *);
/* Adds a theme called name (copied) with no counts; all themes come before the
   first stats_both(). Returns its index. */
size_t	stats_theme(struct stats *, const char *name);
/* Adds n articles to the cell of themes a and b, a != b, and to b's and a's. */
void	stats_both(struct stats *, size_t a, size_t b, size_t n);
/* Adds manual and autos to the tag called name, adding the tag if it is new.
   Returns its index in tags, which stays its own: a caller counting the same tag
   again may add to s->tags[index] without finding it by name. */
size_t	stats_tag(struct stats *, const char *name, size_t manual, size_t autos);
/* Adds articles and passages to the code called name, adding it if it is new. */
void	stats_code(struct stats *, const char *name, size_t articles, size_t passages);
/* Adds to the meeting of codes a and b (in either order, a != b), or of theme a
   and code b, adding it if it is new. */
void	stats_codes(struct stats *, const char *a, const char *b, size_t articles,
	    size_t passages);
void	stats_theme_code(struct stats *, const char *theme, const char *code,
	    size_t articles, size_t passages);
/* Prints the figures as rubric stats prints them, bars and all. */
void	stats_text(const struct stats *, FILE *);
/* Prints them as JSON Lines: a record "articles" first, then one "theme" each, one
   "pair" each two themes, one "tag" each tag (by name), then one "code" each code,
   one "codepair" each two codes that meet, one "themecode" each theme and code that
   meet (by names). Returns -1 on a write error. */
int	stats_jsonl(const struct stats *, FILE *);
/* Adds the outputs of stats_jsonl() read from f, called name in messages, to s. Every
   output must have the themes of the first read (in any order). Returns 0, or -1
   with "NAME:LINE: reason" in d at the first line that is no stats record or whose
   themes differ; s then holds part of the sum. */
int	stats_read(struct stats *, FILE *f, const char *name, struct diag *d);

#endif
