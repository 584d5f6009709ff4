/* The sidecar's model: entries, tags, changes applied to it, and the atomic save. A
   commit of changes under the lock is sidecar_commit.c's; the text (how the file
   reads, what a save keeps of it) is the sidecar_text*.c files'. The decoders of the
   first format's names and of values are here, for tools. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "canon.h"
#include "file.h"
#include "sidecar.h"
#include "sidecar_int.h"
#include "sidecar_text.h"
#include "utf8.h"
#include "xmalloc.h"

/* The index of entries by path: open addressing in a table at most half full, by a
   keyed hash (SipHash-1-3 with a key drawn once a process), so that no set of paths
   (a corpus is anyone's files) can be named to collide and make lookups quadratic. */
struct sidecar_slot {
	uint32_t		 check;		/* the hash's high half */
	uint32_t		 at;		/* the entry + 1; 0: empty */
};

struct sidecar_index {
	const struct sidecar_entry *v;		/* the v and n it was made for */
	size_t			 n;
	size_t			 mask;		/* slots - 1 */
	struct sidecar_slot	*slot;
};

static unsigned long	sidecar_draw(void);
static int	sidecar_cmp_entry(const void *, const void *);
static void	sidecar_key(void);
static uint64_t	sidecar_hash(const char *, size_t);
static struct sidecar_entry *sidecar_find(struct sidecar *, const char *);
static int	sidecar_cmp_tag(const void *, const void *);
static int	sidecar_cmp_seq(const void *, const void *);
static int	sidecar_hexval(int);
static void	sidecar_sort_passage(struct sidecar_entry *,
		    const struct sidecar_passage *);

static int
sidecar_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
sidecar_name_decode(const char *s)
{
	struct buf		 b;
	char			 c;
	int			 hi, lo;

	memset(&b, 0, sizeof b);
	buf_put(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s == '^') {
			if (s[1] < 'a' || s[1] > 'z')
				goto bad;
			c = (char)(s[1] - 32);
			buf_put(&b, &c, 1);
			s++;
		} else if (*s == '%') {
			if ((hi = sidecar_hexval(s[1])) < 0 || (lo = sidecar_hexval(s[2])) < 0)
				goto bad;
			c = (char)(hi * 16 + lo);
			if (c == '\0')
				goto bad;
			buf_put(&b, &c, 1);
			s += 2;
		} else
			buf_put(&b, s, 1);
	}
	return b.s;
bad:
	free(b.s);
	return NULL;
}

char *
sidecar_value_decode(const char *s)
{
	struct buf		 b;
	char			 c;
	int			 hi, lo;

	memset(&b, 0, sizeof b);
	buf_put(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			buf_put(&b, s, 1);
			continue;
		}
		if (s[1] == '\\') {
			buf_put(&b, "\\", 1);
			s++;
		} else if (s[1] == 'x' && (hi = sidecar_hexval(s[2])) >= 0 &&
		    (lo = sidecar_hexval(s[3])) >= 0) {
			c = (char)(hi * 16 + lo);
			buf_put(&b, &c, 1);
			s += 3;
		} else if (s[1] == 'n') {
			/* Written by hand, \n reads as a new line. */
			buf_put(&b, "\n", 1);
			s++;
		} else {
			free(b.s);
			return NULL;
		}
	}
	return b.s;
}

void
sidecar_init(struct sidecar *s)
{
	memset(s, 0, sizeof *s);
	s->size = -1;
	s->generation = sidecar_draw();
}

void
sidecar_stamp(struct sidecar *s, const char *path)
{
	struct stat	 st;

	sidecar_text_settle(s);

	if (stat(path, &st) == 0) {
		s->mtime = st.st_mtim;
		s->size = (long long)st.st_size;
		s->ino = (unsigned long long)st.st_ino;
	} else
		s->size = -1;
}

static uint64_t	sidecar_k0, sidecar_k1;
static int	sidecar_keyed;

