/* rubric tags: every tag of the sidecar and the themes, with how many articles carry
   it and by whom, and how many passages carry it as a code and in how many articles. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "sidecar.h"
#include "tags.h"
#include "xmalloc.h"

static void	cmd_tags_count(char ***, size_t (**)[5], size_t *, const char *, int);
static int	cmd_tags(struct cmd_args *);

static const struct cmd_option cmd_tags_options[] = {
	{ 'p', '\0', "passages", NULL, "also the articles and passages that carry "
	    "each as a code" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_tags_entry = {
	"tags", NULL,
	"Every tag with its manual, automatic and rejected counts",
	"tags [--config FILE] [--sidecar FILE] [--passages] [PATH...]",
	NULL, CMD_CONFIG | CMD_SIDECAR, cmd_tags_options, 0, -1, cmd_tags
};

/* The columns after the three origins: articles with a passage of the code, and
   such passages. */
#define CMD_TAGS_CODED		3
#define CMD_TAGS_PASSAGES	4

/* Counts one more article with tag name, by who (a sidecar_origin), or one more of
   CMD_TAGS_CODED or CMD_TAGS_PASSAGES. */
static void
cmd_tags_count(char ***names, size_t (**counts)[5], size_t *n, const char *name,
    int who)
{
	size_t	 k;

	for (k = 0; k < *n && strcmp((*names)[k], name) != 0; k++)
		;
	if (k == *n) {
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		*counts = xreallocarray(*counts, *n + 1, sizeof **counts);
		(*names)[k] = xstrdup(name);
		memset((*counts)[k], 0, sizeof (*counts)[k]);
		(*n)++;
	}
	(*counts)[k][who]++;
}

static int
cmd_tags(struct cmd_args *args)
{
	struct catalog	 c;
	struct query	*q;
	const struct sidecar_entry *e;
	const scan_count	*counts;
	char		**names = NULL;
	const struct sidecar_passage *p;
	size_t		 i, j, k, l, n = 0, (*num)[5] = NULL;
	int		 rc, passages = cmd_args_has(args, 'p');

	if ((rc = cmd_open(&c, args->config, args->sidecar, NULL, args->argv,
	    args->argc, &q)) != 0)
		return rc;
	/* Every tag the sidecar holds, also on articles that are gone, then the
	   themes' automatic tags as the counts put them now. */
	for (i = 0; i < c.side.n; i++)
		for (j = 0; j < c.side.v[i].ntags; j++)
			cmd_tags_count(&names, &num, &n, c.side.v[i].tags[j].name,
			    (int)c.side.v[i].tags[j].origin);
	/* The codes of passages: each passage once, each article once a code however
	   many of its passages carry it. A rejected code is no code. */
	for (i = 0; passages && i < c.side.n; i++)
		for (j = 0; j < c.side.v[i].npassages; j++) {
			p = &c.side.v[i].passages[j];
			for (k = 0; k < p->ntags; k++) {
				if (p->tags[k].origin == SIDECAR_REJECTED)
					continue;
				cmd_tags_count(&names, &num, &n, p->tags[k].name,
				    CMD_TAGS_PASSAGES);
				for (l = 0; l < j; l++)
					if (tags_code_of(&c.side.v[i].passages[l],
					    p->tags[k].name))
						break;
				if (l == j)
					cmd_tags_count(&names, &num, &n,
					    p->tags[k].name, CMD_TAGS_CODED);
			}
		}
	if (cmd_scan(&c) == -1) {
		cmd_stopped();
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		free(num);
		catalog_free(&c);
		return 130;
	}
	for (i = 0; i < c.corpus.n; i++) {
		e = catalog_entry(&c, i);
		if ((counts = catalog_counts(&c, i)) == NULL)
			continue;
		for (j = 0; j < c.config.nthemes; j++)
			if (tags_auto(&c.config.themes[j], counts[j], e))
				cmd_tags_count(&names, &num, &n, c.config.themes[j].name,
				    SIDECAR_THEME);
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char	*tn = names[j];
			size_t	 tc[5];

			names[j] = names[j - 1];
			names[j - 1] = tn;
			memcpy(tc, num[j], sizeof tc);
			memcpy(num[j], num[j - 1], sizeof tc);
			memcpy(num[j - 1], tc, sizeof tc);
		}
	/* The passages' columns only when asked for: scripts read the name as
	   the fourth field and the last. */
	if (passages)
		printf("manual\tauto\trejected\tcoded\tpassages\ttag\n");
	else
		printf("manual\tauto\trejected\ttag\n");
	for (i = 0; i < n; i++) {
		printf("%zu\t%zu\t%zu\t", num[i][SIDECAR_PERSON], num[i][SIDECAR_THEME],
		    num[i][SIDECAR_REJECTED]);
		if (passages)
			printf("%zu\t%zu\t", num[i][CMD_TAGS_CODED],
			    num[i][CMD_TAGS_PASSAGES]);
		export_tsv(stdout, names[i], strlen(names[i]));
		putchar('\n');
		free(names[i]);
	}
	free(names);
	free(num);
	catalog_free(&c);
	return 0;
}
