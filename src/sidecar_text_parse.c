/* Reading the sidecar's text: each line lexed as iniparser 4.1 reads it, the keys of a
   section made into its article's entry, and the layout (where each section lies and
   what its article said) kept for the next save. The format is rubric(5)'s; see
   sidecar_text.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini.h"		/* INI_MAXLINE */
#include "merge.h"		/* merge_marker */
#include "sidecar_text_int.h"
#include "xmalloc.h"

/* A passage key's id and place in a section, to group a passage's keys. */
struct sidecar_text_pkey {
	const char	*pid;
	size_t		 i;
};

static int	sidecar_text_lex_section(const char *, const char *,
		    struct sidecar_text_line *);
static int	sidecar_text_lex_key(struct sidecar_text_line *);
static void	sidecar_text_lex_piece(struct sidecar_text_line *);
static void	sidecar_text_lex_passage(struct sidecar_text_line *);
static void	sidecar_text_unread(struct sidecar_text_kv *, const char *,
		    const char *, struct diag *);
static int	sidecar_text_at(const char *, size_t *, size_t *);
static int	sidecar_text_origin(const char *);
static size_t	sidecar_text_porder(const struct sidecar_text_kv *, size_t,
		    size_t **);
static int	sidecar_text_cmp_pkey(const void *, const void *);
static size_t	sidecar_text_pgroup(const struct sidecar_text_kv *, const size_t *,
		    size_t, size_t, struct sidecar_text_kv **, size_t *);
static void	sidecar_text_pstrays1(struct sidecar_text_kv *, size_t,
		    const char *, struct diag *);
static void	sidecar_text_pentry1(struct sidecar_entry *, size_t,
		    const struct sidecar_text_kv *, size_t);
static int	sidecar_text_pentry(struct sidecar_entry *,
		    const struct sidecar_text_kv *, size_t);
static int	sidecar_text_lex_value(const char *, const char *,
		    struct sidecar_text_line *);
static int	sidecar_text_cmp_sec(const void *, const void *);
static int	sidecar_text_parse_header(struct sidecar_layout *,
		    struct sidecar_text_line *, size_t, const char *, int, struct diag *);
static void	sidecar_text_parse_twice(struct sidecar_layout *, const char *,
		    struct diag *);
static int	sidecar_text_finish(struct sidecar *, struct sidecar_layout *,
		    struct sidecar_text_kv *, size_t, const char *, struct diag *);

void
sidecar_text_line_free(struct sidecar_text_line *l)
{
	free(l->word);
	free(l->rest);
	free(l->kv.key);
	free(l->kv.name);
	free(l->kv.value);
	memset(l, 0, sizeof *l);
}

void
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
int
sidecar_text_lex(const char *p, const char *e, struct sidecar_text_line *l)
{
	const char	*eq, *k;

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
	if (*p == '[' && e[-1] == ']')
		return l->kind = sidecar_text_lex_section(p + 1, e - 1, l);
	if ((eq = memchr(p, '=', (size_t)(e - p))) == NULL || eq == p) {
		l->why = "not a [section], key = value or comment line";
		return l->kind = ST_BAD;
	}
	for (k = eq; k > p && (k[-1] == ' ' || k[-1] == '\t'); k--)
		;
	l->kv.key = xstrndup(p, (size_t)(k - p));
	l->kv.piece = -1;
	if (sidecar_text_lex_key(l) == ST_BAD)
		return l->kind = ST_BAD;
	return l->kind = sidecar_text_lex_value(eq + 1, e, l);
}

/* A header's inside, p..e between the brackets: its first word, lowercased as
   iniparser does, and the rest as written, for the reader to make out the name. */
static int
sidecar_text_lex_section(const char *p, const char *e, struct sidecar_text_line *l)
{
	const char	*k;
	char		*c;

	for (; p < e && (*p == ' ' || *p == '\t'); p++)
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
	return ST_SECTION;
}

/* Which fact the key l->kv.key names: a tag of either format keeps its name (a
   new one's case too, as the header's path does), any other key is lowercased as
   iniparser reads it. Returns ST_BAD with l->why for a tag name that cannot be. */