/* Draws the hash's key, once: the index is made before any thread shares it. */
static void
sidecar_key(void)
{
	uint64_t	 k[2];

	if (sidecar_keyed)
		return;
	/* Without entropy the time and the pid still keep a file of names made
	   beforehand from colliding here. */
	if (getentropy(k, sizeof k) == -1) {
		k[0] = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15ULL;
		k[1] = (uint64_t)getpid() * 0xc2b2ae3d27d4eb4fULL ^
		    (uint64_t)(uintptr_t)&k;
	}
	sidecar_k0 = k[0];
	sidecar_k1 = k[1];
	sidecar_keyed = 1;
}

#define SIDECAR_ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))
/* A macro over four locals, not a function over an array: the state stays in
   registers, and a lookup of every article is mostly this. */
#define SIDECAR_SIPROUND(v0, v1, v2, v3) do {				\
	v0 += v1; v1 = SIDECAR_ROTL(v1, 13); v1 ^= v0;			\
	v0 = SIDECAR_ROTL(v0, 32);					\
	v2 += v3; v3 = SIDECAR_ROTL(v3, 16); v3 ^= v2;			\
	v0 += v3; v3 = SIDECAR_ROTL(v3, 21); v3 ^= v0;			\
	v2 += v1; v1 = SIDECAR_ROTL(v1, 17); v1 ^= v2;			\
	v2 = SIDECAR_ROTL(v2, 32);					\
} while (0)

/* SipHash-1-3 of p[0..len) under the process's key; words are read in the host's
   order, as nothing outside this process sees a value. */
static uint64_t
sidecar_hash(const char *p, size_t len)
{
	uint64_t	 v0, v1, v2, v3, m, last = (uint64_t)len << 56;
	size_t		 i;

	v0 = sidecar_k0 ^ 0x736f6d6570736575ULL;
	v1 = sidecar_k1 ^ 0x646f72616e646f6dULL;
	v2 = sidecar_k0 ^ 0x6c7967656e657261ULL;
	v3 = sidecar_k1 ^ 0x7465646279746573ULL;
	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&m, p, sizeof m);
		v3 ^= m;
		SIDECAR_SIPROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	for (i = 0; i < len; i++)
		last |= (uint64_t)(unsigned char)p[i] << (8 * i);
	v3 ^= last;
	SIDECAR_SIPROUND(v0, v1, v2, v3);
	v0 ^= last;
	v2 ^= 0xff;
	SIDECAR_SIPROUND(v0, v1, v2, v3);
	SIDECAR_SIPROUND(v0, v1, v2, v3);
	SIDECAR_SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

/* A generation no sidecar has had: counted across them all, so that a sidecar
   freed and read again is not taken for the one it was. */
static unsigned long
sidecar_draw(void)
{
	static atomic_ulong	 drawn;

	return atomic_fetch_add(&drawn, 1) + 1;
}

void
sidecar_changed(struct sidecar *s)
{
	s->generation = sidecar_draw();
	if (s->index != NULL) {
		free(s->index->slot);
		free(s->index);
		s->index = NULL;
	}
}

void
sidecar_index(struct sidecar *s)
{
	struct sidecar_index	*x = s->index;
	uint64_t		 h;
	size_t			 i, j, slots;

	/* Made for another v or n: a change that did not say so (the index is
	   dropped wherever v or n change; this is the belt to those braces). */
	if (x != NULL && x->v == s->v && x->n == s->n)
		return;
	/* None to drop and none to make (an empty sidecar): nothing is written,
	   as export_jsonl's threads look up at once and a lookup only reads. */
	if (x == NULL && (s->n == 0 || s->n >= UINT32_MAX / 2))
		return;
	sidecar_changed(s);
	/* Beyond what a slot can name, lookups stay binary searches. */
	if (s->n == 0 || s->n >= UINT32_MAX / 2)
		return;
	sidecar_key();
	for (slots = 16; slots < 2 * s->n; slots *= 2)
		;
	x = xmalloc(sizeof *x);
	x->v = s->v;
	x->n = s->n;
	x->mask = slots - 1;
	x->slot = xcalloc(slots, sizeof *x->slot);
	for (i = 0; i < s->n; i++) {
		h = sidecar_hash(s->v[i].path, strlen(s->v[i].path));
		for (j = h & x->mask; x->slot[j].at != 0; j = (j + 1) & x->mask)
			;
		x->slot[j].check = (uint32_t)(h >> 32);
		x->slot[j].at = (uint32_t)(i + 1);
	}
	s->index = x;
}

