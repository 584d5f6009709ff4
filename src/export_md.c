/* The Markdown export: a digest, a section an article with its facts, note and the
   first snippets with their matches in bold. Markdown's punctuation is escaped and
   text goes out through glyph_next(), so that an article's text stays text. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "export_int.h"
#include "glyph.h"

static void	export_md_text(FILE *, const char *, size_t);
static void	export_md_tags(FILE *, const struct export_item *, int, const char *);

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
	const char		*url = article_text(a, ARTICLE_URL);
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
