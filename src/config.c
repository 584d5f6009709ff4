/* The configuration. Each file is read whole with ini.c; settings are applied in the
   order the layers are given. Unknown sections and keys are warned about with their
   line, never ignored in silence. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "ini.h"
#include "xmalloc.h"

#ifndef RUBRIC_DATADIR
#define RUBRIC_DATADIR "/usr/local/share/rubric"
#endif

static void	config_extensions(struct config *, const char *);
static void	config_rubric(struct config *, const struct ini *, const char *,
		    struct diag *);
static void	config_chrome(struct config *, const struct ini *, const char *,
		    struct diag *);
static void	config_build_chrome(struct config *, struct diag *);
static int	config_apply(struct config *, const char *, struct diag *);

void
config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->tab_width = 8;
	config_extensions(c, "txt md");
	c->chrome = chrome_new();
}

void
config_free(struct config *c)
{
	size_t	 i;

	for (i = 0; i < c->nextensions; i++)
		free(c->extensions[i]);
	free(c->extensions);
	for (i = 0; i < c->nchrome_src; i++) {
		free(c->chrome_src[i].key);
		free(c->chrome_src[i].pattern);
		free(c->chrome_src[i].file);
	}
	free(c->chrome_src);
	chrome_free(c->chrome);
	memset(c, 0, sizeof *c);
}

char *
config_shipped_path(void)
{
	const char	*dir = getenv("RUBRIC_DATADIR");

	return xasprintf("%s/config.ini", dir != NULL && *dir != '\0' ? dir :
	    RUBRIC_DATADIR);
}

char *
config_user_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/rubric/config.ini", xdg);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.config/rubric/config.ini", home);
	return NULL;
}

/* Extensions: words separated by blanks or commas, leading dots dropped. */
static void
config_extensions(struct config *c, const char *v)
{
	const char	*p = v, *s;
	size_t		 i;

	for (i = 0; i < c->nextensions; i++)
		free(c->extensions[i]);
	c->nextensions = 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',' || *p == '.')
			p++;
		s = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',')
			p++;
		if (p == s)
			continue;
		c->extensions = xreallocarray(c->extensions, c->nextensions + 1,
		    sizeof *c->extensions);
		c->extensions[c->nextensions++] = xstrndup(s, (size_t)(p - s));
	}
}

static void
config_rubric(struct config *c, const struct ini *ini, const char *key, struct diag *d)
{
	const char	*v = ini_get(ini, "rubric", key);
	int		 line = ini_line(ini, "rubric", key);
	char		*end;
	long		 n;

	if (v == NULL)
		return;
	if (strcmp(key, "extensions") == 0) {
		config_extensions(c, v);
		if (c->nextensions == 0)
			diag_add(d, DIAG_ERROR, ini->path, line, "extensions: no "
			    "extension given (use \"*\" for every file)");
		if (c->nextensions == 1 && strcmp(c->extensions[0], "*") == 0)
			c->extensions[0][0] = '\0';
	} else if (strcmp(key, "tab_width") == 0) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || n < 1 || n > 16)
			diag_add(d, DIAG_ERROR, ini->path, line, "tab_width: '%s' is "
			    "not a number from 1 to 16", v);
		else
			c->tab_width = (int)n;
	} else
		diag_add(d, DIAG_WARNING, ini->path, line, "unknown key '%s' in "
		    "[rubric]", key);
}

static void
config_chrome(struct config *c, const struct ini *ini, const char *key, struct diag *d)
{
	const char	*v = ini_get(ini, "chrome", key);
	size_t		 i;

	if (v == NULL)
		return;
	if (strcmp(key, "pattern") != 0 && strncmp(key, "pattern.", 8) != 0) {
		diag_add(d, DIAG_WARNING, ini->path, ini_line(ini, "chrome", key),
		    "unknown key '%s' in [chrome]", key);
		return;
	}
	for (i = 0; i < c->nchrome_src; i++)
		if (strcmp(c->chrome_src[i].key, key) == 0)
			break;
	if (i == c->nchrome_src) {
		c->chrome_src = xreallocarray(c->chrome_src, i + 1,
		    sizeof *c->chrome_src);
		c->chrome_src[i].key = xstrdup(key);
		c->nchrome_src++;
	} else {
		free(c->chrome_src[i].pattern);
		free(c->chrome_src[i].file);
	}
	c->chrome_src[i].pattern = xstrdup(v);
	c->chrome_src[i].file = xstrdup(ini->path);
	c->chrome_src[i].line = ini_line(ini, "chrome", key);
}

/* Compiles the chrome patterns once all layers are read; an empty value drops one. */
static void
config_build_chrome(struct config *c, struct diag *d)
{
	char	 err[256];
	size_t	 i;

	chrome_free(c->chrome);
	c->chrome = chrome_new();
	for (i = 0; i < c->nchrome_src; i++) {
		if (c->chrome_src[i].pattern[0] == '\0')
			continue;
		if (chrome_add(c->chrome, c->chrome_src[i].pattern, err,
		    sizeof err) == -1)
			diag_add(d, DIAG_ERROR, c->chrome_src[i].file,
			    c->chrome_src[i].line, "chrome: %s: %s\n    %s",
			    c->chrome_src[i].key, err, c->chrome_src[i].pattern);
	}
}

static int
config_apply(struct config *c, const char *path, struct diag *d)
{
	struct ini	 ini;
	size_t		 i;

	if (ini_load(&ini, path, d) == -1) {
		ini_free(&ini);
		return -1;
	}
	for (i = 0; i < ini.n; i++) {
		const struct ini_entry	*e = &ini.entries[i];

		if (e->key == NULL) {
			if (strcmp(e->section, "rubric") != 0 &&
			    strcmp(e->section, "chrome") != 0)
				diag_add(d, DIAG_WARNING, path, e->line,
				    "unknown section [%s]", e->section);
			continue;
		}
		if (strcmp(e->section, "rubric") == 0)
			config_rubric(c, &ini, e->key, d);
		else if (strcmp(e->section, "chrome") == 0)
			config_chrome(c, &ini, e->key, d);
		else if (*e->section == '\0')
			diag_add(d, DIAG_WARNING, path, e->line, "key '%s' outside "
			    "any section", e->key);
	}
	ini_free(&ini);
	return 0;
}

int
config_load(struct config *c, const struct config_file *files, size_t n, struct diag *d)
{
	struct stat	 st;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < n; i++) {
		if (!files[i].required && stat(files[i].path, &st) == -1 &&
		    errno == ENOENT)
			continue;
		if (config_apply(c, files[i].path, d) == -1)
			rc = -1;
	}
	config_build_chrome(c, d);
	return rc;
}
