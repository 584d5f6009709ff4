/* Reading articles: the head for the list (header block, title, binary check) and the
   whole body for the reader. Nothing here decides how text looks; that is glyph.c. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "cachedir.h"
#include "file.h"
#include "place.h"
#include "utf8.h"
#include "xmalloc.h"

static int	article_is_key(const char *, size_t);
static void	article_field(void *, const char *, size_t, const char *, size_t);
static char	*article_clean(const char *, size_t);
static void	article_title(char **, const char *, const char *, size_t, size_t,
		    const struct chrome *);
static int	article_open(const struct article *, struct stat *);
static const char *article_strerror(int);
static struct article *article_alloc(struct place *, const char *, size_t, size_t);
static char	*article_block(const struct article *);
static void	article_pack(struct article *, const char *const [ARTICLE_NTEXTS],
		    const size_t [ARTICLE_NTEXTS], struct place *);
static void	article_own(struct article *, char *[ARTICLE_NTEXTS],
		    struct place *);
static int64_t	article_ns(int64_t, long, int64_t);
static void	article_ts(int64_t, struct timespec *);
static void	article_set_stat(struct article *, const struct stat *);

/* The largest nanoseconds an mtime, and a ctime (doubled for the mark), are kept
   in: one more than that, or one less than its negative, is a time that could not
   be kept, which matches no file's. */
#define ARTICLE_MTIME_LIM	INT64_MAX
#define ARTICLE_CTIME_LIM	(INT64_MAX / 2)

/* An article and its path in one allocation, with room for more bytes after the
   path's NUL: a million small mallocs and their overhead fewer. The path is not
   freed alone. In pl when it has room (NULL: none), else from malloc. */
static struct article *
article_alloc(struct place *pl, const char *path, size_t plen, size_t more)
{
	struct article	*a = NULL;

	if (pl != NULL)
		a = place_take(pl, sizeof *a + plen + 1 + more);
	if (a == NULL)
		a = xcalloc(1, sizeof *a + plen + 1 + more);

	memcpy(a->path, path, plen + 1);
	return a;
}

struct article *
article_new(const char *path, const char *name)
{
	return article_new_in(NULL, path, name);
}

struct article *
article_new_in(struct place *pl, const char *path, const char *name)
{
	struct article	*a;
	size_t		 plen = strlen(path), nlen = strlen(name);

	/* The name is most often the end of the path (root/name), and is then not
	   stored twice. */
	if (nlen <= plen && memcmp(path + plen - nlen, name, nlen) == 0) {
		a = article_alloc(pl, path, plen, 0);
		a->name = a->path + plen - nlen;
	} else {
		a = article_alloc(pl, path, plen, nlen + 1);
		a->name = a->path + plen + 1;
		memcpy(a->name, name, nlen + 1);
	}
	return a;
}

struct article *
article_folder(const char *path, const char *name, int errnum)
{
	struct article	*a;
	const char	*base = strrchr(name, '/');
	const char	*text[ARTICLE_NTEXTS] = { NULL };
	char		*title;
	size_t		 plen = strlen(path), nlen = strlen(name);
	size_t		 len[ARTICLE_NTEXTS], k;

	/* The name with its "/" after the path, as article_new() has them. */
	a = article_alloc(NULL, path, plen, nlen + 2);
	a->name = a->path + plen + 1;
	memcpy(a->name, name, nlen);
	memcpy(a->name + nlen, "/", 2);
	text[ARTICLE_TITLE] = title = xasprintf("%s/", base != NULL ? base + 1 :
	    name);
	text[ARTICLE_ERROR] = article_strerror(errnum);
	for (k = 0; k < ARTICLE_NTEXTS; k++)
		len[k] = text[k] != NULL ? strlen(text[k]) : 0;
	article_pack(a, text, len, NULL);
	free(title);
	return a;
}

/* The memory article_place() made articles in (article_placed()): article_free()
   leaves what is there. Set before the articles are handed out and cleared after
   they are let go, by the thread that owns them. */
#define ARTICLE_PLACES	32
static struct {
	const char	*lo, *hi;
} article_places[ARTICLE_PLACES];

int
article_placed(const void *lo, const void *hi)
{
	size_t	 i;

	for (i = 0; i < ARTICLE_PLACES; i++)
		if (article_places[i].lo == NULL) {
			article_places[i].lo = lo;
			article_places[i].hi = hi;
			return 0;
		}
	return -1;
}

