/* rubric merge-sidecar: the driver git runs to merge two sides of a sidecar
   (rubric git-setup installs it), and with --resolve the mender of a sidecar git merged
   line by line. The merging itself is merge.c's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "file.h"
#include "merge.h"
#include "merge_edits.h"
#include "sidecar.h"
#include "xmalloc.h"

static int	cmd_merge_sidecar_resolve(const char *);
static int	cmd_merge_sidecar_three(const char *, const char *, const char *,
		    const char *);
static void	cmd_merge_sidecar_relabel(struct diag *, size_t, const char *,
		    const char *, const char *);
static int	cmd_merge_sidecar_write(struct sidecar *, const char *, const char *,
		    size_t, const char *, size_t, const char *, struct diag *);
static void	cmd_merge_sidecar_report(const char *, const struct merge_stats *,
		    const struct diag *);
static int	cmd_merge_sidecar(struct cmd_args *);

static const struct cmd_option cmd_merge_sidecar_options[] = {
	{ 'R', '\0', "resolve", "FILE",
	    "merge the sides of FILE, a sidecar git merged with conflict markers" },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_merge_sidecar_entry = {
	"merge-sidecar", NULL,
	"git's merge driver for the sidecar; --resolve mends markers",
	"merge-sidecar BASE OURS THEIRS [PATH]\n"
	"merge-sidecar --resolve FILE",
	"Merges OURS and THEIRS, both changed from BASE, per article and key, and\n"
	"writes the result into OURS; PATH names the file in messages. --resolve\n"
	"takes apart a sidecar git merged with conflict markers and merges its sides\n"
	"the same way. See rubric(1) for the rules.\n",
	CMD_INORDER, cmd_merge_sidecar_options, 0, 4, cmd_merge_sidecar
};

/* Messages from d's message from on that name file (a temporary copy of a side) name
   instead the file the user knows, label, and the side. */
static void
cmd_merge_sidecar_relabel(struct diag *d, size_t from, const char *file,
    const char *label, const char *side)
{
	size_t	 i, n = strlen(file);
	char	*t;

	for (i = from; i < d->n; i++) {
		if (strncmp(d->msgs[i].text, file, n) != 0 || d->msgs[i].text[n] != ':')
			continue;
		t = xasprintf("%s (%s)%s", label, side, d->msgs[i].text + n);
		d->msgs[i].what += strlen(t) - strlen(d->msgs[i].text);
		free(d->msgs[i].text);
		d->msgs[i].text = t;
	}
}

/* Writes the merge out (its text that of OURS, whose hand edits it keeps) to file,
   with theirs' hand edits carried in (merge_edits.h) against base (NULL: none), as
   file was (its mode) or 0666 less the umask if new. Returns 0, or -1 with the
   reason in d and file untouched: theirs' hand edits could not all be kept, or the
   write failed. */
static int
cmd_merge_sidecar_write(struct sidecar *out, const char *file, const char *base,
    size_t blen, const char *theirs, size_t tlen, const char *label, struct diag *d)
{
	FILE		*mem;
	char		*text = NULL, *carried = NULL;
	size_t		 len = 0, clen = 0;
	int		 rc = -1, n;

	if ((mem = open_memstream(&text, &len)) == NULL) {
		diag_add(d, DIAG_ERROR, label, 0, "cannot write the merge: %s",
		    strerror(errno));
		return -1;
	}
	if (sidecar_write(out, mem) == -1 || fclose(mem) == EOF) {
		diag_add(d, DIAG_ERROR, label, 0, "cannot write the merge: %s",
		    strerror(errno));
		free(text);
		return -1;
	}
	if ((n = merge_edits_carry(text, len, base, blen, theirs, tlen, label,
	    &carried, &clen, d)) == -1)
		goto out;
	if (n > 0) {
		free(text);
		text = carried;
		len = clen;
	}
	if (len > SIDECAR_MAXSIZE)
		errno = EFBIG;
	else if (file_replace(file, text, len, FILE_SAME) == 0)
		rc = 0;
	if (rc == -1)
		diag_add(d, DIAG_ERROR, label, 0, "cannot write the merge: %s",
		    strerror(errno));
out:
	free(text);
	return rc;
}

