/* faultshim: an LD_PRELOAD library that makes one call of a save fail, to see what
   rubric does when it meets a full disk, an I/O error or no memory there.

   Counting starts when a file whose name ends in ".lock" is opened: the start of a
   save. From then on, RUBRIC_FAULT=NAME:N makes the Nth call to NAME fail (NAME:N-M:
   the Nth to the Mth), where NAME is open, mkstemp, write, fsync, rename or malloc.
   pthread_create is counted from the start instead, to see the scan and the export
   do their work in the calling thread when no other is to be had.
   RUBRIC_FAULT_LOG=FILE appends, at exit, how many calls of each there were.
   RUBRIC_SLOW_READ=MS makes every read() of more than 8 KiB sleep MS milliseconds
   first: a slow disk for whole articles, while their heads (8 KiB at most) and the
   terminal come at once.
   RUBRIC_SLOW_STATAT=MS makes every fstatat() of a name ending in .txt (an
   article looked at from its folder: the screen's verifier) sleep MS milliseconds.
   RUBRIC_COARSE_STAMPS=1 makes stat() and its kin give times to the second, as
   ext4 with small inodes, FAT or some NFS servers stamp them: two writes within
   a second leave a file's size, mtime and ctime as the first left them. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

enum { F_OPEN, F_MKSTEMP, F_WRITE, F_FSYNC, F_RENAME, F_MALLOC, F_THREAD, F_COUNT };

static const char *const names[F_COUNT] = {
	"open", "mkstemp", "write", "fsync", "rename", "malloc", "pthread_create"
};
static const int errors[F_COUNT] = {
	EACCES, ENOSPC, ENOSPC, EIO, EIO, ENOMEM, EAGAIN
};

static int	armed;
static long	calls[F_COUNT];
static int	fault = -1;
static long	fault_from, fault_to;

extern void	*__libc_malloc(size_t);

static void
shim_setup(void)
{
	static int	 done;
	const char	*s = getenv("RUBRIC_FAULT");
	const char	*colon;
	int		 i;

	if (done++ || s == NULL || (colon = strchr(s, ':')) == NULL)
		return;
	for (i = 0; i < F_COUNT; i++)
		if (strncmp(s, names[i], (size_t)(colon - s)) == 0 &&
		    names[i][colon - s] == '\0')
			fault = i;
	fault_from = fault_to = strtol(colon + 1, NULL, 10);
	if ((colon = strchr(colon, '-')) != NULL)
		fault_to = strtol(colon + 1, NULL, 10);
}

/* Whether this call of f is to fail: counted only once a save has begun. */
static int
shim_fails(int f)
{
	long	 n;

	if (!armed && f != F_THREAD)
		return 0;
	shim_setup();
	n = ++calls[f];
	if (f == fault && n >= fault_from && n <= fault_to) {
		errno = errors[f];
		return 1;
	}
	return 0;
}

static void
shim_arm(const char *path)
{
	size_t	 n = strlen(path);

	if (n > 5 && strcmp(path + n - 5, ".lock") == 0)
		armed = 1;
}

__attribute__((destructor)) static void
shim_report(void)
{
	const char	*log = getenv("RUBRIC_FAULT_LOG");
	FILE		*f;
	int		 i;

	armed = 0;
	if (log == NULL || (f = fopen(log, "a")) == NULL)
		return;
	for (i = 0; i < F_COUNT; i++)
		fprintf(f, "%s %ld\n", names[i], calls[i]);
	fclose(f);
}

static int
shim_open(const char *real, const char *path, int flags, mode_t mode)
{
	int	(*fn)(const char *, int, ...) = (int (*)(const char *, int, ...))
		    dlsym(RTLD_NEXT, real);

	shim_arm(path);
	if (shim_fails(F_OPEN))
		return -1;
	return fn(path, flags, mode);
}

int
open(const char *path, int flags, ...)
{
	va_list	 ap;
	mode_t	 mode = 0;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = va_arg(ap, mode_t);
	va_end(ap);
	return shim_open("open", path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	va_list	 ap;
	mode_t	 mode = 0;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = va_arg(ap, mode_t);
	va_end(ap);
	return shim_open("open64", path, flags, mode);
}

static int
shim_mkstemp(const char *real, char *tmpl)
{
	int	(*fn)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, real);

	if (shim_fails(F_MKSTEMP))
		return -1;
	return fn(tmpl);
}

