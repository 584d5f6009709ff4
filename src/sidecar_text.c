/* The sidecar's text: read line by line as iniparser 4.1 reads it, written back so that
   only what changed changes. A section is the bytes from its header line to the next
   header; a save copies the sections of unchanged articles byte for byte and, inside a
   changed one, keeps every line but those of the facts (note, tag...) that changed.

   The format (rubric(5)): [article "PATH"], with a tag per line, tag "NAME" = ORIGIN,
   names and values in double quotes, raw UTF-8 but for "\\", and "\xHH" for a double
   quote, a control character, a bidi or invisible format character (glyph.c's list), a
   byte that is not UTF-8, "]" and ":" in a header ("]"
   would end it, and iniparser takes a name with ":" for a key) and "=" in a key. The first format, [article NAME]
   and tag.NAME with names in a-z 0-9 . _ - / with "^x" for a capital and "%HH" for any
   other byte, is still read; a save rewrites its sections in the new one. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "glyph.h"		/* glyph_is_format */
#include "ini.h"		/* INI_MAXLINE */
#include "merge.h"		/* merge_marker */
#include "sidecar_text.h"
#include "utf8.h"
#include "xmalloc.h"

#define ST_CHUNK	700	/* encoded bytes of a value on one line */
#define ST_NAMEMAX	800	/* encoded bytes of a header's name */
/* Stock iniparser looks a key up as "section:key" lowercased into 1024 bytes: a
   longer one is never found, though it is read. */
#define ST_LOOKUPMAX	1024

enum sidecar_text_fact { ST_OTHER, ST_FP, ST_NOTE, ST_PATH, ST_READ, ST_TAG };
enum sidecar_text_form { ST_NONE, ST_QUOTED, ST_HASH, ST_OLD };
enum sidecar_text_kind { ST_BAD, ST_BLANK, ST_COMMENT, ST_SECTION, ST_KEY };

/* A key of a section as read. */
struct sidecar_text_kv {
	enum sidecar_text_fact	 fact;
	int			 piece;		/* N of NAME.NNNN; -1: the whole value */
	int			 old;		/* tag.NAME, of the first format */
	char			*key;		/* for messages */
	char			*name;		/* ST_TAG: the tag's name */
	char			*value;		/* without its quotes, not decoded */
	int			 line;
};

struct sidecar_text_sec {
	size_t			 off, end;	/* header line to the next header */
	char			*path;		/* NULL: not an article's section */
	enum sidecar_text_form	 form;
	uint64_t		 hash;		/* of the article's entry as read */
	int			 line;		/* of the header; 0 before any */
	int			 old;		/* holds lines of the first format */
};

struct sidecar_layout {
	char			*text;
	size_t			 len;
	struct sidecar_text_sec	*secs;
	size_t			 nsecs;
	size_t			 cap;
	int			 crlf;		/* new lines end in CR LF */
	struct sidecar_layout	*next;		/* written, not yet settled */
};

/* One line, lexed. */
struct sidecar_text_line {
	enum sidecar_text_kind	 kind;
	const char		*why;		/* ST_BAD */
	char			*word;		/* ST_SECTION: first word, lowercased */
	char			*rest;		/* ST_SECTION: the rest, trimmed */
	struct sidecar_text_kv	 kv;		/* ST_KEY */
};

/* A piece of a rewritten section: bytes of the old text or of what is generated. */
struct sidecar_text_item {
	int			 gen;
	size_t			 off, len;
	int			 rank;		/* of a fact, for the order; -1: none */
	const char		*name;		/* of a tag */
	enum sidecar_text_kind	 kind;
};

static void	sidecar_text_quote(struct buf *, const char *, const char *);
static void	sidecar_text_chunks(struct buf *, const char *, const char *,
		    const char *);
static int	sidecar_text_lex(const char *, const char *, struct sidecar_text_line *);
static void	sidecar_text_line_free(struct sidecar_text_line *);
static void	sidecar_text_strays(struct sidecar_text_kv *, size_t,
		    enum sidecar_text_form, const char *, struct diag *);
static int	sidecar_text_joined(const struct sidecar_text_kv *, size_t,
		    enum sidecar_text_fact, char **, const char *, struct diag *);
static int	sidecar_text_entry(struct sidecar_entry *, const struct sidecar_text_kv *,
		    size_t, const char *, struct diag *);
static int	sidecar_text_empty(const struct sidecar_entry *);
static uint64_t	sidecar_text_hash(const char *, const struct sidecar_entry *);
static enum sidecar_text_form sidecar_text_form(const struct sidecar_entry *,
		    struct buf *);
static void	sidecar_text_header(struct buf *, const char *,
		    enum sidecar_text_form, const char *);
static void	sidecar_text_fact(struct buf *, const struct sidecar_entry *,
		    enum sidecar_text_fact, size_t, const char *);
static void	sidecar_text_section(struct buf *,
		    const struct sidecar_entry *, enum sidecar_text_form, const char *);
static void	sidecar_text_rewrite(struct buf *,
		    const struct sidecar_layout *, const struct sidecar_text_sec *,
		    const struct sidecar_entry *, int);
static struct sidecar_text_sec *sidecar_text_sec_add(struct sidecar_layout *, size_t,
		    const char *, enum sidecar_text_form, int);
static void	sidecar_text_kvs_free(struct sidecar_text_kv *, size_t);
static int	sidecar_text_cmp_sec(const void *, const void *);
static int	sidecar_text_cmp_tag(const void *, const void *);
static int	sidecar_text_finish(struct sidecar *, struct sidecar_layout *,
		    struct sidecar_text_kv *, size_t, const char *, struct diag *);
static void	sidecar_text_hand_add(struct sidecar_hand *, const char *, const char *,
		    int, int);
static int	sidecar_text_hand_read(const struct sidecar_text_kv *, size_t, size_t,
		    int);

static const char *const sidecar_text_origins[] = { "person", "theme", "rejected" };

/* s as it goes between double quotes: raw UTF-8 but for the escapes, and \xHH for the
   bytes of extra too. */
static void
sidecar_text_quote(struct buf *b, const char *s, const char *extra)
{
	size_t		 n = strlen(s), pos = 0, len, i;
	uint32_t	 cp;
	char		 e[8];

	buf_put(b, "", 0);
	while (pos < n) {
		len = utf8_decode(s + pos, n - pos, &cp);
		if (cp == '\\')
			buf_put(b, "\\\\", 2);
		else if (cp == UTF8_INVALID || cp < 0x20 || cp == 0x7f || cp == '"' ||
		    (cp < 0x80 && strchr(extra, (int)cp) != NULL) ||
		    glyph_is_format(cp)) {
			/* A bidi or invisible format character too, byte by byte:
			   git diff shows it as text and does not reorder the line. */
			for (i = 0; i < len; i++) {
				snprintf(e, sizeof e, "\\x%02x",
				    (unsigned char)s[pos + i]);
				buf_put(b, e, 4);
			}
		} else
			buf_put(b, s + pos, len);
		pos += len;
	}
}

