/* Export: each article is gathered once (its tags told apart, its counts, and for the
   formats that show them its snippets), then written in the format asked for. Text
   goes out through glyph_next(), as on the screen, so that no byte of an article is a
   control in any format; JSON goes through jansson. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "export_force.h"
#include "file.h"
#include "glyph.h"
#include "log.h"
#include "tags.h"
#include "theme.h"
#include "utf8.h"
#include "xmalloc.h"

#define EXPORT_MD_SNIPPETS	10	/* per article in the digest; the rest counted */
#define EXPORT_RULE	"========================================================================"

/* The output stream's buffer: see export_open(). */
static char	 export_buf[256 * 1024];

/* One article, gathered for writing. */
struct export_item {
	const struct article		*a;
	const struct sidecar_entry	*e;
	const uint32_t			*counts;	/* NULL: not counted */
	const char			**tags[3];	/* by sidecar_origin; borrowed */
	size_t				 ntags[3];
	struct body			 body;
	int				 has_body;
	struct match_list		 ml;		/* resolved: what is highlighted */
	char				 date[11];	/* "" when not known */
};

static const char	*export_formats[] = { "jsonl", "csv", "md", "txt", "dir" };

int
export_format(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof export_formats / sizeof export_formats[0]; i++)
		if (strcmp(name, export_formats[i]) == 0)
			return (int)i;
	return -1;
}

json_t *
export_json_string(const char *s, size_t n)
{
	size_t		 pos = 0, len;
	uint32_t	 cp;
	char		*v;
	json_t		*j;

	/* Most text is valid: it goes to jansson as it is, unchecked twice. */
	while (pos < n) {
		if ((unsigned char)s[pos] < 0x80) {
			pos++;
			continue;
		}
		len = utf8_decode(s + pos, n - pos, &cp);
		if (cp == UTF8_INVALID)
			break;
		pos += len;
	}
	if (pos == n)
		j = json_stringn_nocheck(s, n);
	else {
		v = utf8_valid_copy(s, n, &len);
		j = json_stringn_nocheck(v, len);
		free(v);
	}
	if (j == NULL)
		fatal("out of memory");
	return j;
}

void
export_text(FILE *f, const char *s, size_t n, int lines)
{
	struct glyph	 g;
	size_t		 pos = 0;

	while (pos < n) {
		glyph_next(s + pos, n - pos, 0, 1, &g);
		if (g.kind == GLYPH_TAB)
			putc(lines ? '\t' : ' ', f);
		else if (g.kind == GLYPH_EOL)
			putc(lines ? '\n' : ' ', f);
		else
			fwrite(g.text, 1, g.textlen, f);
		pos += g.len;
	}
}

void
export_tsv(FILE *f, const char *s, size_t n)
{
	struct glyph	 g;
	size_t		 pos = 0, i;

	while (pos < n) {
		/* Before glyph_next, which takes "\r\n" as one line end. */
		if (s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r') {
			putc('\\', f);
			putc(s[pos] == '\t' ? 't' : s[pos] == '\n' ? 'n' : 'r', f);
			pos++;
			continue;
		}
		glyph_next(s + pos, n - pos, 0, 1, &g);
		for (i = 0; i < g.textlen; i++) {
			if (g.text[i] == '\\')
				putc('\\', f);
			putc(g.text[i], f);
		}
		pos += g.len;
	}
}

/* The same for Markdown: its punctuation escaped so that text stays text. */
static void
export_md_text(FILE *f, const char *s, size_t n)
{
	struct glyph	 g;
	size_t		 pos = 0;

	while (pos < n) {
		glyph_next(s + pos, n - pos, 0, 1, &g);
		if (g.kind == GLYPH_TAB || g.kind == GLYPH_EOL)
			putc(' ', f);
		else {
			if (g.textlen == 1 && strchr("\\`*_[]<>~", g.text[0]) != NULL)
				putc('\\', f);
			fwrite(g.text, 1, g.textlen, f);
		}
		pos += g.len;
	}
}

/* A CSV field (RFC 4180): quoted, quotes doubled, line ends kept inside. */
static void
export_csv_field(FILE *f, const char *s, size_t n)
{
	struct glyph	 g;
	size_t		 pos = 0, i;

	putc('"', f);
	while (pos < n) {
		glyph_next(s + pos, n - pos, 0, 1, &g);
		if (g.kind == GLYPH_TAB)
			putc('\t', f);
		else if (g.kind == GLYPH_EOL)
			fwrite(s + pos, 1, g.len, f);	/* as it was: \n or \r\n */
		else
			for (i = 0; i < g.textlen; i++) {
				if (g.text[i] == '"')
					putc('"', f);
				putc(g.text[i], f);
			}
		pos += g.len;
	}
	putc('"', f);
}

/* Where a snippet starts: n characters before off, not before lo. */
static size_t
export_back(const char *buf, size_t lo, size_t off, size_t n)
{
	while (off > lo && n-- > 0) {
		off--;
		while (off > lo && ((unsigned char)buf[off] & 0xc0) == 0x80)
			off--;
	}
	return off;
}

