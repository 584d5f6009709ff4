/* The terminal check before curses starts. <term.h> defines a macro for every terminfo
   capability name, so it is kept out of every other file. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#include "tui.h"

int
ui_term_check(void)
{
	const char	*term = getenv("TERM"), *cup;
	int		 err;

	if (term == NULL || *term == '\0') {
		fprintf(stderr, "rubric: TERM is not set\n");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, "rubric: %s: %s\n", term, err == 0 ?
		    "unknown terminal type" : "no terminfo database");
		return -1;
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		fprintf(stderr, "rubric: %s: the terminal cannot address the cursor\n",
		    term);
		del_curterm(cur_term);
		return -1;
	}
	del_curterm(cur_term);
	return 0;
}
