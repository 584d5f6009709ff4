/* Reading and writing the sidecar.

   Names (article paths in section names, tag names in keys) are written in the
   characters iniparser keeps as they are: a-z 0-9 . _ - and /; a capital is "^" and its
   small letter, and every other byte "%" and two hex digits. Values (notes, long paths,
   fingerprints) are written in double quotes, raw UTF-8 but for a backslash ("\\"),
   a double quote, control characters and bytes that are not UTF-8 ("\xHH"). A value
   too long for one line is cut into keys NAME.0000, NAME.0001... at character
   boundaries. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "ini.h"		/* INI_MAXLINE */
#include "journal.h"
#include "lock.h"
#include "merge.h"		/* merge_marker */
#include "sidecar.h"
#include "utf8.h"
#include "xmalloc.h"

#define SIDECAR_CHUNK	700	/* encoded bytes of a value on one line */
#define SIDECAR_NAMEMAX	800	/* encoded bytes of a section name */
/* Stock iniparser looks a key up as "section:key" lowercased into 1024 bytes: a
   longer one is never found, though it is read. */
#define SIDECAR_LOOKUPMAX 1024

struct sidecar_buf {
	char	*s;
	size_t	 n;
	size_t	 cap;
};

struct sidecar_line {
	char	*key;
	char	*value;		/* encoded, without quotes; NULL: a bare word */
	char	*bare;
};

static void	sidecar_put(struct sidecar_buf *, const char *, size_t);
static void	sidecar_enc_name(struct sidecar_buf *, const char *);
static void	sidecar_enc_value(struct sidecar_buf *, const char *, size_t);
static int	sidecar_cmp_entry(const void *, const void *);
static int	sidecar_cmp_tag(const void *, const void *);
static int	sidecar_cmp_seq(const void *, const void *);
static int	sidecar_cmp_str(const void *, const void *);
static void	sidecar_entry_free(struct sidecar_entry *);
static void	sidecar_chunks(FILE *, const char *, const char *);
static int	sidecar_hexval(int);

static void
sidecar_put(struct sidecar_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
sidecar_enc_name(struct sidecar_buf *b, const char *s)
{
	char		 e[4];
	unsigned char	 c;

	sidecar_put(b, "", 0);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
		    c == '_' || c == '-' || c == '/')
			sidecar_put(b, s, 1);
		else if (c >= 'A' && c <= 'Z') {
			e[0] = '^';
			e[1] = (char)(c + 32);
			sidecar_put(b, e, 2);
		} else {
			e[0] = '%';
			e[1] = "0123456789abcdef"[c >> 4];
			e[2] = "0123456789abcdef"[c & 15];
			sidecar_put(b, e, 3);
		}
	}
}

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
	struct sidecar_buf	 b;
	char			 c;
	int			 hi, lo;

	memset(&b, 0, sizeof b);
	sidecar_put(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s == '^') {
			if (s[1] < 'a' || s[1] > 'z')
				goto bad;
			c = (char)(s[1] - 32);
			sidecar_put(&b, &c, 1);
			s++;
		} else if (*s == '%') {
			if ((hi = sidecar_hexval(s[1])) < 0 || (lo = sidecar_hexval(s[2])) < 0)
				goto bad;
			c = (char)(hi * 16 + lo);
			if (c == '\0')
				goto bad;
			sidecar_put(&b, &c, 1);
			s += 2;
		} else
			sidecar_put(&b, s, 1);
	}
	return b.s;
bad:
	free(b.s);
	return NULL;
}

static void
sidecar_enc_value(struct sidecar_buf *b, const char *s, size_t n)
{
	size_t		 pos = 0, len;
	uint32_t	 cp;
	char		 e[8];

	sidecar_put(b, "", 0);
	while (pos < n) {
		len = utf8_decode(s + pos, n - pos, &cp);
		if (cp == '\\')
			sidecar_put(b, "\\\\", 2);
		else if (cp == UTF8_INVALID || cp < 0x20 || cp == 0x7f || cp == '"') {
			snprintf(e, sizeof e, "\\x%02x", (unsigned char)s[pos]);
			sidecar_put(b, e, 4);
		} else
			sidecar_put(b, s + pos, len);
		pos += len;
	}
}

