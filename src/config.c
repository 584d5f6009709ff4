/* The configuration. Each file is read whole with ini.c; settings are applied in the
   order the layers are given. Unknown sections and keys are warned about with their
   line, never ignored in silence. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config.h"
#include "glyph.h"
#include "file.h"
#include "ini.h"
#include "trust.h"
#include "xmalloc.h"

static void	config_extensions(struct config *, const char *);
static void	config_rubric(struct config *, const struct ini *, const char *,
		    struct diag *);
static void	config_chrome(struct config *, const struct ini *, const char *,
		    struct diag *);
static void	config_build_chrome(struct config *, struct diag *);
static void	config_theme_key(struct config *, const struct ini *, const char *,
		    const char *, struct diag *);
static int	config_yesno(const char *);
static int	config_printable(const char *);
static int	config_apply(struct config *, const struct config_file *,
		    struct diag *);

void
config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->tab_width = 8;
	c->duplicate_threshold = 0.55;
	c->group_duplicates = 1;
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
	for (i = 0; i < c->nthemes; i++)
		theme_free(&c->themes[i]);
	free(c->themes);
	for (i = 0; i < c->nviews; i++) {
		free(c->views[i].name);
		free(c->views[i].query);
		free(c->views[i].file);
	}
	free(c->views);
	for (i = 0; i < c->nlayers; i++)
		free(c->layers[i].path);
	free(c->layers);
	memset(c, 0, sizeof *c);
}

char *
config_shipped_path(void)
{
	const char	*dir = getenv("RUBRIC_DATADIR");

	if (dir == NULL || *dir == '\0')
		return NULL;
	return xasprintf("%s/config.ini", dir);
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
	} else if (strcmp(key, "duplicate_threshold") == 0) {
		double	 x;

		errno = 0;
		x = strtod(v, &end);
		if (*v == '\0' || *end != '\0' || errno != 0 || !(x >= 0 && x <= 1))
			diag_add(d, DIAG_ERROR, ini->path, line, "duplicate_threshold: "
			    "'%s' is not a number from 0 to 1", v);
		else
			c->duplicate_threshold = x;
	} else if (strcmp(key, "group_duplicates") == 0) {
		if ((n = config_yesno(v)) != -1)
			c->group_duplicates = (int)n;
		else
			diag_add(d, DIAG_ERROR, ini->path, line, "group_duplicates: "
			    "'%s' is not yes or no", v);
	} else if (strcmp(key, "check") == 0) {
		if (strcmp(v, "files") == 0 || strcmp(v, "folders") == 0)
			c->check_folders = strcmp(v, "folders") == 0;
		else
			diag_add(d, DIAG_ERROR, ini->path, line, "check: '%s' is "
			    "not one of files, folders", v);
	} else if (strcmp(key, "safe_directory") == 0) {
		char	*user = config_user_path();

		/* trust.c reads it, from the user's own file only. */
		if (user == NULL || strcmp(user, ini->path) != 0)
			diag_add(d, DIAG_WARNING, ini->path, line, "safe_directory is "
			    "read only from %s; not here", user != NULL ? user :
			    "the user's configuration file");
		free(user);
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
	c->chrome_src[i].col = ini_col(ini, "chrome", key);
}

/* Compiles the chrome patterns once all layers are read; an empty value drops one. */
static void
config_build_chrome(struct config *c, struct diag *d)
{
	struct diag_at	 at;
	char		*what;
	size_t		 i;

	chrome_free(c->chrome);
	c->chrome = chrome_new();
	for (i = 0; i < c->nchrome_src; i++) {
		if (c->chrome_src[i].pattern[0] == '\0')
			continue;
		at.file = c->chrome_src[i].file;
		at.line = c->chrome_src[i].line;
		at.col = c->chrome_src[i].col;
		what = xasprintf("chrome: %s", c->chrome_src[i].key);
		if (chrome_add(c->chrome, c->chrome_src[i].pattern, what, &at, d) == -1)
			diag_caret(d, c->chrome_src[i].pattern, DIAG_NOCARET);
		free(what);
	}
}

static int
config_yesno(const char *v)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
		return 1;
	if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
		return 0;
	return -1;
}

