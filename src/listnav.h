/* Moving through a list: the one meaning of up, down, a page, half a page, top and
   bottom that the article list, the sidebar, keywords in context and the help screen
   share. A list either has a selection (a row picked, kept in view) or only scrolls
   (the help screen: what moves is its top row). */
#ifndef RUBRIC_LISTNAV_H
#define RUBRIC_LISTNAV_H

#include <stddef.h>

#include "keys.h"

struct listnav {
	size_t	 count;		/* rows in the list */
	size_t	 page;		/* rows a page moves: those the list shows; 0 is 1 */
	/* Whether row i can be selected (a sidebar's headings cannot); NULL: all. */
	int	(*selectable)(size_t i, void *arg);
	void	*arg;
};

/* Moves the selection *sel by a, one of ACT_UP to ACT_BOTTOM, onto a row that can be
   selected; if there is none that way, *sel stays. Returns 0 (and leaves *sel) for any
   other action, else 1. */
int	listnav_select(const struct listnav *, enum action a, size_t *sel);
/* Moves the top row *top of a list without selection by a, so that the last page
   still fills the rows: *top is at most count - page. Returns as listnav_select(). */
int	listnav_scroll(const struct listnav *, enum action a, size_t *top);
/* Moves *top so that row sel is among the rows shown from it, and no rows are left
   empty below the list's end that earlier rows could fill. */
void	listnav_show(size_t sel, size_t *top, size_t count, size_t rows);

#endif
