/* rubric git-setup and rubric merge-sidecar: the sidecar in a team's git repository.
   git-setup tells git to merge sidecars with rubric; merge-sidecar is the driver git
   then runs, and with --resolve mends a sidecar git merged line by line. The merging
   itself is merge.c's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "file.h"
#include "merge.h"
#include "merge_edits.h"
#include "sidecar.h"
#include "xmalloc.h"

#define CMD_MERGE_ATTR	SIDECAR_NAME " merge=rubric"
#define CMD_MERGE_NAME	"rubric sidecar: tags, notes and read flags merged per article"

static int	cmd_merge_git(const char *const [], char **);
static int	cmd_merge_has_attr(const char *);
static int	cmd_merge_config(const char *, const char *, const char *);
static char	*cmd_merge_driver(void);
static int	cmd_merge_resolve(const char *);
static int	cmd_merge_three(const char *, const char *, const char *, const char *);
static void	cmd_merge_relabel(struct diag *, size_t, const char *, const char *,
		    const char *);
static int	cmd_merge_write(struct sidecar *, const char *, const char *,
		    size_t, const char *, size_t, const char *, struct diag *);
static void	cmd_merge_report(const char *, const struct merge_stats *,
		    const struct diag *);

/* Runs git with argv (argv[0] is "git"), its standard output into *out (caller frees;
   NULL: thrown away) without its last new line, its errors thrown away. Returns its
   exit status, or -1 after saying why it could not run. */