void
article_unplaced(const void *lo)
{
	size_t	 i;

	for (i = 0; i < ARTICLE_PLACES; i++)
		if (article_places[i].lo == lo)
			article_places[i].lo = article_places[i].hi = NULL;
}

/* Whether p is in memory article_place() made articles in: an article made there,
   or texts placed with one. */
static int
article_is_placed(const void *at)
{
	const char	*p = at;
	size_t		 i;

	for (i = 0; i < ARTICLE_PLACES; i++)
		if (p >= article_places[i].lo && p < article_places[i].hi)
			return 1;
	return 0;
}

size_t
article_place_size(size_t plen, const char *name, size_t nlen, size_t tlen)
{
	size_t	 n = sizeof(struct article) + plen + 1 +
		    (name != NULL ? nlen + 1 : 0) + tlen;

	return (n + 7) & ~(size_t)7;
}

struct article *
article_place(void *mem, const char *path, size_t plen, const char *name,
    size_t nlen, const char *texts, size_t tlen, size_t title, size_t error,
    const int64_t stamp[ARTICLE_STAMPLEN])
{
	struct article	*a = mem;
	char		*end;

	memset(a, 0, sizeof *a);
	memcpy(a->path, path, plen);
	a->path[plen] = '\0';
	end = a->path + plen + 1;
	if (name == NULL)
		a->name = a->path + plen - nlen;
	else {
		a->name = end;
		memcpy(a->name, name, nlen);
		a->name[nlen] = '\0';
		end += nlen + 1;
	}
	if (texts != NULL && tlen > 0) {
		a->texts = memcpy(end, texts, tlen);
		a->title = title != SIZE_MAX ? a->texts + title : NULL;
		a->error = error != SIZE_MAX ? a->texts + error : NULL;
	}
	article_set_stamp(a, stamp);
	return a;
}

void
article_free(struct article *a)
{
	if (a == NULL)
		return;
	/* The path and the name are in a's allocation, the texts in one of theirs:
	   a placed article's own, once the screen's verifier has given it a new
	   head (article_take_head()). */
	if (!article_is_placed(article_block(a)))
		free(article_block(a));
	if (!article_is_placed(a))
		free(a);
}

/* The allocation of a's texts. */
static char *
article_block(const struct article *a)
{
	return a->texts;
}

/* The order of the texts in their allocation: the date first, found at once
   for sorting and queries. */
static const enum article_text article_order[ARTICLE_NTEXTS] = {
	ARTICLE_DATE, ARTICLE_TITLE, ARTICLE_SOURCE, ARTICLE_URL, ARTICLE_AUTHOR,
	ARTICLE_ERROR
};

/* Sets a's texts to copies of text[k][0..len[k]) in one allocation: a byte saying
   which there are (bit k for text k), then each of them and its NUL in
   article_order. One malloc an article rather than six, and three pointers rather
   than six; in pl when it has room (NULL: none). Whatever a had is left to the
   caller to free. */
static void
article_pack(struct article *a, const char *const text[ARTICLE_NTEXTS],
    const size_t len[ARTICLE_NTEXTS], struct place *pl)
{
	char		*p, *at[ARTICLE_NTEXTS];
	unsigned char	 mask = 0;
	size_t		 j, k, total = 1;

	for (k = 0; k < ARTICLE_NTEXTS; k++) {
		at[k] = NULL;
		if (text[k] != NULL) {
			mask |= 1U << k;
			total += len[k] + 1;
		}
	}
	a->texts = NULL;
	if (mask != 0) {
		if (pl == NULL || (p = place_take(pl, total)) == NULL)
			p = xmalloc(total);
		a->texts = p;
		*p++ = (char)mask;
		for (j = 0; j < ARTICLE_NTEXTS; j++) {
			k = article_order[j];
			if (text[k] == NULL)
				continue;
			at[k] = p;
			memcpy(p, text[k], len[k]);
			p[len[k]] = '\0';
			p += len[k] + 1;
		}
	}
	a->title = at[ARTICLE_TITLE];
	a->error = at[ARTICLE_ERROR];
}

