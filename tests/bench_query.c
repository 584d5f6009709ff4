/* bench_query: a query over a whole corpus, as rubric list -q runs it, with the scan's
   counts from a warm cache. Opening the corpus (walking it and reading each article's
   head) is timed apart: it is what every start costs, query or not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "query.h"

static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct catalog		 c;
	struct catalog_undecided *und;
	struct diag		 d;
	struct query_error	 qe;
	struct query		*q;
	const char		*root;
	double			 t0, t_open, t_scan, best;
	size_t			*sel, n = 0, nund = 0;
	int			 i, k;

	if (argc < 4) {
		fputs("usage: bench_query CONFIG ROOT QUERY...\n", stderr);
		return 2;
	}
	root = argv[2];
	memset(&d, 0, sizeof d);
	t0 = bench_now();
	if (catalog_open(&c, argv[1], NULL, &root, 1, CATALOG_COMMAND, &d) == -1) {
		diag_print(&d, stderr);
		return 1;
	}
	t_open = bench_now() - t0;
	t0 = bench_now();
	catalog_scan(&c);
	t_scan = bench_now() - t0;
	printf("  %zu articles: opened in %.0f ms, counts from the cache in %.0f ms\n",
	    c.corpus.n, t_open, t_scan);
	sel = calloc(c.corpus.n + 1, sizeof *sel);
	und = calloc(c.corpus.n + 1, sizeof *und);
	for (i = 3; i < argc; i++) {
		if ((q = query_parse(argv[i], &c.config, &qe)) == NULL) {
			fprintf(stderr, "bench_query: %s: %s\n", argv[i], qe.message);
			return 1;
		}
		/* Best of three: the machine is shared. */
		for (k = 0, best = 1e9; k < 3; k++) {
			t0 = bench_now();
			n = catalog_select(&c, q, sel, und, &nund);
			if (bench_now() - t0 < best)
				best = bench_now() - t0;
		}
		printf("  %-44s %7zu match  %7.1f ms%s\n", argv[i], n, best,
		    nund > 0 ? "  (some undecided)" : "");
		query_free(q);
	}
	free(und);
	free(sel);
	diag_free(&d);
	catalog_free(&c);
	return 0;
}
