/* Canonical names of articles relative to the sidecar's folder (canon.h): what the
   screen, the listing and rubric tag all use, so that a folder reached through a
   symbolic link gives an article one name, not two. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "canon.h"
#include "xmalloc.h"

static char	*canon_inside(const struct canon *, const char *);
static char	*canon_rest(const char *);
static char	*canon_real(struct canon *, const char *);
static char	*canon_dir(struct canon *, const char *);

int
canon_init(struct canon *c, const char *sidecar_path)
{
	const char	*slash = strrchr(sidecar_path, '/');
	char		*dir;

	memset(c, 0, sizeof *c);
	dir = slash == NULL ? xstrdup(".") : slash == sidecar_path ? xstrdup("/") :
	    xstrndup(sidecar_path, (size_t)(slash - sidecar_path));
	c->base = realpath(dir, NULL);
	free(dir);
	return c->base != NULL ? 0 : -1;
}

void
canon_free(struct canon *c)
{
	free(c->base);
	free(c->lastdir);
	free(c->lastrel);
	free(c->updir);
	free(c->upabs);
	memset(c, 0, sizeof *c);
}

/* realpath(dir): its parent's, kept from the folder before (the folders of a corpus
   come in order, a thousand side by side), and its own name when that is a folder
   and not a link; a lstat() where realpath() reads every part's link. */
static char *
canon_real(struct canon *c, const char *dir)
{
	const char	*slash = strrchr(dir, '/'), *leaf;
	struct stat	 st;
	char		*up;

	up = slash == NULL ? xstrdup(".") : slash == dir ? xstrdup("/") :
	    xstrndup(dir, (size_t)(slash - dir));
	leaf = slash == NULL ? dir : slash + 1;
	if (c->updir == NULL || strcmp(c->updir, up) != 0) {
		free(c->updir);
		free(c->upabs);
		c->updir = up;
		c->upabs = realpath(up, NULL);
	} else
		free(up);
	if (c->upabs != NULL && *leaf != '\0' && strcmp(leaf, ".") != 0 &&
	    strcmp(leaf, "..") != 0 && lstat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return strcmp(c->upabs, "/") == 0 ? xasprintf("/%s", leaf) :
		    xasprintf("%s/%s", c->upabs, leaf);
	return realpath(dir, NULL);
}

/* abs (resolved) relative to the base: "" for the base itself, NULL if outside. */
static char *
canon_inside(const struct canon *c, const char *abs)
{
	size_t	 n = strlen(c->base);

	if (strcmp(c->base, "/") == 0)
		return xstrdup(abs + 1);
	if (strcmp(abs, c->base) == 0)
		return xstrdup("");
	if (strncmp(abs, c->base, n) == 0 && abs[n] == '/')
		return xstrdup(abs + n + 1);
	return NULL;
}

/* The components of a path as written, joined by one slash, "." left out; NULL if
   one is "..", which would name something else than the link's path. */
static char *
canon_rest(const char *s)
{
	char	*out = xmalloc(strlen(s) + 1), *o = out;
	size_t	 n;

	while (*s != '\0') {
		n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			free(out);
			return NULL;
		}
		if (n > 0 && !(n == 1 && s[0] == '.')) {
			if (o != out)
				*o++ = '/';
			memcpy(o, s, n);
			o += n;
		}
		s += n;
		while (*s == '/')
			s++;
	}
	*o = '\0';
	return out;
}

/* The canonical name of the folder dir, or NULL with errno set. Inside the base when
   resolved, it is that; outside, it is the link's path: the deepest folder above
   it, as written, that resolves inside, joined to the rest as written. */
static char *
canon_dir(struct canon *c, const char *dir)
{
	const char	*tail;
	char		*abs, *rel, *copy, *slash, *rest, *out;
	size_t		 len;

	if ((abs = canon_real(c, dir)) == NULL)
		return NULL;
	rel = canon_inside(c, abs);
	free(abs);
	if (rel != NULL)
		return rel;
	copy = xstrdup(dir);
	len = strlen(copy);
	for (;;) {
		while (len > 1 && copy[len - 1] == '/')
			len--;
		copy[len] = '\0';
		if ((slash = strrchr(copy, '/')) == NULL) {
			abs = realpath(".", NULL);
			tail = dir;
		} else if (slash == copy) {
			abs = realpath("/", NULL);
			tail = dir + 1;
		} else {
			*slash = '\0';
			abs = realpath(copy, NULL);
			tail = dir + (slash - copy) + 1;
		}
		rel = abs != NULL ? canon_inside(c, abs) : NULL;
		free(abs);
		if (rel != NULL || slash == NULL || slash == copy)
			break;
		len = (size_t)(slash - copy);
	}
	free(copy);
	if (rel == NULL || (rest = canon_rest(tail)) == NULL) {
		free(rel);
		errno = EXDEV;
		return NULL;
	}
	out = *rel == '\0' ? xstrdup(rest) : *rest == '\0' ? xstrdup(rel) :
	    xasprintf("%s/%s", rel, rest);
	free(rest);
	free(rel);
	return out;
}

char *
canon_join(struct canon *c, const char *dir, const char *leaf)
{
	if (c->lastdir == NULL || strcmp(c->lastdir, dir) != 0) {
		free(c->lastdir);
		free(c->lastrel);
		c->lastdir = xstrdup(dir);
		c->lastrel = canon_dir(c, dir);
		c->lasterr = c->lastrel == NULL ? errno : 0;
	}
	if (c->lastrel == NULL) {
		errno = c->lasterr;
		return NULL;
	}
	return *c->lastrel != '\0' ? xasprintf("%s/%s", c->lastrel, leaf) :
	    xstrdup(leaf);
}

char *
canon_name(struct canon *c, const char *file)
{
	struct stat	 st;
	char		*copy, *slash, *leaf, *out;
	size_t		 len;

	if (lstat(file, &st) == -1)
		return NULL;
	copy = xstrdup(file);
	len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	if ((slash = strrchr(copy, '/')) == NULL) {
		leaf = copy;
		out = canon_join(c, ".", leaf);
	} else {
		leaf = slash + 1;
		*slash = '\0';
		out = canon_join(c, slash == copy ? "/" : copy, leaf);
	}
	if (out != NULL && (strcmp(leaf, ".") == 0 || strcmp(leaf, "..") == 0)) {
		/* A folder named by . or ..: no article, and no name. */
		free(out);
		out = NULL;
		errno = EISDIR;
	}
	free(copy);
	return out;
}