const char *
article_text(const struct article *a, enum article_text k)
{
	const char	*p;
	unsigned char	 mask;
	size_t		 j;

	if (a->texts == NULL)
		return NULL;
	mask = (unsigned char)a->texts[0];
	if (!(mask & (1U << k)))
		return NULL;
	if (k == ARTICLE_TITLE)
		return a->title;
	if (k == ARTICLE_ERROR)
		return a->error;
	p = a->texts + 1;
	for (j = 0; article_order[j] != k; j++)
		if (mask & (1U << article_order[j]))
			p += strlen(p) + 1;
	return p;
}

const char *
article_texts_block(const struct article *a, size_t *len)
{
	const char	*p;
	unsigned char	 mask;
	size_t		 k;

	*len = 0;
	if (a->texts == NULL)
		return NULL;
	mask = (unsigned char)a->texts[0];
	p = a->texts + 1;
	for (k = 0; k < ARTICLE_NTEXTS; k++)
		if (mask & (1U << k))
			p += strlen(p) + 1;
	*len = (size_t)(p - a->texts);
	return a->texts;
}

int
article_texts_hold(const char *texts, size_t tlen, size_t title, size_t error)
{
	const char	*p, *end = texts + tlen, *nul, *at[ARTICLE_NTEXTS] = { NULL };
	unsigned char	 mask;
	size_t		 j, k;

	/* Every article read has a title (its file's name at least): the commands
	   print it as it is. */
	if (texts == NULL || tlen == 0)
		return 0;
	mask = (unsigned char)texts[0];
	if ((mask >> ARTICLE_NTEXTS) != 0 || !(mask & (1U << ARTICLE_TITLE)))
		return 0;
	p = texts + 1;
	for (j = 0; j < ARTICLE_NTEXTS; j++) {
		k = article_order[j];
		if (!(mask & (1U << k)))
			continue;
		if (p >= end || (nul = memchr(p, '\0', (size_t)(end - p))) == NULL)
			return 0;
		at[k] = p;
		p = nul + 1;
	}
	return p == end && title == (size_t)(at[ARTICLE_TITLE] - texts) &&
	    error == (at[ARTICLE_ERROR] != NULL ?
	    (size_t)(at[ARTICLE_ERROR] - texts) : SIZE_MAX);
}

/* Packs text, strings of article_head()'s own, into a (in pl when it has room) and
   frees them. */
static void
article_own(struct article *a, char *text[ARTICLE_NTEXTS], struct place *pl)
{
	size_t	 len[ARTICLE_NTEXTS], k;

	for (k = 0; k < ARTICLE_NTEXTS; k++)
		len[k] = text[k] != NULL ? strlen(text[k]) : 0;
	article_pack(a, (const char *const *)text, len, pl);
	for (k = 0; k < ARTICLE_NTEXTS; k++)
		free(text[k]);
}

/* sec and nsec in nanoseconds, or lim (-lim) when they are beyond it (below it),
   which no time kept is; lim too for nanoseconds no clock gives. */
static int64_t
article_ns(int64_t sec, long nsec, int64_t lim)
{
	int64_t	 most = lim / 1000000000 - 1;

	if (sec > most || nsec < 0 || nsec > 999999999)
		return lim;
	if (sec < -most)
		return -lim;
	return sec * 1000000000 + nsec;
}

/* Nanoseconds back to seconds and nanoseconds, the latter from 0 to 999999999
   (rounded down for a time before the epoch). */
static void
article_ts(int64_t ns, struct timespec *ts)
{
	int64_t	 sec = ns / 1000000000, rest = ns % 1000000000;

	if (rest < 0) {
		sec--;
		rest += 1000000000;
	}
	ts->tv_sec = (time_t)sec;
	ts->tv_nsec = (long)rest;
}

void
article_stamp(const struct article *a, int64_t out[ARTICLE_STAMPLEN])
{
	struct timespec	 m, c;
	int		 mark = (a->ctime & 1) != 0;

	article_ts(a->mtime, &m);
	article_ts((a->ctime - mark) / 2, &c);
	out[0] = a->size;
	out[1] = (int64_t)m.tv_sec;
	out[2] = (int64_t)m.tv_nsec;
	out[3] = (int64_t)c.tv_sec;
	out[4] = mark ? -1 : (int64_t)c.tv_nsec;
	out[5] = (int64_t)a->ino;
}

void
article_set_stamp(struct article *a, const int64_t in[ARTICLE_STAMPLEN])
{
	int	 mark = in[4] == -1;

	a->size = in[0];
	a->mtime = article_ns(in[1], (long)in[2], ARTICLE_MTIME_LIM);
	a->ctime = article_ns(in[3], mark ? 0 : (long)in[4], ARTICLE_CTIME_LIM) * 2 +
	    mark;
	a->ino = (uint64_t)in[5];
}