/* The entry for path, through the index; NULL if none. */
static struct sidecar_entry *
sidecar_find(struct sidecar *s, const char *path)
{
	struct sidecar_index	*x;
	struct sidecar_entry	 key;
	struct sidecar_slot	*sl;
	uint64_t		 h;
	uint32_t		 check;
	size_t			 j;

	sidecar_index(s);
	if ((x = s->index) == NULL) {
		key.path = (char *)path;
		return s->n > 0 ? bsearch(&key, s->v, s->n, sizeof *s->v,
		    sidecar_cmp_entry) : NULL;
	}
	h = sidecar_hash(path, strlen(path));
	check = (uint32_t)(h >> 32);
	for (j = h & x->mask; (sl = &x->slot[j])->at != 0; j = (j + 1) & x->mask)
		if (sl->check == check && strcmp(s->v[sl->at - 1].path, path) == 0)
			return &s->v[sl->at - 1];
	return NULL;
}

void
sidecar_entry_free(struct sidecar_entry *e)
{
	size_t	 i;

	for (i = 0; i < e->ntags; i++)
		free(e->tags[i].name);
	free(e->tags);
	for (i = 0; i < e->npassages; i++)
		sidecar_passage_free(&e->passages[i]);
	free(e->passages);
	free(e->path);
	free(e->fingerprint);
	free(e->note);
	memset(e, 0, sizeof *e);
}

void
sidecar_free(struct sidecar *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		sidecar_entry_free(&s->v[i]);
	free(s->v);
	sidecar_text_free(s->layout);
	sidecar_changed(s);
	memset(s, 0, sizeof *s);
	s->size = -1;
	s->generation = sidecar_draw();
}

static int
sidecar_cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct sidecar_entry *)a)->path,
	    ((const struct sidecar_entry *)b)->path);
}

static int
sidecar_cmp_seq(const void *a, const void *b)
{
	const struct sidecar_entry	*x = a, *y = b;
	int				 r = strcmp(x->path, y->path);

	return r != 0 ? r : x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
sidecar_cmp_tag(const void *a, const void *b)
{
	return strcmp(((const struct sidecar_tag *)a)->name,
	    ((const struct sidecar_tag *)b)->name);
}

/* Room for one more entry at s->v[s->n]. */
static void
sidecar_grow(struct sidecar *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap > 0 ? s->cap * 2 : 64;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
}

struct sidecar_entry *
sidecar_entry(struct sidecar *s, const char *path, int create)
{
	struct sidecar_entry	 key, *e;

	if ((e = sidecar_find(s, path)) != NULL || !create)
		return e;
	sidecar_grow(s);
	e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->path = xstrdup(path);
	qsort(s->v, s->n, sizeof *s->v, sidecar_cmp_entry);
	sidecar_changed(s);
	key.path = (char *)path;
	return bsearch(&key, s->v, s->n, sizeof *s->v, sidecar_cmp_entry);
}

int
sidecar_tag_check(char *name, struct diag *d)
{
	const char	*why = NULL;
	size_t		 n = strlen(name), pos, len;
	uint32_t	 cp;
	char		*s = name;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	memmove(name, s, n);
	name[n] = '\0';
	if (n == 0)
		why = "a tag needs a name";
	else if (n > SIDECAR_TAGMAX)
		why = "a tag name is at most 200 bytes";
	for (pos = 0; why == NULL && pos < n; pos += len) {
		len = utf8_decode(name + pos, n - pos, &cp);
		if (cp == UTF8_INVALID)
			why = "a tag name must be UTF-8";
		else if (cp == ',')
			why = "a tag name cannot hold a comma";
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			why = "a tag name cannot hold a control character";
	}
	if (why == NULL)
		return 0;
	if (d != NULL)
		diag_add(d, DIAG_ERROR, NULL, 0, "%s", why);
	return -1;
}

void
sidecar_tag_set(struct sidecar_entry *e, const char *name, int origin)
{
	struct sidecar_tag	 key, *t;

	key.name = (char *)name;
	t = e->ntags > 0 ? bsearch(&key, e->tags, e->ntags, sizeof *e->tags,
	    sidecar_cmp_tag) : NULL;
	if (origin < 0) {
		if (t == NULL)
			return;
		free(t->name);
		memmove(t, t + 1, (size_t)(e->tags + e->ntags - t - 1) * sizeof *t);
		e->ntags--;
		return;
	}
	if (t != NULL) {
		t->origin = (enum sidecar_origin)origin;
		return;
	}
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof *e->tags);
	e->tags[e->ntags].name = xstrdup(name);
	e->tags[e->ntags].origin = (enum sidecar_origin)origin;
	e->ntags++;
	qsort(e->tags, e->ntags, sizeof *e->tags, sidecar_cmp_tag);
}

