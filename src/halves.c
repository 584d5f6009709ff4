/* Two halves of a pass, one on a thread of its own (halves.h). */
#include <pthread.h>

#include "halves.h"

void
halves_run(void *(*fn)(void *), void *first, void *second, size_t n)
{
	pthread_t	 t;
	int		 started;

	started = n >= HALVES_MIN && pthread_create(&t, NULL, fn, second) == 0;
	fn(first);
	if (started)
		pthread_join(t, NULL);
	else
		fn(second);
}
