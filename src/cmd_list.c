/* rubric list: each article's path, title and tags, as tab-separated text (tab, line
   end and backslash escaped, markers for other controls, as on the screen) or as JSON
   Lines (always valid UTF-8: an invalid byte becomes U+FFFD). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "export.h"
#include "log.h"
#include "tags.h"
#include "xmalloc.h"

static void	cmd_list_gone(struct catalog *, int);
static void	cmd_list_gone_jsonl(const struct sidecar_entry *);
static void	cmd_list_tags(json_t *, const struct catalog *,
		    const struct sidecar_entry *, const scan_count *);
static void	cmd_list_tsv_tag(const char *, int, int, size_t *);
static void	cmd_list_jsonl(struct catalog *, size_t);
static void	cmd_list_tsv(struct catalog *, size_t);
static int	cmd_list(struct cmd_args *);

static const struct cmd_option cmd_list_options[] = {
	{ 'f', 'f', "format", "FORMAT", "tsv (the default) or jsonl" },
	{ 'g', '\0', "gone", NULL,
	    "the sidecar's entries whose article is gone, instead" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_list_entry = {
	"list", NULL,
	"Each article's path, title and tags, as TSV or JSON Lines",
	"list [--config FILE] [--sidecar FILE] [-q QUERY] [--format tsv|jsonl] [--gone] "
	"[PATH...]",
	NULL, CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, cmd_list_options, 0, -1, cmd_list
};

/* The sidecar's entries whose article is not in the corpus and really gone (lstat()
   says ENOENT: catalog_gone_path()): kept in the file, never dropped, and shown here,
   in the format asked for. One in a folder that cannot be read is not gone, as for
   catalog_moves(): it is named on stderr with the reason instead. */
static void
cmd_list_gone(struct catalog *c, int jsonl)
{
	const struct sidecar_entry	*e;
	const char			*rel;
	unsigned char			*has;
	size_t				 i, j, shown;

	/* The entries an article has, by a lookup per article (a search of every
	   article for each entry took 10^10 steps at a million). */
	has = xcalloc(c->side.n + 1, 1);
	for (i = 0; i < c->corpus.n && c->side.n > 0; i++)
		if ((rel = catalog_rel(c, i)) != NULL &&
		    (e = sidecar_entry(&c->side, rel, 0)) != NULL)
			has[e - c->side.v] = 1;
	for (i = 0; i < c->side.n; i++) {
		e = &c->side.v[i];
		if (has[i])
			continue;
		switch (catalog_gone_path(c->side_path, e->path)) {
		case 0:
			continue;
		case -1:
			diag_say_file(e->path, 0, "not gone, cannot be looked at "
			    "(%s): left out of --gone", strerror(errno));
			continue;
		}
		if (jsonl) {
			cmd_list_gone_jsonl(e);
			continue;
		}
		export_tsv(stdout, e->path, strlen(e->path));
		shown = 0;
		for (j = 0; j < e->ntags; j++)
			if (e->tags[j].origin == SIDECAR_PERSON)
				cmd_list_tsv_tag(e->tags[j].name, 0, '\t',
				    &shown);
		for (j = 0; j < e->ntags; j++)
			if (e->tags[j].origin == SIDECAR_THEME)
				cmd_list_tsv_tag(e->tags[j].name, 1, '\t',
				    &shown);
		putchar('\n');
	}
	free(has);
}

/* A gone entry as JSON: its path and its tags by origin, as a listed article's. */
static void
cmd_list_gone_jsonl(const struct sidecar_entry *e)
{
	json_t	*o = json_object();

	json_object_set_new(o, "path", export_json_string(e->path, strlen(e->path)));
	cmd_list_tags(o, NULL, e, NULL);
	export_json_line(stdout, o);
}

/* The "tags", "auto" and "rejected" arrays of e (NULL: none) set in o; "auto" as
   export gives it: the theme's tags recorded in the sidecar, then those the counts
   (NULL: none) put now. */
static void
cmd_list_tags(json_t *o, const struct catalog *c, const struct sidecar_entry *e,
    const scan_count *counts)
{
	json_t	*tags = json_array(), *autos = json_array(), *rej = json_array();
	size_t	 j;

	for (j = 0; e != NULL && j < e->ntags; j++)
		json_array_append_new(e->tags[j].origin == SIDECAR_PERSON ? tags :
		    e->tags[j].origin == SIDECAR_THEME ? autos : rej,
		    export_json_string(e->tags[j].name, strlen(e->tags[j].name)));
	for (j = 0; c != NULL && j < c->config.nthemes; j++)
		if (tags_auto_theme(&c->config, counts, e, j))
			json_array_append_new(autos, export_json_string(
			    c->config.themes[j].name, strlen(c->config.themes[j].name)));
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "auto", autos);
	json_object_set_new(o, "rejected", rej);
}

