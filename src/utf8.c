/* UTF-8 decoding and encoding. The decoder is strict (RFC 3629) so that an overlong or
   surrogate sequence can never smuggle a control character past the sanitiser. */
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 len, i;

	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		goto invalid;
	if (n < len)
		goto invalid;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto invalid;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto invalid;
	*cp = c;
	return len;
invalid:
	*cp = UTF8_INVALID;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t
utf8_trim(const char *s, size_t n, size_t max)
{
	size_t		 pos = 0, len;
	uint32_t	 cp;

	while (pos < n) {
		len = utf8_decode(s + pos, n - pos, &cp);
		if (pos + len > max)
			break;
		pos += len;
	}
	return pos;
}

char *
utf8_valid_copy(const char *s, size_t n, size_t *outlen)
{
	char		*out = xmalloc(n * 3 + 1);
	size_t		 pos = 0, o = 0, len;
	uint32_t	 cp;

	while (pos < n) {
		len = utf8_decode(s + pos, n - pos, &cp);
		if (cp == UTF8_INVALID)
			o += utf8_encode(0xfffd, out + o);
		else {
			memcpy(out + o, s + pos, len);
			o += len;
		}
		pos += len;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}
