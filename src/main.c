/* rubric: read a corpus of text articles in a terminal. This file reads the command line
   and opens the catalog (catalog.h), then hands it to the screen. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "diag.h"
#include "log.h"
#include "tui.h"

int
main(int argc, char *argv[])
{
	struct catalog		 cat;
	struct diag		 d;
	const char		*config_arg = NULL, *sidecar_arg = NULL, *dot = ".";
	const char *const	*paths;
	size_t			 npaths;
	int			 rc;
	const struct cmd_entry	*cmd;
	struct cmd_args		 args;

	setlocale(LC_ALL, "");
	/* Under a file size limit (ulimit -f) a write past it fails with EFBIG, which
	   every writer says and survives as it does a full disk's ENOSPC, rather
	   than the signal ending rubric with a save half written. */
	signal(SIGXFSZ, SIG_IGN);
	log_mark("start");
	/* rubric COMMAND ...: a path that has a command's name is given as ./NAME. */
	if (argc > 1 && (cmd = cmd_find(argv[1])) != NULL)
		return cmd_run(cmd, argc - 1, argv + 1);
	if (cmd_args_parse(&cmd_screen_entry, argc, argv, &args) != 0)
		return 2;
	if (args.help) {
		cmd_help_all(stdout);
		cmd_args_free(&args);
		return cmd_flush();
	}
	if (cmd_args_has(&args, 'V')) {
		printf("rubric %s\n", RUBRIC_VERSION);
		cmd_args_free(&args);
		return cmd_flush();
	}
	config_arg = args.config;
	/* Tags and notes come later; the corpus-local themes file is already looked
	   for next to the sidecar. */
	sidecar_arg = args.sidecar;
	argc = args.argc;
	argv = args.argv;
	cmd_args_free(&args);

	/* The configuration's problems are said before the screen takes the
	   terminal, as is a corpus that cannot be read or a sidecar found by walking
	   up that the user should not trust (trust.h). */
	memset(&d, 0, sizeof d);
	paths = argc > 0 ? (const char *const *)argv : &dot;
	npaths = argc > 0 ? (size_t)argc : 1;
	rc = catalog_open(&cat, config_arg, sidecar_arg, paths, npaths,
	    CATALOG_SESSION, &d);
	log_mark("catalog open");
	diag_print(&d, stderr);
	if (rc == -1) {
		diag_free(&d);
		catalog_free(&cat);
		return 1;
	}
	/* Without a terminal the problems just printed are all there is to say. */
	if (tui_ready() == -1) {
		diag_free(&d);
		catalog_free(&cat);
		return 1;
	}
	rc = tui_run(&cat, &d);
	/* Problems with the configuration were printed before the screen took the
	   terminal; say them again now that it is back. */
	diag_print(&d, stderr);
	diag_free(&d);
	catalog_free(&cat);
	return rc;
}
