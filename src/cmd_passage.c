/* rubric passage: coded passages from the shell. add finds a quote in a file's bytes
   and gives the passage there codes or a note, rm removes one, list prints them where
   they are now. The sidecar is found and committed to as rubric tag does (cmd_tag.c);
   a passage is found again in a changed file by passage.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "passage_article.h"
#include "sidecar.h"
#include "xmalloc.h"

/* A file read and its passages placed, for add and rm. */
struct cmd_passage_file {
	struct catalog		 c;
	struct sidecar		 s;	/* as it is now, to find passages in */
	struct sidecar_entry	*e;	/* in s, or NULL */
	char			*rel;
	struct body		 b;
	struct passage_spot	*spots;
	size_t			 nspots;
};

static int	cmd_passage_offset(const char *, const char *, size_t *);
static int	cmd_passage_open(struct cmd_passage_file *, const char *, const char *);
static void	cmd_passage_close(struct cmd_passage_file *);
static void	cmd_passage_tsv(const char *, const struct passage_spot *);
static int	cmd_passage_add(struct cmd_args *);
static int	cmd_passage_rm(struct cmd_args *);
static int	cmd_passage_list(struct cmd_args *);
static int	cmd_passage(struct cmd_args *);

static const struct cmd_option cmd_passage_add_options[] = {
	{ 'n', '\0', "note", "TEXT", "set the passage's note (\"\": none)" },
	{ 'a', '\0', "at", "OFFSET", "the quote starting at or after this byte" },
	{ 0, 0, NULL, NULL, NULL }
};

static const struct cmd_option cmd_passage_rm_options[] = {
	{ 'a', '\0', "at", "OFFSET", "the passage whose quote starts at this byte" },
	{ 0, 0, NULL, NULL, NULL }
};

static const struct cmd_option cmd_passage_list_options[] = {
	{ 'f', 'f', "format", "FORMAT", "tsv (the default) or jsonl" },
	{ 0, 0, NULL, NULL, NULL }
};

static const struct cmd_entry cmd_passage_add_entry = {
	"passage add", NULL,
	"Code a passage of a file: its codes (+TAG, -TAG) and note",
	"passage add [--sidecar FILE] FILE QUOTE [+TAG|-TAG]... [--note TEXT] "
	"[--at OFFSET]",
	"The passage is the first place of QUOTE in the file's bytes, or the first\n"
	"at or after OFFSET. +TAG gives it a code, -TAG takes one away; a passage\n"
	"already there keeps its codes. A passage left with neither code nor note\n"
	"is removed.\n",
	CMD_SIDECAR | CMD_SIGNED, cmd_passage_add_options, 2, -1, cmd_passage_add
};

static const struct cmd_entry cmd_passage_rm_entry = {
	"passage rm", NULL,
	"Remove a coded passage, its codes and note",
	"passage rm [--sidecar FILE] [--at OFFSET] FILE QUOTE",
	"The passage whose quote is QUOTE: the first in the file, or the one that\n"
	"starts at OFFSET now.\n",
	CMD_SIDECAR, cmd_passage_rm_options, 2, 2, cmd_passage_rm
};

static const struct cmd_entry cmd_passage_list_entry = {
	"passage list", NULL,
	"Each coded passage where it is now, as TSV or JSON Lines",
	"passage list [--config FILE] [--sidecar FILE] [-q QUERY] "
	"[--format tsv|jsonl] [PATH...]",
	"Fields: path, start, end (byte offsets into the file as it is now), state\n"
	"(here, moved or orphan), quote, codes, note.\n",
	CMD_CONFIG | CMD_SIDECAR | CMD_QUERY, cmd_passage_list_options, 0, -1,
	cmd_passage_list
};

const struct cmd_entry cmd_passage_entry = {
	"passage", NULL,
	"Add, remove or list coded passages (spans of an article's text)",
	"passage add [--sidecar FILE] FILE QUOTE [+TAG|-TAG]... [--note TEXT] "
	"[--at OFFSET]\n"
	"passage rm [--sidecar FILE] [--at OFFSET] FILE QUOTE\n"
	"passage list [--config FILE] [--sidecar FILE] [-q QUERY] "
	"[--format tsv|jsonl] [PATH...]",
	"rubric passage add|rm|list --help tells more of each.\n",
	CMD_INORDER, NULL, 1, -1, cmd_passage
};

