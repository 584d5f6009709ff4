/* R: the configuration read again after the user edited it, its themes and views put
   in place while the screen runs, and, once the new themes have counted the corpus,
   what they changed (themediff.h): a line on the status line and rubric diff's text
   behind D. Until then the old configuration and its finished scan wait in the tui. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "themediff.h"
#include "tui.h"
#include "xmalloc.h"

static void	ui_reload_say(struct tui *, const struct diag *, const char *);
static int	ui_reload_walked(struct config *, struct config *, char *, size_t);
static size_t	ui_reload_find(const struct sidebar *, const struct side_item *);
static void	ui_reload_rebuild(struct tui *);
static void	ui_reload_lines(struct tui *, const struct themediff *);

/* The problems of d on the status line: the first, after what, and the rest in the
   messages H shows, as at start. */
static void
ui_reload_say(struct tui *t, const struct diag *d, const char *what)
{
	char	*text, *nl;
	size_t	 i;

	for (i = d->n; i-- > 1; ) {
		text = xstrdup(d->msgs[i].text);
		if ((nl = strchr(text, '\n')) != NULL)
			*nl = '\0';
		status_log_add(&t->msglog, d->msgs[i].level == DIAG_ERROR, text);
		free(text);
	}
	text = xstrdup(d->msgs[0].text);
	if ((nl = strchr(text, '\n')) != NULL)
		*nl = '\0';
	tui_message(t, 1, "%s: %s%s", what, text, d->n > 1 ? " (H lists all)" : "");
	free(text);
}

/* What the corpus was walked and read under (extensions, chrome, check) stays that
   of old, the configuration in use, since only a new walk could apply it: those of
   new are swapped into old, to be freed with it, and buf names those that differ.
   Returns whether any does. The articles' titles were made with the chrome in use,
   which so stays where they point. */
static int
ui_reload_walked(struct config *new, struct config *old, char *buf, size_t size)
{
	struct config	 keep = *old;
	size_t		 i;
	int		 ext, chrome, check;

	ext = new->nextensions != old->nextensions;
	for (i = 0; !ext && i < new->nextensions; i++)
		ext = strcmp(new->extensions[i], old->extensions[i]) != 0;
	chrome = chrome_fingerprint(new->chrome) != chrome_fingerprint(old->chrome);
	check = new->check_folders != old->check_folders;
	old->extensions = new->extensions;
	old->nextensions = new->nextensions;
	old->chrome = new->chrome;
	old->chrome_src = new->chrome_src;
	old->nchrome_src = new->nchrome_src;
	old->check_folders = new->check_folders;
	new->extensions = keep.extensions;
	new->nextensions = keep.nextensions;
	new->chrome = keep.chrome;
	new->chrome_src = keep.chrome_src;
	new->nchrome_src = keep.nchrome_src;
	new->check_folders = keep.check_folders;
	snprintf(buf, size, "%s%s%s%s%s", ext ? "extensions" : "",
	    ext && (chrome || check) ? "/" : "", chrome ? "chrome" : "",
	    chrome && check ? "/" : "", check ? "check" : "");
	return ext || chrome || check;
}

/* The item of sb of the kind and label of s, or 1 (All) when it is gone. */
static size_t
ui_reload_find(const struct sidebar *sb, const struct side_item *s)
{
	size_t	 i;

	for (i = 0; i < sb->n; i++)
		if (sb->v[i].kind == s->kind && strcmp(sb->v[i].label, s->label) == 0)
			return i;
	return sb->n > 1 ? 1 : 0;
}

/* Everything the screen made from the themes, made again from those in use: the
   sidebar (the item applied and the cursor kept by name), the limit's query, the
   order, the colours, the body's matches; keywords in context are let go. */
