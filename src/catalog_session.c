/* The sidecar session: a sidecar kept open while a person works on it, read again when
   someone else changes it, every change committed at once under the journal and lock
   rules of sidecar.h, and at the end nothing left unsaid. Curses-free: what a person
   should see comes back as text for a status line, or as a diag for stderr. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "journal.h"
#include "journal_state.h"

static void	catalog_session_stamp(struct catalog *);
static int	catalog_session_gone(const struct sidecar_entry *, void *);
static void	catalog_session_say(struct catalog_said *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Remembers the sidecar's modification time and size, as rubric left it. */
static void
catalog_session_stamp(struct catalog *c)
{
	struct stat	 st;

	if (stat(c->side_path, &st) == 0) {
		c->session.mtime = st.st_mtim;
		c->session.size = st.st_size;
	} else {
		memset(&c->session.mtime, 0, sizeof c->session.mtime);
		c->session.size = -1;
	}
}

/* Sets what a step says: one line, the last step's. */
static void
catalog_session_say(struct catalog_said *said, int error, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(said->text, sizeof said->text, fmt, ap);
	va_end(ap);
	said->error = error;
}

void
catalog_session_open(struct catalog *c, struct catalog_said *said)
{
	struct diag	 d, jd;
	int		 bad, nj;

	memset(&d, 0, sizeof d);
	memset(&jd, 0, sizeof jd);
	catalog_session_stamp(c);
	if (sidecar_load(&c->side, c->side_path, &d) == -1) {
		struct sidecar_ops	 j;

		/* A file too big or unreadable leaves its stamp in side: a commit
		   must not take side for what is on disk and save over the file. */
		c->side.size = -2;
		c->session.ro = 1;
		catalog_session_say(said, 1, "%s (changes go to its journal until it "
		    "parses; fix it, or move the file away to start afresh)", d.n > 0 ?
		    d.msgs[d.n - 1].text : "");
		/* What an earlier session journalled is shown, not saved yet. */
		memset(&j, 0, sizeof j);
		if (journal_read(c->side_path, &j, &jd) > 0)
			sidecar_apply(&c->side, &j);
		sidecar_ops_free(&j);
	} else if ((nj = journal_report(c->side_path, &bad, &jd)) >= 0 && bad != 0) {
		/* A journal held back by a bad line is said, not left to be found. */
		catalog_session_say(said, 1, "%s.journal:%d: bad line: %d journalled "
		    "change%s wait%s (rubric check)", c->side_path, bad, nj, nj == 1 ?
		    "" : "s", nj == 1 ? "s" : "");
	} else if (journal_exists(c->side_path) ||
	    journal_state_exists(c->side_path))
		catalog_session_flush(c, 0, said);
	else if (d.n > 0)
		catalog_session_say(said, 1, "%s%s", d.msgs[0].text, d.n > 1 ?
		    " (rubric check lists all)" : "");
	diag_free(&d);
	diag_free(&jd);
}

int
catalog_session_poll(struct catalog *c, struct catalog_said *said)
{
	struct sidecar	 fresh;
	struct diag	 d;
	struct stat	 st;

	if (stat(c->side_path, &st) == -1 || (st.st_size == c->session.size &&
	    st.st_mtim.tv_sec == c->session.mtime.tv_sec &&
	    st.st_mtim.tv_nsec == c->session.mtime.tv_nsec))
		return 0;
	catalog_session_stamp(c);
	memset(&d, 0, sizeof d);
	if (sidecar_load(&fresh, c->side_path, &d) == -1) {
		c->session.ro = 1;
		catalog_session_say(said, 1, "%s (tags are read-only until it is "
		    "fixed)", d.n > 0 ? d.msgs[d.n - 1].text : c->side_path);
		diag_free(&d);
		return -1;
	}
	sidecar_free(&c->side);
	c->side = fresh;
	c->session.ro = 0;
	/* A key or article given twice is said, with its line. */
	if (d.n > 0)
		catalog_session_say(said, 1, "%s changed: read again; %s%s",
		    c->side_path, d.msgs[0].text, d.n > 1 ?
		    " (rubric check lists all)" : "");
	else
		catalog_session_say(said, 0, "%s changed: read again", c->side_path);
	diag_free(&d);
	/* What waits to be saved goes on top of what was read, and what the
	   journal holds is saved as soon as the file parses again. */
	if (c->session.pending.n > 0 || journal_exists(c->side_path))
		catalog_session_flush(c, 0, said);
	else
		sidecar_apply(&c->side, &c->session.pending);
	return 1;
}

