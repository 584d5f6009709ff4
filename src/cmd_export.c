/* rubric export: the articles a query picks (all without one), written out as JSON
   Lines, CSV, Markdown, plain text, a folder or a REFI-QDA project (qdpx). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "xmalloc.h"

static int	cmd_export(struct cmd_args *);

static const struct cmd_option cmd_export_options[] = {
	{ 'f', 'f', "format", "FORMAT", "jsonl, csv, md, txt, dir (a folder) or "
	    "qdpx (REFI-QDA)" },
	{ 'o', 'o', "output", "OUT", "write to OUT (a file, or a folder for dir)" },
	{ 'b', '\0', "body", NULL, "with each article's text" },
	{ 'p', '\0', "passages", NULL, "csv: a row per coded passage instead" },
	{ 'F', '\0', "force", NULL, "write over an OUT that is there" },
	{ 'n', '\0', "snippets", "N", "at most N snippets an article (0: all; "
	    "jsonl 20, md 10)" },
	{ 'd', '\0', "dedup", NULL, "one article a cluster of near-duplicates: "
	    "the first picked" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_export_entry = {
	"export", NULL,
	"Write out what a query picks: jsonl, csv, md, txt, a folder or qdpx",
	"export [--config FILE] [--sidecar FILE] [-q QUERY] "
	"-f jsonl|csv|md|txt|dir|qdpx [-o OUT] [--body] [--passages] [--force] "
	"[--snippets N] [--dedup] [PATH...]",
	NULL, CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, cmd_export_options, 0, -1,
	cmd_export
};

static int
cmd_export(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und;
	struct query		*q;
	struct export		 x;
	struct diag		 d = { 0 };
	size_t			*sel, nsel, nund, counted, i;
	int			 rc, format = -1, dedup, want;

	memset(&x, 0, sizeof x);
	/* Every -f given is checked, in order, as it was read. */
	for (i = 0; i < args->nv; i++)
		if (args->v[i].key == 'f' &&
		    (format = export_format(args->v[i].value)) == -1) {
			diag_say("--format: '%s' is not one of jsonl, csv, md, txt, "
			    "dir, qdpx", args->v[i].value);
			return 2;
		}
	x.body = cmd_args_has(args, 'b');
	x.passages = cmd_args_has(args, 'p');
	x.force = cmd_args_has(args, 'F');
	x.out = cmd_args_get(args, 'o');
	/* 0 asks for all; the struct's 0 is the format's default. */
	x.snippets = cmd_args_number(args, 'n', 0);
	if (cmd_args_has(args, 'n') && x.snippets == 0)
		x.snippets = EXPORT_ALL;
	if (format == -1) {
		diag_say("-f FORMAT is needed: jsonl, csv, md, txt, dir or qdpx");
		return cmd_args_usage_error(args->entry);
	}
	x.format = (enum export_format)format;
	if (x.passages && x.format != EXPORT_CSV) {
		diag_say("--passages is for -f csv");
		return 2;
	}
	if (x.format == EXPORT_DIR && x.out == NULL) {
		diag_say("-f dir needs -o FOLDER");
		return 2;
	}
	/* A zip is no stream: it is written whole, then renamed into place. */
	if (x.format == EXPORT_QDPX && (x.out == NULL || strcmp(x.out, "-") == 0)) {
		diag_say("-f qdpx needs -o FILE.qdpx");
		return 2;
	}
	if ((rc = cmd_open(&c, args->config, args->sidecar, args->query, args->argv,
	    args->argc, &q)) != 0)
		return rc;
	/* JSON Lines counts what the cache lacks as it goes, on every core, so that
	   a first export reads and searches each article once; the other formats
	   want the counts first, and so do the clusters (--dedup, and JSON Lines'
	   "cluster" while near-duplicates are found): every signature is needed
	   before the first record. */
	dedup = cmd_args_has(args, 'd');
	want = dedup || (x.format == EXPORT_JSONL &&
	    c.config.duplicate_threshold > 0);
	if (x.format == EXPORT_JSONL && !want)
		catalog_scan_open(&c);
	else if (cmd_scan(&c) == -1 || (want && catalog_dups(&c) == NULL))
		goto stopped;
	sel = xcalloc(c.corpus.n + 1, sizeof *sel);
	und = xcalloc(c.corpus.n + 1, sizeof *und);
	nsel = cmd_select(&c, q, sel, und, &nund);
	if (cmd_stopped()) {
		free(und);
		free(sel);
		goto stopped;
	}
	if (dedup)
		export_dedup(c.dups, sel, &nsel);
	counted = scan_progress(c.scan);
	x.corpus = &c.corpus;
	x.config = &c.config;
	x.scan = c.scan;
	x.side = &c.side;
	x.rel = c.rel;
	x.dups = c.dups;
	/* An export is a record of what the query picks: with articles it could not
	   decide it would be short, so nothing is written. */
	if ((rc = cmd_undecided(&c, und, nund)) != 0)
		diag_say("nothing was written: the query could not decide %zu "
		    "article%s", nund, nund == 1 ? "" : "s");
	else if (export_write(&x, sel, nsel, &d) == -1)
		rc = 1;
	diag_print(&d, stderr);
	diag_free(&d);
	if (scan_progress(c.scan) > counted)
		catalog_scan_save(&c);
	free(und);
	free(sel);
	query_free(q);
	catalog_free(&c);
	return rc;

stopped:
	cmd_stopped();
	query_free(q);
	catalog_free(&c);
	return 130;
}