static void
ui_reload_rebuild(struct tui *t)
{
	struct side_item	 active, sel;
	struct diag		 d;
	char			*text;
	int			 filtered = 0;

	memset(&active, 0, sizeof active);
	memset(&sel, 0, sizeof sel);
	if (t->side_active < t->sidebar.n) {
		active.kind = t->sidebar.v[t->side_active].kind;
		active.label = xstrdup(t->sidebar.v[t->side_active].label);
	}
	if (t->side_sel < t->sidebar.n) {
		sel.kind = t->sidebar.v[t->side_sel].kind;
		sel.label = xstrdup(t->sidebar.v[t->side_sel].label);
	}
	t->list.scan = t->cat->scan;
	listing_set_group(&t->list, t->cat->config.group_duplicates);
	sidebar_free(&t->sidebar);
	ui_sidebar_build(t);
	if (active.label != NULL)
		t->side_active = ui_reload_find(&t->sidebar, &active);
	if (sel.label != NULL)
		t->side_sel = ui_reload_find(&t->sidebar, &sel);
	free(active.label);
	free(sel.label);
	/* A query may name a theme: read again under the new ones (which filters
	   the list), or let go with the reason when it names one that is gone. */
	if (t->list.query_text != NULL) {
		text = xstrdup(t->list.query_text);
		memset(&d, 0, sizeof d);
		filtered = ui_list_limit(t, text, &d) == 0;
		if (!filtered) {
			listing_set_query(&t->list, NULL, NULL);
			ui_reload_say(t, &d, "the limit is cleared");
		}
		diag_free(&d);
		free(text);
	}
	if (!filtered)
		ui_sidebar_refilter(t);
	ui_list_sort(t);
	ui_colour_free();
	ui_colour_init(&t->cat->config);
	/* The body is read and its matches found again; K's list was made under
	   the old themes. */
	t->shown = NULL;
	t->cur_valid = 0;
	ui_kwic_free(t);
	t->kwic_back = 0;
	if (t->mode == MODE_KWIC)
		t->mode = t->kwic_prev_mode;
	t->list_need = 0;
	t->dirty |= DIRTY_ALL;
}

void
ui_reload(struct tui *t)
{
	struct catalog	*cat = t->cat;
	struct config	 cfg;
	struct theme	*th;
	struct diag	 d;
	char		 walked[64];
	size_t		 i;
	long		 cpus;
	int		 restart;

	/* The scan and the corpus may change here: not under the clusters'
	   thread. */
	ui_dups_wait(t);
	/* The comparison needs the old themes' counts whole, and the verifier
	   counts changed articles again in the scan in use. */
	if (t->reload_scan != NULL || !scan_finished(cat->scan) ||
	    t->verify != NULL) {
		tui_message(t, 1, "the themes are still being counted: R again once "
		    "they are");
		return;
	}
	memset(&d, 0, sizeof d);
	if (catalog_config_read(cat, &cfg, &d) == -1) {
		ui_reload_say(t, &d, "not reloaded");
		diag_free(&d);
		return;
	}
	restart = ui_reload_walked(&cfg, &cat->config, walked, sizeof walked);
	/* x's highlighting off stays off for a theme of the same name. */
	for (i = 0; i < cfg.nthemes; i++)
		if ((th = config_theme(&cat->config, cfg.themes[i].name)) != NULL)
			cfg.themes[i].enabled = th->enabled;
	/* The old configuration moves aside with its scan, which is finished and
	   reads it no more; the catalog's own, where the listing and the
	   sidebar point, takes the new. */
	t->reload_old = xmalloc(sizeof *t->reload_old);
	*t->reload_old = cat->config;
	cat->config = cfg;
	t->reload_scan = cat->scan;
	cat->scan = NULL;
	free(cat->cache);
	cat->cache = NULL;
	catalog_scan_new(cat);
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	scan_start_cached(cat->scan, cat->cache, cpus > 0 ? (int)cpus : 1);
	ui_reload_rebuild(t);
	/* Said now, and again with the summary, which comes too soon after on a
	   small corpus to be read. */
	t->reload_note[0] = '\0';
	if (restart)
		snprintf(t->reload_note, sizeof t->reload_note, "; restart rubric to "
		    "apply %s", walked);
	else if (d.n > 0)
		snprintf(t->reload_note, sizeof t->reload_note, "; %zu configuration "
		    "problem%s (H lists %s)", d.n, d.n == 1 ? "" : "s",
		    d.n == 1 ? "it" : "them");
	if (d.n > 0)
		ui_reload_say(t, &d, "reloading");
	if (restart || d.n == 0)
		tui_message(t, 0, "reloading: counting the new themes%s",
		    t->reload_note);
	diag_free(&d);
}

