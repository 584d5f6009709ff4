/* Key bindings in the manner of less and mutt. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "query.h"
#include "xmalloc.h"

#define CTRL(c)	((c) & 0x1f)
/* The help's text columns: an 80-column terminal less the border. */
#define KEYS_HELP_WIDTH	78
/* Where a line's words start after its keys, and its wrapped lines too. */
#define KEYS_HELP_INDENT 25

static void	keys_help_item(char **, size_t *, size_t, const char *, const char *);
#define ALL	(MODE_MAIN | MODE_READ | MODE_HELP | MODE_KWIC | MODE_PASSAGES | \
		    MODE_COOC)
#define VIEWS	(MODE_MAIN | MODE_READ)

static const struct key_binding keys_table[] = {
	{ 'j',		0, "j",		ACT_DOWN,	ALL },
	{ KEY_DOWN,	1, "Down",	ACT_DOWN,	ALL },
	{ CTRL('e'),	0, "^E",	ACT_DOWN,	ALL },
	{ 'k',		0, "k",		ACT_UP,		ALL },
	{ KEY_UP,	1, "Up",	ACT_UP,		ALL },
	{ CTRL('y'),	0, "^Y",	ACT_UP,		ALL },
	{ ' ',		0, "Space",	ACT_PAGE_DOWN,	ALL },
	{ KEY_NPAGE,	1, "PgDn",	ACT_PAGE_DOWN,	ALL },
	{ CTRL('f'),	0, "^F",	ACT_PAGE_DOWN,	ALL },
	{ 'f',		0, "f",		ACT_PAGE_DOWN,	ALL },
	{ 'b',		0, "b",		ACT_PAGE_UP,	ALL },
	{ KEY_PPAGE,	1, "PgUp",	ACT_PAGE_UP,	ALL },
	{ CTRL('b'),	0, "^B",	ACT_PAGE_UP,	ALL },
	{ CTRL('d'),	0, "^D",	ACT_HALF_DOWN,	ALL },
	{ CTRL('u'),	0, "^U",	ACT_HALF_UP,	ALL },
	{ 'g',		0, "g",		ACT_TOP,	ALL },
	{ KEY_HOME,	1, "Home",	ACT_TOP,	ALL },
	{ '<',		0, "<",		ACT_TOP,	ALL },
	{ 'G',		0, "G",		ACT_BOTTOM,	ALL },
	{ KEY_END,	1, "End",	ACT_BOTTOM,	ALL },
	{ '>',		0, ">",		ACT_BOTTOM,	ALL },
	{ CTRL('n'),	0, "^N",	ACT_NEXT_ARTICLE, VIEWS },
	{ CTRL('p'),	0, "^P",	ACT_PREV_ARTICLE, VIEWS },
	{ '\t',		0, "Tab",	ACT_FOCUS_NEXT,	MODE_MAIN },
	{ KEY_BTAB,	1, "Shift-Tab",	ACT_FOCUS_PREV,	MODE_MAIN },
	{ '\r',		0, "Enter",	ACT_OPEN,	MODE_MAIN | MODE_KWIC | MODE_PASSAGES |
	    MODE_COOC },
	{ '\n',		0, NULL,	ACT_OPEN,	MODE_MAIN | MODE_KWIC | MODE_PASSAGES |
	    MODE_COOC },
	{ KEY_ENTER,	1, NULL,	ACT_OPEN,	MODE_MAIN | MODE_KWIC | MODE_PASSAGES |
	    MODE_COOC },
	{ 'q',		0, "q",		ACT_BACK,	MODE_READ | MODE_HELP | MODE_KWIC |
	    MODE_PASSAGES | MODE_COOC },
	{ 27,		0, "Esc",	ACT_BACK,	MODE_READ | MODE_HELP | MODE_KWIC |
	    MODE_PASSAGES | MODE_COOC },
	{ 27,		0, "Esc",	ACT_SEL_CANCEL,	MODE_MAIN },
	{ 'q',		0, "q",		ACT_QUIT,	MODE_MAIN },
	{ 'Q',		0, "Q",		ACT_QUIT,	ALL },
	{ CTRL('l'),	0, "^L",	ACT_REDRAW,	ALL },
	{ '?',		0, "?",		ACT_HELP,	VIEWS },
	{ ']',		0, "]",		ACT_NEXT_MATCH,	VIEWS },
	{ '[',		0, "[",		ACT_PREV_MATCH,	VIEWS },
	{ '}',		0, "}",		ACT_NEXT_HIT_ARTICLE, VIEWS },
	{ '{',		0, "{",		ACT_PREV_HIT_ARTICLE, VIEWS },
	{ 'x',		0, "x",		ACT_TOGGLE,	MODE_MAIN },
	{ '/',		0, "/",		ACT_SEARCH,	VIEWS | MODE_HELP },
	{ 'n',		0, "n",		ACT_SEARCH_NEXT, VIEWS | MODE_HELP },
	{ 'N',		0, "N",		ACT_SEARCH_PREV, VIEWS | MODE_HELP },
	{ '&',		0, "&",		ACT_FILTER,	MODE_MAIN },
	{ 'K',		0, "K",		ACT_KWIC,	VIEWS },
	{ 't',		0, "t",		ACT_TAG,	VIEWS },
	{ 'u',		0, "u",		ACT_UNTAG,	VIEWS },
	{ 'm',		0, "m",		ACT_MARK,	MODE_MAIN },
	{ 'M',		0, "M",		ACT_UNMARK_ALL,	MODE_MAIN },
	{ 'r',		0, "r",		ACT_READ,	VIEWS },
	{ '!',		0, "!",		ACT_EXCLUDE,	MODE_MAIN },
	{ 'a',		0, "a",		ACT_NOTE,	VIEWS },
	{ 'U',		0, "U",		ACT_UNDO,	VIEWS },
	{ CTRL('r'),	0, "^R",	ACT_REDO,	VIEWS },
	{ '+',		0, "+",		ACT_ACCEPT,	VIEWS },
	{ '-',		0, "-",		ACT_REJECT,	VIEWS },
	{ 'l',		0, "l",		ACT_LIMIT,	MODE_MAIN },
	{ 'L',		0, "L",		ACT_UNLIMIT,	MODE_MAIN },
	{ 'o',		0, "o",		ACT_SORT,	MODE_MAIN },
	{ 'e',		0, "e",		ACT_EXPORT,	MODE_MAIN },
	{ 'B',		0, "B",		ACT_SIDEBAR,	MODE_MAIN },
	{ 'z',		0, "z",		ACT_FOLD,	MODE_MAIN },
	{ 'Z',		0, "Z",		ACT_FOLD_ALL,	MODE_MAIN },
	{ '?',		0, NULL,	ACT_BACK,	MODE_HELP },
	{ 'H',		0, "H",		ACT_MESSAGES,	VIEWS | MODE_HELP },
	{ 'R',		0, "R",		ACT_RELOAD,	VIEWS },
	{ 'D',		0, "D",		ACT_RELOAD_DIFF, VIEWS | MODE_HELP },
	{ 'S',		0, "S",		ACT_SUGGEST,	MODE_KWIC },
	{ '+',		0, "+",		ACT_SUGGEST_ADD, MODE_KWIC },
	{ 'v',		0, "v",		ACT_SEL_BEGIN,	VIEWS },
	{ 'w',		0, "w",		ACT_SEL_WORD,	VIEWS },
	{ '$',		0, "$",		ACT_SEL_LINE,	VIEWS },
	{ ')',		0, ")",		ACT_SEL_SENTENCE, VIEWS },
	{ 'p',		0, "p",		ACT_SEL_PARAGRAPH, VIEWS },
	{ 'V',		0, "V",		ACT_SEL_TAKE_SENTENCE, VIEWS },
	{ 'c',		0, "c",		ACT_SEL_MATCH,	VIEWS },
	{ 'P',		0, "P",		ACT_PASSAGES,	VIEWS },
	{ 'C',		0, "C",		ACT_COOC,	VIEWS },
	{ 'h',		0, "h",		ACT_LEFT,	MODE_COOC },
	{ KEY_LEFT,	1, "Left",	ACT_LEFT,	MODE_COOC },
	{ 'l',		0, "l",		ACT_RIGHT,	MODE_COOC },
	{ KEY_RIGHT,	1, "Right",	ACT_RIGHT,	MODE_COOC },
};