int
mkstemp(char *tmpl)
{
	return shim_mkstemp("mkstemp", tmpl);
}

int
mkstemp64(char *tmpl)
{
	return shim_mkstemp("mkstemp64", tmpl);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	ssize_t	(*fn)(int, const void *, size_t) = (ssize_t (*)(int, const void *,
		    size_t))dlsym(RTLD_NEXT, "write");

	/* Only files: what goes to the terminal is no save. */
	if (fd > 2 && shim_fails(F_WRITE))
		return -1;
	return fn(fd, buf, n);
}

int
fsync(int fd)
{
	int	(*fn)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");

	if (shim_fails(F_FSYNC))
		return -1;
	return fn(fd);
}

int
rename(const char *from, const char *to)
{
	int	(*fn)(const char *, const char *) = (int (*)(const char *,
		    const char *))dlsym(RTLD_NEXT, "rename");

	if (shim_fails(F_RENAME))
		return -1;
	return fn(from, to);
}

void *
malloc(size_t n)
{
	if (shim_fails(F_MALLOC))
		return NULL;
	return __libc_malloc(n);
}

int
pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
    void *arg)
{
	int	(*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *),
		    void *) = (int (*)(pthread_t *, const pthread_attr_t *,
		    void *(*)(void *), void *))dlsym(RTLD_NEXT, "pthread_create");

	if (shim_fails(F_THREAD))
		return errno;
	return real(t, attr, fn, arg);
}

ssize_t
read(int fd, void *buf, size_t n)
{
	ssize_t		(*fn)(int, void *, size_t) = (ssize_t (*)(int, void *,
			    size_t))dlsym(RTLD_NEXT, "read");
	const char	*slow = getenv("RUBRIC_SLOW_READ");
	struct timespec	 ts;
	long		 ms;

	if (slow != NULL && n > 8192 && (ms = strtol(slow, NULL, 10)) > 0) {
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = ms % 1000 * 1000000;
		nanosleep(&ts, NULL);
	}
	return fn(fd, buf, n);
}

/* The times of st to the second, with RUBRIC_COARSE_STAMPS; rc passed through. */
static int
shim_coarse(int rc, struct stat64 *st)
{
	const char	*s = getenv("RUBRIC_COARSE_STAMPS");

	if (rc == 0 && s != NULL && strcmp(s, "1") == 0) {
		st->st_atim.tv_nsec = 0;
		st->st_mtim.tv_nsec = 0;
		st->st_ctim.tv_nsec = 0;
	}
	return rc;
}

int
stat64(const char *path, struct stat64 *st)
{
	int	(*fn)(const char *, struct stat64 *) = (int (*)(const char *,
		    struct stat64 *))dlsym(RTLD_NEXT, "stat64");

	return shim_coarse(fn(path, st), st);
}

int
lstat64(const char *path, struct stat64 *st)
{
	int	(*fn)(const char *, struct stat64 *) = (int (*)(const char *,
		    struct stat64 *))dlsym(RTLD_NEXT, "lstat64");

	return shim_coarse(fn(path, st), st);
}

int
fstat64(int fd, struct stat64 *st)
{
	int	(*fn)(int, struct stat64 *) = (int (*)(int, struct stat64 *))dlsym(
		    RTLD_NEXT, "fstat64");

	return shim_coarse(fn(fd, st), st);
}

int
fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
	int	(*fn)(int, const char *, struct stat64 *, int) = (int (*)(int,
		    const char *, struct stat64 *, int))dlsym(RTLD_NEXT, "fstatat64");

	const char	*slow = getenv("RUBRIC_SLOW_STATAT");
	size_t		 len = strlen(path);
	struct timespec	 ts;
	long		 ms;

	if (slow != NULL && len > 4 && strcmp(path + len - 4, ".txt") == 0 &&
	    (ms = strtol(slow, NULL, 10)) > 0) {
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = ms % 1000 * 1000000;
		nanosleep(&ts, NULL);
	}
	return shim_coarse(fn(dirfd, path, st, flags), st);
}
