/* rubric tag, note and tags: the sidecar from the shell. Options come first, as in
   notmuch; a FILE's sidecar is found by walking up from its directory. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "file.h"
#include "sidecar.h"
#include "xmalloc.h"

static char	*cmd_tag_sidecar(const char *, const char *);
static int	 cmd_tag_commit(const char *, struct sidecar_ops *);

/* The sidecar to use: the one given, or the one found from where. */
static char *
cmd_tag_sidecar(const char *given, const char *where)
{
	char	*found;

	if (given != NULL)
		return xstrdup(given);
	if ((found = file_find_up(where, SIDECAR_NAME)) == NULL)
		fprintf(stderr, "rubric: %s: no %s in its directory or above; make one "
		    "(touch DIR/%s) or give --sidecar FILE\n", where, SIDECAR_NAME,
		    SIDECAR_NAME);
	return found;
}

static int
cmd_tag_commit(const char *path, struct sidecar_ops *ops)
{
	struct sidecar	 s;
	struct diag	 d;
	int		 rc;

	memset(&d, 0, sizeof d);
	sidecar_init(&s);
	rc = sidecar_commit(&s, path, ops, &d);
	diag_print(&d, stderr);
	if (rc == -1)
		fprintf(stderr, "rubric: %s: nothing was changed\n", path);
	diag_free(&d);
	sidecar_free(&s);
	return rc == -1 ? 1 : 0;
}

int
cmd_tag(int argc, char **argv)
{
	struct sidecar_ops	 ops;
	const char		*given = NULL, *why;
	char			*path = NULL, *rel, *fp, name[SIDECAR_TAGMAX * 2];
	int			 ch, i, files, rc = 0;

	/* Options are long ones only: "-TAG" removes a tag, whatever its name. */
	for (optind = 1; optind < argc && strncmp(argv[optind], "--", 2) == 0 &&
	    argv[optind][2] != '\0'; optind++) {
		if (strcmp(argv[optind], "--sidecar") == 0 && optind + 1 < argc)
			given = argv[++optind];
		else if (strncmp(argv[optind], "--sidecar=", 10) == 0)
			given = argv[optind] + 10;
		else
			goto usage;
	}
	for (files = optind; files < argc && strcmp(argv[files], "--") != 0; files++)
		if (argv[files][0] != '+' && argv[files][0] != '-')
			goto usage;
	if (files >= argc - 1 || files == optind)
		goto usage;
	memset(&ops, 0, sizeof ops);
	for (i = files + 1; i < argc && rc == 0; i++) {
		if (path == NULL && (path = cmd_tag_sidecar(given, argv[i])) == NULL) {
			rc = 1;
			break;
		}
		if ((rel = sidecar_relative(path, argv[i])) == NULL) {
			fprintf(stderr, "rubric: %s: %s\n", argv[i], errno == ENOENT ?
			    strerror(errno) : "not below the sidecar's directory");
			rc = 1;
			break;
		}
		for (ch = optind; ch < files; ch++) {
			snprintf(name, sizeof name, "%s", argv[ch] + 1);
			if ((why = sidecar_tag_check(name)) != NULL) {
				fprintf(stderr, "rubric: '%s': %s\n", argv[ch] + 1, why);
				rc = 2;
				break;
			}
			sidecar_ops_add(&ops, SIDECAR_OP_TAG, rel, name,
			    argv[ch][0] == '+' ? SIDECAR_PERSON : -1);
		}
		/* The content's fingerprint lets the tags follow a file moved. */
		if ((fp = sidecar_fingerprint(argv[i])) != NULL)
			sidecar_ops_add(&ops, SIDECAR_OP_FINGERPRINT, rel, fp, 0);
		free(fp);
		free(rel);
	}
	if (rc == 0)
		rc = cmd_tag_commit(path, &ops);
	sidecar_ops_free(&ops);
	free(path);
	return rc;

usage:
	fputs("usage: rubric tag [--sidecar FILE] [+TAG|-TAG]... -- FILE...\n", stderr);
	return 2;
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
	char			*path, *rel, *text = NULL;
	size_t			 len = 0, cap = 0, n;
	int			 ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "s:", longopts, NULL)) != -1) {
		if (ch != 's')
			goto usage;
		given = optarg;
	}
	if (argc - optind < 1 || argc - optind > 2)
		goto usage;
	if ((path = cmd_tag_sidecar(given, argv[optind])) == NULL)
		return 1;
	if ((rel = sidecar_relative(path, argv[optind])) == NULL) {
		fprintf(stderr, "rubric: %s: %s\n", argv[optind], errno == ENOENT ?
		    strerror(errno) : "not below the sidecar's directory");
		free(path);
		return 1;
	}
	if (argc - optind == 1) {
		/* No text: print the note exactly as it is. */
		memset(&d, 0, sizeof d);
		rc = sidecar_load(&s, path, &d);
		diag_print(&d, stderr);
		if (rc == 0 && (e = sidecar_entry(&s, rel, 0)) != NULL && e->note != NULL)
			fputs(e->note, stdout);
		sidecar_free(&s);
		diag_free(&d);
		free(rel);
		free(path);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(argv[optind + 1], "-") == 0) {
		do {
			if (len + 1 >= cap) {
				cap = cap ? cap * 2 : 4096;
				text = xreallocarray(text, cap, 1);
			}
			n = fread(text + len, 1, cap - len - 1, stdin);
			len += n;
		} while (n > 0);
		text[len] = '\0';
		if (ferror(stdin) || memchr(text, '\0', len) != NULL) {
			fprintf(stderr, "rubric: standard input: %s\n", ferror(stdin) ?
			    strerror(errno) : "a NUL byte in the note");
			free(text);
			free(rel);
			free(path);
			return 1;
		}
	} else
		text = xstrdup(argv[optind + 1]);
	memset(&ops, 0, sizeof ops);
	sidecar_ops_add(&ops, SIDECAR_OP_NOTE, rel, *text != '\0' ? text : NULL, 0);
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

