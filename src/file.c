/* Files: reading one whole (the configuration and the sidecar are read this way, then
   parsed from memory), finding one above a directory, removing a tree, and replacing
   one all at once. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "xmalloc.h"

int
file_read(const char *path, char **out, size_t *outlen)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, cap = 0, n;
	int	 saved;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	do {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		saved = errno;
		fclose(f);
		free(buf);
		errno = saved;
		return -1;
	}
	fclose(f);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

char *
file_find_up(const char *where, const char *name)
{
	struct stat	 st;
	char		*abs, *slash, *path;

	if ((abs = realpath(where, NULL)) == NULL)
		return NULL;
	if (stat(abs, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    (slash = strrchr(abs, '/')) != NULL)
		*(slash == abs ? slash + 1 : slash) = '\0';
	for (;;) {
		path = xasprintf("%s/%s", strcmp(abs, "/") == 0 ? "" : abs, name);
		if (stat(path, &st) == 0) {
			free(abs);
			return path;
		}
		free(path);
		if (strcmp(abs, "/") == 0 || (slash = strrchr(abs, '/')) == NULL)
			break;
		*(slash == abs ? slash + 1 : slash) = '\0';
	}
	free(abs);
	return NULL;
}

unsigned int
file_umask(void)
{
	mode_t	 mask = umask(0);

	umask(mask);
	return (unsigned int)mask;
}

static int
file_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) == -1 ? -1 : 0;
}

int
file_remove_tree(const char *path)
{
	return nftw(path, file_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int
file_replace(const char *path, const void *buf, size_t len, unsigned int mode)
{
	const char	*p = buf;
	char		*tmp, *dir, *slash;
	size_t		 off;
	ssize_t		 w;
	int		 fd, dfd, saved;

	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		saved = errno;
		free(tmp);
		errno = saved;
		return -1;
	}
	if (fchmod(fd, (mode_t)mode) == -1)
		goto fail;
	for (off = 0; off < len; off += (size_t)w)
		if ((w = write(fd, p + off, len - off)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			goto fail;
		}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	/* The rename is durable only once the folder is on disk. */
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(tmp);
	return 0;

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}