/* The stamp of a file read just now. */
static void
article_set_stat(struct article *a, const struct stat *st)
{
	const int64_t	 in[ARTICLE_STAMPLEN] = { (int64_t)st->st_size,
			    (int64_t)st->st_mtim.tv_sec, (int64_t)st->st_mtim.tv_nsec,
			    (int64_t)st->st_ctim.tv_sec, (int64_t)st->st_ctim.tv_nsec,
			    (int64_t)st->st_ino };

	article_set_stamp(a, in);
}

int
article_same(const struct article *a, const struct stat *st)
{
	int64_t	 m = article_ns((int64_t)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
		    ARTICLE_MTIME_LIM);
	int64_t	 c = article_ns((int64_t)st->st_ctim.tv_sec, st->st_ctim.tv_nsec,
		    ARTICLE_CTIME_LIM);

	/* A time beyond what is kept matches nothing: such a file is read again. */
	if (m == ARTICLE_MTIME_LIM || m == -ARTICLE_MTIME_LIM ||
	    c == ARTICLE_CTIME_LIM || c == -ARTICLE_CTIME_LIM)
		return 0;
	return S_ISREG(st->st_mode) && (int64_t)st->st_size == a->size &&
	    (uint64_t)st->st_ino == a->ino && m == a->mtime && c * 2 == a->ctime;
}

int
article_racy(const struct article *a)
{
	int64_t		 s[ARTICLE_STAMPLEN];
	struct timespec	 m, c;

	article_stamp(a, s);
	m.tv_sec = (time_t)s[1];
	m.tv_nsec = (long)s[2];
	c.tv_sec = (time_t)s[3];
	c.tv_nsec = (long)s[4];
	return cachedir_racy(&m, &c);
}

int
article_stamp_sure(const struct article *a)
{
	int64_t	 c = (a->ctime - (a->ctime & 1)) / 2;

	return (a->ctime & 1) == 0 && a->mtime != ARTICLE_MTIME_LIM &&
	    a->mtime != -ARTICLE_MTIME_LIM && c != ARTICLE_CTIME_LIM &&
	    c != -ARTICLE_CTIME_LIM;
}

time_t
article_mtime(const struct article *a)
{
	struct timespec	 m;

	article_ts(a->mtime, &m);
	return m.tv_sec;
}

void
article_wipe(struct article *a)
{
	if (!article_is_placed(article_block(a)))
		free(article_block(a));
	a->title = a->error = a->texts = NULL;
	a->size = a->mtime = a->ctime = 0;
	a->ino = 0;
}

void
article_set_texts(struct article *a, const char *const text[ARTICLE_NTEXTS],
    const size_t len[ARTICLE_NTEXTS])
{
	article_set_texts_in(a, text, len, NULL);
}

void
article_set_texts_in(struct article *a, const char *const text[ARTICLE_NTEXTS],
    const size_t len[ARTICLE_NTEXTS], struct place *pl)
{
	assert(article_block(a) == NULL);
	article_pack(a, text, len, pl);
}

void
article_set_error(struct article *a, const char *error)
{
	const char	*text[ARTICLE_NTEXTS];
	size_t		 len[ARTICLE_NTEXTS], k;
	char		*old = article_block(a), *title = NULL;

	for (k = 0; k < ARTICLE_NTEXTS; k++)
		text[k] = k == ARTICLE_ERROR ? error : article_text(a, k);
	/* Every article has a title, which the list draws: one found binary
	   had none, and its file name is what an unreadable one shows. */
	if (text[ARTICLE_TITLE] == NULL) {
		article_title(&title, a->path, "", 0, 0, NULL);
		text[ARTICLE_TITLE] = title;
	}
	for (k = 0; k < ARTICLE_NTEXTS; k++)
		len[k] = text[k] != NULL ? strlen(text[k]) : 0;
	article_pack(a, text, len, NULL);
	free(title);
	if (!article_is_placed(old))
		free(old);
}

void
article_take_head(struct article *a, struct article *from)
{
	article_wipe(a);
	a->title = from->title;
	a->error = from->error;
	a->texts = from->texts;
	a->size = from->size;
	a->mtime = from->mtime;
	a->ctime = from->ctime;
	a->ino = from->ino;
	from->title = from->error = from->texts = NULL;
	article_wipe(from);
}