void
sidecar_note_set(struct sidecar_entry *e, const char *note)
{
	free(e->note);
	e->note = note != NULL && *note != '\0' ? xstrdup(note) : NULL;
}

/* The text is sidecar_text_write.c's: what the file held stays where it was. */
int
sidecar_write(const struct sidecar *s, void *fp)
{
	return sidecar_text_write(s, fp);
}

/* Sorts the entries read by path, and merges two sections of one path as iniparser
   would: the later keys win. */
/* Puts passage p of a later section of the same article into a: it wins over a's
   passage of its id, as a later key wins. */
static void
sidecar_sort_passage(struct sidecar_entry *a, const struct sidecar_passage *p)
{
	struct sidecar_passage	*q;
	size_t			 t;

	sidecar_passage_remove(a, p->id);
	q = sidecar_passage_add(a, p);
	sidecar_passage_note_set(q, p->note);
	for (t = 0; t < p->ntags; t++)
		sidecar_passage_tag_set(q, p->tags[t].name, (int)p->tags[t].origin);
}

void
sidecar_sort(struct sidecar *s)
{
	struct sidecar_entry	*a, *b;
	size_t			 i, j, k;

	/* Called after a path changed in place too (a move), sorted or not. */
	sidecar_changed(s);
	if (s->n < 2)
		return;
	/* A file rubric wrote is in order already, with no path twice. */
	for (i = 1; i < s->n && strcmp(s->v[i - 1].path, s->v[i].path) < 0; i++)
		;
	if (i == s->n)
		return;
	/* Equal paths stay in file order (qsort is not stable), so that the later
	   section's keys win. */
	for (i = 0; i < s->n; i++)
		s->v[i].seq = i;
	qsort(s->v, s->n, sizeof *s->v, sidecar_cmp_seq);
	for (i = 1, j = 0; i < s->n; i++) {
		a = &s->v[j];
		b = &s->v[i];
		if (strcmp(a->path, b->path) != 0) {
			s->v[++j] = *b;
			continue;
		}
		for (k = 0; k < b->ntags; k++)
			sidecar_tag_set(a, b->tags[k].name, (int)b->tags[k].origin);
		if (b->note != NULL) {
			free(a->note);
			a->note = b->note;
			b->note = NULL;
		}
		if (b->fingerprint != NULL) {
			free(a->fingerprint);
			a->fingerprint = b->fingerprint;
			b->fingerprint = NULL;
		}
		a->read |= b->read;
		for (k = 0; k < b->npassages; k++)
			sidecar_sort_passage(a, &b->passages[k]);
		sidecar_entry_free(b);
	}
	s->n = j + 1;
}

/* Reads the file line by line with iniparser 4.1's rules (so that what this reads is
   what iniparser reads), but in one pass: iniparser's dictionary looks every key up
   linearly, which would take minutes on 100,000 articles. The parsing is
   sidecar_text_parse.c's, which keeps the text for the next save. */
