/* Fuzzes the sidecar both ways.
   (a) The input as a .rubric.ini: loading it must not crash, and what loads is a
   fixpoint: written and loaded again it gives the same entries, and written again
   the same bytes.
   (b) The input as entries to store, fields separated by NUL bytes: a path, a note,
   tags separated by commas, then the next entry. sidecar_write() makes a file that
   stock iniparser loads, in which it finds, with the published decoder and folding
   case as it does, a section for each, and each one's note, read flag and tags. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "stockini.h"

#include "sidecar.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct fuzz_file	 in, out;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_locale();
	fuzz_file_open(&in);
	fuzz_file_open(&out);
	return 0;
}

/* An entry with nothing in it is not written, unless its section holds lines that
   are not facts (a key rubric does not know), which a save keeps under it. */
static int
fuzz_empty(const struct sidecar_entry *e)
{
	return e->note == NULL && e->ntags == 0 && !e->read && e->fingerprint == NULL &&
	    e->npassages == 0;
}

static int
fuzz_streq(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Two passages say the same: texts, offsets, codes and note. */
static void
fuzz_same_passage(const struct sidecar_passage *p, const struct sidecar_passage *q)
{
	size_t	 k;

	FUZZ_CHECK(strcmp(p->id, q->id) == 0 && strcmp(p->quote, q->quote) == 0 &&
	    strcmp(p->before, q->before) == 0 && strcmp(p->after, q->after) == 0);
	FUZZ_CHECK(p->start == q->start && p->end == q->end);
	FUZZ_CHECK(fuzz_streq(p->note, q->note) && p->ntags == q->ntags);
	for (k = 0; k < p->ntags; k++)
		FUZZ_CHECK(strcmp(p->tags[k].name, q->tags[k].name) == 0 &&
		    p->tags[k].origin == q->tags[k].origin);
}

/* The entries of b that are not empty are exactly those of a. */
static void
fuzz_same(const struct sidecar *a, const struct sidecar *b)
{
	const struct sidecar_entry	*x, *y;
	size_t				 i, j = 0, k;

	for (i = 0; i < a->n; i++) {
		x = &a->v[i];
		if (fuzz_empty(x))
			continue;
		while (j < b->n && fuzz_empty(&b->v[j]))
			j++;
		FUZZ_CHECK(j < b->n);
		y = &b->v[j++];
		FUZZ_CHECK(strcmp(x->path, y->path) == 0 && x->read == y->read);
		FUZZ_CHECK(fuzz_streq(x->note, y->note));
		FUZZ_CHECK(fuzz_streq(x->fingerprint, y->fingerprint));
		FUZZ_CHECK(x->ntags == y->ntags);
		for (k = 0; k < x->ntags; k++)
			FUZZ_CHECK(strcmp(x->tags[k].name, y->tags[k].name) == 0 &&
			    x->tags[k].origin == y->tags[k].origin);
		FUZZ_CHECK(x->npassages == y->npassages);
		for (k = 0; k < x->npassages; k++)
			fuzz_same_passage(&x->passages[k], &y->passages[k]);
	}
	while (j < b->n && fuzz_empty(&b->v[j]))
		j++;
	FUZZ_CHECK(j == b->n);
}

/* Writes s to the scratch file out and loads it into r, which must go without an
   error (a key or article given twice in the input is kept, and warned about
   again). Returns the bytes written (caller frees) and their length in *len. */
static char *
fuzz_save(const struct sidecar *s, struct sidecar *r, size_t *len)
{
	struct diag	 d;
	char		*text = NULL;
	FILE		*f;

	FUZZ_CHECK((f = open_memstream(&text, len)) != NULL);
	FUZZ_CHECK(sidecar_write(s, f) == 0);
	fclose(f);
	fuzz_file_put(&out, text, *len);
	memset(&d, 0, sizeof d);
	if (sidecar_load(r, out.path, &d) == -1 || d.nerrors > 0) {
		fprintf(stderr, "%s\n", d.n > 0 ? d.msgs[0].text : "load failed");
		FUZZ_CHECK(!"what sidecar_write writes loads without an error");
	}
	diag_free(&d);
	return text;
}

/* (a) */
static void
fuzz_load(const uint8_t *data, size_t size)
{
	struct sidecar	 s, r, r2;
	struct diag	 d;
	char		*t1, *t2;
	size_t		 l1, l2;

	fuzz_file_put(&in, data, size);
	memset(&d, 0, sizeof d);
	if (sidecar_load(&s, in.path, &d) == -1) {
		FUZZ_CHECK(s.n == 0 && d.nerrors > 0);
		fuzz_quoted(&d);
		diag_free(&d);
		return;
	}
	fuzz_quoted(&d);
	diag_free(&d);
	t1 = fuzz_save(&s, &r, &l1);
	fuzz_same(&s, &r);
	t2 = fuzz_save(&r, &r2, &l2);
	FUZZ_CHECK(l1 == l2 && memcmp(t1, t2, l1) == 0);
	free(t1);
	free(t2);
	sidecar_free(&s);
	sidecar_free(&r);
	sidecar_free(&r2);
}

/* A path as rubric stores it (sidecar_relative): relative, without empty, "." or
   ".." components. */
static int
fuzz_path_ok(const char *p)
{
	const char	*c = p, *e;

	if (*p == '\0' || *p == '/')
		return 0;
	for (;;) {
		e = strchr(c, '/');
		if (e == NULL)
			e = c + strlen(c);
		if (e == c || (e - c == 1 && c[0] == '.') ||
		    (e - c == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (*e == '\0')
			return 1;
		c = e + 1;
	}
}

/* The entries of s that are not empty and whose path folds to p, and the last. */
static size_t
fuzz_folded(const struct sidecar *s, const char *p, const struct sidecar_entry **e)
{
	size_t	 i, n = 0;

	for (i = 0; i < s->n; i++)
		if (!fuzz_empty(&s->v[i]) && stockini_fold_eq(s->v[i].path, p)) {
			*e = &s->v[i];
			n++;
		}
	return n;
}

/* What stock iniparser finds in the file out: one section per entry of s that is not
   empty (entries whose paths differ only in case share one), with its note, read flag
   and tags. */
static void
fuzz_stock(const struct sidecar *s)
{
	dictionary			*d;
	static const char *const	 origins[] = { "person", "theme", "rejected" };
	const struct sidecar_entry	*e = NULL, *o;
	const char			*sec, **keys, *v;
	char				*p, *note, *name, k[4096];
	size_t				 i, t, nentries = 0, ntags, nfolded;
	int				 nsec, nkeys, j;

	FUZZ_CHECK((d = iniparser_load(out.path)) != NULL);
	for (i = 0; i < s->n; i++)
		if (!fuzz_empty(&s->v[i]) && fuzz_folded(s, s->v[i].path, &o) > 0 &&
		    o == &s->v[i])
			nentries++;
	nsec = iniparser_getnsec(d);
	FUZZ_CHECK(nsec >= 0 && (size_t)nsec == nentries);
	for (j = 0; j < nsec; j++) {
		sec = iniparser_getsecname(d, j);
		FUZZ_CHECK(sec != NULL && (p = stockini_path(d, sec)) != NULL);
		nfolded = fuzz_folded(s, p, &e);
		free(p);
		FUZZ_CHECK(nfolded > 0);
		if (nfolded > 1)
			continue;	/* merged by iniparser */
		FUZZ_CHECK(stockini_value(d, sec, "note", &note) == 0);
		FUZZ_CHECK(fuzz_streq(note, e->note));
		free(note);
		snprintf(k, sizeof k, "%s:read", sec);
		v = iniparser_getstring(d, k, NULL);
		FUZZ_CHECK(e->read ? v != NULL && strcmp(v, "yes") == 0 : v == NULL);
		/* Tags: every tag "NAME" key of the section names a tag of the entry
		   (folded), with its origin when no other tag folds alike. */
		nkeys = iniparser_getsecnkeys(d, sec);
		FUZZ_CHECK((keys = calloc((size_t)nkeys + 1, sizeof *keys)) != NULL);
		iniparser_getseckeys(d, sec, keys);
		for (i = 0, ntags = 0; i < (size_t)nkeys; i++) {
			const char	*kk = keys[i] + strlen(sec) + 1;
			size_t		 same = 0, hit = 0;

			if (strncmp(kk, "tag \"", 5) != 0)
				continue;
			FUZZ_CHECK((p = strndup(kk + 5, strlen(kk + 5) - 1)) != NULL);
			name = sidecar_value_decode(p);
			free(p);
			FUZZ_CHECK(name != NULL);
			for (t = 0; t < e->ntags; t++)
				if (stockini_fold_eq(e->tags[t].name, name)) {
					same++;
					hit = t;
				}
			FUZZ_CHECK(same > 0);
			v = iniparser_getstring(d, keys[i], NULL);
			FUZZ_CHECK(v != NULL && (same > 1 ||
			    strcmp(v, origins[e->tags[hit].origin]) == 0));
			free(name);
			ntags += same;
		}
		FUZZ_CHECK(ntags == e->ntags);
		free(keys);
	}
	iniparser_freedict(d);
}

/* (b) */
static void
fuzz_store(const uint8_t *data, size_t size)
{
	struct sidecar		 s, r;
	struct sidecar_entry	*e;
	char			*buf, *p, *end, *path, *note, *tags, *tag, *text, none[1];
	size_t			 len, ntag;

	/* NUL-terminated fields: the copy ends in one more NUL. */
	FUZZ_CHECK((buf = malloc(size + 1)) != NULL);
	memcpy(buf, data, size);
	buf[size] = '\0';
	end = buf + size;
	sidecar_init(&s);
	for (p = buf; p < end;) {
		path = p;
		p += strlen(p) + 1;
		note = p < end ? p : NULL;
		p += note != NULL ? strlen(p) + 1 : 0;
		none[0] = '\0';
		tags = p < end ? p : none;
		p += p < end ? strlen(p) + 1 : 0;
		if (!fuzz_path_ok(path))
			continue;
		e = sidecar_entry(&s, path, 1);
		sidecar_note_set(e, note);
		e->read = strlen(path) % 2;
		for (ntag = 0; (tag = strsep(&tags, ",")) != NULL; ntag++)
			if (sidecar_tag_check(tag, NULL) == 0)
				sidecar_tag_set(e, tag, (int)(ntag % 3));
	}
	text = fuzz_save(&s, &r, &len);
	fuzz_same(&s, &r);
	fuzz_stock(&s);
	free(text);
	sidecar_free(&s);
	sidecar_free(&r);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_load(data, size);
	fuzz_store(data, size);
	return 0;
}
