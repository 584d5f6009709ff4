/* U and ^R on the screen. The history and the rule for keys changed meanwhile are
   undo.c's; here is only which history a change goes to and what the status line
   says. An undo is a change like any other: it goes through tui_commit() and is saved. */
#include <stdio.h>
#include <string.h>

#include "tui.h"

void
ui_undo_record(struct tui *t, const struct sidecar_ops *ops)
{
	if (t->undo_into != NULL) {
		undo_record(t->undo_into, &t->cat->side, ops, t->undo_what);
		return;
	}
	/* A new change: what was undone before it can no longer be made again. */
	undo_follow(&t->redo, ops);
	if (undo_record(&t->undo, &t->cat->side, ops, NULL))
		undo_clear(&t->redo);
}

/* The undo goes to the redo history and the redo back to the undo one, each under the
   words of the change it takes back, so that U and ^R say the same change. */
void
ui_undo_key(struct tui *t, enum action a)
{
	struct sidecar_ops	 ops;
	struct undo_result	 r;
	struct undo		*from = a == ACT_UNDO ? &t->undo : &t->redo;
	const char		*done = a == ACT_UNDO ? "undone" : "redone";
	char			 saved[sizeof t->message], said[sizeof t->message];
	int			 failed;

	memset(&ops, 0, sizeof ops);
	if (undo_take(from, &t->cat->side, &ops, &r) == -1) {
		tui_message(t, 0, "nothing to %s", a == ACT_UNDO ? "undo" : "redo");
		return;
	}
	t->message[0] = '\0';
	t->message_error = 0;
	if (ops.n > 0) {
		t->undo_into = a == ACT_UNDO ? &t->redo : &t->undo;
		t->undo_what = r.what;
		tui_commit(t, &ops);
		t->undo_into = NULL;
		t->undo_what = NULL;
	} else
		sidecar_ops_free(&ops);
	/* tui_commit() says only what went wrong: a save that failed or a sidecar
	   that does not parse. That stays said, after what was done. */
	failed = t->message_error && t->message[0] != '\0';
	snprintf(saved, sizeof saved, "%s", failed ? t->message : "");
	if (r.keys == 0 && r.skipped == 1)
		snprintf(said, sizeof said, "not %s: %s: changed since",
		    done, r.first_skipped);
	else if (r.keys == 0 && r.skipped > 1)
		snprintf(said, sizeof said, "not %s: %s: %zu values changed since",
		    done, r.what, r.skipped);
	else if (r.skipped == 1)
		snprintf(said, sizeof said, "%s: %s, but not %s: changed since", done,
		    r.what, r.first_skipped);
	else if (r.skipped > 1)
		snprintf(said, sizeof said, "%s: %s, but not %zu values changed since "
		    "(%s, ...)", done, r.what, r.skipped, r.first_skipped);
	else if (r.keys == 0)
		snprintf(said, sizeof said, "%s: %s (it had changed nothing)", done,
		    r.what);
	else
		snprintf(said, sizeof said, "%s: %s", done, r.what);
	tui_message(t, failed || r.skipped > 0, "%s%s%s", said, failed ? "; " : "",
	    saved);
	undo_result_free(&r);
}
