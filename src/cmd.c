/* What the commands share: the table of commands, opening a corpus with a query, and
   writing outside text safely as terminal text or as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

int
cmd_open(struct catalog *c, const char *extra, const char *sidecar,
    const char *query, char **paths, int npaths, struct query **q)
{
	struct query_error	 qe;
	struct diag		 d;
	const char		*dot = ".";
	const char *const	*p = npaths > 0 ? (const char *const *)paths : &dot;
	int			 rc;

	memset(&d, 0, sizeof d);
	rc = catalog_open(c, extra, sidecar, p, npaths > 0 ? (size_t)npaths : 1,
	    CATALOG_COMMAND, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc == -1) {
		catalog_free(c);
		return 1;
	}
	*q = NULL;
	if (query == NULL)
		return 0;
	if ((*q = query_parse(query, &c->config, &qe)) == NULL) {
		cmd_query_error(query, &qe);
		catalog_free(c);
		return 2;
	}
	return 0;
}

void
cmd_query_error(const char *text, const struct query_error *qe)
{
	struct diag	 d;

	memset(&d, 0, sizeof d);
	diag_add(&d, DIAG_ERROR, NULL, 0, "query: %s at column %zu", qe->message,
	    query_column(text, qe->offset));
	diag_caret(&d, text, qe->offset);
	diag_print(&d, stderr);
	diag_free(&d);
}

int
cmd_getopt(int argc, char **argv, const char *name, const char *opts,
    const struct option *longopts)
{
	char		 spec[64];
	const char	*arg;
	int		 ch, plus = opts[0] == '+';

	/* A leading ':' tells a missing value from an unknown option; it goes after
	   the '+' that stops at the first operand. */
	snprintf(spec, sizeof spec, "%s:%s", plus ? "+" : "", opts + plus);
	opterr = 0;
	ch = getopt_long(argc, argv, spec, longopts, NULL);
	if (ch != '?' && ch != ':')
		return ch;
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (ch == ':')
		diag_say("%s%soption '%s' needs a value", name != NULL ? name : "",
		    name != NULL ? ": " : "", arg);
	else if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		diag_say("%s%sunknown option '-%c'", name != NULL ? name : "",
		    name != NULL ? ": " : "", optopt);
	else
		diag_say("%s%sunknown option '%s'", name != NULL ? name : "",
		    name != NULL ? ": " : "", arg);
	return '?';
}

int
cmd_undecided(const struct catalog *c, const struct catalog_undecided *u, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		diag_say("%s: query: %s: %s", c->corpus.articles[u[i].index]->path,
		    u[i].term, u[i].why);
	return n > 0 ? 1 : 0;
}

int
(*cmd_find(const char *name))(int, char **)
{
	static const struct {
		const char	*name;
		int		(*fn)(int, char **);
	} cmds[] = {
		{ "show", cmd_show },
		{ "check", cmd_check },
		{ "stats", cmd_stats },
		{ "tag", cmd_tag },
		{ "note", cmd_note },
		{ "tags", cmd_tags },
		{ "list", cmd_list },
		{ "export", cmd_export },
		{ "git-setup", cmd_git_setup },
		{ "merge-sidecar", cmd_merge_sidecar },
	};
	size_t	 i;

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return cmds[i].fn;
	return NULL;
}