enum action
keys_lookup(int code, int function, int mode)
{
	size_t	 i;

	for (i = 0; i < sizeof keys_table / sizeof keys_table[0]; i++) {
		const struct key_binding	*k = &keys_table[i];

		if (k->code == code && k->function == function && (k->modes & mode))
			return k->action;
	}
	return ACT_NONE;
}

const char *
keys_describe(enum action a)
{
	switch (a) {
	case ACT_NONE:		return "";
	case ACT_DOWN:		return "move down a line";
	case ACT_UP:		return "move up a line";
	case ACT_PAGE_DOWN:	return "move down a page";
	case ACT_PAGE_UP:	return "move up a page";
	case ACT_HALF_DOWN:	return "move down half a page";
	case ACT_HALF_UP:	return "move up half a page";
	case ACT_TOP:		return "go to the start";
	case ACT_BOTTOM:	return "go to the end";
	case ACT_NEXT_ARTICLE:	return "show the next article";
	case ACT_PREV_ARTICLE:	return "show the previous article";
	case ACT_FOCUS_NEXT:	return "focus the next pane: sidebar, list, body";
	case ACT_FOCUS_PREV:	return "focus the previous pane";
	case ACT_OPEN:		return "open: the article full screen, a sidebar "
				    "item's articles (tags add up; All clears), a K "
				    "line's match, a passage of P's list";
	case ACT_BACK:		return "leave reading mode (for K's list if it "
				    "opened the article), keywords in context, the "
				    "passages, the table of codes or this help";
	case ACT_QUIT:		return "quit";
	case ACT_REDRAW:	return "redraw the screen";
	case ACT_HELP:		return "show this help";
	case ACT_NEXT_MATCH:	return "go to the next theme match in the article";
	case ACT_PREV_MATCH:	return "go to the previous theme match";
	case ACT_NEXT_HIT_ARTICLE: return "show the next article with a theme match";
	case ACT_PREV_HIT_ARTICLE: return "show the previous article with a theme "
				    "match";
	case ACT_TOGGLE:	return "in the sidebar, turn a theme's highlighting "
				    "off or on";
	case ACT_SEARCH:	return "search for a PCRE2 pattern where you are: the "
				    "titles in the list, the text in the body, this "
				    "help";
	case ACT_SEARCH_NEXT:	return "go to the next search hit";
	case ACT_SEARCH_PREV:	return "go to the previous search hit";
	case ACT_FILTER:	return "list only the articles that match a PCRE2 "
				    "pattern (empty: all)";
	case ACT_KWIC:		return "every match of a theme in its context, "
				    "with the spellings that occur";
	case ACT_TAG:		return "tag the article, or the marked ones; with a "
				    "selection, code its passage (Tab completes)";
	case ACT_UNTAG:		return "remove a tag; with a selection, a code of "
				    "the passages it overlaps (Tab completes)";
	case ACT_MARK:		return "mark or unmark the article";
	case ACT_UNMARK_ALL:	return "clear the marks";
	case ACT_READ:		return "mark the article read or unread";
	case ACT_EXCLUDE:	return "in the sidebar, list only articles without "
				    "the tag";
	case ACT_NOTE:		return "edit the article's note, or the selected "
				    "passage's, in $VISUAL or $EDITOR";
	case ACT_ACCEPT:	return "accept a theme's tag: it becomes the "
				    "person's (Tab completes)";
	case ACT_REJECT:	return "reject a theme's tag: it stays off the "
				    "article (Tab completes)";
	case ACT_LIMIT:		return "limit the list to a query (Up and Down "
				    "walk the history)";
	case ACT_UNLIMIT:	return "clear the query";
	case ACT_SORT:		return "sort by path, title, date, hits or tags";
	case ACT_EXPORT:	return "export the list, or the marked articles, to "
				    "a file (.jsonl .csv .md .txt, or a folder)";
	case ACT_UNDO:		return "undo the last change to tags, notes or read "
				    "flags";
	case ACT_REDO:		return "make again the change U undid last";
	case ACT_MESSAGES:	return "show the last 50 messages, most recent first";
	case ACT_SIDEBAR:	return "hide or show the sidebar";
	case ACT_RELOAD:	return "reload the configuration: its themes and "
				    "views apply at once";
	case ACT_SUGGEST:	return "in K, the spellings the theme misses "
				    "(S again: its matches)";
	case ACT_SUGGEST_ADD:	return "in K's spellings, add the one selected "
				    "to the theme in your own configuration";
	case ACT_SEL_BEGIN:	return "select from the body's first line, a word "
				    "(v again: cancel); t codes the selection, u "
				    "takes a code off, a writes its note";
	case ACT_SEL_WORD:	return "extend the selection by a word";
	case ACT_SEL_LINE:	return "extend the selection to the line's end";
	case ACT_SEL_SENTENCE:	return "extend the selection by a sentence";
	case ACT_SEL_PARAGRAPH:	return "extend the selection by a paragraph";
	case ACT_SEL_TAKE_SENTENCE: return "select the sentence at the body's first "
				    "line (again: the next sentence)";
	case ACT_SEL_MATCH:	return "select the theme match or search hit ] [ n "
				    "or N went to";
	case ACT_SEL_CANCEL:	return "cancel the selection (in reading mode Esc "
				    "does, before it leaves)";
	case ACT_PASSAGES:	return "list the article's passages; on a tag in "
				    "the sidebar, the corpus's passages of that code";
	case ACT_COOC:		return "a table of codes by codes and themes in the "
				    "articles listed; Enter on a cell lists its "
				    "passages";
	case ACT_LEFT:		return "move left a column";
	case ACT_RIGHT:		return "move right a column";
	case ACT_RELOAD_DIFF:	return "show what the last reload gained and lost, "
				    "per theme and article";
	case ACT_FOLD:		return "expand or fold the copies of the article's "
				    "story (near-duplicates, +N copies)";
	case ACT_FOLD_ALL:	return "expand every cluster of copies, or fold "
				    "them all if one is expanded";
	}
	return "";
}

