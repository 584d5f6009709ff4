/* What each action of keys.c's table does on the screen: a table of handlers, each with
   the modes it applies in, beside the table of keys. An action no handler takes here
   goes to the pane that has the focus (moving through a list, the body, the help). */
#include "tui.h"

struct ui_action {
	enum action	 action;
	int		 modes;		/* MODE_ values this handler is for */
	void		(*fn)(struct tui *, enum action);
};

static void	ui_action_quit(struct tui *, enum action);
static void	ui_action_note(struct tui *, enum action);
static void	ui_action_prompt(struct tui *, enum action);
static void	ui_action_redraw(struct tui *, enum action);
static void	ui_action_help(struct tui *, enum action);
static void	ui_action_back(struct tui *, enum action);
static void	ui_action_kwic(struct tui *, enum action);
static void	ui_action_mark(struct tui *, enum action);
static void	ui_action_open(struct tui *, enum action);
static void	ui_action_focus(struct tui *, enum action);
static void	ui_action_article(struct tui *, enum action);
static void	ui_action_hit(struct tui *, enum action);
static void	ui_action_match(struct tui *, enum action);
static void	ui_action_unlimit(struct tui *, enum action);
static void	ui_action_sort(struct tui *, enum action);
static void	ui_action_search(struct tui *, enum action);
static void	ui_action_pane(struct tui *, enum action);
static void	ui_action_messages(struct tui *, enum action);
static void	ui_action_reload(struct tui *, enum action);

#define ANY	(MODE_MAIN | MODE_READ | MODE_HELP | MODE_KWIC | MODE_PASSAGES | \
		    MODE_COOC)
#define VIEWS	(MODE_MAIN | MODE_READ)

static const struct ui_action ui_actions[] = {
	{ ACT_QUIT,		ANY,		ui_action_quit },
	{ ACT_NOTE,		ANY,		ui_action_note },
	{ ACT_UNDO,		ANY,		ui_undo_key },
	{ ACT_REDO,		ANY,		ui_undo_key },
	{ ACT_SUGGEST,		MODE_KWIC,	ui_kwic_key },
	{ ACT_SUGGEST_ADD,	MODE_KWIC,	ui_kwic_key },
	{ ACT_ACCEPT,		ANY,		ui_action_prompt },
	{ ACT_REJECT,		ANY,		ui_action_prompt },
	{ ACT_TAG,		ANY,		ui_action_prompt },
	{ ACT_UNTAG,		ANY,		ui_action_prompt },
	{ ACT_SEARCH,		ANY,		ui_action_prompt },
	{ ACT_FILTER,		ANY,		ui_action_prompt },
	{ ACT_LIMIT,		ANY,		ui_action_prompt },
	{ ACT_EXPORT,		ANY,		ui_action_prompt },
	{ ACT_REDRAW,		ANY,		ui_action_redraw },
	{ ACT_HELP,		ANY,		ui_action_help },
	{ ACT_BACK,		ANY,		ui_action_back },
	{ ACT_KWIC,		ANY,		ui_action_kwic },
	{ ACT_MARK,		ANY,		ui_action_mark },
	{ ACT_UNMARK_ALL,	ANY,		ui_action_mark },
	{ ACT_READ,		ANY,		ui_action_mark },
	{ ACT_OPEN,		MODE_KWIC,	ui_kwic_key },
	{ ACT_OPEN,		MODE_PASSAGES,	ui_passage_key },
	{ ACT_OPEN,		MODE_COOC,	ui_cooc_key },
	{ ACT_OPEN,		ANY & ~(MODE_KWIC | MODE_PASSAGES | MODE_COOC),
	    ui_action_open },
	{ ACT_SEL_BEGIN,	VIEWS,		ui_passage_key },
	{ ACT_SEL_WORD,		VIEWS,		ui_passage_key },
	{ ACT_SEL_LINE,		VIEWS,		ui_passage_key },
	{ ACT_SEL_SENTENCE,	VIEWS,		ui_passage_key },
	{ ACT_SEL_PARAGRAPH,	VIEWS,		ui_passage_key },
	{ ACT_SEL_TAKE_SENTENCE, VIEWS,		ui_passage_key },
	{ ACT_SEL_MATCH,	VIEWS,		ui_passage_key },
	{ ACT_SEL_CANCEL,	VIEWS,		ui_passage_key },
	{ ACT_PASSAGES,		VIEWS,		ui_passage_key },
	{ ACT_COOC,		VIEWS,		ui_cooc_key },
	{ ACT_FOCUS_NEXT,	ANY,		ui_action_focus },
	{ ACT_FOCUS_PREV,	ANY,		ui_action_focus },
	{ ACT_NEXT_ARTICLE,	ANY,		ui_action_article },
	{ ACT_PREV_ARTICLE,	ANY,		ui_action_article },
	{ ACT_NEXT_HIT_ARTICLE,	ANY,		ui_action_hit },
	{ ACT_PREV_HIT_ARTICLE,	ANY,		ui_action_hit },
	{ ACT_NEXT_MATCH,	ANY,		ui_action_match },
	{ ACT_PREV_MATCH,	ANY,		ui_action_match },
	{ ACT_UNLIMIT,		ANY,		ui_action_unlimit },
	{ ACT_SORT,		ANY,		ui_action_sort },
	{ ACT_SEARCH_NEXT,	ANY,		ui_action_search },
	{ ACT_SEARCH_PREV,	ANY,		ui_action_search },
	{ ACT_MESSAGES,		ANY,		ui_action_messages },
	{ ACT_SIDEBAR,		MODE_MAIN,	ui_list_sidebar },
	{ ACT_FOLD,		MODE_MAIN,	ui_dups_key },
	{ ACT_FOLD_ALL,		MODE_MAIN,	ui_dups_key },
	{ ACT_RELOAD,		ANY,		ui_action_reload },
	{ ACT_RELOAD_DIFF,	ANY,		ui_action_reload },
};

