/* rubric check: reads every configuration layer and lists every problem, catastrophic
   patterns too (theme_catastrophic()): a theme's that would leave counts incomplete,
   and a view's that would leave articles undecided. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "theme.h"

int
cmd_check(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ NULL,		0,			NULL, 0 }
	};
	struct config	 c;
	struct diag	 d;
	const char	*extra = NULL, *term;
	size_t		 i, j, npats = 0, bad = 0;
	int		 ch, rc;

	optind = 1;
	while ((ch = cmd_getopt(argc, argv, "check", "c:", longopts)) != -1) {
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
		} else if ((term = query_catastrophic(q)) != NULL)
			diag_add(&d, DIAG_WARNING, v->file, v->line, "view %s: query: %s: "
			    "catastrophic: it hits a PCRE2 limit on a short text, and "
			    "articles it cannot decide are marked '?'", v->name, term);
		query_free(q);
	}
	for (i = 0; rc == 0 && i < c.nthemes; i++)
		for (j = 0; j < c.themes[i].npats; j++) {
			struct theme_pattern	*p = &c.themes[i].pats[j];

			if (theme_catastrophic(p->re, p->source))
				diag_add(&d, DIAG_WARNING, p->file, p->line, "theme %s: %s: "
				    "catastrophic: it hits a PCRE2 limit on a short text, "
				    "and counts it stops are marked '!'", c.themes[i].name,
				    p->key);
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
