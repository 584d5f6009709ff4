/* Changes committed to the sidecar: under its lock, the changes a journal holds, those
   kept aside in the state journal and the new ones are applied to the file as it is
   now and saved at once; a save that cannot be made journals them instead, so that no
   change is lost (journal.h, journal_state.h). The model and the plain save are
   sidecar.c's. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "journal.h"
#include "journal_state.h"
#include "lock.h"
#include "sidecar.h"
#include "sidecar_int.h"
#include "sidecar_text.h"
#include "xmalloc.h"

/* One save under the lock, carried through the steps of sidecar_commit_wait. */
struct sidecar_saving {
	const char		*path;
	const char		*base;		/* path's last name, for messages */
	char			*jpath;		/* the journal beside path */
	char			 when[160];	/* when a journalled change applies */
	struct sidecar_ops	 all;		/* journalled, kept aside, new */
	int			 jtrust;	/* the journal is the user's */
	int			 jfd;		/* the journal claimed, or -1 */
	int			 sfd;		/* the state journal taken, or -1 */
	int			 nj;		/* changes from the journal */
	int			 taken;		/* > 0: changes kept aside */
	size_t			 nbeside;	/* ops from the journal */
	size_t			 nstate;	/* changes kept aside */
};

static void	sidecar_commit_failed(const char *, struct diag *);
static int	sidecar_commit_gather(struct sidecar_saving *,
		    const struct sidecar_ops *, struct diag *);
static int	sidecar_commit_apply(struct sidecar *, struct sidecar_saving *,
		    struct diag *);
static void	sidecar_commit_clear(struct sidecar_saving *, struct diag *);
static enum sidecar_result sidecar_commit_journal(struct sidecar_saving *,
		    const struct sidecar_ops *, struct diag *);

int
sidecar_commit(struct sidecar *s, const char *path, const struct sidecar_ops *ops,
    struct diag *d)
{
	long	 holder;

	return sidecar_commit_wait(s, path, ops, lock_timeout(), &holder, d) ==
	    SIDECAR_SAVED ? 0 : -1;
}

/* Holds the lock for the whole of one save: the journalled changes, those kept aside
   and ops, applied to the file as it is now (sidecar_commit_gather, _apply), then the
   journals they came from emptied (sidecar_commit_clear); a save that cannot be made
   journals ops instead (sidecar_commit_journal), so that no change is lost. */
enum sidecar_result
sidecar_commit_wait(struct sidecar *s, const char *path, const struct sidecar_ops *ops,
    int wait_ms, long *holder, struct diag *d)
{
	struct sidecar_saving	 c;
	enum sidecar_result	 rc;
	char			*lock;
	pid_t			 pid;
	int			 fd;

	*holder = 0;
	lock = xasprintf("%s.lock", path);
	if ((fd = lock_take(lock, path, wait_ms, &pid, d)) == -1) {
		free(lock);
		if (pid == -1)
			return SIDECAR_FAILED;
		*holder = (long)pid;
		return SIDECAR_LOCKED;
	}
	memset(&c, 0, sizeof c);
	c.path = path;
	c.jfd = c.sfd = -1;
	c.jpath = journal_path(path);
	c.base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	snprintf(c.when, sizeof c.when, "will be applied when %s parses", c.base);
	/* A journal another user could have planted is neither applied nor written:
	   the changes go to the user's own state journal. */
	c.jtrust = journal_trusted(path, d);
	if (sidecar_commit_gather(&c, ops, d) == 0 &&
	    sidecar_commit_apply(s, &c, d) == 0) {
		sidecar_commit_clear(&c, d);
		rc = SIDECAR_SAVED;
	} else
		rc = sidecar_commit_journal(&c, ops, d);
	sidecar_ops_free(&c.all);
	if (c.jfd >= 0)
		close(c.jfd);
	journal_state_done(path, c.sfd, 0);
	free(c.jpath);
	close(fd);		/* and so unlock */
	free(lock);
	return rc;
}

/* Gathers into c->all, in the order they were made, the journalled changes, those
   the screen kept aside and ops. Returns -1 with c->when saying when ops will be
   applied if no save may be made now (the file is not a regular one, or the journal
   is damaged). */
