/* The catalog: a corpus joined with the sidecar that holds the user's work on it and
   with the themes' counts. The screen and every command hold one: the commands list,
   tag, export and count it, a query is evaluated against it, and the screen keeps its
   sidecar open through the session (catalog_session.c). Which tags an article
   carries is tags.h's. */
#ifndef RUBRIC_CATALOG_H
#define RUBRIC_CATALOG_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "scan.h"
#include "sidecar.h"

/* A sidecar kept open while a person works on it (the screen): every change is saved at
   once through sidecar_commit_wait(); one the file cannot take (it does not parse, it
   cannot be written) goes to its journal; one that could be neither saved nor
   journalled, or waits for another process's lock, waits in pending and is tried
   again with the next one, while the lock is held, and at the end. catalog_session.c
   owns it. */
struct catalog_session {
	int		 ro;		/* the sidecar did not parse: nothing is written
					   over it, changes go to its journal */
	struct sidecar_ops pending;	/* changes neither saved nor journalled yet */
	size_t		 journalled;	/* changes journalled, not saved yet */
	char		 journal_msg[256]; /* what the last journalling said */
	size_t		 aside;		/* changes kept in the state journal at the end */
	char		*aside_path;	/* that journal (journal_state.h); owned */
	long		 holder;	/* pid holding the lock (-1: unknown), 0: none */
	struct timespec	 mtime;		/* of the sidecar when last read or written, */
	off_t		 size;		/* to notice an edit by hand or another writer */
};

/* What a session step has to say to a person, for a status line: the screen shows
   it as it is. text is "" when there is nothing to say. */
struct catalog_said {
	int		 error;
	char		 text[256];
};

struct catalog {
	struct config	 config;
	struct corpus	 corpus;
	struct sidecar	 side;
	char		*side_path;	/* where the sidecar is, or would be made */
	size_t		  rel_owned;	/* of rel's strings, those made for it */
	char		**rel;		/* per article: its path in the sidecar, or NULL
					   when it is not below the sidecar's directory;
					   read through catalog_rel() */
	/* Each article's entry as an index into side.v (-1: none), looked up once
	   for a command's passes over every article (catalog_entries()); it holds
	   while the sidecar keeps the generation, v and n it was made under. */
	int32_t		*entries;
	unsigned long	 entries_gen;
	const void	*entries_v;
	size_t		 entries_n;
	struct sidecar_ops moves;	/* entries that followed a moved article, applied
					   to side here: a command that saves adds them */
	struct scan	*scan;		/* NULL until catalog_scan_open() or
					   catalog_scan_new() */
	struct dups	*dups;		/* catalog_dups()'s; NULL until then */
	char		*cache;		/* the scan's cache file, NULL without a home */
	size_t		 cached;	/* articles the cache had */
	struct catalog_session session; /* CATALOG_SESSION: catalog_session_open() */
	char		*config_extra;	/* --config, as catalog_open() had it; owned */
	char		*config_where;	/* where the corpus-local themes file was
					   looked for from; owned */
	char		**roots;	/* the paths given, for the cache's key */
	size_t		 nroots;
	const struct progress *text_progress; /* catalog_select()'s for the index */
	const struct progress *progress; /* catalog_open_watched()'s, for the scan */
	const struct progress *search_progress; /* catalog_select()'s, for a search
					   that reads the articles: returns
					   nothing when it stops it */
	struct textindex *text;		/* catalog_text(); NULL: none, or not yet */
	int		 text_state;	/* 0: not opened yet */
	/* The catalogue's image (catimage.h): taken at the start when it holds,
	   by the screen (whose verifier checks every file behind it) and by a
	   command with check = folders; else made once the counts are in, by a
	   command, or by the screen at its end once every file is checked. */
	char		*image;		/* its path; NULL: none is kept */
	char		*heads_path;	/* the head store's, for its tag */
	int64_t		 image_tag;	/* the head store's tag once saved */
	int		 image_done;	/* taken, or made (or failed) */
	int		 image_taken;	/* the corpus and counts are the image's */
	uint64_t	 image_sum;	/* its checksum (catimage_sum()) */
	int		 checked;	/* every article's stamp is its file's as
					   the walk (or the screen's verifier,
					   once done) found it: not the head
					   store's or the image's taken unchecked,
					   which only the verifier looks at */
	int		 image_whole;	/* the corpus is still the image's whole, to
					   the last stamp: a command's from the
					   start, the screen's once its verifier
					   found no file changed (it changes heads
					   otherwise) */
	struct headstore *heads;	/* CATALOG_SESSION: the head store whose
					   provisional heads the screen shows, for
					   its verifier (verify.h); NULL otherwise */
};

