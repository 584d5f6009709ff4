/* rubric tag: the sidecar from the shell. Options come first, as in notmuch; a FILE's
   sidecar is found by walking up from its directory. Finding the sidecar, refusing what
   is no article, following moved files and committing are shared with rubric note. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "cmd.h"
#include "lock.h"
#include "sidecar.h"
#include "xmalloc.h"

static int	cmd_tag_changes(const struct sidecar_entry *, char **, int, int);
static void	cmd_tag_count(struct catalog *, const struct sidecar_ops *, char **,
		    size_t, char **, int, size_t *, size_t *);
static int	cmd_tag_cmp(const void *, const void *);
static void	cmd_tag_said(size_t, size_t);
static int	cmd_tag(struct cmd_args *);

const struct cmd_entry cmd_tag_entry = {
	"tag", NULL,
	"Add (+TAG) or remove (-TAG) tags, kept in the sidecar",
	"tag [--sidecar FILE] [+TAG|-TAG]... -- FILE...\n"
	"tag [--config FILE] [--sidecar FILE] -q QUERY [+TAG|-TAG]... [-- PATH...]",
	"Options come first; after them -TAG removes a tag whatever its name (a tag\n"
	"called q or h is removed with a change before it: rubric tag +x -q -- FILE).\n"
	"With -q, every article of the corpus the query matches.\n",
	CMD_CONFIG | CMD_SIDECAR | CMD_QUERY | CMD_SIGNED, NULL, 1, -1, cmd_tag
};

/* Refuses a FILE that is missing or no regular file (a FIFO, a device, a folder):
   tags and notes are for articles. Returns 0, or 1 after saying what is wrong. */
int
cmd_tag_file(const char *file)
{
	struct stat	 st;
	const char	*kind;

	if (stat(file, &st) == -1) {
		diag_say_file(file, 0, "%s", strerror(errno));
		return 1;
	}
	if ((kind = article_kind(st.st_mode)) == NULL)
		return 0;
	diag_say_file(file, 0, "%s", kind);
	return 1;
}

int
cmd_tag_open(struct catalog *c, const char *given, const char *where)
{
	struct diag	 d;
	int		 rc;

	memset(&d, 0, sizeof d);
	rc = catalog_open_files(c, given, where, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	return rc == -1 ? 1 : 0;
}

int
cmd_tag_save(struct catalog *c, struct sidecar_ops *ops)
{
	struct diag		 d;
	enum sidecar_result	 rc;

	memset(&d, 0, sizeof d);
	rc = catalog_save(c, ops, lock_timeout(), &d);
	diag_print(&d, stderr);
	diag_free(&d);
	return rc == SIDECAR_SAVED ? 0 : 1;
}

/* Whether the tag changes argv[from..to) change entry e (NULL: none): the last
   change to a name is what it ends as, and +TAG changes only an article that has
   no such tag of a person's, -TAG only one that has the tag. The names are checked
   already (cmd_tag_ops). */
static int
cmd_tag_changes(const struct sidecar_entry *e, char **argv, int from, int to)
{
	char	 name[SIDECAR_TAGMAX * 2];
	size_t	 k;
	int	 i, j;

	for (i = from; i < to; i++) {
		snprintf(name, sizeof name, "%s", argv[i] + 1);
		sidecar_tag_check(name, NULL);
		/* A later change to the same name decides. */
		for (j = i + 1; j < to; j++) {
			char	 later[SIDECAR_TAGMAX * 2];

			snprintf(later, sizeof later, "%s", argv[j] + 1);
			sidecar_tag_check(later, NULL);
			if (strcmp(later, name) == 0)
				break;
		}
		if (j < to)
			continue;
		for (k = 0; e != NULL && k < e->ntags; k++)
			if (strcmp(e->tags[k].name, name) == 0)
				break;
		if (argv[i][0] == '+' ? e == NULL || k == e->ntags ||
		    e->tags[k].origin != SIDECAR_PERSON : e != NULL && k < e->ntags)
			return 1;
	}
	return 0;
}

static int
cmd_tag_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Counts in changed and same the files rels[0..n) that the tag changes argv[0..to)
   change and those already so, from the sidecar as it is now with the entries that
   follow moved files (the MOVE ops of ops) moved; a file named twice (f ./f) is one
   article. A sidecar that cannot be read counts nothing: the commit says why. */
static void
cmd_tag_count(struct catalog *c, const struct sidecar_ops *ops, char **rels,
    size_t n, char **argv, int to, size_t *changed, size_t *same)
{
	struct sidecar		 s;
	struct sidecar_ops	 moves;
	struct diag		 d;
	char			**sorted;
	size_t			 i;

	memset(&d, 0, sizeof d);
	memset(&moves, 0, sizeof moves);
	if (sidecar_load(&s, c->side_path, &d) == -1) {
		diag_free(&d);
		return;
	}
	diag_free(&d);
	for (i = 0; i < ops->n; i++)
		if (ops->v[i].kind == SIDECAR_OP_MOVE)
			sidecar_ops_add(&moves, SIDECAR_OP_MOVE, ops->v[i].path,
			    ops->v[i].arg, ops->v[i].num);
	sidecar_apply(&s, &moves);
	sorted = xreallocarray(NULL, n + 1, sizeof *sorted);
	memcpy(sorted, rels, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmd_tag_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(sorted[i], sorted[i - 1]) == 0)
			continue;
		if (cmd_tag_changes(sidecar_entry(&s, sorted[i], 0), argv, 0, to))
			(*changed)++;
		else
			(*same)++;
	}
	free(sorted);
	sidecar_ops_free(&moves);
	sidecar_free(&s);
}