/* Where a snippet ends: n characters after off, not after hi. */
static size_t
export_forward(const char *buf, size_t hi, size_t off, size_t n)
{
	while (off < hi && n-- > 0) {
		off++;
		while (off < hi && ((unsigned char)buf[off] & 0xc0) == 0x80)
			off++;
	}
	return off;
}

static void
export_item_free(struct export_item *it)
{
	size_t	 k;

	for (k = 0; k < 3; k++)
		free(it->tags[k]);
	if (it->has_body)
		article_body_free(&it->body);
	match_list_free(&it->ml);
	memset(it, 0, sizeof *it);
}

static void
export_tag(struct export_item *it, int origin, const char *name)
{
	it->tags[origin] = xreallocarray(it->tags[origin], it->ntags[origin] + 1,
	    sizeof *it->tags[origin]);
	it->tags[origin][it->ntags[origin]++] = name;
}

/* Gathers article i: its tags, counts and date, and for the formats that need it the
   body and its matches. */
static void
export_gather(const struct export *x, struct scan_finder *finder,
    struct match_list *tmp, size_t i, struct export_item *it)
{
	size_t	 k, t;
	int	 snippets = x->format != EXPORT_CSV && x->format != EXPORT_TXT;
	int	 counted = 0;

	memset(it, 0, sizeof *it);
	it->a = x->corpus->articles[i];
	it->e = x->rel[i] != NULL ? sidecar_entry((struct sidecar *)x->side, x->rel[i],
	    0) : NULL;
	if ((it->counts = scan_counts(x->scan, i)) == NULL && x->config->nthemes > 0) {
		/* Not counted yet (nothing cached): counted here, from the one read of
		   its text, and the matches kept for the snippets. */
		if (it->a->error == NULL && article_read(it->a, &it->body) == 0)
			it->has_body = 1;
		it->counts = scan_article(x->scan, finder, i, it->has_body ? &it->body :
		    NULL, snippets ? &it->ml : NULL);
		counted = 1;
	}
	for (k = 0; it->e != NULL && k < it->e->ntags; k++)
		export_tag(it, (int)it->e->tags[k].origin, it->e->tags[k].name);
	for (t = 0; it->counts != NULL && t < x->config->nthemes; t++)
		if (tags_auto(&x->config->themes[t], it->counts[t], it->e))
			export_tag(it, SIDECAR_THEME, x->config->themes[t].name);
	if (it->a->date == NULL || article_date(it->a->date, it->date) == -1)
		it->date[0] = '\0';
	if (x->format == EXPORT_CSV || it->a->error != NULL)
		return;
	/* JSON Lines without the text need it only for snippets: not at all for an
	   article without hits. */
	for (t = 0; x->format == EXPORT_JSONL && !x->body && it->counts != NULL &&
	    t < x->config->nthemes && it->counts[t] == 0; t++)
		;
	if (x->format == EXPORT_JSONL && !x->body && (it->counts == NULL ||
	    t == x->config->nthemes))
		return;
	if (!it->has_body) {
		if (article_read(it->a, &it->body) == -1)
			return;
		it->has_body = 1;
	}
	if (!snippets || it->counts == NULL)
		return;
	/* Counted before (the cache): the matches are found again, and only for
	   the themes with hits. */
	if (!counted) {
		scan_finder_text(finder, it->body.buf, it->body.len);
		for (t = 0; t < x->config->nthemes; t++) {
			if (it->counts[t] == 0)
				continue;
			scan_find(finder, t, it->body.buf, it->body.len, it->body.start,
			    tmp);
			for (k = 0; k < tmp->n; k++)
				match_list_add(&it->ml, &tmp->v[k]);
		}
	}
	match_list_resolve(&it->ml);
}

/* A JSON string of n bytes of text, line ends and tabs as spaces. */
static json_t *
export_json_flat(const char *text, size_t n)
{
	char	*s;
	size_t	 k;
	json_t	*j;

	for (k = 0; k < n && text[k] != '\n' && text[k] != '\r' && text[k] != '\t'; k++)
		;
	if (k == n)
		return export_json_string(text, n);
	/* Not xstrndup: the text may hold NUL bytes. */
	s = xmalloc(n + 1);
	memcpy(s, text, n);
	for (k = 0; k < n; k++)
		if (s[k] == '\n' || s[k] == '\r' || s[k] == '\t')
			s[k] = ' ';
	j = export_json_string(s, n);
	free(s);
	return j;
}