/* Counts c's corpus under the themes of another configuration, cfg (rubric diff):
   from the scan cache where it was made under those themes, else by the workers,
   watched by c->progress as catalog_scan() is; the cache is not written, since it
   is the configuration's own. Returns the scan, finished, for the caller to free
   (scan_free(); cfg must outlive it), or NULL when the progress stopped it. */
struct scan *catalog_scan_other(struct catalog *c, const struct config *cfg);
/* How many of articles sel[0..nsel) (every article when sel is NULL) could not be
   read, and so have no text to count or search. */
size_t	catalog_unread(const struct catalog *c, const size_t *sel, size_t nsel);

/* How catalog_open() reads the sidecar. */
enum catalog_how {
	CATALOG_COMMAND,	/* at once: one that does not parse is an error, and
				   entries follow moved articles in memory (moves) */
	CATALOG_SESSION		/* not yet: the screen opens its session with
				   catalog_session_open() once it is up, and follows
				   moves through it; the corpus-local themes file is
				   looked for next to a sidecar given */
};
/* Reads the configuration (extra after the usual layers), finds the articles under
   paths, and finds the sidecar (given, else the nearest above paths[0], refused if
   the user should not trust it: trust.h); CATALOG_COMMAND reads it too and has
   every head checked against its file, CATALOG_SESSION takes those the head store
   knows unchecked (heads), for a verifier to check behind the screen. Returns -1
   with the reasons in d when any of them could not be read; a sidecar that does not
   parse is such a failure, never "no tags". d holds the configuration's problems
   either way. */
int	catalog_open(struct catalog *, const char *extra, const char *sidecar,
	    const char *const *paths, size_t npaths, enum catalog_how, struct diag *d);
/* catalog_open() with p hearing how many heads are read, and the scan of
   catalog_scan() later: p may stop either (the heads read and the counts counted
   until then are kept for the next time), and catalog_open() then fails with
   "stopped" in d. */
int	catalog_open_watched(struct catalog *, const char *extra, const char *sidecar,
	    const char *const *paths, size_t npaths, enum catalog_how,
	    const struct progress *p, struct diag *d);
/* A catalog for files given one by one (rubric tag FILE, rubric note), with no corpus
   walked: only the sidecar's path, as catalog_sidecar_for() finds it from where.
   Returns -1 with the reason in d. */
int	catalog_open_files(struct catalog *, const char *sidecar, const char *where,
	    struct diag *d);
void	catalog_free(struct catalog *);
/* Reads the configuration's layers again into cfg, as catalog_open() read them (the
   screen's R, after the user edited a file). Returns as config_layers(); cfg is
   freed and left empty on -1. */
int	catalog_config_read(struct catalog *, struct config *cfg, struct diag *d);

/* The session (catalog_session.c). Each step says in said what a person should see
   of it; said is left alone when there is nothing. */
/* Reads the sidecar; one that does not parse makes the session read-only (ro) with
   what an earlier session journalled shown, and a journal that waits is saved. */
void	catalog_session_open(struct catalog *, struct catalog_said *said);
/* Reads the sidecar again if someone else changed it (an editor, git, another
   rubric), saving on top what waits. Returns 1 when it was read again, -1 when it no
   longer parses (read-only until it does), 0 when it did not change. */
int	catalog_session_poll(struct catalog *, struct catalog_said *said);
/* Commits what waits in pending (and so whatever the journal holds), waiting up to
   wait_ms for another process's lock. What is not saved stays in side; what is
   neither saved nor journalled stays in pending. */
enum sidecar_result catalog_session_flush(struct catalog *, int wait_ms,
	    struct catalog_said *said);
/* Adds ops (emptied) to pending and flushes without waiting. Returns -1 with said
   and nothing done when ops is empty: no article of it is below the sidecar. */
int	catalog_session_commit(struct catalog *, struct sidecar_ops *ops,
	    struct catalog_said *said);
/* The moves of entries whose article moved (catalog_moves()) into ops, for the
   caller to commit; *orphans as catalog_moves() says. Returns how many. */
size_t	catalog_session_moves(struct catalog *, struct sidecar_ops *ops,
	    size_t *orphans);
/* Keeps what still waits in the state journal (journal_state.h), for the next save of
   the sidecar; d says when even that failed. */
void	catalog_session_keep_aside(struct catalog *, struct diag *d);
/* For the commands: commits ops to the sidecar at once, waiting up to wait_ms for
   its lock, and says in d what became of them unless they were simply saved (made
   the file, journalled, locked, failed). */
enum sidecar_result catalog_save(struct catalog *, const struct sidecar_ops *ops,
	    int wait_ms, struct diag *d);
/* Moves in front of ops, for each file of ops (by its FINGERPRINT op) with no entry
   yet, the entry whose file is gone and has that fingerprint: tags follow a file
   moved since they were put on it. A sidecar that cannot be read is left to the
   commit to say. */