enum sidecar_result
catalog_session_flush(struct catalog *c, int wait_ms, struct catalog_said *said)
{
	struct catalog_session	*s = &c->session;
	struct diag		 d;
	enum sidecar_result	 r;
	size_t			 n = journal_changes(&s->pending);
	long			 holder;
	char			*nl;

	memset(&d, 0, sizeof d);
	r = sidecar_commit_wait(&c->side, c->side_path, &s->pending, wait_ms, &holder,
	    &d);
	if (r != SIDECAR_SAVED)
		sidecar_apply(&c->side, &s->pending);
	s->holder = 0;
	switch (r) {
	case SIDECAR_SAVED:
		sidecar_ops_free(&s->pending);
		s->journalled = 0;
		catalog_session_stamp(c);
		if (d.n > 0)
			catalog_session_say(said, d.nerrors > 0, "%s",
			    d.msgs[d.n - 1].text);
		break;
	case SIDECAR_JOURNALLED:
		sidecar_ops_free(&s->pending);
		s->journalled += n;
		snprintf(s->journal_msg, sizeof s->journal_msg, "%s",
		    d.msgs[d.n - 1].text);
		catalog_session_say(said, 1, "%s", d.msgs[d.n - 1].text);
		break;
	case SIDECAR_LOCKED:
		s->holder = holder > 0 ? holder : -1;
		catalog_session_say(said, 1, "%s: the change is kept here", d.n > 0 ?
		    d.msgs[d.n - 1].text : c->side_path);
		break;
	case SIDECAR_FAILED:
		catalog_session_say(said, 1, "not saved: %s", d.n > 0 ?
		    d.msgs[d.n - 1].text : c->side_path);
		break;
	}
	/* A status line has one line. */
	if ((nl = strchr(said->text, '\n')) != NULL)
		*nl = '\0';
	diag_free(&d);
	return r;
}

int
catalog_session_commit(struct catalog *c, struct sidecar_ops *ops,
    struct catalog_said *said)
{
	size_t	 i;

	if (ops->n == 0) {
		/* Only articles below the sidecar's directory can be in it. */
		catalog_session_say(said, 1, "not below the directory of %s: nothing "
		    "to save", c->side_path);
		return -1;
	}
	for (i = 0; i < ops->n; i++)
		sidecar_ops_copy(&c->session.pending, &ops->v[i]);
	sidecar_ops_free(ops);
	/* Never written over a broken file, never waited for: a file that does not
	   parse takes the change into its journal, a lock held elsewhere keeps it in
	   pending until the holder lets go. */
	catalog_session_flush(c, 0, said);
	return 0;
}

size_t
catalog_session_moves(struct catalog *c, struct sidecar_ops *ops, size_t *orphans)
{
	return catalog_moves(&c->corpus, c->rel, c->side_path, &c->side, NULL, ops,
	    orphans);
}

void
catalog_session_keep_aside(struct catalog *c, struct diag *d)
{
	char	*where;

	if (journal_state_append(c->side_path, &c->session.pending, &where) == -1) {
		diag_add(d, DIAG_ERROR, NULL, 0, "%s: cannot keep the changes aside "
		    "either: %s", c->side_path, strerror(errno));
		return;
	}
	c->session.aside = journal_changes(&c->session.pending);
	free(c->session.aside_path);
	c->session.aside_path = where;
	sidecar_ops_free(&c->session.pending);
}