static int
sidecar_text_lex_key(struct sidecar_text_line *l)
{
	const char	*q, *v;
	char		*c;

	if (strncasecmp(l->kv.key, "tag", 3) == 0 && (l->kv.key[3] == ' ' ||
	    l->kv.key[3] == '\t' || l->kv.key[3] == '"')) {
		/* tag "NAME": the name keeps its case. */
		for (q = l->kv.key + 3; *q == ' ' || *q == '\t'; q++)
			;
		if (*q != '"' || (v = strchr(q + 1, '"')) == NULL || v[1] != '\0') {
			l->why = "a tag is tag \"NAME\" = person, theme or rejected";
			return ST_BAD;
		}
		c = xstrndup(q + 1, (size_t)(v - q - 1));
		l->kv.name = sidecar_value_decode(c);
		free(c);
		if (l->kv.name == NULL) {
			l->why = "a bad escape in a tag name (\\\\ and \\xHH are the "
			    "escapes)";
			return ST_BAD;
		}
		l->kv.fact = ST_TAG;
		return ST_KEY;
	}
	if (strncasecmp(l->kv.key, "passage.", 8) == 0) {
		sidecar_text_lex_passage(l);
		return ST_KEY;
	}
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
			return ST_BAD;
		}
	} else if (strcmp(c, "read") == 0)
		l->kv.fact = ST_READ;
	else
		sidecar_text_lex_piece(l);
	return ST_KEY;
}

/* A fact that may be cut into pieces: NAME or NAME.NNNN, four digits, sets the fact
   and the piece's number; any other key stays ST_OTHER, a key rubric keeps unread. */
