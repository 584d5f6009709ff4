/* The sidebar's model: its items (all articles, the unreadable ones, saved views,
   themes, folders, the tags section) and their counts, decided from a listing's corpus,
   configuration, scan and sidecar entries, so that unit tests reach it without a
   terminal. Which item is selected, shown or applied is the screen's (ui_sidebar.c). */
#ifndef RUBRIC_SIDEBAR_H
#define RUBRIC_SIDEBAR_H

#include <stddef.h>

#include "listing.h"

struct sidebar {
	struct side_item	*v;		/* owned */
	size_t			 n;
	size_t			 tags;		/* where the tags section starts: it is
						   made again when tags change, the
						   rest never */
	size_t			*theme_articles; /* per theme: articles with a hit, so
						   far; owned */
	size_t			 scan_seen;	/* the scan's progress when the counts
						   were last summed */
};

/* What sidebar_counts() made new. */
#define SIDEBAR_COUNTED	0x1	/* themes' and views' counts */
#define SIDEBAR_RETAGGED 0x2	/* the tags section: automatic tags came */

/* Makes every item of the sidebar for what l lists (l outlives sb); free it with
   sidebar_free(). */
void	sidebar_build(struct sidebar *sb, const struct listing *l);
void	sidebar_free(struct sidebar *);
/* Makes the tags section again from the sidecar's entries and the scan's automatic
   tags, and counts again the views that ask about tags. */
void	sidebar_tags(struct sidebar *, const struct listing *);
/* Sums the scan's counts per theme, once the scan has made progress since the last
   call. Returns what changed (SIDEBAR_*), 0 if nothing. */
int	sidebar_counts(struct sidebar *, const struct listing *);
/* Puts the near-duplicates' item (SIDE_DUPS, counting l's clusters) in the Corpus
   section, after All and Unreadable, while l->dups has a cluster, and takes it
   out when it has none. Returns 1 if it was put in at *at, -1 if taken out from
   *at (items from there on moved by one), 0 if only its count changed. */
int	sidebar_dups(struct sidebar *, const struct listing *l, size_t *at);
/* The tag item named name, or sb->n if there is none. */
size_t	sidebar_find_tag(const struct sidebar *, const char *name);
/* Whether the articles item s lets through change as the scan counts (a theme, or a
   view whose query asks about themes). */
int	sidebar_item_counts(const struct side_item *s);

#endif
