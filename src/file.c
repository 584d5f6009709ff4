/* Files: reading one whole (the configuration and the sidecar are read this way, then
   parsed from memory), and only if it is a regular file under a limit; finding one above
   a directory; removing a tree; replacing one all at once. */
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

static void	file_size_words(size_t, char *, size_t);

/* The limit in words: whole MiB or GiB when it is one, bytes otherwise. */
static void
file_size_words(size_t n, char *buf, size_t len)
{
	if (n >= 1024 * 1024 * 1024 && n % (1024 * 1024 * 1024) == 0)
		snprintf(buf, len, "%zu GiB", n / (1024 * 1024 * 1024));
	else if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, len, "%zu MiB", n / (1024 * 1024));
	else
		snprintf(buf, len, "%zu bytes", n);
}

const char *
file_kind(unsigned int mode)
{
	if (S_ISREG(mode))
		return "is a regular file";
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISFIFO(mode))
		return "is a FIFO";
	if (S_ISCHR(mode))
		return "is a character device";
	if (S_ISBLK(mode))
		return "is a block device";
	if (S_ISSOCK(mode))
		return "is a socket";
	if (S_ISLNK(mode))
		return "is a symbolic link";
	return "is of an unknown kind";
}

int
file_open_regular(const char *path, int flags, char *err, size_t errlen)
{
	struct stat	 st;
	int		 fd, saved;

	/* Looked at before it is opened: opening a device can do things (a tape
	   rewinds), and a FIFO's open waits for a writer without O_NONBLOCK. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s, not a regular file", file_kind(st.st_mode));
		errno = EINVAL;
		return -1;
	}
	if ((fd = open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0666)) == -1) {
		saved = errno;
		if (saved == ELOOP && (flags & O_NOFOLLOW))
			snprintf(err, errlen, "is a symbolic link, not a regular file");
		else
			snprintf(err, errlen, "%s", strerror(saved));
		errno = saved;
		return -1;
	}
	/* And again once open, in case it was swapped in between. */
	if (fstat(fd, &st) == -1) {
		saved = errno;
		snprintf(err, errlen, "%s", strerror(saved));
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s, not a regular file", file_kind(st.st_mode));
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

int
file_read(const char *path, size_t max, char **out, size_t *outlen, char *err,
    size_t errlen)
{
	struct stat	 st;
	char		*buf = NULL, limit[32];
	size_t		 len = 0, cap;
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = file_open_regular(path, O_RDONLY, err, errlen)) == -1)
		return -1;
	file_size_words(max, limit, sizeof limit);
	if (fstat(fd, &st) == -1) {
		saved = errno;
		snprintf(err, errlen, "%s", strerror(saved));
		close(fd);
		errno = saved;
		return -1;
	}
	if (st.st_size < 0 || (unsigned long long)st.st_size > max) {
		snprintf(err, errlen, "%lld bytes, over the limit of %s",
		    (long long)st.st_size, limit);
		close(fd);
		errno = EFBIG;
		return -1;
	}
	/* Room for what fstat said, and a byte more to see the end; a file that
	   grows is read on, but never past the limit. */
	cap = (size_t)st.st_size + 2;
	buf = xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			if (len > max)
				break;
			cap = cap > max / 2 ? max + 2 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			snprintf(err, errlen, "%s", strerror(saved));
			close(fd);
			free(buf);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > max) {
		snprintf(err, errlen, "more than the limit of %s", limit);
		free(buf);
		errno = EFBIG;
		return -1;
	}
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
