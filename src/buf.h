/* A growable byte buffer: text built a piece at a time (a sidecar's new text, a
   journal line, a decoded value). Its fields are open: s[0..n) is what was put, and
   s is NUL-terminated once anything has been put, so that it can be handed on as a
   string. */
#ifndef RUBRIC_BUF_H
#define RUBRIC_BUF_H

#include <stddef.h>

struct buf {
	char	*s;		/* NULL until the first put; then owned by the buffer */
	size_t	 n;		/* bytes put, the NUL not counted */
	size_t	 cap;		/* bytes allocated at s */
};

/* Appends n bytes (NUL bytes too). buf_put(b, "", 0) makes s an empty string. */
void	buf_put(struct buf *, const void *, size_t n);
/* Appends a string. */
void	buf_puts(struct buf *, const char *);
/* Appends what printf would write. */
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Empties the buffer and keeps its memory, for a scratch buffer used again. */
void	buf_reset(struct buf *);
/* Frees what the buffer holds and empties it. */
void	buf_free(struct buf *);

#endif