static int
sidecar_commit_gather(struct sidecar_saving *c, const struct sidecar_ops *ops,
    struct diag *d)
{
	struct stat	 st;
	size_t		 i;
	int		 bad;

	/* Nothing is written over a sidecar that is not a regular file (or a link
	   to one): a FIFO, a device or a directory there is refused before any
	   change is made. */
	if (stat(c->path, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_add(d, DIAG_ERROR, c->path, 0, "%s, not a regular file",
		    file_kind(st.st_mode));
		snprintf(c->when, sizeof c->when, "will be applied when %s is a "
		    "regular file", c->base);
		return -1;
	}
	/* Under the lock no other save is under way: every temporary file of one
	   there was left by a save that was killed, however young. */
	file_sweep(c->path, 0);
	/* Changes journalled while the file could not take them go first, in the
	   order they were made; a damaged journal keeps them, and these join it. */
	if (c->jtrust && journal_read_file(c->jpath, NULL, &c->all, &bad, d) == -1) {
		snprintf(c->when, sizeof c->when, "nothing in it is applied until its "
		    "line %d is mended or removed", bad);
		return -1;
	}
	c->nj = (int)journal_changes(&c->all);
	/* Applied, a journal that stays would be applied again by every save, over
	   the changes made since: one that can be neither removed nor emptied is
	   left alone. */
	if (c->all.n > 0 && (c->jfd = journal_claim(c->path)) == -1) {
		diag_add(d, DIAG_ERROR, c->jpath, 0, "%d journalled change%s not "
		    "applied: the journal can be neither removed nor emptied (%s), so "
		    "applying it would replay it on every save; its owner can remove "
		    "it", c->nj, c->nj == 1 ? "" : "s", strerror(errno));
		sidecar_ops_free(&c->all);
		memset(&c->all, 0, sizeof c->all);
		c->nj = 0;
	}
	c->nbeside = c->all.n;
	/* Then what the screen kept aside while another process held the lock. */
	if ((c->taken = journal_state_take(c->path, &c->all, &c->sfd, d)) > 0)
		c->nstate = journal_changes(&c->all) - (size_t)c->nj;
	for (i = 0; i < ops->n; i++)
		sidecar_ops_copy(&c->all, &ops->v[i]);
	return 0;
}

/* Applies c->all to the file and saves it, s becoming what was saved. What another
   process saved since this one read the file is kept: the changes go on top of the
   file as it is now. If it is as this process last saw it (same inode, size and
   time: every save here renames a new file in), there is nothing to read again,
   which keeps a change to a sidecar of 100,000 articles under 100 ms. Returns -1,
   with c->when said, when the file could not be read or written. */
static int
sidecar_commit_apply(struct sidecar *s, struct sidecar_saving *c, struct diag *d)
{
	struct sidecar	 fresh;
	struct stat	 st;

	if (stat(c->path, &st) == 0 ? s->size == (long long)st.st_size &&
	    s->ino == (unsigned long long)st.st_ino &&
	    s->mtime.tv_sec == st.st_mtim.tv_sec &&
	    s->mtime.tv_nsec == st.st_mtim.tv_nsec : errno == ENOENT && s->size == -1) {
		sidecar_apply(s, &c->all);
		if (sidecar_save(s, c->path) == -1) {
			sidecar_commit_failed(c->path, d);
			s->size = -2;	/* not what is on disk: read it next time */
			snprintf(c->when, sizeof c->when, "will be applied when %s can "
			    "be written", c->base);
			return -1;
		}
		sidecar_stamp(s, c->path);
		return 0;
	}
	if (sidecar_load(&fresh, c->path, d) == -1)
		return -1;
	sidecar_apply(&fresh, &c->all);
	if (sidecar_save(&fresh, c->path) == -1) {
		sidecar_commit_failed(c->path, d);
		sidecar_free(&fresh);
		snprintf(c->when, sizeof c->when, "will be applied when %s can be "
		    "written", c->base);
		return -1;
	}
	sidecar_stamp(&fresh, c->path);
	sidecar_free(s);
	*s = fresh;
	return 0;
}

/* After a save: the journal and the changes kept aside that it applied are emptied,
   as left behind they would be applied again over later changes; one that cannot
   be is said, so that a person removes it. */
static void
sidecar_commit_clear(struct sidecar_saving *c, struct diag *d)
{
	char	*where;

	if (c->nbeside > 0) {
		if (journal_empty(c->path, c->jfd) == -1)
			diag_add(d, DIAG_ERROR, c->jpath, 0, "its changes are saved in "
			    "%s, but it cannot be removed (%s): remove it by hand",
			    c->base, strerror(errno));
		else
			diag_add(d, DIAG_WARNING, c->jpath, 0, "%d journalled change%s "
			    "saved in %s", c->nj, c->nj == 1 ? "" : "s", c->base);
		c->jfd = -1;
	}
	if (c->taken > 0) {
		where = journal_state_path(c->path);
		if (journal_state_done(c->path, c->sfd, 1) == -1)
			diag_add(d, DIAG_ERROR, where, 0, "its changes are saved in %s, "
			    "but it cannot be removed (%s): remove it by hand", c->base,
			    strerror(errno));
		else
			diag_add(d, DIAG_WARNING, where, 0, "%zu change%s kept aside "
			    "saved in %s", c->nstate, c->nstate == 1 ? "" : "s", c->path);
		c->sfd = -1;
		free(where);
	}
}

/* No save: ops go to the journal beside the sidecar (or to the user's own state
   journal when that one is not to be trusted), to be applied by the next save that
   can be made. Returns SIDECAR_JOURNALLED, or SIDECAR_FAILED when ops are kept
   nowhere and the caller must keep them. */
static enum sidecar_result
sidecar_commit_journal(struct sidecar_saving *c, const struct sidecar_ops *ops,
    struct diag *d)
{
	char	*where;

