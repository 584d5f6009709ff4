/* Files: reading one whole, if it is a regular file under a limit; finding one above a
   directory; removing a tree; replacing one all at once, from memory (file_replace)
   or from a writer that streams (file_stage). */
#ifndef RUBRIC_FILE_H
#define RUBRIC_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* Opens path with flags (O_RDONLY or O_RDWR, maybe O_CREAT; with O_NOFOLLOW, a link is
   refused, dangling or not) if it is a regular file or a symbolic link to one,
   without waiting on a FIFO or taking a terminal. Returns the descriptor
   (close-on-exec, O_NONBLOCK set), or -1 with errno set. A system-call wrapper: the
   caller words the message. errno alone cannot say "is a FIFO", so *type (if type is
   not NULL) is the file's type (S_IFIFO, S_IFLNK for a link O_NOFOLLOW refused...)
   when it is refused for it, errno then EINVAL or ELOOP, and 0 otherwise: the words
   are file_kind(*type) ", not a regular file", or else strerror(errno). */
int	file_open_regular(const char *path, int flags, unsigned int *type);
/* With FILE_ABSENT, a file that is not there is no mistake to say: file_read()
   returns -1 with errno ENOENT and nothing in d (to the sidecar, the journal and a
   cache, none is an empty one). */
#define FILE_ABSENT	0x1
/* Reads path whole into *buf (NUL-terminated, caller frees) and *len, if it is a
   regular file of at most max bytes; a file that grows while it is read is still cut
   off after max + 1. Returns -1 with errno set (ENOENT when there is no such file,
   EINVAL when it is no regular file, EFBIG when it is over the limit), "PATH: why"
   in d (d may be NULL) and nothing allocated, if it cannot be opened or read, is no
   regular file or is over the limit. flags: 0 or FILE_ABSENT. */
int	file_read(const char *path, size_t max, int flags, char **buf, size_t *len,
	    struct diag *d);
/* What a file of this st_mode is, in words for a message: "is a FIFO", "is a
   directory"... Static. */
const char	*file_kind(unsigned int mode);
/* The file called name in the directory of where (where itself if it is a directory)
   or in the nearest directory above that has one, going up the path as written (made
   absolute; resolved first only if it holds ".."), so that a file in a linked folder
   finds the one above the link; NULL if where does not exist or there is none. A name there of any kind counts (a FIFO, a directory), so that
   the reader refuses it with the reason instead of passing it by. Caller frees. */
char	*file_find_up(const char *where, const char *name);

/* The process's umask, without changing it for longer than a moment. */
unsigned int	file_umask(void);
/* Removes path and everything under it, never following a symbolic link. Returns -1
   if anything stayed. */
int	file_remove_tree(const char *path);
/* How old, in seconds, an unlocked temporary file must be before file_sweep() takes
   it for left over: a writer holds its lock from a moment after making it. */
#define FILE_STALE	60
/* The middle of a temporary name, path FILE_TMP XXXXXX: the word rubric in it, so that
   a user's own path.tmp-backup or path.tmp-XXXXXX is never taken for one. */
#define FILE_TMP	".tmp-rubric-"
/* Removes what killed writers of path left beside it: path.tmp-rubric-XXXXXX files
   and folders (rubric's names only: that prefix and six characters), but only those no
   process holds a lock on (file_hold()) and older than stale seconds: FILE_STALE, or 0
   for a caller whose own lock keeps every other writer of path out. Returns how many
   went. */
int	file_sweep(const char *path, int stale);
/* Locks the temporary file or folder open at fd for as long as the returned
   descriptor (a duplicate) stays open, so that file_sweep() passes it by; -1 if it
   could not. */
int	file_hold(int fd);
/* A file being replaced by a writer that streams, all or nothing: written under a
   temporary name beside path (path FILE_TMP XXXXXX, held with file_hold()), then
   either committed (synced, renamed over path, the folder synced) or abandoned
   (removed, path as it was). Every replacement rubric makes goes this way, so that
   the sidecar, the exports and the caches have the same guarantees. */
struct file_stage {
	char	*path;		/* what a commit replaces */
	char	*tmp;		/* the temporary file */
	int	 fd;		/* open on tmp for writing */
	int	 lk;		/* the hold on tmp; -1 if none could be had */
	FILE	*f;		/* from file_stage_stream(); NULL if none */
};

/* With FILE_SAME as mode, the new file has the mode and group of the one it
   replaces (a team's file stays the team's after one member writes it; a group the
   writer is not in cannot be kept, and then the group may not write), or a new
   file's mode under the umask. */
#define FILE_SAME	((unsigned int)-1)
/* Makes the temporary file for replacing path, with mode given it already, and
   fills in st; write to st->fd or to file_stage_stream(), then commit or abandon.
   What killed replacements left is the caller's to sweep (file_sweep()), as its
   locking allows. Returns -1 with errno set and nothing made. */
int	file_stage_open(struct file_stage *st, const char *path, unsigned int mode);
/* A stdio stream on st->fd, owned by st (commit or abandon closes it): for a
   writer that streams more than it would hold in memory. NULL with errno set if
   none could be had; the stage is still to be committed or abandoned. */
FILE	*file_stage_stream(struct file_stage *st);
/* Puts what was written in place of path: the stream flushed, the file synced,
   renamed over path, then the folder synced. Returns -1 with errno set, and the
   stage abandoned (path as it was, no temporary file left), if any of it fails.
   Either way st is finished with. */
int	file_stage_commit(struct file_stage *st);
/* Removes the temporary file and finishes with st; path is as it was. errno is
   kept, so that a caller can abandon and then say why. */
void	file_stage_abandon(struct file_stage *st);
/* Replaces path with the len bytes at buf, all or nothing, so that a crash or a full
   disk leaves the old file or the new one, never a mix (a file_stage written at
   once). mode is the new file's, or FILE_SAME. Returns -1 with errno set, path as it
   was and no temporary file left, on failure. */
/* A file name as typed at a prompt, with a leading ~ or ~/ made $HOME (as a shell
   does; ~user is left as it is, and so is all of it without $HOME). Caller frees. */
char	*file_home(const char *typed);
int	file_replace(const char *path, const void *buf, size_t len, unsigned int mode);

#endif
