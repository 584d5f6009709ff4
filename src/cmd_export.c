/* rubric export: the articles a query picks (all without one), written out as JSON
   Lines, CSV, Markdown, plain text or a folder. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "xmalloc.h"

int
cmd_export(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "body",	no_argument,		NULL, 'b' },
		{ "config",	required_argument,	NULL, 'c' },
		{ "force",	no_argument,		NULL, 'F' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "query",	required_argument,	NULL, 'q' },
		{ "sidecar",	required_argument,	NULL, 's' },
		{ NULL,		0,			NULL, 0 }
	};
	struct catalog		 c;
	struct catalog_undecided *und;
	struct query		*q;
	struct export		 x;
	const char		*extra = NULL, *given = NULL, *query = NULL;
	char			 err[4096];
	size_t			*sel, nsel, nund, counted;
	int			 ch, rc, format = -1;

	memset(&x, 0, sizeof x);
	optind = 1;
	while ((ch = cmd_getopt(argc, argv, "export", "c:f:o:q:s:", longopts)) != -1) {
		switch (ch) {
		case 'b':
			x.body = 1;
			break;
		case 'c':
			extra = optarg;
			break;
		case 'F':
			x.force = 1;
			break;
		case 'f':
			if ((format = export_format(optarg)) == -1) {
				diag_say("export: no format called '%s' "
				    "(jsonl, csv, md, txt, dir)", optarg);
				return 2;
			}
			break;
		case 'o':
			x.out = optarg;
			break;
		case 'q':
			query = optarg;
			break;
		case 's':
			given = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (format == -1)
		goto usage;
	x.format = (enum export_format)format;
	if (x.format == EXPORT_DIR && x.out == NULL) {
		fputs("rubric: export: -f dir needs -o FOLDER\n", stderr);
		return 2;
	}
	if ((rc = cmd_open(&c, extra, given, query, argv + optind, argc - optind,
	    &q)) != 0)
		return rc;
	/* JSON Lines counts what the cache lacks as it goes, on every core, so that
	   a first export reads and searches each article once; the other formats
	   want the counts first. */
	if (x.format == EXPORT_JSONL)
		catalog_scan_open(&c);
	else
		catalog_scan(&c);
	sel = xcalloc(c.corpus.n + 1, sizeof *sel);
	und = xcalloc(c.corpus.n + 1, sizeof *und);
	nsel = catalog_select(&c, q, sel, und, &nund);
	counted = scan_progress(c.scan);
	x.corpus = &c.corpus;
	x.config = &c.config;
	x.scan = c.scan;
	x.side = &c.side;
	x.rel = c.rel;
	/* An export is a record of what the query picks: with articles it could not
	   decide it would be short, so nothing is written. */
	if ((rc = cmd_undecided(&c, und, nund)) != 0)
		diag_say("export: nothing was written: the query could not decide %zu "
		    "article%s", nund, nund == 1 ? "" : "s");
	else if (export_write(&x, sel, nsel, err, sizeof err) == -1) {
		diag_say("%s", err);
		rc = 1;
	}
	if (scan_progress(c.scan) > counted)
		catalog_scan_save(&c);
	free(und);
	free(sel);
	query_free(q);
	catalog_free(&c);
	return rc;

usage:
	fputs("usage: rubric export [--config FILE] [--sidecar FILE] [-q QUERY] "
	    "-f jsonl|csv|md|txt|dir\n"
	    "                     [-o OUT] [--body] [--force] [PATH...]\n", stderr);
	return 2;
}
