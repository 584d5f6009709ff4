/* rubric tag: the sidecar from the shell. Options come first, as in notmuch; a FILE's
   sidecar is found by walking up from its directory. Finding the sidecar, refusing what
   is no article, following moved files and committing are shared with rubric note. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "cmd.h"
#include "export.h"
#include "file.h"
#include "lock.h"
#include "sidecar.h"
#include "trust.h"
#include "xmalloc.h"

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

/* The sidecar to use: the one given, or the one found from where if the user may
   trust it (trust.h), or else where a new one goes: the top of the git work tree
   holding where, else the current folder if where is below it, else where's own
   folder. NULL after saying why not. */
char *
cmd_tag_sidecar(const char *given, const char *where)
{
	struct diag	 d;
	char		*found, *dir, *cwd, *abs, *slash;
	size_t		 n;

	if (given != NULL)
		return xstrdup(given);
	if ((found = file_find_up(where, SIDECAR_NAME)) != NULL) {
		memset(&d, 0, sizeof d);
		if (!trust_found(found, "--sidecar", DIAG_ERROR, &d)) {
			diag_print(&d, stderr);
			free(found);
			found = NULL;
		}
		diag_free(&d);
		return found;
	}
	if ((dir = file_find_up(where, ".git")) != NULL) {
		slash = strrchr(dir, '/');
		*(slash == dir ? slash + 1 : slash) = '\0';
	} else if ((cwd = realpath(".", NULL)) != NULL &&
	    (abs = realpath(where, NULL)) != NULL) {
		n = strlen(cwd);
		if (strcmp(cwd, "/") == 0 || (strncmp(abs, cwd, n) == 0 &&
		    abs[n] == '/'))
			dir = xstrdup(cwd);
		else {
			slash = strrchr(abs, '/');
			*(slash == abs ? slash + 1 : slash) = '\0';
			dir = xstrdup(abs);
		}
		free(abs);
		free(cwd);
	} else {
		free(cwd);
		diag_say("%s: %s", where, strerror(errno));
		return NULL;
	}
	found = xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir, SIDECAR_NAME);
	free(dir);
	return found;
}

/* Refuses a FILE that is missing or no regular file (a FIFO, a device, a folder):
   tags and notes are for articles. Returns 0, or 1 after saying what is wrong. */
int
cmd_tag_file(const char *file)
{
	struct stat	 st;
	const char	*kind;

	if (stat(file, &st) == -1) {
		diag_say("%s: %s", file, strerror(errno));
		return 1;
	}
	if ((kind = article_kind(st.st_mode)) == NULL)
		return 0;
	diag_say("%s: %s", file, kind);
	return 1;
}

int
cmd_tag_commit(const char *path, struct sidecar_ops *ops)
{
	struct sidecar		 s;
	struct stat		 st;
	struct diag		 d;
	enum sidecar_result	 rc;
	const char		*slash = strrchr(path, '/');
	long			 holder;
	int			 existed = lstat(path, &st) == 0;

	memset(&d, 0, sizeof d);
	sidecar_init(&s);
	rc = sidecar_commit_wait(&s, path, ops, lock_timeout(), &holder, &d);
	diag_print(&d, stderr);
	/* Journalled is kept but not saved: a script must not take it for done. */
	if (rc == SIDECAR_LOCKED)
		diag_say("%s: nothing was changed after waiting %g s "
		    "(RUBRIC_LOCK_TIMEOUT sets how long)", path, lock_timeout() / 1000.0);
	else if (rc == SIDECAR_FAILED)
		diag_say("%s: nothing was changed", path);
	else if (rc == SIDECAR_SAVED && !existed)
		diag_say("created %s in %.*s", SIDECAR_NAME, slash == NULL ? 1 :
		    slash == path ? 1 : (int)(slash - path), slash == NULL ? "." :
		    path);
	diag_free(&d);
	sidecar_free(&s);
	return rc == SIDECAR_SAVED ? 0 : 1;
}

/* Adds the tag changes argv[from..to) for article path (relative to the sidecar) to
   ops, with the file's fingerprint so that its tags follow it when it moves. Returns 0,
   or 2 after saying which tag name is refused. */
