/* The screen: state shared by the panes, and the helpers they draw with. Each pane is a
   pair of functions in ui_NAME.c: draw it from this state, and handle a key by changing
   the state and setting dirty bits. tui.c owns curses, the layout and the main loop. */
#ifndef RUBRIC_TUI_H
#define RUBRIC_TUI_H

#include <curses.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <time.h>

#include "article.h"
#include "catalog.h"
#include "cooc.h"
#include "verify.h"
#include "config.h"
#include "glyph.h"
#include "corpus.h"
#include "keys.h"
#include "listing.h"
#include "matchwin.h"
#include "kwic.h"
#include "suggest.h"
#include "pager.h"
#include "query.h"
#include "render.h"
#include "scan.h"
#include "selection.h"
#include "sidebar.h"
#include "sidecar.h"
#include "status.h"
#include "undo.h"

enum pane {
	PANE_SIDEBAR,
	PANE_LIST,
	PANE_BODY,
	PANE_COUNT
};

#define DIRTY_SIDEBAR	0x01
#define DIRTY_LIST	0x02
#define DIRTY_BODY	0x04
#define DIRTY_STATUS	0x08
#define DIRTY_HELP	0x10
#define DIRTY_LAYOUT	0x20	/* windows to be made again: a resize or a mode change */
#define DIRTY_ALL	0x3f

enum {
	PROMPT_NONE,
	PROMPT_SEARCH,
	PROMPT_FILTER,
	PROMPT_TAG,
	PROMPT_UNTAG,
	PROMPT_ACCEPT,
	PROMPT_REJECT,
	PROMPT_LIMIT,
	PROMPT_EXPORT,
	PROMPT_TITLE,		/* / in the list: titles */
	PROMPT_HELPFIND,	/* / in the help */
	PROMPT_CODE,		/* t on a selection: the passage's codes */
	PROMPT_UNCODE		/* u on a selection: a code off its passages */
};

/* What text on the screen can look like; ui_colour_attr() maps each to curses
   attributes for the terminal's colours (or for none). */
enum ui_style {
	UI_NORMAL,
	UI_HEADER,		/* a pane's title row */
	UI_HEADER_FOCUS,	/* the focused pane's title row */
	UI_SELECTED,		/* the selected row of a list */
	UI_STATUS,
	UI_MESSAGE,		/* a message on the status line */
	UI_MARKER,		/* a control or invalid byte shown as a marker */
	UI_CHROME,		/* site chrome, dimmed */
	UI_HKEY,		/* a header field's key */
	UI_HVAL,		/* a header field's value */
	UI_ERROR,		/* an article that cannot be read */
	UI_DIM,			/* counts and other quiet text */
	UI_UNREAD,		/* an unread article's title */
	UI_SELECTED_UNREAD,	/* the same, selected */
	UI_STYLE_COUNT
};

struct tui {
	/* The data: the catalog's configuration, corpus, sidecar session and
	   scan, read through it and never copied. */
	struct catalog	*cat;		/* borrowed */
	/* Checks the provisional heads behind the first screen (verify.h); NULL
	   once it is done or when there is nothing to check. */
	struct verify	*verify;
	int		 verified;	/* every head checked, vchanged of them
					   changed, the head store's tag then vtag:
					   the image may be made at the end
					   (catalog_image_verified()) */
	size_t		 vchanged;
	int64_t		 vtag;

	int		 mode;		/* a MODE_ value of keys.h: MAIN, READ, HELP, KWIC */
	int		 prev_mode;	/* where the help screen returns to */
	enum pane	 focus;
	int		 dirty;
	int		 quit;
	int		 too_small;
	int		 wide;		/* list and body side by side */
	int		 has_sidebar;
	int		 hide_sidebar;	/* B: the sidebar folded away */
	int		 list_need;	/* columns the list's rows want; 0: not known */

	WINDOW		*win[PANE_COUNT];
	WINDOW		*status;
	WINDOW		*help;

	/* The list: what it shows, its filters, order, selection and marks. */
	struct listing	 list;

	/* The sidebar: its items (the model's) and the cursor. */
	struct sidebar	 sidebar;
	size_t		 side_sel;
	size_t		 side_top;
	size_t		 side_active;	/* the item whose filter is applied */

	/* The body of the selected article, read when first shown. */
	struct article	*shown;		/* borrowed from the corpus */
	struct body	 body;
	int		 body_errno;	/* why it could not be read, or 0 */
	struct pager	 pager;
	struct render	 render;
	/* Theme matches of the body, for the rows on the screen and a margin. */
	struct matcher	*matcher;
	struct matchwin	 bm;