struct theme *
config_theme(struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nthemes; i++)
		if (strcmp(c->themes[i].name, name) == 0)
			return &c->themes[i];
	return NULL;
}

/* The view called name, made (at file:line) if there is none yet. */
static struct config_view *
config_view(struct config *c, const char *name, const char *file, int line)
{
	struct config_view	*v;
	size_t			 i;

	for (i = 0; i < c->nviews; i++)
		if (strcmp(c->views[i].name, name) == 0)
			return &c->views[i];
	c->views = xreallocarray(c->views, c->nviews + 1, sizeof *c->views);
	v = &c->views[c->nviews++];
	v->name = xstrdup(name);
	v->query = NULL;
	v->file = xstrdup(file);
	v->line = line;
	v->col = 0;
	return v;
}

/* One key of [theme NAME]. A later layer changes single keys of a theme defined
   earlier; a pattern key given again replaces that pattern, and an empty one drops it. */
static void
config_theme_key(struct config *c, const struct ini *ini, const char *section,
    const char *key, struct diag *d)
{
	const char		*name = section + strlen("theme "), *v, *cut;
	struct theme		*t;
	struct theme_pattern	*p;
	int			 line = ini_line(ini, section, key), yn;
	size_t			 i;
	char			*end;
	long			 n;

	if ((t = config_theme(c, name)) == NULL)
		return;
	if ((v = ini_get(ini, section, key)) == NULL)
		return;
	if (strcmp(key, "pattern") == 0 || strncmp(key, "pattern.", 8) == 0) {
		for (i = 0; i < t->npats; i++)
			if (strcmp(t->pats[i].key, key) == 0)
				break;
		if (i == t->npats) {
			t->pats = xreallocarray(t->pats, i + 1, sizeof *t->pats);
			memset(&t->pats[i], 0, sizeof t->pats[i]);
			t->pats[i].key = xstrdup(key);
			t->npats++;
		} else {
			free(t->pats[i].source);
			free(t->pats[i].file);
		}
		p = &t->pats[i];
		p->source = xstrdup(v);
		p->file = xstrdup(ini->path);
		p->line = line;
		p->col = ini_col(ini, section, key);
	} else if (strcmp(key, "description") == 0) {
		free(t->description);
		t->description = xstrdup(v);
	} else if (strcmp(key, "color") == 0 || strcmp(key, "colour") == 0) {
		if (theme_parse_colour(v, &t->colour) == -1) {
			/* iniparser read `color = #ff8800` as an empty value. */
			cut = ini_comment(ini, section, key);
			if (*v == '\0' && cut != NULL && *cut == '#')
				diag_add(d, DIAG_ERROR, ini->path, line, "theme %s: %s: "
				    "'#' starts a comment: quote the colour (%s = "
				    "\"%.*s\")", name, key, key, (int)strcspn(cut, " \t;"),
				    cut);
			else
				diag_add(d, DIAG_ERROR, ini->path, line, "theme %s: "
				    "color: '%s' is not a colour name, color0-color255 "
				    "or #rrggbb", name, v);
		}
	} else if (strcmp(key, "ignore_case") == 0) {
		if (strcasecmp(v, "smart") == 0)
			t->icase = THEME_CASE_SMART;
		else if ((yn = config_yesno(v)) != -1)
			t->icase = yn ? THEME_CASE_YES : THEME_CASE_NO;
		else
			diag_add(d, DIAG_ERROR, ini->path, line, "theme %s: ignore_case: "
			    "'%s' is not yes, no or smart", name, v);
	} else if (strcmp(key, "words") == 0) {
		if ((yn = config_yesno(v)) != -1)
			t->words = yn;
		else
			diag_add(d, DIAG_ERROR, ini->path, line, "theme %s: words: '%s' "
			    "is not yes or no", name, v);
	} else if (strcmp(key, "fold") == 0) {
		if ((yn = config_yesno(v)) != -1)
			t->fold = yn;
		else
			diag_add(d, DIAG_ERROR, ini->path, line, "theme %s: fold: '%s' "
			    "is not yes or no", name, v);
	} else if (strcmp(key, "autotag") == 0) {
		n = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || n < 0 || n > 1000000)
			diag_add(d, DIAG_ERROR, ini->path, line, "theme %s: autotag: '%s' "
			    "is not a number of hits", name, v);
		else
			t->autotag = (int)n;
	} else
		diag_add(d, DIAG_WARNING, ini->path, line, "theme %s: unknown key '%s'",
		    name, key);
}

