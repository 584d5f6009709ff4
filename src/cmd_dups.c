/* rubric dups: the clusters of near-duplicates (dups.h), each with its members, their
   similarity to the cluster's first and which is first: as tab-separated text, a
   line a member, or as JSON Lines, a record a cluster. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "dups.h"
#include "export.h"
#include "log.h"
#include "xmalloc.h"

static void	cmd_dups_tsv(struct catalog *, const struct dups *, uint32_t);
static void	cmd_dups_jsonl(struct catalog *, const struct dups *, uint32_t);
static int	cmd_dups(struct cmd_args *);

static const struct cmd_option cmd_dups_options[] = {
	{ 'f', 'f', "format", "FORMAT", "tsv (the default) or jsonl" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_dups_entry = {
	"dups", NULL,
	"The clusters of near-duplicate articles (syndicated copies)",
	"dups [--config FILE] [--sidecar FILE] [-q QUERY] [--format tsv|jsonl] "
	"[PATH...]",
	"Each cluster of articles whose bodies are copies of one story, found by\n"
	"their shared three-word runs (at least duplicate_threshold of them), with\n"
	"each member's similarity to the cluster's first: the earliest by date,\n"
	"then by path. With -q, the clusters with a member the query picks.",
	CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, cmd_dups_options, 0, -1, cmd_dups
};

/* Cluster k a line a member: the cluster's name, "first" or "copy", the similarity
   to the first (0.00 to 1.00), the path and the title. */
static void
cmd_dups_tsv(struct catalog *c, const struct dups *d, uint32_t k)
{
	const uint32_t	*m;
	char		 name[17];
	size_t		 n, j;

	dups_cluster_name(d, k, name);
	m = dups_members(d, k, &n);
	for (j = 0; j < n; j++) {
		const struct article	*a = c->corpus.articles[m[j]];
		int			 sim = dups_similarity_first(d, m[j]);

		printf("%s\t%s\t%d.%02d\t", name, j == 0 ? "first" : "copy",
		    sim / 100, sim % 100);
		export_tsv(stdout, a->name, strlen(a->name));
		putchar('\t');
		export_tsv(stdout, a->title, strlen(a->title));
		putchar('\n');
	}
}

/* Cluster k as one record: its name, how many, and its members, the first first. */
static void
cmd_dups_jsonl(struct catalog *c, const struct dups *d, uint32_t k)
{
	const uint32_t	*m;
	json_t		*o = json_object(), *arr = json_array(), *mo;
	char		 name[17];
	const char	*date;
	size_t		 n, j;

	dups_cluster_name(d, k, name);
	m = dups_members(d, k, &n);
	json_object_set_new(o, "cluster", json_string(name));
	json_object_set_new(o, "count", json_integer((json_int_t)n));
	for (j = 0; j < n; j++) {
		const struct article	*a = c->corpus.articles[m[j]];

		mo = json_object();
		json_object_set_new(mo, "path", export_json_string(a->name,
		    strlen(a->name)));
		json_object_set_new(mo, "title", export_json_string(a->title,
		    strlen(a->title)));
		if ((date = article_text(a, ARTICLE_DATE)) != NULL)
			json_object_set_new(mo, "date", export_json_string(date,
			    strlen(date)));
		json_object_set_new(mo, "first", json_boolean(j == 0));
		json_object_set_new(mo, "similarity",
		    json_real(dups_similarity_first(d, m[j]) / 100.0));
		json_array_append_new(arr, mo);
	}
	json_object_set_new(o, "members", arr);
	export_json_line(stdout, o);
}

static int
cmd_dups(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und;
	struct query		*q;
	struct dups		*d;
	uint8_t			*shown;
	size_t			*sel, nsel, nund = 0, i;
	uint32_t		 k;
	int			 rc, jsonl;

	if ((jsonl = cmd_args_jsonl(args, "tsv")) == -1)
		return cmd_args_usage_error(args->entry);
	if ((rc = cmd_open_pick(&c, args, &q, &sel, &nsel, &und, &nund)) != 0)
		return rc;
	if ((d = catalog_dups(&c)) == NULL) {
		free(sel);
		free(und);
		query_free(q);
		catalog_free(&c);
		return 130;
	}
	log_mark("clusters made");
	/* The clusters in the corpus order of their firsts, those with a member
	   picked. */
	shown = xcalloc(dups_nclusters(d) / 8 + 1, 1);
	for (i = 0; i < nsel; i++)
		if ((k = dups_cluster(d, sel[i])) != DUPS_NONE)
			shown[k / 8] |= 1u << (k % 8);
	flockfile(stdout);
	for (k = 0; k < dups_nclusters(d); k++) {
		if (!(shown[k / 8] >> (k % 8) & 1))
			continue;
		if (jsonl)
			cmd_dups_jsonl(&c, d, k);
		else
			cmd_dups_tsv(&c, d, k);
	}
	funlockfile(stdout);
	rc = cmd_flush();
	if (cmd_undecided(&c, und, nund) != 0)
		rc = 1;
	free(shown);
	free(und);
	free(sel);
	query_free(q);
	catalog_free(&c);
	return rc;
}