char *
sidecar_value_decode(const char *s)
{
	struct sidecar_buf	 b;
	char			 c;
	int			 hi, lo;

	memset(&b, 0, sizeof b);
	sidecar_put(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			sidecar_put(&b, s, 1);
			continue;
		}
		if (s[1] == '\\') {
			sidecar_put(&b, "\\", 1);
			s++;
		} else if (s[1] == 'x' && (hi = sidecar_hexval(s[2])) >= 0 &&
		    (lo = sidecar_hexval(s[3])) >= 0) {
			c = (char)(hi * 16 + lo);
			sidecar_put(&b, &c, 1);
			s += 3;
		} else if (s[1] == 'n') {
			/* Written by hand, \n reads as a new line. */
			sidecar_put(&b, "\n", 1);
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
}

/* Remembers the file's modification time and size in s. */
static void
sidecar_stamp(struct sidecar *s, const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == 0) {
		s->mtime = st.st_mtim;
		s->size = (long long)st.st_size;
		s->ino = (unsigned long long)st.st_ino;
	} else
		s->size = -1;
}

static void
sidecar_entry_free(struct sidecar_entry *e)
{
	size_t	 i;

	for (i = 0; i < e->ntags; i++)
		free(e->tags[i].name);
	free(e->tags);
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
	memset(s, 0, sizeof *s);
	s->size = -1;
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

static int
sidecar_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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

	key.path = (char *)path;
	if (s->n > 0 && (e = bsearch(&key, s->v, s->n, sizeof *s->v,
	    sidecar_cmp_entry)) != NULL)
		return e;
	if (!create)
		return NULL;
	sidecar_grow(s);
	e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->path = xstrdup(path);
	qsort(s->v, s->n, sizeof *s->v, sidecar_cmp_entry);
	return bsearch(&key, s->v, s->n, sizeof *s->v, sidecar_cmp_entry);
}

const char *
sidecar_tag_check(char *name)
{
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
		return "a tag needs a name";
	if (n > SIDECAR_TAGMAX)
		return "a tag name is at most 200 bytes";
	for (pos = 0; pos < n; pos += len) {
		len = utf8_decode(name + pos, n - pos, &cp);
		if (cp == UTF8_INVALID)
			return "a tag name must be UTF-8";
		if (cp == ',')
			return "a tag name cannot hold a comma";
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return "a tag name cannot hold a control character";
	}
	return NULL;
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

/* Writes key = "value" lines for an encoded value, in chunks when it is long. A chunk
   holds whole tokens: an escape (a doubled backslash, or backslash x HH) or a
   character. */
static void
sidecar_chunks(FILE *f, const char *key, const char *enc)
{
	size_t		 n = strlen(enc), pos = 0, end, tok, k = 0;
	uint32_t	 cp;

	if (n <= SIDECAR_CHUNK) {
		fprintf(f, "%s = \"%s\"\n", key, enc);
		return;
	}
	while (pos < n) {
		end = pos;
		for (;;) {
			if (end >= n)
				break;
			if (enc[end] == '\\')
				tok = enc[end + 1] == 'x' ? 4 : 2;
			else
				tok = utf8_decode(enc + end, n - end, &cp);
			if (end + tok - pos > SIDECAR_CHUNK)
				break;
			end += tok;
		}
		fprintf(f, "%s.%04zu = \"%.*s\"\n", key, k++, (int)(end - pos), enc + pos);
		pos = end;
	}
}

/* A section to write: its encoded name, and which entry it is. */
struct sidecar_sec {
	char	*name;
	size_t	 i;
};

static int
sidecar_cmp_sec(const void *a, const void *b)
{
	return strcmp(((const struct sidecar_sec *)a)->name,
	    ((const struct sidecar_sec *)b)->name);
}

/* a, b and c joined in a new string. Saving 100,000 articles makes a million of
   these: no printf. */
static char *
sidecar_cat(const char *a, const char *b, const char *c)
{
	size_t	 la = strlen(a), lb = strlen(b), lc = strlen(c);
	char	*s = xmalloc(la + lb + lc + 1);

	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc + 1);
	return s;
}

