/* Which tags an article carries. A person's decision, recorded in the sidecar, stands
   over a theme's; a theme's tag is live from the counts until someone decides. */
#include <string.h>

#include "tags.h"

int
tags_auto(const struct theme *t, uint32_t hits, const struct sidecar_entry *e)
{
	size_t	 k;

	if (t->autotag <= 0 || hits < (uint32_t)t->autotag)
		return 0;
	/* A person's decision, either way, stands over the theme's. */
	for (k = 0; e != NULL && k < e->ntags; k++)
		if (strcmp(e->tags[k].name, t->name) == 0)
			return 0;
	return 1;
}

int
tags_auto_theme(const struct config *cfg, const scan_count *counts,
    const struct sidecar_entry *e, size_t th)
{
	return counts != NULL && tags_auto(&cfg->themes[th], counts[th], e);
}

int
tags_has(const struct config *cfg, const struct sidecar_entry *e,
    const scan_count *counts, const char *name, int origin)
{
	size_t	 k;

	for (k = 0; e != NULL && k < e->ntags; k++)
		if (strcmp(e->tags[k].name, name) == 0)
			return e->tags[k].origin != SIDECAR_REJECTED &&
			    (origin == -1 || (int)e->tags[k].origin == origin);
	if (origin == SIDECAR_PERSON || counts == NULL)
		return 0;
	for (k = 0; k < cfg->nthemes; k++)
		if (strcmp(cfg->themes[k].name, name) == 0)
			return tags_auto(&cfg->themes[k], counts[k], e);
	return 0;
}

int
tags_code_of(const struct sidecar_passage *p, const char *name)
{
	size_t	 k;

	for (k = 0; k < p->ntags; k++)
		if (strcmp(p->tags[k].name, name) == 0)
			return p->tags[k].origin != SIDECAR_REJECTED;
	return 0;
}

int
tags_code(const struct sidecar_entry *e, const char *name)
{
	size_t	 i;

	for (i = 0; e != NULL && i < e->npassages; i++)
		if (tags_code_of(&e->passages[i], name))
			return 1;
	return 0;
}
