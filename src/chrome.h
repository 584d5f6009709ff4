/* Site chrome: lines a saved web page carries that are not the article ("skip to main
   content", "back to top", share and comment-form lines). A set of PCRE2 patterns, each
   matched against one whole line. */
#ifndef RUBRIC_CHROME_H
#define RUBRIC_CHROME_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Lines longer than this (in bytes) are never chrome: chrome is short. */
#define CHROME_MAXLINE	200

struct chrome;

struct chrome	*chrome_new(void);
void		 chrome_free(struct chrome *);
/* Adds a pattern, caseless unless it says otherwise. On a compile error returns -1 and
   adds the error "WHAT: MESSAGE at offset K" to d, at at (NULL: nowhere) with its
   column moved on to the offset's. */
int		 chrome_add(struct chrome *, const char *pattern, const char *what,
		    const struct diag_at *at, struct diag *d);
size_t		 chrome_count(const struct chrome *);
/* A hash of the patterns added, in order, for a cache of what they decide (the
   head store); NULL has one too. */
uint64_t	 chrome_fingerprint(const struct chrome *);
/* Whether the line s[0..n) (without its line end) is chrome. */
int		 chrome_match(const struct chrome *, const char *s, size_t n);

#endif