/* Whether every character of s is one the screen draws as itself: no control, tab,
   bidi or other format character, and valid UTF-8. */
static int
config_printable(const char *s)
{
	struct glyph	 g;
	size_t		 n = strlen(s), pos;

	for (pos = 0; pos < n; pos += g.len) {
		glyph_next(s + pos, n - pos, 0, 1, &g);
		if (g.kind != GLYPH_CHAR)
			return 0;
	}
	return 1;
}

static int
config_apply(struct config *c, const struct config_file *f, struct diag *d)
{
	const char	*path = f->path;
	struct ini	 ini;
	size_t		 i;
	int		 rc;

	if (f->text != NULL)
		rc = ini_load_text(&ini, path, f->text, f->len, d);
	else
		rc = ini_load(&ini, path, d);
	if (rc == -1) {
		ini_free(&ini);
		return -1;
	}
	for (i = 0; i < ini.n; i++) {
		const struct ini_entry	*e = &ini.entries[i];

		/* A theme's name is a tag's, shown in the sidebar and written in
		   exports; a view's is shown too: neither may hold what the screen
		   would show as a marker. The section is left out. */
		if ((strncmp(e->section, "theme ", 6) == 0 &&
		    !config_printable(e->section + 6)) ||
		    (strncmp(e->section, "view ", 5) == 0 &&
		    !config_printable(e->section + 5))) {
			if (e->key == NULL)
				diag_add(d, DIAG_ERROR, path, e->line, "[%s]: a name "
				    "may not hold a control, format or invalid "
				    "character; left out", e->section);
			continue;
		}
		if (e->key == NULL) {
			if (strncmp(e->section, "theme ", 6) == 0) {
				const char	*name = e->section + 6;

				while (*name == ' ')
					name++;
				if (*name == '\0')
					diag_add(d, DIAG_ERROR, path, e->line, "a theme "
					    "needs a name: [theme NAME]");
				else if (strcmp(name, e->section + 6) != 0)
					diag_add(d, DIAG_ERROR, path, e->line, "theme "
					    "'%s': one space after 'theme', please", name);
				else if (config_theme(c, name) == NULL) {
					struct theme	*t;

					c->themes = xreallocarray(c->themes,
					    c->nthemes + 1, sizeof *c->themes);
					t = &c->themes[c->nthemes++];
					memset(t, 0, sizeof *t);
					t->name = xstrdup(name);
					t->colour.index = t->colour.rgb = -1;
					t->enabled = 1;
					t->file = xstrdup(path);
					t->line = e->line;
				}
			} else if (strncmp(e->section, "view ", 5) == 0) {
				if (e->section[5] == '\0' || e->section[5] == ' ')
					diag_add(d, DIAG_ERROR, path, e->line, "a view "
					    "needs a name: [view NAME]");
				else
					config_view(c, e->section + 5, path, e->line);
			} else if (strcmp(e->section, "rubric") != 0 &&
			    strcmp(e->section, "chrome") != 0)
				diag_add(d, DIAG_WARNING, path, e->line,
				    "unknown section [%s]", e->section);
			continue;
		}
		if (strcmp(e->section, "rubric") == 0)
			config_rubric(c, &ini, e->key, d);
		else if (strcmp(e->section, "chrome") == 0)
			config_chrome(c, &ini, e->key, d);
		else if (strncmp(e->section, "theme ", 6) == 0)
			config_theme_key(c, &ini, e->section, e->key, d);
		else if (strncmp(e->section, "view ", 5) == 0) {
			struct config_view	*v = config_view(c, e->section + 5, path,
						    e->line);
			const char		*q = ini_get(&ini, e->section, e->key);

			/* ini_load() made sure iniparser has every key the scan
			   found; q is checked all the same, as a NULL here once
			   crashed on a section name holding ']'. */
			if (strcmp(e->key, "query") != 0)
				diag_add(d, DIAG_WARNING, path, e->line, "view %s: "
				    "unknown key '%s'", v->name, e->key);
			else if (q != NULL) {
				free(v->query);
				v->query = xstrdup(q);
				free(v->file);
				v->file = xstrdup(path);
				v->line = e->line;
				v->col = e->col;
			}
		} else if (*e->section == '\0')
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
		c->layers = xreallocarray(c->layers, c->nlayers + 1,
		    sizeof *c->layers);
		c->layers[c->nlayers].path = xstrdup(files[i].path);
		c->layers[c->nlayers].absent = 0;
		c->layers[c->nlayers].failed = 0;
		c->nlayers++;
		if (files[i].absent || (files[i].text == NULL && !files[i].required &&
		    stat(files[i].path, &st) == -1 && errno == ENOENT)) {
			c->layers[c->nlayers - 1].absent = 1;
			continue;
		}
		if (config_apply(c, &files[i], d) == -1) {
			c->layers[c->nlayers - 1].failed = 1;
			rc = -1;
		}
	}
	config_build_chrome(c, d);
	for (i = 0; i < c->nthemes; i++) {
		struct theme	*t = &c->themes[i];

		size_t		 j, live = 0;

		for (j = 0; j < t->npats; j++)
			live += t->pats[j].source[0] != '\0';
		/* A later file drops an earlier file's theme by emptying every
		   pattern it has; one never given a pattern is a mistake. */
		if (live == 0 && t->npats > 0) {
			theme_free(t);
			memmove(t, t + 1, (c->nthemes - i - 1) * sizeof *t);
			c->nthemes--;
			i--;
			continue;
		}
		theme_compile(t, d);
		if (live == 0)
			diag_add(d, DIAG_WARNING, t->file, t->line, "theme %s has no "
			    "pattern", t->name);
	}
	/* And a view by an empty query. */
	for (i = 0; i < c->nviews; i++) {
		struct config_view	*v = &c->views[i];

		if (v->query == NULL || v->query[0] != '\0')
			continue;
		free(v->name);
		free(v->query);
		free(v->file);
		memmove(v, v + 1, (c->nviews - i - 1) * sizeof *v);
		c->nviews--;
		i--;
	}
	return rc;
}