static void
sidecar_text_lex_piece(struct sidecar_text_line *l)
{
	static const struct {
		const char		*word;
		enum sidecar_text_fact	 fact;
	} words[] = {
		{ "fingerprint", ST_FP }, { "note", ST_NOTE }, { "path", ST_PATH }
	};
	const char	*c = l->kv.key;
	size_t		 i, wl;

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

/* A passage's key, passage.ID[.FIELD[.NNNN]] or passage.ID.tag "NAME": the id is
   lowercased as iniparser reads it, a code's name keeps its case as an article's tag
   does. A key that cannot be a passage's stays ST_OTHER with why set: kept, and said
   by sidecar_text_strays. */
static void
sidecar_text_lex_passage(struct sidecar_text_line *l)
{
	static const char *const fields[] = { "", "quote", "before", "after", "note" };
	const char	*k = l->kv.key + 8, *q, *v;
	char		*c, *rest;
	size_t		 i, wl;

	l->kv.why = "passage.ID: the id is 8 hex digits";
	if (strspn(k, "0123456789abcdefABCDEF") != SIDECAR_PASSAGE_IDLEN ||
	    (k[SIDECAR_PASSAGE_IDLEN] != '\0' && k[SIDECAR_PASSAGE_IDLEN] != '.'))
		return;
	for (i = 0; i < SIDECAR_PASSAGE_IDLEN; i++)
		l->kv.pid[i] = (char)(k[i] >= 'A' && k[i] <= 'F' ? k[i] + 32 : k[i]);
	l->kv.pid[i] = '\0';
	k += SIDECAR_PASSAGE_IDLEN;
	if (*k == '\0') {
		l->kv.why = NULL;
		l->kv.fact = ST_PASSAGE;
		l->kv.pfield = SP_AT;
		return;
	}
	k++;
	l->kv.why = "passage.ID.FIELD: the fields are quote, before, after, note and "
	    "tag \"NAME\"";
	if (strncasecmp(k, "tag", 3) == 0 && (k[3] == ' ' || k[3] == '\t' ||
	    k[3] == '"')) {
		for (q = k + 3; *q == ' ' || *q == '\t'; q++)
			;
		if (*q != '"' || (v = strchr(q + 1, '"')) == NULL || v[1] != '\0')
			return;
		c = xstrndup(q + 1, (size_t)(v - q - 1));
		l->kv.name = sidecar_value_decode(c);
		free(c);
		if (l->kv.name == NULL) {
			l->kv.why = "a bad escape in a code's name (\\\\ and \\xHH are "
			    "the escapes)";
			return;
		}
		l->kv.why = NULL;
		l->kv.fact = ST_PASSAGE;
		l->kv.pfield = SP_TAG;
		return;
	}
	rest = xstrdup(k);
	for (c = rest; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	for (i = 1; i < sizeof fields / sizeof fields[0]; i++) {
		wl = strlen(fields[i]);
		if (strncmp(rest, fields[i], wl) != 0)
			continue;
		if (rest[wl] == '\0')
			l->kv.piece = -1;
		else if (rest[wl] == '.' && strlen(rest + wl + 1) == 4 &&
		    strspn(rest + wl + 1, "0123456789") == 4)
			l->kv.piece = atoi(rest + wl + 1);
		else
			continue;
		l->kv.why = NULL;
		l->kv.fact = ST_PASSAGE;
		l->kv.pfield = (enum sidecar_text_pfield)i;
		break;
	}
	free(rest);
}

/* The value after the "=", v..e: quoted or bare as iniparser reads it, kept
   undecoded in l->kv.value. Returns ST_BAD for a quote left open. */
static int
sidecar_text_lex_value(const char *v, const char *e, struct sidecar_text_line *l)
{
	const char	*q;
	size_t		 n;

	for (; v < e && (*v == ' ' || *v == '\t'); v++)
		;
	if (v < e && (*v == '"' || *v == '\'')) {
		/* Quoted: up to the next quote of the same kind, as iniparser. Every
		   value rubric writes is closed: one that is not was cut short, and is
		   not taken for a shorter value. */
		if ((q = memchr(v + 1, *v, (size_t)(e - v - 1))) == NULL) {
			l->why = "a value opens a quote and does not close it (was the "
			    "file cut short?)";
			return ST_BAD;
		}
		l->kv.value = xstrndup(v + 1, (size_t)(q - v - 1));
	} else {
		for (n = 0; v + n < e && v[n] != ';' && v[n] != '#'; n++)
			;
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		l->kv.value = xstrndup(v, n);
	}
	return ST_KEY;
}

/* Makes the keys of a section that are not read as facts (a piece beside the whole key
   or after a gap in the numbers, a path where the header holds it) keys rubric does not
   know: a save keeps their lines byte for byte, as it keeps any hand edit. Each is a
   warning in d with its line (when d is not NULL). form is the section's. */
void
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
	sidecar_text_pstrays(kv, n, file, d);
}

/* Says why the key kv cannot be read, and makes it a key rubric keeps unread. */
static void
sidecar_text_unread(struct sidecar_text_kv *kv, const char *why, const char *file,
    struct diag *d)
{
	kv->fact = ST_OTHER;
	if (d != NULL)
		diag_add(d, DIAG_WARNING, file, kv->line, "%s: %s, so rubric does not "
		    "read it; the file keeps it", kv->key, why);
}

/* The passage keys of kv, grouped: *order holds their indices, those of one passage
   together and in the file's order, and *ngroups how many passages. Returns how many
   indices; caller frees *order. A passage's facts are looked for among its own keys:
   a section of 100,000 passages is then read in a moment, not in hours. */
static size_t
sidecar_text_porder(const struct sidecar_text_kv *kv, size_t n, size_t **order)
{
	struct sidecar_text_pkey	*v;
	size_t				 i, m = 0;

	*order = NULL;
	for (i = 0; i < n; i++)
		m += kv[i].fact == ST_PASSAGE;
	if (m == 0)
		return 0;
	v = xreallocarray(NULL, m, sizeof *v);
	for (i = 0, m = 0; i < n; i++)
		if (kv[i].fact == ST_PASSAGE) {
			v[m].pid = kv[i].pid;
			v[m++].i = i;
		}
	qsort(v, m, sizeof *v, sidecar_text_cmp_pkey);
	*order = xreallocarray(NULL, m, sizeof **order);
	for (i = 0; i < m; i++)
		(*order)[i] = v[i].i;
	free(v);
	return m;
}

static int
sidecar_text_cmp_pkey(const void *a, const void *b)
{
	const struct sidecar_text_pkey	*x = a, *y = b;
	int				 r = strcmp(x->pid, y->pid);

	return r != 0 ? r : x->i < y->i ? -1 : x->i > y->i;
}

/* The keys of kv from order[lo] while they are of one passage, copied into *g (grown
   as needed, caller frees). Returns how many. */
static size_t
sidecar_text_pgroup(const struct sidecar_text_kv *kv, const size_t *order, size_t m,
    size_t lo, struct sidecar_text_kv **g, size_t *cap)
{
	size_t	 k;

	for (k = lo; k < m && strcmp(kv[order[k]].pid, kv[order[lo]].pid) == 0; k++)
		;
	if (k - lo > *cap) {
		*cap = k - lo;
		*g = xreallocarray(*g, *cap, sizeof **g);
	}
	for (k = lo; k < m && strcmp(kv[order[k]].pid, kv[order[lo]].pid) == 0; k++)
		(*g)[k - lo] = kv[order[k]];
	return k - lo;
}

/* The passages' keys that are not read become keys rubric keeps unread, each said
   in d: a malformed passage.* key, a piece beside the whole key or after a gap, a
   bad start-end, a value or code that cannot be, and every key of a passage without
   a quote (its work stays in the file for a person to mend, never dropped). */
void
sidecar_text_pstrays(struct sidecar_text_kv *kv, size_t n, const char *file,
    struct diag *d)
{
	struct sidecar_text_kv	*g = NULL;
	size_t			*order, m, lo, gn, k, cap = 0;

	for (k = 0; k < n; k++)
		if (kv[k].fact == ST_OTHER && kv[k].why != NULL) {
			sidecar_text_unread(&kv[k], kv[k].why, file, d);
			kv[k].why = NULL;
		}
	m = sidecar_text_porder(kv, n, &order);
	for (lo = 0; lo < m; lo += gn) {
		gn = sidecar_text_pgroup(kv, order, m, lo, &g, &cap);
		sidecar_text_pstrays1(g, gn, file, d);
		for (k = 0; k < gn; k++)
			kv[order[lo + k]].fact = g[k].fact;
	}
	free(g);
	free(order);
}

/* sidecar_text_pstrays for the keys of one passage. */
static void
sidecar_text_pstrays1(struct sidecar_text_kv *kv, size_t n, const char *file,
    struct diag *d)
{
	size_t		 i, j, a, b, miss;
	int		 whole;
	char		*v, *name, *have;
	enum sidecar_text_pfield f;

	/* Each text field's pieces: read from .0000 up to the first gap, and none
	   beside a whole key. */
	have = xcalloc(n + 1, 1);
	for (f = SP_QUOTE; f < SP_TAG; f++) {
		memset(have, 0, n + 1);
		for (i = 0, whole = 0; i < n; i++) {
			if (kv[i].fact != ST_PASSAGE || kv[i].pfield != f)
				continue;
			if (kv[i].piece == -1)
				whole = 1;
			else if ((size_t)kv[i].piece <= n)
				have[kv[i].piece] = 1;
		}
		for (miss = 0; miss <= n && have[miss]; miss++)
			;
		for (i = 0; i < n; i++)
			if (kv[i].fact == ST_PASSAGE && kv[i].pfield == f &&
			    kv[i].piece != -1 && (whole || (size_t)kv[i].piece >= miss))
				sidecar_text_unread(&kv[i], whole ? "the whole key is "
				    "given too" : "a piece after a gap in the numbers",
				    file, d);
	}
	free(have);
	for (i = 0; i < n; i++) {
		if (kv[i].fact != ST_PASSAGE)
			continue;
		if (kv[i].pfield == SP_AT && sidecar_text_at(kv[i].value, &a, &b) == -1)
			sidecar_text_unread(&kv[i], "the value is START-END, two byte "
			    "offsets with START not after END", file, d);
		else if (kv[i].pfield == SP_TAG) {
			name = xstrdup(kv[i].name);
			if (sidecar_text_origin(kv[i].value) == -1)
				sidecar_text_unread(&kv[i], "the value is person, theme "
				    "or rejected", file, d);
			else if (sidecar_tag_check(name, NULL) == -1 ||
			    strcmp(name, kv[i].name) != 0)
				sidecar_text_unread(&kv[i], "a bad code name", file, d);
			free(name);
		} else if (kv[i].pfield != SP_AT &&
		    (kv[i].piece == -1 || kv[i].piece == 0)) {
			/* A value is checked once, at its whole key or first piece. */
			if (sidecar_text_pjoined(kv, n, kv[i].pid, kv[i].pfield,
			    &v) == -1) {
				for (j = 0; j < n; j++)
					if (j != i && sidecar_text_same(&kv[j], &kv[i]))
						sidecar_text_unread(&kv[j], "a bad escape "
						    "in its value", file, NULL);
				sidecar_text_unread(&kv[i], "a bad escape in its value "
				    "(\\\\ and \\xHH are the escapes)", file, d);
			}
			free(v);
		}
	}
	/* A passage without a quote: its first key said, every key kept unread. */
	for (i = 0; i < n && kv[i].fact != ST_PASSAGE; i++)
		;
	if (i == n)
		return;
	v = NULL;
	if (sidecar_text_pjoined(kv, n, kv[i].pid, SP_QUOTE, &v) == -1 ||
	    v == NULL || *v == '\0') {
		for (j = i + 1; j < n; j++)
			if (kv[j].fact == ST_PASSAGE)
				sidecar_text_unread(&kv[j], "its passage has no quote",
				    file, NULL);
		sidecar_text_unread(&kv[i], "passage without a quote (all its lines "
		    "are kept as they are)", file, d);
	}
	free(v);
	/* A fact given twice: the later line is read, as for an article's. */
	for (i = 0; d != NULL && i < n; i++) {
		if (kv[i].fact != ST_PASSAGE)
			continue;
		for (j = i + 1; j < n; j++)
			if (sidecar_text_same(&kv[j], &kv[i]) &&
			    kv[j].piece == kv[i].piece) {
				diag_add(d, DIAG_WARNING, file, kv[j].line, "%s given "
				    "twice (lines %d and %d): rubric reads line %d; a "
				    "change to it replaces both", kv[j].key, kv[i].line,
				    kv[j].line, kv[j].line);
				break;
			}
	}
}

/* Reads START-END into *a and *b; -1 when it is not two offsets in order. */
static int
sidecar_text_at(const char *v, size_t *a, size_t *b)
{
	size_t	 x[2] = { 0, 0 }, k, d;
	int	 digits;

	for (k = 0; k < 2; k++) {
		for (digits = 0; *v >= '0' && *v <= '9'; v++, digits++) {
			d = (size_t)(*v - '0');
			if (x[k] > (SIZE_MAX - d) / 10)
				return -1;
			x[k] = x[k] * 10 + d;
		}
		if (digits == 0 || *v != (k == 0 ? '-' : '\0'))
			return -1;
		v++;
	}
	if (x[0] > x[1])
		return -1;
	*a = x[0];
	*b = x[1];
	return 0;
}

/* The origin word's number, -1 if it is none. */
static int
sidecar_text_origin(const char *v)
{
	int	 origin;

	for (origin = 0; origin < 3; origin++)
		if (strcmp(v, sidecar_text_origins[origin]) == 0)
			return origin;
	return -1;
}

/* Whether two keys name the same fact (their pieces aside): the same kind, and for a
   tag the same name, for a passage's the same passage and field (and code). */
int
sidecar_text_same(const struct sidecar_text_kv *a, const struct sidecar_text_kv *b)
{
	if (a->fact != b->fact)
		return 0;
	if (a->fact == ST_TAG)
		return strcmp(a->name, b->name) == 0;
	if (a->fact != ST_PASSAGE)
		return 1;
	return strcmp(a->pid, b->pid) == 0 && a->pfield == b->pfield &&
	    (a->pfield != SP_TAG || strcmp(a->name, b->name) == 0);
}

/* The value of field f of passage id as sidecar_text_joined reads a note: the last
   whole key, else the pieces from .0000 on, decoded. Returns 0 with *out (caller
   frees; NULL if absent), or -1 for a bad escape. */
int
sidecar_text_pjoined(const struct sidecar_text_kv *kv, size_t n, const char *id,
    enum sidecar_text_pfield f, char **out)
{
	struct buf			 b;
	const struct sidecar_text_kv	*whole = NULL, *last;
	size_t				 i, k;

	*out = NULL;
	memset(&b, 0, sizeof b);
	for (i = 0; i < n; i++)
		if (kv[i].fact == ST_PASSAGE && kv[i].pfield == f &&
		    kv[i].piece == -1 && strcmp(kv[i].pid, id) == 0)
			whole = &kv[i];
	if (whole != NULL)
		buf_puts(&b, whole->value);
	else
		for (k = 0;; k++) {
			last = NULL;
			for (i = 0; i < n; i++)
				if (kv[i].fact == ST_PASSAGE && kv[i].pfield == f &&
				    kv[i].piece == (int)k && strcmp(kv[i].pid, id) == 0)
					last = &kv[i];
			if (last == NULL)
				break;
			buf_puts(&b, last->value);
		}
	if (b.s == NULL)
		return 0;
	*out = sidecar_value_decode(b.s);
	free(b.s);
	return *out == NULL ? -1 : 0;
}

/* The value of a fact that may be cut into NAME.0000, NAME.0001...: the whole key if
   given (the last one, as iniparser), else the pieces joined; decoded. A key given
   twice is a warning in d (when d is not NULL). Returns 0 and *out (caller frees, NULL
   if absent), or -1 after an error in d. */
int
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
int
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
	return sidecar_text_pentry(e, kv, n);
}