int
sidecar_load(struct sidecar *s, const char *path, struct diag *d)
{
	char	*buf = NULL;
	size_t	 len = 0;

	sidecar_init(s);
	/* The stamp is taken before the read: a change between the two makes the
	   next commit read the file again, which is the safe side. */
	sidecar_stamp(s, path);
	if (file_read(path, SIDECAR_MAXSIZE, FILE_ABSENT, &buf, &len, d) == -1) {
		if (errno == ENOENT)
			return 0;
		/* No stamp of a file that was not read: a commit must never take
		   this empty s for what is on disk. */
		sidecar_free(s);
		return -1;
	}
	if (memchr(buf, '\0', len) != NULL) {
		diag_add(d, DIAG_ERROR, path, 0, "a NUL byte: this is not a sidecar");
		free(buf);
		sidecar_free(s);
		return -1;
	}
	if (sidecar_text_parse(s, buf, len, path, d) == -1) {
		sidecar_free(s);
		return -1;
	}
	return 0;
}

int
sidecar_save(const struct sidecar *s, const char *path)
{
	FILE	*mem;
	char	*text = NULL;
	size_t	 len = 0;
	int	 rc, saved;

	/* The text is made in memory first and written with write(2): one place
	   where a full disk or an I/O error can strike, and it is checked. */
	if ((mem = open_memstream(&text, &len)) == NULL)
		return -1;
	if (sidecar_write(s, mem) == -1 || fclose(mem) == EOF) {
		saved = errno;
		free(text);
		errno = saved;
		return -1;
	}
	/* Never write a file that the next load would refuse. */
	if (len > SIDECAR_MAXSIZE) {
		free(text);
		errno = EFBIG;
		return -1;
	}
	/* The old file's mode and group: a team's sidecar stays theirs after one
	   member saves. */
	rc = file_replace(path, text, len, FILE_SAME);
	saved = errno;
	free(text);
	errno = saved;
	return rc;
}

void
sidecar_ops_add(struct sidecar_ops *ops, enum sidecar_op_kind kind, const char *path,
    const char *arg, int num)
{
	struct sidecar_op	*op;

	ops->v = xreallocarray(ops->v, ops->n + 1, sizeof *ops->v);
	op = &ops->v[ops->n++];
	op->kind = kind;
	op->path = xstrdup(path);
	op->arg = arg != NULL ? xstrdup(arg) : NULL;
	op->num = num;
	op->passage = NULL;
}

void
sidecar_ops_passage(struct sidecar_ops *ops, enum sidecar_op_kind kind, const char *path,
    const struct sidecar_passage *p, const char *arg, int num)
{
	struct sidecar_op	*op;
	struct sidecar_passage	 bare = *p;

	sidecar_ops_add(ops, kind, path, arg, num);
	op = &ops->v[ops->n - 1];
	op->passage = xmalloc(sizeof *op->passage);
	bare.tags = NULL;
	bare.ntags = 0;
	bare.note = NULL;
	sidecar_passage_copy(op->passage, &bare);
}

void
sidecar_ops_copy(struct sidecar_ops *ops, const struct sidecar_op *op)
{
	if (op->passage != NULL)
		sidecar_ops_passage(ops, op->kind, op->path, op->passage, op->arg,
		    op->num);
	else
		sidecar_ops_add(ops, op->kind, op->path, op->arg, op->num);
}

void
sidecar_ops_free(struct sidecar_ops *ops)
{
	size_t	 i;

	for (i = 0; i < ops->n; i++) {
		free(ops->v[i].path);
		free(ops->v[i].arg);
		if (ops->v[i].passage != NULL) {
			sidecar_passage_free(ops->v[i].passage);
			free(ops->v[i].passage);
		}
	}
	free(ops->v);
	memset(ops, 0, sizeof *ops);
}

