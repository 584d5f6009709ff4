/* rubric: read a corpus of text articles in a terminal. This file reads the command line,
   the configuration and the corpus, then hands them to the screen. */
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

int
main(int argc, char *argv[])
{
	struct config		 cfg;
	struct corpus		 corpus;
	struct corpus_options	 opts;
	struct diag		 d;
	const char		*config_arg = NULL, *sidecar_arg = NULL, *dot = ".";
	const char *const	*paths;
	char			 err[4096];
	size_t			 npaths;
	int			 rc;
	const struct cmd_entry	*cmd;
	struct cmd_args		 args;

	setlocale(LC_ALL, "");
	/* rubric COMMAND ...: a path that has a command's name is given as ./NAME. */
	if (argc > 1 && (cmd = cmd_find(argv[1])) != NULL)
		return cmd_run(cmd, argc - 1, argv + 1);
	if (cmd_args_parse(&cmd_screen_entry, argc, argv, &args) != 0)
		return 2;
	if (args.help) {
		cmd_help_all(stdout);
		cmd_args_free(&args);
		return fflush(stdout) == EOF ? 1 : 0;
	}
	if (cmd_args_has(&args, 'V')) {
		printf("rubric %s\n", RUBRIC_VERSION);
		cmd_args_free(&args);
		return 0;
	}
	config_arg = args.config;
	/* Tags and notes come later; the corpus-local themes file is already looked
	   for next to the sidecar. */
	sidecar_arg = args.sidecar;
	argc = args.argc;
	argv = args.argv;
	cmd_args_free(&args);

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
	if (corpus_scan(&corpus, paths, npaths, &opts, err, sizeof err) == -1) {
		diag_say("%s", err);
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
