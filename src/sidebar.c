/* The sidebar's items and their counts, from what a listing lists: the folders from the
   sorted article names, the themes' counts from the scan, the tags section from the
   sidecar's entries and the automatic tags, the views' counts from their queries. The
   screen draws them and keeps the cursor (ui_sidebar.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "sidebar.h"
#include "tags.h"
#include "xmalloc.h"

static void	sidebar_add(struct sidebar *, enum side_kind, const char *, const char *,
		    int, size_t);
static void	sidebar_view_count(const struct listing *, struct side_item *);
static void	sidebar_item_free(struct side_item *);
static void	sidebar_views(struct sidebar *, const struct listing *);
static size_t	sidebar_common(const struct corpus *);
static void	sidebar_folders(struct sidebar *, const struct corpus *);

static void
sidebar_add(struct sidebar *sb, enum side_kind kind, const char *label,
    const char *prefix, int depth, size_t count)
{
	struct side_item	*s;

	sb->v = xreallocarray(sb->v, sb->n + 1, sizeof *sb->v);
	s = &sb->v[sb->n++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->label = xstrdup(label);
	s->prefix = prefix != NULL ? xstrdup(prefix) : NULL;
	s->depth = depth;
	s->count = count;
}

static void
sidebar_item_free(struct side_item *s)
{
	free(s->label);
	free(s->prefix);
	query_free(s->query);
	free(s->error);
}

/* How many articles a view's query lets into the list now: those it matches and
   those it could not decide, as listing_refilter() shows them. (One that reads
   the text is counted only when chosen: counting it would read the whole corpus.) */
static void
sidebar_view_count(const struct listing *l, struct side_item *s)
{
	size_t	 i;

	s->count = 0;
	for (i = 0; i < l->corpus->n; i++)
		s->count += listing_match(l, s->query, i) != QUERY_NO;
}

int
sidebar_item_counts(const struct side_item *s)
{
	return s->kind == SIDE_THEME || (s->kind == SIDE_VIEW && s->query != NULL &&
	    (query_needs(s->query) & QUERY_NEEDS_COUNTS));
}

size_t
sidebar_find_tag(const struct sidebar *sb, const char *name)
{
	size_t	 i;

	for (i = sb->tags; i < sb->n && (sb->v[i].kind != SIDE_TAG ||
	    strcmp(sb->v[i].label, name) != 0); i++)
		;
	return i;
}

void
sidebar_tags(struct sidebar *sb, const struct listing *l)
{
	const struct config	*cfg = l->config;
	struct sidecar_entry	*e;
	size_t			 i, j, k, p, first, *themek;

	/* Views that ask about tags count again; those that read text wait. */
	for (i = 0; i < sb->tags; i++)
		if (sb->v[i].kind == SIDE_VIEW && sb->v[i].query != NULL &&
		    !(query_needs(sb->v[i].query) & QUERY_NEEDS_BODY))
			sidebar_view_count(l, &sb->v[i]);
	for (i = sb->tags; i < sb->n; i++)
		sidebar_item_free(&sb->v[i]);
	sb->n = sb->tags;
	first = sb->n;
	/* Each theme's item, once it has one: a million articles with a dozen
	   themes are not a dozen million searches by name. */
	themek = xreallocarray(NULL, cfg->nthemes + 1, sizeof *themek);
	for (j = 0; j < cfg->nthemes; j++)
		themek[j] = SIZE_MAX;
	for (i = 0; i < l->corpus->n; i++) {
		const scan_count	*counts = scan_counts(l->scan, i);

		e = l->entry(l->arg, i);
		/* Not counted yet and no entry (as every article is at a start
		   whose counts come in behind it): no tag at all. */
		for (j = 0; j < (e != NULL ? e->ntags : 0) +
		    (counts != NULL ? cfg->nthemes : 0); j++) {
			const char	*name;

			/* The person's tags, then the themes' automatic ones. */
			if (e != NULL && j < e->ntags) {
				if (e->tags[j].origin == SIDECAR_REJECTED)
					continue;
				name = e->tags[j].name;
			} else {
				size_t	 th = j - (e != NULL ? e->ntags : 0);

				if (!tags_auto_theme(cfg, counts, e, th))
					continue;
				if (themek[th] != SIZE_MAX) {
					sb->v[themek[th]].count++;
					continue;
				}
				name = cfg->themes[th].name;
			}
			for (k = first; k < sb->n &&
			    strcmp(sb->v[k].label, name) != 0; k++)
				;
			if (k == sb->n) {
				if (sb->n == first) {
					sidebar_add(sb, SIDE_HEADING, "Tags", NULL, 0, 0);
					first++;
				}
				sidebar_add(sb, SIDE_TAG, name, NULL, 0, 0);
				k = sb->n - 1;
			}
			if (j >= (e != NULL ? e->ntags : 0))
				themek[j - (e != NULL ? e->ntags : 0)] = k;
			sb->v[k].count++;
		}
		/* A passage's codes are tags too: counted apart, beside the
		   articles ("siege 3+5"), an article that has only passages of a
		   code making the tag's item with no article. */
		for (j = 0; e != NULL && j < e->npassages; j++)
			for (p = 0; p < e->passages[j].ntags; p++) {
				const char	*name = e->passages[j].tags[p].name;

				if (e->passages[j].tags[p].origin == SIDECAR_REJECTED)
					continue;
				for (k = first; k < sb->n &&
				    strcmp(sb->v[k].label, name) != 0; k++)
					;
				if (k == sb->n) {
					if (sb->n == first) {
						sidebar_add(sb, SIDE_HEADING, "Tags",
						    NULL, 0, 0);
						first++;
					}
					sidebar_add(sb, SIDE_TAG, name, NULL, 0, 0);
					k = sb->n - 1;
				}
				sb->v[k].passages++;
			}
	}
	free(themek);
	/* By name, as tags are listed everywhere else. */
	for (i = first + 1; i < sb->n; i++)
		for (j = i; j > first && strcmp(sb->v[j - 1].label,
		    sb->v[j].label) > 0; j--) {
			struct side_item	 tmp = sb->v[j];

			sb->v[j] = sb->v[j - 1];
			sb->v[j - 1] = tmp;
		}
}

