/* The corpus: every article under the paths given, sorted by name as ls sorts. */
#ifndef RUBRIC_CORPUS_H
#define RUBRIC_CORPUS_H

#include <sys/stat.h>

#include <stddef.h>
#include <time.h>

#include "article.h"
#include "chrome.h"
#include "diag.h"
#include "headstore.h"
#include "place.h"
#include "progress.h"

struct corpus {
	char		 *label;	/* for the status line: the directory's name */
	struct article	**articles;	/* owned */
	size_t		  n;
	size_t		  nbinary;	/* files skipped for a NUL in their first block */
	size_t		  nerrors;	/* articles kept though they could not be read */
	/* What the catalogue's image (catimage.h) needs of the walk: every folder
	   walked, by its path and the stamp it had when listed, and per article
	   whether its directory entry said regular file (one that did not, a
	   symbolic link say, is looked at when the image is taken). regular is NULL
	   when the walk could not give them all: a folder that could not be read
	   or stamped, or articles sorted after the walk. */
	struct corpus_folder {
		char		*path;
		struct stat	 st;
	}		 *folders;
	size_t		  nfolders;
	/* When the walk ended (0: the folders are the image's, none of whose
	   stamps was within the clock's tick): a folder stamped within the tick
	   of it may have changed since with the same stamp. */
	time_t		  walked;
	unsigned char	 *regular;
	/* Folders walked through a symbolic link: their articles are named by the
	   link's path, which may not be the folder's own (catalog_relpaths()). */
	size_t		  linked;
	/* Articles made elsewhere (the catalogue's image): let go by release(arg)
	   rather than one by one; NULL otherwise. */
	void		(*release)(void *);
	void		 *release_arg;
	/* Of those, how many were given a head of their own since (the screen's
	   verifier, article_take_head()): freed one by one then. */
	size_t		  reheaded;
	/* The walk's: its articles (0), and the heads: those the head store gave,
	   one place for each of the store's two readers (1, 2), then those read
	   from the files, one place for each thread that reads them (1 + k for
	   thread k, after the store's readers are done). Registered with
	   article_placed() and closed by corpus_free(), after the articles: at a
	   million articles, 30 MB less than a malloc each for the walk's and the
	   store's, 8 MB less at the peak of a cold start (corpus_scan()). */
#define CORPUS_THREADS	8
#define CORPUS_PLACES	(1 + CORPUS_THREADS)
	struct place	  place[CORPUS_PLACES];
};

struct corpus_options {
	const char *const	*extensions;	/* without dots; "" matches every file */
	size_t			 nextensions;
	const struct chrome	*chrome;
	struct headstore	*heads;		/* NULL: every head is read */
	int			 provisional;	/* heads the store knows by name are
						   taken unchecked (headstore_trust):
						   the screen's, verified behind it */
	int			 trust_listed;	/* so are those of regular files in
						   folders that did not change since
						   the store listed them, when their
						   stamps are sure (check = folders):
						   a command's */
	const struct progress	*progress;	/* hears how many heads are read,
						   and may stop the reading: NULL
						   for none */
};

/* Finds the articles under paths (directories searched recursively, hidden entries
   skipped, symbolic links followed once) and reads their heads, those of files
   unchanged since from the head store if there is one, which is then brought up to
   date. With provisional set, a head the store knows is taken without looking at
   the file, and only a verifier (verify.h) tells whether it still holds; with
   trust_listed, so is the head of a file whose folder the walk did not read again,
   which a file edited in place (not made anew and renamed over) leaves unseen. A path that does not
   exist or cannot be opened is an error: returns -1 with "PATH: reason" added to d
   and the corpus left empty. So it does when progress stops it: the heads read until
   then are kept in the head store, for the next start. */
int	corpus_scan(struct corpus *, const char *const *paths, size_t npaths,
	    const struct corpus_options *, struct diag *d);
void	corpus_free(struct corpus *);
/* Whether every article's file still has the stamp the article has, stat()ed on two
   threads: what a walk that looks at every file would take them as they are for.
   Stops at the first that does not. */
int	corpus_unchanged(const struct corpus *);
/* The same, p hearing how far it is (from the caller's thread) and stopping it:
   stopped, it says 0, as if a file had changed. */
int	corpus_unchanged_watched(const struct corpus *, const struct progress *p);
/* Whether every folder walked still has the stamp it had when listed (a file made,
   removed or renamed in one changes its times), and every article whose directory
   entry was not a regular file's still has its stamp: what check = folders takes
   as the corpus as it is (rubric(5)), at a million articles 5,000 stat()s, not a
   million. 0 when the walk could not tell (folders or regular NULL), and when a
   folder's stamp was within the clock's tick of the walk (cachedir_racy()), as a
   command never takes one. The articles' stamps must be their files' as the walk
   found them, not a head store's taken unchecked. */
int	corpus_folders_unchanged(const struct corpus *);
/* The corpus's name for the status line: the directory's name, or "N paths". */
char	*corpus_label(const char *const *paths, size_t npaths);
/* Whether name ends in one of the extensions. */
int	corpus_wanted(const char *name, const struct corpus_options *);

#endif
