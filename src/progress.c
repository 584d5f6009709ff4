/* The one place a long job asks its watcher how far it is, so that "nobody watches"
   (a NULL progress) is decided once and not at every call. */
#include "progress.h"

int
progress_report(const struct progress *p, size_t done, size_t total)
{
	if (p == NULL || p->fn == NULL)
		return 0;
	return p->fn(p->arg, done, total) != 0;
}
