/* The status line's words, apart from curses: counts as a reader takes them in at a
   glance, and the recent messages that the status line showed one at a time. */
#ifndef RUBRIC_STATUS_H
#define RUBRIC_STATUS_H

#include <stddef.h>

#define STATUS_LOG_MAX	50	/* messages kept; older ones go */
#define STATUS_MSG_MAX	256	/* bytes of one message, its NUL included */

struct status_msg {
	char	 text[STATUS_MSG_MAX];
	int	 error;
	int	 repeat;	/* times said again in a row, after the first */
};

/* A ring of the last STATUS_LOG_MAX messages. Zeroed, it is empty. */
struct status_log {
	struct status_msg	 v[STATUS_LOG_MAX];
	size_t			 next;	/* where the next one goes */
	size_t			 n;
};

/* Writes n with thousands separators ("12,345") into buf. Returns buf. */
char	*status_count(char *buf, size_t size, size_t n);
/* Writes n in at most four columns ("999", "12k", "1.2M", "3.4G"), rounded down so
   that a count is never shown larger than it is. Returns buf. */
char	*status_short(char *buf, size_t size, size_t n);
/* Keeps a message, cut to STATUS_MSG_MAX - 1 bytes (at a UTF-8 boundary); the same
   message again counts as a repeat instead of taking another place. */
void	 status_log_add(struct status_log *, int error, const char *text);
/* Message i, 0 the most recent, or NULL past the last kept. Borrowed until the next
   status_log_add(). */
const struct status_msg *status_log_get(const struct status_log *, size_t i);

#endif