/* Says how many articles the saved changes changed and how many were so already. */
static void
cmd_tag_said(size_t changed, size_t same)
{
	if (changed + same == 0)
		diag_say("no article to change");
	else if (changed == 0)
		diag_say("nothing changed: %zu article%s already so", same,
		    same == 1 ? " was" : "s were");
	else if (same == 0)
		diag_say("%zu article%s changed", changed, changed == 1 ? "" : "s");
	else
		diag_say("%zu article%s changed, %zu already so", changed,
		    changed == 1 ? "" : "s", same);
}

/* Adds the tag changes argv[from..to) for article path (relative to the sidecar) to
   ops, with the file's fingerprint so that its tags follow it when it moves. Returns 0,
   or 2 after saying which tag name is refused. */
static int
cmd_tag_ops(struct sidecar_ops *ops, char **argv, int from, int to, const char *rel,
    const char *file)
{
	struct diag	 d = { 0 };
	char		 name[SIDECAR_TAGMAX * 2], *fp;
	int		 i;

	for (i = from; i < to; i++) {
		snprintf(name, sizeof name, "%s", argv[i] + 1);
		if (sidecar_tag_check(name, &d) == -1) {
			diag_say("'%s': %s", argv[i] + 1, d.msgs[0].text);
			diag_free(&d);
			return 2;
		}
		sidecar_ops_add(ops, SIDECAR_OP_TAG, rel, name,
		    argv[i][0] == '+' ? SIDECAR_PERSON : -1);
	}
	if ((fp = sidecar_fingerprint(file)) != NULL)
		sidecar_ops_add(ops, SIDECAR_OP_FINGERPRINT, rel, fp, 0);
	free(fp);
	return 0;
}

/* rubric tag -q QUERY +TAG... [-- PATH...]: every article of the corpus the query
   matches. */
