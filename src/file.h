/* Files: reading one whole, finding one above a directory, removing a tree. */
#ifndef RUBRIC_FILE_H
#define RUBRIC_FILE_H

#include <stddef.h>

/* Reads path whole into *buf (NUL-terminated, caller frees) and *len. Returns -1 with
   errno set, and nothing allocated, if it cannot be opened or read. */
int	file_read(const char *path, char **buf, size_t *len);
/* The file called name in the directory of where (where itself if it is a directory)
   or in the nearest directory above that has one, as git finds its repository; NULL
   if there is none. Caller frees. */
char	*file_find_up(const char *where, const char *name);

/* The process's umask, without changing it for longer than a moment. */
unsigned int	file_umask(void);
/* Removes path and everything under it, never following a symbolic link. Returns -1
   if anything stayed. */
int	file_remove_tree(const char *path);
/* Replaces path with the len bytes at buf, all or nothing, so that a crash or a full
   disk leaves the old file or the new one, never a mix: a temporary file beside
   path, written, synced, given mode and renamed over path, then the folder synced.
   Returns -1 with errno set, path as it was and no temporary file left, on failure. */
int	file_replace(const char *path, const void *buf, size_t len, unsigned int mode);

#endif