	/* The match ] and [ went to. (The theme scan that counts hits is the
	   catalog's, cat->scan, running while the screen is up.) */
	struct match	 cur;		/* the match ] and [ went to */
	int		 cur_valid;
	int		 pending_place;	/* show cur once the body window is laid out */

	/* The prompt, on the status line: what it is for, and what is typed. */
	int		 prompt;	/* a PROMPT_ value; PROMPT_NONE: closed */
	char		 pbuf[1024];
	size_t		 plen;
	char		 pcands[512];	/* what Tab found, when several */
	char		 pstem[256];	/* the word those complete: Tab again puts */
	size_t		 pcycle;	/* each in turn, as a shell's menu does */
	char		 perror[256];	/* why the answer was refused: shown in the
					   prompt, which stays open */
	char		**phist;	/* earlier answers, oldest first; owned */
	int		*phist_kind;	/* the prompt each was given to */
	size_t		 nphist;
	size_t		 phist_pos;

	/* The search of the body (/, n, N): a theme of one pattern, its hits in a
	   window like the theme matches, and the hit n or N went to. */
	struct theme	 search;
	int		 search_on;
	struct matchwin	 sm;

	/* Keywords in context: every match of one theme across the corpus, and the line
	   selected. */
	struct kwic	 kwic;
	size_t		 kwic_sel;
	size_t		 kwic_top;
	int		 kwic_prev_mode; /* where q from K goes */
	int		 kwic_back;	/* the article read was opened from K: q
					   goes back to K at the same line */
	/* S in K: the spellings the theme misses (suggest.h), shown in place of
	   its matches while kwic_sugg is set; + adds the one selected to the
	   theme in the user's own configuration file and reloads. */
	struct suggest	 kwic_sg;
	int		 kwic_sugg;
	size_t		 kwic_sg_sel;
	size_t		 kwic_sg_top;

	/* The sidecar (tags, notes, read flags) is the catalog's, in cat->side; its
	   session (catalog_session.c) saves every change at once, and what waits for
	   another process's lock is tried again on every pass of the main loop, and
	   at q or a signal. */
	int		 quit_asked;	/* q once with changes unsaved: q again quits */
	int		 note_rows;	/* rows of the note above the body */
	/* U and ^R: the changes made here, and those undone; a change goes to
	   undo_into with the words undo_what while U or ^R makes it, else to undo. */
	struct undo	 undo;
	struct undo	 redo;
	struct undo	*undo_into;
	const char	*undo_what;

	/* Passages (ui_passage.c): the selection in the body, v to Esc, in the
	   shown article (another drops it); its span drawn as a hit; the spans of
	   the shown article's coded passages, underlined, and the rows its orphans
	   take above the body (counted in note_rows). */
	struct selection sel;
	struct match	 sel_hit;
	struct match	*pspans;
	size_t		 npspans;
	int		 orphan_rows;
	/* P: the passages listed, of the shown article or of a code across the
	   corpus, and the one selected; Enter opens it, q from it comes back. */
	struct ui_plist_item *plist;
	size_t		 nplist;
	size_t		 plist_sel;
	size_t		 plist_top;
	char		 plist_title[128];
	int		 plist_prev_mode;
	int		 plist_back;
	/* C: the table of codes by codes and themes, counted when opened, its
	   cells' passages kept for Enter to list them. */
	struct cooc	 cooc;
	int		 cooc_prev_mode; /* where q from C goes */

	/* Near-duplicates (ui_dups.c): the clusters are made in a thread of their
	   own once the scan has finished, and again once articles were counted
	   again (dups_want moves on), then swapped in at the catalog (cat->dups)
	   and the list; dups_scan and dups_made say what those in use come from. */
	pthread_t	 dups_thread;
	int		 dups_running;
	atomic_int	 dups_ready;
	struct dups	*dups_new;
	const struct scan *dups_scan;
	unsigned	 dups_made;
	unsigned	 dups_want;
	/* A question on the status line (UI_ASK_*; 0: none), answered by y; n or
	   Esc say no, and any other key says no and does what it does. */
	int		 ask;
	char		 ask_text[128];
	char		 ask_tag[SIDECAR_TAGMAX * 2 + 1]; /* UI_ASK_TAG: the tag */
	size_t		 ask_article;	/* UI_ASK_READ: the article read */
	int		 tag_copies;	/* ui_list_tag(): 1 the copies too, -1 not */