static int
cmd_tag_query(const char *extra, const char *given, const char *query, char **argv,
    int from, int to, char **paths, int npaths)
{
	struct catalog	 c;
	struct catalog_undecided *und;
	struct query	*q;
	struct sidecar_ops ops;
	size_t		*sel, nsel, nund, i, changed = 0, same = 0;
	int		 rc;

	if ((rc = cmd_open(&c, extra, given, query, paths, npaths, &q)) != 0)
		return rc;
	/* Entries that followed moved articles are saved with the change. */
	memset(&ops, 0, sizeof ops);
	for (i = 0; i < c.moves.n; i++)
		sidecar_ops_add(&ops, c.moves.v[i].kind, c.moves.v[i].path,
		    c.moves.v[i].arg, c.moves.v[i].num);
	sel = xcalloc(c.corpus.n + 1, sizeof *sel);
	und = xcalloc(c.corpus.n + 1, sizeof *und);
	nsel = cmd_select(&c, q, sel, und, &nund);
	/* Stopped: nothing is tagged, as with a query that could not decide. */
	if (cmd_stopped()) {
		free(und);
		free(sel);
		sidecar_ops_free(&ops);
		query_free(q);
		catalog_free(&c);
		return 130;
	}
	/* All or nothing: tagging the articles that were decided would leave a set
	   that is not the query's, and nothing would say which are missing. */
	if ((rc = cmd_undecided(&c, und, nund)) != 0)
		diag_say("nothing was tagged: the query could not decide %zu article%s",
		    nund, nund == 1 ? "" : "s");
	for (i = 0; i < nsel && rc == 0; i++) {
		if (catalog_rel(&c, sel[i]) == NULL)
			continue;
		rc = cmd_tag_ops(&ops, argv, from, to, catalog_rel(&c, sel[i]),
		    c.corpus.articles[sel[i]]->path);
		if (rc == 0 && cmd_tag_changes(catalog_entry(&c, sel[i]), argv, from,
		    to))
			changed++;
		else if (rc == 0)
			same++;
	}
	if (rc == 0 && ops.n > 0)
		rc = cmd_tag_save(&c, &ops);
	if (rc == 0)
		cmd_tag_said(changed, same);
	sidecar_ops_free(&ops);
	free(und);
	free(sel);
	query_free(q);
	catalog_free(&c);
	return rc;
}

static int
cmd_tag(struct cmd_args *args)
{
	struct catalog		 c;
	struct sidecar_ops	 ops;
	char			**argv = args->argv, *rel, **rels;
	size_t			 changed = 0, same = 0, nrels = 0;
	int			 argc = args->argc, i, files, rc = 0;

	/* The changes, up to "--"; then the files (or with -q the paths). */
	for (files = 0; files < argc && strcmp(argv[files], "--") != 0; files++)
		if (argv[files][0] != '+' && argv[files][0] != '-') {
			diag_say("'%s' is no +TAG or -TAG (-- goes before the files)",
			    argv[files]);
			return cmd_args_usage_error(args->entry);
		}
	if (files == 0) {
		diag_say("no +TAG or -TAG given");
		return cmd_args_usage_error(args->entry);
	}
	if (args->query != NULL)
		return cmd_tag_query(args->config, args->sidecar, args->query, argv, 0,
		    files, argv + files + (files < argc), argc - files - (files < argc));
	if (files >= argc - 1) {
		diag_say("no FILE given (after --)");
		return cmd_args_usage_error(args->entry);
	}
	memset(&c, 0, sizeof c);
	memset(&ops, 0, sizeof ops);
	rels = xcalloc((size_t)argc, sizeof *rels);
	for (i = files + 1; i < argc && rc == 0; i++) {
		if (cmd_tag_file(argv[i]) != 0) {
			rc = 1;
			break;
		}
		/* The first file's sidecar holds every file's tags. */
		if (c.side_path == NULL && (rc = cmd_tag_open(&c, args->sidecar,
		    argv[i])) != 0)
			break;
		if ((rel = sidecar_relative(c.side_path, argv[i])) == NULL) {
			diag_say_file(argv[i], 0, "%s", errno == ENOENT ?
			    strerror(errno) : "not below the sidecar's directory");
			rc = 1;
			break;
		}
		rc = cmd_tag_ops(&ops, argv, 0, files, rel, argv[i]);
		rels[nrels++] = rel;
	}
	if (rc == 0) {
		catalog_follow(&c, &ops);
		cmd_tag_count(&c, &ops, rels, nrels, argv, files, &changed, &same);
		rc = cmd_tag_save(&c, &ops);
	}
	if (rc == 0)
		cmd_tag_said(changed, same);
	while (nrels > 0)
		free(rels[--nrels]);
	free(rels);
	sidecar_ops_free(&ops);
	catalog_free(&c);
	return rc;
}
