/* The state journal (journal_state.h): a journal beside nothing, for when the
   sidecar's lock is another process's. Same lines as the journal beside the sidecar
   (journal.c), after a first line naming the sidecar. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "journal.h"
#include "journal_state.h"
#include "xmalloc.h"

static char	*journal_state_real(const char *);
static char	*journal_state_header(const char *);
static int	 journal_state_mkdir(char *);

/* The sidecar's real path, which need not exist yet: its folder's, then its name.
   Caller frees; NULL if the folder cannot be resolved. */
static char *
journal_state_real(const char *sidecar)
{
	const char	*slash = strrchr(sidecar, '/');
	char		*dir, *rdir, *r;

	if ((r = realpath(sidecar, NULL)) != NULL)
		return r;
	dir = slash == NULL ? xstrdup(".") : xstrndup(sidecar, slash == sidecar ? 1 :
	    (size_t)(slash - sidecar));
	rdir = realpath(dir, NULL);
	free(dir);
	if (rdir == NULL)
		return NULL;
	r = xasprintf("%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir,
	    slash == NULL ? sidecar : slash + 1);
	free(rdir);
	return r;
}

/* The first line of the state journal of the sidecar at real path. Caller frees. */
static char *
journal_state_header(const char *real)
{
	char	*q = journal_quote(real), *h;

	h = xasprintf("# rubric: changes for the sidecar %s, applied by its next "
	    "save; see rubric(5)\n", q);
	free(q);
	return h;
}

char *
journal_state_path(const char *sidecar)
{
	const char	*xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char		*real, *p;
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i;

	if ((real = journal_state_real(sidecar)) == NULL)
		return NULL;
	for (i = 0; real[i] != '\0'; i++)
		h = (h ^ (unsigned char)real[i]) * 1099511628211ULL;
	free(real);
	if (xdg != NULL && xdg[0] == '/')
		p = xasprintf("%s/rubric/sidecar-%016llx.journal", xdg,
		    (unsigned long long)h);
	else if (home != NULL && home[0] == '/')
		p = xasprintf("%s/.local/state/rubric/sidecar-%016llx.journal", home,
		    (unsigned long long)h);
	else
		p = NULL;
	return p;
}

int
journal_state_exists(const char *sidecar)
{
	struct stat	 st;
	char		*p = journal_state_path(sidecar);
	int		 r;

	r = p != NULL && stat(p, &st) == 0 && st.st_size > 0;
	free(p);
	return r;
}

/* Makes the folders above the file at path, private to the user. */
static int
journal_state_mkdir(char *path)
{
	char	*s;

	for (s = strchr(path + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return 0;
}

int
journal_state_append(const char *sidecar, const struct sidecar_ops *ops,
    char **where)
{
	struct stat	 st;
	struct buf	 b;
	char		*path, *real, *line;
	size_t		 i, n, off;
	ssize_t		 w;
	int		 fd, saved;

	*where = NULL;
	if ((path = journal_state_path(sidecar)) == NULL ||
	    (real = journal_state_real(sidecar)) == NULL) {
		free(path);
		errno = ENOENT;
		return -1;
	}
	if (journal_state_mkdir(path) == -1)
		goto fail;
	/* A taker removes the file while it holds it: what was opened before then is
	   opened again. */
	for (;;) {
		if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
		    O_CLOEXEC, 0600)) == -1)
			goto fail;
		if (flock(fd, LOCK_EX) == -1 || fstat(fd, &st) == -1) {
			saved = errno;
			close(fd);
			errno = saved;
			goto fail;
		}
		if (st.st_nlink > 0)
			break;
		close(fd);
	}
	memset(&b, 0, sizeof b);
	buf_put(&b, "", 0);
	if (st.st_size == 0) {
		line = journal_state_header(real);
		buf_puts(&b, line);
		free(line);
	}
	for (i = 0; i < ops->n; i++) {
		line = journal_line(&ops->v[i]);
		buf_puts(&b, line);
		free(line);
	}
	n = b.n;
	for (off = 0; off < n; off += (size_t)w)
		if ((w = write(fd, b.s + off, n - off)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			break;
		}
	buf_free(&b);
	if (off < n || fsync(fd) == -1) {
		saved = errno;
		if (off > 0)
			(void)ftruncate(fd, st.st_size);
		close(fd);
		errno = saved;
		goto fail;
	}
	close(fd);
	free(real);
	*where = path;
	return 0;
fail:
	saved = errno;
	free(real);
	free(path);
	errno = saved;
	return -1;
}

int
journal_state_take(const char *sidecar, struct sidecar_ops *ops, int *fd,
    struct diag *d)
{
	struct stat	 st;
	char		*path, *real, *header;
	int		 n, bad;

	*fd = -1;
	if ((path = journal_state_path(sidecar)) == NULL)
		return 0;
	if ((*fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) == -1) {
		free(path);
		return 0;
	}
	if (flock(*fd, LOCK_EX) == -1 || fstat(*fd, &st) == -1 ||
	    !S_ISREG(st.st_mode) || st.st_nlink == 0 || st.st_uid != geteuid()) {
		close(*fd);
		*fd = -1;
		free(path);
		return 0;
	}
	real = journal_state_real(sidecar);
	header = journal_state_header(real != NULL ? real : sidecar);
	n = journal_read_file(path, header, ops, &bad, d);
	free(header);
	free(real);
	free(path);
	return n;
}

int
journal_state_done(const char *sidecar, int fd, int saved)
{
	char	*path;
	int	 r = 0, e = 0;

	if (fd == -1)
		return 0;
	if (saved && (path = journal_state_path(sidecar)) != NULL) {
		if (unlink(path) == -1 && errno != ENOENT) {
			r = -1;
			e = errno;
		}
		free(path);
	}
	close(fd);
	errno = e;
	return r;
}
