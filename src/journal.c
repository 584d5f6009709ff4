/* The journal of a sidecar: NAME.journal, one change a line,

	tag person "2017/siege.txt" "Deir ez-Zor" crc=0b717dae

   a kind, a word for its number, the article's path and the argument (or -), each
   string in double quotes with \\, \" and \xHH for control bytes, then the CRC-32 of
   the line before " crc=". A passage's change adds the passage after the argument,
   whatever the change, so that the line alone says which passage it is and can make
   it again: its id, START-END, and its quote, before and after as strings,

	passage-tag person "a.txt" "siege" 3f2a91c0 1203-1223 "the siege" "On " " by"

   Lines starting with # are comments. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "journal.h"
#include "lock.h"
#include "trust.h"
#include "xmalloc.h"

#define JOURNAL_MAXSIZE	((size_t)256 * 1024 * 1024)

static void	journal_str(struct buf *, const char *);
static uint32_t	journal_crc(const char *, size_t);
static const char *journal_word(const char **, const char *, size_t *);
static int	journal_unstr(const char **, const char *, char **);
static void	journal_sync_dir(const char *);
static int	journal_passage(const char **, const char *, struct sidecar_passage *);

static const char *const journal_kinds[] = {
	[SIDECAR_OP_TAG] = "tag",
	[SIDECAR_OP_NOTE] = "note",
	[SIDECAR_OP_READ] = "read",
	[SIDECAR_OP_FINGERPRINT] = "fingerprint",
	[SIDECAR_OP_MOVE] = "move",
	[SIDECAR_OP_PASSAGE_ADD] = "passage-add",
	[SIDECAR_OP_PASSAGE_TAG] = "passage-tag",
	[SIDECAR_OP_PASSAGE_NOTE] = "passage-note",
	[SIDECAR_OP_PASSAGE_AT] = "passage-at",
	[SIDECAR_OP_PASSAGE_RM] = "passage-rm"
};

/* A string in double quotes, or - for none. */
static void
journal_str(struct buf *b, const char *s)
{
	char	 e[5];

	if (s == NULL) {
		buf_put(b, "-", 1);
		return;
	}
	buf_put(b, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char	 c = (unsigned char)*s;

		if (c == '\\' || c == '"') {
			e[0] = '\\';
			e[1] = (char)c;
			buf_put(b, e, 2);
		} else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02x", c);
		else
			buf_put(b, s, 1);
	}
	buf_put(b, "\"", 1);
}

/* CRC-32 (IEEE), a bit at a time: journal lines are short and few. */
static uint32_t
journal_crc(const char *s, size_t n)
{
	uint32_t	 c = 0xffffffffU;
	size_t		 i;
	int		 k;

	for (i = 0; i < n; i++) {
		c ^= (unsigned char)s[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1)));
	}
	return c ^ 0xffffffffU;
}

char *
journal_path(const char *sidecar)
{
	return xasprintf("%s" JOURNAL_SUFFIX, sidecar);
}

int
journal_exists(const char *sidecar)
{
	struct stat	 st;
	char		*p = journal_path(sidecar);
	int		 r;

	r = stat(p, &st) == 0 && st.st_size > 0;
	free(p);
	return r;
}

char *
journal_format(const struct sidecar_op *op)
{
	struct buf		 b;
	const char		*word = "-";

	memset(&b, 0, sizeof b);
	buf_put(&b, journal_kinds[op->kind], strlen(journal_kinds[op->kind]));
	if (op->kind == SIDECAR_OP_TAG || op->kind == SIDECAR_OP_PASSAGE_TAG)
		word = op->num == SIDECAR_PERSON ? "person" : op->num == SIDECAR_THEME ?
		    "theme" : op->num == SIDECAR_REJECTED ? "rejected" : "remove";
	else if (op->kind == SIDECAR_OP_READ)
		word = op->num ? "yes" : "no";
	buf_put(&b, " ", 1);
	buf_put(&b, word, strlen(word));
	buf_put(&b, " ", 1);
	journal_str(&b, op->path);
	buf_put(&b, " ", 1);
	journal_str(&b, op->arg);
	if (op->passage != NULL) {
		buf_printf(&b, " %s %zu-%zu ", op->passage->id, op->passage->start,
		    op->passage->end);
		journal_str(&b, op->passage->quote);
		buf_put(&b, " ", 1);
		journal_str(&b, op->passage->before);
		buf_put(&b, " ", 1);
		journal_str(&b, op->passage->after);
	}
	return b.s;
}

char *
journal_quote(const char *s)
{
	struct buf		 b;

	memset(&b, 0, sizeof b);
	journal_str(&b, s);
	return b.s;
}

