/* The headless commands: `rubric COMMAND ...`. Each prints to stdout, reports problems
   on stderr as "rubric: NAME: ..." or "rubric: FILE:LINE: ..." (diag_command()), and
   returns the exit status (0, 1, or 2 for usage). */
#ifndef RUBRIC_CMD_H
#define RUBRIC_CMD_H

#include <stdio.h>

#include "catalog.h"
#include "query.h"

/* Each command is declared by a struct cmd_entry (cmd_NAME.c) listed in cmd.c's table;
   cmd_args.c parses its options, the shared ones and its own, from the declaration,
   and --help, `rubric help` and the list in `rubric --help` are printed from it. */

/* The options every command may share, as cmd_entry.flags; and how it reads. */
#define CMD_CONFIG	0x01	/* -c, --config FILE */
#define CMD_SIDECAR	0x02	/* -s, --sidecar FILE */
#define CMD_QUERY	0x04	/* -q, --query QUERY */
#define CMD_INORDER	0x08	/* options end at the first operand */
#define CMD_SIGNED	0x10	/* options first, then +WORD and -WORD are operands:
				   only long options and -q are options, and -h only
				   alone */

/* One option of a command's own. key is what the handler looks it up by; letter its
   short form ('\0': none); name its long form (NULL: none); arg the name of its
   value in the help (NULL: it takes none); help one line, or NULL for another
   spelling of the option before it, left out of the help. */
struct cmd_option {
	int		 key;
	char		 letter;
	const char	*name;
	const char	*arg;
	const char	*help;
};

/* One option as given, in the order given. value is borrowed from argv. */
struct cmd_value {
	int		 key;
	const char	*value;
};

/* A command line parsed by an entry's declaration. The strings are borrowed from
   argv; v is owned (cmd_args_free()). */
struct cmd_args {
	const struct cmd_entry	*entry;
	const char		*config;	/* -c FILE, or NULL */
	const char		*sidecar;	/* --sidecar FILE, or NULL */
	const char		*query;		/* -q QUERY, or NULL */
	int			 help;		/* -h or --help was given */
	unsigned char		 seen[128];	/* per option key: times given (to 255) */
	struct cmd_value	*v;		/* the entry's own options */
	size_t			 nv;
	int			 argc;		/* the operands */
	char			**argv;
};

struct cmd_entry {
	const char		*name;
	const char		*alias;		/* another name, or NULL */
	const char		*summary;	/* one line for rubric --help */
	const char		*usage;		/* after "rubric ", lines split by \n */
	const char		*about;		/* more for --help, or NULL */
	int			 flags;		/* CMD_* */
	const struct cmd_option	*options;	/* its own, ending with key 0 */
	int			 lower;		/* at least this many operands */
	int			 upper;		/* at most this many; -1: any */
	int			(*exec)(struct cmd_args *);
};

/* The screen's options and usage (rubric [PATH...]); its exec is NULL. */
extern const struct cmd_entry	 cmd_screen_entry;

/* The command called name (or by its alias), or NULL. */
const struct cmd_entry *cmd_find(const char *name);
/* Runs the command e with argv[0] its name: parses, answers --help, checks the
   number of operands, runs. Returns the exit status. */
int	cmd_run(const struct cmd_entry *e, int argc, char **argv);
/* Flushes standard output: 0, or 1 after saying why it could not take what was
   printed (a full disk), so that no command ends with 0 having lost its output. */
int	cmd_flush(void);
/* Prints rubric --help: the screen's usage and options and every command. */
void	cmd_help_all(FILE *);

/* Parses argv[1..argc) by e into *a. Returns 0, or 2 after saying what is wrong
   (quoted: "rubric: NAME: unknown option '--x'") and printing e's usage on stderr.
   Options whose value is a FILE or OUT must have one, given once; those whose value
   is N, a count: digits. */
int	cmd_args_parse(const struct cmd_entry *e, int argc, char **argv,
	    struct cmd_args *a);
void	cmd_args_free(struct cmd_args *);
/* The value of the last key given (borrowed), or NULL. */
const char *cmd_args_get(const struct cmd_args *, int key);
/* The count given for key, an option whose arg is "N" (cmd_args_parse() refused any
   other value), or none when it was not given. */
