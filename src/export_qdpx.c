/* Export as REFI-QDA's project exchange (.qdpx), which ATLAS.ti, MAXQDA, NVivo and
   QualCoder read: a zip holding project.qde, the project in the urn:QDA-XML:project:1.0
   namespace (one user, the codebook, each article a text source with its passages as
   selections, the notes), and each article's text as sources/GUID.txt. The text
   written is the file's bytes as valid UTF-8 (each invalid byte U+FFFD, as the screen
   shows it) without a byte order mark, and a selection's positions count the Unicode
   characters of exactly that text, as the standard counts them. GUIDs are made from
   what they name, so that two exports of one corpus are the same. The texts are read
   a second time as the zip is compressed, one at a time, so that only the zip is
   held in memory, and an article that changed in between fails the export. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "cachedir.h"
#include "catalog.h"
#include "export.h"
#include "export_int.h"
#include "file.h"
#include "log.h"
#include "passage.h"
#include "tags.h"
#include "utf8.h"
#include "xmalloc.h"

#define EXPORT_QDPX_GUIDLEN	36	/* 8-4-4-4-12 hex digits */
#define EXPORT_QDPX_NAME	60	/* characters of a quote naming its selection */

/* A note to write in <Notes>, borrowed from the sidecar. */
struct export_qdpx_note {
	char		 guid[EXPORT_QDPX_GUIDLEN + 1];
	char		*name;		/* owned */
	const char	*text;
};

/* An article's text, given to libzip when it compresses it: read again then, and
   checked to be the text whose positions were written. */
struct export_qdpx_text {
	const struct article	*a;
	struct export_qdpx	*q;
	size_t			 len;		/* of the text as written */
	uint64_t		 hash;		/* of it */
	char			*buf;		/* while open */
	size_t			 off;
	zip_error_t		 err;
};

/* A byte offset to turn into a character position. */
struct export_qdpx_pos {
	size_t	 off;
	size_t	*out;
};

struct export_qdpx {
	const struct export	*x;
	struct diag		*d;
	xmlTextWriterPtr	 w;
	int			 err;		/* a write of the XML failed */
	zip_t			*zip;
	time_t			 when;
	char			 stamp[32];	/* when, as xsd:dateTime */
	char			 user[EXPORT_QDPX_GUIDLEN + 1];
	struct export_qdpx_note	*notes;
	size_t			 nnotes;
	const char		*bad;		/* an article whose text could not be
						   read again, or changed, */
	const char		*badwhy;	/* and why */
};

static void	export_qdpx_guid(char *, const char *, const char *, const char *);
static char	*export_qdpx_clean(const char *, size_t);
static const char **export_qdpx_tags(const struct export *, size_t,
		    const struct sidecar_entry *, size_t *);
static int	export_qdpx_strcmp(const void *, const void *);
static int	export_qdpx_poscmp(const void *, const void *);
static void	export_qdpx_positions(const char *, size_t, size_t,
		    struct export_qdpx_pos *, size_t);
static void	export_qdpx_start(struct export_qdpx *, const char *);
static void	export_qdpx_end(struct export_qdpx *);
static void	export_qdpx_attr(struct export_qdpx *, const char *, const char *);
static void	export_qdpx_num(struct export_qdpx *, const char *, size_t);
static void	export_qdpx_coding(struct export_qdpx *, const char *, const char *);
static void	export_qdpx_noteref(struct export_qdpx *, const char *, const char *,
		    const char *);
static void	export_qdpx_codebook(struct export_qdpx *, const size_t *, size_t);
static int	export_qdpx_source(struct export_qdpx *, size_t);
static int	export_qdpx_add(struct export_qdpx *, const char *, char *, size_t);
static char	*export_qdpx_text(const struct body *, size_t *, uint64_t *);
static zip_int64_t export_qdpx_read(void *, void *, zip_uint64_t, zip_source_cmd_t);
static int	export_qdpx_add_text(struct export_qdpx *, const char *,
		    const struct article *, size_t, uint64_t);
static int	export_qdpx_save(struct export_qdpx *, zip_source_t *,
		    struct file_stage *);

/* Colours for the codes no theme colours: distinct on a white page. */
static const int export_qdpx_palette[] = {
	0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b,
	0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf, 0x393b79, 0xad494a
};

