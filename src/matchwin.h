/* The body's match windows: the matches of the themes, or of a search, that start in a
   window of bytes around what is on the screen, with a margin so that the next few keys
   find theirs ready; a 10 MB article is never searched whole to be drawn. And the next
   or previous match from a place, found a window at a time. */
#ifndef RUBRIC_MATCHWIN_H
#define RUBRIC_MATCHWIN_H

#include <stddef.h>

#include "theme.h"

/* Bytes searched beyond the window asked for; a text shorter than this is searched
   whole. */
#define MATCHWIN_MARGIN	(64 * 1024)
/* Bytes past the window's end the subject goes on, for lookaheads and \b. */
#define MATCHWIN_TAIL	256

struct matchwin {
	struct match_list ml;		/* sorted, overlaps resolved for themes */
	size_t		 from;		/* the bytes searched: [from, to) */
	size_t		 to;
	int		 valid;		/* 0: to be searched again */
	int		 incomplete;	/* a PCRE2 limit stopped a pattern */
};

/* Makes sure w holds the matches of the enabled themes of themes[0..n) that start in
   [from, to) of buf[0..len), resolved as they are drawn. Returns 1 if it searched,
   0 if w held them already. */
int	matchwin_themes(struct matchwin *w, struct matcher *m,
	    const struct theme *themes, size_t n, const char *buf, size_t len,
	    size_t from, size_t to);
/* The same for the one theme th (a search typed on the screen), unresolved. */
int	matchwin_search(struct matchwin *w, struct matcher *m, const struct theme *th,
	    const char *buf, size_t len, size_t from, size_t to);
/* Forgets what w holds: the text or the themes changed. */
void	matchwin_reset(struct matchwin *w);
void	matchwin_free(struct matchwin *w);
/* The first match of th (index ti) at or after from (forward), or the last that starts
   before from and at or after lo (backward, a window at a time). Returns 0 and fills
   *out, 1 if there is none, -1 if there is none found and a PCRE2 limit was hit. */
int	matchwin_find(struct matcher *m, const struct theme *th, size_t ti,
	    const char *buf, size_t len, size_t from, size_t lo, int forward,
	    struct match *out);
/* ] and [: the nearest match of any enabled theme of themes[0..n) in that direction,
   the earlier theme winning a tie, as on the screen. Returns 0 and fills *out, or 1;
   *incomplete says whether a PCRE2 limit was hit on the way. */
int	matchwin_nearest(struct matcher *m, const struct theme *themes, size_t n,
	    const char *buf, size_t len, size_t from, size_t lo, int forward,
	    struct match *out, int *incomplete);

#endif
