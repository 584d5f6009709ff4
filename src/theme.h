/* Themes: named groups of PCRE2 patterns that catch every spelling of a thing, each with
   its colour. A theme is read from an INI section [theme NAME]; this module compiles its
   patterns and finds their matches. It owns the PCRE2 limits that keep a catastrophic
   pattern from freezing anything: a search that hits one is "incomplete", never stuck. */
#ifndef RUBRIC_THEME_H
#define RUBRIC_THEME_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum theme_case {
	THEME_CASE_SMART,	/* caseless unless the pattern has a capital */
	THEME_CASE_YES,
	THEME_CASE_NO
};

/* A colour as configured: one of the 8 names (0-7), color0-color255, or #rrggbb. */
struct theme_colour {
	int	index;		/* 0-255, or -1 for none given */
	int	rgb;		/* 0xrrggbb when given as #rrggbb, else -1 */
};

struct theme_pattern {
	char		*key;		/* "pattern" or "pattern.NAME" */
	char		*source;
	char		*file;
	int		 line;
	int		 col;		/* of source in its line; 0 if unknown */
	void		*re;		/* pcre2_code *, NULL when it did not compile */
	int		 jit;		/* JIT-compiled: its match limit counts otherwise */
	void		*anchored;	/* the same, anchored: tried at one start */
	int		 anchored_jit;
};

struct theme {
	char			*name;
	char			*description;
	struct theme_colour	 colour;
	enum theme_case		 icase;
	int			 words;		/* whole words only */
	int			 fold;		/* patterns see the text folded (fold.h) */
	int			 autotag;	/* hits that make a tag; 0: none */
	struct theme_pattern	*pats;
	size_t			 npats;
	char			*file;		/* where the section is */
	int			 line;
	int			 enabled;	/* highlighting on the screen */
};

/* One match: bytes [start, end) of the text, by theme t and its pattern p. */
struct match {
	size_t		start;
	size_t		end;
	uint16_t	theme;
	uint16_t	pat;
};

struct match_list {
	struct match	*v;
	size_t		 n;
	size_t		 cap;
};

/* Per-thread matching state: match data, the JIT stack and the limits. */
struct matcher;

/* Parses a colour; returns -1 if it is none of the forms above. */
int		 theme_parse_colour(const char *, struct theme_colour *);
/* Compiles every pattern of t; failures go to d as "FILE:LINE:COL: theme NAME: KEY:
   MESSAGE at offset K" (COL, that of the offset, when the pattern's place in its line
   is known) with the pattern and a caret, and leave that pattern out. */
void		 theme_compile(struct theme *, struct diag *d);
void		 theme_free(struct theme *);
/* Makes t a theme of the one pattern `pattern` (smart case), for a search typed on
   the screen. On a compile error returns -1 with t freed and the error "MESSAGE at
   offset K" added to d. */
int		 theme_single(struct theme *t, const char *name, const char *pattern,
		    struct diag *d);
/* Whether the pattern is caseless under smart case: it has no capital letter outside
   an escape. */
int		 theme_smart_caseless(const char *);
/* Whether re (a pcre2_code *; source is its text) hits a PCRE2 limit on a short text
   made of one character repeated, then a stop and the pattern's own text: a
   catastrophic pattern, which would stop on many an article. A probe for rubric
   check, with the scan's interpreter limits: it finds the usual exponential cases,
   ((a+)+$, (\w+\s?)+!), not every slow pattern. */
int		 theme_catastrophic(const void *re, const char *source);

/* The clocks a search's bound reads, the wall's and the calling thread's time (ms;
   -1: none), in place of the system's, for the tests; NULL puts them back. */
void		 theme_clocks(double (*wall)(void), double (*cpu)(void));

struct matcher	*matcher_new(void);
void		 matcher_free(struct matcher *);
/* Appends to out the matches of theme t (index ti) that start in [from, to) of the
   text buf[0..len): context before from and after to is seen by lookarounds and \b.
   Matches of different patterns of the theme that overlap are kept once. Returns 0,
   or -1 when a PCRE2 limit stopped the search (the matches found so far are kept). */
int		 matcher_theme(struct matcher *, const struct theme *t, size_t ti,
		    const char *buf, size_t len, size_t from, size_t to,
		    struct match_list *out);
/* Appends the matches of pattern pi of theme t (index ti) that an unguided search from
   `from` would find, trying only starts that can lead to one: at most prefix bytes
   before each of the positions occ[0..nocc) (ascending) where a literal that every
   match contains occurs (in the text folded, for a theme with fold = yes). prefix -1
   means unbounded: then PCRE2 searches from the first occurrence on. Returns 0, or -1 when a PCRE2 limit stopped it. */
int		 matcher_guided(struct matcher *, const struct theme *t, size_t ti,
		    size_t pi, const char *buf, size_t len, size_t from,
		    const size_t *occ, size_t nocc, long prefix, struct match_list *out);
/* buf[0..len) folded (fold.h) as a theme with fold = yes sees it, in *flen bytes:
   the matcher's, valid until its next text; for the folded prefilter, whose
   occurrences matcher_guided() then takes for such a theme. */
const char	*matcher_folded(struct matcher *, const char *buf, size_t len,
		    size_t *flen);
/* Appends the matches of pattern pi alone, searching [from, to) as matcher_theme does. */
int		 matcher_pattern(struct matcher *, const struct theme *t, size_t ti,
		    size_t pi, const char *buf, size_t len, size_t from, size_t to,
		    struct match_list *out);
/* Keeps one of the matches out->v[base..] of one theme that overlap, as
   matcher_theme does with its patterns' matches. */
void		 match_list_dedupe(struct match_list *, size_t base);
/* The first match of theme t at or after from; returns 0 and fills *m, 1 if there is
   none, -1 on a limit. */
int		 matcher_first(struct matcher *, const struct theme *t, size_t ti,
		    const char *buf, size_t len, size_t from, struct match *m);

void		 match_list_add(struct match_list *, const struct match *);
void		 match_list_clear(struct match_list *);
void		 match_list_free(struct match_list *);
/* Sorts by start and removes overlaps, the theme with the lower index winning, then the
   earlier match: what is drawn. */
void		 match_list_resolve(struct match_list *);

#endif
