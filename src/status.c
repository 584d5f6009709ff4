/* The status line's words: counts with separators or in four columns, and the ring of
   recent messages that the message history shows, most recent first. */
#include <stdio.h>
#include <string.h>

#include "status.h"

char *
status_count(char *buf, size_t size, size_t n)
{
	char	 digits[32], *p;
	size_t	 len, i, out = 0;

	len = (size_t)snprintf(digits, sizeof digits, "%zu", n);
	if (size == 0)
		return buf;
	for (i = 0, p = buf; i < len && out + 1 < size; i++) {
		/* A comma before each group of three digits but the first. */
		if (i > 0 && (len - i) % 3 == 0) {
			if (out + 2 >= size)
				break;
			p[out++] = ',';
		}
		p[out++] = digits[i];
	}
	p[out] = '\0';
	return buf;
}

char *
status_short(char *buf, size_t size, size_t n)
{
	static const char	 units[] = "kMGTPE";
	size_t			 scale = 1000, u = 0;

	if (n < 1000) {
		snprintf(buf, size, "%zu", n);
		return buf;
	}
	/* The largest unit that leaves a whole part under 1000. */
	while (u + 1 < sizeof units - 1 && n / scale >= 1000) {
		scale *= 1000;
		u++;
	}
	if (n / scale < 10)
		snprintf(buf, size, "%zu.%zu%c", n / scale, n % scale / (scale / 10),
		    units[u]);
	else
		snprintf(buf, size, "%zu%c", n / scale, units[u]);
	return buf;
}

void
status_log_add(struct status_log *lg, int error, const char *text)
{
	struct status_msg	*m;
	size_t			 len = strlen(text);

	if (lg->n > 0) {
		m = &lg->v[(lg->next + STATUS_LOG_MAX - 1) % STATUS_LOG_MAX];
		if (strncmp(m->text, text, sizeof m->text - 1) == 0 &&
		    m->error == error && len < sizeof m->text) {
			m->repeat++;
			return;
		}
	}
	m = &lg->v[lg->next];
	if (len > sizeof m->text - 1) {
		len = sizeof m->text - 1;
		/* Not in the middle of a character. */
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(m->text, text, len);
	m->text[len] = '\0';
	m->error = error;
	m->repeat = 0;
	lg->next = (lg->next + 1) % STATUS_LOG_MAX;
	if (lg->n < STATUS_LOG_MAX)
		lg->n++;
}

const struct status_msg *
status_log_get(const struct status_log *lg, size_t i)
{
	if (i >= lg->n)
		return NULL;
	return &lg->v[(lg->next + STATUS_LOG_MAX - 1 - i) % STATUS_LOG_MAX];
}