	if (ops->n == 0)
		return SIDECAR_FAILED;
	if (c->jtrust && journal_append(c->path, ops) == 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, "journalled to %s: %s", c->jpath,
		    c->when);
		return SIDECAR_JOURNALLED;
	}
	if (c->jtrust) {
		/* Kept by the caller, who tries again (the screen keeps it aside
		   at the end). */
		diag_add(d, DIAG_ERROR, c->jpath, 0, "cannot journal the change "
		    "either: %s", strerror(errno));
		return SIDECAR_FAILED;
	}
	if (journal_state_append(c->path, ops, &where) == -1) {
		diag_add(d, DIAG_ERROR, NULL, 0, "cannot journal the change either: %s",
		    strerror(errno));
		return SIDECAR_FAILED;
	}
	diag_add(d, DIAG_ERROR, NULL, 0, "journalled to %s: will be applied by the "
	    "next save of %s", where, c->path);
	free(where);
	return SIDECAR_JOURNALLED;
}

/* Says why a save failed; where the rename was refused in a sticky folder, whose
   file it is that only they may replace. */
static void
sidecar_commit_failed(const char *path, struct diag *d)
{
	struct passwd	*pw;
	struct stat	 st, dst;
	const char	*slash = strrchr(path, '/'), *base;
	char		*dir, who[64];
	int		 saved = errno;

	base = slash != NULL ? slash + 1 : path;
	dir = slash == NULL ? xstrdup(".") : xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path));
	if ((saved == EPERM || saved == EACCES) && lstat(path, &st) == 0 &&
	    st.st_uid != geteuid() && stat(dir, &dst) == 0 &&
	    (dst.st_mode & S_ISVTX) && dst.st_uid != geteuid()) {
		if ((pw = getpwuid(st.st_uid)) != NULL)
			snprintf(who, sizeof who, "%s", pw->pw_name);
		else
			snprintf(who, sizeof who, "uid %lu", (unsigned long)st.st_uid);
		diag_add(d, DIAG_ERROR, path, 0, "cannot save: the folder is sticky and "
		    "%s is %s's: only %s can replace it (%s); see rubric(5)", base,
		    who, who, strerror(saved));
	} else
		diag_add(d, DIAG_ERROR, path, 0, "cannot save: %s", strerror(saved));
	free(dir);
	errno = saved;
}
