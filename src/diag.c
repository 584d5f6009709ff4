/* A list of messages for the user; who shows them decides how. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xmalloc.h"

void
diag_add(struct diag *d, enum diag_level level, const char *file, int line,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *text, where[32] = "";
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(where, sizeof where, ":%d", line);
	text = xasprintf("%s%s%s%s%s", file != NULL ? file : "", where,
	    file != NULL ? ": " : "", level == DIAG_WARNING ? "warning: " : "", msg);
	free(msg);
	d->msgs = xreallocarray(d->msgs, d->n + 1, sizeof *d->msgs);
	d->msgs[d->n].level = level;
	d->msgs[d->n].text = text;
	d->n++;
	if (level == DIAG_ERROR)
		d->nerrors++;
}

void
diag_print(const struct diag *d, FILE *f)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		fprintf(f, "rubric: %s\n", d->msgs[i].text);
}

void
diag_free(struct diag *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	memset(d, 0, sizeof *d);
}
