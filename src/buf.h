/* A growable byte buffer: text built a piece at a time (a sidecar's new text, a
   journal line, a decoded value). Its fields are open: s[0..n) is what was put, and
   s is NUL-terminated once anything has been put, so that it can be handed on as a
   string. */
#ifndef RUBRIC_BUF_H
#define RUBRIC_BUF_H

#include <stddef.h>
#include <string.h>

struct buf {
	char	*s;		/* NULL until the first put; then owned by the buffer */
	size_t	 n;		/* bytes put, the NUL not counted */
	size_t	 cap;		/* bytes allocated at s */
};

/* Makes room for n bytes more and the NUL: buf_put's slow path. */
void	buf_grow(struct buf *, size_t n);

/* Appends n bytes (NUL bytes too). buf_put(b, "", 0) makes s an empty string. Inline:
   the sidecar's writer and reader put a few bytes at a time, a million times for a
   large file, and a call each was a tenth of a load (make bench). */
static inline void
buf_put(struct buf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap)
		buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}
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
