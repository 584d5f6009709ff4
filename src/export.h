/* Export: a set of articles written out for reports and other tools, as JSON Lines,
   CSV, a Markdown digest, plain text, a folder of copies with a manifest, or a REFI-QDA
   project (.qdpx) for the qualitative analysis programs. Whatever
   an article holds, the text formats carry no control byte (controls become the
   screen's markers), JSON is always valid UTF-8, and a folder export writes nothing
   outside its folder. Output to a file is made under a temporary name, synced and
   renamed into place (file_stage), so a reader never sees half of it. */
#ifndef RUBRIC_EXPORT_H
#define RUBRIC_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "corpus.h"
#include "diag.h"
#include "config.h"
#include "scan.h"
#include "sidecar.h"
/* The safe writers, which every command and the screen use through this header. */
#include "export_safe.h"

enum export_format {
	EXPORT_JSONL,
	EXPORT_CSV,
	EXPORT_MD,
	EXPORT_TXT,
	EXPORT_DIR,
	EXPORT_QDPX		/* REFI-QDA's project exchange: a zip (export_qdpx.c) */
};

#define EXPORT_CONTEXT	60	/* characters of a snippet each side of its match */
/* Snippets an article, unless asked for more: one long article can hold a hundred
   thousand matches, and the record would carry each with its context. */
#define EXPORT_SNIPPETS		20	/* in JSON Lines and a folder's manifest */
#define EXPORT_MD_SNIPPETS	10	/* in the Markdown digest */
#define EXPORT_ALL		((size_t)-1)	/* as snippets: every one */

struct export {
	enum export_format	 format;
	const char		*out;		/* NULL: standard output (not for dir,
						   qdpx) */
	int			 body;		/* jsonl: the text too */
	int			 force;		/* replace an existing out */
	int			 passages;	/* csv: a row a passage instead */
	size_t			 snippets;	/* at most so many an article (jsonl,
						   dir's manifest, md); 0: the
						   format's default, EXPORT_ALL */

	/* What is exported: borrowed. Counts come from scan, which must not be running;
	   jsonl counts an article the scan has not (scan_article), csv, md, txt and
	   dir need every article counted. */
	const struct corpus	*corpus;
	const struct config	*config;
	struct scan		*scan;
	const struct sidecar	*side;
	char *const		*rel;		/* per article: its path in the sidecar */
	const struct dups	*dups;		/* the near-duplicates' clusters, for
						   jsonl's "cluster"; NULL: none
						   known, "cluster" is null */
};

struct dups;
/* Keeps of sel[0..*n), in its order, the articles in no cluster of d and, of each
   cluster, the one that comes first in the cluster's order (the earliest date, then
   the path): the cluster's first when sel has it. Returns how many were left out. */
size_t	export_dedup(const struct dups *d, size_t *sel, size_t *n);
/* The format called name (jsonl, csv, md, txt, dir, qdpx); -1 if none. */
int	export_format(const char *name);
/* Writes the articles sel[0..n) (indices into the corpus). Returns 0, maybe with a
   DIAG_NOTICE in d (a folder export with --force says what else it left in the
   folder), or -1 with the reason in d, and then nothing at out has changed but for a
   folder export that failed while moving its files in. */
int	export_write(const struct export *, const size_t *sel, size_t n, struct diag *d);

#endif
