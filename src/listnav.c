/* Moving through a list (listnav.h): the step an action makes is worked out in one
   place, then clamped to the list, and for a selection taken on to a row that can be
   selected. */
#include <stddef.h>

#include "listnav.h"

static int	listnav_step(const struct listnav *, enum action, size_t, size_t,
		    size_t *, int *);
static int	listnav_ok(const struct listnav *, size_t);

/* Where a takes pos in a list whose last place is last, and which way to look for
   a row that can be selected if that one cannot (-1 back, 1 on). Half a page is
   (page + 1) / 2, half rounded up: a list of one row still moves, and two half pages
   never fall short of a page. Returns 0 if a is no move. */
static int
listnav_step(const struct listnav *n, enum action a, size_t pos, size_t last,
    size_t *to, int *dir)
{
	size_t	 page = n->page > 0 ? n->page : 1, step;

	/* A list that shrank under its cursor: moving starts from its end. */
	if (pos > last)
		pos = last;
	switch (a) {
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		step = a == ACT_DOWN ? 1 : a == ACT_PAGE_DOWN ? page : (page + 1) / 2;
		*to = pos + step > last || pos + step < pos ? last : pos + step;
		/* One down looks further on; a page that ends on a heading
		   stops short of it. */
		*dir = a == ACT_DOWN ? 1 : -1;
		return 1;
	case ACT_UP:
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		step = a == ACT_UP ? 1 : a == ACT_PAGE_UP ? page : (page + 1) / 2;
		*to = pos > step ? pos - step : 0;
		*dir = a == ACT_UP ? -1 : 1;
		return 1;
	case ACT_TOP:
		*to = 0;
		*dir = 1;
		return 1;
	case ACT_BOTTOM:
		*to = last;
		*dir = -1;
		return 1;
	default:
		return 0;
	}
}

static int
listnav_ok(const struct listnav *n, size_t i)
{
	return i < n->count && (n->selectable == NULL || n->selectable(i, n->arg));
}

int
listnav_select(const struct listnav *n, enum action a, size_t *sel)
{
	size_t	 to;
	int	 dir;

	if (!listnav_step(n, a, *sel, n->count > 0 ? n->count - 1 : 0, &to, &dir))
		return 0;
	if (n->count == 0)
		return 1;
	/* One up from the first row, or down from the last, stays: there is
	   nothing that way. */
	if ((a == ACT_UP || a == ACT_DOWN) && to == *sel)
		return 1;
	while (!listnav_ok(n, to)) {
		if (dir < 0 ? to == 0 : to + 1 >= n->count)
			return 1;
		to = dir < 0 ? to - 1 : to + 1;
	}
	*sel = to;
	return 1;
}

int
listnav_scroll(const struct listnav *n, enum action a, size_t *top)
{
	size_t	 page = n->page > 0 ? n->page : 1, to;
	int	 dir;

	if (!listnav_step(n, a, *top, n->count > page ? n->count - page : 0, &to,
	    &dir))
		return 0;
	*top = to;
	return 1;
}

void
listnav_show(size_t sel, size_t *top, size_t count, size_t rows)
{
	if (rows < 1)
		rows = 1;
	if (sel < *top)
		*top = sel;
	else if (sel >= *top + rows)
		*top = sel - rows + 1;
	if (*top + rows > count)
		*top = count > rows ? count - rows : 0;
}