/* key = "value" lines for an encoded value, cut into KEY.0000, KEY.0001... when it is
   too long for a line. A piece holds whole escapes and characters. */
static void
sidecar_text_chunks(struct buf *b, const char *key, const char *enc,
    const char *eol)
{
	size_t		 n = strlen(enc), pos = 0, end, tok, k = 0;
	uint32_t	 cp;

	if (n <= ST_CHUNK) {
		buf_puts(b, key);
		buf_put(b, " = \"", 4);
		buf_put(b, enc, n);
		buf_put(b, "\"", 1);
		buf_puts(b, eol);
		return;
	}
	while (pos < n) {
		for (end = pos; end < n; end += tok) {
			if (enc[end] == '\\')
				tok = enc[end + 1] == 'x' ? 4 : 2;
			else
				tok = utf8_decode(enc + end, n - end, &cp);
			if (end + tok - pos > ST_CHUNK)
				break;
		}
		buf_printf(b, "%s.%04zu = \"", key, k++);
		buf_put(b, enc + pos, end - pos);
		buf_put(b, "\"", 1);
		buf_puts(b, eol);
		pos = end;
	}
}

static void
sidecar_text_line_free(struct sidecar_text_line *l)
{
	free(l->word);
	free(l->rest);
	free(l->kv.key);
	free(l->kv.name);
	free(l->kv.value);
	memset(l, 0, sizeof *l);
}

static void
sidecar_text_kvs_free(struct sidecar_text_kv *kv, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].name);
		free(kv[i].value);
	}
	free(kv);
}

/* Lexes the line p..e (without its "\n") as iniparser 4.1 would: blanks and CR around
   are not part of it, ";" and "#" start a comment, a bare value ends at either. */
static int
sidecar_text_lex(const char *p, const char *e, struct sidecar_text_line *l)
{
	const char	*eq, *k, *v, *q;
	char		*c;
	size_t		 n;

	memset(l, 0, sizeof *l);
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		e--;
	if (p == e)
		return l->kind = ST_BLANK;
	if (*p == ';' || *p == '#')
		return l->kind = ST_COMMENT;
	if (*p == '[' && e[-1] == ']') {
		for (p++, e--; p < e && (*p == ' ' || *p == '\t'); p++)
			;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		for (k = p; k < e && *k != ' ' && *k != '\t'; k++)
			;
		l->word = xstrndup(p, (size_t)(k - p));
		for (c = l->word; *c != '\0'; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c + 32);
		while (k < e && (*k == ' ' || *k == '\t'))
			k++;
		l->rest = xstrndup(k, (size_t)(e - k));
		return l->kind = ST_SECTION;
	}
	if ((eq = memchr(p, '=', (size_t)(e - p))) == NULL || eq == p) {
		l->why = "not a [section], key = value or comment line";
		return l->kind = ST_BAD;
	}
	for (k = eq; k > p && (k[-1] == ' ' || k[-1] == '\t'); k--)
		;
	l->kv.key = xstrndup(p, (size_t)(k - p));
	l->kv.piece = -1;
	if (strncasecmp(l->kv.key, "tag", 3) == 0 && (l->kv.key[3] == ' ' ||
	    l->kv.key[3] == '\t' || l->kv.key[3] == '"')) {
		/* tag "NAME": the name keeps its case. */
		for (q = l->kv.key + 3; *q == ' ' || *q == '\t'; q++)
			;
		if (*q != '"' || (v = strchr(q + 1, '"')) == NULL || v[1] != '\0') {
			l->why = "a tag is tag \"NAME\" = person, theme or rejected";
			return l->kind = ST_BAD;
		}
		c = xstrndup(q + 1, (size_t)(v - q - 1));
		l->kv.name = sidecar_value_decode(c);
		free(c);
		if (l->kv.name == NULL) {
			l->why = "a bad escape in a tag name (\\\\ and \\xHH are the "
			    "escapes)";
			return l->kind = ST_BAD;
		}
		l->kv.fact = ST_TAG;
	} else {
		for (c = l->kv.key; *c != '\0'; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c + 32);
		c = l->kv.key;
		if (strncmp(c, "tag.", 4) == 0) {
			l->kv.fact = ST_TAG;
			l->kv.old = 1;
			if ((l->kv.name = sidecar_name_decode(c + 4)) == NULL) {
				l->why = "a bad tag name (^ takes a small letter, % two hex "
				    "digits)";
				return l->kind = ST_BAD;
			}
		} else if (strcmp(c, "read") == 0)
			l->kv.fact = ST_READ;
		else {
			static const struct {
				const char		*word;
				enum sidecar_text_fact	 fact;
			} words[] = {
				{ "fingerprint", ST_FP }, { "note", ST_NOTE }, { "path", ST_PATH }
			};
			size_t	 i, wl;

			for (i = 0; i < sizeof words / sizeof words[0]; i++) {
				wl = strlen(words[i].word);
				if (strncmp(c, words[i].word, wl) != 0)
					continue;
				if (c[wl] == '\0')
					l->kv.fact = words[i].fact;
				else if (c[wl] == '.' && strlen(c + wl + 1) == 4 &&
				    strspn(c + wl + 1, "0123456789") == 4) {
					l->kv.fact = words[i].fact;
					l->kv.piece = atoi(c + wl + 1);
				}
			}
		}
	}
	for (v = eq + 1; v < e && (*v == ' ' || *v == '\t'); v++)
		;
	if (v < e && (*v == '"' || *v == '\'')) {
		/* Quoted: up to the next quote of the same kind, as iniparser. Every
		   value rubric writes is closed: one that is not was cut short, and is
		   not taken for a shorter value. */
		if ((q = memchr(v + 1, *v, (size_t)(e - v - 1))) == NULL) {
			l->why = "a value opens a quote and does not close it (was the "
			    "file cut short?)";
			return l->kind = ST_BAD;
		}
		l->kv.value = xstrndup(v + 1, (size_t)(q - v - 1));
	} else {
		for (n = 0; v + n < e && v[n] != ';' && v[n] != '#'; n++)
			;
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		l->kv.value = xstrndup(v, n);
	}
	return l->kind = ST_KEY;
}

/* Makes the keys of a section that are not read as facts (a piece beside the whole key
   or after a gap in the numbers, a path where the header holds it) keys rubric does not
   know: a save keeps their lines byte for byte, as it keeps any hand edit. Each is a
   warning in d with its line (when d is not NULL). form is the section's. */