	char		**help_lines;
	size_t		 nhelp;
	size_t		 help_top;

	/* / in the list and in the help (ui_search.c): each its pattern, with n and
	   N; the help line found last (nhelp: none), drawn highlighted. */
	struct theme	 tsearch;
	int		 tsearch_on;
	struct theme	 hsearch;
	int		 hsearch_on;
	size_t		 help_hit;

	char		 message[256];	/* until the next key */
	int		 message_error;
	struct status_log msglog;	/* the messages said, for H */
	int		 history;	/* help_lines hold the messages (1) or what the
					   last reload changed (2), not the keys */

	/* R: the configuration in use until R, and its finished scan, kept aside
	   while the new themes count the corpus, for the comparison; then what D
	   shows of it. */
	struct config	*reload_old;	/* owned; NULL: no reload waits */
	struct scan	*reload_scan;	/* owned */
	char		 reload_note[96]; /* what R had to say besides, for the
					   summary */
	char		**reload_lines;	/* owned */
	size_t		 nreload_lines;
};

/* Runs the screen on a catalog opened with CATALOG_SESSION until the user quits,
   opening its sidecar session and scan. Returns the exit status. d: the
   configuration's problems, said on the status line at start. The caller has
   checked tui_ready(), once, before it. */
int	tui_run(struct catalog *, const struct diag *d);
/* Whether the screen can start here: a terminal on standard input and output that
   can address the cursor. Says why not on stderr and returns -1. */
int	tui_ready(void);
/* The sidecar entry of article i, or NULL. Borrowed until the next commit. */
struct sidecar_entry *tui_entry(struct tui *, size_t i);
/* Saves ops (and any that wait) to the sidecar, or says why not and keeps them. */
void	tui_commit(struct tui *, struct sidecar_ops *ops);
/* Reads the sidecar again if another process changed it since it was last read. */
void	tui_sidecar_poll(struct tui *);
/* Hits of the enabled themes in article i of the corpus; -1 while not counted. */
long	tui_hits(struct tui *, size_t i);

/* ui_colour.c: sets the colours for cfg's themes, once curses has started. */
void	ui_colour_init(const struct config *cfg);
void	ui_colour_free(void);
attr_t	ui_colour_attr(enum ui_style);
/* How matches of theme i are drawn. */
attr_t	ui_colour_theme(size_t i);
/* Draws s[0..n) at y, x in at most maxcols columns, through glyph_next() so that controls
   become markers. Returns the columns drawn. */
int	ui_draw_text(WINDOW *, int y, int x, int maxcols, const char *s, size_t n,
	    enum ui_style);
/* The same in the attributes attr, a theme's for one. */
int	ui_draw_text_attr(WINDOW *, int y, int x, int maxcols, const char *s,
	    size_t n, attr_t attr);