/* A line of JSON being made: jansson hands over the text in pieces. */
struct export_line {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

/* Whether a code point is one that JSON allows raw but a terminal acts on: DEL, the
   C1 controls and the bidi controls. */
static int
export_hidden(uint32_t cp)
{
	return cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

static void
export_line_room(struct export_line *l, size_t n)
{
	if (l->len + n > l->cap) {
		l->cap = (l->len + n) * 2;
		l->buf = xreallocarray(l->buf, l->cap, 1);
	}
}

/* Appends text that rubric writes itself: punctuation, keys and numbers. */
static void
export_line_put(struct export_line *l, const char *s, size_t n)
{
	export_line_room(l, n);
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

static void
export_line_num(struct export_line *l, size_t v)
{
	char	 d[24];
	size_t	 n = sizeof d;

	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	export_line_put(l, d + n, sizeof d - n);
}

/* Appends a piece of jansson's text. jansson leaves DEL, the C1 controls and the
   bidi controls as they are, which JSON allows; as \uXXXX they mean the same, and a
   terminal that shows the line acts on none of them. They occur only inside
   strings, which jansson hands over whole, and only where a byte 0x7f, 0xc2, 0xd8
   or 0xe2 is. */
static int
export_line_add(const char *piece, size_t n, void *arg)
{
	struct export_line	*l = arg;
	size_t			 i, k;
	uint32_t		 cp;

	export_line_room(l, n * 3 + 2);
	for (i = 0; i < n; i += k) {
		unsigned char	 c;

		/* Up to the next byte that may begin a control, a run at once. */
		for (k = i; k < n; k++) {
			c = (unsigned char)piece[k];
			if (c == 0x7f || c == 0xc2 || c == 0xd8 || c == 0xe2)
				break;
		}
		memcpy(l->buf + l->len, piece + i, k - i);
		l->len += k - i;
		if ((i = k) == n)
			break;
		k = utf8_decode(piece + i, n - i, &cp);
		if (k == 0)
			k = 1;
		if (export_hidden(cp))
			l->len += (size_t)snprintf(l->buf + l->len, 7, "\\u%04x",
			    (unsigned int)cp);
		else {
			memcpy(l->buf + l->len, piece + i, k);
			l->len += k;
		}
	}
	return 0;
}

int
export_json_plain(const char *s, size_t n, int flat, char *out)
{
	size_t		 i, k;
	uint32_t	 cp;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			if (out != NULL)
				out[i] = (char)c;
			continue;
		}
		if (flat && (c == '\t' || c == '\n' || c == '\r')) {
			if (out != NULL)
				out[i] = ' ';
			continue;
		}
		if (c < 0x80)
			return 0;
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID || export_hidden(cp))
			return 0;
		if (out != NULL)
			memcpy(out + i, s + i, k);
		i += k - 1;
	}
	return 1;
}

/* o as one line of JSON, ended by a line feed, and o freed. Caller frees. */
static char *
export_json_text(json_t *o)
{
	struct export_line	 l = { NULL, 0, 0 };

	if (json_dump_callback(o, export_line_add, &l, JSON_COMPACT |
	    JSON_PRESERVE_ORDER) == -1)
		fatal("out of memory");
	json_decref(o);
	export_line_add("\n", 1, &l);
	l.buf[l.len] = '\0';
	return l.buf;
}

/* Appends s[0..n) as a JSON string; with flat, line ends and tabs as spaces. Most
   text is plain prose, which jansson would copy unchanged: export_json_plain()
   tests that as it copies. Anything else is escaped by jansson. */
static void
export_line_string(struct export_line *l, const char *s, size_t n, int flat)
{
	json_t	*j;

	export_line_room(l, n + 2);
	l->buf[l->len] = '"';
	if (export_json_plain(s, n, flat, l->buf + l->len + 1)) {
		l->buf[l->len + 1 + n] = '"';
		l->len += n + 2;
		return;
	}
	j = flat ? export_json_flat(s, n) : export_json_string(s, n);
	if (json_dump_callback(j, export_line_add, l, JSON_ENCODE_ANY) == -1)
		fatal("out of memory");
	json_decref(j);
}

/* Each theme's name as JSON text, made once for every snippet that names it. */
static struct export_line *
export_names(const struct export *x)
{
	struct export_line	*names;
	size_t			 t;

	names = xcalloc(x->config->nthemes + 1, sizeof *names);
	for (t = 0; t < x->config->nthemes; t++)
		export_line_string(&names[t], x->config->themes[t].name,
		    strlen(x->config->themes[t].name), 0);
	return names;
}

static void
export_names_free(const struct export *x, struct export_line *names)
{
	size_t	 t;

	for (t = 0; t < x->config->nthemes; t++)
		free(names[t].buf);
	free(names);
}

/* Appends a list of tags as a JSON array. */
static void
export_line_tags(struct export_line *l, const struct export_item *it, int origin)
{
	size_t	 k;

	export_line_put(l, "[", 1);
	for (k = 0; k < it->ntags[origin]; k++) {
		if (k > 0)
			export_line_put(l, ",", 1);
		export_line_string(l, it->tags[origin][k], strlen(it->tags[origin][k]), 0);
	}
	export_line_put(l, "]", 1);
}

/* Appends ,"key": for one of rubric's own keys, which are plain ASCII. */
static void
export_line_key(struct export_line *l, const char *key)
{
	export_line_put(l, ",\"", 2);
	export_line_put(l, key, strlen(key));
	export_line_put(l, "\":", 2);
}

/* An article's whole line of JSON Lines, ended by a line feed: keys in a fixed order,
   as jansson's compact form writes them. Every value from outside is a string
   escaped by jansson (or one that needs no escape, export_line_string); keys,
   numbers and punctuation are rubric's own. Made as jansson objects, a record cost
   more than finding its matches: hundreds of snippets in a long article, and a
   count per theme. The caller frees l.buf. */
