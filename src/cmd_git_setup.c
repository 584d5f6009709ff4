/* rubric git-setup: tells git to merge sidecars with rubric (rubric merge-sidecar is
   the driver git then runs): the attribute in .gitattributes at the top of the work
   tree, the driver in the repository's config. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "file.h"
#include "sidecar.h"
#include "xmalloc.h"

#define CMD_GIT_SETUP_ATTR	SIDECAR_NAME " merge=rubric"
#define CMD_GIT_SETUP_NAME	"rubric sidecar: tags, notes and read flags merged per article"

static int	cmd_git_setup_git(const char *const [], char **);
static int	cmd_git_setup_has_attr(const char *);
static int	cmd_git_setup_config(const char *, const char *, const char *);
static char	*cmd_git_setup_driver(void);
static int	cmd_git_setup(struct cmd_args *);

const struct cmd_entry cmd_git_setup_entry = {
	"git-setup", NULL,
	"Make git merge the sidecar with rubric (once per clone)",
	"git-setup",
	"Run in a git work tree: adds the line '" CMD_GIT_SETUP_ATTR "' to the\n"
	".gitattributes at its top and sets merge.rubric.name and\n"
	"merge.rubric.driver in the repository's config, so that git merges\n"
	"sidecars with rubric merge-sidecar. Commit .gitattributes; each clone\n"
	"runs rubric git-setup once (git does not share its config).\n",
	0, NULL, 0, 0, cmd_git_setup
};

/* Runs git with argv (argv[0] is "git"), its standard output into *out (caller frees;
   NULL: thrown away) without its last new line, its errors thrown away. Returns its
   exit status, or -1 after saying why it could not run. */
static int
cmd_git_setup_git(const char *const argv[], char **out)
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
cmd_git_setup_has_attr(const char *text)
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
cmd_git_setup_config(const char *file, const char *key, const char *value)
{
	char		*old = NULL;
	const char	*get[] = { "git", "config", "--local", "--get", key, NULL };
	const char	*set[] = { "git", "config", "--local", key, value, NULL };
	int		 rc;

	if ((rc = cmd_git_setup_git(get, &old)) == -1)
		return -1;
	if (rc == 0 && old != NULL && strcmp(old, value) == 0) {
		printf("%s: %s is set already\n", file, key);
		free(old);
		return 0;
	}
	if (cmd_git_setup_git(set, NULL) != 0) {
		diag_say_file(file, 0, "git config %s failed", key);
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
cmd_git_setup_driver(void)
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

static int
cmd_git_setup(struct cmd_args *args)
{
	char		*top = NULL, *cfg = NULL, *attr, *text = NULL, *driver, *buf;
	struct diag	 d = { 0 };
	const char	*toplevel[] = { "git", "rev-parse", "--show-toplevel", NULL };
	const char	*cfgpath[] = { "git", "rev-parse", "--git-path", "config", NULL };
	size_t		 len = 0;
	int		 changed = 0, rc;

	(void)args;
	if ((rc = cmd_git_setup_git(toplevel, &top)) != 0 || top == NULL ||
	    *top == '\0') {
		if (rc != -1)
			diag_say("not in a git work tree: run rubric git-setup inside one "
			    "(git rev-parse --show-toplevel found none)");
		free(top);
		return 1;
	}
	if (cmd_git_setup_git(cfgpath, &cfg) != 0 || cfg == NULL) {
		diag_say_file(top, 0, "git rev-parse --git-path config failed");
		free(cfg);
		free(top);
		return 1;
	}
	attr = xasprintf("%s/.gitattributes", top);
	if (file_read(attr, 1024 * 1024, FILE_ABSENT, &text, &len, &d) == -1 &&
	    errno != ENOENT) {
		diag_print(&d, stderr);
		diag_free(&d);
		rc = 1;
		goto out;
	}
	if (text != NULL && cmd_git_setup_has_attr(text))
		printf("%s: has '%s' already\n", attr, CMD_GIT_SETUP_ATTR);
	else {
		/* The name alone matches a sidecar in any folder of the tree. */
		buf = xasprintf("%s%s" CMD_GIT_SETUP_ATTR "\n", text != NULL ? text : "",
		    len > 0 && text[len - 1] != '\n' ? "\n" : "");
		if (file_replace(attr, buf, strlen(buf), FILE_SAME) == -1) {
			diag_say_file(attr, 0, "%s", strerror(errno));
			free(buf);
			rc = 1;
			goto out;
		}
		free(buf);
		printf("%s: added '%s' (commit it, so that every clone merges "
		    "sidecars with rubric)\n", attr, CMD_GIT_SETUP_ATTR);
		changed++;
	}
	driver = cmd_git_setup_driver();
	if ((rc = cmd_git_setup_config(cfg, "merge.rubric.name",
	    CMD_GIT_SETUP_NAME)) != -1) {
		changed += rc;
		if ((rc = cmd_git_setup_config(cfg, "merge.rubric.driver",
		    driver)) != -1)
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
