/* A list of messages for the user; who shows them decides how. Messages are made from
   outside text (names, values, patterns), so each is quoted here, once, for whoever
   shows it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "glyph.h"
#include "xmalloc.h"

/* The command running (diag_command()), or NULL. */
static const char	*diag_cmd;

static char	*diag_vquote(const char *, va_list) __attribute__((format(printf, 1, 0)));
static void	 diag_out(FILE *, const char *, int);
static void	 diag_vadd(struct diag *, enum diag_level, const struct diag_at *,
		    const char *, va_list) __attribute__((format(printf, 4, 0)));

/* The message fmt makes, quoted. Caller frees. */
static char *
diag_vquote(const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*msg, *q;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	q = glyph_quote(msg, strlen(msg));
	free(msg);
	return q;
}

/* Adds the message fmt makes, quoted, after where it points. */
static void
diag_vadd(struct diag *d, enum diag_level level, const struct diag_at *at,
    const char *fmt, va_list ap)
{
	char	*msg, *qfile, *text, where[48] = "";

	msg = diag_vquote(fmt, ap);
	qfile = NULL;
	if (at != NULL && at->file != NULL) {
		qfile = glyph_quote(at->file, strlen(at->file));
		if (at->line > 0 && at->col > 0)
			snprintf(where, sizeof where, ":%d:%d", at->line, at->col);
		else if (at->line > 0)
			snprintf(where, sizeof where, ":%d", at->line);
	}
	text = xasprintf("%s%s%s%s%s", qfile != NULL ? qfile : "", where,
	    qfile != NULL ? ": " : "", level == DIAG_WARNING ? "warning: " : "", msg);
	d->msgs = xreallocarray(d->msgs, d->n + 1, sizeof *d->msgs);
	d->msgs[d->n].level = level;
	d->msgs[d->n].text = text;
	d->msgs[d->n].what = (qfile != NULL ? strlen(qfile) + 2 : 0) + strlen(where);
	d->n++;
	if (level == DIAG_ERROR)
		d->nerrors++;
	free(qfile);
	free(msg);
}

void
diag_add(struct diag *d, enum diag_level level, const char *file, int line,
    const char *fmt, ...)
{
	struct diag_at	 at = { file, line, 0 };
	va_list		 ap;

	va_start(ap, fmt);
	diag_vadd(d, level, &at, fmt, ap);
	va_end(ap);
}

void
diag_add_at(struct diag *d, enum diag_level level, const struct diag_at *at,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(d, level, at, fmt, ap);
	va_end(ap);
}

int
diag_column(int col, const char *text, size_t off)
{
	size_t	 i;

	if (col <= 0)
		return 0;
	for (i = 0; i < off && text[i] != '\0'; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			col++;
	return col;
}

void
diag_caret(struct diag *d, const char *src, size_t off)
{
	char	*q, *head, *text;
	int	 width;

	if (d->n == 0)
		return;
	q = glyph_quote(src, strlen(src));
	if (off == DIAG_NOCARET)
		text = xasprintf("%s\n    %s", d->msgs[d->n - 1].text, q);
	else {
		/* The caret goes under the column of off as quoted, not its byte. */
		head = glyph_quote(src, off < strlen(src) ? off : strlen(src));
		width = glyph_strwidth(head, strlen(head), 1);
		free(head);
		text = xasprintf("%s\n    %s\n    %*s^", d->msgs[d->n - 1].text, q,
		    width, "");
	}
	free(q);
	free(d->msgs[d->n - 1].text);
	d->msgs[d->n - 1].text = text;
}

/* Prints text, a whole message, with the program's name and, when it points at no
   file (located 0), the running command's. */
static void
diag_out(FILE *f, const char *text, int located)
{
	if (!located && diag_cmd != NULL)
		fprintf(f, "rubric: %s: %s\n", diag_cmd, text);
	else
		fprintf(f, "rubric: %s\n", text);
}

void
diag_command(const char *name)
{
	diag_cmd = name;
}

void
diag_say(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = diag_vquote(fmt, ap);
	va_end(ap);
	diag_out(stderr, msg, 0);
	free(msg);
}

void
diag_say_file(const char *file, int line, const char *fmt, ...)
{
	struct diag	 d;
	struct diag_at	 at = { file, line, 0 };
	va_list		 ap;

	memset(&d, 0, sizeof d);
	va_start(ap, fmt);
	diag_vadd(&d, DIAG_ERROR, &at, fmt, ap);
	va_end(ap);
	diag_print(&d, stderr);
	diag_free(&d);
}

void
diag_print(const struct diag *d, FILE *f)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		diag_out(f, d->msgs[i].text, d->msgs[i].what > 0);
}

void
diag_append(struct diag *d, struct diag *from)
{
	if (from->n > 0) {
		d->msgs = xreallocarray(d->msgs, d->n + from->n, sizeof *d->msgs);
		memcpy(d->msgs + d->n, from->msgs, from->n * sizeof *d->msgs);
		d->n += from->n;
	}
	d->nerrors += from->nerrors;
	free(from->msgs);
	memset(from, 0, sizeof *from);
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
