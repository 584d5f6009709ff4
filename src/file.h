/* Files: reading one whole, if it is a regular file under a limit; finding one above a
   directory; removing a tree. */
#ifndef RUBRIC_FILE_H
#define RUBRIC_FILE_H

#include <stddef.h>

/* Opens path with flags (O_RDONLY or O_RDWR, maybe O_CREAT; with O_NOFOLLOW, a link is
   refused, dangling or not) if it is a regular file or a symbolic link to one, without waiting on a FIFO or taking a terminal. Returns the
   descriptor (close-on-exec, O_NONBLOCK set), or -1 with errno set and the reason in
   words in err: "is a FIFO, not a regular file", or strerror(errno). */
int	file_open_regular(const char *path, int flags, char *err, size_t errlen);
/* Reads path whole into *buf (NUL-terminated, caller frees) and *len, if it is a
   regular file of at most max bytes; a file that grows while it is read is still cut
   off after max + 1. Returns -1 with errno set (ENOENT when there is no such file),
   the reason in words in err, and nothing allocated, if it cannot be opened or read,
   is no regular file or is over the limit. */
int	file_read(const char *path, size_t max, char **buf, size_t *len, char *err,
	    size_t errlen);
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
/* Replaces path with the len bytes at buf, all or nothing, so that a crash or a full
   disk leaves the old file or the new one, never a mix: a temporary file beside
   path, written, synced, given mode and renamed over path, then the folder synced.
   With FILE_SAME, the new file has the mode and group of the one it replaces (a
   team's file stays the team's after one member writes it; a group the writer is not
   in cannot be kept, and then the group may not write), or a new file's mode under
   the umask. What killed replacements left is the caller's to sweep (file_sweep()),
   as its locking allows. Returns -1 with errno set, path as it was and no temporary
   file left, on failure. */
#define FILE_SAME	((unsigned int)-1)
int	file_replace(const char *path, const void *buf, size_t len, unsigned int mode);

#endif
