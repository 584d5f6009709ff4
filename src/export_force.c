/* Replacing an earlier export folder (export_force.h) file by file, so that what the
   user keeps there (notes, other files, folders) is never removed with it. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "export_force.h"
#include "file.h"
#include "xmalloc.h"

#define EXPORT_FORCE_MAXSIZE	((size_t)1024 * 1024 * 1024)

static int	export_force_cmp(const void *, const void *);
static int	export_force_has(const struct export_force_list *, const char *);
static int	export_force_plain(const char *);
static int	export_force_parent(int, const char *, int, const char **,
		    size_t *);
static void	export_force_prune(int, const char *);
static int	export_force_other(const char *, const struct stat *, int,
		    struct FTW *);

static int
export_force_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
export_force_has(const struct export_force_list *l, const char *p)
{
	return l->n > 0 && bsearch(&p, l->v, l->n, sizeof *l->v,
	    export_force_cmp) != NULL;
}

void
export_force_add(struct export_force_list *l, const char *p)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(p);
}

void
export_force_sort(struct export_force_list *l)
{
	if (l->n > 0)
		qsort(l->v, l->n, sizeof *l->v, export_force_cmp);
}

void
export_force_free(struct export_force_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Whether p is a path an export makes: relative, no empty, "." or ".." part. A
   manifest edited to name ../../home would otherwise remove what it names. */
static int
export_force_plain(const char *p)
{
	size_t	 n;

	if (*p == '\0' || *p == '/')
		return 0;
	for (;;) {
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' &&
		    p[1] == '.'))
			return 0;
		if (p[n] == '\0')
			return 1;
		p += n + 1;
	}
}

int
export_force_read(const char *out, struct export_force_list *l, struct diag *d)
{
	json_t		*rec;
	json_error_t	 je;
	const char	*f;
	char		*path, *buf, *p, *nl;
	size_t		 len;
	int		 line = 0;

	memset(l, 0, sizeof *l);
	path = xasprintf("%s/manifest.jsonl", out);
	if (file_read(path, EXPORT_FORCE_MAXSIZE, 0, &buf, &len, d) == -1) {
		free(path);
		return -1;
	}
	for (p = buf; p < buf + len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(buf + len - p))) == NULL)
			nl = buf + len;
		line++;
		if (nl == p)
			continue;
		if ((rec = json_loadb(p, (size_t)(nl - p), 0, &je)) == NULL) {
			diag_add(d, DIAG_ERROR, path, line, "does not parse (%s); not "
			    "replacing the folder on its word", je.text);
			goto fail;
		}
		f = json_string_value(json_object_get(rec, "file"));
		if (f != NULL && !export_force_plain(f)) {
			diag_add(d, DIAG_ERROR, path, line, "\"file\" is not a path "
			    "inside the folder; not replacing the folder on its word");
			json_decref(rec);
			goto fail;
		}
		if (f != NULL)
			export_force_add(l, f);
		json_decref(rec);
	}
	export_force_sort(l);
	free(buf);
	free(path);
	return 0;

fail:
	free(buf);
	free(path);
	export_force_free(l);
	return -1;
}

/* Opens the folder that holds the last part of rel inside the folder open at dfd,
   part by part and never through a symbolic link (O_NOFOLLOW): a link the user put
   in the export folder can lead anywhere, and nothing outside it is removed or
   written. With make, a missing folder is made. Returns the descriptor (the caller
   closes it) with *base at rel's last part; -1 with errno set, and *link the length
   of the part of rel that is a symbolic link (0 if none). */
static int
export_force_parent(int dfd, const char *rel, int make, const char **base,
    size_t *link)
{
	struct stat	 st;
	const char	*p = rel, *slash;
	char		*name;
	int		 fd, next, saved;

	*link = 0;
	if ((fd = fcntl(dfd, F_DUPFD_CLOEXEC, 0)) == -1)
		return -1;
	for (; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		name = xstrndup(p, (size_t)(slash - p));
		if (make && mkdirat(fd, name, 0777) == -1 && errno != EEXIST)
			next = -1;
		else
			next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
		saved = errno;
		if (next == -1 && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode)) {
			*link = (size_t)(slash - rel);
			saved = ELOOP;
		}
		free(name);
		close(fd);
		if ((fd = next) == -1) {
			errno = saved;
			return -1;
		}
	}
	*base = p;
	return fd;
}

/* Removes the folders of rel inside the folder open at outfd, deepest first, while
   they are empty; a symbolic link on the way stops it. */
static void
export_force_prune(int outfd, const char *rel)
{
	const char	*base;
	char		*p = xstrdup(rel), *slash;
	size_t		 link;
	int		 fd, rc;

	while ((slash = strrchr(p, '/')) != NULL) {
		*slash = '\0';
		if ((fd = export_force_parent(outfd, p, 0, &base, &link)) == -1)
			break;
		rc = unlinkat(fd, base, AT_REMOVEDIR);
		close(fd);
		if (rc == -1)
			break;
	}
	free(p);
}

/* For export_force_other(): nftw() takes no argument. */
static const struct export_force_list	*export_force_made;
static size_t				 export_force_skip, export_force_count;
static char				 export_force_names[2][256];