static void
cmd_list_jsonl(struct catalog *c, size_t i)
{
	const struct article		*a = c->corpus.articles[i];
	const struct sidecar_entry	*e = catalog_entry(c, i);
	json_t				*o = json_object();

	json_object_set_new(o, "path", export_json_string(a->name, strlen(a->name)));
	json_object_set_new(o, "title", export_json_string(a->title, strlen(a->title)));
	cmd_list_tags(o, c, e, catalog_counts(c, i));
	if (a->error != NULL)
		json_object_set_new(o, "error", export_json_string(a->error,
		    strlen(a->error)));
	export_json_line(stdout, o);
}

/* One tag of the tags field, after first (0: nothing) if it is the first one: a
   theme's with '~' before it, as the screen shows it; a person's that starts with
   '~' with a backslash before, so that the two never print alike. */
static void
cmd_list_tsv_tag(const char *name, int theme, int first, size_t *shown)
{
	if ((*shown)++ > 0)
		putchar(',');
	else if (first != 0)
		putchar(first);
	if (theme)
		putchar('~');
	else if (name[0] == '~')
		putchar('\\');
	export_tsv(stdout, name, strlen(name));
}

static char	 cmd_list_buf[256 * 1024];

static void
cmd_list_tsv(struct catalog *c, size_t i)
{
	const struct article		*a = c->corpus.articles[i];
	const struct sidecar_entry	*e = catalog_entry(c, i);
	const scan_count			*counts = catalog_counts(c, i);
	size_t				 j, shown = 0;

	export_tsv(stdout, a->name, strlen(a->name));
	putchar('\t');
	export_tsv(stdout, a->title, strlen(a->title));
	putchar('\t');
	/* A person's tags, then the themes' in the order export gives them. */
	for (j = 0; e != NULL && j < e->ntags; j++)
		if (e->tags[j].origin == SIDECAR_PERSON)
			cmd_list_tsv_tag(e->tags[j].name, 0, 0, &shown);
	for (j = 0; e != NULL && j < e->ntags; j++)
		if (e->tags[j].origin == SIDECAR_THEME)
			cmd_list_tsv_tag(e->tags[j].name, 1, 0, &shown);
	for (j = 0; j < c->config.nthemes; j++)
		if (tags_auto_theme(&c->config, counts, e, j))
			cmd_list_tsv_tag(c->config.themes[j].name, 1, 0, &shown);
	/* What could not be read says why, in a fourth field. */
	if (a->error != NULL) {
		putchar('\t');
		export_tsv(stdout, a->error, strlen(a->error));
	}
	putchar('\n');
}

static int
cmd_list(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und;
	struct query		*q;
	size_t			*sel, nsel, nund = 0, i;
	int			 rc, jsonl, gone = cmd_args_has(args, 'g');

	if ((jsonl = cmd_args_jsonl(args, "tsv")) == -1)
		return cmd_args_usage_error(args->entry);
	if ((rc = cmd_open(&c, args->config, args->sidecar, args->query, args->argv,
	    args->argc, &q)) != 0)
		return rc;
	if (gone)
		cmd_list_gone(&c, jsonl);
	else {
		/* The themes' automatic tags need the counts. */
		if (cmd_pick(&c, q, &sel, &nsel, &und, &nund) == -1) {
			query_free(q);
			catalog_free(&c);
			return 130;
		}
		/* Lines by the hundred thousand: written in big pieces, and with
		   stdout locked once, not at each character. */
		if (!isatty(STDOUT_FILENO))
			setvbuf(stdout, cmd_list_buf, _IOFBF, sizeof cmd_list_buf);
		flockfile(stdout);
		for (i = 0; i < nsel; i++) {
			if (jsonl)
				cmd_list_jsonl(&c, sel[i]);
			else
				cmd_list_tsv(&c, sel[i]);
		}
		funlockfile(stdout);
		/* What was decided is listed; what was not is named, and fails. */
		rc = cmd_flush();
		if (cmd_undecided(&c, und, nund) != 0)
			rc = 1;
		free(und);
		free(sel);
	}
	log_mark("listed");
	query_free(q);
	catalog_free(&c);
	log_mark("freed");
	return rc != 0 ? rc : cmd_flush();
}