/* Draws the character glyph g at y, x with attributes a (colour pair included). */
void	ui_draw_glyph(WINDOW *, int y, int x, const struct glyph *g, attr_t a);
/* Draws a pane's title row; focused panes stand out. */
void	ui_draw_header(WINDOW *, int focused, const char *left, const char *right);
/* Rows of content a pane has below its title row. */
int	ui_draw_rows(WINDOW *);
/* The article selected in the list, or NULL when the list is empty. */
struct article *tui_selected(struct tui *);
/* Makes sure the body of the selected article is loaded into the pager. */
void	tui_load_body(struct tui *);
void	tui_message(struct tui *, int error, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Selects the article at index i of the list and marks what changes. */
void	tui_select(struct tui *, size_t);

void	ui_sidebar_build(struct tui *);
/* Makes the tags section again from the sidecar. */
void	ui_sidebar_tags(struct tui *);
/* Drops every limit: folder, theme, tags. */
void	ui_sidebar_clear(struct tui *);
void	ui_sidebar_apply(struct tui *);
void	ui_sidebar_draw(struct tui *);
void	ui_sidebar_key(struct tui *, enum action);
/* Sums the scan's counts per theme, once the scan has made progress. Returns 1 if
   anything changed. */
int	ui_sidebar_counts(struct tui *);
void	ui_list_draw(struct tui *);
/* The columns the list wants: its fixed columns and the widest title, at most
   LAYOUT_LIST_CAP. */
int	ui_list_need(struct tui *);
/* B: hides or shows the sidebar. */
void	ui_list_sidebar(struct tui *, enum action);
void	ui_list_key(struct tui *, enum action);
/* } and {: selects the next or previous article with a hit. */
void	ui_list_hit(struct tui *, int forward);
void	ui_body_draw(struct tui *, WINDOW *);
void	ui_body_key(struct tui *, enum action);
/* a: edits the note of the selected article in $VISUAL or $EDITOR. */
void	ui_body_note(struct tui *);
/* ] and [: moves to the next or previous theme match of the body. */
void	ui_body_match(struct tui *, int forward);
void	ui_kwic_open(struct tui *);
void	ui_kwic_free(struct tui *);
void	ui_kwic_draw(struct tui *);
void	ui_kwic_key(struct tui *, enum action);
/* The help's window, showing the keys (history 0), the messages (1) or what the last
   reload changed (2), whichever help_lines holds; q goes back to where it was. */
void	ui_help_enter(struct tui *, int history);
void	ui_help_draw(struct tui *);
void	ui_help_key(struct tui *, enum action);
void	ui_status_draw(struct tui *);
/* H: shows the messages kept in the help's window; _close puts the keys back in it. */
void	ui_status_history(struct tui *);
void	ui_status_history_close(struct tui *);
void	ui_status_history_draw(struct tui *);
/* Opens the prompt for what (a PROMPT_ value). */
void	ui_prompt_open(struct tui *, int what);
/* A key while the prompt is open. */
void	ui_prompt_key(struct tui *, int r, wint_t wc);
void	ui_prompt_draw(struct tui *);
/* Sets the body search to pattern ("" clears it); says what went wrong. 0 or -1. */
int	ui_body_search(struct tui *, const char *pattern);
/* n and N. */
void	ui_body_search_next(struct tui *, int forward);
/* /, n and N where the user is: the list's titles, the help or the body. what is
   the prompt / opens there, a PROMPT_ value. */
int	ui_search_prompt(struct tui *);
/* Answers that prompt (what, the PROMPT_ value) with pattern. */
void	ui_search_start(struct tui *, int what, const char *pattern);
void	ui_search_next(struct tui *, int forward);
void	ui_search_free(struct tui *);
/* Whether theme th has tagged article i automatically: its autotag is met and no
   person has accepted or rejected the tag. e is the article's sidecar entry, as
   tui_entry() gives it (callers have it at hand: it is not looked up again). */
int	tui_autotag(struct tui *, size_t i, const struct sidecar_entry *e, size_t th);
/* Rows the shown article's note takes above the body, its rule included. */
int	tui_note_rows(struct tui *);
/* Answers the t, u, + or - prompt (what, a PROMPT_ kind) with name: tags, untags,
   accepts or rejects it on the targets, and says which it did. */
void	ui_list_tag(struct tui *, const char *name, int what);
/* Limits the list to the articles that match pattern ("" clears it). 0 or -1. */
int	ui_list_filter(struct tui *, const char *pattern);
/* Applies the sidebar's item, the tag limits, the query and the corpus search to the
   list, in the sort order. */
int	ui_sidebar_refilter(struct tui *);
/* Limits the list to a query ("" clears it, and cannot fail: d may then be NULL).
   Returns 0, or -1 with why the query is refused in d (the list stays as it was). */
int	ui_list_limit(struct tui *, const char *text, struct diag *d);
/* Sorts the list in its order, keeping the selected article selected. */
void	ui_list_sort(struct tui *);
/* Exports the marked articles, or the list, to path (its extension names the
   format; a leading ! replaces an existing one). Returns 0, or -1 with why not in
   d. */
int	ui_list_export(struct tui *, const char *path, struct diag *d);
/* Records a change about to be made, for U, from the sidecar as it is before it. */
void	ui_undo_record(struct tui *, const struct sidecar_ops *ops);
/* U and ^R: undoes the latest change, or makes again the latest undone. */
void	ui_undo_key(struct tui *, enum action);
/* Does what action a does in the current mode: its handler in ui_action.c's table, or
   the focused pane's key handler. */
void	ui_action_run(struct tui *, enum action a);
/* q: quits, unless changes wait to be saved: then it says so once, and q again
   quits. */
void	tui_quit(struct tui *);
/* m: marks or unmarks the selected article and moves on. */
void	ui_mark_toggle(struct tui *);
/* M: clears every mark. */
void	ui_mark_clear(struct tui *);
/* r: marks the targets read, or unread if the first of them is read. */
void	ui_mark_read(struct tui *);
/* The selected article, just opened full screen, is read. */
void	ui_mark_opened(struct tui *);
/* R: reads the configuration again and puts its themes and views in place, or says
   why not and keeps the one in use. */
void	ui_reload(struct tui *);
/* Once the new themes' scan has finished after R: says what they changed, for D. */
void	ui_reload_poll(struct tui *);
/* D: what the last reload changed, per theme and article, in the help's window. */
void	ui_reload_show(struct tui *);
void	ui_reload_free(struct tui *);
/* Between a note saved by someone else while the editor was open and the edit. */
#define UI_BODY_SEPARATOR	"----- rubric: your edit -----"
/* How many of the shown article's passages are orphans (ui_passage.c). */
size_t	ui_passage_orphans(struct tui *);
/* ui_passage.c: v w $ ) p V c and Esc on the body's selection, P's list. */
void	ui_passage_key(struct tui *, enum action);
/* Answers t or u on a selection (what: PROMPT_CODE or PROMPT_UNCODE) with names,
   separated by commas: codes the selected passage, or takes the codes off the
   passages the selection overlaps. */
void	ui_passage_code(struct tui *, const char *names, int what);
/* a on a selection: edits the note of its passage. */
void	ui_passage_note(struct tui *);
/* The shown article's passages: their spans for render.c (t->pspans) and the
   orphans, drawn from row y on, at most rows of them. Returns how many orphans
   there are. */
size_t	ui_passage_place(struct tui *, WINDOW *, int y, int rows);
/* Draws a mark in the body's left margin on the rows a coded passage is on. */
void	ui_passage_margin(struct tui *, WINDOW *, int y, const struct row *);
void	ui_passage_draw(struct tui *);
void	ui_passage_free(struct tui *);
/* P's list of the passages refs[0..n) under title (C's Enter on a cell); q comes
   back to the mode it was opened from. */
void	ui_passage_show(struct tui *, const char *title, const struct cooc_ref *refs,
	    size_t n);
/* ui_cooc.c: C's table of codes by codes and themes. */
void	ui_cooc_key(struct tui *, enum action);
void	ui_cooc_draw(struct tui *);
/* Edits before (NULL: none) in $VISUAL or $EDITOR: 0 and the text in *out (the
   caller's to free), 1 when it is unchanged, -1 when it failed (said). */
int	ui_body_edit(struct tui *, const char *before, char **out, size_t *outlen);
/* Checks that $TERM names a terminal that can address the cursor; says why not on
   stderr and returns -1. */
int	ui_term_check(void);

/* ui_dups.c: the clusters made off the key path and swapped in. */
#define UI_ASK_READ	1	/* mark the copies of the article read? */
#define UI_ASK_TAG	2	/* tag the folded copies too? */
/* Starts making the clusters when the scan has finished and those in use are
   older, or swaps in those made: called on every pass of the main loop. */
void	ui_dups_poll(struct tui *);
/* Waits for clusters being made, and drops them: the scan or the articles are
   about to change. */
void	ui_dups_wait(struct tui *);
/* Whether clusters are being made: the articles must not change meanwhile. */
int	ui_dups_busy(const struct tui *);
/* z and Z: expands or folds the selected row's cluster, or all of them. */
void	ui_dups_key(struct tui *, enum action);
/* Article i was just marked read: asks whether its unread copies are too. */
void	ui_dups_read(struct tui *, size_t i);
/* Asks question (UI_ASK_*) on the status line. */
void	ui_dups_ask(struct tui *, int what, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A key while a question is asked. Returns 1 if it answered and was used up,
   0 if it said no and is to do what it does besides. */
int	ui_dups_answer(struct tui *, int r, wint_t wc);

/* A long job in the UI thread, watched: ui_watch() before each article says how far
   it is (once it has taken a quarter second) and returns 1 once ^G or Escape was
   pressed; ui_watch_end() hands the other keys typed back to ncurses. */
struct ui_watch {
	const char	*what;		/* "searching the text" */
	struct timespec	 start;
	struct timespec	 last;		/* drawn last */
	int		 shown;
	int		 stopped;
	struct {
		int	 r;		/* KEY_CODE_YES: a function key */
		wint_t	 wc;
	}		 keys[32];
	int		 nkeys;
	struct tui	*tui;		/* for ui_watch_progress() */
};
void	ui_watch_start(struct ui_watch *, const char *what);
int	ui_watch(struct tui *, struct ui_watch *, size_t done, size_t total);
/* The same as a listing's progress callback, watching in w. */
struct progress ui_watch_progress(struct tui *, struct ui_watch *w);
void	ui_watch_end(struct ui_watch *);

#endif
