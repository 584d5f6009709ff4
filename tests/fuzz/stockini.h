/* Reading a sidecar as another tool would: with stock iniparser and the published
   decoders only (sidecar_name_decode, sidecar_value_decode), nothing of sidecar.c's
   loader. Free of cmocka, so that tests/unit/test_sidecar.c can share it. */
#ifndef RUBRIC_STOCKINI_H
#define RUBRIC_STOCKINI_H

#include <iniparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sidecar.h"

/* Whether a and b are equal but for the case of ASCII letters, which iniparser
   folds in names. */
static inline int
stockini_fold_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) !=
		    (*b >= 'A' && *b <= 'Z' ? *b + 32 : *b))
			return 0;
	return *a == *b;
}

/* The value of key in section sec, joined from KEY.0000, KEY.0001... when it was
   cut, and decoded. Returns 0 and *out (caller frees; NULL when the key is absent),
   or -1 when a piece does not decode. */
static inline int
stockini_value(const dictionary *d, const char *sec, const char *key, char **out)
{
	const char	*v;
	char		*joined = NULL, *k;
	size_t		 len = 0, n, i;

	*out = NULL;
	n = strlen(sec) + strlen(key) + 16;
	if ((k = malloc(n)) == NULL)
		abort();
	snprintf(k, n, "%s:%s", sec, key);
	if ((v = iniparser_getstring(d, k, NULL)) != NULL)
		joined = strdup(v);
	else
		for (i = 0;; i++) {
			snprintf(k, n, "%s:%s.%04zu", sec, key, i);
			if ((v = iniparser_getstring(d, k, NULL)) == NULL)
				break;
			if ((joined = realloc(joined, len + strlen(v) + 1)) == NULL)
				abort();
			memcpy(joined + len, v, strlen(v) + 1);
			len += strlen(v);
		}
	free(k);
	if (joined == NULL)
		return 0;
	*out = sidecar_value_decode(joined);
	free(joined);
	return *out == NULL ? -1 : 0;
}

/* The article path of section sec ('article "PATH"', as iniparser folds its case):
   PATH decoded, or for a long path ("#" and a hash) its path key. Caller frees; NULL
   if malformed. */
static inline char *
stockini_path(const dictionary *d, const char *sec)
{
	char	*p, *q;
	size_t	 n = strlen(sec);

	if (strncmp(sec, "article ", 8) != 0)
		return NULL;
	if (sec[8] == '"') {
		if (n < 10 || sec[n - 1] != '"' || (q = strndup(sec + 9, n - 10)) == NULL)
			return NULL;
		p = sidecar_value_decode(q);
		free(q);
		return p;
	}
	if (sec[8] != '#')
		return NULL;
	if (stockini_value(d, sec, "path", &p) == -1)
		return NULL;
	return p;
}

#endif
