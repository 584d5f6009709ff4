/* The head store: every article's head (title and header fields, or that it is binary
   or too large) kept in an SQLite database under the cache folder with the stamp of
   the file it was read from, so that a start reads only the files that changed. It is
   a cache and never decides what the corpus holds: the walk does. A store that is
   missing, damaged, read-only or locked fills nothing and is no error; a damaged one
   is replaced. */
#ifndef RUBRIC_HEADSTORE_H
#define RUBRIC_HEADSTORE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "article.h"
#include "chrome.h"

struct headstore;

/* Rows from which the store is read in two halves at once, by two threads: a
   variable for the tests, which have fewer. */
extern size_t	 headstore_halves;

/* Opens the store at path (NULL: none) for heads found with chrome patterns whose
   chrome_fingerprint() is fingerprint; a store made under other patterns is empty.
   Never NULL: a store that cannot be had is one that holds and keeps nothing. */
struct headstore *headstore_open(const char *path, uint64_t fingerprint);
/* Reads the folders' listings, for the walk about to start (headstore_dir()).
   Optional; once. */
void		 headstore_listings(struct headstore *);
/* Reads the rows into the n articles a (walked, heads not read) whose names they
   have, their stamps and texts, for headstore_head() to check. Once. The texts are
   made in place[0] and place[1], one for each of the two readers (NULL: malloc()),
   which must outlive the articles. */
struct place;
void		 headstore_fill(struct headstore *, struct article *const *a, size_t n,
		    struct place *place);
/* The head of article i of those filled: the stored one if the file's size, mtime,
   ctime and inode are the stored ones, else read by article_head() (a stale one
   wiped first); a folder the walk could not read (its error set) stays unreadable.
   The file is looked at as base in the folder open at dfd (AT_FDCWD and the path:
   from here), which saves the kernel a walk of the whole path a file. A head
   read goes into pl (article_head_in()). Safe to call from several threads for
   different articles, each with a place of its own. */
enum article_head_result headstore_head(struct headstore *, size_t i,
		    struct article *a, const struct chrome *, int dfd,
		    const char *base, struct place *pl);
/* From now on headstore_head() takes a row (not a binary one) for its name alone,
   with no stat and no open: for the screen, whose verifier (verify.h) then checks
   every stamp. Those rows are neither rewritten nor removed by headstore_save(). */
void		 headstore_trust(struct headstore *);
/* So it does, after headstore_fill(), for the articles i whose listed[i] has bit
   set (a regular file of a folder unchanged since it was listed), when their
   stored stamp is sure (article_stamp_sure()): a command's with check = folders. */
void		 headstore_trust_listed(struct headstore *, const unsigned char *listed,
		    unsigned char bit);
/* Writes the rows of the n articles a verifier found changed, as they are now
   (res[i] saying what reading each found), in one transaction; one that could not
   be read loses its row. */
void		 headstore_update(struct headstore *, struct article *const *a,
		    const enum article_head_result *res, size_t n);
/* Writes what changed, in one transaction: the heads read again (res[i] saying what
   each is), rows of files that are gone removed. a and n as given to
   headstore_fill(); call before any article leaves them. */
void		 headstore_save(struct headstore *, struct article *const *a, size_t n,
		    const enum article_head_result *res);
/* The entries of the folder called name (as the articles' names have it), whose
   stamp is st now, if the store listed it at that very stamp: *len bytes, each
   entry a byte of readdir()'s d_type, the name and a NUL, in the order the walk
   gave them. NULL when the folder must be read. For the walk, before
   headstore_fill(); borrowed until headstore_save(). */
const char	*headstore_dir(struct headstore *, const char *name,
		    const struct stat *st, size_t *len);
/* Keeps the entries of folder name as the walk read them, at stamp st (taken before
   reading), for headstore_save() to write. */
void		 headstore_dir_put(struct headstore *, const char *name,
		    const struct stat *st, const char *entries, size_t len);
/* Folders whose entries the store gave. */
size_t		 headstore_dir_hits(const struct headstore *);
/* Heads the store gave, checked. */
size_t		 headstore_hits(const struct headstore *);
/* Heads the store gave unchecked (headstore_trust(), headstore_trust_listed()). */
size_t		 headstore_unchecked(const struct headstore *);
/* The store's tag once its rows are read and saved: a number that names the rows
   as this store holds them, drawn anew by every write that changes one; -1 when
   what this one read is not what any tag names (another rubric wrote meanwhile,
   the store was made anew or not saved). For a cache made from the rows, which
   holds while the tag stays (headstore_tag_of()). */
int64_t		 headstore_tag(const struct headstore *);
/* The tag of the store at path as it is now, or -1. */
int64_t		 headstore_tag_of(const char *path);
void		 headstore_close(struct headstore *);

#endif
