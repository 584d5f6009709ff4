/* bench_sidecar: times loading and saving a sidecar of N articles, and saving it again
   after one tag change, as the sidecar's targets are stated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sidecar.h"

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
	struct sidecar		 s, r;
	struct sidecar_ops	 ops;
	struct diag		 d;
	char			 path[64];
	double			 t0, t_save, t_load, t_change;
	long			 n, i;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fputs("usage: bench_sidecar FILE N\n", stderr);
		return 2;
	}
	/* Built as a command would build it: operations applied with one sort. */
	sidecar_init(&s);
	memset(&ops, 0, sizeof ops);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "d%04ld/a%06ld.txt", i / 200, i);
		sidecar_ops_add(&ops, SIDECAR_OP_READ, path, NULL, i % 3 == 0);
		sidecar_ops_add(&ops, SIDECAR_OP_TAG, path, i % 2 ? "Deir ez-Zor" : "oil",
		    SIDECAR_PERSON);
		if (i % 10 == 0)
			sidecar_ops_add(&ops, SIDECAR_OP_TAG, path, "isis", SIDECAR_THEME);
		if (i % 50 == 0)
			sidecar_ops_add(&ops, SIDECAR_OP_NOTE, path, "Check the casualty "
			    "figures against the UN report; \"the\" source disagrees.", 0);
	}
	sidecar_apply(&s, &ops);
	sidecar_ops_free(&ops);
	t0 = bench_now();
	if (sidecar_save(&s, argv[1]) == -1) {
		perror(argv[1]);
		return 1;
	}
	t_save = bench_now() - t0;
	memset(&d, 0, sizeof d);
	t0 = bench_now();
	if (sidecar_load(&r, argv[1], &d) == -1) {
		diag_print(&d, stderr);
		return 1;
	}
	t_load = bench_now() - t0;
	/* One change as the screen makes it: lock, check, apply, save. */
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_TAG, "d0000/a000007.txt", "urgent",
	    SIDECAR_PERSON);
	t0 = bench_now();
	if (sidecar_commit(&r, argv[1], &ops, &d) == -1) {
		diag_print(&d, stderr);
		return 1;
	}
	t_change = bench_now() - t0;
	sidecar_ops_free(&ops);
	printf("  %ld articles: save %.1f ms, load %.1f ms, one tag change saved %.1f ms "
	    "(targets: load 200 ms, change 100 ms)\n", n, t_save, t_load, t_change);
	sidecar_free(&s);
	sidecar_free(&r);
	diag_free(&d);
	return 0;
}
