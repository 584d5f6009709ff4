/* The catalogue's image: a command's corpus and counts as one file under
   $XDG_CACHE_HOME/rubric, taken whole by the next command when nothing it was made
   from has changed, instead of walking a million files' folders, reading a million
   rows of the head store and a million records of the scan's cache. It is only a
   cache of those two: it holds while every folder walked keeps the stamp it had,
   the head store keeps the tag it had (headstore_tag()), and the configuration
   and paths are the same; a file whose directory entry is not a regular file's is
   looked at. With check = folders only (rubric(5)): that is what a command there
   would find by walking. Curses-free. */
#ifndef RUBRIC_CATIMAGE_H
#define RUBRIC_CATIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "corpus.h"
#include "scan.h"

/* What an image is made for: the paths given, the configuration's digest
   (catimage_config()) and the head store's tag. */
struct catimage_key {
	const char *const	*roots;
	size_t			 nroots;
	uint64_t		 config;
	int64_t			 tag;
	size_t			 nthemes;
};

struct catimage;

/* The digest of what in cfg shapes the corpus and its counts: the extensions, the
   chrome patterns and the themes. */
uint64_t	 catimage_config(const struct config *cfg);
/* Writes the image of c and its counts (s, every article counted) to path,
   all or nothing, with d's clusters when they were made from s as it is (d may
   be NULL: none kept, and the next to need them makes them again from the
   signatures). Returns 0; -1 when c cannot be imaged (a folder that could not
   be read or stamped, a stamp within the clock's tick, an article with no
   stamp) or the file could not be written, which costs the next command its
   time only. */
struct dups;
int		 catimage_save(const char *path, const struct catimage_key *,
		    const struct corpus *c, const struct scan *s,
		    const struct dups *d);
/* The image at path, checked whole (its checksum, its shape, every offset) and
   found made for key, with every folder it lists as it was: NULL otherwise, and
   then nothing is taken from it. */
struct catimage	*catimage_open(const char *path, const struct catimage_key *);
/* Makes c the corpus the image holds, its articles in one allocation that
   corpus_free() lets go, while another thread checks the checksum; the articles
   whose directory entries were not a regular file's are looked at. Returns -1 with
   c empty when the image does not hold or a file looked at changed. */
int		 catimage_corpus(struct catimage *, struct corpus *c);
/* Fills s, a scan of the corpus catimage_corpus() made, with the counts (it takes
   the copy the checksum made of them), and hands it the file, in which the
   signatures and the clusters stay (scan_fill()). */
void		 catimage_counts(struct catimage *, struct scan *s);
/* The image's checksum once catimage_corpus() found it right (never 0), 0
   before, or when the file was written within the clock's tick: what names the
   corpus it made, whose paths, stamps and errors are the image's bytes' alone
   (textindex_whole()). */
uint64_t	 catimage_sum(const struct catimage *);
void		 catimage_close(struct catimage *);

#endif
