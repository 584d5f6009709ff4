/* rubric help [COMMAND]: what rubric --help and rubric COMMAND --help say, for those
   who type the word. Both come from the declarations (cmd.c's table). */
#include <stdio.h>

#include "cmd.h"
#include "diag.h"

static int	cmd_help(struct cmd_args *);

const struct cmd_entry cmd_help_entry = {
	"help", NULL,
	"Every command, or one command's usage and options",
	"help [COMMAND]",
	NULL, 0, NULL, 0, 1, cmd_help
};

static int
cmd_help(struct cmd_args *args)
{
	const struct cmd_entry	*e;

	if (args->argc == 0)
		cmd_help_all(stdout);
	else if ((e = cmd_find(args->argv[0])) != NULL)
		cmd_args_help(e, stdout);
	else {
		diag_say("no command called '%s'", args->argv[0]);
		return cmd_args_usage_error(args->entry);
	}
	return 0;
}
