/* Canonical names: the one name an article has in the sidecar, however it was reached.
   A file's folder is resolved (realpath) and named relative to the sidecar's folder;
   the file's own name is kept as written, so a symbolic link to a file is an article
   of its own. A folder that resolves outside the sidecar's folder (a link from inside
   pointing out) is named by the link's path: the deepest folder above it that
   resolves inside, then the rest as written. */
#ifndef RUBRIC_CANON_H
#define RUBRIC_CANON_H

struct canon {
	char	*base;		/* realpath of the sidecar's folder */
	char	*lastdir;	/* the folder asked about last, as given */
	char	*lastrel;	/* and its canonical name ("" the base itself), or NULL */
	int	 lasterr;	/* errno when lastrel is NULL */
	char	*updir;		/* the folder above the last, as given */
	char	*upabs;		/* and its realpath, or NULL */
};

/* Resolves the folder of the sidecar at sidecar_path (which need not exist). Returns
   -1 with errno set if that folder cannot be resolved. */
int	canon_init(struct canon *, const char *sidecar_path);
void	canon_free(struct canon *);
/* The canonical name of the entry leaf in the folder dir (as written: relative to the
   current folder or absolute), or NULL with errno set: ENOENT when dir does not
   exist, EXDEV when it is not below the sidecar's folder. The last folder's answer
   is kept, so a caller going through a folder's files resolves it once. Caller frees. */
char	*canon_join(struct canon *, const char *dir, const char *leaf);
/* The canonical name of file, which must exist (lstat), or NULL with errno set as
   above. Caller frees. */
char	*canon_name(struct canon *, const char *file);

#endif
