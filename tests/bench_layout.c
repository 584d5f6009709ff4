/* bench_layout: times the pager on one article, as the screen uses it: the first screen,
   the end, and scrolling a line at a time down and up, all laid out from byte offsets. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "config.h"
#include "pager.h"
#include "theme.h"

static double	bench_now(void);
static double	bench_screen(struct pager *);

static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Lays out the visible rows, as a redraw does; returns the columns, so that the work
   cannot be optimised away. */
static double
bench_screen(struct pager *p)
{
	struct row	 rows[64];
	int		 n, i;
	double		 cols = 0;

	n = pager_rows(p, rows, p->height);
	for (i = 0; i < n; i++)
		cols += rows[i].cols;
	return cols;
}

int
main(int argc, char *argv[])
{
	struct article		*a;
	struct body		 b;
	struct pager		 p;
	struct config		 cfg;
	struct config_file	 cf;
	struct diag		 d;
	struct matcher		*m;
	struct match_list	 ml;
	struct row		 rows[64];
	double			 t0, t_read, t_first, t_end, t_down, t_up, t_hl = -1, sink = 0;
	size_t			 k, hi;
	int			 i, n, steps = 1000;

	setlocale(LC_ALL, "C.UTF-8");
	memset(&d, 0, sizeof d);
	config_init(&cfg);
	if (argc == 4 && strcmp(argv[1], "-c") == 0) {
		memset(&cf, 0, sizeof cf);
		cf.path = argv[2];
		cf.required = 1;
		if (config_load(&cfg, &cf, 1, &d) == -1) {
			diag_print(&d, stderr);
			return 1;
		}
		argv += 2;
		argc -= 2;
	}
	if (argc != 2) {
		fputs("usage: bench_layout [-c CONFIG] FILE\n", stderr);
		return 2;
	}
	a = article_new(argv[1], argv[1]);
	t0 = bench_now();
	if (article_read(a, &b) == -1) {
		perror(argv[1]);
		return 1;
	}
	t_read = bench_now() - t0;
	pager_init(&p);
	t0 = bench_now();
	pager_set_text(&p, b.buf, b.len, b.start, 8);
	pager_resize(&p, 78, 22);
	sink += bench_screen(&p);
	t_first = bench_now() - t0;
	t0 = bench_now();
	pager_end(&p);
	sink += bench_screen(&p);
	t_end = bench_now() - t0;
	pager_home(&p);
	t0 = bench_now();
	for (i = 0; i < steps; i++) {
		pager_scroll(&p, 1);
		sink += bench_screen(&p);
	}
	t_down = (bench_now() - t0) / steps;
	pager_end(&p);
	t0 = bench_now();
	for (i = 0; i < steps; i++) {
		pager_scroll(&p, -1);
		sink += bench_screen(&p);
	}
	t_up = (bench_now() - t0) / steps;
	if (cfg.nthemes > 0) {
		/* What the screen does to highlight its first screen: match every theme
		   over the visible rows and a 64 KiB margin, then resolve overlaps. */
		m = matcher_new();
		memset(&ml, 0, sizeof ml);
		pager_home(&p);
		t0 = bench_now();
		n = pager_rows(&p, rows, p.height);
		hi = n > 0 ? rows[n - 1].next : 0;
		hi = b.len - hi > 65536 ? hi + 65536 : b.len;
		for (k = 0; k < cfg.nthemes; k++)
			matcher_theme(m, &cfg.themes[k], k, b.buf, b.len - hi > 256 ?
			    hi + 256 : b.len, b.start, hi, &ml);
		match_list_resolve(&ml);
		t_hl = bench_now() - t0;
		sink += (double)ml.n;
		match_list_free(&ml);
		matcher_free(m);
	}
	printf("%-16s %9zu bytes  read %6.2f ms  first screen %6.3f ms  end %7.3f ms  "
	    "line down %6.3f ms  line up %6.3f ms",
	    strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1], b.len,
	    t_read, t_first, t_end, t_down, t_up);
	if (t_hl >= 0)
		printf("  highlight first screen %6.3f ms", t_hl);
	putchar('\n');
	config_free(&cfg);
	diag_free(&d);
	if (sink < 0)
		puts("");
	pager_free(&p);
	article_body_free(&b);
	article_free(a);
	return 0;
}