void
sidecar_apply(struct sidecar *s, const struct sidecar_ops *ops)
{
	struct sidecar_entry	*e, key;
	struct sidecar_passage	*p;
	size_t			 i, sorted = s->n;

	/* Make every missing entry first and sort once: tagging 10,000 articles must
	   not sort 10,000 times. A path added twice is merged by the sort. */
	for (i = 0; i < ops->n; i++) {
		key.path = ops->v[i].path;
		if (sorted > 0 && bsearch(&key, s->v, sorted, sizeof *s->v,
		    sidecar_cmp_entry) != NULL)
			continue;
		sidecar_grow(s);
		memset(&s->v[s->n], 0, sizeof s->v[0]);
		s->v[s->n].path = xstrdup(ops->v[i].path);
		s->n++;
		sidecar_changed(s);
	}
	if (s->n > sorted)
		sidecar_sort(s);
	for (i = 0; i < ops->n; i++) {
		const struct sidecar_op	*op = &ops->v[i];

		if (op->kind == SIDECAR_OP_MOVE && (op->arg == NULL ||
		    sidecar_entry(s, op->path, 0) == NULL))
			continue;
		if ((e = sidecar_entry(s, op->path, 1)) == NULL)
			continue;
		switch (op->kind) {
		case SIDECAR_OP_TAG:
			sidecar_tag_set(e, op->arg, op->num);
			break;
		case SIDECAR_OP_NOTE:
			sidecar_note_set(e, op->arg);
			break;
		case SIDECAR_OP_READ:
			e->read = op->num != 0;
			break;
		case SIDECAR_OP_FINGERPRINT:
			free(e->fingerprint);
			e->fingerprint = op->arg != NULL ? xstrdup(op->arg) : NULL;
			break;
		case SIDECAR_OP_MOVE:
			/* Renamed in place; if the new path has an entry already, the
			   sort merges the two: tags of both, the later note. */
			free(e->path);
			e->path = xstrdup(op->arg);
			sidecar_changed(s);
			sidecar_sort(s);
			break;
		case SIDECAR_OP_PASSAGE_ADD:
			if (op->passage != NULL)
				sidecar_passage_add(e, op->passage);
			break;
		case SIDECAR_OP_PASSAGE_TAG:
		case SIDECAR_OP_PASSAGE_NOTE:
			if (op->passage == NULL ||
			    (p = sidecar_passage_find(e, op->passage->id)) == NULL)
				break;
			if (op->kind == SIDECAR_OP_PASSAGE_TAG)
				sidecar_passage_tag_set(p, op->arg, op->num);
			else
				sidecar_passage_note_set(p, op->arg);
			break;
		case SIDECAR_OP_PASSAGE_AT:
			if (op->passage != NULL)
				sidecar_passage_at(e, op->passage->id,
				    op->passage->start, op->passage->end);
			break;
		case SIDECAR_OP_PASSAGE_RM:
			if (op->passage != NULL)
				sidecar_passage_remove(e, op->passage->id);
			break;
		}
	}
	/* A passage is kept for its codes and note: one added and given neither, or
	   left with neither, goes once every op is in. */
	for (i = 0; i < ops->n; i++)
		if (ops->v[i].passage != NULL &&
		    (e = sidecar_entry(s, ops->v[i].path, 0)) != NULL)
			sidecar_passage_prune(e);
}

char *
sidecar_relative(const char *sidecar_path, const char *file)
{
	struct canon	 c;
	char		*rel;
	int		 saved;

	if (canon_init(&c, sidecar_path) == -1)
		return NULL;
	rel = canon_name(&c, file);
	saved = errno;
	canon_free(&c);
	errno = saved;
	return rel;
}

char *
sidecar_fingerprint(const char *file)
{
	unsigned char	 buf[65536];
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i, total = 0;
	ssize_t		 n;
	int		 fd;

	/* Only a regular file has a content to follow: a FIFO would wait for a
	   writer and /dev/zero never end. */
	if ((fd = file_open_regular(file, O_RDONLY, NULL)) == -1)
		return NULL;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			close(fd);
			return NULL;
		}
		for (i = 0; i < (size_t)n; i++)
			h = (h ^ buf[i]) * 1099511628211ULL;
		total += (size_t)n;
	}
	close(fd);
	return xasprintf("%016llx:%zu", (unsigned long long)h, total);
}

void
sidecar_keep_edits(struct sidecar *to, struct sidecar *from)
{
	if (to == from)
		return;
	sidecar_text_free(to->layout);
	to->layout = from->layout;
	from->layout = NULL;
}