static struct export_line
export_record(const struct export *x, const struct export_item *it, int body,
    const char *file, const struct export_line *names)
{
	const struct article	*a = it->a;
	struct export_line	 l = { NULL, 0, 0 };
	const char		*buf = it->body.buf;
	size_t			 k, t, lo, hi;

	/* Room for the usual line at once: about 200 bytes a snippet. */
	l.cap = 1024 + it->ml.n * 256;
	l.buf = xmalloc(l.cap);

	export_line_put(&l, "{\"path\":", 8);
	export_line_string(&l, a->name, strlen(a->name), 0);
	export_line_key(&l, "title");
	export_line_string(&l, a->title, strlen(a->title), 0);
	if (it->date[0] != '\0') {
		export_line_key(&l, "date");
		export_line_string(&l, it->date, strlen(it->date), 0);
	} else if (a->date != NULL) {
		export_line_key(&l, "date");
		export_line_string(&l, a->date, strlen(a->date), 0);
	}
	if (a->source != NULL) {
		export_line_key(&l, "source");
		export_line_string(&l, a->source, strlen(a->source), 0);
	}
	if (a->url != NULL) {
		export_line_key(&l, "url");
		export_line_string(&l, a->url, strlen(a->url), 0);
	}
	export_line_key(&l, "tags");
	export_line_tags(&l, it, SIDECAR_PERSON);
	export_line_key(&l, "auto");
	export_line_tags(&l, it, SIDECAR_THEME);
	export_line_key(&l, "rejected");
	export_line_tags(&l, it, SIDECAR_REJECTED);
	export_line_key(&l, "hits");
	export_line_put(&l, "{", 1);
	for (t = 0; t < x->config->nthemes; t++) {
		if (t > 0)
			export_line_put(&l, ",", 1);
		export_line_put(&l, names[t].buf, names[t].len);
		export_line_put(&l, ":", 1);
		export_line_num(&l, it->counts != NULL ? it->counts[t] : 0);
	}
	export_line_put(&l, "}", 1);
	export_line_key(&l, "note");
	if (it->e != NULL && it->e->note != NULL)
		export_line_string(&l, it->e->note, strlen(it->e->note), 0);
	else
		export_line_put(&l, "null", 4);
	if (a->error != NULL) {
		export_line_key(&l, "error");
		export_line_string(&l, a->error, strlen(a->error), 0);
	}
	if (file != NULL) {
		export_line_key(&l, "file");
		export_line_string(&l, file, strlen(file), 0);
	}
	if (body && it->has_body) {
		export_line_key(&l, "body");
		export_line_string(&l, buf + it->body.start, it->body.len -
		    it->body.start, 0);
	}
	export_line_key(&l, "snippets");
	export_line_put(&l, "[", 1);
	for (k = 0; k < it->ml.n; k++) {
		const struct match	*m = &it->ml.v[k];

		lo = export_back(buf, it->body.start, m->start, EXPORT_CONTEXT);
		hi = export_forward(buf, it->body.len, m->end, EXPORT_CONTEXT);
		if (k > 0)
			export_line_put(&l, ",", 1);
		export_line_put(&l, "{\"theme\":", 9);
		export_line_put(&l, names[m->theme].buf, names[m->theme].len);
		export_line_put(&l, ",\"offset\":", 10);
		export_line_num(&l, m->start);
		export_line_put(&l, ",\"before\":", 10);
		export_line_string(&l, buf + lo, m->start - lo, 1);
		export_line_put(&l, ",\"match\":", 9);
		export_line_string(&l, buf + m->start, m->end - m->start, 1);
		export_line_put(&l, ",\"after\":", 9);
		export_line_string(&l, buf + m->end, hi - m->end, 1);
		export_line_put(&l, "}", 1);
	}
	export_line_put(&l, "]}\n", 3);
	return l;
}

int
export_json_line(FILE *f, json_t *o)
{
	char	*line = export_json_text(o);
	int	 rc;

	rc = fputs(line, f) == EOF ? -1 : 0;
	free(line);
	return rc;
}

/* JSON Lines are made by a thread per core, the calling one too, in any order, and
   written in order: the thread that finishes the line next due writes it, and every
   line after it that is ready, while the others go on making lines. At most
   EXPORT_WINDOW lines wait to be written. (A writer thread woken for each line
   spent more in futex calls than in writing.) */
#define EXPORT_WINDOW	256
#define EXPORT_THREADS	8

struct export_pipe {
	const struct export	*x;
	FILE			*f;
	const size_t		*sel;
	size_t			 n;
	const struct export_line *names;	/* from export_names() */

	pthread_mutex_t		 lock;		/* guards what follows */
	pthread_cond_t		 room;		/* the window moved on */
	int			 waiting;	/* threads asleep on room */
	struct export_line	 lines[EXPORT_WINDOW];	/* line k at k % EXPORT_WINDOW */
	unsigned char		 ready[EXPORT_WINDOW];
	size_t			 next;		/* the next article to take */
	size_t			 written;	/* lines taken to be written so far */
	int			 writing;	/* a thread is writing */
	int			 ok;		/* 0 after a failed write: stop */
	int			 error;		/* its errno, for the calling thread */
};

/* With the lock held, by the thread that is writing: writes every ready line from
   the next due on, letting the lock go while it writes. */
