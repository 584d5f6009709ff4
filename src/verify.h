/* The verifier: the screen's first list shows the heads the head store had, taken by
   name without a look at the files (headstore_trust()); a thread behind it stats
   every article, reads again the head of each whose stamp (size, mtime, ctime, inode)
   is not the stored one, and hands the changes to the screen's thread, which applies
   them between keys. Curses-free. */
#ifndef RUBRIC_VERIFY_H
#define RUBRIC_VERIFY_H

#include <stddef.h>

#include "catalog.h"
#include "headstore.h"

struct verify;

/* Starts checking every article of cat's corpus, whose array and paths must not
   change until verify_free(); heads, which may be NULL, gets the rows of the
   changed ones at verify_save() and is then the verifier's to close. */
struct verify	*verify_start(struct catalog *cat, struct headstore *heads);
/* Articles checked so far, of cat's corpus. */
size_t		 verify_progress(const struct verify *);
/* Whether every article is checked and every change applied. */
int		 verify_finished(struct verify *);
/* Applies the changes found so far to the catalog, in the thread that reads it:
   each changed article gets its new head and stamp (one that vanished or cannot
   be read now keeps its place, unreadable with the reason; one that became binary
   too), its theme counts forgotten and counted again. Returns how many. */
size_t		 verify_apply(struct verify *);
/* Articles found changed so far, and read again. */
size_t		 verify_changed(const struct verify *);
/* Of those, the ones whose head is not the one the list showed, or whose stamp
   was not racy: what the user is told has changed. */
size_t		 verify_differ(const struct verify *);
/* Waits for every article to be checked, applies what is left, and writes the
   changed heads to the head store. Once; then only verify_free(). */
void		 verify_finish(struct verify *);
/* After verify_finish(): the head store's tag once the changed heads are written
   (headstore_tag()), which names the heads as the screen now has them; -1 when
   there is no store, or another rubric wrote it meanwhile. */
int64_t		 verify_tag(const struct verify *);
void		 verify_free(struct verify *);

#endif