size_t
article_bom(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* A header key: a letter, then letters, digits and dashes. */
static int
article_is_key(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (i > 0 && ((c >= '0' && c <= '9') || c == '-'))))
			return 0;
	}
	return 1;
}

size_t
article_header(const char *buf, size_t len, size_t start,
    void (*fn)(void *, const char *, size_t, const char *, size_t), void *arg)
{
	static const char *const known[] = {
		"title", "date", "source", "url", "author"
	};
	const char	*nl, *colon;
	size_t		 off = start, end, k, vs, ve, i;
	int		 nknown = 0, pass;

	/* Two passes: the first checks that this is a header block (every line a field,
	   at least one field rubric knows, then a blank line or the end), the second
	   reports the fields. */
	for (pass = 0; pass < 2; pass++) {
		off = start;
		for (;;) {
			if (off >= len) {
				if (off == start)
					return start;
				break;
			}
			nl = memchr(buf + off, '\n', len - off);
			end = nl == NULL ? len : (size_t)(nl - buf);
			ve = end;
			if (ve > off && buf[ve - 1] == '\r')
				ve--;
			if (ve == off) {
				if (off == start)
					return start;
				off = nl == NULL ? len : end + 1;
				break;
			}
			colon = memchr(buf + off, ':', ve - off);
			if (colon == NULL)
				return start;
			k = (size_t)(colon - (buf + off));
			if (!article_is_key(buf + off, k))
				return start;
			vs = off + k + 1;
			while (vs < ve && (buf[vs] == ' ' || buf[vs] == '\t'))
				vs++;
			while (ve > vs && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t'))
				ve--;
			if (pass == 0) {
				for (i = 0; i < sizeof known / sizeof known[0]; i++)
					if (strlen(known[i]) == k &&
					    strncasecmp(known[i], buf + off, k) == 0)
						nknown++;
			} else if (fn != NULL)
				fn(arg, buf + off, k, buf + vs, ve - vs);
			if (nl == NULL) {
				off = len;
				break;
			}
			off = end + 1;
		}
		if (nknown == 0)
			return start;
	}
	return off;
}

/* A copy of s[0..n) trimmed of blanks, cut to ARTICLE_TITLEMAX bytes on a character
   boundary. Caller frees. */
static char *
article_clean(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, utf8_trim(s, n, ARTICLE_TITLEMAX));
}

static void
article_field(void *arg, const char *key, size_t klen, const char *val, size_t vlen)
{
	char		**text = arg;
	char		**slot = NULL;

	if (klen == 5 && strncasecmp(key, "title", 5) == 0)
		slot = &text[ARTICLE_TITLE];
	else if (klen == 4 && strncasecmp(key, "date", 4) == 0)
		slot = &text[ARTICLE_DATE];
	else if (klen == 6 && strncasecmp(key, "source", 6) == 0)
		slot = &text[ARTICLE_SOURCE];
	else if (klen == 3 && strncasecmp(key, "url", 3) == 0)
		slot = &text[ARTICLE_URL];
	else if (klen == 6 && strncasecmp(key, "author", 6) == 0)
		slot = &text[ARTICLE_AUTHOR];
	if (slot == NULL || *slot != NULL || vlen == 0)
		return;
	/* A field of blanks and carriage returns is no field. */
	*slot = article_clean(val, vlen);
	if (**slot == '\0') {
		free(*slot);
		*slot = NULL;
	}
}

/* Frees the texts of a head that are not kept (article_head()): what no list, query
   or cluster reads, and an export reads from the file (article_header_text()). A
   web page's URL is tens of bytes; a million of them tens of megabytes. */
static void
article_unkept(char *text[ARTICLE_NTEXTS])
{
	free(text[ARTICLE_URL]);
	free(text[ARTICLE_AUTHOR]);
	text[ARTICLE_URL] = text[ARTICLE_AUTHOR] = NULL;
}

char *
article_header_text(const struct article *a, const struct body *b,
    enum article_text k)
{
	char		 buf[ARTICLE_HEADMAX];
	char		*text[ARTICLE_NTEXTS] = { NULL }, *out;
	const char	*from = buf;
	struct stat	 st;
	size_t		 len = 0, j;
	ssize_t		 n;
	int		 fd;

