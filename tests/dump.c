/* dump: prints an article's display rows as the screen lays them out, without curses,
   for the expected-output tests. Each row is "S|text|" where S is ' ', 'h' (header
   block) or 'c' (site chrome); markers are shown between ⟦ and ⟧. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "config.h"
#include "diag.h"
#include "layout.h"
#include "render.h"

int
main(int argc, char *argv[])
{
	struct config		 cfg;
	struct config_file	 file;
	struct diag		 d;
	struct article		*a;
	struct body		 b;
	struct text		 t;
	struct render		 r;
	struct render_iter	 it;
	struct row		 row;
	struct glyph		 g;
	const char		*config = NULL;
	size_t			 off;
	int			 ch, width = 80, col, style;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	while ((ch = getopt(argc, argv, "c:w:")) != -1) {
		switch (ch) {
		case 'c':
			config = optarg;
			break;
		case 'w':
			width = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc || width < 1)
		goto usage;
	memset(&d, 0, sizeof d);
	config_init(&cfg);
	if (config != NULL) {
		memset(&file, 0, sizeof file);
		file.path = config;
		file.required = 1;
		if (config_load(&cfg, &file, 1, &d) == -1 || d.n > 0) {
			diag_print(&d, stderr);
			return 1;
		}
	}
	a = article_new(argv[optind], argv[optind]);
	if (article_read(a, &b) == -1) {
		fprintf(stderr, "dump: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	t.buf = b.buf;
	t.len = b.len;
	t.tabw = cfg.tab_width;
	/* No matches, hits or passages: every span list empty. */
	memset(&r, 0, sizeof r);
	r.text = &t;
	r.header_end = b.header_end;
	r.chrome = cfg.chrome;
	for (off = b.start; off < t.len; off = row.next) {
		layout_row(&t, off, width, &row);
		render_begin(&r, &row, &it);
		putchar(row.off < b.header_end ? 'h' : render_is_chrome(&r, row.off) ?
		    'c' : ' ');
		putchar('|');
		while (render_next(&it, &g, &col, &style)) {
			if (g.kind == GLYPH_MARKER)
				printf("⟦%s⟧", g.text);
			else
				fputs(g.text, stdout);
		}
		puts("|");
	}
	article_body_free(&b);
	article_free(a);
	config_free(&cfg);
	return 0;

usage:
	fputs("usage: dump [-c CONFIG] [-w WIDTH] FILE\n", stderr);
	return 2;
}
