/* Files: reading one whole (the configuration and the sidecar are read this way, then
   parsed from memory), and only if it is a regular file under a limit; finding one above
   a directory; removing a tree; replacing one all at once (a temporary file, synced,
   renamed over it, the folder synced), for every file rubric replaces. */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdarg.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "xmalloc.h"

static void	file_size_words(size_t, char *, size_t);
static int	file_open_refuse(unsigned int, unsigned int *);
static int	file_read_fail(const char *, struct diag *, int, const char *, ...)
		    __attribute__((format(printf, 4, 5)));
static char	*file_lexical(const char *);
static void	file_sync_dir(const char *);
static void	file_stage_release(struct file_stage *);

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
file_open_regular(const char *path, int flags, unsigned int *type)
{
	struct stat	 st;
	int		 fd, saved;

	if (type != NULL)
		*type = 0;
	/* Looked at before it is opened: opening a device can do things (a tape
	   rewinds), and a FIFO's open waits for a writer without O_NONBLOCK. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return file_open_refuse(st.st_mode, type);
	if ((fd = open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0666)) == -1) {
		if (errno == ELOOP && (flags & O_NOFOLLOW) && type != NULL)
			*type = S_IFLNK;
		return -1;
	}
	/* And again once open, in case it was swapped in between. */
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return file_open_refuse(st.st_mode, type);
	}
	return fd;
}

/* Refuses a file for its type: -1 with errno EINVAL and the type in *type. */
static int
file_open_refuse(unsigned int mode, unsigned int *type)
{
	if (type != NULL)
		*type = mode & S_IFMT;
	errno = EINVAL;
	return -1;
}

int
file_read(const char *path, size_t max, int flags, char **out, size_t *outlen,
    struct diag *d)
{
	struct stat	 st;
	char		*buf = NULL, limit[32];
	size_t		 len = 0, cap;
	ssize_t		 n;
	unsigned int	 type;
	int		 fd, saved;

	if ((fd = file_open_regular(path, O_RDONLY, &type)) == -1) {
		if (type != 0)
			return file_read_fail(path, d, EINVAL, "%s, not a regular file",
			    file_kind(type));
		if (errno == ENOENT && (flags & FILE_ABSENT))
			return -1;
		return file_read_fail(path, d, errno, "%s", strerror(errno));
	}
	file_size_words(max, limit, sizeof limit);
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		return file_read_fail(path, d, saved, "%s", strerror(saved));
	}
	if (st.st_size < 0 || (unsigned long long)st.st_size > max) {
		close(fd);
		return file_read_fail(path, d, EFBIG, "%lld bytes, over the limit of %s",
		    (long long)st.st_size, limit);
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
			close(fd);
			free(buf);
			return file_read_fail(path, d, saved, "%s", strerror(saved));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > max) {
		free(buf);
		return file_read_fail(path, d, EFBIG, "more than the limit of %s",
		    limit);
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

/* Says why path was not read, "PATH: why", in d (if any), and returns -1 with errno
   set to errnum, for file_read()'s callers that look at it. */
static int
file_read_fail(const char *path, struct diag *d, int errnum, const char *fmt, ...)
{
	va_list	 ap;
	char	 why[128];

	/* The reasons are short: errno's words, a file's kind, a size. */
	if (d != NULL) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof why, fmt, ap);
		va_end(ap);
		diag_add(d, DIAG_ERROR, path, 0, "%s", why);
	}
	errno = errnum;
	return -1;
}

/* where as an absolute path as written (the current folder before it), "." parts
   and doubled slashes left out; NULL if it has a ".." part, which only the file
   system can resolve, or the current folder is unknown. Caller frees. */
static char *
file_lexical(const char *where)
{
	char	*cwd = NULL, *abs, *o;
	const char *s;
	size_t	 n;

	if (*where != '/' && (cwd = realpath(".", NULL)) == NULL)
		return NULL;
	abs = xmalloc((cwd != NULL ? strlen(cwd) : 0) + strlen(where) + 2);
	o = abs;
	if (cwd != NULL && strcmp(cwd, "/") != 0) {
		memcpy(o, cwd, strlen(cwd));
		o += strlen(cwd);
	}
	free(cwd);
	for (s = where; *s != '\0';) {
		while (*s == '/')
			s++;
		n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			free(abs);
			return NULL;
		}
		if (n > 0 && !(n == 1 && *s == '.')) {
			*o++ = '/';
			memcpy(o, s, n);
			o += n;
		}
		s += n;
	}
	if (o == abs)
		*o++ = '/';
	*o = '\0';
	return abs;
}