/* Saved views, from the configuration; one that does not parse stays, to say why
   when it is chosen. */
static void
sidebar_views(struct sidebar *sb, const struct listing *l)
{
	const struct config	*cfg = l->config;
	size_t			 i;

	if (cfg->nviews > 0)
		sidebar_add(sb, SIDE_HEADING, "Views", NULL, 0, 0);
	for (i = 0; i < cfg->nviews; i++) {
		const struct config_view	*v = &cfg->views[i];
		struct side_item		*s;
		struct query_error		 qe;

		sidebar_add(sb, SIDE_VIEW, v->name, NULL, 0, 0);
		s = &sb->v[sb->n - 1];
		if (v->query == NULL)
			s->error = xasprintf("view %s has no query", v->name);
		else if ((s->query = query_parse(v->query, cfg, &qe)) == NULL)
			s->error = xasprintf("view %s: %s: %s at column %zu", v->name,
			    v->file, qe.message, query_column(v->query, qe.offset));
		else if (!(query_needs(s->query) & QUERY_NEEDS_BODY))
			sidebar_view_count(l, s);
		else
			query_remember(s->query, l->corpus->n);
	}
}

/* Folders are shown below the directory every article shares, so that files named by
   absolute paths do not list "/", "home/" and so on. Returns the length of that
   directory's name with its '/', 0 when there is none. */
static size_t
sidebar_common(const struct corpus *c)
{
	const char	*first, *slash;
	size_t		 i, common;

	if (c->n == 0)
		return 0;
	first = c->articles[0]->name;
	slash = strrchr(first, '/');
	common = slash == NULL ? 0 : (size_t)(slash - first) + 1;
	for (i = 1; i < c->n && common > 0; i++) {
		while (common > 0 &&
		    (strncmp(c->articles[i]->name, first, common) != 0))
			common--;
		while (common > 0 && first[common - 1] != '/')
			common--;
	}
	return common;
}

/* The folders come from the sorted article names: every directory that holds an
   article, at any depth, in the order of the list, with how many articles are under
   it. */
static void
sidebar_folders(struct sidebar *sb, const struct corpus *c)
{
	const char	*name, *slash, *prev, *base;
	char		*prefix;
	size_t		 i, j, k = sb->n, common, len, nat = 0, *at = NULL;
	int		 depth, fresh;

	common = sidebar_common(c);
	/* Articles come in path order, so an article's folders are mostly those of
	   the one before: they are found by comparing the two names, and only a new
	   folder is looked for among the rest. */
	for (i = 0, prev = NULL; i < c->n; prev = name, i++) {
		name = c->articles[i]->name;
		depth = 0;
		/* Below a folder met for the first time every folder is new too: no
		   search for them (3,000 nested folders made it quadratic). */
		fresh = 0;
		for (slash = strchr(name + common, '/'); slash != NULL;
		    slash = strchr(slash + 1, '/'), depth++) {
			len = (size_t)(slash - name) + 1;
			if ((size_t)depth >= nat) {
				at = xreallocarray(at, (size_t)depth + 1, sizeof *at);
				nat = (size_t)depth + 1;
			}
			if (prev != NULL && strncmp(prev, name, len) == 0) {
				sb->v[at[depth]].count++;
				continue;
			}
			prefix = xstrndup(name, len);
			for (j = fresh ? sb->n : k; j < sb->n; j++)
				if (strcmp(sb->v[j].prefix, prefix) == 0)
					break;
			if (j == sb->n) {
				fresh = 1;
				if (sb->n == k)
					sidebar_add(sb, SIDE_HEADING, "Folders", NULL,
					    0, 0), j = ++k;
				base = prefix + len - 1;
				while (base > prefix && base[-1] != '/')
					base--;
				sidebar_add(sb, SIDE_DIR, base, prefix, depth, 0);
			}
			sb->v[j].count++;
			at[depth] = j;
			free(prefix);
		}
	}
	free(at);
}

