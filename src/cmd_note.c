/* rubric note: a file's note from the shell, printed or set; the sidecar is found and
   committed to as rubric tag does (cmd_tag.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "sidecar.h"
#include "xmalloc.h"

static void	 cmd_note_print(const char *);
static int	 cmd_note(struct cmd_args *);

const struct cmd_entry cmd_note_entry = {
	"note", NULL,
	"Print, set (- reads standard input) or clear a file's note",
	"note [--sidecar FILE] FILE [TEXT|-]",
	NULL, CMD_SIDECAR, NULL, 1, 2, cmd_note
};

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

static int
cmd_note(struct cmd_args *args)
{
	struct catalog		 c;
	struct sidecar_ops	 ops;
	struct sidecar_entry	*e;
	struct diag		 d;
	const char		*given = args->sidecar, *file = args->argv[0];
	char			*rel, *text = NULL, *fp;
	size_t			 len = 0, cap = 0, n;
	int			 rc, nul = 0;

	if (cmd_tag_file(file) != 0)
		return 1;
	if (cmd_tag_open(&c, given, file) != 0) {
		catalog_free(&c);
		return 1;
	}
	if ((rel = sidecar_relative(c.side_path, file)) == NULL) {
		diag_say_file(file, 0, "%s", errno == ENOENT ?
		    strerror(errno) : "not below the sidecar's directory");
		catalog_free(&c);
		return 1;
	}
	if (args->argc == 1) {
		/* No text: print the note exactly as it is. */
		memset(&d, 0, sizeof d);
		rc = sidecar_load(&c.side, c.side_path, &d);
		diag_print(&d, stderr);
		if (rc == 0 && (e = sidecar_entry(&c.side, rel, 0)) != NULL &&
		    e->note != NULL)
			cmd_note_print(e->note);
		diag_free(&d);
		free(rel);
		catalog_free(&c);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(args->argv[1], "-") == 0) {
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
			catalog_free(&c);
			return 1;
		}
	} else
		text = xstrdup(args->argv[1]);
	if (strlen(text) > SIDECAR_NOTEMAX) {
		diag_say_file(file, 0, "a note may be at most 1 MiB");
		free(text);
		free(rel);
		catalog_free(&c);
		return 1;
	}
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, rel, *text != '\0' ? text : NULL, 0);
	/* As with tags: the fingerprint, and the entry of a file moved follows it. */
	if ((fp = sidecar_fingerprint(file)) != NULL)
		sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, rel, fp, 0);
	free(fp);
	catalog_follow(&c, &ops);
	rc = cmd_tag_save(&c, &ops);
	sidecar_ops_free(&ops);
	free(text);
	free(rel);
	catalog_free(&c);
	return rc;
}