/* The passages of e from the keys of its section, which sidecar_text_strays left
   readable: one for each id, with the last line of each fact read. A passage that e
   has already (from an earlier section of the article) keeps what it had. */
static int
sidecar_text_pentry(struct sidecar_entry *e, const struct sidecar_text_kv *kv, size_t n)
{
	struct sidecar_text_kv	*g = NULL;
	size_t			*order, m, lo, gn, cap = 0, had = e->npassages;

	m = sidecar_text_porder(kv, n, &order);
	for (lo = 0; lo < m; lo += gn) {
		gn = sidecar_text_pgroup(kv, order, m, lo, &g, &cap);
		sidecar_text_pentry1(e, had, g, gn);
	}
	sidecar_passage_sort(e);
	free(g);
	free(order);
	return 0;
}

/* The passage of the keys kv (all of one id) added to e, unless one of the first had
   passages of e has its id. */
static void
sidecar_text_pentry1(struct sidecar_entry *e, size_t had,
    const struct sidecar_text_kv *kv, size_t n)
{
	struct sidecar_passage	 p;
	char			*note;
	size_t			 j;
	int			 origin;

	for (j = 0; j < had; j++)
		if (strcmp(e->passages[j].id, kv[0].pid) == 0)
			return;
	memset(&p, 0, sizeof p);
	memcpy(p.id, kv[0].pid, sizeof p.id);
	if (sidecar_text_pjoined(kv, n, p.id, SP_QUOTE, &p.quote) == -1 ||
	    p.quote == NULL ||
	    sidecar_text_pjoined(kv, n, p.id, SP_BEFORE, &p.before) == -1 ||
	    sidecar_text_pjoined(kv, n, p.id, SP_AFTER, &p.after) == -1 ||
	    sidecar_text_pjoined(kv, n, p.id, SP_NOTE, &note) == -1) {
		/* sidecar_text_strays leaves none such. */
		sidecar_passage_free(&p);
		return;
	}
	/* A context left out is none: the passage is at an end. */
	if (p.before == NULL)
		p.before = xstrdup("");
	if (p.after == NULL)
		p.after = xstrdup("");
	for (j = 0; j < n; j++)
		if (kv[j].fact == ST_PASSAGE && kv[j].pfield == SP_AT)
			sidecar_text_at(kv[j].value, &p.start, &p.end);
	sidecar_passage_note_set(&p, note);
	free(note);
	for (j = 0; j < n; j++)
		if (kv[j].fact == ST_PASSAGE && kv[j].pfield == SP_TAG &&
		    (origin = sidecar_text_origin(kv[j].value)) != -1)
			sidecar_passage_tag_set(&p, kv[j].name, origin);
	sidecar_passage_append(e, &p);
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
	sidecar_changed(s);
	memset(e, 0, sizeof *e);
	e->path = xstrdup(sec->path);
	return sidecar_text_entry(e, kv, n, file, d);
}

