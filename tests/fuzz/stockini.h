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

/* The article path of section sec ("article NAME"): NAME decoded, or for a long path
   (NAME is "#" and a hash) its path key. Caller frees; NULL if malformed. */
static inline char *
stockini_path(const dictionary *d, const char *sec)
{
	char	*p;

	if (strncmp(sec, "article ", 8) != 0)
		return NULL;
	if (sec[8] != '#')
		return sidecar_name_decode(sec + 8);
	if (stockini_value(d, sec, "path", &p) == -1)
		return NULL;
	return p;
}

#endif