/* Says what a merge decided: each rule's message, then a count. */
static void
cmd_merge_sidecar_report(const char *label, const struct merge_stats *st,
    const struct diag *d)
{
	diag_print(d, stderr);
	if (st->joined > 0 || st->ruled > 0)
		diag_say_file(label, 0, "merged, nothing lost: %zu note%s kept from "
		    "both sides, %zu change%s decided by rule (see rubric(1))", st->joined,
		    st->joined == 1 ? "" : "s", st->ruled, st->ruled == 1 ? "" : "s");
}

/* The driver: git's %O %A %B (and %P for messages). Writes the merge into ours and
   returns 0; if a side cannot be read as a sidecar, ours gets all three texts between
   conflict markers (nothing is lost and --resolve takes them up once mended) and
   returns 1. */
static int
cmd_merge_sidecar_three(const char *base, const char *ours, const char *theirs,
    const char *label)
{
	struct sidecar		 s[3], out;
	struct merge_stats	 st;
	struct diag		 d;
	const char		*files[3] = { base, ours, theirs };
	const char		*names[3] = { "base", "ours", "theirs" };
	char			*text[3] = { NULL, NULL, NULL }, *all;
	struct diag		 why = { 0 };
	size_t			 len, tl[3] = { 0, 0, 0 }, i, nloaded = 0, from;
	int			 rc = 1;

	for (i = 0; i < 3; i++)
		if (access(files[i], F_OK) == -1) {
			diag_say_file(files[i], 0, "%s", strerror(errno));
			return 1;
		}
	memset(&d, 0, sizeof d);
	for (i = 0; i < 3; i++) {
		from = d.n;
		if (sidecar_load(&s[i], files[i], &d) == -1) {
			cmd_merge_sidecar_relabel(&d, from, files[i], label, names[i]);
			diag_say_file(label, 0, "the %s side (%s) is no sidecar rubric "
			    "can read:", names[i], files[i]);
			diag_print(&d, stderr);
			goto conflict;
		}
		cmd_merge_sidecar_relabel(&d, from, files[i], label, names[i]);
		nloaded++;
	}
	for (i = 0; i < 3; i += 2)
		if (file_read(files[i], SIDECAR_MAXSIZE, 0, &text[i], &tl[i],
		    &why) == -1) {
			diag_print(&why, stderr);
			goto done;
		}
	merge_sidecars(&out, &s[0], &s[1], &s[2], label, &st, &d);
	/* Written over OURS as OURS was written: its comments, unknown keys and
	   untouched sections stay as they were; THEIRS' are carried in. */
	sidecar_keep_edits(&out, &s[1]);
	if (cmd_merge_sidecar_write(&out, ours, text[0], tl[0], text[2], tl[2], label,
	    &d) == -1) {
		diag_print(&d, stderr);
		sidecar_free(&out);
		goto conflict;
	}
	cmd_merge_sidecar_report(label, &st, &d);
	sidecar_free(&out);
	rc = 0;
	goto done;

conflict:
	for (i = 0; i < 3; i++)
		if (text[i] == NULL && file_read(files[i], SIDECAR_MAXSIZE, 0, &text[i],
		    &len, &why) == -1) {
			diag_say("%s; %s is left as ours was", why.msgs[0].text, label);
			goto done;
		}
	all = merge_conflict_text(text[1], text[0], text[2]);
	if (file_replace(ours, all, strlen(all), FILE_SAME) == -1)
		diag_say_file(ours, 0, "%s; %s is left as ours was", strerror(errno),
		    label);
	else
		diag_say_file(label, 0, "not merged: ours, base and theirs are left "
		    "whole between conflict markers; mend the side named above and "
		    "run rubric merge-sidecar --resolve %s", label);
	free(all);
done:
	for (i = 0; i < nloaded; i++)
		sidecar_free(&s[i]);
	for (i = 0; i < 3; i++)
		free(text[i]);
	diag_free(&why);
	diag_free(&d);
	return rc;
}

/* --resolve FILE: the sides of a sidecar git merged line by line, merged again per
   article and key, three ways if the markers hold the base (diff3), else as a union. */
