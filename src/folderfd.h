/* A folder kept open while the files of it are looked at one after another, so that
   each is found by its name in the folder rather than by its whole path: the
   kernel then walks one name a file, not every folder above it. For the threads
   that look at every article (the heads, the verifier), which take articles in the
   walk's order, folder by folder. Curses-free. */
#ifndef RUBRIC_FOLDERFD_H
#define RUBRIC_FOLDERFD_H

#include <stddef.h>
#include <sys/stat.h>

struct folderfd {
	char	*dir;		/* the folder open, as the paths name it */
	size_t	 len;
	int	 fd;		/* -1: it could not be opened */
};

#define FOLDERFD_INIT	{ NULL, 0, -1 }

/* The descriptor to look at path from, with *base the name to give it: the folder
   of path, opened unless it is the one open already, and its last name; or
   AT_FDCWD and path itself when path has no folder or it cannot be opened. */
int	folderfd_at(struct folderfd *, const char *path, const char **base);
/* stat(2) of path through folderfd_at(). */
int	folderfd_stat(struct folderfd *, const char *path, struct stat *);
void	folderfd_close(struct folderfd *);

#endif