/* Counts a file in the folder the new export did not make, keeping two names. */
static int
export_force_other(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	const char	*rel = path + export_force_skip;
	char		 swap[sizeof export_force_names[0]];
	size_t		 k;

	(void)st;
	(void)ftw;
	if (flag == FTW_D || flag == FTW_DP || *rel == '\0' ||
	    export_force_has(export_force_made, rel) ||
	    strcmp(rel, "manifest.jsonl") == 0)
		return 0;
	/* The two first by name, so that the message is the same every time. */
	if (export_force_count < 2 || strcmp(rel, export_force_names[1]) < 0) {
		k = export_force_count < 2 ? export_force_count : 1;
		snprintf(export_force_names[k], sizeof export_force_names[0], "%s",
		    rel);
		if (k == 1 && strcmp(export_force_names[0], export_force_names[1]) > 0) {
			memcpy(swap, export_force_names[0], sizeof swap);
			memcpy(export_force_names[0], export_force_names[1], sizeof swap);
			memcpy(export_force_names[1], swap, sizeof swap);
		}
	}
	export_force_count++;
	return 0;
}

int
export_force_apply(const char *out, const char *tmp,
    const struct export_force_list *old, const struct export_force_list *made,
    struct diag *d)
{
	struct stat	 st;
	const char	*base, *kept = NULL;
	char		*from, *links = NULL;
	size_t		 i, link, keptlink = 0, nkept = 0;
	int		 outfd, fd, rc;

	if ((outfd = open(out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		diag_add(d, DIAG_ERROR, out, 0, "%s", strerror(errno));
		return -1;
	}
	/* Nothing is changed before every new file has a place, none through a
	   symbolic link. */
	for (i = 0; i < made->n; i++) {
		if ((fd = export_force_parent(outfd, made->v[i], 0, &base, &link)) ==
		    -1 && link > 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, "%s/%s: %.*s/ is a symbolic "
			    "link; not writing through it (nothing was changed)", out,
			    made->v[i], (int)link, made->v[i]);
			close(outfd);
			return -1;
		}
		if (fd == -1)
			continue;
		rc = fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW);
		close(fd);
		if (rc == 0 && !export_force_has(old, made->v[i])) {
			diag_add(d, DIAG_ERROR, NULL, 0, "%s/%s: not made by the "
			    "earlier export; not replacing it (nothing was changed)",
			    out, made->v[i]);
			close(outfd);
			return -1;
		}
	}
	/* The earlier files go, each from its own folder: one listed behind a
	   link the user put there stays where the link leads. */
	for (i = 0; i < old->n; i++) {
		if ((fd = export_force_parent(outfd, old->v[i], 0, &base, &link)) ==
		    -1) {
			if (link > 0 && nkept++ == 0) {
				kept = old->v[i];
				keptlink = link;
			}
			continue;
		}
		if (fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISDIR(st.st_mode))
			unlinkat(fd, base, 0);
		close(fd);
		export_force_prune(outfd, old->v[i]);
	}
	for (i = 0; i < made->n + 1; i++) {
		const char	*rel = i < made->n ? made->v[i] : "manifest.jsonl";

		from = xasprintf("%s/%s", tmp, rel);
		if ((fd = export_force_parent(outfd, rel, 1, &base, &link)) == -1 ||
		    renameat(AT_FDCWD, from, fd, base) == -1) {
			if (link > 0)
				diag_add(d, DIAG_ERROR, NULL, 0, "%s/%s: %.*s/ is a "
				    "symbolic link; not writing through it", out, rel,
				    (int)link, rel);
			else
				diag_add(d, DIAG_ERROR, NULL, 0, "%s/%s: %s", out, rel,
				    strerror(errno));
			if (fd != -1)
				close(fd);
			free(from);
			close(outfd);
			return -1;
		}
		close(fd);
		free(from);
	}
	close(outfd);
	/* One notice, its two parts joined, as the user reads it on one line. */
	if (nkept > 0)
		links = xasprintf("%s/%s: kept: %.*s/ is a symbolic link, not "
		    "followed%s", out, kept, (int)keptlink, kept, nkept > 1 ?
		    " (and other files behind links)" : "");
	export_force_made = made;
	export_force_skip = strlen(out) + 1;
	export_force_count = 0;
	nftw(out, export_force_other, 16, FTW_PHYS);
	if (export_force_count > 0)
		diag_add(d, DIAG_NOTICE, NULL, 0, "%s%s%s: %zu file%s the export did "
		    "not make %s kept: %s%s%s%s", links != NULL ? links : "",
		    links != NULL ? "; " : "", out,
		    export_force_count, export_force_count == 1 ? "" : "s",
		    export_force_count == 1 ? "was" : "were",
		    export_force_names[0], export_force_count > 1 ? ", " : "",
		    export_force_count > 1 ? export_force_names[1] : "",
		    export_force_count > 2 ? ", ..." : "");
	else if (links != NULL)
		diag_add(d, DIAG_NOTICE, NULL, 0, "%s", links);
	free(links);
	return 0;
}
