/* Replacing an earlier export folder (export_force.h) file by file, so that what the
   user keeps there (notes, other files, folders) is never removed with it. */
#include <errno.h>
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
static void	export_force_prune(const char *, const char *);
static int	export_force_mkdirs(const char *, const char *);
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
export_force_read(const char *out, struct export_force_list *l, char *err,
    size_t errlen)
{
	json_t		*rec;
	json_error_t	 je;
	const char	*f;
	char		*path, *buf, *p, *nl, why[128];
	size_t		 len;
	int		 line = 0;

	memset(l, 0, sizeof *l);
	path = xasprintf("%s/manifest.jsonl", out);
	if (file_read(path, EXPORT_FORCE_MAXSIZE, &buf, &len, why, sizeof why) == -1) {
		snprintf(err, errlen, "%s: %s", path, why);
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
			snprintf(err, errlen, "%s:%d: does not parse (%s); not replacing "
			    "the folder on its word", path, line, je.text);
			goto fail;
		}
		f = json_string_value(json_object_get(rec, "file"));
		if (f != NULL && !export_force_plain(f)) {
			snprintf(err, errlen, "%s:%d: \"file\" is not a path inside the "
			    "folder; not replacing the folder on its word", path, line);
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

/* Removes the folders of rel inside out, deepest first, while they are empty. */
static void
export_force_prune(const char *out, const char *rel)
{
	char	*p = xasprintf("%s/%s", out, rel), *slash;
	size_t	 n = strlen(out);

	while ((slash = strrchr(p, '/')) != NULL && (size_t)(slash - p) > n) {
		*slash = '\0';
		if (rmdir(p) == -1)
			break;
	}
	free(p);
}

/* Makes the folders of rel inside out. */
static int
export_force_mkdirs(const char *out, const char *rel)
{
	char	*p = xasprintf("%s/%s", out, rel), *slash;
	int	 rc = 0;

	for (slash = strchr(p + strlen(out) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*slash = '/';
	}
	free(p);
	return rc;
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
    char *err, size_t errlen, char *note, size_t notelen)
{
	struct stat	 st;
	char		*from, *to;
	size_t		 i;

	*note = '\0';
	/* Nothing is changed before every new file has a place. */
	for (i = 0; i < made->n; i++) {
		to = xasprintf("%s/%s", out, made->v[i]);
		if (lstat(to, &st) == 0 && !export_force_has(old, made->v[i])) {
			snprintf(err, errlen, "%s: not made by the earlier export; not "
			    "replacing it (nothing was changed)", to);
			free(to);
			return -1;
		}
		free(to);
	}
	for (i = 0; i < old->n; i++) {
		to = xasprintf("%s/%s", out, old->v[i]);
		if (lstat(to, &st) == 0 && !S_ISDIR(st.st_mode))
			unlink(to);
		free(to);
		export_force_prune(out, old->v[i]);
	}
	for (i = 0; i < made->n + 1; i++) {
		const char	*rel = i < made->n ? made->v[i] : "manifest.jsonl";

		from = xasprintf("%s/%s", tmp, rel);
		to = xasprintf("%s/%s", out, rel);
		if (export_force_mkdirs(out, rel) == -1 || rename(from, to) == -1) {
			snprintf(err, errlen, "%s: %s", to, strerror(errno));
			free(from);
			free(to);
			return -1;
		}
		free(from);
		free(to);
	}
	export_force_made = made;
	export_force_skip = strlen(out) + 1;
	export_force_count = 0;
	nftw(out, export_force_other, 16, FTW_PHYS);
	if (export_force_count > 0)
		snprintf(note, notelen, "%s: %zu file%s the export did not make %s kept: "
		    "%s%s%s%s", out, export_force_count, export_force_count == 1 ?
		    "" : "s", export_force_count == 1 ? "was" : "were",
		    export_force_names[0], export_force_count > 1 ? ", " : "",
		    export_force_count > 1 ? export_force_names[1] : "",
		    export_force_count > 2 ? ", ..." : "");
	return 0;
}