static void
sidecar_text_strays(struct sidecar_text_kv *kv, size_t n, enum sidecar_text_form form,
    const char *file, struct diag *d)
{
	static const enum sidecar_text_fact pieced[] = { ST_FP, ST_NOTE, ST_PATH };
	size_t		 i, j;
	int		 whole, found, miss = 0;

	for (i = 0; i < n; i++)
		if (kv[i].fact == ST_PATH && form != ST_HASH) {
			kv[i].fact = ST_OTHER;
			if (d != NULL)
				diag_add(d, DIAG_WARNING, file, kv[i].line, "%s: the "
				    "header holds this article's path, so rubric does not "
				    "read it; the file keeps it", kv[i].key);
		}
	for (j = 0; j < sizeof pieced / sizeof pieced[0]; j++) {
		whole = 0;
		for (i = 0; i < n; i++)
			whole |= kv[i].fact == pieced[j] && kv[i].piece == -1;
		/* miss: the first number missing, where the pieces read end. */
		for (miss = 0; !whole; miss++) {
			for (i = 0, found = 0; i < n && !found; i++)
				found = kv[i].fact == pieced[j] &&
				    kv[i].piece == miss;
			if (!found)
				break;
		}
		for (i = 0; i < n; i++) {
			if (kv[i].fact != pieced[j] || kv[i].piece == -1 ||
			    (!whole && kv[i].piece < miss))
				continue;
			kv[i].fact = ST_OTHER;
			if (d != NULL)
				diag_add(d, DIAG_WARNING, file, kv[i].line, "%s: %s, so "
				    "rubric does not read it; the file keeps it",
				    kv[i].key, whole ? "the whole key is given too" :
				    "a piece after a gap in the numbers");
		}
	}
}

/* The value of a fact that may be cut into NAME.0000, NAME.0001...: the whole key if
   given (the last one, as iniparser), else the pieces joined; decoded. A key given
   twice is a warning in d (when d is not NULL). Returns 0 and *out (caller frees, NULL
   if absent), or -1 after an error in d. */
static int
sidecar_text_joined(const struct sidecar_text_kv *kv, size_t n, enum sidecar_text_fact f,
    char **out, const char *file, struct diag *d)
{
	struct buf		 b;
	const struct sidecar_text_kv *whole = NULL, *first = NULL;
	size_t			 i, k = 0;
	int			 found, line = 0;

	*out = NULL;
	memset(&b, 0, sizeof b);
	for (i = 0; i < n; i++) {
		if (kv[i].fact != f || kv[i].piece != -1)
			continue;
		if (whole != NULL && d != NULL)
			diag_add(d, DIAG_WARNING, file, kv[i].line, "%s given twice (lines "
			    "%d and %d): rubric reads line %d; a change to it replaces "
			    "both", kv[i].key, whole->line, kv[i].line, kv[i].line);
		whole = &kv[i];
	}
	if (whole != NULL) {
		buf_puts(&b, whole->value);
		line = whole->line;
	} else
		for (k = 0;; k++) {
			found = 0;
			for (i = 0; i < n; i++) {
				if (kv[i].fact != f || kv[i].piece != (int)k)
					continue;
				if (found && d != NULL)
					diag_add(d, DIAG_WARNING, file, kv[i].line, "%s given "
					    "twice (lines %d and %d): rubric reads line %d; "
					    "a change to it replaces both", kv[i].key,
					    first->line, kv[i].line, kv[i].line);
				if (found)
					b.n -= strlen(first->value);
				buf_puts(&b, kv[i].value);
				first = &kv[i];
				if (line == 0)
					line = kv[i].line;
				found = 1;
			}
			if (!found)
				break;
		}
	if (b.s == NULL)
		return 0;
	*out = sidecar_value_decode(b.s);
	free(b.s);
	if (*out == NULL && d != NULL)
		diag_add(d, DIAG_ERROR, file, line, "a bad escape in a value (\\\\ and "
		    "\\xHH are the escapes)");
	return *out == NULL ? -1 : 0;
}

/* Fills e (its path set) from the keys of its section. Duplicate keys are warnings in d,
   errors return -1; d may be NULL to read a section read once already. */
static int
sidecar_text_entry(struct sidecar_entry *e, const struct sidecar_text_kv *kv, size_t n,
    const char *file, struct diag *d)
{
	struct sidecar_tag	 key;
	char			*v;
	size_t			 i, j;
	int			 origin, readline = 0;

	if (sidecar_text_joined(kv, n, ST_NOTE, &v, file, d) == -1)
		return -1;
	e->note = v;
	if (sidecar_text_joined(kv, n, ST_FP, &v, file, d) == -1)
		return -1;
	e->fingerprint = v;
	for (i = 0; i < n; i++) {
		if (kv[i].fact == ST_READ) {
			if (strcmp(kv[i].value, "yes") != 0 && strcmp(kv[i].value, "no") != 0) {
				if (d != NULL)
					diag_add(d, DIAG_ERROR, file, kv[i].line, "read: "
					    "the value is yes or no");
				return -1;
			}
			if (readline != 0 && d != NULL)
				diag_add(d, DIAG_WARNING, file, kv[i].line, "read given "
				    "twice (lines %d and %d): rubric reads line %d; a change "
				    "to it replaces both", readline, kv[i].line, kv[i].line);
			readline = kv[i].line;
			e->read = strcmp(kv[i].value, "yes") == 0;
			continue;
		}
		if (kv[i].fact != ST_TAG)
			continue;
		for (origin = 0; origin < 3; origin++)
			if (strcmp(kv[i].value, sidecar_text_origins[origin]) == 0)
				break;
		v = xstrdup(kv[i].name);
		if (origin == 3 || sidecar_tag_check(v, NULL) == -1 ||
		    strcmp(v, kv[i].name) != 0) {
			if (d != NULL)
				diag_add(d, DIAG_ERROR, file, kv[i].line, "%s: %s",
				    kv[i].key, origin == 3 ? "the value is person, theme or "
				    "rejected" : "a bad tag name");
			free(v);
			return -1;
		}
		free(v);
		key.name = kv[i].name;
		if (d != NULL && e->ntags > 0 && bsearch(&key, e->tags, e->ntags,
		    sizeof *e->tags, sidecar_text_cmp_tag) != NULL) {
			for (j = 0; j < i; j++)
				if (kv[j].fact == ST_TAG && strcmp(kv[j].name,
				    kv[i].name) == 0)
					break;
			diag_add(d, DIAG_WARNING, file, kv[i].line, "tag '%s' given twice "
			    "(lines %d and %d): rubric reads line %d; a change to it "
			    "replaces both", kv[i].name, kv[j].line, kv[i].line, kv[i].line);
		}
		sidecar_tag_set(e, kv[i].name, origin);
	}
	return 0;
}

static int
sidecar_text_empty(const struct sidecar_entry *e)
{
	return e == NULL || (e->note == NULL && e->ntags == 0 && !e->read &&
	    e->fingerprint == NULL);
}

/* What an article's entry says, in 64 bits: a section whose article hashes as it did
   when read is copied as it is. */
