/* Diagnostics: messages about the user's input ("FILE:LINE:COL: what is wrong", as
   mandoc's mandoc_msg gives them), collected by the core and shown by the caller, on
   stderr or on the status line. Every message is quoted as it is made (glyph_quote):
   whatever a file name, a value or a pattern held, a message carries no control byte
   to the terminal.

   The one error convention of the core: a problem with the user's input (a file that
   cannot be read, a bad pattern, query, tag name or value, an export refused) goes to
   a struct diag the caller passes, and the function returns -1 (or leaves the bad
   thing out and goes on); the screen shows the message on its status line. Only the
   wrappers of system calls (file_open_regular() and file.h's writers, canon.h, the
   journal's and the caches' writes) return -1 with errno set, for the caller to put
   strerror() in its own message; what errno cannot say comes in an out-parameter
   (file_open_regular()'s file type). No function returns "NULL or the reason" as a
   string, or writes it into a buffer the caller sizes. */
#ifndef RUBRIC_DIAG_H
#define RUBRIC_DIAG_H

#include <stddef.h>
#include <stdio.h>

/* A notice (what an export left in place) is said as it is: no "warning: ", and
   it is no error. */
enum diag_level {
	DIAG_NOTICE,
	DIAG_WARNING,
	DIAG_ERROR
};

struct diag {
	struct diag_msg {
		enum diag_level	 level;
		char		*text;
		/* Where the words start in text, after "FILE:LINE:COL: ": for a
		   caller that words the place itself. */
		size_t		 what;
	}		*msgs;
	size_t		 n;
	size_t		 nerrors;
};

/* Where a message points: a file, a line and a column in it, each from 1 (characters,
   not bytes, for the column); NULL or 0 leaves a part out, and the parts after it. */
struct diag_at {
	const char	*file;
	int		 line;
	int		 col;
};

/* Adds "FILE:LINE: [warning: ]message"; file may be NULL and line 0 to leave them out. */
void	diag_add(struct diag *, enum diag_level, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Adds "FILE:LINE:COL: [warning: ]message", as diag_add does, at at (NULL: nowhere). */
void	diag_add_at(struct diag *, enum diag_level, const struct diag_at *at,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The column of byte off of text, when text starts at column col of its line: col
   plus the characters before off, counted as query_column() counts them (every byte
   but a UTF-8 continuation byte starts one). 0 when col is 0, unknown. */
int	diag_column(int col, const char *text, size_t off);
/* Shows src under the last message, quoted, with a caret under the column of its byte
   off: the two lines "    SRC" and "    ^"; with DIAG_NOCARET, only the first. */
#define DIAG_NOCARET	((size_t)-1)
void	diag_caret(struct diag *, const char *src, size_t off);
/* Names the command running (borrowed: a string that lives as long as the program;
   NULL: none, the screen), for diag_say() and diag_print(): a message with no file
   to point at then reads "rubric: NAME: message", so that one can tell which
   command said it; one that points at a file keeps "rubric: FILE:LINE: message",
   which editors and scripts parse. */
void	diag_command(const char *name);
/* Prints "rubric: [NAME: ]message" to stderr at once, quoted as diag_add quotes. For
   the commands, whose messages need not wait for a screen to end. */
void	diag_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "rubric: FILE[:LINE]: message" as diag_say() does, about file (quoted) and
   its line (0: none): a message about a file is not given the command's name. */
void	diag_say_file(const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Prints every message as "rubric: text" to f; one that points nowhere, as
   "rubric: NAME: text" while a command runs (diag_command()). */
void	diag_print(const struct diag *, FILE *f);
/* Moves from's messages after d's, leaving from empty: what a thread collected
   on a diag of its own. */
void	diag_append(struct diag *d, struct diag *from);
void	diag_free(struct diag *);

#endif