/* An offset given as --at: digits only. Returns 0, or 2 after saying why not. */
static int
cmd_passage_offset(const char *opt, const char *s, size_t *at)
{
	unsigned long long	 u;
	char			*end;

	errno = 0;
	if (s != NULL && *s >= '0' && *s <= '9') {
		u = strtoull(s, &end, 10);
		if (*end == '\0' && errno == 0 && u < (size_t)-1) {
			*at = (size_t)u;
			return 0;
		}
	}
	diag_say("%s: '%s' is not a byte offset (0, 1, 2 ...)", opt,
	    s != NULL ? s : "");
	return 2;
}

/* Opens file's sidecar, reads the file, and places its passages. Returns 0, or 1
   after saying why not (f is then closed). */
static int
cmd_passage_open(struct cmd_passage_file *f, const char *given, const char *file)
{
	struct article	*a;
	struct diag	 d;
	int		 rc;

	memset(f, 0, sizeof *f);
	sidecar_init(&f->s);
	if (cmd_tag_file(file) != 0)
		return 1;
	if (cmd_tag_open(&f->c, given, file) != 0) {
		cmd_passage_close(f);
		return 1;
	}
	if ((f->rel = sidecar_relative(f->c.side_path, file)) == NULL) {
		diag_say_file(file, 0, "%s", errno == ENOENT ? strerror(errno) :
		    "not below the sidecar's directory");
		cmd_passage_close(f);
		return 1;
	}
	a = article_new(file, file);
	rc = article_read(a, &f->b);
	if (rc == -1)
		diag_say_file(file, 0, "%s", strerror(errno));
	article_free(a);
	if (rc == -1) {
		cmd_passage_close(f);
		return 1;
	}
	/* A sidecar that cannot be read has no passage to find here: the commit
	   says why it cannot be written either. */
	memset(&d, 0, sizeof d);
	if (sidecar_load(&f->s, f->c.side_path, &d) == 0 &&
	    (f->e = sidecar_entry(&f->s, f->rel, 0)) != NULL)
		f->nspots = passage_spots(f->e, f->b.buf, f->b.len, &f->spots);
	diag_free(&d);
	return 0;
}

static void
cmd_passage_close(struct cmd_passage_file *f)
{
	free(f->spots);
	article_body_free(&f->b);
	sidecar_free(&f->s);
	free(f->rel);
	catalog_free(&f->c);
	memset(f, 0, sizeof *f);
}

/* rubric passage add FILE QUOTE [+TAG|-TAG]... [--note TEXT] [--at OFFSET]: the
   options may come before FILE or among the changes after QUOTE. */
