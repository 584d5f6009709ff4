/* The folder export: a copy of each article under its relative path, made safe, and
   manifest.jsonl with each one's record, made in a temporary folder and renamed into
   place; with --force, moved into an earlier export file by file (export_force.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "export_force.h"
#include "export_int.h"
#include "file.h"
#include "xmalloc.h"

static char	*export_safe_path(const char *);
static int	 export_dir_file(int, const char *, const char *, size_t, char **);
static int	 export_dir_earlier(const struct export *, struct export_force_list *,
		    struct diag *);
static int	 export_dir_fill(const struct export *, const size_t *, size_t, int,
		    const char *, struct export_force_list *, char ***, size_t *,
		    struct diag *);
static void	 export_dir_unread(struct diag *, char **, size_t);

/* How many of the articles that could not be read a folder export names. */
#define EXPORT_DIR_NAMED	5

/* A relative path inside the export folder for an article's name: "" and "."
   components go, ".." becomes "_", and so does a name left empty. */
static char *
export_safe_path(const char *name)
{
	char		*out = xmalloc(strlen(name) + 2), *o = out;
	const char	*p = name;
	size_t		 len;

	while (*p != '\0') {
		len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (o != out)
				*o++ = '/';
			*o++ = '_';
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (o != out)
				*o++ = '/';
			memcpy(o, p, len);
			o += len;
		}
		p += len;
		if (*p == '/')
			p++;
	}
	if (o == out)
		*o++ = '_';
	*o = '\0';
	return out;
}

/* Writes bytes to a new file at rel under the directory dfd, making directories on
   the way; a name taken already gets "~N" added. Never follows a symbolic link: the
   folder is new and only this function makes things in it. */
static int
export_dir_file(int dfd, const char *rel, const char *buf, size_t len, char **made)
{
	char	*path = xstrdup(rel), *slash, *name;
	int	 fd = -1, k;
	ssize_t	 w;

	for (slash = strchr(path, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdirat(dfd, path, 0777) == -1 && errno != EEXIST)
			goto fail;
		*slash = '/';
	}
	for (k = 0; fd == -1 && k < 1000; k++) {
		name = k == 0 ? xstrdup(path) : xasprintf("%s~%d", path, k);
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0666);
		if (fd == -1 && errno != EEXIST) {
			free(name);
			goto fail;
		}
		if (fd != -1)
			*made = name;
		else
			free(name);
	}
	if (fd == -1)
		goto fail;
	while (len > 0) {
		if ((w = write(fd, buf, len)) == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto fail;
		}
		buf += w;
		len -= (size_t)w;
	}
	free(path);
	return close(fd);

fail:
	free(path);
	return -1;
}

/* Whether out is an earlier export that --force may go into: -1 with the reason in d
   if out exists and may not be replaced, 0 if there is none (nothing read), 1 with
   the files its manifest lists in old. */
static int
export_dir_earlier(const struct export *x, struct export_force_list *old,
    struct diag *d)
{
	struct stat	 st;
	char		*probe;

	if (lstat(x->out, &st) == -1)
		return 0;
	probe = xasprintf("%s/manifest.jsonl", x->out);
	if (!x->force || !S_ISDIR(st.st_mode) || access(probe, F_OK) == -1) {
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", !x->force ?
		    "exists; --force replaces an earlier export" :
		    "exists and is not an earlier export (no manifest.jsonl); "
		    "not replacing it");
		free(probe);
		return -1;
	}
	free(probe);
	if (export_force_read(x->out, old, d) == -1)
		return -1;
	return 1;
}

/* Says that the n articles could not be read, naming the first EXPORT_DIR_NAMED
   with why (unread holds "name (why)"): they are in the manifest without a copy. */
static void
export_dir_unread(struct diag *d, char **unread, size_t n)
{
	char	*list = xstrdup(""), *more;
	size_t	 i;

	for (i = 0; i < n && i < EXPORT_DIR_NAMED; i++) {
		more = xasprintf("%s%s%s", list, i > 0 ? ", " : "", unread[i]);
		free(list);
		list = more;
	}
	if (n > EXPORT_DIR_NAMED) {
		more = xasprintf("%s and %zu more", list, n - EXPORT_DIR_NAMED);
		free(list);
		list = more;
	}
	diag_add(d, DIAG_WARNING, NULL, 0, "%zu article%s could not be read "
	    "and %s no copy, only %s record in manifest.jsonl: %s", n, n == 1 ? "" : "s",
	    n == 1 ? "has" : "have", n == 1 ? "its" : "their", list);
	free(list);
}

/* Fills the new folder (open at dfd; named dir in messages, the folder the user
   gave rather than its temporary name): each article's copy, whose name is added
   to mine, and its record in manifest.jsonl. The articles that could not be read,
   as "name (why)", are added to unread (caller frees). Returns -1 with the reason
   in d. */