int
sidecar_write(const struct sidecar *s, void *fp)
{
	FILE			*f = fp;
	struct sidecar_buf	 b;
	struct sidecar_sec	*secs;
	char			**keys, *line, hash[24];
	size_t			 i, j, nkeys;
	const char		*origins[] = { "\001person", "\001theme", "\001rejected" };

	fputs("; rubric sidecar: the tags, notes and read flags of the articles in this\n"
	    "; folder, one section per article. It may be edited by hand; see rubric(5).\n",
	    f);
	memset(&b, 0, sizeof b);
	/* Sections in the order of their encoded names, so that the file is sorted
	   as it reads. */
	secs = xreallocarray(NULL, s->n + 1, sizeof *secs);
	for (i = 0; i < s->n; i++) {
		size_t	 longest = strlen("fingerprint");

		/* The longest key of the section, to keep "article NAME:KEY" within
		   what iniparser can look up. */
		for (j = 0; j < s->v[i].ntags; j++) {
			b.n = 0;
			sidecar_enc_name(&b, s->v[i].tags[j].name);
			if (4 + b.n > longest)
				longest = 4 + b.n;
		}
		b.n = 0;
		sidecar_enc_name(&b, s->v[i].path);
		secs[i].i = i;
		if (b.n > SIDECAR_NAMEMAX ||
		    strlen("article ") + b.n + 1 + longest > SIDECAR_LOOKUPMAX) {
			uint64_t	 h = 14695981039346656037ULL;
			const char	*p;

			for (p = s->v[i].path; *p != '\0'; p++)
				h = (h ^ (unsigned char)*p) * 1099511628211ULL;
			snprintf(hash, sizeof hash, "#%016llx", (unsigned long long)h);
			secs[i].name = xstrdup(hash);
		} else
			secs[i].name = xstrdup(b.s);
	}
	qsort(secs, s->n, sizeof *secs, sidecar_cmp_sec);
	for (i = 0; i < s->n; i++) {
		const struct sidecar_entry	*e = &s->v[secs[i].i];

		if (e->note == NULL && e->ntags == 0 && !e->read && e->fingerprint == NULL)
			continue;
		fputs("\n[article ", f);
		fputs(secs[i].name, f);
		fputs("]\n", f);
		/* The keys of a section, sorted as they are written: "KEY\nVALUE",
		   a value of one word marked with \001. */
		keys = xreallocarray(NULL, e->ntags + 5, sizeof *keys);
		nkeys = 0;
		if (e->fingerprint != NULL) {
			b.n = 0;
			sidecar_enc_value(&b, e->fingerprint, strlen(e->fingerprint));
			keys[nkeys++] = sidecar_cat("fingerprint", "\n", b.s);
		}
		if (e->note != NULL) {
			b.n = 0;
			sidecar_enc_value(&b, e->note, strlen(e->note));
			keys[nkeys++] = sidecar_cat("note", "\n", b.s);
		}
		if (secs[i].name[0] == '#') {
			b.n = 0;
			sidecar_enc_value(&b, e->path, strlen(e->path));
			keys[nkeys++] = sidecar_cat("path", "\n", b.s);
		}
		if (e->read)
			keys[nkeys++] = xstrdup("read\n\001yes");
		for (j = 0; j < e->ntags; j++) {
			b.n = 0;
			sidecar_put(&b, "tag.", 4);
			sidecar_enc_name(&b, e->tags[j].name);
			keys[nkeys++] = sidecar_cat(b.s, "\n",
			    origins[e->tags[j].origin]);
		}
		qsort(keys, nkeys, sizeof *keys, sidecar_cmp_str);
		for (j = 0; j < nkeys; j++) {
			line = strchr(keys[j], '\n');
			*line++ = '\0';
			if (*line == '\001') {
				fputs(keys[j], f);
				fputs(" = ", f);
				fputs(line + 1, f);
				putc('\n', f);
			} else
				sidecar_chunks(f, keys[j], line);
			free(keys[j]);
		}
		free(keys);
	}
	for (i = 0; i < s->n; i++)
		free(secs[i].name);
	free(secs);
	free(b.s);
	return fflush(f) == EOF || ferror(f) ? -1 : 0;
}

