/* The headless commands: `rubric COMMAND ...`. Each prints to stdout, reports problems
   on stderr as "rubric: ...", and returns the exit status (0, 1, or 2 for usage). */
#ifndef RUBRIC_CMD_H
#define RUBRIC_CMD_H

#include "config.h"
#include "diag.h"

/* Reads every configuration layer into c: shipped, user, the corpus-local themes file
   found from the directory of `where` (a file or a directory; NULL: none), then extra
   if not NULL. Returns -1 when a file could not be read or parsed; d holds the
   messages. */
int	cmd_config(const char *extra, const char *where, struct config *c,
	    struct diag *d);
/* The command called name, or NULL. */
int	(*cmd_find(const char *name))(int, char **);

int	cmd_show(int, char **);
int	cmd_check(int, char **);
int	cmd_stats(int, char **);
int	cmd_tag(int, char **);
int	cmd_note(int, char **);
int	cmd_tags(int, char **);
int	cmd_list(int, char **);

#endif
