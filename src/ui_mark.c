/* Marks (m, M) and read flags (r, and an article opened): the few lines that change
   them, apart from the key handling; the marks themselves are the listing's
   (listing.h). */
#include <stdlib.h>
#include <string.h>

#include "tui.h"

void
ui_mark_toggle(struct tui *t)
{
	if (tui_selected(t) == NULL)
		return;
	listing_mark(&t->list, listing_selected(&t->list));
	tui_message(t, 0, "%zu marked", t->list.nmarked);
	/* As in mutt: the mark moves the selection on. */
	ui_list_key(t, ACT_DOWN);
	t->dirty |= DIRTY_LIST;
}

void
ui_mark_clear(struct tui *t)
{
	listing_unmark_all(&t->list);
	t->dirty |= DIRTY_LIST;
}

void
ui_mark_read(struct tui *t)
{
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	size_t			*idx, k, n;
	int			 read;

	if ((n = listing_targets(&t->list, &idx)) == 0) {
		free(idx);
		return;
	}
	/* The first target decides: all become what it is not. */
	e = tui_entry(t, idx[0]);
	read = !(e != NULL && e->read);
	memset(&ops, 0, sizeof ops);
	for (k = 0; k < n; k++)
		if (catalog_rel(t->cat, idx[k]) != NULL)
			sidecar_ops_add(&ops, SIDECAR_OP_READ,
			    catalog_rel(t->cat, idx[k]), NULL, read);
	free(idx);
	tui_commit(t, &ops);
	tui_message(t, 0, "%zu marked %s", n, read ? "read" : "unread");
}

void
ui_mark_opened(struct tui *t)
{
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	size_t			 i = listing_selected(&t->list);

	if (catalog_rel(t->cat, i) == NULL ||
	    ((e = tui_entry(t, i)) != NULL && e->read))
		return;
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_READ, catalog_rel(t->cat, i), NULL, 1);
	tui_commit(t, &ops);
	/* Read once, a story is read: its copies are offered, not marked
	   silently. */
	ui_dups_read(t, i);
}
