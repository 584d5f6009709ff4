/* Looking at files from their folder's descriptor (folderfd.h). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folderfd.h"
#include "xmalloc.h"

int
folderfd_at(struct folderfd *f, const char *path, const char **base)
{
	const char	*slash = strrchr(path, '/');
	size_t		 len;

	*base = path;
	if (slash == NULL)
		return AT_FDCWD;
	len = (size_t)(slash - path);
	if (f->dir == NULL || f->len != len || memcmp(f->dir, path, len) != 0) {
		folderfd_close(f);
		f->dir = xstrndup(path, len);
		f->len = len;
		/* "/a.txt" is in "/". */
		f->fd = open(len > 0 ? f->dir : "/", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
	}
	if (f->fd == -1)
		return AT_FDCWD;
	*base = slash + 1;
	return f->fd;
}

int
folderfd_stat(struct folderfd *f, const char *path, struct stat *st)
{
	const char	*base;
	int		 dfd = folderfd_at(f, path, &base);

	return fstatat(dfd, base, st, 0);
}

void
folderfd_close(struct folderfd *f)
{
	if (f->fd != -1)
		close(f->fd);
	free(f->dir);
	f->dir = NULL;
	f->len = 0;
	f->fd = -1;
}
