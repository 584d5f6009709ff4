/* Near-duplicates on the screen: the clusters made in a thread once the scan has
   finished and swapped into the list (which folds them, listing.h) and the sidebar;
   z and Z to expand and fold; the questions that offer to mark a story's copies read
   and to tag a folded cluster's copies, answered with y. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dups.h"
#include "tui.h"
#include "xmalloc.h"

static void	*ui_dups_thread(void *);
static void	 ui_dups_swap(struct tui *);
static void	 ui_dups_read_copies(struct tui *, size_t);

/* What the thread reads: the corpus and the scan, which the screen leaves alone
   while it runs (ui_dups_busy()), and the threshold. */
struct ui_dups_job {
	struct tui	*t;
	const struct corpus *corpus;
	const struct scan *scan;
	double		 threshold;
};

static void *
ui_dups_thread(void *arg)
{
	struct ui_dups_job	*j = arg;

	j->t->dups_new = dups_build(j->corpus, j->scan, j->threshold);
	atomic_store(&j->t->dups_ready, 1);
	free(j);
	return NULL;
}

int
ui_dups_busy(const struct tui *t)
{
	return t->dups_running;
}

void
ui_dups_poll(struct tui *t)
{
	struct ui_dups_job	*j;

	if (t->dups_running) {
		if (atomic_load(&t->dups_ready)) {
			pthread_join(t->dups_thread, NULL);
			t->dups_running = 0;
			ui_dups_swap(t);
		}
		return;
	}
	if (!scan_finished(t->cat->scan) || (t->dups_scan == t->cat->scan &&
	    t->dups_made == t->dups_want))
		return;
	j = xcalloc(1, sizeof *j);
	j->t = t;
	j->corpus = &t->cat->corpus;
	j->scan = t->cat->scan;
	j->threshold = t->cat->config.duplicate_threshold;
	atomic_store(&t->dups_ready, 0);
	t->dups_new = NULL;
	t->dups_scan = t->cat->scan;
	t->dups_made = t->dups_want;
	if (pthread_create(&t->dups_thread, NULL, ui_dups_thread, j) != 0) {
		/* No thread: made here, once, rather than never. */
		free(j);
		t->dups_new = dups_build(&t->cat->corpus, t->cat->scan,
		    t->cat->config.duplicate_threshold);
		ui_dups_swap(t);
		return;
	}
	t->dups_running = 1;
}

void
ui_dups_wait(struct tui *t)
{
	if (!t->dups_running)
		return;
	pthread_join(t->dups_thread, NULL);
	t->dups_running = 0;
	dups_free(t->dups_new);
	t->dups_new = NULL;
	/* Made again once the scan has finished. */
	t->dups_scan = NULL;
}

/* The new clusters in at the list, the sidebar and the catalog (where the exports
   and queries find them); the old ones freed once nothing points at them. */
static void
ui_dups_swap(struct tui *t)
{
	struct dups	*old = t->cat->dups;
	size_t		 at, i;
	int		 moved, refilter = 0;

	t->cat->dups = t->dups_new;
	t->dups_new = NULL;
	listing_set_dups(&t->list, t->cat->dups);
	dups_free(old);
	moved = sidebar_dups(&t->sidebar, &t->list, &at);
	if (moved != 0) {
		if (t->side_sel >= at + (moved < 0))
			t->side_sel += (size_t)moved;
		/* The item listed went: the whole corpus then. */
		if (t->side_active == at && moved < 0) {
			t->side_active = 1;
			refilter = 1;
		} else if (t->side_active >= at + (moved < 0))
			t->side_active += (size_t)moved;
	}
	/* What asks about copies is decided again. */
	if (t->side_active < t->sidebar.n &&
	    t->sidebar.v[t->side_active].kind == SIDE_DUPS)
		refilter = 1;
	if (t->list.query != NULL && (query_needs(t->list.query) & QUERY_NEEDS_DUPS))
		refilter = 1;
	if (t->side_active < t->sidebar.n && t->sidebar.v[t->side_active].query !=
	    NULL && (query_needs(t->sidebar.v[t->side_active].query) &
	    QUERY_NEEDS_DUPS))
		refilter = 1;
	for (i = 0; i < t->sidebar.tags; i++)
		if (t->sidebar.v[i].kind == SIDE_VIEW && t->sidebar.v[i].query != NULL &&
		    (query_needs(t->sidebar.v[i].query) & QUERY_NEEDS_DUPS)) {
			ui_sidebar_tags(t);
			break;
		}
	if (refilter)
		ui_sidebar_refilter(t);
	t->dirty |= DIRTY_LIST | DIRTY_SIDEBAR | DIRTY_STATUS | DIRTY_BODY;
}

