/* curses: start and stop, signals, the layout of the panes, the draw dispatch and the
   main loop. Every pass of the loop draws the dirty panes into their windows and ends
   with one doupdate(), so that curses sends only the cells that changed; nothing calls
   clear() but ^L. Colours are in ui_colour.c, text in ui_draw.c, what keys do in
   ui_action.c. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "file.h"
#include "glyph.h"
#include "journal.h"
#include "lock.h"
#include "log.h"
#include "tags.h"
#include "tui.h"
#include "xmalloc.h"

#define TUI_MIN_COLS		40
#define TUI_MIN_LINES		10

static volatile sig_atomic_t	tui_signalled;

static void	tui_end(void);
static void	tui_on_signal(int);
static void	tui_layout(struct tui *);
static void	tui_draw(struct tui *);
static void	tui_key(struct tui *, int, wint_t);
static void	tui_free_windows(struct tui *);
static void	tui_init(struct tui *, struct catalog *);
static void	tui_start(const struct config *);
static void	tui_say_config(struct tui *, const struct diag *);
static void	tui_free(struct tui *);
static void	tui_body_window_size(struct tui *);
static size_t	tui_verify_end(struct tui *);
static void	tui_said(struct tui *, const struct catalog_said *);
static enum sidecar_result tui_flush(struct tui *, int);
static void	tui_follow_moves(struct tui *);
static struct sidecar_entry *tui_list_entry(void *, size_t);

static void
tui_end(void)
{
	if (!isendwin())
		endwin();
}

static void
tui_on_signal(int sig)
{
	tui_signalled = sig;
}

struct article *
tui_selected(struct tui *t)
{
	if (t->list.nvisible == 0)
		return NULL;
	return t->cat->corpus.articles[listing_selected(&t->list)];
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
	status_log_add(&t->msglog, error, t->message);
	t->dirty |= DIRTY_STATUS;
}

void
tui_select(struct tui *t, size_t i)
{
	if (listing_select(&t->list, i)) {
		/* The sidebar shows the selected article's hits per theme. */
		t->dirty |= DIRTY_LIST | DIRTY_BODY | DIRTY_STATUS |
		    (t->cat->config.nthemes > 0 ? DIRTY_SIDEBAR : 0);
	}
}

void
tui_load_body(struct tui *t)
{
	struct article	*a = tui_selected(t);

	if (a == t->shown)
		return;
	article_body_free(&t->body);
	t->shown = a;
	t->sel.on = 0;		/* a selection is of the article it was made in */
	matchwin_reset(&t->bm);
	matchwin_reset(&t->sm);
	t->cur_valid = 0;
	t->render.nhits = 0;
	t->body_errno = 0;
	if (a != NULL && article_read(a, &t->body) == -1)
		t->body_errno = errno;
	pager_set_text(&t->pager, t->body.buf != NULL ? t->body.buf : "", t->body.len,
	    t->body.start, t->cat->config.tab_width);
	t->render.text = &t->pager.text;
	t->render.header_end = t->body.header_end;
	t->render.chrome = t->cat->config.chrome;
	tui_body_window_size(t);
}

/* The pager's viewport follows the body window: its rows less the title row, its
   columns less a margin each side. */
static void
tui_body_window_size(struct tui *t)
{
	WINDOW	*w = t->win[PANE_BODY];

	if (w == NULL)
		return;
	t->note_rows = tui_note_rows(t);
	pager_resize(&t->pager, getmaxx(w) > 2 ? getmaxx(w) - 2 : 1,
	    ui_draw_rows(w) - t->note_rows > 0 ? ui_draw_rows(w) - t->note_rows : 1);
}

int
tui_autotag(struct tui *t, size_t i, const struct sidecar_entry *e, size_t th)
{
	return tags_auto_theme(&t->cat->config, scan_counts(t->cat->scan, i), e,
	    th);
}

/* Rows the note of the shown article takes above its body: its rows at the body's
   width, at most a third of the pane, and a rule under them. */
