/* rubric: read a corpus of text articles in a terminal. This file reads the command line,
   the configuration and the corpus, then hands them to the screen. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "trust.h"
#include "tui.h"

static void	main_usage(FILE *);
static int	main_trusted(const char *, const char *const *, size_t);

/* Refuses a sidecar found by walking up that the user should not trust (trust.h),
   before the screen takes the terminal. Returns -1 after saying why. */
static int
main_trusted(const char *given, const char *const *paths, size_t npaths)
{
	struct diag	 d;
	char		*path;
	int		 ok = 1;

	if (given != NULL)
		return 0;
	memset(&d, 0, sizeof d);
	path = catalog_sidecar_path(NULL, paths, npaths);
	if (!trust_found(path, "--sidecar", DIAG_ERROR, &d)) {
		diag_print(&d, stderr);
		ok = 0;
	}
	diag_free(&d);
	free(path);
	return ok ? 0 : -1;
}

static void
main_usage(FILE *f)
{
	fputs("usage: rubric [--config FILE] [--sidecar FILE] [PATH...]\n"
	    "       rubric show [--color=auto|always|never] [--config FILE] FILE\n"
	    "       rubric check [--config FILE]\n"
	    "       rubric -h | --help\n"
	    "       rubric -V | --version\n", f);
}

int
main(int argc, char *argv[])
{
	static const struct option	 longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "sidecar",	required_argument,	NULL, 's' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct config		 cfg;
	struct corpus		 corpus;
	struct corpus_options	 opts;
	struct diag		 d, cd;
	const char		*config_arg = NULL, *sidecar_arg = NULL, *dot = ".";
	const char *const	*paths;
	size_t			 npaths;
	int			 ch, rc;
	int			(*cmd)(int, char **);

	setlocale(LC_ALL, "");
	/* rubric COMMAND ...: a path that has a command's name is given as ./NAME. */
	if (argc > 1 && (cmd = cmd_find(argv[1])) != NULL)
		return cmd(argc - 1, argv + 1);
	while ((ch = cmd_getopt(argc, argv, NULL, "+hV", longopts)) != -1) {
		switch (ch) {
		case 'c':
			config_arg = optarg;
			break;
		case 's':
			/* Tags and notes come later; the corpus-local themes file is
			   already looked for next to the sidecar. */
			sidecar_arg = optarg;
			break;
		case 'h':
			main_usage(stdout);
			fputs("\nRead a corpus of text articles: a directory searched "
			    "recursively, or files.\nWithout PATH, the current directory. "
			    "Press ? on the screen for the keys.\n\n"
			    "  -c, --config FILE   read FILE after the other "
			    "configuration files\n"
			    "      --sidecar FILE  keep tags and notes in FILE\n"
			    "  -h, --help          show this help\n"
			    "  -V, --version       show the version\n\n"
			    "See rubric(1) and rubric(5).\n", stdout);
			return 0;
		case 'V':
			printf("rubric %s\n", RUBRIC_VERSION);
			return 0;
		default:
			main_usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;

	memset(&d, 0, sizeof d);
	rc = config_layers(&cfg, config_arg, sidecar_arg != NULL ? sidecar_arg :
	    argc > 0 ? argv[0] : ".", &d);
	diag_print(&d, stderr);
	if (rc == -1) {
		diag_free(&d);
		config_free(&cfg);
		return 1;
	}

	opts.extensions = (const char *const *)cfg.extensions;
	opts.nextensions = cfg.nextensions;
	opts.chrome = cfg.chrome;
	paths = argc > 0 ? (const char *const *)argv : &dot;
	npaths = argc > 0 ? (size_t)argc : 1;
	memset(&cd, 0, sizeof cd);
	if (corpus_scan(&corpus, paths, npaths, &opts, &cd) == -1) {
		diag_print(&cd, stderr);
		diag_free(&cd);
		diag_free(&d);
		config_free(&cfg);
		return 1;
	}
	if (main_trusted(sidecar_arg, paths, npaths) == -1) {
		diag_free(&d);
		corpus_free(&corpus);
		config_free(&cfg);
		return 1;
	}
	rc = tui_run(&corpus, &cfg, paths, npaths, sidecar_arg, &d);
	/* Problems with the configuration were printed before the screen took the
	   terminal; say them again now that it is back. */
	diag_print(&d, stderr);
	diag_free(&d);
	corpus_free(&corpus);
	config_free(&cfg);
	return rc;
}
