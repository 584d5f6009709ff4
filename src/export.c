/* Export: the formats' dispatch and where their output goes. An export to a file is
   written under a temporary name beside it and takes the name once whole (file.c's
   file_stage). Each format is in a file of its own: export_jsonl.c, export_csv.c,
   export_md.c, export_txt.c, export_folder.c and export_qdpx.c; the safe writers
   every command uses are in export_safe.c, and one article's gathering in
   export_item.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dups.h"
#include "export.h"
#include "export_int.h"
#include "file.h"
#include "xmalloc.h"

static FILE	*export_open(const struct export *, struct file_stage *, struct diag *);
static int	export_close(const struct export *, FILE *, struct file_stage *, int,
		    struct diag *);

/* The output stream's buffer: see export_open(). */
static char	 export_buf[256 * 1024];

static const char	*export_formats[] = { "jsonl", "csv", "md", "txt", "dir",
			    "qdpx" };

int
export_format(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof export_formats / sizeof export_formats[0]; i++)
		if (strcmp(name, export_formats[i]) == 0)
			return (int)i;
	return -1;
}

/* Stages x->out (a file) under a temporary name beside it, which st then holds: -1
   with the reason in d if out is a link, or is there and not to be replaced. */
int
export_stage(const struct export *x, struct file_stage *st, struct diag *d)
{
	struct stat	 sb;

	/* The output replaces a file by renaming; over a link it would replace the
	   link (-o /dev/stdout as root: the system's), so a link is refused. */
	if (lstat(x->out, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		diag_add(d, DIAG_ERROR, x->out, 0, "is a symbolic link; give the file "
		    "it points at%s", x->format == EXPORT_QDPX ? "" :
		    ", or - for standard output");
		return -1;
	}
	if (stat(x->out, &sb) == 0 && (!x->force || !S_ISREG(sb.st_mode))) {
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", S_ISREG(sb.st_mode) ?
		    "exists; --force replaces it" : "exists and is not a file");
		return -1;
	}
	file_sweep(x->out, FILE_STALE);
	if (file_stage_open(st, x->out, 0666 & ~file_umask()) == -1) {
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Opens where the output goes: standard output, or out staged under a temporary name
   beside it (file_stage_open()), which st then holds. */
static FILE *
export_open(const struct export *x, struct file_stage *st, struct diag *d)
{
	FILE		*f;

	/* Big writes: 48 MB in 4 KiB pieces is 12,000 system calls. (glibc takes
	   no size without a buffer.) One export is written at a time, and standard
	   output keeps the buffer to the end; it gets it unless it is a terminal,
	   and nothing has been written to it before. */
	if (x->out == NULL || strcmp(x->out, "-") == 0) {
		if (!isatty(STDOUT_FILENO))
			setvbuf(stdout, export_buf, _IOFBF, sizeof export_buf);
		return stdout;
	}
	if (export_stage(x, st, d) == -1)
		return NULL;
	if ((f = file_stage_stream(st)) == NULL) {
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", strerror(errno));
		file_stage_abandon(st);
		return NULL;
	}
	setvbuf(f, export_buf, _IOFBF, sizeof export_buf);
	return f;
}

/* Finishes the output: on success the temporary file takes out's name, synced, and
   on failure it goes. */
static int
export_close(const struct export *x, FILE *f, struct file_stage *st, int ok,
    struct diag *d)
{
	if (f == stdout) {
		if (fflush(stdout) == EOF && ok) {
			diag_add(d, DIAG_ERROR, "standard output", 0, "%s",
			    strerror(errno));
			return -1;
		}
		return ok ? 0 : -1;
	}
	if (!ok) {
		file_stage_abandon(st);
		return -1;
	}
	if (file_stage_commit(st) == -1) {
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

int
export_write(const struct export *x, const size_t *sel, size_t n, struct diag *d)
{
	struct export_item	 it;
	struct scan_finder	*finder;
	struct match_list	 tmp = { NULL, 0, 0 };
	struct file_stage	 st;
	struct export_md_codes	*codes = NULL;
	FILE			*f;
	size_t			 i;
	int			 ok = 1;

	if (x->format == EXPORT_DIR)
		return export_dir(x, sel, n, d);
	if (x->format == EXPORT_QDPX)
		return export_qdpx(x, sel, n, d);
	if ((f = export_open(x, &st, d)) == NULL)
		return -1;
	if (x->format == EXPORT_JSONL) {
		ok = export_jsonl(x, f, sel, n) == 0 && !ferror(f);
		if (!ok)
			diag_add(d, DIAG_ERROR, x->out != NULL ? x->out :
			    "standard output", 0, "%s", strerror(errno));
		return export_close(x, f, &st, ok, d);
	}
	if (x->format == EXPORT_CSV && x->passages)
		export_csv_passages_header(f);
	else if (x->format == EXPORT_CSV)
		export_csv_header(x, f);
	if (x->format == EXPORT_MD)
		codes = export_md_codes_new();
	finder = scan_finder_new(x->scan);
	for (i = 0; i < n && ok; i++) {
		export_gather(x, finder, &tmp, sel[i], &it);
		switch (x->format) {
		case EXPORT_CSV:
			if (x->passages)
				export_csv_passages(f, &it);
			else
				export_csv(x, f, &it);
			break;
		case EXPORT_MD:
			export_md(x, f, &it);
			export_md_codes_add(codes, &it);
			break;
		default:
			export_txt(f, &it);
			break;
		}
		export_item_free(&it);
		if (ferror(f))
			ok = 0;
	}
	/* The digest ends with every passage under each of its codes. */
	if (codes != NULL && ok)
		export_md_codes_write(f, codes);
	export_md_codes_free(codes);
	scan_finder_free(finder);
	match_list_free(&tmp);
	if (!ok || ferror(f))
		ok = 0;
	if (!ok)
		diag_add(d, DIAG_ERROR, x->out != NULL ? x->out :
		    "standard output", 0, "%s", strerror(errno));
	return export_close(x, f, &st, ok, d);
}

size_t
export_dedup(const struct dups *d, size_t *sel, size_t *n)
{
	uint8_t		*picked;
	uint32_t	*keep, k;
	const uint32_t	*m;
	size_t		 i, j, cnt, out = 0;

	picked = xcalloc(dups_narticles(d) / 8 + 1, 1);
	keep = xreallocarray(NULL, dups_nclusters(d) + 1, sizeof *keep);
	for (i = 0; i < *n; i++)
		picked[sel[i] / 8] |= 1u << (sel[i] % 8);
	/* Each cluster's members are in its order: the first picked is kept. */
	for (k = 0; k < dups_nclusters(d); k++) {
		keep[k] = DUPS_NONE;
		m = dups_members(d, k, &cnt);
		for (j = 0; j < cnt && keep[k] == DUPS_NONE; j++)
			if (picked[m[j] / 8] >> (m[j] % 8) & 1)
				keep[k] = m[j];
	}
	for (i = 0; i < *n; i++)
		if ((k = dups_cluster(d, sel[i])) == DUPS_NONE || keep[k] == sel[i])
			sel[out++] = sel[i];
	free(keep);
	free(picked);
	i = *n - out;
	*n = out;
	return i;
}
