/* What the commands share: the configuration layers, and the table of commands. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

int
cmd_config(const char *extra, struct config *c, struct diag *d)
{
	struct config_file	 files[3];
	char			*shipped, *user;
	size_t			 n = 0;
	int			 rc;

	shipped = config_shipped_path();
	user = config_user_path();
	files[n].path = shipped;
	files[n++].required = 0;
	if (user != NULL) {
		files[n].path = user;
		files[n++].required = 0;
	}
	if (extra != NULL) {
		files[n].path = extra;
		files[n++].required = 1;
	}
	config_init(c);
	rc = config_load(c, files, n, d);
	free(shipped);
	free(user);
	return rc;
}

int
(*cmd_find(const char *name))(int, char **)
{
	static const struct {
		const char	*name;
		int		(*fn)(int, char **);
	} cmds[] = {
		{ "show", cmd_show },
		{ "check", cmd_check },
		{ "stats", cmd_stats },
	};
	size_t	 i;

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return cmds[i].fn;
	return NULL;
}
