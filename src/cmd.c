/* What the commands share: the configuration layers, and the table of commands. */
#include <stdlib.h>
#include <string.h>

#include "file.h"

#include "cmd.h"

int
cmd_config(const char *extra, const char *where, struct config *c, struct diag *d)
{
	struct config_file	 files[4];
	char			*shipped, *user, *local = NULL;
	size_t			 n = 0;
	int			 rc;

	shipped = config_shipped_path();
	user = config_user_path();
	if (where != NULL)
		local = file_find_up(where, CONFIG_LOCAL_NAME);
	files[n].path = shipped;
	files[n++].required = 0;
	if (user != NULL) {
		files[n].path = user;
		files[n++].required = 0;
	}
	if (local != NULL) {
		files[n].path = local;
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
	free(local);
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
		{ "tag", cmd_tag },
		{ "note", cmd_note },
		{ "tags", cmd_tags },
		{ "list", cmd_list },
	};
	size_t	 i;

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return cmds[i].fn;
	return NULL;
}
