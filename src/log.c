/* fatal() for failures of the environment, and a debug log that goes to the file named by
   $RUBRIC_LOG (never to the terminal, which curses owns while the screen is up). */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "glyph.h"
#include "log.h"

void	(*log_fatal_hook)(void);

static FILE	*log_file;
static int	 log_opened;

void
fatal(const char *fmt, ...)
{
	static pthread_mutex_t	 once = PTHREAD_MUTEX_INITIALIZER;
	va_list			 ap;
	char			 msg[1024];
	int			 n;

	/* Two threads that fail at once would print into each other; the second
	   waits here until the first has ended the process. */
	pthread_mutex_lock(&once);
	if (log_fatal_hook != NULL) {
		void	(*hook)(void) = log_fatal_hook;

		log_fatal_hook = NULL;
		hook();
	}
	/* Formatted without memory, which may be what ran out; quoted, as a path
	   may be in it. */
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fputs("rubric: ", stderr);
	glyph_fquote(stderr, msg, n < 0 ? 0 : (size_t)n < sizeof msg ? (size_t)n :
	    sizeof msg - 1);
	fputc('\n', stderr);
	exit(1);
}

void
log_debug(const char *fmt, ...)
{
	va_list		 ap;
	const char	*path;

	if (!log_opened) {
		log_opened = 1;
		if ((path = getenv("RUBRIC_LOG")) != NULL && *path != '\0')
			log_file = fopen(path, "a");
	}
	if (log_file == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
	fflush(log_file);
}

void
log_mark(const char *what)
{
	static struct timespec	 t0;
	static int		 started;
	struct timespec		 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (!started) {
		started = 1;
		t0 = t;
	}
	log_debug("at %.3f s: %s", (double)(t.tv_sec - t0.tv_sec) +
	    (double)(t.tv_nsec - t0.tv_nsec) / 1e9, what);
}