int
tui_note_rows(struct tui *t)
{
	struct sidecar_entry	*e;
	struct text		 tx;
	struct row		 r;
	size_t			 off, no, cap;
	int			 n = 0, max;

	t->orphan_rows = 0;
	if (t->shown == NULL || t->win[PANE_BODY] == NULL || t->list.nvisible == 0 ||
	    (e = tui_entry(t, listing_selected(&t->list))) == NULL)
		return 0;
	/* A line for each orphaned passage, under the note: never more than
	   half of the rows, the rest said by P. */
	no = ui_passage_orphans(t);
	if (e->note == NULL && no == 0)
		return 0;
	max = ui_draw_rows(t->win[PANE_BODY]) / 3;
	if (max < 2)
		return 0;
	cap = (size_t)(e->note != NULL ? (max - 1) / 2 : max - 1);
	if (no > cap)
		no = cap;
	t->orphan_rows = (int)no;
	if (e->note != NULL) {
		tx.buf = e->note;
		tx.len = strlen(e->note);
		tx.tabw = t->cat->config.tab_width;
		for (off = 0; off < tx.len && n < max - 1 - (int)no; off = r.next, n++)
			layout_row(&tx, off, getmaxx(t->win[PANE_BODY]) - 2, &r);
	}
	return n + (int)no > 0 ? n + (int)no + 1 : 0;
}

static void
tui_free_windows(struct tui *t)
{
	int	 i;

	for (i = 0; i < PANE_COUNT; i++) {
		if (t->win[i] != NULL)
			delwin(t->win[i]);
		t->win[i] = NULL;
	}
	if (t->status != NULL)
		delwin(t->status);
	if (t->help != NULL)
		delwin(t->help);
	t->status = t->help = NULL;
}

/* Makes the windows for the terminal's size and the mode, in the places layout_panes()
   gives them. Below 40x10 nothing but a message is shown. */
static void
tui_layout(struct tui *t)
{
	struct layout_panes	 p;
	int			 lines = LINES, cols = COLS;

	tui_free_windows(t);
	t->too_small = cols < TUI_MIN_COLS || lines < TUI_MIN_LINES;
	if (t->too_small)
		return;
	if (t->list_need == 0)
		t->list_need = ui_list_need(t);
	layout_panes(cols, lines - 1, t->hide_sidebar, t->list_need, &p);
	t->has_sidebar = p.sidebar.w > 0;
	if (!t->has_sidebar && t->focus == PANE_SIDEBAR)
		t->focus = PANE_LIST;
	t->wide = p.wide;
	t->status = newwin(1, cols, lines - 1, 0);
	if (t->mode == MODE_HELP || t->mode == MODE_KWIC ||
	    t->mode == MODE_PASSAGES || t->mode == MODE_COOC) {
		t->help = newwin(lines - 1, cols, 0, 0);
		return;
	}
	if (t->mode == MODE_READ) {
		t->win[PANE_BODY] = newwin(lines - 1, cols, 0, 0);
		idlok(t->win[PANE_BODY], TRUE);
		tui_body_window_size(t);
		return;
	}
	if (t->has_sidebar)
		t->win[PANE_SIDEBAR] = newwin(p.sidebar.h, p.sidebar.w, p.sidebar.y,
		    p.sidebar.x);
	t->win[PANE_LIST] = newwin(p.list.h, p.list.w, p.list.y, p.list.x);
	t->win[PANE_BODY] = newwin(p.body.h, p.body.w, p.body.y, p.body.x);
	/* Insert and delete line, and scroll regions, move only whole rows of the
	   terminal: a body that spans them scrolls a line for the cost of one. */
	idlok(t->win[PANE_BODY], TRUE);
	tui_body_window_size(t);
}