static int
cmd_merge_sidecar_resolve(const char *file)
{
	struct sidecar		 s[3], out;
	struct merge_stats	 st;
	struct diag		 d;
	const char		*names[3] = { "base", "ours", "theirs" };
	char			*text, *part[3] = { NULL, NULL, NULL }, *dir, *tmp[3];
	size_t			 len, i, nconf, nloaded = 0, from;
	int			 line, rc = 1;

	memset(&d, 0, sizeof d);
	if (file_read(file, SIDECAR_MAXSIZE, 0, &text, &len, &d) == -1) {
		diag_print(&d, stderr);
		diag_free(&d);
		return 1;
	}
	if (merge_split(text, len, &part[1], &part[0], &part[2], &nconf, &line) == -1) {
		diag_say_file(file, line, "a conflict marker out of place: mend it by "
		    "hand");
		free(text);
		return 1;
	}
	free(text);
	if (nconf == 0) {
		printf("%s: no conflict markers: nothing to do\n", file);
		for (i = 0; i < 3; i++)
			free(part[i]);
		return 0;
	}
	/* The sides are read as files, with the reader every command uses. */
	dir = xasprintf("%s/rubric-resolve.XXXXXX", getenv("TMPDIR") != NULL &&
	    *getenv("TMPDIR") != '\0' ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		diag_say_file(dir, 0, "%s", strerror(errno));
		free(dir);
		for (i = 0; i < 3; i++)
			free(part[i]);
		return 1;
	}
	memset(&d, 0, sizeof d);
	for (i = 0; i < 3; i++)
		tmp[i] = xasprintf("%s/%s", dir, names[i]);
	for (i = 0; i < 3; i++) {
		if (part[i] == NULL)
			continue;
		if (file_replace(tmp[i], part[i], strlen(part[i]), 0600) == -1) {
			diag_say_file(tmp[i], 0, "%s", strerror(errno));
			goto out;
		}
	}
	for (i = 0; i < 3; i++) {
		if (part[i] == NULL) {
			sidecar_init(&s[i]);
			nloaded++;
			continue;
		}
		from = d.n;
		if (sidecar_load(&s[i], tmp[i], &d) == -1) {
			cmd_merge_sidecar_relabel(&d, from, tmp[i], file, names[i]);
			diag_print(&d, stderr);
			diag_say_file(file, 0, "its %s side (the lines of that side "
			    "between the markers, with those outside them) is no sidecar "
			    "rubric can read; nothing was changed", names[i]);
			goto out;
		}
		cmd_merge_sidecar_relabel(&d, from, tmp[i], file, names[i]);
		nloaded++;
	}
	merge_sidecars(&out, part[0] != NULL ? &s[0] : NULL, &s[1], &s[2], file, &st,
	    &d);
	sidecar_keep_edits(&out, &s[1]);
	if (cmd_merge_sidecar_write(&out, file, part[0], part[0] != NULL ?
	    strlen(part[0]) : 0, part[2], strlen(part[2]), file, &d) == -1) {
		diag_print(&d, stderr);
		diag_say_file(file, 0, "not resolved: nothing was changed (the markers "
		    "stay); mend the lines named above by hand");
		sidecar_free(&out);
		goto out;
	}
	sidecar_free(&out);
	diag_print(&d, stderr);
	printf("%s: %zu conflict%s resolved %s; %zu note%s kept from both sides, %zu "
	    "change%s decided by rule\n", file, nconf, nconf == 1 ? "" : "s",
	    part[0] != NULL ? "three ways (the markers held the base)" :
	    "as a union of both sides (no base in the markers: a tag removed on one "
	    "side is kept)", st.joined, st.joined == 1 ? "" : "s", st.ruled,
	    st.ruled == 1 ? "" : "s");
	rc = 0;
out:
	for (i = 0; i < nloaded; i++)
		sidecar_free(&s[i]);
	for (i = 0; i < 3; i++) {
		unlink(tmp[i]);
		free(tmp[i]);
		free(part[i]);
	}
	rmdir(dir);
	free(dir);
	diag_free(&d);
	return rc;
}

static int
cmd_merge_sidecar(struct cmd_args *args)
{
	const char	*resolve = cmd_args_get(args, 'R');

	if (resolve != NULL && args->argc == 0)
		return cmd_merge_sidecar_resolve(resolve);
	if (resolve == NULL && (args->argc == 3 || args->argc == 4))
		return cmd_merge_sidecar_three(args->argv[0], args->argv[1],
		    args->argv[2], args->argc == 4 ? args->argv[3] : args->argv[1]);
	diag_say("%s", resolve != NULL ? "--resolve takes no other argument" :
	    "BASE, OURS and THEIRS are needed");
	return cmd_args_usage_error(args->entry);
}
