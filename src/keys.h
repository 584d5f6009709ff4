/* The key table: every key the screen knows, in which modes, doing what. The help screen
   is generated from it, so the two cannot drift apart. */
#ifndef RUBRIC_KEYS_H
#define RUBRIC_KEYS_H

#include <stddef.h>

enum action {
	ACT_NONE,
	ACT_DOWN,
	ACT_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_HALF_DOWN,
	ACT_HALF_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_NEXT_ARTICLE,
	ACT_PREV_ARTICLE,
	ACT_FOCUS_NEXT,
	ACT_FOCUS_PREV,
	ACT_OPEN,
	ACT_BACK,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_HELP,
	ACT_NEXT_MATCH,
	ACT_PREV_MATCH,
	ACT_NEXT_HIT_ARTICLE,
	ACT_PREV_HIT_ARTICLE,
	ACT_TOGGLE,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_FILTER,
	ACT_KWIC,
	ACT_TAG,
	ACT_UNTAG,
	ACT_MARK,
	ACT_UNMARK_ALL,
	ACT_READ,
	ACT_EXCLUDE,
	ACT_NOTE,
	ACT_ACCEPT,
	ACT_REJECT,
	ACT_LIMIT,
	ACT_UNLIMIT,
	ACT_SORT,
	ACT_EXPORT,
	ACT_UNDO,
	ACT_REDO,
	ACT_MESSAGES,
	ACT_SIDEBAR,
	ACT_RELOAD,
	ACT_RELOAD_DIFF,
	ACT_SUGGEST,
	ACT_SUGGEST_ADD,
	ACT_SEL_BEGIN,
	ACT_SEL_WORD,
	ACT_SEL_LINE,
	ACT_SEL_SENTENCE,
	ACT_SEL_PARAGRAPH,
	ACT_SEL_TAKE_SENTENCE,
	ACT_SEL_MATCH,
	ACT_SEL_CANCEL,
	ACT_PASSAGES,
	ACT_COOC,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_FOLD,
	ACT_FOLD_ALL
};

#define MODE_MAIN	0x1	/* the three panes */
#define MODE_READ	0x2	/* one article, full screen */
#define MODE_HELP	0x4	/* this key list */
#define MODE_KWIC	0x8	/* every match of a theme in its context */
#define MODE_PASSAGES	0x10	/* P: a list of passages */
#define MODE_COOC	0x20	/* C: codes by codes and themes */

struct key_binding {
	int		 code;		/* a character, or a curses KEY_ code */
	int		 function;	/* code is a KEY_ code */
	const char	*name;		/* as the help screen shows it */
	enum action	 action;
	int		 modes;
};

/* The action bound to a key in a mode, or ACT_NONE. */
enum action	 keys_lookup(int code, int function, int mode);
/* What an action does, in a few words. */
const char	*keys_describe(enum action);
/* The help text: one line per action of the modes, its keys then what it does. Returns
   the number of lines written to out[0..max); each is owned by the caller. */
size_t		 keys_help(char **out, size_t max);

#endif