static void
export_pipe_drain(struct export_pipe *p, struct export_line *take)
{
	size_t	 k, count;
	int	 ok, error = 0;

	while (p->ready[p->written % EXPORT_WINDOW]) {
		for (count = 0, k = p->written; k < p->n && p->ready[k % EXPORT_WINDOW];
		    k++, count++) {
			take[count] = p->lines[k % EXPORT_WINDOW];
			p->ready[k % EXPORT_WINDOW] = 0;
		}
		p->written = k;
		if (p->waiting > 0)
			pthread_cond_broadcast(&p->room);
		ok = p->ok;
		pthread_mutex_unlock(&p->lock);
		for (k = 0; k < count; k++) {
			if (ok && fwrite(take[k].buf, 1, take[k].len, p->f) !=
			    take[k].len) {
				ok = 0;
				error = errno;
			}
			free(take[k].buf);
		}
		pthread_mutex_lock(&p->lock);
		if (!ok && p->ok) {
			p->ok = 0;
			p->error = error;
			pthread_cond_broadcast(&p->room);
		}
	}
}

static void *
export_pipe_thread(void *arg)
{
	struct export_pipe	*p = arg;
	struct export_item	 it;
	struct export_line	 line, *take = xcalloc(EXPORT_WINDOW, sizeof *take);
	struct scan_finder	*finder = scan_finder_new(p->x->scan);
	struct match_list	 tmp = { NULL, 0, 0 };
	size_t			 k;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->ok && p->next < p->n && p->next >= p->written + EXPORT_WINDOW) {
			p->waiting++;
			pthread_cond_wait(&p->room, &p->lock);
			p->waiting--;
		}
		if (!p->ok || p->next >= p->n)
			break;
		k = p->next++;
		pthread_mutex_unlock(&p->lock);

		export_gather(p->x, finder, &tmp, p->sel[k], &it);
		line = export_record(p->x, &it, p->x->body, NULL, p->names);
		export_item_free(&it);

		pthread_mutex_lock(&p->lock);
		p->lines[k % EXPORT_WINDOW] = line;
		p->ready[k % EXPORT_WINDOW] = 1;
		if (!p->writing && k == p->written) {
			p->writing = 1;
			export_pipe_drain(p, take);
			p->writing = 0;
		}
	}
	pthread_mutex_unlock(&p->lock);
	free(take);
	match_list_free(&tmp);
	scan_finder_free(finder);
	return NULL;
}

static int
export_jsonl(const struct export *x, FILE *f, const size_t *sel, size_t n)
{
	struct export_pipe	*p = xcalloc(1, sizeof *p);
	struct export_line	*names;
	pthread_t		 threads[EXPORT_THREADS];
	long			 cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t			 k;
	int			 nthreads, i, started = 0, ok;

	nthreads = cpus < 1 ? 1 : cpus > EXPORT_THREADS ? EXPORT_THREADS : (int)cpus;
	p->x = x;
	p->f = f;
	p->sel = sel;
	p->n = n;
	p->ok = 1;
	p->names = names = export_names(x);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->room, NULL);
	/* This thread is one of them; a thread that cannot be had is no error. */
	for (i = 1; i < nthreads; i++)
		started += pthread_create(&threads[started], NULL, export_pipe_thread,
		    p) == 0;
	export_pipe_thread(p);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	ok = p->ok;
	/* errno is each thread's own: the caller says why with this one's. */
	if (!ok)
		errno = p->error;
	/* After a failed write: the lines made and not written. */
	for (k = 0; k < EXPORT_WINDOW; k++)
		if (p->ready[k])
			free(p->lines[k].buf);
	pthread_cond_destroy(&p->room);
	pthread_mutex_destroy(&p->lock);
	export_names_free(x, names);
	free(p);
	return ok ? 0 : -1;
}

static void
export_csv_header(const struct export *x, FILE *f)
{
	size_t	 t;

	fputs("path,title,date,source,url,tags,auto,rejected,note", f);
	for (t = 0; t < x->config->nthemes; t++) {
		putc(',', f);
		export_csv_field(f, x->config->themes[t].name,
		    strlen(x->config->themes[t].name));
	}
	fputs("\r\n", f);
}

static void
export_csv_tags(FILE *f, const struct export_item *it, int origin)
{
	char	*s = xstrdup(""), *p;
	size_t	 k;

	/* A tag never holds a comma: the list splits on them. */
	for (k = 0; k < it->ntags[origin]; k++) {
		p = xasprintf("%s%s%s", s, k > 0 ? "," : "", it->tags[origin][k]);
		free(s);
		s = p;
	}
	putc(',', f);
	export_csv_field(f, s, strlen(s));
	free(s);
}

static void
export_csv(const struct export *x, FILE *f, const struct export_item *it)
{
	const struct article	*a = it->a;
	const char		*date = it->date[0] != '\0' ? it->date :
				    a->date != NULL ? a->date : "";
	size_t			 t;

	export_csv_field(f, a->name, strlen(a->name));
	putc(',', f);
	export_csv_field(f, a->title, strlen(a->title));
	putc(',', f);
	export_csv_field(f, date, strlen(date));
	putc(',', f);
	export_csv_field(f, a->source != NULL ? a->source : "", a->source != NULL ?
	    strlen(a->source) : 0);
	putc(',', f);
	export_csv_field(f, a->url != NULL ? a->url : "", a->url != NULL ?
	    strlen(a->url) : 0);
	export_csv_tags(f, it, SIDECAR_PERSON);
	export_csv_tags(f, it, SIDECAR_THEME);
	export_csv_tags(f, it, SIDECAR_REJECTED);
	putc(',', f);
	if (it->e != NULL && it->e->note != NULL)
		export_csv_field(f, it->e->note, strlen(it->e->note));
	for (t = 0; t < x->config->nthemes; t++)
		fprintf(f, ",%u", it->counts != NULL ? it->counts[t] : 0);
	fputs("\r\n", f);
}

