/* Reading INI files. iniparser parses; a scan of our own finds line numbers and the
   lines iniparser would reject, so that every message names FILE:LINE. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "ini.h"
#include "xmalloc.h"

static char	*ini_lower(const char *, size_t);
static void	 ini_trim(const char **, const char **);
static int	 ini_scan(struct ini *, const char *, size_t, struct diag *);
static int	 ini_quiet(const char *, ...);
static int	 ini_check(struct ini *, struct diag *);
static void	 ini_check_col(const struct ini *, struct ini_entry *);

static char *
ini_lower(const char *s, size_t n)
{
	char	*p = xstrndup(s, n);
	size_t	 i;

	for (i = 0; p[i] != '\0'; i++)
		p[i] = (char)tolower((unsigned char)p[i]);
	return p;
}

static void
ini_trim(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

/* Records where each section and key is, and reports the first line that iniparser
   would refuse. Returns -1 if there is one. */
static int
ini_scan(struct ini *ini, const char *buf, size_t len, struct diag *d)
{
	const char	*p = buf, *end = buf + len, *nl, *s, *e, *eq, *ls, *vs;
	char		*section = xstrdup("");
	int		 line = 0, cont = 0, bad = 0;

	while (p < end && !bad) {
		nl = memchr(p, '\n', (size_t)(end - p));
		e = nl == NULL ? end : nl;
		line++;
		if (e - p > INI_MAXLINE) {
			diag_add(d, DIAG_ERROR, ini->path, line, "line is %zu bytes long; "
			    "the longest iniparser reads is %d", (size_t)(e - p),
			    INI_MAXLINE);
			bad = 1;
			break;
		}
		s = ls = p;
		p = nl == NULL ? end : nl + 1;
		ini_trim(&s, &e);
		if (cont) {
			cont = e > s && e[-1] == '\\';
			continue;
		}
		/* iniparser joins a line ending in a backslash to the next one
		   whatever the line is, a comment too. */
		if (s == e)
			continue;
		if (*s == ';' || *s == '#') {
			cont = e[-1] == '\\';
			continue;
		}
		ini->entries = xreallocarray(ini->entries, ini->n + 1,
		    sizeof *ini->entries);
		if (*s == '[' && e[-1] == ']') {
			free(section);
			s++;
			e--;
			ini_trim(&s, &e);
			section = ini_lower(s, (size_t)(e - s));
			/* iniparser ends the name at the first ']', and looks keys
			   up as "section:key": either would make a key that is
			   here but not there. */
			if (strpbrk(section, ":]") != NULL) {
				diag_add(d, DIAG_ERROR, ini->path, line, "section name "
				    "'%s' holds '%c', which iniparser cannot read",
				    section, *strpbrk(section, ":]"));
				bad = 1;
			}
			ini->entries[ini->n].section = xstrdup(section);
			ini->entries[ini->n].key = NULL;
			ini->entries[ini->n].col = 0;
			ini->entries[ini->n].raw = NULL;
			ini->entries[ini->n].comment = NULL;
		} else if ((eq = memchr(s, '=', (size_t)(e - s))) != NULL) {
			const char	*ke = eq, *c;
			int		 quoted;

			ini_trim(&s, &ke);
			ini->entries[ini->n].section = xstrdup(section);
			ini->entries[ini->n].key = ini_lower(s, (size_t)(ke - s));
			cont = e[-1] == '\\';
			/* Where the value starts, past iniparser's quote: ini_check
			   keeps it if iniparser's value is this text. */
			for (vs = eq + 1; vs < e && isspace((unsigned char)*vs); vs++)
				continue;
			quoted = vs < e && (*vs == '"' || *vs == '\'');
			if (quoted)
				vs++;
			ini->entries[ini->n].col = diag_column(1, ls, (size_t)(vs - ls));
			ini->entries[ini->n].raw = xstrndup(vs, (size_t)(e - vs));
			/* iniparser ends an unquoted value at its first '#' or ';'
			   ("%[^;#]"): `color = #ff8800` is an empty colour. */
			ini->entries[ini->n].comment = NULL;
			if (!quoted && (c = strpbrk(ini->entries[ini->n].raw, "#;")) !=
			    NULL)
				ini->entries[ini->n].comment = xstrdup(c);
		} else {
			diag_add(d, DIAG_ERROR, ini->path, line, "not a [section], "
			    "key = value or comment line");
			bad = 1;
			continue;
		}
		ini->entries[ini->n].line = line;
		ini->n++;
	}
	free(section);
	return bad ? -1 : 0;
}

/* iniparser prints its complaints through this; ini_scan has said it better. */
static int
ini_quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int
ini_load(struct ini *ini, const char *path, struct diag *d)
{
	char	*buf = NULL;
	size_t	 len = 0;
	int	 rc;

	memset(ini, 0, sizeof *ini);
	ini->path = xstrdup(path);
	if (file_read(path, INI_MAXSIZE, 0, &buf, &len, d) == -1)
		return -1;
	rc = ini_scan(ini, buf, len, d);
	free(buf);
	if (rc == -1)
		return -1;
	iniparser_set_error_callback(ini_quiet);
	ini->dict = iniparser_load(path);
	if (ini->dict == NULL) {
		diag_add(d, DIAG_ERROR, path, 0, "iniparser cannot read this file");
		return -1;
	}
	return ini_check(ini, d);
}

