/* How a long job of the core (a filter or search that reads every article, the walk of
   keywords in context) says how far it is and takes a stop request: one callback type,
   so that the screen gives one watcher (ui_watch.c) to every job, and tests their own. */
#ifndef RUBRIC_PROGRESS_H
#define RUBRIC_PROGRESS_H

#include <stddef.h>

/* fn is called before each step with how many are done of how many; it returns 1
   when a person asked the job to stop. arg is the caller's, passed back. */
struct progress {
	int	(*fn)(void *arg, size_t done, size_t total);
	void	*arg;
};

/* Reports done of total to p (NULL: nobody watches). Returns 1 if the job is to stop. */
int	progress_report(const struct progress *p, size_t done, size_t total);

#endif