/* The keys of one section as they are read. */
struct sidecar_kv {
	char	*key;		/* lowercased, as iniparser would */
	char	*value;		/* as iniparser would return it: not yet decoded */
	int	 line;
};

static void	sidecar_sort(struct sidecar *);
static void	sidecar_stamp(struct sidecar *, const char *);
static int	sidecar_section(struct sidecar *, const char *, int, struct sidecar_kv *,
		    size_t, const char *, struct diag *);
static const struct sidecar_kv *sidecar_kv_find(const struct sidecar_kv *, size_t,
		    const char *);
static int	sidecar_kv_joined(const struct sidecar_kv *, size_t, const char *,
		    char **, int *);

static const struct sidecar_kv *
sidecar_kv_find(const struct sidecar_kv *kv, size_t n, const char *key)
{
	size_t	 i;

	/* A key given twice counts as iniparser counts it: the last one. */
	for (i = n; i-- > 0;)
		if (strcmp(kv[i].key, key) == 0)
			return &kv[i];
	return NULL;
}

/* Whether any key is key.SOMETHING: most sections have no value in pieces, and
   need not be asked for key.0000. */
static int
sidecar_kv_pieces(const struct sidecar_kv *kv, size_t n, const char *key)
{
	size_t	 i, len = strlen(key);

	for (i = 0; i < n; i++)
		if (strncmp(kv[i].key, key, len) == 0 && kv[i].key[len] == '.')
			return 1;
	return 0;
}

/* The value of a key that may be cut into KEY.0000, KEY.0001...: the pieces joined,
   decoded. Returns 0 and *out (caller frees, NULL if absent), or -1 with the line of
   a malformed piece in *line. */
static int
sidecar_kv_joined(const struct sidecar_kv *kv, size_t n, const char *key, char **out,
    int *line)
{
	const struct sidecar_kv	*f;
	struct sidecar_buf	 b;
	char			 k[64];
	size_t			 i;

	*out = NULL;
	memset(&b, 0, sizeof b);
	if ((f = sidecar_kv_find(kv, n, key)) != NULL) {
		sidecar_put(&b, f->value, strlen(f->value));
		*line = f->line;
	} else if (sidecar_kv_pieces(kv, n, key))
		for (i = 0; i < 100000; i++) {
			snprintf(k, sizeof k, "%s.%04zu", key, i);
			if ((f = sidecar_kv_find(kv, n, k)) == NULL)
				break;
			if (i == 0)
				*line = f->line;
			sidecar_put(&b, f->value, strlen(f->value));
		}
	if (b.s == NULL)
		return 0;
	*out = sidecar_value_decode(b.s);
	free(b.s);
	return *out == NULL ? -1 : 0;
}

/* Sorts the entries read by path, and merges two sections of one path as iniparser
   would: the later keys win. */
static void
sidecar_sort(struct sidecar *s)
{
	struct sidecar_entry	*a, *b;
	size_t			 i, j, k;

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
		sidecar_entry_free(b);
	}
	s->n = j + 1;
}

