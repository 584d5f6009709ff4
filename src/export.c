/* Export: the formats' dispatch and where their output goes. An export to a file is
   written under a temporary name beside it and takes the name once whole (file.c's
   staged replace); the formats are each in a file of their own: export_jsonl.c,
   export_text.c (csv, md, txt), export_folder.c, with the safe writers every command
   uses in export_safe.c and one article's gathering in export_item.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "export_int.h"
#include "file.h"
#include "xmalloc.h"

/* The output stream's buffer: see export_open(). */
static char	 export_buf[256 * 1024];

static const char	*export_formats[] = { "jsonl", "csv", "md", "txt", "dir" };

int
export_format(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof export_formats / sizeof export_formats[0]; i++)
		if (strcmp(name, export_formats[i]) == 0)
			return (int)i;
	return -1;
}

/* The lock on the temporary file of the export under way (file_hold()), held until
   it has its name: one export is written at a time. */
static int	export_hold = -1;

/* Opens where the output goes: out under a temporary name next to it, or stdout. */
static FILE *
export_open(const struct export *x, char **tmp, char *err, size_t errlen)
{
	struct stat	 st;
	FILE		*f;
	int		 fd;

	*tmp = NULL;
	/* Big writes: 48 MB in 4 KiB pieces is 12,000 system calls. (glibc takes
	   no size without a buffer.) One export is written at a time, and standard
	   output keeps the buffer to the end; it gets it unless it is a terminal,
	   and nothing has been written to it before. */
	if (x->out == NULL || strcmp(x->out, "-") == 0) {
		if (!isatty(STDOUT_FILENO))
			setvbuf(stdout, export_buf, _IOFBF, sizeof export_buf);
		return stdout;
	}
	/* The output replaces a file by renaming; over a link it would replace the
	   link (-o /dev/stdout as root: the system's), so a link is refused. */
	if (lstat(x->out, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%s: is a symbolic link; give the file it points "
		    "at, or - for standard output", x->out);
		return NULL;
	}
	if (stat(x->out, &st) == 0 && (!x->force || !S_ISREG(st.st_mode))) {
		snprintf(err, errlen, "%s: %s", x->out, S_ISREG(st.st_mode) ?
		    "exists; --force replaces it" : "exists and is not a file");
		return NULL;
	}
	file_sweep(x->out, FILE_STALE);
	*tmp = xasprintf("%s" FILE_TMP "XXXXXX", x->out);
	if ((fd = mkstemp(*tmp)) != -1)
		export_hold = file_hold(fd);
	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", *tmp, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(*tmp);
		}
		if (export_hold != -1)
			close(export_hold);
		export_hold = -1;
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	setvbuf(f, export_buf, _IOFBF, sizeof export_buf);
	fchmod(fd, 0666 & ~file_umask());
	return f;
}

/* Finishes the output: on success the temporary file takes out's name. */
static int
export_close(const struct export *x, FILE *f, char *tmp, int ok, char *err,
    size_t errlen)
{
	int	 saved;

	if (f == stdout) {
		if (fflush(stdout) == EOF && ok) {
			snprintf(err, errlen, "standard output: %s", strerror(errno));
			return -1;
		}
		return ok ? 0 : -1;
	}
	if (ok && (fflush(f) == EOF || fsync(fileno(f)) == -1)) {
		snprintf(err, errlen, "%s: %s", x->out, strerror(errno));
		ok = 0;
	}
	if (fclose(f) == EOF && ok) {
		snprintf(err, errlen, "%s: %s", x->out, strerror(errno));
		ok = 0;
	}
	if (ok && rename(tmp, x->out) == -1) {
		saved = errno;
		snprintf(err, errlen, "%s: %s", x->out, strerror(saved));
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	if (export_hold != -1)
		close(export_hold);
	export_hold = -1;
	free(tmp);
	return ok ? 0 : -1;
}

int
export_write(const struct export *x, const size_t *sel, size_t n, char *err,
    size_t errlen)
{
	struct export_item	 it;
	struct scan_finder	*finder;
	struct match_list	 tmp = { NULL, 0, 0 };
	FILE			*f;
	char			*tmpname;
	size_t			 i;
	int			 ok = 1;

	*err = '\0';
	if (x->format == EXPORT_DIR)
		return export_dir(x, sel, n, err, errlen);
	if ((f = export_open(x, &tmpname, err, errlen)) == NULL)
		return -1;
	if (x->format == EXPORT_JSONL) {
		ok = export_jsonl(x, f, sel, n) == 0 && !ferror(f);
		if (!ok)
			snprintf(err, errlen, "%s: %s", x->out != NULL ? x->out :
			    "standard output", strerror(errno));
		return export_close(x, f, tmpname, ok, err, errlen);
	}
	if (x->format == EXPORT_CSV)
		export_csv_header(x, f);
	finder = scan_finder_new(x->scan);
	for (i = 0; i < n && ok; i++) {
		export_gather(x, finder, &tmp, sel[i], &it);
		switch (x->format) {
		case EXPORT_CSV:
			export_csv(x, f, &it);
			break;
		case EXPORT_MD:
			export_md(x, f, &it);
			break;
		default:
			export_txt(f, &it);
			break;
		}
		export_item_free(&it);
		if (ferror(f))
			ok = 0;
	}
	scan_finder_free(finder);
	match_list_free(&tmp);
	if (!ok)
		snprintf(err, errlen, "%s: %s", x->out != NULL ? x->out :
		    "standard output", strerror(errno));
	return export_close(x, f, tmpname, ok, err, errlen);
}