char *
journal_line(const struct sidecar_op *op)
{
	char	*line = journal_format(op), *whole;

	whole = xasprintf("%s crc=%08lx\n", line,
	    (unsigned long)journal_crc(line, strlen(line)));
	free(line);
	return whole;
}

/* The next word of [*p, end), up to a blank; its length in *n. */
static const char *
journal_word(const char **p, const char *end, size_t *n)
{
	const char	*w;

	while (*p < end && **p == ' ')
		(*p)++;
	w = *p;
	while (*p < end && **p != ' ')
		(*p)++;
	*n = (size_t)(*p - w);
	return w;
}

/* Reads a quoted string or - at *p into *out (NULL for -; caller frees). Returns -1
   if malformed. */
static int
journal_unstr(const char **p, const char *end, char **out)
{
	struct buf		 b;
	const char		*s = *p;
	char			 c;
	unsigned int		 v;

	*out = NULL;
	while (s < end && *s == ' ')
		s++;
	if (s < end && *s == '-' && (s + 1 == end || s[1] == ' ')) {
		*p = s + 1;
		return 0;
	}
	if (s >= end || *s != '"')
		return -1;
	memset(&b, 0, sizeof b);
	buf_put(&b, "", 0);
	for (s++; s < end && *s != '"'; s++) {
		if (*s != '\\') {
			buf_put(&b, s, 1);
			continue;
		}
		if (s + 1 < end && (s[1] == '\\' || s[1] == '"')) {
			buf_put(&b, s + 1, 1);
			s++;
		} else if (s + 3 < end && s[1] == 'x' && sscanf(s + 2, "%2x", &v) == 1 &&
		    v != 0) {
			c = (char)v;
			buf_put(&b, &c, 1);
			s += 3;
		} else
			goto bad;
	}
	if (s >= end)
		goto bad;
	*p = s + 1;
	*out = b.s;
	return 0;
bad:
	free(b.s);
	return -1;
}

/* Reads a passage's id, START-END, quote, before and after at *p into ps (free it
   with sidecar_passage_free, whatever this returns). Returns -1 if malformed. */
static int
journal_passage(const char **p, const char *end, struct sidecar_passage *ps)
{
	const char		*w;
	unsigned long long	 a, b;
	size_t			 n, k;
	int			 used = 0;
	char			 at[48];

	w = journal_word(p, end, &n);
	if (n != SIDECAR_PASSAGE_IDLEN || strspn(w, "0123456789abcdef") < n)
		return -1;
	memcpy(ps->id, w, n);
	ps->id[n] = '\0';
	w = journal_word(p, end, &n);
	if (n == 0 || n >= sizeof at)
		return -1;
	memcpy(at, w, n);
	at[n] = '\0';
	/* Digits, one "-" between two runs of at most 19 (no sign, no blank,
	   nothing sscanf would take past). */
	k = strspn(at, "0123456789");
	if (k == 0 || k > 19 || at[k] != '-' || strspn(at + k + 1, "0123456789") !=
	    n - k - 1 || n - k - 1 == 0 || n - k - 1 > 19 ||
	    sscanf(at, "%llu-%llu%n", &a, &b, &used) != 2 || (size_t)used != n ||
	    a > b || b > SIZE_MAX)
		return -1;
	ps->start = (size_t)a;
	ps->end = (size_t)b;
	if (journal_unstr(p, end, &ps->quote) == -1 || ps->quote == NULL ||
	    *ps->quote == '\0' || journal_unstr(p, end, &ps->before) == -1 ||
	    ps->before == NULL || journal_unstr(p, end, &ps->after) == -1 ||
	    ps->after == NULL)
		return -1;
	return 0;
}

