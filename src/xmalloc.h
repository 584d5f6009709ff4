/* Allocation that never returns NULL: running out of memory is fatal. */
#ifndef RUBRIC_XMALLOC_H
#define RUBRIC_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
/* nmemb x size bytes, not zeroed, at a 2 MB boundary and in huge pages whole, for
   an array that a pass fills from end to end (a million articles' pointers):
   freed by free(). Where xmalloc() asks for the huge pages within the block,
   its ends stay in small ones, a fault for each 4 kB. */
void	*xmalloc_filled(size_t nmemb, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* n bytes of memory of their own (a mapping, in huge pages where the kernel gives
   them: see xmalloc.c), zeroed, for a buffer whose every page is used again and
   again; given back by xunmap() with the same n. */
void	*xmap(size_t n);
void	 xunmap(void *, size_t n);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Gives the system back the pages of what has been freed, after a pass that made
   and freed a great many small things (the heads' reading, the counting): the
   allocator keeps them otherwise, and they count in the peak of the steps
   after. */
void	 xtrim(void);

#endif
