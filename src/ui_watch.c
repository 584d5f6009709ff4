/* A long job in the UI thread (a query or a corpus search that reads every article):
   past a quarter of a second it says on the status line how far it is, ten times a
   second, and ^G or Escape stops it. Keys typed meanwhile are not lost: they go
   back to ncurses for the main loop when the job ends. */
#include <stdio.h>
#include <string.h>

#include "tui.h"

static int	ui_watch_cb(void *, size_t, size_t);

void
ui_watch_start(struct ui_watch *w, const char *what)
{
	memset(w, 0, sizeof *w);
	w->what = what;
	clock_gettime(CLOCK_MONOTONIC, &w->start);
}

static long
ui_watch_ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

int
ui_watch(struct tui *t, struct ui_watch *w, size_t done, size_t total)
{
	struct timespec	 now;
	char		 line[160];
	wint_t		 wc;
	int		 r;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ui_watch_ms(&w->start, &now) < 250 ||
	    (w->shown && ui_watch_ms(&w->last, &now) < 100))
		return w->stopped;
	w->shown = 1;
	w->last = now;
	if (t->status != NULL && !t->too_small) {
		snprintf(line, sizeof line, " %s: %zu of %zu articles (^G stops)",
		    w->what, done, total);
		werase(t->status);
		ui_draw_text(t->status, 0, 0, getmaxx(t->status), line, strlen(line),
		    UI_STATUS);
		wnoutrefresh(t->status);
		doupdate();
	}
	timeout(0);
	while ((r = get_wch(&wc)) != ERR) {
		if (r == OK && (wc == 7 || wc == 27))
			w->stopped = 1;
		else if (w->nkeys < (int)(sizeof w->keys / sizeof w->keys[0])) {
			w->keys[w->nkeys].r = r;
			w->keys[w->nkeys++].wc = wc;
		}
	}
	return w->stopped;
}

static int
ui_watch_cb(void *arg, size_t done, size_t total)
{
	struct ui_watch	*w = arg;

	return ui_watch(w->tui, w, done, total);
}

/* The core's long jobs (listing.h's filters, kwic.h's walk) say how far they are
   through this: the screen part stays here. */
struct progress
ui_watch_progress(struct tui *t, struct ui_watch *w)
{
	struct progress	 p;

	w->tui = t;
	p.fn = ui_watch_cb;
	p.arg = w;
	return p;
}

void
ui_watch_end(struct ui_watch *w)
{
	/* ncurses gives back the last key pushed first. */
	while (w->nkeys > 0) {
		w->nkeys--;
		if (w->keys[w->nkeys].r == KEY_CODE_YES)
			ungetch((int)w->keys[w->nkeys].wc);
		else
			unget_wch(w->keys[w->nkeys].wc);
	}
}
