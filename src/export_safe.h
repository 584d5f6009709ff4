/* The safe writers: outside text (an article's, the sidecar's, a file name) written
   so that no byte of it is a control a terminal would act on, as the screen shows
   it, as a field of tab-separated output, or as JSON. Every command uses these. */
#ifndef RUBRIC_EXPORT_SAFE_H
#define RUBRIC_EXPORT_SAFE_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/* Writes n bytes of outside text as the screen shows it: controls and invalid bytes
   as markers. With lines, line ends and tabs stay; without, they are spaces, so that
   an item stays on one line. */
void	export_text(FILE *, const char *, size_t n, int lines);
/* Writes n bytes of outside text as a field of tab-separated output: tab, line feed,
   carriage return and backslash as \t, \n, \r and \\, so that a field holds no
   separator and any two texts stay apart; other controls and invalid bytes as the
   screen's markers. */
void	export_tsv(FILE *, const char *, size_t n);
/* Writes o as one line of JSON and frees it; DEL, C1 and bidi controls are written
   as \uXXXX, so that the line is safe to show. Returns -1 on a write error. */
int	export_json_line(FILE *, json_t *o);
/* Whether n bytes of text are their own JSON string body: valid UTF-8 with no quote,
   backslash, control, DEL, C1 or bidi control, which jansson would copy unchanged.
   With flat, tabs and line ends are allowed too, as spaces. With out (room for n
   bytes), the text is copied there as it is checked; what it holds on 0 is junk. */
int	export_json_plain(const char *, size_t n, int flat, char *out);
/* A JSON string of n bytes of outside text: invalid UTF-8 becomes U+FFFD. */
json_t	*export_json_string(const char *, size_t);

#endif
