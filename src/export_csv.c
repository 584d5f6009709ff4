/* The CSV export (RFC 4180): a header row, then a row an article with its tags and
   note and a count per theme. Fields are quoted; text goes out through glyph_next(),
   as on the screen, so that no byte of an article is a control in it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "export_int.h"
#include "glyph.h"
#include "passage_article.h"
#include "xmalloc.h"

static void	export_csv_field(FILE *, const char *, size_t);
static void	export_csv_tags(FILE *, const struct export_item *, int);
static void	export_csv_cell(FILE *, const char *);

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

void
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

void
export_csv(const struct export *x, FILE *f, const struct export_item *it)
{
	const struct article	*a = it->a;
	const char		*adate = article_text(a, ARTICLE_DATE);
	const char		*date = it->date[0] != '\0' ? it->date :
				    adate != NULL ? adate : "";
	const char		*source = article_text(a, ARTICLE_SOURCE);
	/* Not kept with the head: read from the file's, or its text's. */
	char			*url = article_header_text(a, it->has_body ?
				    &it->body : NULL, ARTICLE_URL);
	size_t			 t;

	export_csv_field(f, a->name, strlen(a->name));
	putc(',', f);
	export_csv_field(f, a->title, strlen(a->title));
	putc(',', f);
	export_csv_field(f, date, strlen(date));
	putc(',', f);
	export_csv_field(f, source != NULL ? source : "", source != NULL ?
	    strlen(source) : 0);
	putc(',', f);
	export_csv_field(f, url != NULL ? url : "", url != NULL ?
	    strlen(url) : 0);
	free(url);
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

void
export_csv_passages_header(FILE *f)
{
	fputs("path,title,start,end,state,quote,tags,note\r\n", f);
}

/* A field of a person's text that a spreadsheet would take for a formula (=, +,
   -, @, a tab or a carriage return first) gets a ' before it, as OWASP advises: a
   quote coded from an article is anybody's text. */
static void
export_csv_cell(FILE *f, const char *s)
{
	char	*safe;

	if (strchr("=+-@\t\r", s[0]) == NULL || s[0] == '\0') {
		export_csv_field(f, s, strlen(s));
		return;
	}
	safe = xasprintf("'%s", s);
	export_csv_field(f, safe, strlen(safe));
	free(safe);
}

void
export_csv_passages(FILE *f, const struct export_item *it)
{
	const struct article	*a = it->a;
	char			*codes;
	size_t			 k;

	for (k = 0; k < it->nspots; k++) {
		const struct passage_spot	*s = &it->spots[k];

		export_csv_field(f, a->name, strlen(a->name));
		putc(',', f);
		export_csv_cell(f, a->title);
		fprintf(f, ",%zu,%zu,%s,", s->start, s->end,
		    passage_state_name(s->state));
		export_csv_cell(f, s->p->quote);
		putc(',', f);
		codes = passage_article_codes(s->p);
		export_csv_cell(f, codes);
		free(codes);
		putc(',', f);
		if (s->p->note != NULL)
			export_csv_cell(f, s->p->note);
		fputs("\r\n", f);
	}
}
