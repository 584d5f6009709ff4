/* rubric show: one article on stdout, its theme matches in SGR colour, for `less -R`.
   Every glyph goes through render.c, so no byte of the article is a control here
   either; the only escape sequences are the SGR this file writes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "cmd.h"
#include "render.h"
#include "theme.h"

static void	cmd_show_sgr(const struct config *, int, int);
static void	cmd_show_rows(const struct config *, const struct body *,
		    const struct match_list *, int, int);
static int	cmd_show(struct cmd_args *);

static const struct cmd_option cmd_show_options[] = {
	{ 'C', '\0', "color", "WHEN", "colour the matches: auto, always or never" },
	{ 'C', '\0', "colour", "WHEN", NULL },
	{ 0, 0, NULL, NULL, NULL }
};

const struct cmd_entry cmd_show_entry = {
	"show", NULL,
	"Print one article, its theme matches in colour, for less -R",
	"show [--color=auto|always|never] [--config FILE] FILE",
	NULL, CMD_CONFIG, cmd_show_options, 1, 1, cmd_show
};

/* Writes the SGR sequence for a style, after a reset. */
static void
cmd_show_sgr(const struct config *c, int style, int colour)
{
	const struct theme	*t;

	fputs("\033[0", stdout);
	if (style & STYLE_MARKER)
		fputs(";7", stdout);
	else if (style & STYLE_THEME) {
		t = &c->themes[STYLE_THEME_OF(style)];
		fputs(";1", stdout);
		if (!colour)
			fputs(";4", stdout);
		else if (t->colour.rgb >= 0)
			printf(";38;2;%d;%d;%d", t->colour.rgb >> 16,
			    (t->colour.rgb >> 8) & 0xff, t->colour.rgb & 0xff);
		else if (t->colour.index >= 0 && t->colour.index < 8)
			printf(";%d", 30 + t->colour.index);
		else if (t->colour.index >= 8)
			printf(";38;5;%d", t->colour.index);
		else
			fputs(";7", stdout);
	} else if (style & STYLE_CHROME)
		fputs(";2", stdout);
	else if (style & STYLE_HKEY)
		fputs(";1", stdout);
	fputs("m", stdout);
}

/* Writes the article b, one row a line (the reader's pager wraps), its matches ml in
   SGR if sgr, in colour if colour too. */
static void
cmd_show_rows(const struct config *c, const struct body *b,
    const struct match_list *ml, int sgr, int colour)
{
	struct text		 t;
	struct render		 r;
	struct render_iter	 it;
	struct row		 row;
	struct glyph		 g;
	const char		*nl;
	size_t			 off;
	int			 col, style, last;

	t.buf = b->buf;
	t.len = b->len;
	t.tabw = c->tab_width;
	memset(&r, 0, sizeof r);
	r.text = &t;
	r.header_end = b->header_end;
	r.chrome = c->chrome;
	r.matches = ml->v;
	r.nmatches = ml->n;
	for (off = b->start; off < b->len; off = row.next) {
		nl = memchr(b->buf + off, '\n', b->len - off);
		row.off = off;
		row.len = (nl == NULL ? b->len : (size_t)(nl - b->buf)) - off;
		row.next = off + row.len + (nl != NULL);
		if (row.len > 0 && nl != NULL && b->buf[off + row.len - 1] == '\r')
			row.len--;
		render_begin(&r, &row, &it);
		last = 0;
		while (render_next(&it, &g, &col, &style)) {
			if (sgr && style != last)
				cmd_show_sgr(c, style, colour);
			last = style;
			fwrite(g.text, 1, g.textlen, stdout);
		}
		if (sgr && last != 0)
			fputs("\033[0m", stdout);
		putchar('\n');
	}
}

static int
cmd_show(struct cmd_args *args)
{
	struct config		 c;
	struct diag		 d;
	struct article		*a;
	struct body		 b;
	struct match_list	 ml;
	struct matcher		*m;
	const char		*file = args->argv[0], *when, *nc;
	size_t			 i;
	int			 sgr, colour, rc = 0;

	if ((when = cmd_args_get(args, 'C')) == NULL)
		when = "auto";
	if (strcmp(when, "auto") != 0 && strcmp(when, "always") != 0 &&
	    strcmp(when, "never") != 0) {
		diag_say("--color: '%s' is not auto, always or never", when);
		return cmd_args_usage_error(args->entry);
	}
	nc = getenv("NO_COLOR");
	sgr = strcmp(when, "always") == 0 || (strcmp(when, "auto") == 0 &&
	    isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0'));
	colour = sgr && (nc == NULL || *nc == '\0' || strcmp(when, "always") == 0);

	memset(&d, 0, sizeof d);
	if (config_layers(&c, args->config, file, &d) == -1) {
		diag_print(&d, stderr);
		diag_free(&d);
		config_free(&c);
		return 1;
	}
	diag_print(&d, stderr);
	a = article_new(file, file);
	/* The list's own test first, on its first block only: a file that is binary
	   there is not read whole (a sparse file of NULs may hold gigabytes). */
	switch (article_head(a, c.chrome)) {
	case ARTICLE_BINARY:
		diag_say_file(file, 0, "binary file (a NUL byte in its first block)");
		rc = 1;
		break;
	case ARTICLE_UNREADABLE:
		diag_say_file(file, 0, "%s", a->error);
		rc = 1;
		break;
	case ARTICLE_OK:
		if (article_read(a, &b) == -1) {
			diag_say_file(file, 0, "%s", article_why(a->path,
			    errno));
			rc = 1;
		}
		break;
	}
	if (rc != 0) {
		article_free(a);
		diag_free(&d);
		config_free(&c);
		return rc;
	}
	memset(&ml, 0, sizeof ml);
	m = matcher_new();
	for (i = 0; i < c.nthemes; i++)
		if (matcher_theme(m, &c.themes[i], i, b.buf, b.len, b.start, b.len,
		    &ml) == -1)
			diag_say_file(file, 0, "theme %s: incomplete: the pattern hit "
			    "a PCRE2 limit", c.themes[i].name);
	match_list_resolve(&ml);
	cmd_show_rows(&c, &b, &ml, sgr, colour);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		diag_say("standard output: %s", strerror(errno));
		rc = 1;
	}
	matcher_free(m);
	match_list_free(&ml);
	article_body_free(&b);
	article_free(a);
	diag_free(&d);
	config_free(&c);
	return rc;
}
