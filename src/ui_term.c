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
		diag_say("TERM is not set");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		diag_say("%s: %s", term, err == 0 ?
		    "unknown terminal type" : "no terminfo database");
		return -1;
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		diag_say("%s: the terminal cannot address the cursor",
		    term);
		del_curterm(cur_term);
		return -1;
	}
	del_curterm(cur_term);
	return 0;
}