size_t
keys_help(char **lines, size_t max)
{
	static const struct {
		int		 mode;
		const char	*title;
	} sections[] = {
		{ MODE_MAIN, "Article list and panes" },
		{ MODE_READ, "Reading mode" },
		{ MODE_KWIC, "Keywords in context (K)" },
		{ MODE_PASSAGES, "Passages (P)" },
		{ MODE_COOC, "Codes by codes and themes (C)" },
		{ MODE_HELP, "This help" },
	};
	static const char *const	 marks[][2] = {
		{ "!", "the file could not be read (in the list)" },
		{ "*", "marked with m" },
		{ "?", "the limit or view could not decide it: a PCRE2 limit" },
		{ "N", "unread" },
		{ "n", "has a note" },
		{ "T", "coded: a person gave it a tag, or accepted a theme's" },
	};
	char		 names[128];
	size_t		 n = 0, s, i, j, seen;
	enum action	 a;

	for (s = 0; s < sizeof sections / sizeof sections[0] && n < max; s++) {
		if (n > 0 && n < max)
			lines[n++] = xstrdup("");
		if (n < max)
			lines[n++] = xasprintf("%s", sections[s].title);
		for (i = 0; i < sizeof keys_table / sizeof keys_table[0]; i++) {
			a = keys_table[i].action;
			if (!(keys_table[i].modes & sections[s].mode) ||
			    keys_table[i].name == NULL)
				continue;
			/* One line per action, at its first binding in this mode. */
			for (seen = 0, j = 0; j < i; j++)
				if (keys_table[j].action == a &&
				    (keys_table[j].modes & sections[s].mode) &&
				    keys_table[j].name != NULL)
					seen = 1;
			if (seen)
				continue;
			names[0] = '\0';
			for (j = i; j < sizeof keys_table / sizeof keys_table[0]; j++) {
				if (keys_table[j].action != a || keys_table[j].name ==
				    NULL || !(keys_table[j].modes & sections[s].mode))
					continue;
				if (names[0] != '\0')
					strncat(names, " ", sizeof names - strlen(names) - 1);
				strncat(names, keys_table[j].name,
				    sizeof names - strlen(names) - 1);
			}
			keys_help_item(lines, &n, max, names, keys_describe(a));
		}
		/* What the list's left columns say, after its keys. */
		if (sections[s].mode == MODE_MAIN && n + 1 < max) {
			lines[n++] = xstrdup("");
			lines[n++] = xstrdup("Marks in the list");
			for (i = 0; i < sizeof marks / sizeof marks[0] && n < max; i++)
				keys_help_item(lines, &n, max, marks[i][0], marks[i][1]);
		}
	}
	/* The query language of l, from the parser's own table of fields. */
	if (n + 2 < max) {
		lines[n++] = xstrdup("");
		lines[n++] = xstrdup("Queries (l, views, rubric list -q; see rubric(1), "
		    "QUERIES)");
	}
	for (i = 0; query_fields[i].name != NULL; i++)
		keys_help_item(lines, &n, max, query_fields[i].form,
		    query_fields[i].what);
	for (i = 0; query_operators[i].form != NULL; i++)
		keys_help_item(lines, &n, max, query_operators[i].form,
		    query_operators[i].what);
	return n;
}