static int
cmd_passage_add(struct cmd_args *args)
{
	struct cmd_passage_file	 f;
	struct sidecar_passage	 made;
	const struct sidecar_passage *p = NULL, *other;
	struct sidecar_ops	 ops;
	struct diag		 d = { 0 };
	const char		*file = args->argv[0], *quote = args->argv[1];
	const char		*note = cmd_args_get(args, 'n');
	const char		*atarg = cmd_args_get(args, 'a');
	char			 name[SIDECAR_TAGMAX * 2], *fp;
	size_t			 at = 0, qlen = strlen(quote), i;
	long long		 start;
	int			 changes = 0, rc, k;

	/* The changes after QUOTE, with --note and --at among them. */
	for (k = 2; k < args->argc; k++) {
		const char	*w = args->argv[k];

		if (strcmp(w, "--note") == 0 || strcmp(w, "--at") == 0) {
			if (k + 1 == args->argc) {
				diag_say("option '%s' needs a value", w);
				return cmd_args_usage_error(args->entry);
			}
			if (w[2] == 'n')
				note = args->argv[++k];
			else
				atarg = args->argv[++k];
		} else if (strncmp(w, "--note=", 7) == 0)
			note = w + 7;
		else if (strncmp(w, "--at=", 5) == 0)
			atarg = w + 5;
		else if ((w[0] == '+' || w[0] == '-') && w[1] != '\0') {
			snprintf(name, sizeof name, "%s", w + 1);
			if (sidecar_tag_check(name, &d) == -1) {
				diag_say("'%s': %s", w + 1, d.msgs[0].text);
				diag_free(&d);
				return 2;
			}
			changes++;
		} else {
			diag_say("'%s' is no +TAG, -TAG, --note or --at", w);
			return cmd_args_usage_error(args->entry);
		}
	}
	if (changes == 0 && note == NULL) {
		diag_say("no +TAG, -TAG or --note given");
		return cmd_args_usage_error(args->entry);
	}
	if (atarg != NULL && (rc = cmd_passage_offset("--at", atarg, &at)) != 0)
		return rc;
	if (note != NULL && strlen(note) > SIDECAR_NOTEMAX) {
		diag_say_file(file, 0, "a note may be at most 1 MiB");
		return 1;
	}
	if (qlen == 0 || qlen > PASSAGE_MAXQUOTE) {
		diag_say("a quote is 1 byte to 64 KiB");
		return 2;
	}
	if (cmd_passage_open(&f, args->sidecar, file) != 0)
		return 1;
	if ((start = passage_search(f.b.buf, f.b.len, quote, at)) == -1) {
		if (atarg != NULL)
			diag_say_file(file, 0, "the quote '%s' is not in the file at "
			    "or after byte %zu", quote, at);
		else
			diag_say_file(file, 0, "the quote '%s' is not in the file",
			    quote);
		cmd_passage_close(&f);
		return 1;
	}
	/* The passage already there, found again at this place: its codes are
	   changed, whatever its context was when it was made. */
	for (i = 0; i < f.nspots; i++)
		if (f.spots[i].state != PASSAGE_ORPHAN &&
		    f.spots[i].start == (size_t)start &&
		    strcmp(f.spots[i].p->quote, quote) == 0)
			break;
	memset(&made, 0, sizeof made);
	if (i < f.nspots) {
		made = *f.spots[i].p;
		made.start = f.spots[i].start;
		made.end = f.spots[i].end;
		p = &made;
	} else if (passage_make(f.b.buf, f.b.len, (size_t)start,
	    (size_t)start + qlen, &made) == 0)
		p = &made;
	if (p == NULL || strcmp(p->quote, quote) != 0) {
		diag_say_file(file, 0, "the quote '%s' does not begin and end on "
		    "whole characters", quote);
		if (p != NULL && i == f.nspots)
			sidecar_passage_free(&made);
		cmd_passage_close(&f);
		return 1;
	}
	/* A new passage whose id another has: its codes would go to that one. */
	if (i == f.nspots && (other = sidecar_passage_clash(f.e, p)) != NULL) {
		diag_say_file(file, 0, "passage %s is already the sidecar's for "
		    "another text ('%s' at bytes %zu-%zu): '%s' is not coded; "
		    "remove or mend that passage first", p->id, other->quote,
		    other->start, other->end, quote);
		sidecar_passage_free(&made);
		cmd_passage_close(&f);
		return 1;
	}
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_ADD, f.rel, p, NULL, 0);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_AT, f.rel, p, NULL, 0);
	for (k = 2; k < args->argc; k++) {
		const char	*w = args->argv[k];

		if (strcmp(w, "--note") == 0 || strcmp(w, "--at") == 0) {
			k++;
			continue;
		}
		if (w[0] != '+' && w[0] != '-')
			continue;
		if (strncmp(w, "--note=", 7) == 0 || strncmp(w, "--at=", 5) == 0)
			continue;
		snprintf(name, sizeof name, "%s", w + 1);
		sidecar_tag_check(name, NULL);
		sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_TAG, f.rel, p, name,
		    w[0] == '+' ? SIDECAR_PERSON : -1);
	}
	if (note != NULL)
		sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_NOTE, f.rel, p,
		    *note != '\0' ? note : NULL, 0);
	if ((fp = sidecar_fingerprint(file)) != NULL)
		sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, f.rel, fp, 0);
	free(fp);
	catalog_follow(&f.c, &ops);
	rc = cmd_tag_save(&f.c, &ops);
	if (rc == 0)
		diag_say("passage %s at bytes %zu-%zu saved", p->id, p->start,
		    p->end);
	sidecar_ops_free(&ops);
	if (i == f.nspots)
		sidecar_passage_free(&made);
	cmd_passage_close(&f);
	return rc;
}