static void
export_md_tags(FILE *f, const struct export_item *it, int origin, const char *label)
{
	size_t	 k;

	if (it->ntags[origin] == 0)
		return;
	fprintf(f, "- %s: ", label);
	for (k = 0; k < it->ntags[origin]; k++) {
		fputs(k > 0 ? ", " : "", f);
		export_md_text(f, it->tags[origin][k], strlen(it->tags[origin][k]));
	}
	putc('\n', f);
}

static void
export_md(const struct export *x, FILE *f, const struct export_item *it)
{
	const struct article	*a = it->a;
	const char		*buf = it->body.buf, *note, *nl;
	size_t			 k, lo, hi;

	fputs("## ", f);
	export_md_text(f, a->title, strlen(a->title));
	fputs("\n\n- path: ", f);
	export_md_text(f, a->name, strlen(a->name));
	putc('\n', f);
	if (it->date[0] != '\0' || a->date != NULL) {
		fputs("- date: ", f);
		if (it->date[0] != '\0')
			fputs(it->date, f);
		else
			export_md_text(f, a->date, strlen(a->date));
		putc('\n', f);
	}
	if (a->source != NULL) {
		fputs("- source: ", f);
		export_md_text(f, a->source, strlen(a->source));
		putc('\n', f);
	}
	/* A link only for the web's schemes: an article's header could name
	   javascript: or data:, which a renderer would make a live link. */
	if (a->url != NULL) {
		fputs("- url: ", f);
		if (strncasecmp(a->url, "http://", 7) == 0 ||
		    strncasecmp(a->url, "https://", 8) == 0) {
			putc('<', f);
			export_text(f, a->url, strcspn(a->url, "<> "), 0);
			putc('>', f);
		} else
			export_md_text(f, a->url, strlen(a->url));
		putc('\n', f);
	}
	export_md_tags(f, it, SIDECAR_PERSON, "tags");
	export_md_tags(f, it, SIDECAR_THEME, "automatic tags");
	if (it->e != NULL && it->e->note != NULL) {
		fputs("\n", f);
		for (note = it->e->note; *note != '\0'; note = *nl != '\0' ? nl + 1 : nl) {
			nl = strchr(note, '\n');
			if (nl == NULL)
				nl = note + strlen(note);
			fputs("> ", f);
			export_md_text(f, note, (size_t)(nl - note));
			putc('\n', f);
		}
	}
	if (it->ml.n > 0)
		putc('\n', f);
	for (k = 0; k < it->ml.n && k < EXPORT_MD_SNIPPETS; k++) {
		const struct match	*m = &it->ml.v[k];

		lo = export_back(buf, it->body.start, m->start, EXPORT_CONTEXT);
		hi = export_forward(buf, it->body.len, m->end, EXPORT_CONTEXT);
		fputs(lo > it->body.start ? "- …" : "- ", f);
		export_md_text(f, buf + lo, m->start - lo);
		fputs("**", f);
		export_md_text(f, buf + m->start, m->end - m->start);
		fputs("**", f);
		export_md_text(f, buf + m->end, hi - m->end);
		fprintf(f, "%s (", hi < it->body.len ? "…" : "");
		export_md_text(f, x->config->themes[m->theme].name,
		    strlen(x->config->themes[m->theme].name));
		fputs(")\n", f);
	}
	if (it->ml.n > EXPORT_MD_SNIPPETS)
		fprintf(f, "- and %zu more\n", it->ml.n - EXPORT_MD_SNIPPETS);
	putc('\n', f);
}

static void
export_txt(FILE *f, const struct export_item *it)
{
	const struct article	*a = it->a;

	fputs(EXPORT_RULE "\n", f);
	export_text(f, a->name, strlen(a->name), 0);
	putc('\n', f);
	fputs(EXPORT_RULE "\n\n", f);
	if (it->has_body) {
		export_text(f, it->body.buf + it->body.start, it->body.len -
		    it->body.start, 1);
		if (it->body.len > it->body.start && it->body.buf[it->body.len - 1] != '\n')
			putc('\n', f);
	} else
		fprintf(f, "(not readable%s", a->error != NULL ? ": " : ")\n");
	if (!it->has_body && a->error != NULL) {
		export_text(f, a->error, strlen(a->error), 0);
		fputs(")\n", f);
	}
	putc('\n', f);
}

/* The lock on the temporary file of the export under way (file_hold()), held until
   it has its name: one export is written at a time. */
static int	export_hold = -1;