static int
cmd_tag_ops(struct sidecar_ops *ops, char **argv, int from, int to, const char *rel,
    const char *file)
{
	const char	*why;
	char		 name[SIDECAR_TAGMAX * 2], *fp;
	int		 i;

	for (i = from; i < to; i++) {
		snprintf(name, sizeof name, "%s", argv[i] + 1);
		if ((why = sidecar_tag_check(name)) != NULL) {
			diag_say("'%s': %s", argv[i] + 1, why);
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

/* For cmd_tag_follow(): an entry is gone when its file is, beside the sidecar. */
static int
cmd_tag_gone(const struct sidecar_entry *e, void *arg)
{
	const char	*dir = arg;
	struct stat	 st;
	char		*full;
	int		 gone;

	full = dir != NULL ? xasprintf("%s/%s", dir, e->path) : xstrdup(e->path);
	gone = lstat(full, &st) == -1 && errno == ENOENT;
	free(full);
	return gone;
}

/* Tags follow a file moved since they were put on it: for each file of ops that has
   no entry yet, an entry whose path is gone and whose fingerprint is the file's
   moves to it first. ops is rebuilt with the moves in front. */
void
cmd_tag_follow(const char *path, struct sidecar_ops *ops)
{
	struct sidecar			 s;
	struct sidecar_ops		 all;
	struct catalog_orphans		 o;
	const struct sidecar_entry	*e;
	struct diag			 d;
	char				*dir, *slash;
	size_t				 i;
	int				 looked = 0;

	memset(&d, 0, sizeof d);
	if (sidecar_load(&s, path, &d) == -1) {
		diag_free(&d);
		return;			/* the commit will say why */
	}
	diag_free(&d);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	memset(&all, 0, sizeof all);
	for (i = 0; i < ops->n; i++) {
		const struct sidecar_op	*op = &ops->v[i];

		if (op->kind != SIDECAR_OP_FINGERPRINT ||
		    sidecar_entry(&s, op->path, 0) != NULL)
			continue;
		if (!looked) {
			/* Once: the entries whose file is gone. */
			catalog_orphans_init(&o, &s, cmd_tag_gone, slash != NULL ? dir :
			    NULL);
			looked = 1;
		}
		if ((e = catalog_orphans_take(&o, op->arg)) != NULL)
			sidecar_ops_add(&all, SIDECAR_OP_MOVE, e->path, op->path, 0);
	}
	if (all.n > 0) {
		for (i = 0; i < ops->n; i++)
			sidecar_ops_add(&all, ops->v[i].kind, ops->v[i].path,
			    ops->v[i].arg, ops->v[i].num);
		sidecar_ops_free(ops);
		*ops = all;
	}
	if (looked)
		catalog_orphans_free(&o);
	free(dir);
	sidecar_free(&s);
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
	size_t		*sel, nsel, nund, i;
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
	nsel = catalog_select(&c, q, sel, und, &nund);
	/* All or nothing: tagging the articles that were decided would leave a set
	   that is not the query's, and nothing would say which are missing. */
	if ((rc = cmd_undecided(&c, und, nund)) != 0)
		diag_say("nothing was tagged: the query could not decide %zu article%s",
		    nund, nund == 1 ? "" : "s");
	for (i = 0; i < nsel && rc == 0; i++)
		if (c.rel[sel[i]] != NULL)
			rc = cmd_tag_ops(&ops, argv, from, to, c.rel[sel[i]],
			    c.corpus.articles[sel[i]]->path);
	if (rc == 0 && ops.n > 0)
		rc = cmd_tag_commit(c.side_path, &ops);
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
	struct sidecar_ops	 ops;
	char			**argv = args->argv, *path = NULL, *rel;
	int			 argc = args->argc, i, files, rc = 0;

	/* The changes, up to "--"; then the files (or with -q the paths). */
	for (files = 0; files < argc && strcmp(argv[files], "--") != 0; files++)
		if (argv[files][0] != '+' && argv[files][0] != '-')
			return cmd_args_usage_error(args->entry);
	if (files == 0)
		return cmd_args_usage_error(args->entry);
	if (args->query != NULL)
		return cmd_tag_query(args->config, args->sidecar, args->query, argv, 0,
		    files, argv + files + (files < argc), argc - files - (files < argc));
	if (files >= argc - 1)
		return cmd_args_usage_error(args->entry);
	memset(&ops, 0, sizeof ops);
	for (i = files + 1; i < argc && rc == 0; i++) {
		if (cmd_tag_file(argv[i]) != 0) {
			rc = 1;
			break;
		}
		if (path == NULL && (path = cmd_tag_sidecar(args->sidecar,
		    argv[i])) == NULL) {
			rc = 1;
			break;
		}
		if ((rel = sidecar_relative(path, argv[i])) == NULL) {
			diag_say("%s: %s", argv[i], errno == ENOENT ?
			    strerror(errno) : "not below the sidecar's directory");
			rc = 1;
			break;
		}
		rc = cmd_tag_ops(&ops, argv, 0, files, rel, argv[i]);
		free(rel);
	}
	if (rc == 0) {
		cmd_tag_follow(path, &ops);
		rc = cmd_tag_commit(path, &ops);
	}
	sidecar_ops_free(&ops);
	free(path);
	return rc;
}
