/* Writing one section of the text again for its article's entry now: the lines of
   facts that did not change, comments and keys rubric does not know stay as they are,
   so that a hand edit survives a save. */
#include <stdlib.h>
#include <string.h>

#include "sidecar_text_int.h"
#include "xmalloc.h"

/* Writes section sec of l again for entry e (NULL: none): with mode 1, e's facts;
   mode 2, none (a later section of an article given twice); mode 0, the facts the
   section says itself (a section of the first format, whose article did not change).
   Lines of the facts that stay are kept as they are, lines of others (comments, keys
   rubric does not know) too; the facts that change are written in place of their
   first line, new ones in order among the others. */
void
sidecar_text_rewrite(struct buf *out, const struct sidecar_layout *l,
    const struct sidecar_text_sec *sec, const struct sidecar_entry *e, int mode)
{
	struct sidecar_text_item *it = NULL, tmp;
	struct sidecar_text_line lx;
	struct sidecar_text_kv	*kv = NULL;
	struct buf		 gen, scratch;
	struct sidecar_entry	 se, none, *want;
	struct sidecar_tag	 key, *t;
	const char		*p, *end, *nl, *eol = l->crlf ? "\r\n" : "\n";
	char			*sepath = NULL, *wantpath;
	unsigned char		*placed;
	size_t			 n = 0, nkv = 0, i, j, at, g;
	int			 keep_header, others = 0, comments = 0, rank, equal;
	enum sidecar_text_form	 form;

	memset(&gen, 0, sizeof gen);
	memset(&scratch, 0, sizeof scratch);
	buf_put(&gen, "", 0);
	/* The lines of the section, and what they say. */
	it = xreallocarray(NULL, 16, sizeof *it);
	for (p = l->text + sec->off, end = l->text + sec->end; p < end; p = nl) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl != NULL ? nl + 1 : end;
		if ((n & (n - 1)) == 0 && n >= 16)
			it = xreallocarray(it, n * 2, sizeof *it);
		memset(&it[n], 0, sizeof it[n]);
		it[n].off = (size_t)(p - l->text);
		it[n].len = (size_t)(nl - p);
		it[n].rank = -1;
		it[n].kind = (enum sidecar_text_kind)sidecar_text_lex(p, nl, &lx);
		if (it[n].kind == ST_KEY) {
			kv = xreallocarray(kv, nkv + 1, sizeof *kv);
			kv[nkv] = lx.kv;
			kv[nkv].line = (int)n;	/* here: the item it is */
			memset(&lx.kv, 0, sizeof lx.kv);
			nkv++;
		}
		comments += it[n].kind == ST_COMMENT;
		sidecar_text_line_free(&lx);
		n++;
	}
	/* Keys not read as facts are kept like any key rubric does not know. */
	sidecar_text_strays(kv, nkv, sec->form, NULL, NULL);
	for (i = 0; i < nkv; i++)
		others += kv[i].fact == ST_OTHER;
	memset(&se, 0, sizeof se);
	memset(&none, 0, sizeof none);
	se.path = none.path = sec->path;
	sidecar_text_entry(&se, kv, nkv, NULL, NULL);
	sidecar_text_joined(kv, nkv, ST_PATH, &sepath, NULL, NULL);
	want = mode == 0 ? &se : mode == 1 && e != NULL ? (struct sidecar_entry *)e :
	    &none;
	keep_header = !sidecar_text_empty(want) || others > 0;
	form = sidecar_text_form(want, &scratch);
	wantpath = keep_header && form == ST_HASH ? sec->path : NULL;
	placed = xcalloc(want->ntags + 4, 1);	/* FP, NOTE, PATH, READ, tags */
	/* Line by line: a fact that stays keeps its lines, one that changes is
	   written at its first. */
	for (i = 0; i < nkv; i++) {
		const struct sidecar_text_kv *k = &kv[i];
		struct sidecar_text_item *x = &it[k->line];

		if (k->fact == ST_OTHER)
			continue;
		t = NULL;
		if (k->fact == ST_TAG) {
			key.name = k->name;
			t = want->ntags > 0 ? bsearch(&key, want->tags, want->ntags,
			    sizeof *want->tags, sidecar_text_cmp_tag) : NULL;
		}
		switch (k->fact) {
		case ST_FP:
			equal = (want->fingerprint == NULL) == (se.fingerprint == NULL) &&
			    (se.fingerprint == NULL ||
			    strcmp(want->fingerprint, se.fingerprint) == 0);
			rank = 0;
			break;
		case ST_NOTE:
			equal = (want->note == NULL) == (se.note == NULL) &&
			    (se.note == NULL || strcmp(want->note, se.note) == 0);
			rank = 1;
			break;
		case ST_PATH:
			equal = (wantpath == NULL) == (sepath == NULL) &&
			    (sepath == NULL || strcmp(wantpath, sepath) == 0);
			rank = 2;
			break;
		case ST_READ:
			equal = want->read == se.read;
			rank = 3;
			break;
		default:
			/* As read, the tag's origin is that of its last line. */
			for (j = 0; j < se.ntags; j++)
				if (strcmp(se.tags[j].name, k->name) == 0)
					break;
			equal = t != NULL && j < se.ntags &&
			    t->origin == se.tags[j].origin;
			rank = t != NULL ? 4 + (int)(t - want->tags) : -1;
			break;
		}
		if (equal && k->old && keep_header) {
			/* The first format's line, said in the new one: each line
			   of its own, duplicates too. */
			x->gen = 1;
			x->off = gen.n;
			buf_puts(&gen, "tag \"");
			sidecar_text_quote(&gen, k->name, "=");
			buf_puts(&gen, "\" = ");
			buf_puts(&gen, k->value);
			buf_puts(&gen, eol);
			x->len = gen.n - x->off;
			x->rank = 4;
			x->name = k->name;
			x->kind = ST_KEY;
			placed[rank] = 1;
			continue;
		}
		x->kind = ST_KEY;
		x->rank = rank >= 4 ? 4 : rank;
		x->name = k->fact == ST_TAG ? k->name : NULL;
		if (equal && rank != -1 && keep_header) {
			placed[rank] = 1;
			continue;
		}
		if (rank == -1 || placed[rank] || !keep_header) {
			x->len = 0;		/* dropped */
			x->rank = -1;
			continue;
		}
		/* Written in place of the first line of the fact. */
		placed[rank] = 1;
		x->gen = 1;
		x->off = gen.n;
		if (k->fact == ST_PATH) {
			if (wantpath != NULL)
				sidecar_text_fact(&gen, want, ST_PATH, 0, eol);
		} else
			sidecar_text_fact(&gen, want, k->fact, (size_t)(rank - 4), eol);
		x->len = gen.n - x->off;
		if (x->len == 0)
			x->rank = -1;
	}
	/* The header: kept unless its form changes. */
	if (n > 0 && it[0].kind == ST_SECTION && (!keep_header || sec->form != form)) {
		if (keep_header) {
			it[0].gen = 1;
			it[0].off = gen.n;
			sidecar_text_header(&gen, sec->path, form, eol);
			it[0].len = gen.n - it[0].off;
		} else
			it[0].len = 0;
	}
	if (!keep_header && comments == 0)
		for (i = 0; i < n; i++)
			if (it[i].kind == ST_BLANK)
				it[i].len = 0;
	/* Facts not written yet go before the first fact after them, else after the
	   last fact, else after the header. */
	for (rank = 0; keep_header && (size_t)rank < want->ntags + 4; rank++) {
		if (placed[rank] || (rank == 2 && wantpath == NULL))
			continue;
		g = gen.n;
		if (rank >= 4)
			sidecar_text_fact(&gen, want, ST_TAG, (size_t)(rank - 4), eol);
		else
			sidecar_text_fact(&gen, want, rank == 0 ? ST_FP : rank == 1 ?
			    ST_NOTE : rank == 2 ? ST_PATH : ST_READ, 0, eol);
		if (gen.n == g)
			continue;
		memset(&tmp, 0, sizeof tmp);
		tmp.gen = 1;
		tmp.off = g;
		tmp.len = gen.n - g;
		tmp.rank = rank >= 4 ? 4 : rank;
		tmp.name = rank >= 4 ? want->tags[rank - 4].name : NULL;
		tmp.kind = ST_KEY;
		at = n;
		for (i = 0; i < n; i++)
			if (it[i].rank >= 0 && it[i].len > 0 && (it[i].rank > tmp.rank ||
			    (it[i].rank == 4 && tmp.rank == 4 &&
			    strcmp(it[i].name, tmp.name) > 0))) {
				at = i;
				break;
			}
		if (at == n) {
			for (i = n; i > 0; i--)
				if ((it[i - 1].rank >= 0 && it[i - 1].len > 0) ||
				    it[i - 1].kind == ST_SECTION)
					break;
			at = i;
		}
		/* The path of a section that takes the "#" form goes after every
		   key: a hand-written path = line there, kept, is read no more. */
		if (rank == 2 && sec->form != ST_HASH)
			for (at = n; at > 0; at--)
				if ((it[at - 1].kind == ST_KEY && it[at - 1].len > 0) ||
				    it[at - 1].kind == ST_SECTION)
					break;
		if ((n & (n - 1)) == 0 && n >= 16)
			it = xreallocarray(it, n * 2, sizeof *it);
		memmove(&it[at + 1], &it[at], (n - at) * sizeof *it);
		it[at] = tmp;
		n++;
		placed[rank] = 1;
	}
	for (i = 0; i < n; i++) {
		if (it[i].len == 0)
			continue;
		/* The last line of a file may lack its line end: a line added after
		   it must not join it. */
		if (out->n > 0 && out->s[out->n - 1] != '\n')
			buf_puts(out, eol);
		buf_put(out, (it[i].gen ? gen.s : l->text) + it[i].off, it[i].len);
	}
	free(placed);
	free(it);
	free(gen.s);
	free(scratch.s);
	free(sepath);
	sidecar_text_kvs_free(kv, nkv);
	for (j = 0; j < se.ntags; j++)
		free(se.tags[j].name);
	free(se.tags);
	free(se.note);
	free(se.fingerprint);
}