/* Opens where the output goes: out under a temporary name next to it, or stdout. */
static FILE *
export_open(const struct export *x, char **tmp, char *err, size_t errlen)
{
	struct stat	 st;
	FILE		*f;
	int		 fd;

	*tmp = NULL;
	/* Big writes: 48 MB in 4 KiB pieces is 12,000 system calls. (glibc takes
	   no size without a buffer.) One export is written at a time, and standard
	   output keeps the buffer to the end; it gets it unless it is a terminal,
	   and nothing has been written to it before. */
	if (x->out == NULL || strcmp(x->out, "-") == 0) {
		if (!isatty(STDOUT_FILENO))
			setvbuf(stdout, export_buf, _IOFBF, sizeof export_buf);
		return stdout;
	}
	/* The output replaces a file by renaming; over a link it would replace the
	   link (-o /dev/stdout as root: the system's), so a link is refused. */
	if (lstat(x->out, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%s: is a symbolic link; give the file it points "
		    "at, or - for standard output", x->out);
		return NULL;
	}
	if (stat(x->out, &st) == 0 && (!x->force || !S_ISREG(st.st_mode))) {
		snprintf(err, errlen, "%s: %s", x->out, S_ISREG(st.st_mode) ?
		    "exists; --force replaces it" : "exists and is not a file");
		return NULL;
	}
	file_sweep(x->out, FILE_STALE);
	*tmp = xasprintf("%s" FILE_TMP "XXXXXX", x->out);
	if ((fd = mkstemp(*tmp)) != -1)
		export_hold = file_hold(fd);
	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", *tmp, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(*tmp);
		}
		if (export_hold != -1)
			close(export_hold);
		export_hold = -1;
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	setvbuf(f, export_buf, _IOFBF, sizeof export_buf);
	fchmod(fd, 0666 & ~file_umask());
	return f;
}

/* Finishes the output: on success the temporary file takes out's name. */
static int
export_close(const struct export *x, FILE *f, char *tmp, int ok, char *err,
    size_t errlen)
{
	int	 saved;

	if (f == stdout) {
		if (fflush(stdout) == EOF && ok) {
			snprintf(err, errlen, "standard output: %s", strerror(errno));
			return -1;
		}
		return ok ? 0 : -1;
	}
	if (ok && (fflush(f) == EOF || fsync(fileno(f)) == -1)) {
		snprintf(err, errlen, "%s: %s", x->out, strerror(errno));
		ok = 0;
	}
	if (fclose(f) == EOF && ok) {
		snprintf(err, errlen, "%s: %s", x->out, strerror(errno));
		ok = 0;
	}
	if (ok && rename(tmp, x->out) == -1) {
		saved = errno;
		snprintf(err, errlen, "%s: %s", x->out, strerror(saved));
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	if (export_hold != -1)
		close(export_hold);
	export_hold = -1;
	free(tmp);
	return ok ? 0 : -1;
}

/* A relative path inside the export folder for an article's name: "" and "."
   components go, ".." becomes "_", and so does a name left empty. */
static char *
export_safe_path(const char *name)
{
	char		*out = xmalloc(strlen(name) + 2), *o = out;
	const char	*p = name;
	size_t		 len;

	while (*p != '\0') {
		len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (o != out)
				*o++ = '/';
			*o++ = '_';
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (o != out)
				*o++ = '/';
			memcpy(o, p, len);
			o += len;
		}
		p += len;
		if (*p == '/')
			p++;
	}
	if (o == out)
		*o++ = '_';
	*o = '\0';
	return out;
}

/* Writes bytes to a new file at rel under the directory dfd, making directories on
   the way; a name taken already gets "~N" added. Never follows a symbolic link: the
   folder is new and only this function makes things in it. */
static int
export_dir_file(int dfd, const char *rel, const char *buf, size_t len, char **made)
{
	char	*path = xstrdup(rel), *slash, *name;
	int	 fd = -1, k;
	ssize_t	 w;

	for (slash = strchr(path, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdirat(dfd, path, 0777) == -1 && errno != EEXIST)
			goto fail;
		*slash = '/';
	}
	for (k = 0; fd == -1 && k < 1000; k++) {
		name = k == 0 ? xstrdup(path) : xasprintf("%s~%d", path, k);
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0666);
		if (fd == -1 && errno != EEXIST) {
			free(name);
			goto fail;
		}
		if (fd != -1)
			*made = name;
		else
			free(name);
	}
	if (fd == -1)
		goto fail;
	while (len > 0) {
		if ((w = write(fd, buf, len)) == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto fail;
		}
		buf += w;
		len -= (size_t)w;
	}
	free(path);
	return close(fd);

fail:
	free(path);
	return -1;
}

/* A folder: copies of the articles under their relative paths, and manifest.jsonl
   with each one's record. It is made under a temporary name beside out and renamed
   into place. --force goes only into a folder that holds a manifest, an earlier
   export: the files that manifest lists are replaced by the new ones, and nothing
   else there is touched (export_force.c); what else stays is said in err. */
