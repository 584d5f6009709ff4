/* crashsave: saves a sidecar again and again, alternating between two contents, so
   that a test can kill it with SIGKILL at any instant and check that the file on
   disk is always one or the other, whole. With -a or -b it writes that content once
   and exits, to make the reference files. */
#include <stdio.h>
#include <string.h>

#include "sidecar.h"

static void
crashsave_fill(struct sidecar *s, int which)
{
	char	 path[64], note[256];
	int	 i;

	sidecar_init(s);
	for (i = 0; i < 300; i++) {
		struct sidecar_entry	*e;

		snprintf(path, sizeof path, "d/a%04d.txt", i);
		e = sidecar_entry(s, path, 1);
		snprintf(note, sizeof note, "version %c of note %d; \"quoted\"\nline two",
		    which ? 'B' : 'A', i);
		sidecar_note_set(e, note);
		sidecar_tag_set(e, which ? "Beta" : "Alpha", SIDECAR_PERSON);
	}
}

int
main(int argc, char *argv[])
{
	struct sidecar	 s[2];
	int		 i;

	if (argc != 3 || (strcmp(argv[1], "-a") != 0 && strcmp(argv[1], "-b") != 0 &&
	    strcmp(argv[1], "-loop") != 0)) {
		fputs("usage: crashsave -a|-b|-loop FILE\n", stderr);
		return 2;
	}
	crashsave_fill(&s[0], 0);
	crashsave_fill(&s[1], 1);
	if (strcmp(argv[1], "-loop") != 0) {
		i = sidecar_save(&s[argv[1][1] == 'b'], argv[2]) == 0 ? 0 : 1;
		sidecar_free(&s[0]);
		sidecar_free(&s[1]);
		return i;
	}
	for (i = 0;; i++)
		if (sidecar_save(&s[i % 2], argv[2]) == -1) {
			perror(argv[2]);
			return 1;
		}
}