static uint64_t
sidecar_text_hash(const char *path, const struct sidecar_entry *e)
{
	uint64_t	 h = 14695981039346656037ULL;
	const char	*parts[4];
	size_t		 i, j;
	const char	*p;

#define ST_MIX(c)	(h = (h ^ (unsigned char)(c)) * 1099511628211ULL)
	parts[0] = path;
	parts[1] = e != NULL ? e->fingerprint : NULL;
	parts[2] = e != NULL ? e->note : NULL;
	parts[3] = e != NULL && e->read ? "" : NULL;
	for (i = 0; i < 4; i++) {
		if (parts[i] == NULL) {
			ST_MIX(1);
			continue;
		}
		for (p = parts[i]; *p != '\0'; p++)
			ST_MIX(*p);
		ST_MIX(0);
	}
	for (j = 0; e != NULL && j < e->ntags; j++) {
		for (p = e->tags[j].name; *p != '\0'; p++)
			ST_MIX(*p);
		ST_MIX(0);
		ST_MIX('0' + e->tags[j].origin);
	}
#undef ST_MIX
	return h ^ (h >> 29);
}

static int
sidecar_text_cmp_tag(const void *a, const void *b)
{
	return strcmp(((const struct sidecar_tag *)a)->name,
	    ((const struct sidecar_tag *)b)->name);
}

/* The header an article gets: its path in quotes, or "#" and a hash of it (with the
   path in a key) when stock iniparser could not look its keys up. b is scratch. */
static enum sidecar_text_form
sidecar_text_form(const struct sidecar_entry *e, struct buf *b)
{
	size_t	 longest = strlen("fingerprint.0000"), j, name;

	buf_reset(b);
	sidecar_text_quote(b, e->path, "]:");
	name = b->n;
	for (j = 0; j < e->ntags; j++) {
		buf_reset(b);
		sidecar_text_quote(b, e->tags[j].name, "=");
		if (b->n + 6 > longest)
			longest = b->n + 6;
	}
	return name > ST_NAMEMAX || strlen("article \"\":") + name + longest >
	    ST_LOOKUPMAX ? ST_HASH : ST_QUOTED;
}

static void
sidecar_text_header(struct buf *b, const char *path,
    enum sidecar_text_form form, const char *eol)
{
	uint64_t	 h = 14695981039346656037ULL;
	const char	*p;
	char		 hash[24];

	if (form == ST_HASH) {
		for (p = path; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		snprintf(hash, sizeof hash, "#%016llx", (unsigned long long)h);
		buf_puts(b, "[article ");
		buf_puts(b, hash);
		buf_puts(b, "]");
	} else {
		buf_puts(b, "[article \"");
		sidecar_text_quote(b, path, "]:");
		buf_puts(b, "\"]");
	}
	buf_puts(b, eol);
}

/* The line or lines of one fact of e (tag number t for ST_TAG), nothing if e lacks it.
   ST_PATH writes e's path. */
static void
sidecar_text_fact(struct buf *b, const struct sidecar_entry *e,
    enum sidecar_text_fact f, size_t t, const char *eol)
{
	struct buf		 enc;
	const char		*key;
	size_t			 start, at;

	memset(&enc, 0, sizeof enc);
	switch (f) {
	case ST_FP:
	case ST_NOTE:
	case ST_PATH:
		if (f == ST_FP && e->fingerprint == NULL)
			break;
		if (f == ST_NOTE && e->note == NULL)
			break;
		key = f == ST_FP ? "fingerprint" : f == ST_NOTE ? "note" : "path";
		/* Encoded in place; a value too long for a line (rare) is cut. */
		start = b->n;
		buf_puts(b, key);
		buf_put(b, " = \"", 4);
		at = b->n;
		sidecar_text_quote(b, f == ST_FP ? e->fingerprint : f == ST_NOTE ?
		    e->note : e->path, "");
		if (b->n - at <= ST_CHUNK) {
			buf_put(b, "\"", 1);
			buf_puts(b, eol);
			break;
		}
		buf_put(&enc, b->s + at, b->n - at);
		b->n = start;
		sidecar_text_chunks(b, key, enc.s, eol);
		break;
	case ST_READ:
		if (e->read) {
			buf_puts(b, "read = yes");
			buf_puts(b, eol);
		}
		break;
	case ST_TAG:
		buf_puts(b, "tag \"");
		sidecar_text_quote(b, e->tags[t].name, "=");
		buf_puts(b, "\" = ");
		buf_puts(b, sidecar_text_origins[e->tags[t].origin]);
		buf_puts(b, eol);
		break;
	case ST_OTHER:
		break;
	}
	free(enc.s);
}

/* A whole section for e, as a new article gets it. */
static void
sidecar_text_section(struct buf *b, const struct sidecar_entry *e,
    enum sidecar_text_form form, const char *eol)
{
	size_t	 t;

	sidecar_text_header(b, e->path, form, eol);
	sidecar_text_fact(b, e, ST_FP, 0, eol);
	sidecar_text_fact(b, e, ST_NOTE, 0, eol);
	if (form == ST_HASH)
		sidecar_text_fact(b, e, ST_PATH, 0, eol);
	sidecar_text_fact(b, e, ST_READ, 0, eol);
	for (t = 0; t < e->ntags; t++)
		sidecar_text_fact(b, e, ST_TAG, t, eol);
}

static struct sidecar_text_sec *
sidecar_text_sec_add(struct sidecar_layout *l, size_t off, const char *path,
    enum sidecar_text_form form, int line)
{
	struct sidecar_text_sec	*sec;