static int
cmd_passage_rm(struct cmd_args *args)
{
	struct cmd_passage_file	 f;
	struct sidecar_ops	 ops;
	const struct passage_spot *s = NULL;
	const char		*file = args->argv[0], *quote = args->argv[1];
	const char		*atarg = cmd_args_get(args, 'a');
	size_t			 at = 0, i;
	int			 rc;

	if (atarg != NULL && (rc = cmd_passage_offset("--at", atarg, &at)) != 0)
		return rc;
	if (cmd_passage_open(&f, args->sidecar, file) != 0)
		return 1;
	/* The first in the file, orphans last: an orphan's quote is gone from the
	   file, but it is removed by its quote all the same. */
	for (i = 0; i < f.nspots && s == NULL; i++)
		if (strcmp(f.spots[i].p->quote, quote) == 0 &&
		    (atarg == NULL || f.spots[i].start == at))
			s = &f.spots[i];
	if (s == NULL) {
		if (atarg != NULL)
			diag_say_file(file, 0, "no passage '%s' starts at byte %zu",
			    quote, at);
		else
			diag_say_file(file, 0, "no passage '%s'", quote);
		cmd_passage_close(&f);
		return 1;
	}
	memset(&ops, 0, sizeof ops);
	sidecar_ops_passage(&ops, SIDECAR_OP_PASSAGE_RM, f.rel, s->p, NULL, 0);
	catalog_follow(&f.c, &ops);
	rc = cmd_tag_save(&f.c, &ops);
	if (rc == 0)
		diag_say("passage %s at bytes %zu-%zu removed", s->p->id, s->start,
		    s->end);
	sidecar_ops_free(&ops);
	cmd_passage_close(&f);
	return rc;
}

/* One passage as a line of tab-separated fields, escaped as rubric list's. */
static void
cmd_passage_tsv(const char *path, const struct passage_spot *s)
{
	const struct sidecar_passage	*p = s->p;
	char				*codes = passage_article_codes(p);

	export_tsv(stdout, path, strlen(path));
	printf("\t%zu\t%zu\t%s\t", s->start, s->end, passage_state_name(s->state));
	export_tsv(stdout, p->quote, strlen(p->quote));
	putchar('\t');
	export_tsv(stdout, codes, strlen(codes));
	putchar('\t');
	if (p->note != NULL)
		export_tsv(stdout, p->note, strlen(p->note));
	putchar('\n');
	free(codes);
}

static int
cmd_passage_list(struct cmd_args *args)
{
	struct catalog		 c;
	struct catalog_undecided *und;
	struct query		*q;
	struct passage_spot	*spots;
	const struct article	*a;
	size_t			*sel, nsel, nund = 0, i, j, n;
	int			 rc, jsonl, err;

	if ((jsonl = cmd_args_jsonl(args, "tsv")) == -1)
		return cmd_args_usage_error(args->entry);
	if ((rc = cmd_open_pick(&c, args, &q, &sel, &nsel, &und, &nund)) != 0)
		return rc;
	for (i = 0; i < nsel; i++) {
		a = c.corpus.articles[sel[i]];
		n = passage_article_spots(a, catalog_entry(&c, sel[i]), &spots, &err);
		if (err != 0) {
			diag_say_file(a->name, 0, "%s: its passages are listed as "
			    "orphans", article_why(a->path, err));
			rc = 1;
		}
		for (j = 0; j < n; j++) {
			if (jsonl) {
				json_t	*o = passage_article_json(&spots[j]);

				json_object_set_new(o, "path", export_json_string(
				    a->name, strlen(a->name)));
				export_json_line(stdout, o);
			} else
				cmd_passage_tsv(a->name, &spots[j]);
		}
		free(spots);
	}
	if (cmd_undecided(&c, und, nund) != 0)
		rc = 1;
	free(und);
	free(sel);
	query_free(q);
	catalog_free(&c);
	return rc;
}

static int
cmd_passage(struct cmd_args *args)
{
	static const struct cmd_entry *const sub[] = {
		&cmd_passage_add_entry, &cmd_passage_rm_entry, &cmd_passage_list_entry
	};
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof sub / sizeof sub[0]; i++)
		if (strcmp(args->argv[0], sub[i]->name + strlen("passage ")) == 0)
			break;
	if (i == sizeof sub / sizeof sub[0]) {
		diag_say("'%s' is not add, rm or list", args->argv[0]);
		return cmd_args_usage_error(args->entry);
	}
	rc = cmd_run(sub[i], args->argc, args->argv);
	/* cmd_run() named the subcommand in every message; what follows is the
	   command's again. */
	diag_command(args->entry->name);
	return rc;
}
