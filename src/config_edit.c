/* One line put into the user's configuration file, the rest kept byte for byte
   (config_edit.h). */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "config_edit.h"
#include "file.h"
#include "ini.h"
#include "xmalloc.h"

#define CONFIG_EDIT_MAX		(16 << 20)	/* bytes of a configuration file */
#define CONFIG_EDIT_SLUG	40		/* bytes of a key's slug */

char *
config_edit_literal(const char *spelling, const struct theme *t)
{
	struct buf	 b;
	const char	*s;
	unsigned char	 c;
	int		 word;

	memset(&b, 0, sizeof b);
	for (s = spelling; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
		;
	c = (unsigned char)*s;
	word = (c >= '0' && c <= '9') || (unsigned)((c | 0x20) - 'a') < 26u;
	if (word)
		buf_puts(&b, "\\b");
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			while (s[1] == ' ' || s[1] == '\t' || s[1] == '\n' ||
			    s[1] == '\r')
				s++;
			if (s[1] != '\0')
				buf_puts(&b, "\\s+");
			continue;
		}
		/* A quote would end the INI value: PCRE2's \x22 is one. */
		if (c == '"') {
			buf_puts(&b, "\\x22");
			word = 0;
			continue;
		}
		if (strchr("\\^$.|?*+()[]{}/#;", c) != NULL && c != '\0')
			buf_put(&b, "\\", 1);
		if (t->icase != THEME_CASE_NO && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		buf_put(&b, (const char *)&c, 1);
		word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');
	}
	/* Where the spelling ends in a letter or a digit, \b after it. */
	if (word)
		buf_puts(&b, "\\b");
	buf_put(&b, "", 1);
	return b.s;
}

char *
config_edit_key(const char *spelling, const struct theme *t)
{
	char	 slug[CONFIG_EDIT_SLUG + 1], *key;
	size_t	 n = 0, i, k;
	int	 dash = 0, taken;

	for (; *spelling != '\0' && n < CONFIG_EDIT_SLUG; spelling++) {
		unsigned char	 c = (unsigned char)*spelling;

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && n > 0)
				slug[n++] = '-';
			if (n < CONFIG_EDIT_SLUG)
				slug[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
			dash = 0;
		} else
			dash = 1;
	}
	if (n == 0)
		slug[n++] = 'x';
	slug[n] = '\0';
	for (k = 1;; k++) {
		key = k == 1 ? xasprintf("pattern.%s", slug) :
		    xasprintf("pattern.%s-%zu", slug, k);
		for (i = 0, taken = 0; i < t->npats && !taken; i++)
			taken = strcmp(t->pats[i].key, key) == 0;
		if (!taken)
			return key;
		free(key);
	}
}

/* Whether line [s, e) is the header of [theme name]: '[' and ']' around "theme
   NAME", case aside, blanks around it and a comment after it allowed. */
static int
config_edit_header(const char *s, const char *e, const char *name)
{
	size_t	 n = strlen(name), i;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	if (e - s < (ptrdiff_t)(n + 8) || *s != '[' ||
	    strncasecmp(s + 1, "theme ", 6) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if ((s[7 + i] | 0x20) != (name[i] | 0x20) && s[7 + i] != name[i])
			return 0;
	return s[7 + n] == ']';
}

int
config_edit_add(const char *given, const char *name, const char *key,
    const char *pattern, struct diag *d)
{
	struct ini	 ini;
	struct buf	 out;
	char		*text = NULL, *path, *slash;
	const char	*p, *e, *nl, *eol, *at = NULL, *sec = NULL;
	size_t		 len = 0;
	int		 rc;

	memset(&out, 0, sizeof out);
	/* A file kept elsewhere and linked here (dotfiles) is written where it is,
	   the link left a link. */
	if ((path = realpath(given, NULL)) == NULL)
		path = xstrdup(given);
	if (file_read(path, CONFIG_EDIT_MAX, FILE_ABSENT, &text, &len, d) == -1) {
		if (errno != ENOENT) {
			free(path);
			return -1;
		}
		/* A new file, in the folders made for it ($XDG_CONFIG_HOME/rubric,
		   as mkdir -p makes them). */
		for (slash = path + 1; (slash = strchr(slash, '/')) != NULL;
		    slash++) {
			*slash = '\0';
			if (mkdir(path, 0700) == -1 && errno != EEXIST) {
				diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(errno));
				free(path);
				return -1;
			}
			*slash = '/';
		}
		text = xstrdup("; Your own rubric settings: see rubric(5).\n");
		len = strlen(text);
	} else {
		/* Only a file rubric reads as it is now is changed. */
		if (ini_load(&ini, path, d) == -1) {
			ini_free(&ini);
			diag_add(d, DIAG_ERROR, path, 0, "not changed: it does not "
			    "parse");
			free(text);
			free(path);
			return -1;
		}
		rc = ini_get(&ini, (sec = xasprintf("theme %s", name)), key) != NULL;
		free((char *)sec);
		sec = NULL;
		ini_free(&ini);
		if (rc) {
			diag_add(d, DIAG_ERROR, path, 0, "[theme %s] has %s already; "
			    "not changed", name, key);
			free(text);
			free(path);
			return -1;
		}
	}
	eol = strstr(text, "\r\n") != NULL ? "\r\n" : "\n";
	/* The section's last line that is not blank; the file's end if none. */
	for (p = text; p < text + len; p = nl) {
		nl = memchr(p, '\n', (size_t)(text + len - p));
		nl = nl != NULL ? nl + 1 : text + len;
		for (e = nl; e > p && (e[-1] == '\n' || e[-1] == '\r'); e--)
			;
		if (sec != NULL && e > p && *p == '[')
			break;
		if (config_edit_header(p, e, name))
			sec = at = nl;
		else if (sec != NULL) {
			const char	*q = p;

			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			if (q < e)
				at = nl;
		}
	}
	if (at != NULL) {
		buf_put(&out, text, (size_t)(at - text));
		if (at > text && at[-1] != '\n')
			buf_puts(&out, eol);
	} else {
		buf_put(&out, text, len);
		if (len > 0 && text[len - 1] != '\n')
			buf_puts(&out, eol);
		if (len > 0)
			buf_puts(&out, eol);
		buf_puts(&out, "[theme ");
		buf_puts(&out, name);
		buf_puts(&out, "]");
		buf_puts(&out, eol);
	}
	buf_puts(&out, key);
	buf_puts(&out, " = \"");
	buf_puts(&out, pattern);
	buf_puts(&out, "\"");
	buf_puts(&out, eol);
	if (at != NULL)
		buf_put(&out, at, (size_t)(text + len - at));
	rc = file_replace(path, out.s, out.n, FILE_SAME);
	if (rc == -1)
		diag_add(d, DIAG_ERROR, path, 0, "%s; not changed", strerror(errno));
	free(out.s);
	free(text);
	free(path);
	return rc;
}
