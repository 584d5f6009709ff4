/* INI files read with iniparser, plus what iniparser does not tell: the line of every
   section and key, and the line that made it refuse a file. iniparser lowercases section
   and key names; so does everything here. */
#ifndef RUBRIC_INI_H
#define RUBRIC_INI_H

#include <stddef.h>

#include "diag.h"

/* iniparser 4.1 refuses a whole file over one line longer than this (bytes before "\n"). */
#define INI_MAXLINE	1022
/* The largest configuration file read: a thousand times the shipped one. */
#define INI_MAXSIZE	((size_t)1024 * 1024)

struct ini {
	char		*path;
	struct _dictionary_	*dict;
	struct ini_entry {
		char	*section;	/* lowercased */
		char	*key;		/* lowercased; NULL for the section's own line */
		int	 line;
		int	 col;	/* of the value's first character; 0 if unknown */
		char	*raw;	/* the value as the line has it, until checked */
		char	*comment;	/* of an unquoted value, the text from '#' or
					   ';' on, which iniparser drops; NULL: none */
	}		*entries;
	size_t		 n;
};

/* Loads path. A file that cannot be read or parsed is an error in d ("FILE:LINE:
   reason") and returns -1; nothing of it is used. */
int		 ini_load(struct ini *, const char *path, struct diag *d);
/* Loads text (len bytes, at most a pipe's capacity) as ini_load() loads a file,
   naming it name in every message. */
int		 ini_load_text(struct ini *, const char *name, const char *text,
		    size_t len, struct diag *d);
void		 ini_free(struct ini *);
/* The line of a key, or of a section when key is NULL; 0 if unknown. */
int		 ini_line(const struct ini *, const char *section, const char *key);
/* The column (from 1, in characters) where the value of a key starts in its line, so
   that a message about a place in the value can name the place in the file; 0 when
   the value is not the line's text as it stands (escaped, continued), or unknown. */
int		 ini_col(const struct ini *, const char *section, const char *key);
/* The end of an unquoted value of section:key that iniparser dropped as a comment
   (from its '#' or ';' on), so that a message about the value left can say why it
   is short or empty; NULL when none was dropped. Borrowed. */
const char	*ini_comment(const struct ini *, const char *section, const char *key);
/* The value of section:key with iniparser's unquoting, or NULL. Borrowed. */
const char	*ini_get(const struct ini *, const char *section, const char *key);

#endif
