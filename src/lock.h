/* The lock that keeps two saves of one sidecar apart, and the modes of the files a
   save makes beside it in a folder a team shares. A POSIX record lock (fcntl) on
   NAME.lock, so that whoever waits can name the process that holds it. */
#ifndef RUBRIC_LOCK_H
#define RUBRIC_LOCK_H

#include <sys/types.h>

#include "diag.h"

/* How long a command waits for another process's lock when the caller does not say:
   $RUBRIC_LOCK_TIMEOUT seconds (a decimal number), or 10. In milliseconds. */
int	lock_timeout(void);
/* Opens (making it if need be) and locks lockpath, waiting up to wait_ms for another
   process to let go (0: one try; while waiting more than a moment it says so on
   stderr, as "waiting for NAME: locked by pid N"). Returns the descriptor, whose
   close() unlocks; or -1 with the reason in d, and *holder set to the pid that holds
   it (0 if it is unknown) when it stayed locked, to -1 when it could not be opened. */
int	lock_take(const char *lockpath, const char *name, int wait_ms, pid_t *holder,
	    struct diag *d);
/* The mode for a file made beside path that other members must write (the lock, the
   journal): what the umask leaves, with the group's read and write when the folder
   is group-writable. */
mode_t	lock_shared_mode(const char *path);
/* Gives fd, a file just made beside path by this process, the shared mode and, in a
   group-writable folder whose group the process is in, the folder's group (setgid
   or not); errors are left to the one who opens it next. */
void	lock_share(int fd, const char *path);

#endif
