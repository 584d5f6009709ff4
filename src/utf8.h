/* Strict UTF-8 decoding: overlong forms, surrogates and values past U+10FFFF are invalid,
   so that every byte of an article is either part of a valid character or shown as one
   invalid byte. */
#ifndef RUBRIC_UTF8_H
#define RUBRIC_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_INVALID	UINT32_MAX

/* Decodes the character at s[0..n), n > 0. Returns its length in bytes; on an invalid or
   truncated sequence returns 1 and sets *cp to UTF8_INVALID. */
size_t	utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Writes cp (a valid scalar value) to out, which has room for 4 bytes; returns the length. */
size_t	utf8_encode(uint32_t cp, char *out);
/* Length of the longest prefix of s[0..n) that is at most max bytes and does not end
   inside a valid multi-byte character. */
size_t	utf8_trim(const char *s, size_t n, size_t max);

/* A copy of s[0..n) that is valid UTF-8: each invalid byte becomes U+FFFD. Caller
   frees; *outlen gets its length. */
char	*utf8_valid_copy(const char *s, size_t n, size_t *outlen);

#endif