int
journal_parse(const char *line, size_t len, struct sidecar_ops *ops,
    const struct diag_at *at, struct diag *d)
{
	const char	*p = line, *end, *w, *crc, *why;
	char		*path = NULL, *arg = NULL, hex[9];
	struct sidecar_passage ps;
	size_t		 n, k;
	int		 kind = -1, num = 0, pass;

	/* The checksum first: a line cut short or changed is not read further. */
	crc = len >= 13 && memcmp(line + len - 13, " crc=", 5) == 0 ?
	    line + len - 8 : NULL;
	if (crc == NULL) {
		why = "no checksum at the end of the line";
		goto bad;
	}
	memcpy(hex, crc, 8);
	hex[8] = '\0';
	if (strtoul(hex, NULL, 16) != journal_crc(line, (size_t)(crc - 5 - line)) ||
	    strspn(hex, "0123456789abcdef") != 8) {
		why = "the checksum does not match the line";
		goto bad;
	}
	end = crc - 5;
	w = journal_word(&p, end, &n);
	for (k = 0; k < sizeof journal_kinds / sizeof journal_kinds[0]; k++)
		if (strlen(journal_kinds[k]) == n && memcmp(w, journal_kinds[k], n) == 0)
			kind = (int)k;
	w = journal_word(&p, end, &n);
	if (kind == SIDECAR_OP_TAG || kind == SIDECAR_OP_PASSAGE_TAG) {
		num = n == 6 && memcmp(w, "person", 6) == 0 ? SIDECAR_PERSON :
		    n == 5 && memcmp(w, "theme", 5) == 0 ? SIDECAR_THEME :
		    n == 8 && memcmp(w, "rejected", 8) == 0 ? SIDECAR_REJECTED :
		    n == 6 && memcmp(w, "remove", 6) == 0 ? -1 : -2;
	} else if (kind == SIDECAR_OP_READ)
		num = n == 3 && memcmp(w, "yes", 3) == 0 ? 1 :
		    n == 2 && memcmp(w, "no", 2) == 0 ? 0 : -2;
	if (kind == -1 || num == -2) {
		why = "an unknown change";
		goto bad;
	}
	memset(&ps, 0, sizeof ps);
	pass = kind >= SIDECAR_OP_PASSAGE_ADD;
	if (journal_unstr(&p, end, &path) == -1 || path == NULL ||
	    journal_unstr(&p, end, &arg) == -1 ||
	    (pass && journal_passage(&p, end, &ps) == -1) || p != end ||
	    ((kind == SIDECAR_OP_TAG || kind == SIDECAR_OP_MOVE ||
	    kind == SIDECAR_OP_PASSAGE_TAG) && arg == NULL)) {
		free(path);
		free(arg);
		sidecar_passage_free(&ps);
		why = "a malformed change";
		goto bad;
	}
	if (pass)
		sidecar_ops_passage(ops, (enum sidecar_op_kind)kind, path, &ps, arg,
		    num);
	else
		sidecar_ops_add(ops, (enum sidecar_op_kind)kind, path, arg, num);
	free(path);
	free(arg);
	sidecar_passage_free(&ps);
	return 0;
bad:
	diag_add_at(d, DIAG_ERROR, at, "%s: nothing in the journal is applied until the "
	    "line is mended or removed", why);
	return -1;
}

int
journal_read(const char *sidecar, struct sidecar_ops *ops, struct diag *d)
{
	char	*path = journal_path(sidecar);
	int	 r, bad;

	r = journal_read_file(path, NULL, ops, &bad, d);
	free(path);
	return r;
}

int
journal_read_file(const char *path, const char *header, struct sidecar_ops *ops,
    int *bad, struct diag *d)
{
	struct sidecar_ops	 got;
	struct diag_at		 at = { path, 0, 0 };
	char			*buf, *p, *nl, *end;
	size_t			 len, i;
	int			 line = 0;

	*bad = 0;
	if (file_read(path, JOURNAL_MAXSIZE, FILE_ABSENT, &buf, &len, d) == -1)
		return errno == ENOENT ? 0 : -1;
	if (header != NULL && len > 0 && (len < strlen(header) ||
	    memcmp(buf, header, strlen(header)) != 0)) {
		diag_add(d, DIAG_ERROR, path, 1, "kept for another sidecar: nothing "
		    "in it is applied");
		*bad = 1;
		free(buf);
		return -1;
	}
	memset(&got, 0, sizeof got);
	for (p = buf, end = buf + len; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			/* Written in one go and synced before anyone was told: a line
			   without its end was never acknowledged. */
			diag_add(d, DIAG_WARNING, path, line, "a change cut short (a "
			    "crash while it was written) is left out");
			break;
		}
		if (p == nl || *p == '#')
			continue;
		at.line = line;
		if (journal_parse(p, (size_t)(nl - p), &got, &at, d) == -1) {
			*bad = line;
			sidecar_ops_free(&got);
			free(buf);
			return -1;
		}
	}
	for (i = 0; i < got.n; i++)
		sidecar_ops_copy(ops, &got.v[i]);
	i = got.n;
	sidecar_ops_free(&got);
	free(buf);
	return (int)i;
}

