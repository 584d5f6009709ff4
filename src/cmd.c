/* What the commands share: the table of their declarations (and the screen's own, for
   rubric --help), finding and running one, the list of them all, opening the catalog
   with a query, and the words for a query refused or undecided. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "log.h"
#include "progress.h"
#include "xmalloc.h"

/* The screen's own options; main.c parses its command line by it. */
static const struct cmd_option cmd_screen_options[] = {
	{ 'V', 'V', "version", NULL, "show the version" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_screen_entry = {
	NULL, NULL,
	"Read a corpus of text articles: a directory searched recursively, or files.",
	"[--config FILE] [--sidecar FILE] [PATH...]\n"
	"COMMAND [OPTION...] [ARGUMENT...]\n"
	"help [COMMAND]\n"
	"-h | --help\n"
	"-V | --version",
	"Without PATH, the current directory. Press ? on the screen for the keys.\n",
	CMD_CONFIG | CMD_SIDECAR | CMD_INORDER, cmd_screen_options, 0, -1, NULL
};

/* Every command, in the order rubric --help lists them. */
static const struct cmd_entry *const cmd_table[] = {
	&cmd_show_entry,
	&cmd_check_entry,
	&cmd_stats_entry,
	&cmd_diff_entry,
	&cmd_suggest_entry,
	&cmd_list_entry,
	&cmd_dups_entry,
	&cmd_tags_entry,
	&cmd_tag_entry,
	&cmd_note_entry,
	&cmd_passage_entry,
	&cmd_export_entry,
	&cmd_git_setup_entry,
	&cmd_merge_sidecar_entry,
	&cmd_help_entry,
};

/* A long job of a command (the heads read, the themes counted, the text indexed)
   when it is watched: said on stderr (a terminal) once a second after the first,
   as a cold start of a big corpus takes a while. */
struct cmd_watch {
	const char	*what;
	struct timespec	 start, last;
};

/* A first ^C while a watched job is at work (the heads read, the themes counted,
   the text indexed or searched) stops it, what it did kept for the next time; at
   any other moment (printing), or a second time, it ends the command at once, as
   it always did. */
static volatile sig_atomic_t	 cmd_stop;
static volatile sig_atomic_t	 cmd_stop_at;	/* when, in tenths of a second */
static volatile sig_atomic_t	 cmd_watching;
static int			 cmd_tty = -1;	/* stderr is a terminal */

static void
cmd_sigint(int sig)
{
	struct timespec	 now;
	sig_atomic_t	 ds;

	/* clock_gettime() is async-signal-safe. Tenths of a second, modulo a
	   day's worth, fit a sig_atomic_t. */
	clock_gettime(CLOCK_MONOTONIC, &now);
	ds = (sig_atomic_t)((now.tv_sec % 86400) * 10 + now.tv_nsec / 100000000);
	if (cmd_watching && !cmd_stop) {
		cmd_stop = 1;
		cmd_stop_at = ds;
		return;
	}
	/* The same ^C twice within a fifth of a second: timeout(1) -s INT sends it
	   to rubric, then to its process group, which holds rubric too. */
	if (cmd_stop && (ds - cmd_stop_at + 864000) % 864000 <= 2)
		return;
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
cmd_progress(void *arg, size_t done, size_t total)
{
	struct cmd_watch	*w = arg;
	struct timespec		 now;

	if (cmd_stop)
		return 1;
	if (cmd_tty == -1)
		cmd_tty = isatty(STDERR_FILENO);
	if (!cmd_tty)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (w->start.tv_sec == 0) {
		w->start = w->last = now;
		return 0;
	}
	if (now.tv_sec - w->last.tv_sec < 1 || now.tv_sec - w->start.tv_sec < 1)
		return 0;
	w->last = now;
	fprintf(stderr, "rubric: %s: %zu of %zu articles (^C stops, keeping what "
	    "is done)\n", w->what, done, total);
	return 0;
}

static struct cmd_watch	 cmd_watch_heads = { "reading the heads", { 0, 0 }, { 0, 0 } };
static struct cmd_watch	 cmd_watch_scan = { "counting the themes", { 0, 0 }, { 0, 0 } };
static struct cmd_watch	 cmd_watch_text = { "indexing the text", { 0, 0 }, { 0, 0 } };
static struct cmd_watch	 cmd_watch_search = { "searching the text", { 0, 0 }, { 0, 0 } };
static const struct progress cmd_heads_progress = { cmd_progress, &cmd_watch_heads };
static const struct progress cmd_scan_progress = { cmd_progress, &cmd_watch_scan };
static const struct progress cmd_text_progress = { cmd_progress, &cmd_watch_text };
static const struct progress cmd_search_progress = { cmd_progress, &cmd_watch_search };
static struct cmd_watch	 cmd_watch_read = { "reading the articles", { 0, 0 }, { 0, 0 } };
static const struct progress cmd_read_progress = { cmd_progress, &cmd_watch_read };

const struct progress *
cmd_reading(int on)
{
	cmd_watching = on;
	return &cmd_read_progress;
}

int
cmd_stopped(void)
{
	if (!cmd_stop)
		return 0;
	diag_say("stopped: what was read and counted is kept for the next time");
	return 1;
}

int
cmd_scan(struct catalog *c)
{
	int	 rc;

	cmd_watching = 1;
	rc = catalog_scan(c);
	cmd_watching = 0;
	return rc == -1 || cmd_stop ? -1 : 0;
}

struct scan *
cmd_scan_other(struct catalog *c, const struct config *cfg)
{
	struct scan	*s;

	cmd_watching = 1;
	s = catalog_scan_other(c, cfg);
	cmd_watching = 0;
	if (s != NULL && cmd_stop) {
		scan_free(s);
		s = NULL;
	}
	return s;
}

int
cmd_pick(struct catalog *c, struct query *q, size_t **sel, size_t *nsel,
    struct catalog_undecided **und, size_t *nund)
{
	/* Room for every article, but only what is chosen is written: not
	   zeroed, so that a million articles' 30 MB are not touched for 10,000. */
	*sel = xreallocarray(NULL, c->corpus.n + 1, sizeof **sel);
	*und = xreallocarray(NULL, c->corpus.n + 1, sizeof **und);
	*nsel = *nund = 0;
	if (cmd_scan(c) == 0) {
		log_mark("counts in");
		*nsel = cmd_select(c, q, *sel, *und, nund);
		log_mark("articles selected");
	}
	if (!cmd_stopped())
		return 0;
	free(*und);
	free(*sel);
	*und = NULL;
	*sel = NULL;
	return -1;
}

int
cmd_open_pick(struct catalog *c, const struct cmd_args *args, struct query **q,
    size_t **sel, size_t *nsel, struct catalog_undecided **und, size_t *nund)
{
	int	 rc;

	if ((rc = cmd_open(c, args->config, args->sidecar, args->query, args->argv,
	    args->argc, q)) != 0)
		return rc;
	if (cmd_pick(c, *q, sel, nsel, und, nund) == -1) {
		query_free(*q);
		*q = NULL;
		catalog_free(c);
		return 130;
	}
	return 0;
}

size_t
cmd_select(struct catalog *c, struct query *q, size_t *out,
    struct catalog_undecided *und, size_t *nund)
{
	size_t	 n;

	cmd_watching = 1;
	n = catalog_select(c, q, out, und, nund);
	cmd_watching = 0;
	return n;
}

int
cmd_open(struct catalog *c, const char *extra, const char *sidecar,
    const char *query, char **paths, int npaths, struct query **q)
{
	struct query_error	 qe;
	struct diag		 d;
	struct sigaction	 sa;
	const char		*dot = ".";
	const char *const	*p = npaths > 0 ? (const char *const *)paths : &dot;
	int			 rc;

	memset(&d, 0, sizeof d);
	/* A ^C rubric was started to ignore (a script's job in the background, which
	   the terminal's ^C to the script reaches too) stays ignored. */
	if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
		signal(SIGINT, cmd_sigint);
	cmd_watching = 1;
	rc = catalog_open_watched(c, extra, sidecar, p, npaths > 0 ? (size_t)npaths :
	    1, CATALOG_COMMAND, &cmd_heads_progress, &d);
	cmd_watching = 0;
	log_mark("catalog open");
	/* The counts, when they are counted, are watched too. */
	c->progress = &cmd_scan_progress;
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc == -1) {
		catalog_free(c);
		return cmd_stop ? 130 : 1;
	}
	/* A ^C after the last head was read (while they were saved, say) stops
	   the command all the same: not every command counts or selects after,
	   where it would be seen. */
	if (cmd_stopped()) {
		catalog_free(c);
		return 130;
	}
	*q = NULL;
	if (query == NULL)
		return 0;
	if ((*q = query_parse(query, &c->config, &qe)) == NULL) {
		cmd_query_error(query, &qe);
		catalog_free(c);
		return 2;
	}
	c->text_progress = &cmd_text_progress;
	c->search_progress = &cmd_search_progress;
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
cmd_undecided(const struct catalog *c, const struct catalog_undecided *u, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		diag_say_file(c->corpus.articles[u[i].index]->path, 0, "query: %s: %s",
		    u[i].term, u[i].why);
	return n > 0 ? 1 : 0;
}

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		if (strcmp(cmd_table[i]->name, name) == 0 ||
		    (cmd_table[i]->alias != NULL &&
		    strcmp(cmd_table[i]->alias, name) == 0))
			return cmd_table[i];
	return NULL;
}

int
cmd_run(const struct cmd_entry *e, int argc, char **argv)
{
	struct cmd_args	 a;
	int		 rc;

	if ((rc = cmd_args_parse(e, argc, argv, &a)) != 0)
		return rc;
	if (a.help) {
		cmd_args_help(e, stdout);
	} else if (a.argc < e->lower || (e->upper != -1 && a.argc > e->upper)) {
		/* Why, before the usage: a bare usage leaves one guessing. */
		diag_say("%s", a.argc < e->lower ? "an argument is missing" :
		    "too many arguments");
		rc = cmd_args_usage_error(e);
	}
	else
		rc = e->exec(&a);
	cmd_args_free(&a);
	/* A command that printed everything it meant to has still not said it if
	   the output could not take it (a full disk, a closed pipe's reader). */
	if (rc == 0)
		rc = cmd_flush();
	return rc;
}

int
cmd_flush(void)
{
	if (fflush(stdout) != EOF && !ferror(stdout))
		return 0;
	diag_say("standard output: %s", strerror(errno != 0 ? errno : EIO));
	return 1;
}

void
cmd_help_all(FILE *f)
{
	size_t	 i;

	cmd_args_help(&cmd_screen_entry, f);
	fputs("\nCommands:\n", f);
	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		fprintf(f, "  %-14s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	fputs("\nrubric help COMMAND or rubric COMMAND --help tells more of each.\n"
	    "See rubric(1) and rubric(5).\n", f);
}
