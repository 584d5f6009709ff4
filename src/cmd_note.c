/* rubric note: a file's note from the shell, printed or set; the sidecar is found and
   committed to as rubric tag does (cmd_tag.c). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "sidecar.h"
#include "xmalloc.h"

static void	 cmd_note_print(const char *);

/* A note on stdout: exactly as it is for a pipe or a file; on a terminal as the screen
   shows it, controls as markers (as ls does with names), and ending its last line. */
static void
cmd_note_print(const char *note)
{
	size_t	 n = strlen(note);

	if (!isatty(STDOUT_FILENO)) {
		fputs(note, stdout);
		return;
	}
	export_text(stdout, note, n, 1);
	if (n > 0 && note[n - 1] != '\n')
		putchar('\n');
}

int
cmd_note(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "sidecar",	required_argument,	NULL, 's' },
		{ NULL,		0,			NULL, 0 }
	};
	struct sidecar_ops	 ops;
	struct sidecar		 s;
	struct sidecar_entry	*e;
	struct diag		 d;
	const char		*given = NULL;
	char			*path, *rel, *text = NULL, *fp;
	size_t			 len = 0, cap = 0, n;
	int			 ch, rc, nul = 0;

	optind = 1;
	while ((ch = cmd_getopt(argc, argv, "note", "s:", longopts)) != -1) {
		if (ch != 's')
			goto usage;
		given = optarg;
	}
	if (argc - optind < 1 || argc - optind > 2)
		goto usage;
	if (cmd_tag_file(argv[optind]) != 0)
		return 1;
	if ((path = cmd_tag_sidecar(given, argv[optind])) == NULL)
		return 1;
	if ((rel = sidecar_relative(path, argv[optind])) == NULL) {
		diag_say("%s: %s", argv[optind], errno == ENOENT ?
		    strerror(errno) : "not below the sidecar's directory");
		free(path);
		return 1;
	}
	if (argc - optind == 1) {
		/* No text: print the note exactly as it is. */
		memset(&d, 0, sizeof d);
		rc = sidecar_load(&s, path, &d);
		diag_print(&d, stderr);
		if (rc == 0 && (e = sidecar_entry(&s, rel, 0)) != NULL &&
		    e->note != NULL)
			cmd_note_print(e->note);
		sidecar_free(&s);
		diag_free(&d);
		free(rel);
		free(path);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(argv[optind + 1], "-") == 0) {
		/* Read no further than a note may be, nor past a NUL. */
		do {
			if (len + 1 >= cap) {
				cap = cap ? cap * 2 : 4096;
				text = xreallocarray(text, cap, 1);
			}
			n = fread(text + len, 1, cap - len - 1, stdin);
			nul = memchr(text + len, '\0', n) != NULL;
			len += n;
		} while (n > 0 && !nul && len <= SIDECAR_NOTEMAX);
		text[len] = '\0';
		if (ferror(stdin) || nul || len > SIDECAR_NOTEMAX) {
			diag_say("standard input: %s", ferror(stdin) ?
			    strerror(errno) : nul ? "a NUL byte in the note" :
			    "a note may be at most 1 MiB");
			free(text);
			free(rel);
			free(path);
			return 1;
		}
	} else
		text = xstrdup(argv[optind + 1]);
	if (strlen(text) > SIDECAR_NOTEMAX) {
		diag_say("%s: a note may be at most 1 MiB", argv[optind]);
		free(text);
		free(rel);
		free(path);
		return 1;
	}
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, rel, *text != '\0' ? text : NULL, 0);
	/* As with tags: the fingerprint, and the entry of a file moved follows it. */
	if ((fp = sidecar_fingerprint(argv[optind])) != NULL)
		sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, rel, fp, 0);
	free(fp);
	cmd_tag_follow(path, &ops);
	rc = cmd_tag_commit(path, &ops);
	sidecar_ops_free(&ops);
	free(text);
	free(rel);
	free(path);
	return rc;

usage:
	fputs("usage: rubric note [--sidecar FILE] FILE [TEXT|-]\n", stderr);
	return 2;
}
