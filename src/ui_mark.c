/* Marks (m, M) and read flags (r, and an article opened): the few lines that change
   them, apart from the key handling, so that a listing model in the core can take
   them over behind the same calls. */
#include <stdlib.h>
#include <string.h>

#include "tui.h"

void
ui_mark_toggle(struct tui *t)
{
	size_t	 i;

	if (tui_selected(t) == NULL)
		return;
	i = t->visible[t->sel];
	t->marked[i] = !t->marked[i];
	t->nmarked += t->marked[i] ? 1 : (size_t)-1;
	tui_message(t, 0, "%zu marked", t->nmarked);
	/* As in mutt: the mark moves the selection on. */
	ui_list_key(t, ACT_DOWN);
	t->dirty |= DIRTY_LIST;
}

void
ui_mark_clear(struct tui *t)
{
	memset(t->marked, 0, t->corpus->n);
	t->nmarked = 0;
	t->dirty |= DIRTY_LIST;
}

void
ui_mark_read(struct tui *t)
{
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	size_t			*idx, k, n;
	int			 read;

	if ((n = tui_targets(t, &idx)) == 0) {
		free(idx);
		return;
	}
	/* The first target decides: all become what it is not. */
	e = tui_entry(t, idx[0]);
	read = !(e != NULL && e->read);
	memset(&ops, 0, sizeof ops);
	for (k = 0; k < n; k++)
		if (t->rel[idx[k]] != NULL)
			sidecar_ops_add(&ops, SIDECAR_OP_READ, t->rel[idx[k]], NULL,
			    read);
	free(idx);
	tui_commit(t, &ops);
	tui_message(t, 0, "%zu marked %s", n, read ? "read" : "unread");
}

void
ui_mark_opened(struct tui *t)
{
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	size_t			 i = t->visible[t->sel];

	if (t->rel[i] == NULL || ((e = tui_entry(t, i)) != NULL && e->read))
		return;
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_READ, t->rel[i], NULL, 1);
	tui_commit(t, &ops);
}