/* iniparser 4.1 reads only a named file: the text goes to it through a pipe, whole
   before iniparser reads, so that nothing is written to disk and no thread waits on
   a reader that stopped. */
int
ini_load_text(struct ini *ini, const char *name, const char *text, size_t len,
    struct diag *d)
{
	char	 path[64];
	size_t	 off = 0;
	ssize_t	 n;
	int	 fds[2];

	memset(ini, 0, sizeof *ini);
	ini->path = xstrdup(name);
	if (ini_scan(ini, text, len, d) == -1)
		return -1;
	if (pipe(fds) == -1) {
		diag_add(d, DIAG_ERROR, name, 0, "pipe: %s", strerror(errno));
		return -1;
	}
	(void)fcntl(fds[1], F_SETFL, O_NONBLOCK);
	while (off < len && (n = write(fds[1], text + off, len - off)) > 0)
		off += (size_t)n;
	close(fds[1]);
	if (off < len) {
		diag_add(d, DIAG_ERROR, name, 0, "%zu bytes do not fit in a pipe",
		    len);
		close(fds[0]);
		return -1;
	}
	(void)snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
	iniparser_set_error_callback(ini_quiet);
	ini->dict = iniparser_load(path);
	close(fds[0]);
	if (ini->dict == NULL) {
		diag_add(d, DIAG_ERROR, name, 0, "iniparser cannot read this text");
		return -1;
	}
	return ini_check(ini, d);
}

/* Every section and key the scan found must be one iniparser found too, or a lookup
   of it would come back empty: a name the two read apart (a very long one, or one
   this scan does not foresee) makes the file an error at that line. */
static int
ini_check(struct ini *ini, struct diag *d)
{
	const struct ini_entry	*e;
	char			*full;
	size_t			 i;
	int			 found;

	for (i = 0; i < ini->n; i++) {
		e = &ini->entries[i];
		full = e->key == NULL ? xstrdup(e->section) :
		    xasprintf("%s:%s", e->section, e->key);
		found = iniparser_find_entry(ini->dict, full);
		free(full);
		if (e->key != NULL)
			ini_check_col(ini, &ini->entries[i]);
		if (!found) {
			diag_add(d, DIAG_ERROR, ini->path, e->line, "iniparser reads "
			    "this %s differently; rename it", e->key == NULL ?
			    "section name" : "key");
			return -1;
		}
	}
	return 0;
}

/* Keeps e's column only if iniparser's value is the text the line has from there:
   then a byte of the value is at the same place in the line. */
static void
ini_check_col(const struct ini *ini, struct ini_entry *e)
{
	const char	*v = ini_get(ini, e->section, e->key);

	if (v == NULL || e->raw == NULL || strncmp(e->raw, v, strlen(v)) != 0)
		e->col = 0;
	free(e->raw);
	e->raw = NULL;
}

void
ini_free(struct ini *ini)
{
	size_t	 i;

	for (i = 0; i < ini->n; i++) {
		free(ini->entries[i].section);
		free(ini->entries[i].key);
		free(ini->entries[i].raw);
		free(ini->entries[i].comment);
	}
	free(ini->entries);
	if (ini->dict != NULL)
		iniparser_freedict(ini->dict);
	free(ini->path);
	memset(ini, 0, sizeof *ini);
}

int
ini_line(const struct ini *ini, const char *section, const char *key)
{
	size_t	 i;

	for (i = ini->n; i-- > 0;) {
		if (strcmp(ini->entries[i].section, section) != 0)
			continue;
		if (key == NULL ? ini->entries[i].key == NULL :
		    ini->entries[i].key != NULL && strcmp(ini->entries[i].key, key) == 0)
			return ini->entries[i].line;
	}
	return 0;
}

const char *
ini_comment(const struct ini *ini, const char *section, const char *key)
{
	size_t	 i;

	for (i = ini->n; i-- > 0;)
		if (strcmp(ini->entries[i].section, section) == 0 &&
		    ini->entries[i].key != NULL && strcmp(ini->entries[i].key, key) == 0)
			return ini->entries[i].comment;
	return NULL;
}

int
ini_col(const struct ini *ini, const char *section, const char *key)
{
	size_t	 i;

	for (i = ini->n; i-- > 0;)
		if (strcmp(ini->entries[i].section, section) == 0 &&
		    ini->entries[i].key != NULL && strcmp(ini->entries[i].key, key) == 0)
			return ini->entries[i].col;
	return 0;
}

const char *
ini_get(const struct ini *ini, const char *section, const char *key)
{
	char		*full;
	const char	*v;

	full = xasprintf("%s:%s", section, key);
	v = iniparser_getstring(ini->dict, full, NULL);
	free(full);
	return v;
}
