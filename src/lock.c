/* Locking NAME.lock and the modes of shared files. The lock is a POSIX record lock
   on the whole file: F_GETLK names the process that holds it, which flock cannot. A
   process holds it through one descriptor only, as closing any descriptor of the
   file would drop it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "lock.h"
#include "xmalloc.h"

#define LOCK_DEFAULT_MS	10000
#define LOCK_SAY_MS	500	/* a wait longer than this is announced */

static int	lock_try(int, pid_t *);
static long	lock_now_ms(void);
static char	*lock_dir(const char *);
static int	 lock_member(gid_t);

int
lock_timeout(void)
{
	const char	*s = getenv("RUBRIC_LOCK_TIMEOUT");
	char		*end;
	double		 v;

	if (s == NULL || *s == '\0')
		return LOCK_DEFAULT_MS;
	v = strtod(s, &end);
	if (*end != '\0' || v < 0 || v > 86400)
		return LOCK_DEFAULT_MS;
	return (int)(v * 1000);
}

static long
lock_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One try at the lock. Returns 0 when taken, 1 when another process holds it (its
   pid in *holder, 0 if unknown), -1 on an error with errno set. An older rubric
   locked with flock: that lock is taken as well, so the two never save at once. */
static int
lock_try(int fd, pid_t *holder)
{
	struct flock	 fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == -1) {
		if (errno != EACCES && errno != EAGAIN && errno != EINTR)
			return -1;
		*holder = 0;
		if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
			*holder = fl.l_pid;
		return 1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		fl.l_type = F_UNLCK;
		fcntl(fd, F_SETLK, &fl);
		*holder = 0;
		return 1;
	}
	return 0;
}

int
lock_take(const char *lockpath, const char *name, int wait_ms, pid_t *holder,
    struct diag *d)
{
	struct stat	 st;
	unsigned int	 type;
	long		 start = lock_now_ms(), pause = 1;
	int		 fd, r, said = 0, made;

	*holder = -1;
	made = stat(lockpath, &st) == -1 && errno == ENOENT;
	if ((fd = file_open_regular(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW,
	    &type)) == -1) {
		if (type != 0)
			diag_add(d, DIAG_ERROR, lockpath, 0, "%s, not a regular file",
			    file_kind(type));
		else
			diag_add(d, DIAG_ERROR, lockpath, 0, "%s", strerror(errno));
		return -1;
	}
	/* Made by this process, or an older 0644 one of this user's: teammates must
	   be able to open it for writing, or they are locked out. */
	if (made || (fstat(fd, &st) == 0 && st.st_uid == geteuid()))
		lock_share(fd, lockpath);
	while ((r = lock_try(fd, holder)) == 1) {
		if (lock_now_ms() - start >= wait_ms)
			break;
		if (!said && lock_now_ms() - start >= LOCK_SAY_MS) {
			if (*holder > 0)
				diag_say("waiting for %s: locked by pid %ld", name,
				    (long)*holder);
			else
				diag_say("waiting for %s: locked by another process", name);
			said = 1;
		}
		usleep((useconds_t)pause * 1000);
		if (pause < 50)
			pause *= 2;
	}
	if (r == 0)
		return fd;
	if (r == 1) {
		if (*holder > 0)
			diag_add(d, DIAG_ERROR, NULL, 0, "waiting for %s: locked by "
			    "pid %ld", name, (long)*holder);
		else
			diag_add(d, DIAG_ERROR, NULL, 0, "waiting for %s: locked by "
			    "another process", name);
	} else {
		diag_add(d, DIAG_ERROR, lockpath, 0, "%s", strerror(errno));
		*holder = -1;
	}
	close(fd);
	return -1;
}

/* The folder of path. Caller frees. */
static char *
lock_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

mode_t
lock_shared_mode(const char *path)
{
	struct stat	 st;
	char		*dir = lock_dir(path);
	mode_t		 mode = 0666 & ~(mode_t)file_umask();

	if (stat(dir, &st) == 0 && (st.st_mode & S_IWGRP))
		mode |= S_IRGRP | S_IWGRP;
	free(dir);
	return mode;
}

/* Whether the process is in group gid, its own or a supplementary one. */
static int
lock_member(gid_t gid)
{
	gid_t	*v;
	int	 n, i, yes = gid == getegid();

	if (yes || (n = getgroups(0, NULL)) <= 0)
		return yes;
	v = xreallocarray(NULL, (size_t)n, sizeof *v);
	n = getgroups(n, v);
	for (i = 0; i < n && !yes; i++)
		yes = v[i] == gid;
	free(v);
	return yes;
}

void
lock_share(int fd, const char *path)
{
	struct stat	 st, dst;
	char		*dir = lock_dir(path);
	mode_t		 want = lock_shared_mode(path);

	/* Without setgid on the folder a new file takes the maker's own group, which
	   would lock the team out: it is given the folder's group, as setgid would. */
	if (fstat(fd, &st) == 0 && stat(dir, &dst) == 0 &&
	    (dst.st_mode & S_IWGRP) && st.st_gid != dst.st_gid &&
	    st.st_uid == geteuid() && lock_member(dst.st_gid))
		(void)fchown(fd, (uid_t)-1, dst.st_gid);
	free(dir);
	if (fstat(fd, &st) == 0 && (st.st_mode & 0777) != want &&
	    (st.st_mode & want) != want)
		(void)fchmod(fd, (st.st_mode & 0777) | want);
}