static int
cmd_merge_git(const char *const argv[], char **out)
{
	char	 buf[4096];
	size_t	 len = 0;
	ssize_t	 n;
	pid_t	 pid;
	int	 fds[2], status;

	if (pipe(fds) == -1) {
		diag_say("cannot run git: %s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	if ((pid = fork()) == -1) {
		diag_say("cannot run git: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[1]);
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(127);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	if (out != NULL)
		*out = NULL;
	while ((n = read(fds[0], buf, sizeof buf)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (out != NULL) {
			*out = xreallocarray(*out, len + (size_t)n + 1, 1);
			memcpy(*out + len, buf, (size_t)n);
			len += (size_t)n;
			(*out)[len] = '\0';
		}
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			diag_say("git: %s", strerror(errno));
			return -1;
		}
	if (out != NULL && *out != NULL && len > 0 && (*out)[len - 1] == '\n')
		(*out)[len - 1] = '\0';
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		diag_say("cannot run git: is it installed?");
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Whether the text of a .gitattributes file has a line giving the sidecar's name
   merge=rubric. */
static int
cmd_merge_has_attr(const char *text)
{
	const char	*p, *nl;
	char		*line, *tok, *save;
	int		 found = 0;

	for (p = text; *p != '\0' && !found; p = *nl != '\0' ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		line = xstrndup(p, (size_t)(nl - p));
		if ((tok = strtok_r(line, " \t\r", &save)) != NULL &&
		    strcmp(tok, SIDECAR_NAME) == 0)
			while ((tok = strtok_r(NULL, " \t\r", &save)) != NULL)
				if (strcmp(tok, "merge=rubric") == 0)
					found = 1;
		free(line);
	}
	return found;
}

/* Sets git's config key to value in the repository unless it is so already, and says
   which. Returns 1 if it changed it, 0 if not, -1 on failure (said). */
static int
cmd_merge_config(const char *file, const char *key, const char *value)
{
	char		*old = NULL;
	const char	*get[] = { "git", "config", "--local", "--get", key, NULL };
	const char	*set[] = { "git", "config", "--local", key, value, NULL };
	int		 rc;

	if ((rc = cmd_merge_git(get, &old)) == -1)
		return -1;
	if (rc == 0 && old != NULL && strcmp(old, value) == 0) {
		printf("%s: %s is set already\n", file, key);
		free(old);
		return 0;
	}
	if (cmd_merge_git(set, NULL) != 0) {
		diag_say("%s: git config %s failed", file, key);
		free(old);
		return -1;
	}
	if (rc == 0 && old != NULL)
		printf("%s: set %s = %s (it was %s)\n", file, key, value, old);
	else
		printf("%s: set %s = %s\n", file, key, value);
	free(old);
	return 1;
}

/* The command git is to run: this program by its absolute path, quoted for sh. git
   runs it with sh from the top of the work tree and whatever PATH git was given (an
   editor's, a GUI's), where a bare "rubric" may not be found; run git-setup again
   after moving the program. Caller frees. */
static char *
cmd_merge_driver(void)
{
	char	*self, *q, *s, *out;
	size_t	 n = 0;

	if ((self = realpath("/proc/self/exe", NULL)) == NULL)
		return xstrdup("rubric merge-sidecar %O %A %B %P");
	q = xmalloc(strlen(self) * 4 + 3);
	q[n++] = '\'';
	for (s = self; *s != '\0'; s++) {
		if (*s == '\'') {
			memcpy(q + n, "'\\''", 4);
			n += 4;
		} else
			q[n++] = *s;
	}
	q[n++] = '\'';
	q[n] = '\0';
	out = xasprintf("%s merge-sidecar %%O %%A %%B %%P", q);
	free(q);
	free(self);
	return out;
}

int
cmd_git_setup(int argc, char **argv)
{
	char		*top = NULL, *cfg = NULL, *attr, *text = NULL, *driver, *buf;
	char		 err[256];
	const char	*toplevel[] = { "git", "rev-parse", "--show-toplevel", NULL };
	const char	*cfgpath[] = { "git", "rev-parse", "--git-path", "config", NULL };
	size_t		 len = 0;
	int		 changed = 0, rc;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs("usage: rubric git-setup\n\n"
		    "Run in a git work tree: adds the line '" CMD_MERGE_ATTR "' to the\n"
		    ".gitattributes at its top and sets merge.rubric.name and\n"
		    "merge.rubric.driver in the repository's config, so that git merges\n"
		    "sidecars with rubric merge-sidecar. Commit .gitattributes; each clone\n"
		    "runs rubric git-setup once (git does not share its config).\n", stdout);
		return 0;
	}
	if (argc != 1) {
		fputs("usage: rubric git-setup\n", stderr);
		return 2;
	}
	if ((rc = cmd_merge_git(toplevel, &top)) != 0 || top == NULL || *top == '\0') {
		if (rc != -1)
			diag_say("not in a git work tree: run rubric git-setup inside one "
			    "(git rev-parse --show-toplevel found none)");
		free(top);
		return 1;
	}
	if (cmd_merge_git(cfgpath, &cfg) != 0 || cfg == NULL) {
		diag_say("%s: git rev-parse --git-path config failed", top);
		free(cfg);
		free(top);
		return 1;
	}
	attr = xasprintf("%s/.gitattributes", top);
	if (file_read(attr, 1024 * 1024, &text, &len, err, sizeof err) == -1 &&
	    errno != ENOENT) {
		diag_say("%s: %s", attr, err);
		rc = 1;
		goto out;
	}
	if (text != NULL && cmd_merge_has_attr(text))
		printf("%s: has '%s' already\n", attr, CMD_MERGE_ATTR);
	else {
		/* The name alone matches a sidecar in any folder of the tree. */
		buf = xasprintf("%s%s" CMD_MERGE_ATTR "\n", text != NULL ? text : "",
		    len > 0 && text[len - 1] != '\n' ? "\n" : "");
		if (file_replace(attr, buf, strlen(buf), FILE_SAME) == -1) {
			diag_say("%s: %s", attr, strerror(errno));
			free(buf);
			rc = 1;
			goto out;
		}
		free(buf);
		printf("%s: added '%s' (commit it, so that every clone merges "
		    "sidecars with rubric)\n", attr, CMD_MERGE_ATTR);
		changed++;
	}
	driver = cmd_merge_driver();
	if ((rc = cmd_merge_config(cfg, "merge.rubric.name", CMD_MERGE_NAME)) != -1) {
		changed += rc;
		if ((rc = cmd_merge_config(cfg, "merge.rubric.driver", driver)) != -1)
			changed += rc;
	}
	free(driver);
	if (rc == -1) {
		rc = 1;
		goto out;
	}
	if (changed == 0)
		printf("nothing changed: %s is set up already\n", top);
	rc = 0;
out:
	free(text);
	free(attr);
	free(cfg);
	free(top);
	return rc;
}

/* Messages from d's message from on that name file (a temporary copy of a side) name
   instead the file the user knows, label, and the side. */
static void
cmd_merge_relabel(struct diag *d, size_t from, const char *file, const char *label,
    const char *side)
{
	size_t	 i, n = strlen(file);
	char	*t;

	for (i = from; i < d->n; i++) {
		if (strncmp(d->msgs[i].text, file, n) != 0 || d->msgs[i].text[n] != ':')
			continue;
		t = xasprintf("%s (%s)%s", label, side, d->msgs[i].text + n);
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
cmd_merge_write(struct sidecar *out, const char *file, const char *base, size_t blen,
    const char *theirs, size_t tlen, const char *label, struct diag *d)
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
cmd_merge_report(const char *label, const struct merge_stats *st, const struct diag *d)
{
	diag_print(d, stderr);
	if (st->joined > 0 || st->ruled > 0)
		diag_say("%s: merged, nothing lost: %zu note%s kept from both sides, "
		    "%zu change%s decided by rule (see rubric(1))", label, st->joined,
		    st->joined == 1 ? "" : "s", st->ruled, st->ruled == 1 ? "" : "s");
}

/* The driver: git's %O %A %B (and %P for messages). Writes the merge into ours and
   returns 0; if a side cannot be read as a sidecar, ours gets all three texts between
   conflict markers (nothing is lost and --resolve takes them up once mended) and
   returns 1. */
static int
cmd_merge_three(const char *base, const char *ours, const char *theirs,
    const char *label)
{
	struct sidecar		 s[3], out;
	struct merge_stats	 st;
	struct diag		 d;
	const char		*files[3] = { base, ours, theirs };
	const char		*names[3] = { "base", "ours", "theirs" };
	char			*text[3] = { NULL, NULL, NULL }, *all, err[256];
	size_t			 len, tl[3] = { 0, 0, 0 }, i, nloaded = 0, from;
	int			 rc = 1;

	for (i = 0; i < 3; i++)
		if (access(files[i], F_OK) == -1) {
			diag_say("%s: %s", files[i], strerror(errno));
			return 1;
		}
	memset(&d, 0, sizeof d);
	for (i = 0; i < 3; i++) {
		from = d.n;
		if (sidecar_load(&s[i], files[i], &d) == -1) {
			cmd_merge_relabel(&d, from, files[i], label, names[i]);
			diag_say("%s: the %s side (%s) is no sidecar rubric can read:",
			    label, names[i], files[i]);
			diag_print(&d, stderr);
			goto conflict;
		}
		cmd_merge_relabel(&d, from, files[i], label, names[i]);
		nloaded++;
	}
	for (i = 0; i < 3; i += 2)
		if (file_read(files[i], SIDECAR_MAXSIZE, &text[i], &tl[i], err,
		    sizeof err) == -1) {
			diag_say("%s: %s", files[i], err);
			goto done;
		}
	merge_sidecars(&out, &s[0], &s[1], &s[2], label, &st, &d);
	/* Written over OURS as OURS was written: its comments, unknown keys and
	   untouched sections stay as they were; THEIRS' are carried in. */
	sidecar_keep_edits(&out, &s[1]);
	if (cmd_merge_write(&out, ours, text[0], tl[0], text[2], tl[2], label,
	    &d) == -1) {
		diag_print(&d, stderr);
		sidecar_free(&out);
		goto conflict;
	}
	cmd_merge_report(label, &st, &d);
	sidecar_free(&out);
	rc = 0;
	goto done;

conflict:
	for (i = 0; i < 3; i++)
		if (text[i] == NULL && file_read(files[i], SIDECAR_MAXSIZE, &text[i], &len, err,
		    sizeof err) == -1) {
			diag_say("%s: %s; %s is left as ours was", files[i], err, label);
			goto done;
		}
	all = merge_conflict_text(text[1], text[0], text[2]);
	if (file_replace(ours, all, strlen(all), FILE_SAME) == -1)
		diag_say("%s: %s; %s is left as ours was", ours, strerror(errno), label);
	else
		diag_say("%s: not merged: ours, base and theirs are left whole between "
		    "conflict markers; mend the side named above and run rubric "
		    "merge-sidecar --resolve %s", label, label);
	free(all);
done:
	for (i = 0; i < nloaded; i++)
		sidecar_free(&s[i]);
	for (i = 0; i < 3; i++)
		free(text[i]);
	diag_free(&d);
	return rc;
}

/* --resolve FILE: the sides of a sidecar git merged line by line, merged again per
   article and key, three ways if the markers hold the base (diff3), else as a union. */
static int
cmd_merge_resolve(const char *file)
{
	struct sidecar		 s[3], out;
	struct merge_stats	 st;
	struct diag		 d;
	const char		*names[3] = { "base", "ours", "theirs" };
	char			*text, *part[3] = { NULL, NULL, NULL }, *dir, *tmp[3];
	char			 err[256];
	size_t			 len, i, nconf, nloaded = 0, from;
	int			 line, rc = 1;

	if (file_read(file, SIDECAR_MAXSIZE, &text, &len, err, sizeof err) == -1) {
		diag_say("%s: %s", file, err);
		return 1;
	}
	if (merge_split(text, len, &part[1], &part[0], &part[2], &nconf, &line) == -1) {
		diag_say("%s:%d: a conflict marker out of place: mend it by hand", file,
		    line);
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
		diag_say("%s: %s", dir, strerror(errno));
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
			diag_say("%s: %s", tmp[i], strerror(errno));
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
			cmd_merge_relabel(&d, from, tmp[i], file, names[i]);
			diag_print(&d, stderr);
			diag_say("%s: its %s side (the lines of that side between the "
			    "markers, with those outside them) is no sidecar rubric can "
			    "read; nothing was changed", file, names[i]);
			goto out;
		}
		cmd_merge_relabel(&d, from, tmp[i], file, names[i]);
		nloaded++;
	}
	merge_sidecars(&out, part[0] != NULL ? &s[0] : NULL, &s[1], &s[2], file, &st,
	    &d);
	sidecar_keep_edits(&out, &s[1]);
	if (cmd_merge_write(&out, file, part[0], part[0] != NULL ? strlen(part[0]) : 0,
	    part[2], strlen(part[2]), file, &d) == -1) {
		diag_print(&d, stderr);
		diag_say("%s: not resolved: nothing was changed (the markers stay); "
		    "mend the lines named above by hand", file);
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

int
cmd_merge_sidecar(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs("usage: rubric merge-sidecar BASE OURS THEIRS [PATH]\n"
		    "       rubric merge-sidecar --resolve FILE\n\n"
		    "git's merge driver for the sidecar (rubric git-setup installs it):\n"
		    "merges OURS and THEIRS, both changed from BASE, per article and key,\n"
		    "and writes the result into OURS; PATH names the file in messages.\n"
		    "--resolve takes apart a sidecar git merged with conflict markers and\n"
		    "merges its sides the same way. See rubric(1) for the rules.\n", stdout);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--resolve") == 0)
		return cmd_merge_resolve(argv[2]);
	if ((argc == 4 || argc == 5) && argv[1][0] != '-')
		return cmd_merge_three(argv[1], argv[2], argv[3],
		    argc == 5 ? argv[4] : argv[2]);
	fputs("usage: rubric merge-sidecar BASE OURS THEIRS [PATH]\n"
	    "       rubric merge-sidecar --resolve FILE\n", stderr);
	return 2;
}