int
catalog_session_report(struct catalog *c, size_t before, struct diag *d)
{
	struct catalog_session	*s = &c->session;
	size_t			 lost = journal_changes(&s->pending);

	/* Every line is said as it is: a diag's warnings would read "warning:". */
	if (before > 0 && s->pending.n == 0 && s->journalled == 0 && s->aside == 0)
		diag_add(d, DIAG_ERROR, NULL, 0, "%zu change%s saved to %s", before,
		    before == 1 ? "" : "s", c->side_path);
	if (s->journalled > 0)
		diag_add(d, DIAG_ERROR, NULL, 0, "%zu change%s %s", s->journalled,
		    s->journalled == 1 ? "" : "s", s->journal_msg);
	if (s->aside > 0)
		diag_add(d, DIAG_ERROR, NULL, 0, "%zu change%s not saved in %s: kept "
		    "in %s, applied by the next save of it", s->aside, s->aside == 1 ?
		    "" : "s", c->side_path, s->aside_path);
	if (lost > 0)
		diag_add(d, DIAG_ERROR, NULL, 0, "%s: %zu change%s could not be saved "
		    "or journalled, and %s lost", c->side_path, lost, lost == 1 ? "" :
		    "s", lost == 1 ? "is" : "are");
	return s->journalled > 0 || s->aside > 0 || lost > 0;
}

enum sidecar_result
catalog_save(struct catalog *c, const struct sidecar_ops *ops, int wait_ms,
    struct diag *d)
{
	struct sidecar		 s;
	struct stat		 st;
	enum sidecar_result	 rc;
	const char		*path = c->side_path, *slash = strrchr(path, '/');
	long			 holder;
	int			 existed = lstat(path, &st) == 0;

	/* The file is read again under the lock, whatever was read before. */
	sidecar_init(&s);
	rc = sidecar_commit_wait(&s, path, ops, wait_ms, &holder, d);
	/* Journalled is kept but not saved: a script must not take it for done. */
	if (rc == SIDECAR_LOCKED)
		diag_add(d, DIAG_ERROR, NULL, 0, "%s: nothing was changed after "
		    "waiting %g s (RUBRIC_LOCK_TIMEOUT sets how long)", path,
		    wait_ms / 1000.0);
	else if (rc == SIDECAR_FAILED)
		diag_add(d, DIAG_ERROR, NULL, 0, "%s: nothing was changed", path);
	else if (rc == SIDECAR_SAVED && !existed)
		diag_add(d, DIAG_ERROR, NULL, 0, "created %s in %.*s", SIDECAR_NAME,
		    slash == NULL ? 1 : slash == path ? 1 : (int)(slash - path),
		    slash == NULL ? "." : path);
	sidecar_free(&s);
	return rc;
}

/* For catalog_follow(): an entry is gone when its file is, beside the sidecar. */
static int
catalog_session_gone(const struct sidecar_entry *e, void *arg)
{
	return catalog_gone_path(arg, e->path) == 1;
}

void
catalog_follow(struct catalog *c, struct sidecar_ops *ops)
{
	struct sidecar			 s;
	struct sidecar_ops		 all;
	struct catalog_orphans		 o;
	const struct sidecar_entry	*e;
	struct diag			 d;
	size_t				 i;
	int				 looked = 0;

	memset(&d, 0, sizeof d);
	if (sidecar_load(&s, c->side_path, &d) == -1) {
		diag_free(&d);
		return;			/* the commit will say why */
	}
	diag_free(&d);
	memset(&all, 0, sizeof all);
	for (i = 0; i < ops->n; i++) {
		const struct sidecar_op	*op = &ops->v[i];

		if (op->kind != SIDECAR_OP_FINGERPRINT ||
		    sidecar_entry(&s, op->path, 0) != NULL)
			continue;
		if (!looked) {
			/* Once: the entries whose file is gone. */
			catalog_orphans_init(&o, &s, catalog_session_gone,
			    c->side_path);
			looked = 1;
		}
		if ((e = catalog_orphans_take(&o, op->arg)) != NULL)
			sidecar_ops_add(&all, SIDECAR_OP_MOVE, e->path, op->path, 0);
	}
	if (all.n > 0) {
		for (i = 0; i < ops->n; i++)
			sidecar_ops_copy(&all, &ops->v[i]);
		sidecar_ops_free(ops);
		*ops = all;
	}
	if (looked)
		catalog_orphans_free(&o);
	sidecar_free(&s);
}