size_t	cmd_args_number(const struct cmd_args *, int key, size_t none);
/* Whether key was given. */
int	cmd_args_has(const struct cmd_args *, int key);
/* --format as the commands with two formats read it: 0 for plain (the default,
   "tsv" or "text"), 1 for jsonl, or -1 after saying it is neither. */
int	cmd_args_jsonl(const struct cmd_args *, const char *plain);
/* e's usage lines on f. */
void	cmd_args_usage(const struct cmd_entry *e, FILE *f);
/* e's usage on stderr; returns 2, the exit status for it. */
int	cmd_args_usage_error(const struct cmd_entry *e);
/* e's usage, what it does and its options on f: the answer to --help. */
void	cmd_args_help(const struct cmd_entry *e, FILE *f);

/* Opens the corpus under paths (none: ".") with its configuration and sidecar, and
   parses query (NULL: none) into *q. Returns 0, or the exit status after saying what
   went wrong: 1 for what could not be read, 2 for a bad query, 130 when a ^C stopped
   the reading of the heads (those read are kept for the next time). */
int	cmd_open(struct catalog *, const char *extra, const char *sidecar,
	    const char *query, char **paths, int npaths, struct query **q);
/* catalog_scan() and catalog_select() with the job watched: said on stderr when it
   takes a while, and a first ^C stops it (what was counted is kept). cmd_scan()
   returns -1 when it was stopped. */
int	cmd_scan(struct catalog *);
/* catalog_scan_other() watched as cmd_scan() is: NULL when a ^C stopped it. */
struct scan *cmd_scan_other(struct catalog *, const struct config *);
size_t	cmd_select(struct catalog *, struct query *, size_t *out,
	    struct catalog_undecided *und, size_t *nund);
/* Counts (cmd_scan()), then selects q's articles (cmd_select()) into *sel, and the
   undecided into *und, both made here for the corpus and the caller's to free.
   Returns -1, with nothing left to free, when a ^C stopped either: said on stderr. */
int	cmd_pick(struct catalog *, struct query *, size_t **sel, size_t *nsel,
	    struct catalog_undecided **und, size_t *nund);
/* cmd_open() with the command's -c, --sidecar, -q and operands, then cmd_pick():
   the opening of a command that reads the articles a query picks. Returns 0, or
   the exit status with nothing left to free (130 after a ^C). */
int	cmd_open_pick(struct catalog *, const struct cmd_args *, struct query **q,
	    size_t **sel, size_t *nsel, struct catalog_undecided **und,
	    size_t *nund);
/* The progress of a command's own reading of every article (rubric suggest), said
   as the others are, and watched for a ^C while on is 1; 0 when it is done. */
const struct progress *cmd_reading(int on);
/* Whether a ^C stopped a job; if so, says so on stderr. The command then exits 130. */
int	cmd_stopped(void);
/* "rubric: CMD: query: MESSAGE at column N", the query, and a caret under the column. */
void	cmd_query_error(const char *text, const struct query_error *);
/* "rubric: PATH: query: TERM: WHY" for each of the n articles the query could not
   decide (catalog_select()). Returns the exit status they call for: 1 if any. */
int	cmd_undecided(const struct catalog *, const struct catalog_undecided *,
	    size_t n);

/* Shared by rubric tag and rubric note (cmd_tag.c). Opens the catalog of a FILE at
   where (catalog_open_files()): 0, or 1 after saying why not. */
int	 cmd_tag_open(struct catalog *, const char *given, const char *where);
/* 0 for a regular file, or 1 after saying why file is none. */
int	 cmd_tag_file(const char *file);
/* Commits ops to the catalog's sidecar (catalog_save()), waiting for its lock; 0 when
   saved, or 1 after saying why nothing was changed. */
int	 cmd_tag_save(struct catalog *, struct sidecar_ops *);

extern const struct cmd_entry	 cmd_show_entry, cmd_check_entry, cmd_stats_entry,
	    cmd_tag_entry, cmd_note_entry, cmd_tags_entry, cmd_list_entry,
	    cmd_dups_entry,
	    cmd_export_entry, cmd_git_setup_entry, cmd_merge_sidecar_entry,
	    cmd_help_entry, cmd_diff_entry, cmd_suggest_entry;
extern const struct cmd_entry	 cmd_passage_entry;

#endif