static int
export_dir(const struct export *x, const size_t *sel, size_t n, char *err,
    size_t errlen)
{
	struct export_item	 it;
	struct scan_finder	*finder;
	struct match_list	 tmp = { NULL, 0, 0 };
	struct stat		 st;
	FILE			*manifest = NULL;
	struct export_force_list old, mine;
	char			*dir, *rel, *made, *probe, note[512];
	struct export_line	 line, *names;
	size_t			 i;
	int			 dfd, mfd, lk, ok = 1, earlier = 0;

	if (x->out == NULL || strcmp(x->out, "-") == 0) {
		snprintf(err, errlen, "a folder export needs -o FOLDER");
		return -1;
	}
	if (lstat(x->out, &st) == 0) {
		probe = xasprintf("%s/manifest.jsonl", x->out);
		if (!x->force || !S_ISDIR(st.st_mode) || access(probe, F_OK) == -1) {
			snprintf(err, errlen, "%s: %s", x->out, !x->force ?
			    "exists; --force replaces an earlier export" :
			    "exists and is not an earlier export (no manifest.jsonl); "
			    "not replacing it");
			free(probe);
			return -1;
		}
		free(probe);
		if (export_force_read(x->out, &old, err, errlen) == -1)
			return -1;
		earlier = 1;
	}
	memset(&mine, 0, sizeof mine);
	file_sweep(x->out, FILE_STALE);
	dir = xasprintf("%s" FILE_TMP "XXXXXX", x->out);
	if (mkdtemp(dir) == NULL || (dfd = open(dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		free(dir);
		if (earlier)
			export_force_free(&old);
		return -1;
	}
	lk = file_hold(dfd);
	/* mkdtemp made it private; the export is made as any folder would be. */
	fchmod(dfd, 0777 & ~file_umask());
	if ((mfd = openat(dfd, "manifest.jsonl", O_WRONLY | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0666)) == -1 || (manifest = fdopen(mfd, "w")) == NULL) {
		snprintf(err, errlen, "%s/manifest.jsonl: %s", dir, strerror(errno));
		ok = 0;
	}
	names = export_names(x);
	finder = scan_finder_new(x->scan);
	for (i = 0; ok && i < n; i++) {
		export_gather(x, finder, &tmp, sel[i], &it);
		made = NULL;
		if (it.has_body) {
			rel = export_safe_path(it.a->name);
			if (export_dir_file(dfd, rel, it.body.buf, it.body.len, &made) == -1) {
				snprintf(err, errlen, "%s/%s: %s", dir, rel, strerror(errno));
				ok = 0;
			}
			free(rel);
		}
		if (made != NULL)
			export_force_add(&mine, made);
		if (ok) {
			line = export_record(x, &it, 0, made, names);
			if (fwrite(line.buf, 1, line.len, manifest) != line.len) {
				snprintf(err, errlen, "%s/manifest.jsonl: %s", dir,
				    strerror(errno));
				ok = 0;
			}
			free(line.buf);
		}
		free(made);
		export_item_free(&it);
	}
	export_names_free(x, names);
	scan_finder_free(finder);
	match_list_free(&tmp);
	if (manifest != NULL && fclose(manifest) == EOF && ok) {
		snprintf(err, errlen, "%s/manifest.jsonl: %s", dir, strerror(errno));
		ok = 0;
	}
	close(dfd);
	export_force_sort(&mine);
	if (ok && earlier) {
		/* Into the earlier export's folder, file by file. */
		if (export_force_apply(x->out, dir, &old, &mine, err, errlen, note,
		    sizeof note) == -1)
			ok = 0;
		else
			snprintf(err, errlen, "%s", note);
	} else if (ok && rename(dir, x->out) == -1) {
		snprintf(err, errlen, "%s: %s", x->out, strerror(errno));
		ok = 0;
	}
	if (earlier || !ok)
		file_remove_tree(dir);
	if (lk != -1)
		close(lk);
	if (earlier)
		export_force_free(&old);
	export_force_free(&mine);
	free(dir);
	return ok ? 0 : -1;
}

int
export_write(const struct export *x, const size_t *sel, size_t n, char *err,
    size_t errlen)
{
	struct export_item	 it;
	struct scan_finder	*finder;
	struct match_list	 tmp = { NULL, 0, 0 };
	FILE			*f;
	char			*tmpname;
	size_t			 i;
	int			 ok = 1;

	*err = '\0';
	if (x->format == EXPORT_DIR)
		return export_dir(x, sel, n, err, errlen);
	if ((f = export_open(x, &tmpname, err, errlen)) == NULL)
		return -1;
	if (x->format == EXPORT_JSONL) {
		ok = export_jsonl(x, f, sel, n) == 0 && !ferror(f);
		if (!ok)
			snprintf(err, errlen, "%s: %s", x->out != NULL ? x->out :
			    "standard output", strerror(errno));
		return export_close(x, f, tmpname, ok, err, errlen);
	}
	if (x->format == EXPORT_CSV)
		export_csv_header(x, f);
	finder = scan_finder_new(x->scan);
	for (i = 0; i < n && ok; i++) {
		export_gather(x, finder, &tmp, sel[i], &it);
		switch (x->format) {
		case EXPORT_CSV:
			export_csv(x, f, &it);
			break;
		case EXPORT_MD:
			export_md(x, f, &it);
			break;
		default:
			export_txt(f, &it);
			break;
		}
		export_item_free(&it);
		if (ferror(f))
			ok = 0;
	}
	scan_finder_free(finder);
	match_list_free(&tmp);
	if (!ok)
		snprintf(err, errlen, "%s: %s", x->out != NULL ? x->out :
		    "standard output", strerror(errno));
	return export_close(x, f, tmpname, ok, err, errlen);
}