	if (l->nsecs == l->cap) {
		l->cap = l->cap > 0 ? l->cap * 2 : 64;
		l->secs = xreallocarray(l->secs, l->cap, sizeof *l->secs);
	}
	sec = &l->secs[l->nsecs++];
	memset(sec, 0, sizeof *sec);
	sec->off = sec->end = off;
	sec->path = path != NULL ? xstrdup(path) : NULL;
	sec->form = form;
	sec->line = line;
	return sec;
}

static int
sidecar_text_cmp_sec(const void *a, const void *b)
{
	const struct sidecar_text_sec	*x = *(const struct sidecar_text_sec *const *)a;
	const struct sidecar_text_sec	*y = *(const struct sidecar_text_sec *const *)b;
	int				 r = strcmp(x->path, y->path);

	return r != 0 ? r : x->line < y->line ? -1 : x->line > y->line;
}

/* Ends the section being read: an article's makes its entry. */
static int
sidecar_text_finish(struct sidecar *s, struct sidecar_layout *l, struct sidecar_text_kv *kv,
    size_t n, const char *file, struct diag *d)
{
	struct sidecar_text_sec	*sec = &l->secs[l->nsecs - 1];
	struct sidecar_entry	*e;
	char			*p = NULL;
	size_t			 i;

	if (sec->form == ST_NONE)
		return 0;
	sec->old = sec->form == ST_OLD;
	for (i = 0; i < n; i++)
		sec->old |= kv[i].old;
	sidecar_text_strays(kv, n, sec->form, file, d);
	if (sec->form == ST_HASH) {
		if (sidecar_text_joined(kv, n, ST_PATH, &p, file, NULL) == -1 ||
		    p == NULL || *p == '\0') {
			diag_add(d, DIAG_ERROR, file, sec->line, "[article %s] needs a "
			    "path = \"...\" with good escapes", sec->path);
			free(p);
			return -1;
		}
		free(sec->path);
		sec->path = p;
	}
	/* Appended as read, sorted once at the end: the file is one pass. */
	if (s->n == s->cap) {
		s->cap = s->cap > 0 ? s->cap * 2 : 64;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->path = xstrdup(sec->path);
	return sidecar_text_entry(e, kv, n, file, d);
}

int
sidecar_text_parse(struct sidecar *s, char *buf, size_t len, const char *path,
    struct diag *d)
{
	struct sidecar_layout	*l = xcalloc(1, sizeof *l);
	struct sidecar_text_line lx;
	struct sidecar_text_kv	*kv = NULL;
	struct sidecar_text_sec	**order;
	struct sidecar_entry	*e;
	char			*p, *end, *nl, *name;
	size_t			 nkv = 0, capkv = 0, i, k, n;
	int			 line = 0, rc = 0;
	enum sidecar_text_form	 form;

	l->text = buf;
	l->len = len;
	nl = memchr(buf, '\n', len);
	l->crlf = nl != NULL && nl > buf && nl[-1] == '\r';
	sidecar_text_sec_add(l, 0, NULL, ST_NONE, 0);
	for (p = buf, end = buf + len; p < end && rc == 0; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		line++;
		if (nl - p > INI_MAXLINE) {
			diag_add(d, DIAG_ERROR, path, line, "line is %zu bytes long; the "
			    "longest iniparser reads is %d", (size_t)(nl - p), INI_MAXLINE);
			rc = -1;
			break;
		}
		/* A merge made without the driver: said as what it is. */
		if (merge_marker(p, (size_t)(nl - p)) != 0) {
			diag_add(d, DIAG_ERROR, path, line, "a git conflict marker: run "
			    "rubric merge-sidecar --resolve %s", path);
			rc = -1;
			break;
		}
		switch (sidecar_text_lex(p, nl, &lx)) {
		case ST_BAD:
			diag_add(d, DIAG_ERROR, path, line, "%s", lx.why);
			rc = -1;
			break;
		case ST_BLANK:
		case ST_COMMENT:
			break;
		case ST_SECTION:
			if ((rc = sidecar_text_finish(s, l, kv, nkv, path, d)) == -1)
				break;
			sidecar_text_kvs_free(kv, nkv);
			kv = NULL;
			nkv = capkv = 0;
			l->secs[l->nsecs - 1].end = (size_t)(p - buf);
			form = ST_NONE;
			name = NULL;
			if (strcmp(lx.word, "article") == 0) {
				if (lx.rest[0] == '"') {
					n = strlen(lx.rest);
					form = ST_QUOTED;
					if (n < 2 || lx.rest[n - 1] != '"' ||
					    memchr(lx.rest + 1, '"', n - 2) != NULL)
						name = NULL;
					else {
						lx.rest[n - 1] = '\0';
						name = sidecar_value_decode(lx.rest + 1);
					}
				} else if (lx.rest[0] == '#') {
					form = ST_HASH;
					name = xstrdup(lx.rest);
				} else {
					/* The first format: iniparser lowercased it. */
					form = ST_OLD;
					for (i = 0; lx.rest[i] != '\0'; i++)
						if (lx.rest[i] >= 'A' && lx.rest[i] <= 'Z')
							lx.rest[i] = (char)(lx.rest[i] + 32);
					name = sidecar_name_decode(lx.rest);
				}
				if (name == NULL || *name == '\0') {
					diag_add(d, DIAG_ERROR, path, line, "[article %s]: a "
					    "bad name (it is [article \"PATH\"], with \\\\ and "
					    "\\xHH the escapes)", lx.rest);
					free(name);
					rc = -1;
					break;
				}
			}
			sidecar_text_sec_add(l, (size_t)(p - buf), name, form, line);
			free(name);
			break;
		case ST_KEY:
			if (l->nsecs == 1) {
				diag_add(d, DIAG_ERROR, path, line, "a key before any "
				    "[article ...] section");
				rc = -1;
				break;
			}
			/* Keys of other sections ([passage ...], [meta]) are kept as
			   text, not read. */
			if (l->secs[l->nsecs - 1].form == ST_NONE)
				break;
			if (nkv == capkv) {
				capkv = capkv > 0 ? capkv * 2 : 16;
				kv = xreallocarray(kv, capkv, sizeof *kv);
			}
			kv[nkv] = lx.kv;
			kv[nkv++].line = line;
			memset(&lx.kv, 0, sizeof lx.kv);
			break;
		}
		sidecar_text_line_free(&lx);
	}
	if (rc == 0) {
		l->secs[l->nsecs - 1].end = len;
		rc = sidecar_text_finish(s, l, kv, nkv, path, d);
	}
	sidecar_text_kvs_free(kv, nkv);
	if (rc == -1) {
		sidecar_text_free(l);
		return -1;
	}
	/* An article given twice is read as one (later keys win, tags of both), and
	   said. */
	order = xreallocarray(NULL, l->nsecs, sizeof *order);
	for (i = n = 0; i < l->nsecs; i++)
		if (l->secs[i].form != ST_NONE)
			order[n++] = &l->secs[i];
	qsort(order, n, sizeof *order, sidecar_text_cmp_sec);
	for (i = 1, k = 0; i < n; i++) {
		if (strcmp(order[k]->path, order[i]->path) != 0) {
			k = i;
			continue;
		}
		diag_add(d, DIAG_WARNING, path, order[i]->line, "article '%s' again "
		    "(lines %d and %d): read as one; a change to it is saved at line %d "
		    "and taken out of the later section", order[i]->path,
		    order[k]->line, order[i]->line, order[k]->line);
	}
	free(order);
	sidecar_sort(s);
	for (i = 0; i < l->nsecs; i++)
		if (l->secs[i].form != ST_NONE) {
			e = sidecar_entry(s, l->secs[i].path, 0);
			l->secs[i].hash = sidecar_text_hash(l->secs[i].path, e);
		}
	s->layout = l;
	return 0;
}

/* Writes section sec of l again for entry e (NULL: none): with mode 1, e's facts;
   mode 2, none (a later section of an article given twice); mode 0, the facts the
   section says itself (a section of the first format, whose article did not change).
   Lines of the facts that stay are kept as they are, lines of others (comments, keys
   rubric does not know) too; the facts that change are written in place of their
   first line, new ones in order among the others. */
static void
sidecar_text_rewrite(struct buf *out, const struct sidecar_layout *l,
    const struct sidecar_text_sec *sec, const struct sidecar_entry *e, int mode)
{
	struct sidecar_text_item *it = NULL, tmp;
	struct sidecar_text_line lx;
	struct sidecar_text_kv	*kv = NULL;
	struct buf		 gen, scratch;
	struct sidecar_entry	 se, none, *want;
	struct sidecar_tag	 key, *t;
	const char		*p, *end, *nl, *eol = l->crlf ? "\r\n" : "\n";
	char			*sepath = NULL, *wantpath;
	unsigned char		*placed;
	size_t			 n = 0, nkv = 0, i, j, at, g;
	int			 keep_header, others = 0, comments = 0, rank, equal;
	enum sidecar_text_form	 form;

	memset(&gen, 0, sizeof gen);
	memset(&scratch, 0, sizeof scratch);
	buf_put(&gen, "", 0);
	/* The lines of the section, and what they say. */
	it = xreallocarray(NULL, 16, sizeof *it);
	for (p = l->text + sec->off, end = l->text + sec->end; p < end; p = nl) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl != NULL ? nl + 1 : end;
		if ((n & (n - 1)) == 0 && n >= 16)
			it = xreallocarray(it, n * 2, sizeof *it);
		memset(&it[n], 0, sizeof it[n]);
		it[n].off = (size_t)(p - l->text);
		it[n].len = (size_t)(nl - p);
		it[n].rank = -1;
		it[n].kind = (enum sidecar_text_kind)sidecar_text_lex(p, nl, &lx);
		if (it[n].kind == ST_KEY) {
			kv = xreallocarray(kv, nkv + 1, sizeof *kv);
			kv[nkv] = lx.kv;
			kv[nkv].line = (int)n;	/* here: the item it is */
			memset(&lx.kv, 0, sizeof lx.kv);
			nkv++;
		}
		comments += it[n].kind == ST_COMMENT;
		sidecar_text_line_free(&lx);
		n++;
	}
	/* Keys not read as facts are kept like any key rubric does not know. */
	sidecar_text_strays(kv, nkv, sec->form, NULL, NULL);
	for (i = 0; i < nkv; i++)
		others += kv[i].fact == ST_OTHER;
	memset(&se, 0, sizeof se);
	memset(&none, 0, sizeof none);
	se.path = none.path = sec->path;
	sidecar_text_entry(&se, kv, nkv, NULL, NULL);
	sidecar_text_joined(kv, nkv, ST_PATH, &sepath, NULL, NULL);
	want = mode == 0 ? &se : mode == 1 && e != NULL ? (struct sidecar_entry *)e :
	    &none;
	keep_header = !sidecar_text_empty(want) || others > 0;
	form = sidecar_text_form(want, &scratch);
	wantpath = keep_header && form == ST_HASH ? sec->path : NULL;
	placed = xcalloc(want->ntags + 4, 1);	/* FP, NOTE, PATH, READ, tags */
	/* Line by line: a fact that stays keeps its lines, one that changes is
	   written at its first. */
	for (i = 0; i < nkv; i++) {
		const struct sidecar_text_kv *k = &kv[i];
		struct sidecar_text_item *x = &it[k->line];

		if (k->fact == ST_OTHER)
			continue;
		t = NULL;
		if (k->fact == ST_TAG) {
			key.name = k->name;
			t = want->ntags > 0 ? bsearch(&key, want->tags, want->ntags,
			    sizeof *want->tags, sidecar_text_cmp_tag) : NULL;
		}
		switch (k->fact) {
		case ST_FP:
			equal = (want->fingerprint == NULL) == (se.fingerprint == NULL) &&
			    (se.fingerprint == NULL ||
			    strcmp(want->fingerprint, se.fingerprint) == 0);
			rank = 0;
			break;
		case ST_NOTE:
			equal = (want->note == NULL) == (se.note == NULL) &&
			    (se.note == NULL || strcmp(want->note, se.note) == 0);
			rank = 1;
			break;
		case ST_PATH:
			equal = (wantpath == NULL) == (sepath == NULL) &&
			    (sepath == NULL || strcmp(wantpath, sepath) == 0);
			rank = 2;
			break;
		case ST_READ:
			equal = want->read == se.read;
			rank = 3;
			break;
		default:
			/* As read, the tag's origin is that of its last line. */
			for (j = 0; j < se.ntags; j++)
				if (strcmp(se.tags[j].name, k->name) == 0)
					break;
			equal = t != NULL && j < se.ntags &&
			    t->origin == se.tags[j].origin;
			rank = t != NULL ? 4 + (int)(t - want->tags) : -1;
			break;
		}
		if (equal && k->old && keep_header) {
			/* The first format's line, said in the new one: each line
			   of its own, duplicates too. */
			x->gen = 1;
			x->off = gen.n;
			buf_puts(&gen, "tag \"");
			sidecar_text_quote(&gen, k->name, "=");
			buf_puts(&gen, "\" = ");
			buf_puts(&gen, k->value);
			buf_puts(&gen, eol);
			x->len = gen.n - x->off;
			x->rank = 4;
			x->name = k->name;
			x->kind = ST_KEY;
			placed[rank] = 1;
			continue;
		}
		x->kind = ST_KEY;
		x->rank = rank >= 4 ? 4 : rank;
		x->name = k->fact == ST_TAG ? k->name : NULL;
		if (equal && rank != -1 && keep_header) {
			placed[rank] = 1;
			continue;
		}
		if (rank == -1 || placed[rank] || !keep_header) {
			x->len = 0;		/* dropped */
			x->rank = -1;
			continue;
		}
		/* Written in place of the first line of the fact. */
		placed[rank] = 1;
		x->gen = 1;
		x->off = gen.n;
		if (k->fact == ST_PATH) {
			if (wantpath != NULL)
				sidecar_text_fact(&gen, want, ST_PATH, 0, eol);
		} else
			sidecar_text_fact(&gen, want, k->fact, (size_t)(rank - 4), eol);
		x->len = gen.n - x->off;
		if (x->len == 0)
			x->rank = -1;
	}
	/* The header: kept unless its form changes. */
	if (n > 0 && it[0].kind == ST_SECTION && (!keep_header || sec->form != form)) {
		if (keep_header) {
			it[0].gen = 1;
			it[0].off = gen.n;
			sidecar_text_header(&gen, sec->path, form, eol);
			it[0].len = gen.n - it[0].off;
		} else
			it[0].len = 0;
	}
	if (!keep_header && comments == 0)
		for (i = 0; i < n; i++)
			if (it[i].kind == ST_BLANK)
				it[i].len = 0;
	/* Facts not written yet go before the first fact after them, else after the
	   last fact, else after the header. */
	for (rank = 0; keep_header && (size_t)rank < want->ntags + 4; rank++) {
		if (placed[rank] || (rank == 2 && wantpath == NULL))
			continue;
		g = gen.n;
		if (rank >= 4)
			sidecar_text_fact(&gen, want, ST_TAG, (size_t)(rank - 4), eol);
		else
			sidecar_text_fact(&gen, want, rank == 0 ? ST_FP : rank == 1 ?
			    ST_NOTE : rank == 2 ? ST_PATH : ST_READ, 0, eol);
		if (gen.n == g)
			continue;
		memset(&tmp, 0, sizeof tmp);
		tmp.gen = 1;
		tmp.off = g;
		tmp.len = gen.n - g;
		tmp.rank = rank >= 4 ? 4 : rank;
		tmp.name = rank >= 4 ? want->tags[rank - 4].name : NULL;
		tmp.kind = ST_KEY;
		at = n;
		for (i = 0; i < n; i++)
			if (it[i].rank >= 0 && it[i].len > 0 && (it[i].rank > tmp.rank ||
			    (it[i].rank == 4 && tmp.rank == 4 &&
			    strcmp(it[i].name, tmp.name) > 0))) {
				at = i;
				break;
			}
		if (at == n) {
			for (i = n; i > 0; i--)
				if ((it[i - 1].rank >= 0 && it[i - 1].len > 0) ||
				    it[i - 1].kind == ST_SECTION)
					break;
			at = i;
		}
		/* The path of a section that takes the "#" form goes after every
		   key: a hand-written path = line there, kept, is read no more. */
		if (rank == 2 && sec->form != ST_HASH)
			for (at = n; at > 0; at--)
				if ((it[at - 1].kind == ST_KEY && it[at - 1].len > 0) ||
				    it[at - 1].kind == ST_SECTION)
					break;
		if ((n & (n - 1)) == 0 && n >= 16)
			it = xreallocarray(it, n * 2, sizeof *it);
		memmove(&it[at + 1], &it[at], (n - at) * sizeof *it);
		it[at] = tmp;
		n++;
		placed[rank] = 1;
	}
	for (i = 0; i < n; i++) {
		if (it[i].len == 0)
			continue;
		/* The last line of a file may lack its line end: a line added after
		   it must not join it. */
		if (out->n > 0 && out->s[out->n - 1] != '\n')
			buf_puts(out, eol);
		buf_put(out, (it[i].gen ? gen.s : l->text) + it[i].off, it[i].len);
	}
	free(placed);
	free(it);
	free(gen.s);
	free(scratch.s);
	free(sepath);
	sidecar_text_kvs_free(kv, nkv);
	for (j = 0; j < se.ntags; j++)
		free(se.tags[j].name);
	free(se.tags);
	free(se.note);
	free(se.fingerprint);
}

/* Copies bytes of the old text to out, as section path of the layout being made. */
static void
sidecar_text_copy(struct buf *out, struct sidecar_layout *next,
    const char *p, size_t n, const char *path, enum sidecar_text_form form,
    uint64_t hash)
{
	struct sidecar_text_sec	*sec;

	sec = sidecar_text_sec_add(next, out->n, path, form, 0);
	buf_put(out, p, n);
	sec->end = out->n;
	sec->hash = hash;
}

/* A new article's section, at the end of out or before the section that follows;
   recorded in next unless it is NULL. scratch is the caller's. */
static void
sidecar_text_add(struct buf *out, struct sidecar_layout *next,
    const struct sidecar_entry *e, int at_end, const char *eol,
    struct buf *scratch)
{
	struct sidecar_text_sec	*sec = NULL;
	enum sidecar_text_form	 form;
	size_t			 el = strlen(eol);

