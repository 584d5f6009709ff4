/* rubric stats: the corpus scan from the shell, as counts per theme with a bar each. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "corpus.h"
#include "scan.h"

#define CMD_STATS_BAR	30

int
cmd_stats(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ NULL,		0,			NULL, 0 }
	};
	struct config		 c;
	struct diag		 d;
	struct corpus		 corpus;
	struct corpus_options	 opts;
	struct scan		*s;
	const char		*extra = NULL, *dot = ".";
	const char *const	*paths;
	const uint32_t		*counts;
	char			 err[4096], *cache;
	size_t			 npaths, i, t, max = 0, *arts, *hits, *inc;
	int			 ch, bar, j;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", longopts, NULL)) != -1) {
		if (ch != 'c') {
			fputs("usage: rubric stats [--config FILE] [PATH...]\n", stderr);
			return 2;
		}
		extra = optarg;
	}
	memset(&d, 0, sizeof d);
	if (cmd_config(extra, optind < argc ? argv[optind] : ".", &c,
	    &d) == -1) {
		diag_print(&d, stderr);
		diag_free(&d);
		config_free(&c);
		return 1;
	}
	diag_print(&d, stderr);
	opts.extensions = (const char *const *)c.extensions;
	opts.nextensions = c.nextensions;
	opts.chrome = c.chrome;
	paths = optind < argc ? (const char *const *)argv + optind : &dot;
	npaths = optind < argc ? (size_t)(argc - optind) : 1;
	if (corpus_scan(&corpus, paths, npaths, &opts, err, sizeof err) == -1) {
		fprintf(stderr, "rubric: %s\n", err);
		diag_free(&d);
		config_free(&c);
		return 1;
	}
	s = scan_new(&corpus, &c);
	cache = scan_cache_path(paths, npaths);
	scan_load_cache(s, cache);
	scan_start(s, (int)sysconf(_SC_NPROCESSORS_ONLN));
	scan_wait(s);
	if (cache != NULL)
		scan_save_cache(s, cache);
	free(cache);

	arts = calloc(c.nthemes + 1, sizeof *arts);
	hits = calloc(c.nthemes + 1, sizeof *hits);
	inc = calloc(c.nthemes + 1, sizeof *inc);
	if (arts == NULL || hits == NULL || inc == NULL) {
		fputs("rubric: out of memory\n", stderr);
		return 1;
	}
	for (i = 0; i < corpus.n; i++) {
		if ((counts = scan_counts(s, i)) == NULL)
			continue;
		for (t = 0; t < c.nthemes; t++) {
			arts[t] += counts[t] > 0;
			hits[t] += counts[t];
			inc[t] += (size_t)scan_incomplete(s, i, t);
		}
	}
	for (t = 0; t < c.nthemes; t++)
		if (arts[t] > max)
			max = arts[t];
	printf("%zu articles, %zu binary skipped, %zu unreadable\n\n", corpus.n,
	    corpus.nbinary, corpus.nerrors);
	printf("%-20s %8s %8s  %s\n", "theme", "articles", "hits", "articles with hits");
	for (t = 0; t < c.nthemes; t++) {
		printf("%-20s %8zu %8zu  ", c.themes[t].name, arts[t], hits[t]);
		bar = max > 0 ? (int)((arts[t] * CMD_STATS_BAR + max - 1) / max) : 0;
		for (j = 0; j < bar; j++)
			putchar('#');
		if (inc[t] > 0)
			printf(" (incomplete in %zu)", inc[t]);
		putchar('\n');
	}
	free(arts);
	free(hits);
	free(inc);
	scan_free(s);
	corpus_free(&corpus);
	diag_free(&d);
	config_free(&c);
	return 0;
}
