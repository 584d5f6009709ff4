/* Diagnostics: messages about the user's input ("file:line: what is wrong"), collected by
   the core and shown by the caller, on stderr or on the status line. */
#ifndef RUBRIC_DIAG_H
#define RUBRIC_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag {
	struct diag_msg {
		enum diag_level	 level;
		char		*text;
	}		*msgs;
	size_t		 n;
	size_t		 nerrors;
};

/* Adds "FILE:LINE: [warning: ]message"; file may be NULL and line 0 to leave them out. */
void	diag_add(struct diag *, enum diag_level, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Prints every message as "rubric: text" to f. */
void	diag_print(const struct diag *, FILE *f);
void	diag_free(struct diag *);

#endif