/* Makes the entry of one [article ...] section from its keys. */
static int
sidecar_section(struct sidecar *s, const char *name, int sline, struct sidecar_kv *kv,
    size_t n, const char *path, struct diag *d)
{
	struct sidecar_entry	*e;
	char			*p, *tag, *note, *fp;
	size_t			 i;
	int			 line = sline, origin;

	if (name[0] == '#') {
		if (sidecar_kv_joined(kv, n, "path", &p, &line) == -1 || p == NULL ||
		    *p == '\0') {
			diag_add(d, DIAG_ERROR, path, line, "[article %s] needs a path = "
			    "\"...\" with good escapes", name);
			free(p);
			return -1;
		}
	} else if ((p = sidecar_name_decode(name)) == NULL || *p == '\0') {
		diag_add(d, DIAG_ERROR, path, sline, "[article %s]: a bad name (^ takes "
		    "a small letter, %% two hex digits)", name);
		free(p);
		return -1;
	}
	/* Appended as read, sorted once at the end: the file is one pass. */
	sidecar_grow(s);
	e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->path = p;
	note = fp = NULL;
	if (sidecar_kv_joined(kv, n, "note", &note, &line) == -1 ||
	    sidecar_kv_joined(kv, n, "fingerprint", &fp, &line) == -1) {
		diag_add(d, DIAG_ERROR, path, line, "a bad escape in a value (\\\\ and "
		    "\\xHH are the escapes)");
		free(note);
		free(fp);
		return -1;
	}
	if (note != NULL) {
		free(e->note);
		e->note = note;
	}
	if (fp != NULL) {
		free(e->fingerprint);
		e->fingerprint = fp;
	}
	for (i = 0; i < n; i++) {
		const char	*k = kv[i].key, *v = kv[i].value;

		if (strncmp(k, "tag.", 4) == 0) {
			origin = strcmp(v, "person") == 0 ? SIDECAR_PERSON :
			    strcmp(v, "theme") == 0 ? SIDECAR_THEME :
			    strcmp(v, "rejected") == 0 ? SIDECAR_REJECTED : -1;
			if ((tag = sidecar_name_decode(k + 4)) == NULL || origin == -1 ||
			    sidecar_tag_check(tag) != NULL) {
				diag_add(d, DIAG_ERROR, path, kv[i].line, "%s: %s", k,
				    origin == -1 ? "the value is person, theme or rejected" :
				    "a bad tag name");
				free(tag);
				return -1;
			}
			sidecar_tag_set(e, tag, origin);
			free(tag);
		} else if (strcmp(k, "read") == 0) {
			if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
				diag_add(d, DIAG_ERROR, path, kv[i].line, "read: the value "
				    "is yes or no");
				return -1;
			}
			e->read = strcmp(v, "yes") == 0;
		} else if (strcmp(k, "note") != 0 && strncmp(k, "note.", 5) != 0 &&
		    strcmp(k, "fingerprint") != 0 && strncmp(k, "fingerprint.", 12) != 0 &&
		    strcmp(k, "path") != 0 && strncmp(k, "path.", 5) != 0)
			diag_add(d, DIAG_WARNING, path, kv[i].line, "unknown key '%s'", k);
	}
	return 0;
}

/* Reads the file line by line with iniparser 4.1's rules (so that what this reads is
   what iniparser reads), but in one pass: iniparser's dictionary looks every key up
   linearly, which would take minutes on 100,000 articles. */
