/* Changes to the user's own configuration file made by rubric itself (a suggested
   spelling added to a theme): one line put in, every other byte of the file kept as
   it was (comments, order, blank lines, line ends), written whole and renamed into
   place. Never the shipped file, nor a corpus's themes file. */
#ifndef RUBRIC_CONFIG_EDIT_H
#define RUBRIC_CONFIG_EDIT_H

#include "diag.h"
#include "theme.h"

/* The pattern that matches spelling as written: its characters literal, a run of
   blanks any run of white space (a name broken across lines), \b at an end that is
   a letter or digit, lowercased unless the theme's case is exact (ignore_case =
   no), so that smart case stays caseless. Caller frees. */
char	*config_edit_literal(const char *spelling, const struct theme *t);
/* A key for it among t's patterns: pattern.SLUG of spelling, with -2, -3... when t
   has that one already. Caller frees. */
char	*config_edit_key(const char *spelling, const struct theme *t);
/* Adds KEY = "PATTERN" to [theme NAME] in the file at path: after that section's
   last line that is not blank, or in a new section at the end (a new file when there
   is none). A file that cannot be read, that iniparser would not read, or in which
   the key is set already is left as it is: -1, and why in d. Returns 0 when the file
   was replaced. */
int	config_edit_add(const char *path, const char *name, const char *key,
	    const char *pattern, struct diag *d);

#endif