/* The GUID of what kind, a and b name (b may be NULL): 128 bits of two FNV-1a
   hashes of them, written as a UUID of version 8 (RFC 9562's own-made). */
static void
export_qdpx_guid(char *out, const char *kind, const char *a, const char *b)
{
	uint64_t	 h[2];
	unsigned char	 v[16];
	size_t		 i;

	h[0] = 14695981039346656037ULL;
	h[0] = cachedir_fnv(h[0], kind, strlen(kind) + 1);
	h[0] = cachedir_fnv(h[0], a, strlen(a) + 1);
	if (b != NULL)
		h[0] = cachedir_fnv(h[0], b, strlen(b) + 1);
	/* The second half goes on from the first, the text again, so that it
	   is no function of the first alone. */
	h[1] = cachedir_fnv(h[0] ^ 0x9e3779b97f4a7c15ULL, a, strlen(a));
	if (b != NULL)
		h[1] = cachedir_fnv(h[1], b, strlen(b));
	h[1] = cachedir_fnv(h[1], kind, strlen(kind));
	for (i = 0; i < 16; i++)
		v[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
	v[6] = (unsigned char)((v[6] & 0x0f) | 0x80);
	v[8] = (unsigned char)((v[8] & 0x3f) | 0x80);
	snprintf(out, EXPORT_QDPX_GUIDLEN + 1, "%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", v[0], v[1], v[2], v[3], v[4], v[5],
	    v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
}

/* s[0..n) as XML 1.0 takes it: valid UTF-8, every character XML has no place for
   (controls but tab and newlines, U+FFFE, U+FFFF) and every invalid byte made
   U+FFFD. libxml2's writer escapes markup but passes such bytes on, and a reader
   refuses the whole file for one. Caller frees. */
static char *
export_qdpx_clean(const char *s, size_t n)
{
	char		*out = xmalloc(n * 3 + 1);
	size_t		 pos = 0, o = 0, len;
	uint32_t	 cp;

	while (pos < n) {
		len = utf8_decode(s + pos, n - pos, &cp);
		if (cp == UTF8_INVALID || (cp < 0x20 && cp != '\t' && cp != '\n' &&
		    cp != '\r') || cp == 0xfffe || cp == 0xffff)
			o += utf8_encode(0xfffd, out + o);
		else {
			memcpy(out + o, s + pos, len);
			o += len;
		}
		pos += len;
	}
	out[o] = '\0';
	return out;
}

/* The codes article i carries as a whole: its tags but the rejected, and the tags
   its themes' hits make. Caller frees the array (not the names: borrowed). */
static const char **
export_qdpx_tags(const struct export *x, size_t i, const struct sidecar_entry *e,
    size_t *n)
{
	const char	**v;
	const scan_count *counts = scan_counts(x->scan, i);
	size_t		  k;

	v = xcalloc((e != NULL ? e->ntags : 0) + x->config->nthemes + 1, sizeof *v);
	*n = 0;
	for (k = 0; e != NULL && k < e->ntags; k++)
		if (e->tags[k].origin != SIDECAR_REJECTED)
			v[(*n)++] = e->tags[k].name;
	for (k = 0; counts != NULL && k < x->config->nthemes; k++)
		if (tags_auto_theme(x->config, counts, e, k))
			v[(*n)++] = x->config->themes[k].name;
	return v;
}

static int
export_qdpx_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
export_qdpx_poscmp(const void *a, const void *b)
{
	const struct export_qdpx_pos	*p = a, *q = b;

	return p->off < q->off ? -1 : p->off > q->off;
}

/* Turns the byte offsets into buf[0..len) of v[0..n) into positions: the characters
   of buf[start..off) as written (an invalid byte is one, a U+FFFD). An offset
   before start (inside a byte order mark) is 0; one inside a character counts it. */
static void
export_qdpx_positions(const char *buf, size_t len, size_t start,
    struct export_qdpx_pos *v, size_t n)
{
	size_t		 k = 0, o = start, chars = 0;
	uint32_t	 cp;

	qsort(v, n, sizeof *v, export_qdpx_poscmp);
	while (k < n) {
		while (k < n && v[k].off <= o)
			*v[k++].out = chars;
		if (o >= len)
			break;
		o += utf8_decode(buf + o, len - o, &cp);
		chars++;
	}
	for (; k < n; k++)
		*v[k].out = chars;
}

static void
export_qdpx_start(struct export_qdpx *q, const char *el)
{
	if (xmlTextWriterStartElement(q->w, (const xmlChar *)el) < 0)
		q->err = 1;
}

static void
export_qdpx_end(struct export_qdpx *q)
{
	if (xmlTextWriterEndElement(q->w) < 0)
		q->err = 1;
}

/* An attribute; value is cleaned first (any bytes may come). */
static void
export_qdpx_attr(struct export_qdpx *q, const char *name, const char *value)
{
	char	*v = export_qdpx_clean(value, strlen(value));

	if (xmlTextWriterWriteAttribute(q->w, (const xmlChar *)name,
	    (const xmlChar *)v) < 0)
		q->err = 1;
	free(v);
}

static void
export_qdpx_num(struct export_qdpx *q, const char *name, size_t n)
{
	char	 buf[32];

	snprintf(buf, sizeof buf, "%zu", n);
	export_qdpx_attr(q, name, buf);
}

/* A <Coding> of code name, its GUID made from owner's and the code's. */
static void
export_qdpx_coding(struct export_qdpx *q, const char *owner, const char *name)
{
	char	 guid[EXPORT_QDPX_GUIDLEN + 1];

	export_qdpx_start(q, "Coding");
	export_qdpx_guid(guid, "coding", owner, name);
	export_qdpx_attr(q, "guid", guid);
	export_qdpx_attr(q, "creatingUser", q->user);
	export_qdpx_attr(q, "creationDateTime", q->stamp);
	export_qdpx_start(q, "CodeRef");
	export_qdpx_guid(guid, "code", name, NULL);
	export_qdpx_attr(q, "targetGUID", guid);
	export_qdpx_end(q);
	export_qdpx_end(q);
}

/* A <NoteRef> to a note of owner's holding text, which <Notes> will hold. */
static void
export_qdpx_noteref(struct export_qdpx *q, const char *owner, const char *name,
    const char *text)
{
	struct export_qdpx_note	*n;

	q->notes = xreallocarray(q->notes, q->nnotes + 1, sizeof *q->notes);
	n = &q->notes[q->nnotes++];
	export_qdpx_guid(n->guid, "note", owner, NULL);
	n->name = xstrdup(name);
	n->text = text;
	export_qdpx_start(q, "NoteRef");
	export_qdpx_attr(q, "targetGUID", n->guid);
	export_qdpx_end(q);
}

/* <CodeBook>: every code the articles sel[0..n) carry, as a whole or on a passage,
   once, in the order of their names' bytes; nothing when there is none (the
   schema wants a code in <Codes>). */
static void
export_qdpx_codebook(struct export_qdpx *q, const size_t *sel, size_t n)
{
	const struct export		*x = q->x;
	const struct sidecar_entry	*e;
	const struct sidecar_passage	*p;
	const char			**v = NULL, **t;
	char				 guid[EXPORT_QDPX_GUIDLEN + 1], rgb[8];
	const char			*rel;
	size_t				 nv = 0, nt, i, k, j, th;
	int				 colour;

	for (i = 0; i < n; i++) {
		rel = catalog_rel_of(x->rel, x->corpus, sel[i]);
		e = rel != NULL ? sidecar_entry((struct sidecar *)x->side, rel, 0) :
		    NULL;
		t = export_qdpx_tags(x, sel[i], e, &nt);
		v = xreallocarray(v, nv + nt + 1, sizeof *v);
		for (k = 0; k < nt; k++)
			v[nv++] = t[k];
		free(t);
		for (k = 0; e != NULL && k < e->npassages; k++) {
			p = &e->passages[k];
			v = xreallocarray(v, nv + p->ntags + 1, sizeof *v);
			for (j = 0; j < p->ntags; j++)
				if (p->tags[j].origin != SIDECAR_REJECTED)
					v[nv++] = p->tags[j].name;
		}
	}
	if (nv > 0) {
		qsort(v, nv, sizeof *v, export_qdpx_strcmp);
		export_qdpx_start(q, "CodeBook");
		export_qdpx_start(q, "Codes");
	}
	for (i = 0; i < nv; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		/* A theme's own colour, when it is given as one; the palette's,
		   the same for a name every time, when not. */
		colour = -1;
		for (th = 0; th < x->config->nthemes; th++)
			if (strcmp(x->config->themes[th].name, v[i]) == 0)
				colour = x->config->themes[th].colour.rgb;
		if (colour < 0)
			colour = export_qdpx_palette[cachedir_fnv(14695981039346656037ULL,
			    v[i], strlen(v[i])) % (sizeof export_qdpx_palette /
			    sizeof export_qdpx_palette[0])];
		export_qdpx_start(q, "Code");
		export_qdpx_guid(guid, "code", v[i], NULL);
		export_qdpx_attr(q, "guid", guid);
		export_qdpx_attr(q, "name", v[i]);
		export_qdpx_attr(q, "isCodable", "true");
		snprintf(rgb, sizeof rgb, "#%06X", colour & 0xffffff);
		export_qdpx_attr(q, "color", rgb);
		export_qdpx_end(q);
	}
	if (nv > 0) {
		export_qdpx_end(q);
		export_qdpx_end(q);
	}
	free(v);
}

/* Adds data[0..len) to the zip as name; the zip owns data from here, whatever
   happens. */
static int
export_qdpx_add(struct export_qdpx *q, const char *name, char *data, size_t len)
{
	zip_source_t	*s;
	zip_int64_t	 idx;

	if ((s = zip_source_buffer(q->zip, data, len, 1)) == NULL) {
		free(data);
		return -1;
	}
	if ((idx = zip_file_add(q->zip, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return -1;
	}
	/* The time of the export, not of the writing: the same zip each time. */
	if (zip_file_set_mtime(q->zip, (zip_uint64_t)idx, q->when, 0) < 0)
		return -1;
	return 0;
}

/* The text written of body: its bytes but a byte order mark, made valid UTF-8.
   Caller frees; *len and *hash get its length and hash. */
static char *
export_qdpx_text(const struct body *body, size_t *len, uint64_t *hash)
{
	char	*text;

	text = utf8_valid_copy(body->buf + body->start, body->len - body->start, len);
	*hash = cachedir_fnv(14695981039346656037ULL, text, *len);
	return text;
}

/* libzip's source of an article's text (struct export_qdpx_text). */
static zip_int64_t
export_qdpx_read(void *arg, void *data, zip_uint64_t n, zip_source_cmd_t cmd)
{
	struct export_qdpx_text	*t = arg;
	struct body		 body;
	zip_stat_t		*st;
	uint64_t		 hash;
	size_t			 len;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		if (article_read(t->a, &body) == -1) {
			t->q->bad = t->a->name;
			t->q->badwhy = strerror(errno);
			zip_error_set(&t->err, ZIP_ER_READ, errno);
			return -1;
		}
		t->buf = export_qdpx_text(&body, &len, &hash);
		article_body_free(&body);
		if (len != t->len || hash != t->hash) {
			free(t->buf);
			t->buf = NULL;
			t->q->bad = t->a->name;
			t->q->badwhy = "changed while it was exported";
			zip_error_set(&t->err, ZIP_ER_CHANGED, 0);
			return -1;
		}
		t->off = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (n > t->len - t->off)
			n = t->len - t->off;
		memcpy(data, t->buf + t->off, n);
		t->off += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
		free(t->buf);
		t->buf = NULL;
		return 0;
	case ZIP_SOURCE_STAT:
		st = data;
		zip_stat_init(st);
		st->size = t->len;
		st->mtime = t->q->when;
		st->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
		return sizeof *st;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&t->err, data, n);
	case ZIP_SOURCE_FREE:
		free(t->buf);
		zip_error_fini(&t->err);
		free(t);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
		    ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
		    ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&t->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Adds article a's text to the zip as name, to be read when the zip is written: len
   bytes of that hash, as export_qdpx_text() made them. */
static int
export_qdpx_add_text(struct export_qdpx *q, const char *name, const struct article *a,
    size_t len, uint64_t hash)
{
	struct export_qdpx_text	*t = xcalloc(1, sizeof *t);
	zip_source_t		*s;
	zip_int64_t		 idx;

	t->a = a;
	t->q = q;
	t->len = len;
	t->hash = hash;
	zip_error_init(&t->err);
	if ((s = zip_source_function(q->zip, export_qdpx_read, t)) == NULL) {
		zip_error_fini(&t->err);
		free(t);
		return -1;
	}
	if ((idx = zip_file_add(q->zip, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return -1;
	}
	if (zip_file_set_mtime(q->zip, (zip_uint64_t)idx, q->when, 0) < 0)
		return -1;
	return 0;
}

/* Article i as a <TextSource>, its text into the zip. Returns -1 if the zip
   failed; an article that cannot be read is left out with a warning. */
static int
export_qdpx_source(struct export_qdpx *q, size_t i)
{
	const struct export		*x = q->x;
	const struct article		*a = x->corpus->articles[i];
	const struct sidecar_entry	*e;
	const struct sidecar_passage	*p;
	struct body			 body;
	struct passage_spot		*spots = NULL;
	struct export_qdpx_pos		*pos;
	const char			**t;
	char				 src[EXPORT_QDPX_GUIDLEN + 1];
	char				 sel[EXPORT_QDPX_GUIDLEN + 1];
	char				*path, *text, *name;
	const char			*rel;
	size_t				 all = 0, nspots, nt, k, j, len, *at, cut;
	uint64_t			 hash;
	int				 rc = 0;

	rel = catalog_rel_of(x->rel, x->corpus, i);
	e = rel != NULL ? sidecar_entry((struct sidecar *)x->side, rel, 0) : NULL;
	if (a->error != NULL || article_read(a, &body) == -1) {
		diag_add(q->d, DIAG_WARNING, a->name, 0, "%s: left out",
		    a->error != NULL ? a->error : strerror(errno));
		return 0;
	}
	/* By its path in the sidecar; one outside the sidecar's folder by the path
	   it is opened by, which no other article has. */
	export_qdpx_guid(src, "source", rel != NULL ? rel : a->path, NULL);
	if (e != NULL)
		all = passage_spots(e, body.buf, body.len, &spots);
	/* Orphans come last: they are left out, with their ids said. */
	for (nspots = all; nspots > 0 && spots[nspots - 1].state == PASSAGE_ORPHAN;
	    nspots--)
		;
	for (k = nspots; k < all; k++) {
		p = spots[k].p;
		diag_add(q->d, DIAG_WARNING, a->name, 0, "passage %s \"%.*s%s\": its "
		    "quote is not in the text; left out", p->id,
		    (int)export_forward(p->quote, strlen(p->quote), 0, 40), p->quote,
		    p->quote[export_forward(p->quote, strlen(p->quote), 0, 40)] != '\0' ?
		    "..." : "");
	}
	at = xcalloc(2 * nspots + 1, sizeof *at);
	pos = xcalloc(2 * nspots + 1, sizeof *pos);
	for (k = 0; k < nspots; k++) {
		pos[2 * k].off = spots[k].start;
		pos[2 * k].out = &at[2 * k];
		pos[2 * k + 1].off = spots[k].end;
		pos[2 * k + 1].out = &at[2 * k + 1];
	}
	export_qdpx_positions(body.buf, body.len, body.start, pos, 2 * nspots);
	free(pos);

	export_qdpx_start(q, "TextSource");
	export_qdpx_attr(q, "guid", src);
	export_qdpx_attr(q, "name", a->name);
	path = xasprintf("internal://%s.txt", src);
	export_qdpx_attr(q, "plainTextPath", path);
	free(path);
	export_qdpx_attr(q, "creatingUser", q->user);
	export_qdpx_attr(q, "creationDateTime", q->stamp);
	for (k = 0; k < nspots; k++) {
		p = spots[k].p;
		export_qdpx_guid(sel, "selection", src, p->id);
		export_qdpx_start(q, "PlainTextSelection");
		export_qdpx_attr(q, "guid", sel);
		cut = export_forward(p->quote, strlen(p->quote), 0, EXPORT_QDPX_NAME);
		name = xasprintf("%.*s%s", (int)cut, p->quote, p->quote[cut] != '\0' ?
		    "\xe2\x80\xa6" : "");
		export_qdpx_attr(q, "name", name);
		export_qdpx_num(q, "startPosition", at[2 * k]);
		export_qdpx_num(q, "endPosition", at[2 * k + 1]);
		export_qdpx_attr(q, "creatingUser", q->user);
		export_qdpx_attr(q, "creationDateTime", q->stamp);
		for (j = 0; j < p->ntags; j++)
			if (p->tags[j].origin != SIDECAR_REJECTED)
				export_qdpx_coding(q, sel, p->tags[j].name);
		if (p->note != NULL)
			export_qdpx_noteref(q, sel, name, p->note);
		free(name);
		export_qdpx_end(q);
	}
	/* The article's own codes code the source as a whole, as the schema
	   lets a <TextSource> hold <Coding>: no selection of all the text, which a
	   reader would show as a passage. */
	t = export_qdpx_tags(x, i, e, &nt);
	for (k = 0; k < nt; k++)
		export_qdpx_coding(q, src, t[k]);
	free(t);
	if (e != NULL && e->note != NULL)
		export_qdpx_noteref(q, src, a->name, e->note);
	export_qdpx_end(q);
	free(at);
	free(spots);

	text = export_qdpx_text(&body, &len, &hash);
	free(text);
	article_body_free(&body);
	path = xasprintf("sources/%s.txt", src);
	if (export_qdpx_add_text(q, path, a, len, hash) == -1)
		rc = -1;
	free(path);
	return rc;
}

/* Writes the zip made in memory, src, to the staged file st and puts it in place;
   either way st is finished with. */
static int
export_qdpx_save(struct export_qdpx *q, zip_source_t *src, struct file_stage *st)
{
	char			 buf[64 * 1024];
	zip_int64_t		 n;
	ssize_t			 w;
	size_t			 off;
	int			 ok = 1;

	if (zip_source_open(src) < 0) {
		diag_add(q->d, DIAG_ERROR, q->x->out, 0, "%s",
		    zip_error_strerror(zip_source_error(src)));
		file_stage_abandon(st);
		return -1;
	}
	while (ok && (n = zip_source_read(src, buf, sizeof buf)) > 0)
		for (off = 0; ok && off < (size_t)n; off += (size_t)w)
			if ((w = write(st->fd, buf + off, (size_t)n - off)) == -1) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				diag_add(q->d, DIAG_ERROR, q->x->out, 0, "%s",
				    strerror(errno));
				ok = 0;
			}
	if (ok && n < 0) {
		diag_add(q->d, DIAG_ERROR, q->x->out, 0, "%s",
		    zip_error_strerror(zip_source_error(src)));
		ok = 0;
	}
	zip_source_close(src);
	if (!ok) {
		file_stage_abandon(st);
		return -1;
	}
	if (file_stage_commit(st) == -1) {
		diag_add(q->d, DIAG_ERROR, q->x->out, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

int
export_qdpx(const struct export *x, const size_t *sel, size_t n, struct diag *d)
{
	struct export_qdpx	 q;
	struct file_stage	 st;
	struct tm		 tm;
	xmlBufferPtr		 xb;
	zip_source_t		*src;
	zip_error_t		 zerr;
	const char		*epoch, *user;
	char			*end, *qde, *origin;
	size_t			 i, k;
	int			 rc = -1;
	long long		 t;

	memset(&q, 0, sizeof q);
	q.x = x;
	q.d = d;
	/* SOURCE_DATE_EPOCH, as reproducible builds have it: one export's times
	   made another's, so that two exports can be compared byte for byte. */
	q.when = time(NULL);
	if ((epoch = getenv("SOURCE_DATE_EPOCH")) != NULL && *epoch != '\0') {
		errno = 0;
		t = strtoll(epoch, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0)
			q.when = (time_t)t;
	}
	gmtime_r(&q.when, &tm);
	strftime(q.stamp, sizeof q.stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((user = getenv("USER")) == NULL || *user == '\0')
		user = "rubric";
	export_qdpx_guid(q.user, "user", user, NULL);

	/* The output is checked, and its temporary file made, before the work. */
	if (export_stage(x, &st, d) == -1)
		return -1;
	zip_error_init(&zerr);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &zerr)) == NULL ||
	    (q.zip = zip_open_from_source(src, ZIP_TRUNCATE, &zerr)) == NULL) {
		diag_add(d, DIAG_ERROR, x->out, 0, "%s", zip_error_strerror(&zerr));
		zip_source_free(src);
		zip_error_fini(&zerr);
		file_stage_abandon(&st);
		return -1;
	}
	zip_error_fini(&zerr);
	/* Kept past zip_close(), which writes the archive into it. */
	zip_source_keep(src);
	if ((xb = xmlBufferCreate()) == NULL || (q.w = xmlNewTextWriterMemory(xb,
	    0)) == NULL)
		fatal("out of memory");
	xmlTextWriterSetIndent(q.w, 1);
	if (xmlTextWriterStartDocument(q.w, NULL, "UTF-8", NULL) < 0)
		q.err = 1;
	export_qdpx_start(&q, "Project");
	export_qdpx_attr(&q, "xmlns", "urn:QDA-XML:project:1.0");
	export_qdpx_attr(&q, "name", x->corpus->label != NULL ? x->corpus->label :
	    "rubric");
	origin = xasprintf("rubric %s", RUBRIC_VERSION);
	export_qdpx_attr(&q, "origin", origin);
	free(origin);
	export_qdpx_attr(&q, "creatingUserGUID", q.user);
	export_qdpx_attr(&q, "creationDateTime", q.stamp);
	export_qdpx_start(&q, "Users");
	export_qdpx_start(&q, "User");
	export_qdpx_attr(&q, "guid", q.user);
	export_qdpx_attr(&q, "name", user);
	export_qdpx_end(&q);
	export_qdpx_end(&q);
	export_qdpx_codebook(&q, sel, n);
	if (n > 0)
		export_qdpx_start(&q, "Sources");
	for (i = 0; i < n && !q.err; i++)
		if (export_qdpx_source(&q, sel[i]) == -1)
			goto zipfail;
	if (n > 0)
		export_qdpx_end(&q);
	if (q.nnotes > 0)
		export_qdpx_start(&q, "Notes");
	for (k = 0; k < q.nnotes; k++) {
		export_qdpx_start(&q, "Note");
		export_qdpx_attr(&q, "guid", q.notes[k].guid);
		export_qdpx_attr(&q, "name", q.notes[k].name);
		export_qdpx_attr(&q, "creatingUser", q.user);
		export_qdpx_attr(&q, "creationDateTime", q.stamp);
		qde = export_qdpx_clean(q.notes[k].text, strlen(q.notes[k].text));
		if (xmlTextWriterWriteElement(q.w, (const xmlChar *)"PlainTextContent",
		    (const xmlChar *)qde) < 0)
			q.err = 1;
		free(qde);
		export_qdpx_end(&q);
	}
	if (q.nnotes > 0)
		export_qdpx_end(&q);
	export_qdpx_end(&q);
	if (xmlTextWriterEndDocument(q.w) < 0)
		q.err = 1;
	xmlFreeTextWriter(q.w);
	q.w = NULL;
	if (q.err) {
		diag_add(d, DIAG_ERROR, x->out, 0, "project.qde could not be written");
		goto fail;
	}
	qde = xmalloc((size_t)xmlBufferLength(xb));
	memcpy(qde, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	if (export_qdpx_add(&q, "project.qde", qde, (size_t)xmlBufferLength(xb)) == -1)
		goto zipfail;
	if (zip_close(q.zip) < 0) {
		if (q.bad != NULL) {
			diag_add(d, DIAG_ERROR, q.bad, 0, "%s; nothing was written",
			    q.badwhy);
			goto fail;
		}
		goto zipfail;
	}
	q.zip = NULL;
	rc = export_qdpx_save(&q, src, &st);
	goto done;

zipfail:
	diag_add(d, DIAG_ERROR, x->out, 0, "%s", zip_strerror(q.zip));
fail:
	file_stage_abandon(&st);
done:
	if (q.w != NULL)
		xmlFreeTextWriter(q.w);
	xmlBufferFree(xb);
	if (q.zip != NULL)
		zip_discard(q.zip);
	zip_source_free(src);
	for (k = 0; k < q.nnotes; k++)
		free(q.notes[k].name);
	free(q.notes);
	return rc;
}