/* One pass over the text, a line at a time: each section's keys gathered until the
   next header ends it (sidecar_text_finish), then what the whole file shows (an
   article given twice) said, and each section's hash taken from the entries read. */
int
sidecar_text_parse(struct sidecar *s, char *buf, size_t len, const char *path,
    struct diag *d)
{
	struct sidecar_layout	*l = xcalloc(1, sizeof *l);
	struct sidecar_text_line lx;
	struct sidecar_text_kv	*kv = NULL;
	struct sidecar_entry	*e;
	char			*p, *end, *nl;
	size_t			 nkv = 0, capkv = 0, i;
	int			 line = 0, rc = 0;

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
			rc = sidecar_text_parse_header(l, &lx, (size_t)(p - buf), path,
			    line, d);
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
	sidecar_text_parse_twice(l, path, d);
	sidecar_sort(s);
	for (i = 0; i < l->nsecs; i++)
		if (l->secs[i].form != ST_NONE) {
			e = sidecar_entry(s, l->secs[i].path, 0);
			l->secs[i].hash = sidecar_text_hash(l->secs[i].path, e);
		}
	s->layout = l;
	return 0;
}

/* Starts the section of header lx, at offset off of the text: an article's name is
   made out of whichever of the three forms its header is in, so that every later
   step reads one path. Returns -1 after an error in d for a name that cannot be. */
