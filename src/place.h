/* Places: memory for a great many small things made one after another and let go all
   at once (a walk's articles, the heads the head store gives them). Each is taken
   from the end of one reserved mapping: no allocator's header or rounding per thing,
   no arena of a thread's left half empty, and a page fault for each 2 MB rather than
   each 4 kB where the kernel gives huge pages. One thread takes from a place at a
   time; whoever opened it closes it, after the last thing in it is let go. */
#ifndef RUBRIC_PLACE_H
#define RUBRIC_PLACE_H

#include <stddef.h>

struct place {
	char	*lo;		/* the mapping, NULL when there is none */
	char	*at;		/* the next thing goes here */
	char	*hi;		/* the mapping's end */
};

#define PLACE_INIT	{ NULL, NULL, NULL }

/* Reserves len bytes of address space, which take memory only as they are written.
   -1 when the system will not give them (overcommit turned off), or when there is
   a limit on address space at all (RLIMIT_AS, ulimit -v), which a reservation
   would count against: the place stays empty and place_take() gives NULL, so that
   the caller allocates as it would have. */
int	 place_open(struct place *, size_t len);
/* n bytes, aligned to 8 and zeroed; NULL when the place is not open or is full. */
void	*place_take(struct place *, size_t n);
/* Whether p is within the place's mapping. */
int	 place_has(const struct place *, const void *p);
void	 place_close(struct place *);

#endif
