/* Diagnostics: messages about the user's input ("file:line: what is wrong"), collected by
   the core and shown by the caller, on stderr or on the status line. Every message is
   quoted as it is made (glyph_quote): whatever a file name, a value or a pattern held,
   a message carries no control byte to the terminal. */
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
/* Shows src under the last message, quoted, with a caret under the column of its byte
   off: the two lines "    SRC" and "    ^"; with DIAG_NOCARET, only the first. */
#define DIAG_NOCARET	((size_t)-1)
void	diag_caret(struct diag *, const char *src, size_t off);
/* Prints "rubric: message" to stderr at once, quoted as diag_add quotes. For the
   commands, whose messages need not wait for a screen to end. */
void	diag_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints every message as "rubric: text" to f. */
void	diag_print(const struct diag *, FILE *f);
void	diag_free(struct diag *);

#endif