char *
file_find_up(const char *where, const char *name)
{
	struct stat	 st;
	char		*abs, *slash, *path;

	/* Up the path as written: a file reached through a linked folder finds the
	   sidecar of the folder the link is in, as its name there says; only a path
	   with ".." is resolved first. */
	if (stat(where, &st) == -1)
		return NULL;
	if ((abs = file_lexical(where)) == NULL &&
	    (abs = realpath(where, NULL)) == NULL)
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
file_hold(int fd)
{
	int	 lk;

	if ((lk = fcntl(fd, F_DUPFD_CLOEXEC, 0)) == -1)
		return -1;
	if (flock(lk, LOCK_EX | LOCK_NB) == -1) {
		close(lk);
		return -1;
	}
	return lk;
}

int
file_sweep(const char *path, int stale)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 st, lst;
	const char	*slash = strrchr(path, '/');
	char		*dname, *prefix, *victim;
	size_t		 plen;
	int		 fd, gone = 0;

	dname = slash != NULL ? xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path)) : xstrdup(".");
	prefix = xasprintf("%s" FILE_TMP, slash != NULL ? slash + 1 : path);
	plen = strlen(prefix);
	if ((dir = opendir(dname)) == NULL)
		goto out;
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, prefix, plen) != 0 ||
		    strlen(de->d_name) != plen + 6)
			continue;
		victim = xasprintf("%s/%s", dname, de->d_name);
		/* A live writer holds the lock: trying it tells the two apart. */
		fd = open(victim, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
		    O_CLOEXEC);
		if (fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
		    fstat(fd, &st) == 0 && lstat(victim, &lst) == 0 &&
		    st.st_ino == lst.st_ino && st.st_dev == lst.st_dev &&
		    time(NULL) - st.st_mtime >= stale &&
		    (S_ISDIR(st.st_mode) ? file_remove_tree(victim) : unlink(victim)) == 0)
			gone++;
		if (fd != -1)
			close(fd);
		free(victim);
	}
	closedir(dir);
out:
	free(prefix);
	free(dname);
	return gone;
}

int
file_stage_open(struct file_stage *st, const char *path, unsigned int mode)
{
	struct stat	 sb;
	int		 saved, same = 0;

	memset(st, 0, sizeof *st);
	st->fd = st->lk = -1;
	if (mode == FILE_SAME)
		same = stat(path, &sb) == 0;
	st->tmp = xasprintf("%s" FILE_TMP "XXXXXX", path);
	if ((st->fd = mkstemp(st->tmp)) == -1) {
		saved = errno;
		free(st->tmp);
		st->tmp = NULL;
		errno = saved;
		return -1;
	}
	st->path = xstrdup(path);
	st->lk = file_hold(st->fd);
	/* mkstemp makes the file 0600 and the writer's. */
	if (mode == FILE_SAME) {
		if (!same)
			mode = 0666 & ~file_umask();
		else {
			mode = sb.st_mode & 07777;
			if (fchown(st->fd, (uid_t)-1, sb.st_gid) == -1)
				mode &= ~(unsigned int)S_IWGRP;
		}
	}
	if (fchmod(st->fd, (mode_t)mode) == -1) {
		file_stage_abandon(st);
		return -1;
	}
	return 0;
}

FILE *
file_stage_stream(struct file_stage *st)
{
	if (st->f == NULL)
		st->f = fdopen(st->fd, "w");
	return st->f;
}

/* Syncs the folder path is in: a rename is durable only once the folder is on
   disk. Nothing to do about a failure: the file is in place. */
static void
file_sync_dir(const char *path)
{
	char	*dir = xstrdup(path), *slash;
	int	 dfd;

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
}

int
file_stage_commit(struct file_stage *st)
{
	int	 rc;

	if (st->f != NULL && fflush(st->f) == EOF)
		goto fail;
	if (fsync(st->fd) == -1)
		goto fail;
	rc = st->f != NULL ? fclose(st->f) : close(st->fd);
	st->f = NULL;
	st->fd = -1;
	if (rc != 0 || rename(st->tmp, st->path) == -1)
		goto fail;
	file_sync_dir(st->path);
	file_stage_release(st);
	return 0;

fail:
	file_stage_abandon(st);
	return -1;
}

void
file_stage_abandon(struct file_stage *st)
{
	int	 saved = errno;

	if (st->f != NULL)
		fclose(st->f);
	else if (st->fd != -1)
		close(st->fd);
	if (st->tmp != NULL)
		unlink(st->tmp);
	file_stage_release(st);
	errno = saved;
}

/* Ends a stage whose file is closed and renamed or removed: lets the lock go and
   frees the names, leaving st as a stage that holds nothing, for commit and abandon
   alike. */
static void
file_stage_release(struct file_stage *st)
{
	if (st->lk != -1)
		close(st->lk);
	free(st->tmp);
	free(st->path);
	memset(st, 0, sizeof *st);
	st->fd = st->lk = -1;
}

int
file_replace(const char *path, const void *buf, size_t len, unsigned int mode)
{
	struct file_stage	 st;
	const char		*p = buf;
	size_t			 off;
	ssize_t			 w;

	if (file_stage_open(&st, path, mode) == -1)
		return -1;
	for (off = 0; off < len; off += (size_t)w)
		if ((w = write(st.fd, p + off, len - off)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			file_stage_abandon(&st);
			return -1;
		}
	return file_stage_commit(&st);
}

char *
file_home(const char *typed)
{
	const char	*home = getenv("HOME");

	if (typed[0] != '~' || (typed[1] != '\0' && typed[1] != '/') ||
	    home == NULL || *home == '\0')
		return xstrdup(typed);
	/* "~/x" with HOME=/ is "/x", not "//x". */
	if (typed[1] == '/' && home[strlen(home) - 1] == '/')
		typed++;
	return xasprintf("%s%s", home, typed + 1);
}
