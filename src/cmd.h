/* The headless commands: `rubric COMMAND ...`. Each prints to stdout, reports problems
   on stderr as "rubric: ...", and returns the exit status (0, 1, or 2 for usage). */
#ifndef RUBRIC_CMD_H
#define RUBRIC_CMD_H

#include <getopt.h>
#include <stdio.h>

#include "catalog.h"
#include "query.h"

/* Opens the corpus under paths (none: ".") with its configuration and sidecar, and
   parses query (NULL: none) into *q. Returns 0, or the exit status after saying what
   went wrong: 1 for what could not be read, 2 for a bad query. */
int	cmd_open(struct catalog *, const char *extra, const char *sidecar,
	    const char *query, char **paths, int npaths, struct query **q);
/* "rubric: query: MESSAGE at column N", the query, and a caret under the column. */
void	cmd_query_error(const char *text, const struct query_error *);
/* "rubric: PATH: query: TERM: WHY" for each of the n articles the query could not
   decide (catalog_select()). Returns the exit status they call for: 1 if any. */
int	cmd_undecided(const struct catalog *, const struct catalog_undecided *,
	    size_t n);

/* getopt_long for command name, whose own messages would quote an argument raw: a
   bad option or a missing value is said here, quoted ("rubric: NAME: unknown option
   '--x'"), and '?' returned, for the caller's usage. opts may start with '+'; name may be NULL
   (the program itself). */
int	cmd_getopt(int argc, char **argv, const char *name, const char *opts,
	    const struct option *longopts);

/* Shared by rubric tag and rubric note (cmd_tag.c). The sidecar to use for a FILE at
   where, given or found; caller frees; NULL after saying why not. */
char	*cmd_tag_sidecar(const char *given, const char *where);
/* 0 for a regular file, or 1 after saying why file is none. */
int	 cmd_tag_file(const char *file);
/* Moves in front of ops the entries of files moved since (by fingerprint). */
void	 cmd_tag_follow(const char *path, struct sidecar_ops *);
/* Commits ops to the sidecar at path, waiting for its lock; 0 when saved, or 1 after
   saying why nothing was changed. */
int	 cmd_tag_commit(const char *path, struct sidecar_ops *);

/* The command called name, or NULL. */
int	(*cmd_find(const char *name))(int, char **);

int	cmd_show(int, char **);
int	cmd_check(int, char **);
int	cmd_stats(int, char **);
int	cmd_tag(int, char **);
int	cmd_note(int, char **);
int	cmd_tags(int, char **);
int	cmd_list(int, char **);
int	cmd_export(int, char **);
int	cmd_git_setup(int, char **);
int	cmd_merge_sidecar(int, char **);

#endif
