/* rubric check: reads every configuration layer and lists every problem. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "glyph.h"

int
cmd_check(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ NULL,		0,			NULL, 0 }
	};
	struct config	 c;
	struct diag	 d;
	const char	*extra = NULL;
	size_t		 i, j, npats = 0, bad = 0;
	int		 ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", longopts, NULL)) != -1) {
		if (ch == 'c')
			extra = optarg;
		else {
			fputs("usage: rubric check [--config FILE]\n", stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs("usage: rubric check [--config FILE]\n", stderr);
		return 2;
	}
	memset(&d, 0, sizeof d);
	rc = config_layers(&c, extra, ".", &d);
	/* Views are checked against every layer's themes. */
	for (i = 0; rc == 0 && i < c.nviews; i++) {
		struct config_view	*v = &c.views[i];
		struct query_error	 qe;
		struct query		*q;

		if (v->query == NULL) {
			diag_add(&d, DIAG_ERROR, v->file, v->line, "view %s: no query",
			    v->name);
			continue;
		}
		if ((q = query_parse(v->query, &c, &qe)) == NULL) {
			diag_add(&d, DIAG_ERROR, v->file, v->line, "view %s: query: %s at "
			    "column %zu", v->name, qe.message,
			    query_column(v->query, qe.offset));
			diag_caret(&d, v->query, qe.offset);
		}
		query_free(q);
	}
	diag_print(&d, stderr);
	for (i = 0; i < c.nthemes; i++)
		for (j = 0; j < c.themes[i].npats; j++) {
			npats++;
			bad += c.themes[i].pats[j].re == NULL &&
			    c.themes[i].pats[j].source[0] != '\0';
		}
	if (rc == 0)
		printf("%zu theme%s, %zu pattern%s (%zu left out), %zu chrome pattern%s, "
		    "%zu view%s, %zu problem%s\n", c.nthemes, c.nthemes == 1 ? "" : "s",
		    npats, npats == 1 ? "" : "s", bad, chrome_count(c.chrome),
		    chrome_count(c.chrome) == 1 ? "" : "s", c.nviews,
		    c.nviews == 1 ? "" : "s", d.n, d.n == 1 ? "" : "s");
	rc = rc == -1 || d.n > 0 ? 1 : 0;
	diag_free(&d);
	config_free(&c);
	return rc;
}
