/* A growable byte buffer (buf.h), the one the sidecar, its text and its journal build
   their text in. It doubles as it grows, so that appending a byte at a time costs no
   more than appending it all at once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "xmalloc.h"

void
buf_grow(struct buf *b, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		fatal("buf_printf: %s", fmt);
	buf_grow(b, (size_t)len);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)len;
}

void
buf_reset(struct buf *b)
{
	b->n = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->s);
	memset(b, 0, sizeof b[0]);
}
