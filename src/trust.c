/* Trust in files found by walking up (trust.h): who owns a file and its folder, who
   else may write them, and the folders the user allowed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "ini.h"
#include "trust.h"
#include "xmalloc.h"

static int	trust_mygroup(gid_t);
static int	trust_others_write(const struct stat *);
static int	trust_list(const char *, const char *);

/* Whether gid is the user's group or one of the groups the user is in. */
static int
trust_mygroup(gid_t gid)
{
	gid_t	*v;
	int	 n, i, mine = gid == getegid();

	if (mine || (n = getgroups(0, NULL)) <= 0)
		return mine;
	v = xreallocarray(NULL, (size_t)n, sizeof *v);
	n = getgroups(n, v);
	for (i = 0; i < n && !mine; i++)
		mine = v[i] == gid;
	free(v);
	return mine;
}

/* Whether someone who is neither the owner nor in a group of the user may write. */
static int
trust_others_write(const struct stat *st)
{
	return (st->st_mode & S_IWOTH) != 0 ||
	    ((st->st_mode & S_IWGRP) != 0 && !trust_mygroup(st->st_gid));
}

/* Whether the colon-separated list holds "*" or a folder that resolves to real. */
static int
trust_list(const char *list, const char *real)
{
	char	*copy, *p, *word, *r;
	int	 yes = 0;

	copy = xstrdup(list);
	for (p = copy; !yes && (word = strsep(&p, ":")) != NULL;) {
		if (strcmp(word, "*") == 0) {
			yes = 1;
			break;
		}
		if (*word == '\0' || (r = realpath(word, NULL)) == NULL)
			continue;
		yes = strcmp(r, real) == 0;
		free(r);
	}
	free(copy);
	return yes;
}

int
trust_allowed(const char *dir)
{
	struct ini	 ini;
	struct diag	 d;
	const char	*env = getenv(TRUST_ENV), *v;
	char		*real, *user;
	int		 yes = 0;

	if ((real = realpath(dir, NULL)) == NULL)
		return 0;
	if (env != NULL && trust_list(env, real))
		yes = 1;
	/* Only the user's own file: a corpus's themes file allowing itself would
	   make the allowing worth nothing. Its problems are config's to report. */
	if (!yes && (user = config_user_path()) != NULL) {
		memset(&d, 0, sizeof d);
		if (access(user, F_OK) == 0) {
			if (ini_load(&ini, user, &d) == 0 &&
			    (v = ini_get(&ini, "rubric", "safe_directory")) != NULL)
				yes = trust_list(v, real);
			ini_free(&ini);
		}
		diag_free(&d);
		free(user);
	}
	free(real);
	return yes;
}

int
trust_found(const char *path, const char *option, enum diag_level level,
    struct diag *d)
{
	struct stat	 lst, st, dst;
	const char	*slash = strrchr(path, '/'), *why = NULL;
	char		*dir, *user;
	uid_t		 me = geteuid();

	if (lstat(path, &lst) == -1)
		return 1;
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if (stat(path, &st) == -1)
		st = lst;
	if (st.st_uid != me && trust_others_write(&st))
		why = "another user's, and others may write it";
	else if (lst.st_uid != me && stat(dir, &dst) == 0 && trust_others_write(&dst))
		why = (dst.st_mode & S_ISVTX) != 0 && (dst.st_mode & S_IWOTH) != 0 ?
		    "another user's, in a sticky world-writable folder" :
		    "another user's, in a folder others may write";
	if (why == NULL || trust_allowed(dir)) {
		free(dir);
		return 1;
	}
	user = config_user_path();
	diag_add(d, level, path, 0, "not used: %s (owner uid %lu, mode %04o); if you "
	    "trust it, %s%s%s%s%sallow its folder: %s=%s, or safe_directory = %s "
	    "in [rubric] of %s", why, (unsigned long)st.st_uid,
	    (unsigned int)(st.st_mode & 07777), option != NULL ? "give " : "",
	    option != NULL ? option : "", option != NULL ? " " : "",
	    option != NULL ? path : "", option != NULL ? ", or " : "", TRUST_ENV, dir, dir, user != NULL ? user : "your configuration file");
	free(user);
	free(dir);
	return 0;
}