/* One line of the help: what (keys, a mark, a query term) then its words, wrapped
   at the help's width under the words' column rather than cut. */
static void
keys_help_item(char **lines, size_t *n, size_t max, const char *what,
    const char *words)
{
	char		*line = xasprintf("  %-*s %s", KEYS_HELP_INDENT - 3, what,
			    words);
	const char	*p = line;
	size_t		 len, cut, first = 1;

	while (*n < max) {
		len = strlen(p);
		if (len + (first ? 0 : KEYS_HELP_INDENT) <= KEYS_HELP_WIDTH) {
			lines[(*n)++] = first ? xstrdup(p) : xasprintf("%*s%s",
			    KEYS_HELP_INDENT, "", p);
			break;
		}
		/* At the last space that fits; a word longer than the line is cut. */
		cut = KEYS_HELP_WIDTH - (first ? 0 : KEYS_HELP_INDENT);
		while (cut > 0 && p[cut] != ' ')
			cut--;
		if (cut == 0)
			cut = KEYS_HELP_WIDTH - (first ? 0 : KEYS_HELP_INDENT);
		lines[(*n)++] = first ? xasprintf("%.*s", (int)cut, p) :
		    xasprintf("%*s%.*s", KEYS_HELP_INDENT, "", (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
		first = 0;
	}
	free(line);
}