static void
tui_draw(struct tui *t)
{
	int	 d = t->dirty;

	t->dirty = 0;
	if (d & DIRTY_LAYOUT) {
		tui_layout(t);
		/* stdscr is never drawn on; refreshing it here keeps the next read
		   of a key from repainting it over the panes after a resize. */
		wnoutrefresh(stdscr);
		d = DIRTY_ALL;
	}
	if (t->too_small) {
		werase(stdscr);
		mvwaddnstr(stdscr, 0, 0, "terminal too small", COLS);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if (t->mode == MODE_HELP) {
		if (d & (DIRTY_HELP | DIRTY_BODY | DIRTY_LIST))
			t->history ? ui_status_history_draw(t) : ui_help_draw(t);
	} else if (t->mode == MODE_KWIC) {
		if (d & (DIRTY_HELP | DIRTY_BODY | DIRTY_LIST))
			ui_kwic_draw(t);
	} else if (t->mode == MODE_PASSAGES) {
		if (d & (DIRTY_HELP | DIRTY_BODY | DIRTY_LIST))
			ui_passage_draw(t);
	} else if (t->mode == MODE_COOC) {
		if (d & (DIRTY_HELP | DIRTY_BODY | DIRTY_LIST))
			ui_cooc_draw(t);
	} else {
		if ((d & DIRTY_SIDEBAR) && t->win[PANE_SIDEBAR] != NULL)
			ui_sidebar_draw(t);
		if ((d & DIRTY_LIST) && t->win[PANE_LIST] != NULL)
			ui_list_draw(t);
		if (d & DIRTY_BODY) {
			tui_load_body(t);
			if (t->pending_place && t->cur_valid)
				pager_place(&t->pager, t->cur.start, t->pager.height / 3);
			t->pending_place = 0;
			ui_body_draw(t, t->win[PANE_BODY]);
		}
	}
	if (d & (DIRTY_STATUS | DIRTY_BODY | DIRTY_LIST | DIRTY_SIDEBAR))
		ui_status_draw(t);
	doupdate();
}

static void
tui_key(struct tui *t, int r, wint_t wc)
{
	int	 code = (int)wc;

	if (r == KEY_CODE_YES && code == KEY_RESIZE) {
		t->dirty |= DIRTY_LAYOUT;
		return;
	}
	if (t->message[0] != '\0') {
		t->message[0] = '\0';
		t->dirty |= DIRTY_STATUS;
	}
	if (keys_lookup(code, r == KEY_CODE_YES, t->mode) != ACT_QUIT)
		t->quit_asked = 0;
	if (t->too_small) {
		if (r != KEY_CODE_YES && (code == 'q' || code == 'Q'))
			t->quit = 1;
		return;
	}
	if (t->prompt != PROMPT_NONE) {
		ui_prompt_key(t, r, wc);
		return;
	}
	if (t->ask != 0 && ui_dups_answer(t, r, wc))
		return;
	ui_action_run(t, keys_lookup(code, r == KEY_CODE_YES, t->mode));
}

void
tui_quit(struct tui *t)
{
	/* Changes not saved yet are tried once more (space may be back), journalled
	   if the file cannot take them, and not lost without a word if neither
	   works. */
	if (t->cat->session.pending.n > 0 && !t->quit_asked) {
		enum sidecar_result	 res = tui_flush(t, 0);
		size_t			 nc;

		if (res == SIDECAR_SAVED || res == SIDECAR_JOURNALLED) {
			t->quit = 1;
			return;
		}
		t->quit_asked = 1;
		nc = journal_changes(&t->cat->session.pending);
		/* Short, so that an 80-column status line shows it whole; the
		   reason was said when the change was made. */
		if (res == SIDECAR_LOCKED && t->cat->session.holder > 0)
			tui_message(t, 1, "%zu change%s not saved (locked by pid %ld): "
			    "q again keeps %s aside", nc, nc == 1 ? "" : "s",
			    t->cat->session.holder, nc == 1 ? "it" : "them");
		else
			tui_message(t, 1, "%zu change%s not saved (%s): q again keeps "
			    "%s aside", nc, nc == 1 ? "" : "s", res == SIDECAR_LOCKED ?
			    "locked" : "cannot save", nc == 1 ? "it" : "them");
		return;
	}
	t->quit = 1;
}

long
tui_hits(struct tui *t, size_t i)
{
	return listing_hits(&t->list, i);
}

/* Shows what a step of the sidecar session said, if anything. */
static void
tui_said(struct tui *t, const struct catalog_said *said)
{
	if (said->text[0] != '\0')
		tui_message(t, said->error, "%s", said->text);
}

/* A sidecar changed by someone else (an editor, git, another rubric) is read again,
   and what shows tags follows; one that no longer parses makes the tags read-only
   until it does. */
void
tui_sidecar_poll(struct tui *t)
{
	struct catalog_said	 said = { 0, "" };
	int			 r;

	r = catalog_session_poll(t->cat, &said);
	tui_said(t, &said);
	if (r != 1)
		return;
	ui_sidebar_tags(t);
	if (t->list.nlimits > 0)
		ui_sidebar_refilter(t);
	tui_body_window_size(t);
	t->dirty |= DIRTY_LIST | DIRTY_SIDEBAR | DIRTY_BODY;
}

/* Commits what waits (catalog_session_flush()) and says on the status line what
   became of it. */
static enum sidecar_result
tui_flush(struct tui *t, int wait_ms)
{
	struct catalog_said	 said = { 0, "" };
	enum sidecar_result	 r;

	r = catalog_session_flush(t->cat, wait_ms, &said);
	tui_said(t, &said);
	return r;
}

/* Entries whose article is gone, with a fingerprint, follow the article that now has
   that content under another path (moved or renamed within the corpus). This reads
   the untagged articles, and so runs only when there are such entries, once, after
   the first screen is up. */
static void
tui_follow_moves(struct tui *t)
{
	struct sidecar_ops	 ops;
	size_t			 moved, orphans;

	memset(&ops, 0, sizeof ops);
	moved = catalog_session_moves(t->cat, &ops, &orphans);
	if (orphans == 0)
		return;
	if (moved == 0) {
		if (t->message[0] != '\0')
			return;	/* what the start said (a blocked journal) stays */
		tui_message(t, 0, "%zu sidecar entr%s without an article (rubric list "
		    "--gone shows them)", orphans, orphans == 1 ? "y" : "ies");
		return;
	}
	tui_commit(t, &ops);
	if (t->message[0] == '\0')
		tui_message(t, 0, "%zu moved article%s: %s tags followed", moved,
		    moved == 1 ? "" : "s", moved == 1 ? "its" : "their");
}

struct sidecar_entry *
tui_entry(struct tui *t, size_t i)
{
	return catalog_entry(t->cat, i);
}

/* The listing's way to the sidecar. */
static struct sidecar_entry *
tui_list_entry(void *arg, size_t i)
{
	return tui_entry(arg, i);
}

void
tui_commit(struct tui *t, struct sidecar_ops *ops)
{
	struct catalog_said	 said = { 0, "" };
	int			 r;

	if (ops->n > 0)
		ui_undo_record(t, ops);
	r = catalog_session_commit(t->cat, ops, &said);
	tui_said(t, &said);
	if (r == -1)
		return;
	/* Counts and limits follow the tags; the body makes room for a note. */
	ui_sidebar_tags(t);
	if (t->list.nlimits > 0)
		ui_sidebar_refilter(t);
	tui_body_window_size(t);
	t->dirty |= DIRTY_LIST | DIRTY_SIDEBAR | DIRTY_BODY;
}

/* Makes the screen's model over the catalog cat: the list of every article, the scan
   with the cache's counts, the sidecar session, the sidebar and the help. */
static void
tui_init(struct tui *t, struct catalog *cat)
{
	struct catalog_said	 opened = { 0, "" };
	struct corpus		*c = &cat->corpus;
	struct config		*cfg = &cat->config;

	memset(t, 0, sizeof *t);
	t->cat = cat;
	t->mode = MODE_MAIN;
	t->focus = PANE_LIST;
	t->dirty = DIRTY_ALL;
	pager_init(&t->pager);
	t->matcher = matcher_new();
	undo_init(&t->undo, UNDO_DEPTH);
	undo_init(&t->redo, UNDO_DEPTH);
	/* Counts come in behind the first screen: the cache's (a few tenths of a
	   second at a million articles), then the workers'. */
	catalog_scan_new(cat);
	listing_init(&t->list, c, cfg, cat->scan, tui_list_entry, t);
	t->list.group = cfg->group_duplicates;
	log_mark("list made");
	/* A sidecar that does not parse makes the screen read-only for it, with the
	   reason on the status line. */
	catalog_session_open(cat, &opened);
	tui_said(t, &opened);
	log_mark("sidecar read");
	ui_sidebar_build(t);
	log_mark("sidebar made");
	t->help_lines = xreallocarray(NULL, 1024, sizeof *t->help_lines);
	t->nhelp = keys_help(t->help_lines, 1024);
}

/* Takes what the verifier found since the last pass: the list filtered and sorted
   again with the new heads, the selection kept; at the end the head store and the
   scan's cache get the verified stamps, and the status line says what changed. */
static void
tui_verify(struct tui *t)
{
	size_t	 n;

	if (verify_apply(t->verify) > 0) {
		/* Changed articles are counted again: then clustered again. */
		t->dups_want++;
		/* The scan's progress may be back where it was, counted again:
		   the sidebar's counts are made anew all the same. */
		t->sidebar.scan_seen = (size_t)-1;
		ui_sidebar_refilter(t);
		t->dirty |= DIRTY_LIST | DIRTY_SIDEBAR | DIRTY_BODY | DIRTY_STATUS;
	}
	if (!verify_finished(t->verify))
		return;
	/* Every change is applied already: this joins and writes the store. */
	if ((n = tui_verify_end(t)) > 0)
		tui_message(t, 0, "%zu article%s changed since last time", n,
		    n == 1 ? "" : "s");
	t->dirty |= DIRTY_STATUS;
}

/* Ends the verifier: waits for it, applies what is left, writes the changed heads
   to the head store and the counts' cache, and keeps what the image's making at
   the end needs (catalog_image_verified()). Returns how many articles the user
   is told have changed. */
static size_t
tui_verify_end(struct tui *t)
{
	size_t	 n;

	verify_finish(t->verify);
	t->verified = 1;
	t->cat->checked = 1;
	t->vtag = verify_tag(t->verify);
	if ((t->vchanged = verify_changed(t->verify)) > 0)
		catalog_scan_save(t->cat);
	/* No head changed: the corpus is the image's it was taken from, which
	   the text index knows by its checksum (textindex_whole()). */
	else if (t->cat->image_taken)
		t->cat->image_whole = 1;
	n = verify_differ(t->verify);
	verify_free(t->verify);
	t->verify = NULL;
	return n;
}

/* Starts curses for the screen: keys, colours, and the signals that end it cleanly. */
static void
tui_start(const struct config *cfg)
{
	struct sigaction	 sa;

	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	if (initscr() == NULL)
		fatal("cannot start curses");
	log_fatal_hook = tui_end;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	ui_colour_init(cfg);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* The configuration's problems, d, said on the status line at start: the first, and
   how many. */
static void
tui_say_config(struct tui *t, const struct diag *d)
{
	char	*first, *nl;

	if (d == NULL || d->n == 0)
		return;
	first = strdup(d->msgs[0].text);
	if (first != NULL && (nl = strchr(first, '\n')) != NULL)
		*nl = '\0';
	tui_message(t, d->nerrors > 0, "%zu configuration problem%s: %s%s", d->n,
	    d->n == 1 ? "" : "s", first != NULL ? first : "",
	    d->n > 1 ? " (rubric check lists all)" : "");
	free(first);
}

/* Frees what the screen holds beyond the sidecar session. */
static void
tui_free(struct tui *t)
{
	size_t	 i;

	tui_free_windows(t);
	sidebar_free(&t->sidebar);
	ui_sidebar_clear(t);
	for (i = 0; i < t->nhelp; i++)
		free(t->help_lines[i]);
	free(t->help_lines);
	listing_free(&t->list);
	article_body_free(&t->body);
	pager_free(&t->pager);
	matchwin_free(&t->bm);
	matchwin_free(&t->sm);
	ui_kwic_free(t);
	ui_passage_free(t);
	cooc_free(&t->cooc);
	free(t->pspans);
	ui_reload_free(t);
	theme_free(&t->search);
	ui_search_free(t);
	for (i = 0; i < t->nphist; i++)
		free(t->phist[i]);
	free(t->phist);
	free(t->phist_kind);
	matcher_free(t->matcher);
	ui_colour_free();
}

int
tui_ready(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		diag_say("the screen needs a terminal on standard "
		    "input and output");
		return -1;
	}
	return ui_term_check();
}

int
tui_run(struct catalog *cat, const struct diag *d)
{
	struct tui		 t;
	struct diag		 end;
	struct corpus		*c = &cat->corpus;
	wint_t			 wc;
	size_t			 pending;
	int			 r, followed = 0, lost;

	tui_init(&t, cat);
	tui_start(&cat->config);
	tui_say_config(&t, d);
	/* Counts the image gave are not read again from the cache. */
	if (cat->image_taken)
		scan_start(t.cat->scan, (int)sysconf(_SC_NPROCESSORS_ONLN));
	else
		scan_start_cached(t.cat->scan, t.cat->cache,
		    (int)sysconf(_SC_NPROCESSORS_ONLN));
	ui_sidebar_counts(&t);
	while (!t.quit && !tui_signalled) {
		if (t.dirty)
			tui_draw(&t);
		if (!followed) {
			followed = 1;
			log_mark("first screen drawn");
			/* Behind the first screen: the heads it shows (the head
			   store's or the image's) are checked. */
			if (cat->heads != NULL || cat->image_taken) {
				t.verify = verify_start(cat, cat->heads);
				cat->heads = NULL;
			} else
				cat->checked = 1;	/* every head read */
			tui_follow_moves(&t);
			continue;
		}
		/* While the scan runs, wake up a few times a second to show progress;
		   after it, once a second to notice a sidecar edited by hand. */
		timeout(scan_finished(t.cat->scan) && t.sidebar.scan_seen == c->n &&
		    cat->session.holder == 0 && t.verify == NULL ? 1000 : 250);
		r = get_wch(&wc);
		/* The verifier changes articles, which the clusters being made
		   read: it waits for them, a few hundredths of a second. */
		if (t.verify != NULL && !ui_dups_busy(&t))
			tui_verify(&t);
		ui_dups_poll(&t);
		tui_sidecar_poll(&t);
		/* Another process's lock is tried for again, without waiting, so
		   that the screen answers keys meanwhile. */
		if (cat->session.holder != 0 && cat->session.pending.n > 0) {
			char	 said[sizeof t.message];
			int	 error = t.message_error;

			snprintf(said, sizeof said, "%s", t.message);
			if (tui_flush(&t, 0) == SIDECAR_SAVED) {
				tui_message(&t, 0, "saved to %s", cat->side_path);
				t.dirty |= DIRTY_LIST | DIRTY_SIDEBAR | DIRTY_BODY;
			} else if (strcmp(said, t.message) != 0) {
				/* Still waiting: what the status line said stays. */
				snprintf(t.message, sizeof t.message, "%s", said);
				t.message_error = error;
			}
		}
		if (ui_sidebar_counts(&t))
			t.dirty |= DIRTY_SIDEBAR | DIRTY_LIST | DIRTY_STATUS;
		ui_reload_poll(&t);
		if (r == ERR)
			continue;
		tui_key(&t, r, wc);
	}
	ui_dups_wait(&t);
	/* A signal (a hang-up, a kill) with changes not saved: they are saved or
	   journalled before the screen ends, waiting for a lock outside curses. */
	pending = journal_changes(&cat->session.pending);
	if (tui_signalled && cat->session.pending.n > 0)
		tui_flush(&t, 0);
	tui_end();
	/* Before anything is said: a later endwin() would move the cursor over it. */
	delwin(stdscr);
	endwin();
	log_fatal_hook = NULL;
	if (tui_signalled && cat->session.pending.n > 0 && cat->session.holder != 0)
		tui_flush(&t, lock_timeout());
	/* What could still not be saved (the lock another's, q twice) is kept where
	   no lock is needed, for the next save of the sidecar; then stderr says where
	   every change went that is not in the sidecar. */
	memset(&end, 0, sizeof end);
	if (cat->session.pending.n > 0)
		catalog_session_keep_aside(cat, &end);
	lost = catalog_session_report(cat, pending, &end);
	diag_print(&end, stderr);
	diag_free(&end);
	/* What the screen showed unchecked is checked to the end (a stat per
	   article), so that the caches keep only verified stamps. */
	if (t.verify != NULL)
		tui_verify_end(&t);
	/* What was counted is kept for the next start, even if the scan did not end;
	   a cache that had it all already stays as it is, unless it lacks the
	   clusters made here (scan_cache_wants()). */
	if (scan_progress(cat->scan) > scan_cached(cat->scan) ||
	    (dups_current(cat->dups, cat->scan) && scan_cache_wants(cat->scan,
	    cat->config.duplicate_threshold)))
		catalog_scan_save(cat);
	/* The next start takes every head checked here from the image, unless
	   it was taken and nothing changed. */
	if (t.verified)
		catalog_image_verified(cat, t.vchanged, t.vtag);
	undo_free(&t.undo);
	undo_free(&t.redo);

	tui_free(&t);
	return lost || (tui_signalled && tui_signalled != SIGINT) ? 1 : 0;
}