void	catalog_follow(struct catalog *, struct sidecar_ops *ops);
/* Says in d where the changes of the session are that are not in the sidecar:
   journalled, kept aside, or lost; or that the before that waited at the end were
   saved. Returns whether any change is not in the sidecar. */
int	catalog_session_report(struct catalog *, size_t before, struct diag *d);
/* After the screen's verifier looked at every head (changed of them changed, and
   written to the head store, whose tag was then tag: verify_tag()): makes the
   image the next start takes, when it did not take one or a head changed, every
   article is counted, and the store still has that tag (no other rubric wrote a
   head this one does not have). The clusters go in as the screen has them, made
   or not. */
void	catalog_image_verified(struct catalog *, size_t changed, int64_t tag);
/* Makes the scan and fills it from the cache; nothing is counted yet. */
void	catalog_scan_open(struct catalog *);
/* Makes the scan and names its cache, read by neither: for the screen, which has
   scan_start_cached() read it behind the first screen. */
void	catalog_scan_new(struct catalog *);
/* Counts every theme in every article the cache did not have, on every core, and
   saves the cache. Returns -1 when the catalog's progress stopped it: what was
   counted is saved all the same. */
int	catalog_scan(struct catalog *);
/* The near-duplicates' clusters (dups.h) of a command's corpus, made the first time
   once every article is counted (catalog_scan()). NULL when the catalog's progress
   stopped the scan. Borrowed; valid until catalog_free(). */
struct dups	*catalog_dups(struct catalog *);
/* Saves the cache: for a caller that counted articles itself (scan_article). */
void	catalog_scan_save(struct catalog *);
/* Article i's entry in the sidecar, or NULL. Borrowed until the sidecar changes. */
struct sidecar_entry *catalog_entry(struct catalog *, size_t i);
/* Looks every article's entry up at once, for what goes over them all: until the
   sidecar changes, catalog_entry() answers from that. For a command, whose corpus
   does not change once open (the screen's does, and looks its entries up one by
   one). */
void	catalog_entries(struct catalog *);
/* Article i's hit counts, one per theme, or NULL while it is not counted. */
const scan_count	*catalog_counts(const struct catalog *, size_t i);

struct query;
struct progress;
/* Lets q's words and phrases ask the text index (textindex.h) which articles may
   hold them, opening it the first time and bringing it up to date each time with
   every file as it is now (p hears how far that is and may stop it: the articles
   not reached are read). Without an index, q reads every article as before. */
void	catalog_text(struct catalog *, struct query *q, const struct progress *p);
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
   themes first if q needs them, and asks the text index if it reads the text
   (catalog_text() with text_progress). Returns how many match. */
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
   article moved, and a MOVE for each goes to ops. Each article's entry is looked
   up, or taken from entries (catalog_entries()'s, made under s) when that is not
   NULL. Returns how many; *orphans gets how many entries have no article in the
   corpus (before the moves). */
size_t	catalog_moves(const struct corpus *c, char *const *rel, const char *side_path,
	    const struct sidecar *s, const int32_t *entries, struct sidecar_ops *ops,
	    size_t *orphans);
/* Where the sidecar for a corpus given as roots is: given, else the nearest
   SIDECAR_NAME above the first root, else a new one in its directory. Caller frees. */
char	*catalog_sidecar_path(const char *given, const char *const *roots, size_t nroots);
/* Where the sidecar for a file at where is: given, else the nearest SIDECAR_NAME
   above where if the user may trust it (trust.h), else where a new one goes: the
   top of the git work tree holding where, else the current folder if where is below
   it, else where's own folder. Caller frees; NULL with the reason in d. */
char	*catalog_sidecar_for(const char *given, const char *where, struct diag *d);
/* Each article's path relative to the sidecar's directory, NULL for one outside it.
   Returns an array of c->n strings, each the article's own name or the end of its
   path when that is its path (borrowed then: a million paths not made twice), or a
   string of its own, *owned counting those: freed by catalog_rel_free(), told how
   many there are (none: a million articles not looked at again). NULL when every
   one is its article's name: read them through catalog_rel_of(). c is the walk's
   (or the image's) of the nroots roots. */
char	**catalog_relpaths(const struct corpus *c, const char *const *roots,
	    size_t nroots, const char *side_path, size_t *owned);
void	 catalog_rel_free(const struct corpus *c, char **rel, size_t owned);
/* Article i's path in the sidecar, from what catalog_relpaths() gave. */
static inline const char *
catalog_rel_of(char *const *rel, const struct corpus *c, size_t i)
{
	return rel != NULL ? rel[i] : c->articles[i]->name;
}

static inline const char *
catalog_rel(const struct catalog *c, size_t i)
{
	return catalog_rel_of(c->rel, &c->corpus, i);
}

#endif