	if (k == ARTICLE_TITLE || k == ARTICLE_ERROR)
		return NULL;
	/* The bytes article_head() reads: the first ARTICLE_HEADMAX. */
	if (b != NULL && b->buf != NULL) {
		from = b->buf;
		len = b->len < sizeof buf ? b->len : sizeof buf;
	} else {
		if ((fd = article_open(a, &st)) == -1)
			return NULL;
		while (len < sizeof buf) {
			n = read(fd, buf + len, sizeof buf - len);
			if (n == -1 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			len += (size_t)n;
		}
		close(fd);
	}
	if (memchr(from, '\0', len) != NULL)
		return NULL;
	(void)article_header(from, len, article_bom(from, len), article_field, text);
	out = text[k];
	for (j = 0; j < ARTICLE_NTEXTS; j++)
		if (j != (size_t)k)
			free(text[j]);
	return out;
}

/* Without a Title: field, the title is the first line with text that is not chrome; a
   Markdown heading loses its #s. */
static void
article_title(char **title, const char *path, const char *buf, size_t len,
    size_t off, const struct chrome *chrome)
{
	const char	*nl, *base;
	size_t		 end, s, e;

	while (*title == NULL && off < len) {
		nl = memchr(buf + off, '\n', len - off);
		end = nl == NULL ? len : (size_t)(nl - buf);
		s = off;
		e = end;
		if (e > s && buf[e - 1] == '\r')
			e--;
		while (s < e && (buf[s] == ' ' || buf[s] == '\t'))
			s++;
		if (s < e && (chrome == NULL || !chrome_match(chrome, buf + off,
		    e - off))) {
			if (buf[s] == '#') {
				while (s < e && buf[s] == '#')
					s++;
			}
			while (s < e && (buf[s] == ' ' || buf[s] == '\t'))
				s++;
			if (s < e)
				*title = article_clean(buf + s, e - s);
			/* Nothing but carriage returns (a CR CR LF file): on. */
			if (*title != NULL && **title == '\0') {
				free(*title);
				*title = NULL;
			}
		}
		off = nl == NULL ? len : end + 1;
	}
	if (*title == NULL) {
		base = strrchr(path, '/');
		*title = xstrdup(base == NULL ? path : base + 1);
	}
}

const char *
article_kind(mode_t mode)
{
	return S_ISREG(mode) ? NULL : file_kind(mode);
}

/* errno's words, but for a path longer than PATH_MAX, which strerror calls a "file
   name" too long. */
static const char *
article_strerror(int errnum)
{
	if (errnum == ENAMETOOLONG)
		return "path too long";
	if (errnum == EFBIG)
		return "larger than 64 MiB, the most an article may be";
	return strerror(errnum);
}

const char *
article_why(const char *path, int errnum)
{
	struct stat	 st;
	const char	*kind;

	if (errnum == ENAMETOOLONG)
		return article_strerror(errnum);
	/* Opening a socket fails before it can be looked at: what it is comes from a
	   stat of its own. */
	if (stat(path, &st) == 0 && (kind = article_kind(st.st_mode)) != NULL)
		return kind;
	return article_strerror(errnum);
}

/* Opens the article for reading, refusing anything but a regular file (a FIFO named
   x.txt would block). Returns the descriptor or -1 with errno set. */
static int
article_open(const struct article *a, struct stat *st)
{
	int	 fd;

	fd = open(a->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return -1;
	if (fstat(fd, st) == -1) {
		close(fd);
		return -1;
	}
	if (S_ISDIR(st->st_mode) || !S_ISREG(st->st_mode)) {
		close(fd);
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	return fd;
}

enum article_head_result
article_head(struct article *a, const struct chrome *chrome)
{
	return article_head_in(a, chrome, NULL);
}

enum article_head_result
article_head_in(struct article *a, const struct chrome *chrome, struct place *pl)
{
	char		 buf[ARTICLE_HEADMAX];
	char		*text[ARTICLE_NTEXTS] = { NULL };
	struct stat	 st;
	size_t		 len = 0, start, hdr;
	ssize_t		 n;
	int		 fd;

	/* Its texts are found one by one, then packed into one allocation. */
	assert(article_block(a) == NULL);

	if ((fd = article_open(a, &st)) == -1)
		goto unreadable;
	article_set_stat(a, &st);
	while (len < sizeof buf) {
		n = read(fd, buf + len, sizeof buf - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			int	 saved = errno;

			close(fd);
			errno = saved;
			goto unreadable;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (memchr(buf, '\0', len) != NULL)
		return ARTICLE_BINARY;
	/* Binary first, as a sparse file of NULs is; then too large to read. */
	if (st.st_size > ARTICLE_MAXSIZE) {
		errno = EFBIG;
		goto unreadable;
	}
	start = article_bom(buf, len);
	hdr = article_header(buf, len, start, article_field, text);
	article_title(&text[ARTICLE_TITLE], a->path, buf, len, hdr, chrome);
	article_unkept(text);
	article_own(a, text, pl);
	return ARTICLE_OK;

unreadable:
	text[ARTICLE_ERROR] = xstrdup(article_why(a->path, errno));
	article_title(&text[ARTICLE_TITLE], a->path, "", 0, 0, NULL);
	article_own(a, text, pl);
	return ARTICLE_UNREADABLE;
}

int
article_read(const struct article *a, struct body *b)
{
	struct stat	 st;
	size_t		 cap, len = 0;
	ssize_t		 n;
	int		 fd, saved;

	memset(b, 0, sizeof *b);
	if ((fd = article_open(a, &st)) == -1)
		return -1;
	if (st.st_size > ARTICLE_MAXSIZE) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	/* The file may grow while it is read: read to the end, not to st_size. */
	cap = (size_t)st.st_size + 1;
	b->buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			/* Grown past the limit since it was opened: no more. */
			if ((off_t)len > ARTICLE_MAXSIZE) {
				close(fd);
				article_body_free(b);
				errno = EFBIG;
				return -1;
			}
			cap *= 2;
			b->buf = xreallocarray(b->buf, cap, 1);
		}
		n = read(fd, b->buf + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			close(fd);
			article_body_free(b);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	b->len = len;
	b->start = article_bom(b->buf, len);
	b->header_end = article_header(b->buf, len, b->start, NULL, NULL);
	return 0;
}

void
article_body_free(struct body *b)
{
	free(b->buf);
	memset(b, 0, sizeof *b);
}

/* Reads a number of min to max digits at *s and moves past it; -1, not moving, if
   there is none. */
static int
article_number(const char **s, int min, int max)
{
	const char	*p = *s;
	int		 n = 0, k = 0;

	while (k < max && *p >= '0' && *p <= '9') {
		n = n * 10 + (*p++ - '0');
		k++;
	}
	if (k < min || (*p >= '0' && *p <= '9'))
		return -1;
	*s = p;
	return n;
}

/* A month's name, in full or in its first three letters, as 1 to 12; 0 if none. */
static int
article_month(const char **s)
{
	static const char *const	 months[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	size_t				 n, i;

	for (n = 0; ((*s)[n] | 0x20) >= 'a' && ((*s)[n] | 0x20) <= 'z'; n++)
		;
	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if ((n == 3 || n == strlen(months[i])) &&
		    strncasecmp(*s, months[i], n) == 0) {
			*s += n;
			if (**s == '.')
				(*s)++;
			return (int)i + 1;
		}
	return 0;
}

int
article_date(const char *s, char out[11])
{
	int	 y, m, d;

	while (*s == ' ' || *s == '\t')
		s++;
	if ((y = article_number(&s, 4, 4)) != -1) {
		/* 2017-09-06 or 2017/09/06, then anything (a time, a zone). */
		if ((*s != '-' && *s != '/') || (s++, m = article_number(&s, 1, 2)) == -1 ||
		    (*s != '-' && *s != '/') || (s++, d = article_number(&s, 1, 2)) == -1 ||
		    (*s >= '0' && *s <= '9'))
			return -1;
	} else if ((d = article_number(&s, 1, 2)) != -1) {
		/* 6 September 2017 */
		if (*s++ != ' ' || (m = article_month(&s)) == 0 || *s++ != ' ' ||
		    (y = article_number(&s, 4, 4)) == -1)
			return -1;
	} else if ((m = article_month(&s)) != 0) {
		/* September 6, 2017 */
		if (*s++ != ' ' || (d = article_number(&s, 1, 2)) == -1)
			return -1;
		if (*s == ',')
			s++;
		if (*s++ != ' ' || (y = article_number(&s, 4, 4)) == -1)
			return -1;
	} else {
		/* A weekday first, as mail has it: "Wed, 6 Sep 2017". */
		while ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')
			s++;
		if (*s == ',')
			s++;
		if (*s != ' ')
			return -1;
		return article_date(s, out);
	}
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 0;
}