/* Makes a new file's name durable. */
static void
journal_sync_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 fd;

	dir = slash == NULL ? xstrdup(".") : xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path));
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int
journal_append(const char *sidecar, const struct sidecar_ops *ops)
{
	struct buf		 b;
	struct stat		 st;
	const char		*base;
	char			*path = journal_path(sidecar), *line;
	size_t			 i, off = 0;
	ssize_t			 w;
	int			 fd = -1, saved, made, absent;

	memset(&b, 0, sizeof b);
	if (stat(path, &st) == 0) {
		absent = 0;
		made = st.st_size == 0;
	} else {
		absent = errno == ENOENT;
		made = 1;
	}
	if (made) {
		base = strrchr(sidecar, '/') != NULL ? strrchr(sidecar, '/') + 1 :
		    sidecar;
		buf_printf(&b, "# rubric: changes not yet saved in %s, applied by "
		    "the first save once it parses; see rubric(5)\n", base);
	}
	for (i = 0; i < ops->n; i++) {
		line = journal_line(&ops->v[i]);
		buf_put(&b, line, strlen(line));
		free(line);
	}
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    (int)lock_shared_mode(sidecar))) == -1)
		goto fail;
	if (made)
		lock_share(fd, sidecar);
	/* One write: a crash leaves all of it, or a last line cut short. */
	for (off = 0; off < b.n; off += (size_t)w)
		if ((w = write(fd, b.s + off, b.n - off)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			goto fail;
		}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	if (made)
		journal_sync_dir(path);
	free(b.s);
	free(path);
	return 0;
fail:
	saved = errno;
	if (fd != -1) {
		/* What was written of this batch is cut off again, where it can be;
		   a journal this made and could not write goes again, rather than
		   stay beside the sidecar, empty, for git and people to wonder at
		   (a full disk, a file size limit). The caller holds the lock
		   (journal.h): no other process has it open. */
		if (fstat(fd, &st) == 0 && (size_t)st.st_size >= off && off > 0)
			(void)ftruncate(fd, st.st_size - (off_t)off);
		if (absent && fstat(fd, &st) == 0 && st.st_size == 0)
			(void)unlink(path);
		close(fd);
	}
	free(b.s);
	free(path);
	errno = saved;
	return -1;
}

size_t
journal_changes(const struct sidecar_ops *ops)
{
	size_t	 i, n = 0;

	/* Where a passage was found again is rubric's, as a fingerprint is. */
	for (i = 0; i < ops->n; i++)
		if (ops->v[i].kind != SIDECAR_OP_FINGERPRINT &&
		    ops->v[i].kind != SIDECAR_OP_PASSAGE_AT)
			n++;
	return n;
}

int
journal_remove(const char *sidecar)
{
	char	*path = journal_path(sidecar);
	int	 r;

	r = unlink(path) == -1 && errno != ENOENT ? -1 : 0;
	if (r == 0)
		journal_sync_dir(path);
	free(path);
	return r;
}

int
journal_trusted(const char *sidecar, struct diag *d)
{
	char	*path = journal_path(sidecar);
	int	 r;

	r = trust_found(path, NULL, DIAG_ERROR, d);
	free(path);
	return r;
}

int
journal_claim(const char *sidecar)
{
	struct stat	 st, dst;
	const char	*slash;
	char		*path = journal_path(sidecar), *dir;
	int		 fd, saved;

	if ((fd = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) != -1) {
		free(path);
		return fd;
	}
	saved = errno;
	/* Not writable: removing it takes a writable folder and, where the folder is
	   sticky, owning the journal or the folder. */
	slash = strrchr(path, '/');
	dir = slash == NULL ? xstrdup(".") : xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path));
	fd = -1;
	if (access(dir, W_OK | X_OK) == 0 && lstat(path, &st) == 0 &&
	    stat(dir, &dst) == 0 && (!(dst.st_mode & S_ISVTX) ||
	    st.st_uid == geteuid() || dst.st_uid == geteuid()))
		fd = -2;
	free(dir);
	free(path);
	errno = saved;
	return fd;
}

int
journal_empty(const char *sidecar, int fd)
{
	char	*path = journal_path(sidecar);
	int	 r = 0, saved;

	if (unlink(path) == 0 || errno == ENOENT)
		journal_sync_dir(path);
	else if ((saved = errno, fd < 0) || ftruncate(fd, 0) == -1 || fsync(fd) == -1) {
		if (fd < 0)
			errno = saved;
		r = -1;
	}
	saved = errno;
	if (fd >= 0)
		close(fd);
	free(path);
	errno = saved;
	return r;
}

int
journal_report(const char *sidecar, int *blocked, struct diag *d)
{
	struct sidecar_ops	 ops;
	char			*path = journal_path(sidecar), *buf, *p, *nl, *end;
	size_t			 len;
	int			 n = 0, bad;

	*blocked = 0;
	memset(&ops, 0, sizeof ops);
	if (journal_read_file(path, NULL, &ops, &bad, d) == -1) {
		*blocked = bad > 0 ? bad : -1;
		/* What waits behind the line that blocks it: every change line. */
		if (file_read(path, JOURNAL_MAXSIZE, 0, &buf, &len, NULL) == 0) {
			for (p = buf, end = buf + len; p < end; p = nl + 1) {
				if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
					nl = end;
				n += p != nl && *p != '#' && (size_t)(nl - p) > 12 &&
				    memcmp(p, "fingerprint ", 12) != 0;
			}
			free(buf);
		}
	} else
		n = (int)journal_changes(&ops);
	sidecar_ops_free(&ops);
	free(path);
	return n;
}