void
ui_action_run(struct tui *t, enum action a)
{
	size_t	 i;

	if (a == ACT_NONE)
		return;
	for (i = 0; i < sizeof ui_actions / sizeof ui_actions[0]; i++)
		if (ui_actions[i].action == a && (ui_actions[i].modes & t->mode)) {
			ui_actions[i].fn(t, a);
			return;
		}
	ui_action_pane(t, a);
}

static void
ui_action_quit(struct tui *t, enum action a)
{
	(void)a;
	tui_quit(t);
}

static void
ui_action_note(struct tui *t, enum action a)
{
	(void)a;
	/* With a selection, the note is its passage's. */
	if (t->sel.on && (t->mode & VIEWS))
		ui_passage_note(t);
	else
		ui_body_note(t);
}

/* The actions that ask for a word on the status line; those about an article need
   one selected. */
static void
ui_action_prompt(struct tui *t, enum action a)
{
	static const struct {
		enum action	 action;
		int		 prompt;
		int		 article;
	} prompts[] = {
		{ ACT_ACCEPT,	PROMPT_ACCEPT,	1 },
		{ ACT_REJECT,	PROMPT_REJECT,	1 },
		{ ACT_TAG,	PROMPT_TAG,	1 },
		{ ACT_UNTAG,	PROMPT_UNTAG,	1 },
		{ ACT_SEARCH,	PROMPT_SEARCH,	0 },
		{ ACT_FILTER,	PROMPT_FILTER,	0 },
		{ ACT_LIMIT,	PROMPT_LIMIT,	0 },
		{ ACT_EXPORT,	PROMPT_EXPORT,	0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof prompts / sizeof prompts[0]; i++) {
		if (prompts[i].action != a)
			continue;
		/* / searches where the user is: titles, help, text. */
		if (a == ACT_SEARCH)
			ui_prompt_open(t, ui_search_prompt(t));
		else if (t->sel.on && (t->mode & VIEWS) && a == ACT_TAG)
			ui_prompt_open(t, PROMPT_CODE);
		else if (t->sel.on && (t->mode & VIEWS) && a == ACT_UNTAG)
			ui_prompt_open(t, PROMPT_UNCODE);
		else if (!prompts[i].article || tui_selected(t) != NULL)
			ui_prompt_open(t, prompts[i].prompt);
		return;
	}
}

static void
ui_action_redraw(struct tui *t, enum action a)
{
	(void)a;
	clearok(curscr, TRUE);
	t->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

static void
ui_action_help(struct tui *t, enum action a)
{
	(void)a;
	ui_status_history_close(t);
	ui_help_enter(t, 0);
}

static void
ui_action_back(struct tui *t, enum action a)
{
	(void)a;
	/* Esc or q with a selection: the selection goes first. */
	if (t->sel.on && t->mode == MODE_READ) {
		ui_passage_key(t, ACT_SEL_CANCEL);
		return;
	}
	ui_status_history_close(t);
	if (t->mode == MODE_READ && t->plist_back) {
		t->mode = MODE_PASSAGES;	/* at the passage Enter opened */
		t->plist_back = 0;
	} else if (t->mode == MODE_PASSAGES)
		t->mode = t->plist_prev_mode;
	else if (t->mode == MODE_COOC)
		t->mode = t->cooc_prev_mode;
	else if (t->mode == MODE_READ && t->kwic_back)
		t->mode = MODE_KWIC;	/* at the line Enter opened, as it was */
	else if (t->mode == MODE_KWIC) {
		t->mode = t->kwic_prev_mode;
		t->kwic_back = 0;
	} else
		t->mode = t->mode == MODE_HELP ? t->prev_mode : MODE_MAIN;
	t->dirty |= DIRTY_LAYOUT;
}

static void
ui_action_kwic(struct tui *t, enum action a)
{
	(void)a;
	t->plist_back = 0;
	ui_kwic_open(t);
}

static void
ui_action_mark(struct tui *t, enum action a)
{
	if (a == ACT_MARK)
		ui_mark_toggle(t);
	else if (a == ACT_UNMARK_ALL)
		ui_mark_clear(t);
	else
		ui_mark_read(t);
}

/* Enter: a sidebar item's articles, or the selected article full screen, read. */
static void
ui_action_open(struct tui *t, enum action a)
{
	(void)a;
	if (t->focus == PANE_SIDEBAR) {
		ui_sidebar_apply(t);
		return;
	}
	if (tui_selected(t) == NULL)
		return;
	t->mode = MODE_READ;
	t->dirty |= DIRTY_LAYOUT;
	ui_mark_opened(t);
}

static void
ui_action_focus(struct tui *t, enum action a)
{
	do {
		t->focus = (enum pane)((t->focus + (a == ACT_FOCUS_NEXT ? 1 :
		    PANE_COUNT - 1)) % PANE_COUNT);
	} while (t->focus == PANE_SIDEBAR && !t->has_sidebar);
	t->dirty |= DIRTY_SIDEBAR | DIRTY_LIST | DIRTY_BODY;
}

/* ^N and ^P: the next article, read if it is shown full screen. */
static void
ui_action_article(struct tui *t, enum action a)
{
	ui_list_key(t, a == ACT_NEXT_ARTICLE ? ACT_DOWN : ACT_UP);
	if (t->mode == MODE_READ && tui_selected(t) != NULL)
		ui_mark_opened(t);
}

static void
ui_action_hit(struct tui *t, enum action a)
{
	ui_list_hit(t, a == ACT_NEXT_HIT_ARTICLE);
}

static void
ui_action_match(struct tui *t, enum action a)
{
	ui_body_match(t, a == ACT_NEXT_MATCH);
}

static void
ui_action_unlimit(struct tui *t, enum action a)
{
	(void)a;
	ui_list_limit(t, "", NULL);
}

static void
ui_action_sort(struct tui *t, enum action a)
{
	(void)a;
	t->list.sort = (t->list.sort + 1) % SORT_COUNT;
	ui_list_sort(t);
	tui_message(t, 0, "sorted by %s", listing_sort_name(t->list.sort));
}

static void
ui_action_search(struct tui *t, enum action a)
{
	ui_search_next(t, a == ACT_SEARCH_NEXT);
}

static void
ui_action_messages(struct tui *t, enum action a)
{
	(void)a;
	ui_status_history(t);
}

static void
ui_action_reload(struct tui *t, enum action a)
{
	if (a == ACT_RELOAD)
		ui_reload(t);
	else
		ui_reload_show(t);
}

/* Every other action belongs to what has the focus. */
static void
ui_action_pane(struct tui *t, enum action a)
{
	if (t->mode == MODE_HELP)
		ui_help_key(t, a);
	else if (t->mode == MODE_KWIC)
		ui_kwic_key(t, a);
	else if (t->mode == MODE_PASSAGES)
		ui_passage_key(t, a);
	else if (t->mode == MODE_COOC)
		ui_cooc_key(t, a);
	else if (t->mode == MODE_READ || t->focus == PANE_BODY)
		ui_body_key(t, a);
	else if (t->focus == PANE_LIST)
		ui_list_key(t, a);
	else
		ui_sidebar_key(t, a);
}