static int
export_dir_fill(const struct export *x, const size_t *sel, size_t n, int dfd,
    const char *dir, struct export_force_list *mine, char ***unread,
    size_t *nunread, struct diag *d)
{
	struct export_item	 it;
	struct scan_finder	*finder;
	struct match_list	 tmp = { NULL, 0, 0 };
	struct export_line	 line, *names;
	FILE			*manifest = NULL;
	char			*rel, *made;
	size_t			 i;
	int			 mfd, ok = 1, errnum;

	if ((mfd = openat(dfd, "manifest.jsonl", O_WRONLY | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0666)) == -1 || (manifest = fdopen(mfd, "w")) == NULL) {
		diag_add(d, DIAG_ERROR, NULL, 0, "%s/manifest.jsonl: %s", dir,
		    strerror(errno));
		if (mfd != -1)
			close(mfd);
		return -1;
	}
	names = export_names(x);
	finder = scan_finder_new(x->scan);
	for (i = 0; ok && i < n; i++) {
		export_gather(x, finder, &tmp, sel[i], &it);
		errnum = errno;
		made = NULL;
		if (!it.has_body) {
			/* What the scan found unreadable says why; what failed
			   only now, errno of the read. */
			*unread = xreallocarray(*unread, *nunread + 1,
			    sizeof **unread);
			(*unread)[(*nunread)++] = xasprintf("%s (%s)", it.a->name,
			    it.a->error != NULL ? it.a->error :
			    article_why(it.a->path, errnum));
		}
		if (it.has_body) {
			rel = export_safe_path(it.a->name);
			if (export_dir_file(dfd, rel, it.body.buf, it.body.len, &made) == -1) {
				diag_add(d, DIAG_ERROR, NULL, 0, "%s/%s: %s", dir, rel,
				    strerror(errno));
				ok = 0;
			}
			free(rel);
		}
		if (made != NULL)
			export_force_add(mine, made);
		if (ok) {
			line = export_record(x, &it, 0, made, names);
			if (fwrite(line.buf, 1, line.len, manifest) != line.len) {
				diag_add(d, DIAG_ERROR, NULL, 0, "%s/manifest.jsonl: %s",
				    dir, strerror(errno));
				ok = 0;
			}
			free(line.buf);
		}
		free(made);
		export_item_free(&it);
	}
	export_names_free(x, names);
	scan_finder_free(finder);
	match_list_free(&tmp);
	if (fclose(manifest) == EOF && ok) {
		diag_add(d, DIAG_ERROR, NULL, 0, "%s/manifest.jsonl: %s", dir,
		    strerror(errno));
		ok = 0;
	}
	return ok ? 0 : -1;
}

/* A folder: copies of the articles under their relative paths, and manifest.jsonl
   with each one's record. It is made under a temporary name beside out and renamed
   into place. --force goes only into a folder that holds a manifest, an earlier
   export: the files that manifest lists are replaced by the new ones, and nothing
   else there is touched (export_force.c); what else stays is said in d. */
int
export_dir(const struct export *x, const size_t *sel, size_t n, struct diag *d)
{
	struct export_force_list old, mine;
	char			*dir, **unread = NULL;
	size_t			 nunread = 0;
	int			 dfd, lk, ok, earlier;

	if (x->out == NULL || strcmp(x->out, "-") == 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, "a folder export needs -o FOLDER");
		return -1;
	}
	if ((earlier = export_dir_earlier(x, &old, d)) == -1)
		return -1;
	memset(&mine, 0, sizeof mine);
	file_sweep(x->out, FILE_STALE);
	dir = xasprintf("%s" FILE_TMP "XXXXXX", x->out);
	if (mkdtemp(dir) == NULL || (dfd = open(dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		/* The temporary name is rubric's: the user knows the folder
		   they gave. */
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", strerror(errno));
		free(dir);
		if (earlier)
			export_force_free(&old);
		return -1;
	}
	lk = file_hold(dfd);
	/* mkdtemp made it private; the export is made as any folder would be. */
	fchmod(dfd, 0777 & ~file_umask());
	ok = export_dir_fill(x, sel, n, dfd, x->out, &mine, &unread, &nunread, d) == 0;
	close(dfd);
	export_force_sort(&mine);
	if (ok && earlier) {
		/* Into the earlier export's folder, file by file. */
		if (export_force_apply(x->out, dir, &old, &mine, d) == -1)
			ok = 0;
	} else if (ok && rename(dir, x->out) == -1) {
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", strerror(errno));
		ok = 0;
	}
	if (earlier || !ok)
		file_remove_tree(dir);
	if (lk != -1)
		close(lk);
	if (earlier)
		export_force_free(&old);
	export_force_free(&mine);
	free(dir);
	/* Said once the export is in place: a failed one has no manifest. */
	if (ok && nunread > 0)
		export_dir_unread(d, unread, nunread);
	while (nunread > 0)
		free(unread[--nunread]);
	free(unread);
	return ok ? 0 : -1;
}