	if (at_end && out->n > 0) {
		if (out->s[out->n - 1] != '\n')
			buf_puts(out, eol);
		/* One blank line between sections. */
		if (out->n < 2 * el || memcmp(out->s + out->n - 2 * el, eol, el) != 0)
			buf_puts(out, eol);
	}
	form = sidecar_text_form(e, scratch);
	if (next != NULL)
		sec = sidecar_text_sec_add(next, out->n, e->path, form, 0);
	sidecar_text_section(out, e, form, eol);
	if (!at_end)
		buf_puts(out, eol);
	if (sec != NULL) {
		sec->end = out->n;
		sec->hash = sidecar_text_hash(e->path, e);
	}
}

int
sidecar_text_write(const struct sidecar *s, FILE *f)
{
	static const char	 head[] = "; rubric sidecar: the tags, notes and read "
	    "flags of the articles in this\n; folder, one section per article. It "
	    "may be edited by hand; see rubric(5).\n";
	const struct sidecar_layout *l = s->layout;
	struct sidecar_layout	*next = xcalloc(1, sizeof *next);
	struct buf		 out, scratch;
	const struct sidecar_text_sec *sec;
	const struct sidecar_entry *e;
	unsigned char		*has;
	const char		*eol = l != NULL && l->crlf ? "\r\n" : "\n";
	size_t			 i, j = 0, k;
	uint64_t		 h;
	int			 mode, rc;

	memset(&out, 0, sizeof out);
	memset(&scratch, 0, sizeof scratch);
	buf_put(&out, "", 0);
	next->crlf = l != NULL && l->crlf;
	has = xcalloc(s->n + 1, 1);
	if (l == NULL || l->len == 0)
		sidecar_text_copy(&out, next, head, strlen(head), NULL, ST_NONE, 0);
	else
		for (k = 0; k < l->nsecs; k++)
			if (l->secs[k].form != ST_NONE &&
			    (e = sidecar_entry((struct sidecar *)s, l->secs[k].path,
			    0)) != NULL)
				has[e - s->v] = 1;
	for (k = 0; l != NULL && k < l->nsecs; k++) {
		sec = &l->secs[k];
		if (sec->form == ST_NONE) {
			sidecar_text_copy(&out, next, l->text + sec->off,
			    sec->end - sec->off, NULL, ST_NONE, 0);
			continue;
		}
		/* New articles go in path order before the sections of others. */
		for (; j < s->n && strcmp(s->v[j].path, sec->path) < 0; j++)
			if (!has[j] && !sidecar_text_empty(&s->v[j]))
				sidecar_text_add(&out, next, &s->v[j], 0, eol,
				    &scratch);
		e = sidecar_entry((struct sidecar *)s, sec->path, 0);
		h = sidecar_text_hash(sec->path, e);
		if (h == sec->hash && !sec->old) {
			sidecar_text_copy(&out, next, l->text + sec->off,
			    sec->end - sec->off, sec->path, sec->form, h);
			continue;
		}
		if (h == sec->hash)
			mode = 0;
		else if (e != NULL && has[e - s->v] == 2)
			mode = 2;
		else
			mode = 1;
		if (e != NULL)
			has[e - s->v] = 2;
		i = out.n;
		sidecar_text_rewrite(&out, l, sec, e, mode);
		if (out.n > i) {
			struct sidecar_text_sec	*ns;

			ns = sidecar_text_sec_add(next, i, sec->path, ST_NONE, 0);
			ns->end = out.n;
			ns->hash = h;
			/* What the header says now. */
			if (out.s[i] == '[') {
				struct sidecar_text_line lx;
				const char	*nl = memchr(out.s + i, '\n', out.n - i);

				sidecar_text_lex(out.s + i, nl != NULL ? nl : out.s + out.n,
				    &lx);
				ns->form = lx.kind == ST_SECTION && lx.rest != NULL &&
				    lx.rest[0] == '#' ? ST_HASH : ST_QUOTED;
				sidecar_text_line_free(&lx);
			} else {
				/* Only comments left: they join the section before. */
				free(ns->path);
				ns->path = NULL;
			}
		}
	}
	for (; j < s->n; j++)
		if (!has[j] && !sidecar_text_empty(&s->v[j]))
			sidecar_text_add(&out, l != NULL ? next : NULL, &s->v[j], 1,
			    eol, &scratch);
	/* A file whose every section went (each article's last fact removed) is
	   written as a new one is, so that what is written reads back the same. */
	if (out.n == 0)
		sidecar_text_copy(&out, next, head, strlen(head), NULL, ST_NONE, 0);
	free(has);
	free(scratch.s);
	rc = fwrite(out.s, 1, out.n, f) != out.n || fflush(f) == EOF || ferror(f) ?
	    -1 : 0;
	next->text = out.s;
	next->len = out.n;
	if (rc == 0 && l != NULL) {
		sidecar_text_free(l->next);
		((struct sidecar_layout *)l)->next = next;
	} else
		sidecar_text_free(next);
	return rc;
}

void
sidecar_text_settle(struct sidecar *s)
{
	struct sidecar_layout	*next;

	if (s->layout == NULL || s->layout->next == NULL)
		return;
	next = s->layout->next;
	s->layout->next = NULL;
	sidecar_text_free(s->layout);
	s->layout = next;
}

void
sidecar_text_free(struct sidecar_layout *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nsecs; i++)
		free(l->secs[i].path);
	free(l->secs);
	free(l->text);
	sidecar_text_free(l->next);
	free(l);
}

