/* The catalog: a corpus joined with the sidecar that holds the user's work on it and
   with the themes' counts. It is what the commands list, tag, export and count, and
   what a query is evaluated against; the screen keeps the same three pieces and asks
   the same questions of them through catalog_relpaths() and tags.h. */
#ifndef RUBRIC_CATALOG_H
#define RUBRIC_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "scan.h"
#include "sidecar.h"

struct catalog {
	struct config	 config;
	struct corpus	 corpus;
	struct sidecar	 side;
	char		*side_path;	/* where the sidecar is, or would be made */
	char		**rel;		/* per article: its path in the sidecar, or NULL
					   when it is not below the sidecar's directory */
	struct sidecar_ops moves;	/* entries that followed a moved article, applied
					   to side here: a command that saves adds them */
	struct scan	*scan;		/* NULL until catalog_scan_open() */
	char		*cache;		/* the scan's cache file, NULL without a home */
	char		**roots;	/* the paths given, for the cache's key */
	size_t		 nroots;
};

/* Reads the configuration (extra after the usual layers), finds the articles under
   paths, and reads the sidecar (given, else the nearest above paths[0]). Returns -1
   with the reasons in d when any of them could not be read; a sidecar that does not
   parse is such a failure, never "no tags". */
int	catalog_open(struct catalog *, const char *extra, const char *sidecar,
	    const char *const *paths, size_t npaths, struct diag *d);
void	catalog_free(struct catalog *);
/* Makes the scan and fills it from the cache; nothing is counted yet. */
void	catalog_scan_open(struct catalog *);
/* Counts every theme in every article the cache did not have, on every core, and
   saves the cache. */
void	catalog_scan(struct catalog *);
/* Saves the cache: for a caller that counted articles itself (scan_article). */
void	catalog_scan_save(struct catalog *);
/* Article i's entry in the sidecar, or NULL. Borrowed until the sidecar changes. */
struct sidecar_entry *catalog_entry(struct catalog *, size_t i);
/* Article i's hit counts, one per theme, or NULL while it is not counted. */
const uint32_t	*catalog_counts(const struct catalog *, size_t i);

struct query;
/* An article a query could not decide: a PCRE2 limit stopped a term that decides it
   (query.h). */
struct catalog_undecided {
	size_t		 index;		/* into the corpus */
	const char	*term;		/* as written in the query: borrowed from it */
	const char	*why;		/* in words; static */
};
/* The articles that match q (all of them if q is NULL), as indices in corpus order
   into out, which has room for every article; those q could not decide are in
   neither, but in und (room for every article too), *nund of them. Counts the
   themes first if q needs them. Returns how many match. */
size_t	catalog_select(struct catalog *, struct query *q, size_t *out,
	    struct catalog_undecided *und, size_t *nund);

/* The entries of a sidecar whose article is gone (as gone() says) and that have a
   fingerprint, sorted by it: where a moved or renamed article finds its entry. */
struct catalog_orphans {
	const struct sidecar	*s;		/* borrowed */
	size_t			*v;		/* indices into s->v */
	size_t			 n;
	unsigned char		*used;		/* per orphan: taken already */
	size_t			 taken;
};
void	catalog_orphans_init(struct catalog_orphans *, const struct sidecar *,
	    int (*gone)(const struct sidecar_entry *, void *), void *arg);
/* An orphan with fingerprint fp not taken yet, now taken; NULL if none. */
const struct sidecar_entry *catalog_orphans_take(struct catalog_orphans *,
	    const char *fp);
void	catalog_orphans_free(struct catalog_orphans *);

/* Whether the article of an entry at path (relative to the folder of the sidecar at
   side_path) is gone: 1 only when lstat() says ENOENT; 0 when it is there; -1 with
   errno set when it cannot be looked at (a folder that cannot be read: EACCES), which
   is not gone either. */
int	catalog_gone_path(const char *side_path, const char *path);
/* Entries of s whose article is gone (its path is none of rel[0..c->n), and lstat()
   beside the sidecar at side_path says ENOENT: a file in a folder that cannot be
   read is not gone) but whose fingerprint is that of an article with no entry: the
   article moved, and a MOVE for each goes to ops. Returns how many; *orphans gets
   how many entries have no article in the corpus (before the moves). */
size_t	catalog_moves(const struct corpus *c, char *const *rel, const char *side_path,
	    const struct sidecar *s, struct sidecar_ops *ops, size_t *orphans);
/* Where the sidecar for a corpus given as roots is: given, else the nearest
   SIDECAR_NAME above the first root, else a new one in its directory. Caller frees. */
char	*catalog_sidecar_path(const char *given, const char *const *roots, size_t nroots);
/* Each article's path relative to the sidecar's directory, NULL for one outside it.
   Returns an array of c->n owned strings. */
char	**catalog_relpaths(const struct corpus *c, const char *side_path,
	    const char *const *roots, size_t nroots);

#endif
