/* Undo of changes to the sidecar: each change is recorded, before it is applied, as the
   value every key it touches had and the value it gives that key. Undoing a change sets
   back the old values, but only for the keys that still hold what the change gave them:
   a key another process (or a hand edit) changed since is left alone and reported. */
#ifndef RUBRIC_UNDO_H
#define RUBRIC_UNDO_H

#include <stddef.h>

#include "sidecar.h"

#define UNDO_DEPTH	1000	/* changes kept; the oldest is forgotten first */
/* Keys kept in all, about 100 bytes each: marking 100,000 articles read again and
   again forgets old steps before memory runs short. The latest step is always kept. */
#define UNDO_MAXKEYS	((size_t)2000000)

struct undo_step;

struct undo {
	struct undo_step	*v;	/* oldest first; owned */
	size_t			 n;
	size_t			 cap;
	size_t			 depth;	/* most steps kept */
	size_t			 nkeys;	/* in all the steps */
	size_t			 maxkeys; /* UNDO_MAXKEYS; smaller in the tests */
};

/* What undo_take() did, in words for the status line; owned, undo_result_free(). */
struct undo_result {
	char		*what;		/* the change undone: "+person on a.txt" */
	size_t		 keys;		/* keys set back */
	size_t		 skipped;	/* keys changed since, left as they are */
	char		*first_skipped;	/* the first of them: "tag x of a.txt"; NULL */
};

void	undo_init(struct undo *, size_t depth);
void	undo_free(struct undo *);
/* Forgets every step. */
void	undo_clear(struct undo *);
/* Steps that can be undone. */
size_t	undo_count(const struct undo *);
/* Records the change ops is about to make to s, which must hold the state before it.
   Tags, notes, read flags, fingerprints and passages (each whole: texts, codes and
   note, not where it was last found) are recorded; a move renames the paths of
   the steps already recorded instead, so that their undo follows the article. what
   describes the change for undo_take(); NULL makes one from the ops. Returns 1 when a
   step was recorded, 0 when ops hold no change to record. */
int	undo_record(struct undo *, const struct sidecar *s, const struct sidecar_ops *ops,
	    const char *what);
/* Only the moves of ops: renames the paths in the recorded steps. */
void	undo_follow(struct undo *, const struct sidecar_ops *ops);
/* Takes the latest step off u and adds to out the ops that set back each of its keys
   whose value in s is still the one the change gave it; r says what was done. Returns
   -1 with nothing to undo, else 0 (out may stay empty when every key was changed
   since, or when the change changed nothing). */
int	undo_take(struct undo *, const struct sidecar *s, struct sidecar_ops *out,
	    struct undo_result *r);
void	undo_result_free(struct undo_result *);

#endif