/* Adds line p..e (its line end cut) of the text to h as a hand edit. */
static void
sidecar_text_hand_add(struct sidecar_hand *h, const char *p, const char *e, int lineno,
    int shadowed)
{
	while (e > p && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->shadowed = xreallocarray(h->shadowed, h->n + 1, sizeof *h->shadowed);
	h->lineno = xreallocarray(h->lineno, h->n + 1, sizeof *h->lineno);
	h->lines[h->n] = xstrndup(p, (size_t)(e - p));
	h->shadowed[h->n] = shadowed;
	h->lineno[h->n] = lineno;
	h->n++;
}

/* Whether the fact kv[i] of a section is read: the last of its whole key, or a piece
   of an unbroken run from 0 when there is no whole key (its last line); the last of a
   tag's or read's lines. Mirrors sidecar_text_joined and sidecar_text_entry. */
static int
sidecar_text_hand_read(const struct sidecar_text_kv *kv, size_t n, size_t i, int hash)
{
	size_t	 j;
	int	 whole = 0, k;

	if (kv[i].fact == ST_PATH && !hash)
		return 0;
	for (j = i + 1; j < n; j++)
		if (kv[j].fact == kv[i].fact && (kv[i].fact == ST_READ ||
		    (kv[i].fact == ST_TAG && strcmp(kv[j].name, kv[i].name) == 0) ||
		    (kv[i].fact != ST_TAG && kv[j].piece == kv[i].piece)))
			return 0;
	if (kv[i].fact == ST_READ || kv[i].fact == ST_TAG || kv[i].piece == -1)
		return 1;
	for (j = 0; j < n; j++)
		whole |= kv[j].fact == kv[i].fact && kv[j].piece == -1;
	if (whole)
		return 0;
	for (k = 0; k < kv[i].piece; k++) {
		for (j = 0; j < n; j++)
			if (kv[j].fact == kv[i].fact && kv[j].piece == k)
				break;
		if (j == n)
			return 0;
	}
	return 1;
}

int
sidecar_text_hands(const char *text, size_t len, const char *path,
    struct sidecar_hand **v, size_t *n, struct diag *d)
{
	struct sidecar		 s;
	struct sidecar_layout	*l;
	struct sidecar_text_line lx;
	struct sidecar_text_kv	*kv = NULL;
	struct sidecar_hand	*h;
	const struct sidecar_text_sec *sec;
	const char		*p, *nl, *end, **at = NULL;
	int			*lno = NULL;
	size_t			 i, j, nkv;
	int			 line = 0, kind;

	*v = NULL;
	*n = 0;
	sidecar_init(&s);
	if (sidecar_text_parse(&s, xstrndup(text, len), len, path, d) == -1)
		return -1;
	l = s.layout;
	*v = xcalloc(l->nsecs, sizeof **v);
	for (i = 0; i < l->nsecs; i++) {
		sec = &l->secs[i];
		h = &(*v)[(*n)++];
		h->article = sec->form != ST_NONE;
		h->body = h->last = sec->off;
		nkv = 0;
		for (p = l->text + sec->off, end = l->text + sec->end; p < end; p = nl) {
			nl = memchr(p, '\n', (size_t)(end - p));
			nl = nl != NULL ? nl + 1 : end;
			line++;
			kind = sidecar_text_lex(p, nl, &lx);
			if (kind != ST_BLANK)
				h->last = (size_t)(nl - l->text);
			if (kind == ST_SECTION && p == l->text + sec->off) {
				h->body = (size_t)(nl - l->text);
				h->header = xstrndup(p, (size_t)(nl - p));
				h->header[strcspn(h->header, "\r\n")] = '\0';
			} else if (kind == ST_COMMENT ||
			    (kind == ST_KEY && (!h->article || lx.kv.fact == ST_OTHER)))
				sidecar_text_hand_add(h, p, nl, line, 0);
			else if (kind == ST_KEY) {
				kv = xreallocarray(kv, nkv + 1, sizeof *kv);
				at = xreallocarray(at, nkv + 1, sizeof *at);
				lno = xreallocarray(lno, nkv + 1, sizeof *lno);
				kv[nkv] = lx.kv;
				at[nkv] = p;
				lno[nkv++] = line;
				memset(&lx.kv, 0, sizeof lx.kv);
			}
			sidecar_text_line_free(&lx);
		}
		for (j = 0; j < nkv; j++)
			if (!sidecar_text_hand_read(kv, nkv, j, sec->form == ST_HASH)) {
				nl = memchr(at[j], '\n', (size_t)(l->text + sec->end - at[j]));
				sidecar_text_hand_add(h, at[j], nl != NULL ? nl :
				    l->text + sec->end, lno[j], 1);
			}
		sidecar_text_kvs_free(kv, nkv);
		kv = NULL;
		if (h->header == NULL)
			h->id = xstrdup("");
		else if (h->article)
			h->id = xstrdup(sec->path);
		else {
			for (p = h->header; *p == ' ' || *p == '\t'; p++)
				;
			h->id = xstrdup(p);
			for (j = strlen(h->id); j > 0 && (h->id[j - 1] == ' ' ||
			    h->id[j - 1] == '\t'); j--)
				h->id[j - 1] = '\0';
		}
	}
	free(at);
	free(lno);
	sidecar_free(&s);
	return 0;
}

void
sidecar_text_hands_free(struct sidecar_hand *v, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].n; j++)
			free(v[i].lines[j]);
		free(v[i].lines);
		free(v[i].shadowed);
		free(v[i].lineno);
		free(v[i].header);
		free(v[i].id);
	}
	free(v);
}
