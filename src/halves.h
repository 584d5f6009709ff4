/* A pass over a million articles cut in two: the first half here, the second on a
   thread of its own, for the passes of a command's start (the relative paths, the
   sidecar entries, the text index's digest) that each core does in half the time. */
#ifndef RUBRIC_HALVES_H
#define RUBRIC_HALVES_H

#include <stddef.h>

/* Articles below this are not worth a thread. */
#define HALVES_MIN	4096

/* Runs fn(first) here and fn(second) on a thread, both done on return; both here,
   one after the other, when n is below HALVES_MIN or no thread can be made. */
void	halves_run(void *(*fn)(void *), void *first, void *second, size_t n);

#endif