void
ui_dups_key(struct tui *t, enum action a)
{
	size_t	 i, n;

	if (t->list.dups == NULL) {
		tui_message(t, 0, scan_finished(t->cat->scan) ? "no near-duplicates "
		    "known yet" : "near-duplicates come once every article is "
		    "counted");
		return;
	}
	if (!t->list.group) {
		tui_message(t, 0, "copies are not grouped (group_duplicates = no)");
		return;
	}
	if (a == ACT_FOLD_ALL) {
		tui_message(t, 0, "%s every cluster of copies",
		    listing_toggle_all(&t->list) ? "expanded" : "folded");
		t->dirty |= DIRTY_LIST | DIRTY_BODY | DIRTY_STATUS | DIRTY_SIDEBAR;
		return;
	}
	i = listing_selected(&t->list);
	if (i == (size_t)-1 || dups_cluster(t->list.dups, i) == DUPS_NONE) {
		tui_message(t, 0, "no copies of this article");
		return;
	}
	/* Its copies may all be limited out of the list. */
	if ((n = listing_copies(&t->list, i)) == 0) {
		tui_message(t, 0, "no copies of this article in the list");
		return;
	}
	listing_toggle_fold(&t->list);
	t->dirty |= DIRTY_LIST | DIRTY_BODY | DIRTY_STATUS | DIRTY_SIDEBAR;
}

void
ui_dups_ask(struct tui *t, int what, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t->ask_text, sizeof t->ask_text, fmt, ap);
	va_end(ap);
	t->ask = what;
	t->dirty |= DIRTY_STATUS;
}

void
ui_dups_read(struct tui *t, size_t i)
{
	const struct dups	*d = t->cat->dups;
	const struct sidecar_entry *e;
	const uint32_t		*m;
	size_t			 j, nm, unread = 0;
	uint32_t		 k;

	if (d == NULL || dups_narticles(d) != t->cat->corpus.n ||
	    (k = dups_cluster(d, i)) == DUPS_NONE)
		return;
	m = dups_members(d, k, &nm);
	for (j = 0; j < nm; j++)
		if (m[j] != i && catalog_rel(t->cat, m[j]) != NULL &&
		    ((e = tui_entry(t, m[j])) == NULL || !e->read))
			unread++;
	if (unread == 0)
		return;
	t->ask_article = i;
	ui_dups_ask(t, UI_ASK_READ, "%zu cop%s of this story unread: mark %s read? "
	    "(y/n)", unread, unread == 1 ? "y" : "ies", unread == 1 ? "it" : "them");
}

/* y to "mark them read?": one change, which U undoes whole. */
static void
ui_dups_read_copies(struct tui *t, size_t i)
{
	const struct dups	*d = t->cat->dups;
	const struct sidecar_entry *e;
	struct sidecar_ops	 ops;
	const uint32_t		*m;
	size_t			 j, nm, n = 0;
	uint32_t		 k;

	if (d == NULL || dups_narticles(d) != t->cat->corpus.n ||
	    (k = dups_cluster(d, i)) == DUPS_NONE)
		return;
	memset(&ops, 0, sizeof ops);
	m = dups_members(d, k, &nm);
	for (j = 0; j < nm; j++)
		if (m[j] != i && catalog_rel(t->cat, m[j]) != NULL &&
		    ((e = tui_entry(t, m[j])) == NULL || !e->read)) {
			sidecar_ops_add(&ops, SIDECAR_OP_READ, catalog_rel(t->cat, m[j]),
			    NULL, 1);
			n++;
		}
	tui_commit(t, &ops);
	if (t->message[0] == '\0')
		tui_message(t, 0, "%zu cop%s marked read (U undoes)", n,
		    n == 1 ? "y" : "ies");
}

int
ui_dups_answer(struct tui *t, int r, wint_t wc)
{
	int	 what = t->ask, yes, used;

	yes = r != KEY_CODE_YES && (wc == 'y' || wc == 'Y');
	used = yes || (r != KEY_CODE_YES && (wc == 'n' || wc == 'N' || wc == 27));
	t->ask = 0;
	t->dirty |= DIRTY_STATUS;
	switch (what) {
	case UI_ASK_READ:
		if (yes)
			ui_dups_read_copies(t, t->ask_article);
		break;
	case UI_ASK_TAG:
		/* The tag goes on the row's article either way. */
		t->tag_copies = yes ? 1 : -1;
		ui_list_tag(t, t->ask_tag, PROMPT_TAG);
		t->tag_copies = 0;
		break;
	}
	return used;
}
