/* The text index: an SQLite FTS5 table of the words of every article's text, kept
   as a cache under $XDG_CACHE_HOME/rubric so that a query's words and phrases read
   only the articles that may hold them. An article the index cannot vouch for
   (changed since, unread, holding characters whose words FTS5 and PCRE2 would cut
   or fold differently) is always a candidate, and every candidate is still searched
   as the query says; but for a lone lowercase ASCII word, where the index's answer
   is the query's, an article it vouches for is answered without being read. */
#ifndef RUBRIC_TEXTINDEX_H
#define RUBRIC_TEXTINDEX_H

#include <stddef.h>

#include "corpus.h"
#include "progress.h"

struct textindex;

/* Where the index of a corpus given as roots is: next to the scan's cache, named
   by the same hash. Caller frees; NULL without a cache folder. */
char		*textindex_path(const char *const *roots, size_t nroots);
/* Opens the index at path, making it (and its folder, 0700) if need be; one that is
   damaged or of another format is made anew. Returns NULL when there is no index
   to use: RUBRIC_NO_INDEX is set and not "0", path is NULL or not a regular file, or
   SQLite fails or waits for another process more than about a second. */
struct textindex *textindex_open(const char *path);
void		 textindex_close(struct textindex *);
/* Says that the corpus the next updates are given with fresh is, whole, that of
   the catalogue's image whose checksum is image (catimage_sum()), as a command
   takes it; 0: it is not known to be. Once an update has gone over that corpus,
   the next takes the snapshot it left without going over the articles again. */
void		 textindex_whole(struct textindex *, uint64_t image);
/* Brings the index up to date with c: articles new or changed since (their size,
   mtime, ctime or inode) are read and indexed, those gone are dropped, in batches
   of transactions. With fresh, an article's stamp is the one its walk took (it has
   just been walked); else each file is looked at again (stat). p hears how far it
   is and may stop it; what was done stays, and the articles not reached are
   candidates for every term. Returns 0, 1 when stopped, -1 when the index failed
   (then it answers nothing). */
int		 textindex_update(struct textindex *, const struct corpus *c,
		    int fresh, const struct progress *p);
/* Whether the index can answer for a literal: it is ASCII and has a word in it
   (letters, digits, _), as FTS5 would cut it. */
int		 textindex_usable(const char *lit);
/* Whether the index's answer for lit is the query's, for an article it vouches
   for: lit is a word of [a-z0-9_], or such words with one space between two, which
   the query looks for as \bWORD\W+WORD\b, caseless (smart case), and which FTS5
   cuts and folds as PCRE2 does in every text without a character of
   textindex_agree()'s class. */
int		 textindex_exact(const char *lit);
/* What the index says of each article of the corpus last updated (n entries, the
   corpus's) for lit as a phrase of words: cand[i] is TEXTINDEX_NO when it cannot
   hold it, TEXTINDEX_YES when it does (textindex_exact() words only), else
   TEXTINDEX_READ: it must be read and searched. Returns -1, cand untouched, when
   the index cannot answer. */
#define TEXTINDEX_NO	0
#define TEXTINDEX_READ	1
#define TEXTINDEX_YES	2
int		 textindex_candidates(struct textindex *, const char *lit,
		    unsigned char *cand, size_t n);

#endif
