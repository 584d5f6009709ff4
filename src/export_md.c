/* The Markdown export: a digest, a section an article with its facts, note and the
   first snippets with their matches in bold. Markdown's punctuation is escaped and
   text goes out through glyph_next(), so that an article's text stays text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "export_int.h"
#include "glyph.h"
#include "xmalloc.h"

static void	export_md_text(FILE *, const char *, size_t);
static void	export_md_tags(FILE *, const struct export_item *, int, const char *);
static int	export_md_codes_cmp(const void *, const void *);

/* One passage under one of its codes, copied out of an article's item, which is
   freed before the digest ends. */
struct export_md_coded {
	char	*code;
	char	*path;
	char	*quote;
	char	*note;		/* NULL: none */
	size_t	 seq;		/* the order found: articles', then passages' */
};

struct export_md_codes {
	struct export_md_coded	*v;
	size_t			 n;
};

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

void
export_md(const struct export *x, FILE *f, const struct export_item *it)
{
	const struct article	*a = it->a;
	const char		*buf = it->body.buf, *note, *nl;
	const char		*adate = article_text(a, ARTICLE_DATE);
	const char		*source = article_text(a, ARTICLE_SOURCE);
	/* Not kept with the head: read from the file's, or its text's. */
	char			*url = article_header_text(a, it->has_body ?
				    &it->body : NULL, ARTICLE_URL);
	size_t			 k, lo, hi, most = export_snippets(x, it->ml.n);

	fputs("## ", f);
	export_md_text(f, a->title, strlen(a->title));
	fputs("\n\n- path: ", f);
	export_md_text(f, a->name, strlen(a->name));
	putc('\n', f);
	if (it->date[0] != '\0' || adate != NULL) {
		fputs("- date: ", f);
		if (it->date[0] != '\0')
			fputs(it->date, f);
		else
			export_md_text(f, adate, strlen(adate));
		putc('\n', f);
	}
	if (source != NULL) {
		fputs("- source: ", f);
		export_md_text(f, source, strlen(source));
		putc('\n', f);
	}
	/* A link only for the web's schemes: an article's header could name
	   javascript: or data:, which a renderer would make a live link. */
	if (url != NULL) {
		fputs("- url: ", f);
		if (strncasecmp(url, "http://", 7) == 0 ||
		    strncasecmp(url, "https://", 8) == 0) {
			putc('<', f);
			export_text(f, url, strcspn(url, "<> "), 0);
			putc('>', f);
		} else
			export_md_text(f, url, strlen(url));
		putc('\n', f);
	}
	free(url);
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
	for (k = 0; k < most; k++) {
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
	/* The rest are counted, so that a reader knows the digest is short. */
	if (it->ml.n > most)
		fprintf(f, "- and %zu more\n", it->ml.n - most);
	putc('\n', f);
}

struct export_md_codes *
export_md_codes_new(void)
{
	return xcalloc(1, sizeof (struct export_md_codes));
}

void
export_md_codes_add(struct export_md_codes *c, const struct export_item *it)
{
	const struct sidecar_passage	*p;
	struct export_md_coded		*d;
	size_t				 i, k;

	for (i = 0; i < it->nspots; i++) {
		p = it->spots[i].p;
		for (k = 0; k < p->ntags; k++) {
			if (p->tags[k].origin == SIDECAR_REJECTED)
				continue;
			c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
			d = &c->v[c->n];
			d->code = xstrdup(p->tags[k].name);
			d->path = xstrdup(it->a->name);
			d->quote = xstrdup(p->quote);
			d->note = p->note != NULL ? xstrdup(p->note) : NULL;
			d->seq = c->n++;
		}
	}
}

static int
export_md_codes_cmp(const void *a, const void *b)
{
	const struct export_md_coded	*x = a, *y = b;
	int				 r;

	if ((r = strcmp(x->code, y->code)) != 0)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
export_md_codes_write(FILE *f, const struct export_md_codes *c)
{
	size_t	 i;

	if (c->n == 0)
		return;
	qsort(c->v, c->n, sizeof *c->v, export_md_codes_cmp);
	fputs("# Passages by code\n", f);
	for (i = 0; i < c->n; i++) {
		const struct export_md_coded	*d = &c->v[i];

		if (i == 0 || strcmp(d->code, c->v[i - 1].code) != 0) {
			fputs("\n## ", f);
			export_md_text(f, d->code, strlen(d->code));
			fputs("\n\n", f);
		}
		/* A quote on one line, its line ends as spaces, then where it is
		   from and its note. */
		fputs("- > ", f);
		export_md_text(f, d->quote, strlen(d->quote));
		fputs(" (", f);
		export_md_text(f, d->path, strlen(d->path));
		putc(')', f);
		if (d->note != NULL) {
			fputs(": ", f);
			export_md_text(f, d->note, strlen(d->note));
		}
		putc('\n', f);
	}
	putc('\n', f);
}

void
export_md_codes_free(struct export_md_codes *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].code);
		free(c->v[i].path);
		free(c->v[i].quote);
		free(c->v[i].note);
	}
	free(c->v);
	free(c);
}
