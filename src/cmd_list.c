/* rubric list: each article's path, title and tags, as tab-separated text (markers for
   controls, as on the screen) or as JSON Lines (always valid UTF-8: an invalid byte
   becomes U+FFFD). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "corpus.h"
#include "file.h"
#include "glyph.h"
#include "log.h"
#include "sidecar.h"
#include "utf8.h"
#include "xmalloc.h"

static void	cmd_list_text(const char *);
static json_t	*cmd_list_string(const char *);

/* Writes s as it would show on the screen: controls as markers, tabs and line ends
   as spaces, so that one article stays one line and no byte is a control. */
static void
cmd_list_text(const char *s)
{
	struct glyph	 g;
	size_t		 pos = 0, n = strlen(s);

	while (pos < n) {
		glyph_next(s + pos, n - pos, 0, 1, &g);
		if (g.kind == GLYPH_TAB || g.kind == GLYPH_EOL)
			putchar(' ');
		else
			fwrite(g.text, 1, g.textlen, stdout);
		pos += g.len;
	}
}

static json_t *
cmd_list_string(const char *s)
{
	size_t	 len;
	char	*v = utf8_valid_copy(s, strlen(s), &len);
	json_t	*j = json_stringn(v, len);

	free(v);
	if (j == NULL)
		fatal("out of memory");
	return j;
}

int
cmd_list(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "gone",	no_argument,		NULL, 'g' },
		{ "sidecar",	required_argument,	NULL, 's' },
		{ NULL,		0,			NULL, 0 }
	};
	struct config		 c;
	struct diag		 d;
	struct corpus		 corpus;
	struct corpus_options	 opts;
	struct sidecar		 side;
	const char		*extra = NULL, *format = "tsv", *given = NULL, *dot = ".";
	const char *const	*paths;
	char			 err[4096], *scpath, *rel, *line;
	size_t			 npaths, i, j, shown;
	int			 ch, jsonl, gone = 0;
	char			**rels;
	size_t			 nrels = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:f:s:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			extra = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 's':
			given = optarg;
			break;
		case 'g':
			gone = 1;
			break;
		default:
			goto usage;
		}
	}
	if (strcmp(format, "tsv") != 0 && strcmp(format, "jsonl") != 0)
		goto usage;
	jsonl = strcmp(format, "jsonl") == 0;
	paths = optind < argc ? (const char *const *)argv + optind : &dot;
	npaths = optind < argc ? (size_t)(argc - optind) : 1;
	memset(&d, 0, sizeof d);
	if (cmd_config(extra, paths[0], &c, &d) == -1) {
		diag_print(&d, stderr);
		diag_free(&d);
		config_free(&c);
		return 1;
	}
	diag_print(&d, stderr);
	diag_free(&d);
	opts.extensions = (const char *const *)c.extensions;
	opts.nextensions = c.nextensions;
	opts.chrome = c.chrome;
	if (corpus_scan(&corpus, paths, npaths, &opts, err, sizeof err) == -1) {
		fprintf(stderr, "rubric: %s\n", err);
		config_free(&c);
		return 1;
	}
	/* No sidecar is no tags; one that cannot be read is an error, not "no tags". */
	sidecar_init(&side);
	scpath = given != NULL ? xstrdup(given) : file_find_up(paths[0], SIDECAR_NAME);
	if (scpath != NULL) {
		memset(&d, 0, sizeof d);
		if (sidecar_load(&side, scpath, &d) == -1) {
			diag_print(&d, stderr);
			diag_free(&d);
			free(scpath);
			corpus_free(&corpus);
			config_free(&c);
			return 1;
		}
		diag_print(&d, stderr);
		diag_free(&d);
	}
	if (gone) {
		/* The sidecar's entries whose article is not in the corpus: kept in the
		   file, never dropped, and shown here. */
		rels = xreallocarray(NULL, corpus.n + 1, sizeof *rels);
		for (i = 0; i < corpus.n && scpath != NULL; i++)
			if ((rels[nrels] = sidecar_relative(scpath,
			    corpus.articles[i]->path)) != NULL)
				nrels++;
		for (i = 0; i < side.n; i++) {
			const struct sidecar_entry	*e = &side.v[i];

			for (j = 0; j < nrels && strcmp(rels[j], e->path) != 0; j++)
				;
			if (j < nrels)
				continue;
			cmd_list_text(e->path);
			for (j = 0, shown = 0; j < e->ntags; j++) {
				putchar(shown++ > 0 ? ',' : '\t');
				cmd_list_text(e->tags[j].name);
			}
			putchar('\n');
		}
		for (j = 0; j < nrels; j++)
			free(rels[j]);
		free(rels);
		free(scpath);
		sidecar_free(&side);
		corpus_free(&corpus);
		config_free(&c);
		return fflush(stdout) == EOF ? 1 : 0;
	}
	for (i = 0; i < corpus.n; i++) {
		const struct article		*a = corpus.articles[i];
		const struct sidecar_entry	*e = NULL;

		if (scpath != NULL && (rel = sidecar_relative(scpath, a->path)) != NULL) {
			e = sidecar_entry(&side, rel, 0);
			free(rel);
		}
		if (jsonl) {
			json_t	*o = json_object(), *tags = json_array(), *autos = json_array(),
				*rej = json_array();

			json_object_set_new(o, "path", cmd_list_string(a->name));
			json_object_set_new(o, "title", cmd_list_string(a->title));
			for (j = 0; e != NULL && j < e->ntags; j++)
				json_array_append_new(e->tags[j].origin == SIDECAR_PERSON ? tags :
				    e->tags[j].origin == SIDECAR_THEME ? autos : rej,
				    cmd_list_string(e->tags[j].name));
			json_object_set_new(o, "tags", tags);
			json_object_set_new(o, "auto", autos);
			json_object_set_new(o, "rejected", rej);
			if (a->error != NULL)
				json_object_set_new(o, "error", cmd_list_string(a->error));
			line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
			if (line != NULL)
				puts(line);
			free(line);
			json_decref(o);
			continue;
		}
		cmd_list_text(a->name);
		putchar('\t');
		cmd_list_text(a->title);
		putchar('\t');
		for (j = 0, shown = 0; e != NULL && j < e->ntags; j++) {
			if (e->tags[j].origin == SIDECAR_REJECTED)
				continue;
			if (shown++ > 0)
				putchar(',');
			cmd_list_text(e->tags[j].name);
		}
		putchar('\n');
	}
	free(scpath);
	sidecar_free(&side);
	corpus_free(&corpus);
	config_free(&c);
	return fflush(stdout) == EOF ? 1 : 0;

usage:
	fputs("usage: rubric list [--config FILE] [--sidecar FILE] [--format tsv|jsonl] "
	    "[--gone] [PATH...]\n", stderr);
	return 2;
}