int
sidecar_load(struct sidecar *s, const char *path, struct diag *d)
{
	struct sidecar_kv	*kv = NULL;
	char			*buf = NULL, *p, *end, *nl, *ls, *le, *eq, *section = NULL, *v;
	char			 err[128];
	size_t			 len = 0, nkv = 0, capkv = 0, i;
	int			 line = 0, sline = 0, rc = 0;

	sidecar_init(s);
	/* The stamp is taken before the read: a change between the two makes the
	   next commit read the file again, which is the safe side. */
	sidecar_stamp(s, path);
	if (file_read(path, SIDECAR_MAXSIZE, &buf, &len, err, sizeof err) == -1) {
		if (errno == ENOENT)
			return 0;
		diag_add(d, DIAG_ERROR, path, 0, "%s", err);
		return -1;
	}
	if (memchr(buf, '\0', len) != NULL) {
		diag_add(d, DIAG_ERROR, path, 0, "a NUL byte: this is not a sidecar");
		free(buf);
		return -1;
	}
	for (p = buf, end = buf + len; p < end && rc == 0; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line++;
		if (nl - p > INI_MAXLINE) {
			diag_add(d, DIAG_ERROR, path, line, "line is %zu bytes long; the "
			    "longest iniparser reads is %d", (size_t)(nl - p), INI_MAXLINE);
			rc = -1;
			break;
		}
		if (merge_marker(p, (size_t)(nl - p)) != 0) {
			diag_add(d, DIAG_ERROR, path, line, "a git conflict marker: run "
			    "rubric merge-sidecar --resolve %s", path);
			rc = -1;
			break;
		}
		ls = p;
		le = nl;
		while (ls < le && (*ls == ' ' || *ls == '\t' || *ls == '\r'))
			ls++;
		while (le > ls && (le[-1] == ' ' || le[-1] == '\t' || le[-1] == '\r'))
			le--;
		if (ls == le || *ls == ';' || *ls == '#')
			continue;
		*le = '\0';
		if (*ls == '[' && le[-1] == ']') {
			if (section != NULL && strncmp(section, "article ", 8) == 0)
				rc = sidecar_section(s, section + 8, sline, kv, nkv, path, d);
			for (i = 0; i < nkv; i++) {
				free(kv[i].key);
				free(kv[i].value);
			}
			nkv = 0;
			free(section);
			ls++;
			le[-1] = '\0';
			while (*ls == ' ' || *ls == '\t')
				ls++;
			section = xstrdup(ls);
			for (v = section + strlen(section); v > section &&
			    (v[-1] == ' ' || v[-1] == '\t'); v--)
				v[-1] = '\0';
			for (v = section; *v != '\0'; v++)
				if (*v >= 'A' && *v <= 'Z')
					*v = (char)(*v + 32);
			sline = line;
			if (strncmp(section, "article ", 8) != 0)
				diag_add(d, DIAG_WARNING, path, line, "unknown section [%s]",
				    section);
			continue;
		}
		if ((eq = strchr(ls, '=')) == NULL || eq == ls || section == NULL) {
			diag_add(d, DIAG_ERROR, path, line, section == NULL ? "a key before "
			    "any [article ...] section" : "not a [section], key = value or "
			    "comment line");
			rc = -1;
			break;
		}
		if (nkv == capkv) {
			capkv = capkv ? capkv * 2 : 16;
			kv = xreallocarray(kv, capkv, sizeof *kv);
		}
		for (v = eq; v > ls && (v[-1] == ' ' || v[-1] == '\t'); v--)
			;
		kv[nkv].key = xstrndup(ls, (size_t)(v - ls));
		for (v = kv[nkv].key; *v != '\0'; v++)
			if (*v >= 'A' && *v <= 'Z')
				*v = (char)(*v + 32);
		for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
			;
		if (*v == '"' || *v == '\'') {
			/* Quoted: up to the next quote of the same kind, as iniparser.
			   Every value rubric writes is closed: one that is not was cut
			   short, and is not taken for a shorter value. */
			char	*q = strchr(v + 1, *v);

			if (q == NULL) {
				diag_add(d, DIAG_ERROR, path, line, "a value opens a quote "
				    "and does not close it (was the file cut short?)");
				free(kv[nkv].key);
				rc = -1;
				break;
			}
			kv[nkv].value = xstrndup(v + 1, (size_t)(q - v - 1));
		} else {
			/* Bare: cut at ; or #, as iniparser does. */
			size_t	 n = strcspn(v, ";#");

			while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
				n--;
			kv[nkv].value = xstrndup(v, n);
		}
		kv[nkv].line = line;
		nkv++;
	}
	if (rc == 0 && section != NULL && strncmp(section, "article ", 8) == 0)
		rc = sidecar_section(s, section + 8, sline, kv, nkv, path, d);
	if (rc == 0)
		sidecar_sort(s);
	for (i = 0; i < nkv; i++) {
		free(kv[i].key);
		free(kv[i].value);
	}
	free(kv);
	free(section);
	free(buf);
	if (rc == -1)
		sidecar_free(s);
	return rc;
}