void
sidebar_build(struct sidebar *sb, const struct listing *l)
{
	const struct corpus	*c = l->corpus;
	const struct config	*cfg = l->config;
	size_t			 i;

	memset(sb, 0, sizeof *sb);
	sb->theme_articles = xcalloc(cfg->nthemes + 1, sizeof *sb->theme_articles);
	sidebar_add(sb, SIDE_HEADING, "Corpus", NULL, 0, 0);
	sidebar_add(sb, SIDE_ALL, "All articles", NULL, 0, c->n);
	if (c->nerrors > 0)
		sidebar_add(sb, SIDE_ERRORS, "Unreadable", NULL, 0, c->nerrors);
	if (l->dups != NULL && dups_nclusters(l->dups) > 0)
		sidebar_add(sb, SIDE_DUPS, "Duplicates", NULL, 0,
		    dups_nclusters(l->dups));
	sidebar_views(sb, l);
	if (cfg->nthemes > 0) {
		sidebar_add(sb, SIDE_HEADING, "Themes", NULL, 0, 0);
		for (i = 0; i < cfg->nthemes; i++) {
			sidebar_add(sb, SIDE_THEME, cfg->themes[i].name, NULL, 0, 0);
			sb->v[sb->n - 1].theme = i;
		}
	}
	sidebar_folders(sb, c);
	sb->tags = sb->n;
	sidebar_tags(sb, l);
}

int
sidebar_dups(struct sidebar *sb, const struct listing *l, size_t *at)
{
	struct side_item	 s;
	size_t			 i, n = l->dups != NULL ? dups_nclusters(l->dups) : 0;

	/* After the Corpus heading, All and Unreadable. */
	for (i = 1; i < sb->tags && (sb->v[i].kind == SIDE_ALL ||
	    sb->v[i].kind == SIDE_ERRORS); i++)
		;
	*at = i;
	if (i < sb->n && sb->v[i].kind == SIDE_DUPS) {
		if (n > 0) {
			sb->v[i].count = n;
			return 0;
		}
		sidebar_item_free(&sb->v[i]);
		memmove(&sb->v[i], &sb->v[i + 1], (sb->n - i - 1) * sizeof *sb->v);
		sb->n--;
		sb->tags--;
		return -1;
	}
	if (n == 0)
		return 0;
	/* Added at the end, then moved into place. */
	sidebar_add(sb, SIDE_DUPS, "Duplicates", NULL, 0, n);
	s = sb->v[sb->n - 1];
	memmove(&sb->v[i + 1], &sb->v[i], (sb->n - 1 - i) * sizeof *sb->v);
	sb->v[i] = s;
	sb->tags++;
	return 1;
}

int
sidebar_counts(struct sidebar *sb, const struct listing *l)
{
	const struct config	*cfg = l->config;
	const scan_count		*counts;
	size_t			 done = scan_progress(l->scan), i, k;
	int			 r = SIDEBAR_COUNTED;

	if (done == sb->scan_seen)
		return 0;
	sb->scan_seen = done;
	memset(sb->theme_articles, 0, cfg->nthemes * sizeof *sb->theme_articles);
	for (i = 0; i < l->corpus->n; i++) {
		if ((counts = scan_counts(l->scan, i)) == NULL)
			continue;
		for (k = 0; k < cfg->nthemes; k++)
			sb->theme_articles[k] += counts[k] > 0;
	}
	for (i = 0; i < sb->n; i++)
		if (sb->v[i].kind == SIDE_THEME)
			sb->v[i].count = sb->theme_articles[sb->v[i].theme];
	/* Automatic tags come with the counts. */
	for (k = 0; k < cfg->nthemes; k++)
		if (cfg->themes[k].autotag > 0) {
			sidebar_tags(sb, l);
			r |= SIDEBAR_RETAGGED;
			break;
		}
	/* Views count as their articles are counted. */
	for (i = 0; i < sb->n; i++)
		if (sb->v[i].kind == SIDE_VIEW && sb->v[i].query != NULL &&
		    query_needs(sb->v[i].query) == QUERY_NEEDS_COUNTS)
			sidebar_view_count(l, &sb->v[i]);
	return r;
}

void
sidebar_free(struct sidebar *sb)
{
	size_t	 i;

	for (i = 0; i < sb->n; i++)
		sidebar_item_free(&sb->v[i]);
	free(sb->v);
	free(sb->theme_articles);
	memset(sb, 0, sizeof *sb);
}