static int
sidecar_text_parse_header(struct sidecar_layout *l, struct sidecar_text_line *lx,
    size_t off, const char *path, int line, struct diag *d)
{
	enum sidecar_text_form	 form = ST_NONE;
	char			*name = NULL;
	size_t			 i, n;

	if (strcmp(lx->word, "article") == 0) {
		if (lx->rest[0] == '"') {
			n = strlen(lx->rest);
			form = ST_QUOTED;
			if (n < 2 || lx->rest[n - 1] != '"' ||
			    memchr(lx->rest + 1, '"', n - 2) != NULL)
				name = NULL;
			else {
				lx->rest[n - 1] = '\0';
				name = sidecar_value_decode(lx->rest + 1);
			}
		} else if (lx->rest[0] == '#') {
			form = ST_HASH;
			name = xstrdup(lx->rest);
		} else {
			/* The first format: iniparser lowercased it. */
			form = ST_OLD;
			for (i = 0; lx->rest[i] != '\0'; i++)
				if (lx->rest[i] >= 'A' && lx->rest[i] <= 'Z')
					lx->rest[i] = (char)(lx->rest[i] + 32);
			name = sidecar_name_decode(lx->rest);
		}
		if (name == NULL || *name == '\0') {
			diag_add(d, DIAG_ERROR, path, line, "[article %s]: a bad name (it "
			    "is [article \"PATH\"], with \\\\ and \\xHH the escapes)",
			    lx->rest);
			free(name);
			return -1;
		}
	}
	sidecar_text_sec_add(l, off, name, form, line);
	free(name);
	return 0;
}

/* An article given twice is read as one (later keys win, tags of both), and said: a
   warning in d for each later section, naming the line a change is saved at. */
static void
sidecar_text_parse_twice(struct sidecar_layout *l, const char *path, struct diag *d)
{
	struct sidecar_text_sec	**order;
	size_t			 i, k, n;

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
}