int
config_alone(struct config *c, const char *path, struct diag *d)
{
	struct config_file	 files[2];
	char			*shipped;
	int			 rc;

	memset(files, 0, sizeof files);
	if ((shipped = config_shipped_path()) != NULL)
		files[0].path = shipped;
	else {
		files[0].path = CONFIG_BUILTIN_NAME;
		files[0].text = (const char *)config_builtin;
		files[0].len = config_builtin_len;
	}
	files[1].path = path;
	files[1].required = 1;
	config_init(c);
	rc = config_load(c, files, 2, d);
	free(shipped);
	return rc;
}

int
config_layers(struct config *c, const char *extra, const char *where, struct diag *d)
{
	struct config_file	 files[4];
	char			*shipped, *user, *local = NULL, *localname = NULL;
	size_t			 n = 0;
	int			 rc;

	memset(files, 0, sizeof files);
	shipped = config_shipped_path();
	user = config_user_path();
	if (where != NULL)
		local = file_find_up(where, CONFIG_LOCAL_NAME);
	/* One another user could have planted or changed is left out, and said so. */
	if (local != NULL && !trust_found(local, "--config", DIAG_WARNING, d)) {
		free(local);
		local = NULL;
	} else if (local == NULL && where != NULL)
		localname = xasprintf("%s in %s and above", CONFIG_LOCAL_NAME, where);
	if (shipped != NULL)
		files[n].path = shipped;
	else {
		files[n].path = CONFIG_BUILTIN_NAME;
		files[n].text = (const char *)config_builtin;
		files[n].len = config_builtin_len;
	}
	files[n++].required = 0;
	if (user != NULL) {
		files[n].path = user;
		files[n++].required = 0;
	}
	if (local != NULL)
		files[n++].path = local;
	else if (localname != NULL) {
		files[n].path = localname;
		files[n++].absent = 1;
	}
	if (extra != NULL) {
		files[n].path = extra;
		files[n++].required = 1;
	}
	config_init(c);
	rc = config_load(c, files, n, d);
	free(shipped);
	free(user);
	free(local);
	free(localname);
	return rc;
}
