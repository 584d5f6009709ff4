/* What the commands share: the configuration layers, and the table of commands. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xmalloc.h"

#include "cmd.h"

int
cmd_config(const char *extra, const char *where, struct config *c, struct diag *d)
{
	struct config_file	 files[4];
	struct stat		 st;
	char			*shipped, *user, *local = NULL, *dir, *slash;
	size_t			 n = 0;
	int			 rc;

	shipped = config_shipped_path();
	user = config_user_path();
	if (where != NULL) {
		dir = xstrdup(where);
		if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
			if ((slash = strrchr(dir, '/')) != NULL)
				*slash = '\0';
			else {
				free(dir);
				dir = xstrdup(".");
			}
		}
		local = config_local_path(*dir != '\0' ? dir : "/");
		free(dir);
	}
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
