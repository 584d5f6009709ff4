/* The state journal: changes the screen could neither save nor journal beside the
   sidecar (another process held its lock at q or at a signal), kept where no lock of
   the sidecar is needed: $XDG_STATE_HOME/rubric/ (~/.local/state/rubric/), in a file
   named after a hash of the sidecar's real path, which is written inside. The next
   commit to that sidecar applies it under the sidecar's lock, then removes it. The
   file itself is locked with flock while it is appended to or taken. */
#ifndef RUBRIC_JOURNAL_STATE_H
#define RUBRIC_JOURNAL_STATE_H

#include "diag.h"
#include "sidecar.h"

/* The state journal of the sidecar at path, or NULL when there is no place for it
   (neither XDG_STATE_HOME nor HOME). Caller frees. */
char	*journal_state_path(const char *sidecar);
/* Whether the sidecar has a state journal that is not empty. */
int	 journal_state_exists(const char *sidecar);
/* Appends ops to the sidecar's state journal, synced. Returns 0 with its path in
   *where (caller frees), or -1 with errno set. */
int	 journal_state_append(const char *sidecar, const struct sidecar_ops *ops,
	    char **where);
/* Adds the state journal's changes to ops, holding it in *fd (-1 when there is none)
   until journal_state_done(). Returns the number added, or -1 with an error in d
   (a bad line, FILE:LINE, or a file kept for another sidecar) and nothing added. */
int	 journal_state_take(const char *sidecar, struct sidecar_ops *ops, int *fd,
	    struct diag *d);
/* Lets go of the state journal taken; removes it first when saved says its changes
   are in the sidecar. Returns -1 with errno set if it could not be removed. */
int	 journal_state_done(const char *sidecar, int fd, int saved);

#endif