int
cmd_tags(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "sidecar",	required_argument,	NULL, 's' },
		{ NULL,		0,			NULL, 0 }
	};
	struct sidecar	 s;
	struct diag	 d;
	const char	*given = NULL;
	char		*path, **names = NULL;
	size_t		 i, j, k, n = 0, (*counts)[3] = NULL;
	int		 ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "s:", longopts, NULL)) != -1) {
		if (ch != 's') {
			fputs("usage: rubric tags [--sidecar FILE] [PATH]\n", stderr);
			return 2;
		}
		given = optarg;
	}
	if (argc - optind > 1) {
		fputs("usage: rubric tags [--sidecar FILE] [PATH]\n", stderr);
		return 2;
	}
	if ((path = cmd_tag_sidecar(given, optind < argc ? argv[optind] : ".")) == NULL)
		return 1;
	memset(&d, 0, sizeof d);
	rc = sidecar_load(&s, path, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc == -1) {
		free(path);
		return 1;
	}
	/* Every tag with how many articles carry it by hand, by a theme, and turned
	   down; tab-separated, in byte order of the names. */
	for (i = 0; i < s.n; i++)
		for (j = 0; j < s.v[i].ntags; j++) {
			const struct sidecar_tag	*t = &s.v[i].tags[j];

			for (k = 0; k < n && strcmp(names[k], t->name) != 0; k++)
				;
			if (k == n) {
				names = xreallocarray(names, n + 1, sizeof *names);
				counts = xreallocarray(counts, n + 1, sizeof *counts);
				names[n] = t->name;
				memset(counts[n], 0, sizeof counts[n]);
				n++;
			}
			counts[k][t->origin]++;
		}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char	*tn = names[j];
			size_t	 tc[3];

			names[j] = names[j - 1];
			names[j - 1] = tn;
			memcpy(tc, counts[j], sizeof tc);
			memcpy(counts[j], counts[j - 1], sizeof tc);
			memcpy(counts[j - 1], tc, sizeof tc);
		}
	printf("manual\tauto\trejected\ttag\n");
	for (i = 0; i < n; i++)
		printf("%zu\t%zu\t%zu\t%s\n", counts[i][SIDECAR_PERSON],
		    counts[i][SIDECAR_THEME], counts[i][SIDECAR_REJECTED], names[i]);
	free(names);
	free(counts);
	sidecar_free(&s);
	free(path);
	return 0;
}
