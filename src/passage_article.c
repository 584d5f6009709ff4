/* An article's passages placed in its file as it is now (passage_article.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "export_safe.h"
#include "passage_article.h"
#include "xmalloc.h"

size_t
passage_article_spots(const struct article *a, const struct sidecar_entry *e,
    struct passage_spot **out, int *err)
{
	struct body	 b;
	size_t		 n;

	*out = NULL;
	*err = 0;
	if (e == NULL || e->npassages == 0)
		return 0;
	if (article_read(a, &b) == -1) {
		*err = errno;
		return passage_article_place(e, NULL, 0, out);
	}
	n = passage_article_place(e, b.buf, b.len, out);
	article_body_free(&b);
	return n;
}

size_t
passage_article_place(const struct sidecar_entry *e, const char *text, size_t len,
    struct passage_spot **out)
{
	size_t	 i;

	*out = NULL;
	if (e == NULL || e->npassages == 0)
		return 0;
	if (text != NULL)
		return passage_spots(e, text, len, out);
	/* Unreadable is not "the quotes are gone", but the passages are still the
	   person's work: each at its hint, as an orphan. */
	*out = xreallocarray(NULL, e->npassages, sizeof **out);
	for (i = 0; i < e->npassages; i++) {
		(*out)[i].p = &e->passages[i];
		(*out)[i].start = e->passages[i].start;
		(*out)[i].end = e->passages[i].end;
		(*out)[i].state = PASSAGE_ORPHAN;
	}
	return e->npassages;
}

json_t *
passage_article_json(const struct passage_spot *s)
{
	const struct sidecar_passage	*p = s->p;
	json_t				*o = json_object(), *tags = json_array();
	size_t				 k;

	json_object_set_new(o, "id", json_string(p->id));
	json_object_set_new(o, "quote", export_json_string(p->quote,
	    strlen(p->quote)));
	json_object_set_new(o, "start", json_integer((json_int_t)s->start));
	json_object_set_new(o, "end", json_integer((json_int_t)s->end));
	json_object_set_new(o, "state", json_string(passage_state_name(s->state)));
	for (k = 0; k < p->ntags; k++)
		if (p->tags[k].origin != SIDECAR_REJECTED)
			json_array_append_new(tags, export_json_string(
			    p->tags[k].name, strlen(p->tags[k].name)));
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "note", p->note != NULL ?
	    export_json_string(p->note, strlen(p->note)) : json_null());
	return o;
}

char *
passage_article_codes(const struct sidecar_passage *p)
{
	char	*s;
	size_t	 k, len = 1, at = 0, n;

	for (k = 0; k < p->ntags; k++)
		len += strlen(p->tags[k].name) + 1;
	s = xmalloc(len);
	s[0] = '\0';
	for (k = 0; k < p->ntags; k++) {
		if (p->tags[k].origin == SIDECAR_REJECTED)
			continue;
		if (at > 0)
			s[at++] = ',';
		n = strlen(p->tags[k].name);
		memcpy(s + at, p->tags[k].name, n);
		at += n;
		s[at] = '\0';
	}
	return s;
}
