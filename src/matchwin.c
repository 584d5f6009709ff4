/* The body's match windows and the walk from one match to the next: what ui_body.c
   draws and what ], [, n and N move to, curses-free so that the unit tests reach it. */
#include <string.h>

#include "matchwin.h"

static void	matchwin_span(size_t, size_t, size_t, size_t *, size_t *);

/* The bytes to search for a window [from, to) of a text of len bytes: a margin either
   side, clipped to the text. */
static void
matchwin_span(size_t len, size_t from, size_t to, size_t *sfrom, size_t *sto)
{
	*sfrom = from > MATCHWIN_MARGIN ? from - MATCHWIN_MARGIN : 0;
	*sto = len - to > MATCHWIN_MARGIN ? to + MATCHWIN_MARGIN : len;
}

int
matchwin_themes(struct matchwin *w, struct matcher *m, const struct theme *themes,
    size_t n, const char *buf, size_t len, size_t from, size_t to)
{
	size_t	 i, sfrom, sto;

	if (w->valid && from >= w->from && to <= w->to)
		return 0;
	matchwin_span(len, from, to, &sfrom, &sto);
	match_list_clear(&w->ml);
	w->incomplete = 0;
	for (i = 0; i < n; i++) {
		if (!themes[i].enabled)
			continue;
		if (matcher_theme(m, &themes[i], i, buf, len - sto > MATCHWIN_TAIL ?
		    sto + MATCHWIN_TAIL : len, sfrom, sto, &w->ml) == -1)
			w->incomplete = 1;
	}
	match_list_resolve(&w->ml);
	w->from = sfrom;
	w->to = sto;
	w->valid = 1;
	return 1;
}

int
matchwin_search(struct matchwin *w, struct matcher *m, const struct theme *th,
    const char *buf, size_t len, size_t from, size_t to)
{
	size_t	 sfrom, sto;

	if (w->valid && from >= w->from && to <= w->to)
		return 0;
	matchwin_span(len, from, to, &sfrom, &sto);
	match_list_clear(&w->ml);
	w->incomplete = matcher_theme(m, th, 0, buf, len - sto > MATCHWIN_TAIL ?
	    sto + MATCHWIN_TAIL : len, sfrom, sto, &w->ml) == -1;
	w->from = sfrom;
	w->to = sto;
	w->valid = 1;
	return 1;
}

void
matchwin_reset(struct matchwin *w)
{
	w->valid = 0;
}

void
matchwin_free(struct matchwin *w)
{
	match_list_free(&w->ml);
	memset(w, 0, sizeof *w);
}

int
matchwin_find(struct matcher *m, const struct theme *th, size_t ti, const char *buf,
    size_t len, size_t from, size_t lo, int forward, struct match *out)
{
	struct match_list	 ml;
	size_t			 i, wlo;
	int			 found = 0, limit = 0;

	if (forward) {
		if (from >= len)
			return 1;
		return matcher_first(m, th, ti, buf, len, from, out);
	}
	/* Backward, a window at a time: the nearest window with a match ends it. */
	memset(&ml, 0, sizeof ml);
	while (!found && from > lo) {
		wlo = from - lo > MATCHWIN_MARGIN ? from - MATCHWIN_MARGIN : lo;
		match_list_clear(&ml);
		if (matcher_theme(m, th, ti, buf, len, wlo, from, &ml) == -1)
			limit = 1;
		for (i = 0; i < ml.n; i++)
			if (ml.v[i].start < from && (!found ||
			    ml.v[i].start > out->start)) {
				*out = ml.v[i];
				found = 1;
			}
		from = wlo;
	}
	match_list_free(&ml);
	return found ? 0 : limit ? -1 : 1;
}

int
matchwin_nearest(struct matcher *m, const struct theme *themes, size_t n,
    const char *buf, size_t len, size_t from, size_t lo, int forward,
    struct match *out, int *incomplete)
{
	struct match	 cand;
	size_t		 i;
	int		 found = 0;

	*incomplete = 0;
	for (i = 0; i < n; i++) {
		if (!themes[i].enabled)
			continue;
		switch (matchwin_find(m, &themes[i], i, buf, len, from, lo, forward,
		    &cand)) {
		case 0:
			if (!found || (forward ? cand.start < out->start :
			    cand.start > out->start)) {
				*out = cand;
				found = 1;
			}
			break;
		case -1:
			*incomplete = 1;
			break;
		}
	}
	return found ? 0 : 1;
}