/* D's lines from rubric diff's text, tabs made spaces for the help's window. */
static void
ui_reload_lines(struct tui *t, const struct themediff *td)
{
	FILE	*f;
	char	*buf = NULL, *line, *next, *p;
	size_t	 len = 0, i;

	for (i = 0; i < t->nreload_lines; i++)
		free(t->reload_lines[i]);
	free(t->reload_lines);
	t->reload_lines = NULL;
	t->nreload_lines = 0;
	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("open_memstream");
	themediff_text(td, &t->cat->corpus, "the old configuration",
	    "the new configuration", f);
	fclose(f);
	for (line = buf; line < buf + len; line = next) {
		if ((next = memchr(line, '\n', (size_t)(buf + len - line))) != NULL)
			*next++ = '\0';
		else
			next = buf + len;
		for (p = line; *p != '\0'; p++)
			if (*p == '\t')
				*p = ' ';
		t->reload_lines = xreallocarray(t->reload_lines,
		    t->nreload_lines + 1, sizeof *t->reload_lines);
		t->reload_lines[t->nreload_lines++] = xasprintf(" %s", line);
	}
	free(buf);
}

void
ui_reload_poll(struct tui *t)
{
	struct themediff	 td;
	char			 sum[200];

	if (t->reload_scan == NULL || !scan_finished(t->cat->scan))
		return;
	scan_wait(t->cat->scan);
	themediff_make(&td, t->cat, NULL, 0, t->reload_old, t->reload_scan,
	    &t->cat->config, t->cat->scan);
	themediff_summary(&td, sum, sizeof sum);
	ui_reload_lines(t, &td);
	tui_message(t, 0, "reloaded: %s%s%s", sum, themediff_changed(&td) ?
	    "; D shows them" : "", t->reload_note);
	themediff_free(&td);
	/* Nothing points into the old configuration any more: the screen's state
	   was made again from the new one at R. */
	scan_free(t->reload_scan);
	t->reload_scan = NULL;
	config_free(t->reload_old);
	free(t->reload_old);
	t->reload_old = NULL;
	t->dirty |= DIRTY_SIDEBAR | DIRTY_LIST | DIRTY_STATUS;
}

void
ui_reload_show(struct tui *t)
{
	size_t	 i;

	if (t->reload_lines == NULL) {
		tui_message(t, 0, t->reload_scan != NULL ? "the new themes are still "
		    "being counted" : "nothing reloaded yet: R reads the "
		    "configuration again");
		return;
	}
	for (i = 0; i < t->nhelp; i++)
		free(t->help_lines[i]);
	t->help_lines = xreallocarray(t->help_lines, t->nreload_lines + 1024,
	    sizeof *t->help_lines);
	for (i = 0; i < t->nreload_lines; i++)
		t->help_lines[i] = xstrdup(t->reload_lines[i]);
	t->nhelp = t->nreload_lines;
	ui_help_enter(t, 2);
}

void
ui_reload_free(struct tui *t)
{
	size_t	 i;

	for (i = 0; i < t->nreload_lines; i++)
		free(t->reload_lines[i]);
	free(t->reload_lines);
	t->reload_lines = NULL;
	t->nreload_lines = 0;
	if (t->reload_scan != NULL)
		scan_free(t->reload_scan);
	t->reload_scan = NULL;
	if (t->reload_old != NULL) {
		config_free(t->reload_old);
		free(t->reload_old);
	}
	t->reload_old = NULL;
}