int
sidecar_save(const struct sidecar *s, const char *path)
{
	FILE		*mem;
	struct stat	 st;
	char		*tmp, *dir, *slash, *text = NULL;
	size_t		 len = 0, off;
	ssize_t		 w;
	mode_t		 mode;
	int		 fd = -1, dfd, saved;

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
	tmp = xasprintf("%s" SIDECAR_TMP "XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		saved = errno;
		free(tmp);
		free(text);
		errno = saved;
		return -1;
	}
	/* mkstemp makes the file 0600 and the saver's: give it the old file's mode
	   and group, so that a team's sidecar stays theirs after one member saves,
	   or what a new file would get under the umask. A group that cannot be kept
	   (the saver is not in it) gets no write through the saver's. */
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
		if (fchown(fd, (uid_t)-1, st.st_gid) == -1)
			mode &= ~(mode_t)S_IWGRP;
	} else
		mode = 0666 & ~(mode_t)file_umask();
	if (fchmod(fd, mode) == -1)
		goto fail;
	for (off = 0; off < len; off += (size_t)w)
		if ((w = write(fd, text + off, len - off)) == -1) {
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
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	/* The rename is durable only once the directory is on disk. */
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(tmp);
	free(text);
	return 0;

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	free(text);
	errno = saved;
	return -1;
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
}

void
sidecar_ops_free(struct sidecar_ops *ops)
{
	size_t	 i;

	for (i = 0; i < ops->n; i++) {
		free(ops->v[i].path);
		free(ops->v[i].arg);
	}
	free(ops->v);
	memset(ops, 0, sizeof *ops);
}

void
sidecar_apply(struct sidecar *s, const struct sidecar_ops *ops)
{
	struct sidecar_entry	*e, key;
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
			sidecar_sort(s);
			break;
		}
	}
}

/* Removes the temporary files of saves that were killed before their rename: under
   the lock no other save is under way, so every one there is left over. Only names
   this code makes are touched: path, ".tmp-", then six characters of mkstemp(). */
static void
sidecar_sweep(const char *path)
{
	DIR		*dir;
	struct dirent	*de;
	const char	*slash = strrchr(path, '/');
	char		*dname, *prefix, *victim;
	size_t		 plen;

	dname = slash != NULL ? xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path)) : xstrdup(".");
	prefix = xasprintf("%s" SIDECAR_TMP, slash != NULL ? slash + 1 : path);
	plen = strlen(prefix);
	if ((dir = opendir(dname)) != NULL) {
		while ((de = readdir(dir)) != NULL) {
			if (strncmp(de->d_name, prefix, plen) != 0 ||
			    strlen(de->d_name) != plen + 6)
				continue;
			victim = xasprintf("%s/%s", dname, de->d_name);
			unlink(victim);
			free(victim);
		}
		closedir(dir);
	}
	free(prefix);
	free(dname);
}

int
sidecar_commit(struct sidecar *s, const char *path, const struct sidecar_ops *ops,
    struct diag *d)
{
	long	 holder;

	return sidecar_commit_wait(s, path, ops, lock_timeout(), &holder, d) ==
	    SIDECAR_SAVED ? 0 : -1;
}

enum sidecar_result
sidecar_commit_wait(struct sidecar *s, const char *path, const struct sidecar_ops *ops,
    int wait_ms, long *holder, struct diag *d)
{
	struct sidecar		 fresh;
	struct sidecar_ops	 all;
	struct stat		 st;
	enum sidecar_result	 rc = SIDECAR_FAILED;
	const char		*base, *when = "parses";
	char			*lock, *jpath;
	pid_t			 pid;
	size_t			 i;
	int			 fd, nj;

	*holder = 0;
	lock = xasprintf("%s.lock", path);
	if ((fd = lock_take(lock, path, wait_ms, &pid, d)) == -1) {
		free(lock);
		if (pid == -1)
			return SIDECAR_FAILED;
		*holder = (long)pid;
		return SIDECAR_LOCKED;
	}
	memset(&all, 0, sizeof all);
	jpath = journal_path(path);
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	/* Nothing is written over a sidecar that is not a regular file (or a link
	   to one): a FIFO, a device or a directory there is refused before any
	   change is made. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_add(d, DIAG_ERROR, path, 0, "%s, not a regular file",
		    file_kind(st.st_mode));
		when = "is a regular file";
		goto journal;
	}
	sidecar_sweep(path);
	/* Changes journalled while the file could not take them go first, in the
	   order they were made; a damaged journal keeps them, and these join it. */
	if ((nj = journal_read(path, &all, d)) == -1)
		goto journal;
	nj = (int)journal_changes(&all);
	for (i = 0; i < ops->n; i++)
		sidecar_ops_add(&all, ops->v[i].kind, ops->v[i].path, ops->v[i].arg,
		    ops->v[i].num);
	/* What another process saved since this one read the file is kept: the
	   changes go on top of the file as it is now. If it is as this process last
	   saw it (same inode, size and time: every save here renames a new file
	   in), there is nothing to read again, which keeps a change to a sidecar
	   of 100,000 articles under 100 ms. */
	if (stat(path, &st) == 0 ? s->size == (long long)st.st_size &&
	    s->ino == (unsigned long long)st.st_ino &&
	    s->mtime.tv_sec == st.st_mtim.tv_sec &&
	    s->mtime.tv_nsec == st.st_mtim.tv_nsec : errno == ENOENT && s->size == -1) {
		sidecar_apply(s, &all);
		if (sidecar_save(s, path) == -1) {
			diag_add(d, DIAG_ERROR, path, 0, "cannot save: %s",
			    strerror(errno));
			s->size = -2;	/* not what is on disk: read it next time */
			when = "can be written";
			goto journal;
		}
		sidecar_stamp(s, path);
	} else {
		if (sidecar_load(&fresh, path, d) == -1)
			goto journal;
		sidecar_apply(&fresh, &all);
		if (sidecar_save(&fresh, path) == -1) {
			diag_add(d, DIAG_ERROR, path, 0, "cannot save: %s",
			    strerror(errno));
			sidecar_free(&fresh);
			when = "can be written";
			goto journal;
		}
		sidecar_stamp(&fresh, path);
		sidecar_free(s);
		*s = fresh;
	}
	rc = SIDECAR_SAVED;
	if (all.n > ops->n) {
		/* Left behind, the journal would be applied again over later
		   changes: it must go, or a person must know. */
		if (journal_remove(path) == -1)
			diag_add(d, DIAG_ERROR, jpath, 0, "its changes are saved in %s, "
			    "but it cannot be removed (%s): remove it by hand", base,
			    strerror(errno));
		else
			diag_add(d, DIAG_WARNING, jpath, 0, "%d journalled change%s "
			    "saved in %s", nj, nj == 1 ? "" : "s", base);
	}
	goto out;
journal:
	if (ops->n == 0)
		goto out;
	if (journal_append(path, ops) == -1) {
		diag_add(d, DIAG_ERROR, jpath, 0, "cannot journal the change either: %s",
		    strerror(errno));
		goto out;
	}
	diag_add(d, DIAG_ERROR, NULL, 0, "journalled to %s: will be applied when %s %s",
	    jpath, base, when);
	rc = SIDECAR_JOURNALLED;
out:
	sidecar_ops_free(&all);
	free(jpath);
	close(fd);		/* and so unlock */
	free(lock);
	return rc;
}

char *
sidecar_relative(const char *sidecar_path, const char *file)
{
	char	*dir, *abs, *slash, *rel = NULL;
	size_t	 n;

	if ((abs = realpath(file, NULL)) == NULL)
		return NULL;
	dir = xstrdup(sidecar_path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	slash = realpath(*dir != '\0' ? dir : "/", NULL);
	free(dir);
	if (slash == NULL) {
		free(abs);
		return NULL;
	}
	n = strlen(slash);
	if (strcmp(slash, "/") == 0)
		rel = xstrdup(abs + 1);
	else if (strncmp(abs, slash, n) == 0 && abs[n] == '/')
		rel = xstrdup(abs + n + 1);
	free(slash);
	free(abs);
	return rel;
}

char *
sidecar_fingerprint(const char *file)
{
	unsigned char	 buf[65536];
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i, total = 0;
	ssize_t		 n;
	char		 err[128];
	int		 fd;

	/* Only a regular file has a content to follow: a FIFO would wait for a
	   writer and /dev/zero never end. */
	if ((fd = file_open_regular(file, O_RDONLY, err, sizeof err)) == -1)
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
